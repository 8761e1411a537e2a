// PartiQL's BatchExecuteStatement and ExecuteTransaction through dispatch(), and the
// three operations' request shapes: per-statement responses and errors, the read/write and
// key rules, all-or-nothing transactions with DynamoDB's cancellation reasons, idempotency,
// and capacity.
#include <QTest>

#include "partiql_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class PartiqlBatchTest : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void requestShape();
    void batchReads();
    void batchWrites();
    void transactionWrites();
    void transactionReads();
    void transactionToken();
    void conditionFailureReturnsTheItem();

  private:
    Json items(const std::string& statement) { return statementItems(*harness_, statement); }

    std::unique_ptr<EngineHarness> harness_;
};

void PartiqlBatchTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(openMusicAndCounters(*harness_), harness_->error().c_str());
}

void PartiqlBatchTest::requestShape() {
    QCOMPARE_VALIDATION(harness_->call("ExecuteStatement", Json::object()),
                        "1 validation error detected: Value null at 'statement' failed to satisfy "
                        "constraint: Member must not be null");
    QCOMPARE_VALIDATION(harness_->call("ExecuteStatement", Json{{"Statement", ""}}),
                        "1 validation error detected: Value '' at 'statement' failed to satisfy "
                        "constraint: Member must have length greater than or equal to 1");
    QCOMPARE_VALIDATION(
        harness_->call("ExecuteStatement",
                       Json{{"Statement", "SELECT * FROM Music"}, {"Limit", 0}}),
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
    Json many = Json::array();
    for (int i = 0; i < 26; ++i)
        many.push_back({{"Statement", "SELECT * FROM Counters WHERE id = 1"}});
    auto tooMany = harness_->call("BatchExecuteStatement", Json{{"Statements", many}});
    QVERIFY(!tooMany.ok());
    QVERIFY2(tooMany.error().message.find("Member must have length less than or equal to 25") !=
                 std::string::npos,
             tooMany.error().message.c_str());
    Json hundredOne = Json::array();
    for (int i = 0; i < 101; ++i)
        hundredOne.push_back(
            {{"Statement", "DELETE FROM Counters WHERE id = " + std::to_string(i)}});
    auto tooLong = harness_->call("ExecuteTransaction", Json{{"TransactStatements", hundredOne}});
    QVERIFY(!tooLong.ok());
    QVERIFY2(tooLong.error().message.find("Member must have length less than or equal to 100") !=
                 std::string::npos,
             tooLong.error().message.c_str());
}

void PartiqlBatchTest::batchReads() {
    Json statements = Json::array(
        {{{"Statement", "SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?"},
          {"Parameters", {S("Acme"), S("Alpha")}}},
         {{"Statement", "SELECT Year FROM Music WHERE Artist = 'Zed' AND SongTitle = 'Alpha'"},
          {"ConsistentRead", true}},
         {{"Statement", "SELECT * FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'x'"}},
         {{"Statement", "SELECT * FROM Music WHERE Artist = 'Acme'"}},
         {{"Statement", "SELECT * FROM Music.byAlbum WHERE AlbumTitle = 'First'"}},
         {{"Statement", "SELECT * FROM Nope WHERE a = 1"}},
         {{"Statement", "SELEKT"}}});
    auto result =
        harness_->call("BatchExecuteStatement",
                       Json{{"Statements", statements}, {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(result);
    const std::string keyNeeded =
        "Select statements within BatchExecuteStatement must specify the primary key in the "
        "where clause.";
    QCOMPARE_JSON(
        (*result)["Responses"],
        Json::array(
            {{{"TableName", "Music"}, {"Item", song("Acme", "Alpha", "First", 2001)}},
             {{"TableName", "Music"}, {"Item", {{"Year", N("1999")}}}},
             {{"TableName", "Music"}},
             {{"TableName", "Music"},
              {"Error", {{"Code", "ValidationError"}, {"Message", keyNeeded}}}},
             {{"TableName", "Music"},
              {"Error", {{"Code", "ValidationError"}, {"Message", keyNeeded}}}},
             {{"TableName", "Nope"},
              {"Error",
               {{"Code", "ResourceNotFound"}, {"Message", "Requested resource not found"}}}},
             {{"Error",
               {{"Code", "ValidationError"},
                {"Message", malformed("Expected data manipulation")}}}}}));
    // Capacity: the three GetItems' (0.5 + 1 + 0.5) on one table.
    QCOMPARE_JSON((*result)["ConsumedCapacity"],
                  Json::array({{{"TableName", "Music"}, {"CapacityUnits", 2.0}}}));

    Json mixed = Json::array({{{"Statement", "SELECT * FROM Counters WHERE id = 1"}},
                              {{"Statement", "DELETE FROM Counters WHERE id = 1"}}});
    QCOMPARE_VALIDATION(harness_->call("BatchExecuteStatement", Json{{"Statements", mixed}}),
                        "BatchExecuteStatement API does not support both read and write "
                        "operations in the same request.");
}

void PartiqlBatchTest::batchWrites() {
    QVERIFY_OK(harness_->call(
        "PutItem", Json{{"TableName", "Counters"}, {"Item", itemOfSize({{"id", N("9")}}, 2500)}}));
    Json statements = Json::array(
        {{{"Statement", "INSERT INTO Counters VALUE {'id': 1, 'n': 0}"}},
         {{"Statement", "INSERT INTO Counters VALUE {'id': 2, 'n': 0}"}},
         {{"Statement", "INSERT INTO Music VALUE {'Artist': 'Acme', 'SongTitle': 'Alpha'}"}},
         {{"Statement", "UPDATE Counters SET n = n + 1 WHERE id = 2 RETURNING ALL NEW *"}},
         {{"Statement", "UPDATE Counters SET n = 1 WHERE id = 3"}},
         {{"Statement", "DELETE FROM Music WHERE Artist = 'Zed' AND SongTitle = 'Alpha'"}},
         {{"Statement", "DELETE FROM Counters WHERE id = 1 AND n = 5"}},
         {{"Statement", "INSERT INTO Counters VALUE {'id': 9}"}}});
    auto result =
        harness_->call("BatchExecuteStatement",
                       Json{{"Statements", statements}, {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(result);
    const Json conditional = {{"Code", "ConditionalCheckFailed"},
                              {"Message", "The conditional request failed"}};
    QCOMPARE_JSON(
        (*result)["Responses"],
        Json::array(
            {{{"TableName", "Counters"}},
             {{"TableName", "Counters"}},
             {{"TableName", "Music"},
              {"Error",
               {{"Code", "DuplicateItem"}, {"Message", "Duplicate primary key exists in table"}}}},
             {{"TableName", "Counters"}},
             {{"TableName", "Counters"}, {"Error", conditional}},
             {{"TableName", "Music"}},
             {{"TableName", "Counters"}, {"Error", conditional}},
             {{"TableName", "Counters"},
              {"Error",
               {{"Code", "DuplicateItem"},
                {"Message", "Duplicate primary key exists in table"}}}}}));
    QCOMPARE_JSON(items("SELECT * FROM Counters WHERE id = 2"),
                  Json::array({{{"id", N("2")}, {"n", N("1")}}}));
    QCOMPARE_JSON(items("SELECT * FROM Music WHERE Artist = 'Zed' AND SongTitle = 'Alpha'"),
                  Json::array());
    // Each statement charged as its operation: Counters 2 inserts and 1 update (1 unit each);
    // Music 1 delete with its index entry (2 units). A failed condition still costs a write
    // (AWS, "Capacity units consumed by conditional writes"): 1 unit for the missing id 3, 1 for
    // the small id 1 and for Music's small Acme/Alpha, 3 for the 2,500-byte id 9.
    QCOMPARE_JSON((*result)["ConsumedCapacity"],
                  Json::array({{{"TableName", "Counters"}, {"CapacityUnits", 8.0}},
                               {{"TableName", "Music"}, {"CapacityUnits", 3.0}}}));
}

void PartiqlBatchTest::transactionWrites() {
    Json statements = Json::array(
        {{{"Statement", "INSERT INTO Counters VALUE {'id': 1, 'n': 0}"}},
         {{"Statement",
           "UPDATE Music SET plays = 1 WHERE Artist = 'Acme' AND SongTitle = 'Alpha'"}},
         {{"Statement", "DELETE FROM Music WHERE Artist = 'Zed' AND SongTitle = 'Alpha'"}},
         {{"Statement",
           "EXISTS(SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta' AND Year = "
           "2002)"}}});
    auto committed = harness_->call(
        "ExecuteTransaction",
        Json{{"TransactStatements", statements}, {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(committed);
    QVERIFY(!committed->contains("Responses"));
    QCOMPARE(items("SELECT * FROM Counters WHERE id = 1").size(), size_t(1));
    QCOMPARE_JSON(items("SELECT plays FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Alpha'"),
                  Json::array({{{"plays", N("1")}}}));
    // The equivalent TransactWriteItems' capacity.
    QCOMPARE_JSON(
        (*committed)["ConsumedCapacity"],
        Json::array(
            {{{"TableName", "Counters"}, {"CapacityUnits", 2.0}, {"WriteCapacityUnits", 2.0}},
             {{"TableName", "Music"},
              {"CapacityUnits", 10.0},
              {"ReadCapacityUnits", 2.0},
              {"WriteCapacityUnits", 8.0}}}));

    // A duplicate key cancels everything, reported as DuplicateItem.
    Json failing =
        Json::array({{{"Statement",
                       "UPDATE Music SET plays = 2 WHERE Artist = 'Acme' AND SongTitle = 'Alpha'"}},
                     {{"Statement", "INSERT INTO Counters VALUE {'id': 1}"}}});
    auto cancelled = harness_->call("ExecuteTransaction", Json{{"TransactStatements", failing}});
    QCOMPARE_ERROR(cancelled, "TransactionCanceledException",
                   "Transaction cancelled, please refer cancellation reasons for specific reasons "
                   "[None, DuplicateItem]");
    QCOMPARE_JSON(Json::parse(cancelled.error().extraJson),
                  Json({{"CancellationReasons",
                         {{{"Code", "None"}},
                          {{"Code", "DuplicateItem"},
                           {"Message", "Duplicate primary key exists in table"}}}}}));
    QCOMPARE_JSON(items("SELECT n FROM Counters WHERE id = 1"), Json::array({{{"n", N("0")}}}));
    QCOMPARE_JSON(items("SELECT plays FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Alpha'"),
                  Json::array({{{"plays", N("1")}}}));

    // A false EXISTS cancels as a failed condition.
    Json exists = Json::array({{{"Statement", "UPDATE Counters SET n = 5 WHERE id = 1"}},
                               {{"Statement",
                                 "EXISTS(SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = "
                                 "'Beta' AND Year = 1)"}}});
    QCOMPARE_ERROR(harness_->call("ExecuteTransaction", Json{{"TransactStatements", exists}}),
                   "TransactionCanceledException",
                   "Transaction cancelled, please refer cancellation reasons for specific reasons "
                   "[None, ConditionalCheckFailed]");
    auto rule = [&](const char* first, const char* second, const std::string& message) {
        Json pair = Json::array({{{"Statement", first}}, {{"Statement", second}}});
        QCOMPARE_VALIDATION(
            harness_->call("ExecuteTransaction", Json{{"TransactStatements", pair}}), message);
    };
    rule("SELECT * FROM Counters WHERE id = 1", "DELETE FROM Counters WHERE id = 1",
         "ExecuteTransaction API does not support both read and write operations in the same "
         "request.");
    rule("DELETE FROM Counters WHERE id = 1", "UPDATE Counters SET n = 1 WHERE id = 1",
         "Transaction request cannot include multiple operations on one item");
    rule("DELETE FROM Counters WHERE id = 1",
         "EXISTS(SELECT * FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta')",
         "EXISTS() must contain a single item read with additional condition");
    rule("DELETE FROM Counters WHERE id = 1 RETURNING ALL OLD *",
         "DELETE FROM Counters WHERE id = 2", "RETURNING is not supported in ExecuteTransaction");
}

void PartiqlBatchTest::transactionReads() {
    Json statements = Json::array(
        {{{"Statement",
           "SELECT SongTitle, Year FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Beta'"}},
         {{"Statement", "SELECT * FROM Counters WHERE id = ?"}, {"Parameters", {N("5")}}}});
    auto read = harness_->call("ExecuteTransaction", Json{{"TransactStatements", statements},
                                                          {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(read);
    QCOMPARE_JSON(
        (*read)["Responses"],
        Json::array({{{"Item", {{"SongTitle", S("Beta")}, {"Year", N("2002")}}}}, Json::object()}));
    QCOMPARE_JSON(
        (*read)["ConsumedCapacity"],
        Json::array(
            {{{"TableName", "Counters"}, {"CapacityUnits", 2.0}, {"ReadCapacityUnits", 2.0}},
             {{"TableName", "Music"}, {"CapacityUnits", 2.0}, {"ReadCapacityUnits", 2.0}}}));
    auto one = [&](const char* statement, const std::string& message) {
        Json list = Json::array({{{"Statement", statement}}});
        QCOMPARE_VALIDATION(
            harness_->call("ExecuteTransaction", Json{{"TransactStatements", list}}), message);
    };
    one("SELECT * FROM Music WHERE Artist = 'Acme'",
        "Select statements within ExecuteTransaction must specify the primary key in the where "
        "clause.");
    one("SELECT * FROM Music.byAlbum WHERE AlbumTitle = 'First'",
        "Reads on indices are not supported within transactions.");
}

void PartiqlBatchTest::transactionToken() {
    Json statements = Json::array({{{"Statement",
                                     "UPDATE Music SET n = 1 WHERE Artist = 'Acme' AND "
                                     "SongTitle = 'Alpha' AND attribute_not_exists(n)"}}});
    Json request = {{"TransactStatements", statements}, {"ClientRequestToken", "token-1"}};
    QVERIFY_OK(harness_->call("ExecuteTransaction", request));
    // The same request again succeeds without running again (the condition would now fail).
    QVERIFY_OK(harness_->call("ExecuteTransaction", request));
    request["TransactStatements"][0]["Statement"] =
        "UPDATE Music SET n = 2 WHERE Artist = 'Acme' AND SongTitle = 'Alpha'";
    QCOMPARE_ERROR(harness_->call("ExecuteTransaction", request),
                   "IdempotentParameterMismatchException",
                   "Request with the same client request token was already processed with "
                   "different parameters");
    QCOMPARE_JSON(items("SELECT n FROM Music WHERE Artist = 'Acme' AND SongTitle = 'Alpha'"),
                  Json::array({{{"n", N("1")}}}));
}

void PartiqlBatchTest::conditionFailureReturnsTheItem() {
    QVERIFY_OK(harness_->call(
        "PutItem", Json{{"TableName", "Counters"}, {"Item", {{"id", N("1")}, {"n", N("0")}}}}));
    const Json stored = {{"id", N("1")}, {"n", N("0")}};
    const char* update = "UPDATE Counters SET n = 5 WHERE id = 1 AND n = 9";
    auto failed =
        executeStatement(*harness_, update, {{"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
    QCOMPARE_ERROR(failed, "ConditionalCheckFailedException", "The conditional request failed");
    QCOMPARE_JSON(json(failed.error().extraJson), (Json{{"Item", stored}}));
    auto plain = executeStatement(*harness_, update);
    QCOMPARE_ERROR(plain, "ConditionalCheckFailedException", "The conditional request failed");
    QVERIFY(plain.error().extraJson.empty());
    QCOMPARE_ERROR(
        executeStatement(*harness_, update, {{"ReturnValuesOnConditionCheckFailure", "SOME"}}),
        "ValidationException",
        "1 validation error detected: Value 'SOME' at "
        "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
        "satisfy enum value set: [ALL_OLD, NONE]");

    auto batch =
        harness_->call("BatchExecuteStatement",
                       Json{{"Statements",
                             {{{"Statement", "DELETE FROM Counters WHERE id = 1 AND n = 9"},
                               {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}},
                              {{"Statement", update}}}}});
    QVERIFY_OK(batch);
    const Json conditional = {{"Code", "ConditionalCheckFailed"},
                              {"Message", "The conditional request failed"}};
    Json withItem = conditional;
    withItem["Item"] = stored;
    QCOMPARE_JSON((*batch)["Responses"],
                  Json::array({{{"TableName", "Counters"}, {"Error", withItem}},
                               {{"TableName", "Counters"}, {"Error", conditional}}}));

    auto transaction = harness_->call(
        "ExecuteTransaction",
        Json{{"TransactStatements",
              {{{"Statement", update}, {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}},
               {{"Statement", "INSERT INTO Counters VALUE {'id': 2}"}}}}});
    QVERIFY(!transaction);
    const Json reasons = json(transaction.error().extraJson)["CancellationReasons"];
    QCOMPARE_JSON(reasons, Json::array({withItem, {{"Code", "None"}}}));
    QCOMPARE_JSON(items("SELECT * FROM Counters WHERE id = 2"), Json::array());
}

QTEST_GUILESS_MAIN(PartiqlBatchTest)
#include "test_partiql_batches.moc"
