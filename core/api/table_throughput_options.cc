#include "api/table_throughput_options.h"

#include <algorithm>
#include <ctime>

#include "capacity/capacity_rules.h"

namespace shardscape {

namespace {

constexpr const char* kInvalid = "One or more parameter values were invalid: ";

// "Sat Feb 23 03:07:45 UTC 2019", as DynamoDB's billing-mode limit message prints times.
std::string utcTime(double epochSeconds) {
    const std::time_t seconds = static_cast<std::time_t>(epochSeconds);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a %b %d %H:%M:%S UTC %Y", &tm);
    return buffer;
}

}  // namespace

OnDemandThroughputInput readOnDemandThroughput(RequestReader& reader) {
    OnDemandThroughputInput in;
    const Json* object = reader.object("OnDemandThroughput");
    if (!object) return in;
    in.present = true;
    in.maxRead = reader.integerIn(object, "MaxReadRequestUnits");
    in.maxWrite = reader.integerIn(object, "MaxWriteRequestUnits");
    return in;
}

WarmThroughputInput readWarmThroughput(RequestReader& reader) {
    WarmThroughputInput in;
    const Json* object = reader.object("WarmThroughput");
    if (!object) return in;
    in.present = true;
    in.read = reader.integerIn(object, "ReadUnitsPerSecond");
    in.write = reader.integerIn(object, "WriteUnitsPerSecond");
    return in;
}

Status applyTableThroughputOptions(TableDefinition& table, const OnDemandThroughputInput& onDemand,
                                   const WarmThroughputInput& warm, bool creating) {
    const bool payPerRequest = table.billingMode == BillingMode::PayPerRequest;
    if (onDemand.present && (onDemand.maxRead || onDemand.maxWrite)) {
        const bool read = onDemand.maxRead.has_value();
        const char* member = read ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
        if (!payPerRequest)
            return validationError(std::string(kInvalid) + member +
                                   (creating ? " for OnDemandThroughput cannot be specified when "
                                               "table BillingMode is PROVISIONED."
                                             : " for OnDemandThroughput cannot be specified when "
                                               "the table BillingMode is PROVISIONED"));
        for (int d = 0; d < 2; ++d) {
            const std::optional<int64_t>& value = d == 0 ? onDemand.maxRead : onDemand.maxWrite;
            if (!value) continue;
            // -1 removes the maximum (UpdateTable only).
            if (*value < 1 && !(*value == -1 && !creating))
                return validationError(std::string(kInvalid) + "Requested " +
                                       (d == 0 ? "MaxReadRequestUnits" : "MaxWriteRequestUnits") +
                                       " for OnDemandThroughput for table is outside of valid "
                                       "range");
            const double quota =
                d == 0 ? rules::kDefaultTableMaxReadUnits : rules::kDefaultTableMaxWriteUnits;
            if (static_cast<double>(*value) > quota)
                return rules::onDemandMaximumAboveQuota(d == 0, "");
        }
    }
    if (warm.present && (warm.read || warm.write)) {
        for (int d = 0; d < 2; ++d) {
            const bool read = d == 0;
            const std::optional<int64_t>& value = read ? warm.read : warm.write;
            if (!value) continue;
            const std::string requested = std::string(kInvalid) + "Requested " +
                                          (read ? "ReadUnitsPerSecond" : "WriteUnitsPerSecond") +
                                          " for WarmThroughput for table is lower than ";
            if (payPerRequest) {
                const double initial =
                    read ? rules::kOnDemandInitialReadUnits : rules::kOnDemandInitialWriteUnits;
                if (static_cast<double>(*value) < initial)
                    return validationError(
                        requested +
                        "initial throughput for OnDemand. See: "
                        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                        "on-demand-capacity-mode.html#on-demand-capacity-mode-initial");
            } else if (*value < (read ? table.readCapacityUnits : table.writeCapacityUnits)) {
                return validationError(requested +
                                       (read ? "ReadCapacityUnits" : "WriteCapacityUnits") +
                                       " of ProvisionedThroughput");
            }
            const int64_t current =
                read ? table.warmReadUnitsPerSecond : table.warmWriteUnitsPerSecond;
            if (!creating && *value < current)
                return validationError(requested +
                                       "current WarmThroughput, decreasing WarmThroughput is not "
                                       "supported");
            const double quota =
                read ? rules::kDefaultTableMaxReadUnits : rules::kDefaultTableMaxWriteUnits;
            if (static_cast<double>(*value) > quota)
                return rules::warmThroughputAboveQuota(read, "");
        }
    }
    if (onDemand.present) {
        if (onDemand.maxRead) table.maxReadRequestUnits = std::max<int64_t>(0, *onDemand.maxRead);
        if (onDemand.maxWrite)
            table.maxWriteRequestUnits = std::max<int64_t>(0, *onDemand.maxWrite);
    }
    if (warm.present && (warm.read || warm.write)) {
        // A member not given keeps the table's current figure (its initial throughput on
        // demand, its provisioned units otherwise).
        auto base = [&](bool read) {
            const int64_t current =
                read ? table.warmReadUnitsPerSecond : table.warmWriteUnitsPerSecond;
            if (current > 0) return current;
            if (payPerRequest)
                return static_cast<int64_t>(read ? rules::kOnDemandInitialReadUnits
                                                 : rules::kOnDemandInitialWriteUnits);
            return read ? table.readCapacityUnits : table.writeCapacityUnits;
        };
        table.warmReadUnitsPerSecond = warm.read ? *warm.read : base(true);
        table.warmWriteUnitsPerSecond = warm.write ? *warm.write : base(false);
    }
    return {};
}

Status checkAccountQuota(const Engine& engine, const TableDefinition& table, bool replacing) {
    // Provisioned units of a table and its global secondary indexes: [read, write].
    auto units = [](const TableDefinition& t, double out[2]) {
        if (t.billingMode != BillingMode::Provisioned) return;
        out[0] += static_cast<double>(t.readCapacityUnits);
        out[1] += static_cast<double>(t.writeCapacityUnits);
        for (const IndexDefinition& index : t.indexes) {
            if (!index.global) continue;
            out[0] += static_cast<double>(index.readCapacityUnits);
            out[1] += static_cast<double>(index.writeCapacityUnits);
        }
    };
    double requested[2] = {0, 0}, reserved[2] = {0, 0};
    units(table, requested);
    for (const std::string& name : engine.listTableNames())
        if (replacing && name == table.name)
            continue;
        else if (auto other = engine.table(name))
            units(*other, reserved);
    const double limits[2] = {rules::kDefaultAccountMaxReadUnits,
                              rules::kDefaultAccountMaxWriteUnits};
    for (int d = 0; d < 2; ++d)
        if (reserved[d] + requested[d] > limits[d])
            return rules::accountQuotaExceeded(d == 0, reserved[d], limits[d], requested[d]);
    return {};
}

Status recordSwitchToPayPerRequest(TableDefinition& table, double now) {
    std::vector<double>& switches = table.switchesToPayPerRequest;
    std::erase_if(switches, [&](double at) { return at <= now - rules::kSwitchWindowSeconds; });
    if (switches.size() >= static_cast<size_t>(rules::kSwitchesToOnDemandPerWindow))
        return rules::switchToOnDemandLimited(
            utcTime(switches.front() + rules::kSwitchWindowSeconds));
    switches.push_back(now);
    return {};
}

}  // namespace shardscape
