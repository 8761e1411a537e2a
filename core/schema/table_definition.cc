#include "schema/table_definition.h"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "values/item_binary.h"

namespace shardscape {

const char* enforcementName(CapacityEnforcement enforcement) {
    switch (enforcement) {
        case CapacityEnforcement::Record:
            return "RECORD";
        case CapacityEnforcement::Enforce:
            return "ENFORCE";
        case CapacityEnforcement::Off:
            break;
    }
    return "OFF";
}

std::optional<CapacityEnforcement> enforcementFromName(std::string_view name) {
    if (name == "OFF") return CapacityEnforcement::Off;
    if (name == "RECORD") return CapacityEnforcement::Record;
    if (name == "ENFORCE") return CapacityEnforcement::Enforce;
    return std::nullopt;
}

const char* tableStatusName(TableStatus status) {
    switch (status) {
        case TableStatus::Creating:
            return "CREATING";
        case TableStatus::Updating:
            return "UPDATING";
        case TableStatus::Deleting:
            return "DELETING";
        case TableStatus::Active:
            break;
    }
    return "ACTIVE";
}

const char* streamViewTypeName(StreamViewType type) {
    switch (type) {
        case StreamViewType::KeysOnly:
            return "KEYS_ONLY";
        case StreamViewType::NewImage:
            return "NEW_IMAGE";
        case StreamViewType::OldImage:
            return "OLD_IMAGE";
        case StreamViewType::NewAndOldImages:
            break;
    }
    return "NEW_AND_OLD_IMAGES";
}

std::optional<StreamViewType> streamViewTypeFromName(std::string_view name) {
    if (name == "KEYS_ONLY") return StreamViewType::KeysOnly;
    if (name == "NEW_IMAGE") return StreamViewType::NewImage;
    if (name == "OLD_IMAGE") return StreamViewType::OldImage;
    if (name == "NEW_AND_OLD_IMAGES") return StreamViewType::NewAndOldImages;
    return std::nullopt;
}

std::string streamLabelFor(double time) {
    const auto millis = static_cast<int64_t>(std::floor(time * 1000));
    const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis % 1000));
    return text;
}

std::string encodeTableStatistics(const TableStatistics& stats) {
    std::string out;
    appendVarint(out, static_cast<uint64_t>(stats.itemCount));
    appendVarint(out, static_cast<uint64_t>(stats.sizeBytes));
    return out;
}

TableStatistics decodeTableStatistics(std::string_view bytes) {
    uint64_t count = 0, size = 0;
    TableStatistics stats;
    if (readVarint(bytes, count) && readVarint(bytes, size)) {
        stats.itemCount = static_cast<int64_t>(count);
        stats.sizeBytes = static_cast<int64_t>(size);
    }
    return stats;
}

const IndexDefinition* TableDefinition::findIndex(const std::string& indexName) const {
    for (const auto& index : indexes)
        if (index.name == indexName) return &index;
    return nullptr;
}

bool TableDefinition::hasLocalIndexes() const {
    for (const auto& index : indexes)
        if (!index.global) return true;
    return false;
}

bool TableDefinition::isAnyKeyAttribute(const std::string& attribute) const {
    if (isKeyAttribute(attribute)) return true;
    for (const auto& index : indexes)
        if (index.isKeyAttribute(attribute)) return true;
    return false;
}

std::string TableDefinition::arn() const {
    return "arn:aws:dynamodb:ddblocal:000000000000:table/" + name;
}

std::string TableDefinition::streamArn(const StreamDefinition& stream) const {
    return arn() + "/stream/" + stream.label;
}

const StreamDefinition* TableDefinition::findStream(const std::string& label) const {
    for (const auto& stream : streams)
        if (stream.label == label) return &stream;
    return nullptr;
}

