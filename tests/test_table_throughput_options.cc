// Table throughput options through dispatch(): OnDemandThroughput and WarmThroughput on
// CreateTable, UpdateTable and DescribeTable (DynamoDB's messages for each refusal), the
// capacity meter honouring them (a maximum throttles with MaxOnDemandThroughputExceeded, warm
// throughput is served at once), and the limit of four switches to PAY_PER_REQUEST a day.

#include <QtTest>

#include "api/dispatch.h"
#include "base/clock.h"
#include "capacity/capacity_rules.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class TableThroughputOptionsTest : public QObject {
    Q_OBJECT

  private slots:
    void onDemandThroughputIsCheckedStoredAndDescribed();
    void onDemandMaximumThrottlesWithItsReason();
    void warmThroughputIsCheckedAndServedAtOnce();
    void switchesToPayPerRequestAreLimitedToFourADay();
    void accountQuotaRefusesCreateAndUpdateTable();
    void indexOnDemandMaximumBackPressuresWrites();
};

namespace {

constexpr double kStart = 1'700'000'000;  // Tue Nov 14 22:13:20 UTC 2023

struct Fixture {
    SimulatedClock clock{kStart};
    std::unique_ptr<EngineHarness> harness;

    Fixture() {
        EngineOptions options;
        options.clock = clock.function();
        options.timeToLiveSweepSeconds = 0;
        harness = std::make_unique<EngineHarness>(options);
        if (!harness->open()) qFatal("%s", harness->error().c_str());
    }
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness->call(operation, request);
    }
};

Json table(const std::string& name, bool onDemand) {
    Json out = {{"TableName", name},
                {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
    if (onDemand)
        out["BillingMode"] = "PAY_PER_REQUEST";
    else
        out["ProvisionedThroughput"] = {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}};
    return out;
}

Json with(Json request, const char* member, Json value) {
    request[member] = std::move(value);
    return request;
}

Json describe(Fixture& f, const std::string& name) {
    auto described = f.call("DescribeTable", Json{{"TableName", name}});
    if (!described) qFatal("%s", described.error().message.c_str());
    return (*described)["Table"];
}

int putMany(Fixture& f, const std::string& name, int count, std::string* lastReason = nullptr) {
    int ok = 0;
    for (int i = 0; i < count; ++i) {
        auto put = f.call("PutItem", Json{{"TableName", name},
                                          {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}}}});
        if (put) {
            ++ok;
        } else if (lastReason) {
            *lastReason = put.error().extraJson;
        }
    }
    return ok;
}

}  // namespace

void TableThroughputOptionsTest::onDemandThroughputIsCheckedStoredAndDescribed() {
    Fixture f;
    QCOMPARE_VALIDATION(
        f.call("CreateTable",
               with(table("Prov", false), "OnDemandThroughput", {{"MaxReadRequestUnits", 100}})),
        "One or more parameter values were invalid: MaxReadRequestUnits for OnDemandThroughput "
        "cannot be specified when table BillingMode is PROVISIONED.");
    QCOMPARE_VALIDATION(
        f.call("CreateTable",
               with(table("Demand", true), "OnDemandThroughput", {{"MaxReadRequestUnits", 0}})),
        "One or more parameter values were invalid: Requested MaxReadRequestUnits for "
        "OnDemandThroughput for table is outside of valid range");
    QCOMPARE_ERROR(f.call("CreateTable", with(table("Demand", true), "OnDemandThroughput",
                                              {{"MaxWriteRequestUnits", 40001}})),
                   "LimitExceededException",
                   "Subscriber limit exceeded: Requested MaxWriteRequestUnits for "
                   "OnDemandThroughput for table exceeds TableMaxWriteCapacityUnits of the account "
                   "in region ddblocal");
    // Only the members set are described.
    QVERIFY_OK(f.call("CreateTable", with(table("Demand", true), "OnDemandThroughput",
                                          {{"MaxReadRequestUnits", 100}})));
    QCOMPARE_JSON(describe(f, "Demand")["OnDemandThroughput"],
                  (Json{{"MaxReadRequestUnits", 100}}));
    QVERIFY_OK(f.call("UpdateTable",
                      Json{{"TableName", "Demand"},
                           {"OnDemandThroughput",
                            {{"MaxReadRequestUnits", -1}, {"MaxWriteRequestUnits", 500}}}}));
    QCOMPARE_JSON(describe(f, "Demand")["OnDemandThroughput"],
                  (Json{{"MaxWriteRequestUnits", 500}}));
    // A table that never set one describes none.
    QVERIFY_OK(f.call("CreateTable", table("Plain", true)));
    QVERIFY(!describe(f, "Plain").contains("OnDemandThroughput"));
    QCOMPARE_VALIDATION(
        f.call("UpdateTable", Json{{"TableName", "Plain"},
                                   {"BillingMode", "PROVISIONED"},
                                   {"ProvisionedThroughput",
                                    {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}},
                                   {"OnDemandThroughput", {{"MaxReadRequestUnits", 5}}}}),
        "One or more parameter values were invalid: MaxReadRequestUnits for OnDemandThroughput "
        "cannot be specified when the table BillingMode is PROVISIONED");
}

