// One data path for the GUI: every view reads the window's one table list and sends its
// requests to the table list's current backend. Two recording backends (each over an engine of
// its own, with a table of its own) are switched under a real main window: the table list, the
// Data view, the query builder, live metering and the classroom step-through show the current
// backend's tables, and every request reaches the current backend and no other. A backend
// like a remote (calls not immediate, no engine-only capability) is listed and browsed off the
// GUI thread and its engine-only actions are disabled; live metering draws what the backend's
// recording says.
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeWidget>
#include <QtTest>
#include <mutex>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "capacity_chart.h"
#include "classroom_view.h"
#include "data_view.h"
#include "heat_map_view.h"
#include "item_table_model.h"
#include "live_capacity_view.h"
#include "main_window.h"
#include "query_panel.h"
#include "request_walkthrough_panel.h"
#include "storage/engine.h"
#include "table_list_model.h"

using namespace shardscape;

namespace {

// A local backend that records what it was asked, with the capabilities a test gives it:
// without `immediate` and the engine-only ones it is seen as a remote is.
class RecordingBackend : public LocalBackend {
  public:
    RecordingBackend(std::shared_ptr<Engine> engine, BackendCapabilities capabilities,
                     std::string name)
        : LocalBackend(std::move(engine)), capabilities_(capabilities), name_(std::move(name)) {}

    Result<Json> call(std::string_view operation, const Json& request) override {
        record(std::string(operation));
        return LocalBackend::call(operation, request);
    }
    std::string description() const override { return name_; }
    std::string endpointUrl() const override {
        return capabilities_.immediate ? LocalBackend::endpointUrl() : name_;
    }
    bool isLocal() const override { return capabilities_.immediate; }
    BackendCapabilities capabilities() const override { return capabilities_; }
    Result<BackendTables> listTables() override {
        record("listTables");
        // Not immediate: take the time a network would, so listing is seen to run off the
        // GUI thread.
        if (!capabilities_.immediate) QThread::msleep(50);
        return LocalBackend::listTables();
    }
    Result<ItemPage> scanPage(const ItemPageRequest& request) override {
        record("scanPage " + request.table);
        return LocalBackend::scanPage(request);
    }
    Result<CapacityRecording> capacityRecording(const std::string& table) override {
        record("capacityRecording " + table);
        if (recording_) return *recording_;
        return LocalBackend::capacityRecording(table);
    }
    Result<CapacityEnforcement> capacityEnforcement(const std::string& table) override {
        record("capacityEnforcement " + table);
        if (recording_) return recording_->enforcement;
        return LocalBackend::capacityEnforcement(table);
    }
    Result<std::vector<Item>> walkthroughExamples(const std::string& table, int limit) override {
        record("walkthroughExamples " + table);
        if (!capabilities_.walkthrough) return Backend::walkthroughExamples(table, limit);
        return LocalBackend::walkthroughExamples(table, limit);
    }

    // What capacityRecording answers instead of the engine's meter.
    void setRecording(CapacityRecording recording) { recording_ = std::move(recording); }

    std::vector<std::string> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    bool wasAsked(const std::string& call) const {
        const auto all = calls();
        return std::find(all.begin(), all.end(), call) != all.end();
    }
    void forget() {
        std::lock_guard lock(mutex_);
        calls_.clear();
    }

  private:
    void record(std::string call) {
        std::lock_guard lock(mutex_);
        calls_.push_back(std::move(call));
    }

    BackendCapabilities capabilities_;
    std::string name_;
    std::optional<CapacityRecording> recording_;
    mutable std::mutex mutex_;
    std::vector<std::string> calls_;
};

// An engine with one table `name` (partition key pk, S) holding `items` items.
std::shared_ptr<Engine> engineWithTable(const QTemporaryDir& dir, const std::string& name,
                                        int items) {
    auto opened = Engine::open(dir.path().toStdString());
    if (!opened) qFatal("%s", opened.error().message.c_str());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    auto created =
        dispatch(*engine, "CreateTable",
                 Json{{"TableName", name},
                      {"BillingMode", "PAY_PER_REQUEST"},
                      {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}});
    if (!created) qFatal("%s", created.error().message.c_str());
    for (int i = 0; i < items; ++i)
        if (!dispatch(*engine, "PutItem",
                      Json{{"TableName", name},
                           {"Item", {{"pk", {{"S", name + "-" + std::to_string(i)}}}}}}))
            qFatal("PutItem failed");
    return engine;
}

QStringList comboItems(const QComboBox* box) {
    QStringList items;
    for (int i = 0; i < box->count(); ++i) items << box->itemText(i);
    return items;
}

}  // namespace

