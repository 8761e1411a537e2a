// The import and export dialogs driven offscreen: format detection, an import with bad rows
// and its report, all-or-nothing, cancelling mid-import (core's semantics: the items counted
// as imported were written, nothing else), export to every format re-imported equal,
// exporting an index, and a file dropped on the Data view and on the main window.
#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>
#include <fstream>

#include "backend/local_backend.h"
#include "data_view.h"
#include "export_dialog.h"
#include "gui_test_support.h"
#include "import_dialog.h"
#include "item_table_model.h"
#include "main_window.h"
#include "operation_test_support.h"
#include "table_list_model.h"
#include "transfer/item_format_detection.h"

using namespace shardscape;
using namespace shardscape::testing;

class TransferDialogsTest : public QObject {
    Q_OBJECT
  private slots:
    void detectsTheFormat();
    void importShowsRejectedRows();
    void allOrNothingWritesNothing();
    void cancelKeepsWhatTheReportCounts();
    void exportReimportsEqual_data();
    void exportReimportsEqual();
    void exportsAnIndex();
    void cancelledExportLeavesNoFile();
    void exportLeavesALongRecountToItsOwnThread();
    void droppedFileStartsAnImport();
};

namespace {

void writeFile(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

// 10 order lines in DynamoDB JSON; records 3 and 7 are bad (a missing key, a key of the
// wrong type).
std::string ordersWithTwoBadRows() {
    std::string text;
    for (int i = 1; i <= 10; ++i) {
        if (i == 3) {
            text += R"J({"order":{"N":"3"}})J"
                    "\n";
        } else if (i == 7) {
            text += R"J({"customer":{"N":"7"},"order":{"N":"7"}})J"
                    "\n";
        } else {
            text += R"J({"customer":{"S":"c)J" + std::to_string(i % 3) + R"J("},"order":{"N":")J" +
                    std::to_string(i) +
                    R"J("}})J"
                    "\n";
        }
    }
    return text;
}

std::vector<Json> allItems(Engine& engine, const std::string& table) {
    std::vector<Json> items;
    std::optional<Item> start;
    do {
        ScanSpec spec;
        spec.tableName = table;
        spec.exclusiveStartKey = start;
        auto page = engine.scan(spec);
        if (!page) return {};
        for (const auto& stored : page->items) items.push_back(itemToJson(*stored.decode()));
        start = page->lastEvaluatedKey;
    } while (start);
    std::sort(items.begin(), items.end(),
              [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
    return items;
}

ImportDialog* waitForImport(DataView& view) {
    ImportDialog* dialog = view.importDialog();
    if (!dialog) return nullptr;
    if (!QTest::qWaitFor([&] { return !dialog->isRunning() && dialog->lastResult(); }, 60000))
        return nullptr;
    return dialog;
}

}  // namespace

void TransferDialogsTest::detectsTheFormat() {
    QCOMPARE(detectItemFormat("a.json", R"J({"id":{"S":"1"},"n":{"N":"2"}})J"),
             ItemFormat::DynamoDbJson);
    QCOMPARE(detectItemFormat("a.json", "[\n {\"id\": {\"S\": \"1\"}}]"), ItemFormat::DynamoDbJson);
    QCOMPARE(detectItemFormat("export.json", R"J({"Item":{"id":{"S":"1"}}})J"),
             ItemFormat::S3Export);
    QCOMPARE(detectItemFormat("a.json", R"J({"id":"1","n":2,"tags":["a"]})J"),
             ItemFormat::PlainJson);
    QCOMPARE(detectItemFormat("a.json", R"J({"id":{"S":"1"},"n":2})J"), ItemFormat::PlainJson);
    QCOMPARE(detectItemFormat("a.txt", "id,price:N\n1,2\n"), ItemFormat::Csv);
    QCOMPARE(detectItemFormat("a.csv", ""), ItemFormat::Csv);
    QCOMPARE(detectItemFormat("a.json", "  "), ItemFormat::DynamoDbJson);
    // A first record cut off by the head's end: the extension decides.
    const std::string cut = "{\"id\":{\"S\":\"1";
    QCOMPARE(detectItemFormat("a.csv", cut), ItemFormat::Csv);
}

void TransferDialogsTest::importShowsRejectedRows() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    const QString file = dir.filePath("orders.json");
    writeFile(file, ordersWithTwoBadRows());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ImportDialog* dialog = view.startImport(file);  // starts at once, as a drop does
    QVERIFY(dialog);
    QCOMPARE(dialog->formatBox()->currentData().toInt(), int(ItemFormat::DynamoDbJson));
    QCOMPARE(dialog->tableBox()->currentText(), QString("Orders"));
    QVERIFY(waitForImport(view));
    QVERIFY(dialog->lastResult()->ok());
    const ImportReport& report = dialog->lastResult()->value();
    QCOMPARE(report.records, int64_t(10));
    QCOMPARE(report.imported, int64_t(8));
    QCOMPARE(report.rejected, int64_t(2));
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(8));
    const QString shown = dialog->reportView()->toPlainText();
    QVERIFY2(shown.contains("record 3 (line 3): One or more parameter values were invalid: "
                            "Missing the key customer in the item"),
             qPrintable(shown));
    QVERIFY(
        shown.contains("record 7 (line 7): One or more parameter values were invalid: Type "
                       "mismatch for key customer expected: S actual: N"));
    QVERIFY(dialog->progressLabel()->text().contains("2 records were rejected"));
    QCOMPARE(dialog->progressBar()->value(), 1000);
    // The browser shows the imported items.
    QCOMPARE(view.itemModel()->rowCount(), 8);
}

