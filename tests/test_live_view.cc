// Live mode: the Live tab's heat map and capacity chart show what real requests (through
// dispatch, as the query builder and the local endpoint send them) consumed and throttled,
// equal to the table's capacity meter; and the core cut of a recording to its last seconds.

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "base/clock.h"
#include "capacity/live_capacity.h"
#include "capacity_chart.h"
#include "heat_map_view.h"
#include "live_capacity_view.h"
#include "main_window.h"
#include "server_controller.h"
#include "storage/engine.h"
#include "throttle_colors.h"

using namespace shardscape;

class LiveViewTest : public QObject {
    Q_OBJECT

  private slots:
    void recentSecondsKeepsTheWindow();
    void recordedWritesLightUpTheHeatMap();
    void enforcedOverloadShowsThrottles();
    void endpointRequestsShowLive();
    void globalIndexIsChosenSeparately();
};

namespace {

constexpr double kStart = 2'000'000;

struct Window {
    SimulatedClock clock{kStart};
    QTemporaryDir dir;
    std::shared_ptr<Engine> engine;
    std::unique_ptr<MainWindow> window;

    Window() {
        EngineOptions options;
        options.clock = clock.function();
        options.timeToLiveSweepSeconds = 0;
        auto opened = Engine::open(dir.path().toStdString(), options);
        if (!opened) qFatal("%s", opened.error().message.c_str());
        engine = std::move(opened).value();
        auto created = dispatch(
            *engine, "CreateTable",
            Json{{"TableName", "Hot"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                 {"ProvisionedThroughput",
                  {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}}}});
        if (!created) qFatal("%s", created.error().message.c_str());
        window = std::make_unique<MainWindow>(std::make_shared<LocalBackend>(engine), dir.path());
        window->refresh();
        window->show();
    }
    LiveCapacityView* live() const { return window->liveView(); }
    // Puts `count` small items on one key within the current second; returns how many
    // were throttled.
    int put(int count) {
        int throttled = 0;
        for (int i = 0; i < count; ++i) {
            auto put = dispatch(*engine, "PutItem",
                                Json{{"TableName", "Hot"},
                                     {"Item", {{"pk", {{"S", "hot"}}}, {"v", {{"N", "1"}}}}}});
            if (!put) ++throttled;
        }
        return throttled;
    }
};

double lastValue(QCPGraph* graph) {
    return graph->data()->isEmpty() ? -1 : (graph->data()->constEnd() - 1)->value;
}

}  // namespace

void LiveViewTest::recentSecondsKeepsTheWindow() {
    ResourceReport resource;
    resource.name = "T";
    resource.consumedWrite = {1, 2, 3, 4};
    resource.consumedRead = {0, 0, 0, 0};
    resource.capacityWrite = {10, 10, 10, 10};
    resource.capacityRead = {10, 10, 10, 10};
    resource.throttledRequests = {0, 5, 0, 7};
    resource.throttledKeyRange = {0, 5, 0, 3};  // of them, by a hot partition
    PartitionSeries gone{1, 0, 10, 0, 2, {0, 0}, {1, 2}, {0, 5}, 0, 1, {0, 5}};
    PartitionSeries late{2, 0, 10, 2, -1, {0, 0}, {3, 4}, {0, 7}, 0, 1, {0, 3}};
    resource.partitions = {gone, late};
    const ResourceReport cut = recentSeconds(resource, 2);
    QCOMPARE(cut.consumedWrite, (std::vector<float>{3, 4}));
    QCOMPARE(cut.partitions.size(), size_t(1));
    QCOMPARE(cut.partitions[0].id, 2);
    QCOMPARE(cut.partitions[0].firstSecond, 0);
    QCOMPARE(cut.throttledKeyRange, (std::vector<float>{0, 3}));
    QCOMPARE(cut.partitions[0].throttledKeyRange, (std::vector<float>{0, 3}));
    QCOMPARE(cut.totalWrite, 7.0);
    QCOMPARE(cut.throttled, 7.0);

    CapacitySnapshot snapshot;
    snapshot.startSecond = 100;
    snapshot.seconds = 4;
    snapshot.resources = {resource};
    LiveCapacity live = liveCapacity(snapshot, 0, CapacityDimension::Write, 3);
    QCOMPARE(live.firstSecond, 101.0);
    QCOMPARE(live.heatMap.seconds(), 3);
    QCOMPARE(live.heatMap.rowCount(), 2);
    QCOMPARE(live.heatMap.consumed(0, 0), 2.0f);  // partition 1 at second 101
    QVERIFY(!live.heatMap.exists(0, 1));          // split away at 102
    QCOMPARE(live.heatMap.consumed(1, 2), 4.0f);
    QCOMPARE(live.heatMap.throttled(1, 2), 7.0f);
    QVERIFY(liveCapacity(snapshot, 3, CapacityDimension::Write, 3).heatMap.empty());
}

