// PartiQL's ExecuteStatement through dispatch() (batches and transactions: test_partiql_batches).
// Each statement runs as the item operation it stands for, so the tests check the choice
// (GetItem, Query or Scan), the items, the errors with DynamoDB's messages, and that the
// consumed capacity equals that of the equivalent operation sent directly.
#include <QTest>

#include "base/seeded_random.h"
#include "partiql/partiql_statement.h"
#include "partiql/partiql_translation.h"
#include "partiql_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class PartiqlTest : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void malformedStatements_data();
    void malformedStatements();
    void selectChoosesTheOperation_data();
    void selectChoosesTheOperation();
    void selectCapacityEqualsTheEquivalentOperation();
    void projectionShowsNestedPathsUnderTheirLastName();
    void parametersFillTheQuestionMarks();
    void indexReads();
    void pagingWithLimitAndNextToken();
    void insertAndDuplicateKey();
    void updateActionsAndReturning();
    void updateOfAMissingItemFails();
    void deleteByFullKey();
    void writeCapacityEqualsTheEquivalentOperation();
    void randomStatementsAnswerWithoutInternalErrors();

  private:
    Result<Json> execute(const std::string& statement, Json extra = Json::object());
    Json items(const std::string& statement, Json extra = Json::object());
    void put(const Json& item);

    std::unique_ptr<EngineHarness> harness_;
};

void PartiqlTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(openMusicAndCounters(*harness_), harness_->error().c_str());
}

void PartiqlTest::put(const Json& item) {
    QVERIFY_OK(harness_->call("PutItem", Json{{"TableName", "Music"}, {"Item", item}}));
}

Result<Json> PartiqlTest::execute(const std::string& statement, Json extra) {
    return executeStatement(*harness_, statement, std::move(extra));
}

Json PartiqlTest::items(const std::string& statement, Json extra) {
    return statementItems(*harness_, statement, std::move(extra));
}

