#pragma once
// The item file formats Shardscape imports and exports.
//
//   dynamodb-json  DynamoDB JSON items ({"id": {"S": "1"}}): a JSON array, or one item per
//                  line (any whitespace-separated sequence of items)
//   s3-export      DynamoDB's export-to-S3 lines: {"Item": {...}} per line
//   json           plain JSON objects (array or one per line); types inferred: string S,
//                  number N (exact, as written), true/false BOOL, null NULL, array L, object M
//   csv            RFC 4180 CSV with a header row; a header cell may carry the type
//                  ("price:N"); see csv_item_codec.h for cells and inference

#include <optional>
#include <string>
#include <string_view>

namespace shardscape {

enum class ItemFormat { DynamoDbJson, S3Export, PlainJson, Csv };

std::string_view itemFormatName(ItemFormat format);  // "dynamodb-json", ...
std::optional<ItemFormat> itemFormatFromName(std::string_view name);

}  // namespace shardscape
