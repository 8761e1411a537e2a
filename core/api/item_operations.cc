// PutItem, GetItem, DeleteItem and UpdateItem.
#include "api/item_request.h"
#include "api/legacy_parameters.h"
#include "api/operation_support.h"
#include "api/operations.h"
#include "expressions/expression_context.h"
#include "expressions/expression_evaluator.h"
#include "expressions/legacy_updates.h"
#include "expressions/update_expression.h"
#include "values/item_binary_json.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

Result<Json> attributesOf(const StoredItem& stored, const Projection* only = nullptr) {
    if (!only) return decodeItemBinaryToJson(stored.body());
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

// ConsumedCapacity (table and index writes) and ItemCollectionMetrics of a write.
void addWriteFigures(Json& response, Engine& engine, const ItemRequest& r, const Item& keySource,
                     const WriteResult& written) {
    if (r.capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] =
            consumedCapacityJson(r.capacity, writeCapacityOf(r.tableName, written));
    if (!r.returnCollectionMetrics) return;
    if (auto table = engine.table(r.tableName)) {
        Json metrics = itemCollectionMetrics(*table, keySource, written);
        if (!metrics.is_null()) response["ItemCollectionMetrics"] = std::move(metrics);
    }
}

}  // namespace

Result<Json> putItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* expected = readExpected(reader, request);
    auto conditionalOperator = readConditionalOperator(reader);
    auto r = readItemRequest(reader, request, "Item", "item");
    if (!r) return r.error();
    SHARDSCAPE_TRY(checkExpressionMix(request, {"ConditionExpression"}, {"Expected"}));
    auto item = readItemMember(request, "Item");
    if (!item) return item.error();
    if (r->returnValues && *r->returnValues != "ALL_OLD" && *r->returnValues != "NONE")
        return validationError("ReturnValues can only be ALL_OLD or NONE");
    if (auto size = checkedItemSize(**item); !size) return size.error();
    auto legacyCondition = compileExpected(expected, conditionalOperator);
    if (!legacyCondition) return legacyCondition.error();
    auto context =
        ExpressionContext::fromRequest(r->names, r->values, r->conditionExpression.has_value(),
                                       r->conditionExpression ? "" : "ConditionExpression is null");
    if (!context) return context.error();
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    if (*legacyCondition) condition->condition = std::move(*legacyCondition);
    SHARDSCAPE_TRY(context->checkAllUsed());

    // The item's key, for ItemCollectionMetrics; copied only when they are asked for.
    Item keySource;
    if (r->returnCollectionMetrics) keySource = **item;
    // The replaced item is read only when the response or the condition needs it: ALL_OLD,
    // consumed capacity (the larger of the two items) and collection metrics.
    const bool replacedNeeded = r->returnValues == "ALL_OLD" ||
                                r->capacity != ReturnConsumedCapacity::None ||
                                r->returnCollectionMetrics;
    std::function<Status(const StoredItem*)> precondition;
    if (condition->condition)
        precondition = [&](const StoredItem* current) { return condition->check(current); };
    auto written = engine.putItem(
        r->tableName, std::move(**item), precondition,
        replacedNeeded ? Engine::ReplacedItem::Needed : Engine::ReplacedItem::NotNeeded);
    if (!written) return written.error();
    Json response = Json::object();
    SHARDSCAPE_TRY(addOldAttributes(response, *r, *written));
    addWriteFigures(response, engine, *r, keySource, *written);
    return response;
}

Result<Json> deleteItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* expected = readExpected(reader, request);
    auto conditionalOperator = readConditionalOperator(reader);
    auto r = readItemRequest(reader, request, "Key", "key");
    if (!r) return r.error();
    SHARDSCAPE_TRY(checkExpressionMix(request, {"ConditionExpression"}, {"Expected"}));
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    if (r->returnValues && *r->returnValues != "ALL_OLD" && *r->returnValues != "NONE")
        return validationError("ReturnValues can only be ALL_OLD or NONE");
    auto legacyCondition = compileExpected(expected, conditionalOperator);
    if (!legacyCondition) return legacyCondition.error();
    auto context =
        ExpressionContext::fromRequest(r->names, r->values, r->conditionExpression.has_value(),
                                       r->conditionExpression ? "" : "ConditionExpression is null");
    if (!context) return context.error();
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    if (*legacyCondition) condition->condition = std::move(*legacyCondition);
    SHARDSCAPE_TRY(context->checkAllUsed());

    auto deleted = engine.mutateItem(r->tableName, **key,
                                     [&](const StoredItem* current) -> Result<std::optional<Item>> {
                                         SHARDSCAPE_TRY(condition->check(current));
                                         return std::optional<Item>();
                                     });
    if (!deleted) return deleted.error();
    Json response = Json::object();
    SHARDSCAPE_TRY(addOldAttributes(response, *r, *deleted));
    addWriteFigures(response, engine, *r, **key, *deleted);
    return response;
}

