// The Data view driven offscreen: lazy paging over a table, columns, sorting by a header
// click, browsing an index, a large table shown whole (the end and the middle reached
// without reading what comes before), and the --view data screenshot.
#include <QComboBox>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "data_view.h"
#include "item_editor.h"
#include "item_table_model.h"
#include "main_window.h"
#include "operation_test_support.h"
#include "storage/engine.h"
#include "table_list_model.h"

using namespace shardscape;
using shardscape::testing::numbered;

class DataViewTest : public QObject {
    Q_OBJECT
  private slots:
    void pagesLazilyAsTheUserScrolls();
    void columnsAndSorting();
    void browsesAnIndex();
    void largeTableScrollsToTheEndAndTheMiddle();
    void largeIndexIsWindowedToo();
    void staleItemCountIsCorrectedByTheCount();
    void tablesWaitingForALongRecountAreListedOffTheWindowsThread();
    void screenshotOfTheDataView();
};

namespace {

// 1,000 orders over 10 customers; every third has a "coupon" (a sparse GSI key).
void createOrders(Engine& engine) {
    auto created = dispatch(engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
        "BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},
          {"AttributeName":"order","AttributeType":"N"},{"AttributeName":"coupon","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"order","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byCoupon","KeySchema":[{"AttributeName":"coupon","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"KEYS_ONLY"}}]})"));
    QVERIFY(created.ok());
    std::vector<Item> items;
    for (int i = 0; i < 1000; ++i) {
        Item item;
        item.emplace("customer", AttributeValue::string(numbered("c", i % 10)));
        item.emplace("order", AttributeValue::number(std::to_string(i)));
        item.emplace("total", AttributeValue::number(std::to_string((i * 37) % 1000)));
        if (i % 3 == 0) item.emplace("coupon", AttributeValue::string(numbered("SAVE", i % 7)));
        items.push_back(std::move(item));
    }
    QVERIFY(engine.putItems("Orders", std::move(items)).ok());
}

// `count` items k00000, k00001, ... in table `name` (partition key "k" only), each with a
// number "n"; every 1,000th also has "rare" (a column that appears late), every third a
// "group" (the key of the sparse index byGroup, unless `withIndex` is false).
void createBigTable(Engine& engine, const std::string& name, int count, bool withIndex = true) {
    Json request =
        Json{{"TableName", name},
             {"BillingMode", "PAY_PER_REQUEST"},
             {"AttributeDefinitions",
              Json::array({{{"AttributeName", "k"}, {"AttributeType", "S"}},
                           {{"AttributeName", "group"}, {"AttributeType", "S"}}})},
             {"KeySchema", Json::array({{{"AttributeName", "k"}, {"KeyType", "HASH"}}})},
             {"GlobalSecondaryIndexes",
              Json::array(
                  {{{"IndexName", "byGroup"},
                    {"KeySchema", Json::array({{{"AttributeName", "group"}, {"KeyType", "HASH"}}})},
                    {"Projection", {{"ProjectionType", "ALL"}}}}})}};
    if (!withIndex) {
        request.erase("GlobalSecondaryIndexes");
        request["AttributeDefinitions"].erase(1);  // "group" is no key then
    }
    auto created = dispatch(engine, "CreateTable", request);
    QVERIFY(created.ok());
    std::vector<Item> items;
    for (int i = 0; i < count; ++i) {
        Item item;
        item.emplace("k", AttributeValue::string(numbered("k", i)));
        item.emplace("n", AttributeValue::number(std::to_string(i)));
        if (i % 1000 == 999) item.emplace("rare", AttributeValue::string("yes"));
        if (i % 3 == 0) item.emplace("group", AttributeValue::string(numbered("g", i % 50)));
        items.push_back(std::move(item));
    }
    QVERIFY(engine.putItems(name, std::move(items)).ok());
}

// The values of `attribute` of every item of the table (or index) in Scan order.
QStringList scanOrder(const Engine& engine, const std::string& table, const std::string& index,
                      const std::string& attribute) {
    QStringList out;
    std::optional<Item> start;
    do {
        ScanSpec spec;
        spec.tableName = table;
        if (!index.empty()) spec.indexName = index;
        spec.exclusiveStartKey = start;
        auto page = engine.scan(spec);
        if (!page) qFatal("%s", page.error().message.c_str());
        for (const auto& stored : page->items)
            out << QString::fromStdString(stored.decode()->at(attribute).scalar());
        start = page->lastEvaluatedKey;
    } while (start);
    return out;
}

