// DynamoDB Streams through dispatch(): StreamSpecification on CreateTable and UpdateTable with
// DynamoDB's messages, one record per changed item from every write path (single, batch,
// transaction, Time to Live) in order, each view type's images, shard iterators of every
// type, GetRecords paging, iterator expiry, shard rollover, the 24-hour retention, the
// Streams errors, and records kept across a reopen (a deleted table's stream:
// test_deleted_table_streams). The clock is simulated.
#include "api/dispatch.h"
#include "api/stream_shards.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

constexpr double kStart = 1800000000.0;  // 2027-01-15T08:00:00Z
const std::string kTableArn = "arn:aws:dynamodb:ddblocal:000000000000:table/orders";

Json ordersTable(const Json& streamSpecification) {
    Json table = json(R"({"TableName": "orders",
                          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "sk", "AttributeType": "N"}],
                          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                        {"AttributeName": "sk", "KeyType": "RANGE"}],
                          "BillingMode": "PAY_PER_REQUEST"})");
    if (!streamSpecification.is_null()) table["StreamSpecification"] = streamSpecification;
    return table;
}

Json spec(bool enabled, const char* viewType = nullptr) {
    Json out = {{"StreamEnabled", enabled}};
    if (viewType) out["StreamViewType"] = viewType;
    return out;
}

Json key(const std::string& pk, int sk) {
    return Json{{"pk", {{"S", pk}}}, {"sk", {{"N", std::to_string(sk)}}}};
}

// An event as the tests compare it: name and keys.
Json change(const char* name, const std::string& pk, int sk) {
    return Json{{"eventName", name}, {"Keys", key(pk, sk)}};
}

}  // namespace

class StreamsTest : public QObject {
    Q_OBJECT

  private:
    double clock_ = kStart;
    std::unique_ptr<EngineHarness> harness_;

    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    void openWith(const Json& streamSpecification);
    std::string latestStreamArn();
    Json shards(const std::string& arn);
    std::string iterator(const std::string& arn, const std::string& shardId, const char* type,
                         const std::string& sequence = {});
    // Every record from `iterator` on, following NextShardIterator while records come.
    Json readAll(std::string iterator, int limit = 1000);
    static Json events(const Json& records);

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void createTableStreamSpecification();
    void createTableValidation_data();
    void createTableValidation();
    void updateTableEnablesAndDisables();
    void updateTableValidation();
    void recordsFromEveryWritePath();
    void recordFormat();
    void viewTypes_data();
    void viewTypes();
    void iteratorTypes();
    void getRecordsPaging();
    void iteratorExpires();
    void shardRollover();
    void retentionTrimsRecords();
    void streamErrors();
    void listStreams();
    void recordsSurviveReopen();
    void bulkLoadsAreRecorded();
    void wireTargets();
};

void StreamsTest::init() {
    clock_ = kStart;
    EngineOptions options;
    options.clock = [this] { return clock_; };
    options.timeToLiveSweepSeconds = 0;
    harness_ = std::make_unique<EngineHarness>(options);
    QVERIFY2(harness_->open(), harness_->error().c_str());
}

void StreamsTest::openWith(const Json& streamSpecification) {
    QVERIFY_OK(call("CreateTable", ordersTable(streamSpecification)));
}

std::string StreamsTest::latestStreamArn() {
    auto described = call("DescribeTable", json(R"({"TableName": "orders"})"));
    if (!described || !described->at("Table").contains("LatestStreamArn")) return {};
    return described->at("Table").at("LatestStreamArn").get<std::string>();
}

Json StreamsTest::shards(const std::string& arn) {
    auto described = call("DescribeStream", Json{{"StreamArn", arn}});
    if (!described) return Json(describe(described));
    return described->at("StreamDescription").at("Shards");
}

std::string StreamsTest::iterator(const std::string& arn, const std::string& shardId,
                                  const char* type, const std::string& sequence) {
    Json request = {{"StreamArn", arn}, {"ShardId", shardId}, {"ShardIteratorType", type}};
    if (!sequence.empty()) request["SequenceNumber"] = sequence;
    auto got = call("GetShardIterator", request);
    if (!got) return "error: " + describe(got);
    return got->at("ShardIterator").get<std::string>();
}

Json StreamsTest::readAll(std::string iterator, int limit) {
    Json all = Json::array();
    for (int guard = 0; guard < 100; ++guard) {
        auto got = call("GetRecords", Json{{"ShardIterator", iterator}, {"Limit", limit}});
        if (!got) return Json(describe(got));
        for (const auto& record : got->at("Records")) all.push_back(record);
        if (got->at("Records").empty() || !got->contains("NextShardIterator")) break;
        iterator = got->at("NextShardIterator").get<std::string>();
    }
    return all;
}

Json StreamsTest::events(const Json& records) {
    Json out = Json::array();
    for (const auto& record : records)
        out.push_back(
            {{"eventName", record.at("eventName")}, {"Keys", record.at("dynamodb").at("Keys")}});
    return out;
}

