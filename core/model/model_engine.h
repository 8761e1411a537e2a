#pragma once
// Puts a model into the embedded engine: creates its tables (through dispatch("CreateTable"),
// so the engine validates them exactly as DynamoDB would) and loads the sample items the model
// carries (table- and entity-level "sampleItems", e.g. from a NoSQL Workbench import).
//
// A table's TTL attribute is switched on with UpdateTimeToLive after CreateTable.

#include <string>
#include <vector>

#include "model/model.h"
#include "storage/engine.h"

namespace shardscape {

struct ModelTablesResult {
    std::vector<std::string> created;
    std::vector<std::string> existing;  // already in the engine: left as they are
};

// Creates every model table the engine does not have yet (with its indexes and TTL). Stops at
// the first failure, naming the table.
Result<ModelTablesResult> createModelTables(Engine& engine, const Model& model);

struct SampleItemsResult {
    int64_t written = 0;
    // Sample items that are not valid DynamoDB items ("Vehicle.sampleItems[1]: reason"); real
    // NoSQL Workbench exports contain some. The others are still written.
    std::vector<std::string> rejected;
};

// Writes the model's valid sample items into their tables and lists the others. Errors: a
// table is missing, storage failed.
Result<SampleItemsResult> loadModelSampleItems(Engine& engine, const Model& model);

struct OpenedModel {
    ModelTablesResult tables;
    SampleItemsResult sampleItems;
    int64_t generatedItems = 0;
};

// What opening a model in the workbench does: creates its tables, loads its sample items
// and, for tables that are still empty and have entity types, generates `generateItems`
// sample items (seed 1) so there is data to browse and query at once.
Result<OpenedModel> openModelInEngine(Engine& engine, const Model& model,
                                      int64_t generateItems = 1000);

}  // namespace shardscape
