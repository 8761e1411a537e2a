#include "simulation_results_view.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QRadioButton>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "applied_rules_list.h"
#include "capacity_chart.h"
#include "chart_export.h"
#include "heat_map_view.h"
#include "partition_keys_view.h"

namespace shardscape {

SimulationResultsView::SimulationResultsView(Layout layout, QWidget* parent) : QWidget(parent) {
    setObjectName("simulationResults");
    stacked_ = layout == Layout::Stacked;
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Table / index:"), this));
    resources_ = new QComboBox(this);
    resources_->setObjectName("resourceChoice");
    resources_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(resources_);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Heat map of:"), this));
    read_ = new QRadioButton(tr("Reads (RCU)"), this);
    read_->setObjectName("readToggle");
    write_ = new QRadioButton(tr("Writes (WCU)"), this);
    write_->setObjectName("writeToggle");
    write_->setChecked(true);
    auto* group = new QButtonGroup(this);
    group->addButton(read_);
    group->addButton(write_);
    controls->addWidget(read_);
    controls->addWidget(write_);
    controls->addStretch(1);
    outer->addLayout(controls);

    heatMap_ = new HeatMapView(this);
    chart_ = new CapacityChart(this);
    keys_ = new PartitionKeysView(this);
    installExportMenu(heatMap_, [this] { return heatMapCsv(); });
    installExportMenu(chart_);
    rules_ = new AppliedRulesList(this);

    auto* heatPage = new QSplitter(Qt::Horizontal, this);
    heatPage->addWidget(heatMap_);
    heatPage->addWidget(keys_);
    heatPage->setStretchFactor(0, 3);
    heatPage->setStretchFactor(1, 1);
    heatPage->setSizes({800, 220});
    if (layout == Layout::Tabs) {
        pages_ = new QTabWidget(this);
        pages_->setObjectName("resultPages");
        pages_->addTab(heatPage, tr("Partition heat map"));
        pages_->addTab(chart_, tr("Capacity"));
        pages_->addTab(rules_, tr("Rules applied"));
        outer->addWidget(pages_, 1);
    } else {
        keys_->setVisible(false);  // compare mode: the maps side by side need the width
        auto* stack = new QSplitter(Qt::Vertical, this);
        stack->addWidget(heatPage);
        stack->addWidget(chart_);
        rules_->setVisible(false);  // compare mode: the charts need the room
        outer->addWidget(stack, 1);
    }

    auto* time = new QHBoxLayout;
    time->addWidget(new QLabel(tr("Time:"), this));
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setObjectName("timeSlider");
    slider_->setRange(0, 0);
    time->addWidget(slider_, 1);
    outer->addLayout(time);
    figures_ = new QLabel(this);
    figures_->setObjectName("secondFigures");
    figures_->setWordWrap(true);
    figures_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(figures_);

    connect(resources_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index != resource_) setResource(index);
    });
    connect(read_, &QRadioButton::toggled, this, [this](bool on) {
        setDimension(on ? CapacityDimension::Read : CapacityDimension::Write);
    });
    connect(slider_, &QSlider::valueChanged, this, &SimulationResultsView::setSecond);
    connect(heatMap_, &HeatMapView::partitionClicked, this,
            [this](int row, int) { showKeys(row); });
}

void SimulationResultsView::setReport(std::shared_ptr<const SimulationReport> report,
                                      double itemCount) {
    report_ = std::move(report);
    itemCount_ = itemCount;
    rules_->setRules(report_ ? report_->rules : std::vector<AppliedRule>());
    resource_ = 0;
    {
        const QSignalBlocker blocker(resources_);
        resources_->clear();
        if (report_)
            for (const ResourceReport& r : report_->resources)
                resources_->addItem(r.isIndex ? tr("%1 (index)").arg(QString::fromStdString(r.name))
                                              : QString::fromStdString(r.name));
        resources_->setCurrentIndex(0);
    }
    // Show the dimension the run mostly used.
    if (report_ && !report_->resources.empty()) {
        const ResourceReport& table = report_->resources.front();
        dimension_ = table.totalRead / 3 > table.totalWrite ? CapacityDimension::Read
                                                            : CapacityDimension::Write;
        const QSignalBlocker blocker(read_);
        (dimension_ == CapacityDimension::Read ? read_ : write_)->setChecked(true);
    }
    {
        const QSignalBlocker blocker(slider_);
        slider_->setRange(0, report_ ? std::max(0, report_->durationSeconds - 1) : 0);
        slider_->setValue(0);
    }
    refresh();
}

void SimulationResultsView::setResource(int resource) {
    if (!report_ || resource < 0 || resource >= static_cast<int>(report_->resources.size())) return;
    resource_ = resource;
    const QSignalBlocker blocker(resources_);
    resources_->setCurrentIndex(resource);
    refresh();
}

void SimulationResultsView::setDimension(CapacityDimension dimension) {
    if (dimension == dimension_) return;
    dimension_ = dimension;
    {
        const QSignalBlocker blocker(read_);
        const QSignalBlocker blocker2(write_);
        (dimension == CapacityDimension::Read ? read_ : write_)->setChecked(true);
    }
    refresh();
}

void SimulationResultsView::refresh() {
    keys_->clear();
    if (!report_ || report_->resources.empty()) {
        heatMap_->setHeatMap({});
        figures_->clear();
        return;
    }
    const ResourceReport& resource = report_->resources[static_cast<size_t>(resource_)];
    HeatMapData data = heatMapFromReport(*report_, resource_, dimension_, itemCount_);
    std::vector<std::vector<HotKey>> keys;
    for (const HeatMapRow& row : data.rows())
        keys.push_back(keysInPartition(*report_, resource_, row, dimension_));
    const QString name = QString::fromStdString(resource.name);
    const int hottest = hottestRow(data);
    heatMap_->setHeatMap(std::move(data), std::move(keys));
    showKeys(hottest);  // open on the partition that throttled (or worked) most
    heatMap_->setTitle(
        (stacked_ ? tr("%1 · %2 · partition %3") : tr("%1\n%2 · partition %3"))
            .arg(QString::fromStdString(report_->scenario), name,
                 dimension_ == CapacityDimension::Read ? tr("reads") : tr("writes")));
    chart_->setResource(resource);
    chart_->setDimensionsShown(resource.totalRead > 0 || resource.totalWrite == 0,
                               resource.totalWrite > 0 || resource.totalRead == 0);
    chart_->setTitle((stacked_ ? tr("%1 · %2 · capacity") : tr("%1\n%2 · capacity"))
                         .arg(QString::fromStdString(report_->scenario), name));
    setSecond(slider_->value());
}

void SimulationResultsView::setSecond(int second) {
    if (slider_->value() != second) {
        slider_->setValue(second);  // comes back here through valueChanged
        return;
    }
    heatMap_->setCurrentSecond(second);
    chart_->setCurrentSecond(second);
    if (report_ && !report_->resources.empty())
        figures_->setText(QString::fromStdString(
            describeSecond(report_->resources[static_cast<size_t>(resource_)], second)));
    emit secondChanged(second);
}

int SimulationResultsView::second() const {
    return slider_->value();
}

void SimulationResultsView::showPage(const QString& page) {
    if (pages_) pages_->setCurrentIndex(page == "capacity" ? 1 : page == "rules" ? 2 : 0);
}

void SimulationResultsView::showKeys(int row) {
    keys_->showPartition(heatMap_->heatMap(), row, heatMap_->keysOfRow(row));
}

QByteArray SimulationResultsView::heatMapCsv() const {
    return QByteArray::fromStdString(heatMap_->heatMap().toCsv());
}

}  // namespace shardscape
