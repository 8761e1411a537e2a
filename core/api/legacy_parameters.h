#pragma once
// Reading DynamoDB's legacy (non-expression) request members: Expected, ConditionalOperator,
// AttributeUpdates, KeyConditions, QueryFilter, ScanFilter and AttributesToGet.
//
// The read* functions check JSON types and constraints through the request's RequestReader
// (so they join its SerializationException / "N validation errors detected" reporting); the
// compile* functions turn the members into the expression language's structures
// (expressions/legacy_conditions.h, expressions/legacy_updates.h) with DynamoDB's messages.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "api/request_reader.h"
#include "expressions/expression.h"
#include "expressions/legacy_conditions.h"

namespace shardscape {

// DynamoDB's first check of a request with expressions: legacy and expression members
// together ("Can not use both expression and non-expression parameters in the same request:
// Non-expression parameters: {..} Expression parameters: {..}", members in the order given),
// then ExpressionAttributeNames / ExpressionAttributeValues without an expression that uses
// them. A Query's KeyConditions counts only beside a KeyConditionExpression.
Status checkExpressionMix(const Json& request, std::initializer_list<const char*> expressions,
                          std::initializer_list<const char*> nonExpressions);

// ConditionalOperator: AND or OR.
std::optional<std::string> readConditionalOperator(RequestReader& reader);
// Expected (PutItem, UpdateItem, DeleteItem).
const Json* readExpected(RequestReader& reader, const Json& request);
// AttributeUpdates (UpdateItem).
const Json* readAttributeUpdates(RequestReader& reader, const Json& request);
// KeyConditions, QueryFilter or ScanFilter: a map of attribute -> Condition whose
// ComparisonOperator is required.
const Json* readConditionMap(RequestReader& reader, const Json& request, const char* member);
// AttributesToGet: 1 to 255 attribute names. `list` is the member (nullptr when absent);
// `path` names it in constraint messages ("attributesToGet").
void readAttributesToGet(RequestReader& reader, const Json* list, const std::string& path);

// Expected joined by ConditionalOperator, as a condition on the current item.
Result<std::optional<Condition>> compileExpected(const Json* expected,
                                                 const std::optional<std::string>& conditional);

// A QueryFilter or ScanFilter joined by ConditionalOperator; `conditions` receives its entries.
Result<std::optional<Condition>> compileFilter(const Json* filter,
                                               const std::optional<std::string>& conditional,
                                               std::vector<LegacyCondition>* conditions = nullptr);

// AttributesToGet as a projection; duplicates are refused as DynamoDB refuses them.
Result<std::optional<Projection>> compileAttributesToGet(const Json* list);

}  // namespace shardscape