void TableThroughputOptionsTest::onDemandMaximumThrottlesWithItsReason() {
    // MaxWriteRequestUnits 50: of 80 writes in one second, 50 are served; the others are
    // throttled with the reason TableWriteMaxOnDemandThroughputExceeded.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", with(table("Capped", true), "OnDemandThroughput",
                                          {{"MaxWriteRequestUnits", 50}})));
    QVERIFY_OK(f.call("UpdateTable",
                      Json{{"TableName", "Capped"}, {"ShardscapeCapacityEnforcement", "ENFORCE"}}));
    f.clock.advance(1);
    std::string reason;
    QCOMPARE(putMany(f, "Capped", 80, &reason), 50);
    const Json reasons = Json::parse(reason)["ThrottlingReasons"];
    QCOMPARE(reasons[0]["reason"].get<std::string>(),
             std::string("TableWriteMaxOnDemandThroughputExceeded"));
    QCOMPARE(reasons[0]["resource"].get<std::string>(),
             std::string("arn:aws:dynamodb:ddblocal:000000000000:table/Capped"));
}

void TableThroughputOptionsTest::warmThroughputIsCheckedAndServedAtOnce() {
    Fixture f;
    const std::string lower =
        "One or more parameter values were invalid: Requested ReadUnitsPerSecond for "
        "WarmThroughput for table is lower than ";
    QCOMPARE_VALIDATION(f.call("CreateTable", with(table("Warm", true), "WarmThroughput",
                                                   {{"ReadUnitsPerSecond", 1}})),
                        lower +
                            "initial throughput for OnDemand. See: "
                            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                            "on-demand-capacity-mode.html#on-demand-capacity-mode-initial");
    QCOMPARE_VALIDATION(f.call("CreateTable", with(table("Prov", false), "WarmThroughput",
                                                   {{"ReadUnitsPerSecond", 5}})),
                        lower + "ReadCapacityUnits of ProvisionedThroughput");
    QCOMPARE_ERROR(f.call("CreateTable", with(table("Warm", true), "WarmThroughput",
                                              {{"WriteUnitsPerSecond", 50000}})),
                   "LimitExceededException",
                   "Subscriber limit exceeded: Requested WriteUnitsPerSecond for WarmThroughput "
                   "for table exceeds TableMaxWriteCapacityUnits of the account in region "
                   "ddblocal");
    // Read only: the write figure is the on-demand initial 4,000.
    QVERIFY_OK(f.call("CreateTable", with(table("Warm", true), "WarmThroughput",
                                          {{"ReadUnitsPerSecond", 12001}})));
    QCOMPARE_JSON(
        describe(f, "Warm")["WarmThroughput"],
        (Json{{"ReadUnitsPerSecond", 12001}, {"WriteUnitsPerSecond", 4000}, {"Status", "ACTIVE"}}));
    QCOMPARE_VALIDATION(
        f.call("UpdateTable",
               Json{{"TableName", "Warm"}, {"WarmThroughput", {{"ReadUnitsPerSecond", 12000}}}}),
        lower + "current WarmThroughput, decreasing WarmThroughput is not supported");
    // Warmed to 8,000 writes a second, the table serves 6,000 in one second at once, where a
    // new on-demand table serves its initial 4,000.
    QVERIFY_OK(f.call("UpdateTable", Json{{"TableName", "Warm"},
                                          {"WarmThroughput", {{"WriteUnitsPerSecond", 8000}}}}));
    QCOMPARE(describe(f, "Warm")["WarmThroughput"]["WriteUnitsPerSecond"].get<int64_t>(),
             int64_t(8000));
    QVERIFY_OK(f.call("CreateTable", table("Cold", true)));
    for (const char* name : {"Warm", "Cold"})
        QVERIFY_OK(f.call("UpdateTable",
                          Json{{"TableName", name}, {"ShardscapeCapacityEnforcement", "ENFORCE"}}));
    f.clock.advance(1);
    QCOMPARE(putMany(f, "Warm", 6000), 6000);
    QCOMPARE(putMany(f, "Cold", 6000), 4000);
}

