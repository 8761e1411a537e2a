#include "api/operation_support.h"

#include <cmath>

#include "storage/storage_layout.h"

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

Status chargeItemRead(Engine& engine, const std::string& tableName, const Item& key, double units) {
    if (!engine.capacityMetered()) return {};
    auto table = engine.table(tableName);
    if (!table) return {};
    auto pk = key.find(table->partitionKey.name);
    if (pk == key.end()) return {};
    const CapacityCharge charge{nullptr, layout::partitionHash(pk->second), units, 0};
    return engine.chargeCapacity(tableName, &charge, 1);
}

Json consumedCapacityList(ReturnConsumedCapacity mode,
                          const std::map<std::string, CapacityUse>& uses, CapacityKinds kinds) {
    Json list = Json::array();
    for (const auto& [table, use] : uses) list.push_back(consumedCapacityJson(mode, use, kinds));
    return list;
}

CapacityUse writeCapacityOf(const std::string& table, const WriteResult& written) {
    CapacityUse use;
    use.tableName = table;
    use.table.write = writeCapacityUnits(std::max(written.oldSize, written.newSize));
    for (const auto& index : written.indexWrites)
        use.addIndex(index.indexName, index.global, {0, writeCapacityUnits(index.entryBytes)});
    return use;
}

Json itemCollectionMetrics(const TableDefinition& table, const Item& keySource,
                           const WriteResult& written) {
    if (!written.itemCollectionBytes) return nullptr;
    const double gigabytes = static_cast<double>(*written.itemCollectionBytes) / (1 << 30);
    const double lower = std::floor(gigabytes);
    Json key = Json::object();
    key[table.partitionKey.name] = attributeValueToJson(keySource.at(table.partitionKey.name));
    return Json{{"ItemCollectionKey", std::move(key)},
                {"SizeEstimateRangeGB", Json::array({lower, lower + 1})}};
}

}  // namespace shardscape
