#pragma once
// UpdateItem's legacy AttributeUpdates: {"attr": {"Action": "PUT" | "ADD" | "DELETE",
// "Value": {...}}}, validated with DynamoDB's messages and turned into the update actions of
// the expression language (update_expression.h), so one code path applies both forms.

#include <string>
#include <vector>

#include "expressions/update_expression.h"

namespace shardscape {

struct AttributeUpdate {
    enum class Action { Put, Add, Delete, Ignored };
    std::string attribute;
    Action action = Action::Put;
    std::optional<AttributeValue> value;
};

// Checks each update's value, that only DELETE goes without a value, and the types DELETE
// (sets) and ADD (numbers, sets, lists) take. Runs before the table is known.
Result<std::vector<AttributeUpdate>> parseAttributeUpdates(const Json& updates);

// The updates against the table: key attributes cannot be updated, values given for index
// key attributes must have the index key's type. The plan's actions are SET, REMOVE, ADD and
// DELETE; ADD of a list appends to it.
Result<UpdatePlan> legacyUpdatePlan(const std::vector<AttributeUpdate>& updates,
                                    const TableDefinition& table);

// An error of applying a legacy plan in DynamoDB's legacy wording ("Type mismatch for
// attribute to update" where an update expression says "An operand in the update expression
// has an incorrect data type").
Error legacyUpdateError(Error error);

}  // namespace shardscape