void StreamsTest::createTableStreamSpecification() {
    openWith(spec(true, "NEW_AND_OLD_IMAGES"));
    auto described = call("DescribeTable", json(R"({"TableName": "orders"})"));
    QVERIFY_OK(described);
    const Json& table = described->at("Table");
    QCOMPARE_JSON(table.at("StreamSpecification"),
                  json(R"({"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"})"));
    QCOMPARE_JSON(table.at("LatestStreamLabel"), "2027-01-15T08:00:00.000");
    QCOMPARE_JSON(table.at("LatestStreamArn"), kTableArn + "/stream/2027-01-15T08:00:00.000");
    // A table created without a stream, or with StreamEnabled false, shows none.
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "orders"})")));
    openWith(spec(false));
    described = call("DescribeTable", json(R"({"TableName": "orders"})"));
    QVERIFY_OK(described);
    QVERIFY(!described->at("Table").contains("StreamSpecification"));
    QVERIFY(!described->at("Table").contains("LatestStreamArn"));
}

void StreamsTest::createTableValidation_data() {
    QTest::addColumn<QString>("specification");
    QTest::addColumn<QString>("message");
    QTest::newRow("enabled without view type")
        << R"({"StreamEnabled": true})"
        << "One or more parameter values were invalid: Table is being created with a stream "
           "enabled, UpdateViewType is required";
    QTest::newRow("disabled with view type")
        << R"({"StreamEnabled": false, "StreamViewType": "NEW_IMAGE"})"
        << "One or more parameter values were invalid: Table is being created with a stream "
           "disabled, UpdateViewType should not be specified";
    QTest::newRow("view type only")
        << R"({"StreamViewType": "NEW_IMAGE"})"
        << "1 validation error detected: Value null at 'streamSpecification.streamEnabled' "
           "failed to satisfy constraint: Member must not be null";
    QTest::newRow("empty") << "{}"
                           << "1 validation error detected: Value null at "
                              "'streamSpecification.streamEnabled' failed to satisfy "
                              "constraint: Member must not be null";
    QTest::newRow("lowercase view type")
        << R"({"StreamEnabled": true, "StreamViewType": "new_image"})"
        << "1 validation error detected: Value 'new_image' at "
           "'streamSpecification.streamViewType' failed to satisfy constraint: Member must "
           "satisfy enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]";
}

void StreamsTest::createTableValidation() {
    QFETCH(QString, specification);
    QFETCH(QString, message);
    QCOMPARE_VALIDATION(call("CreateTable", ordersTable(json(specification.toStdString()))),
                        message.toStdString());
    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "orders"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: orders not found");
}

void StreamsTest::updateTableEnablesAndDisables() {
    openWith(Json());
    auto enabled = call("UpdateTable", Json{{"TableName", "orders"},
                                            {"StreamSpecification", spec(true, "KEYS_ONLY")}});
    QVERIFY_OK(enabled);
    const Json& table = enabled->at("TableDescription");
    QCOMPARE_JSON(table.at("StreamSpecification"),
                  json(R"({"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"})"));
    const std::string first = kTableArn + "/stream/2027-01-15T08:00:00.000";
    QCOMPARE_JSON(table.at("LatestStreamArn"), first);
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", 1)}}));

    // Enabling again, even with the same view type, is refused.
    QCOMPARE_VALIDATION(call("UpdateTable", Json{{"TableName", "orders"},
                                                 {"StreamSpecification", spec(true, "OLD_IMAGE")}}),
                        "Table already has an enabled stream: TableName: orders");
    QCOMPARE_VALIDATION(call("UpdateTable", Json{{"TableName", "orders"},
                                                 {"StreamSpecification", spec(true, "KEYS_ONLY")}}),
                        "Table already has an enabled stream: TableName: orders");

    clock_ += 60;
    auto disabled =
        call("UpdateTable", Json{{"TableName", "orders"}, {"StreamSpecification", spec(false)}});
    QVERIFY_OK(disabled);
    // Disabled: no StreamSpecification, but the latest stream's ARN and label stay.
    QVERIFY(!disabled->at("TableDescription").contains("StreamSpecification"));
    QCOMPARE_JSON(disabled->at("TableDescription").at("LatestStreamArn"), first);
    QCOMPARE_VALIDATION(
        call("UpdateTable", Json{{"TableName", "orders"}, {"StreamSpecification", spec(false)}}),
        "Table has no stream to disable: TableName: orders");
    // Writes while disabled make no records.
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("b", 2)}}));

    clock_ += 60;
    auto again = call("UpdateTable", Json{{"TableName", "orders"},
                                          {"StreamSpecification", spec(true, "NEW_IMAGE")}});
    QVERIFY_OK(again);
    const std::string second = kTableArn + "/stream/2027-01-15T08:02:00.000";
    QCOMPARE_JSON(again->at("TableDescription").at("LatestStreamArn"), second);
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("c", 3)}}));

    // The old stream is DISABLED and still readable; the new one has only the new write.
    auto old = call("DescribeStream", Json{{"StreamArn", first}});
    QVERIFY_OK(old);
    QCOMPARE_JSON(old->at("StreamDescription").at("StreamStatus"), "DISABLED");
    const Json oldShards = old->at("StreamDescription").at("Shards");
    QCOMPARE(oldShards.size(), size_t(1));
    QVERIFY(oldShards[0].at("SequenceNumberRange").contains("EndingSequenceNumber"));
    QCOMPARE_JSON(events(readAll(iterator(first, oldShards[0].at("ShardId"), "TRIM_HORIZON"))),
                  Json::array({change("INSERT", "a", 1)}));
    const Json newShards = shards(second);
    QCOMPARE_JSON(events(readAll(iterator(second, newShards[0].at("ShardId"), "TRIM_HORIZON"))),
                  Json::array({change("INSERT", "c", 3)}));
}