void PartiqlTest::malformedStatements_data() {
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* statement, const char* type,
                  const std::string& message) {
        QTest::newRow(name) << statement << type << QString::fromStdString(message);
    };
    const char* v = "ValidationException";
    row("not a statement", "GRANT ALL", v, malformed("Expected data manipulation"));
    row("trailing words", "SELECT * FROM Music WHERE Artist = 'a' garbage", v,
        malformed("Unexpected token after expression"));
    row("two statements", "SELECT * FROM Music; SELECT * FROM Music", v,
        malformed("Unexpected token after expression"));
    row("unterminated string", "SELECT * FROM Music WHERE Artist = 'a", v,
        malformed("Unterminated string literal"));
    row("missing FROM", "SELECT * Music", v, malformed("Expected FROM"));
    row("keyword as a name", "SELECT * FROM Music WHERE select = 1", v,
        malformed("Unexpected keyword SELECT"));
    row("LIMIT clause", "SELECT * FROM Music LIMIT 3", v, "Unsupported clause: LIMIT");
    row("too few parameters", "SELECT * FROM Music WHERE Artist = ?", v,
        "Number of parameters in request and statement don't match.");
    row("alias", "SELECT Year AS y FROM Music", v, "Aliasing is not supported");
    row("duplicate result names", "SELECT z, m.z FROM Music", v,
        "Duplicate identifiers in select clause: z");
    row("star and names", "SELECT *, Year FROM Music", v,
        "Other attributes should not be present in the projection when '*' is used.");
    row("two sources", "SELECT * FROM Music, Counters", v,
        "Only select from a single table or index is supported.");
    row("MISSING compared", "SELECT * FROM Music WHERE Year = MISSING", v,
        "MISSING must be compared using IS operator");
    row("not a condition", "SELECT * FROM Music WHERE Year", v,
        "WHERE clause must contain an expression that resolves to a boolean");
    row("AND of a value", "SELECT * FROM Music WHERE Year = 1 AND Artist", v,
        "The arguments to AND/OR must be Expressions");
    row("several items", "INSERT INTO Music VALUES ('a')", v,
        "Unsupported operation: Inserting multiple items in a single statement is not "
        "supported, use \"INSERT INTO tableName VALUE item\" instead");
    row("insert of a list", "INSERT INTO Music VALUE ['a']", v,
        "Unsupported format in item expression. Please use struct format {...} to express item "
        "values for insert statement.");
    row("insert returning",
        "INSERT INTO Music VALUE {'Artist':'a','SongTitle':'b'} RETURNING ALL OLD *", v,
        "RETURNING is not supported in INSERT");
    row("insert without the sort key", "INSERT INTO Music VALUE {'Artist':'a'}", v,
        "Key attribute should be present in the item: Key SongTitle");
    row("insert with a key of the wrong type",
        "INSERT INTO Music VALUE {'Artist':1,'SongTitle':'b'}", v,
        "Key attribute's data type should match its data type in table's schema: Key Artist");
    row("mixed bag", "INSERT INTO Music VALUE {'Artist':'a','SongTitle':'b','s':<<'x',1>>}", v,
        "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags");
    row("empty bag", "INSERT INTO Music VALUE {'Artist':'a','SongTitle':'b','s':<<>>}", v,
        "Empty bags are not supported");
    row("update without the sort key", "UPDATE Music SET x = 1 WHERE Artist = 'a'", v,
        "Where clause does not contain a mandatory equality on all key attributes");
    row("update without WHERE", "UPDATE Music SET x = 1", v,
        "Where clause does not contain a mandatory equality on all key attributes");
    row("update with a key range", "UPDATE Music SET x = 1 WHERE Artist = 'a' AND SongTitle > 'b'",
        v, "Where clause does not contain a mandatory equality on all key attributes");
    row("key given twice",
        "DELETE FROM Music WHERE Artist = 'a' AND Artist = 'b' AND SongTitle = 'c'", v,
        "Multiple conditions on same key Artist. Only single item Update/Insert/Delete are "
        "supported");
    row("set_add of another attribute",
        "UPDATE Music SET s = set_add(t, <<'a'>>) WHERE Artist = 'a' AND SongTitle = 'b'", v,
        "The first argument to SET_ADD must equal the assignment value");
    row("set_delete of a value",
        "UPDATE Music SET s = set_delete(s, 'a') WHERE Artist = 'a' AND SongTitle = 'b'", v,
        "The second argument to SET_DELETE must be a value with type SET");
    row("delete returning new",
        "DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b' RETURNING ALL NEW *", v,
        "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in "
        "DELETE statements.");
    row("update returning two",
        "UPDATE Music SET x = 1 WHERE Artist = 'a' AND SongTitle = 'b' RETURNING ALL NEW x", v,
        "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    row("delete from an index", "DELETE FROM Music.byAlbum WHERE AlbumTitle = 'a'", v,
        "This operation is not supported on an index");
    row("unknown function", "SELECT * FROM Music WHERE shout(Artist) = 1", v,
        "Unrecognized function: shout");
    row("EXISTS outside a transaction",
        "EXISTS(SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b' AND Year = 1)", v,
        "EXISTS can only be used in ExecuteTransaction write requests.");
    row("unknown index", "SELECT * FROM Music.nope WHERE x = 1", v,
        "The table does not have the specified index: nope");
    {
        static const std::string deep = "SELECT * FROM Music WHERE " + std::string(3000, '(') +
                                        "Year = 1" + std::string(3000, ')');
        static const std::string deepList =
            "INSERT INTO Music VALUE {'Artist': 'a', 'SongTitle': 'b', 'l': " +
            std::string(4000, '[') + std::string(4000, ']') + "}";
        row("deep parentheses", deep.c_str(), v, malformed("Too many levels of nesting"));
        row("deep list", deepList.c_str(), v, malformed("Too many levels of nesting"));
    }
    row("ORDER BY without WHERE", "SELECT * FROM Music ORDER BY SongTitle", v,
        "Must have WHERE clause in the statement when using ORDER BY clause.");
    row("ORDER BY in a Scan", "SELECT * FROM Music WHERE Year > 1 ORDER BY SongTitle", v,
        "Must have at least one non-optional hash key condition in WHERE clause when using "
        "ORDER BY clause.");
    row("ORDER BY another attribute", "SELECT * FROM Music WHERE Artist = 'Acme' ORDER BY Year", v,
        "Variable reference Year in ORDER BY clause must be part of the primary key");
    row("unknown table", "SELECT * FROM Nope", "ResourceNotFoundException",
        "Requested resource not found");
}

void PartiqlTest::malformedStatements() {
    QFETCH(QString, statement);
    QFETCH(QString, type);
    QFETCH(QString, message);
    QCOMPARE_ERROR(execute(statement.toStdString()), type.toUtf8().constData(),
                   message.toStdString());
}

