#pragma once
// Compact binary form of an Item, the value stored in LevelDB for each item.
//
// Varint-length-prefixed and type-tagged; decoding validates every length so a damaged record
// yields an InternalServerError instead of undefined behaviour.

#include <string>
#include <string_view>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

void appendItemBinary(std::string& out, const Item& item);
std::string encodeItemBinary(const Item& item);
Result<Item> decodeItemBinary(std::string_view bytes);

// Varint helpers shared with the key layout.
void appendVarint(std::string& out, uint64_t value);
size_t varintLength(uint64_t value);  // the bytes appendVarint writes
bool readVarint(std::string_view& in, uint64_t& value);

}  // namespace shardscape