// What each test switches between: a backend like the local engine (every capability) with
// table Orders of 3 items, and one like a remote (none) with table Music of 5, each on an
// engine of its own.
struct TwoBackends {
    QTemporaryDir localDir, otherDir;
    std::shared_ptr<RecordingBackend> local = std::make_shared<RecordingBackend>(
        engineWithTable(localDir, "Orders", 3), BackendCapabilities::all(), "local engine");
    std::shared_ptr<RecordingBackend> other = std::make_shared<RecordingBackend>(
        engineWithTable(otherDir, "Music", 5), BackendCapabilities{}, "http://other:8000");
};

class GuiDataPathTest : public QObject {
    Q_OBJECT
  private slots:
    void viewsFollowTheCurrentBackend();
    void requestsReachOnlyTheCurrentBackend();
    void liveMeteringReadsTheBackendsRecording();
    void aTableBeingCreatedIsShownSo();
};

void GuiDataPathTest::viewsFollowTheCurrentBackend() {
    TwoBackends backends;
    const auto local = backends.local, other = backends.other;
    MainWindow window(local, backends.localDir.path());
    window.show();
    TableListModel* tables = window.tableList();
    DataView* data = window.dataView();
    QueryPanel* query = window.queryPanel();
    LiveCapacityView* live = window.liveView();
    RequestWalkthroughPanel* walkthrough = window.classroomView()->walkthroughPanel();

    // The local backend's table, in every view, listed at once (its calls are immediate).
    QCOMPARE(tables->names(), QStringList{"Orders"});
    QCOMPARE(window.tableTree()->topLevelItemCount(), 1);
    QCOMPARE(window.tableTree()->topLevelItem(0)->text(0), QString("Orders"));
    QCOMPARE(comboItems(data->sourceBox()), QStringList{"Orders"});
    QCOMPARE(comboItems(query->tableBox()), QStringList{"Orders"});
    QCOMPARE(comboItems(live->tableChooser()), QStringList{"Orders"});
    QCOMPARE(comboItems(walkthrough->tableBox()), QStringList{"Orders"});
    QCOMPARE(data->itemModel()->rowCount(), 3);
    QVERIFY(data->newItemAction()->isEnabled());
    QVERIFY(data->importAction()->isEnabled());
    QVERIFY(walkthrough->exampleCount() > 0);
    QVERIFY(window.statusFigures()->text().startsWith("1 table(s) · 3 items"));

    // Switching the backend in the one place: the other one's table everywhere, listed off
    // the GUI thread.
    QSignalSpy changed(tables, &TableListModel::tablesChanged);
    local->forget();
    tables->setBackend(other);
    QVERIFY(tables->isLoading());
    QVERIFY(changed.wait(10000));
    QCOMPARE(tables->names(), QStringList{"Music"});
    QCOMPARE(window.tableTree()->topLevelItem(0)->text(0), QString("Music"));
    QVERIFY2(window.statusFigures()->text().startsWith("1 remote table(s) · 5 items"),
             qPrintable(window.statusFigures()->text()));
    QCOMPARE(comboItems(data->sourceBox()), QStringList{"Music"});
    QCOMPARE(comboItems(query->tableBox()), QStringList{"Music"});
    QCOMPARE(comboItems(live->tableChooser()), QStringList{"Music"});
    QCOMPARE(comboItems(walkthrough->tableBox()), QStringList{"Music"});
    // Its pages arrive off the GUI thread too.
    QTRY_COMPARE_WITH_TIMEOUT(data->itemModel()->rowCount(), 5, 10000);
    QVERIFY(other->wasAsked("scanPage Music"));
    // What only the embedded engine can do is not offered, and says why.
    QVERIFY(!data->newItemAction()->isEnabled());
    QVERIFY(!data->importAction()->isEnabled());
    QVERIFY(!data->exportAction()->isEnabled());
    QVERIFY(!live->enforcementChooser()->isEnabled());
    QVERIFY2(live->status()->text().contains("not available on http://other:8000"),
             qPrintable(live->status()->text()));
    QVERIFY2(walkthrough->errorText().contains("available only on the local engine"),
             qPrintable(walkthrough->errorText()));
    QVERIFY(local->calls().empty());  // nothing went to the local one

    // And back: the local backend's table again, at once.
    tables->setBackend(local);
    QCOMPARE(comboItems(data->sourceBox()), QStringList{"Orders"});
    QCOMPARE(comboItems(query->tableBox()), QStringList{"Orders"});
    QCOMPARE(data->itemModel()->rowCount(), 3);
    QVERIFY(data->newItemAction()->isEnabled());
    QVERIFY(window.statusFigures()->text().startsWith("1 table(s) · 3 items"));
}