void PartiqlTest::selectChoosesTheOperation_data() {
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QStringList>("titles");  // the SongTitles of the items, in order
    auto row = [](const char* name, const char* statement, const char* operation,
                  QStringList titles) { QTest::newRow(name) << statement << operation << titles; };
    row("whole key", "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta'", "GetItem",
        {"Beta"});
    row("whole key, reversed", "SELECT * FROM Music WHERE 'Beta' = SongTitle AND 'Acme' = Artist",
        "GetItem", {"Beta"});
    row("whole key, no item", "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Nope'",
        "GetItem", {});
    row("partition key", "SELECT * FROM Music WHERE Artist = 'Acme'", "Query",
        {"Alpha", "Beta", "Gamma"});
    row("partition key and a sort range",
        "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle > 'Alpha'", "Query",
        {"Beta", "Gamma"});
    row("sort key BETWEEN",
        "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle BETWEEN 'B' AND 'H'", "Query",
        {"Beta", "Gamma"});
    row("sort key begins_with",
        "SELECT * FROM Music WHERE Artist = 'Acme' AND begins_with(SongTitle, 'G')", "Query",
        {"Gamma"});
    row("whole key and a filter",
        "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta' AND Year > 2005", "Query",
        {});
    row("partition key and a filter", "SELECT * FROM Music WHERE Artist = 'Acme' AND Year >= 2002",
        "Query", {"Beta", "Gamma"});
    row("partition key and <>", "SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle <> 'Beta'",
        "Query", {"Alpha", "Gamma"});
    row("no WHERE", "SELECT * FROM Music", "Scan", {"Alpha", "Beta", "Gamma", "Alpha", "Omega"});
    row("sort key only", "SELECT * FROM Music WHERE SongTitle = 'Alpha'", "Scan",
        {"Alpha", "Alpha"});
    row("OR of partition keys", "SELECT * FROM Music WHERE Artist = 'Zed' OR Artist = 'Nobody'",
        "Query", {"Alpha", "Omega"});
    row("IN on the partition key", "SELECT * FROM Music WHERE Artist IN ['Zed', 'Acme']", "Query",
        {"Alpha", "Omega", "Alpha", "Beta", "Gamma"});
    row("IN on the partition key, whole key",
        "SELECT * FROM Music WHERE Artist IN ('Acme', 'Zed') AND SongTitle = 'Alpha'", "GetItem",
        {"Alpha", "Alpha"});
    row("OR of partition keys and something else",
        "SELECT * FROM Music WHERE Artist = 'Zed' OR Year = 2001", "Scan",
        {"Alpha", "Alpha", "Omega"});
    row("IN", "SELECT * FROM Music WHERE Year IN [1999, 2003]", "Scan", {"Gamma", "Alpha"});
    row("NOT IN", "SELECT * FROM Music WHERE Year NOT IN (1999, 2003, 2010)", "Scan",
        {"Alpha", "Beta"});
    row("NOT", "SELECT * FROM Music WHERE NOT (AlbumTitle = 'First')", "Scan",
        {"Gamma", "Alpha", "Omega"});
    row("NOT BETWEEN", "SELECT * FROM Music WHERE Year NOT BETWEEN 2000 AND 2005", "Scan",
        {"Alpha", "Omega"});
    row("contains", "SELECT * FROM Music WHERE contains(SongTitle, 'mm')", "Scan", {"Gamma"});
    row("attribute_exists", "SELECT * FROM Music WHERE attribute_exists(m.z)", "Scan", {"Omega"});
    row("attribute_not_exists", "SELECT * FROM Music WHERE attribute_not_exists(m)", "Scan",
        {"Alpha", "Beta", "Gamma", "Alpha"});
    row("IS MISSING", "SELECT * FROM Music WHERE l IS MISSING AND Artist = 'Zed'", "Query",
        {"Alpha"});
    row("IS NOT MISSING", "SELECT * FROM Music WHERE l[1] IS NOT MISSING", "Scan", {"Omega"});
    row("attribute_type", "SELECT * FROM Music WHERE attribute_type(m, 'M')", "Scan", {"Omega"});
    row("size", "SELECT * FROM Music WHERE size(SongTitle) = 4", "Scan", {"Beta"});
    row("nested path", "SELECT * FROM Music WHERE m.k[1] = 'k1' AND m.z < 30", "Scan", {"Omega"});
    row("quoted names", "SELECT * FROM \"Music\" WHERE \"Artist\" = 'Zed' AND \"Year\" <= 1999",
        "Query", {"Alpha"});
    row("lower case keywords", "select * from Music where Artist = 'Zed' and SongTitle = 'Omega';",
        "GetItem", {"Omega"});
    row("ORDER BY DESC", "SELECT * FROM Music WHERE Artist = 'Acme' ORDER BY SongTitle DESC",
        "Query", {"Gamma", "Beta", "Alpha"});
    row("ORDER BY ASC",
        "SELECT * FROM Music WHERE Artist = 'Acme' AND Year > 2001 ORDER BY Artist, SongTitle ASC",
        "Query", {"Beta", "Gamma"});
    row("comments", "SELECT * /* all */ FROM Music -- the table\n WHERE Artist = 'Zed'", "Query",
        {"Alpha", "Omega"});
}

