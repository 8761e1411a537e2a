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

int onDemandPartitionCount(double ceiling) {
    return std::max(1, ceilCount(kOnDemandPartitionHeadroom * ceiling / kPartitionMaxWriteUnits));
}

int onDemandInitialPartitionCount(double tableBytes) {
    return std::max(onDemandPartitionCount(kOnDemandInitialWriteUnits),
                    ceilCount(tableBytes / kPartitionMaxBytes));
}

namespace {
std::string units(double value) {
    return std::to_string(static_cast<int64_t>(std::llround(value)));
}
constexpr const char* kReferToGuide =
    " Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher "
    "limits.";
}  // namespace

Error tableQuotaExceeded(bool read, double requested, double maximum, const std::string& index) {
    std::string message = "The requested ";
    message.append(read ? "ReadCapacityUnits" : "WriteCapacityUnits");
    if (!index.empty()) message.append(" for index ").append(index);
    message.append(", ").append(units(requested));
    message.append(index.empty() ? ", is above the per table maximum for the account in "
                                 : ", is above the per index maximum for the account in ");
    message.append(kLocalRegion);
    message.append(index.empty() ? ". Per table maximum: " : ". Per index maximum: ");
    message.append(units(maximum)).append(".").append(kReferToGuide);
    return Error{ErrorType::LimitExceeded, std::move(message)};
}

Error accountQuotaExceeded(bool read, double reserved, double limit, double requested) {
    const char* name = read ? "ReadCapacityUnits" : "WriteCapacityUnits";
    std::string message = "This request would have caused the ";
    message.append(name).append(" limit to be exceeded for the account in ");
    message.append(kLocalRegion).append(". Current ").append(name);
    message.append(" reserved by the account: ").append(units(reserved));
    message.append(". Limit: ").append(units(limit));
    message.append(". Requested: ").append(units(requested)).append(".").append(kReferToGuide);
    return Error{ErrorType::LimitExceeded, std::move(message)};
}

namespace {

// "Subscriber limit exceeded: Requested <member> for <setting> for <resource> exceeds
// TableMax{Read|Write}CapacityUnits of the account in region <region>".
Error requestedAboveQuota(const char* member, const char* setting, const std::string& resource,
                          bool read) {
    std::string message = "Subscriber limit exceeded: Requested ";
    message.append(member).append(" for ").append(setting).append(" for ").append(resource);
    message.append(read ? " exceeds TableMaxReadCapacityUnits"
                        : " exceeds TableMaxWriteCapacityUnits");
    message.append(" of the account in region ").append(kLocalRegion);
    return Error{ErrorType::LimitExceeded, std::move(message)};
}

}  // namespace

Error onDemandMaximumAboveQuota(bool read, const std::string& index) {
    return requestedAboveQuota(read ? "MaxReadRequestUnits" : "MaxWriteRequestUnits",
                               "OnDemandThroughput", index.empty() ? "table" : "index : " + index,
                               read);
}

Error warmThroughputAboveQuota(bool read, const std::string& index) {
    return requestedAboveQuota(read ? "ReadUnitsPerSecond" : "WriteUnitsPerSecond",
                               "WarmThroughput", index.empty() ? "table" : "index " + index, read);
}

Error switchToOnDemandLimited(const std::string& nextAllowed) {
    std::string message = "Subscriber limit exceeded: Update to PayPerRequest mode are limited to ";
    message.append(std::to_string(kSwitchesToOnDemandPerWindow));
    message.append(" times in 1 day(s). Next update can be made at ").append(nextAllowed);
    return Error{ErrorType::LimitExceeded, std::move(message)};
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
