// The query builder driven offscreen like a user: pick operation, table and index, type key
// values and expressions, Run, page, and read items, counts, capacity and code.
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextLayout>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "item_table_model.h"
#include "operation_test_support.h"
#include "partiql_editor.h"
#include "partiql_highlighter.h"
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
    void partiqlModeRunsStatementsAndPages();
    void partiqlScanWarningAndWrites();
    void partiqlEditorCompletesAndHighlights();
    void screenshotOfTheQueryView();
    void screenshotOfThePartiqlView();

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

void QueryPanelTest::partiqlModeRunsStatementsAndPages() {
    QueryPanel& p = *panel_;
    p.operationBox()->setCurrentText("PartiQL");
    QVERIFY(p.statementEdit()->isVisible() && p.parametersEdit()->isVisible());
    QVERIFY(!p.partitionKeyEdit()->isVisible() && !p.filterEdit()->isVisible());
    QTest::keyClicks(p.statementEdit(),
                     "SELECT \"order\", amount FROM Orders WHERE customer = ? AND amount >= 100");
    QTest::keyClicks(p.parametersEdit(), "[{\"S\": \"c1\"}]");
    QVERIFY(p.scanWarningLabel()->isHidden());  // a Query
    QVERIFY(runAndWait());
    QVERIFY2(p.errorLabel()->isHidden(), qPrintable(p.errorLabel()->text()));
    // c1 holds orders 1, 5, ..., 37; amount 10 × order: 13 to 37 pass.
    QCOMPARE(p.resultModel()->rowCount(), 7);
    QCOMPARE(p.statusLabel()->text(), QString("7 items"));
    QVERIFY(p.statementEdit()->completions().contains("amount"));  // a result column
    QCOMPARE(
        p.capacityLabel()->text(),
        QString("Runs as Query because the WHERE fixes the partition key customer of the "
                "table Orders; the other conditions filter what the Query reads. Cost: at most "
                "4 KB read (1 × 4 KB), eventually consistent (half) → 0.5 RCU"));
    QVERIFY(p.codeView("cli")->toPlainText().startsWith("aws dynamodb execute-statement"));
    QVERIFY(p.codeView("cli")->toPlainText().contains("--parameters"));
    QVERIFY(p.codeView("boto3")->toPlainText().contains("client.execute_statement(**{"));
    QVERIFY(p.codeView("js")->toPlainText().contains("new ExecuteStatementCommand("));

    // Paging: Limit counts the items read; Next page sends the NextToken.
    p.limitBox()->setValue(4);
    QVERIFY(runAndWait());
    QCOMPARE(p.resultModel()->rowCount(), 1);  // orders 1, 5, 9, 13 read; 13 kept
    QCOMPARE(p.statusLabel()->text(), QString("1 item · more pages"));
    QVERIFY(p.nextPageButton()->isEnabled());
    QSignalSpy done(&p, &QueryPanel::finished);
    QTest::mouseClick(p.nextPageButton(), Qt::LeftButton);
    QVERIFY(done.wait(10000));
    QCOMPARE(p.resultModel()->rowCount(), 4);  // 17, 21, 25, 29
    QVERIFY(p.codeView("cli")->toPlainText().contains("--next-token"));
}

