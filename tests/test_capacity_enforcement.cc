// Capacity enforcement of real requests through dispatch(): throttling of a hot key (and none
// with enforcement off), on-demand throttling, GSI back-pressure, the write capacity a failed
// condition consumes, batch writes left unprocessed, and the per-second, per-partition
// counters the engine records.

#include <QtTest>

#include <numeric>

#include "api/dispatch.h"
#include "base/clock.h"
#include "capacity/capacity_rules.h"
#include "operation_test_support.h"
#include "storage/storage_layout.h"

using namespace shardscape;
using namespace shardscape::testing;

class CapacityEnforcementTest : public QObject {
    Q_OBJECT

  private slots:
    void settingIsReachableThroughUpdateTable();
    void hotKeyThrottlesWithEnforcementOnly();
    void burstDrainsThenThrottles();
    void onDemandThrottlesWithThrottlingException();
    void globalIndexBackPressuresTableWrites();
    void failedConditionConsumesWriteCapacity();
    void batchWriteLeavesRefusedItemsUnprocessed();
    void countersEqualTheRequestsMade();
    void engineOptionMetersEveryTable();
    void throttlesCarryThrottlingReasons();
    void timeToLiveDeletesConsumeNothing();
    void tableQuotaRefusesCreateAndUpdate();
    void switchingToOnDemandKeepsPartitionsAndPeak();
};

namespace {

constexpr double kStart = 1'000'000;

struct Fixture {
    SimulatedClock clock{kStart};
    std::unique_ptr<EngineHarness> harness;

    explicit Fixture(std::optional<CapacityEnforcement> all = std::nullopt) {
        EngineOptions options;
        options.clock = clock.function();
        options.timeToLiveSweepSeconds = 0;
        options.capacityEnforcement = all;
        harness = std::make_unique<EngineHarness>(options);
        if (!harness->open()) qFatal("%s", harness->error().c_str());
    }
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness->call(operation, request);
    }
    Engine& engine() { return harness->engine(); }
};

Json provisionedTable(const std::string& name, int read, int write) {
    return {
        {"TableName", name},
        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
        {"ProvisionedThroughput", {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}}}};
}

Json putRequest(const std::string& table, const std::string& key) {
    return {{"TableName", table}, {"Item", {{"pk", {{"S", key}}}, {"v", {{"N", "1"}}}}}};
}

bool enforce(Fixture& f, const std::string& table, const char* mode) {
    return f
        .call("UpdateTable", Json{{"TableName", table}, {"ShardscapeCapacityEnforcement", mode}})
        .ok();
}

// Issues `count` PutItems of one small item to `key`, all within the current second.
std::pair<int, int> putMany(Fixture& f, const std::string& table, const std::string& key, int count,
                            std::string* lastError = nullptr) {
    int ok = 0, throttled = 0;
    for (int i = 0; i < count; ++i) {
        auto put = f.call("PutItem", putRequest(table, key));
        if (put) {
            ++ok;
        } else {
            ++throttled;
            if (lastError) *lastError = put.error().name() + ": " + put.error().message;
        }
    }
    return {ok, throttled};
}

}  // namespace

void CapacityEnforcementTest::settingIsReachableThroughUpdateTable() {
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Events", 5, 5)));
    QVERIFY(!f.engine().capacityRecorder("Events"));
    auto updated = f.call(
        "UpdateTable", Json{{"TableName", "Events"}, {"ShardscapeCapacityEnforcement", "ENFORCE"}});
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated->at("TableDescription").at("ShardscapeCapacityEnforcement"), "ENFORCE");
    QVERIFY(f.engine().capacityRecorder("Events"));
    // Kept in the catalog across a reopen.
    f.harness->close();
    QVERIFY(f.harness->open());
    auto described = f.call("DescribeTable", Json{{"TableName", "Events"}});
    QVERIFY_OK(described);
    QCOMPARE_JSON(described->at("Table").at("ShardscapeCapacityEnforcement"), "ENFORCE");
    QVERIFY(f.engine().capacityRecorder("Events"));
    // OFF removes the member and the meter.
    QVERIFY(enforce(f, "Events", "OFF"));
    described = f.call("DescribeTable", Json{{"TableName", "Events"}});
    QVERIFY(!described->at("Table").contains("ShardscapeCapacityEnforcement"));
    QVERIFY(!f.engine().capacityRecorder("Events"));
    auto bad = f.call("UpdateTable", Json{{"TableName", "Events"},
                                          {"ShardscapeCapacityEnforcement", "SOMETIMES"}});
    QVERIFY(!bad);
    QCOMPARE(bad.error().name(), std::string("ValidationException"));
}