void LiveViewTest::recordedWritesLightUpTheHeatMap() {
    Window w;
    QVERIFY(w.window->showView("live"));
    LiveCapacityView* live = w.live();
    QVERIFY(live->isVisible());
    QCOMPARE(live->tableChooser()->currentText(), QString("Hot"));
    QCOMPARE(live->enforcementChooser()->currentText(), QString("Off"));
    QVERIFY(live->heatMap()->heatMap().empty());
    // The user picks Record: an UpdateTable through dispatch turns the meter on.
    live->enforcementChooser()->setCurrentIndex(live->enforcementChooser()->findText("Record"));
    QVERIFY(w.engine->capacityRecorder("Hot"));
    auto described = dispatch(*w.engine, "DescribeTable", Json{{"TableName", "Hot"}});
    QVERIFY(described);
    QCOMPARE(described->at("Table").at("ShardscapeCapacityEnforcement").get<std::string>(),
             std::string("RECORD"));

    constexpr int kPuts = 40;
    QCOMPARE(w.put(kPuts), 0);
    w.clock.advance(1);
    // The timer (every second while the tab shows) picks the completed second up.
    QTRY_VERIFY_WITH_TIMEOUT(!live->heatMap()->heatMap().empty(), 5000);
    const HeatMapData& grid = live->heatMap()->heatMap();
    auto snapshot = w.engine->capacityRecorder("Hot");
    QVERIFY(snapshot);
    const ResourceReport& recorded = snapshot->resources.at(0);
    QCOMPARE(grid.seconds(), snapshot->seconds);
    QCOMPARE(grid.rowCount(), static_cast<int>(recorded.partitions.size()));
    const int last = grid.seconds() - 1;
    const PartitionSeries& partition = recorded.partitions.at(0);
    const float recordedCell =
        partition.consumedWrite.at(static_cast<size_t>(last - partition.firstSecond));
    QCOMPARE(grid.consumed(0, last), recordedCell);
    QCOMPARE(grid.consumed(0, last), float(kPuts));  // one WCU per small item
    QCOMPARE(grid.throttled(0, last), 0.0f);
    QCOMPARE(lastValue(live->chart()->consumedWrite()), double(kPuts));
    QCOMPARE(lastValue(live->chart()->capacityWrite()), 10.0);
    QVERIFY(live->status()->text().contains("40.0 WCU"));
    // Hidden, the tab stops polling.
    QVERIFY(live->timer()->isActive());
    QVERIFY(w.window->showView("tables"));
    QVERIFY(!live->timer()->isActive());
}

void LiveViewTest::enforcedOverloadShowsThrottles() {
    Window w;
    QVERIFY(w.window->showView("live"));
    LiveCapacityView* live = w.live();
    live->enforcementChooser()->setCurrentIndex(live->enforcementChooser()->findText("Enforce"));
    QCOMPARE(w.engine->effectiveEnforcement(*w.engine->table("Hot")), CapacityEnforcement::Enforce);
    // A ramp, then 1,200 one-WCU writes in one second on one key: the partition serves at
    // most 1,000.
    for (int count : {100, 300, 600}) {
        QCOMPARE(w.put(count), 0);
        w.clock.advance(1);
    }
    const int throttled = w.put(1200);
    QVERIFY(throttled > 0);
    w.clock.advance(1);
    live->refresh();
    const HeatMapData& grid = live->heatMap()->heatMap();
    QVERIFY(!grid.empty());
    const int last = grid.seconds() - 1;
    QCOMPARE(grid.throttled(0, last), float(throttled));
    QCOMPARE(grid.consumed(0, last), float(1200 - throttled));
    QVERIFY(live->heatMap()->throttleMarked(0, last));
    // The partition's own limit refused them (ThrottlingReason KeyRangeThroughputExceeded):
    // the strip reads "hot partition", and the chart stacks them as such.
    QCOMPARE(grid.throttledKeyRange(0, last), float(throttled));
    QCOMPARE(live->heatMap()->markedKind(0, last),
             std::optional<ThrottleKind>(ThrottleKind::HotPartition));
    QVERIFY(live->chart()->showsKinds());
    QCOMPARE((live->chart()->throttledHotPartition()->data()->constEnd() - 1)->value,
             double(throttled));
    auto bars = live->chart()->throttled()->data();
    QVERIFY(!bars->isEmpty());
    QCOMPARE((bars->constEnd() - 1)->value, double(throttled));
    QCOMPARE(lastValue(live->chart()->consumedWrite()), double(1200 - throttled));
    // The throttle mark is drawn: the heat map's image holds the throttle colour.
    w.window->resize(1100, 760);
    QCoreApplication::processEvents();
    const QImage image = live->grab().toImage();
    image.save(QDir::temp().filePath("shardscape-live-view.png"));
    const QImage map = live->heatMap()->grab().toImage();
    const QColor mark = hotPartitionColor();
    int marked = 0;
    for (int y = 0; y < map.height(); ++y)
        for (int x = 0; x < map.width(); ++x) {
            const QColor c = map.pixelColor(x, y);
            if (std::abs(c.red() - mark.red()) + std::abs(c.green() - mark.green()) +
                    std::abs(c.blue() - mark.blue()) <
                12)
                ++marked;
        }
    QVERIFY2(marked > 20, qPrintable(QString::number(marked)));
    // One partition and the first second are drawn in full: 100 WCU on a 10 WCU table is far
    // above the limit (dark red), also at the cell's upper edge.
    for (int second : {0, 1}) {
        const QPoint centre = live->heatMap()->cellCenter(0, second);
        for (const QPoint& at : {centre, centre - QPoint(0, 40)}) {
            const QColor hot = map.pixelColor(at);
            QVERIFY2(hot.red() > 80 && hot.green() < 40 && hot.blue() < 40, qPrintable(hot.name()));
        }
    }
    // Back to Off: the meter is gone and the view says so.
    live->enforcementChooser()->setCurrentIndex(0);
    QVERIFY(!w.engine->capacityRecorder("Hot"));
    QVERIFY(live->heatMap()->heatMap().empty());
    QVERIFY(live->status()->text().contains("off"));
}

