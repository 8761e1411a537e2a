#pragma once
// What the single-item write operations (PutItem, UpdateItem, DeleteItem and the actions of
// TransactWriteItems) read the same way: the common members and the ConditionExpression.

#include <optional>
#include <string>

#include "api/operation_support.h"
#include "expressions/expression.h"
#include "expressions/expression_context.h"
#include "expressions/update_expression.h"
#include "storage/engine.h"

namespace shardscape {

// Parameters every single-item operation reads the same way.
struct ItemRequest {
    std::string tableName;
    ReturnConsumedCapacity capacity = ReturnConsumedCapacity::None;
    std::optional<std::string> returnValues;
    std::optional<std::string> conditionExpression;
    bool returnOldOnConditionFailure = false;
    bool returnCollectionMetrics = false;
    const Json* names = nullptr;
    const Json* values = nullptr;
};

// Reads TableName, ReturnConsumedCapacity, ReturnValues, ReturnItemCollectionMetrics,
// ConditionExpression and the placeholder maps; `itemMember` ("Item" or "Key") must be present.
Result<ItemRequest> readItemRequest(RequestReader& reader, const Json& request,
                                    const char* itemMember, const std::string& itemPath);

// A compiled ConditionExpression (if the request has one).
struct WriteCondition {
    std::optional<Condition> condition;
    bool returnOldOnFailure = false;

    // Evaluates against the current item (an empty item when there is none).
    Status check(const StoredItem* current) const;
};

Result<WriteCondition> compileCondition(const ItemRequest& r, ExpressionContext& context);

// UpdateItem's new item: `plan` applied to the current item (or to the bare key when there
// is none, an upsert); `previous` receives the current item when there is one.
Result<Item> applyUpdate(const UpdatePlan& plan, const Item& key, const StoredItem* current,
                         std::optional<Item>* previous = nullptr);

}  // namespace shardscape
