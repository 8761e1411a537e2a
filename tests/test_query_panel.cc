// The query builder driven offscreen like a user: pick operation, table and index, type key
// values and expressions, Run, page, and read items, counts, capacity and code.
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "item_table_model.h"
#include "operation_test_support.h"
#include "query_panel.h"
#include "storage/engine.h"
#include "table_list_model.h"

using namespace shardscape;
using shardscape::testing::numbered;

class QueryPanelTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void fieldsFollowOperationAndKeySchema();
    void queryWithSortKeyRangeAndPages();
    void queryOnAnIndex();
    void writesAndReadsBack();
    void errorsAreShownInline();
    void screenshotOfTheQueryView();

  private:
    bool runAndWait();
    QTemporaryDir dir_;
    std::shared_ptr<Engine> engine_;
    std::unique_ptr<TableListModel> tables_;
    std::unique_ptr<QueryPanel> panel_;
};

namespace {

void createOrders(Engine& engine) {
    auto created = dispatch(engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
        "BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},
          {"AttributeName":"order","AttributeType":"N"},{"AttributeName":"state","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"order","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}]})"));
    QVERIFY(created.ok());
    std::vector<Item> items;
    for (int i = 0; i < 40; ++i) {
        Item item;
        item.emplace("customer", AttributeValue::string(numbered("c", i % 4)));
        item.emplace("order", AttributeValue::number(std::to_string(i)));
        item.emplace("state", AttributeValue::string(i % 5 ? "SHIPPED" : "OPEN"));
        item.emplace("amount", AttributeValue::number(std::to_string(10 * i)));
        items.push_back(std::move(item));
    }
    QVERIFY(engine.putItems("Orders", std::move(items)).ok());
}
}  // namespace

void QueryPanelTest::init() {
    auto opened = Engine::open(dir_.path().toStdString() + "/" + QTest::currentTestFunction());
    QVERIFY(opened.ok());
    engine_ = std::move(opened).value();
    createOrders(*engine_);
    tables_ = std::make_unique<TableListModel>(std::make_shared<LocalBackend>(engine_));
    panel_ = std::make_unique<QueryPanel>(tables_.get());
    panel_->resize(1000, 700);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
}

void QueryPanelTest::cleanup() {
    panel_.reset();
    tables_.reset();
    engine_.reset();
}

bool QueryPanelTest::runAndWait() {
    QSignalSpy done(panel_.get(), &QueryPanel::finished);
    QTest::mouseClick(panel_->runButton(), Qt::LeftButton);
    return done.wait(10000);
}

void QueryPanelTest::fieldsFollowOperationAndKeySchema() {
    QueryPanel& p = *panel_;
    QCOMPARE(p.tableBox()->currentText(), QString("Orders"));
    QCOMPARE(p.indexBox()->count(), 2);  // (table), byState
    const QStringList expected = {"", "=", "<", "<=", ">", ">=", "BETWEEN"};
    QStringList operators;
    for (int i = 0; i < p.sortOperatorBox()->count(); ++i)
        operators << p.sortOperatorBox()->itemText(i);
    QCOMPARE(operators, expected);  // no begins_with on a number sort key
    QVERIFY(p.filterEdit()->isEnabled());
    QVERIFY(!p.updateEdit()->isEnabled());
    p.operationBox()->setCurrentText("UpdateItem");
    QVERIFY(p.updateEdit()->isEnabled() && p.conditionEdit()->isEnabled());
    QVERIFY(!p.filterEdit()->isEnabled() && !p.indexBox()->isEnabled());
    p.operationBox()->setCurrentText("Query");
    p.indexBox()->setCurrentText("byState");
    QVERIFY(!p.consistentBox()->isEnabled());    // no strongly consistent reads on a GSI
    QVERIFY(!p.sortOperatorBox()->isEnabled());  // byState has no sort key
}

void QueryPanelTest::queryWithSortKeyRangeAndPages() {
    QueryPanel& p = *panel_;
    QTest::keyClicks(p.partitionKeyEdit(), "c1");
    p.sortOperatorBox()->setCurrentText("BETWEEN");
    QTest::keyClicks(p.sortKeyEdit(), "5");
    QTest::keyClicks(p.sortKeyUpperEdit(), "29");
    p.limitBox()->setValue(3);
    QVERIFY(runAndWait());
    ItemTableModel* results = p.resultModel();
    QCOMPARE(results->rowCount(), 3);
    QCOMPARE(results->index(0, 1).data().toString(), QString("5"));  // orders 5, 9, 13 of c1
    QCOMPARE(results->index(2, 1).data().toString(), QString("13"));
    QCOMPARE(p.statusLabel()->text(), QString("Count 3 · ScannedCount 3 · more pages"));
    QVERIFY(p.capacityLabel()->text().startsWith("3 items, "));
    QVERIFY(p.capacityLabel()->text().endsWith("eventually consistent (half) → 0.5 RCU"));
    QVERIFY(p.codeView("cli")->toPlainText().startsWith("aws dynamodb query"));
    QVERIFY(p.codeView("boto3")->toPlainText().contains("client.query(**{"));
    QVERIFY(p.codeView("js")->toPlainText().contains("new QueryCommand("));
    QVERIFY(p.nextPageButton()->isEnabled());
    QSignalSpy done(&p, &QueryPanel::finished);
    QTest::mouseClick(p.nextPageButton(), Qt::LeftButton);
    QVERIFY(done.wait(10000));
    QCOMPARE(results->index(0, 1).data().toString(), QString("17"));
    QCOMPARE(results->rowCount(), 3);  // 17, 21, 25; then 29 remains
    QVERIFY(p.codeView("cli")->toPlainText().contains("--exclusive-start-key"));
}

