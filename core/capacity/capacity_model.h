#pragma once
// The capacity physics of one table or global secondary index, second by second: partitions
// (contiguous hash ranges), provisioned throughput divided over them, burst capacity,
// adaptive capacity, the on-demand ceiling, throttling, and splits. Every rule cites AWS's
// documented figure in capacity_rules.h or at the rule below.
//
// The model is fed the demand (capacity units) each partition receives in one second and
// answers how much of it is served; the rest is throttled. It knows nothing of keys or items:
// the simulator maps keys to partitions through partitions().indexOf(hash).

#include <deque>
#include <optional>
#include <vector>

#include "capacity/capacity_rules.h"
#include "capacity/partition_map.h"
#include "schema/table_definition.h"

namespace shardscape {

struct CapacitySettings {
    BillingMode mode = BillingMode::Provisioned;
    double readUnits = 0;   // provisioned RCU (ignored on demand)
    double writeUnits = 0;  // provisioned WCU (ignored on demand)
    double sizeBytes = 0;   // data held (table items or index entries)
    bool burst = true;      // burst capacity on (provisioned)
    bool adaptive = true;   // adaptive capacity on (provisioned)
    // How the partition's read and write limits combine (capacity_rules.h).
    rules::PartitionBudget budget = rules::PartitionBudget::Independent;
    // Burst buckets start full, as for a table that has been idle for five minutes.
    bool burstStartsFull = true;
    // On demand: the maximum throughput set on the table or index (OnDemandThroughput
    // MaxReadRequestUnits / MaxWriteRequestUnits; 0 = none) and the per-table quota, in
    // request units per second. Traffic above either is throttled.
    double maxReadRequestUnits = 0;
    double maxWriteRequestUnits = 0;
    double quotaReadUnits = rules::kDefaultTableMaxReadUnits;
    double quotaWriteUnits = rules::kDefaultTableMaxWriteUnits;
    // WarmThroughput: read and write units per second the table is ready to serve at once
    // (0 = none asked for; see CapacityModel::warm).
    double warmReadUnits = 0;
    double warmWriteUnits = 0;
};

struct SplitEvent {
    double second = 0;
    int parentId = 0;
    int lowerId = 0;
    int upperId = 0;
    // "throughput", "size", "heat", or "sortKey" (split for heat within an item collection)
    const char* reason = "";
};

// Demand and outcome of one partition in one second, in capacity units.
struct PartitionLoad {
    double readDemand = 0;
    double writeDemand = 0;
    double readServed = 0;
    double writeServed = 0;
    // Of the served units, those only burst capacity served (provisioned): without burst
    // they would have been throttled. AWS: burst capacity "is provided on a best effort's
    // basis and isn't guaranteed" (Knowledge Center, dynamodb-spiky-workloads-short-intervals).
    double readFromBurst = 0;
    double writeFromBurst = 0;
    // Requests were refused on top of the demand (engine enforcement admits request by
    // request and passes only what it served as demand): counts as throttled for heat.
    bool refused = false;
};

class CapacityModel {
  public:
    explicit CapacityModel(const CapacitySettings& settings);

    const CapacitySettings& settings() const { return settings_; }
    const PartitionMap& partitions() const { return partitions_; }
    // Bumped whenever the partitions change (a split); callers re-map keys when it moves.
    int generation() const { return generation_; }
    const std::vector<SplitEvent>& splits() const { return splits_; }

    double provisionedRead() const { return settings_.readUnits; }
    double provisionedWrite() const { return settings_.writeUnits; }
    // UpdateTable (or auto scaling) at `second`. AWS: partitions are added "if you increase
    // the table's provisioned throughput settings beyond what the existing partitions can
    // support" (HowItWorks.Partitions); partitions are never merged back.
    void setProvisioned(double second, double readUnits, double writeUnits);
    // UpdateTable's BillingMode at `second` (rules::kSwitchesToOnDemandPerWindow). The table
    // keeps its partitions. To on demand: the previous peak becomes half the most it was ever
    // provisioned for (at least the new table's 2,000 WCU), so it serves at once what it was
    // provisioned for: AWS's documented way to pre-warm. To provisioned: `readUnits` /
    // `writeUnits`; burst buckets start empty; the on-demand peaks are kept.
    void switchMode(double second, BillingMode mode, double readUnits, double writeUnits);
    // WarmThroughput (CreateTable / UpdateTable): the table is made ready to serve `readUnits`
    // and `writeUnits` a second at once. AWS: warm throughput is "the number of read and write
    // operations your table or index can instantaneously support" (Understanding DynamoDB warm
    // throughput). On demand the previous peak becomes half of it (write-equivalent), so the
    // ceiling reaches it; provisioned, the partitions for it are made and it counts as
    // provisioned for a later switch to on demand. Never lowers anything.
    void warm(double second, double readUnits, double writeUnits);
    // OnDemandThroughput changed (UpdateTable): the maximum request units per second, 0 none.
    void setOnDemandMaximum(double readUnits, double writeUnits) {
        settings_.maxReadRequestUnits = readUnits;
        settings_.maxWriteRequestUnits = writeUnits;
    }
    // The most RCU / WCU the table was provisioned for (0 if never).
    double maxProvisionedRead() const { return maxProvisionedRead_; }
    double maxProvisionedWrite() const { return maxProvisionedWrite_; }

