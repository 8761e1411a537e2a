#pragma once
// CreateTable's and UpdateTable's table-level OnDemandThroughput (MaxReadRequestUnits /
// MaxWriteRequestUnits) and WarmThroughput (ReadUnitsPerSecond / WriteUnitsPerSecond), and the
// limit on switching a table to PAY_PER_REQUEST. Checked as DynamoDB checks them (the mode,
// the valid range, the per-table quota) and applied to the table's definition; the capacity
// meter follows the definition (CapacityModel::setOnDemandMaximum, CapacityModel::warm).

#include <optional>

#include "api/request_reader.h"
#include "schema/table_definition.h"
#include "storage/engine.h"

namespace shardscape {

struct OnDemandThroughputInput {
    std::optional<int64_t> maxRead;
    std::optional<int64_t> maxWrite;
    bool present = false;
};

struct WarmThroughputInput {
    std::optional<int64_t> read;
    std::optional<int64_t> write;
    bool present = false;
};

OnDemandThroughputInput readOnDemandThroughput(RequestReader& reader);
WarmThroughputInput readWarmThroughput(RequestReader& reader);

// Checks the inputs against `table` as it will be (its billing mode and provisioned units
// after the request) and sets them on it. `creating`: CreateTable (no -1 to remove a maximum,
// CreateTable's wording); otherwise UpdateTable (a warm throughput never decreases).
Status applyTableThroughputOptions(TableDefinition& table, const OnDemandThroughputInput& onDemand,
                                   const WarmThroughputInput& warm, bool creating);

// DynamoDB's default account quota: 80,000 RCU and 80,000 WCU provisioned over all tables and
// global secondary indexes. CreateTable of `table` (with its indexes), or an UpdateTable that
// leaves it so (`replacing`: the table's stored units do not count as reserved), beyond it is
// refused with LimitExceededException ("This request would have caused the ReadCapacityUnits
// limit to be exceeded for the account in ...").
Status checkAccountQuota(const Engine& engine, const TableDefinition& table,
                         bool replacing = false);

// Records a switch of `table` to PAY_PER_REQUEST at `now`: LimitExceededException when it
// already switched rules::kSwitchesToOnDemandPerWindow times in the last 24 hours.
Status recordSwitchToPayPerRequest(TableDefinition& table, double now);

}  // namespace shardscape
