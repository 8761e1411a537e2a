#pragma once
// DynamoDB's documented capacity figures, one constant per rule, with where AWS states it.
// The capacity model (capacity_model.h), auto scaling (auto_scaling.h) and the simulator
// use only these.

#include <cstdint>
#include <string>

#include "base/result.h"

namespace shardscape::rules {

// "A single partition can support a maximum of 3,000 read capacity units (RCUs) or 1,000
// write capacity units (WCUs)" and "each partition ... can hold up to 10 GB of data"
// (Developer Guide, bp-partition-key-design / "Partitions and data distribution"; AWS
// Knowledge Center "dynamodb-spiky-workloads-short-intervals": "per partition limits of
// 3,000 RCU or 1,000 WCU per second").
inline constexpr double kPartitionMaxReadUnits = 3000;
inline constexpr double kPartitionMaxWriteUnits = 1000;
inline constexpr double kPartitionMaxBytes = 10.0 * 1024 * 1024 * 1024;

// "DynamoDB currently retains up to 5 minutes (300 seconds) of unused read and write
// capacity" (Developer Guide, burst-adaptive-capacity, "Burst capacity").
inline constexpr double kBurstSeconds = 300;

// "New on-demand tables will be able to sustain up to 4,000 writes per second and 12,000
// reads per second" ... "or a linear combination of both" (Developer Guide,
// on-demand-capacity-mode, "Initial throughput"; Knowledge Center
// "on-demand-table-throttling-dynamodb").
inline constexpr double kOnDemandInitialWriteUnits = 4000;
inline constexpr double kOnDemandInitialReadUnits = 12000;
// "On-demand capacity mode instantly accommodates up to double the previous peak traffic on
// a table" ... "throttling can still occur if the throughput exceeds twice the previous peak
// within the same 30 minutes" (Developer Guide, on-demand-capacity-mode and
// pre-warming-on-demand-capacity-mode).
inline constexpr double kOnDemandPeakFactor = 2;
inline constexpr double kOnDemandPeakWindowSeconds = 30 * 60;

// Split for heat: AWS documents the behaviour (adaptive capacity "might rebalance your data
// so that a partition contains only that single, frequently accessed item") but no delay.
// Shardscape's assumption: a partition throttled for 5 minutes in a row is split.
inline constexpr int kSplitForHeatSeconds = 300;

// How a partition's read and write limits combine. The current Developer Guide: "DynamoDB's
// partition-level throttling operates independently for reads and writes - a partition may
// throttle reads while writes continue normally, or vice versa" ("1- Key range throughput
// exceeded (hot partitions)"): the default. Older material (Knowledge Center
// "on-demand-table-throttling-dynamodb") speaks of "3,000 RCU or 1,000 WCU, or a linear
// combination of both": kept as an option.
enum class PartitionBudget { Independent, LinearCombination };

// The share of its demand a partition can serve under `budget`, for reads and writes
// (scale factors in [0, 1]) given what it is asked for in one second.
struct PartitionScale {
    double read = 1;
    double write = 1;
};
PartitionScale partitionScale(PartitionBudget budget, double readUnits, double writeUnits);

// Read units are worth a third of write units in a partition's "linear combination" of
// 3,000 RCU and 1,000 WCU.
inline constexpr double kReadUnitsPerWriteUnit = kPartitionMaxReadUnits / kPartitionMaxWriteUnits;

// Initial partition count, the formula of the Developer Guide's former "Understand Partition
// Behavior" section: by throughput ceil(RCU / 3,000 + WCU / 1,000), by size
// ceil(size / 10 GB), and the table gets the larger (at least one).
int initialPartitionCount(double readUnits, double writeUnits, double tableBytes);

// Partitions an on-demand table starts with: enough for the initial 4,000 WCU / 12,000 RCU
// (a linear combination, so 4,000 / 1,000 = 4 partitions), or its size if larger.
int onDemandInitialPartitionCount(double tableBytes);

// ProvisionedThroughputExceededException, worded as DynamoDB words it for a table and for a
// global secondary index that back-pressures a base-table write.
Error provisionedThroughputExceeded();
Error indexProvisionedThroughputExceeded();
// Why a request was throttled, the LimitType of a ThrottlingReason (API reference,
// "ThrottlingReason"): the table's or index's provisioned throughput, the per-table account
// quota (on demand), a partition's (key range's) own limit, or the on-demand maximum
// throughput set on the table.
enum class ThrottleLimit {
    ProvisionedThroughputExceeded,
    AccountLimitExceeded,
    KeyRangeThroughputExceeded,
    MaxOnDemandThroughputExceeded
};
// The reason as DynamoDB names it: ResourceType (Table | Index) + OperationType (Read |
// Write) + LimitType, e.g. "TableWriteKeyRangeThroughputExceeded".
std::string throttlingReason(bool index, bool read, ThrottleLimit limit);
// `error` carrying DynamoDB's "ThrottlingReasons" member: one {"reason", "resource"} (the
// resource's ARN), the member names of the API's ThrottlingReason shape.
Error withThrottlingReason(Error error, const std::string& reason, const std::string& resourceArn);

// ThrottlingException on an on-demand table or index (AWS API reference, "Common errors":
// "Throughput exceeds the current capacity of your table or index...").
Error onDemandThrottling();

}  // namespace shardscape::rules
