#include "live_capacity_view.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "capacity/live_capacity.h"
#include "capacity_chart.h"
#include "heat_map_view.h"
#include "table_list_model.h"

namespace shardscape {

LiveCapacityView::LiveCapacityView(TableListModel* tables, QWidget* parent)
    : QWidget(parent), tables_(tables) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    table_ = new QComboBox(this);
    table_->setObjectName("liveTable");
    table_->setMinimumContentsLength(16);
    enforcement_ = new QComboBox(this);
    enforcement_->setObjectName("liveEnforcement");
    enforcement_->addItem(tr("Off"), "OFF");
    enforcement_->addItem(tr("Record"), "RECORD");
    enforcement_->addItem(tr("Enforce"), "ENFORCE");
    enforcement_->setToolTip(
        tr("Record: every request is admitted and counted. Enforce: requests a partition "
           "cannot serve are throttled, as DynamoDB does."));
    dimension_ = new QComboBox(this);
    dimension_->setObjectName("liveDimension");
    dimension_->addItem(tr("Writes (WCU)"));
    dimension_->addItem(tr("Reads (RCU)"));
    auto* tableLabel = new QLabel(tr("&Table:"), this);
    tableLabel->setBuddy(table_);
    auto* enforcementLabel = new QLabel(tr("Capacity &enforcement:"), this);
    enforcementLabel->setBuddy(enforcement_);
    resource_ = new QComboBox(this);
    resource_->setObjectName("liveResource");
    resource_->setToolTip(tr("The table or one of its global secondary indexes"));
    auto* dimensionLabel = new QLabel(tr("&Heat map:"), this);
    dimensionLabel->setBuddy(dimension_);
    controls->addWidget(tableLabel);
    controls->addWidget(table_);
    controls->addWidget(enforcementLabel);
    controls->addWidget(enforcement_);
    controls->addWidget(resource_);
    controls->addWidget(dimensionLabel);
    controls->addWidget(dimension_);
    controls->addStretch(1);
    layout->addLayout(controls);
    auto* listening = new QLabel(
        tr("Listening to real requests: the query builder, and SDKs through the local endpoint "
           "(Server menu). The last %1 minutes, refreshed every second.")
            .arg(kWindowSeconds / 60),
        this);
    listening->setWordWrap(true);
    layout->addWidget(listening);
    status_ = new QLabel(this);
    status_->setObjectName("liveStatus");
    status_->setWordWrap(true);
    layout->addWidget(status_);
    auto* split = new QSplitter(Qt::Vertical, this);
    heatMap_ = new HeatMapView(split);
    heatMap_->setObjectName("liveHeatMap");
    chart_ = new CapacityChart(split);
    chart_->setObjectName("liveCapacityChart");
    split->addWidget(heatMap_);
    split->addWidget(chart_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    timer_ = new QTimer(this);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &LiveCapacityView::refresh);
    connect(table_, &QComboBox::currentIndexChanged, this, [this] { tableChosen(); });
    connect(enforcement_, &QComboBox::currentIndexChanged, this,
            &LiveCapacityView::enforcementChosen);
    connect(dimension_, &QComboBox::currentIndexChanged, this, &LiveCapacityView::refresh);
    connect(resource_, &QComboBox::currentIndexChanged, this, [this] {
        if (!updating_) refresh();
    });
    connect(tables_, &TableListModel::tablesChanged, this, &LiveCapacityView::reloadTables);
    reloadTables();
}

void LiveCapacityView::reloadTables() {
    const QString current = table_->currentText();
    updating_ = true;
    table_->clear();
    table_->addItems(tables_->names());
    const int index = table_->findText(current);
    table_->setCurrentIndex(index >= 0 ? index : (table_->count() > 0 ? 0 : -1));
    updating_ = false;
    tableChosen();
}

