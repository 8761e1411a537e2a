// The capacity model's rules, each against AWS's documented figure: initial partition
// counts, hash ranges, per-partition maxima, burst and adaptive capacity, the on-demand
// ceiling, splits, auto scaling, throttle errors, clocks, rate curves and key distributions.

#include <QtTest>

#include <cmath>
#include <limits>

#include "api/wire_error.h"
#include "base/clock.h"
#include "capacity/auto_scaling.h"
#include "capacity/capacity_model.h"
#include "capacity/capacity_rules.h"
#include "simulation/key_distribution.h"
#include "simulation/rate_curve.h"
#include "storage/storage_layout.h"

using namespace shardscape;

namespace {

constexpr double kGB = 1024.0 * 1024 * 1024;

// Settles one second with the given write demands (one per partition) and returns what was
// served.
std::vector<double> settleWrites(CapacityModel& model, double second,
                                 const std::vector<double>& demands) {
    std::vector<PartitionLoad> loads(demands.size());
    for (size_t i = 0; i < demands.size(); ++i) loads[i].writeDemand = demands[i];
    model.settle(second, loads);
    std::vector<double> served;
    for (const auto& load : loads) served.push_back(load.writeServed);
    return served;
}

CapacitySettings provisioned(double read, double write, double bytes = 0) {
    CapacitySettings settings;
    settings.readUnits = read;
    settings.writeUnits = write;
    settings.sizeBytes = bytes;
    return settings;
}

}  // namespace

class CapacityModelTest : public QObject {
    Q_OBJECT

  private slots:
    void initialPartitionCount_data();
    void initialPartitionCount();
    void partitionRangesCoverTheHashSpace();
    void itemsMapToTheRangeHoldingTheirHash();
    void partitionMaximumCapsAHotPartition();
    void adaptiveCapacityLendsUnusedTableCapacity();
    void burstCapacityHoldsFiveMinutes();
    void burstCannotExceedThePartitionMaximum();
    void readsAndWritesShareAPartitionLinearly();
    void onDemandCeilingIsTwiceThePeakAfterThirtyMinutes();
    void throughputIncreaseSplitsPartitions();
    void heatIsPartitionThrottlingWithTableCapacityLeft();
    void autoScalingScalesOutAfterTwoMinutes();
    void autoScalingScalesInAfterFifteenMinutesWithinDailyLimits();
    void throttleErrors();
    void clocks();
    void rateCurves();
    void keyDistributions();
    void badDistributionsNameTheField();
};

void CapacityModelTest::initialPartitionCount_data() {
    QTest::addColumn<double>("read");
    QTest::addColumn<double>("write");
    QTest::addColumn<double>("bytes");
    QTest::addColumn<int>("expected");
    QTest::newRow("nothing") << 0.0 << 0.0 << 0.0 << 1;
    QTest::newRow("3000 RCU + 1000 WCU") << 3000.0 << 1000.0 << 0.0 << 2;
    QTest::newRow("1 RCU + 10000 WCU") << 1.0 << 10000.0 << 0.0 << 11;
    QTest::newRow("exactly 3 partitions of reads") << 9000.0 << 0.0 << 0.0 << 3;
    QTest::newRow("25 GB") << 100.0 << 100.0 << 25 * kGB << 3;
    QTest::newRow("throughput beats size") << 6000.0 << 2000.0 << 5 * kGB << 4;
}

void CapacityModelTest::initialPartitionCount() {
    QFETCH(double, read);
    QFETCH(double, write);
    QFETCH(double, bytes);
    QFETCH(int, expected);
    QCOMPARE(rules::initialPartitionCount(read, write, bytes), expected);
    QCOMPARE(CapacityModel(provisioned(read, write, bytes)).partitions().size(), expected);
}

void CapacityModelTest::partitionRangesCoverTheHashSpace() {
    PartitionMap map(4);
    QCOMPARE(map.size(), 4);
    QCOMPARE(map[0].first, uint64_t(0));
    QCOMPARE(map[3].last, std::numeric_limits<uint64_t>::max());
    for (int i = 1; i < 4; ++i) QCOMPARE(map[i].first, map[i - 1].last + 1);
    QCOMPARE(map[1].first, uint64_t(1) << 62);
    QCOMPARE(map[0].fraction(), 0.25);
    QCOMPARE(map.indexOf(0), 0);
    QCOMPARE(map.indexOf((uint64_t(1) << 62) - 1), 0);
    QCOMPARE(map.indexOf(uint64_t(1) << 62), 1);
    QCOMPARE(map.indexOf(std::numeric_limits<uint64_t>::max()), 3);

    QVERIFY(map.split(1));
    QCOMPARE(map.size(), 5);
    QCOMPARE(map[1].id, 4);
    QCOMPARE(map[2].id, 5);
    QCOMPARE(map[1].first, uint64_t(1) << 62);
    QCOMPARE(map[2].first, (uint64_t(1) << 62) + (uint64_t(1) << 61));
    QCOMPARE(map[2].last + 1, map[3].first);
    QCOMPARE(map[1].fraction(), 0.125);
    QVERIFY(!map.splitAt(0, 0));  // nothing below the first hash
    QVERIFY(map.splitAt(0, 1));
    QVERIFY(!map.split(0));  // a single hash cannot split
}

