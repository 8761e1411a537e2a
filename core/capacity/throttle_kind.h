#pragma once
// Two kinds of throttling read differently, as in AWS's throttling guide ("DynamoDB
// throttling resolution guide"): a hot partition, refused by a partition's (key range's) own
// limit of 3,000 RCU / 1,000 WCU (KeyRangeThroughputExceeded), where more table capacity
// does not help; and the table's (or index's) capacity, refused because the table as a whole
// is out of throughput (ProvisionedThroughputExceeded, MaxOnDemandThroughputExceeded,
// AccountLimitExceeded), where raising it does.

#include <map>
#include <string>

#include "capacity/capacity_rules.h"
#include "schema/table_definition.h"

namespace shardscape {

enum class ThrottleKind { HotPartition, TableCapacity };

ThrottleKind throttleKind(rules::ThrottleLimit limit);
// "hot partition" / "table capacity"
const char* throttleKindName(ThrottleKind kind);
// The LimitType(s) DynamoDB names for it on a table of `mode`: "KeyRangeThroughputExceeded";
// "ProvisionedThroughputExceeded" (provisioned) or "MaxOnDemandThroughputExceeded or
// AccountLimitExceeded" (on demand).
std::string throttleKindLimits(ThrottleKind kind, BillingMode mode);
// "hot partition (KeyRangeThroughputExceeded)"
std::string throttleKindLabel(ThrottleKind kind, BillingMode mode);
// What to do about it, in one sentence.
const char* throttleKindAdvice(ThrottleKind kind);

// Throttled requests by kind, from counts by ThrottlingReason
// (SimulationReport::throttledByReason: "TableWriteKeyRangeThroughputExceeded", ...).
struct ThrottlesByKind {
    double hotPartition = 0;
    double tableCapacity = 0;
};
ThrottlesByKind throttlesByKind(const std::map<std::string, double>& throttledByReason);

}  // namespace shardscape
