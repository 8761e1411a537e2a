// BatchGetItem, BatchWriteItem, TransactWriteItems, TransactGetItems and Time to Live
// through dispatch(): limits, errors, all-or-nothing and capacity.
#include <QTest>

#include <atomic>
#include <set>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class BatchTransactionsTest : public QObject {
    Q_OBJECT

  private slots:
    void batchWriteAndGet();
    void batchLimitsAndErrors();
    void batchGetReturnsUnprocessedKeysPast16Megabytes();
    void transactWriteCommitsAllWithIndexes();
    void transactWriteCancelsAll();
    void transactWriteRules();
    void clientRequestTokenIsIdempotent();
    void replayedTokenChargesReads();
    void transactGetItems();
    void timeToLive();
};

namespace {

const char* kTable = R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"ALL"}}]})";

Json key(const std::string& pk) {
    return {{"pk", {{"S", pk}}}};
}

Json item(const std::string& pk, const std::string& g, int n = 0) {
    return {{"pk", {{"S", pk}}}, {"g", {{"S", g}}}, {"n", {{"N", std::to_string(n)}}}};
}

Json putRequest(const Json& i) {
    return {{"PutRequest", {{"Item", i}}}};
}

int64_t countIn(EngineHarness& h, const std::string& index, const std::string& g) {
    Json request = {{"TableName", "Tab"},
                    {"IndexName", index},
                    {"KeyConditionExpression", "g = :g"},
                    {"ExpressionAttributeValues", {{":g", {{"S", g}}}}},
                    {"Select", "COUNT"}};
    return (*h.call("Query", request))["Count"].get<int64_t>();
}

Json getItem(EngineHarness& h, const std::string& pk) {
    auto got = h.call("GetItem", Json{{"TableName", "Tab"}, {"Key", key(pk)}});
    return got->value("Item", Json());
}

}  // namespace

void BatchTransactionsTest::batchWriteAndGet() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    Json writes = Json::array();
    for (int i = 0; i < 25; ++i) writes.push_back(putRequest(item(numbered("k", i), "a")));
    auto written = h.call("BatchWriteItem", Json{{"RequestItems", {{"Tab", writes}}},
                                                 {"ReturnConsumedCapacity", "INDEXES"}});
    QVERIFY_OK(written);
    QCOMPARE_JSON((*written)["UnprocessedItems"], Json::object());
    QCOMPARE_JSON((*written)["ConsumedCapacity"], json(R"([{"TableName":"Tab","CapacityUnits":50.0,
                    "Table":{"CapacityUnits":25.0},
                    "GlobalSecondaryIndexes":{"byG":{"CapacityUnits":25.0}}}])"));
    QCOMPARE(countIn(h, "byG", "a"), int64_t(25));

    Json deletes = Json::array();
    for (int i = 0; i < 10; ++i)
        deletes.push_back({{"DeleteRequest", {{"Key", key(numbered("k", i))}}}});
    QVERIFY_OK(h.call("BatchWriteItem", Json{{"RequestItems", {{"Tab", deletes}}}}));
    QCOMPARE(countIn(h, "byG", "a"), int64_t(15));

    auto got = h.call("BatchGetItem", json(R"({"RequestItems":{"Tab":{"Keys":[{"pk":{"S":"k3"}},
        {"pk":{"S":"k12"}},{"pk":{"S":"k20"}}],"ProjectionExpression":"pk, #n",
        "ExpressionAttributeNames":{"#n":"n"},"ConsistentRead":true}},"ReturnConsumedCapacity":"TOTAL"})"));
    QVERIFY_OK(got);
    std::set<std::string> found;
    for (const auto& i : (*got)["Responses"]["Tab"]) {
        QCOMPARE(i.size(), size_t(2));
        found.insert(i["pk"]["S"].get<std::string>());
    }
    QCOMPARE(found, (std::set<std::string>{"k12", "k20"}));  // k3 was deleted
    QCOMPARE_JSON((*got)["UnprocessedKeys"], Json::object());
    // Each key read is one strongly consistent read, whether or not the item exists.
    QCOMPARE_JSON((*got)["ConsumedCapacity"], json(R"([{"TableName":"Tab","CapacityUnits":3.0}])"));
}