Result<Json> getItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    reader.object("Key");
    auto consistent = reader.boolean("ConsistentRead");
    auto capacity = readReturnConsumedCapacity(reader);
    auto projectionExpression = reader.string("ProjectionExpression");
    const Json* attributesToGet =
        request.contains("AttributesToGet") ? &request["AttributesToGet"] : nullptr;
    readAttributesToGet(reader, attributesToGet, "attributesToGet");
    const Json* names = reader.object("ExpressionAttributeNames");
    reader.tableName(name);
    reader.notNull(request.contains("Key") && !request["Key"].is_null(), "key");
    SHARDSCAPE_TRY(reader.finish());
    SHARDSCAPE_TRY(checkExpressionMix(request, {"ProjectionExpression"}, {"AttributesToGet"}));
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    auto attributeList = compileAttributesToGet(attributesToGet);
    if (!attributeList) return attributeList.error();
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
    } else if (*attributeList) {
        projection = std::move(*attributeList);
    }

    return readItemByKey(engine, *name, **key, consistent.value_or(false), capacity,
                         projection ? &*projection : nullptr);
}

Result<Json> readItemByKey(Engine& engine, const std::string& tableName, const Item& key,
                           bool consistent, ReturnConsumedCapacity capacity,
                           const Projection* projection) {
    auto read = engine.getItem(tableName, key);
    if (!read) return read.error();
    const double units = readCapacityUnits(read->size, consistent);
    SHARDSCAPE_TRY(chargeItemRead(engine, tableName, key, units));
    Json response = Json::object();
    if (read->item) {
        auto shown = attributesOf(*read->item, projection);
        if (!shown) return shown.error();
        response["Item"] = std::move(shown).value();
    }
    addConsumedCapacity(response, capacity, tableName, units, true);
    return response;
}

Result<Json> updateItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto updateExpression = reader.string("UpdateExpression");
    const Json* expected = readExpected(reader, request);
    auto conditionalOperator = readConditionalOperator(reader);
    const Json* attributeUpdates = readAttributeUpdates(reader, request);
    auto r = readItemRequest(reader, request, "Key", "key");
    if (!r) return r.error();
    SHARDSCAPE_TRY(checkExpressionMix(request, {"UpdateExpression", "ConditionExpression"},
                                      {"AttributeUpdates", "Expected"}));
    auto key = readItemMember(request, "Key");
    if (!key) return key.error();
    std::optional<std::vector<AttributeUpdate>> legacyUpdates;
    if (attributeUpdates) {
        auto parsed = parseAttributeUpdates(*attributeUpdates);
        if (!parsed) return parsed.error();
        legacyUpdates = std::move(parsed).value();
    }
    auto legacyCondition = compileExpected(expected, conditionalOperator);
    if (!legacyCondition) return legacyCondition.error();
    const bool anyExpression = updateExpression || r->conditionExpression;
    auto context = ExpressionContext::fromRequest(
        r->names, r->values, anyExpression,
        anyExpression ? "" : "UpdateExpression and ConditionExpression are null");
    if (!context) return context.error();
    auto table = engine.table(r->tableName);
    if (!table)
        return expressionErrorFirst(
            request, Error{ErrorType::ResourceNotFound, "Requested resource not found"});
    UpdatePlan plan;
    if (updateExpression) {
        auto parsed = parseUpdateExpression(*updateExpression, *table, *context);
        if (!parsed) return expressionErrorFirst(request, parsed.error());
        plan = std::move(parsed).value();
    } else if (legacyUpdates) {
        auto legacyPlan = legacyUpdatePlan(*legacyUpdates, *table);
        if (!legacyPlan) return legacyPlan.error();
        plan = std::move(legacyPlan).value();
    }
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    if (*legacyCondition) condition->condition = std::move(*legacyCondition);
    SHARDSCAPE_TRY(context->checkAllUsed());

    const Item& keyItem = **key;
    std::optional<Item> oldItem;
    auto written = engine.mutateItem(r->tableName, keyItem,
                                     [&](const StoredItem* current) -> Result<std::optional<Item>> {
                                         SHARDSCAPE_TRY(condition->check(current));
                                         auto next = applyUpdate(plan, keyItem, current, &oldItem);
                                         if (!next) return next.error();
                                         return std::optional<Item>(std::move(next).value());
                                     });
    if (!written) return legacyUpdates ? legacyUpdateError(written.error()) : written.error();

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
    addWriteFigures(response, engine, *r, keyItem, *written);
    return response;
}

}  // namespace shardscape