void CapacityEnforcementTest::hotKeyThrottlesWithEnforcementOnly() {
    // One partition (10 WCU provisioned, burst full: 3,000 units) serves at most 1,000 WCU
    // in a second: the partition maximum.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Hot", 10, 10)));
    auto [ok, throttled] = putMany(f, "Hot", "device-1", 1100);
    QCOMPARE(ok, 1100);  // enforcement off: nothing throttles
    QCOMPARE(throttled, 0);

    QVERIFY(enforce(f, "Hot", "ENFORCE"));
    f.clock.advance(1);
    std::string error;
    std::tie(ok, throttled) = putMany(f, "Hot", "device-1", 1100, &error);
    QCOMPARE(ok, 1000);
    QCOMPARE(throttled, 100);
    QCOMPARE(error, std::string("ProvisionedThroughputExceededException: The level of configured "
                                "provisioned throughput for the table was exceeded. Consider "
                                "increasing your provisioning level with the UpdateTable API."));
    // Partition-level throttling "operates independently for reads and writes": with its
    // 1,000 WCU spent, the partition still serves a read this second. The next second has
    // write capacity again.
    const Json get = {{"TableName", "Hot"}, {"Key", {{"pk", {{"S", "device-1"}}}}}};
    QVERIFY_OK(f.call("GetItem", get));
    f.clock.advance(1);
    QVERIFY_OK(f.call("PutItem", putRequest("Hot", "device-1")));
}

void CapacityEnforcementTest::burstDrainsThenThrottles() {
    // 100 WCU provisioned, burst holds 300 s of it (30,000 units). At 300 WCU a second the
    // burst drains by 200 a second: 150 seconds without a throttle, then 100 a second.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Burst", 100, 100)));
    QVERIFY(enforce(f, "Burst", "ENFORCE"));
    int firstThrottle = -1;
    for (int second = 0; second < 160; ++second) {
        f.clock.set(kStart + 10 + second);
        auto [ok, throttled] = putMany(f, "Burst", numbered("k", second), 300);
        if (throttled > 0 && firstThrottle < 0) {
            firstThrottle = second;
            QCOMPARE(ok, 300 - throttled);
        }
        if (second == 159) QCOMPARE(ok, 100);  // burst gone: the provisioned rate only
    }
    QCOMPARE(firstThrottle, 150);
}

void CapacityEnforcementTest::onDemandThrottlesWithThrottlingException() {
    Fixture f;
    Json create = provisionedTable("Demand", 1, 1);
    create.erase("ProvisionedThroughput");
    create["BillingMode"] = "PAY_PER_REQUEST";
    QVERIFY_OK(f.call("CreateTable", create));
    QVERIFY(enforce(f, "Demand", "ENFORCE"));
    std::string error;
    auto [ok, throttled] = putMany(f, "Demand", "hot", 1100, &error);
    QCOMPARE(ok, 1000);  // a partition's maximum, far below the table's 4,000
    QCOMPARE(throttled, 100);
    QCOMPARE(error, "ThrottlingException: " + rules::onDemandThrottling().message);
}

