#include "expressions/update_expression.h"

#include "expressions/expression_evaluator.h"

namespace shardscape {

std::vector<DocumentPath> UpdatePlan::touchedPaths() const {
    std::vector<DocumentPath> paths;
    for (const auto& a : actions) paths.push_back(a.path);
    return paths;
}

Result<Item> UpdatePlan::apply(const Item& item) const {
    return applyUpdateActions(actions, item);
}

Result<UpdatePlan> parseUpdateExpression(const std::string& expression,
                                         const TableDefinition& table, ExpressionContext& context) {
    auto actions = parseUpdateActions(expression, context);
    if (!actions) return actions.error();
    for (const auto& action : *actions) {
        const std::string& top = action.path[0].name;
        if (!table.isKeyAttribute(top)) continue;
        if (action.path.size() > 1)
            return validationError(
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
                "not "
                "allowed: Key: " +
                top);
        return validationError(
            "One or more parameter values were invalid: Cannot update attribute " + top +
            ". This attribute is part of the key");
    }
    return UpdatePlan{std::move(actions).value()};
}

}  // namespace shardscape
