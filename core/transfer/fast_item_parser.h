#pragma once
// The import's fast path for JSON records: one record's text parsed straight into an Item,
// without building a JSON document or going through a general parser's events first.
//
// Each function takes only what the general path turns into an item, and gives the same item;
// anything else gives nullopt, and the caller then takes the general path, which names the
// problem exactly as before.

#include <optional>
#include <string_view>

#include "values/attribute_value.h"

namespace shardscape {

// DynamoDB JSON (the general path: parse the JSON, then itemFromJson): well-formed JSON whose
// every attribute value is an object with exactly one of S, N, B, BOOL, NULL, M, L, SS, NS, BS
// holding a valid value. Not taken: invalid JSON, a null member, an unknown or second type
// key, a bad number, an empty set or one with duplicates, nesting too deep, a member named
// twice. `text` is one record: an item ({"id": {"S": "1"}}), or with `exportLine` an
// export-to-S3 line ({"Item": {...}}).
std::optional<Item> parseDynamoDbItem(std::string_view text, bool exportLine);

// Plain JSON (the general path: plainJsonToItem): an object of strings, integers of up to 18
// digits, true, false, null, arrays and objects, nested up to 16 levels. Not taken: invalid
// JSON, other numbers (fractions, exponents, longer integers, -0), deeper nesting, a member
// named twice.
std::optional<Item> parsePlainJsonItem(std::string_view text);

// The same for a record at the very start of `text` (its opening brace first) followed by
// anything, such as the rest of a read buffer: the item, with `length` set to the bytes of
// the record's text, up to its closing brace. A record these take is well-formed JSON, so it
// ends where JsonRecordScanner ends it.
std::optional<Item> parseDynamoDbItemAt(std::string_view text, bool exportLine, size_t& length);
std::optional<Item> parsePlainJsonItemAt(std::string_view text, size_t& length);

}  // namespace shardscape
