#pragma once
// A live table's schema (from DescribeTable, local or remote) as a model table: keys,
// attribute definitions, billing and capacity, and indexes. Items, entity types and the TTL
// attribute are not part of DescribeTable and are left out.

#include "model/model.h"
#include "schema/table_definition.h"

namespace shardscape {

ModelTable modelTableFromDefinition(const TableDefinition& table);

// Adds `table` to `model`, replacing a table of the same name; true when it replaced one.
bool putModelTable(Model& model, ModelTable table);

}  // namespace shardscape
