// The window around the data: the item browser going to the end of 100,000 items, the status
// bar figures after writes, light/dark themes, view shortcuts, the sample-data dialog, the
// About box's version and a screenshot with the item editor open.
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

#include "backend/local_backend.h"
#include "data_view.h"
#include "gui_test_support.h"
#include "item_editor.h"
#include "item_table_model.h"
#include "main_window.h"
#include "operation_test_support.h"
#include "sample_data_dialog.h"
#include "table_list_model.h"
#include "theme.h"

using namespace shardscape;
using namespace shardscape::testing;

class WindowPolishTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void browserGoesToTheEndOfAHundredThousandItems();
    void statusBarFollowsWrites();
    void themeSwitchChangesThePalette();
    void shortcutsSwitchViews();
    void generatesSampleData();
    void screenshotWithTheItemEditor();
    void aboutShowsTheVersion();
};

void WindowPolishTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // the theme choice goes to a test location
}

void WindowPolishTest::browserGoesToTheEndOfAHundredThousandItems() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    // 100,000 items through the bulk path (the loader the importers use).
    constexpr int kItems = 100000;
    std::vector<Item> items;
    items.reserve(kItems);
    for (int i = 0; i < kItems; ++i) {
        Item item;
        item.emplace("customer", AttributeValue::string(numbered("c", i % 250)));
        item.emplace("order", AttributeValue::number(std::to_string(i)));
        item.emplace("total", AttributeValue::number(std::to_string(i % 977)));
        items.push_back(std::move(item));
    }
    QVERIFY(engine->putItems("Orders", std::move(items)).ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemTableModel* model = view.itemModel();
    QElapsedTimer clock;
    clock.start();
    view.showSource("Orders");
    // Every item has its row at once (a windowed table): no paging through 99,000 items to
    // reach the end.
    QVERIFY(model->isWindowed());
    QCOMPARE(model->rowCount(), kItems);
    QVERIFY(!model->canFetchMore());
    QTableView* grid = view.itemView();
    // The last row holds the engine's last item in scan order.
    std::optional<Item> start, last;
    do {
        ScanSpec spec;
        spec.tableName = "Orders";
        spec.exclusiveStartKey = start;
        auto page = engine->scan(spec);
        QVERIFY(page.ok());
        if (!page->items.empty()) last = *page->items.back().decode();
        start = page->lastEvaluatedKey;
    } while (start);
    QVERIFY(last);
    grid->scrollToBottom();
    const int lastRow = model->rowCount() - 1;
    QTRY_COMPARE(model->index(lastRow, 0).data().toString(),
                 QString::fromStdString(last->at("customer").scalar()));
    qInfo("The last of %d items shown in %lld ms", kItems, static_cast<long long>(clock.elapsed()));
    QCOMPARE(model->index(lastRow, 1).data().toString(),
             QString::fromStdString(last->at("order").scalar()));
    QVERIFY(grid->rowAt(grid->viewport()->height() - 2) >= lastRow - 1);  // really at the end
    QVERIFY(view.summary()->text().startsWith("100,000 items") ||
            view.summary()->text().startsWith("100000 items"));
}

void WindowPolishTest::statusBarFollowsWrites() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    QCOMPARE(window.statusFigures()->text(), QString("1 table(s) · 0 items · 0 bytes"));
    DataView* view = window.dataView();
    // Saving in the item editor refreshes the figures.
    ItemEditor* editor = view->newItem();
    QVERIFY(editor);
    editor->setFormRow(0, "customer", "S", "c1");
    editor->setFormRow(1, "order", "N", "1");
    editor->addAttribute("text", "S", "0123456789");
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!view->itemEditor());
    QVERIFY2(window.statusFigures()->text().startsWith("1 table(s) · 1 items · "),
             qPrintable(window.statusFigures()->text()));
    QVERIFY(!window.statusFigures()->text().endsWith(" 0 bytes"));
    // Writes from elsewhere show after File > Refresh.
    QVERIFY(dispatch(*engine, "PutItem", Json::parse(R"J({"TableName":"Orders","Item":
        {"customer":{"S":"c2"},"order":{"N":"1"}}})J"))
                .ok());
    window.refresh();
    QVERIFY(window.statusFigures()->text().startsWith("1 table(s) · 2 items · "));
    // Deleting through the Data view refreshes them too.
    view->showSource("Orders");
    answerNextMessageBox(QMessageBox::Yes);
    QCOMPARE(view->deleteItems({0, 1}), 2);
    QCOMPARE(window.statusFigures()->text(), QString("1 table(s) · 0 items · 0 bytes"));
}

