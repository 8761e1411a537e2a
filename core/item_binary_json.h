#pragma once
// A stored item's binary form (item_binary.h) straight to DynamoDB JSON: exactly
// `itemToJson(decodeItemBinary(bytes))`, the same JSON or the same error, without building
// the Item in between (GetItem's response path).

#include <string_view>

#include "attribute_json.h"
#include "result.h"

namespace shardscape {

Result<Json> decodeItemBinaryToJson(std::string_view bytes);

}  // namespace shardscape