    // On demand: the write-equivalent units per second (WCU + RCU / 3) the table serves at
    // `second` without throttling: max(4,000, twice the peak reached more than 30 minutes
    // ago, any level already reached). Its partitions follow it with
    // rules::kOnDemandPartitionHeadroom.
    double onDemandCeiling() const;
    // On demand: what the table serves of reads (`read`, in RCU) or writes (WCU) alone, the
    // ceiling bounded by its maximum throughput and the per-table quota (for charts).
    double onDemandCapacity(bool read) const;
    // On demand, of the last settled second: the table-level limit that throttled reads
    // (`read`) or writes beyond the ceiling, MaxOnDemandThroughputExceeded (the table's
    // maximum throughput) or AccountLimitExceeded (the per-table quota); none otherwise.
    std::optional<rules::ThrottleLimit> onDemandLimit(bool read) const {
        return read ? readLimit_ : writeLimit_;
    }

    // Settles one second: fills readServed/writeServed of every load (one per partition, in
    // partition order) from the demands, and updates burst buckets and on-demand peaks.
    // Call with consecutive seconds.
    void settle(double second, std::vector<PartitionLoad>& loads);

    // Split for heat: partitions (indexes) throttled for at least `seconds` in a row. AWS
    // documents that adaptive capacity "might rebalance your data so that a partition
    // contains only that single, frequently accessed item" (burst-adaptive-capacity,
    // "Isolate frequently accessed items") but not after how long; the simulator uses
    // rules::kSplitForHeatSeconds and picks the split point from the keys it knows.
    std::vector<int> partitionsHotFor(int seconds) const;
    // Splits the partition at `index` at hash `at` (see PartitionMap::splitAt); burst is
    // shared by range width. False if `at` is not inside the range.
    bool splitAt(double second, int index, uint64_t at, const char* reason);
    // Splits a single-key partition by sort key at position `at` (see
    // PartitionMap::splitSortKeyAt); burst is shared by segment width. False if it cannot.
    bool splitSortKeyAt(double second, int index, double at, const char* reason);

    // Burst units a partition holds (provisioned), for tests and charts.
    double readBurst(int index) const { return readBucket_.at(index); }
    double writeBurst(int index) const { return writeBucket_.at(index); }

  private:
    // Shares the split partition's burst and heat state between its halves and records the
    // split (after partitions_ has split the range at `index`).
    void recordSplit(double second, int index, int parentId, double parentFraction,
                     const char* reason);
    // Records warm throughput in the peaks (on demand) or provisioned maxima; returns the
    // partitions it needs.
    int warmTargets(double readUnits, double writeUnits);
    void splitForCount(double second, int needed, const char* reason);
    void settleProvisioned(std::vector<PartitionLoad>& loads, bool read);
    void settleOnDemand(double second, std::vector<PartitionLoad>& loads);

    CapacitySettings settings_;
    PartitionMap partitions_;
    int generation_ = 0;
    std::vector<SplitEvent> splits_;
    std::vector<double> readBucket_;
    std::vector<double> writeBucket_;
    std::vector<int> hotSeconds_;
    // On demand: served write-equivalent units of the last 30 minutes, by second.
    std::deque<std::pair<double, double>> recent_;
    double peakBeforeWindow_ = 0;
    double peakEver_ = 0;
    double maxProvisionedRead_ = 0;
    double maxProvisionedWrite_ = 0;
    std::optional<rules::ThrottleLimit> readLimit_;
    std::optional<rules::ThrottleLimit> writeLimit_;
};

}  // namespace shardscape