void BatchTransactionsTest::batchLimitsAndErrors() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    Json writes = Json::array();
    for (int i = 0; i < 26; ++i) writes.push_back(putRequest(item(numbered("k", i), "a")));
    auto tooMany = h.call("BatchWriteItem", Json{{"RequestItems", {{"Tab", writes}}}});
    QVERIFY(!tooMany.ok());
    QVERIFY(tooMany.error().message.find("Member must have length less than or equal to 25") !=
            std::string::npos);
    QCOMPARE_ERROR(
        h.call("BatchWriteItem", Json{{"RequestItems",
                                       {{"Tab", Json::array({putRequest(item("x", "a")),
                                                             putRequest(item("x", "b"))})}}}}),
        "ValidationException", "Provided list of item keys contains duplicates");
    QCOMPARE_ERROR(h.call("BatchWriteItem",
                          Json{{"RequestItems",
                                {{"Tab", Json::array({putRequest(item("y", "a")),
                                                      putRequest({{"g", {{"S", "a"}}}})})}}}}),
                   "ValidationException", "The provided key element does not match the schema");
    QCOMPARE_ERROR(
        h.call("BatchWriteItem",
               Json{{"RequestItems", {{"Missing", Json::array({putRequest(item("y", "a"))})}}}}),
        "ResourceNotFoundException", "Requested resource not found");
    QVERIFY(getItem(h, "y").is_null());  // a rejected batch writes nothing
    QCOMPARE_ERROR(h.call("BatchWriteItem", json(R"({"RequestItems":{"Tab":[{}]}})")),
                   "ValidationException",
                   "Supplied AttributeValue has more than one datatypes set, must contain exactly "
                   "one of the supported datatypes");

    Json keys = Json::array();
    for (int i = 0; i < 101; ++i) keys.push_back(key(numbered("k", i)));
    auto tooManyKeys = h.call("BatchGetItem", Json{{"RequestItems", {{"Tab", {{"Keys", keys}}}}}});
    QVERIFY(!tooManyKeys.ok());
    QVERIFY(tooManyKeys.error().message.find("Member must have length less than or equal to 100") !=
            std::string::npos);
    QCOMPARE_ERROR(
        h.call("BatchGetItem",
               json(R"({"RequestItems":{"Tab":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"a"}}]}}})")),
        "ValidationException", "Provided list of item keys contains duplicates");
    QCOMPARE_ERROR(
        h.call("BatchGetItem", json(R"({"RequestItems":{"Tab":{"Keys":[{"pk":{"N":"1"}}]}}})")),
        "ValidationException", "The provided key element does not match the schema");
    QCOMPARE_ERROR(h.call("BatchGetItem", json(R"({"RequestItems":{}})")), "ValidationException",
                   "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy "
                   "constraint: Member must have length greater than or equal to 1");
}

// AWS: BatchGetItem returns at most 16 MB; the keys it did not read come back as
// UnprocessedKeys with the request's other parameters, ready to resend.
void BatchTransactionsTest::batchGetReturnsUnprocessedKeysPast16Megabytes() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    Json keys = Json::array();
    for (int i = 0; i < 60; ++i) {
        Json big = itemOfSize(item(numbered("big", i), "a"), 400 * 1024);
        QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", big}}));
        keys.push_back(key(numbered("big", i)));
    }
    Json request = {{"RequestItems", {{"Tab", {{"Keys", keys}, {"ConsistentRead", true}}}}}};
    size_t returned = 0;
    int rounds = 0;
    while (true) {
        auto got = h.call("BatchGetItem", request);
        QVERIFY_OK(got);
        ++rounds;
        const size_t now = (*got)["Responses"]["Tab"].size();
        returned += now;
        if ((*got)["UnprocessedKeys"].empty()) break;
        QCOMPARE((*got)["UnprocessedKeys"]["Tab"]["ConsistentRead"].get<bool>(), true);
        QVERIFY(now * 400 * 1024 <= (16u << 20) + 400 * 1024);
        request["RequestItems"] = (*got)["UnprocessedKeys"];
    }
    QCOMPARE(returned, size_t(60));
    QCOMPARE(rounds, 2);  // 41 items fill 16 MB, the other 19 come in a second call
}

