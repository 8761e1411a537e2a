#include "model/access_pattern_analyzer.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "model/design_smells.h"
#include "model/key_schema_view.h"
#include "model/key_template.h"
#include "model/model_estimates.h"
#include "model/pattern_expression.h"

namespace shardscape {

namespace {

// A typical item when the pattern names no entity and none can be inferred.
constexpr double kDefaultItemBytes = 400;

const KeyTerm* termOn(const std::vector<KeyTerm>& terms, const std::string& attribute) {
    for (const auto& t : terms)
        if (t.attribute == attribute) return &t;
    return nullptr;
}

// True when a Query on `view` accepts exactly these key terms.
// "a", "a and b", "a, b and c".
std::string nameList(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out.append(i == 0 ? "" : i + 1 == names.size() ? " and " : ", ").append(names[i]);
    return out;
}

bool queryServes(const KeySchemaView& view, const std::vector<KeyTerm>& terms) {
    const KeyTerm* pk = termOn(terms, view.partitionKey);
    if (!pk || pk->kind != KeyTerm::Kind::Equal) return false;
    for (const auto& t : terms)
        if (t.attribute != view.partitionKey && (!view.sortKey || t.attribute != *view.sortKey))
            return false;
    return terms.size() <= 2;
}

std::string kindText(KeyTerm::Kind kind) {
    return kind == KeyTerm::Kind::Equal        ? "="
           : kind == KeyTerm::Kind::BeginsWith ? "begins_with"
                                               : "a range condition";
}

class PatternAnalyzer {
  public:
    PatternAnalyzer(const Model& model, const AccessPattern& pattern)
        : model_(model), pattern_(pattern) {}

    PatternAnalysis run() {
        result_.pattern = pattern_.name;
        table_ = model_.findTable(pattern_.table);
        if (!table_) return impossible("The model has no table named '" + pattern_.table + "'");
        views_ = keySchemaViews(*table_);
        target_ = &views_[0];
        if (pattern_.index) {
            target_ = nullptr;
            for (const auto& v : views_)
                if (v.kind != KeySchemaView::Kind::Table && v.name == *pattern_.index) target_ = &v;
            if (!target_)
                return impossible("The table does not have the specified index: " +
                                  *pattern_.index);
        }
        auto expressions = readPatternExpressions(pattern_);
        if (!expressions) return impossible(expressions.error().message);
        expressions_ = std::move(expressions).value();
        const KeyTerm* pk = termOn(expressions_.keyTerms, target_->partitionKey);
        entity_ = patternEntity(model_, pattern_, target_->partitionKey,
                                pk ? pk->valueTemplate : std::string());
        itemBytes_ = entity_ ? estimateItemBytes(model_, *entity_) : kDefaultItemBytes;

        const std::string& op = pattern_.operation;
        if (op == "Query") return query();
        if (op == "GetItem" || op == "BatchGetItem" || op == "TransactGetItems") return getItem();
        if (op == "Scan") return scan();
        if (op == "PutItem" || op == "UpdateItem" || op == "DeleteItem" || op == "BatchWriteItem" ||
            op == "TransactWriteItems")
            return write();
        return impossible("Unknown operation '" + op + "'");
    }

  private:
    PatternAnalysis impossible(std::string reason, std::string suggestion = {}) {
        result_.verdict = PatternVerdict::Impossible;
        result_.reason = std::move(reason);
        result_.suggestion = std::move(suggestion);
        return result_;
    }

    // Where these key terms would be served, or what index would serve them.
    // A Query on the target itself counts only when the operation is not a Query (GetItem).
    std::string suggestFor(const std::vector<KeyTerm>& terms, bool includeTarget = false) const {
        for (const auto& v : views_)
            if ((includeTarget || &v != target_) && queryServes(v, terms))
                return "Query " + v.describe() + " instead: it is keyed on " + v.keysText();
        const KeyTerm* equal = nullptr;
        const KeyTerm* other = nullptr;
        for (const auto& t : terms) {
            if (!equal && t.kind == KeyTerm::Kind::Equal)
                equal = &t;
            else if (!other)
                other = &t;
        }
        if (!equal) return {};
        std::string out = "a GSI with PK=" + equal->attribute;
        if (other) out.append(", SK=").append(other->attribute);
        out.append(" serves this");
        if (other && equal->attribute == table_->partitionKey)
            out.append(" (or an LSI with sort key ")
                .append(other->attribute)
                .append(", created with the table)");
        return out;
    }

