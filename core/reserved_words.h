#pragma once
// DynamoDB's reserved words (AWS developer guide, "Reserved words in DynamoDB"). An
// expression that uses one as an attribute name must escape it with a #placeholder.

#include <string_view>

namespace shardscape {
// Case-insensitive: "name", "Name" and "NAME" are all reserved.
bool isReservedWord(std::string_view word);
}
