#include "api/operation_support.h"

#include <cmath>

#include "expressions/expression.h"
#include "expressions/expression_context.h"
#include "storage/storage_layout.h"

namespace shardscape {

namespace {
// The expressions of `request` read without the table, in DynamoDB's order.
Status checkExpressionsWithoutTable(const Json& request) {
    auto member = [&](const char* name) -> const Json* {
        auto it = request.find(name);
        return it != request.end() && !it->is_null() ? &*it : nullptr;
    };
    const Json* names = member("ExpressionAttributeNames");
    const Json* values = member("ExpressionAttributeValues");
    auto context =
        ExpressionContext::fromRequest(names && names->is_object() ? names : nullptr,
                                       values && values->is_object() ? values : nullptr, true);
    if (!context) return context.error();
    auto text = [&](const char* name) -> std::optional<std::string_view> {
        const Json* value = member(name);
        if (!value || !value->is_string()) return std::nullopt;
        return std::string_view(value->get_ref<const std::string&>());
    };
    // In DynamoDB's order: update, condition, key condition, filter, projection.
    if (auto update = text("UpdateExpression")) {
        auto parsed = parseUpdateActions(*update, *context);
        if (!parsed) return parsed.error();
    }
    const std::pair<const char*, ExpressionKind> conditions[] = {
        {"ConditionExpression", ExpressionKind::Condition},
        {"KeyConditionExpression", ExpressionKind::KeyCondition},
        {"FilterExpression", ExpressionKind::Filter}};
    for (const auto& [name, kind] : conditions) {
        if (auto condition = text(name)) {
            auto parsed = parseConditionGrammar(kind, *condition, *context);
            if (!parsed) return parsed.error();
        }
    }
    if (auto projection = text("ProjectionExpression")) {
        auto parsed = parseProjectionExpression(*projection, *context);
        if (!parsed) return parsed.error();
    }
    return context->checkAllUsed();
}
}  // namespace

Error expressionErrorFirst(const Json& request, Error tableError) {
    Status expressions = checkExpressionsWithoutTable(request);
    return expressions ? std::move(tableError) : expressions.error();
}

ReturnConsumedCapacity toReturnConsumedCapacity(const std::optional<std::string>& value) {
    if (value == "TOTAL") return ReturnConsumedCapacity::Total;
    if (value == "INDEXES") return ReturnConsumedCapacity::Indexes;
    return ReturnConsumedCapacity::None;
}

ReturnConsumedCapacity readReturnConsumedCapacity(RequestReader& reader) {
    auto value = reader.string("ReturnConsumedCapacity");
    reader.oneOf(value, "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
    return toReturnConsumedCapacity(value);
}

Result<std::optional<Item>> readItemMember(const Json& request, const char* member) {
    auto it = request.find(member);
    if (it == request.end() || it->is_null()) return std::optional<Item>();
    auto item = itemFromJson(*it);
    if (!item) return item.error();
    return std::optional<Item>(std::move(item).value());
}

void addConsumedCapacity(Json& response, ReturnConsumedCapacity mode, const std::string& table,
                         double units, bool isRead) {
    if (mode == ReturnConsumedCapacity::None) return;
    response["ConsumedCapacity"] = consumedCapacityJson(mode, table, units, isRead);
}

Status chargeItemRead(Engine& engine, const std::string& tableName, const Item& key, double units) {
    if (!engine.capacityMetered()) return {};
    auto table = engine.table(tableName);
    if (!table) return {};
    auto pk = key.find(table->partitionKey.name);
    if (pk == key.end()) return {};
    const CapacityCharge charge{nullptr, layout::partitionHash(pk->second), units, 0};
    return engine.chargeCapacity(tableName, &charge, 1);
}

Json consumedCapacityList(ReturnConsumedCapacity mode,
                          const std::map<std::string, CapacityUse>& uses, CapacityKinds kinds) {
    Json list = Json::array();
    for (const auto& [table, use] : uses) list.push_back(consumedCapacityJson(mode, use, kinds));
    return list;
}

CapacityUse writeCapacityOf(const std::string& table, const WriteResult& written) {
    CapacityUse use;
    use.tableName = table;
    use.table.write = writeCapacityUnits(std::max(written.oldSize, written.newSize));
    for (const auto& index : written.indexWrites)
        use.addIndex(index.indexName, index.global, {0, writeCapacityUnits(index.entryBytes)});
    return use;
}

Json itemCollectionMetrics(const TableDefinition& table, const Item& keySource,
                           const WriteResult& written) {
    if (!written.itemCollectionBytes) return nullptr;
    const double gigabytes = static_cast<double>(*written.itemCollectionBytes) / (1 << 30);
    const double lower = std::floor(gigabytes);
    Json key = Json::object();
    key[table.partitionKey.name] = attributeValueToJson(keySource.at(table.partitionKey.name));
    return Json{{"ItemCollectionKey", std::move(key)},
                {"SizeEstimateRangeGB", Json::array({lower, lower + 1})}};
}

}  // namespace shardscape