    void readCost(double itemsRead, double itemsReturned, bool perItemUnits) {
        const bool consistent = pattern_.consistentRead;
        const auto units = [&](double items) {
            return perItemUnits ? items * readUnits(itemBytes_, consistent)
                                : readUnits(items * itemBytes_, consistent);
        };
        result_.readUnitsPerRequest = units(itemsRead);
        result_.wastedReadUnitsPerSecond =
            std::max(0.0, pattern_.ratePerSecond * (units(itemsRead) - units(itemsReturned)));
    }

    std::string costText() const {
        std::string out = "~";
        out.append(formatAmount(result_.readUnitsPerRequest)).append(" RCU per request");
        if (pattern_.ratePerSecond > 0)
            out.append(", ")
                .append(formatAmount(result_.readUnitsPerRequest * pattern_.ratePerSecond))
                .append(" RCU/s");
        return out;
    }

    PatternAnalysis query() {
        const auto& terms = expressions_.keyTerms;
        result_.access = "Query on " + target_->describe();
        if (terms.empty())
            return impossible("A Query needs a key condition with = on the partition key " +
                              target_->partitionKey);
        std::set<std::string> seen;
        for (const auto& t : terms)
            if (!seen.insert(t.attribute).second)
                return impossible(
                    "KeyConditionExpressions must only contain one condition per "
                    "key (" +
                    t.attribute + " has two)");
        const KeyTerm* pk = termOn(terms, target_->partitionKey);
        if (!pk)
            return impossible(
                "Query condition missed key schema element: " + target_->partitionKey + " (" +
                    target_->describe() + " is keyed on " + target_->keysText() + ")",
                suggestFor(terms));
        if (pk->kind != KeyTerm::Kind::Equal)
            return impossible("Query key condition not supported: the partition key " +
                                  pk->attribute + " takes only =, not " + kindText(pk->kind),
                              suggestFor(terms));
        for (const auto& t : terms)
            if (t.attribute != target_->partitionKey &&
                (!target_->sortKey || t.attribute != *target_->sortKey))
                return impossible(t.attribute + " is not a key of " + target_->describe() +
                                      " (keyed on " + target_->keysText() +
                                      "), so the key condition cannot use it",
                                  suggestFor(terms));
        if (pattern_.consistentRead && target_->kind == KeySchemaView::Kind::GlobalIndex)
            return impossible("Consistent reads are not supported on global secondary indexes",
                              "read the table, or accept eventually consistent reads");
        const std::vector<std::string> missing = unprojected();
        if (!missing.empty() && target_->kind == KeySchemaView::Kind::GlobalIndex)
            return impossible("index " + *pattern_.index + " does not project " +
                                  nameList(missing) + ", and a Query on a GSI cannot fetch " +
                                  (missing.size() == 1 ? "it" : "them") + " from the table",
                              "project " + nameList(missing) +
                                  " into the index (INCLUDE or ALL), or read the table");

        std::string keys = "= on " + target_->partitionKey;
        if (const KeyTerm* sk = target_->sortKey ? termOn(terms, *target_->sortKey) : nullptr)
            keys.append(", ").append(kindText(sk->kind)).append(" on ").append(sk->attribute);
        const double returned = static_cast<double>(pattern_.itemsPerRequest);
        if (!expressions_.filter) {
            readCost(returned, returned, false);
            result_.verdict = PatternVerdict::Served;
            result_.reason =
                "key condition " + keys + " reads only the items it returns; " + costText();
        } else {
            filtered(keys, returned);
        }
        if (!missing.empty()) fetchFromTable(missing, returned);
        return result_;
    }

    // AWS: a Query on an LSI that needs attributes the index does not project fetches each
    // item from the table, charged on its own (rounded up to 4 KB). Every item read is fetched
    // when the filter needs one of them, else each item returned.
    void fetchFromTable(const std::vector<std::string>& missing, double returned) {
        bool filterNeeds = false;
        if (expressions_.filter)
            for (const auto& path : conditionPaths(*expressions_.filter))
                filterNeeds = filterNeeds || std::find(missing.begin(), missing.end(),
                                                       path[0].name) != missing.end();
        const double fetched =
            filterNeeds ? returned / std::max(result_.filterKeeps, 0.001) : returned;
        const double units = fetched * readUnits(itemBytes_, pattern_.consistentRead);
        result_.readUnitsPerRequest += units;
        result_.reason.append("; index ")
            .append(*pattern_.index)
            .append(" does not project ")
            .append(nameList(missing))
            .append(", so each of the ~")
            .append(formatAmount(fetched))
            .append(fetched == 1 ? " item" : " items")
            .append(" is fetched from the table: +")
            .append(formatAmount(units))
            .append(" RCU per request");
        if (result_.suggestion.empty())
            result_.suggestion =
                "project " + nameList(missing) + " into the index (INCLUDE or ALL)";
    }