void PartiqlTest::selectChoosesTheOperation() {
    QFETCH(QString, statement);
    QFETCH(QString, operation);
    QFETCH(QStringList, titles);
    auto parsed = partiql::parseStatement(statement.toStdString(), Json());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    auto table = harness_->engine().table("Music");
    QVERIFY(table != nullptr);
    auto translation = partiql::translateStatement(*parsed, *table);
    QVERIFY2(translation.ok(), translation.ok() ? "" : translation.error().message.c_str());
    QCOMPARE(QString::fromStdString(translation->operation), operation);

    auto result = execute(statement.toStdString());
    QVERIFY_OK(result);
    QStringList got;
    for (const Json& item : (*result)["Items"])
        got << QString::fromStdString(item["SongTitle"]["S"].get<std::string>());
    // A Scan's order is the order of the partitions' hashes; compare its items as a set.
    if (operation == "Scan") {
        got.sort();
        titles.sort();
    }
    QCOMPARE(got, titles);
    QVERIFY(!result->contains("NextToken"));
}

void PartiqlTest::selectCapacityEqualsTheEquivalentOperation() {
    // Each SELECT against the request it stands for, written by hand, both with TOTAL capacity.
    struct Case {
        const char* statement;
        const char* operation;
        Json request;
    };
    const Json capacity = {{"ReturnConsumedCapacity", "TOTAL"}};
    Json bigItem = itemOfSize(song("Big", "One", "Huge", 1), 9000);
    put(bigItem);
    const std::vector<Case> cases = {
        {"SELECT * FROM Music WHERE Artist = 'Big' AND SongTitle = 'One'",
         "GetItem",
         {{"TableName", "Music"}, {"Key", {{"Artist", S("Big")}, {"SongTitle", S("One")}}}}},
        {"SELECT Year FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta'",
         "GetItem",
         {{"TableName", "Music"},
          {"Key", {{"Artist", S("Acme")}, {"SongTitle", S("Beta")}}},
          {"ProjectionExpression", "#y"},
          {"ExpressionAttributeNames", {{"#y", "Year"}}}}},
        {"SELECT * FROM Music WHERE Artist = 'Acme' AND Year > 2001",
         "Query",
         {{"TableName", "Music"},
          {"KeyConditionExpression", "Artist = :a"},
          {"FilterExpression", "#y > :y"},
          {"ExpressionAttributeNames", {{"#y", "Year"}}},
          {"ExpressionAttributeValues", {{":a", S("Acme")}, {":y", N("2001")}}}}},
        {"SELECT * FROM Music WHERE Year > 2001",
         "Scan",
         {{"TableName", "Music"},
          {"FilterExpression", "#y > :y"},
          {"ExpressionAttributeNames", {{"#y", "Year"}}},
          {"ExpressionAttributeValues", {{":y", N("2001")}}}}},
    };
    for (const Case& c : cases) {
        for (bool consistent : {false, true}) {
            Json direct = c.request;
            direct["ReturnConsumedCapacity"] = "TOTAL";
            Json extra = capacity;
            if (consistent) {
                direct["ConsistentRead"] = true;
                extra["ConsistentRead"] = true;
            }
            auto expected = harness_->call(c.operation, direct);
            QVERIFY_OK(expected);
            auto got = execute(c.statement, extra);
            QVERIFY_OK(got);
            QCOMPARE_JSON((*got)["ConsumedCapacity"], (*expected)["ConsumedCapacity"]);
            QVERIFY((*got)["ConsumedCapacity"]["CapacityUnits"].get<double>() > 0);
        }
    }
    // The 9,000-byte item: 3 units eventually consistent (1.5), 3 strongly.
    auto big = execute("SELECT * FROM Music WHERE Artist = 'Big' AND SongTitle = 'One'",
                       {{"ReturnConsumedCapacity", "TOTAL"}, {"ConsistentRead", true}});
    QVERIFY_OK(big);
    QCOMPARE_JSON((*big)["ConsumedCapacity"],
                  Json({{"TableName", "Music"}, {"CapacityUnits", 3.0}}));
    QCOMPARE_JSON((*big)["Items"], Json::array({bigItem}));
    // Without ReturnConsumedCapacity there is none.
    auto plain = execute("SELECT * FROM Music WHERE Artist = 'Big' AND SongTitle = 'One'");
    QVERIFY_OK(plain);
    QVERIFY(!plain->contains("ConsumedCapacity"));
}

