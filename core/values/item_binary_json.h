#pragma once
// A stored item's binary form (item_binary.h) straight to DynamoDB JSON: exactly
// `itemToJson(decodeItemBinary(bytes))`, the same JSON or the same error, without building
// the Item in between (GetItem's response path).

#include <string_view>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape {

Result<Json> decodeItemBinaryToJson(std::string_view bytes);

}  // namespace shardscape
