// The partition heat map, its drill-down, the capacity chart and chart export, driven
// offscreen on real simulation reports of the bundled scenarios.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>

#include "capacity/heat_map_data.h"
#include "capacity_chart.h"
#include "chart_export.h"
#include "heat_map_view.h"
#include "partition_keys_view.h"
#include "simulation/scenario.h"
#include "simulation/simulator.h"
#include "simulation_results_view.h"

using namespace shardscape;

namespace {

std::shared_ptr<const SimulationReport> run(const char* name) {
    QFile file(QString(SHARDSCAPE_RESOURCES "/scenarios/") + name + ".json");
    if (!file.open(QIODevice::ReadOnly)) return nullptr;
    auto scenario = Scenario::fromText(file.readAll().toStdString());
    if (!scenario) return nullptr;
    auto report = simulate(*scenario);
    if (!report) return nullptr;
    return std::make_shared<const SimulationReport>(std::move(report).value());
}

// The row of partition `id`.
int rowOf(const HeatMapData& data, int id) {
    for (int r = 0; r < data.rowCount(); ++r)
        if (data.rows()[static_cast<size_t>(r)].id == id) return r;
    return -1;
}

// The hot-key run's partition that throttled most (the one holding device-0).
int mostThrottledRow(const HeatMapData& data) {
    int best = -1;
    double most = -1;
    for (int r = 0; r < data.rowCount(); ++r) {
        double throttled = 0;
        for (int s = 0; s < data.seconds(); ++s)
            if (data.exists(r, s)) throttled += data.throttled(r, s);
        if (throttled > most) most = throttled, best = r;
    }
    return best;
}

void sendMove(QWidget* widget, QPoint at) {
    QMouseEvent move(QEvent::MouseMove, QPointF(at), QPointF(widget->mapToGlobal(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &move);
}

}  // namespace

class HeatMapTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void cellsEqualTheReport();
    void limitIsTheEvenShareCappedByThePartitionMaximum();
    void hoverShowsPartitionRangeItemsAndTopKeys();
    void clickListsThePartitionsKeys();
    void drillDownOpensOnTheHottestPartition();
    void readWriteToggleAndResourceChoice();
    void capacityChartEqualsTheReport();
    void timeSliderMarksTheSecond();
    void exportsWriteValidFiles();
    void csvHoldsEveryCell();
    void liveSourcesAppendSeconds();

  private:
    std::shared_ptr<const SimulationReport> hotKey_;
};

void HeatMapTest::initTestCase() {
    hotKey_ = run("hot-key");
    QVERIFY(hotKey_);
}

void HeatMapTest::cellsEqualTheReport() {
    SimulationResultsView view;
    view.resize(1100, 650);
    view.setReport(hotKey_, 100000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    HeatMapView* map = view.heatMap();
    const HeatMapData& data = map->heatMap();
    const ResourceReport& table = hotKey_->resources.at(0);
    QCOMPARE(data.rowCount(), static_cast<int>(table.partitions.size()));
    QCOMPARE(data.seconds(), hotKey_->durationSeconds);
    QCOMPARE(map->shareMap()->data()->keySize(), data.seconds());
    QCOMPARE(map->shareMap()->data()->valueSize(), data.rowCount());
    int throttledCells = 0;
    for (const PartitionSeries& series : table.partitions) {
        const int row = rowOf(data, series.id);
        QVERIFY(row >= 0);
        for (size_t i = 0; i < series.consumedWrite.size(); ++i) {
            const int second = series.firstSecond + static_cast<int>(i);
            QCOMPARE(data.consumed(row, second), series.consumedWrite[i]);
            QCOMPARE(data.throttled(row, second), series.throttledRequests[i]);
            // The widget's cell is the share; the throttle layer marks throttled seconds.
            const double cell = map->shareMap()->data()->cell(second, row);
            QVERIFY(std::abs(cell - series.consumedWrite[i] / data.limit(row, second)) < 1e-4);
            const bool throttled = series.throttledRequests[i] > 0;
            QCOMPARE(map->throttleMarked(row, second), throttled);
            throttledCells += throttled;
        }
        // Before the partition existed (or after its split) the cell is empty.
        if (series.firstSecond > 0)
            QVERIFY(std::isnan(map->shareMap()->data()->cell(series.firstSecond - 1, row)));
        if (series.endSecond > 0)
            QVERIFY(std::isnan(map->shareMap()->data()->cell(series.endSecond, row)));
    }
    QVERIFY(throttledCells > 300);  // the hot partition throttles every second
    // The hot partition is at its limit or beyond (adaptive capacity) while throttling.
    const int hot = mostThrottledRow(data);
    QVERIFY(data.share(hot, 100) > 0.99);
}

void HeatMapTest::limitIsTheEvenShareCappedByThePartitionMaximum() {
    const HeatMapData data = heatMapFromReport(*hotKey_, 0, CapacityDimension::Write, 100000);
    // Hot-key: 10,000 WCU over 11 partitions at the start: 909 WCU each (below 1,000).
    int alive = 0;
    for (int r = 0; r < data.rowCount(); ++r) alive += data.exists(r, 0);
    QCOMPARE(alive, 11);
    for (int r = 0; r < data.rowCount(); ++r)
        if (data.exists(r, 0)) QVERIFY(std::abs(data.limit(r, 0) - 10000.0 / 11) < 0.01);
    QCOMPARE(partitionLimit(BillingMode::Provisioned, CapacityDimension::Write, 40000, 4), 1000.0);
    QCOMPARE(partitionLimit(BillingMode::PayPerRequest, CapacityDimension::Read, 0, 4), 3000.0);
    QCOMPARE(partitionLimit(BillingMode::Provisioned, CapacityDimension::Read, 600, 3), 200.0);
}

void HeatMapTest::hoverShowsPartitionRangeItemsAndTopKeys() {
    SimulationResultsView view;
    view.resize(1100, 650);
    view.setReport(hotKey_, 100000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    HeatMapView* map = view.heatMap();
    const HeatMapData& data = map->heatMap();
    const int hot = mostThrottledRow(data);
    const HeatMapRow& row = data.rows()[static_cast<size_t>(hot)];
    const int second = row.firstSecond + 10;
    QSignalSpy hovered(map, &HeatMapView::cellHovered);
    sendMove(map, map->cellCenter(hot, second));
    QCOMPARE(hovered.count(), 1);
    QCOMPARE(hovered.at(0).at(0).toInt(), hot);
    QCOMPARE(hovered.at(0).at(1).toInt(), second);
    const QString text = map->hoverText();
    QVERIFY2(text.contains(QString("Partition %1 of Events").arg(row.id)), qPrintable(text));
    QVERIFY(text.contains(QString::fromStdString(hashRangeText(row.firstHash, row.lastHash))));
    QVERIFY(text.contains("Items"));
    QVERIFY(text.contains("requests throttled"));
    QVERIFY2(text.contains("device-0"), qPrintable(text));  // the hot key is its top key
    QVERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), text);
    // Off the grid: no hover.
    sendMove(map, QPoint(2, 2));
    QCOMPARE(hovered.count(), 1);
}

void HeatMapTest::clickListsThePartitionsKeys() {
    SimulationResultsView view;
    view.resize(1100, 650);
    view.setReport(hotKey_, 100000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    HeatMapView* map = view.heatMap();
    const HeatMapData& data = map->heatMap();
    const int hot = mostThrottledRow(data);
    const int id = data.rows()[static_cast<size_t>(hot)].id;
    QSignalSpy clicked(map, &HeatMapView::partitionClicked);
    // A calm partition first (the view opens on the hot one).
    int calm = -1;
    for (int r = 0; r < data.rowCount() && calm < 0; ++r)
        if (data.exists(r, 5) && data.throttled(r, 5) == 0) calm = r;
    QVERIFY(calm >= 0);
    QTest::mouseClick(map, Qt::LeftButton, {}, map->cellCenter(calm, 5));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(view.keysView()->partitionId(), data.rows()[static_cast<size_t>(calm)].id);
    QTest::mouseClick(map, Qt::LeftButton, {},
                      map->cellCenter(hot, data.rows()[static_cast<size_t>(hot)].firstSecond + 5));
    QCOMPARE(clicked.count(), 2);
    PartitionKeysView* keys = view.keysView();
    QCOMPARE(keys->partitionId(), id);
    QVERIFY(keys->heading().contains(QString("Partition %1").arg(id)));
    QTreeWidget* list = keys->keyList();
    QVERIFY(list->topLevelItemCount() >= 1);
    QCOMPARE(list->topLevelItem(0)->text(0), QString("device-0"));
    // Its consumed units are the simulator's figure for this partition.
    const HotKey* tracked = nullptr;
    for (const HotKey& key : hotKey_->trackedKeys)
        if (key.key == "device-0") tracked = &key;
    QVERIFY(tracked);
    QVERIFY(tracked->byPartition.count(id));
    QCOMPARE(list->topLevelItem(0)->data(1, Qt::UserRole).toDouble(),
             tracked->byPartition.at(id).consumedUnits);
    QVERIFY(tracked->byPartition.at(id).consumedUnits > 0);
    QVERIFY(tracked->byPartition.at(id).throttledRequests > 0);
}

void HeatMapTest::drillDownOpensOnTheHottestPartition() {
    SimulationResultsView view;
    view.setReport(hotKey_, 100000);
    const HeatMapData& data = view.heatMap()->heatMap();
    const int hot = mostThrottledRow(data);
    QCOMPARE(hottestRow(data), hot);
    QCOMPARE(view.keysView()->partitionId(), data.rows()[static_cast<size_t>(hot)].id);
    QCOMPARE(view.keysView()->keyList()->topLevelItem(0)->text(0), QString("device-0"));
    // Nothing throttled: the busiest partition.
    HeatMapData calm("T", CapacityDimension::Write, {{1, 0, 9, 0, -1, 1}, {2, 10, 19, 0, -1, 1}},
                     0);
    calm.appendSecond({10, 20}, {100, 100}, {0, 0});
    QCOMPARE(hottestRow(calm), 1);
    QCOMPARE(hottestRow(HeatMapData()), -1);
}

void HeatMapTest::readWriteToggleAndResourceChoice() {
    SimulationResultsView view;
    view.setReport(hotKey_, 100000);
    QCOMPARE(view.dimension(), CapacityDimension::Write);  // a write workload
    QCOMPARE(view.heatMap()->heatMap().dimension(), CapacityDimension::Write);
    view.readButton()->click();
    QCOMPARE(view.dimension(), CapacityDimension::Read);
    const HeatMapData& reads = view.heatMap()->heatMap();
    QCOMPARE(reads.dimension(), CapacityDimension::Read);
    for (int r = 0; r < reads.rowCount(); ++r)
        for (int s = 0; s < reads.seconds(); s += 50)
            if (reads.exists(r, s)) QCOMPARE(reads.consumed(r, s), 0.0f);  // nothing read
    view.writeButton()->click();
    QCOMPARE(view.heatMap()->heatMap().dimension(), CapacityDimension::Write);
    QCOMPARE(view.resourceChoice()->count(), 1);  // the table; hot-key has no index
}

void HeatMapTest::capacityChartEqualsTheReport() {
    auto burst = run("burst");
    QVERIFY(burst);
    SimulationResultsView view;
    view.setReport(burst, 10000);
    CapacityChart* chart = view.capacityChart();
    const ResourceReport& table = burst->resources.at(0);
    auto compare = [](QCPGraph* graph, const std::vector<float>& expected) {
        QCOMPARE(graph->data()->size(), static_cast<int>(expected.size()));
        int i = 0;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it, ++i) {
            QCOMPARE(it->key, double(i));
            QCOMPARE(it->value, double(expected[static_cast<size_t>(i)]));
        }
    };
    compare(chart->consumedWrite(), table.consumedWrite);
    compare(chart->capacityWrite(), table.capacityWrite);
    compare(chart->consumedRead(), table.consumedRead);
    compare(chart->capacityRead(), table.capacityRead);
    QCOMPARE(chart->throttled()->data()->size(), static_cast<int>(table.throttledRequests.size()));
    int i = 0;
    double throttled = 0;
    for (auto it = chart->throttled()->data()->constBegin();
         it != chart->throttled()->data()->constEnd(); ++it, ++i) {
        QCOMPARE(it->value, double(table.throttledRequests[static_cast<size_t>(i)]));
        throttled += it->value;
    }
    QVERIFY(throttled > 0);  // the long spike outlasts the burst
    // A write-only run shows the write lines, not the read ones.
    QVERIFY(chart->consumedWrite()->visible());
    QVERIFY(!chart->consumedRead()->visible());
    QVERIFY(chart->unitsUpper() >= 800);  // the spike's 800 WCU fits
}

void HeatMapTest::timeSliderMarksTheSecond() {
    SimulationResultsView view;
    view.setReport(hotKey_, 100000);
    QSignalSpy changed(&view, &SimulationResultsView::secondChanged);
    view.timeSlider()->setValue(123);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(view.heatMap()->currentSecond(), 123);
    QCOMPARE(view.capacityChart()->currentSecond(), 123);
    const ResourceReport& table = hotKey_->resources.at(0);
    const QString figures = view.secondFigures()->text();
    QVERIFY2(figures.startsWith("Second 123 of Events"), qPrintable(figures));
    QVERIFY(figures.contains(QString::number(std::round(table.consumedWrite[123]), 'f', 0)));
    QCOMPARE(view.timeSlider()->maximum(), hotKey_->durationSeconds - 1);
}

void HeatMapTest::exportsWriteValidFiles() {
    SimulationResultsView view;
    view.resize(1000, 600);
    view.setReport(hotKey_, 100000);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTemporaryDir dir;
    for (QCustomPlot* plot :
         std::initializer_list<QCustomPlot*>{view.heatMap(), view.capacityChart()}) {
        const QString base = dir.filePath(plot->objectName());
        QCOMPARE(exportChart(plot, base + ".png"), QString());
        QCOMPARE(exportChart(plot, base + ".pdf"), QString());
        QCOMPARE(exportChart(plot, base + ".svg"), QString());
        QFile png(base + ".png"), pdf(base + ".pdf"), svg(base + ".svg");
        QVERIFY(png.open(QIODevice::ReadOnly) && pdf.open(QIODevice::ReadOnly) &&
                svg.open(QIODevice::ReadOnly));
        QCOMPARE(png.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
        QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
        QImage image(base + ".png");
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= plot->width());
        // The SVG parses and has a root <svg> element with drawing in it.
        QXmlStreamReader xml(&svg);
        int elements = 0;
        QString root;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && elements++ == 0)
                root = xml.name().toString();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QString("svg"));
        QVERIFY(elements > 20);
    }
    QVERIFY(!exportChart(view.heatMap(), dir.filePath("x.bmp")).isEmpty());
    QVERIFY(!exportChart(view.heatMap(), "/nonexistent-dir/x.png").isEmpty());
    QVERIFY(!exportText("/nonexistent-dir/x.csv", "a").isEmpty());
}

