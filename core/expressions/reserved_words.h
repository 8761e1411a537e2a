#pragma once
// DynamoDB's reserved words, from AWS's developer guide page "Reserved words in DynamoDB"
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html):
// all 573 of them, ABORT to ZONE. An expression that uses one as an attribute name must
// escape it with a #placeholder (ExpressionAttributeNames).

#include <span>
#include <string_view>

namespace shardscape {
// Case-insensitive: "name", "Name" and "NAME" are all reserved. Only ASCII letters are
// folded, whatever the C locale. Input of any length is fine.
bool isReservedWord(std::string_view word);

// The whole list, uppercase and sorted (for tests, completion and highlighting).
std::span<const std::string_view> reservedWords();
}  // namespace shardscape
