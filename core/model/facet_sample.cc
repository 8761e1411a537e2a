#include "model/facet_sample.h"

#include <algorithm>
#include <map>

#include "model/key_template.h"
#include "model/sample_data_generator.h"
#include "model/sample_value_generator.h"

namespace shardscape {

FacetSample facetSample(const Model& model, const std::string& table, int itemsPerEntity,
                        uint64_t seed) {
    FacetSample out;
    const ModelTable* t = model.findTable(table);
    if (!t) {
        out.problems.push_back("No table named '" + table + "' in the model");
        return out;
    }
    out.partitionKeyName = t->partitionKey;
    if (t->sortKey) out.sortKeyName = *t->sortKey;

    SampleRandom random(seed);
    // Generated items per partition-key template, to draw later entities into them.
    std::map<std::string, std::vector<Item>> byTemplate;
    std::map<std::string, std::vector<FacetRow>> partitions;
    std::vector<std::string> partitionOrder;
    for (const auto& entity : model.entities) {
        if (entity.table != table) continue;
        out.entities.push_back(entity.name);
        auto factory = EntityItemFactory::create(model, entity);
        if (!factory) {
            out.problems.push_back(factory.error().message);
            continue;
        }
        const std::string* pkTemplate = entity.keyTemplate(t->partitionKey);
        std::vector<std::string> shared;
        const std::vector<Item>* earlier = nullptr;
        if (pkTemplate) {
            if (auto found = byTemplate.find(*pkTemplate); found != byTemplate.end()) {
                earlier = &found->second;
                if (auto parsed = parseKeyTemplate(*pkTemplate)) shared = parsed->variables();
            }
        }
        std::vector<Item> made;
        for (int n = 0; n < itemsPerEntity; ++n) {
            Item fixed;
            if (earlier && !earlier->empty()) {
                const Item& owner = (*earlier)[static_cast<size_t>(n) % earlier->size()];
                for (const auto& variable : shared)
                    if (auto v = owner.find(variable); v != owner.end())
                        fixed[variable] = v->second;
            }
            auto item = factory->next(random, fixed);
            if (!item) {
                out.problems.push_back(item.error().message);
                break;
            }
            auto pk = item->find(t->partitionKey);
            if (pk == item->end()) {
                out.problems.push_back("Entity " + entity.name + " gives no value for " +
                                       t->partitionKey);
                break;
            }
            FacetRow row;
            row.entity = entity.name;
            if (t->sortKey)
                if (auto sk = item->find(*t->sortKey); sk != item->end())
                    row.sortKey = templateText(sk->second);
            for (const auto& a : entity.attributes)
                if (a.name != t->partitionKey && a.name != out.sortKeyName)
                    if (auto v = item->find(a.name); v != item->end())
                        row.attributes.emplace_back(a.name, templateText(v->second));
            for (const auto& [attribute, text] : entity.keyTemplates)
                if (attribute != t->partitionKey && attribute != out.sortKeyName)
                    if (auto v = item->find(attribute); v != item->end())
                        row.attributes.emplace_back(attribute, templateText(v->second));
            const std::string key = templateText(pk->second);
            if (!partitions.count(key)) partitionOrder.push_back(key);
            auto& rows = partitions[key];
            // A repeated primary key overwrites the earlier item, as a PutItem would.
            auto same = std::find_if(rows.begin(), rows.end(), [&](const FacetRow& r) {
                return !out.sortKeyName.empty() && r.sortKey == row.sortKey;
            });
            if (same != rows.end())
                *same = std::move(row);
            else if (out.sortKeyName.empty() && !rows.empty())
                rows.front() = std::move(row);
            else
                rows.push_back(std::move(row));
            made.push_back(std::move(item).value());
        }
        if (pkTemplate && !byTemplate.count(*pkTemplate)) byTemplate[*pkTemplate] = std::move(made);
    }
    for (const auto& key : partitionOrder) {
        auto rows = std::move(partitions[key]);
        std::stable_sort(rows.begin(), rows.end(), [](const FacetRow& a, const FacetRow& b) {
            return a.sortKey < b.sortKey;
        });
        out.partitions.push_back({key, std::move(rows)});
    }
    return out;
}

}  // namespace shardscape
