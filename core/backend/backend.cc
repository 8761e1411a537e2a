#include "backend/backend.h"

#include "classroom/walkthrough_facts.h"
#include "model/model_engine.h"
#include "model/sample_data_generator.h"
#include "storage/engine.h"
#include "transfer/item_export.h"
#include "transfer/item_import.h"

namespace shardscape {
namespace {

std::string text(const Json& object, const char* member, const std::string& fallback) {
    if (!object.is_object() || !object.contains(member) || !object[member].is_string())
        return fallback;
    return object[member].get<std::string>();
}

Json member(const Json& object, const char* name) {
    return object.is_object() && object.contains(name) ? object[name] : Json();
}

Error badDescription(const std::string& what) {
    return internalError("The table description has no valid " + what);
}

// What a backend without the embedded engine answers to an engine-only operation.
Error localOnly(const std::string& what) {
    return validationError(what + " is available only on the local engine");
}

// KeySchema [{AttributeName, KeyType}] into a partition and an optional sort key.
Status readKeySchema(const Json& schema, const std::vector<AttributeDefinition>& definitions,
                     KeyAttribute& partition, std::optional<KeyAttribute>& sort) {
    if (!schema.is_array() || schema.empty()) return badDescription("KeySchema");
    auto typeOf = [&](const std::string& name) {
        for (const auto& d : definitions)
            if (d.name == name) return d.type;
        return ValueType::S;
    };
    bool hasPartition = false;
    for (const Json& element : schema) {
        if (!element.is_object() || !element.contains("AttributeName") ||
            !element["AttributeName"].is_string())
            return badDescription("KeySchema");
        const std::string name = element["AttributeName"];
        const std::string keyType = text(element, "KeyType", "");
        if (keyType == "HASH") {
            partition = {name, typeOf(name)};
            hasPartition = true;
        } else if (keyType == "RANGE") {
            sort = KeyAttribute{name, typeOf(name)};
        } else {
            return badDescription("KeySchema");
        }
    }
    if (!hasPartition) return badDescription("KeySchema");
    return {};
}

int64_t capacity(const Json& object, const char* member) {
    if (!object.is_object() || !object.contains("ProvisionedThroughput")) return 0;
    const Json& throughput = object["ProvisionedThroughput"];
    if (!throughput.is_object() || !throughput.contains(member) ||
        !throughput[member].is_number_integer())
        return 0;
    return throughput[member].get<int64_t>();
}

// {"Code": "IOError", "Message": "..."}: a domain code's name or a DynamoDB error's.
Error backfillError(const Json& failure) {
    const std::string code = text(failure, "Code", "");
    const std::string message = text(failure, "Message", "");
    if (auto known = errorCodeFromName(code); known && *known != ErrorCode::Dynamo)
        return Error{*known, message};
    for (int t = 0; t <= static_cast<int>(ErrorType::UnrecognizedClient); ++t)
        if (errorTypeName(static_cast<ErrorType>(t)) == code)
            return Error{static_cast<ErrorType>(t), message};
    return internalError(message);
}

}  // namespace

std::shared_ptr<const TableDefinition> BackendTables::find(const std::string& name) const {
    for (const auto& table : tables)
        if (table->name == name) return table;
    return nullptr;
}

Result<BackendTables> Backend::listTables() {
    BackendTables result;
    auto names = listAllTables(*this);
    if (!names) return names.error();
    for (const auto& name : *names) {
        auto description = describeTable(*this, name);
        if (!description) {
            if (description.error().type == ErrorType::ResourceNotFound) continue;  // dropped
            return description.error();
        }
        auto definition = tableDefinitionFromDescription(*description);
        if (!definition) return definition.error();
        result.tables.push_back(
            std::make_shared<const TableDefinition>(std::move(definition).value()));
        result.descriptions.push_back(std::move(description).value());
    }
    return result;
}

Result<ItemPage> Backend::scanPage(const ItemPageRequest& request) {
    Json scan{{"TableName", request.table}, {"Limit", request.limit}};
    if (!request.index.empty()) scan["IndexName"] = request.index;
    if (request.exclusiveStartKey)
        scan["ExclusiveStartKey"] = itemToJson(*request.exclusiveStartKey);
    if (request.totalSegments > 1) {
        scan["Segment"] = request.segment;
        scan["TotalSegments"] = request.totalSegments;
    }
    if (request.countOnly) scan["Select"] = "COUNT";
    auto response = call("Scan", scan);
    if (!response) return response.error();
    ItemPage page;
    if (response->contains("Items") && (*response)["Items"].is_array())
        for (const Json& json : (*response)["Items"]) {
            auto item = itemFromJson(json);
            if (item)
                page.items.push_back(std::move(item).value());
            else
                page.itemError = item.error().message;
        }
    const Json scanned = member(*response, "ScannedCount");
    page.scannedCount = scanned.is_number_integer() ? scanned.get<int64_t>()
                                                    : static_cast<int64_t>(page.items.size());
    if (response->contains("LastEvaluatedKey"))
        if (auto key = itemFromJson((*response)["LastEvaluatedKey"])) page.lastEvaluatedKey = *key;
    return page;
}

std::optional<int64_t> Backend::exactItemCount(const std::string&, const std::string&) {
    return std::nullopt;
}

Result<CapacityEnforcement> Backend::capacityEnforcement(const std::string&) {
    return localOnly("Live capacity metering");
}

Result<CapacityRecording> Backend::capacityRecording(const std::string&) {
    return localOnly("Live capacity metering");
}

Result<ImportReport> Backend::importItemsFromFile(const std::string&, const std::string&,
                                                  const ImportOptions&) {
    return localOnly("Importing items from a file");
}

Result<ExportReport> Backend::exportItems(const std::string&, std::ostream&, const ExportOptions&) {
    return localOnly("Exporting items to a file");
}

Result<OpenedModel> Backend::openModel(const Model&, int64_t) {
    return localOnly("Opening a model's tables and data");
}

Result<GenerateReport> Backend::generateSampleData(const Model&, const GenerateOptions&) {
    return localOnly("Generating sample data");
}

Result<std::vector<Item>> Backend::walkthroughExamples(const std::string&, int) {
    return localOnly("The request step-through");
}

Result<Walkthrough> Backend::walkThrough(const WalkthroughRequest&) {
    return localOnly("The request step-through");
}

Result<Engine*> Backend::servedEngine() {
    return localOnly("Serving a local endpoint");
}

Result<std::vector<std::string>> listAllTables(Backend& backend) {
    std::vector<std::string> names;
    Json request = Json::object();
    for (;;) {
        auto page = backend.call("ListTables", request);
        if (!page) return page.error();
        if (page->contains("TableNames") && (*page)["TableNames"].is_array())
            for (const Json& name : (*page)["TableNames"])
                if (name.is_string()) names.push_back(name);
        if (!page->contains("LastEvaluatedTableName") ||
            !(*page)["LastEvaluatedTableName"].is_string())
            return names;
        request["ExclusiveStartTableName"] = (*page)["LastEvaluatedTableName"];
    }
}

Result<Json> describeTable(Backend& backend, const std::string& table) {
    auto response = backend.call("DescribeTable", Json{{"TableName", table}});
    if (!response) return response.error();
    if (!response->contains("Table") || !(*response)["Table"].is_object())
        return internalError("DescribeTable's response has no Table");
    return (*response)["Table"];
}

Item itemKey(const TableDefinition& table, const Item& item) {
    return Engine::keyOf(table, item);
}

Result<TableDefinition> tableDefinitionFromDescription(const Json& description) {
    if (!description.is_object() || !description.contains("TableName") ||
        !description["TableName"].is_string())
        return badDescription("TableName");
    TableDefinition table;
    table.name = description["TableName"];
    if (description.contains("AttributeDefinitions") &&
        description["AttributeDefinitions"].is_array())
        for (const Json& d : description["AttributeDefinitions"])
            if (d.is_object() && d.contains("AttributeName") && d["AttributeName"].is_string())
                table.attributeDefinitions.push_back(
                    {d["AttributeName"].get<std::string>(),
                     keyTypeFromName(text(d, "AttributeType", "S"))});
    SHARDSCAPE_TRY(readKeySchema(member(description, "KeySchema"), table.attributeDefinitions,
                                 table.partitionKey, table.sortKey));
    const std::string status = text(description, "TableStatus", "ACTIVE");
    table.status = status == "CREATING"   ? TableStatus::Creating
                   : status == "UPDATING" ? TableStatus::Updating
                   : status == "DELETING" ? TableStatus::Deleting
                                          : TableStatus::Active;
    std::string billing = "PROVISIONED";
    if (description.contains("BillingModeSummary") && description["BillingModeSummary"].is_object())
        billing = text(description["BillingModeSummary"], "BillingMode", billing);
    table.billingMode =
        billing == "PAY_PER_REQUEST" ? BillingMode::PayPerRequest : BillingMode::Provisioned;
    if (table.billingMode == BillingMode::Provisioned) {
        table.readCapacityUnits = capacity(description, "ReadCapacityUnits");
        table.writeCapacityUnits = capacity(description, "WriteCapacityUnits");
    }
    for (const char* list : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
        if (!description.contains(list) || !description[list].is_array()) continue;
        for (const Json& i : description[list]) {
            if (!i.is_object() || !i.contains("IndexName") || !i["IndexName"].is_string())
                return badDescription(list);
            IndexDefinition index;
            index.name = i["IndexName"];
            index.global = std::string_view(list) == "GlobalSecondaryIndexes";
            SHARDSCAPE_TRY(readKeySchema(member(i, "KeySchema"), table.attributeDefinitions,
                                         index.partitionKey, index.sortKey));
            const Json projection = member(i, "Projection");
            const std::string type = projection.is_object()
                                         ? text(projection, "ProjectionType", "ALL")
                                         : std::string("ALL");
            index.projectionType = type == "KEYS_ONLY" ? ProjectionType::KeysOnly
                                   : type == "INCLUDE" ? ProjectionType::Include
                                                       : ProjectionType::All;
            if (projection.is_object() && projection.contains("NonKeyAttributes") &&
                projection["NonKeyAttributes"].is_array())
                for (const Json& name : projection["NonKeyAttributes"])
                    if (name.is_string()) index.nonKeyAttributes.push_back(name);
            if (index.global && table.billingMode == BillingMode::Provisioned) {
                index.readCapacityUnits = capacity(i, "ReadCapacityUnits");
                index.writeCapacityUnits = capacity(i, "WriteCapacityUnits");
            }
            const std::string status = text(i, "IndexStatus", "ACTIVE");
            index.status = status == "CREATING"   ? IndexStatus::Creating
                           : status == "UPDATING" ? IndexStatus::Updating
                           : status == "DELETING" ? IndexStatus::Deleting
                                                  : IndexStatus::Active;
            // A Shardscape endpoint says why a backfill failed.
            const Json failure = member(i, "ShardscapeBackfillError");
            if (failure.is_object()) index.backfillError = backfillError(failure);
            table.indexes.push_back(std::move(index));
        }
    }
    return table;
}

}  // namespace shardscape
