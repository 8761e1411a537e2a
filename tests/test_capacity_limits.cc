// Capacity limits (issue 22, points 3, 6, 8 and 9): on-demand initial throughput and mode
// switches, quotas, Time to Live deletes and the cost estimate. One named test per rule, each
// with its expected figures computed here from AWS's rule, not by the code under test; the
// proof scenarios "pre-warming by switching modes" and "quota refused".

#include <QtTest>

#include <cmath>

#include "capacity/capacity_model.h"
#include "capacity/capacity_rules.h"
#include "simulation/simulator.h"
#include "simulation/workload_execution.h"

using namespace shardscape;

class CapacityLimitsTest : public QObject {
    Q_OBJECT

  private slots:
    void newOnDemandTableServesItsInitialThroughput();
    void switchingToOnDemandKeepsPartitionsAndPeak();
    void preWarmingBySwitchingModesProofScenario();
    void switchesToOnDemandAreLimitedToFourADay();
    void warmThroughputIsServedAtOnce();
    void quotaRefusedProofScenario();
    void accountQuotaCountsEveryTableAndIndex();
    void onDemandMaximumAndQuotaThrottleWithTheirReasons();
    void autoScalingStopsAtTheTableQuota();
    void timeToLiveDeletesAreFreeAndDelayed();
    void costBillsWhatWasAskedEachResourceInItsMode();
    void reportsListTheNewRules();
};