void WindowPolishTest::themeSwitchChangesThePalette() {
    MainWindow window(nullptr, "nowhere", "no engine");
    window.show();
    const QColor systemWindow = QApplication::palette().color(QPalette::Window);
    auto* dark = window.findChild<QAction*>("themeDark");
    auto* light = window.findChild<QAction*>("themeLight");
    auto* system = window.findChild<QAction*>("themeSystem");
    QVERIFY(dark && light && system);
    QVERIFY(system->isChecked());
    dark->trigger();
    QVERIFY(paletteIsDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    QTRY_VERIFY2(window.palette().color(QPalette::Base).lightness() < 80,  // widgets follow
                 qPrintable(window.palette().color(QPalette::Base).name()));
    QCOMPARE(QApplication::style()->name().toLower(), QString("fusion"));
    QCOMPARE(currentTheme(), Theme::Dark);
    light->trigger();
    QVERIFY(!paletteIsDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    system->trigger();
    QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    QCOMPARE(currentTheme(), Theme::System);
}

void WindowPolishTest::shortcutsSwitchViews() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto* views = window.findChild<QTabWidget*>("views");
    QVERIFY(views);
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(views->currentWidget(), static_cast<QWidget*>(window.dataView()));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(views->currentIndex(), 0);
    // Ctrl+Shift+N opens a new item from anywhere, on the Data view.
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(window.dataView()->itemEditor());
    QCOMPARE(views->currentWidget(), static_cast<QWidget*>(window.dataView()));
    window.dataView()->itemEditor()->close();
    // The Data menu lists the actions with their shortcuts.
    auto* dataMenu = window.findChild<QMenu*>("dataMenu");
    QVERIFY(dataMenu);
    QStringList shortcuts;
    for (QAction* action : dataMenu->actions())
        if (!action->shortcut().isEmpty()) shortcuts << action->shortcut().toString();
    QVERIFY(shortcuts.contains("Ctrl+I"));
    QVERIFY(shortcuts.contains("Ctrl+E"));
    QVERIFY(shortcuts.contains("Ctrl+G"));
}

void WindowPolishTest::generatesSampleData() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    SampleDataDialog* dialog = window.generateSampleData();
    QVERIFY(dialog);
    QVERIFY(
        dialog->setModelFile(SHARDSCAPE_SOURCE_DIR "/resources/models/ecommerce.shardscape.json"));
    QVERIFY(dialog->entityList()->count() >= 2);
    // Only the first entity type.
    for (int i = 1; i < dialog->entityList()->count(); ++i)
        dialog->entityList()->item(i)->setCheckState(Qt::Unchecked);
    dialog->itemsBox()->setValue(3000);
    dialog->seedBox()->setValue(7);
    QTest::mouseClick(dialog->generateButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isRunning() && dialog->lastResult(); }, 60000));
    QVERIFY(dialog->lastResult()->ok());
    const GenerateReport& report = dialog->lastResult()->value();
    QCOMPARE(report.items, int64_t(3000));
    QCOMPARE(report.perEntity.size(), size_t(1));
    QCOMPARE(dialog->progressBar()->value(), 1000);
    QVERIFY(dialog->progressLabel()->text().startsWith("Generated 3,000 items") ||
            dialog->progressLabel()->text().startsWith("Generated 3000 items"));
    int64_t total = 0;
    for (const auto& name : engine->tableNames()) total += itemCount(*engine, name);
    QVERIFY(total > 0 && total <= 3000);  // repeated keys overwrite (see the generator)
    QVERIFY(!window.statusFigures()->text().contains(" 0 items"));
}

void WindowPolishTest::screenshotWithTheItemEditor() {
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    {
        QDir().mkpath(data);
        auto opened = Engine::open(data.toStdString());
        QVERIFY(opened.ok());
        QVERIFY(dispatch(**opened, "CreateTable", Json::parse(R"J({"TableName":"Orders",
            "BillingMode":"PAY_PER_REQUEST",
            "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"}],
            "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"}]})J"))
                    .ok());
        QVERIFY(dispatch(**opened, "PutItem", Json::parse(R"J({"TableName":"Orders","Item":
            {"customer":{"S":"c1"},"total":{"N":"12.5"},"tags":{"SS":["a","b"]}}})J"))
                    .ok());
    }
    const QString png = dir.filePath("editor.png");
    QProcess gui;
    gui.start(SHARDSCAPE_GUI, {"--data", data, "--dialog", "item-editor", "--screenshot", png});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 0);
    QImage image(png);
    QVERIFY(!image.isNull());
    // The editor is drawn over the window's middle: its form differs from the window there.
    QImage plain;
    {
        const QString other = dir.filePath("plain.png");
        QProcess view;
        view.start(SHARDSCAPE_GUI, {"--data", data, "--view", "data", "--screenshot", other});
        QVERIFY(view.waitForFinished(30000));
        plain = QImage(other);
    }
    QCOMPARE(plain.size(), image.size());
    int differing = 0;
    for (int y = image.height() / 4; y < image.height() * 3 / 4; y += 4)
        for (int x = image.width() / 4; x < image.width() * 3 / 4; x += 4)
            if (image.pixel(x, y) != plain.pixel(x, y)) ++differing;
    QVERIFY(differing > (image.width() / 8) * (image.height() / 8) / 10);
    QProcess wrong;
    wrong.start(SHARDSCAPE_GUI, {"--data", data, "--dialog", "nope", "--screenshot", png});
    QVERIFY(wrong.waitForFinished(30000));
    QCOMPARE(wrong.exitCode(), 2);
}

void WindowPolishTest::aboutShowsTheVersion() {
    QApplication::setApplicationVersion("9.8.7+git1.gabc");
    MainWindow window(nullptr, "nowhere", "no engine");
    window.show();
    QAction* about = nullptr;
    for (QAction* action : window.menuBar()->actions())
        if (action->menu())
            for (QAction* item : action->menu()->actions())
                if (item->text().contains("About")) about = item;
    QVERIFY(about);
    QString text;
    answerNextMessageBox(QMessageBox::Ok, &text);
    about->trigger();
    QVERIFY2(text.contains("9.8.7+git1.gabc"), qPrintable(text));
}

QTEST_MAIN(WindowPolishTest)
#include "test_window_polish.moc"
