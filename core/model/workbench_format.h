#pragma once
// NoSQL Workbench data-model files (ModelName / ModelMetadata / DataModel) to and from
// Shardscape models.
//
// Import: each DataModel table becomes a model table (key attributes and GSI keys become
// attribute definitions, NonKeyAttributes the documented attributes, TableData the sample
// items); each TableFacet becomes an entity type whose key aliases become key templates
// ("USER#<id>" -> "USER#{id}"; a partition-key alias without a placeholder, such as
// "SongId", names the value and becomes "{SongId}"; a sort-key alias without one is a
// constant). Items are read from the table and from each facet. What Shardscape has no
// place for (ModelMetadata, SampleDataFormats, auto-scaling settings, DataAccess, the original
// aliases and any unknown member) is kept under "workbench" in the object's extra members, so
// exporting the model gives it back.
//
// A PROVISIONED table without capacity gets 5/5 (NoSQL Workbench's default); a GSI of a
// PROVISIONED table without its own capacity gets the table's. Files without BillingMode
// (older versions) become PAY_PER_REQUEST unless they give provisioned capacity.
//
// Export writes Version 3.0 files. Local secondary indexes, access patterns and scenarios
// have no NoSQL Workbench form; they are written under Shardscape-specific members
// ("LocalSecondaryIndexes" per table, "ShardscapeModel" at the top) that Workbench ignores
// and this importer reads back.

#include <string_view>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

Result<Model> modelFromWorkbench(const OrderedJson& json);
Result<Model> modelFromWorkbenchText(std::string_view text);
OrderedJson modelToWorkbench(const Model& model);

}  // namespace shardscape