int columnNamed(const ItemTableModel* model, const QString& name) {
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString() == name) return c;
    return -1;
}

}  // namespace

void DataViewTest::pagesLazilyAsTheUserScrolls() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    createOrders(*engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemTableModel* model = view.itemModel();
    QCOMPARE(model->rowCount(), 200);  // one page, not the whole table
    QVERIFY(model->canFetchMore());
    QVERIFY(view.summary()->text().contains("200 items loaded"));
    // Scrolling to the end makes the view fetch the next page, as a user's scrolling does.
    int previous = model->rowCount();
    for (int round = 0; round < 20 && model->canFetchMore(); ++round) {
        QScrollBar* bar = view.itemView()->verticalScrollBar();
        bar->setValue(bar->maximum());
        QTRY_VERIFY(model->rowCount() > previous || !model->canFetchMore());
        previous = model->rowCount();
        QTest::qWait(20);  // let the view lay the new rows out (its scroll range grows)
    }
    QCOMPARE(model->rowCount(), 1000);
    QCOMPARE(model->scannedCount(), qint64(1000));
    QVERIFY(!model->canFetchMore());
    QVERIFY(view.summary()->text().contains("1,000 items loaded") ||
            view.summary()->text().contains("1000 items loaded"));
}

void DataViewTest::columnsAndSorting() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    createOrders(*engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemTableModel* model = view.itemModel();
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QString("customer"));
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QString("order"));
    QStringList others;
    for (int c = 2; c < model->columnCount(); ++c)
        others << model->headerData(c, Qt::Horizontal).toString();
    others.sort();
    QCOMPARE(others, QStringList({"coupon", "total"}));

    // Click the "total" header: rows sort numerically (not as text: 99 before 100).
    int totalColumn = -1;
    for (int c = 0; c < model->columnCount(); ++c)
        if (model->headerData(c, Qt::Horizontal).toString() == "total") totalColumn = c;
    QHeaderView* header = view.itemView()->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(totalColumn) + 5, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(header->sortIndicatorSection(), totalColumn);
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r - 1, totalColumn).data().toString().toLongLong() <=
                model->index(r, totalColumn).data().toString().toLongLong());
    QCOMPARE(model->index(0, totalColumn).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));
}

void DataViewTest::browsesAnIndex() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    createOrders(*engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.itemModel()->setPageSize(1000);
    QComboBox* sources = view.sourceBox();
    QCOMPARE(sources->count(), 2);
    QCOMPARE(sources->itemText(1), QString("Orders › byCoupon (GSI)"));
    sources->setCurrentIndex(1);
    ItemTableModel* model = view.itemModel();
    QCOMPARE(model->rowCount(), 334);   // only items with a coupon: a sparse index
    QCOMPARE(model->columnCount(), 3);  // KEYS_ONLY: table and index keys
    QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QString("coupon"));
}

