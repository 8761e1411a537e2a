#pragma once
// UpdateExpression: SET (with + and -, if_not_exists, list_append), REMOVE (including list
// elements), ADD (numbers and sets) and DELETE (from sets), on nested document paths,
// validated against the table's key schema.

#include <string>
#include <vector>

#include "expressions/expression.h"
#include "schema/table_definition.h"

namespace shardscape {

struct UpdatePlan {
    std::vector<UpdateAction> actions;

    // Paths the update touches, for UPDATED_OLD / UPDATED_NEW.
    std::vector<DocumentPath> touchedPaths() const;
    // Applies the plan to `item` (just the key when the item did not exist).
    Result<Item> apply(const Item& item) const;
};

Result<UpdatePlan> parseUpdateExpression(const std::string& expression,
                                         const TableDefinition& table, ExpressionContext& context);

}  // namespace shardscape