void CapacityModelTest::itemsMapToTheRangeHoldingTheirHash() {
    PartitionMap map(7);
    for (int i = 0; i < 1000; ++i) {
        std::string key = "user-";
        key.append(std::to_string(i));
        const uint64_t hash = layout::partitionHash(AttributeValue::string(key));
        const PartitionRange& range = map[map.indexOf(hash)];
        QVERIFY(range.first <= hash && hash <= range.last);
    }
}

void CapacityModelTest::partitionMaximumCapsAHotPartition() {
    // 2,000 WCU over 2 partitions: 1,000 each, and no partition serves more than 1,000 WCU
    // even with the other one idle.
    CapacitySettings settings = provisioned(0, 2000);
    settings.burst = false;
    CapacityModel model(settings);
    QCOMPARE(model.partitions().size(), 2);
    QCOMPARE(settleWrites(model, 0, {1500, 0}), (std::vector<double>{1000, 0}));
}

void CapacityModelTest::adaptiveCapacityLendsUnusedTableCapacity() {
    // 1,000 WCU over 4 partitions (40 GB): 250 WCU each.
    CapacitySettings settings = provisioned(1, 1000, 40 * kGB);
    settings.burst = false;
    settings.adaptive = false;
    CapacityModel without(settings);
    QCOMPARE(without.partitions().size(), 4);
    QCOMPARE(settleWrites(without, 0, {600, 100, 100, 100}),
             (std::vector<double>{250, 100, 100, 100}));

    settings.adaptive = true;
    CapacityModel with(settings);
    // 450 WCU unused elsewhere: the hot partition gets the 350 it needs.
    QCOMPARE(settleWrites(with, 0, {600, 100, 100, 100}),
             (std::vector<double>{600, 100, 100, 100}));
    // Never above the table's 1,000 WCU in all.
    QCOMPARE(settleWrites(with, 1, {1200, 100, 100, 100}),
             (std::vector<double>{700, 100, 100, 100}));
    // Two hot partitions share the unused capacity equally.
    QCOMPARE(settleWrites(with, 2, {900, 900, 0, 0}), (std::vector<double>{500, 500, 0, 0}));
}

void CapacityModelTest::burstCapacityHoldsFiveMinutes() {
    CapacityModel model(provisioned(0, 400));
    QCOMPARE(model.partitions().size(), 1);
    QCOMPARE(model.writeBurst(0), 400.0 * 300);  // starts full: 300 s of 400 WCU
    for (int second = 0; second < 300; ++second)
        QCOMPARE(settleWrites(model, second, {800})[0], 800.0);
    QCOMPARE(model.writeBurst(0), 0.0);
    QCOMPARE(settleWrites(model, 300, {800})[0], 400.0);
    for (int second = 301; second < 311; ++second) settleWrites(model, second, {0});
    QCOMPARE(model.writeBurst(0), 4000.0);
    for (int second = 311; second < 1000; ++second) settleWrites(model, second, {100});
    QCOMPARE(model.writeBurst(0), 120000.0);  // capped at 300 s

    CapacitySettings empty = provisioned(0, 400);
    empty.burstStartsFull = false;
    CapacityModel fresh(empty);
    QCOMPARE(settleWrites(fresh, 0, {800})[0], 400.0);
}

void CapacityModelTest::burstCannotExceedThePartitionMaximum() {
    CapacityModel model(provisioned(0, 1000));
    QCOMPARE(settleWrites(model, 0, {1500})[0], 1000.0);
    QCOMPARE(model.writeBurst(0), 300000.0);
}