void QueryPanelTest::partiqlScanWarningAndWrites() {
    QueryPanel& p = *panel_;
    p.operationBox()->setCurrentText("PartiQL");
    p.statementEdit()->setPlainText("SELECT * FROM Orders WHERE amount > 300");
    QVERIFY(!p.scanWarningLabel()->isHidden());
    QCOMPARE(p.scanWarningLabel()->text(),
             QString("This statement becomes a Scan: it reads, and is charged for, every item "
                     "of the table Orders, whatever the WHERE keeps. Fix the partition key with "
                     "= to make it a Query."));
    QVERIFY(runAndWait());
    QCOMPARE(p.resultModel()->rowCount(), 9);  // amounts 310 to 390
    QVERIFY(p.capacityLabel()->text().startsWith(
        "Runs as Scan because the WHERE does not fix the partition key customer of the table "
        "Orders with =. Cost: "));
    p.statementEdit()->setPlainText("SELECT * FROM Orders WHERE customer = 'c2' AND \"order\" = 2");
    QVERIFY(p.scanWarningLabel()->isHidden());

    p.statementEdit()->setPlainText("INSERT INTO Orders VALUE {'customer': 'z', 'order': 1}");
    QVERIFY(runAndWait());
    QVERIFY2(p.errorLabel()->isHidden(), qPrintable(p.errorLabel()->text()));
    QCOMPARE(
        p.capacityLabel()->text(),
        QString("Runs as PutItem because INSERT writes one new item (its key must not "
                "exist). Cost: 1 WCU on the table: the larger of the old and new item is at most "
                "1 KB"));
    QVERIFY(runAndWait());
    QCOMPARE(p.errorLabel()->text(),
             QString("DuplicateItemException: Duplicate primary key exists in table"));
    p.statementEdit()->setPlainText("SELEC * FROM Orders");
    QVERIFY(runAndWait());
    QCOMPARE(p.errorLabel()->text(),
             QString("ValidationException: Statement wasn't well formed, can't be processed: "
                     "Expected data manipulation"));
}

void QueryPanelTest::partiqlEditorCompletesAndHighlights() {
    QueryPanel& p = *panel_;
    p.operationBox()->setCurrentText("PartiQL");
    PartiqlEditor* editor = p.statementEdit();
    const QStringList words = editor->completions();
    for (const char* expected : {"\"Orders\"", "\"Orders\".\"byState\"", "customer", "order",
                                 "state", "SELECT", "begins_with", "attribute_exists"})
        QVERIFY2(words.contains(expected), expected);
    editor->setFocus();
    QTest::keyClicks(editor, "sel");
    QVERIFY(editor->completer()->popup()->isVisible());
    QCOMPARE(editor->completer()->currentCompletion(), QString("SELECT"));
    QTest::keyClick(editor->completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor->toPlainText(), QString("SELECT"));
    QTest::keyClicks(editor, " * FROM \"Ord");
    QVERIFY(editor->completer()->popup()->isVisible());
    QCOMPARE(editor->completer()->currentCompletion(), QString("\"Orders\""));
    QTest::keyClick(editor->completer()->popup(), Qt::Key_Return);
    QCOMPARE(editor->toPlainText(), QString("SELECT * FROM \"Orders\""));

    editor->setPlainText(
        "SELECT * FROM \"Orders\" WHERE begins_with(state, 'O') AND amount > 5 -- x");
    const QList<QTextLayout::FormatRange> formats =
        editor->document()->firstBlock().layout()->formats();
    auto formatAt = [&](int position) {
        QTextCharFormat found;
        for (const auto& range : formats)
            if (position >= range.start && position < range.start + range.length)
                found = range.format;
        return found;
    };
    PartiqlHighlighter* h = editor->highlighter();
    const QString text = editor->toPlainText();
    QCOMPARE(formatAt(0).foreground(), h->formatFor("keyword").foreground());
    QCOMPARE(formatAt(0).fontWeight(), int(QFont::Bold));
    QCOMPARE(formatAt(int(text.indexOf("\"Orders\""))).foreground(),
             h->formatFor("name").foreground());
    QCOMPARE(formatAt(int(text.indexOf("begins_with"))).foreground(),
             h->formatFor("function").foreground());
    QCOMPARE(formatAt(int(text.indexOf("'O'"))).foreground(), h->formatFor("string").foreground());
    QCOMPARE(formatAt(int(text.indexOf("5"))).foreground(), h->formatFor("number").foreground());
    QCOMPARE(formatAt(int(text.indexOf("-- x"))).foreground(),
             h->formatFor("comment").foreground());
    QVERIFY(formatAt(int(text.indexOf("amount"))).foreground() !=
            h->formatFor("keyword").foreground());
}

void QueryPanelTest::screenshotOfThePartiqlView() {
    cleanup();
    QTemporaryDir dir;
    {
        auto engine = Engine::open((dir.path() + "/data").toStdString());
        QVERIFY(engine.ok());
        createOrders(**engine);
    }
    const QString png = dir.path() + "/partiql.png";
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              {"--data", dir.path() + "/data", "--view", "partiql", "--screenshot", png});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 0);
    QImage image(png);
    QVERIFY(!image.isNull() && image.width() >= 800);
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
