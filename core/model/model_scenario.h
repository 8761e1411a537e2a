#pragma once
// A model's simulation scenario turned into the simulator's scenario (core/scenario.h), so
// that every scenario a model file names can be simulated in model mode.
//
// A model scenario (member of the model's "scenarios") is
//
//   {"name": "Tournament final", "description": "...",
//    "durationSeconds": 600, "seed": 1, "rateMultiplier": 2,
//    "table": "GameScores",                       // default: the first pattern's table
//    "accessPatterns": ["topScores",              // by name: its expected rate, constant
//       {"name": "submitScore",                   // or with overrides:
//        "rate": {"type": "spikes", ...},         //   a rate curve (scenario format)
//        "keys": {"distribution": "hotKey", ...}, //   a key distribution (scenario format)
//        "rateMultiplier": 3}],
//    "indexKeys": {"TopScores": {"distribution": "zipf", ...}}}  // GSI key overrides
//
// From the model come the table (keys, billing mode, capacity, GSIs with their capacity),
// its size (the entities' expectedItems, or 1,000,000 items), item and index-entry sizes
// (estimated from the entities' attributes), and for each access pattern a stream: its
// operation, index, consistency, items per request, expected rate × rateMultiplier, and the
// partition keys it touches, derived from the entity's key template and generators
// (one value: a hot key; Zipf or hot-key "pick": the same skew; weighted enum: a hot key
// with the heaviest weight; a trailing uniform "pick" variable after others: write
// sharding over its values; anything else: uniform over the distinct values).
//
// One table per scenario (the simulator's rule): a pattern on another table is an error,
// named by its path ("scenarios[1].accessPatterns[2]: ...").

#include <cstddef>

#include "base/result.h"
#include "model/model.h"
#include "simulation/scenario.h"
#include "values/attribute_json.h"

namespace shardscape {

// The scenario JSON (docs/simulator.md, "Scenario format") for the model's scenario `index`.
Result<Json> simulatorScenarioJson(const Model& model, size_t index);
// The same, read by Scenario::fromJson.
Result<Scenario> simulatorScenario(const Model& model, size_t index);

}  // namespace shardscape
