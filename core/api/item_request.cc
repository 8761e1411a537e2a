#include "api/item_request.h"

#include "expressions/expression_evaluator.h"
#include "values/item_size.h"

namespace shardscape {

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
    out.returnCollectionMetrics = metrics == "SIZE";
    return out;
}

Status WriteCondition::check(const StoredItem* current) const {
    if (!condition) return {};
    Item item;
    if (current) {
        auto decoded = current->decode();
        if (!decoded) return decoded.error();
        item = std::move(decoded).value();
    }
    if (evaluateCondition(*condition, item)) return {};
    Error failed{ErrorType::ConditionalCheckFailed, "The conditional request failed"};
    if (returnOldOnFailure && current) failed.extraJson = Json{{"Item", itemToJson(item)}}.dump();
    return failed;
}

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

Result<Item> applyUpdate(const UpdatePlan& plan, const Item& key, const StoredItem* current,
                         std::optional<Item>* previous) {
    Item base = key;
    if (current) {
        auto decoded = current->decode();
        if (!decoded) return decoded.error();
        base = std::move(decoded).value();
        if (previous) *previous = base;
    }
    auto next = plan.apply(base);
    if (!next) return next.error();
    if (itemSize(*next) > kMaxItemSizeBytes)
        return validationError("Item size to update has exceeded the maximum allowed size");
    return next;
}

}  // namespace shardscape