void PartiqlTest::projectionShowsNestedPathsUnderTheirLastName() {
    QCOMPARE_JSON(
        items("SELECT m.k[1], l[0], m.z, Year, absent FROM Music WHERE Artist = 'Zed' "
              "AND SongTitle = 'Omega'"),
        Json::array({{{"k[1]", S("k1")}, {"l[0]", N("10")}, {"z", N("26")}, {"Year", N("2010")}}}));
    QCOMPARE_JSON(items("SELECT absent FROM Music WHERE Artist = 'Zed' AND SongTitle = 'Omega'"),
                  Json::array({Json::object()}));
    QCOMPARE_JSON(items("SELECT SongTitle FROM Music WHERE Artist = 'Acme' AND Year < 2003"),
                  Json::array({{{"SongTitle", S("Alpha")}}, {{"SongTitle", S("Beta")}}}));
}

void PartiqlTest::parametersFillTheQuestionMarks() {
    QCOMPARE_JSON(items("SELECT SongTitle FROM Music WHERE Artist = ? AND Year BETWEEN ? AND ?",
                        {{"Parameters", {S("Acme"), N("2002"), N("2003")}}}),
                  Json::array({{{"SongTitle", S("Beta")}}, {{"SongTitle", S("Gamma")}}}));
    // Extra values are ignored; a ? in a string is text.
    QCOMPARE_JSON(items("SELECT SongTitle FROM Music WHERE Artist = ? AND SongTitle <> '?'",
                        {{"Parameters", {S("Zed"), S("unused")}}}),
                  Json::array({{{"SongTitle", S("Alpha")}}, {{"SongTitle", S("Omega")}}}));
    QVERIFY_OK(execute("INSERT INTO Counters VALUE {'id': ?, 'tags': ?, 'm': ?}",
                       {{"Parameters", {N("7"), {{"SS", {"a", "b"}}}, {{"M", {{"x", N("1")}}}}}}}));
    QCOMPARE_JSON(
        items("SELECT * FROM Counters WHERE id = 7"),
        Json::array(
            {{{"id", N("7")}, {"tags", {{"SS", {"a", "b"}}}}, {"m", {{"M", {{"x", N("1")}}}}}}}));
    QVERIFY_OK(execute("INSERT INTO Counters VALUE ?",
                       {{"Parameters", {{{"M", {{"id", N("8")}, {"v", S("whole")}}}}}}}));
    QCOMPARE_JSON(items("SELECT v FROM Counters WHERE id = 8"), Json::array({{{"v", S("whole")}}}));
}

void PartiqlTest::indexReads() {
    auto parsed =
        partiql::parseStatement("SELECT * FROM Music.byAlbum WHERE AlbumTitle = 'Second'", Json());
    QVERIFY(parsed.ok());
    auto translation = partiql::translateStatement(*parsed, *harness_->engine().table("Music"));
    QVERIFY(translation.ok());
    QCOMPARE(QString::fromStdString(translation->operation), QString("Query"));
    QCOMPARE_JSON(translation->request["IndexName"], Json("byAlbum"));

    QStringList titles;
    for (const Json& item :
         items("SELECT SongTitle FROM \"Music\".\"byAlbum\" WHERE AlbumTitle = 'Second'"))
        titles << QString::fromStdString(item["SongTitle"]["S"].get<std::string>());
    titles.sort();
    QCOMPARE(titles, QStringList({"Alpha", "Gamma"}));
    QCOMPARE(items("SELECT * FROM Music.byAlbum WHERE Year > 2000").size(), size_t(4));
    QCOMPARE_VALIDATION(execute("SELECT * FROM Music.byAlbum WHERE AlbumTitle = 'Second'",
                                {{"ConsistentRead", true}}),
                        "Strongly consistent read is not supported on Global Secondary Indexes");
}

