// Throttles by kind in the views (issue 22, point 10): a hot partition
// (KeyRangeThroughputExceeded) and the table's capacity (ProvisionedThroughputExceeded, ...)
// read differently in the heat map's strip and hover text, the capacity chart's stacked bars
// and legend, and the classroom step-through's reason badge. Driven offscreen through the
// real widgets on real simulation reports; the expected kinds come from the scenarios' own
// figures (a hot key over a partition's 1,000 WCU on a roomy table; a table asked for twice
// its capacity, under the partition maximum).
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>

#include "backend/local_backend.h"
#include "capacity/heat_map_data.h"
#include "capacity_chart.h"
#include "classroom_view.h"
#include "heat_map_view.h"
#include "operation_test_support.h"
#include "request_walkthrough_panel.h"
#include "simulation/simulator.h"
#include "simulation_panel.h"
#include "simulation_results_view.h"
#include "table_list_model.h"
#include "throttle_colors.h"

using namespace shardscape;
using namespace shardscape::testing;

class ThrottleKindsTest : public QObject {
    Q_OBJECT
  private slots:
    void heatMapStripShowsTheKind();
    void heatMapWithoutReasonsMarksGrey();
    void heatMapHoverNamesSortKeySegments();
    void capacityChartStacksThrottlesByKind();
    void capacityChartWithoutReasonsShowsOneBar();
    void classroomStepNamesTheKind();
    void simulationStatusCountsThrottlesByKind();
};

namespace {

std::shared_ptr<const SimulationReport> run(const char* name) {
    QFile file(QString(SHARDSCAPE_RESOURCES "/scenarios/") + name + ".json");
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", name);
    auto scenario = Scenario::fromText(file.readAll().toStdString());
    if (!scenario) qFatal("%s", scenario.error().message.c_str());
    auto report = simulate(*scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return std::make_shared<const SimulationReport>(std::move(report).value());
}

void sendMove(QWidget* widget, QPoint at) {
    QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(widget->mapToGlobal(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &move);
}

// Pixels of `image` within a small distance of `color`.
int pixelsOf(const QImage& image, const QColor& color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                12)
                ++count;
        }
    return count;
}

// A throttled cell of `data` (row, second) whose ten neighbours on each side throttled too
// (a pixel spans several seconds), or (-1, -1).
std::pair<int, int> firstThrottled(const HeatMapData& data) {
    for (int r = 0; r < data.rowCount(); ++r)
        for (int s = 10; s + 10 < data.seconds(); ++s) {
            bool all = true;
            for (int t = s - 10; t <= s + 10 && all; ++t)
                all = data.exists(r, t) && data.throttled(r, t) > 0;
            if (all) return {r, s};
        }
    return {-1, -1};
}

const QString kHotLegend = "throttled: hot partition (KeyRangeThroughputExceeded)";
const QString kTableLegend = "throttled: table capacity (ProvisionedThroughputExceeded)";

}  // namespace

