#include "model/design_smells.h"

#include <cmath>

#include "model/key_schema_view.h"
#include "model/model_estimates.h"
#include "model/pattern_expression.h"
#include "model/sample_value_generator.h"

namespace shardscape {

namespace {

// How the values an entity gives `attribute` spread: through its key template, or through
// the attribute's own generator.
std::optional<KeySpread> attributeSpread(const EntityType& entity, const std::string& attribute,
                                         std::string& shownAs) {
    if (const std::string* text = entity.keyTemplate(attribute)) {
        auto parsed = parseKeyTemplate(*text);
        if (!parsed) return std::nullopt;
        shownAs = *text;
        return templateSpread(entity, *parsed);
    }
    const ModelAttribute* a = entity.findAttribute(attribute);
    if (!a || !a->generator.is_object()) return std::nullopt;
    shownAs = "{" + attribute + "}";
    ValueDistribution d = describeGenerator(a->generator);
    return KeySpread{d.cardinality, d.hottestShare};
}

std::string percent(double share) {
    return formatAmount(std::round(share * 1000) / 10) + "%";
}

class SmellFinder {
  public:
    SmellFinder(const Model& model, const std::vector<PatternAnalysis>& analyses)
        : model_(model), analyses_(analyses) {}

    std::vector<DesignSmell> run() {
        for (const auto& table : model_.tables) {
            for (const auto& view : keySchemaViews(table))
                if (view.kind != KeySchemaView::Kind::LocalIndex) lowCardinality(view);
            if (!table.localSecondaryIndexes.empty()) collectionGrowth(table);
        }
        for (size_t i = 0; i < model_.accessPatterns.size() && i < analyses_.size(); ++i)
            hotKey(model_.accessPatterns[i], analyses_[i]);
        return std::move(smells_);
    }

  private:
    void lowCardinality(const KeySchemaView& view) {
        for (const auto& entity : model_.entities) {
            if (entity.table != view.table) continue;
            std::string shownAs;
            auto spread = attributeSpread(entity, view.partitionKey, shownAs);
            if (!spread || !spread->cardinality || *spread->cardinality >= kLowCardinalityLimit)
                continue;
            const std::string count = formatAmount(*spread->cardinality);
            smells_.push_back({view.describe(),
                               "low-cardinality partition key: " + view.partitionKey + " = '" +
                                   shownAs + "' takes at most " + count +
                                   (count == "1" ? " value" : " values") + " for " + entity.name +
                                   " items, so they and their traffic share " + count +
                                   (count == "1" ? " partition key" : " partition keys"),
                               {}});
        }
    }

    void collectionGrowth(const ModelTable& table) {
        for (const auto& entity : model_.entities) {
            if (entity.table != table.name || entity.expectedItems <= 0) continue;
            std::string shownAs;
            auto spread = attributeSpread(entity, table.partitionKey, shownAs);
            if (!spread || !spread->hottestShare) continue;
            const double bytes =
                entity.expectedItems * *spread->hottestShare * estimateItemBytes(model_, entity);
            if (bytes < kItemCollectionLimitBytes / 2) continue;
            const double gigabytes = bytes / (1024.0 * 1024 * 1024);
            smells_.push_back(
                {"table " + table.name,
                 "item collection growth: the largest " + entity.name + " collection (" +
                     table.partitionKey + " = '" + shownAs + "') reaches ~" +
                     formatAmount(gigabytes) +
                     " GB; with a local secondary index a collection cannot exceed 10 GB",
                 {}});
        }
    }

    void hotKey(const AccessPattern& pattern, const PatternAnalysis& analysis) {
        if (pattern.ratePerSecond <= 0 || (analysis.verdict != PatternVerdict::Served &&
                                           analysis.verdict != PatternVerdict::ServedWithFilter))
            return;
        const ModelTable* table = model_.findTable(pattern.table);
        if (!table) return;
        const bool isWrite = analysis.writeUnitsPerRequest > 0;
        const std::string subject = "access pattern " + pattern.name;
        if (!isWrite) {
            auto expressions = readPatternExpressions(pattern);
            if (!expressions) return;
            std::string pk = table->partitionKey;
            if (pattern.index)
                if (const ModelIndex* index = table->findIndex(*pattern.index))
                    pk = index->partitionKey;
            for (const auto& term : expressions->keyTerms) {
                if (term.attribute != pk) continue;
                auto parsed = parseKeyTemplate(term.valueTemplate);
                if (!parsed) return;
                const EntityType* entity = patternEntity(model_, pattern, pk, term.valueTemplate);
                std::optional<double> share;
                if (parsed->isConstant())
                    share = 1.0;
                else if (entity)
                    share = templateSpread(*entity, *parsed).hottestShare;
                if (!share) return;
                const double perKey = pattern.ratePerSecond * *share * analysis.readUnitsPerRequest;
                if (perKey > kPartitionReadUnitsPerSecond)
                    smells_.push_back(
                        {subject,
                         "hot partition: ~" + formatAmount(perKey) + " RCU/s on one " + pk +
                             " value ('" + term.valueTemplate + "' gets " + percent(*share) +
                             " of the requests); one partition serves at most 3,000 RCU/s",
                         pattern.name});
            }
            return;
        }
        const EntityType* entity = pattern.entity ? model_.findEntity(*pattern.entity) : nullptr;
        if (!entity) return;
        const double unitsPerTarget = static_cast<double>(pattern.itemsPerRequest) *
                                      writeUnits(estimateItemBytes(model_, *entity));
        for (const auto& view : keySchemaViews(*table)) {
            if (view.kind == KeySchemaView::Kind::LocalIndex) continue;
            std::string shownAs;
            auto spread = attributeSpread(*entity, view.partitionKey, shownAs);
            if (!spread || !spread->hottestShare) continue;
            const double perKey = pattern.ratePerSecond * *spread->hottestShare * unitsPerTarget;
            if (perKey <= kPartitionWriteUnitsPerSecond) continue;
            std::string message = "hot partition: ~" + formatAmount(perKey) + " WCU/s on one " +
                                  view.partitionKey + " value of " + view.describe() + " ('" +
                                  shownAs + "' gets " + percent(*spread->hottestShare) +
                                  " of the writes); one partition accepts at most 1,000 WCU/s";
            if (view.kind == KeySchemaView::Kind::GlobalIndex)
                message.append(", and a throttled GSI throttles the table's writes");
            smells_.push_back({subject, message, pattern.name});
        }
    }

    const Model& model_;
    const std::vector<PatternAnalysis>& analyses_;
    std::vector<DesignSmell> smells_;
};

}  // namespace

std::vector<DesignSmell> findDesignSmells(const Model& model,
                                          const std::vector<PatternAnalysis>& analyses) {
    return SmellFinder(model, analyses).run();
}

}  // namespace shardscape