void PartiqlTest::pagingWithLimitAndNextToken() {
    const std::string scan = "SELECT SongTitle FROM Music WHERE Year > 2000";
    QStringList titles;
    Json request = {{"Limit", 2}};
    int pages = 0;
    while (true) {
        auto page = execute(scan, request);
        QVERIFY_OK(page);
        ++pages;
        for (const Json& item : (*page)["Items"])
            titles << QString::fromStdString(item["SongTitle"]["S"].get<std::string>());
        if (!page->contains("NextToken")) break;
        QVERIFY(page->contains("LastEvaluatedKey"));
        request["NextToken"] = (*page)["NextToken"];
        // A token of one statement is refused by another.
        QCOMPARE_VALIDATION(execute("SELECT * FROM Music", request),
                            "NextToken does not match request");
        QVERIFY(pages < 10);
    }
    // Five items, two read per page: Limit counts the items read, the filter drops one.
    QCOMPARE(pages, 3);
    titles.sort();
    QCOMPARE(titles, QStringList({"Alpha", "Beta", "Gamma", "Omega"}));
    QCOMPARE_VALIDATION(execute(scan, {{"NextToken", "not a token"}}), "Invalid NextToken");
}

void PartiqlTest::insertAndDuplicateKey() {
    auto inserted = execute(
        "INSERT INTO \"Music\" VALUE {'Artist': 'New', 'SongTitle': 'Song', 'n': 1.50, "
        "'b': true, 'z': null, 'l': [1, 'a', [2]], 'm': {'x': {'y': -3}}, 'ss': <<'q', 'r'>>, "
        "'ns': <<1, 2>>}");
    QVERIFY_OK(inserted);
    QCOMPARE_JSON(*inserted, Json({{"Items", Json::array()}}));
    QCOMPARE_JSON(items("SELECT * FROM Music WHERE Artist = 'New' AND SongTitle = 'Song'"),
                  Json::array({{{"Artist", S("New")},
                                {"SongTitle", S("Song")},
                                {"n", N("1.5")},
                                {"b", {{"BOOL", true}}},
                                {"z", {{"NULL", true}}},
                                {"l", {{"L", {N("1"), S("a"), {{"L", {N("2")}}}}}}},
                                {"m", {{"M", {{"x", {{"M", {{"y", N("-3")}}}}}}}}},
                                {"ss", {{"SS", {"q", "r"}}}},
                                {"ns", {{"NS", {"1", "2"}}}}}}));
    QCOMPARE_ERROR(execute("INSERT INTO Music VALUE {'Artist': 'New', 'SongTitle': 'Song'}"),
                   "DuplicateItemException", "Duplicate primary key exists in table");
    QCOMPARE_ERROR(execute("INSERT INTO Nope VALUE {'a': 1}"), "ResourceNotFoundException",
                   "Requested resource not found");
}