void ThrottleKindsTest::heatMapStripShowsTheKind() {
    // hot-key: one key at 1,500 WCU, a partition serves 1,000: every throttle is the
    // partition's own limit. burst: 800 WCU on a 400 WCU table: every throttle is the
    // table's capacity (800 is under the partition's 1,000).
    for (const auto& [name, expected] : {std::pair{"hot-key", ThrottleKind::HotPartition},
                                         std::pair{"burst", ThrottleKind::TableCapacity}}) {
        SimulationResultsView view;
        view.setReport(run(name), 10000);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        HeatMapView* map = view.heatMap();
        const HeatMapData& data = map->heatMap();
        QVERIFY(data.knowsReasons());
        int marked = 0;
        for (int r = 0; r < data.rowCount(); ++r)
            for (int s = 0; s < data.seconds(); ++s) {
                if (!data.exists(r, s) || data.throttled(r, s) <= 0) continue;
                ++marked;
                QVERIFY(map->throttleMarked(r, s));
                QCOMPARE(map->markedKind(r, s), std::optional<ThrottleKind>(expected));
            }
        QVERIFY2(marked > 0, name);
        QCOMPARE(map->legendNames(), QStringList({kHotLegend, kTableLegend}));

        // The hover text gives that second's throttles by kind.
        // (Many seconds share a pixel: the cell hovered is the one the signal names.)
        const auto [throttledRow, throttledSecond] = firstThrottled(data);
        QSignalSpy hovered(map, &HeatMapView::cellHovered);
        sendMove(map, map->cellCenter(throttledRow, throttledSecond));
        QCOMPARE(hovered.count(), 1);
        const int row = hovered.at(0).at(0).toInt(), second = hovered.at(0).at(1).toInt();
        QVERIFY(data.throttled(row, second) > 0);
        const QString text = map->hoverText();
        const QString count = QString::number(data.throttled(row, second), 'f', 1);
        const QString line = expected == ThrottleKind::HotPartition
                                 ? count + " by a hot partition (KeyRangeThroughputExceeded)"
                                 : count + " by the table capacity (ProvisionedThroughputExceeded)";
        QVERIFY2(text.contains(line), qPrintable(text));
        QVERIFY2(!text.contains(expected == ThrottleKind::HotPartition ? "table capacity"
                                                                       : "hot partition"),
                 qPrintable(text));

        // What is drawn: strips in the kind's colour, none in the other's.
        const QImage image = map->grab().toImage();
        const QColor mine = throttleKindColor(expected);
        const QColor other =
            throttleKindColor(expected == ThrottleKind::HotPartition ? ThrottleKind::TableCapacity
                                                                     : ThrottleKind::HotPartition);
        // The legend swatches (10 px squares) hold both colours: the map holds far more of
        // its own kind's.
        QVERIFY2(pixelsOf(image, mine) > pixelsOf(image, other) + 200,
                 qPrintable(QString("%1: %2 vs %3")
                                .arg(name)
                                .arg(pixelsOf(image, mine))
                                .arg(pixelsOf(image, other))));
    }
}

void ThrottleKindsTest::heatMapWithoutReasonsMarksGrey() {
    // A source that does not tell the kinds apart (no keyRange figures): grey marks and the
    // plain legend entry.
    HeatMapData data("Live", CapacityDimension::Write, {{1, 0, ~uint64_t(0), 0, -1, 10, 0, 1}}, 3);
    data.set(0, 0, 500, 1000, 0);
    data.set(0, 1, 1000, 1000, 40);
    data.set(0, 2, 1000, 1000, 0);
    HeatMapView view;
    view.resize(600, 400);
    view.setHeatMap(data);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.throttleMarked(0, 0));
    QVERIFY(view.throttleMarked(0, 1));
    QCOMPARE(view.markedKind(0, 1), std::optional<ThrottleKind>());
    QCOMPARE(view.legendNames(), QStringList({"throttled that second (strip under the cell)"}));
    sendMove(&view, view.cellCenter(0, 1));
    QVERIFY(view.hoverText().contains("40.0 requests throttled"));
    QVERIFY(!view.hoverText().contains("hot partition"));
    QVERIFY(pixelsOf(view.grab().toImage(), HeatMapView::throttleColor()) > 100);

    // The same cell with its kinds: 30 of the 40 by the partition's own limit.
    data.setThrottledKeyRange(0, 1, 30);
    view.setHeatMap(data);
    QCOMPARE(view.markedKind(0, 1), std::optional<ThrottleKind>(ThrottleKind::HotPartition));
    sendMove(&view, view.cellCenter(0, 1));
    QVERIFY2(view.hoverText().contains("30.0 by a hot partition (KeyRangeThroughputExceeded)"),
             qPrintable(view.hoverText()));
    QVERIFY2(
        view.hoverText().contains("10.0 by the table capacity (ProvisionedThroughputExceeded)"),
        qPrintable(view.hoverText()));
    // On demand the table-level kinds are the on-demand maximum and the account quota.
    data.setMode(BillingMode::PayPerRequest);
    data.setThrottledKeyRange(0, 1, 5);
    view.setHeatMap(data);
    QCOMPARE(view.markedKind(0, 1), std::optional<ThrottleKind>(ThrottleKind::TableCapacity));
    QCOMPARE(view.legendNames(),
             QStringList({kHotLegend,
                          "throttled: table capacity (MaxOnDemandThroughputExceeded "
                          "or AccountLimitExceeded)"}));
}

