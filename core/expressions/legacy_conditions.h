#pragma once
// DynamoDB's legacy (non-expression) conditions: Expected (PutItem, UpdateItem, DeleteItem),
// KeyConditions, QueryFilter and ScanFilter, each a map of attribute name -> comparison.
// They are validated with DynamoDB's messages and translated into the expression tree
// (expression.h), so the one evaluator decides them as it decides ConditionExpression and
// FilterExpression.
//
// The JSON shape of the members (types, ComparisonOperator's enum) is checked by the request
// reader in api/ before these run.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expressions/expression.h"
#include "expressions/key_condition.h"

namespace shardscape {

enum class ComparisonOperator {
    Eq,
    Ne,
    Le,
    Lt,
    Ge,
    Gt,
    NotNull,
    Null,
    Contains,
    NotContains,
    BeginsWith,
    In,
    Between
};

std::optional<ComparisonOperator> comparisonOperatorFromName(std::string_view name);
std::string_view comparisonOperatorName(ComparisonOperator op);

// One entry of a legacy condition map.
struct LegacyCondition {
    std::string attribute;
    ComparisonOperator op = ComparisonOperator::Eq;
    std::vector<AttributeValue> values;
};

// KeyConditions, QueryFilter, ScanFilter: {"attr": {"ComparisonOperator": ..,
// "AttributeValueList": [..]}}. Checks each entry's values, their number for the operator,
// that they share one type, that the operator takes that type, and BETWEEN's bounds.
Result<std::vector<LegacyCondition>> parseConditionMap(const Json& conditions);

// Expected: each entry is {Value, Exists} or {ComparisonOperator, AttributeValueList | Value}.
Result<std::vector<LegacyCondition>> parseExpectedMap(const Json& expected);

// The conditions as one expression tree, joined with AND (or OR when `anyOf`); nullopt when
// there are none.
std::optional<Condition> toExpressionCondition(const std::vector<LegacyCondition>& conditions,
                                               bool anyOf);

// KeyConditions against the key schema of the table or index read (`keys`), with DynamoDB's
// messages: the partition key needs EQ; the sort key takes EQ, LE, LT, GE, GT, BEGINS_WITH
// or BETWEEN.
Result<KeyCondition> legacyKeyCondition(const std::vector<LegacyCondition>& conditions,
                                        const TableDefinition& keys);

}  // namespace shardscape
