#include "simulation/index_write.h"

#include "simulation/scenario.h"
#include "simulation/scenario_fields.h"

namespace shardscape {

namespace {

constexpr std::pair<const char*, IndexWriteKind> kKinds[] = {
    {"newEntry", IndexWriteKind::NewEntry},
    {"keyChange", IndexWriteKind::KeyChange},
    {"projectedChange", IndexWriteKind::ProjectedChange},
    {"untouched", IndexWriteKind::Untouched},
    {"removeEntry", IndexWriteKind::RemoveEntry}};

Result<IndexWriteKind> readKind(const Json& json, const std::string& path) {
    if (json.is_string())
        for (const auto& [name, kind] : kKinds)
            if (json.get<std::string>() == name) return kind;
    return fields::fieldError(
        path, "must be one of newEntry, keyChange, projectedChange, untouched, removeEntry");
}

IndexWriteKind defaultKind(StreamOperation operation) {
    switch (operation) {
        case StreamOperation::UpdateItem:
            return IndexWriteKind::KeyChange;
        case StreamOperation::DeleteItem:
            return IndexWriteKind::RemoveEntry;
        default:
            return IndexWriteKind::NewEntry;
    }
}

}  // namespace

int indexWriteCount(IndexWriteKind kind) {
    switch (kind) {
        case IndexWriteKind::KeyChange:
            return 2;
        case IndexWriteKind::Untouched:
            return 0;
        default:
            return 1;
    }
}

const char* indexWriteName(IndexWriteKind kind) {
    for (const auto& [name, value] : kKinds)
        if (value == kind) return name;
    return "";
}

Result<std::vector<IndexWriteKind>> readIndexWrites(const Json& stream, const std::string& path,
                                                    const TableSpec& table,
                                                    StreamOperation operation) {
    std::vector<IndexWriteKind> kinds(table.globalIndexes.size(), defaultKind(operation));
    auto it = stream.find("indexWrite");
    if (it == stream.end()) return kinds;
    const std::string at = fields::member(path, "indexWrite");
    const bool write = operation == StreamOperation::PutItem ||
                       operation == StreamOperation::UpdateItem ||
                       operation == StreamOperation::DeleteItem;
    if (!write) return fields::fieldError(at, "is for PutItem, UpdateItem and DeleteItem");
    if (!it->is_object()) {
        auto kind = readKind(*it, at);
        if (!kind) return kind.error();
        kinds.assign(kinds.size(), *kind);
        return kinds;
    }
    for (const auto& [name, value] : it->items()) {
        size_t i = 0;
        while (i < table.globalIndexes.size() && table.globalIndexes[i].name != name) ++i;
        const std::string entry = at + "." + name;
        if (i == table.globalIndexes.size())
            return fields::fieldError(entry, "names no global secondary index of the table");
        auto kind = readKind(value, entry);
        if (!kind) return kind.error();
        kinds[i] = *kind;
    }
    return kinds;
}

}  // namespace shardscape