void TableThroughputOptionsTest::switchesToPayPerRequestAreLimitedToFourADay() {
    // "You can switch tables from provisioned capacity mode to on-demand mode up to four times
    // in a 24-hour rolling window"; back to provisioned at any time.
    Fixture f;
    QVERIFY_OK(f.call("CreateTable", table("Switch", false)));
    const Json toOnDemand = {{"TableName", "Switch"}, {"BillingMode", "PAY_PER_REQUEST"}};
    const Json toProvisioned = {
        {"TableName", "Switch"},
        {"BillingMode", "PROVISIONED"},
        {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}}}};
    for (int i = 0; i < 4; ++i) {
        QVERIFY_OK(f.call("UpdateTable", toOnDemand));
        f.clock.advance(60);
        QVERIFY_OK(f.call("UpdateTable", toProvisioned));
        f.clock.advance(60);
    }
    // The first switch was at kStart: the next is allowed 24 hours later.
    QCOMPARE_ERROR(f.call("UpdateTable", toOnDemand), "LimitExceededException",
                   "Subscriber limit exceeded: Update to PayPerRequest mode are limited to 4 "
                   "times in 1 day(s). Next update can be made at Wed Nov 15 22:13:20 UTC 2023");
    f.clock.set(kStart + 86400 + 1);
    QVERIFY_OK(f.call("UpdateTable", toOnDemand));
}

