#pragma once
// What a simulation produces: per-second, per-partition consumed capacity and throttles for
// the table and each global secondary index, consumed vs provisioned capacity, throttle
// counts by error, splits, auto-scaling changes and the hottest keys. Serialised to JSON
// (report.json) and CSV.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "capacity/capacity_model.h"
#include "values/attribute_json.h"

namespace shardscape {

struct PartitionSeries {
    int id = 0;
    uint64_t firstHash = 0;
    uint64_t lastHash = 0;
    int firstSecond = 0;  // the series' values start at this second
    int endSecond = -1;   // second the partition was split (-1: still there at the end)
    std::vector<float> consumedRead;
    std::vector<float> consumedWrite;
    std::vector<float> throttledRequests;
    // The segment of one item collection it holds after a split by sort key (positions in
    // [0, 1), partition_map.h); [0, 1) otherwise.
    double sortFrom = 0;
    double sortTo = 1;
    // Of throttledRequests, those refused by the partition's own limit
    // (KeyRangeThroughputExceeded: a hot partition); the rest hit the table's or index's
    // capacity. Empty when the source does not tell them apart.
    std::vector<float> throttledKeyRange;
};

struct ScalingEvent {
    int second = 0;
    std::string dimension;  // "read" or "write"
    double from = 0;
    double to = 0;
};

struct ResourceReport {
    std::string name;
    bool isIndex = false;
    BillingMode mode = BillingMode::Provisioned;
    // Per second: consumed units, capacity (provisioned, or the on-demand ceiling in
    // write-equivalent units for both) and throttled requests.
    std::vector<float> consumedRead;
    std::vector<float> consumedWrite;
    std::vector<float> capacityRead;
    std::vector<float> capacityWrite;
    std::vector<float> throttledRequests;
    // Per second, of throttledRequests, those a partition's own limit refused
    // (KeyRangeThroughputExceeded); the rest are the table's (or index's) capacity
    // (ProvisionedThroughputExceeded and the other table-level reasons). Empty when the
    // source does not tell them apart.
    std::vector<float> throttledKeyRange;
    std::vector<PartitionSeries> partitions;
    std::vector<SplitEvent> splits;
    std::vector<ScalingEvent> scaling;
    double totalRead = 0;
    double totalWrite = 0;
    double throttled = 0;
    int finalPartitionCount = 0;
    // UpdateTable billing-mode switches during the run: (second, mode from then on).
    std::vector<std::pair<int, BillingMode>> modeChanges;
    // For the cost estimate: the units the workload asked of the resource (served or
    // throttled: on demand would serve them), all of them and those asked while it was on
    // demand; and its provisioned capacity summed over the seconds it was provisioned.
    double askedRead = 0;
    double askedWrite = 0;
    double askedReadOnDemand = 0;
    double askedWriteOnDemand = 0;
    double provisionedReadSeconds = 0;
    double provisionedWriteSeconds = 0;
};

struct StreamReport {
    std::string name;
    std::string operation;
    double requests = 0;
    double throttledRequests = 0;
    double consumedUnits = 0;
    // Served only thanks to burst capacity (throttled without it).
    double burstOnlyRequests = 0;
    // TimeToLive streams: items expired during the run and not yet deleted at its end (still
    // read, queried, scanned and stored); `requests` counts the items deleted.
    double expiredPendingDeletion = 0;
};

struct HotKey {
    std::string key;
    std::string stream;
    int partitionId = 0;  // partition holding it at the end
    double requests = 0;
    double throttledRequests = 0;
    uint64_t hash = 0;         // partition-key hash (which partition range holds it)
    int resource = 0;          // index into SimulationReport::resources it is read/written on
    double consumedUnits = 0;  // capacity units its served requests consumed
    bool write = false;        // written (WCU) rather than read (RCU)
    // The same figures by the partition (id) that held the key at the time.
    struct Share {
        double requests = 0;
        double throttledRequests = 0;
        double consumedUnits = 0;
    };
    std::map<int, Share> byPartition;
};

// What the run's traffic costs, in USD, by the scenario's prices.
struct CostEstimate {
    // Every resource on demand: the request units the workload asked for (on demand would
    // have served them, throttled or not).
    double onDemand = 0;
    // The provisioned capacity (as auto scaling set it) billed per hour over the seconds
    // resources were provisioned; only when one was.
    std::optional<double> provisioned;
    // Each resource in its own mode, second by second: provisioned capacity by the hour while
    // provisioned, the units asked of it while on demand.
    double asConfigured = 0;
};

// A capacity rule a run applied: what it is, the value used, and where it comes from (the
// title of the AWS page that documents it, or kAssumption).
struct AppliedRule {
    std::string rule;
    std::string value;
    std::string source;
};
inline constexpr const char* kAssumption = "undocumented: our assumption";

// One resource as JSON (the elements of report.json's "resources").
Json resourceReportJson(const ResourceReport& resource);

struct SimulationReport {
    std::string scenario;
    std::string mode = "model";
    uint64_t seed = 0;
    int durationSeconds = 0;
    double requests = 0;
    double throttledRequests = 0;
    // Requests served only thanks to burst capacity, which AWS provides on a best-effort
    // basis and advises not to plan on: without burst they would have been throttled too.
    double burstOnlyRequests = 0;
    std::map<std::string, double> throttledByError;
    // Throttled requests by DynamoDB's ThrottlingReason ("TableWriteKeyRangeThroughputExceeded",
    // ...): a hot partition and a table out of capacity read differently. Model mode only.
    std::map<std::string, double> throttledByReason;
    std::vector<ResourceReport> resources;  // the table first, then its indexes
    std::vector<StreamReport> streams;
    std::vector<HotKey> hotKeys;  // the ten busiest keys
    // Every key the run tracked (the ten heaviest of each stream), for per-partition
    // drill-downs; heaviest first.
    std::vector<HotKey> trackedKeys;
    CostEstimate cost;
    // The rules the run applied, each with its value and source (simulation/applied_rules.h).
    std::vector<AppliedRule> rules;

    Json toJson() const;
    // The result with and without burst capacity, in one sentence ("" when burst served
    // nothing that would otherwise have been throttled).
    std::string burstVerdict() const;
    // <dir>/seconds.csv (resource, second, consumed, capacity, throttled) and
    // <dir>/partitions.csv (resource, partition, second, consumed, throttled).
    Status writeCsv(const std::string& directory) const;
};

}  // namespace shardscape