void BatchTransactionsTest::transactWriteCommitsAllWithIndexes() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", item("old", "a", 1)}}));
    QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", item("gone", "a")}}));
    QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", item("chk", "c", 1)}}));
    auto result =
        h.call("TransactWriteItems", json(R"J({"ReturnConsumedCapacity":"INDEXES","TransactItems":[
        {"Put":{"TableName":"Tab","Item":{"pk":{"S":"new"},"g":{"S":"b"}},
          "ConditionExpression":"attribute_not_exists(pk)"}},
        {"Update":{"TableName":"Tab","Key":{"pk":{"S":"old"}},"UpdateExpression":"SET g = :b ADD n :one",
          "ExpressionAttributeValues":{":b":{"S":"b"},":one":{"N":"1"}}}},
        {"Delete":{"TableName":"Tab","Key":{"pk":{"S":"gone"}}}},
        {"ConditionCheck":{"TableName":"Tab","Key":{"pk":{"S":"chk"}},"ConditionExpression":"n = :one",
          "ExpressionAttributeValues":{":one":{"N":"1"}}}}]})J"));
    QVERIFY_OK(result);
    QCOMPARE(countIn(h, "byG", "a"), int64_t(0));
    QCOMPARE(countIn(h, "byG", "b"), int64_t(2));
    QCOMPARE_JSON(getItem(h, "old")["n"], json(R"({"N":"2"})"));
    QVERIFY(getItem(h, "gone").is_null());
    // AWS: transactional requests cost twice. Table: 3 writes + 1 read (condition check);
    // byG: put 1, update moves the key (delete + put) 2, delete 1 = 4 writes.
    QCOMPARE_JSON(
        (*result)["ConsumedCapacity"],
        json(
            R"([{"TableName":"Tab","CapacityUnits":16.0,"ReadCapacityUnits":2.0,"WriteCapacityUnits":14.0,
                    "Table":{"CapacityUnits":8.0,"ReadCapacityUnits":2.0,"WriteCapacityUnits":6.0},
                    "GlobalSecondaryIndexes":{"byG":{"CapacityUnits":8.0,"WriteCapacityUnits":8.0}}}])"));
}

void BatchTransactionsTest::transactWriteCancelsAll() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", item("a", "x", 5)}}));
    auto result = h.call("TransactWriteItems", json(R"({"TransactItems":[
        {"Put":{"TableName":"Tab","Item":{"pk":{"S":"b"},"g":{"S":"x"}}}},
        {"Update":{"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = :n",
          "ConditionExpression":"n = :old","ReturnValuesOnConditionCheckFailure":"ALL_OLD",
          "ExpressionAttributeValues":{":n":{"N":"6"},":old":{"N":"4"}}}},
        {"Put":{"TableName":"Tab","Item":{"pk":{"S":"c"},"g":{"N":"1"}}}}]})"));
    QCOMPARE_ERROR(result, "TransactionCanceledException",
                   "Transaction cancelled, please refer cancellation reasons for specific reasons "
                   "[None, ConditionalCheckFailed, ValidationError]");
    const Json body = errorBody(result.error());
    QCOMPARE_JSON(body["CancellationReasons"][0], json(R"({"Code":"None"})"));
    QCOMPARE_JSON(
        body["CancellationReasons"][1],
        json(R"({"Code":"ConditionalCheckFailed","Message":"The conditional request failed",
                    "Item":{"pk":{"S":"a"},"g":{"S":"x"},"n":{"N":"5"}}})"));
    QCOMPARE_JSON(body["CancellationReasons"][2]["Code"], "ValidationError");
    QVERIFY(getItem(h, "b").is_null());  // nothing was written
    QCOMPARE_JSON(getItem(h, "a")["n"], json(R"({"N":"5"})"));
    QCOMPARE(countIn(h, "byG", "x"), int64_t(1));
}

