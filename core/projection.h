#pragma once
// ProjectionExpression: a comma-separated list of document paths ("a, #b.c, d[2]").

#include <string>
#include <vector>

#include "expression.h"

namespace shardscape {

using Projection = std::vector<DocumentPath>;

Result<Projection> parseProjection(const std::string& expression, ExpressionContext& context);
// Keeps only the projected parts of `item`.
Item project(const Item& item, const Projection& projection);

}  // namespace shardscape