void TableThroughputOptionsTest::accountQuotaRefusesCreateAndUpdateTable() {
    // 80,000 RCU per account: two tables of 30,000 (one with a 10,000 RCU index) reserve
    // 70,000; a third asking 20,000 would make 90,000.
    Fixture f;
    auto provisioned = [](const std::string& name, int read) {
        Json t = table(name, false);
        t["ProvisionedThroughput"] = {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", 5}};
        return t;
    };
    QVERIFY_OK(f.call("CreateTable", provisioned("First", 30000)));
    Json second = provisioned("Second", 30000);
    second["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
    second["GlobalSecondaryIndexes"] = Json::array(
        {{{"IndexName", "ByG"},
          {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
          {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
          {"ProvisionedThroughput", {{"ReadCapacityUnits", 10000}, {"WriteCapacityUnits", 5}}}}});
    QVERIFY_OK(f.call("CreateTable", second));
    QCOMPARE_ERROR(f.call("CreateTable", provisioned("Third", 20000)), "LimitExceededException",
                   "This request would have caused the ReadCapacityUnits limit to be exceeded for "
                   "the account in ddblocal. Current ReadCapacityUnits reserved by the account: "
                   "70000. Limit: 80000. Requested: 20000. Refer to the Amazon DynamoDB Developer "
                   "Guide for current limits and how to request higher limits.");
    QVERIFY_OK(f.call("CreateTable", provisioned("Third", 10000)));
    // On-demand tables reserve nothing.
    QVERIFY_OK(f.call("CreateTable", table("Fourth", true)));
    // UpdateTable too: Third's own 10,000 are replaced, the others' 70,000 stay reserved.
    auto update = [](const std::string& name, int read) {
        return Json{
            {"TableName", name},
            {"ProvisionedThroughput", {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", 5}}}};
    };
    QCOMPARE_ERROR(f.call("UpdateTable", update("Third", 10001)), "LimitExceededException",
                   "This request would have caused the ReadCapacityUnits limit to be exceeded for "
                   "the account in ddblocal. Current ReadCapacityUnits reserved by the account: "
                   "70000. Limit: 80000. Requested: 10001. Refer to the Amazon DynamoDB Developer "
                   "Guide for current limits and how to request higher limits.");
    QVERIFY_OK(f.call("UpdateTable", update("Third", 9000)));
    // A switch from on demand to provisioned reserves its units as well.
    QCOMPARE_ERROR(
        f.call("UpdateTable", Json{{"TableName", "Fourth"},
                                   {"BillingMode", "PROVISIONED"},
                                   {"ProvisionedThroughput",
                                    {{"ReadCapacityUnits", 2000}, {"WriteCapacityUnits", 5}}}}),
        "LimitExceededException",
        "This request would have caused the ReadCapacityUnits limit to be exceeded for "
        "the account in ddblocal. Current ReadCapacityUnits reserved by the account: "
        "79000. Limit: 80000. Requested: 2000. Refer to the Amazon DynamoDB Developer "
        "Guide for current limits and how to request higher limits.");
}

void TableThroughputOptionsTest::indexOnDemandMaximumBackPressuresWrites() {
    // A GSI of an on-demand table with MaxWriteRequestUnits 30: of 50 writes (each writing the
    // index) in one second, 30 pass; the rest are throttled by the index, reason
    // IndexWriteMaxOnDemandThroughputExceeded with the index's ARN.
    Fixture f;
    Json create = table("Indexed", true);
    create["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
    Json index = {{"IndexName", "ByG"},
                  {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                  {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                  {"OnDemandThroughput", {{"MaxWriteRequestUnits", 40001}}}};
    create["GlobalSecondaryIndexes"] = Json::array({index});
    QCOMPARE_ERROR(f.call("CreateTable", create), "LimitExceededException",
                   "Subscriber limit exceeded: Requested MaxWriteRequestUnits for "
                   "OnDemandThroughput for index : ByG exceeds TableMaxWriteCapacityUnits of the "
                   "account in region ddblocal");
    create["GlobalSecondaryIndexes"][0]["OnDemandThroughput"] = {{"MaxWriteRequestUnits", 30}};
    QVERIFY_OK(f.call("CreateTable", create));
    QCOMPARE_JSON(describe(f, "Indexed")["GlobalSecondaryIndexes"][0]["OnDemandThroughput"],
                  (Json{{"MaxWriteRequestUnits", 30}}));
    QVERIFY_OK(f.call("UpdateTable", Json{{"TableName", "Indexed"},
                                          {"ShardscapeCapacityEnforcement", "ENFORCE"}}));
    f.clock.advance(1);
    int ok = 0;
    std::string reason;
    for (int i = 0; i < 50; ++i) {
        auto put = f.call("PutItem", Json{{"TableName", "Indexed"},
                                          {"Item",
                                           {{"pk", {{"S", "k" + std::to_string(i)}}},
                                            {"g", {{"S", "g" + std::to_string(i)}}}}}});
        if (put)
            ++ok;
        else
            reason = put.error().extraJson;
    }
    QCOMPARE(ok, 30);
    const Json reasons = Json::parse(reason)["ThrottlingReasons"];
    QCOMPARE(reasons[0]["reason"].get<std::string>(),
             std::string("IndexWriteMaxOnDemandThroughputExceeded"));
    QCOMPARE(reasons[0]["resource"].get<std::string>(),
             std::string("arn:aws:dynamodb:ddblocal:000000000000:table/Indexed/index/ByG"));
}

QTEST_GUILESS_MAIN(TableThroughputOptionsTest)
#include "test_table_throughput_options.moc"
