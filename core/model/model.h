#pragma once
// A Shardscape data model (`*.shardscape.json`): tables with their keys and indexes, the
// entity types that share them, the access patterns with their expected rates, and the
// simulator's scenarios. Plain value types; model_json.h reads and writes them, model_file.h
// loads and saves files, model_validation.h checks them.
//
// Nothing is lost on a round trip: every object keeps the members this version does not
// know in `extra`, and they are written back unchanged. Scenarios are kept as JSON objects
// as written; model_scenario.h turns one into the simulator's scenario.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace shardscape {

// Model files keep their member order, so they diff well under version control.
using OrderedJson = nlohmann::ordered_json;

// The format version this build writes and the newest it reads.
constexpr int kModelFormatVersion = 1;

struct ModelAttribute {
    std::string name;
    std::string type = "S";  // S N B BOOL NULL M L SS NS BS
    // How sample data is generated (sample_data_generator.h); null when not given.
    OrderedJson generator;
    OrderedJson extra = OrderedJson::object();
};

struct ModelProjection {
    std::string type = "ALL";                   // ALL | KEYS_ONLY | INCLUDE
    std::vector<std::string> nonKeyAttributes;  // INCLUDE only
    OrderedJson extra = OrderedJson::object();
};

struct ModelIndex {
    std::string name;
    std::string partitionKey;  // an LSI's must be the table's
    std::optional<std::string> sortKey;
    ModelProjection projection;
    // A provisioned GSI's own throughput (0 = not given); LSIs share the table's.
    int64_t readCapacityUnits = 0;
    int64_t writeCapacityUnits = 0;
    OrderedJson extra = OrderedJson::object();
};

struct ModelTable {
    std::string name;
    std::vector<ModelAttribute> attributeDefinitions;  // key attributes (CreateTable's)
    std::string partitionKey;
    std::optional<std::string> sortKey;
    std::string billingMode = "PAY_PER_REQUEST";  // or PROVISIONED
    int64_t readCapacityUnits = 0;
    int64_t writeCapacityUnits = 0;
    std::vector<ModelIndex> globalSecondaryIndexes;
    std::vector<ModelIndex> localSecondaryIndexes;
    std::optional<std::string> ttlAttribute;
    std::vector<ModelAttribute> attributes;          // documented non-key attributes
    OrderedJson sampleItems = OrderedJson::array();  // items in DynamoDB JSON
    OrderedJson extra = OrderedJson::object();

    // The type of a defined attribute ("S", "N", "B"), or "" when it is not defined.
    std::string definedType(const std::string& attribute) const;
    const ModelIndex* findIndex(const std::string& indexName) const;
    // The table's own partition or sort key (not an index's).
    bool isKeyAttributeOfTable(const std::string& attribute) const {
        return attribute == partitionKey || (sortKey && attribute == *sortKey);
    }
};

struct EntityType {
    std::string name;
    std::string table;
    // Key attribute -> template, e.g. {"PK": "CUSTOMER#{customerId}", "SK": "PROFILE"}; the
    // {names} refer to this entity's attributes. Kept in file order.
    std::vector<std::pair<std::string, std::string>> keyTemplates;
    std::vector<ModelAttribute> attributes;
    // Share of generated sample items (relative to the other entities of the model).
    double weight = 1;
    // How many items of this type the design expects in production (0 = not estimated); the
    // analyzer uses it for item-collection growth.
    double expectedItems = 0;
    OrderedJson sampleItems = OrderedJson::array();
    OrderedJson extra = OrderedJson::object();

    const ModelAttribute* findAttribute(const std::string& attribute) const;
    const std::string* keyTemplate(const std::string& keyAttribute) const;
};

struct AccessPattern {
    std::string name;
    std::string description;
    // GetItem | Query | Scan | PutItem | UpdateItem | DeleteItem | BatchGetItem |
    // BatchWriteItem | TransactGetItems | TransactWriteItems
    std::string operation = "Query";
    std::string table;
    std::optional<std::string> index;
    std::string keyCondition;  // KeyConditionExpression with :placeholders
    std::string filter;        // FilterExpression, may be empty
    // ExpressionAttributeNames, and the values the placeholders stand for: a template string
    // such as "CUSTOMER#{customerId}" (a {name} varies per request), or a constant.
    OrderedJson names = OrderedJson::object();
    OrderedJson values = OrderedJson::object();
    std::optional<std::string> entity;  // the entity type it reads or writes
    bool consistentRead = false;
    double ratePerSecond = 0;
    int64_t itemsPerRequest = 1;
    // Share of the read items the filter keeps (0..1); estimated when not given.
    std::optional<double> filterKeeps;
    // The attributes a read returns (ProjectionExpression); empty: all of them.
    std::vector<std::string> projection;
    // The attributes an UpdateItem sets; empty: not said, so every index the item is in
    // counts as written.
    std::vector<std::string> updates;
    OrderedJson extra = OrderedJson::object();
};

struct Model {
    int formatVersion = kModelFormatVersion;
    std::string name;
    std::string description;
    std::vector<ModelTable> tables;
    std::vector<EntityType> entities;
    std::vector<AccessPattern> accessPatterns;
    // Simulation scenarios ("name", "accessPatterns", ...: model_scenario.h), kept as written.
    OrderedJson scenarios = OrderedJson::array();
    OrderedJson extra = OrderedJson::object();

    const ModelTable* findTable(const std::string& tableName) const;
    const EntityType* findEntity(const std::string& entityName) const;
    const AccessPattern* findAccessPattern(const std::string& patternName) const;
};

}  // namespace shardscape