void LiveCapacityView::tableChosen() {
    if (updating_) return;
    CapacityEnforcement enforcement = CapacityEnforcement::Off;
    const bool metered = tables_->capabilities().liveCapacity;
    if (metered && table_->currentIndex() >= 0)
        if (auto setting =
                tables_->backend()->capacityEnforcement(table_->currentText().toStdString()))
            enforcement = *setting;
    updating_ = true;
    enforcement_->setCurrentIndex(static_cast<int>(enforcement));
    enforcement_->setEnabled(metered && table_->currentIndex() >= 0);
    updating_ = false;
    refresh();
}

void LiveCapacityView::enforcementChosen(int index) {
    if (updating_ || !tables_->capabilities().liveCapacity || table_->currentIndex() < 0) return;
    const std::string table = table_->currentText().toStdString();
    auto updated = tables_->backend()->call(
        "UpdateTable", Json{{"TableName", table},
                            {"ShardscapeCapacityEnforcement",
                             enforcement_->itemData(index).toString().toStdString()}});
    if (!updated) {
        tableChosen();  // back to the table's setting
        status_->setText(tr("%1: %2").arg(QString::fromStdString(updated.error().name()),
                                          QString::fromStdString(updated.error().message)));
        return;
    }
    refresh();
}

void LiveCapacityView::clearResources() {
    updating_ = true;
    resource_->clear();
    updating_ = false;
}

void LiveCapacityView::refresh() {
    const std::shared_ptr<Backend>& backend = tables_->backend();
    auto blank = [this](const QString& why) {
        clearResources();
        heatMap_->setHeatMap({});
        chart_->setResource({});
        status_->setText(why);
    };
    if (!backend) return blank(tr("No engine is open."));
    if (!tables_->capabilities().liveCapacity)
        return blank(tr("Live metering shows the local engine's requests: it is not available "
                        "on %1.")
                         .arg(QString::fromStdString(backend->description())));
    if (table_->currentIndex() < 0) return blank(tr("No tables yet."));
    const std::string table = table_->currentText().toStdString();
    auto recording = backend->capacityRecording(table);
    if (!recording) return blank(QString::fromStdString(recording.error().message));
    const std::optional<CapacitySnapshot>& snapshot = recording->snapshot;
    if (!snapshot)
        return blank(tr("Capacity enforcement is off for %1: choose Record or Enforce to see "
                        "its requests here.")
                         .arg(QString::fromStdString(table)));
    // The recording's resources: the table first, then its global secondary indexes.
    QStringList names;
    for (const ResourceReport& resource : snapshot->resources)
        names << QString::fromStdString(resource.name);
    QStringList shown;
    for (int i = 0; i < resource_->count(); ++i) shown << resource_->itemText(i);
    if (names != shown) {
        const QString current = resource_->currentText();
        updating_ = true;
        clearResources();
        resource_->addItems(names);
        resource_->setCurrentIndex(std::max(0, static_cast<int>(names.indexOf(current))));
        updating_ = false;
    }
    const int resource = std::max(0, resource_->currentIndex());
    const auto dimension =
        dimension_->currentIndex() == 1 ? CapacityDimension::Read : CapacityDimension::Write;
    const double items = static_cast<double>(recording->itemCount);
    LiveCapacity live = liveCapacity(*snapshot, resource, dimension, kWindowSeconds, items);
    firstSecond_ = live.firstSecond;
    const QString name = resource_->currentText();
    heatMap_->setTitle(tr("%1 — %2 by partition, live").arg(name, dimensionName(dimension)));
    heatMap_->setHeatMap(std::move(live.heatMap));
    chart_->setTitle(tr("%1 — consumed vs capacity, live").arg(name));
    chart_->setResource(live.resource);
    status_->setText(tr("%1 s recorded · %2 RCU · %3 WCU · %4 throttled requests in the window")
                         .arg(snapshot->seconds)
                         .arg(live.resource.totalRead, 0, 'f', 1)
                         .arg(live.resource.totalWrite, 0, 'f', 1)
                         .arg(live.resource.throttled, 0, 'f', 0));
}

void LiveCapacityView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
    timer_->start();
}

void LiveCapacityView::hideEvent(QHideEvent* event) {
    timer_->stop();
    QWidget::hideEvent(event);
}

}  // namespace shardscape
