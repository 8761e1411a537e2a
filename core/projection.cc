#include "projection.h"

#include "expression_evaluator.h"

namespace shardscape {

Result<Projection> parseProjection(const std::string& expression, ExpressionContext& context) {
    return parseProjectionExpression(expression, context);
}

Item project(const Item& item, const Projection& projection) {
    return projectItem(item, projection);
}

}  // namespace shardscape
