// Isolating hot items below the partition key (issue 22, point 5): split for heat within an
// item collection. AWS (Developer Guide, "DynamoDB burst and adaptive capacity", Isolate
// frequently accessed items): adaptive capacity can "break up an item collection into
// segments by sort key, as long as the item collection isn't traffic that is tracked by a
// monotonic increase or decrease of the sort key"; a single item gets at most "the partition
// maximum of 3,000 RCUs and 1,000 WCUs"; and it "will not split item collections across
// multiple partitions of the table when there is a local secondary index". Every expected
// figure is worked out here from those rules, not read from the code under test. Also the
// per-second throttles by reason (hot partition or table capacity) the views show.

#include <QtTest>

#include "capacity/capacity_rules.h"
#include "classroom/scenario_gallery.h"
#include "simulation/simulator.h"

using namespace shardscape;

class SortKeySplitsTest : public QObject {
    Q_OBJECT

  private slots:
    void partitionMapSplitsOneKeyBySortKey();
    void sortKeySpreadSharesTheItems();
    void itemCollectionStopsThrottlingAfterASortKeySplit();
    void singleHotItemKeepsThePartitionLimit();
    void monotonicSortKeyIsNotSplit();
    void localSecondaryIndexKeepsCollectionsWhole();
    void sortKeyFieldsAreChecked();
    void rulesListSortKeySplits();
    void throttlesPerSecondAreSplitByReason();
    void gallerySummaryNamesTheSortKeySpread();
};

