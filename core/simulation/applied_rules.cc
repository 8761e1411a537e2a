#include "simulation/applied_rules.h"

#include <cmath>

#include "capacity/capacity_rules.h"

namespace shardscape {

namespace {

constexpr const char* kPartitionsPage = "Partitions and data distribution in DynamoDB";
constexpr const char* kBurstAdaptivePage = "DynamoDB burst and adaptive capacity";
constexpr const char* kOnDemandPage = "DynamoDB on-demand capacity mode";
constexpr const char* kGsiPage = "Using Global Secondary Indexes in DynamoDB";
constexpr const char* kLsiPage = "Local secondary indexes (Item collections and partitions)";
constexpr const char* kSwitchingPage = "Considerations when switching capacity modes in DynamoDB";
constexpr const char* kQuotasPage = "Quotas in Amazon DynamoDB";

std::string whole(double value) {
    return std::to_string(static_cast<int64_t>(std::llround(value)));
}

std::string onOff(bool on) {
    return on ? "on" : "off";
}

}  // namespace

std::vector<AppliedRule> appliedRules(const Scenario& scenario) {
    std::vector<AppliedRule> rules;
    auto add = [&](std::string rule, std::string value, std::string source) {
        rules.push_back({std::move(rule), std::move(value), std::move(source)});
    };
    add("partition maximum", "3,000 RCU and 1,000 WCU per second; 10 GB",
        std::string("Best practices for designing and using partition keys effectively in "
                    "DynamoDB; ") +
            kPartitionsPage);
    const bool independent = scenario.partitionBudget == rules::PartitionBudget::Independent;
    add("partition read and write limits",
        independent ? "independent: 3,000 RCU and 1,000 WCU at once"
                    : "linear combination: RCU / 3,000 + WCU / 1,000 <= 1",
        independent ? "1- Key range throughput exceeded (hot partitions)"
                    : "AWS Knowledge Center, on-demand-table-throttling-dynamodb (older "
                      "material; the current guide says independent)");
    add("partition of a key", "a contiguous range of the 64-bit partition-key hash",
        kPartitionsPage);
    add("initial partitions (provisioned)",
        "max(ceil(RCU / 3,000 + WCU / 1,000), ceil(size / 10 GB), 1)",
        std::string(kAssumption) + " (the Developer Guide's former partition formula)");
    add("initial capacity (on demand)",
        "4,000 WCU or 12,000 RCU (a linear combination) served at once",
        std::string(kOnDemandPage) + "; Pre-warming a table for on-demand capacity mode");
    add("on-demand partitions", "enough for twice the ceiling at 1,000 WCU each: 8 for a new table",
        std::string(kAssumption) +
            " (AWS documents the table's figure, not its partitions; with exactly 4 a uniform "
            "load throttles below 4,000 WCU)");
    add("on-demand scaling", "up to 2x the previous peak; a new peak counts after 30 minutes",
        std::string(kOnDemandPage) + "; Pre-warming a table for on-demand capacity mode");
    add("switching to on demand",
        "partitions kept; previous peak = half the most ever provisioned (at least 2,000 WCU); "
        "up to 4 switches in 24 hours, back to provisioned at any time",
        kSwitchingPage);
    const Quotas& quotas = scenario.quotas;
    add("quotas",
        "per table or index " + whole(quotas.tableMaxReadUnits) + " RCU and " +
            whole(quotas.tableMaxWriteUnits) + " WCU (provisioned and on demand); per account " +
            whole(quotas.accountMaxReadUnits) + " RCU and " + whole(quotas.accountMaxWriteUnits) +
            " WCU provisioned" + (quotas.raised ? " (raised by the scenario)" : " (defaults)"),
        kQuotasPage);
    add("time steps", "whole seconds: demand, capacity and throttling settle once a second",
        kAssumption);
    for (const TableSpec& table : scenario.tables) {
        if (table.capacity.mode != BillingMode::Provisioned) continue;
        add("burst capacity (" + table.name + ")",
            onOff(table.capacity.burst) +
                ", up to 300 s of unused capacity per partition; best effort: what only burst "
                "served is counted (servedOnlyByBurstRequests)",
            std::string(kBurstAdaptivePage) +
                "; AWS Knowledge Center, dynamodb-spiky-workloads-short-intervals");
        add("adaptive capacity (" + table.name + ")", onOff(table.capacity.adaptive),
            kBurstAdaptivePage);
        if (table.capacity.burst)
            add("burst buckets at start (" + table.name + ")",
                "full: 300 s of the provisioned throughput, as after 5 idle minutes", kAssumption);
    }
    for (const TableSpec& table : scenario.tables) {
        bool scaled = table.autoScaling.read || table.autoScaling.write;
        for (const IndexSpec& index : table.globalIndexes)
            scaled = scaled || index.autoScaling.read || index.autoScaling.write;
        if (scaled)
            add("auto scaling (" + table.name + ")",
                "a new throughput applies at once at the end of the minute that asks for it, "
                "never above the per-table quota",
                std::string(kAssumption) +
                    " (the alarms: Managing throughput capacity "
                    "automatically with DynamoDB auto scaling)");
        if (!table.updates.empty())
            add("table updates (" + table.name + ")",
                std::to_string(table.updates.size()) +
                    " UpdateTable calls, each in effect at its second",
                kSwitchingPage);
    }
    for (const StreamSpec& stream : scenario.streams) {
        if (stream.operation != StreamOperation::TimeToLive) continue;
        const TableSpec& table = scenario.tables.at(static_cast<size_t>(stream.table));
        add("TTL deletes (" + stream.name + ")",
            "no write capacity, never throttled, " + whole(table.timeToLive.deleteDelaySeconds) +
                " s after expiry; expired items stay readable (and billed) until then",
            "UpdateTimeToLive (API reference: \"typically deletes expired items within two "
            "days\"); "
            "Time to Live (TTL); delay: " +
                std::string(kAssumption));
    }
    add("on-demand cost", "bills the units the workload asked for (served or throttled)",
        "Amazon DynamoDB pricing, Pricing for On-Demand Capacity");
    add("throttling reasons",
        "KeyRangeThroughputExceeded when a partition is asked for more than its own limit, "
        "else ProvisionedThroughputExceeded (on demand: always KeyRangeThroughputExceeded, "
        "our assumption)",
        "ThrottlingReason (API reference); DynamoDB throttling resolution guide");
    add("split for heat: delay",
        std::to_string(rules::kSplitForHeatSeconds) + " s throttled in a row", kAssumption);
    add("split for heat: isolated key", "a key with at least 10 % of its partition's demand",
        std::string(kAssumption) + " (the behaviour: " + kBurstAdaptivePage + ")");
    add("split for heat: sort key",
        "a partition holding one key splits its item collection by sort key, " +
            std::to_string(rules::kSplitForHeatSeconds) +
            " s throttled in a row, half of the items its requests reach to each side; a "
            "single item or a monotonic sort key is not split and keeps the partition's "
            "3,000 RCU / 1,000 WCU",
        std::string(kBurstAdaptivePage) +
            " (Isolate frequently accessed items); the delay and the split point: " + kAssumption +
            "; on global secondary indexes as on tables: " + kAssumption);
    add("requests within an item collection",
        "spread evenly over keys.sortKeys items (default 1), or all to the newest with "
        "keys.sortKeyOrder monotonic",
        kAssumption);
    for (const TableSpec& table : scenario.tables)
        if (table.localSecondaryIndexes > 0)
            add("sort-key splits (" + table.name + ")",
                "off: the table has a local secondary index, so each item collection stays in "
                "one partition (at most 10 GB)",
                std::string(kBurstAdaptivePage) + "; " + kLsiPage);
    for (const StreamSpec& stream : scenario.streams)
        if (stream.operation == StreamOperation::Scan)
            add("scan page (" + stream.name + ")",
                std::to_string(static_cast<int64_t>(stream.scanPageBytes)) +
                    " bytes read per request: the data held, up to 1 MB",
                "Query and Scan operations in DynamoDB (capacity unit consumption)");
    for (const StreamSpec& stream : scenario.streams) {
        const TableSpec& table = scenario.tables.at(static_cast<size_t>(stream.table));
        for (size_t i = 0; i < stream.indexWrites.size(); ++i) {
            const IndexWriteKind kind = stream.indexWrites[i];
            const int writes = indexWriteCount(kind);
            add("index writes (" + stream.name + " -> " + table.globalIndexes[i].name + ")",
                std::string(indexWriteName(kind)) + ": " + std::to_string(writes) +
                    (writes == 1 ? " write" : " writes") + " of the entry's size",
                kGsiPage);
        }
    }
    return rules;
}

}  // namespace shardscape