void ThrottleKindsTest::heatMapHoverNamesSortKeySegments() {
    // After the sort-key split the collection's two partitions hold 0-50 % and 50-100 % of
    // its items: their rows say so, in sort-key order under the same hash.
    SimulationResultsView view;
    auto report = run("sort-key-split");
    view.setReport(report, 100000);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    HeatMapView* map = view.heatMap();
    const HeatMapData& data = map->heatMap();
    int lower = -1, upper = -1;
    for (int r = 0; r < data.rowCount(); ++r) {
        const HeatMapRow& row = data.rows()[static_cast<size_t>(r)];
        if (row.sortFrom == 0 && row.sortTo == 0.5) lower = r;
        if (row.sortFrom == 0.5 && row.sortTo == 1) upper = r;
    }
    QVERIFY(lower >= 0 && upper == lower + 1);
    const HeatMapRow& row = data.rows()[static_cast<size_t>(upper)];
    QCOMPARE(row.firstHash, row.lastHash);
    sendMove(map, map->cellCenter(upper, row.firstSecond + 5));
    QVERIFY2(map->hoverText().contains(QString::fromUtf8(
                 "Sort keys 50 % \u2013 100 % of one item collection (by sort key)")),
             qPrintable(map->hoverText()));
    // Neither half throttles.
    for (int r : {lower, upper})
        for (int s = row.firstSecond; s < data.seconds(); ++s) QVERIFY(!map->throttleMarked(r, s));
}

void ThrottleKindsTest::capacityChartStacksThrottlesByKind() {
    for (const auto& [name, expected] : {std::pair{"hot-key", ThrottleKind::HotPartition},
                                         std::pair{"burst", ThrottleKind::TableCapacity}}) {
        auto report = run(name);
        const ResourceReport& table = report->resources[0];
        CapacityChart chart;
        chart.resize(800, 400);
        chart.setResource(table);
        QVERIFY(chart.showsKinds());
        QVERIFY(!chart.throttled()->visible());
        QVERIFY(chart.throttledHotPartition()->visible());
        QVERIFY(chart.throttledTableCapacity()->visible());
        QCOMPARE(chart.throttledTableCapacity()->barBelow(), chart.throttledHotPartition());
        QCOMPARE(chart.throttledHotPartition()->name(), QString("throttled: hot partition"));
        QCOMPARE(chart.throttledTableCapacity()->name(), QString("throttled: table capacity"));
        QVERIFY(chart.legend->hasItemWithPlottable(chart.throttledHotPartition()));
        QVERIFY(chart.legend->hasItemWithPlottable(chart.throttledTableCapacity()));
        QVERIFY(!chart.legend->hasItemWithPlottable(chart.throttled()));
        QCPBars* mine = expected == ThrottleKind::HotPartition ? chart.throttledHotPartition()
                                                               : chart.throttledTableCapacity();
        QCPBars* other = expected == ThrottleKind::HotPartition ? chart.throttledTableCapacity()
                                                                : chart.throttledHotPartition();
        QCOMPARE(mine->data()->size(), static_cast<int>(table.throttledRequests.size()));
        double sum = 0;
        int i = 0;
        for (auto it = mine->data()->constBegin(); it != mine->data()->constEnd(); ++it, ++i) {
            QCOMPARE(it->key, double(i));
            QCOMPARE(it->value, double(table.throttledRequests[static_cast<size_t>(i)]));
            sum += it->value;
        }
        QVERIFY(sum > 0);
        // The time slider's line says the same.
        size_t at = 0;
        while (table.throttledRequests[at] <= 0) ++at;
        const double count = table.throttledRequests[at];
        const std::string kinds = expected == ThrottleKind::HotPartition
                                      ? " (" + std::to_string(std::lround(count)) +
                                            " by a hot partition, 0 by the table capacity)"
                                      : " (0 by a hot partition, " +
                                            std::to_string(std::lround(count)) +
                                            " by the table capacity)";
        const std::string line = describeSecond(table, static_cast<int>(at));
        QVERIFY2(line.size() > kinds.size() &&
                     line.compare(line.size() - kinds.size(), kinds.size(), kinds) == 0,
                 line.c_str());
        for (auto it = other->data()->constBegin(); it != other->data()->constEnd(); ++it)
            QCOMPARE(it->value, 0.0);
        QCOMPARE(mine->brush().color().rgb(), throttleKindColor(expected).rgb());
    }

    // Both kinds in one second: 30 of 50 by a hot partition, 20 by the table, stacked.
    ResourceReport mixed;
    mixed.name = "Mixed";
    mixed.consumedRead = mixed.consumedWrite = mixed.capacityRead = mixed.capacityWrite = {0, 0};
    mixed.throttledRequests = {50, 0};
    mixed.throttledKeyRange = {30, 0};
    CapacityChart chart;
    chart.setResource(mixed);
    QCOMPARE(chart.throttledHotPartition()->data()->at(0)->value, 30.0);
    QCOMPARE(chart.throttledTableCapacity()->data()->at(0)->value, 20.0);
    QCOMPARE(chart.throttled()->data()->at(0)->value, 50.0);
    QCOMPARE(chart.dataThrottledMax(), 50.0);
}