Json TableDefinition::describe(const TableStatistics& stats, const std::string& status) const {
    Json attributes = Json::array();
    for (const auto& a : attributeDefinitions)
        attributes.push_back({{"AttributeName", a.name}, {"AttributeType", valueTypeName(a.type)}});
    Json keySchema = Json::array();
    keySchema.push_back({{"AttributeName", partitionKey.name}, {"KeyType", "HASH"}});
    if (sortKey) keySchema.push_back({{"AttributeName", sortKey->name}, {"KeyType", "RANGE"}});

    Json throughput = {{"NumberOfDecreasesToday", numberOfDecreasesToday},
                       {"ReadCapacityUnits", readCapacityUnits},
                       {"WriteCapacityUnits", writeCapacityUnits}};
    if (lastIncreaseDateTime > 0) throughput["LastIncreaseDateTime"] = lastIncreaseDateTime;
    if (lastDecreaseDateTime > 0) throughput["LastDecreaseDateTime"] = lastDecreaseDateTime;

    Json billing = {{"BillingMode", billingMode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST"
                                                                              : "PROVISIONED"}};
    if (lastUpdateToPayPerRequestDateTime > 0)
        billing["LastUpdateToPayPerRequestDateTime"] = lastUpdateToPayPerRequestDateTime;

    Json onDemand = Json::object();
    if (maxReadRequestUnits > 0) onDemand["MaxReadRequestUnits"] = maxReadRequestUnits;
    if (maxWriteRequestUnits > 0) onDemand["MaxWriteRequestUnits"] = maxWriteRequestUnits;

    Json description{{"AttributeDefinitions", std::move(attributes)},
                     {"TableName", name},
                     {"KeySchema", std::move(keySchema)},
                     {"TableStatus", status.empty() ? tableStatusName(this->status) : status},
                     {"CreationDateTime", creationDateTime},
                     {"ProvisionedThroughput", std::move(throughput)},
                     {"TableSizeBytes", stats.sizeBytes},
                     {"ItemCount", stats.itemCount},
                     {"TableArn", arn()},
                     {"TableId", tableId},
                     {"BillingModeSummary", std::move(billing)},
                     {"DeletionProtectionEnabled", false}};
    // Shown once set (a table never given them shows neither: Shardscape's reading).
    if (!onDemand.empty()) description["OnDemandThroughput"] = std::move(onDemand);
    if (warmReadUnitsPerSecond > 0 || warmWriteUnitsPerSecond > 0)
        description["WarmThroughput"] = {{"ReadUnitsPerSecond", warmReadUnitsPerSecond},
                                         {"WriteUnitsPerSecond", warmWriteUnitsPerSecond},
                                         {"Status", "ACTIVE"}};
    Json local = Json::array(), global = Json::array();
    for (const auto& index : indexes) {
        IndexStatistics figures;
        if (auto it = stats.indexes.find(index.id); it != stats.indexes.end()) figures = it->second;
        Json entry = {{"IndexName", index.name},
                      {"KeySchema", index.keySchemaJson()},
                      {"Projection", index.projectionJson()},
                      {"IndexSizeBytes", figures.sizeBytes},
                      {"ItemCount", figures.itemCount},
                      {"IndexArn", arn() + "/index/" + index.name}};
        if (!index.global) {
            local.push_back(std::move(entry));
            continue;
        }
        entry["IndexStatus"] = indexStatusName(index.status);
        // The indexes of a table being created are CREATING with it, not backfilling.
        if (index.status == IndexStatus::Creating && this->status != TableStatus::Creating)
            entry["Backfilling"] = true;
        // Shardscape's own member (DynamoDB has no failed backfill to report).
        if (index.backfillError)
            entry["ShardscapeBackfillError"] = {{"Code", index.backfillError->name()},
                                                {"Message", index.backfillError->message}};
        Json indexThroughput = {{"NumberOfDecreasesToday", index.numberOfDecreasesToday},
                                {"ReadCapacityUnits", index.readCapacityUnits},
                                {"WriteCapacityUnits", index.writeCapacityUnits}};
        if (index.lastIncreaseDateTime > 0)
            indexThroughput["LastIncreaseDateTime"] = index.lastIncreaseDateTime;
        if (index.lastDecreaseDateTime > 0)
            indexThroughput["LastDecreaseDateTime"] = index.lastDecreaseDateTime;
        entry["ProvisionedThroughput"] = std::move(indexThroughput);
        Json indexOnDemand = Json::object();
        if (index.maxReadRequestUnits > 0)
            indexOnDemand["MaxReadRequestUnits"] = index.maxReadRequestUnits;
        if (index.maxWriteRequestUnits > 0)
            indexOnDemand["MaxWriteRequestUnits"] = index.maxWriteRequestUnits;
        if (!indexOnDemand.empty()) entry["OnDemandThroughput"] = std::move(indexOnDemand);
        global.push_back(std::move(entry));
    }
    if (!local.empty()) description["LocalSecondaryIndexes"] = std::move(local);
    if (!global.empty()) description["GlobalSecondaryIndexes"] = std::move(global);
    // DynamoDB: StreamSpecification while a stream is enabled; the latest stream's ARN and
    // label also after it was disabled.
    if (const StreamDefinition* live = liveStream())
        description["StreamSpecification"] = {
            {"StreamEnabled", true}, {"StreamViewType", streamViewTypeName(live->viewType)}};
    if (!streams.empty()) {
        description["LatestStreamArn"] = streamArn(streams.back());
        description["LatestStreamLabel"] = streams.back().label;
    }
    // Shardscape's own setting, shown only when on (DynamoDB has no such member).
    if (capacityEnforcement != CapacityEnforcement::Off)
        description["ShardscapeCapacityEnforcement"] = enforcementName(capacityEnforcement);
    return description;
}

