// CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable.
#include <set>

#include "operations.h"
#include "request_reader.h"

namespace shardscape {

namespace {

constexpr int64_t kMaxCapacityUnits = 1000000000000;  // DynamoDB's "out of bounds" limit

ValueType keyTypeFromName(const std::string& name) {
    return name == "N" ? ValueType::N : name == "B" ? ValueType::B : ValueType::S;
}

struct ThroughputInput {
    std::optional<int64_t> read;
    std::optional<int64_t> write;
    bool present = false;
};

ThroughputInput readThroughput(RequestReader& reader) {
    ThroughputInput t;
    const Json* throughput = reader.object("ProvisionedThroughput");
    if (!throughput) return t;
    t.present = true;
    t.read = reader.integerIn(throughput, "ReadCapacityUnits");
    t.write = reader.integerIn(throughput, "WriteCapacityUnits");
    reader.notNull(t.read.has_value(), "provisionedThroughput.readCapacityUnits");
    reader.notNull(t.write.has_value(), "provisionedThroughput.writeCapacityUnits");
    reader.atLeast(t.read, "provisionedThroughput.readCapacityUnits", 1);
    reader.atLeast(t.write, "provisionedThroughput.writeCapacityUnits", 1);
    return t;
}

Status checkThroughputBounds(const ThroughputInput& t) {
    if (t.read && *t.read > kMaxCapacityUnits)
        return validationError("Given value " + std::to_string(*t.read) +
                               " for ReadCapacityUnits is out of bounds");
    if (t.write && *t.write > kMaxCapacityUnits)
        return validationError("Given value " + std::to_string(*t.write) +
                               " for WriteCapacityUnits is out of bounds");
    return {};
}

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

Result<Json> createTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    const Json* attributeDefinitions = reader.array("AttributeDefinitions");
    const Json* keySchema = reader.array("KeySchema");
    auto billingMode = reader.string("BillingMode");
    ThroughputInput throughput = readThroughput(reader);

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
    if (request.contains("LocalSecondaryIndexes") || request.contains("GlobalSecondaryIndexes"))
        return validationError(
            "Secondary indexes are not supported yet by this version of Shardscape; create the "
            "table without LocalSecondaryIndexes and GlobalSecondaryIndexes");
    if (keyNames.size() != definedNames.size())
        return validationError(
            "One or more parameter values were invalid: Number of attributes in KeySchema does not "
            "exactly match number of attributes defined in AttributeDefinitions");

    TableDefinition table;
    table.name = *name;
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
    const auto all = engine.tableNames();
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

Result<Json> updateTableOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    auto billingMode = reader.string("BillingMode");
    ThroughputInput throughput = readThroughput(reader);
    reader.tableName(name);
    reader.oneOf(billingMode, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
    SHARDSCAPE_TRY(reader.finish());
    const bool otherUpdates = request.contains("GlobalSecondaryIndexUpdates") ||
                              request.contains("StreamSpecification") ||
                              request.contains("SSESpecification") ||
                              request.contains("ReplicaUpdates");
    if (!throughput.present && !billingMode && !otherUpdates)
        return validationError(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    if (billingMode == "PROVISIONED" && !throughput.present)
        return validationError(
            "One or more parameter values were invalid: ProvisionedThroughput must be specified "
            "when BillingMode is PROVISIONED");
    SHARDSCAPE_TRY(checkThroughputBounds(throughput));
    if (otherUpdates)
        return validationError(
            "Index, stream, encryption and replica updates are not supported yet by this version "
            "of Shardscape");

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
        t.billingMode = BillingMode::Provisioned;
        t.readCapacityUnits = *throughput.read;
        t.writeCapacityUnits = *throughput.write;
        return {};
    });
    if (!updated) return updated.error();
    auto described = engine.describeTable(*name);
    if (!described) return described.error();
    return Json{{"TableDescription", described->first.describe(described->second)}};
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
