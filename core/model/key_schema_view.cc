#include "model/key_schema_view.h"

namespace shardscape {

std::string KeySchemaView::describe() const {
    std::string out = kind == Kind::Table ? "table " : "index ";
    out.append(name);
    if (kind != Kind::Table) out.append(" of ").append(table);
    return out;
}

std::string KeySchemaView::keysText() const {
    std::string out = partitionKey;
    if (sortKey) out.append(", ").append(*sortKey);
    return out;
}

std::vector<KeySchemaView> keySchemaViews(const ModelTable& table) {
    std::vector<KeySchemaView> views;
    views.push_back(
        {KeySchemaView::Kind::Table, table.name, table.name, table.partitionKey, table.sortKey});
    for (const auto& i : table.globalSecondaryIndexes)
        views.push_back(
            {KeySchemaView::Kind::GlobalIndex, i.name, table.name, i.partitionKey, i.sortKey});
    for (const auto& i : table.localSecondaryIndexes)
        views.push_back(
            {KeySchemaView::Kind::LocalIndex, i.name, table.name, i.partitionKey, i.sortKey});
    return views;
}

}  // namespace shardscape
