// A deleted table's stream stays readable for 24 hours, as DynamoDB keeps it ("DeleteTable":
// "If you have DynamoDB Streams enabled on the table, then the corresponding stream on that
// table goes into the DISABLED state, and the stream is automatically deleted after 24
// hours"), across a reopen of the data directory, beside a new table of the same name; then
// it goes. The clock is simulated.
#include <QTest>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

constexpr double kStart = 1800000000.0;  // 2027-01-15T08:00:00Z

Json ordersTable(bool stream) {
    Json table = json(R"({"TableName": "orders",
                          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                          "BillingMode": "PAY_PER_REQUEST"})");
    if (stream)
        table["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}};
    return table;
}

Json item(const std::string& pk) {
    return Json{{"pk", {{"S", pk}}}};
}

}  // namespace

class DeletedTableStreamsTest : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void cleanup() { harness_.reset(); }
    void readableForADayAfterTheDelete();
    void aTableWithoutAStreamLeavesNothing();

  private:
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    std::string latestStreamArn();
    Json describeStream(const std::string& arn);
    // The eventName and key of every record of the stream's shards, from TRIM_HORIZON.
    std::vector<std::string> records(const std::string& arn);
    Json listedArns();

    double clock_ = kStart;
    std::unique_ptr<EngineHarness> harness_;
};

void DeletedTableStreamsTest::init() {
    clock_ = kStart;
    EngineOptions options;
    options.clock = [this] { return clock_; };
    options.timeToLiveSweepSeconds = 0;
    harness_ = std::make_unique<EngineHarness>(options);
    QVERIFY2(harness_->open(), harness_->error().c_str());
}

std::string DeletedTableStreamsTest::latestStreamArn() {
    auto described = call("DescribeTable", Json{{"TableName", "orders"}});
    if (!described) return "error: " + describe(described);
    return (*described)["Table"].value("LatestStreamArn", "");
}

Json DeletedTableStreamsTest::describeStream(const std::string& arn) {
    auto described = call("DescribeStream", Json{{"StreamArn", arn}});
    if (!described) return Json(describe(described));
    return (*described)["StreamDescription"];
}

std::vector<std::string> DeletedTableStreamsTest::records(const std::string& arn) {
    std::vector<std::string> out;
    for (const Json& shard : describeStream(arn).value("Shards", Json::array())) {
        auto iterator = call("GetShardIterator", Json{{"StreamArn", arn},
                                                      {"ShardId", shard["ShardId"]},
                                                      {"ShardIteratorType", "TRIM_HORIZON"}});
        if (!iterator) return {"error: " + describe(iterator)};
        Json next = (*iterator)["ShardIterator"];
        for (int guard = 0; guard < 20 && next.is_string(); ++guard) {
            auto got = call("GetRecords", Json{{"ShardIterator", next}});
            if (!got) return {"error: " + describe(got)};
            for (const Json& record : (*got)["Records"])
                out.push_back(record["eventName"].get<std::string>() + " " +
                              record["dynamodb"]["Keys"]["pk"]["S"].get<std::string>());
            if ((*got)["Records"].empty()) break;
            next = got->value("NextShardIterator", Json());
        }
    }
    return out;
}

Json DeletedTableStreamsTest::listedArns() {
    auto listed = call("ListStreams", Json::object());
    if (!listed) return Json(describe(listed));
    Json arns = Json::array();
    for (const Json& stream : (*listed)["Streams"]) arns.push_back(stream["StreamArn"]);
    return arns;
}

void DeletedTableStreamsTest::readableForADayAfterTheDelete() {
    QVERIFY_OK(call("CreateTable", ordersTable(true)));
    for (const char* pk : {"a", "b"})
        QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", item(pk)}}));
    const std::string arn = latestStreamArn();
    QCOMPARE(describeStream(arn)["StreamStatus"], Json("ENABLED"));

    clock_ += 60;
    QVERIFY_OK(call("DeleteTable", Json{{"TableName", "orders"}}));
    QCOMPARE_JSON(listedArns(), Json::array({arn}));
    Json description = describeStream(arn);
    QCOMPARE(description["StreamStatus"], Json("DISABLED"));
    QCOMPARE(description["TableName"], Json("orders"));
    QCOMPARE(description["StreamViewType"], Json("NEW_IMAGE"));
    QVERIFY(description["Shards"].back()["SequenceNumberRange"].contains("EndingSequenceNumber"));
    QCOMPARE(records(arn), (std::vector<std::string>{"INSERT a", "INSERT b"}));

    // Kept across a reopen, beside a new table of the same name and its own stream.
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE(records(arn), (std::vector<std::string>{"INSERT a", "INSERT b"}));
    clock_ += 60;
    QVERIFY_OK(call("CreateTable", ordersTable(true)));
    const std::string newArn = latestStreamArn();
    QVERIFY(newArn != arn);
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", item("c")}}));
    QCOMPARE(records(newArn), (std::vector<std::string>{"INSERT c"}));
    QCOMPARE(records(arn), (std::vector<std::string>{"INSERT a", "INSERT b"}));
    Json both = listedArns();
    QCOMPARE(both.size(), size_t(2));

    // A day after the delete its records are past retention and the stream goes, for good.
    clock_ = kStart + 60 + 24 * 3600 + 1;
    QVERIFY(harness_->engine().trimStreams().ok());
    QCOMPARE_JSON(listedArns(), Json::array({newArn}));
    QCOMPARE_ERROR(call("DescribeStream", Json{{"StreamArn", arn}}), "ResourceNotFoundException",
                   "Requested resource not found: Stream: " + arn + " not found");
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE_JSON(listedArns(), Json::array({newArn}));
    QCOMPARE(records(newArn), (std::vector<std::string>{"INSERT c"}));
}

void DeletedTableStreamsTest::aTableWithoutAStreamLeavesNothing() {
    QVERIFY_OK(call("CreateTable", ordersTable(false)));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "orders"}, {"Item", item("a")}}));
    QVERIFY_OK(call("DeleteTable", Json{{"TableName", "orders"}}));
    QCOMPARE_JSON(listedArns(), Json::array());
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE_JSON(listedArns(), Json::array());
}

QTEST_GUILESS_MAIN(DeletedTableStreamsTest)
#include "test_deleted_table_streams.moc"