void LiveViewTest::endpointRequestsShowLive() {
    // An SDK-style client (signed requests over HTTP) on the window's local endpoint (Server
    // menu): its writes light up the Live tab as the query builder's do.
    Window w;
    QVERIFY(w.window->showView("live"));
    LiveCapacityView* live = w.live();
    live->enforcementChooser()->setCurrentIndex(live->enforcementChooser()->findText("Record"));
    ServerController* server = w.window->server();
    QVERIFY2(server->start("127.0.0.1", 0), qPrintable(server->lastError()));
    ConnectionProfile profile;
    profile.endpointUrl = server->url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDLOCAL", "x", {}};
    auto backend = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(backend);
    constexpr int kPuts = 25;
    for (int i = 0; i < kPuts; ++i) {
        auto put = (*backend)->call(
            "PutItem",
            Json{{"TableName", "Hot"}, {"Item", {{"pk", {{"S", "sdk"}}}, {"v", {{"N", "1"}}}}}});
        QVERIFY(put.ok());
    }
    w.clock.advance(1);
    QTRY_VERIFY_WITH_TIMEOUT(!live->heatMap()->heatMap().empty(), 5000);
    const HeatMapData& grid = live->heatMap()->heatMap();
    QCOMPARE(grid.consumed(0, grid.seconds() - 1), float(kPuts));
    QCOMPARE(lastValue(live->chart()->consumedWrite()), double(kPuts));
    server->stop();
}

void LiveViewTest::globalIndexIsChosenSeparately() {
    Window w;
    auto created = dispatch(
        *w.engine, "CreateTable",
        Json{{"TableName", "Orders"},
             {"AttributeDefinitions",
              {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
               {{"AttributeName", "status"}, {"AttributeType", "S"}}}},
             {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
             {"GlobalSecondaryIndexes",
              {{{"IndexName", "ByStatus"},
                {"KeySchema", {{{"AttributeName", "status"}, {"KeyType", "HASH"}}}},
                {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                {"ProvisionedThroughput",
                 {{"ReadCapacityUnits", 100}, {"WriteCapacityUnits", 100}}}}}},
             {"ProvisionedThroughput", {{"ReadCapacityUnits", 100}, {"WriteCapacityUnits", 100}}}});
    QVERIFY(created);
    w.window->refresh();
    QVERIFY(w.window->showView("live"));
    LiveCapacityView* live = w.live();
    live->tableChooser()->setCurrentIndex(live->tableChooser()->findText("Orders"));
    live->enforcementChooser()->setCurrentIndex(live->enforcementChooser()->findText("Record"));
    // Six writes, two of them carrying the index key.
    for (int i = 0; i < 6; ++i) {
        Json item{{"pk", {{"S", std::string("order-").append(std::to_string(i * 7))}}}};
        if (i < 2) item["status"] = {{"S", "open"}};
        QVERIFY(dispatch(*w.engine, "PutItem", Json{{"TableName", "Orders"}, {"Item", item}}));
    }
    w.clock.advance(1);
    live->refresh();
    QCOMPARE(live->resourceChooser()->count(), 2);
    QCOMPARE(live->resourceChooser()->itemText(1), QString("ByStatus"));
    QCOMPARE(lastValue(live->chart()->consumedWrite()), 6.0);
    live->resourceChooser()->setCurrentIndex(1);
    QCOMPARE(live->heatMap()->heatMap().resource(), std::string("ByStatus"));
    QCOMPARE(lastValue(live->chart()->consumedWrite()), 2.0);
}

QTEST_MAIN(LiveViewTest)
#include "test_live_view.moc"
