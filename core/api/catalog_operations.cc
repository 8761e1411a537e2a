// CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable.
#include <set>

#include "api/index_requests.h"
#include "api/operations.h"
#include "api/request_reader.h"
#include "api/table_throughput_options.h"
#include "api/tag_rules.h"

namespace shardscape {

namespace {

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// A request's StreamSpecification (its shape checked): enabled, and the view type if given.
struct StreamRequest {
    bool enabled = false;
    std::optional<StreamViewType> viewType;
};

std::optional<StreamRequest> readStreamRequest(const Json& request) {
    auto it = request.find("StreamSpecification");
    if (it == request.end() || !it->is_object()) return std::nullopt;
    StreamRequest stream;
    if (auto enabled = it->find("StreamEnabled"); enabled != it->end() && enabled->is_boolean())
        stream.enabled = enabled->get<bool>();
    if (auto type = it->find("StreamViewType"); type != it->end() && type->is_string())
        stream.viewType = streamViewTypeFromName(type->get<std::string>());
    return stream;
}

}  // namespace

Result<Json> createTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    const Json* attributeDefinitions = reader.array("AttributeDefinitions");
    const Json* keySchema = reader.array("KeySchema");
    auto billingMode = reader.string("BillingMode");
    ThroughputInput throughput = readThroughput(reader);
    const bool hasLocal =
        request.contains("LocalSecondaryIndexes") && !request["LocalSecondaryIndexes"].is_null();
    const bool hasGlobal =
        request.contains("GlobalSecondaryIndexes") && !request["GlobalSecondaryIndexes"].is_null();
    auto localInputs = readIndexList(reader, request, "LocalSecondaryIndexes", false);
    auto globalInputs = readIndexList(reader, request, "GlobalSecondaryIndexes", true);
    auto tags = readTagList(reader, "Tags");

    struct Element {
        std::optional<std::string> name;
        std::optional<std::string> type;
    };
    std::vector<Element> definitions, keys;
    auto readElements = [&](const Json* list, const char* typeMember, const std::string& path,
                            std::vector<Element>& out) {
        if (!list) return;
        for (size_t i = 0; i < list->size(); ++i) {
            const Json& element = (*list)[i];
            Element e;
            if (!element.is_object()) {
                reader.notNull(false, path + "." + std::to_string(i + 1) + ".member");
            } else {
                e.name = reader.stringIn(&element, "AttributeName");
                e.type = reader.stringIn(&element, typeMember);
            }
            out.push_back(e);
        }
    };
    readElements(attributeDefinitions, "AttributeType", "attributeDefinitions", definitions);
    readElements(keySchema, "KeyType", "keySchema", keys);

