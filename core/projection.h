#pragma once
// ProjectionExpression, first subset: a comma-separated list of top-level attribute names
// ("a, #b, c"). Nested document paths arrive with the full expression language.

#include <string>
#include <vector>

#include "expression_context.h"

namespace shardscape {

Result<std::vector<std::string>> parseProjection(const std::string& expression,
                                                 ExpressionContext& context);
// Keeps only the projected attributes of `item`.
Item project(const Item& item, const std::vector<std::string>& attributes);

}  // namespace shardscape
