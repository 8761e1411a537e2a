#pragma once
// A simulator scenario as a form fills it in: one table (billing mode, capacity, size) and
// its workload streams (operation, rate, key distribution). Turned into scenario JSON
// (Scenario::fromJson reads it and names any bad field), or filled from a model: its access
// patterns on one table at their expected rates, or one of the model's own scenarios.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"
#include "values/attribute_json.h"

namespace shardscape {

struct StreamForm {
    std::string name = "writes";
    std::string operation = "PutItem";     // GetItem Query Scan PutItem UpdateItem DeleteItem
    double rate = 1000;                    // requests per second (constant)
    std::string distribution = "uniform";  // uniform zipf hotKey timeOrdered
    double keyCount = 10000;
    double hotShare = 0.5;  // hotKey
    double exponent = 1.1;  // zipf
    int shards = 1;         // write sharding: suffixes per key
    std::string prefix = "key-";
    double itemSizeBytes = 1000;
    double itemsPerQuery = 1;
    bool consistentRead = false;
};

struct ScenarioForm {
    std::string name = "custom";
    double durationSeconds = 600;
    uint64_t seed = 1;
    std::string table = "Table";
    std::string partitionKey = "pk";
    std::string billingMode = "PROVISIONED";  // or PAY_PER_REQUEST
    double readUnits = 1000;
    double writeUnits = 1000;
    double itemCount = 100000;
    double itemSizeBytes = 1000;
    std::vector<StreamForm> streams;

    // The scenario JSON (docs/simulator.md, "Scenario format").
    Json toJson() const;
};

// The access patterns of `table` (all of them when `patterns` is empty, else those named)
// as streams at their expected rates times `rateMultiplier`: item sizes from the entities,
// key distributions from the entities' generators (one hot value → hotKey, few values →
// uniform over them, unknown → uniform over a million keys). Index patterns are left out
// (the form simulates the table). Errors name what is missing.
Result<ScenarioForm> formFromModel(const Model& model, const std::string& table,
                                   const std::vector<std::string>& patterns = {},
                                   double rateMultiplier = 1, double durationSeconds = 600);

// Scenario `index` of the model ({"name", "accessPatterns", "durationSeconds",
// "rateMultiplier"}) on the table of its first access pattern.
Result<ScenarioForm> formFromModelScenario(const Model& model, size_t index);

// The model's scenario names, in file order.
std::vector<std::string> modelScenarioNames(const Model& model);

}  // namespace shardscape