    reader.tableName(name);
    reader.notNull(attributeDefinitions != nullptr, "attributeDefinitions");
    reader.notNull(keySchema != nullptr, "keySchema");
    for (size_t i = 0; i < definitions.size(); ++i) {
        const std::string at = "attributeDefinitions." + std::to_string(i + 1) + ".member.";
        reader.notNull(definitions[i].name.has_value(), at + "attributeName");
        reader.lengthBetween(definitions[i].name, at + "attributeName", 1, 255);
        reader.notNull(definitions[i].type.has_value(), at + "attributeType");
        reader.oneOf(definitions[i].type, at + "attributeType", {"B", "N", "S"});
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::string at = "keySchema." + std::to_string(i + 1) + ".member.";
        reader.notNull(keys[i].name.has_value(), at + "attributeName");
        reader.lengthBetween(keys[i].name, at + "attributeName", 1, 255);
        reader.notNull(keys[i].type.has_value(), at + "keyType");
        reader.oneOf(keys[i].type, at + "keyType", {"HASH", "RANGE"});
    }
    if (keySchema && keySchema->empty())
        reader.constraint("'[]'", "keySchema",
                          "Member must have length greater than or equal to 1");
    if (keySchema && keySchema->size() > 2)
        reader.constraint("'" + keySchema->dump() + "'", "keySchema",
                          "Member must have length less than or equal to 2");
    const OnDemandThroughputInput onDemand = readOnDemandThroughput(reader);
    const WarmThroughputInput warm = readWarmThroughput(reader);
    reader.oneOf(billingMode, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
    SHARDSCAPE_TRY(reader.finish());

    const bool payPerRequest = billingMode == "PAY_PER_REQUEST";
    if (payPerRequest) {
        if (throughput.present)
            return validationError(
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    } else {
        if (!throughput.present)
            return validationError(
                "One or more parameter values were invalid: ReadCapacityUnits and "
                "WriteCapacityUnits "
                "must both be specified when BillingMode is PROVISIONED");
        SHARDSCAPE_TRY(checkThroughputBounds(throughput));
    }

    std::vector<std::string> definedNames, keyNames;
    for (const auto& d : definitions) definedNames.push_back(*d.name);
    for (const auto& k : keys) keyNames.push_back(*k.name);
    if (keyNames.size() > definedNames.size())
        return validationError("Invalid KeySchema: Some index key attribute have no definition");
    for (const auto& k : keyNames) {
        if (std::find(definedNames.begin(), definedNames.end(), k) == definedNames.end())
            return validationError(
                "One or more parameter values were invalid: Some index key attributes are not "
                "defined in AttributeDefinitions. Keys: [" +
                joinNames(keyNames) + "], AttributeDefinitions: [" + joinNames(definedNames) + "]");
    }
    if (keyNames.size() == 2 && keyNames[0] == keyNames[1])
        return validationError(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    if (*keys[0].type != "HASH")
        return validationError(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (keys.size() == 2 && *keys[1].type != "RANGE")
        return validationError(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (!hasLocal && !hasGlobal && keyNames.size() != definedNames.size())
        return validationError(
            "One or more parameter values were invalid: Number of attributes in KeySchema does not "
            "exactly match number of attributes defined in AttributeDefinitions");

    const auto stream = readStreamRequest(request);
    if (stream && stream->enabled && !stream->viewType)
        return validationError(
            "One or more parameter values were invalid: Table is being created with a stream "
            "enabled, UpdateViewType is required");
    if (stream && !stream->enabled && stream->viewType)
        return validationError(
            "One or more parameter values were invalid: Table is being created with a stream "
            "disabled, UpdateViewType should not be specified");

    // An empty Tags list is accepted (TagResource refuses one).
    std::map<std::string, std::string> tagsByKey;
    if (tags) {
        auto checked = checkTags(*tags);
        if (!checked) return checked.error();
        if (checked->size() > kMaxTagsPerTable) return tooManyTags();
        tagsByKey = std::move(checked).value();
    }

    TableDefinition table;
    table.name = *name;
    table.tags = std::move(tagsByKey);
    for (const auto& d : definitions)
        table.attributeDefinitions.push_back({*d.name, keyTypeFromName(*d.type)});
    auto typeOf = [&](const std::string& attribute) {
        for (const auto& d : table.attributeDefinitions)
            if (d.name == attribute) return d.type;
        return ValueType::S;
    };
    table.partitionKey = {keyNames[0], typeOf(keyNames[0])};
    if (keyNames.size() == 2) table.sortKey = KeyAttribute{keyNames[1], typeOf(keyNames[1])};
    table.billingMode = payPerRequest ? BillingMode::PayPerRequest : BillingMode::Provisioned;
    if (!payPerRequest) {
        table.readCapacityUnits = *throughput.read;
        table.writeCapacityUnits = *throughput.write;
    }
    if (hasLocal || hasGlobal) {
        auto indexes = buildIndexes(table, hasLocal ? std::optional(localInputs) : std::nullopt,
                                    hasGlobal ? std::optional(globalInputs) : std::nullopt);
        if (!indexes) return indexes.error();
        table.indexes = std::move(indexes).value();
    }
    if (stream && stream->enabled) {
        StreamDefinition definition;
        definition.viewType = *stream->viewType;
        table.streams.push_back(std::move(definition));
    }
    if (!payPerRequest) SHARDSCAPE_TRY(checkTableQuota(throughput, ""));
    SHARDSCAPE_TRY(applyTableThroughputOptions(table, onDemand, warm, true));
    SHARDSCAPE_TRY(checkAccountQuota(engine, table));
    auto created = engine.createTable(std::move(table));
    if (!created) return created.error();
    if (payPerRequest) {
        // DynamoDB reports when the table became PAY_PER_REQUEST; for a new table, at creation.
        auto updated = engine.updateTable(created->name, [](TableDefinition& t) {
            t.lastUpdateToPayPerRequestDateTime = t.creationDateTime;
            return Status();
        });
        if (!updated) return updated.error();
        created = std::move(updated);
    }
    return Json{{"TableDescription", created->describe({})}};
}

Result<Json> describeTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    reader.tableName(name);
    SHARDSCAPE_TRY(reader.finish());
    auto described = engine.describeTable(*name);
    if (!described) return described.error();
    return Json{{"Table", described->first.describe(described->second)}};
}

Result<Json> listTablesOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto limit = reader.integer("Limit");
    auto start = reader.string("ExclusiveStartTableName");
    reader.atLeast(limit, "limit", 1);
    reader.atMost(limit, "limit", 100);
    reader.tableName(start, "exclusiveStartTableName", false);
    SHARDSCAPE_TRY(reader.finish());
    const size_t pageSize = static_cast<size_t>(limit.value_or(100));
    Json names = Json::array();
    Json response = Json::object();
    const auto all = engine.listTableNames();
    for (const auto& n : all) {
        if (start && n <= *start) continue;
        if (names.size() == pageSize) {
            response["LastEvaluatedTableName"] = names.back();
            break;
        }
        names.push_back(n);
    }
    response["TableNames"] = std::move(names);
    return response;
}

namespace {

struct IndexUpdate {
    enum class Kind { Create, Update, Delete, Missing } kind = Kind::Missing;
    std::optional<std::string> indexName;
    IndexInput create;
    ThroughputInput throughput;  // Update
};

std::vector<IndexUpdate> readIndexUpdates(RequestReader& reader) {
    std::vector<IndexUpdate> out;
    const Json* list = reader.array("GlobalSecondaryIndexUpdates");
    if (!list) return out;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json& element = (*list)[i];
        std::string at = "globalSecondaryIndexUpdates.";
        at.append(std::to_string(i + 1)).append(".member");
        IndexUpdate update;
        if (!element.is_object()) {
            reader.notNull(false, at);
            out.push_back(update);
            continue;
        }
        auto member = [&](const char* name) -> const Json* {
            auto it = element.find(name);
            return it != element.end() && it->is_object() ? &*it : nullptr;
        };
        if (const Json* create = member("Create")) {
            update.kind = IndexUpdate::Kind::Create;
            update.create = readIndexInput(reader, *create, at + ".create", true);
            update.indexName = update.create.name;
        } else if (const Json* change = member("Update")) {
            update.kind = IndexUpdate::Kind::Update;
            update.indexName = reader.stringIn(change, "IndexName");
            reader.notNull(update.indexName.has_value(), at + ".update.indexName");
            update.throughput =
                readThroughput(reader, change, at + ".update.provisionedThroughput");
            reader.notNull(update.throughput.present, at + ".update.provisionedThroughput");
        } else if (const Json* remove = member("Delete")) {
            update.kind = IndexUpdate::Kind::Delete;
            update.indexName = reader.stringIn(remove, "IndexName");
            reader.notNull(update.indexName.has_value(), at + ".delete.indexName");
        }
        out.push_back(update);
    }
    return out;
}

Status checkIndexUpdates(const std::vector<IndexUpdate>& updates) {
    std::set<std::string> seen;
    size_t online = 0;
    for (const auto& update : updates) {
        if (update.kind == IndexUpdate::Kind::Missing)
            return validationError(
                "One or more parameter values were invalid: One of "
                "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                "GlobalSecondaryIndexUpdate.Delete must not be null");
        if (!seen.insert(*update.indexName).second)
            return validationError(
                "One or more parameter values were invalid: Only one global secondary index "
                "update per index is allowed simultaneously. Index: " +
                *update.indexName);
        if (update.kind != IndexUpdate::Kind::Update) ++online;
        SHARDSCAPE_TRY(checkThroughputBounds(update.throughput));
        if (update.kind == IndexUpdate::Kind::Update)
            SHARDSCAPE_TRY(checkTableQuota(update.throughput, *update.indexName));
    }
    if (online > 1)
        return Error{ErrorType::LimitExceeded,
                     "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                     "simultaneously per table"};
    return {};
}

// Runs GlobalSecondaryIndexUpdates; returns the table as its description should show it.
Result<TableDefinition> applyIndexUpdates(Engine& engine, const std::string& tableName,
                                          const std::vector<IndexUpdate>& updates,
                                          const std::vector<KeyElementInput>& definitions) {
    std::optional<TableDefinition> result;
    for (const auto& update : updates) {
        auto table = engine.table(tableName);
        if (!table)
            return Error{ErrorType::ResourceNotFound,
                         "Requested resource not found: Table: " + tableName + " not found"};
        const bool payPerRequest = table->billingMode == BillingMode::PayPerRequest;
        if (update.kind == IndexUpdate::Kind::Create) {
            // The new index's key attributes are defined in the request's AttributeDefinitions,
            // merged with the table's.
            std::vector<AttributeDefinition> merged = table->attributeDefinitions;
            for (const auto& d : definitions) {
                const ValueType type = keyTypeFromName(*d.type);
                auto existing = std::find_if(merged.begin(), merged.end(),
                                             [&](const auto& m) { return m.name == *d.name; });
                if (existing == merged.end())
                    merged.push_back({*d.name, type});
                else if (existing->type != type)
                    return validationError(
                        "One or more parameter values were invalid: Cannot change the type of "
                        "existing attribute " +
                        *d.name);
            }
            auto index = buildIndex(update.create, true, merged, payPerRequest);
            if (!index) return index.error();
            // Only key attributes stay defined.
            std::erase_if(merged, [&](const AttributeDefinition& d) {
                return !table->isAnyKeyAttribute(d.name) && !index->isKeyAttribute(d.name);
            });
            auto created = engine.createGlobalIndex(tableName, std::move(index).value(), merged);
            if (!created) return created.error();
            result = std::move(created).value();
        } else if (update.kind == IndexUpdate::Kind::Delete) {
            auto deleted = engine.deleteGlobalIndex(tableName, *update.indexName);
            if (!deleted) return deleted.error();
            result = std::move(deleted).value();
        } else {
            const IndexDefinition* index = table->findIndex(*update.indexName);
            if (!index || !index->global)
                return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
            if (payPerRequest)
                return validationError(
                    "One or more parameter values were invalid: ProvisionedThroughput should not "
                    "be specified for index: " +
                    index->name + " when BillingMode is PAY_PER_REQUEST");
            const double now = engine.now();
            auto changed = engine.updateTable(tableName, [&](TableDefinition& t) -> Status {
                for (auto& i : t.indexes) {
                    if (i.name != *update.indexName) continue;
                    const int64_t read = *update.throughput.read, write = *update.throughput.write;
                    if (read > i.readCapacityUnits || write > i.writeCapacityUnits)
                        i.lastIncreaseDateTime = now;
                    if (read < i.readCapacityUnits || write < i.writeCapacityUnits) {
                        i.lastDecreaseDateTime = now;
                        ++i.numberOfDecreasesToday;
                    }
                    i.readCapacityUnits = read;
                    i.writeCapacityUnits = write;
                }
                return {};
            });
            if (!changed) return changed.error();
            result = std::move(changed).value();
        }
    }
    return *result;
}

// The response of an UpdateTable that changed the table: the table is UPDATING for
// EngineOptions::updateTableMs, with the indexes it creates, changes and deletes.
Result<Json> describeUpdatedTable(Engine& engine, const std::string& name,
                                  const std::vector<IndexUpdate>& updates,
                                  const std::optional<TableDefinition>& changed,
                                  std::shared_ptr<const TableDefinition> before) {
    std::map<std::string, IndexStatus> indexes;
    std::vector<IndexDefinition> departing;
    for (const auto& update : updates) {
        if (update.kind == IndexUpdate::Kind::Create)
            indexes[*update.indexName] = IndexStatus::Creating;
        if (update.kind == IndexUpdate::Kind::Update)
            indexes[*update.indexName] = IndexStatus::Updating;
        if (update.kind == IndexUpdate::Kind::Delete && changed)
            if (const IndexDefinition* index = changed->findIndex(*update.indexName))
                departing.push_back(*index);
    }
    engine.beginTableUpdate(name, std::move(indexes), std::move(departing), std::move(before));
    auto described = engine.describeTable(name);
    if (!described) return described.error();
    // Without an UPDATING time the response is the changed definition, a deleted index in it
    // as DELETING.
    const bool updating = described->first.status == TableStatus::Updating;
    const TableDefinition& shown = changed && !updating ? *changed : described->first;
    return Json{{"TableDescription", shown.describe(described->second)}};
}

}  // namespace

Result<Json> updateTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    auto billingMode = reader.string("BillingMode");
    ThroughputInput throughput = readThroughput(reader);
    const Json* definitionList = reader.array("AttributeDefinitions");
    auto definitions =
        readKeyElements(reader, definitionList, "AttributeType", "attributeDefinitions", false);
    auto indexUpdates = readIndexUpdates(reader);
    reader.tableName(name);
    reader.oneOf(billingMode, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
    // Shardscape's own member (DynamoDB has none): capacity enforcement of the table's real
    // requests, OFF, RECORD (charged and recorded) or ENFORCE (also throttled).
    auto enforcement = reader.string("ShardscapeCapacityEnforcement");
    reader.oneOf(enforcement, "shardscapeCapacityEnforcement", {"OFF", "RECORD", "ENFORCE"});
    const OnDemandThroughputInput onDemand = readOnDemandThroughput(reader);
    const WarmThroughputInput warm = readWarmThroughput(reader);
    SHARDSCAPE_TRY(reader.finish());
    if (enforcement) {
        auto updated = engine.updateTable(*name, [&](TableDefinition& t) -> Status {
            t.capacityEnforcement = *enforcementFromName(*enforcement);
            return {};
        });
        if (!updated) return updated.error();
        const bool moreUpdates =
            request.contains("ProvisionedThroughput") || request.contains("StreamSpecification") ||
            request.contains("BillingMode") || request.contains("GlobalSecondaryIndexUpdates") ||
            onDemand.present || warm.present;
        if (!moreUpdates) {
            auto described = engine.describeTable(*name);
            if (!described) return described.error();
            return Json{{"TableDescription", described->first.describe(described->second)}};
        }
    }
    const auto stream = readStreamRequest(request);
    const bool otherUpdates =
        request.contains("SSESpecification") || request.contains("ReplicaUpdates");
    if (!throughput.present && !billingMode && !otherUpdates && indexUpdates.empty() && !stream &&
        !onDemand.present && !warm.present)
        return validationError(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    if (billingMode == "PROVISIONED" && !throughput.present)
        return validationError(
            "One or more parameter values were invalid: ProvisionedThroughput must be specified "
            "when BillingMode is PROVISIONED");
    SHARDSCAPE_TRY(checkThroughputBounds(throughput));
    SHARDSCAPE_TRY(checkTableQuota(throughput, ""));
    if (otherUpdates)
        return validationError(
            "Encryption and replica updates are not supported yet by this version of "
            "Shardscape");
    if (stream) {
        if (stream->enabled && !stream->viewType)
            return validationError(
                "One or more parameter values were invalid: If stream is being enabled then "
                "UpdateViewType is required");
        if (!stream->enabled && stream->viewType)
            return validationError(
                "One or more parameter values were invalid: If stream is being disabled, then "
                "UpdateViewType must not be specified");
        // DynamoDB refuses a stream change together with a throughput change.
        if (throughput.present || billingMode == "PROVISIONED")
            return validationError("You cannot modify stream status while updating table IOPS");
    }
    SHARDSCAPE_TRY(checkIndexUpdates(indexUpdates));
    // A table being created, updated or deleted cannot be changed.
    SHARDSCAPE_TRY(engine.requireChangeable(*name));
    const std::shared_ptr<const TableDefinition> before = engine.table(*name);
    if (onDemand.present || warm.present) {
        // Checked against the table as the request leaves it (its billing mode and units).
        auto applied = engine.updateTable(*name, [&](TableDefinition& t) -> Status {
            TableDefinition target = t;
            if (billingMode)
                target.billingMode = *billingMode == "PAY_PER_REQUEST" ? BillingMode::PayPerRequest
                                                                       : BillingMode::Provisioned;
            if (throughput.present) {
                target.readCapacityUnits = *throughput.read;
                target.writeCapacityUnits = *throughput.write;
            }
            SHARDSCAPE_TRY(applyTableThroughputOptions(target, onDemand, warm, false));
            t.maxReadRequestUnits = target.maxReadRequestUnits;
            t.maxWriteRequestUnits = target.maxWriteRequestUnits;
            t.warmReadUnitsPerSecond = target.warmReadUnitsPerSecond;
            t.warmWriteUnitsPerSecond = target.warmWriteUnitsPerSecond;
            return {};
        });
        if (!applied) return applied.error();
        if (!throughput.present && !billingMode && indexUpdates.empty() && !stream)
            return describeUpdatedTable(engine, *name, {}, std::nullopt, before);
    }
    if (stream) {
        auto changed = engine.setStream(
            *name, stream->enabled ? stream->viewType : std::optional<StreamViewType>());
        if (!changed) return changed.error();
        if (!billingMode && indexUpdates.empty())
            return describeUpdatedTable(engine, *name, {}, std::nullopt, before);
    }
    if (!throughput.present && !billingMode) {
        auto updated = applyIndexUpdates(engine, *name, indexUpdates, definitions);
        if (!updated) return updated.error();
        return describeUpdatedTable(engine, *name, indexUpdates, std::move(updated).value(),
                                    before);
    }

    const double now = engine.now();
    auto updated = engine.updateTable(*name, [&](TableDefinition& t) -> Status {
        const bool currentlyOnDemand = t.billingMode == BillingMode::PayPerRequest;
        const bool targetOnDemand =
            billingMode ? *billingMode == "PAY_PER_REQUEST" : currentlyOnDemand;
        if (throughput.present && targetOnDemand)
            return validationError(
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        if (targetOnDemand) {
            if (!currentlyOnDemand) {
                SHARDSCAPE_TRY(recordSwitchToPayPerRequest(t, now));
                t.billingMode = BillingMode::PayPerRequest;
                t.readCapacityUnits = 0;
                t.writeCapacityUnits = 0;
                t.lastUpdateToPayPerRequestDateTime = now;
            }
            return {};
        }
        if (!currentlyOnDemand && *throughput.read == t.readCapacityUnits &&
            *throughput.write == t.writeCapacityUnits)
            return validationError(
                "The provisioned throughput for the table will not change. The requested value "
                "equals the current value. Current ReadCapacityUnits provisioned for the table: " +
                std::to_string(t.readCapacityUnits) +
                ". Requested ReadCapacityUnits: " + std::to_string(*throughput.read) +
                ". Current WriteCapacityUnits provisioned for the table: " +
                std::to_string(t.writeCapacityUnits) +
                ". Requested WriteCapacityUnits: " + std::to_string(*throughput.write) +
                ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to "
                "request higher limits.");
        if (!currentlyOnDemand) {
            if (*throughput.read > t.readCapacityUnits || *throughput.write > t.writeCapacityUnits)
                t.lastIncreaseDateTime = now;
            if (*throughput.read < t.readCapacityUnits ||
                *throughput.write < t.writeCapacityUnits) {
                t.lastDecreaseDateTime = now;
                ++t.numberOfDecreasesToday;
            }
        }
        TableDefinition target = t;
        target.billingMode = BillingMode::Provisioned;
        target.readCapacityUnits = *throughput.read;
        target.writeCapacityUnits = *throughput.write;
        SHARDSCAPE_TRY(checkAccountQuota(engine, target, true));
        t.billingMode = BillingMode::Provisioned;
        t.readCapacityUnits = *throughput.read;
        t.writeCapacityUnits = *throughput.write;
        return {};
    });
    if (!updated) return updated.error();
    std::optional<TableDefinition> changed;
    if (!indexUpdates.empty()) {
        auto indexed = applyIndexUpdates(engine, *name, indexUpdates, definitions);
        if (!indexed) return indexed.error();
        changed = std::move(indexed).value();
    }
    return describeUpdatedTable(engine, *name, indexUpdates, changed, before);
}

Result<Json> deleteTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    reader.tableName(name);
    SHARDSCAPE_TRY(reader.finish());
    auto deleted = engine.deleteTable(*name);
    if (!deleted) return deleted.error();
    return Json{{"TableDescription", deleted->first.describe(deleted->second, "DELETING")}};
}

}  // namespace shardscape