void TransferDialogsTest::allOrNothingWritesNothing() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    const QString file = dir.filePath("orders.txt");
    writeFile(file, ordersWithTwoBadRows());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ImportDialog* dialog = view.startImport();
    QVERIFY(dialog);
    dialog->setFile(file);
    QCOMPARE(dialog->formatBox()->currentData().toInt(), int(ItemFormat::DynamoDbJson));
    dialog->allOrNothingBox()->setChecked(true);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    QVERIFY(waitForImport(view));
    QVERIFY(dialog->lastResult()->ok());
    QVERIFY(dialog->lastResult()->value().dryRunOnly);
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(0));
    QVERIFY(dialog->progressLabel()->text().startsWith("Nothing written"));
    QVERIFY(dialog->reportView()->toPlainText().contains("record 3 (line 3)"));
}

void TransferDialogsTest::cancelKeepsWhatTheReportCounts() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    const QString file = dir.filePath("big.json");
    {
        std::ofstream out(file.toStdString(), std::ios::binary);
        for (int i = 0; i < 300000; ++i)
            out << R"J({"customer":{"S":"c)J" << i % 1000 << R"J("},"order":{"N":")J" << i
                << R"J("},"note":{"S":"some text to make the file a little larger"}})J" << '\n';
    }
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ImportDialog* dialog = view.startImport(file);
    QVERIFY(dialog);
    QVERIFY(dialog->isRunning());
    // Wait for the first progress (the bar moves), then cancel as a user would.
    QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() > 0, 60000);
    QVERIFY(dialog->cancelButton()->isEnabled());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QVERIFY(waitForImport(view));
    QVERIFY(dialog->lastResult()->ok());
    const ImportReport& report = dialog->lastResult()->value();
    QVERIFY(report.cancelled);
    QVERIFY(report.imported > 0);
    QVERIFY(report.imported < 300000);
    // Exactly the items the report counts were written: no more, no fewer.
    QCOMPARE(itemCount(*engine, "Orders"), report.imported);
    QVERIFY(dialog->progressLabel()->text().startsWith("Cancelled"));
    QVERIFY(dialog->reportView()->toPlainText().contains("Cancelled"));
}

void TransferDialogsTest::exportReimportsEqual_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("extension");
    QTest::newRow("dynamodb-json") << int(ItemFormat::DynamoDbJson) << "json";
    QTest::newRow("s3-export") << int(ItemFormat::S3Export) << "json";
    QTest::newRow("plain-json") << int(ItemFormat::PlainJson) << "jsonl";
    QTest::newRow("csv") << int(ItemFormat::Csv) << "csv";
}