    PatternAnalysis filtered(const std::string& keys, double returned) {
        result_.filterKeeps = estimateFilterKeeps(pattern_, *expressions_.filter, entity_);
        const double keeps = std::max(result_.filterKeeps, 0.001);
        readCost(returned / keeps, returned, false);
        result_.verdict = PatternVerdict::ServedWithFilter;
        result_.reason = "key condition " + keys + ", then the filter discards ~" +
                         formatAmount(std::round((1 - result_.filterKeeps) * 100)) +
                         "% of the items read; " + costText() + ", " +
                         formatAmount(result_.wastedReadUnitsPerSecond) + " RCU/s wasted";
        const auto attributes = filterEqualityAttributes(*expressions_.filter);
        if (!attributes.empty())
            result_.suggestion = "a sort key or index key that includes " + attributes[0] +
                                 " would read only the matching items";
        return result_;
    }

    bool fullPrimaryKey(const std::vector<KeyTerm>& terms) const {
        const KeyTerm* pk = termOn(terms, table_->partitionKey);
        const KeyTerm* sk = table_->sortKey ? termOn(terms, *table_->sortKey) : nullptr;
        return pk && pk->kind == KeyTerm::Kind::Equal && (!table_->sortKey || sk) &&
               (!sk || sk->kind == KeyTerm::Kind::Equal) &&
               terms.size() == (table_->sortKey ? 2u : 1u);
    }

    std::string primaryKeyText() const {
        std::string out = table_->partitionKey;
        if (table_->sortKey) out.append(", ").append(*table_->sortKey);
        return out;
    }

    PatternAnalysis getItem() {
        const std::string& op = pattern_.operation;
        result_.access = op + " on table " + table_->name;
        const auto& terms = expressions_.keyTerms;
        if (pattern_.index)
            return impossible(
                op + " reads only the table's primary key, not index " + *pattern_.index,
                "Query " + target_->describe() + " instead");
        if (!fullPrimaryKey(terms)) {
            const std::string suggestion = suggestFor(terms, true);
            return impossible(
                op + " needs = on the full primary key (" + primaryKeyText() + ") and nothing else",
                suggestion);
        }
        if (expressions_.filter)
            return impossible(op + " takes no FilterExpression",
                              "drop the filter and check the item in the application");
        const double items = static_cast<double>(pattern_.itemsPerRequest);
        readCost(items, items, true);
        // A transactional read costs twice a strongly consistent one.
        if (op == "TransactGetItems") {
            result_.readUnitsPerRequest = items * 2 * readUnits(itemBytes_, true);
            result_.wastedReadUnitsPerSecond = 0;
        }
        result_.verdict = PatternVerdict::Served;
        result_.reason = "reads " + std::string(items > 1 ? "items" : "one item") +
                         " by the full primary key (" + primaryKeyText() + "); " + costText();
        return result_;
    }

    PatternAnalysis scan() {
        result_.access = "Scan of " + target_->describe();
        result_.verdict = PatternVerdict::NeedsScan;
        result_.reason = "reads every item of " + target_->describe() +
                         ": the cost grows with the table, not with the result";
        if (expressions_.filter) {
            const auto attributes = filterEqualityAttributes(*expressions_.filter);
            for (const auto& attribute : attributes)
                for (const auto& v : views_)
                    if (v.partitionKey == attribute) {
                        result_.suggestion =
                            "Query " + v.describe() + " (keyed on " + v.keysText() + ") instead";
                        return result_;
                    }
            if (!attributes.empty())
                result_.suggestion = "a GSI with PK=" + attributes[0] + " serves this";
        }
        return result_;
    }

