// PutItem, GetItem, DeleteItem and UpdateItem.
#include "expression_context.h"
#include "expression_evaluator.h"
#include "item_size.h"
#include "operation_support.h"
#include "operations.h"
#include "update_expression.h"

namespace shardscape {

namespace {

// Parameters every single-item operation reads the same way.
struct ItemRequest {
    std::string tableName;
    ReturnConsumedCapacity capacity = ReturnConsumedCapacity::None;
    std::optional<std::string> returnValues;
    std::optional<std::string> conditionExpression;
    bool returnOldOnConditionFailure = false;
    const Json* names = nullptr;
    const Json* values = nullptr;
};

// Reads TableName, ReturnConsumedCapacity, ReturnValues, ReturnItemCollectionMetrics,
// ConditionExpression and the placeholder maps; `itemMember` ("Item" or "Key") must be present.
Result<ItemRequest> readItemRequest(RequestReader& reader, const Json& request,
                                    const char* itemMember, const std::string& itemPath) {
    ItemRequest out;
    auto name = reader.string("TableName");
    reader.object(itemMember);
    out.capacity = readReturnConsumedCapacity(reader);
    out.returnValues = reader.string("ReturnValues");
    auto metrics = reader.string("ReturnItemCollectionMetrics");
    out.conditionExpression = reader.string("ConditionExpression");
    auto onFailure = reader.string("ReturnValuesOnConditionCheckFailure");
    out.returnOldOnConditionFailure = onFailure == "ALL_OLD";
    out.names = reader.object("ExpressionAttributeNames");
    out.values = reader.object("ExpressionAttributeValues");
    reader.tableName(name);
    reader.notNull(request.contains(itemMember) && !request[itemMember].is_null(), itemPath);
    reader.oneOf(out.returnValues, "returnValues",
                 {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"});
    reader.oneOf(metrics, "returnItemCollectionMetrics", {"SIZE", "NONE"});
    reader.oneOf(onFailure, "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
    SHARDSCAPE_TRY(reader.finish());
    out.tableName = *name;
    return out;
}

Status rejectUnsupported(const Json& request, std::initializer_list<const char*> members) {
    for (const char* m : members)
        if (request.contains(m) && !request[m].is_null())
            return validationError(std::string(m) +
                                   " is not supported yet by this version of Shardscape");
    return {};
}

// A compiled ConditionExpression (if the request has one).
struct WriteCondition {
    std::optional<Condition> condition;
    bool returnOldOnFailure = false;

    // Evaluates against the current item (an empty item when there is none).
    Status check(const StoredItem* current) const {
        if (!condition) return {};
        Item item;
        if (current) {
            auto decoded = current->decode();
            if (!decoded) return decoded.error();
            item = std::move(decoded).value();
        }
        if (evaluateCondition(*condition, item)) return {};
        Error failed{ErrorType::ConditionalCheckFailed, "The conditional request failed"};
        if (returnOldOnFailure && current)
            failed.extraJson = Json{{"Item", itemToJson(item)}}.dump();
        return failed;
    }
};

Result<WriteCondition> compileCondition(const ItemRequest& r, ExpressionContext& context) {
    WriteCondition out;
    out.returnOldOnFailure = r.returnOldOnConditionFailure;
    if (!r.conditionExpression) return out;
    auto parsed =
        parseConditionExpression(ExpressionKind::Condition, *r.conditionExpression, context);
    if (!parsed) return parsed.error();
    out.condition = std::move(parsed).value();
    return out;
}

Result<Json> attributesOf(const StoredItem& stored, const Projection* only = nullptr) {
    auto item = stored.decode();
    if (!item) return item.error();
    return itemToJson(only ? projectItem(*item, *only) : *item);
}

// Adds the replaced or deleted item as "Attributes" when ReturnValues is ALL_OLD.
Status addOldAttributes(Json& response, const ItemRequest& r, const WriteResult& written) {
    if (r.returnValues != "ALL_OLD" || !written.oldItem) return {};
    auto old = attributesOf(*written.oldItem);
    if (!old) return old.error();
    response["Attributes"] = std::move(old).value();
    return {};
}

}  // namespace

Result<Json> putItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto r = readItemRequest(reader, request, "Item", "item");
    if (!r) return r.error();
    auto item = readItemMember(request, "Item");
    if (!item) return item.error();
    if (r->returnValues && *r->returnValues != "ALL_OLD" && *r->returnValues != "NONE")
        return validationError("ReturnValues can only be ALL_OLD or NONE");
    if (itemSize(**item) > kMaxItemSizeBytes)
        return validationError("Item size has exceeded the maximum allowed size");
    SHARDSCAPE_TRY(rejectUnsupported(request, {"Expected", "ConditionalOperator"}));
    auto context =
        ExpressionContext::fromRequest(r->names, r->values, r->conditionExpression.has_value(),
                                       r->conditionExpression ? "" : "ConditionExpression is null");
    if (!context) return context.error();
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    SHARDSCAPE_TRY(context->checkAllUsed());

    auto written = engine.putItem(r->tableName, std::move(**item), [&](const StoredItem* current) {
        return condition->check(current);
    });
    if (!written) return written.error();
    Json response = Json::object();
    SHARDSCAPE_TRY(addOldAttributes(response, *r, *written));
    addConsumedCapacity(response, r->capacity, r->tableName,
                        writeCapacityUnits(std::max(written->oldSize, written->newSize)), false);
    return response;
}

Result<Json> deleteItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto r = readItemRequest(reader, request, "Key", "key");
    if (!r) return r.error();
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    if (r->returnValues && *r->returnValues != "ALL_OLD" && *r->returnValues != "NONE")
        return validationError("ReturnValues can only be ALL_OLD or NONE");
    SHARDSCAPE_TRY(rejectUnsupported(request, {"Expected", "ConditionalOperator"}));
    auto context =
        ExpressionContext::fromRequest(r->names, r->values, r->conditionExpression.has_value(),
                                       r->conditionExpression ? "" : "ConditionExpression is null");
    if (!context) return context.error();
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    SHARDSCAPE_TRY(context->checkAllUsed());

    auto deleted = engine.mutateItem(r->tableName, **key,
                                     [&](const StoredItem* current) -> Result<std::optional<Item>> {
                                         SHARDSCAPE_TRY(condition->check(current));
                                         return std::optional<Item>();
                                     });
    if (!deleted) return deleted.error();
    Json response = Json::object();
    SHARDSCAPE_TRY(addOldAttributes(response, *r, *deleted));
    addConsumedCapacity(response, r->capacity, r->tableName, writeCapacityUnits(deleted->oldSize),
                        false);
    return response;
}

Result<Json> getItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    reader.object("Key");
    auto consistent = reader.boolean("ConsistentRead");
    auto capacity = readReturnConsumedCapacity(reader);
    auto projectionExpression = reader.string("ProjectionExpression");
    const Json* attributesToGet = reader.array("AttributesToGet");
    const Json* names = reader.object("ExpressionAttributeNames");
    reader.tableName(name);
    reader.notNull(request.contains("Key") && !request["Key"].is_null(), "key");
    SHARDSCAPE_TRY(reader.finish());
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    if (projectionExpression && attributesToGet)
        return validationError(
            "Can not use both expression and non-expression parameters in the same request: "
            "Non-expression parameters: {AttributesToGet} Expression parameters: "
            "{ProjectionExpression}");
    auto context = ExpressionContext::fromRequest(names, nullptr, projectionExpression.has_value());
    if (!context) return context.error();
    if (request.contains("ExpressionAttributeValues"))
        return validationError(
            "ExpressionAttributeValues can only be specified when using expressions: "
            "ProjectionExpression is not a valid expression for values");
    std::optional<Projection> projection;
    if (projectionExpression) {
        auto parsed = parseProjectionExpression(*projectionExpression, *context);
        if (!parsed) return parsed.error();
        projection = std::move(parsed).value();
        SHARDSCAPE_TRY(context->checkAllUsed());
    } else if (attributesToGet) {
        Projection list;
        for (const auto& a : *attributesToGet) {
            if (!a.is_string()) return serializationError("Unexpected field type");
            const DocumentPath path{{false, a.get<std::string>(), 0}};
            if (std::find(list.begin(), list.end(), path) != list.end())
                return validationError(
                    "One or more parameter values were invalid: Duplicate value in attribute "
                    "name: " +
                    a.get<std::string>());
            list.push_back(path);
        }
        projection = std::move(list);
    }