void CapacityModelTest::readsAndWritesShareAPartitionLinearly() {
    // The older reading, kept as an option (the default is independent limits:
    // test_capacity_fidelity.cc, partitionReadAndWriteLimitsAreIndependent).
    CapacitySettings settings;
    settings.mode = BillingMode::PayPerRequest;
    settings.budget = rules::PartitionBudget::LinearCombination;
    CapacityModel model(settings);
    // 8 partitions: twice the 4,000 WCU ceiling at 1,000 each (rules::kOnDemandPartitionHeadroom).
    QCOMPARE(model.partitions().size(), 8);
    std::vector<PartitionLoad> loads(8);
    loads[0].readDemand = 3000;
    loads[0].writeDemand = 1000;
    model.settle(0, loads);
    QCOMPARE(loads[0].readServed, 1500.0);
    QCOMPARE(loads[0].writeServed, 500.0);
}

void CapacityModelTest::onDemandCeilingIsTwiceThePeakAfterThirtyMinutes() {
    CapacitySettings settings;
    settings.mode = BillingMode::PayPerRequest;
    CapacityModel model(settings);
    QCOMPARE(model.onDemandCeiling(), 4000.0);
    // Over the initial 4,000 WCU, 5,000 asked of the 8 partitions: the table serves 4,000,
    // each partition 4,000 / 8.
    QCOMPARE(settleWrites(model, 0, std::vector<double>(8, 625)), std::vector<double>(8, 500));
    CapacityModel table(settings);
    for (int second = 0; second <= 1800; ++second)
        settleWrites(table, second, std::vector<double>(8, 125));
    QCOMPARE(table.onDemandCeiling(), 4000.0);  // max(4,000, 2 x 1,000)
    for (int second = 1801; second <= 3600; ++second)
        settleWrites(table, second, std::vector<double>(8, 375));
    // 3,000 reached, but not 30 minutes ago yet.
    QCOMPARE(table.onDemandCeiling(), 4000.0);
    settleWrites(table, 3601, std::vector<double>(8, 375));
    QCOMPARE(table.onDemandCeiling(), 6000.0);
    // Partitions for twice 6,000 WCU (12): all 8 split in two.
    QCOMPARE(table.partitions().size(), 16);
    QCOMPARE(int(table.splits().size()), 8);
    QCOMPARE(table.splits()[0].second, 3601.0);
}

void CapacityModelTest::throughputIncreaseSplitsPartitions() {
    CapacityModel model(provisioned(0, 1000));
    QCOMPARE(model.partitions().size(), 1);
    model.setProvisioned(60, 0, 2500);
    QCOMPARE(model.partitions().size(), 4);
    QCOMPARE(int(model.splits().size()), 3);
    QCOMPARE(model.generation(), 2);
    for (int i = 0; i < 4; ++i) QCOMPARE(model.partitions()[i].fraction(), 0.25);
    // Partitions are never merged when throughput goes down.
    model.setProvisioned(120, 0, 500);
    QCOMPARE(model.partitions().size(), 4);
    QCOMPARE(model.provisionedWrite(), 500.0);
}

void CapacityModelTest::heatIsPartitionThrottlingWithTableCapacityLeft() {
    CapacityModel model(provisioned(0, 2000));  // 2 partitions of 1,000 WCU
    for (int second = 0; second < 300; ++second) settleWrites(model, second, {1500, 0});
    QCOMPARE(model.partitionsHotFor(300), (std::vector<int>{0}));
    QVERIFY(model.partitionsHotFor(301).empty());
    settleWrites(model, 300, {900, 0});  // not throttled: heat starts over
    QVERIFY(model.partitionsHotFor(1).empty());
    // A table out of capacity is not heat: both partitions throttle, splitting cannot help.
    for (int second = 301; second < 310; ++second) settleWrites(model, second, {1500, 1500});
    QVERIFY(model.partitionsHotFor(1).empty());

    // splitAt shares burst by range width.
    CapacityModel single(provisioned(0, 400));
    const uint64_t quarter = uint64_t(1) << 62;
    QVERIFY(single.splitAt(5, 0, quarter, "heat"));
    QCOMPARE(single.partitions().size(), 2);
    QCOMPARE(single.writeBurst(0), 30000.0);
    QCOMPARE(single.writeBurst(1), 90000.0);
    QCOMPARE(std::string(single.splits().at(0).reason), std::string("heat"));
    QVERIFY(!single.splitAt(5, 0, 0, "heat"));
}

void CapacityModelTest::autoScalingScalesOutAfterTwoMinutes() {
    AutoScaler scaler({70, 100, 10000});
    QVERIFY(!scaler.evaluateMinute(60, 800, 1000));                       // 80 % > 70 %: one minute
    QCOMPARE(scaler.evaluateMinute(120, 800, 1000).value_or(0), 1143.0);  // ceil(800 / 0.7)
    QVERIFY(!scaler.evaluateMinute(180, 800, 1143));                      // at target
    // Never above the maximum.
    AutoScaler capped({70, 100, 1100});
    capped.evaluateMinute(60, 900, 1000);
    QCOMPARE(capped.evaluateMinute(120, 900, 1000).value_or(0), 1100.0);
}