void StreamsTest::updateTableValidation() {
    openWith(Json());
    QCOMPARE_VALIDATION(
        call("UpdateTable", Json{{"TableName", "orders"}, {"StreamSpecification", spec(true)}}),
        "One or more parameter values were invalid: If stream is being enabled "
        "then UpdateViewType is required");
    QCOMPARE_VALIDATION(
        call("UpdateTable",
             Json{{"TableName", "orders"}, {"StreamSpecification", spec(false, "NEW_IMAGE")}}),
        "One or more parameter values were invalid: If stream is being "
        "disabled, then UpdateViewType must not be specified");
    QCOMPARE_VALIDATION(
        call("UpdateTable", Json{{"TableName", "orders"}, {"StreamSpecification", spec(false)}}),
        "Table has no stream to disable: TableName: orders");
    QCOMPARE_VALIDATION(
        call("UpdateTable", json(R"({"TableName": "orders", "BillingMode": "PROVISIONED",
                      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                      "StreamSpecification": {"StreamEnabled": true,
                                              "StreamViewType": "NEW_IMAGE"}})")),
        "You cannot modify stream status while updating table IOPS");
    QCOMPARE_VALIDATION(
        call("UpdateTable", json(R"({"TableName": "orders",
                                     "StreamSpecification": {"StreamViewType": "BOTH"}})")),
        "2 validation errors detected: Value null at 'streamSpecification.streamEnabled' failed "
        "to satisfy constraint: Member must not be null; Value 'BOTH' at "
        "'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy "
        "enum value set: [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]");
    QCOMPARE_ERROR(
        call("UpdateTable",
             Json{{"TableName", "missing"}, {"StreamSpecification", spec(true, "NEW_IMAGE")}}),
        "ResourceNotFoundException", "Requested resource not found: Table: missing not found");
    // Nothing was enabled by the refused requests.
    QCOMPARE(latestStreamArn(), std::string());
    // With PAY_PER_REQUEST the two changes go together.
    QVERIFY_OK(call("UpdateTable", json(R"({"TableName": "orders", "BillingMode": "PAY_PER_REQUEST",
                                            "StreamSpecification": {"StreamEnabled": true,
                                                                    "StreamViewType": "NEW_IMAGE"}})")));
    QCOMPARE(latestStreamArn(), kTableArn + "/stream/2027-01-15T08:00:00.000");
}

void StreamsTest::recordsFromEveryWritePath() {
    openWith(spec(true, "NEW_AND_OLD_IMAGES"));
    QVERIFY_OK(call("UpdateTimeToLive", json(R"({"TableName": "orders", "TimeToLiveSpecification":
                             {"Enabled": true, "AttributeName": "expires"}})")));
    auto put = [&](const Json& item) {
        return call("PutItem", Json{{"TableName", "orders"}, {"Item", item}});
    };
    Json a = key("a", 1);
    a["v"] = {{"N", "1"}};
    QVERIFY_OK(put(a));  // INSERT a1
    QVERIFY_OK(put(a));  // the same item again: no record
    QVERIFY_OK(call("UpdateItem",
                    json(R"({"TableName": "orders", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                             "UpdateExpression": "SET v = :v",
                             "ExpressionAttributeValues": {":v": {"N": "2"}}})")));  // MODIFY a1
    QVERIFY_OK(call("UpdateItem",
                    json(R"({"TableName": "orders", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}},
                             "UpdateExpression": "SET v = :v",
                             "ExpressionAttributeValues": {":v": {"N": "2"}}})")));  // no change
    QVERIFY_OK(call("DeleteItem", Json{{"TableName", "orders"}, {"Key", key("zz", 9)}}));  // none
    QVERIFY_OK(call(
        "BatchWriteItem",
        Json{{"RequestItems",
              {{"orders", Json::array({Json{{"PutRequest", {{"Item", key("b", 1)}}}},
                                       Json{{"PutRequest", {{"Item", key("b", 2)}}}},
                                       Json{{"DeleteRequest", {{"Key", key("a", 1)}}}},
                                       Json{{"DeleteRequest", {{"Key", key("nope", 1)}}}}})}}}}));
    Json expiring = key("c", 1);
    expiring["expires"] = {{"N", std::to_string(static_cast<long>(kStart) + 30)}};
    QVERIFY_OK(
        call("TransactWriteItems",
             Json{{"TransactItems",
                   Json::array({Json{{"Put", {{"TableName", "orders"}, {"Item", expiring}}}},
                                Json{{"Update",
                                      {{"TableName", "orders"},
                                       {"Key", key("b", 1)},
                                       {"UpdateExpression", "SET w = :w"},
                                       {"ExpressionAttributeValues", {{":w", {{"S", "x"}}}}}}}},
                                Json{{"ConditionCheck",
                                      {{"TableName", "orders"},
                                       {"Key", key("b", 2)},
                                       {"ConditionExpression", "attribute_exists(pk)"}}}}})}}));
    // A cancelled transaction writes nothing, so records nothing.
    QVERIFY(
        !call("TransactWriteItems",
              Json{{"TransactItems",
                    Json::array({Json{{"Put", {{"TableName", "orders"}, {"Item", key("d", 1)}}}},
                                 Json{{"ConditionCheck",
                                       {{"TableName", "orders"},
                                        {"Key", key("b", 2)},
                                        {"ConditionExpression", "attribute_not_exists(pk)"}}}}})}})
             .ok());
    clock_ += 60;
    auto swept = harness_->engine().sweepExpiredItems();
    QVERIFY(swept.ok());
    QCOMPARE(*swept, int64_t(1));  // REMOVE c1, by the service
    QVERIFY_OK(call("DeleteItem", Json{{"TableName", "orders"}, {"Key", key("b", 2)}}));

    const std::string arn = latestStreamArn();
    const Json shardList = shards(arn);
    QCOMPARE(shardList.size(), size_t(1));
    const Json records = readAll(iterator(arn, shardList[0].at("ShardId"), "TRIM_HORIZON"));
    QCOMPARE_JSON(events(records), Json::array({change("INSERT", "a", 1), change("MODIFY", "a", 1),
                                                change("INSERT", "b", 1), change("INSERT", "b", 2),
                                                change("REMOVE", "a", 1), change("INSERT", "c", 1),
                                                change("MODIFY", "b", 1), change("REMOVE", "c", 1),
                                                change("REMOVE", "b", 2)}));
    // Sequence numbers: 21 digits, increasing.
    std::string previous;
    for (const auto& record : records) {
        const std::string sequence = record.at("dynamodb").at("SequenceNumber");
        QCOMPARE(sequence.size(), size_t(21));
        QVERIFY2(sequence > previous, sequence.c_str());
        previous = sequence;
    }
    // Only the Time to Live delete names the service.
    for (size_t i = 0; i < records.size(); ++i)
        QCOMPARE(records[i].contains("userIdentity"), i == 7);
    QCOMPARE_JSON(records[7].at("userIdentity"),
                  json(R"({"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"})"));
    QCOMPARE_JSON(records[7].at("dynamodb").at("OldImage"), expiring);
    QVERIFY(!records[7].at("dynamodb").contains("NewImage"));
    // The MODIFY has both images.
    Json modified = key("a", 1);
    modified["v"] = {{"N", "2"}};
    QCOMPARE_JSON(records[1].at("dynamodb").at("OldImage"), a);
    QCOMPARE_JSON(records[1].at("dynamodb").at("NewImage"), modified);
}

void StreamsTest::recordFormat() {
    openWith(spec(true, "NEW_AND_OLD_IMAGES"));
    clock_ = kStart + 12.345678;
    Json item = key("a", 1);
    item["name"] = {{"S", "hello"}};
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", item}}));
    const std::string arn = latestStreamArn();
    const Json records = readAll(iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON"));
    QCOMPARE(records.size(), size_t(1));
    Json record = records[0];
    const std::string eventId = record.at("eventID");
    QCOMPARE(eventId.size(), size_t(32));
    QVERIFY(eventId.find_first_not_of("0123456789abcdef") == std::string::npos);
    record.erase("eventID");
    // SizeBytes: the keys plus the new image, by DynamoDB's item sizes.
    QCOMPARE(sizeOf(key("a", 1)), size_t(7));
    QCOMPARE(sizeOf(item), size_t(16));
    const std::string sequence = formatSequenceNumber(Engine::sequenceAt(kStart + 12.345678));
    QCOMPARE_JSON(record, (Json{{"eventName", "INSERT"},
                                {"eventVersion", "1.1"},
                                {"eventSource", "aws:dynamodb"},
                                {"awsRegion", "ddblocal"},
                                {"dynamodb",
                                 {{"ApproximateCreationDateTime", 1800000012.0},
                                  {"Keys", key("a", 1)},
                                  {"NewImage", item},
                                  {"SequenceNumber", sequence},
                                  {"SizeBytes", 23},
                                  {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}}));
    QCOMPARE(sequence, std::string("001800000012345678000"));
}

void StreamsTest::viewTypes_data() {
    QTest::addColumn<QString>("viewType");
    QTest::addColumn<bool>("oldImages");
    QTest::addColumn<bool>("newImages");
    QTest::newRow("KEYS_ONLY") << "KEYS_ONLY" << false << false;
    QTest::newRow("NEW_IMAGE") << "NEW_IMAGE" << false << true;
    QTest::newRow("OLD_IMAGE") << "OLD_IMAGE" << true << false;
    QTest::newRow("NEW_AND_OLD_IMAGES") << "NEW_AND_OLD_IMAGES" << true << true;
}

void StreamsTest::viewTypes() {
    QFETCH(QString, viewType);
    QFETCH(bool, oldImages);
    QFETCH(bool, newImages);
    const std::string type = viewType.toStdString();
    openWith(spec(true, type.c_str()));
    Json first = key("a", 1), second = key("a", 1);
    first["n"] = {{"N", "1"}};
    second["n"] = {{"N", "22"}};
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", first}}));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", second}}));
    QVERIFY_OK(call("DeleteItem", Json{{"TableName", "orders"}, {"Key", key("a", 1)}}));
    const std::string arn = latestStreamArn();
    const Json records = readAll(iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON"));
    QCOMPARE(records.size(), size_t(3));
    const Json expectedOld[3] = {Json(), first, second};
    const Json expectedNew[3] = {first, second, Json()};
    for (int i = 0; i < 3; ++i) {
        const Json& dynamodb = records[i].at("dynamodb");
        QCOMPARE_JSON(dynamodb.at("StreamViewType"), type);
        QCOMPARE_JSON(dynamodb.at("Keys"), key("a", 1));
        size_t size = sizeOf(key("a", 1));
        if (oldImages && !expectedOld[i].is_null()) {
            QCOMPARE_JSON(dynamodb.at("OldImage"), expectedOld[i]);
            size += sizeOf(expectedOld[i]);
        } else {
            QVERIFY(!dynamodb.contains("OldImage"));
        }
        if (newImages && !expectedNew[i].is_null()) {
            QCOMPARE_JSON(dynamodb.at("NewImage"), expectedNew[i]);
            size += sizeOf(expectedNew[i]);
        } else {
            QVERIFY(!dynamodb.contains("NewImage"));
        }
        QCOMPARE(dynamodb.at("SizeBytes").get<size_t>(), size);
    }
}

void StreamsTest::iteratorTypes() {
    openWith(spec(true, "KEYS_ONLY"));
    for (int i = 1; i <= 3; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", i)}}));
    const std::string arn = latestStreamArn();
    const std::string shard = shards(arn)[0].at("ShardId");
    const Json all = readAll(iterator(arn, shard, "TRIM_HORIZON"));
    QCOMPARE(all.size(), size_t(3));
    const std::string second = all[1].at("dynamodb").at("SequenceNumber");
    QCOMPARE_JSON(events(readAll(iterator(arn, shard, "AT_SEQUENCE_NUMBER", second))),
                  Json::array({change("INSERT", "a", 2), change("INSERT", "a", 3)}));
    QCOMPARE_JSON(events(readAll(iterator(arn, shard, "AFTER_SEQUENCE_NUMBER", second))),
                  Json::array({change("INSERT", "a", 3)}));
    // LATEST: only what is written after it was taken.
    const std::string latest = iterator(arn, shard, "LATEST");
    auto empty = call("GetRecords", Json{{"ShardIterator", latest}});
    QVERIFY_OK(empty);
    QCOMPARE_JSON(empty->at("Records"), Json::array());
    QVERIFY(empty->contains("NextShardIterator"));  // an open shard always has one
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", 4)}}));
    QCOMPARE_JSON(events(readAll(latest)), Json::array({change("INSERT", "a", 4)}));
    // The empty read's next iterator sees it too.
    QCOMPARE_JSON(events(readAll(empty->at("NextShardIterator"))),
                  Json::array({change("INSERT", "a", 4)}));
}

void StreamsTest::getRecordsPaging() {
    openWith(spec(true, "KEYS_ONLY"));
    for (int i = 1; i <= 5; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("p", i)}}));
    const std::string arn = latestStreamArn();
    std::string next = iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON");
    Json pages = Json::array();
    for (int page = 0; page < 4; ++page) {
        auto got = call("GetRecords", Json{{"ShardIterator", next}, {"Limit", 2}});
        QVERIFY_OK(got);
        pages.push_back(events(got->at("Records")));
        next = got->at("NextShardIterator");
    }
    QCOMPARE_JSON(pages,
                  Json::array({Json::array({change("INSERT", "p", 1), change("INSERT", "p", 2)}),
                               Json::array({change("INSERT", "p", 3), change("INSERT", "p", 4)}),
                               Json::array({change("INSERT", "p", 5)}), Json::array()}));
    QCOMPARE_VALIDATION(call("GetRecords", Json{{"ShardIterator", next}, {"Limit", 1001}}),
                        "1 validation error detected: Value '1001' at 'limit' failed to satisfy "
                        "constraint: Member must have value less than or equal to 1000");
    QCOMPARE_VALIDATION(call("GetRecords", Json{{"ShardIterator", next}, {"Limit", 0}}),
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                        "constraint: Member must have value greater than or equal to 1");
}

void StreamsTest::iteratorExpires() {
    openWith(spec(true, "KEYS_ONLY"));
    const std::string arn = latestStreamArn();
    const std::string it = iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON");
    clock_ += 15 * 60;
    QVERIFY_OK(call("GetRecords", Json{{"ShardIterator", it}}));  // exactly 15 minutes: valid
    clock_ += 1;
    QCOMPARE_ERROR(call("GetRecords", Json{{"ShardIterator", it}}), "ExpiredIteratorException",
                   "The provided iterator exceeds the maximum age allowed.");
}

void StreamsTest::shardRollover() {
    openWith(spec(true, "KEYS_ONLY"));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("early", 1)}}));
    const std::string arn = latestStreamArn();
    Json list = shards(arn);
    QCOMPARE(list.size(), size_t(1));
    QVERIFY(!list[0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
    QVERIFY(!list[0].contains("ParentShardId"));
    const std::string firstShard = list[0].at("ShardId");
    const std::string open = iterator(arn, firstShard, "LATEST");

    clock_ += kShardRolloverSeconds;  // four hours: a new shard
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("late", 1)}}));
    list = shards(arn);
    QCOMPARE(list.size(), size_t(2));
    QCOMPARE_JSON(list[0].at("ShardId"), firstShard);
    QCOMPARE_JSON(
        list[0].at("SequenceNumberRange"),
        (Json{{"StartingSequenceNumber", formatSequenceNumber(Engine::sequenceAt(kStart))},
              {"EndingSequenceNumber",
               formatSequenceNumber(Engine::sequenceAt(kStart + kShardRolloverSeconds) - 1)}}));
    QCOMPARE_JSON(list[1].at("ParentShardId"), firstShard);
    QVERIFY(!list[1]["SequenceNumberRange"].contains("EndingSequenceNumber"));
    QVERIFY(std::string(list[1].at("ShardId")) > firstShard);

    // The closed shard holds the early record and then ends: no NextShardIterator.
    auto closed =
        call("GetRecords", Json{{"ShardIterator", iterator(arn, firstShard, "TRIM_HORIZON")}});
    QVERIFY_OK(closed);
    QCOMPARE_JSON(events(closed->at("Records")), Json::array({change("INSERT", "early", 1)}));
    QVERIFY(!closed->contains("NextShardIterator"));
    // An iterator taken before the rollover has expired by now (four hours later).
    QCOMPARE_ERROR(call("GetRecords", Json{{"ShardIterator", open}}), "ExpiredIteratorException",
                   "The provided iterator exceeds the maximum age allowed.");
    QCOMPARE_JSON(events(readAll(iterator(arn, list[1].at("ShardId"), "TRIM_HORIZON"))),
                  Json::array({change("INSERT", "late", 1)}));
    // Paging DescribeStream by shard.
    auto page = call("DescribeStream", Json{{"StreamArn", arn}, {"Limit", 1}});
    QVERIFY_OK(page);
    QCOMPARE_JSON(page->at("StreamDescription").at("LastEvaluatedShardId"), firstShard);
    QCOMPARE(page->at("StreamDescription").at("Shards").size(), size_t(1));
    page = call("DescribeStream", Json{{"StreamArn", arn}, {"ExclusiveStartShardId", firstShard}});
    QVERIFY_OK(page);
    QCOMPARE_JSON(page->at("StreamDescription").at("Shards")[0].at("ShardId"),
                  list[1].at("ShardId"));
    QVERIFY(!page->at("StreamDescription").contains("LastEvaluatedShardId"));
}