void TransferDialogsTest::exportReimportsEqual() {
    QFETCH(int, format);
    QFETCH(QString, extension);
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    // Every scalar type plus nested values; plain JSON cannot carry B or sets, so it gets
    // the JSON-native types only.
    const bool plain = format == int(ItemFormat::PlainJson);
    for (int i = 0; i < 2500; ++i) {
        Json item = {{"customer", {{"S", numbered("c", i % 17)}}},
                     {"order", {{"N", std::to_string(i)}}},
                     {"total", {{"N", std::to_string(i % 100) + ".25"}}},
                     {"paid", {{"BOOL", i % 2 == 0}}},
                     {"lines", {{"L", {{{"S", "x"}}, {{"N", "2"}}}}}},
                     {"address", {{"M", {{"city", {{"S", "Oslo"}}}}}}}};
        if (!plain) {
            item["blob"] = {{"B", "AAEC"}};
            item["tags"] = {{"SS", {"a", "b"}}};
        }
        if (i % 5 == 0) item["coupon"] = {{"S", numbered("SAVE", i % 3)}};
        QVERIFY(dispatch(*engine, "PutItem", {{"TableName", "Orders"}, {"Item", item}}).ok());
    }
    QVERIFY(dispatch(*engine, "CreateTable", Json::parse(R"J({"TableName":"Copy",
        "BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},
          {"AttributeName":"order","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"order","KeyType":"RANGE"}]})J"))
                .ok());
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    DataView* view = window.dataView();
    view->showSource("Orders");
    view->sourceBox()->setCurrentIndex(view->sourceBox()->findText("Orders"));
    ExportDialog* exporter = view->startExport();
    QVERIFY(exporter);
    QCOMPARE(exporter->sourceBox()->currentText(), QString("Orders"));
    const QString file = dir.filePath("orders." + extension);
    exporter->setFile(file);
    exporter->formatBox()->setCurrentIndex(exporter->formatBox()->findData(format));
    QTest::mouseClick(exporter->exportButton(), Qt::LeftButton);
    QVERIFY(
        QTest::qWaitFor([&] { return !exporter->isRunning() && exporter->lastResult(); }, 60000));
    QVERIFY(exporter->lastResult()->ok());
    QCOMPARE(exporter->lastResult()->value().items, int64_t(2500));
    QVERIFY(QFile::exists(file));
    QVERIFY(!QFile::exists(file + ".part"));
    QVERIFY(exporter->progressLabel()->text().startsWith("Exported 2,500 items") ||
            exporter->progressLabel()->text().startsWith("Exported 2500 items"));

    // Re-import into Copy: the format is detected, every item comes back equal.
    view->sourceBox()->setCurrentIndex(view->sourceBox()->findText("Copy"));
    ImportDialog* importer = view->startImport();
    importer->setFile(file);
    QCOMPARE(importer->formatBox()->currentData().toInt(), format);
    QCOMPARE(importer->tableBox()->currentText(), QString("Copy"));
    QTest::mouseClick(importer->importButton(), Qt::LeftButton);
    QVERIFY(waitForImport(*view));
    QVERIFY(importer->lastResult()->ok());
    QVERIFY2(importer->lastResult()->value().complete(),
             importer->lastResult()->value().summary().c_str());
    QVERIFY(allItems(*engine, "Copy") == allItems(*engine, "Orders"));
    // The status bar counts both tables now.
    QVERIFY2(window.statusFigures()->text().contains("5,000 items") ||
                 window.statusFigures()->text().contains("5000 items"),
             qPrintable(window.statusFigures()->text()));
}

void TransferDialogsTest::exportsAnIndex() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    for (int i = 0; i < 30; ++i) {
        Json item = {{"customer", {{"S", "c"}}}, {"order", {{"N", std::to_string(i)}}}};
        if (i % 3 == 0) item["coupon"] = {{"S", "SAVE"}};
        QVERIFY(dispatch(*engine, "PutItem", {{"TableName", "Orders"}, {"Item", item}}).ok());
    }
    engine->waitForBackgroundWork();
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.sourceBox()->setCurrentIndex(view.sourceBox()->findText("Orders › byCoupon (GSI)"));
    ExportDialog* exporter = view.startExport();
    QVERIFY(exporter);
    QCOMPARE(exporter->sourceBox()->currentText(), QString("Orders › byCoupon (GSI)"));
    const QString file = dir.filePath("coupons.json");
    exporter->setFile(file);
    QTest::mouseClick(exporter->exportButton(), Qt::LeftButton);
    QVERIFY(
        QTest::qWaitFor([&] { return !exporter->isRunning() && exporter->lastResult(); }, 60000));
    QVERIFY(exporter->lastResult()->ok());
    QCOMPARE(exporter->lastResult()->value().items, int64_t(10));  // the sparse index's items
    QCOMPARE(exporter->expectedItems(), qint64(10));  // the progress bar followed the index
    QCOMPARE(exporter->progressBar()->value(), 1000);
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll().count('\n'), 10);
}

