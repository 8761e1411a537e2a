#include "model/fix_suggestions.h"

#include <cmath>
#include <regex>

#include "model/access_pattern_analyzer.h"
#include "model/key_schema_view.h"
#include "model/key_template.h"
#include "model/model_edit.h"
#include "model/model_estimates.h"
#include "model/pattern_expression.h"
#include "model/projection_fix.h"

namespace shardscape {

namespace {

// Each shard of the hottest key takes at most this share of a partition's limit.
constexpr double kShardShareOfPartition = 1.0 / 25;
constexpr int kShardCounts[] = {10, 20, 50, 100, 200, 500, 1000};

bool isWrite(const AccessPattern& pattern) {
    return pattern.operation == "PutItem" || pattern.operation == "UpdateItem" ||
           pattern.operation == "DeleteItem";
}

bool isKeyRead(const AccessPattern& pattern) {
    return pattern.operation == "Query" || pattern.operation == "GetItem";
}

AccessPattern* findPattern(Model& model, const std::string& name) {
    for (auto& p : model.accessPatterns)
        if (p.name == name) return &p;
    return nullptr;
}

EntityType* findEntity(Model& model, const std::string& name) {
    for (auto& e : model.entities)
        if (e.name == name) return &e;
    return nullptr;
}

// The pattern's verdict in `model`.
PatternVerdict verdictOf(const Model& model, const std::string& pattern) {
    for (const auto& p : analyzeModel(model).patterns)
        if (p.pattern == pattern) return p.verdict;
    return PatternVerdict::Impossible;
}

std::string amount(double value) {
    return formatAmount(std::round(value));
}

// An attribute name the entity does not use yet: `base`, then base2, base3, ...
std::string freeAttributeName(const EntityType& entity, const std::string& base) {
    std::string name = base;
    for (int n = 2; entity.findAttribute(name) || entity.keyTemplate(name); ++n)
        name = base + std::to_string(n);
    return name;
}

// Drops the placeholders and names the expressions no longer use (DynamoDB refuses unused ones).
void dropUnused(AccessPattern& pattern) {
    const std::string text = pattern.keyCondition + " " + pattern.filter;
    auto used = [&](const std::string& token) {
        for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + 1)) {
            const size_t end = at + token.size();
            if (end == text.size() ||
                !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
                return true;
        }
        return false;
    };
    for (OrderedJson* map : {&pattern.values, &pattern.names}) {
        OrderedJson kept = OrderedJson::object();
        for (const auto& [key, value] : map->items())
            if (used(key)) kept[key] = value;
        *map = std::move(kept);
    }
}

// "name = :value" (either way round) as the whole filter: the name as written and the
// placeholder.
struct Equality {
    std::string reference;  // "status" or "#s"
    std::string attribute;  // what it names
    std::string placeholder;
};

std::optional<Equality> wholeFilterEquality(const AccessPattern& pattern) {
    static const std::regex forward(
        R"(^\s*(#?[A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(:[A-Za-z0-9_]+)\s*$)");
    static const std::regex backward(
        R"(^\s*(:[A-Za-z0-9_]+)\s*=\s*(#?[A-Za-z_][A-Za-z0-9_.]*)\s*$)");
    std::smatch match;
    Equality equality;
    if (std::regex_match(pattern.filter, match, forward)) {
        equality.reference = match[1];
        equality.placeholder = match[2];
    } else if (std::regex_match(pattern.filter, match, backward)) {
        equality.reference = match[2];
        equality.placeholder = match[1];
    } else {
        return std::nullopt;
    }
    equality.attribute = equality.reference;
    if (equality.reference.starts_with('#')) {
        if (!pattern.names.contains(equality.reference) ||
            !pattern.names[equality.reference].is_string())
            return std::nullopt;
        equality.attribute = pattern.names[equality.reference].get<std::string>();
    }
    return equality;
}

// The key condition's "= :placeholder" term on `attribute`, as written.
std::optional<Equality> keyEquality(const AccessPattern& pattern, const std::string& attribute) {
    static const std::regex term(R"((#?[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(:[A-Za-z0-9_]+))");
    for (auto it =
             std::sregex_iterator(pattern.keyCondition.begin(), pattern.keyCondition.end(), term);
         it != std::sregex_iterator(); ++it) {
        Equality equality{(*it)[1], (*it)[1], (*it)[2]};
        if (equality.reference.starts_with('#')) {
            if (!pattern.names.contains(equality.reference)) continue;
            equality.attribute = pattern.names[equality.reference].get<std::string>();
        }
        if (equality.attribute == attribute) return equality;
    }
    return std::nullopt;
}

class FixFinder {
  public:
    FixFinder(const Model& model, const AccessPattern& pattern, const PatternAnalysis& analysis)
        : model_(model), pattern_(pattern), analysis_(analysis) {}

