#pragma once
// Checks a model the way DynamoDB's CreateTable checks a table (same limits, same messages
// where CreateTable has one), plus the model's own cross-references: entity key templates,
// access patterns' tables and indexes, scenarios' access patterns, sample-data generators.

#include <string>
#include <vector>

#include "model/model.h"

namespace shardscape {

struct ModelProblem {
    std::string where;    // "tables[0].globalSecondaryIndexes[2]", "accessPatterns[1]"
    std::string message;  // DynamoDB's wording where it has one
};

// Every problem found, in file order; empty when the model is valid.
std::vector<ModelProblem> validateModel(const Model& model);

// DynamoDB's secondary-index limits (per table).
constexpr size_t kMaxGlobalSecondaryIndexes = 20;
constexpr size_t kMaxLocalSecondaryIndexes = 5;
constexpr size_t kMaxProjectedNonKeyAttributes = 100;  // summed over all indexes

}  // namespace shardscape