void DataViewTest::largeTableScrollsToTheEndAndTheMiddle() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    constexpr int kItems = 30000;
    createBigTable(*engine, "Big", kItems);
    const QStringList order = scanOrder(*engine, "Big", "", "k");
    QCOMPARE(order.size(), kItems);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemTableModel* model = view.itemModel();
    QCOMPARE(view.currentTable(), QString("Big"));
    // More than the threshold (10,000): every item has a row from the start.
    QVERIFY(model->isWindowed());
    QCOMPARE(model->rowCount(), kItems);
    QVERIFY(!model->canFetchMore());
    QVERIFY2(view.summary()->text().startsWith("30,000 items") ||
                 view.summary()->text().startsWith("30000 items"),
             qPrintable(view.summary()->text()));
    // The first rows at once, as for a smaller table.
    QCOMPARE(model->index(0, 0).data().toString(), order[0]);
    QCOMPARE(model->index(199, 0).data().toString(), order[199]);

    // Ctrl+End, as a user goes to the end: the last rows show the last items in Scan order.
    view.itemView()->setFocus();
    view.itemView()->setCurrentIndex(model->index(0, 0));
    QTest::keyClick(view.itemView(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(view.itemView()->currentIndex().row(), kItems - 1);
    QTRY_COMPARE(model->index(kItems - 1, 0).data().toString(), order[kItems - 1]);
    for (int row = kItems - 12; row < kItems; ++row)
        QCOMPARE(model->index(row, 0).data().toString(), order[row]);
    const int n = columnNamed(model, "n");
    QVERIFY(n > 0);
    const int last = order[kItems - 1].mid(1).toInt();
    QCOMPARE(model->index(kItems - 1, n).data().toString(), QString::number(last));
    QCOMPARE(model->item(kItems - 1).at("k").scalar(), order[kItems - 1].toStdString());

    // The middle, as a dragged scroll bar gets there: the rows there once the background
    // count has found where their block starts.
    const int middle = 17345;
    view.itemView()->scrollTo(model->index(middle, 0), QAbstractItemView::PositionAtCenter);
    QTRY_COMPARE(model->index(middle, 0).data().toString(), order[middle]);
    for (int row = middle - 5; row <= middle + 5; ++row)
        QCOMPARE(model->index(row, 0).data().toString(), order[row]);
    QVERIFY(columnNamed(model, "rare") > 0 || columnNamed(model, "group") > 0);
    QTRY_VERIFY(model->positionsKnown());
    QCOMPARE(model->rowCount(), kItems);  // the count agreed with the statistics

    // Sorting does not apply: a header click leaves the Scan order.
    QVERIFY(!view.itemView()->isSortingEnabled());
    model->sort(n, Qt::DescendingOrder);
    QCOMPARE(model->index(middle, 0).data().toString(), order[middle]);

    // Edit works on a fetched row (read again from the table), and counts follow writes.
    QVERIFY(view.editItem(kItems - 1) != nullptr);
    view.itemEditor()->close();
    std::vector<Item> more;
    for (int i = kItems; i < kItems + 7; ++i) {
        Item item;
        item.emplace("k", AttributeValue::string(numbered("k", i)));
        more.push_back(std::move(item));
    }
    QVERIFY(engine->putItems("Big", std::move(more)).ok());
    view.showSource("Big");
    QCOMPARE(model->rowCount(), kItems + 7);
    const QStringList after = scanOrder(*engine, "Big", "", "k");
    QTest::keyClick(view.itemView(), Qt::Key_End, Qt::ControlModifier);
    QTRY_COMPARE(model->index(kItems + 6, 0).data().toString(), after[kItems + 6]);

    // A small table is still paged lazily, sortable.
    model->setWindowThreshold(100000);
    view.showSource("Big");
    QVERIFY(!model->isWindowed());
    QVERIFY(view.itemView()->isSortingEnabled());
    QCOMPARE(model->rowCount(), 200);
}

void DataViewTest::largeIndexIsWindowedToo() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    createBigTable(*engine, "Big", 12000);
    const QStringList order = scanOrder(*engine, "Big", "byGroup", "k");
    QCOMPARE(order.size(), 4000);  // every third item has a group
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.itemModel()->setWindowThreshold(1000);
    view.itemModel()->setPageSize(100);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSource("Big", "byGroup");
    ItemTableModel* model = view.itemModel();
    QVERIFY(model->isWindowed());
    QCOMPARE(model->rowCount(), 4000);
    const int k = columnNamed(model, "k");
    QVERIFY(k >= 0);
    view.itemView()->scrollToBottom();
    QTRY_COMPARE(model->index(3999, k).data().toString(), order[3999]);
    view.itemView()->scrollTo(model->index(2050, 0), QAbstractItemView::PositionAtCenter);
    QTRY_COMPARE(model->index(2050, k).data().toString(), order[2050]);
    QTRY_VERIFY(model->positionsKnown());
    QCOMPARE(model->rowCount(), 4000);
}

