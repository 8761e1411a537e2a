#include "capacity/throttle_kind.h"

namespace shardscape {

ThrottleKind throttleKind(rules::ThrottleLimit limit) {
    return limit == rules::ThrottleLimit::KeyRangeThroughputExceeded ? ThrottleKind::HotPartition
                                                                     : ThrottleKind::TableCapacity;
}

const char* throttleKindName(ThrottleKind kind) {
    return kind == ThrottleKind::HotPartition ? "hot partition" : "table capacity";
}

std::string throttleKindLimits(ThrottleKind kind, BillingMode mode) {
    if (kind == ThrottleKind::HotPartition) return "KeyRangeThroughputExceeded";
    return mode == BillingMode::PayPerRequest
               ? "MaxOnDemandThroughputExceeded or AccountLimitExceeded"
               : "ProvisionedThroughputExceeded";
}

std::string throttleKindLabel(ThrottleKind kind, BillingMode mode) {
    return std::string(throttleKindName(kind)) + " (" + throttleKindLimits(kind, mode) + ")";
}

const char* throttleKindAdvice(ThrottleKind kind) {
    return kind == ThrottleKind::HotPartition
               ? "The partition maximum is the limit: spread the key (write sharding) or "
                 "cache it; more table capacity will not help."
               : "The table's capacity is the limit: raise it, or let auto scaling do so.";
}

ThrottlesByKind throttlesByKind(const std::map<std::string, double>& throttledByReason) {
    static const std::string keyRange = "KeyRangeThroughputExceeded";
    ThrottlesByKind out;
    for (const auto& [reason, count] : throttledByReason) {
        const bool hot =
            reason.size() >= keyRange.size() &&
            reason.compare(reason.size() - keyRange.size(), keyRange.size(), keyRange) == 0;
        (hot ? out.hotPartition : out.tableCapacity) += count;
    }
    return out;
}

}  // namespace shardscape