namespace {

std::string readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

Json scenarioJson(const char* name) {
    return Json::parse(readFile(QString(SHARDSCAPE_SCENARIOS) + "/" + name + ".json"));
}

Scenario parse(const Json& json) {
    auto scenario = Scenario::fromJson(json);
    if (!scenario) qFatal("%s", scenario.error().message.c_str());
    return *scenario;
}

SimulationReport run(const Scenario& scenario) {
    auto report = simulate(scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

bool within(double value, double expected, double tolerance) {
    return std::abs(value - expected) <= tolerance * std::abs(expected);
}

QByteArray figures(double value, double expected) {
    return QByteArray::number(value, 'f', 4) + " vs " + QByteArray::number(expected, 'f', 4);
}

Json table(const char* name, Json capacity) {
    Json out = {
        {"name", name}, {"partitionKey", "pk"}, {"itemCount", 100000}, {"itemSizeBytes", 1000}};
    out.merge_patch(capacity);
    return out;
}

Json stream(const char* name, const char* tableName, const char* operation, double rate,
            double keyCount = 100000) {
    return {{"name", name},
            {"table", tableName},
            {"operation", operation},
            {"itemSizeBytes", 1000},
            {"rate", {{"type", "constant"}, {"rate", rate}}},
            {"keys", {{"distribution", "uniform"}, {"keyCount", keyCount}, {"prefix", "k-"}}}};
}

Json scenario(const Json& tables, const Json& workload, double seconds) {
    return {{"name", "limits"},
            {"durationSeconds", seconds},
            {"seed", 9},
            {"tables", tables},
            {"workload", workload}};
}

const Json kOnDemand = {{"billingMode", "PAY_PER_REQUEST"}};

Json provisioned(double read, double write) {
    return {
        {"billingMode", "PROVISIONED"}, {"readCapacityUnits", read}, {"writeCapacityUnits", write}};
}

double sum(const std::vector<float>& values, size_t from, size_t to) {
    double total = 0;
    for (size_t i = from; i < to && i < values.size(); ++i) total += values[i];
    return total;
}

}  // namespace

void CapacityLimitsTest::newOnDemandTableServesItsInitialThroughput() {
    // AWS: a new on-demand table sustains 4,000 writes or 12,000 reads a second. With exactly
    // 4 partitions of 1,000 WCU, a uniform 3,600 WCU over 100 keys used to throttle (a
    // partition's share crossed 1,000); the table keeps partitions for twice its ceiling.
    const int partitions = static_cast<int>(std::ceil(2 * 4000.0 / 1000));
    QCOMPARE(partitions, 8);
    QCOMPARE(CapacityModel(CapacitySettings{BillingMode::PayPerRequest}).partitions().size(),
             partitions);
    // 3,600 WCU over 100 keys (the case that throttled), 3,700 WCU over 1,000 keys, and
    // 11,100 RCU of strongly consistent 1 KB reads (1 RCU each), each for 10 minutes.
    struct Case {
        const char* operation;
        double rate;
        double keys;
    };
    for (const Case& c :
         {Case{"PutItem", 3600, 100}, Case{"PutItem", 3700, 1000}, Case{"GetItem", 11100, 1000}}) {
        Json s = stream("load", "T", c.operation, c.rate, c.keys);
        if (std::string(c.operation) == "GetItem") s["consistentRead"] = true;
        const SimulationReport report =
            run(parse(scenario(Json::array({table("T", kOnDemand)}), Json::array({s}), 600)));
        QVERIFY2(report.throttledRequests == 0, c.operation);
        QVERIFY2(within(report.requests, c.rate * 600, 0.01),
                 figures(report.requests, c.rate * 600));
        QCOMPARE(report.resources[0].finalPartitionCount, partitions);
    }
}

void CapacityLimitsTest::switchingToOnDemandKeepsPartitionsAndPeak() {
    // Provisioned 30,000 RCU and 10,000 WCU: ceil(30,000 / 3,000 + 10,000 / 1,000) = 20
    // partitions. Switched to on demand, the previous peak is half the most provisioned, in
    // write-equivalent units (10,000 + 30,000 / 3) / 2 = 10,000, so the ceiling is 20,000 at
    // once; the 20 partitions are kept and each split in two for the headroom (40).
    CapacitySettings settings;
    settings.readUnits = 30000;
    settings.writeUnits = 10000;
    CapacityModel model(settings);
    QCOMPARE(model.partitions().size(), 20);
    const std::vector<PartitionRange> before = model.partitions().ranges();
    model.switchMode(60, BillingMode::PayPerRequest, 0, 0);
    QCOMPARE(model.settings().mode, BillingMode::PayPerRequest);
    QCOMPARE(model.onDemandCeiling(), 20000.0);
    QCOMPARE(model.partitions().size(), 40);
    for (size_t i = 0; i < before.size(); ++i) {
        QCOMPARE(model.partitions()[int(2 * i)].first, before[i].first);
        QCOMPARE(model.partitions()[int(2 * i + 1)].last, before[i].last);
    }
    // A uniform 18,000 WCU is served in full right away.
    std::vector<PartitionLoad> loads(40);
    for (auto& load : loads) load.writeDemand = 18000.0 / 40;
    model.settle(61, loads);
    for (const auto& load : loads) QCOMPARE(load.writeServed, 450.0);
    // A table provisioned small keeps the new table's initial 4,000.
    CapacityModel small(CapacitySettings{BillingMode::Provisioned, 5, 5});
    small.switchMode(0, BillingMode::PayPerRequest, 0, 0);
    QCOMPARE(small.onDemandCeiling(), 4000.0);
    // Back to provisioned at any time: the partitions stay, burst starts empty.
    model.switchMode(120, BillingMode::Provisioned, 100, 100);
    QCOMPARE(model.partitions().size(), 40);
    QCOMPARE(model.provisionedWrite(), 100.0);
    QCOMPARE(model.writeBurst(0), 0.0);
}

void CapacityLimitsTest::preWarmingBySwitchingModesProofScenario() {
    const SimulationReport report = run(parse(scenarioJson("pre-warming-by-switching-modes")));
    const ResourceReport& cold = report.resources.at(0);
    const ResourceReport& warm = report.resources.at(1);
    QCOMPARE(cold.name, std::string("ColdStart"));
    QCOMPARE(warm.name, std::string("PreWarmed"));
    // ColdStart: 16,000 WCU asked for 300 s, 4,000 served: 12,000 a second throttled.
    QVERIFY2(within(cold.throttled, 12000.0 * 300, 0.01), figures(cold.throttled, 3.6e6));
    QCOMPARE(sum(cold.throttledRequests, 0, 600), 0.0);
    QCOMPARE(report.throttledByReason.at("TableWriteKeyRangeThroughputExceeded"), cold.throttled);
    // PreWarmed: switched at second 60; ceiling (20,000 + 1 / 3) WCU; nothing throttled.
    QCOMPARE(warm.throttled, 0.0);
    QCOMPARE(warm.modeChanges.size(), size_t(1));
    QCOMPARE(warm.modeChanges[0].first, 60);
    QCOMPARE(warm.modeChanges[0].second, BillingMode::PayPerRequest);
    QCOMPARE(warm.mode, BillingMode::PayPerRequest);
    QVERIFY(std::abs(warm.capacityWrite[60] - (20000 + 1.0 / 3)) < 0.01);
    // Partitions: ceil(1 / 3,000 + 20,000 / 1,000) = 21 provisioned, doubled to 42 for twice
    // the ceiling (ceil(2 x 20,000.33 / 1,000) = 41).
    QCOMPARE(warm.finalPartitionCount, 42);
    QVERIFY(within(warm.totalWrite, 500.0 * 600 + 16000.0 * 300, 0.01));
    // Cost as configured: PreWarmed provisioned 60 s (20,000 WCU + 1 RCU), then on demand for
    // what it was asked; ColdStart on demand for all it was asked (throttled too).
    const double provisioned = 60 * (20000 * 0.00065 + 1 * 0.00013) / 3600;
    QVERIFY(std::abs(*report.cost.provisioned - provisioned) < 1e-9);
    const double expected =
        provisioned + warm.askedWriteOnDemand / 1e6 * 0.625 + cold.askedWrite / 1e6 * 0.625;
    QVERIFY2(std::abs(report.cost.asConfigured - expected) < 1e-9,
             figures(report.cost.asConfigured, expected));
    QVERIFY(within(warm.askedWriteOnDemand, warm.askedWrite - 500.0 * 60, 0.01));
}

void CapacityLimitsTest::switchesToOnDemandAreLimitedToFourADay() {
    // Up to four switches to on demand in a 24-hour rolling window; back at any time.
    auto withSwitches = [](std::vector<double> seconds) {
        Json updates = Json::array();
        for (double at : seconds) {
            updates.push_back({{"atSecond", at}, {"billingMode", "PAY_PER_REQUEST"}});
            Json back = provisioned(5, 5);
            back["atSecond"] = at + 10;
            updates.push_back(back);
        }
        Json t = table("T", provisioned(5, 5));
        t["updates"] = updates;
        return Scenario::fromJson(
            scenario(Json::array({t}), Json::array({stream("w", "T", "PutItem", 1)}), 200000));
    };
    QVERIFY(withSwitches({100, 200, 300, 400}));
    auto fifth = withSwitches({100, 200, 300, 400, 500});
    QVERIFY(!fifth);
    QCOMPARE(fifth.error().type, ErrorType::LimitExceeded);
    QCOMPARE(fifth.error().name(), std::string("LimitExceededException"));
    QCOMPARE(QString::fromStdString(fifth.error().message),
             QString("scenario.tables[0].updates[8].billingMode: Subscriber limit exceeded: Update "
                     "to PayPerRequest mode are limited to 4 times in 1 day(s). Next update can "
                     "be made at second %1")
                 .arg(100 + 86400));
    // The fifth a day after the first is allowed.
    QVERIFY(withSwitches({100, 200, 300, 400, 100 + 86400}));
}

void CapacityLimitsTest::warmThroughputIsServedAtOnce() {
    // WarmThroughput 16,000 writes a second on a new on-demand table: the previous peak is
    // 8,000, so 14,000 WCU are served from the first second (a cold table serves 4,000), over
    // ceil(2 x 16,000 / 1,000) = 32 partitions.
    Json warm = table("Warm", {{"billingMode", "PAY_PER_REQUEST"},
                               {"warmThroughput", {{"writeUnitsPerSecond", 16000}}}});
    const SimulationReport report = run(parse(scenario(
        Json::array({warm, table("Cold", kOnDemand)}),
        Json::array({stream("w", "Warm", "PutItem", 14000), stream("c", "Cold", "PutItem", 14000)}),
        120)));
    QCOMPARE(report.resources[0].throttled, 0.0);
    QCOMPARE(report.resources[0].finalPartitionCount, 32);
    QCOMPARE(report.resources[0].capacityWrite[0], 16000.0f);
    QVERIFY(within(report.resources[1].throttled, report.resources[1].askedWrite - 4000.0 * 120,
                   0.001));
    // Above the table quota it is refused as DynamoDB refuses it.
    warm["warmThroughput"]["writeUnitsPerSecond"] = 40001;
    auto refused = Scenario::fromJson(
        scenario(Json::array({warm}), Json::array({stream("w", "Warm", "PutItem", 1)}), 60));
    QVERIFY(!refused);
    QCOMPARE(QString::fromStdString(refused.error().message),
             QString("scenario.tables[0].warmThroughput: Subscriber limit exceeded: Requested "
                     "WriteUnitsPerSecond for WarmThroughput for table exceeds "
                     "TableMaxWriteCapacityUnits of the account in region ddblocal"));
}

void CapacityLimitsTest::quotaRefusedProofScenario() {
    // 50,000 WCU is above the default per-table quota, 40,000.
    Json json = scenarioJson("quota-refused");
    auto refused = Scenario::fromJson(json);
    QVERIFY(!refused);
    QCOMPARE(refused.error().type, ErrorType::LimitExceeded);
    QCOMPARE(QString::fromStdString(refused.error().message),
             QString("scenario.table.writeCapacityUnits: The requested WriteCapacityUnits, 50000, "
                     "is above the per table maximum for the account in ddblocal. Per table "
                     "maximum: 40000. Refer to the Amazon DynamoDB Developer Guide for current "
                     "limits and how to request higher limits."));
    // Raised explicitly, it runs: 45,000 WCU of 500-byte items on 50,000 WCU.
    json["quotas"] = {{"tableMaxWriteUnits", 50000}};
    const Scenario raised = parse(json);
    QCOMPARE(raised.quotas.tableMaxWriteUnits, 50000.0);
    QVERIFY(raised.quotas.raised);
    const SimulationReport report = run(raised);
    QCOMPARE(report.throttledRequests, 0.0);
    QVERIFY(within(report.resources[0].totalWrite, 45000.0 * 120, 0.01));
    // Execute mode runs on the engine, which applies the default quotas.
    auto executed = executeScenario(raised);
    QVERIFY(!executed);
    QCOMPARE(QString::fromStdString(executed.error().message),
             QString("scenario.quotas: execute mode runs within DynamoDB's default quotas (the "
                     "engine's); raised quotas run in model mode only"));
    // An index above the quota names the index.
    Json indexed = scenarioJson("quota-refused");
    indexed["table"]["writeCapacityUnits"] = 1000;
    indexed["table"]["globalSecondaryIndexes"] =
        Json::array({{{"name", "ByDay"},
                      {"readCapacityUnits", 41000},
                      {"writeCapacityUnits", 10},
                      {"keys", {{"distribution", "uniform"}, {"keyCount", 10}, {"prefix", "d"}}}}});
    auto index = Scenario::fromJson(indexed);
    QVERIFY(!index);
    QCOMPARE(QString::fromStdString(index.error().message),
             QString("scenario.table.globalSecondaryIndexes[0].readCapacityUnits: The requested "
                     "ReadCapacityUnits for index ByDay, 41000, is above the per index maximum "
                     "for the account in ddblocal. Per index maximum: 40000. Refer to the Amazon "
                     "DynamoDB Developer Guide for current limits and how to request higher "
                     "limits."));
}

void CapacityLimitsTest::accountQuotaCountsEveryTableAndIndex() {
    // 80,000 RCU per account: 30,000 + (20,000 + an index's 10,000) = 60,000 reserved, and a
    // third table's 30,000 would make 90,000.
    Json second = table("B", provisioned(20000, 10));
    second["globalSecondaryIndexes"] =
        Json::array({{{"name", "G"},
                      {"readCapacityUnits", 10000},
                      {"writeCapacityUnits", 10},
                      {"keys", {{"distribution", "uniform"}, {"keyCount", 10}, {"prefix", "g"}}}}});
    Json tables = Json::array(
        {table("A", provisioned(30000, 10)), second, table("C", provisioned(30000, 10))});
    Json json = scenario(tables, Json::array({stream("w", "A", "PutItem", 1)}), 60);
    auto refused = Scenario::fromJson(json);
    QVERIFY(!refused);
    QCOMPARE(refused.error().type, ErrorType::LimitExceeded);
    QCOMPARE(QString::fromStdString(refused.error().message),
             QString("scenario.tables[2]: This request would have caused the ReadCapacityUnits "
                     "limit to be exceeded for the account in ddblocal. Current "
                     "ReadCapacityUnits reserved by the account: 60000. Limit: 80000. Requested: "
                     "30000. Refer to the Amazon DynamoDB Developer Guide for current limits and "
                     "how to request higher limits."));
    json["quotas"] = {{"accountMaxReadUnits", 90000}};
    QVERIFY(Scenario::fromJson(json));
}

void CapacityLimitsTest::onDemandMaximumAndQuotaThrottleWithTheirReasons() {
    // OnDemandThroughput MaxWriteRequestUnits 1,000 under 1,500 WCU asked: 500 a second
    // throttled, MaxOnDemandThroughputExceeded. A table quota of 3,000 WCU (the account's)
    // under 3,500: 500 a second throttled, AccountLimitExceeded.
    Json capped =
        table("Capped", {{"billingMode", "PAY_PER_REQUEST"}, {"maxWriteRequestUnits", 1000}});
    SimulationReport report = run(parse(scenario(
        Json::array({capped}), Json::array({stream("w", "Capped", "PutItem", 1500)}), 300)));
    const double asked = report.requests;
    QVERIFY2(within(report.throttledRequests, asked - 1000.0 * 300, 0.001),
             figures(report.throttledRequests, asked - 300000));
    QCOMPARE(report.throttledByReason.size(), size_t(1));
    QCOMPARE(report.throttledByReason.at("TableWriteMaxOnDemandThroughputExceeded"),
             report.throttledRequests);
    QVERIFY(std::abs(report.resources[0].totalWrite - 1000.0 * 300) < 1e-6);
    // The capacity chart shows the maximum, not the 4,000 WCU ceiling.
    QCOMPARE(report.resources[0].capacityWrite[10], 1000.0f);
    QCOMPARE(report.resources[0].capacityRead[10], 12000.0f);

    Json lowQuota = scenario(Json::array({table("Q", kOnDemand)}),
                             Json::array({stream("w", "Q", "PutItem", 3500)}), 300);
    lowQuota["quotas"] = {{"tableMaxWriteUnits", 3000}};
    report = run(parse(lowQuota));
    QVERIFY(within(report.throttledRequests, report.requests - 3000.0 * 300, 0.001));
    QCOMPARE(report.throttledByReason.at("TableWriteAccountLimitExceeded"),
             report.throttledRequests);
    // A maximum above the table quota is refused as DynamoDB refuses it.
    Json above = table("A", {{"billingMode", "PAY_PER_REQUEST"}, {"maxReadRequestUnits", 50000}});
    auto refused = Scenario::fromJson(
        scenario(Json::array({above}), Json::array({stream("w", "A", "PutItem", 1)}), 60));
    QVERIFY(!refused);
    QCOMPARE(refused.error().type, ErrorType::LimitExceeded);
    QCOMPARE(QString::fromStdString(refused.error().message),
             QString("scenario.tables[0].maxReadRequestUnits: Subscriber limit exceeded: "
                     "Requested MaxReadRequestUnits for OnDemandThroughput for table exceeds "
                     "TableMaxReadCapacityUnits of the account in region ddblocal"));
}

void CapacityLimitsTest::autoScalingStopsAtTheTableQuota() {
    // 5,000 WCU asked of a table that may scale to 100,000 under a 3,000 WCU quota: auto
    // scaling (target 70 %: 5,000 / 0.7 = 7,143) stops at 3,000.
    Json t = table("T", provisioned(10, 1000));
    t["autoScaling"] = {{"write", {{"targetUtilization", 70}, {"maximumUnits", 100000}}}};
    Json json = scenario(Json::array({t}), Json::array({stream("w", "T", "PutItem", 5000)}), 900);
    json["quotas"] = {{"tableMaxWriteUnits", 3000}};
    const SimulationReport report = run(parse(json));
    const ResourceReport& resource = report.resources[0];
    QVERIFY(!resource.scaling.empty());
    for (const ScalingEvent& event : resource.scaling) QVERIFY(event.to <= 3000);
    QCOMPARE(resource.capacityWrite.back(), 3000.0f);
}

void CapacityLimitsTest::timeToLiveDeletesAreFreeAndDelayed() {
    // 100 items expire a second for 1,800 s on a 10 WCU table; deleted 600 s after expiring:
    // 100 x 1,200 deleted in the run, 100 x 600 still there (readable) at its end; none
    // consumed a write unit or was throttled. The 5 writes a second are charged as usual.
    Json t = table("Sessions", provisioned(10, 10));
    t["timeToLive"] = {{"deleteDelaySeconds", 600}};
    Json expiring = {{"name", "expiring"},
                     {"table", "Sessions"},
                     {"operation", "TimeToLive"},
                     {"rate", {{"type", "constant"}, {"rate", 100}}}};
    const SimulationReport report = run(
        parse(scenario(Json::array({t}),
                       Json::array({stream("writes", "Sessions", "PutItem", 5), expiring}), 1800)));
    const StreamReport& ttl = report.streams.at(1);
    QCOMPARE(ttl.operation, std::string("TimeToLive"));
    QCOMPARE(ttl.requests, 100.0 * 1200);
    QCOMPARE(ttl.expiredPendingDeletion, 100.0 * 600);
    QCOMPARE(ttl.consumedUnits, 0.0);
    QCOMPARE(ttl.throttledRequests, 0.0);
    QCOMPARE(report.throttledRequests, 0.0);
    // The table's write units and the run's requests are the application's writes only.
    QCOMPARE(report.resources[0].totalWrite, report.streams.at(0).requests);
    QCOMPARE(report.requests, report.streams.at(0).requests);
    // The default delay is the documented bound, two days.
    Json plain = table("S", provisioned(10, 10));
    plain["timeToLive"] = Json::object();
    QCOMPARE(
        parse(scenario(Json::array({plain}), Json::array({stream("w", "S", "PutItem", 1)}), 60))
            .tables[0]
            .timeToLive.deleteDelaySeconds,
        2 * 86400.0);
}

void CapacityLimitsTest::costBillsWhatWasAskedEachResourceInItsMode() {
    // Provisioned 100 WCU asked 150 WCU (50 a second throttled once burst is spent), and an
    // on-demand table asked 200 WCU, for an hour.
    Json tables = Json::array({table("P", provisioned(1, 100)), table("D", kOnDemand)});
    tables[0]["burstCapacity"] = false;
    const SimulationReport report = run(parse(scenario(
        tables, Json::array({stream("p", "P", "PutItem", 150), stream("d", "D", "PutItem", 200)}),
        3600)));
    const ResourceReport& p = report.resources[0];
    const ResourceReport& d = report.resources[1];
    QVERIFY(p.throttled > 0);
    // Asked = served + throttled (1 WCU each), what on demand would bill.
    QCOMPARE(p.askedWrite, p.totalWrite + p.throttled);
    QCOMPARE(d.askedWrite, d.totalWrite);
    const double onDemand = (p.askedWrite + d.askedWrite) / 1e6 * 0.625;
    QVERIFY(std::abs(report.cost.onDemand - onDemand) < 1e-9);
    // Each in its own mode: P's 100 WCU + 1 RCU for an hour, D's asked units on demand.
    const double provisioned = 100 * 0.00065 + 1 * 0.00013;
    QVERIFY(std::abs(*report.cost.provisioned - provisioned) < 1e-9);
    const double asConfigured = provisioned + d.askedWrite / 1e6 * 0.625;
    QVERIFY2(std::abs(report.cost.asConfigured - asConfigured) < 1e-9,
             figures(report.cost.asConfigured, asConfigured));
}

void CapacityLimitsTest::reportsListTheNewRules() {
    Json t = table("T", provisioned(10, 10));
    t["autoScaling"] = {{"write", Json::object()}};
    t["timeToLive"] = Json::object();
    Json expiring = {{"name", "expiring"},
                     {"table", "T"},
                     {"operation", "TimeToLive"},
                     {"rate", {{"type", "constant"}, {"rate", 1}}}};
    const SimulationReport report = run(parse(
        scenario(Json::array({t}), Json::array({stream("w", "T", "PutItem", 1), expiring}), 60)));
    std::map<std::string, AppliedRule> rules;
    for (const AppliedRule& rule : report.rules) rules[rule.rule] = rule;
    auto has = [&](const std::string& name, const std::string& value, const std::string& source) {
        auto it = rules.find(name);
        if (it == rules.end()) return false;
        return it->second.value.find(value) != std::string::npos &&
               it->second.source.find(source) != std::string::npos;
    };
    QVERIFY(has("time steps", "whole seconds", kAssumption));
    QVERIFY(has("burst buckets at start (T)", "full", kAssumption));
    QVERIFY(has("auto scaling (T)", "applies at once", kAssumption));
    QVERIFY(has("on-demand partitions", "8 for a new table", kAssumption));
    QVERIFY(has("switching to on demand", "up to 4 switches in 24 hours",
                "Considerations when switching capacity modes in DynamoDB"));
    QVERIFY(
        has("quotas", "per table or index 40000 RCU and 40000 WCU", "Quotas in Amazon DynamoDB"));
    QVERIFY(has("TTL deletes (expiring)", "no write capacity, never throttled, 172800 s",
                "UpdateTimeToLive"));
    QVERIFY(has("on-demand cost", "asked for", "Pricing for On-Demand Capacity"));
}

QTEST_GUILESS_MAIN(CapacityLimitsTest)
#include "test_capacity_limits.moc"