    auto read = engine.getItem(*name, **key);
    if (!read) return read.error();
    Json response = Json::object();
    if (read->item) {
        auto shown = attributesOf(*read->item, projection ? &*projection : nullptr);
        if (!shown) return shown.error();
        response["Item"] = std::move(shown).value();
    }
    addConsumedCapacity(response, capacity, *name,
                        readCapacityUnits(read->size, consistent.value_or(false)), true);
    return response;
}

Result<Json> updateItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto updateExpression = reader.string("UpdateExpression");
    auto r = readItemRequest(reader, request, "Key", "key");
    if (!r) return r.error();
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    SHARDSCAPE_TRY(
        rejectUnsupported(request, {"AttributeUpdates", "Expected", "ConditionalOperator"}));
    const bool anyExpression = updateExpression || r->conditionExpression;
    auto context = ExpressionContext::fromRequest(
        r->names, r->values, anyExpression,
        anyExpression ? "" : "UpdateExpression and ConditionExpression are null");
    if (!context) return context.error();
    auto table = engine.table(r->tableName);
    if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    UpdatePlan plan;
    if (updateExpression) {
        auto parsed = parseUpdateExpression(*updateExpression, *table, *context);
        if (!parsed) return parsed.error();
        plan = std::move(parsed).value();
    }
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    SHARDSCAPE_TRY(context->checkAllUsed());

    const Item& keyItem = **key;
    std::optional<Item> oldItem;
    auto written = engine.mutateItem(
        r->tableName, keyItem, [&](const StoredItem* current) -> Result<std::optional<Item>> {
            SHARDSCAPE_TRY(condition->check(current));
            Item base = keyItem;
            if (current) {
                auto decoded = current->decode();
                if (!decoded) return decoded.error();
                base = std::move(decoded).value();
                oldItem = base;
            }
            auto next = plan.apply(base);
            if (!next) return next.error();
            if (itemSize(*next) > kMaxItemSizeBytes)
                return validationError("Item size to update has exceeded the maximum allowed size");
            return std::optional<Item>(std::move(next).value());
        });
    if (!written) return written.error();

    Json response = Json::object();
    const auto touched = plan.touchedPaths();
    const std::string mode = r->returnValues.value_or("NONE");
    std::optional<Item> attributes;
    if (mode == "ALL_OLD" && oldItem) attributes = *oldItem;
    if (mode == "ALL_NEW" && written->newItem) attributes = *written->newItem;
    if (mode == "UPDATED_OLD" && oldItem) attributes = projectItem(*oldItem, touched);
    if (mode == "UPDATED_NEW" && written->newItem)
        attributes = projectItem(*written->newItem, touched);
    if (attributes && !attributes->empty()) response["Attributes"] = itemToJson(*attributes);
    addConsumedCapacity(response, r->capacity, r->tableName,
                        writeCapacityUnits(std::max(written->oldSize, written->newSize)), false);
    return response;
}

}  // namespace shardscape