// A table waiting for a recount of more than 100,000 items (puts that did not read the item
// they replaced): starting an export does not run that recount on the window's thread. The
// progress bar then shows work going on, and the export still writes every item.
void TransferDialogsTest::exportLeavesALongRecountToItsOwnThread() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    QVERIFY(dispatch(*engine, "CreateTable",
                     json(R"({"TableName": "Plain", "BillingMode": "PAY_PER_REQUEST",
                              "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
                              "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}]})"))
                .ok());
    auto loader = engine->beginBulkLoad("Plain");
    QVERIFY(loader.ok());
    std::vector<Item> items;
    for (int i = 0; i < 100'001; ++i)
        items.push_back(Item{{"k", AttributeValue::string(numbered("k", i))}});
    QVERIFY((*loader)->add(std::move(items)).ok());
    QVERIFY((*loader)->finish().ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    QCOMPARE(tables.names(), QStringList{"Plain"});
    auto put = engine->putItem("Plain", Item{{"k", AttributeValue::string("extra")}});
    QVERIFY(put.ok());
    QVERIFY(put->replacedUnread);
    QCOMPARE(engine->itemsToRecount("Plain"), int64_t(100'002));

    DataView view(&tables);
    view.show();
    ExportDialog* exporter = view.startExport();
    QVERIFY(exporter);
    exporter->setFile(dir.filePath("plain.json"));
    QTest::mouseClick(exporter->exportButton(), Qt::LeftButton);
    QVERIFY(exporter->isRunning());
    QCOMPARE(exporter->expectedItems(), qint64(0));
    QCOMPARE(exporter->progressBar()->maximum(), 0);  // busy, not a fraction
    QVERIFY(
        QTest::qWaitFor([&] { return !exporter->isRunning() && exporter->lastResult(); }, 60000));
    QVERIFY(exporter->lastResult()->ok());
    QCOMPARE(exporter->lastResult()->value().items, int64_t(100'002));
    QCOMPARE(engine->itemsToRecount("Plain"), int64_t(100'002));  // still left to a reader
    QCOMPARE(exporter->progressBar()->maximum(), 1000);
    QCOMPARE(exporter->progressBar()->value(), 1000);
}

void TransferDialogsTest::cancelledExportLeavesNoFile() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    std::vector<Item> items;
    for (int i = 0; i < 200000; ++i) {
        Item item;
        item.emplace("customer", AttributeValue::string(numbered("c", i % 500)));
        item.emplace("order", AttributeValue::number(std::to_string(i)));
        item.emplace("note",
                     AttributeValue::string("some text to make the export a little larger"));
        items.push_back(std::move(item));
    }
    QVERIFY(engine->putItems("Orders", std::move(items)).ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ExportDialog* exporter = view.startExport();
    QVERIFY(exporter);
    const QString file = dir.filePath("orders.csv");
    exporter->setFile(file);
    QCOMPARE(exporter->formatBox()->currentData().toInt(), int(ItemFormat::Csv));  // by extension
    QTest::mouseClick(exporter->exportButton(), Qt::LeftButton);
    QVERIFY(exporter->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(exporter->progressBar()->value() > 0, 60000);
    QTest::mouseClick(exporter->cancelButton(), Qt::LeftButton);
    QVERIFY(
        QTest::qWaitFor([&] { return !exporter->isRunning() && exporter->lastResult(); }, 60000));
    QVERIFY(exporter->lastResult()->ok());
    QVERIFY(exporter->lastResult()->value().cancelled);
    QVERIFY(!QFile::exists(file));
    QVERIFY(!QFile::exists(file + ".part"));
    QCOMPARE(exporter->progressLabel()->text(), QString("Cancelled: no file was written."));
}

void TransferDialogsTest::droppedFileStartsAnImport() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    const QString file = dir.filePath("dropped.json");
    writeFile(file, ordersWithTwoBadRows());
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.resize(1000, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString before = window.statusFigures()->text();
    QVERIFY(before.contains("0 items"));
    DataView* view = window.dataView();

    // A file manager's drag carries file URLs: the Data view accepts them...
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(view->importDialog());
    QVERIFY(waitForImport(*view));
    QCOMPARE(view->importDialog()->lastResult()->value().imported, int64_t(8));
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(8));
    // ...and the figures in the status bar follow.
    QVERIFY2(window.statusFigures()->text().contains("8 items"),
             qPrintable(window.statusFigures()->text()));
    view->importDialog()->close();
    QTRY_VERIFY(!view->importDialog());

    // ...so does the main window (from the Tables view: it switches to Data).
    window.showView("tables");
    QMimeData text;
    text.setText("not a file");
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
    const QString second = dir.filePath("more.csv");
    writeFile(second, "customer,order:N\r\nzz,1\r\nzz,2\r\n");
    QMimeData csv;
    csv.setUrls({QUrl::fromLocalFile(second)});
    // Qt delivers the drop to the widget that accepted the drag's entry.
    QDragEnterEvent enterWindow(QPoint(10, 10), Qt::CopyAction, &csv, Qt::LeftButton,
                                Qt::NoModifier);
    QApplication::sendEvent(&window, &enterWindow);
    QVERIFY(enterWindow.isAccepted());
    QDropEvent dropOnWindow(QPointF(10, 10), Qt::CopyAction, &csv, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &dropOnWindow);
    QVERIFY(dropOnWindow.isAccepted());
    QVERIFY(view->importDialog());
    QCOMPARE(view->importDialog()->formatBox()->currentData().toInt(), int(ItemFormat::Csv));
    QVERIFY(waitForImport(*view));
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(10));
    QCOMPARE(window.findChild<QTabWidget*>("views")->currentWidget(), static_cast<QWidget*>(view));
}

QTEST_MAIN(TransferDialogsTest)
#include "test_transfer_dialogs.moc"
