#pragma once
// Evaluating compiled expressions (expression.h) against items.

#include <vector>

#include "expressions/expression.h"

namespace shardscape {

// DynamoDB's condition semantics: comparisons with a missing attribute are false (except
// <>, which is true); ordering compares only S, N and B of the same type.
bool evaluateCondition(const Condition& condition, const Item& item);

// Applies update actions to `item` (the existing item, or just its key when new). All
// operands are read from the item as it was before the update, as in DynamoDB.
Result<Item> applyUpdateActions(const std::vector<UpdateAction>& actions, const Item& item);

// The item reduced to the given paths, nested maps and lists kept in shape.
Item projectItem(const Item& item, const std::vector<DocumentPath>& paths);

}  // namespace shardscape
