// bench_gui: how the GUI holds up under the physics views' heaviest loads.
//
// (a) Redraw of a partition heat map of 1,000 partitions × 3,600 seconds: a QCustomPlot
//     with a QCPColorMap (x = time, y = partition, colour = consumed share), 1,280 × 720,
//     shown (offscreen). Median of N redraws, each QCustomPlot::replot with an immediate
//     repaint: after the data changed (the map image is rebuilt, as when a new simulation
//     result or a scrub arrives) and unchanged (zoom, pan, hover). The baseline, measured in
//     the same run: the same plot with no data.
// (b) The longest GUI event-loop stall during an import of 1,000,000 items (core/transfer,
//     the bulk loader) running off the GUI thread: a 1 ms QTimer on the GUI thread records
//     the gaps between its ticks while the import's progress is delivered to a QProgressBar.
//     The baseline: the longest gap of the same timer over an idle second.
//
// (c) The same size in the app's own widget (ui/heat_map_view, with its throttle layer,
//     colour scale and row labels): a redraw after the time cursor moved (scrubbing), and
//     loading a new grid (setHeatMap: the colour maps rebuilt) with its first redraw.
//
// (d) Cold start: the real app (its binary) started with a bundled model in a new data
//     directory, to its first painted window (ui/first_paint_probe.h); median of 7 starts.
// (e) The Data view on a table of 10,000,000 items: the first rows, Ctrl+End to the last row,
//     the scroll bar dragged to 1/4, 1/2 and 3/4, and the longest GUI stall meanwhile.
//
// Last line: RESULT heatmap_redraw_ms=… max_stall_ms=… (plus the baselines) cold_start_ms=…
// cold_start_cpu_ms=… data_view_items=… data_view_open_ms=… data_view_end_ms=…
// data_view_middle_ms=… data_view_max_stall_ms=…; heatmap_redraw_ms is the app widget's
// redraw (c), plain_plot_ms the bare QCPColorMap's (a).
//
// --quick: 5 redraws, 20,000 items, 3 starts and a 200,000-item table (for ctest);
// --data-view-items N sets the table's size. Targets: heat map ≤ 50 ms, stall ≤ 100 ms, cold
// start ≤ 500 ms (reported, not asserted: timings depend on the machine).

#include <qcustomplot.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QKeyEvent>
#include <QProcess>
#include <QProgressBar>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtConcurrent/QtConcurrent>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "backend/local_backend.h"
#include "capacity/heat_map_data.h"
#include "data_view.h"
#include "heat_map_view.h"
#include "item_table_model.h"
#include "storage/engine.h"
#include "table_list_model.h"
#include "transfer/item_import.h"

using namespace shardscape;

namespace {

constexpr int kPartitions = 1000;
constexpr int kSeconds = 3600;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct HeatMapPlot {
    QCustomPlot plot;
    QCPColorMap* map = nullptr;

    explicit HeatMapPlot(bool withData) {
        plot.resize(1280, 720);
        plot.xAxis->setLabel("time (s)");
        plot.yAxis->setLabel("partition");
        plot.xAxis->setRange(0, kSeconds);
        plot.yAxis->setRange(0, kPartitions);
        if (!withData) return;
        map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(kSeconds, kPartitions);
        map->data()->setRange(QCPRange(0, kSeconds - 1), QCPRange(0, kPartitions - 1));
        fill(0);
        auto* scale = new QCPColorScale(&plot);
        plot.plotLayout()->addElement(0, 1, scale);
        scale->axis()->setLabel("consumed share of the partition's limit");
        map->setColorScale(scale);
        map->setGradient(QCPColorGradient::gpJet);
        map->setDataRange(QCPRange(0, 1.2));
        map->setInterpolate(false);
    }

    // A workload: a background share per partition, a hot band, and `phase` moving it.
    void fill(int phase) {
        QCPColorMapData* data = map->data();
        for (int x = 0; x < kSeconds; ++x)
            for (int y = 0; y < kPartitions; ++y) {
                const double background = 0.2 + 0.1 * std::sin((x + phase) * 0.01 + y * 0.37);
                const double hot = (y + phase) % kPartitions < 10 ? 0.9 : 0.0;
                data->setCell(x, y, background + hot);
            }
    }

    // One redraw, in milliseconds.
    double redraw() {
        QElapsedTimer timer;
        timer.start();
        plot.replot(QCustomPlot::rpImmediateRefresh);
        return static_cast<double>(timer.nsecsElapsed()) / 1e6;
    }
};

// Longest gap, in ms, between the ticks of a 1 ms timer while `running` says so.
struct StallMeter {
    QTimer timer;
    QElapsedTimer clock;
    double last = 0;
    double longest = 0;
    int ticks = 0;

