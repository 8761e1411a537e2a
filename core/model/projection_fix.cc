#include "model/projection_fix.h"

#include <algorithm>
#include <cmath>

#include "model/model_edit.h"
#include "model/model_estimates.h"
#include "model/pattern_expression.h"

namespace shardscape {

namespace {

// "a", "a and b", "a, b and c".
std::string nameList(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out.append(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ").append(names[i]);
    return out;
}

// "ALL", "KEYS_ONLY", "INCLUDE a, b".
std::string projectionText(const ModelProjection& projection) {
    std::string out = projection.type;
    if (projection.type != "INCLUDE") return out;
    for (size_t i = 0; i < projection.nonKeyAttributes.size(); ++i)
        out.append(i ? ", " : " ").append(projection.nonKeyAttributes[i]);
    return out;
}

// "512 bytes", "3.4 KB", "57 MB", "1.2 GB" (1,024 to the step, as DynamoDB counts storage).
std::string bytesText(double bytes) {
    const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
    size_t unit = 0;
    while (bytes >= 1024 && unit + 1 < std::size(units)) {
        bytes /= 1024;
        ++unit;
    }
    return formatAmount(unit == 0 ? std::round(bytes) : bytes) + " " + units[unit];
}

bool isWriteOperation(const std::string& operation) {
    return operation == "PutItem" || operation == "UpdateItem" || operation == "DeleteItem" ||
           operation == "BatchWriteItem" || operation == "TransactWriteItems";
}

// True when the entity's items are in `index`: they carry its keys (an index is sparse).
bool inIndex(const EntityType& entity, const ModelIndex& index) {
    auto has = [&](const std::string& key) {
        return entity.keyTemplate(key) || entity.findAttribute(key);
    };
    return has(index.partitionKey) && (!index.sortKey || has(*index.sortKey));
}

// What an index costs to keep for the entities whose items it holds.
struct IndexUpkeep {
    double addedStorageBytes = 0;  // over the entities' expected items
    double writeUnitsPerSecond = 0;
    std::vector<std::string> grown;    // "Order ~96 → ~160 bytes"
    std::vector<std::string> writers;  // write patterns that write the index
};

// The index's write capacity per second for the model's write patterns, with `index` as it
// is, and the entries' growth from `before` to `index`.
IndexUpkeep upkeep(const Model& model, const ModelTable& table, const ModelIndex& before,
                   const ModelIndex& index) {
    IndexUpkeep out;
    for (const EntityType& entity : model.entities) {
        if (entity.table != table.name || !inIndex(entity, index)) continue;
        const double oldBytes = indexEntryBytes(model, table, before, entity);
        const double newBytes = indexEntryBytes(model, table, index, entity);
        if (newBytes > oldBytes) {
            out.grown.push_back(entity.name + " ~" + formatAmount(std::round(oldBytes)) + " → ~" +
                                formatAmount(std::round(newBytes)) + " bytes");
            out.addedStorageBytes += entity.expectedItems * (newBytes - oldBytes);
        }
        for (const AccessPattern& p : model.accessPatterns) {
            if (!isWriteOperation(p.operation) || p.table != table.name || !p.entity ||
                *p.entity != entity.name)
                continue;
            const int writes = p.operation == "UpdateItem" && !p.updates.empty()
                                   ? updateIndexWriteCount(index, &entity, p.updates)
                                   : 1;
            if (writes == 0) continue;
            const double transactional = p.operation == "TransactWriteItems" ? 2 : 1;
            out.writeUnitsPerSecond += p.ratePerSecond * static_cast<double>(p.itemsPerRequest) *
                                       writes * writeUnits(newBytes) * transactional;
            if (std::find(out.writers.begin(), out.writers.end(), p.name) == out.writers.end())
                out.writers.push_back(p.name);
        }
    }
    return out;
}

PatternAnalysis analysisOf(const Model& model, const std::string& pattern) {
    for (auto& p : analyzeModel(model).patterns)
        if (p.pattern == pattern) return p;
    return {};
}

}  // namespace

std::vector<FixSuggestion> projectionFixes(const Model& model, const AccessPattern& pattern,
                                           const PatternAnalysis& analysis) {
    std::vector<FixSuggestion> fixes;
    if (pattern.operation != "Query" || !pattern.index) return fixes;
    const ModelTable* table = model.findTable(pattern.table);
    const ModelIndex* index = table ? table->findIndex(*pattern.index) : nullptr;
    if (!index) return fixes;
    const std::vector<std::string> missing = unprojectedAttributes(*table, *index, pattern);
    if (missing.empty()) return fixes;
    // An attribute no entity type of the table has is more likely a typo than a projection
    // to add (a model without entity types is taken at its word).
    bool described = false;
    for (const EntityType& entity : model.entities)
        described = described || entity.table == table->name;
    for (const auto& attribute : missing) {
        bool known = !described;
        for (const EntityType& entity : model.entities)
            known = known || (entity.table == table->name &&
                              (entity.findAttribute(attribute) || entity.keyTemplate(attribute)));
        if (!known) return fixes;
    }
    const bool global =
        std::any_of(table->globalSecondaryIndexes.begin(), table->globalSecondaryIndexes.end(),
                    [&](const ModelIndex& gsi) { return gsi.name == index->name; });

    ModelProjection include;
    include.type = "INCLUDE";
    if (index->projection.type == "INCLUDE") include = index->projection;
    for (const auto& attribute : missing) include.nonKeyAttributes.push_back(attribute);
    ModelProjection all;
    all.type = "ALL";
    all.extra = index->projection.extra;

    const IndexUpkeep now = upkeep(model, *table, *index, *index);
    for (const ModelProjection& projection : {include, all}) {
        ModelIndex changed = *index;
        changed.projection = projection;
        auto edited = replaceIndex(model, table->name, index->name, changed);
        if (!edited) continue;
        const PatternAnalysis after = analysisOf(*edited, pattern.name);
        if (after.verdict == PatternVerdict::Impossible) continue;
        const IndexUpkeep then = upkeep(model, *table, *index, changed);

        FixSuggestion fix;
        fix.kind = FixKind::ChangeProjection;
        fix.title = projection.type == "ALL"
                        ? "Project ALL into " + index->name
                        : "Project " + nameList(missing) + " into " + index->name + " (" +
                              projectionText(projection) + ")";
        const std::string them = missing.size() == 1 ? "it" : "them";
        fix.explanation = pattern.name + " needs " + nameList(missing) + ", which " + index->name +
                          " (" + projectionText(index->projection) + ") does not project: ";
        if (global) {
            fix.explanation += "a Query on a GSI cannot fetch " + them + " from the table. With " +
                               projectionText(projection) + " the index holds " + them + ". ";
        } else {
            fix.explanation += "each item is fetched from the table, ~" +
                               formatAmount(analysis.readUnitsPerRequest) +
                               " RCU per request; with " + projectionText(projection) +
                               " the index holds " + them + " and the Query reads ~" +
                               formatAmount(after.readUnitsPerRequest) + " RCU per request. ";
        }
        fix.explanation += "The cost: ";
        if (then.grown.empty()) {
            fix.explanation += "no entity type's entries grow by the model's estimates";
        } else {
            std::string grown;
            for (const auto& g : then.grown) grown.append(grown.empty() ? "" : ", ").append(g);
            fix.explanation += "bigger " + index->name + " entries (" + grown + ")";
            if (then.addedStorageBytes > 0)
                fix.explanation += ", ~" + bytesText(then.addedStorageBytes) +
                                   " more index storage over the expected items";
        }
        if (then.writers.empty()) {
            fix.explanation += "; no access pattern writes the index.";
        } else if (formatAmount(now.writeUnitsPerSecond) ==
                   formatAmount(then.writeUnitsPerSecond)) {
            fix.explanation += "; index writes stay ~" + formatAmount(then.writeUnitsPerSecond) +
                               " WCU/s (" + nameList(then.writers) +
                               "): each entry still takes the same 1 KB write units.";
        } else {
            fix.explanation += "; index writes ~" + formatAmount(now.writeUnitsPerSecond) + " → ~" +
                               formatAmount(then.writeUnitsPerSecond) + " WCU/s (" +
                               nameList(then.writers) + ").";
        }
        fix.explanation +=
            global ? " DynamoDB cannot change an existing GSI's projection: on a live table the "
                     "index is deleted and created again, and backfilled from the table."
                   : " An LSI's projection is fixed when the table is created: on a live table "
                     "this means a new table.";
        fix.model = std::move(edited).value();
        fixes.push_back(std::move(fix));
    }
    return fixes;
}

}  // namespace shardscape
