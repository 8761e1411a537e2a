#include "model/sample_data_generator.h"

#include <cmath>

#include "model/key_template.h"
#include "model/sample_value_generator.h"
#include "values/number.h"

namespace shardscape {

struct EntityItemFactory::Impl {
    struct Attribute {
        std::string name;
        std::unique_ptr<SampleValueGenerator> generator;
    };
    struct Key {
        std::string attribute;
        std::string type;  // the table's type for it: S, N or B
        KeyTemplate keyTemplate;
    };
    std::string entity;
    std::vector<Attribute> attributes;
    std::vector<Key> keys;
};

Result<EntityItemFactory> EntityItemFactory::create(const Model& model, const EntityType& entity) {
    const ModelTable* table = model.findTable(entity.table);
    if (!table)
        return validationError("Entity " + entity.name + ": no table named '" + entity.table + "'");
    auto impl = std::make_shared<Impl>();
    impl->entity = entity.name;
    for (const auto& a : entity.attributes) {
        auto generator = SampleValueGenerator::create(a.generator, a.type);
        if (!generator)
            return validationError("Entity " + entity.name + ", attribute " + a.name + ": " +
                                   generator.error().message);
        impl->attributes.push_back({a.name, std::move(generator).value()});
    }
    for (const auto& [attribute, text] : entity.keyTemplates) {
        auto parsed = parseKeyTemplate(text);
        if (!parsed)
            return validationError("Entity " + entity.name + ": " + parsed.error().message);
        std::string type = table->definedType(attribute);
        impl->keys.push_back({attribute, type.empty() ? "S" : type, std::move(parsed).value()});
    }
    EntityItemFactory factory;
    factory.impl_ = std::move(impl);
    return factory;
}

Result<Item> EntityItemFactory::next(SampleRandom& random) {
    return next(random, Item());
}

Result<Item> EntityItemFactory::next(SampleRandom& random, const Item& fixed) {
    Item item;
    std::map<std::string, std::string> texts;
    for (auto& a : impl_->attributes) {
        AttributeValue value = a.generator->next(random);
        if (auto f = fixed.find(a.name); f != fixed.end()) value = f->second;
        texts[a.name] = templateText(value);
        item[a.name] = std::move(value);
    }
    for (const auto& key : impl_->keys) {
        auto text = key.keyTemplate.render(texts);
        if (!text) return validationError("Entity " + impl_->entity + ": " + text.error().message);
        if (key.type == "N") {
            auto number = Number::parse(*text);
            if (!number)
                return validationError("Entity " + impl_->entity + ": " + key.attribute +
                                       " is a number, but its template gave '" + *text + "'");
            item[key.attribute] = AttributeValue::number(number->toString());
        } else if (key.type == "B") {
            item[key.attribute] = AttributeValue::binary(*text);
        } else {
            item[key.attribute] = AttributeValue::string(*text);
        }
    }
    return item;
}

std::vector<int64_t> entityItemCounts(const Model& model, int64_t items) {
    std::vector<int64_t> counts(model.entities.size(), 0);
    double totalWeight = 0;
    for (const auto& e : model.entities) totalWeight += std::max(0.0, e.weight);
    if (totalWeight <= 0 || items <= 0) return counts;

    // Largest-remainder split keeps the total exact.
    int64_t assigned = 0;
    for (size_t i = 0; i < model.entities.size(); ++i) {
        counts[i] = static_cast<int64_t>(std::floor(
            static_cast<double>(items) * std::max(0.0, model.entities[i].weight) / totalWeight));
        assigned += counts[i];
    }
    for (size_t i = 0; assigned < items; i = (i + 1) % counts.size())
        if (model.entities[i].weight > 0) {
            ++counts[i];
            ++assigned;
        }
    return counts;
}

Result<GenerateReport> generateSampleData(Engine& engine, const Model& model,
                                          const GenerateOptions& options) {
    GenerateReport report;
    const std::vector<int64_t> counts = entityItemCounts(model, options.items);

    SampleRandom random(options.seed);
    for (size_t e = 0; e < model.entities.size(); ++e) {
        const EntityType& entity = model.entities[e];
        if (counts[e] == 0) continue;
        auto factory = EntityItemFactory::create(model, entity);
        if (!factory) return factory.error();
        auto loader = engine.beginBulkLoad(entity.table);
        if (!loader) return loader.error();
        std::vector<Item> chunk;
        for (int64_t i = 0; i < counts[e]; ++i) {
            if (options.cancel && options.cancel->load()) report.cancelled = true;
            if (report.cancelled) break;
            auto item = factory->next(random);
            if (!item) return item.error();
            chunk.push_back(std::move(item).value());
            ++report.items;
            ++report.perEntity[entity.name];
            if (chunk.size() >= options.chunkItems) {
                Status s = (*loader)->add(std::move(chunk));
                if (!s.ok()) return s.error().withContext("Entity " + entity.name + ": ");
                chunk.clear();
                if (options.progress && !options.progress(report.items)) report.cancelled = true;
            }
        }
        if (!chunk.empty()) {
            Status s = (*loader)->add(std::move(chunk));
            if (!s.ok()) return s.error().withContext("Entity " + entity.name + ": ");
        }
        SHARDSCAPE_TRY((*loader)->finish());
        if (report.cancelled) break;
    }
    // The last report of progress: generation has ended, so a request to stop is moot.
    if (options.progress) (void)options.progress(report.items);
    return report;
}

}  // namespace shardscape