Json TableDefinition::toStorageJson() const {
    Json attributes = Json::array();
    for (const auto& a : attributeDefinitions)
        attributes.push_back(keyAttributeToStorage({a.name, a.type}));
    Json out = {{"name", name},
                {"id", id},
                {"tableId", tableId},
                {"attributes", std::move(attributes)},
                {"partitionKey", keyAttributeToStorage(partitionKey)},
                {"billingMode",
                 billingMode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED"},
                {"read", readCapacityUnits},
                {"write", writeCapacityUnits},
                {"created", creationDateTime},
                {"lastIncrease", lastIncreaseDateTime},
                {"lastDecrease", lastDecreaseDateTime},
                {"decreasesToday", numberOfDecreasesToday},
                {"lastPayPerRequest", lastUpdateToPayPerRequestDateTime}};
    if (sortKey) out["sortKey"] = keyAttributeToStorage(*sortKey);
    if (!switchesToPayPerRequest.empty()) out["payPerRequestSwitches"] = switchesToPayPerRequest;
    if (maxReadRequestUnits > 0) out["maxRead"] = maxReadRequestUnits;
    if (maxWriteRequestUnits > 0) out["maxWrite"] = maxWriteRequestUnits;
    if (warmReadUnitsPerSecond > 0) out["warmRead"] = warmReadUnitsPerSecond;
    if (warmWriteUnitsPerSecond > 0) out["warmWrite"] = warmWriteUnitsPerSecond;
    if (!indexes.empty()) {
        Json list = Json::array();
        for (const auto& index : indexes) list.push_back(index.toStorageJson());
        out["indexes"] = std::move(list);
    }
    if (timeToLiveAttribute) out["ttl"] = *timeToLiveAttribute;
    if (capacityEnforcement != CapacityEnforcement::Off)
        out["capacityEnforcement"] = enforcementName(capacityEnforcement);
    if (!tags.empty()) out["tags"] = tags;
    if (!streams.empty()) {
        Json list = Json::array();
        for (const auto& stream : streams)
            list.push_back({{"id", stream.id},
                            {"label", stream.label},
                            {"viewType", streamViewTypeName(stream.viewType)},
                            {"created", stream.created},
                            {"disabled", stream.disabled},
                            {"lastSequence", stream.lastSequence}});
        out["streams"] = std::move(list);
    }
    return out;
}

Result<TableDefinition> TableDefinition::fromStorageJson(const Json& json) {
    try {
        TableDefinition t;
        t.name = json.at("name").get<std::string>();
        t.id = json.at("id").get<uint32_t>();
        t.tableId = json.value("tableId", "");
        for (const auto& a : json.at("attributes")) {
            const KeyAttribute attribute = keyAttributeFromStorage(a);
            t.attributeDefinitions.push_back({attribute.name, attribute.type});
        }
        t.partitionKey = keyAttributeFromStorage(json.at("partitionKey"));
        if (json.contains("sortKey")) t.sortKey = keyAttributeFromStorage(json.at("sortKey"));
        t.billingMode = json.at("billingMode") == "PAY_PER_REQUEST" ? BillingMode::PayPerRequest
                                                                    : BillingMode::Provisioned;
        t.readCapacityUnits = json.at("read").get<int64_t>();
        t.writeCapacityUnits = json.at("write").get<int64_t>();
        t.creationDateTime = json.at("created").get<double>();
        t.lastIncreaseDateTime = json.value("lastIncrease", 0.0);
        t.lastDecreaseDateTime = json.value("lastDecrease", 0.0);
        t.numberOfDecreasesToday = json.value("decreasesToday", 0);
        t.lastUpdateToPayPerRequestDateTime = json.value("lastPayPerRequest", 0.0);
        if (json.contains("payPerRequestSwitches"))
            t.switchesToPayPerRequest = json.at("payPerRequestSwitches").get<std::vector<double>>();
        t.maxReadRequestUnits = json.value("maxRead", int64_t(0));
        t.maxWriteRequestUnits = json.value("maxWrite", int64_t(0));
        t.warmReadUnitsPerSecond = json.value("warmRead", int64_t(0));
        t.warmWriteUnitsPerSecond = json.value("warmWrite", int64_t(0));
        if (json.contains("indexes")) {
            for (const auto& entry : json.at("indexes")) {
                auto index = IndexDefinition::fromStorageJson(entry);
                if (!index) return index.error();
                t.indexes.push_back(std::move(index).value());
            }
        }
        if (json.contains("ttl")) t.timeToLiveAttribute = json.at("ttl").get<std::string>();
        if (json.contains("capacityEnforcement"))
            t.capacityEnforcement =
                enforcementFromName(json.at("capacityEnforcement").get<std::string>())
                    .value_or(CapacityEnforcement::Off);
        if (json.contains("tags"))
            t.tags = json.at("tags").get<std::map<std::string, std::string>>();
        if (json.contains("streams")) {
            for (const auto& entry : json.at("streams")) {
                StreamDefinition stream;
                stream.id = entry.at("id").get<uint32_t>();
                stream.label = entry.at("label").get<std::string>();
                auto type = streamViewTypeFromName(entry.at("viewType").get<std::string>());
                if (!type) return corruptionError("Corrupt stream view type in catalog");
                stream.viewType = *type;
                stream.created = entry.at("created").get<double>();
                stream.disabled = entry.value("disabled", 0.0);
                stream.lastSequence = entry.value("lastSequence", uint64_t(0));
                t.streams.push_back(std::move(stream));
            }
        }
        return t;
    } catch (const std::exception& e) {
        return corruptionError(std::string("Corrupt table definition in catalog: ") + e.what());
    }
}

}  // namespace shardscape
