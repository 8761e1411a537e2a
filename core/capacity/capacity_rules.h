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
// How many partitions an on-demand table keeps. AWS documents the table-level figure (a
// new table sustains 4,000 WCU / 12,000 RCU, "the overall table won't be throttled if the
// table access is distributed evenly across partitions", Pre-warming a table for on-demand
// capacity mode) but not the partitions behind it. With exactly ceiling / 1,000 partitions a
// uniform load would throttle below the ceiling (one partition's share of a random load
// crosses 1,000 WCU before the table reaches 4,000), so the documented figure could not be
// reached. Shardscape's assumption: an on-demand table keeps partitions enough for twice its
// ceiling (8 for a new table).
inline constexpr double kOnDemandPartitionHeadroom = 2;

// Switching capacity modes: "You can switch tables from provisioned capacity mode to
// on-demand mode up to four times in a 24-hour rolling window. You can switch tables from
// on-demand mode to provisioned capacity mode at any time." On a switch to on demand, "the
// previous peak is half the maximum write capacity units and read capacity units provisioned
// since the table was created, or the settings for a newly created table with on-demand
// capacity mode, whichever is higher" (Considerations when switching capacity modes in
// DynamoDB): the table keeps its partitions and serves at once what it was provisioned for.
inline constexpr int kSwitchesToOnDemandPerWindow = 4;
inline constexpr double kSwitchWindowSeconds = 24 * 3600;

// Default quotas (Developer Guide, "Quotas in Amazon DynamoDB", throughput default quotas):
// per table (and per global secondary index) 40,000 read and 40,000 write units, provisioned
// or on demand; per account 80,000 read and 80,000 write capacity units provisioned over all
// tables and indexes of the Region. Raised with a quota increase (a scenario's "quotas").
inline constexpr double kDefaultTableMaxReadUnits = 40000;
inline constexpr double kDefaultTableMaxWriteUnits = 40000;
inline constexpr double kDefaultAccountMaxReadUnits = 80000;
inline constexpr double kDefaultAccountMaxWriteUnits = 80000;

// The Region the local engine and the simulator name in quota messages (as in its ARNs).
inline constexpr const char* kLocalRegion = "ddblocal";

// Time to Live: "DynamoDB typically deletes expired items within two days of expiration ...
// Items that have expired and not been deleted will still show up in reads, queries, and
// scans" (API reference, UpdateTimeToLive); the deletes consume no write throughput (Developer
// Guide, "Time to Live (TTL)"). The delay before an expired item is deleted is a setting;
// Shardscape's default assumes the documented bound: 48 hours.
inline constexpr double kDefaultTimeToLiveDeleteDelaySeconds = 48 * 3600;

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

// Partitions an on-demand table needs for `ceiling` write-equivalent units (WCU + RCU / 3)
// with kOnDemandPartitionHeadroom: ceil(2 x ceiling / 1,000).
int onDemandPartitionCount(double ceiling);
// Partitions an on-demand table starts with: those for the initial 4,000 WCU / 12,000 RCU
// (8), or its size if larger.
int onDemandInitialPartitionCount(double tableBytes);

// LimitExceededException for provisioned units above the per-table (or per-index) quota, as
// DynamoDB words it: "The requested ReadCapacityUnits, 50000, is above the per table maximum
// for the account in <Region>. Per table maximum: 40000. ..."; `index` empty for the table.
Error tableQuotaExceeded(bool read, double requested, double maximum, const std::string& index);
// LimitExceededException for provisioned units above the account quota: "This request would
// have caused the ReadCapacityUnits limit to be exceeded for the account in <Region>. Current
// ReadCapacityUnits reserved by the account: N. Limit: 80000. Requested: M. ...".
Error accountQuotaExceeded(bool read, double reserved, double limit, double requested);
// LimitExceededException for an on-demand maximum (OnDemandThroughput) above the table quota:
// "Subscriber limit exceeded: Requested MaxReadRequestUnits for OnDemandThroughput for table
// exceeds TableMaxReadCapacityUnits of the account in region <Region>".
Error onDemandMaximumAboveQuota(bool read, const std::string& index);
// The same for WarmThroughput: "Subscriber limit exceeded: Requested ReadUnitsPerSecond for
// WarmThroughput for table exceeds TableMaxReadCapacityUnits of the account in region ...".
Error warmThroughputAboveQuota(bool read, const std::string& index);
// LimitExceededException for a fifth switch to on demand within 24 hours. DynamoDB's wording
// for its former once-a-day limit was "Subscriber limit exceeded: Update to PayPerRequest
// mode are limited to once in 1 day(s). ..."; for the current four switches the count is our
// assumption: "... limited to 4 times in 1 day(s). Next update can be made at <time>".
Error switchToOnDemandLimited(const std::string& nextAllowed);

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