void CapacityEnforcementTest::globalIndexBackPressuresTableWrites() {
    // The index has 1 WCU (and 300 units of burst); the table has plenty. Writes that the
    // index cannot take are refused and not stored.
    Fixture f;
    Json create = provisionedTable("Orders", 100, 1000);
    create["AttributeDefinitions"].push_back({{"AttributeName", "status"}, {"AttributeType", "S"}});
    create["GlobalSecondaryIndexes"] = {
        {{"IndexName", "ByStatus"},
         {"KeySchema", {{{"AttributeName", "status"}, {"KeyType", "HASH"}}}},
         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
         {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}};
    QVERIFY_OK(f.call("CreateTable", create));
    QVERIFY(enforce(f, "Orders", "ENFORCE"));
    int ok = 0;
    std::string error;
    for (int i = 0; i < 400; ++i) {
        Json put = putRequest("Orders", numbered("order-", i));
        put["Item"]["status"] = {{"S", "OPEN"}};
        auto written = f.call("PutItem", put);
        if (written)
            ++ok;
        else
            error = written.error().name() + ": " + written.error().message;
    }
    QCOMPARE(ok, 301);
    QCOMPARE(error, "ProvisionedThroughputExceededException: " +
                        rules::indexProvisionedThroughputExceeded().message);
    // The refused writes were not stored; items without the index key are not held back.
    auto missing =
        f.call("GetItem", Json{{"TableName", "Orders"}, {"Key", {{"pk", {{"S", "order-399"}}}}}});
    QVERIFY_OK(missing);
    QVERIFY(!missing->contains("Item"));
    QVERIFY_OK(f.call("PutItem", putRequest("Orders", "no-status")));
    f.clock.advance(1);
    auto snapshot = f.engine().capacityRecorder("Orders");
    QVERIFY(snapshot);
    QCOMPARE(snapshot->resources.size(), size_t(2));
    QCOMPARE(snapshot->resources[1].name, std::string("ByStatus"));
    QCOMPARE(snapshot->resources[1].totalWrite, 301.0);
    QCOMPARE(snapshot->resources[1].throttled, 99.0);
    QCOMPARE(snapshot->resources[0].totalWrite, 302.0);
}

void CapacityEnforcementTest::failedConditionConsumesWriteCapacity() {
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Cond", 100, 100)));
    QVERIFY(enforce(f, "Cond", "RECORD"));
    Json item = itemOfSize({{"pk", {{"S", "a"}}}}, 3000);
    QVERIFY_OK(f.call("PutItem", Json{{"TableName", "Cond"}, {"Item", item}}));  // 3 WCU
    // AWS: a failed condition consumes by the existing item's size, and the error carries no
    // ConsumedCapacity even when it was asked for.
    auto failed = f.call("PutItem", Json{{"TableName", "Cond"},
                                         {"Item", {{"pk", {{"S", "a"}}}}},
                                         {"ConditionExpression", "attribute_not_exists(pk)"},
                                         {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY(!failed);
    QCOMPARE(failed.error().name(), std::string("ConditionalCheckFailedException"));
    QVERIFY(failed.error().extraJson.find("ConsumedCapacity") == std::string::npos);
    // ... and one unit when there is no item.
    auto absent = f.call("DeleteItem", Json{{"TableName", "Cond"},
                                            {"Key", {{"pk", {{"S", "none"}}}}},
                                            {"ConditionExpression", "attribute_exists(pk)"}});
    QVERIFY(!absent);
    f.clock.advance(1);
    auto snapshot = f.engine().capacityRecorder("Cond");
    QVERIFY(snapshot);
    QCOMPARE(snapshot->resources[0].consumedWrite, std::vector<float>({7.0f}));
}

void CapacityEnforcementTest::batchWriteLeavesRefusedItemsUnprocessed() {
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Batch", 10, 10)));
    QVERIFY(enforce(f, "Batch", "ENFORCE"));
    QCOMPARE(putMany(f, "Batch", "fill", 990).first, 990);  // 10 units left this second
    Json puts = Json::array();
    for (int i = 0; i < 25; ++i)
        puts.push_back({{"PutRequest", {{"Item", {{"pk", {{"S", numbered("b", i)}}}}}}}});
    auto batch = f.call("BatchWriteItem", Json{{"RequestItems", {{"Batch", puts}}}});
    QVERIFY_OK(batch);
    QCOMPARE(batch->at("UnprocessedItems").at("Batch").size(), size_t(15));
    // Nothing left at all: the whole batch fails with the throttling error.
    auto refused = f.call("BatchWriteItem", Json{{"RequestItems", {{"Batch", puts}}}});
    QVERIFY(!refused);
    QCOMPARE(refused.error().name(), std::string("ProvisionedThroughputExceededException"));
    // A new second, new capacity.
    f.clock.advance(1);
    auto next = f.call("BatchWriteItem", Json{{"RequestItems", {{"Batch", puts}}}});
    QVERIFY_OK(next);
    QCOMPARE(next->at("UnprocessedItems").size(), size_t(0));
}

void CapacityEnforcementTest::countersEqualTheRequestsMade() {
    // 4,000 WCU: four partitions. Each second's consumed units and throttles, per partition,
    // are exactly what the requests cost.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Counted", 3000, 3000)));
    QVERIFY(enforce(f, "Counted", "RECORD"));
    f.clock.set(kStart + 5.25);  // the meter starts at kStart
    const std::vector<std::string> keys = {"alpha", "beta", "gamma", "delta", "epsilon"};
    std::map<uint64_t, double> writes, reads;  // by key hash
    for (int round = 0; round < 3; ++round)
        for (size_t k = 0; k < keys.size(); ++k) {
            const Json item = itemOfSize({{"pk", {{"S", keys[k]}}}}, 1500 * (k + 1));
            QVERIFY_OK(f.call("PutItem", Json{{"TableName", "Counted"}, {"Item", item}}));
            const uint64_t hash = layout::partitionHash(AttributeValue::string(keys[k]));
            // The first put writes a new item; later ones replace one of the same size.
            writes[hash] += std::ceil(1500.0 * (k + 1) / 1024);
        }
    f.clock.set(kStart + 6.5);
    for (size_t k = 0; k < keys.size(); ++k) {
        QVERIFY_OK(f.call("GetItem", Json{{"TableName", "Counted"},
                                          {"Key", {{"pk", {{"S", keys[k]}}}}},
                                          {"ConsistentRead", true}}));
        reads[layout::partitionHash(AttributeValue::string(keys[k]))] +=
            std::ceil(1500.0 * (k + 1) / 4096);
    }
    f.clock.set(kStart + 8);
    auto snapshot = f.engine().capacityRecorder("Counted");
    QVERIFY(snapshot);
    QCOMPARE(snapshot->seconds, 8);
    QCOMPARE(snapshot->startSecond, kStart);
    const ResourceReport& table = snapshot->resources.at(0);
    QCOMPARE(table.finalPartitionCount, 4);
    double allWrites = 0, allReads = 0;
    for (const auto& [hash, units] : writes) allWrites += units;
    for (const auto& [hash, units] : reads) allReads += units;
    QCOMPARE(table.consumedWrite.size(), size_t(8));
    QCOMPARE(double(table.consumedWrite[5]), allWrites);
    QCOMPARE(double(table.consumedRead[6]), allReads);
    QCOMPARE(double(table.consumedWrite[4] + table.consumedWrite[6] + table.consumedWrite[7]), 0.0);
    QCOMPARE(table.throttled, 0.0);
    QCOMPARE(double(table.capacityWrite[0]), 3000.0);
    QCOMPARE(table.partitions.size(), size_t(4));
    for (const PartitionSeries& partition : table.partitions) {
        double w = 0, r = 0;
        for (const auto& [hash, units] : writes)
            if (hash >= partition.firstHash && hash <= partition.lastHash) w += units;
        for (const auto& [hash, units] : reads)
            if (hash >= partition.firstHash && hash <= partition.lastHash) r += units;
        QCOMPARE(partition.firstSecond, 0);
        QCOMPARE(double(partition.consumedWrite.at(5)), w);
        QCOMPARE(double(partition.consumedRead.at(6)), r);
    }
    // The same shape as a simulation report's resources.
    const Json json = snapshot->toJson();
    QCOMPARE_JSON(json.at("resources").at(0).at("seconds").at("consumedWriteUnits").at(5),
                  allWrites);
    QCOMPARE_JSON(json.at("capacityEnforcement"), "RECORD");
}

void CapacityEnforcementTest::engineOptionMetersEveryTable() {
    Fixture f(CapacityEnforcement::Enforce);
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Everywhere", 10, 10)));
    auto [ok, throttled] = putMany(f, "Everywhere", "k", 1001);
    QCOMPARE(ok, 1000);
    QCOMPARE(throttled, 1);
    // Query and Scan are charged too: 1,000 items of ~10 bytes is one 4 KB unit... per page.
    f.clock.advance(1);
    auto query = f.call("Query", Json{{"TableName", "Everywhere"},
                                      {"KeyConditionExpression", "pk = :k"},
                                      {"ExpressionAttributeValues", {{":k", {{"S", "k"}}}}}});
    QVERIFY_OK(query);
    QVERIFY_OK(f.call("Scan", Json{{"TableName", "Everywhere"}}));
    f.clock.advance(1);
    auto snapshot = f.engine().capacityRecorder("Everywhere");
    QVERIFY(snapshot);
    QCOMPARE(snapshot->resources[0].consumedRead.back(), 1.0f);  // two half units
}

void CapacityEnforcementTest::throttlesCarryThrottlingReasons() {
    // DynamoDB's throttling errors carry ThrottlingReasons: [{reason, resource}], the reason
    // ResourceType + OperationType + LimitType (API reference, ThrottlingReason).
    Fixture f(CapacityEnforcement::Enforce);
    const std::string arn = "arn:aws:dynamodb:ddblocal:000000000000:table/";
    auto reasonsOf = [](const Result<Json>& refused) {
        if (refused) qFatal("expected a throttle");
        return errorBody(refused.error()).value("ThrottlingReasons", Json());
    };
    auto one = [](const std::string& reason, const std::string& resource) {
        return Json::array({{{"reason", reason}, {"resource", resource}}});
    };
    // A hot key: the partition's 1,000 WCU are spent (10 WCU and a full burst of 3,000 would
    // allow more): the key range's limit.
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Hot", 10, 10)));
    QCOMPARE(putMany(f, "Hot", "device-1", 1000).first, 1000);
    const Result<Json> hot = f.call("PutItem", putRequest("Hot", "device-1"));
    QCOMPARE(reasonsOf(hot), one("TableWriteKeyRangeThroughputExceeded", arn + "Hot"));
    QCOMPARE(
        errorBody(hot.error())["__type"].get<std::string>(),
        std::string("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"));
    // 1 WCU and 1 RCU with their burst (300 units each): the 302nd write and the 302nd
    // strongly consistent read of one second exceed the provisioned throughput.
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Small", 1, 1)));
    QCOMPARE(putMany(f, "Small", "k", 301).first, 301);
    QCOMPARE(reasonsOf(f.call("PutItem", putRequest("Small", "k"))),
             one("TableWriteProvisionedThroughputExceeded", arn + "Small"));
    const Json get = {
        {"TableName", "Small"}, {"Key", {{"pk", {{"S", "k"}}}}}, {"ConsistentRead", true}};
    for (int i = 0; i < 301; ++i) QVERIFY_OK(f.call("GetItem", get));
    QCOMPARE(reasonsOf(f.call("GetItem", get)),
             one("TableReadProvisionedThroughputExceeded", arn + "Small"));
    // A global secondary index that cannot take the write: the index's reason and ARN.
    Json create = provisionedTable("Orders", 100, 1000);
    create["AttributeDefinitions"].push_back({{"AttributeName", "status"}, {"AttributeType", "S"}});
    create["GlobalSecondaryIndexes"] = {
        {{"IndexName", "ByStatus"},
         {"KeySchema", {{{"AttributeName", "status"}, {"KeyType", "HASH"}}}},
         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
         {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}};
    QVERIFY_OK(f.call("CreateTable", create));
    Result<Json> refused = Json();
    for (int i = 0; i < 302 && refused; ++i) {
        Json put = putRequest("Orders", numbered("order-", i));
        put["Item"]["status"] = {{"S", "OPEN"}};
        refused = f.call("PutItem", put);
    }
    QCOMPARE(reasonsOf(refused),
             one("IndexWriteProvisionedThroughputExceeded", arn + "Orders/index/ByStatus"));
    // On demand, a hot key over its partition's 1,000 WRU: ThrottlingException, key range.
    Json demand = provisionedTable("Demand", 1, 1);
    demand.erase("ProvisionedThroughput");
    demand["BillingMode"] = "PAY_PER_REQUEST";
    QVERIFY_OK(f.call("CreateTable", demand));
    QCOMPARE(putMany(f, "Demand", "hot", 1000).first, 1000);
    const Result<Json> onDemand = f.call("PutItem", putRequest("Demand", "hot"));
    QCOMPARE(onDemand.error().name(), std::string("ThrottlingException"));
    QCOMPARE(reasonsOf(onDemand), one("TableWriteKeyRangeThroughputExceeded", arn + "Demand"));
}

void CapacityEnforcementTest::timeToLiveDeletesConsumeNothing() {
    // AWS: TTL deletes consume no write throughput and are not throttled. A 1 WCU table with
    // ENFORCE: 5 expired items (5 WCU of puts over 5 seconds), all 5 deleted by one sweep in
    // one second, and the recording shows none of it.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Ttl", 1, 1)));
    QVERIFY_OK(f.call("UpdateTimeToLive", Json{{"TableName", "Ttl"},
                                               {"TimeToLiveSpecification",
                                                {{"AttributeName", "exp"}, {"Enabled", true}}}}));
    QVERIFY(enforce(f, "Ttl", "ENFORCE"));
    for (int i = 0; i < 5; ++i) {
        f.clock.advance(1);
        QVERIFY_OK(f.call(
            "PutItem",
            Json{{"TableName", "Ttl"},
                 {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}, {"exp", {{"N", "1000"}}}}}}));
    }
    f.clock.advance(1);
    QCOMPARE(*f.engine().sweepExpiredItems(), int64_t(5));
    f.clock.advance(1);
    auto snapshot = f.engine().capacityRecorder("Ttl");
    QVERIFY(snapshot);
    const std::vector<float>& writes = snapshot->resources[0].consumedWrite;
    QCOMPARE(std::accumulate(writes.begin(), writes.end(), 0.0), 5.0);  // the puts only
    QCOMPARE(writes.back(), 0.0f);
    QCOMPARE(std::accumulate(snapshot->resources[0].throttledRequests.begin(),
                             snapshot->resources[0].throttledRequests.end(), 0.0),
             0.0);
}

void CapacityEnforcementTest::tableQuotaRefusesCreateAndUpdate() {
    // DynamoDB's default per-table quota: 40,000 RCU and 40,000 WCU; 40,000 is accepted.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("AtQuota", 40000, 40000)));
    auto refused = f.call("CreateTable", provisionedTable("Above", 40001, 5));
    QVERIFY(!refused);
    QCOMPARE(refused.error().name(), std::string("LimitExceededException"));
    QCOMPARE(refused.error().message,
             std::string("The requested ReadCapacityUnits, 40001, is above the per table maximum "
                         "for the account in ddblocal. Per table maximum: 40000. Refer to the "
                         "Amazon DynamoDB Developer Guide for current limits and how to request "
                         "higher limits."));
    QVERIFY(!f.call("DescribeTable", Json{{"TableName", "Above"}}));
    auto update = f.call(
        "UpdateTable",
        Json{{"TableName", "AtQuota"},
             {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 45000}}}});
    QVERIFY(!update);
    QCOMPARE(update.error().message,
             std::string("The requested WriteCapacityUnits, 45000, is above the per table "
                         "maximum for the account in ddblocal. Per table maximum: 40000. Refer "
                         "to the Amazon DynamoDB Developer Guide for current limits and how to "
                         "request higher limits."));
}

void CapacityEnforcementTest::switchingToOnDemandKeepsPartitionsAndPeak() {
    // Provisioned at 8,000 WCU (8 partitions), switched to on demand: the table keeps its
    // partitions (16 with the on-demand headroom) and serves 8,000 WCU at once, where a new
    // on-demand table serves 4,000. 6,000 writes to distinct keys in one second.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", provisionedTable("Warm", 1, 8000)));
    QVERIFY(enforce(f, "Warm", "ENFORCE"));
    f.clock.advance(1);
    QVERIFY_OK(
        f.call("UpdateTable", Json{{"TableName", "Warm"}, {"BillingMode", "PAY_PER_REQUEST"}}));
    f.clock.advance(1);
    int ok = 0;
    for (int i = 0; i < 6000; ++i)
        if (f.call("PutItem", putRequest("Warm", "key-" + std::to_string(i)))) ++ok;
    QCOMPARE(ok, 6000);
    f.clock.advance(1);
    auto snapshot = f.engine().capacityRecorder("Warm");
    QVERIFY(snapshot);
    QCOMPARE(snapshot->resources[0].mode, BillingMode::PayPerRequest);
    // ceil(1 / 3,000 + 8,000 / 1,000) = 9 provisioned partitions, doubled once: 18 open.
    int open = 0;
    for (const PartitionSeries& p : snapshot->resources[0].partitions)
        if (p.endSecond < 0) ++open;
    QCOMPARE(open, 18);
}

QTEST_GUILESS_MAIN(CapacityEnforcementTest)
#include "test_capacity_enforcement.moc"