void CapacityModelTest::autoScalingScalesInAfterFifteenMinutesWithinDailyLimits() {
    AutoScaler scaler({70, 100, 10000});
    double provisioned = 10000;
    double now = 0;
    // 15 minutes below 50 % (70 % - 20) before each decrease.
    auto fifteenLowMinutes = [&]() -> std::optional<double> {
        std::optional<double> result;
        for (int minute = 0; minute < 15; ++minute) {
            now += 60;
            result = scaler.evaluateMinute(now, 100, provisioned);
            if (minute < 14) {
                if (result) return std::nullopt;  // too early
            }
        }
        return result;
    };
    for (int decrease = 0; decrease < 4; ++decrease) {
        auto next = fifteenLowMinutes();
        QCOMPARE(next.value_or(0), 143.0);  // ceil(100 / 0.7)
        provisioned = 10000;                // pretend it went back up
    }
    QCOMPARE(scaler.decreasesToday(), 4);
    // The fifth decrease of the day needs an hour since the last one.
    QVERIFY(!fifteenLowMinutes());
    QVERIFY(!fifteenLowMinutes());
    QVERIFY(!fifteenLowMinutes());
    QCOMPARE(fifteenLowMinutes().value_or(0), 143.0);
    QCOMPARE(scaler.decreasesToday(), 5);
}

void CapacityModelTest::throttleErrors() {
    QCOMPARE(QString::fromStdString(wireTypeName(rules::provisionedThroughputExceeded())),
             QString("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"));
    QCOMPARE(QString::fromStdString(rules::provisionedThroughputExceeded().message),
             QString("The level of configured provisioned throughput for the table was exceeded. "
                     "Consider increasing your provisioning level with the UpdateTable API."));
    QCOMPARE(QString::fromStdString(rules::indexProvisionedThroughputExceeded().name()),
             QString("ProvisionedThroughputExceededException"));
    QVERIFY(rules::indexProvisionedThroughputExceeded().message.find(
                "one or more global secondary indexes") != std::string::npos);
    QCOMPARE(QString::fromStdString(rules::onDemandThrottling().name()),
             QString("ThrottlingException"));
    QCOMPARE(wireHttpStatus(rules::onDemandThrottling()), 400);
    QVERIFY(rules::onDemandThrottling().message.starts_with(
        "Throughput exceeds the current capacity of your table or index."));
}

void CapacityModelTest::clocks() {
    SimulatedClock simulated(100);
    QCOMPARE(simulated.now(), 100.0);
    simulated.advance(2.5);
    QCOMPARE(simulated.function()(), 102.5);
    simulated.set(7);
    QCOMPARE(simulated.now(), 7.0);
    SystemClock system;
    const double wall = static_cast<double>(QDateTime::currentSecsSinceEpoch());
    QVERIFY(std::abs(system.now() - wall) < 5);
}

void CapacityModelTest::rateCurves() {
    auto curve = [](const char* text) {
        auto parsed = RateCurve::fromJson(Json::parse(text), "rate");
        if (!parsed) qFatal("%s", parsed.error().message.c_str());
        return *parsed;
    };
    QCOMPARE(curve(R"({"type":"constant","rate":5})").at(1e6), 5.0);
    const RateCurve ramp =
        curve(R"({"type":"ramp","from":100,"to":200,"startSecond":10,"endSecond":20})");
    QCOMPARE(ramp.at(0), 100.0);
    QCOMPARE(ramp.at(15), 150.0);
    QCOMPARE(ramp.at(25), 200.0);
    const RateCurve sine = curve(R"({"type":"dailySine","mean":100,"amplitude":50})");
    QCOMPARE(sine.at(0), 100.0);
    QCOMPARE(sine.at(21600), 150.0);
    QCOMPARE(sine.at(64800), 50.0);
    const RateCurve spikes = curve(
        R"({"type":"spikes","base":10,"spikes":[{"startSecond":5,"durationSeconds":2,"rate":99}]})");
    QCOMPARE(spikes.at(4), 10.0);
    QCOMPARE(spikes.at(5), 99.0);
    QCOMPARE(spikes.at(6.9), 99.0);
    QCOMPARE(spikes.at(7), 10.0);
    auto error = RateCurve::fromJson(
        Json::parse(R"({"type":"ramp","from":1,"to":-2,"endSecond":3})"), "workload[0].rate");
    QCOMPARE(QString::fromStdString(error.error().message),
             QString("workload[0].rate.to: must be between 0 and 1e+09"));
}