    std::vector<FixSuggestion> run() {
        if (analysis_.verdict == PatternVerdict::Throttled) {
            if (isWrite(pattern_)) shardWrites();
            if (isKeyRead(pattern_) && pattern_.consistentRead) readEventually();
        }
        if (analysis_.verdict == PatternVerdict::ServedWithFilter && pattern_.operation == "Query")
            overloadSortKey();
        if ((analysis_.verdict == PatternVerdict::NeedsScan && pattern_.operation == "Scan") ||
            (analysis_.verdict == PatternVerdict::ServedWithFilter &&
             pattern_.operation == "Query"))
            indexForFilter();
        for (auto& fix : projectionFixes(model_, pattern_, analysis_))
            fixes_.push_back(std::move(fix));
        for (auto& fix : fixes_) fix.diff = modelDiff(model_, fix.model);
        return std::move(fixes_);
    }

  private:
    void shardWrites() {
        const EntityType* entity = pattern_.entity ? model_.findEntity(*pattern_.entity) : nullptr;
        const ModelTable* table = model_.findTable(pattern_.table);
        if (!entity || !table) return;
        const double unitsPerTarget = static_cast<double>(pattern_.itemsPerRequest) *
                                      writeUnits(estimateItemBytes(model_, *entity));
        for (const auto& view : keySchemaViews(*table)) {
            if (view.kind == KeySchemaView::Kind::LocalIndex) continue;
            const std::string* keyTemplate = entity->keyTemplate(view.partitionKey);
            if (!keyTemplate) continue;
            auto parsed = parseKeyTemplate(*keyTemplate);
            if (!parsed) continue;
            const auto spread = templateSpread(*entity, *parsed);
            if (!spread.hottestShare) continue;
            const double perKey = pattern_.ratePerSecond * *spread.hottestShare * unitsPerTarget;
            if (perKey <= kPartitionWriteUnitsPerSecond) continue;
            int shards = 0;
            for (int n : kShardCounts)
                if (perKey / n <= kPartitionWriteUnitsPerSecond * kShardShareOfPartition) {
                    shards = n;
                    break;
                }
            if (shards == 0) shards = kShardCounts[std::size(kShardCounts) - 1];

            Model edited = model_;
            EntityType* target = findEntity(edited, entity->name);
            const std::string shard = freeAttributeName(*target, "shard");
            ModelAttribute attribute;
            attribute.name = shard;
            attribute.type = "N";
            attribute.generator = {{"kind", "pick"}, {"cardinality", shards}};
            target->attributes.push_back(attribute);
            const std::string sharded = *keyTemplate + "#{" + shard + "}";
            auto withTemplate =
                setEntityKeyTemplate(edited, entity->name, view.partitionKey, sharded);
            if (!withTemplate) continue;
            edited = std::move(withTemplate).value();
            // The entity's writers give the new key.
            for (auto& p : edited.accessPatterns)
                if (isWrite(p) && p.entity == entity->name)
                    for (auto& [placeholder, value] : p.values.items())
                        if (value.is_string() && value.get<std::string>() == *keyTemplate)
                            value = sharded;
            // Its readers must now ask every shard.
            std::vector<std::string> readers;
            for (const auto& p : model_.accessPatterns) {
                if (!isKeyRead(p) || p.table != table->name) continue;
                const bool onView = view.kind == KeySchemaView::Kind::Table
                                        ? !p.index
                                        : p.index && *p.index == view.name;
                auto expressions = readPatternExpressions(p);
                if (!onView || !expressions) continue;
                for (const auto& term : expressions->keyTerms)
                    if (term.attribute == view.partitionKey && term.valueTemplate == *keyTemplate)
                        readers.push_back(p.name);
            }
            FixSuggestion fix;
            fix.kind = FixKind::ShardPartitionKey;
            fix.title = "Shard " + view.partitionKey + " of entity " + entity->name + " " +
                        std::to_string(shards) + " ways";
            fix.explanation =
                "~" + amount(perKey) + " WCU/s land on one " + view.partitionKey + " value ('" +
                *keyTemplate + "'), where a partition accepts 1,000 WCU/s. With '" + sharded +
                "' and " + shard + " drawn from " + std::to_string(shards) +
                " values, each shard takes ~" + formatAmount(perKey / shards) +
                " WCU/s, few enough that the shards spread evenly over the partitions. "
                "The cost is on the readers: ";
            if (readers.empty()) {
                fix.explanation += "no access pattern reads by this key; one that reads a " +
                                   view.partitionKey + " value would make " +
                                   std::to_string(shards) +
                                   " requests (one per shard) and add up their results.";
            } else {
                std::string names;
                for (const auto& r : readers) names.append(names.empty() ? "" : ", ").append(r);
                fix.explanation += names + (readers.size() == 1 ? " reads" : " read") +
                                   " by this key: each of those requests becomes " +
                                   std::to_string(shards) +
                                   " (one per shard), merged by the application, at " +
                                   std::to_string(shards) + " times the request count.";
            }
            fix.model = std::move(edited);
            fixes_.push_back(std::move(fix));
        }
    }

