#pragma once
// KeyConditionExpression: "pk = :v [AND sk <op> :w | sk BETWEEN :a AND :b |
// begins_with(sk, :p)]", with #name/:value placeholders and parentheses, validated against
// the table's key schema with DynamoDB's messages.

#include <optional>
#include <string>

#include "expressions/expression_context.h"
#include "storage/engine.h"

namespace shardscape {

struct KeyCondition {
    AttributeValue partitionKey;
    std::optional<SortKeyCondition> sortKeyCondition;
};

Result<KeyCondition> parseKeyCondition(const std::string& expression, const TableDefinition& table,
                                       ExpressionContext& context);

}  // namespace shardscape