void GuiDataPathTest::requestsReachOnlyTheCurrentBackend() {
    TwoBackends backends;
    const auto local = backends.local, other = backends.other;
    MainWindow window(local, backends.localDir.path());
    QueryPanel* query = window.queryPanel();

    // The query builder's request goes to the current backend, and its snippets name the
    // backend's endpoint.
    auto runScan = [&] {
        query->operationBox()->setCurrentText("Scan");
        QSignalSpy finished(query, &QueryPanel::finished);
        query->run();
        return finished.wait(10000);
    };
    QVERIFY(runScan());
    QVERIFY(local->wasAsked("Scan"));
    QVERIFY(query->statusLabel()->text().startsWith("Count 3"));
    QVERIFY(query->codeView("cli")->toPlainText().contains("--endpoint-url http://127.0.0.1:8000"));

    QSignalSpy changed(window.tableList(), &TableListModel::tablesChanged);
    window.tableList()->setBackend(other);
    QVERIFY(changed.wait(10000));
    local->forget();
    QVERIFY(runScan());
    QVERIFY(other->wasAsked("Scan"));
    QVERIFY2(query->statusLabel()->text().startsWith("Count 5"),
             qPrintable(query->statusLabel()->text()));
    QVERIFY(query->codeView("cli")->toPlainText().contains("--endpoint-url http://other:8000"));

    // Refresh (File > Refresh, and after every write) re-lists the current backend only.
    other->forget();
    window.refresh();
    QVERIFY(changed.wait(10000));
    QVERIFY(other->wasAsked("listTables"));
    QVERIFY(local->calls().empty());

    // The local endpoint serves the local backend's engine, whichever backend is shown.
    QVERIFY(window.findChild<QAction*>("startServer")->isEnabled());
}

void GuiDataPathTest::liveMeteringReadsTheBackendsRecording() {
    QTemporaryDir dir;
    auto backend = std::make_shared<RecordingBackend>(engineWithTable(dir, "Hot", 1),
                                                      BackendCapabilities::all(), "local engine");
    // A recording of three seconds on one partition: 2, 5 and 7 WCU, 4 requests throttled
    // in the last.
    PartitionSeries partition;
    partition.id = 1;
    partition.lastHash = ~uint64_t(0);
    partition.consumedRead = {0, 0, 0};
    partition.consumedWrite = {2, 5, 7};
    partition.throttledRequests = {0, 0, 4};
    ResourceReport resource;
    resource.name = "Hot";
    resource.consumedRead = {0, 0, 0};
    resource.consumedWrite = {2, 5, 7};
    resource.capacityRead = {10, 10, 10};
    resource.capacityWrite = {10, 10, 10};
    resource.throttledRequests = {0, 0, 4};
    resource.partitions = {partition};
    CapacityRecording recording;
    recording.enforcement = CapacityEnforcement::Enforce;
    recording.snapshot = CapacitySnapshot{"Hot", CapacityEnforcement::Enforce, 1000, 3, {resource}};
    recording.itemCount = 1;
    backend->setRecording(recording);

    MainWindow window(backend, dir.path());
    window.show();
    QVERIFY(window.showView("live"));
    LiveCapacityView* live = window.liveView();
    live->refresh();
    QCOMPARE(live->enforcementChooser()->currentText(), QString("Enforce"));
    QVERIFY(backend->wasAsked("capacityEnforcement Hot"));
    QVERIFY(backend->wasAsked("capacityRecording Hot"));
    const HeatMapData& grid = live->heatMap()->heatMap();
    QCOMPARE(grid.seconds(), 3);
    QCOMPARE(grid.consumed(0, 2), 7.0f);
    QCOMPARE(grid.throttled(0, 2), 4.0f);
    QCOMPARE(live->firstSecond(), 1000.0);
    QVERIFY2(live->status()->text().contains("14.0 WCU"), qPrintable(live->status()->text()));
}

// A table that is not ACTIVE (an engine or endpoint that makes CREATING last) is listed in
// italics with its status as the tooltip, and browsing it shows DynamoDB's answer.
void GuiDataPathTest::aTableBeingCreatedIsShownSo() {
    QTemporaryDir dir;
    EngineOptions options;
    options.createTableMs = 600000;
    auto opened = Engine::open(dir.path().toStdString(), options);
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    QVERIFY(
        dispatch(*engine, "CreateTable",
                 Json{{"TableName", "Pending"},
                      {"BillingMode", "PAY_PER_REQUEST"},
                      {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}})
            .ok());
    auto backend = std::make_shared<LocalBackend>(engine);
    MainWindow window(backend, dir.path());
    window.show();
    QCOMPARE(window.tableTree()->topLevelItemCount(), 1);
    QTreeWidgetItem* row = window.tableTree()->topLevelItem(0);
    QCOMPARE(row->text(0), QString("Pending"));
    QVERIFY(row->font(0).italic());
    QCOMPARE(row->toolTip(0), QString("Table status: CREATING"));
    QCOMPARE(comboItems(window.dataView()->sourceBox()), QStringList{"Pending"});
    QCOMPARE(window.dataView()->itemModel()->rowCount(), 0);
}

QTEST_MAIN(GuiDataPathTest)
#include "test_gui_data_path.moc"