void BatchTransactionsTest::transactWriteRules() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    QCOMPARE_ERROR(h.call("TransactWriteItems", json(R"({"TransactItems":[
        {"Put":{"TableName":"Tab","Item":{"pk":{"S":"a"}}}},
        {"Delete":{"TableName":"Tab","Key":{"pk":{"S":"a"}}}}]})")),
                   "ValidationException",
                   "Transaction request cannot include multiple operations on one item");
    Json many = Json::array();
    for (int i = 0; i < 101; ++i)
        many.push_back({{"Put", {{"TableName", "Tab"}, {"Item", key(numbered("k", i))}}}});
    auto tooMany = h.call("TransactWriteItems", Json{{"TransactItems", many}});
    QVERIFY(!tooMany.ok());
    QVERIFY(tooMany.error().message.find("Member must have length less than or equal to 100") !=
            std::string::npos);
    Json large = Json::array();
    for (int i = 0; i < 11; ++i)
        large.push_back(
            {{"Put",
              {{"TableName", "Tab"}, {"Item", itemOfSize(key(numbered("big", i)), 390 * 1024)}}}});
    QCOMPARE_ERROR(h.call("TransactWriteItems", Json{{"TransactItems", large}}),
                   "ValidationException", "Transaction request cannot be larger than 4 MB");
    QCOMPARE_ERROR(h.call("TransactWriteItems", json(R"({"TransactItems":[
        {"Put":{"TableName":"Nope","Item":{"pk":{"S":"a"}}}}]})")),
                   "ResourceNotFoundException", "Requested resource not found");
    QCOMPARE_ERROR(h.call("TransactWriteItems", json(R"({"TransactItems":[
        {"Put":{"TableName":"Tab","Item":{"pk":{"S":"a"}}},"Delete":{"TableName":"Tab","Key":{"pk":{"S":"b"}}}}]})")),
                   "ValidationException",
                   "TransactItems can only contain one of Check, Put, Update or Delete");
}

void BatchTransactionsTest::clientRequestTokenIsIdempotent() {
    std::atomic<double> now{1'700'000'000};
    EngineOptions options;
    options.clock = [&now] { return now.load(); };
    EngineHarness h(options);
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    const Json request = json(R"({"ClientRequestToken":"tok-1","TransactItems":[
        {"Update":{"TableName":"Tab","Key":{"pk":{"S":"c"}},"UpdateExpression":"ADD n :one",
          "ExpressionAttributeValues":{":one":{"N":"1"}}}}]})");
    QVERIFY_OK(h.call("TransactWriteItems", request));
    QVERIFY_OK(h.call("TransactWriteItems", request));  // replayed, not applied again
    QCOMPARE_JSON(getItem(h, "c")["n"], json(R"({"N":"1"})"));
    Json different = request;
    different["TransactItems"][0]["Update"]["ExpressionAttributeValues"][":one"]["N"] = "2";
    QCOMPARE_ERROR(h.call("TransactWriteItems", different), "IdempotentParameterMismatchException",
                   "Request with the same client request token was already processed with "
                   "different parameters");
    now = now + 601;  // AWS: a token is valid for 10 minutes
    QVERIFY_OK(h.call("TransactWriteItems", request));
    QCOMPARE_JSON(getItem(h, "c")["n"], json(R"({"N":"2"})"));
}

void BatchTransactionsTest::replayedTokenChargesReads() {
    // AWS: a replay with the same ClientRequestToken returns "the number of read capacity
    // units consumed in reading the item". The item: "pk" + "c" + "s" + 5,000 characters =
    // 5,004 bytes: the write costs 2 x ceil(5,004 / 1,024) = 10 WCU (transactional), each
    // replay ceil(5,004 / 4,096) = 2 RCU (a strongly consistent read, our assumption).
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    const std::string text(5000, 'x');
    Json request = {
        {"ClientRequestToken", "tok-read"},
        {"ReturnConsumedCapacity", "TOTAL"},
        {"TransactItems",
         {{{"Put",
            {{"TableName", "Tab"}, {"Item", {{"pk", {{"S", "c"}}}, {"s", {{"S", text}}}}}}}}}}};
    const double size = 2 + 1 + 1 + 5000;
    const double writeUnits = 2 * std::ceil(size / 1024);
    const double readUnits = std::ceil(size / 4096);
    QCOMPARE(writeUnits, 10.0);
    QCOMPARE(readUnits, 2.0);
    auto first = h.call("TransactWriteItems", request);
    QVERIFY_OK(first);
    QCOMPARE((*first)["ConsumedCapacity"][0]["WriteCapacityUnits"].get<double>(), writeUnits);
    auto replay = h.call("TransactWriteItems", request);
    QVERIFY_OK(replay);
    const Json& consumed = (*replay)["ConsumedCapacity"][0];
    QCOMPARE(consumed["TableName"].get<std::string>(), std::string("Tab"));
    QCOMPARE(consumed["CapacityUnits"].get<double>(), readUnits);
    QCOMPARE(consumed["ReadCapacityUnits"].get<double>(), readUnits);
    QVERIFY(!consumed.contains("WriteCapacityUnits") ||
            consumed["WriteCapacityUnits"].get<double>() == 0);
}

