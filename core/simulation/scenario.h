#pragma once
// A workload scenario for the simulator: one table or several (keys, billing mode, capacity,
// size, global secondary indexes, auto scaling) and the workload streams that drive them.
// Read from JSON (docs/simulator.md, "Scenario format"); every error names the field.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capacity/auto_scaling.h"
#include "capacity/capacity_model.h"
#include "simulation/index_write.h"
#include "simulation/key_distribution.h"
#include "simulation/rate_curve.h"

namespace shardscape {

struct AutoScalingSpec {
    std::optional<AutoScalingPolicy> read;
    std::optional<AutoScalingPolicy> write;
};

struct IndexSpec {
    std::string name;
    CapacitySettings capacity;
    double entrySizeBytes = 100;
    KeyDistribution keys;  // index partition keys of the entries written
    AutoScalingSpec autoScaling;
};

// An UpdateTable during the run: the billing mode and, provisioned, the throughput from
// `second` on ("updates" of a table). The table's global secondary indexes follow its mode;
// switched to provisioned, an index takes its own units if the scenario gave them, else the
// table's.
struct CapacityUpdate {
    double second = 0;
    // The billing mode and units from then on; on demand also OnDemandThroughput (0 = none)
    // and the WarmThroughput asked for (0 = unchanged).
    CapacitySettings settings;
};

// Time to Live on a table: expired items are deleted `deleteDelaySeconds` after they expire,
// without consuming write capacity (rules::kDefaultTimeToLiveDeleteDelaySeconds).
struct TimeToLiveSpec {
    double deleteDelaySeconds = rules::kDefaultTimeToLiveDeleteDelaySeconds;
};

// The account's quotas ("quotas" of a scenario; DynamoDB's defaults unless raised).
struct Quotas {
    double tableMaxReadUnits = rules::kDefaultTableMaxReadUnits;
    double tableMaxWriteUnits = rules::kDefaultTableMaxWriteUnits;
    double accountMaxReadUnits = rules::kDefaultAccountMaxReadUnits;
    double accountMaxWriteUnits = rules::kDefaultAccountMaxWriteUnits;
    bool raised = false;  // the scenario set one
};

struct TableSpec {
    std::string name;
    std::string partitionKey;
    std::string sortKey;  // empty when the table has none
    // Local secondary indexes (0 to 5). Only their effect on splits is modelled: with one,
    // an item collection stays in one partition (AWS: "Adaptive capacity will not split
    // item collections across multiple partitions of the table when there is a local
    // secondary index on the table", burst-adaptive-capacity).
    int localSecondaryIndexes = 0;
    CapacitySettings capacity;
    double itemCount = 0;
    double itemSizeBytes = 1024;
    AutoScalingSpec autoScaling;
    std::vector<IndexSpec> globalIndexes;
    std::vector<CapacityUpdate> updates;  // in time order
    TimeToLiveSpec timeToLive;
};

// TimeToLive: items of the table expiring, `rate` per second; each is deleted by DynamoDB
// after the table's delay, consuming no capacity and never throttled.
enum class StreamOperation { GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, TimeToLive };

struct StreamSpec {
    std::string name;
    int table = 0;  // the table it targets (Scenario::tables)
    StreamOperation operation = StreamOperation::GetItem;
    int index = -1;  // global secondary index read (Query/Scan), or -1 for the table
    bool consistentRead = false;
    double itemSizeBytes = 1024;
    double itemsPerQuery = 1;
    // Scan: the bytes one page reads, the table's (or index's) data up to the 1 MB page.
    double scanPageBytes = 1024 * 1024;
    RateCurve rate;
    KeyDistribution keys;
    // Writes: what each one does to each global secondary index of the table (index_write.h).
    std::vector<IndexWriteKind> indexWrites;

    bool isWrite() const {
        return operation == StreamOperation::PutItem || operation == StreamOperation::UpdateItem ||
               operation == StreamOperation::DeleteItem;
    }
    // Capacity units one request consumes on the table (or the index it reads), by AWS's
    // rules (capacity.h).
    double unitsPerRequest() const;
};

// Prices for the cost estimate, editable per scenario. Defaults: AWS's us-east-1 list prices
// after the November 2024 on-demand price reduction (docs/simulator.md, "Cost").
struct Prices {
    double onDemandPerMillionWrites = 0.625;  // USD per million write request units
    double onDemandPerMillionReads = 0.125;   // USD per million read request units
    double provisionedWcuHour = 0.00065;      // USD per WCU-hour
    double provisionedRcuHour = 0.00013;      // USD per RCU-hour
};

struct Scenario {
    std::string name;
    double durationSeconds = 60;
    uint64_t seed = 1;
    TableSpec table;                // the first table (tables[0])
    std::vector<TableSpec> tables;  // every table: "table" or "tables" in the JSON
    std::vector<StreamSpec> streams;
    Prices prices;
    // "partitionBudget": independent (the default) or linearCombination (capacity_rules.h).
    rules::PartitionBudget partitionBudget = rules::PartitionBudget::Independent;
    Quotas quotas;

    static Result<Scenario> fromJson(const Json& json);
    static Result<Scenario> fromText(const std::string& text);
};

const char* operationName(StreamOperation operation);

}  // namespace shardscape