void CapacityModelTest::keyDistributions() {
    const PartitionMap map(10);
    auto distribution = [](const char* text) {
        auto parsed = KeyDistribution::fromJson(Json::parse(text), "keys");
        if (!parsed) qFatal("%s", parsed.error().message.c_str());
        return *parsed;
    };
    auto sum = [](const std::vector<double>& values) {
        double total = 0;
        for (double v : values) total += v;
        return total;
    };
    std::vector<double> mass;
    // One hot key: all of its share lands in the partition holding its hash.
    const KeyDistribution hot =
        distribution(R"({"distribution":"hotKey","keyCount":1000,"hotShare":0.5,"prefix":"k"})");
    hot.massPerPartition(map, 0, mass);
    QVERIFY(std::abs(sum(mass) - 1) < 1e-9);
    const int hotIndex = map.indexOf(layout::partitionHash(AttributeValue::string("k0")));
    QVERIFY(mass[hotIndex] >= 0.5);
    QCOMPARE(hot.heaviest(1).at(0).weight, 0.5);
    QCOMPARE(QString::fromStdString(hot.keyName(0, 0)), QString("k0"));

    // Write sharding: ten suffixes, a tenth each.
    const KeyDistribution sharded = distribution(
        R"({"distribution":"hotKey","keyCount":1,"hotShare":1,"shards":10,"prefix":"k"})");
    sharded.massPerPartition(map, 0, mass);
    QVERIFY(std::abs(sum(mass) - 1) < 1e-9);
    double expectedInHot = 0;
    for (uint32_t shard = 0; shard < 10; ++shard) {
        const std::string name = sharded.keyName(0, shard);
        QCOMPARE(name, "k0#" + std::to_string(shard));
        if (map.indexOf(layout::partitionHash(AttributeValue::string(name))) == 0)
            expectedInHot += 0.1;
    }
    QVERIFY(std::abs(mass[0] - expectedInHot) < 1e-12);
    QVERIFY(*std::max_element(mass.begin(), mass.end()) < 0.5);

    // Zipf: rank 1 has 1 / H(N, s).
    const KeyDistribution zipf =
        distribution(R"({"distribution":"zipf","keyCount":3,"exponent":1})");
    QVERIFY(std::abs(zipf.heaviest(3)[0].weight - 1 / (1 + 0.5 + 1.0 / 3)) < 1e-12);
    QVERIFY(std::abs(zipf.heaviest(3)[2].weight - (1.0 / 3) / (1 + 0.5 + 1.0 / 3)) < 1e-12);

    // Uniform over more keys than are listed: spread by range width.
    distribution(R"({"distribution":"uniform","keyCount":1e9})").massPerPartition(map, 0, mass);
    QCOMPARE(mass[3], 0.1);

    // Time-ordered: everything on the current bucket's key.
    const KeyDistribution time =
        distribution(R"({"distribution":"timeOrdered","bucketSeconds":60,"prefix":"minute-"})");
    time.massPerPartition(map, 125, mass);
    QCOMPARE(mass[map.indexOf(layout::partitionHash(AttributeValue::string("minute-2")))], 1.0);
}

void CapacityModelTest::badDistributionsNameTheField() {
    const std::pair<const char*, const char*> cases[] = {
        {R"([])", "keys: must be an object"},
        {R"({})", "keys.distribution: is required"},
        {R"({"distribution":"gauss","keyCount":3})",
         "keys.distribution: must be one of uniform, zipf, hotKey, timeOrdered (got 'gauss')"},
        {R"({"distribution":"uniform"})", "keys.keyCount: is required"},
        {R"({"distribution":"uniform","keyCount":"9"})", "keys.keyCount: must be a number"},
        {R"({"distribution":"zipf","keyCount":10})", "keys.exponent: is required"},
        {R"({"distribution":"hotKey","keyCount":10,"hotShare":1.5})",
         "keys.hotShare: must be between 0 and 1"},
        {R"({"distribution":"uniform","keyCount":10,"shards":0})",
         "keys.shards: must be between 1 and 1000"},
        {R"({"distribution":"zipf","keyCount":30000000,"exponent":1})",
         "keys.keyCount: times shards must be at most 20000000 for a zipf distribution"},
    };
    for (const auto& [text, message] : cases) {
        auto parsed = KeyDistribution::fromJson(Json::parse(text), "keys");
        QVERIFY2(!parsed, text);
        QCOMPARE(QString::fromStdString(parsed.error().message), QString(message));
    }
}

QTEST_GUILESS_MAIN(CapacityModelTest)
#include "test_capacity_model.moc"
