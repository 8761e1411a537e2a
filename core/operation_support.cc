#include "operation_support.h"

namespace shardscape {

ReturnConsumedCapacity toReturnConsumedCapacity(const std::optional<std::string>& value) {
    if (value == "TOTAL") return ReturnConsumedCapacity::Total;
    if (value == "INDEXES") return ReturnConsumedCapacity::Indexes;
    return ReturnConsumedCapacity::None;
}

ReturnConsumedCapacity readReturnConsumedCapacity(RequestReader& reader) {
    auto value = reader.string("ReturnConsumedCapacity");
    reader.oneOf(value, "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"});
    return toReturnConsumedCapacity(value);
}

Result<std::optional<Item>> readItemMember(const Json& request, const char* member) {
    auto it = request.find(member);
    if (it == request.end() || it->is_null()) return std::optional<Item>();
    auto item = itemFromJson(*it);
    if (!item) return item.error();
    return std::optional<Item>(std::move(item).value());
}

void addConsumedCapacity(Json& response, ReturnConsumedCapacity mode, const std::string& table,
                         double units, bool isRead) {
    if (mode == ReturnConsumedCapacity::None) return;
    response["ConsumedCapacity"] = consumedCapacityJson(mode, table, units, isRead);
}

}  // namespace shardscape
