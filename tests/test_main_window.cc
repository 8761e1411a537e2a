// The main window, driven offscreen as a user would see it.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <chrono>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "main_window.h"
#include "query_panel.h"
#include "storage/engine.h"
#include "welcome_panel.h"

using namespace shardscape;

namespace {
void createAndFill(Engine& engine) {
    auto created = dispatch(engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":3}})"));
    QVERIFY(created.ok());
    for (int i = 0; i < 3; ++i) {
        Json put = {{"TableName", "Orders"},
                    {"Item", {{"pk", {{"S", "c1"}}}, {"sk", {{"N", std::to_string(i)}}}}}};
        QVERIFY(dispatch(engine, "PutItem", put).ok());
    }
}

// Share of pixels that differ from the top-left one: a blank render has none.
double nonBackgroundShare(const QImage& image) {
    const QRgb background = image.pixel(0, 0);
    qint64 different = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixel(x, y) != background) ++different;
    return double(different) / ((image.width() / 2) * (image.height() / 2));
}
}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
  private slots:
    void showsTablesAndFigures() {
        QTemporaryDir dir;
        auto opened = Engine::open(dir.path().toStdString());
        QVERIFY(opened.ok());
        std::shared_ptr<Engine> engine = std::move(opened).value();
        createAndFill(*engine);

        MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeWidget* tree = window.tableTree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* row = tree->topLevelItem(0);
        QCOMPARE(row->text(0), QString("Orders"));
        QCOMPARE(row->text(1), QString("pk (S)"));
        QCOMPARE(row->text(2), QString("sk (N)"));
        QCOMPARE(row->text(3), QString("5 RCU / 3 WCU"));
        QCOMPARE(row->text(4), QString("3"));
        const auto labels = window.statusBar()->findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel* l) {
            return l->text().startsWith("1 table(s) · 3 items");
        }));

        // Refresh picks up tables created after the window opened.
        QVERIFY(dispatch(*engine, "CreateTable",
                         Json::parse(R"({"TableName":"Users","BillingMode":"PAY_PER_REQUEST",
            "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
            "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"))
                    .ok());
        window.refresh();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(1)->text(3), QString("On-demand"));
    }

    void showsWhyTheDataDirectoryCouldNotOpen() {
        MainWindow window(nullptr, "/nowhere", "Data directory /nowhere is in use");
        window.show();
        const auto labels = window.findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel* l) {
            return l->text().contains("Could not open the data directory");
        }));
        QCOMPARE(window.tableTree()->topLevelItemCount(), 0);
    }

    // A data directory open in another process: the app is told Busy by the engine (not by
    // the message's wording), says so on stderr and still starts, without an engine.
    void dataDirectoryInUseStartsWithoutEngine() {
        QTemporaryDir dir;
        auto engine = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(engine.ok());
        const QString png = dir.path() + "/window.png";
        QProcess gui;
        gui.start(SHARDSCAPE_GUI, {"--data", dir.path() + "/data", "--screenshot", png});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitCode(), 0);
        const QByteArray err = gui.readAllStandardError();
        QVERIFY2(err.contains(("shardscape: Data directory " + dir.path() +
                               "/data is in use by another Shardscape process")
                                  .toUtf8()),
                 err.constData());
        QVERIFY(!QImage(png).isNull());
    }

    void screenshotOptionRendersTheWindow() {
        QTemporaryDir dir;
        {
            auto engine = Engine::open((dir.path() + "/data").toStdString());
            QVERIFY(engine.ok());
            createAndFill(**engine);
        }
        const QString png = dir.path() + "/window.png";
        QProcess gui;
        gui.start(SHARDSCAPE_GUI, {"--data", dir.path() + "/data", "--screenshot", png});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitCode(), 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        QVERIFY(nonBackgroundShare(image) > 0.02);
    }

    // The query view's picture shows a query that ran: the first item's partition.
    void preparedQueryViewHasRunAQuery() {
        QTemporaryDir dir;
        auto opened = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(opened.ok());
        std::shared_ptr<Engine> engine = std::move(opened).value();
        createAndFill(*engine);
        MainWindow window(std::make_shared<LocalBackend>(engine), dir.path() + "/data");
        window.show();
        QString error = "not called";
        window.prepareView("query", {}, [&](const QString& e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != "not called", 10000);
        QCOMPARE(error, QString());
        QueryPanel* query = window.queryPanel();
        QCOMPARE(query->operationBox()->currentText(), QString("Query"));
        QVERIFY(!query->partitionKeyEdit()->text().isEmpty());
        QVERIFY2(query->statusLabel()->text().contains("ScannedCount"),
                 qPrintable(query->statusLabel()->text()));
        QVERIFY2(query->capacityLabel()->text().contains("RCU"),
                 qPrintable(query->capacityLabel()->text()));
    }

    // The welcome page lists the bundled models and scenarios with their names and
    // descriptions; activating one reports its path.
    void welcomePageListsBundledExamples() {
        QTemporaryDir bundled;
        QDir(bundled.path()).mkpath("models");
        QDir(bundled.path()).mkpath("scenarios");
        auto write = [&](const QString& path, const QByteArray& text) {
            QFile file(bundled.path() + "/" + path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write("models/shop.shardscape.json",
              R"({"name":"Online shop","description":"Orders by customer and status"})");
        write("models/b.shardscape.json", "not json");
        write("models/ignored.txt", "{}");
        write("scenarios/hot-key.json", R"({"name":"One hot key"})");
        MainWindow window(nullptr, "/nowhere", "unused");
        window.showWelcome(bundled.path());
        window.show();
        WelcomePanel* welcome = window.welcomePanel();
        QVERIFY(welcome && welcome->isVisible());
        QListWidget* models = welcome->modelList();
        QCOMPARE(models->count(), 2);
        QCOMPARE(models->item(0)->text(), QString("b"));  // unreadable: its file name
        QCOMPARE(models->item(1)->text(), QString("Online shop\nOrders by customer and status"));
        QCOMPARE(welcome->scenarioList()->count(), 1);
        QCOMPARE(welcome->scenarioList()->item(0)->text(), QString("One hot key"));
        QSignalSpy chosen(welcome, &WelcomePanel::modelChosen);
        emit models->itemActivated(models->item(1));
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), bundled.path() + "/models/shop.shardscape.json");
    }

    // Choosing a bundled model on the welcome page creates its tables and fills them.
    void openingABundledModelFillsTheEngine() {
        QTemporaryDir dir;
        auto opened = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(opened.ok());
        std::shared_ptr<Engine> engine = std::move(opened).value();
        MainWindow window(std::make_shared<LocalBackend>(engine), dir.path() + "/data");
        window.showWelcome(QStringLiteral(SHARDSCAPE_RESOURCES));
        window.show();
        QListWidget* models = window.welcomePanel()->modelList();
        int shop = -1;
        for (int i = 0; i < models->count(); ++i)
            if (models->item(i)
                    ->data(Qt::UserRole)
                    .toString()
                    .endsWith("ecommerce.shardscape.json"))
                shop = i;
        QVERIFY(shop >= 0);
        QSignalSpy done(&window, &MainWindow::modelOpened);
        emit models->itemActivated(models->item(shop));
        QVERIFY(done.wait(30000));
        QVERIFY(done.at(0).at(0).toString().startsWith("Opened model"));
        QVERIFY(window.tableTree()->topLevelItemCount() >= 1);
        const auto names = engine->tableNames();
        QVERIFY(!names.empty());
        QVERIFY(engine->describeTable(names[0])->second.itemCount > 0);
        QSignalSpy failed(&window, &MainWindow::modelFailed);
        window.openModel(dir.path() + "/missing.shardscape.json");
        QVERIFY(failed.wait(10000));
    }

    // Started on an empty data directory, the app shows the welcome page.
    void firstStartShowsWelcome() {
        QTemporaryDir dir;
        const QString png = dir.path() + "/welcome.png";
        QProcess gui;
        gui.start(SHARDSCAPE_GUI, {"--data", dir.path() + "/data", "--screenshot", png});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitCode(), 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(nonBackgroundShare(image) > 0.02);
    }

    // bench_gui's cold-start hook: with SHARDSCAPE_FIRST_PAINT_EXIT the app prints when its
    // window first painted (monotonic clock and CPU time) and quits by itself; without it the
    // app keeps running.
    void firstPaintProbeReportsAndQuits() {
        QTemporaryDir dir;
        QProcess gui;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("SHARDSCAPE_FIRST_PAINT_EXIT", "1");
        gui.setProcessEnvironment(environment);
        const double before = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now().time_since_epoch())
                                  .count();
        gui.start(SHARDSCAPE_GUI,
                  {"--data", dir.path() + "/data", "--model",
                   QString(SHARDSCAPE_RESOURCES) + "/models/ecommerce.shardscape.json"});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitCode(), 0);
        const QString output = QString::fromLocal8Bit(gui.readAllStandardOutput());
        const QRegularExpressionMatch line =
            QRegularExpression("^FIRST_PAINT monotonic_ms=([0-9.]+) cpu_ms=([0-9.]+)$",
                               QRegularExpression::MultilineOption)
                .match(output);
        QVERIFY2(line.hasMatch(), qPrintable(output));
        // The same monotonic clock as this process's: after the start, within the wait.
        const double painted = line.captured(1).toDouble();
        QVERIFY2(painted > before && painted < before + 30000, qPrintable(output));
        QVERIFY(line.captured(2).toDouble() > 0);

        QProcess normal;
        normal.start(SHARDSCAPE_GUI, {"--data", dir.path() + "/other"});
        QVERIFY(normal.waitForStarted(30000));
        QVERIFY(!normal.waitForFinished(1500));  // still running: no probe in normal runs
        QVERIFY(!normal.readAllStandardOutput().contains("FIRST_PAINT"));
        normal.kill();
        normal.waitForFinished(5000);
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
