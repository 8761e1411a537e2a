#pragma once
// Request-reading pieces shared by several operations.

#include <optional>
#include <string>

#include "capacity.h"
#include "request_reader.h"

namespace shardscape {

// Reads ReturnConsumedCapacity (INDEXES | TOTAL | NONE).
ReturnConsumedCapacity readReturnConsumedCapacity(RequestReader& reader);
ReturnConsumedCapacity toReturnConsumedCapacity(const std::optional<std::string>& value);

// Reads an attribute map member (Item, Key, ExclusiveStartKey): serialization problems are
// reported through `reader`; AttributeValue validation errors are returned.
Result<std::optional<Item>> readItemMember(const Json& request, const char* member);

// Adds "ConsumedCapacity" to `response` unless mode is NONE.
void addConsumedCapacity(Json& response, ReturnConsumedCapacity mode, const std::string& table,
                         double units, bool isRead);

}  // namespace shardscape