void QueryPanelTest::queryOnAnIndex() {
    QueryPanel& p = *panel_;
    p.indexBox()->setCurrentText("byState");
    QTest::keyClicks(p.partitionKeyEdit(), "OPEN");
    QTest::keyClicks(p.filterEdit(), "amount >= :min");
    QTest::keyClicks(p.valuesEdit(), R"({":min":{"N":"200"}})");
    QVERIFY(runAndWait());
    QCOMPARE(p.resultModel()->rowCount(), 4);  // orders 20, 25, 30, 35
    QCOMPARE(p.statusLabel()->text(), QString("Count 4 · ScannedCount 8"));
    QVERIFY(p.capacityLabel()->text().contains("at most 4 KB read"));
}

void QueryPanelTest::writesAndReadsBack() {
    QueryPanel& p = *panel_;
    p.operationBox()->setCurrentText("PutItem");
    p.itemEdit()->setPlainText(
        R"({"customer":{"S":"new"},"order":{"N":"1"},"state":{"S":"OPEN"},"amount":{"N":"7"}})");
    QTest::keyClicks(p.conditionEdit(), "attribute_not_exists(customer)");
    QVERIFY(runAndWait());
    QVERIFY(p.errorLabel()->isHidden());
    QVERIFY(p.capacityLabel()->text().startsWith("1 WCU on the table"));
    QVERIFY(p.capacityLabel()->text().contains("+ 1 WCU on GSI byState"));
    // The same put again fails its condition, shown inline.
    QVERIFY(runAndWait());
    QCOMPARE(p.errorLabel()->text(),
             QString("ConditionalCheckFailedException: The conditional request failed"));
    QVERIFY(!p.errorLabel()->isHidden());

    p.operationBox()->setCurrentText("UpdateItem");
    QTest::keyClicks(p.partitionKeyEdit(), "new");
    QTest::keyClicks(p.sortKeyEdit(), "1");
    p.conditionEdit()->clear();
    QTest::keyClicks(p.updateEdit(), "SET amount = amount + :d");
    QTest::keyClicks(p.valuesEdit(), R"({":d":{"N":"5"}})");
    QVERIFY(runAndWait());
    p.operationBox()->setCurrentText("GetItem");
    QVERIFY(runAndWait());
    QCOMPARE(p.statusLabel()->text(), QString("1 item"));
    ItemTableModel* results = p.resultModel();
    int amount = -1;
    for (int c = 0; c < results->columnCount(); ++c)
        if (results->headerData(c, Qt::Horizontal).toString() == "amount") amount = c;
    QCOMPARE(results->index(0, amount).data().toString(), QString("12"));
}

void QueryPanelTest::errorsAreShownInline() {
    QueryPanel& p = *panel_;
    QTest::keyClicks(p.partitionKeyEdit(), "c1");
    p.sortOperatorBox()->setCurrentText("=");
    QTest::keyClicks(p.sortKeyEdit(), "one");
    QTest::mouseClick(p.runButton(), Qt::LeftButton);  // rejected before sending
    QCOMPARE(p.errorLabel()->text(), QString("Sort key: 'one' is not a number"));
    QVERIFY(!p.errorLabel()->isHidden());
    p.sortKeyEdit()->setText("1");
    QTest::keyClicks(p.filterEdit(), "amount >");
    QVERIFY(runAndWait());
    QVERIFY(p.errorLabel()->text().startsWith(
        "ValidationException: Invalid FilterExpression: Syntax error;"));
    QCOMPARE(p.statusLabel()->text(), QString("Failed"));
}

void QueryPanelTest::screenshotOfTheQueryView() {
    cleanup();
    QTemporaryDir dir;
    {
        auto engine = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(engine.ok());
        createOrders(**engine);
    }
    const QString png = dir.path() + "/query.png";
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              {"--data", dir.path() + "/data", "--view", "query", "--screenshot", png});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 0);
    QImage image(png);
    QVERIFY(!image.isNull() && image.width() >= 800);
}

QTEST_MAIN(QueryPanelTest)
#include "test_query_panel.moc"