void BatchTransactionsTest::transactGetItems() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    QVERIFY_OK(h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", item("a", "x", 7)}}));
    auto got =
        h.call("TransactGetItems", json(R"({"ReturnConsumedCapacity":"TOTAL","TransactItems":[
        {"Get":{"TableName":"Tab","Key":{"pk":{"S":"a"}},"ProjectionExpression":"n"}},
        {"Get":{"TableName":"Tab","Key":{"pk":{"S":"missing"}}}}]})"));
    QVERIFY_OK(got);
    QCOMPARE_JSON((*got)["Responses"], json(R"([{"Item":{"n":{"N":"7"}}},{}])"));
    QCOMPARE_JSON((*got)["ConsumedCapacity"],
                  json(R"([{"TableName":"Tab","CapacityUnits":4.0,"ReadCapacityUnits":4.0}])"));
    QCOMPARE_ERROR(
        h.call("TransactGetItems",
               json(R"({"TransactItems":[{"Get":{"TableName":"Tab","Key":{"pk":{"N":"1"}}}}]})")),
        "ValidationException", "The provided key element does not match the schema");
}

// Expired items stay readable until the sweeper removes them (as in DynamoDB), and the
// sweep follows the engine clock, so a simulated clock drives it.
void BatchTransactionsTest::timeToLive() {
    std::atomic<double> now{1'700'000'000};
    EngineOptions options;
    options.clock = [&now] { return now.load(); };
    options.timeToLiveSweepSeconds = 0;  // the test sweeps explicitly
    EngineHarness h(options);
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(kTable)));
    QCOMPARE_JSON(*h.call("DescribeTimeToLive", json(R"({"TableName":"Tab"})")),
                  json(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})"));
    QCOMPARE_ERROR(
        h.call(
            "UpdateTimeToLive",
            json(
                R"({"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":false}})")),
        "ValidationException", "TimeToLive is already disabled");
    QCOMPARE_JSON(
        *h.call(
            "UpdateTimeToLive",
            json(
                R"({"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}})")),
        json(R"({"TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}})"));
    QCOMPARE_JSON(
        *h.call("DescribeTimeToLive", json(R"({"TableName":"Tab"})")),
        json(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED","AttributeName":"exp"}})"));
    QCOMPARE_ERROR(
        h.call(
            "UpdateTimeToLive",
            json(
                R"({"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"other","Enabled":true}})")),
        "ValidationException",
        "TimeToLive is active on a different AttributeName: current AttributeName is exp");
    QCOMPARE_ERROR(
        h.call(
            "UpdateTimeToLive",
            json(
                R"({"TableName":"Nope","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}})")),
        "ResourceNotFoundException", "Requested resource not found: Table: Nope not found");

    auto put = [&](const std::string& pk, const Json& expiry) {
        Json i = item(pk, "ttl");
        if (!expiry.is_null()) i["exp"] = expiry;
        return h.call("PutItem", Json{{"TableName", "Tab"}, {"Item", i}});
    };
    QVERIFY_OK(put("soon", {{"N", "1700000100"}}));
    QVERIFY_OK(put("later", {{"N", "1700009999"}}));
    QVERIFY_OK(put("text", {{"S", "1600000000"}}));  // not a number: never expires
    QVERIFY_OK(put("none", nullptr));
    QCOMPARE(*h.engine().sweepExpiredItems(), int64_t(0));
    now = now + 200;
    QVERIFY(!getItem(h, "soon").is_null());  // expired, but not yet swept
    QCOMPARE(*h.engine().sweepExpiredItems(), int64_t(1));
    QVERIFY(getItem(h, "soon").is_null());
    QVERIFY(!getItem(h, "later").is_null());
    QCOMPARE(countIn(h, "byG", "ttl"), int64_t(3));  // the index follows the deletion
    now = now + 100000;
    QCOMPARE(*h.engine().sweepExpiredItems(), int64_t(1));
    QCOMPARE(countIn(h, "byG", "ttl"), int64_t(2));
    QVERIFY_OK(h.call(
        "UpdateTimeToLive",
        json(
            R"({"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":false}})")));
    QCOMPARE_JSON(*h.call("DescribeTimeToLive", json(R"({"TableName":"Tab"})")),
                  json(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})"));
}

QTEST_GUILESS_MAIN(BatchTransactionsTest)
#include "test_batch_transactions.moc"
