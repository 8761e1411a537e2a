#pragma once
// A secondary index as the catalog keeps it, and what an item looks like in it.
//
// An index entry is a copy of the projected part of a base-table item: the table's primary
// key, the index key and the projected attributes. Items that lack an index key attribute
// have no entry (a sparse index).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "values/attribute_json.h"
#include "values/attribute_value.h"

namespace shardscape {

struct KeyAttribute {
    std::string name;
    ValueType type = ValueType::S;
};

// "S" / "N" / "B" (a key attribute's type name) to its type; anything else is S.
ValueType keyTypeFromName(const std::string& name);
// The catalog's storage form of a key attribute: {"name":..,"type":..}.
Json keyAttributeToStorage(const KeyAttribute& key);
KeyAttribute keyAttributeFromStorage(const Json& json);

enum class ProjectionType { KeysOnly, Include, All };

// GSI lifecycle; local secondary indexes are always Active. Updating is shown while a
// throughput change of the index settles (EngineOptions::updateTableMs).
enum class IndexStatus { Creating, Active, Updating, Deleting };

std::string projectionTypeName(ProjectionType type);
std::string indexStatusName(IndexStatus status);

// AWS: "the storage size of an index item is the base table primary key + the index key
// + the projected attributes + 100 bytes of overhead per index item".
constexpr int64_t kIndexEntryOverheadBytes = 100;

struct IndexDefinition {
    std::string name;
    uint32_t id = 0;  // storage id, from the same counter as table ids
    bool global = true;
    KeyAttribute partitionKey;
    std::optional<KeyAttribute> sortKey;
    ProjectionType projectionType = ProjectionType::All;
    std::vector<std::string> nonKeyAttributes;  // INCLUDE only
    IndexStatus status = IndexStatus::Active;
    // Why the background backfill of a CREATING index failed; the index stays CREATING (the
    // backfill is tried again when the engine next opens) and may be deleted. Kept while the
    // engine is open, not stored; DescribeTable shows it as ShardscapeBackfillError
    // (docs/engine.md, "Secondary indexes").
    std::optional<Error> backfillError;
    // GSIs in provisioned mode have their own capacity.
    int64_t readCapacityUnits = 0;
    int64_t writeCapacityUnits = 0;
    double lastIncreaseDateTime = 0;
    double lastDecreaseDateTime = 0;
    int numberOfDecreasesToday = 0;
    // OnDemandThroughput of a GSI of an on-demand table: maximum request units per second
    // (0 = none).
    int64_t maxReadRequestUnits = 0;
    int64_t maxWriteRequestUnits = 0;

    bool isKeyAttribute(const std::string& attribute) const {
        return attribute == partitionKey.name || (sortKey && attribute == sortKey->name);
    }
    // Whether a top-level attribute is stored in the index (keys of `tableKeys` included).
    bool projects(const std::string& attribute, const KeyAttribute& tablePartitionKey,
                  const std::optional<KeyAttribute>& tableSortKey) const;
    // The item's entry in this index, or nullopt if it lacks an index key attribute.
    std::optional<Item> entryFor(const Item& item, const KeyAttribute& tablePartitionKey,
                                 const std::optional<KeyAttribute>& tableSortKey) const;

    Json keySchemaJson() const;
    Json projectionJson() const;
    Json toStorageJson() const;
    static Result<IndexDefinition> fromStorageJson(const Json& json);
};

}  // namespace shardscape
