#include "capacity/capacity.h"

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

Units CapacityUse::total() const {
    Units sum = table;
    for (const auto& [name, units] : localIndexes) sum += units;
    for (const auto& [name, units] : globalIndexes) sum += units;
    return sum;
}

void CapacityUse::addIndex(const std::string& index, bool global, Units units) {
    (global ? globalIndexes : localIndexes)[index] += units;
}

CapacityUse& CapacityUse::operator+=(const CapacityUse& other) {
    table += other.table;
    for (const auto& [name, units] : other.localIndexes) localIndexes[name] += units;
    for (const auto& [name, units] : other.globalIndexes) globalIndexes[name] += units;
    return *this;
}

CapacityUse CapacityUse::scaled(double factor) const {
    CapacityUse out = *this;
    auto scale = [factor](Units& u) {
        u.read *= factor;
        u.write *= factor;
    };
    scale(out.table);
    for (auto& [name, units] : out.localIndexes) scale(units);
    for (auto& [name, units] : out.globalIndexes) scale(units);
    return out;
}

namespace {
// {"CapacityUnits"} and, for transactions, "ReadCapacityUnits" and/or "WriteCapacityUnits":
// the kinds the figure has, or ReadCapacityUnits alone for a zero figure.
Json unitsJson(const Units& units, CapacityKinds kinds) {
    Json out = {{"CapacityUnits", units.total()}};
    if (kinds == CapacityKinds::TotalOnly) return out;
    if (units.read > 0 || units.write == 0) out["ReadCapacityUnits"] = units.read;
    if (units.write > 0) out["WriteCapacityUnits"] = units.write;
    return out;
}
}  // namespace

Json consumedCapacityJson(ReturnConsumedCapacity mode, const CapacityUse& use,
                          CapacityKinds kinds) {
    if (mode == ReturnConsumedCapacity::None) return nullptr;
    Json out = unitsJson(use.total(), kinds);
    out["TableName"] = use.tableName;
    if (mode != ReturnConsumedCapacity::Indexes) return out;
    out["Table"] = unitsJson(use.table, kinds);
    auto indexes = [&](const std::map<std::string, Units>& figures) {
        Json map = Json::object();
        for (const auto& [name, units] : figures) map[name] = unitsJson(units, kinds);
        return map;
    };
    if (!use.localIndexes.empty()) out["LocalSecondaryIndexes"] = indexes(use.localIndexes);
    if (!use.globalIndexes.empty()) out["GlobalSecondaryIndexes"] = indexes(use.globalIndexes);
    return out;
}

Json consumedCapacityJson(ReturnConsumedCapacity mode, const std::string& tableName, double units,
                          bool isRead) {
    CapacityUse use;
    use.tableName = tableName;
    (isRead ? use.table.read : use.table.write) = units;
    return consumedCapacityJson(mode, use);
}

}  // namespace shardscape