void ThrottleKindsTest::capacityChartWithoutReasonsShowsOneBar() {
    ResourceReport live;
    live.name = "Live";
    live.consumedRead = live.consumedWrite = live.capacityRead = live.capacityWrite = {0, 0};
    live.throttledRequests = {7, 0};
    CapacityChart chart;
    chart.setResource(live);
    QVERIFY(!chart.showsKinds());
    QVERIFY(chart.throttled()->visible());
    QVERIFY(!chart.throttledHotPartition()->visible());
    QVERIFY(!chart.throttledTableCapacity()->visible());
    QVERIFY(chart.legend->hasItemWithPlottable(chart.throttled()));
    QVERIFY(!chart.legend->hasItemWithPlottable(chart.throttledHotPartition()));
    QCOMPARE(chart.throttled()->data()->at(0)->value, 7.0);
}

void ThrottleKindsTest::classroomStepNamesTheKind() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    // Big: 9,000 RCU (a partition serves 3,000 of them). Small: 100 RCU.
    for (const auto& [name, units] : {std::pair{"Big", 9000}, std::pair{"Small", 100}}) {
        QVERIFY(
            dispatch(*engine, "CreateTable",
                     {{"TableName", name},
                      {"AttributeDefinitions",
                       Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
                      {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
                      {"ProvisionedThroughput",
                       {{"ReadCapacityUnits", units}, {"WriteCapacityUnits", 100}}}})
                .ok());
        QVERIFY(dispatch(*engine, "PutItem",
                         {{"TableName", name}, {"Item", itemOfSize({{"pk", {{"S", "k"}}}}, 1000)}})
                    .ok());
    }
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    ClassroomView view(&tables);
    view.resize(1200, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RequestWalkthroughPanel* panel = view.walkthroughPanel();
    auto stepThrough = [&](const QString& table, double rate) {
        panel->tableBox()->setCurrentIndex(panel->tableBox()->findText(table));
        QVERIFY(panel->selectOperation("GetItem"));
        panel->consistentBox()->setChecked(true);  // 1 RCU: a 1,000-byte item
        panel->rateBox()->setValue(rate);
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        while (panel->nextButton()->isEnabled())
            QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    };
    auto valueLabel = [&] {
        return panel->findChild<QFrame*>("step_throttling")->findChild<QLabel*>("stepValue");
    };
    // Big at 4,000 reads/s: 4,000 RCU on one partition, which serves 3,000 though the table
    // has 9,000: a hot partition.
    stepThrough("Big", 4000);
    QVERIFY(panel->walkthrough()->throttled);
    QCOMPARE(panel->walkthrough()->throttleKind,
             std::optional<ThrottleKind>(ThrottleKind::HotPartition));
    QCOMPARE(panel->walkthrough()->throttlingReason,
             std::string("TableReadKeyRangeThroughputExceeded"));
    // The badge: the kind's name on the kind's colour, then the reason.
    auto badge = [](const QColor& color, const QString& kind) {
        return QString(
                   "<span style='background-color:%1;color:#ffffff'><b>&nbsp;%2&nbsp;</b>"
                   "</span> Reason: ")
            .arg(color.name(), kind);
    };
    QString plain = QTextDocumentFragment::fromHtml(valueLabel()->text()).toPlainText();
    QVERIFY2(plain.contains("Reason: TableReadKeyRangeThroughputExceeded"), qPrintable(plain));
    QVERIFY2(valueLabel()->text().contains(badge(hotPartitionColor(), "hot partition") +
                                           "TableReadKeyRangeThroughputExceeded"),
             qPrintable(valueLabel()->text()));
    // Small at 500 reads/s: under a partition's 3,000, over the table's 100: table capacity.
    stepThrough("Small", 500);
    QVERIFY(panel->walkthrough()->throttled);
    QCOMPARE(panel->walkthrough()->throttleKind,
             std::optional<ThrottleKind>(ThrottleKind::TableCapacity));
    QCOMPARE(panel->walkthrough()->throttlingReason,
             std::string("TableReadProvisionedThroughputExceeded"));
    plain = QTextDocumentFragment::fromHtml(valueLabel()->text()).toPlainText();
    QVERIFY2(plain.contains("Reason: TableReadProvisionedThroughputExceeded"), qPrintable(plain));
    QVERIFY2(valueLabel()->text().contains(badge(tableCapacityColor(), "table capacity") +
                                           "TableReadProvisionedThroughputExceeded"),
             qPrintable(valueLabel()->text()));
    // Under both limits: no reason, no badge.
    stepThrough("Small", 50);
    QVERIFY(!panel->walkthrough()->throttled);
    QCOMPARE(panel->walkthrough()->throttleKind, std::optional<ThrottleKind>());
    QVERIFY(!valueLabel()->text().contains("background-color"));
}

void ThrottleKindsTest::simulationStatusCountsThrottlesByKind() {
    // The Simulation view's status line after a run: the throttles by kind, summed here
    // from the report's counts by ThrottlingReason.
    for (const auto& [label, hotPartition] :
         {std::pair{"Bundled: hot-key", true}, std::pair{"Bundled: burst", false}}) {
        SimulationPanel panel;
        panel.setBundledDirectory(SHARDSCAPE_RESOURCES);
        QVERIFY(panel.chooseSource(static_cast<int>(panel.sources().indexOf(label))));
        QSignalSpy finished(&panel, &SimulationPanel::finished);
        QVERIFY(panel.run());
        QVERIFY(finished.wait(20000));
        auto report = panel.results()->report();
        QVERIFY(report && report->throttledRequests > 0);
        double hot = 0, table = 0;
        for (const auto& [reason, count] : report->throttledByReason)
            (QString::fromStdString(reason).endsWith("KeyRangeThroughputExceeded") ? hot : table) +=
                count;
        QVERIFY(std::abs(hot + table - report->throttledRequests) <
                1e-9 * report->throttledRequests);
        QCOMPARE(hot > 0, hotPartition);
        QCOMPARE(table > 0, !hotPartition);
        const QLocale locale;
        const QString line =
            QString(
                "Throttled by a hot partition (KeyRangeThroughputExceeded): %1 · by the "
                "table capacity (ProvisionedThroughputExceeded): %2")
                .arg(locale.toString(hot, 'f', 0), locale.toString(table, 'f', 0));
        QVERIFY2(panel.statusLabel()->text().contains(line),
                 qPrintable(panel.statusLabel()->text()));
    }
}

QTEST_MAIN(ThrottleKindsTest)
#include "test_throttle_kinds.moc"