    StallMeter() {
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            longest = std::max(longest, now - last);
            last = now;
            ++ticks;
        });
    }
    void start() {
        clock.start();
        last = 0;
        longest = 0;
        ticks = 0;
        timer.start();
    }
    void stop() { timer.stop(); }
};

// One item per line, DynamoDB JSON, ~150 bytes each.
bool writeItems(const std::string& path, int count) {
    std::ofstream out(path);
    const std::string payload(100, 'x');
    for (int i = 0; i < count; ++i)
        out << R"({"pk":{"S":"user-)" << i % 50000 << R"("},"sk":{"N":")" << i
            << R"("},"payload":{"S":")" << payload << "\"}}\n";
    return static_cast<bool>(out);
}

// Runs the event loop until `done` holds or `timeoutMs` passed; false on the timeout.
template <typename Done>
bool waitUntil(Done done, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

// A table of `count` small items (~60 bytes: key, number, short text), bulk loaded.
bool loadLargeTable(Engine& engine, const std::string& name, int count, std::string& error) {
    TableDefinition table;
    table.name = name;
    table.attributeDefinitions = {{"k", ValueType::S}};
    table.partitionKey = {"k", ValueType::S};
    table.billingMode = BillingMode::PayPerRequest;
    if (auto created = engine.createTable(table); !created) {
        error = created.error().message;
        return false;
    }
    auto loader = engine.beginBulkLoad(name);
    if (!loader) {
        error = loader.error().message;
        return false;
    }
    std::vector<Item> chunk;
    char key[32];
    for (int i = 0; i < count; ++i) {
        std::snprintf(key, sizeof key, "item-%08d", i);
        Item item;
        item.emplace("k", AttributeValue::string(key));
        item.emplace("n", AttributeValue::number(std::to_string(i)));
        item.emplace("note", AttributeValue::string(i % 7 ? "plain" : "seventh"));
        chunk.push_back(std::move(item));
        if (chunk.size() == 10000 || i + 1 == count) {
            if (auto added = (*loader)->add(std::move(chunk)); !added) {
                error = added.error().message;
                return false;
            }
            chunk.clear();
        }
    }
    if (auto finished = (*loader)->finish(); !finished) {
        error = finished.error().message;
        return false;
    }
    return true;
}

struct ColdStart {
    double wallMs = 0;  // from before the process started to its first painted window
    double cpuMs = 0;   // the process's CPU time by then
};

// Starts the real app with the bundled model in a new data directory; it prints the
// monotonic time of its first paint and quits (ui/first_paint_probe.h).
std::optional<ColdStart> coldStart(QString& error) {
    QTemporaryDir data;
    QProcess app;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("SHARDSCAPE_FIRST_PAINT_EXIT", "1");
    if (!environment.contains("QT_QPA_PLATFORM"))
        environment.insert("QT_QPA_PLATFORM", "offscreen");
    app.setProcessEnvironment(environment);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const auto started = std::chrono::steady_clock::now().time_since_epoch();
    app.start(SHARDSCAPE_GUI, {"--data", data.path(), "--model", SHARDSCAPE_BUNDLED_MODEL});
    if (!app.waitForFinished(60000) || app.exitCode() != 0) {
        error = QString("%1 did not start and quit (exit code %2)")
                    .arg(SHARDSCAPE_GUI)
                    .arg(app.exitCode());
        app.kill();
        app.waitForFinished(5000);
        return std::nullopt;
    }
    const QString output = QString::fromLocal8Bit(app.readAllStandardOutput());
    const qsizetype at = output.indexOf("FIRST_PAINT ");
    double paintedMs = 0, cpuMs = 0;
    if (at < 0 || std::sscanf(output.mid(at).toLocal8Bit().constData(),
                              "FIRST_PAINT monotonic_ms=%lf cpu_ms=%lf", &paintedMs, &cpuMs) != 2) {
        error = "no FIRST_PAINT line in the app's output: " + output;
        return std::nullopt;
    }
    return ColdStart{paintedMs - std::chrono::duration<double, std::milli>(started).count(), cpuMs};
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    bool quick = false;
    int dataViewItems = 0;  // 0: the default for the mode
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (std::strcmp(argv[i], "--data-view-items") == 0 && i + 1 < argc) {
            dataViewItems = std::max(20000, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_gui [--quick] [--data-view-items N]\n");
            return 2;
        }
    }
    const int redraws = quick ? 5 : 25;
    const int itemCount = quick ? 20000 : 1000000;

    // (d) Cold start of the app with a bundled model to its first painted window: the median
    // of several starts, each a new process with a new data directory.
    std::vector<double> startTimes, startCpu;
    for (int i = 0; i < (quick ? 3 : 7); ++i) {
        QString error;
        const std::optional<ColdStart> start = coldStart(error);
        if (!start) {
            std::fprintf(stderr, "cold start: %s\n", qPrintable(error));
            return 1;
        }
        startTimes.push_back(start->wallMs);
        startCpu.push_back(start->cpuMs);
    }
    const double coldStartMs = median(startTimes);
    const double coldStartCpuMs = median(startCpu);
    std::printf(
        "cold start with a bundled model to the first painted window: %.0f ms (median of %zu; "
        "fastest %.0f ms), %.0f ms of CPU\n",
        coldStartMs, startTimes.size(), *std::min_element(startTimes.begin(), startTimes.end()),
        coldStartCpuMs);

    // (a) Heat map redraw, against an empty plot.
    HeatMapPlot empty(false);
    empty.plot.show();
    empty.redraw();  // first paint: fonts, caches
    std::vector<double> emptyTimes;
    for (int i = 0; i < redraws; ++i) emptyTimes.push_back(empty.redraw());
    empty.plot.hide();

    HeatMapPlot heat(true);
    heat.plot.show();
    heat.redraw();
    std::vector<double> changedTimes, cachedTimes;
    for (int i = 0; i < redraws; ++i) {
        heat.fill(i + 1);  // new data: the next replot rebuilds the map image
        changedTimes.push_back(heat.redraw());
        cachedTimes.push_back(heat.redraw());
    }
    // Not blank: the map covers most of the axis rect with colour.
    const QImage image = heat.plot.toPixmap().toImage();
    const QRect rect = heat.plot.axisRect()->rect();
    const QColor middle = image.pixelColor(rect.center());
    if (middle == Qt::white || middle == QColor(0, 0, 0, 0)) {
        std::fprintf(stderr, "the heat map did not draw (centre pixel %s)\n",
                     qPrintable(middle.name()));
        return 1;
    }
    heat.plot.hide();
    const double emptyMs = median(emptyTimes);
    const double heatmapMs = median(changedTimes);
    const double cachedMs = median(cachedTimes);
    std::printf(
        "heat map %d partitions x %d s, %dx%d: redraw after new data %.1f ms, "
        "unchanged %.1f ms (median of %d); empty plot %.1f ms; ratio %.1fx\n",
        kPartitions, kSeconds, heat.plot.width(), heat.plot.height(), heatmapMs, cachedMs, redraws,
        emptyMs, heatmapMs / std::max(emptyMs, 0.001));

    // (c) The app's heat-map widget at the same size: 1,000 partitions in hash order, a hot
    // band that throttles.
    std::vector<HeatMapRow> rows(kPartitions);
    const uint64_t span = UINT64_MAX / kPartitions;
    for (int y = 0; y < kPartitions; ++y) {
        rows[static_cast<size_t>(y)].id = y;
        rows[static_cast<size_t>(y)].firstHash = span * static_cast<uint64_t>(y);
        rows[static_cast<size_t>(y)].lastHash = span * static_cast<uint64_t>(y) + span - 1;
        rows[static_cast<size_t>(y)].itemCount = 1000;
    }
    HeatMapData grid("Bench", CapacityDimension::Write, rows, kSeconds);
    for (int y = 0; y < kPartitions; ++y)
        for (int x = 0; x < kSeconds; ++x) {
            const bool hot = y % 97 == 0;
            grid.set(y, x, static_cast<float>(hot ? 1200 : 200 + 100 * std::sin(x * 0.01 + y)),
                     1000, hot ? 40.0f : 0.0f);
        }
    HeatMapView view;
    view.resize(1280, 720);
    view.show();
    QElapsedTimer loadClock;
    std::vector<double> loadTimes, scrubTimes;
    for (int i = 0; i < std::max(2, redraws / 5); ++i) {
        loadClock.start();
        view.setHeatMap(grid);
        view.replot(QCustomPlot::rpImmediateRefresh);
        loadTimes.push_back(static_cast<double>(loadClock.nsecsElapsed()) / 1e6);
    }
    for (int i = 0; i < redraws; ++i) {
        view.setCurrentSecond((i * 137) % kSeconds);
        loadClock.start();
        view.replot(QCustomPlot::rpImmediateRefresh);
        scrubTimes.push_back(static_cast<double>(loadClock.nsecsElapsed()) / 1e6);
    }
    if (!view.throttleMarked(0, 10) || view.throttleMarked(1, 10)) {
        std::fprintf(stderr, "the heat-map widget did not mark the throttled partition\n");
        return 1;
    }
    view.hide();
    const double viewMs = median(scrubTimes);
    const double viewLoadMs = median(loadTimes);
    std::printf(
        "heat-map widget %d partitions x %d s, 1280x720: redraw after a scrub %.1f ms (median "
        "of %d), new grid loaded and drawn %.1f ms\n",
        kPartitions, kSeconds, viewMs, redraws, viewLoadMs);

    // (b) GUI stall during an import off the GUI thread, against an idle second.
    QTemporaryDir dir;
    const std::string itemsPath = (dir.path() + "/items.json").toStdString();
    if (!writeItems(itemsPath, itemCount)) {
        std::fprintf(stderr, "cannot write %s\n", itemsPath.c_str());
        return 1;
    }
    auto opened = Engine::open((dir.path() + "/data").toStdString());
    if (!opened) {
        std::fprintf(stderr, "cannot open the engine: %s\n", opened.error().message.c_str());
        return 1;
    }
    std::shared_ptr<Engine> engine = std::move(opened).value();
    TableDefinition table;
    table.name = "Imported";
    table.attributeDefinitions = {{"pk", ValueType::S}, {"sk", ValueType::N}};
    table.partitionKey = {"pk", ValueType::S};
    table.sortKey = KeyAttribute{"sk", ValueType::N};
    table.billingMode = BillingMode::PayPerRequest;
    if (auto created = engine->createTable(table); !created) {
        std::fprintf(stderr, "cannot create the table: %s\n", created.error().message.c_str());
        return 1;
    }

    StallMeter meter;
    meter.start();
    QTimer::singleShot(1000, &app, [&] { app.quit(); });
    app.exec();
    meter.stop();
    const double idleMs = meter.longest;

    QProgressBar bar;
    bar.resize(400, 30);
    bar.setRange(0, itemCount);
    bar.show();
    int progressUpdates = 0;
    QObject::connect(&bar, &QProgressBar::valueChanged, [&] { ++progressUpdates; });
    QFutureWatcher<Result<ImportReport>> watcher;
    QObject::connect(&watcher, &QFutureWatcher<Result<ImportReport>>::finished, &app,
                     [&] { app.quit(); });
    QElapsedTimer importClock;
    meter.start();
    importClock.start();
    watcher.setFuture(QtConcurrent::run([&]() {
        ImportOptions options;
        options.progress = [&bar](const ImportProgress& progress) {
            // Delivered to the GUI thread as a queued call, as a real import dialog does.
            QMetaObject::invokeMethod(&bar, "setValue", Qt::QueuedConnection,
                                      Q_ARG(int, static_cast<int>(progress.imported)));
            return true;
        };
        return importItemsFromFile(*engine, "Imported", itemsPath, options);
    }));
    app.exec();
    meter.stop();
    const double importSeconds = static_cast<double>(importClock.nsecsElapsed()) / 1e9;
    const double importStallMs = meter.longest;
    const Result<ImportReport> report = watcher.result();
    if (!report) {
        std::fprintf(stderr, "import failed: %s\n", report.error().message.c_str());
        return 1;
    }
    QCoreApplication::processEvents();
    if (report->imported != itemCount || bar.value() != itemCount) {
        std::fprintf(stderr, "imported %lld of %d items, progress bar at %d\n",
                     static_cast<long long>(report->imported), itemCount, bar.value());
        return 1;
    }
    std::printf(
        "import of %d items off the GUI thread: %.2f s, %d progress updates, %d timer "
        "ticks; longest GUI stall %.1f ms (idle second: %.1f ms)\n",
        itemCount, importSeconds, progressUpdates, meter.ticks, meter.longest, idleMs);
    // (e) The Data view on a large table: opened (until its first rows show), then Ctrl+End
    // to the last row, then the scroll bar dragged to a quarter, the middle and three
    // quarters; the longest GUI stall from Ctrl+End on (until the background count has
    // reached the end), against the idle second.
    const int largeItems = dataViewItems > 0 ? dataViewItems : quick ? 200000 : 10000000;
    QElapsedTimer dataClock;
    dataClock.start();
    std::string loadError;
    if (!loadLargeTable(*engine, "Large", largeItems, loadError)) {
        std::fprintf(stderr, "cannot load the large table: %s\n", loadError.c_str());
        return 1;
    }
    const double loadSeconds = static_cast<double>(dataClock.nsecsElapsed()) / 1e9;
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    dataClock.start();
    DataView dataView(&tables);
    dataView.showSource("Large");
    dataView.resize(1000, 700);
    dataView.show();
    ItemTableModel* items = dataView.itemModel();
    QTableView* itemGrid = dataView.itemView();
    auto shown = [&](int row) { return items->isLoaded(row); };
    if (!waitUntil([&] { return shown(0); }, 60000)) {
        std::fprintf(stderr, "the Data view did not show the first rows\n");
        return 1;
    }
    const double openMs = static_cast<double>(dataClock.nsecsElapsed()) / 1e6;
    if (!items->isWindowed() || items->rowCount() != largeItems) {
        std::fprintf(stderr, "the Data view shows %d rows of %d\n", items->rowCount(), largeItems);
        return 1;
    }
    itemGrid->setFocus();
    itemGrid->setCurrentIndex(items->index(0, 0));
    meter.start();
    dataClock.start();
    QKeyEvent end(QEvent::KeyPress, Qt::Key_End, Qt::ControlModifier);
    QCoreApplication::sendEvent(itemGrid, &end);
    if (itemGrid->currentIndex().row() != largeItems - 1 ||
        !waitUntil([&] { return shown(largeItems - 1); }, 60000)) {
        std::fprintf(stderr, "the Data view did not show the last row\n");
        return 1;
    }
    const double endMs = static_cast<double>(dataClock.nsecsElapsed()) / 1e6;
    std::vector<double> dragTimes;
    for (const double at : {0.25, 0.5, 0.75}) {
        QScrollBar* bar = itemGrid->verticalScrollBar();
        dataClock.start();
        bar->setValue(static_cast<int>(bar->maximum() * at));
        const int row = itemGrid->rowAt(itemGrid->viewport()->height() / 2);
        if (row < 0 || !waitUntil([&] { return shown(row); }, 600000)) {
            std::fprintf(stderr, "the Data view did not show row %d\n", row);
            return 1;
        }
        dragTimes.push_back(static_cast<double>(dataClock.nsecsElapsed()) / 1e6);
    }
    dataClock.start();
    if (!waitUntil([&] { return items->positionsKnown(); }, 600000)) {
        std::fprintf(stderr, "the Data view's count did not finish\n");
        return 1;
    }
    const double countRestSeconds = static_cast<double>(dataClock.nsecsElapsed()) / 1e9;
    meter.stop();
    if (items->rowCount() != largeItems) {
        std::fprintf(stderr, "after the count the Data view shows %d rows of %d\n",
                     items->rowCount(), largeItems);
        return 1;
    }
    const double dataStallMs = meter.longest;
    const double middleMs = dragTimes[1];
    std::printf(
        "Data view on %d items (bulk loaded in %.1f s): first rows %.0f ms, Ctrl+End to the "
        "last row shown %.0f ms, scroll bar to 1/4, 1/2, 3/4 shown %.0f, %.0f, %.0f ms, "
        "background count done %.1f s after; longest GUI stall %.1f ms (idle second: %.1f ms)\n",
        largeItems, loadSeconds, openMs, endMs, dragTimes[0], dragTimes[1], dragTimes[2],
        countRestSeconds, dataStallMs, idleMs);

    std::printf(
        "RESULT heatmap_redraw_ms=%.1f heatmap_load_ms=%.1f plain_plot_ms=%.1f "
        "plain_plot_unchanged_ms=%.1f empty_plot_ms=%.1f max_stall_ms=%.1f idle_stall_ms=%.1f "
        "import_items=%d cold_start_ms=%.0f cold_start_cpu_ms=%.0f data_view_items=%d "
        "data_view_open_ms=%.0f data_view_end_ms=%.0f data_view_middle_ms=%.0f "
        "data_view_max_stall_ms=%.1f\n",
        viewMs, viewLoadMs, heatmapMs, cachedMs, emptyMs, importStallMs, idleMs, itemCount,
        coldStartMs, coldStartCpuMs, largeItems, openMs, endMs, middleMs, dataStallMs);
    return 0;
}