void HeatMapTest::csvHoldsEveryCell() {
    SimulationResultsView view;
    view.setReport(hotKey_, 100000);
    QTemporaryDir dir;
    const QString path = dir.filePath("heat.csv");
    QCOMPARE(exportText(path, view.heatMapCsv()), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QString("partition,first_hash,last_hash,second,consumed_units,"
                                    "limit_units,share,throttled_requests"));
    size_t cells = 0;
    for (const PartitionSeries& series : hotKey_->resources.at(0).partitions)
        cells += series.consumedWrite.size();
    QCOMPARE(static_cast<size_t>(lines.size() - 1), cells);
    // Every line's figures are the report's for that partition and second.
    std::map<int, const PartitionSeries*> byId;
    for (const PartitionSeries& series : hotKey_->resources.at(0).partitions)
        byId[series.id] = &series;
    for (int i = 1; i < lines.size(); i += 97) {
        const QStringList fields = lines[i].split(',');
        QCOMPARE(fields.size(), 8);
        const PartitionSeries* series = byId.at(fields[0].toInt());
        const int second = fields[3].toInt();
        const float consumed =
            series->consumedWrite[static_cast<size_t>(second - series->firstSecond)];
        QVERIFY(std::abs(fields[4].toDouble() - consumed) < 0.006);
        QVERIFY(std::abs(fields[6].toDouble() - fields[4].toDouble() / fields[5].toDouble()) <
                1e-3);
    }
}

void HeatMapTest::liveSourcesAppendSeconds() {
    // Any per-partition per-second source can drive the view, one second at a time.
    HeatMapData data("Live", CapacityDimension::Write,
                     {{1, 0, 100, 0, -1, 10}, {2, 101, 200, 0, -1, 10}}, 0);
    data.appendSecond({500, 1000}, {1000, 1000}, {0, 7});
    data.appendSecond({250, 1000}, {1000, 1000}, {0, 3});
    QCOMPARE(data.seconds(), 2);
    QCOMPARE(data.share(0, 1), 0.25f);
    QCOMPARE(data.throttled(1, 0), 7.0f);
    HeatMapView view;
    view.resize(600, 400);
    view.setHeatMap(data);
    QCOMPARE(view.shareMap()->data()->cell(0, 0), 0.5);
    QCOMPARE(view.shareMap()->data()->cell(1, 1), 1.0);
    QVERIFY(view.throttleMarked(1, 0));
    QVERIFY(!view.throttleMarked(0, 0));
    QVERIFY(!view.throttleMarked(0, 1));
}

QTEST_MAIN(HeatMapTest)
#include "test_heat_map.moc"