namespace {

std::string readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

Json loadScenarioJson(const char* name) {
    return Json::parse(readFile(QString(SHARDSCAPE_SCENARIOS) + "/" + name + ".json"));
}

SimulationReport modelRun(const Json& json) {
    auto scenario = Scenario::fromJson(json);
    if (!scenario) qFatal("%s", scenario.error().message.c_str());
    auto report = simulate(*scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

const StreamReport& stream(const SimulationReport& report, const std::string& name) {
    for (const auto& s : report.streams)
        if (s.name == name) return s;
    qFatal("no stream %s", name.c_str());
}

const HotKey& trackedKey(const SimulationReport& report, const std::string& key) {
    for (const auto& k : report.trackedKeys)
        if (k.key == key) return k;
    qFatal("no tracked key %s", key.c_str());
}

std::vector<SplitEvent> splitsFor(const ResourceReport& resource, const std::string& reason) {
    std::vector<SplitEvent> out;
    for (const SplitEvent& split : resource.splits)
        if (reason == split.reason) out.push_back(split);
    return out;
}

bool within(double value, double expected, double tolerance) {
    return std::abs(value - expected) <= tolerance * std::abs(expected);
}

QByteArray figures(double value, double expected) {
    return QByteArray::number(value, 'f', 1) + " vs " + QByteArray::number(expected, 'f', 1);
}

// One hot key written at `rate` WCU (1 KB items) on a 10,000 WCU table with a sort key; its
// writes spread over `sortKeys` items.
Json oneCollection(double rate, int sortKeys, const std::string& order = "even",
                   int localIndexes = 0) {
    Json keys = {{"distribution", "hotKey"}, {"keyCount", 1},        {"hotShare", 1},
                 {"prefix", "feed-"},        {"sortKeys", sortKeys}, {"sortKeyOrder", order}};
    Json table = {{"name", "Feeds"},        {"partitionKey", "pk"},
                  {"sortKey", "sk"},        {"billingMode", "PROVISIONED"},
                  {"readCapacityUnits", 1}, {"writeCapacityUnits", 10000},
                  {"itemCount", 1000},      {"itemSizeBytes", 1000}};
    if (localIndexes > 0) table["localSecondaryIndexes"] = localIndexes;
    return {{"name", "collection"},
            {"durationSeconds", 1200},
            {"seed", 3},
            {"table", table},
            {"workload", Json::array({{{"name", "writes"},
                                       {"operation", "PutItem"},
                                       {"itemSizeBytes", 1000},
                                       {"rate", {{"type", "constant"}, {"rate", rate}}},
                                       {"keys", keys}}})}};
}

}  // namespace

void SortKeySplitsTest::partitionMapSplitsOneKeyBySortKey() {
    PartitionMap map(1);
    // Isolate hash 1,000 in a partition of its own: [0, 999], [1000, 1000], [1001, max].
    QVERIFY(map.splitAt(0, 1001));
    QVERIFY(map.splitAt(0, 1000));
    QCOMPARE(map.size(), 3);
    // A range over many keys cannot be split by sort key.
    QVERIFY(!map.splitSortKeyAt(0, 0.5));
    QVERIFY(!map.splitSortKeyAt(1, 0));
    QVERIFY(!map.splitSortKeyAt(1, 1));
    QVERIFY(map.splitSortKeyAt(1, 0.5));
    QCOMPARE(map.size(), 4);
    QCOMPARE(map[1].first, uint64_t(1000));
    QCOMPARE(map[1].last, uint64_t(1000));
    QCOMPARE(map[1].sortFrom, 0.0);
    QCOMPARE(map[1].sortTo, 0.5);
    QCOMPARE(map[2].sortFrom, 0.5);
    QCOMPARE(map[2].sortTo, 1.0);
    QVERIFY(!map[1].wholeCollections());
    QVERIFY(map[3].wholeCollections());
    // Each segment holds half of one hash of the 2^64.
    QCOMPARE(map[1].fraction(), 0.5 / 18446744073709551616.0);
    // The hash alone names the collection's first segment; a sort position its segment.
    QCOMPARE(map.indexOf(1000), 1);
    QCOMPARE(map.indexOf(1000, 0.25), 1);
    QCOMPARE(map.indexOf(1000, 0.5), 2);
    QCOMPARE(map.indexOf(1000, 0.99), 2);
    QCOMPARE(map.indexOf(999, 0.7), 0);
    QCOMPARE(map.indexOf(1001), 3);
    // New ids for both halves, as for any split.
    QCOMPARE(map[1].id, 5);
    QCOMPARE(map[2].id, 6);
}

void SortKeySplitsTest::sortKeySpreadSharesTheItems() {
    auto keys = [](int sortKeys, const char* order) {
        auto out = KeyDistribution::fromJson({{"distribution", "hotKey"},
                                              {"keyCount", 1},
                                              {"hotShare", 1},
                                              {"sortKeys", sortKeys},
                                              {"sortKeyOrder", order}},
                                             "keys");
        if (!out) qFatal("%s", out.error().message.c_str());
        return *out;
    };
    // 100 items at (j + 0.5) / 100: 50 on each side of 0.5, 25 in [0, 0.25).
    const KeyDistribution hundred = keys(100, "even");
    QCOMPARE(hundred.sortShare(0, 1), 1.0);
    QCOMPARE(hundred.sortShare(0, 0.5), 0.5);
    QCOMPARE(hundred.sortShare(0.5, 1), 0.5);
    QCOMPARE(hundred.sortShare(0, 0.25), 0.25);
    QCOMPARE(*hundred.sortSplitPoint(0, 1), 0.5);
    QCOMPARE(*hundred.sortSplitPoint(0.5, 1), 0.75);
    // 3 items at 1/6, 1/2, 5/6: the split puts one below 1/3, two above it.
    const KeyDistribution three = keys(3, "even");
    QCOMPARE(*three.sortSplitPoint(0, 1), 1.0 / 3);
    QCOMPARE(three.sortShare(0, 1.0 / 3), 1.0 / 3);
    QCOMPARE(three.sortShare(1.0 / 3, 1), 2.0 / 3);
    // Then the two above split at 2/3; a segment of one item cannot be split.
    QCOMPARE(*three.sortSplitPoint(1.0 / 3, 1), 2.0 / 3);
    QVERIFY(!three.sortSplitPoint(0, 1.0 / 3));
    // One item (the default): never split.
    QVERIFY(!keys(1, "even").sortSplitPoint(0, 1));
    // Monotonic: every request to the newest item (position 99.5 / 100), never split.
    const KeyDistribution monotonic = keys(100, "monotonic");
    QCOMPARE(monotonic.sortShare(0, 0.5), 0.0);
    QCOMPARE(monotonic.sortShare(0.5, 1), 1.0);
    QVERIFY(!monotonic.sortSplitPoint(0, 1));

    // The mass a partition map gives each segment of the collection.
    const KeyDistribution spread = keys(4, "even");
    PartitionMap map(1);
    const uint64_t hash = spread.listedKeys().front().hash;
    if (hash < ~uint64_t(0)) QVERIFY(map.splitAt(0, hash + 1));
    if (hash > 0) QVERIFY(map.splitAt(0, hash));
    const int at = map.indexOf(hash);
    QVERIFY(map.splitSortKeyAt(at, 0.5));
    QVERIFY(map.splitSortKeyAt(at + 1, 0.75));
    std::vector<double> mass;
    spread.massPerPartition(map, 0, mass);
    QCOMPARE(mass[static_cast<size_t>(at)], 0.5);       // items 0 and 1
    QCOMPARE(mass[static_cast<size_t>(at + 1)], 0.25);  // item 2
    QCOMPARE(mass[static_cast<size_t>(at + 2)], 0.25);  // item 3
}

void SortKeySplitsTest::itemCollectionStopsThrottlingAfterASortKeySplit() {
    // The proof scenario: two keys at 1,500 WCU each on a 10,000 WCU table (10 partitions of
    // 1,000 WCU). A partition serves at most 1,000 WCU, so each key throttles 1,500 - 1,000
    // = 500 writes a second until split for heat helps.
    const Json json = loadScenarioJson("sort-key-split");
    const SimulationReport report = modelRun(json);
    const ResourceReport& table = report.resources[0];
    const double rate = 1500, partitionMax = rules::kPartitionMaxWriteUnits;
    const double delay = rules::kSplitForHeatSeconds;
    const double duration = json["durationSeconds"].get<double>();

    // 300 s throttled: each key is isolated in a partition of its own (at the end of second
    // 299); it still throttles there, so 300 s later (second 599) the collection splits by
    // sort key. The single item has nowhere to go.
    const auto isolations = splitsFor(table, "heat");
    QVERIFY(!isolations.empty());
    for (const SplitEvent& split : isolations) QCOMPARE(split.second, delay - 1);
    const auto bySortKey = splitsFor(table, "sortKey");
    QCOMPARE(bySortKey.size(), size_t(1));
    QCOMPARE(bySortKey[0].second, 2 * delay - 1);

    // The collection: 500 a second throttled for the first 600 s, none after the split.
    const StreamReport& collection = stream(report, "item collection writes");
    const double collectionThrottled = (rate - partitionMax) * 2 * delay;
    QVERIFY2(within(collection.throttledRequests, collectionThrottled, 0.01),
             figures(collection.throttledRequests, collectionThrottled));
    // The single item: 500 a second throttled all run long.
    const StreamReport& item = stream(report, "single item writes");
    const double itemThrottled = (rate - partitionMax) * duration;
    QVERIFY2(within(item.throttledRequests, itemThrottled, 0.01),
             figures(item.throttledRequests, itemThrottled));

    // After the split each half of the collection takes 50 of its 100 items: 750 writes a
    // second each, none throttled.
    const HotKey& feed = trackedKey(report, "feed-0");
    int halves = 0;
    for (const auto& [id, share] : feed.byPartition) {
        if (id != bySortKey[0].lowerId && id != bySortKey[0].upperId) continue;
        ++halves;
        const double expected = rate / 2 * (duration - 2 * delay);
        QVERIFY2(within(share.requests, expected, 1e-9), figures(share.requests, expected));
        QCOMPARE(share.throttledRequests, 0.0);
    }
    QCOMPARE(halves, 2);
    // The segments as the report shows them.
    int segments = 0;
    for (const PartitionSeries& p : table.partitions) {
        if (p.id == bySortKey[0].lowerId) {
            QCOMPARE(p.sortFrom, 0.0);
            QCOMPARE(p.sortTo, 0.5);
            ++segments;
        } else if (p.id == bySortKey[0].upperId) {
            QCOMPARE(p.sortFrom, 0.5);
            QCOMPARE(p.sortTo, 1.0);
            ++segments;
        }
    }
    QCOMPARE(segments, 2);
    const Json out = report.toJson();
    bool segmentInJson = false;
    for (const Json& p : out["resources"][0]["partitions"])
        if (p["id"] == bySortKey[0].upperId)
            segmentInJson = p["sortKeySegment"] == Json::array({0.5, 1.0});
    QVERIFY(segmentInJson);
    // All of it a hot partition's throttling, none the table's capacity.
    QCOMPARE(report.throttledByReason.size(), size_t(1));
    QVERIFY(within(report.throttledByReason.at("TableWriteKeyRangeThroughputExceeded"),
                   report.throttledRequests, 1e-9));
}

void SortKeySplitsTest::singleHotItemKeepsThePartitionLimit() {
    // One item at 1,500 WCU: isolated after 300 s, never split below one item; its partition
    // serves exactly the partition maximum, 1,000 WCU, every second after the isolation.
    const SimulationReport report = modelRun(oneCollection(1500, 1));
    const ResourceReport& table = report.resources[0];
    QCOMPARE(splitsFor(table, "sortKey").size(), size_t(0));
    const HotKey& item = trackedKey(report, "feed-0");
    const PartitionSeries* own = nullptr;
    for (const PartitionSeries& p : table.partitions)
        if (p.id == item.partitionId) own = &p;
    QVERIFY(own);
    QCOMPARE(own->firstHash, item.hash);
    QCOMPARE(own->lastHash, item.hash);
    QCOMPARE(own->endSecond, -1);
    for (float served : own->consumedWrite) QCOMPARE(served, float(rules::kPartitionMaxWriteUnits));
    const double expected = (1500 - rules::kPartitionMaxWriteUnits) * 1200;
    QVERIFY2(within(report.throttledRequests, expected, 0.01),
             figures(report.throttledRequests, expected));
}

void SortKeySplitsTest::monotonicSortKeyIsNotSplit() {
    // 100 sort keys, but written in sort-key order: the newest item takes every write, so
    // splitting by sort key cannot help and AWS does not; it throttles all run long.
    const SimulationReport report = modelRun(oneCollection(1500, 100, "monotonic"));
    QCOMPARE(splitsFor(report.resources[0], "sortKey").size(), size_t(0));
    const double expected = (1500 - rules::kPartitionMaxWriteUnits) * 1200;
    QVERIFY2(within(report.throttledRequests, expected, 0.01),
             figures(report.throttledRequests, expected));
    // The same collection spread evenly splits at 599 s and throttles only before.
    const SimulationReport even = modelRun(oneCollection(1500, 100));
    QCOMPARE(splitsFor(even.resources[0], "sortKey").size(), size_t(1));
    const double before = (1500 - rules::kPartitionMaxWriteUnits) * 600;
    QVERIFY2(within(even.throttledRequests, before, 0.01), figures(even.throttledRequests, before));
}

void SortKeySplitsTest::localSecondaryIndexKeepsCollectionsWhole() {
    // With a local secondary index the collection stays in one partition: isolated, never
    // split by sort key, so it throttles all run long.
    const SimulationReport report = modelRun(oneCollection(1500, 100, "even", 1));
    QVERIFY(!splitsFor(report.resources[0], "heat").empty());
    QCOMPARE(splitsFor(report.resources[0], "sortKey").size(), size_t(0));
    const double expected = (1500 - rules::kPartitionMaxWriteUnits) * 1200;
    QVERIFY2(within(report.throttledRequests, expected, 0.01),
             figures(report.throttledRequests, expected));
}

void SortKeySplitsTest::sortKeyFieldsAreChecked() {
    auto error = [](const Json& json) {
        auto scenario = Scenario::fromJson(json);
        return scenario ? std::string() : scenario.error().message;
    };
    Json noSortKey = oneCollection(100, 10);
    noSortKey["table"].erase("sortKey");
    QCOMPARE(error(noSortKey),
             std::string("scenario.workload[0].keys.sortKeys: needs a table with a sortKey"));
    Json monotonic = oneCollection(100, 1, "monotonic");
    monotonic["table"].erase("sortKey");
    QCOMPARE(error(monotonic),
             std::string("scenario.workload[0].keys.sortKeyOrder: needs a table with a sortKey"));
    QCOMPARE(error(oneCollection(100, 10, "random")),
             std::string("scenario.workload[0].keys.sortKeyOrder: must be even or monotonic"));
    Json zero = oneCollection(100, 10);
    zero["workload"][0]["keys"]["sortKeys"] = 0;
    QVERIFY2(error(zero).find("scenario.workload[0].keys.sortKeys") == 0, error(zero).c_str());
    QVERIFY2(
        error(oneCollection(100, 10, "even", 6)).find("scenario.table.localSecondaryIndexes") == 0,
        error(oneCollection(100, 10, "even", 6)).c_str());
    Json localWithoutSortKey = oneCollection(100, 1, "even", 1);
    localWithoutSortKey["table"].erase("sortKey");
    QCOMPARE(error(localWithoutSortKey),
             std::string("scenario.table.localSecondaryIndexes: needs a table with a sortKey"));
    QCOMPARE(error(oneCollection(100, 10, "even", 5)), std::string());
}

void SortKeySplitsTest::rulesListSortKeySplits() {
    const SimulationReport report = modelRun(oneCollection(100, 10, "even", 2));
    auto find = [&](const std::string& rule) -> const AppliedRule* {
        for (const AppliedRule& r : report.rules)
            if (r.rule == rule) return &r;
        return nullptr;
    };
    const AppliedRule* split = find("split for heat: sort key");
    QVERIFY(split);
    QVERIFY2(split->source.find("DynamoDB burst and adaptive capacity (Isolate frequently "
                                "accessed items)") == 0,
             split->source.c_str());
    QVERIFY(split->value.find("a single item or a monotonic sort key is not split") !=
            std::string::npos);
    const AppliedRule* spread = find("requests within an item collection");
    QVERIFY(spread);
    QCOMPARE(spread->source, std::string(kAssumption));
    const AppliedRule* local = find("sort-key splits (Feeds)");
    QVERIFY(local);
    QVERIFY(local->value.find("off: the table has a local secondary index") == 0);
    QCOMPARE(local->source,
             std::string("DynamoDB burst and adaptive capacity; Local secondary indexes (Item "
                         "collections and partitions)"));
    // A table without one lists no such rule.
    const SimulationReport plain = modelRun(oneCollection(100, 10));
    for (const AppliedRule& r : plain.rules) QVERIFY(r.rule != "sort-key splits (Feeds)");
}

void SortKeySplitsTest::throttlesPerSecondAreSplitByReason() {
    // Hot key: every throttle is the partition's own limit (a hot partition).
    const SimulationReport hot = modelRun(loadScenarioJson("hot-key"));
    const ResourceReport& hotTable = hot.resources[0];
    QCOMPARE(hotTable.throttledKeyRange.size(), hotTable.throttledRequests.size());
    double sum = 0;
    for (size_t s = 0; s < hotTable.throttledRequests.size(); ++s) {
        QCOMPARE(hotTable.throttledKeyRange[s], hotTable.throttledRequests[s]);
        sum += hotTable.throttledKeyRange[s];
    }
    QVERIFY(sum > 0);
    // 800 WCU on a 400 WCU table: the table's capacity, never a partition's own limit.
    const SimulationReport burst = modelRun(loadScenarioJson("burst"));
    const ResourceReport& burstTable = burst.resources[0];
    double throttled = 0;
    for (size_t s = 0; s < burstTable.throttledRequests.size(); ++s) {
        QCOMPARE(burstTable.throttledKeyRange[s], 0.0f);
        throttled += burstTable.throttledRequests[s];
    }
    QVERIFY(throttled > 0);
    for (const PartitionSeries& p : burstTable.partitions)
        for (float keyRange : p.throttledKeyRange) QCOMPARE(keyRange, 0.0f);
    QCOMPARE(burst.toJson()["resources"][0]["seconds"]["throttledKeyRangeRequests"].size(),
             burstTable.throttledRequests.size());
}

void SortKeySplitsTest::gallerySummaryNamesTheSortKeySpread() {
    // The classroom gallery's summary of a scenario says how its keys' requests spread below
    // the partition key, and that a table has local secondary indexes.
    const std::string proof = scenarioFileSummary(loadScenarioJson("sort-key-split"));
    QVERIFY2(proof.find("item collection writes: PutItem at 1,500/s, hotKey over 1 key(s), "
                        "each over 100 sort keys") != std::string::npos,
             proof.c_str());
    // The single item's stream names no spread (one item per key).
    const std::string single = "single item writes: UpdateItem at 1,500/s, hotKey over 1 key(s)";
    const size_t at = proof.find(single);
    QVERIFY2(at != std::string::npos, proof.c_str());
    QVERIFY(proof.substr(at + single.size(), 1) != ",");
    const std::string monotonic = scenarioFileSummary(oneCollection(100, 100, "monotonic", 2));
    QVERIFY2(monotonic.find("sort key sk, 2 local secondary index(es)") != std::string::npos,
             monotonic.c_str());
    QVERIFY2(
        monotonic.find("each to the newest of its items (monotonic sort key)") != std::string::npos,
        monotonic.c_str());
}

QTEST_GUILESS_MAIN(SortKeySplitsTest)
#include "test_sort_key_splits.moc"
