#include "capacity.h"

namespace shardscape {

namespace {
double unitsOf(size_t bytes, size_t unit) {
    const size_t units = (bytes + unit - 1) / unit;
    return static_cast<double>(units == 0 ? 1 : units);
}
}  // namespace

double readCapacityUnits(size_t bytesRead, bool stronglyConsistent) {
    const double units = unitsOf(bytesRead, kReadUnitBytes);
    return stronglyConsistent ? units : units / 2;
}

double writeCapacityUnits(size_t itemBytes) {
    return unitsOf(itemBytes, kWriteUnitBytes);
}

Json consumedCapacityJson(ReturnConsumedCapacity mode, const std::string& tableName, double units,
                          bool isRead) {
    if (mode == ReturnConsumedCapacity::None) return nullptr;
    Json out = {{"TableName", tableName}, {"CapacityUnits", units}};
    out[isRead ? "ReadCapacityUnits" : "WriteCapacityUnits"] = units;
    if (mode == ReturnConsumedCapacity::Indexes) {
        Json table = {{"CapacityUnits", units}};
        table[isRead ? "ReadCapacityUnits" : "WriteCapacityUnits"] = units;
        out["Table"] = std::move(table);
    }
    return out;
}

}  // namespace shardscape
