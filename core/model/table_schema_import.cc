#include "model/table_schema_import.h"

#include <algorithm>

namespace shardscape {

namespace {

ModelIndex modelIndex(const IndexDefinition& index) {
    ModelIndex m;
    m.name = index.name;
    m.partitionKey = index.partitionKey.name;
    if (index.sortKey) m.sortKey = index.sortKey->name;
    m.projection.type = projectionTypeName(index.projectionType);
    m.projection.nonKeyAttributes = index.nonKeyAttributes;
    if (index.global) {
        m.readCapacityUnits = index.readCapacityUnits;
        m.writeCapacityUnits = index.writeCapacityUnits;
    }
    return m;
}

}  // namespace

ModelTable modelTableFromDefinition(const TableDefinition& table) {
    ModelTable m;
    m.name = table.name;
    for (const auto& d : table.attributeDefinitions) {
        ModelAttribute attribute;
        attribute.name = d.name;
        attribute.type = std::string(valueTypeName(d.type));
        m.attributeDefinitions.push_back(std::move(attribute));
    }
    m.partitionKey = table.partitionKey.name;
    if (table.sortKey) m.sortKey = table.sortKey->name;
    if (table.billingMode == BillingMode::Provisioned) {
        m.billingMode = "PROVISIONED";
        // A provisioned table always has capacity; a description without it gets the least.
        m.readCapacityUnits = std::max<int64_t>(1, table.readCapacityUnits);
        m.writeCapacityUnits = std::max<int64_t>(1, table.writeCapacityUnits);
    } else {
        m.billingMode = "PAY_PER_REQUEST";
    }
    for (const auto& index : table.indexes) {
        ModelIndex i = modelIndex(index);
        if (index.global && m.billingMode == "PROVISIONED") {
            i.readCapacityUnits = std::max<int64_t>(1, i.readCapacityUnits);
            i.writeCapacityUnits = std::max<int64_t>(1, i.writeCapacityUnits);
        }
        (index.global ? m.globalSecondaryIndexes : m.localSecondaryIndexes).push_back(std::move(i));
    }
    if (table.timeToLiveAttribute) m.ttlAttribute = table.timeToLiveAttribute;
    return m;
}

bool putModelTable(Model& model, ModelTable table) {
    for (auto& existing : model.tables)
        if (existing.name == table.name) {
            // Keep what the model knows beyond the schema (documented attributes, samples).
            table.attributes = std::move(existing.attributes);
            table.sampleItems = std::move(existing.sampleItems);
            table.extra = std::move(existing.extra);
            if (!table.ttlAttribute) table.ttlAttribute = existing.ttlAttribute;
            existing = std::move(table);
            return true;
        }
    model.tables.push_back(std::move(table));
    return false;
}

}  // namespace shardscape
