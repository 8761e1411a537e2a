#include "capacity/capacity_rules.h"

#include <algorithm>
#include <cmath>

namespace shardscape::rules {

namespace {
// ceil() that ignores floating-point dust (3000.0000001 / 3000 is one partition).
int ceilCount(double value) {
    return static_cast<int>(std::ceil(value - 1e-9));
}
}  // namespace

int initialPartitionCount(double readUnits, double writeUnits, double tableBytes) {
    const int byThroughput =
        ceilCount(readUnits / kPartitionMaxReadUnits + writeUnits / kPartitionMaxWriteUnits);
    const int bySize = ceilCount(tableBytes / kPartitionMaxBytes);
    return std::max({1, byThroughput, bySize});
}

PartitionScale partitionScale(PartitionBudget budget, double readUnits, double writeUnits) {
    PartitionScale scale;
    if (budget == PartitionBudget::LinearCombination) {
        const double use =
            readUnits / kPartitionMaxReadUnits + writeUnits / kPartitionMaxWriteUnits;
        if (use > 1) scale.read = scale.write = 1 / use;
        return scale;
    }
    if (readUnits > kPartitionMaxReadUnits) scale.read = kPartitionMaxReadUnits / readUnits;
    if (writeUnits > kPartitionMaxWriteUnits) scale.write = kPartitionMaxWriteUnits / writeUnits;
    return scale;
}

int onDemandInitialPartitionCount(double tableBytes) {
    const int byThroughput = ceilCount(kOnDemandInitialWriteUnits / kPartitionMaxWriteUnits);
    return std::max({1, byThroughput, ceilCount(tableBytes / kPartitionMaxBytes)});
}

std::string throttlingReason(bool index, bool read, ThrottleLimit limit) {
    std::string out = index ? "Index" : "Table";
    out.append(read ? "Read" : "Write");
    switch (limit) {
        case ThrottleLimit::ProvisionedThroughputExceeded:
            out.append("ProvisionedThroughputExceeded");
            break;
        case ThrottleLimit::AccountLimitExceeded:
            out.append("AccountLimitExceeded");
            break;
        case ThrottleLimit::KeyRangeThroughputExceeded:
            out.append("KeyRangeThroughputExceeded");
            break;
        case ThrottleLimit::MaxOnDemandThroughputExceeded:
            out.append("MaxOnDemandThroughputExceeded");
            break;
    }
    return out;
}

Error withThrottlingReason(Error error, const std::string& reason, const std::string& resourceArn) {
    // Reasons and ARNs hold no characters JSON would escape (names are [A-Za-z0-9_.-]).
    std::string json = R"({"ThrottlingReasons":[{"reason":")";
    json.append(reason);
    json.append(R"(","resource":")");
    json.append(resourceArn);
    json.append(R"("}]})");
    error.extraJson = std::move(json);
    return error;
}

Error provisionedThroughputExceeded() {
    return Error{ErrorType::ProvisionedThroughputExceeded,
                 "The level of configured provisioned throughput for the table was exceeded. "
                 "Consider increasing your provisioning level with the UpdateTable API."};
}

Error indexProvisionedThroughputExceeded() {
    return Error{ErrorType::ProvisionedThroughputExceeded,
                 "The level of configured provisioned throughput for one or more global "
                 "secondary indexes of the table was exceeded. Consider increasing your "
                 "provisioning level for the under-provisioned global secondary indexes with "
                 "the UpdateTable API."};
}

Error onDemandThrottling() {
    return Error{ErrorType::Throttling,
                 "Throughput exceeds the current capacity of your table or index. DynamoDB is "
                 "automatically scaling your table or index so please try again shortly. If "
                 "exceptions persist, check if you have a hot key: "
                 "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                 "bp-partition-key-design.html."};
}

}  // namespace shardscape::rules
