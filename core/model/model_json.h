#pragma once
// The JSON form of a Model (format version 1; docs/models.md "Model files" and
// resources/schema/shardscape-model.schema.json describe it).
//
// Reading is strict about what it knows and keeps what it does not: a member of the wrong
// type is an error naming the member ("tables[1].globalSecondaryIndexes[0].projection.type:
// expected a string"); an unknown member is kept in the object's `extra` and written back.
// A file of a newer format version is refused, so an older build never drops what it does
// not understand.

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

Result<Model> modelFromJson(const OrderedJson& json);
OrderedJson modelToJson(const Model& model);

// One entity type, as it appears in "entities" (used by the NoSQL Workbench export).
OrderedJson entityToJson(const EntityType& entity);
// `path` prefixes error messages ("entities[2]").
Result<EntityType> entityFromJson(const OrderedJson& json, const std::string& path);

// Parses model text; a syntax error names the line and column.
Result<Model> parseModelText(std::string_view text);

}  // namespace shardscape