void StreamsTest::retentionTrimsRecords() {
    openWith(spec(true, "KEYS_ONLY"));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("old", 1)}}));
    const std::string arn = latestStreamArn();
    const Json first = readAll(iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON"));
    QCOMPARE(first.size(), size_t(1));
    const std::string oldSequence = first[0].at("dynamodb").at("SequenceNumber");

    clock_ += 20 * 3600;
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("new", 1)}}));
    // An iterator at the old record, taken a minute before the record's 24 hours are over
    // and used just after.
    const std::string firstShard = shards(arn)[0].at("ShardId");
    clock_ += 4 * 3600 - 60;
    const std::string atOld = iterator(arn, firstShard, "AT_SEQUENCE_NUMBER", oldSequence);
    QVERIFY2(atOld.rfind("error", 0) != 0, atOld.c_str());
    clock_ += 61;
    auto trimmed = harness_->engine().trimStreams();
    QVERIFY(trimmed.ok());
    QCOMPARE(*trimmed, int64_t(1));
    QCOMPARE_ERROR(call("GetRecords", Json{{"ShardIterator", atOld}}), "TrimmedDataAccessException",
                   "The operation attempted to read past the oldest stream record in a shard.");
    QCOMPARE_ERROR(call("GetShardIterator", Json{{"StreamArn", arn},
                                                 {"ShardId", firstShard},
                                                 {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                                                 {"SequenceNumber", oldSequence}}),
                   "TrimmedDataAccessException",
                   "The operation attempted to read past the oldest stream record in a shard.");
    // TRIM_HORIZON starts after what was trimmed.
    Json list = shards(arn);
    QCOMPARE(list.size(), size_t(7));  // shards 0 to 6 (4 hours each) may hold the last 24 hours
    QCOMPARE_JSON(list[0].at("ShardId"), firstShard);
    Json remaining = Json::array();
    for (const auto& shard : list) {
        const Json records = readAll(iterator(arn, shard.at("ShardId"), "TRIM_HORIZON"));
        for (const auto& record : records) remaining.push_back(record);
    }
    QCOMPARE_JSON(events(remaining), Json::array({change("INSERT", "new", 1)}));
    // Four hours on, the first shard's whole time is past retention: it is no longer listed.
    clock_ += 4 * 3600;
    list = shards(arn);
    QCOMPARE(list.size(), size_t(7));
    for (const auto& shard : list) QVERIFY(shard.at("ShardId") != firstShard);
    QCOMPARE_ERROR(call("GetShardIterator", Json{{"StreamArn", arn},
                                                 {"ShardId", firstShard},
                                                 {"ShardIteratorType", "TRIM_HORIZON"}}),
                   "ResourceNotFoundException",
                   "Requested resource not found: Shard does not exist");
    // A sequence number that was trimmed, in a shard still listed.
    const std::string newShard = list.back().at("ShardId");
    QCOMPARE_ERROR(call("GetShardIterator", Json{{"StreamArn", arn},
                                                 {"ShardId", newShard},
                                                 {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                                                 {"SequenceNumber", oldSequence}}),
                   "ValidationException",
                   "Invalid SequenceNumber for ShardIteratorType AT_SEQUENCE_NUMBER: " +
                       oldSequence + " is not in shard " + newShard);

    // A disabled stream is listed until its 24 hours are over.
    QVERIFY_OK(
        call("UpdateTable", Json{{"TableName", "orders"}, {"StreamSpecification", spec(false)}}));
    QVERIFY_OK(call("UpdateTable", Json{{"TableName", "orders"},
                                        {"StreamSpecification", spec(true, "NEW_IMAGE")}}));
    auto listed = call("ListStreams", json(R"({"TableName": "orders"})"));
    QVERIFY_OK(listed);
    QCOMPARE(listed->at("Streams").size(), size_t(2));
    clock_ += 24 * 3600 + 1;
    QVERIFY(harness_->engine().trimStreams().ok());
    listed = call("ListStreams", json(R"({"TableName": "orders"})"));
    QVERIFY_OK(listed);
    QCOMPARE(listed->at("Streams").size(), size_t(1));
    QCOMPARE_JSON(listed->at("Streams")[0].at("StreamArn"), latestStreamArn());
    QCOMPARE_ERROR(call("DescribeStream", Json{{"StreamArn", arn}}), "ResourceNotFoundException",
                   "Requested resource not found: Stream: " + arn + " not found");
}

void StreamsTest::streamErrors() {
    openWith(spec(true, "KEYS_ONLY"));
    const std::string arn = latestStreamArn();
    const std::string shard = shards(arn)[0].at("ShardId");
    const std::string missing = kTableArn + "/stream/2020-01-01T00:00:00.000";
    QCOMPARE_ERROR(call("DescribeStream", Json{{"StreamArn", missing}}),
                   "ResourceNotFoundException",
                   "Requested resource not found: Stream: " + missing + " not found");
    QCOMPARE_ERROR(
        call("GetShardIterator",
             Json{{"StreamArn", missing}, {"ShardId", shard}, {"ShardIteratorType", "LATEST"}}),
        "ResourceNotFoundException",
        "Requested resource not found: Stream: " + missing + " not found");
    QCOMPARE_ERROR(
        call("GetShardIterator", Json{{"StreamArn", arn},
                                      {"ShardId", "shardId-00000000000000000000-00000000"},
                                      {"ShardIteratorType", "LATEST"}}),
        "ResourceNotFoundException", "Requested resource not found: Shard does not exist");
    QCOMPARE_VALIDATION(call("GetShardIterator", Json{{"StreamArn", arn},
                                                      {"ShardId", shard},
                                                      {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}}),
                        "Must provide a SequenceNumber for ShardIteratorType: AT_SEQUENCE_NUMBER");
    QCOMPARE_VALIDATION(call("GetShardIterator", Json{{"StreamArn", arn},
                                                      {"ShardId", shard},
                                                      {"ShardIteratorType", "LATEST"},
                                                      {"SequenceNumber", "000000000000000000001"}}),
                        "Must not provide a SequenceNumber for ShardIteratorType: LATEST");
    QCOMPARE_VALIDATION(
        call("GetShardIterator",
             Json{{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "bulle"}}),
        "1 validation error detected: Value 'bulle' at 'shardIteratorType' failed "
        "to satisfy constraint: Member must satisfy enum value set: "
        "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
    QCOMPARE_VALIDATION(call("DescribeStream", Json::object()),
                        "1 validation error detected: Value null at 'streamArn' failed to "
                        "satisfy constraint: Member must not be null");
    QCOMPARE_VALIDATION(call("GetRecords", json(R"({"ShardIterator": "not-an-iterator"})")),
                        "Invalid ShardIterator");
    QCOMPARE_ERROR(call("ListStreams", json(R"({"TableName": "missing"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: missing not found");
    QCOMPARE_VALIDATION(call("ListStreams", json(R"({"Limit": 101})")),
                        "1 validation error detected: Value '101' at 'limit' failed to satisfy "
                        "constraint: Member must have value less than or equal to 100");
    // A deleted table's stream is DISABLED and readable for a day (test_deleted_table_streams).
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "orders"})")));
    auto deleted = call("DescribeStream", Json{{"StreamArn", arn}});
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(deleted->at("StreamDescription").at("StreamStatus"), "DISABLED");
    clock_ += 24 * 3600 + 1;
    QVERIFY(harness_->engine().trimStreams().ok());
    QCOMPARE_ERROR(call("DescribeStream", Json{{"StreamArn", arn}}), "ResourceNotFoundException",
                   "Requested resource not found: Stream: " + arn + " not found");
}

void StreamsTest::listStreams() {
    QVERIFY_OK(call("ListStreams", Json::object()));
    QCOMPARE_JSON(call("ListStreams", Json::object()).value(), json(R"({"Streams": []})"));
    openWith(spec(true, "KEYS_ONLY"));
    Json other = ordersTable(spec(true, "NEW_IMAGE"));
    other["TableName"] = "archive";
    QVERIFY_OK(call("CreateTable", other));
    Json plain = ordersTable(Json());
    plain["TableName"] = "plain";
    QVERIFY_OK(call("CreateTable", plain));
    const std::string archive =
        "arn:aws:dynamodb:ddblocal:000000000000:table/archive/stream/2027-01-15T08:00:00.000";
    const std::string orders = kTableArn + "/stream/2027-01-15T08:00:00.000";
    QCOMPARE_JSON(
        call("ListStreams", Json::object()).value(),
        (Json{{"Streams", Json::array({Json{{"StreamArn", archive},
                                            {"TableName", "archive"},
                                            {"StreamLabel", "2027-01-15T08:00:00.000"}},
                                       Json{{"StreamArn", orders},
                                            {"TableName", "orders"},
                                            {"StreamLabel", "2027-01-15T08:00:00.000"}}})}}));
    auto page = call("ListStreams", json(R"({"Limit": 1})"));
    QVERIFY_OK(page);
    QCOMPARE_JSON(page->at("LastEvaluatedStreamArn"), archive);
    page = call("ListStreams", Json{{"ExclusiveStartStreamArn", archive}});
    QVERIFY_OK(page);
    QCOMPARE(page->at("Streams").size(), size_t(1));
    QCOMPARE_JSON(page->at("Streams")[0].at("TableName"), "orders");
    auto described = call("DescribeStream", Json{{"StreamArn", orders}});
    QVERIFY_OK(described);
    Json description = described->at("StreamDescription");
    description.erase("Shards");
    QCOMPARE_JSON(description,
                  (Json{{"StreamArn", orders},
                        {"StreamLabel", "2027-01-15T08:00:00.000"},
                        {"StreamStatus", "ENABLED"},
                        {"StreamViewType", "KEYS_ONLY"},
                        {"CreationRequestDateTime", kStart},
                        {"TableName", "orders"},
                        {"KeySchema", json(R"([{"AttributeName": "pk", "KeyType": "HASH"},
                                                            {"AttributeName": "sk", "KeyType": "RANGE"}])")}}));
}

void StreamsTest::recordsSurviveReopen() {
    openWith(spec(true, "NEW_IMAGE"));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", 1)}}));
    const std::string arn = latestStreamArn();
    const std::string shard = shards(arn)[0].at("ShardId");
    const Json before = readAll(iterator(arn, shard, "TRIM_HORIZON"));
    QCOMPARE(before.size(), size_t(1));
    harness_->close();
    // The clock goes back: sequence numbers still grow past the stored ones.
    clock_ -= 3600;
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE(latestStreamArn(), arn);
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", 2)}}));
    clock_ += 3600;
    const Json after = readAll(iterator(arn, shard, "TRIM_HORIZON"));
    QCOMPARE(after.size(), size_t(2));
    QCOMPARE_JSON(after[0], before[0]);
    QVERIFY(std::string(after[1]["dynamodb"]["SequenceNumber"]) >
            std::string(after[0]["dynamodb"]["SequenceNumber"]));
    QCOMPARE_JSON(events(after), Json::array({change("INSERT", "a", 1), change("INSERT", "a", 2)}));
}

void StreamsTest::bulkLoadsAreRecorded() {
    openWith(spec(true, "NEW_AND_OLD_IMAGES"));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", key("a", 1)}}));
    // Sample data and item imports load in bulk; on a table with a stream they record too.
    auto loader = harness_->engine().beginBulkLoad("orders");
    QVERIFY(loader.ok());
    Item replaced = itemFromJson(key("a", 1)).value();
    replaced["v"] = AttributeValue::string("x");
    QVERIFY((*loader)->add({replaced, itemFromJson(key("b", 1)).value()}).ok());
    QVERIFY((*loader)->finish().ok());
    QVERIFY(harness_->engine().putItems("orders", {itemFromJson(key("c", 1)).value()}).ok());
    const std::string arn = latestStreamArn();
    const Json records = readAll(iterator(arn, shards(arn)[0].at("ShardId"), "TRIM_HORIZON"));
    QCOMPARE_JSON(events(records),
                  Json::array({change("INSERT", "a", 1), change("MODIFY", "a", 1),
                               change("INSERT", "b", 1), change("INSERT", "c", 1)}));
    QCOMPARE_JSON(records[1].at("dynamodb").at("OldImage"), key("a", 1));
    auto described = call("DescribeTable", json(R"({"TableName": "orders"})"));
    QVERIFY_OK(described);
    QCOMPARE(described->at("Table").at("ItemCount").get<int>(), 3);
}

void StreamsTest::wireTargets() {
    const auto operations = supportedOperations();
    for (const char* name : {"ListStreams", "DescribeStream", "GetShardIterator", "GetRecords"}) {
        QVERIFY(std::find(operations.begin(), operations.end(), name) != operations.end());
        QVERIFY(isStreamsOperation(name));
    }
    QVERIFY(!isStreamsOperation("PutItem"));
    QVERIFY(!isStreamsOperation("DescribeTable"));
}

QTEST_GUILESS_MAIN(StreamsTest)
#include "test_streams.moc"