void DataViewTest::staleItemCountIsCorrectedByTheCount() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    // No index: a bulk load then writes without reading (its statistics stale until finished).
    createBigTable(*engine, "Big", 20000, false);
    // A bulk load still open: the table's statistics do not count its items yet.
    auto loader = engine->beginBulkLoad("Big");
    QVERIFY(loader.ok());
    std::vector<Item> more;
    for (int i = 20000; i < 25000; ++i) {
        Item item;
        item.emplace("k", AttributeValue::string(numbered("k", i)));
        more.push_back(std::move(item));
    }
    QVERIFY((*loader)->add(std::move(more)).ok());
    QCOMPARE(engine->describeTable("Big")->second.itemCount, int64_t(20000));
    const QStringList order = scanOrder(*engine, "Big", "", "k");
    QCOMPARE(order.size(), 25000);

    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemTableModel* model = view.itemModel();
    QVERIFY(model->isWindowed());
    // What the statistics say, until the background count (delivered through this thread's
    // event loop, so not between these two lines) has finished; on a quiet machine it may
    // already have.
    if (!model->positionsKnown()) QCOMPARE(model->rowCount(), 20000);
    // The background count reaches the end and finds every item: the rows follow it.
    QTRY_VERIFY(model->positionsKnown());
    QCOMPARE(model->rowCount(), 25000);
    QVERIFY2(view.summary()->text().startsWith("25,000 items") ||
                 view.summary()->text().startsWith("25000 items"),
             qPrintable(view.summary()->text()));
    view.itemView()->scrollToBottom();
    QTRY_COMPARE(model->index(24999, 0).data().toString(), order[24999]);
    view.itemView()->scrollTo(model->index(19999, 0), QAbstractItemView::PositionAtCenter);
    QTRY_COMPARE(model->index(19999, 0).data().toString(), order[19999]);
    QVERIFY((*loader)->finish().ok());
}

// A table that took puts without reading the items they replaced waits for a recount of its
// statistics (Engine::itemsToRecount). Past 100,000 items that recount is not for the
// window's thread: the table list is then read on another thread, as a remote's is, and the
// Data view still shows the exact count once it arrives.
void DataViewTest::tablesWaitingForALongRecountAreListedOffTheWindowsThread() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    createBigTable(*engine, "Big", 100'001, false);
    auto backend = std::make_shared<LocalBackend>(engine);
    QVERIFY(backend->listsTablesAtOnce());
    Item added;
    added.emplace("k", AttributeValue::string("added"));
    auto put = engine->putItem("Big", std::move(added));
    QVERIFY(put.ok());
    QVERIFY(put->replacedUnread);
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(100'002));
    QVERIFY(!backend->listsTablesAtOnce());

    TableListModel tables(backend);
    QVERIFY(tables.isLoading());  // the constructor's listing went to another thread
    QCOMPARE(tables.names(), QStringList());
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(tables.names(), QStringList({"Big"}));
    QVERIFY(!tables.isLoading());
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(0));  // counted there
    QTRY_COMPARE(view.sourceBox()->currentText(), QString("Big"));
    QTRY_VERIFY2(view.summary()->text().startsWith("100,002 items") ||
                     view.summary()->text().startsWith("100002 items"),
                 qPrintable(view.summary()->text()));

    // Counted, the list is read at once again.
    QVERIFY(backend->listsTablesAtOnce());
    tables.reload();
    QVERIFY(!tables.isLoading());
    QCOMPARE(tables.names(), QStringList({"Big"}));
}

void DataViewTest::screenshotOfTheDataView() {
    QTemporaryDir dir;
    {
        auto engine = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(engine.ok());
        createOrders(**engine);
    }
    const QString png = dir.path() + "/data.png";
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              {"--data", dir.path() + "/data", "--view", "data", "--screenshot", png});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 0);
    QImage image(png);
    QVERIFY(!image.isNull());
    // The item grid fills the window: many pixels differ from the background.
    const QRgb background = image.pixel(image.width() - 2, image.height() / 2);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            if (image.pixel(x, y) != background) ++differing;
    QVERIFY(differing > (image.width() / 4) * (image.height() / 4) / 20);
    QProcess wrong;
    wrong.start(SHARDSCAPE_GUI,
                {"--data", dir.path() + "/data", "--view", "nope", "--screenshot", png});
    QVERIFY(wrong.waitForFinished(30000));
    QCOMPARE(wrong.exitCode(), 2);
}

QTEST_MAIN(DataViewTest)
#include "test_data_view.moc"
