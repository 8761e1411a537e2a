// The Data view driven offscreen: lazy paging over a large table, columns, sorting by a
// header click, browsing an index, and the --view data screenshot.
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