    PatternAnalysis write() {
        result_.access = pattern_.operation + " on table " + table_->name;
        if (pattern_.index)
            return impossible(pattern_.operation + " writes the table; DynamoDB maintains index " +
                              *pattern_.index + " itself");
        if (!expressions_.keyTerms.empty() && !fullPrimaryKey(expressions_.keyTerms))
            return impossible(pattern_.operation + " needs = on the full primary key (" +
                              primaryKeyText() + ")");
        if (expressions_.keyTerms.empty() && !entity_)
            return impossible(pattern_.operation +
                              " needs the item's primary key: name an entity type with key "
                              "templates, or give a key condition");
        // Each GSI whose keys the item carries is written too; an UpdateItem that says what
        // it sets writes only the indexes those attributes reach (twice when it changes the
        // index's key: the old entry is deleted, the new one put).
        int indexes = 0;
        int indexWrites = 0;
        if (entity_)
            for (const auto& gsi : table_->globalSecondaryIndexes)
                if (entity_->keyTemplate(gsi.partitionKey) ||
                    entity_->findAttribute(gsi.partitionKey)) {
                    const int writes =
                        pattern_.operation == "UpdateItem" && !pattern_.updates.empty()
                            ? updateIndexWriteCount(gsi, entity_, pattern_.updates)
                            : 1;
                    if (writes > 0) ++indexes;
                    indexWrites += writes;
                }
        const double items = static_cast<double>(pattern_.itemsPerRequest);
        result_.writeUnitsPerRequest = items * writeUnits(itemBytes_) * (1 + indexWrites);
        // A transactional write costs twice a standard one.
        if (pattern_.operation == "TransactWriteItems") result_.writeUnitsPerRequest *= 2;
        result_.verdict = PatternVerdict::Served;
        result_.reason = "writes by the full primary key (" + primaryKeyText() + "); ~" +
                         formatAmount(result_.writeUnitsPerRequest) + " WCU per request";
        if (indexes > 0)
            result_.reason.append(" including ")
                .append(std::to_string(indexes))
                .append(indexes == 1 ? " index" : " indexes");
        return result_;
    }

    // The attributes of the pattern's projection and filter the index it reads does not
    // project, in that order; empty when it reads the table or the index holds them all.
    std::vector<std::string> unprojected() const {
        const ModelIndex* index = pattern_.index ? table_->findIndex(*pattern_.index) : nullptr;
        return index ? unprojectedAttributes(*table_, *index, pattern_)
                     : std::vector<std::string>{};
    }

    const Model& model_;
    const AccessPattern& pattern_;
    const ModelTable* table_ = nullptr;
    std::vector<KeySchemaView> views_;
    const KeySchemaView* target_ = nullptr;
    PatternExpressions expressions_;
    const EntityType* entity_ = nullptr;
    double itemBytes_ = kDefaultItemBytes;
    PatternAnalysis result_;
};

}  // namespace

std::string_view verdictName(PatternVerdict verdict) {
    switch (verdict) {
        case PatternVerdict::Served:
            return "green";
        case PatternVerdict::ServedWithFilter:
            return "amber";
        case PatternVerdict::NeedsScan:
        case PatternVerdict::Throttled:
            return "red";
        case PatternVerdict::Impossible:
            break;
    }
    return "impossible";
}

bool ModelAnalysis::hasRed() const {
    return std::any_of(patterns.begin(), patterns.end(), [](const PatternAnalysis& p) {
        return p.verdict == PatternVerdict::NeedsScan || p.verdict == PatternVerdict::Throttled ||
               p.verdict == PatternVerdict::Impossible;
    });
}

ModelAnalysis analyzeModel(const Model& model) {
    ModelAnalysis analysis;
    for (const auto& pattern : model.accessPatterns)
        analysis.patterns.push_back(PatternAnalyzer(model, pattern).run());
    analysis.smells = findDesignSmells(model, analysis.patterns);
    // A pattern served by key whose rate overloads one partition key still fails: it throttles.
    for (const auto& smell : analysis.smells) {
        if (smell.hotPattern.empty()) continue;
        for (auto& pattern : analysis.patterns) {
            if (pattern.pattern != smell.hotPattern) continue;
            if (pattern.verdict != PatternVerdict::Throttled) {
                pattern.verdict = PatternVerdict::Throttled;
                pattern.reason.append("; throttled: ");
                pattern.suggestion =
                    pattern.writeUnitsPerRequest > 0
                        ? "spread the writes over several partition key values (write sharding)"
                        : "read eventually consistent, cache the item, or spread it over copies";
            } else {
                pattern.reason.append("; ");
            }
            // The smell's message without its "hot partition: " heading.
            const std::string heading = "hot partition: ";
            pattern.reason.append(smell.message.starts_with(heading)
                                      ? smell.message.substr(heading.size())
                                      : smell.message);
        }
    }
    return analysis;
}

}  // namespace shardscape