void PartiqlTest::updateActionsAndReturning() {
    QVERIFY_OK(
        execute("INSERT INTO Counters VALUE {'id': 1, 'n': 5, 'l': [1], 's': <<'a', 'b'>>, "
                "'gone': 'x', 'm': {'k': 1}}"));
    auto updated = execute(
        "UPDATE Counters SET n = n + 2, l = list_append(l, [2, 3]) SET m.k = 'v' "
        "SET s = set_add(s, <<'c'>>) REMOVE gone WHERE id = 1 RETURNING ALL NEW *");
    QVERIFY_OK(updated);
    QCOMPARE_JSON((*updated)["Items"], Json::array({{{"id", N("1")},
                                                     {"n", N("7")},
                                                     {"l", {{"L", {N("1"), N("2"), N("3")}}}},
                                                     {"s", {{"SS", {"a", "b", "c"}}}},
                                                     {"m", {{"M", {{"k", S("v")}}}}}}}));
    auto modified = execute(
        "UPDATE Counters SET s = set_delete(s, <<'a'>>), n = n - 1 WHERE id = 1 "
        "RETURNING MODIFIED OLD *");
    QVERIFY_OK(modified);
    QCOMPARE_JSON((*modified)["Items"],
                  Json::array({{{"n", N("7")}, {"s", {{"SS", {"a", "b", "c"}}}}}}));
    auto newValues = execute("UPDATE Counters SET n = 1 WHERE id = 1 RETURNING MODIFIED NEW *");
    QVERIFY_OK(newValues);
    QCOMPARE_JSON((*newValues)["Items"], Json::array({{{"n", N("1")}}}));
    auto old = execute("UPDATE Counters SET n = 2 WHERE id = 1 RETURNING ALL OLD *");
    QVERIFY_OK(old);
    QCOMPARE((*old)["Items"][0]["n"], N("1"));
    QCOMPARE_JSON(*execute("UPDATE Counters SET n = 3 WHERE id = 1"),
                  Json({{"Items", Json::array()}}));
    // A further condition in the WHERE must hold.
    QCOMPARE_ERROR(execute("UPDATE Counters SET n = 4 WHERE id = 1 AND n > 100"),
                   "ConditionalCheckFailedException", "The conditional request failed");
    QCOMPARE_JSON(items("SELECT n FROM Counters WHERE id = 1"), Json::array({{{"n", N("3")}}}));
    QVERIFY_OK(execute("UPDATE Counters SET n = 4 WHERE id = 1 AND n = 3 AND m.k IS NOT MISSING"));
    QCOMPARE_JSON(items("SELECT n FROM Counters WHERE id = 1"), Json::array({{{"n", N("4")}}}));
    // The engine's own rules still apply: a key attribute cannot change.
    QCOMPARE_VALIDATION(execute("UPDATE Counters SET id = 2 WHERE id = 1"),
                        "One or more parameter values were invalid: Cannot update attribute id. "
                        "This attribute is part of the key");
}

void PartiqlTest::updateOfAMissingItemFails() {
    QCOMPARE_ERROR(execute("UPDATE Counters SET n = 1 WHERE id = 99"),
                   "ConditionalCheckFailedException", "The conditional request failed");
    QCOMPARE_JSON(items("SELECT * FROM Counters WHERE id = 99"), Json::array());
}

void PartiqlTest::deleteByFullKey() {
    auto deleted = execute(
        "DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta' RETURNING ALL OLD *");
    QVERIFY_OK(deleted);
    QCOMPARE_JSON((*deleted)["Items"], Json::array({song("Acme", "Beta", "First", 2002)}));
    QCOMPARE_JSON(items("SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta'"),
                  Json::array());
    // A missing item is no error; a failed further condition is.
    QCOMPARE_JSON(*execute("DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta'"),
                  Json({{"Items", Json::array()}}));
    QCOMPARE_ERROR(execute("DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Gamma' AND "
                           "Year = 1"),
                   "ConditionalCheckFailedException", "The conditional request failed");
    QVERIFY_OK(
        execute("DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Gamma' AND "
                "Year = 2003"));
    QCOMPARE(items("SELECT * FROM Music WHERE Artist = 'Acme'").size(), size_t(1));
}

