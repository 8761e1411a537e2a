#pragma once
// A table's definition as the catalog keeps it, and its DescribeTable form.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "schema/index_definition.h"
#include "values/attribute_json.h"
#include "values/attribute_value.h"

namespace shardscape {

enum class BillingMode { Provisioned, PayPerRequest };

// Shardscape's own table setting (not DynamoDB's): whether real requests are charged to the
// table's partitions (capacity_meter.h). RECORD counts them for the charts; ENFORCE also
// throttles them as DynamoDB would.
enum class CapacityEnforcement { Off, Record, Enforce };
const char* enforcementName(CapacityEnforcement enforcement);  // "OFF", "RECORD", "ENFORCE"
std::optional<CapacityEnforcement> enforcementFromName(std::string_view name);

// A table's lifecycle (DynamoDB's TableStatus). Tables are ACTIVE unless the engine makes the
// transitions observable (EngineOptions::createTableMs and its siblings); the status is kept
// in memory only, so a table is ACTIVE again when the engine next opens.
enum class TableStatus { Creating, Active, Updating, Deleting };
const char* tableStatusName(TableStatus status);  // "CREATING", "ACTIVE", ...

// DynamoDB Streams: what each stream record of a table's stream carries besides the keys.
enum class StreamViewType { KeysOnly, NewImage, OldImage, NewAndOldImages };
const char* streamViewTypeName(StreamViewType type);  // "KEYS_ONLY", "NEW_IMAGE", ...
std::optional<StreamViewType> streamViewTypeFromName(std::string_view name);

// One stream of a table. Enabling a stream creates one; disabling it closes it, and it stays
// readable until its records are past the 24-hour retention; enabling again creates a new one.
struct StreamDefinition {
    uint32_t id = 0;    // key space of its records (from the table-id counter)
    std::string label;  // "2026-12-07T05:36:29.123": the creation time, ISO 8601, UTC
    StreamViewType viewType = StreamViewType::NewAndOldImages;
    double created = 0;   // seconds since the epoch
    double disabled = 0;  // when it was disabled; 0 while it is enabled
    // The sequence number of the last record a disabled stream can hold.
    uint64_t lastSequence = 0;

    bool enabled() const { return disabled == 0; }
};

// "2026-12-07T05:36:29.123" for a time in seconds since the epoch.
std::string streamLabelFor(double time);

struct AttributeDefinition {
    std::string name;
    ValueType type = ValueType::S;
};

struct IndexStatistics {
    int64_t itemCount = 0;
    int64_t sizeBytes = 0;  // IndexSizeBytes: entries plus the per-entry overhead
};

struct TableStatistics {
    int64_t itemCount = 0;
    int64_t sizeBytes = 0;
    std::map<uint32_t, IndexStatistics> indexes;  // by index id
};

// Storage form of a statistics record (two varints: count and bytes); tables and indexes
// each have one.
std::string encodeTableStatistics(const TableStatistics& stats);
TableStatistics decodeTableStatistics(std::string_view bytes);

struct TableDefinition {
    std::string name;
    uint32_t id = 0;
    std::string tableId;  // the UUID DynamoDB reports as TableId
    std::vector<AttributeDefinition> attributeDefinitions;
    KeyAttribute partitionKey;
    std::optional<KeyAttribute> sortKey;
    BillingMode billingMode = BillingMode::Provisioned;
    int64_t readCapacityUnits = 0;  // 0 in PAY_PER_REQUEST mode
    int64_t writeCapacityUnits = 0;
    double creationDateTime = 0;  // seconds since the epoch
    double lastIncreaseDateTime = 0;
    double lastDecreaseDateTime = 0;
    int numberOfDecreasesToday = 0;
    double lastUpdateToPayPerRequestDateTime = 0;
    // When the table was switched to PAY_PER_REQUEST within the last 24 hours (UpdateTable
    // allows four: rules::kSwitchesToOnDemandPerWindow).
    std::vector<double> switchesToPayPerRequest;
    // OnDemandThroughput: the table's maximum request units per second (0 = none).
    int64_t maxReadRequestUnits = 0;
    int64_t maxWriteRequestUnits = 0;
    // WarmThroughput the table was asked to be ready for (0 = never set).
    int64_t warmReadUnitsPerSecond = 0;
    int64_t warmWriteUnitsPerSecond = 0;
    std::vector<IndexDefinition> indexes;  // LSIs and GSIs, in creation order
    // Time to Live: the attribute holding each item's expiry (epoch seconds), if enabled.
    std::optional<std::string> timeToLiveAttribute;
    CapacityEnforcement capacityEnforcement = CapacityEnforcement::Off;
    // The table's tags (TagResource, CreateTable's Tags), by key. Stored with the table; not
    // part of its description (ListTagsOfResource reads them).
    std::map<std::string, std::string> tags;
    // The table's streams, oldest first; the last is the latest (LatestStreamArn) and is the
    // one records go to while it is enabled.
    std::vector<StreamDefinition> streams;
    // Where the table is in its lifecycle; set by the engine when it hands a definition out,
    // never stored.
    TableStatus status = TableStatus::Active;

    bool isKeyAttribute(const std::string& attribute) const {
        return attribute == partitionKey.name || (sortKey && attribute == sortKey->name);
    }

    const IndexDefinition* findIndex(const std::string& indexName) const;
    bool hasLocalIndexes() const;
    // Whether an attribute is a key of the table or of any of its indexes.
    bool isAnyKeyAttribute(const std::string& attribute) const;

    std::string arn() const;
    // The stream that records go to: the latest, when it is enabled; nullptr otherwise. The
    // write path's one check for tables without a stream.
    const StreamDefinition* liveStream() const {
        return !streams.empty() && streams.back().disabled == 0 ? &streams.back() : nullptr;
    }
    std::string streamArn(const StreamDefinition& stream) const;
    const StreamDefinition* findStream(const std::string& label) const;
    // DynamoDB's TableDescription for this table, in the given status (by default its own).
    Json describe(const TableStatistics& stats, const std::string& status = {}) const;

    // The catalog's own storage form (not a wire format).
    Json toStorageJson() const;
    static Result<TableDefinition> fromStorageJson(const Json& json);
};

}  // namespace shardscape