    void readEventually() {
        Model edited = model_;
        findPattern(edited, pattern_.name)->consistentRead = false;
        if (verdictOf(edited, pattern_.name) == PatternVerdict::Throttled) return;
        FixSuggestion fix;
        fix.kind = FixKind::EventuallyConsistent;
        fix.title = "Read " + pattern_.name + " eventually consistent";
        fix.explanation =
            "A strongly consistent read costs twice an eventually consistent one: the hottest "
            "key's ~" +
            amount(pattern_.ratePerSecond * analysis_.readUnitsPerRequest) + " RCU/s become ~" +
            amount(pattern_.ratePerSecond * analysis_.readUnitsPerRequest / 2) +
            " RCU/s, under a partition's 3,000 RCU/s. The cost: a read may miss a write made "
            "within about the last second.";
        fix.model = std::move(edited);
        fixes_.push_back(std::move(fix));
    }

    // An amber Query that reads begins_with(SK, 'ORDER#') and filters status = 'PLACED': the
    // entity's sort key template takes the status after its prefix ('ORDER#{status}#...'), and
    // the Query asks for begins_with 'ORDER#PLACED#'.
    void overloadSortKey() {
        const ModelTable* table = model_.findTable(pattern_.table);
        auto filter = wholeFilterEquality(pattern_);
        if (!table || !filter || !pattern_.values.contains(filter->placeholder)) return;
        const OrderedJson& wanted = pattern_.values[filter->placeholder];
        if (!wanted.is_string() || wanted.get<std::string>().find('{') != std::string::npos)
            return;  // a value that varies per request cannot be written into the query's key
        std::optional<std::string> sortKey = table->sortKey;
        if (pattern_.index) {
            const ModelIndex* index = table->findIndex(*pattern_.index);
            sortKey = index ? index->sortKey : std::nullopt;
        }
        if (!sortKey) return;
        static const std::regex beginsWith(
            R"(begins_with\s*\(\s*(#?[A-Za-z_][A-Za-z0-9_]*)\s*,\s*(:[A-Za-z0-9_]+)\s*\))");
        std::smatch match;
        if (!std::regex_search(pattern_.keyCondition, match, beginsWith)) return;
        std::string skReference = match[1], skPlaceholder = match[2];
        std::string skAttribute = skReference;
        if (skReference.starts_with('#'))
            skAttribute = pattern_.names.value(skReference, OrderedJson()).is_string()
                              ? pattern_.names[skReference].get<std::string>()
                              : std::string();
        if (skAttribute != *sortKey || !pattern_.values.contains(skPlaceholder) ||
            !pattern_.values[skPlaceholder].is_string())
            return;
        const std::string prefix = pattern_.values[skPlaceholder].get<std::string>();
        const EntityType* entity = pattern_.entity ? model_.findEntity(*pattern_.entity) : nullptr;
        if (!entity || !entity->findAttribute(filter->attribute)) return;
        const std::string* keyTemplate = entity->keyTemplate(*sortKey);
        if (!keyTemplate || !keyTemplate->starts_with(prefix) ||
            keyTemplate->find('{') != prefix.size())
            return;  // the pattern's prefix must be the template's literal start
        const std::string overloaded =
            prefix + "{" + filter->attribute + "}#" + keyTemplate->substr(prefix.size());
        auto edited = setEntityKeyTemplate(model_, entity->name, *sortKey, overloaded);
        if (!edited) return;
        Model changed = std::move(edited).value();
        AccessPattern& pattern = *findPattern(changed, pattern_.name);
        pattern.values[skPlaceholder] = prefix + wanted.get<std::string>() + "#";
        pattern.filter.clear();
        dropUnused(pattern);
        // The entity's writers give the new key.
        for (auto& p : changed.accessPatterns)
            if (isWrite(p) && p.entity == entity->name)
                for (auto& [placeholder, value] : p.values.items())
                    if (value.is_string() && value.get<std::string>() == *keyTemplate)
                        value = overloaded;
        if (verdictOf(changed, pattern_.name) != PatternVerdict::Served) return;
        // Who else reads by this sort key: by the whole key (they now need the attribute too),
        // or by its prefix (their items now come grouped by the attribute first).
        std::vector<std::string> exact, ranged;
        for (const auto& p : model_.accessPatterns) {
            if (p.name == pattern_.name || !isKeyRead(p) || p.table != table->name ||
                p.index != pattern_.index)
                continue;
            auto expressions = readPatternExpressions(p);
            if (!expressions) continue;
            for (const auto& term : expressions->keyTerms) {
                if (term.attribute != *sortKey) continue;
                if (term.kind == KeyTerm::Kind::Equal && term.valueTemplate == *keyTemplate)
                    exact.push_back(p.name);
                else if (term.kind != KeyTerm::Kind::Equal &&
                         keyTemplate->starts_with(term.valueTemplate))
                    ranged.push_back(p.name);
            }
        }
        auto join = [](const std::vector<std::string>& names) {
            std::string out;
            for (const auto& n : names) out.append(out.empty() ? "" : ", ").append(n);
            return out;
        };
        FixSuggestion fix;
        fix.kind = FixKind::OverloadSortKey;
        fix.title =
            "Overload " + *sortKey + " of entity " + entity->name + " as '" + overloaded + "'";
        fix.explanation = "The filter discards ~" + amount((1 - analysis_.filterKeeps) * 100) +
                          "% of the items read (~" + amount(analysis_.wastedReadUnitsPerSecond) +
                          " RCU/s wasted). With " + filter->attribute +
                          " in the sort key, begins_with '" + prefix + wanted.get<std::string>() +
                          "#' reads only the matching items. The cost: " + entity->name +
                          " items change key when their " + filter->attribute +
                          " changes (delete and put again: UpdateItem cannot change a key)";
        if (!exact.empty())
            fix.explanation += "; " + join(exact) + " must now know the " + filter->attribute +
                               " to build the key";
        if (!ranged.empty())
            fix.explanation += "; " + join(ranged) +
                               (ranged.size() == 1 ? " now gets" : " now get") +
                               " the items ordered by " + filter->attribute + " first";
        fix.explanation += ".";
        fix.model = std::move(changed);
        fixes_.push_back(std::move(fix));
    }

