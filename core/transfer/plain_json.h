#pragma once
// Plain JSON <-> DynamoDB values, with inferred types.
//
// Reading: string S, number N (the digits as written, through DynamoDB's Number rules, so
// 12345678901234567890123 stays exact and 1e200 is refused), true/false BOOL, null NULL,
// array L, object M. Writing is the reverse; B is written as its base64 text and sets as
// arrays, so those two come back as S and L.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

// Parses one JSON object into an item; fails on malformed JSON (naming the line and column,
// counted from `firstLine`, `firstColumn`: where the text starts in its file), a non-object,
// or a number DynamoDB cannot hold (naming the attribute).
Result<Item> plainJsonToItem(std::string_view text, int64_t firstLine = 1, int64_t firstColumn = 1);

// Appends the item as one line of compact plain JSON (no newline).
void appendPlainJson(std::string& out, const Item& item);

}  // namespace shardscape
