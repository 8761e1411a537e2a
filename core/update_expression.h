#pragma once
// UpdateExpression, first subset: "SET a = :v, #b = c REMOVE d, e" on top-level attributes.
// (Arithmetic, functions, nested paths, ADD and DELETE arrive with the full expression
// language.)

#include <string>
#include <vector>

#include "expression_context.h"
#include "table_definition.h"

namespace shardscape {

struct UpdateAssignment {
    std::string attribute;
    bool fromAttribute = false;  // SET a = b copies b
    std::string sourceAttribute;
    AttributeValue value;
};

struct UpdatePlan {
    std::vector<UpdateAssignment> assignments;
    std::vector<std::string> removals;

    // Attribute names the update touches, for UPDATED_OLD / UPDATED_NEW.
    std::vector<std::string> touchedAttributes() const;
    // Applies the plan to `item` (an empty item with only the key when it did not exist).
    Result<Item> apply(Item item) const;
};

Result<UpdatePlan> parseUpdateExpression(const std::string& expression,
                                         const TableDefinition& table, ExpressionContext& context);

}  // namespace shardscape
