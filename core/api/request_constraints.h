#pragma once
// The validation step of a request shape (api/request_shape.h): the constraints of DynamoDB's
// model checked on a request whose JSON types are right.

#include <string>
#include <vector>

#include "api/request_shape.h"

namespace shardscape {

// "Value 'x' at 'path' failed to satisfy constraint: ..." for each violated constraint, in
// the model's order, at most ten (as DynamoDB reports).
std::vector<std::string> constraintViolations(const Members& shape, const Json& request);

// A member's length as DynamoDB counts it: a string's UTF-16 code units, a list's or map's
// members.
long long memberLength(const Json& value);

}  // namespace shardscape