    void indexForFilter() {
        const ModelTable* table = model_.findTable(pattern_.table);
        auto filter = wholeFilterEquality(pattern_);
        if (!table || !filter) return;
        ModelIndex index;
        index.name = freeIndexName(*table, false);
        index.projection.type = "ALL";
        AccessPattern changed = pattern_;
        changed.operation = "Query";
        changed.filter.clear();
        changed.index = index.name;
        std::string keys;
        if (pattern_.operation == "Scan") {
            index.partitionKey = filter->attribute;
            changed.keyCondition = filter->reference + " = " + filter->placeholder;
            keys = "PK=" + filter->attribute;
        } else {
            // The partition key the Query asks for stays; the filtered attribute becomes the
            // sort key.
            std::string partitionKey = table->partitionKey;
            if (pattern_.index)
                if (const ModelIndex* current = table->findIndex(*pattern_.index))
                    partitionKey = current->partitionKey;
            auto pk = keyEquality(pattern_, partitionKey);
            if (!pk || filter->attribute == partitionKey) return;
            index.partitionKey = partitionKey;
            index.sortKey = filter->attribute;
            changed.keyCondition = pk->reference + " = " + pk->placeholder + " AND " +
                                   filter->reference + " = " + filter->placeholder;
            keys = "PK=" + partitionKey + ", SK=" + filter->attribute;
        }
        dropUnused(changed);
        // ALL, and where the pattern names its entity, INCLUDE of what its items carry.
        std::vector<ModelProjection> projections(1);
        const EntityType* entity = pattern_.entity ? model_.findEntity(*pattern_.entity) : nullptr;
        if (entity) {
            ModelProjection include;
            include.type = "INCLUDE";
            for (const auto& attribute : entity->attributes)
                if (!table->isKeyAttributeOfTable(attribute.name) &&
                    attribute.name != index.partitionKey &&
                    (!index.sortKey || attribute.name != *index.sortKey))
                    include.nonKeyAttributes.push_back(attribute.name);
            if (!include.nonKeyAttributes.empty()) projections.push_back(include);
        }
        for (const ModelProjection& projection : projections) {
            index.projection = projection;
            auto edited = addIndex(model_, table->name, index, false,
                                   tableAttributePalette(model_, table->name));
            if (!edited) continue;
            *findPattern(*edited, pattern_.name) = changed;
            if (verdictOf(*edited, pattern_.name) != PatternVerdict::Served) continue;
            const bool all = projection.type == "ALL";
            std::string projected = projection.type;
            if (!all) {
                projected += " ";
                for (size_t i = 0; i < projection.nonKeyAttributes.size(); ++i)
                    projected.append(i ? ", " : "").append(projection.nonKeyAttributes[i]);
            }
            FixSuggestion fix;
            fix.kind = FixKind::AddIndex;
            fix.title = "Add GSI " + index.name + " (" + keys + ", projection " + projected +
                        ") and Query it";
            fix.explanation =
                pattern_.operation == "Scan"
                    ? "The Scan reads every item to keep those whose " + filter->attribute +
                          " matches; a Query on " + index.name + " reads only those. "
                    : "The filter discards ~" + amount((1 - analysis_.filterKeeps) * 100) +
                          "% of the items read (~" + amount(analysis_.wastedReadUnitsPerSecond) +
                          " RCU/s wasted); with " + filter->attribute + " as " + index.name +
                          "'s sort key the Query reads only the matching items. ";
            fix.explanation += "The cost: every write of an item that has " + index.partitionKey +
                               (index.sortKey ? " and " + *index.sortKey : std::string()) +
                               " also writes " + index.name;
            fix.explanation +=
                all ? " (ALL projects whole items: the index costs as much to write and store "
                      "as the items; INCLUDE would make it smaller)."
                    : " (INCLUDE projects only the attributes " + entity->name +
                          " items carry: smaller index writes and storage than ALL, and the "
                          "Query still returns whole " +
                          entity->name +
                          " items; other items come back with those attributes "
                          "only).";
            fix.model = std::move(edited).value();
            fixes_.push_back(std::move(fix));
        }
    }

    const Model& model_;
    const AccessPattern& pattern_;
    const PatternAnalysis& analysis_;
    std::vector<FixSuggestion> fixes_;
};

}  // namespace

Result<std::vector<FixSuggestion>> suggestFixes(const Model& model, const std::string& pattern) {
    const AccessPattern* found = model.findAccessPattern(pattern);
    if (!found) return validationError("The model has no access pattern named '" + pattern + "'");
    const ModelAnalysis analysis = analyzeModel(model);
    for (const auto& p : analysis.patterns)
        if (p.pattern == pattern) return FixFinder(model, *found, p).run();
    return std::vector<FixSuggestion>{};
}

}  // namespace shardscape
