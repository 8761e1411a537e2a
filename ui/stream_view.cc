#include "stream_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/backend.h"
#include "table_list_model.h"

namespace shardscape {

namespace {

enum Column { SequenceColumn, TimeColumn, EventColumn, KeysColumn, SizeColumn, ColumnCount };

QString textOf(const Json& value) {
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

// "pk = a, sk = 1": each key attribute's value without its type.
QString keysText(const Json& keys) {
    QStringList parts;
    if (keys.is_object())
        for (const auto& [name, value] : keys.items()) {
            const Json scalar = value.is_object() && !value.empty() ? value.begin().value() : value;
            parts << QStringLiteral("%1 = %2").arg(QString::fromStdString(name), textOf(scalar));
        }
    return parts.join(QStringLiteral(", "));
}

// An image as DynamoDB JSON with one attribute a line, so that the old and new images side by
// side line up attribute by attribute.
QString imageText(const Json& image) {
    QStringList lines;
    for (const auto& [name, value] : image.items())
        lines << QStringLiteral("  %1: %2")
                     .arg(QString::fromStdString(Json(name).dump()),
                          QString::fromStdString(value.dump()));
    return QStringLiteral("{\n%1\n}").arg(lines.join(QStringLiteral(",\n")));
}

// The table's description in the listing, if it is listed.
const Json* descriptionOf(const TableListModel& tables, const QString& name) {
    const BackendTables& listed = tables.tables();
    for (size_t i = 0; i < listed.tables.size() && i < listed.descriptions.size(); ++i)
        if (QString::fromStdString(listed.tables[i]->name) == name) return &listed.descriptions[i];
    return nullptr;
}

}  // namespace

StreamView::StreamView(TableListModel* tables, QWidget* parent) : QWidget(parent), tables_(tables) {
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    table_ = new QComboBox(this);
    table_->setObjectName("streamTable");
    table_->setMinimumContentsLength(16);
    auto* tableLabel = new QLabel(tr("&Table:"), this);
    tableLabel->setBuddy(table_);
    viewType_ = new QComboBox(this);
    viewType_->setObjectName("streamViewType");
    for (const char* type : {"NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"})
        viewType_->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    viewType_->setToolTip(
        tr("What each record carries besides the item's key: the item after "
           "the write, before it, both, or nothing more"));
    auto* viewTypeLabel = new QLabel(tr("&View type:"), this);
    viewTypeLabel->setBuddy(viewType_);
    streamButton_ = new QPushButton(tr("&Enable stream"), this);
    streamButton_->setObjectName("streamToggle");
    refreshButton_ = new QPushButton(tr("&Refresh"), this);
    refreshButton_->setObjectName("streamRefresh");
    controls->addWidget(tableLabel);
    controls->addWidget(table_);
    controls->addWidget(viewTypeLabel);
    controls->addWidget(viewType_);
    controls->addWidget(streamButton_);
    controls->addStretch(1);
    controls->addWidget(refreshButton_);
    layout->addLayout(controls);
    status_ = new QLabel(this);
    status_->setObjectName("streamStatus");
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    auto* split = new QSplitter(Qt::Vertical, this);
    records_ = new QTableWidget(0, ColumnCount, split);
    records_->setObjectName("streamRecords");
    records_->setHorizontalHeaderLabels(
        {tr("Sequence number"), tr("Time (UTC)"), tr("Event"), tr("Keys"), tr("Size")});
    records_->setSelectionBehavior(QAbstractItemView::SelectRows);
    records_->setSelectionMode(QAbstractItemView::SingleSelection);
    records_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    records_->setAlternatingRowColors(true);
    records_->verticalHeader()->hide();
    records_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    records_->horizontalHeader()->setSectionResizeMode(KeysColumn, QHeaderView::Stretch);
    auto* images = new QSplitter(Qt::Horizontal, split);
    auto imagePane = [&](const QString& title, const char* name) {
        auto* pane = new QWidget(images);
        auto* paneLayout = new QVBoxLayout(pane);
        paneLayout->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QPlainTextEdit(pane);
        edit->setObjectName(name);
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFont(QStringLiteral("monospace")));
        auto* label = new QLabel(title, pane);
        label->setBuddy(edit);
        paneLayout->addWidget(label);
        paneLayout->addWidget(edit);
        images->addWidget(pane);
        return edit;
    };
    oldImage_ = imagePane(tr("&Old image"), "streamOldImage");
    newImage_ = imagePane(tr("&New image"), "streamNewImage");
    split->addWidget(records_);
    split->addWidget(images);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    timer_ = new QTimer(this);
    timer_->setInterval(1000);
    connect(timer_, &QTimer::timeout, this, &StreamView::refresh);
    connect(refreshButton_, &QPushButton::clicked, this, &StreamView::refresh);
    connect(streamButton_, &QPushButton::clicked, this, &StreamView::toggleStream);
    connect(table_, &QComboBox::currentIndexChanged, this, [this] { tableChosen(); });
    connect(records_, &QTableWidget::currentCellChanged, this,
            [this](int row) { showRecord(row); });
    connect(tables_, &TableListModel::tablesChanged, this, &StreamView::reloadTables);
    connect(&watcher_, &QFutureWatcher<Result<StreamChanges>>::finished, this,
            [this] { apply(pendingTable_, watcher_.result()); });
    reloadTables();
}

void StreamView::reloadTables() {
    const QString current = table_->currentText();
    const QStringList names = tables_->names();
    updating_ = true;
    table_->clear();
    table_->addItems(names);
    int index = table_->findText(current);
    if (index < 0)
        for (int i = 0; i < names.size() && index < 0; ++i)
            if (const Json* description = descriptionOf(*tables_, names[i]))
                if (description->contains("LatestStreamArn")) index = i;
    table_->setCurrentIndex(index >= 0 ? index : (table_->count() > 0 ? 0 : -1));
    updating_ = false;
    if (table_->currentText() != current || shown_.empty()) tableChosen();
}

void StreamView::tableChosen() {
    if (updating_) return;
    shown_.clear();
    streamArn_.clear();
    records_->setRowCount(0);
    oldImage_->clear();
    newImage_->clear();
    // Read when shown (showEvent), not while another view is.
    if (isVisible()) refresh();
}

void StreamView::refresh() {
    const std::shared_ptr<Backend>& backend = tables_->backend();
    streamButton_->setEnabled(backend && table_->currentIndex() >= 0);
    if (!backend) return status_->setText(tr("No engine is open."));
    if (table_->currentIndex() < 0) return status_->setText(tr("No tables yet."));
    const std::string table = table_->currentText().toStdString();
    const std::string after =
        shown_.empty() ? std::string()
                       : shown_.back()["dynamodb"].value("SequenceNumber", std::string());
    if (tables_->capabilities().immediate)
        return apply(table, backend->streamChanges(table, after));
    // A remote backend answers over the network: read off the GUI thread.
    if (watcher_.isRunning()) return;
    pendingTable_ = table;
    status_->setText(tr("Reading the stream of %1…").arg(table_->currentText()));
    watcher_.setFuture(QtConcurrent::run(
        [backend, table, after] { return backend->streamChanges(table, after); }));
}

void StreamView::apply(const std::string& table, Result<StreamChanges> changes) {
    if (table != table_->currentText().toStdString()) return;  // another table was chosen
    if (!changes)
        return status_->setText(tr("%1: %2").arg(QString::fromStdString(changes.error().name()),
                                                 QString::fromStdString(changes.error().message)));
    if (changes->streamArn != streamArn_ && !shown_.empty()) {
        // A new stream (disabled and enabled again): start its log afresh.
        shown_.clear();
        streamArn_.clear();
        records_->setRowCount(0);
        oldImage_->clear();
        newImage_->clear();
        return refresh();
    }
    streamArn_ = changes->streamArn;
    enabled_ = changes->enabled && !streamArn_.empty();
    const bool local = tables_->capabilities().immediate;
    streamButton_->setText(enabled_ ? tr("&Disable stream") : tr("&Enable stream"));
    streamButton_->setEnabled(local);
    streamButton_->setToolTip(local ? QString()
                                    : tr("On a remote connection, change the stream with "
                                         "UpdateTable (the query builder or the AWS CLI)"));
    viewType_->setEnabled(local && !enabled_);
    if (enabled_)
        viewType_->setCurrentIndex(viewType_->findData(QString::fromStdString(changes->viewType)));
    const bool follow =
        records_->currentRow() < 0 || records_->currentRow() == records_->rowCount() - 1;
    for (const Json& record : changes->records) appendRecord(record);
    if (follow && records_->rowCount() > 0 && !changes->records.empty())
        records_->setCurrentCell(records_->rowCount() - 1, 0);
    if (streamArn_.empty())
        return status_->setText(
            tr("%1 has no stream. Choose a view type and enable one: every write to the table "
               "then adds a record here.")
                .arg(table_->currentText()));
    const bool live = local;
    status_->setText(tr("%1 · %2 · %3 · %n record(s)%4", nullptr, static_cast<int>(shown_.size()))
                         .arg(QString::fromStdString(streamArn_),
                              QString::fromStdString(changes->viewType),
                              enabled_ ? tr("enabled") : tr("disabled"),
                              live ? tr(" · new writes appear within a second") : QString()));
}

void StreamView::appendRecord(const Json& record) {
    shown_.push_back(record);
    const Json& dynamodb = record.contains("dynamodb") ? record["dynamodb"] : Json::object();
    const int row = records_->rowCount();
    records_->insertRow(row);
    auto set = [&](int column, const QString& text) {
        records_->setItem(row, column, new QTableWidgetItem(text));
    };
    set(SequenceColumn, textOf(dynamodb.value("SequenceNumber", Json(""))));
    const Json created = dynamodb.value("ApproximateCreationDateTime", Json(0));
    const qint64 seconds = created.is_number() ? static_cast<qint64>(created.get<double>()) : 0;
    set(TimeColumn, QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC)
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QString event = textOf(record.value("eventName", Json("")));
    if (record.contains("userIdentity")) event += tr(" (Time to Live)");
    set(EventColumn, event);
    set(KeysColumn, keysText(dynamodb.value("Keys", Json::object())));
    set(SizeColumn, textOf(dynamodb.value("SizeBytes", Json(0))));
}

void StreamView::showRecord(int row) {
    if (row < 0 || row >= static_cast<int>(shown_.size())) {
        oldImage_->clear();
        newImage_->clear();
        return;
    }
    const Json& dynamodb = shown_[static_cast<size_t>(row)]["dynamodb"];
    auto image = [&](const char* member) {
        if (dynamodb.contains(member)) return imageText(dynamodb[member]);
        const std::string viewType = dynamodb.value("StreamViewType", std::string());
        const bool kept =
            viewType == "NEW_AND_OLD_IMAGES" ||
            (std::string(member) == "NewImage" ? viewType == "NEW_IMAGE" : viewType == "OLD_IMAGE");
        return kept ? tr("(none: the item did not exist)")
                    : tr("(not kept: the stream's view type is %1)")
                          .arg(QString::fromStdString(viewType));
    };
    oldImage_->setPlainText(image("OldImage"));
    newImage_->setPlainText(image("NewImage"));
}

void StreamView::toggleStream() {
    const std::shared_ptr<Backend>& backend = tables_->backend();
    if (!backend || table_->currentIndex() < 0) return;
    Json specification = {{"StreamEnabled", !enabled_}};
    if (!enabled_)
        specification["StreamViewType"] = viewType_->currentData().toString().toStdString();
    auto updated =
        backend->call("UpdateTable", Json{{"TableName", table_->currentText().toStdString()},
                                          {"StreamSpecification", specification}});
    if (!updated)
        return status_->setText(tr("%1: %2").arg(QString::fromStdString(updated.error().name()),
                                                 QString::fromStdString(updated.error().message)));
    refresh();
}

void StreamView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (shown_.empty() || tables_->capabilities().immediate) refresh();
    if (tables_->capabilities().immediate) timer_->start();
}

void StreamView::hideEvent(QHideEvent* event) {
    timer_->stop();
    QWidget::hideEvent(event);
}

}  // namespace shardscape
