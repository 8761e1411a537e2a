#include "schema/index_definition.h"

#include <algorithm>

namespace shardscape {

ValueType keyTypeFromName(const std::string& name) {
    if (name == "N") return ValueType::N;
    if (name == "B") return ValueType::B;
    return ValueType::S;
}

Json keyAttributeToStorage(const KeyAttribute& key) {
    return {{"name", key.name}, {"type", valueTypeName(key.type)}};
}

KeyAttribute keyAttributeFromStorage(const Json& json) {
    return {json.at("name").get<std::string>(),
            keyTypeFromName(json.at("type").get<std::string>())};
}

std::string projectionTypeName(ProjectionType type) {
    switch (type) {
        case ProjectionType::KeysOnly:
            return "KEYS_ONLY";
        case ProjectionType::Include:
            return "INCLUDE";
        case ProjectionType::All:
            return "ALL";
    }
    return "ALL";
}

std::string indexStatusName(IndexStatus status) {
    switch (status) {
        case IndexStatus::Creating:
            return "CREATING";
        case IndexStatus::Active:
            return "ACTIVE";
        case IndexStatus::Updating:
            return "UPDATING";
        case IndexStatus::Deleting:
            return "DELETING";
    }
    return "ACTIVE";
}

bool IndexDefinition::projects(const std::string& attribute, const KeyAttribute& tablePartitionKey,
                               const std::optional<KeyAttribute>& tableSortKey) const {
    if (projectionType == ProjectionType::All) return true;
    if (isKeyAttribute(attribute) || attribute == tablePartitionKey.name ||
        (tableSortKey && attribute == tableSortKey->name))
        return true;
    return projectionType == ProjectionType::Include &&
           std::find(nonKeyAttributes.begin(), nonKeyAttributes.end(), attribute) !=
               nonKeyAttributes.end();
}

std::optional<Item> IndexDefinition::entryFor(
    const Item& item, const KeyAttribute& tablePartitionKey,
    const std::optional<KeyAttribute>& tableSortKey) const {
    if (!item.count(partitionKey.name) || (sortKey && !item.count(sortKey->name)))
        return std::nullopt;
    if (projectionType == ProjectionType::All) return item;
    Item entry;
    for (const auto& [name, value] : item)
        if (projects(name, tablePartitionKey, tableSortKey)) entry.emplace(name, value);
    return entry;
}

Json IndexDefinition::keySchemaJson() const {
    Json keys = Json::array();
    keys.push_back({{"AttributeName", partitionKey.name}, {"KeyType", "HASH"}});
    if (sortKey) keys.push_back({{"AttributeName", sortKey->name}, {"KeyType", "RANGE"}});
    return keys;
}

Json IndexDefinition::projectionJson() const {
    Json projection = {{"ProjectionType", projectionTypeName(projectionType)}};
    if (projectionType == ProjectionType::Include)
        projection["NonKeyAttributes"] = nonKeyAttributes;
    return projection;
}

Json IndexDefinition::toStorageJson() const {
    Json out = {{"name", name},
                {"id", id},
                {"global", global},
                {"partitionKey", keyAttributeToStorage(partitionKey)},
                {"projection", projectionTypeName(projectionType)},
                {"nonKeyAttributes", nonKeyAttributes},
                {"status", indexStatusName(status)},
                {"read", readCapacityUnits},
                {"write", writeCapacityUnits},
                {"lastIncrease", lastIncreaseDateTime},
                {"lastDecrease", lastDecreaseDateTime},
                {"decreasesToday", numberOfDecreasesToday}};
    if (sortKey) out["sortKey"] = keyAttributeToStorage(*sortKey);
    if (maxReadRequestUnits > 0) out["maxRead"] = maxReadRequestUnits;
    if (maxWriteRequestUnits > 0) out["maxWrite"] = maxWriteRequestUnits;
    return out;
}

Result<IndexDefinition> IndexDefinition::fromStorageJson(const Json& json) {
    try {
        IndexDefinition index;
        index.name = json.at("name").get<std::string>();
        index.id = json.at("id").get<uint32_t>();
        index.global = json.at("global").get<bool>();
        index.partitionKey = keyAttributeFromStorage(json.at("partitionKey"));
        if (json.contains("sortKey")) index.sortKey = keyAttributeFromStorage(json.at("sortKey"));
        const std::string projection = json.at("projection").get<std::string>();
        index.projectionType = projection == "KEYS_ONLY" ? ProjectionType::KeysOnly
                               : projection == "INCLUDE" ? ProjectionType::Include
                                                         : ProjectionType::All;
        index.nonKeyAttributes = json.at("nonKeyAttributes").get<std::vector<std::string>>();
        const std::string status = json.at("status").get<std::string>();
        index.status = status == "CREATING"   ? IndexStatus::Creating
                       : status == "DELETING" ? IndexStatus::Deleting
                                              : IndexStatus::Active;
        index.readCapacityUnits = json.at("read").get<int64_t>();
        index.writeCapacityUnits = json.at("write").get<int64_t>();
        index.lastIncreaseDateTime = json.value("lastIncrease", 0.0);
        index.lastDecreaseDateTime = json.value("lastDecrease", 0.0);
        index.numberOfDecreasesToday = json.value("decreasesToday", 0);
        index.maxReadRequestUnits = json.value("maxRead", int64_t(0));
        index.maxWriteRequestUnits = json.value("maxWrite", int64_t(0));
        return index;
    } catch (const std::exception& e) {
        return corruptionError(std::string("Corrupt index definition in catalog: ") + e.what());
    }
}

}  // namespace shardscape