void PartiqlTest::writeCapacityEqualsTheEquivalentOperation() {
    const Json total = {{"ReturnConsumedCapacity", "TOTAL"}};
    Json big = itemOfSize(Json{{"id", N("1")}}, 2500);
    Json twin = big;
    twin["id"] = N("2");
    auto direct = harness_->call(
        "PutItem",
        Json{{"TableName", "Counters"}, {"Item", twin}, {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(direct);
    auto inserted = execute("INSERT INTO Counters VALUE ?",
                            {{"Parameters", {{{"M", big}}}}, {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(inserted);
    QCOMPARE_JSON((*inserted)["ConsumedCapacity"], (*direct)["ConsumedCapacity"]);
    QCOMPARE_JSON((*inserted)["ConsumedCapacity"],
                  Json({{"TableName", "Counters"}, {"CapacityUnits", 3.0}}));

    auto directUpdate =
        harness_->call("UpdateItem", Json{{"TableName", "Counters"},
                                          {"Key", {{"id", N("2")}}},
                                          {"UpdateExpression", "SET n = :n"},
                                          {"ExpressionAttributeValues", {{":n", N("1")}}},
                                          {"ReturnConsumedCapacity", "INDEXES"}});
    QVERIFY_OK(directUpdate);
    auto updated =
        execute("UPDATE Counters SET n = 1 WHERE id = 1", {{"ReturnConsumedCapacity", "INDEXES"}});
    QVERIFY_OK(updated);
    QCOMPARE_JSON((*updated)["ConsumedCapacity"], (*directUpdate)["ConsumedCapacity"]);

    auto directDelete = harness_->call("DeleteItem", Json{{"TableName", "Counters"},
                                                          {"Key", {{"id", N("2")}}},
                                                          {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(directDelete);
    auto deleted = execute("DELETE FROM Counters WHERE id = 1", total);
    QVERIFY_OK(deleted);
    QCOMPARE_JSON((*deleted)["ConsumedCapacity"], (*directDelete)["ConsumedCapacity"]);
    QCOMPARE((*deleted)["ConsumedCapacity"]["CapacityUnits"].get<double>(), 3.0);
}

void PartiqlTest::randomStatementsAnswerWithoutInternalErrors() {
    // Statements put together from the language's words, valid ones and every kind of
    // broken one: each is answered with a result or a DynamoDB error, never a crash or an
    // InternalServerError.
    const std::vector<std::string> words = {"SELECT",
                                            "INSERT",
                                            "INTO",
                                            "VALUE",
                                            "UPDATE",
                                            "DELETE",
                                            "FROM",
                                            "WHERE",
                                            "SET",
                                            "REMOVE",
                                            "RETURNING",
                                            "ALL",
                                            "MODIFIED",
                                            "NEW",
                                            "OLD",
                                            "*",
                                            "AND",
                                            "OR",
                                            "NOT",
                                            "BETWEEN",
                                            "IN",
                                            "IS",
                                            "MISSING",
                                            "EXISTS",
                                            "(",
                                            ")",
                                            "[",
                                            "]",
                                            "{",
                                            "}",
                                            "<<",
                                            ">>",
                                            ",",
                                            ".",
                                            ":",
                                            ";",
                                            "=",
                                            "<>",
                                            "<",
                                            "<=",
                                            ">",
                                            ">=",
                                            "+",
                                            "-",
                                            "?",
                                            "Music",
                                            "\"Music\"",
                                            "Counters",
                                            "byAlbum",
                                            "Artist",
                                            "SongTitle",
                                            "Year",
                                            "id",
                                            "m",
                                            "l",
                                            "'Acme'",
                                            "'Zed'",
                                            "'Alpha'",
                                            "1",
                                            "2003",
                                            "-4.5",
                                            "1e3",
                                            "TRUE",
                                            "NULL",
                                            "begins_with",
                                            "contains",
                                            "size",
                                            "attribute_exists",
                                            "attribute_type",
                                            "list_append",
                                            "set_add",
                                            "set_delete",
                                            "'",
                                            "\"",
                                            "--",
                                            "/*"};
    const std::vector<std::string> starts = {
        "SELECT * FROM Music WHERE ",
        "SELECT Year, m.k[1] FROM Music WHERE Artist = 'Acme' AND ",
        "UPDATE Music SET ",
        "DELETE FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Alpha' AND ",
        "INSERT INTO Counters VALUE {'id': ",
        "UPDATE Counters SET n = n + 1 WHERE id = ",
        ""};
    Random random(24);
    int answered = 0, failed = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string statement = starts[size_t(random.uniform() * double(starts.size()))];
        const int length = 1 + int(random.uniform() * 12);
        for (int w = 0; w < length; ++w)
            statement += words[size_t(random.uniform() * double(words.size()))] + " ";
        Json request = {{"Statement", statement.empty() ? std::string("?") : statement}};
        if (random.uniform() < 0.5) request["Parameters"] = Json::array({S("Acme"), N("3")});
        if (random.uniform() < 0.3) request["Limit"] = 1;
        auto result = harness_->call("ExecuteStatement", request);
        if (!result) {
            QVERIFY2(result.error().type != ErrorType::InternalServer,
                     (statement + " -> " + result.error().message).c_str());
            ++failed;
        } else {
            QVERIFY2((*result)["Items"].is_array(), statement.c_str());
            ++answered;
        }
    }
    QVERIFY(answered > 0 && failed > 0);
}

QTEST_GUILESS_MAIN(PartiqlTest)
#include "test_partiql.moc"
