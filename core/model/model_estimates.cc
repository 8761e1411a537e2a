#include "model/model_estimates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/sample_value_generator.h"

namespace shardscape {

namespace {

double typicalValueBytes(const ModelAttribute& a) {
    const OrderedJson& g = a.generator;
    const std::string kind = g.is_object() ? g.value("kind", std::string()) : std::string();
    if (a.type == "N") return 4;
    if (a.type == "BOOL" || a.type == "NULL") return 1;
    if (a.type == "M" || a.type == "L") return 48;
    if (a.type == "SS" || a.type == "NS" || a.type == "BS") return 32;
    if (kind == "uuid") return 36;
    if (kind == "email") return 24;
    if (kind == "name") return 12;
    if (kind == "timestamp") return 20;
    if (kind == "enum" && g.contains("values") && g["values"].is_array()) {
        double total = 0;
        for (const auto& v : g["values"]) total += v.is_string() ? v.get<std::string>().size() : 4;
        return g["values"].empty() ? 8 : total / static_cast<double>(g["values"].size());
    }
    if (kind == "pick") return g.value("prefix", std::string()).size() + 4.0;
    if (kind == "sequence") return g.value("prefix", std::string()).size() + 6.0;
    return 16;
}

double estimateFilterNode(const AccessPattern& pattern, const Condition& node,
                          const EntityType* entity) {
    switch (node.kind) {
        case Condition::Kind::And:
            return estimateFilterNode(pattern, node.children[0], entity) *
                   estimateFilterNode(pattern, node.children[1], entity);
        case Condition::Kind::Or:
            return std::min(1.0, estimateFilterNode(pattern, node.children[0], entity) +
                                     estimateFilterNode(pattern, node.children[1], entity));
        case Condition::Kind::Not:
            return 1.0 - estimateFilterNode(pattern, node.children[0], entity);
        case Condition::Kind::Compare:
            break;
        default:
            return 0.5;
    }
    if (node.comparator != Condition::Comparator::Equal || !entity) return 0.5;
    const Operand* path = nullptr;
    const Operand* value = nullptr;
    for (const auto& o : node.operands) {
        if (o.kind == Operand::Kind::Path) path = &o;
        if (o.kind == Operand::Kind::Value) value = &o;
    }
    if (!path || !value || path->path.size() != 1) return 0.5;
    const ModelAttribute* a = entity->findAttribute(path->path[0].name);
    if (!a || !a->generator.is_object()) return 0.5;
    const OrderedJson& g = a->generator;
    const std::string kind = g.value("kind", std::string());
    if (kind == "enum") {
        const auto& values = g["values"];
        auto weights = g.find("weights");
        double total = 0, match = 0;
        for (size_t i = 0; i < values.size(); ++i) {
            const double w = weights != g.end() ? (*weights)[i].get<double>() : 1.0;
            total += w;
            const std::string text =
                values[i].is_string() ? values[i].get<std::string>() : values[i].dump();
            if (text == templateText(value->value)) match += w;
        }
        if (total <= 0) return 0.5;
        // A value outside the enum (or a per-request template): an average value's share.
        return match > 0 ? match / total : 1.0 / static_cast<double>(values.size());
    }
    if (kind == "boolean" && value->value.type() == ValueType::BOOL) {
        const double share = g.value("trueShare", 0.5);
        return value->value.boolValue() ? share : 1 - share;
    }
    ValueDistribution d = describeGenerator(g);
    return d.cardinality ? 1.0 / *d.cardinality : 0.5;
}

}  // namespace

double estimateItemBytes(const Model& model, const EntityType& entity) {
    double bytes = 0;
    const ModelTable* table = model.findTable(entity.table);
    for (const auto& [attribute, text] : entity.keyTemplates) {
        const bool number = table && table->definedType(attribute) == "N";
        double length = number ? 4 : 0;
        if (!number) {
            auto parsed = parseKeyTemplate(text);
            if (parsed) {
                for (const auto& part : parsed->parts()) {
                    const ModelAttribute* a =
                        part.isVariable ? entity.findAttribute(part.text) : nullptr;
                    length += !part.isVariable ? static_cast<double>(part.text.size())
                              : a              ? typicalValueBytes(*a)
                                               : 16.0;
                }
            }
        }
        bytes += static_cast<double>(attribute.size()) + length;
    }
    for (const auto& a : entity.attributes)
        if (!entity.keyTemplate(a.name))
            bytes += static_cast<double>(a.name.size()) + typicalValueBytes(a);
    return std::max(bytes, 1.0);
}

KeySpread templateSpread(const EntityType& entity, const KeyTemplate& keyTemplate) {
    KeySpread spread{1.0, 1.0};
    for (const auto& variable : keyTemplate.variables()) {
        const ModelAttribute* a = entity.findAttribute(variable);
        if (!a || !a->generator.is_object()) return {std::nullopt, std::nullopt};
        ValueDistribution d = describeGenerator(a->generator);
        if (spread.cardinality && d.cardinality)
            *spread.cardinality *= *d.cardinality;
        else
            spread.cardinality.reset();
        *spread.hottestShare *= d.hottestShare;
    }
    return spread;
}

const EntityType* patternEntity(const Model& model, const AccessPattern& pattern,
                                const std::string& partitionKey, const std::string& valueTemplate) {
    if (pattern.entity) return model.findEntity(*pattern.entity);
    std::vector<const EntityType*> candidates;
    for (const auto& e : model.entities)
        if (e.table == pattern.table) candidates.push_back(&e);
    if (candidates.size() == 1) return candidates[0];
    auto wanted = parseKeyTemplate(valueTemplate);
    if (!wanted) return nullptr;
    for (const EntityType* e : candidates) {
        const std::string* text = e->keyTemplate(partitionKey);
        if (!text) continue;
        auto own = parseKeyTemplate(*text);
        if (own && own->literalPrefix() == wanted->literalPrefix()) return e;
    }
    return nullptr;
}

double estimateFilterKeeps(const AccessPattern& pattern, const Condition& filter,
                           const EntityType* entity) {
    if (pattern.filterKeeps) return *pattern.filterKeeps;
    return std::clamp(estimateFilterNode(pattern, filter, entity), 0.0, 1.0);
}

double indexEntryBytes(const Model& model, const ModelTable& table, const ModelIndex& index,
                       const EntityType& entity) {
    double bytes = estimateItemBytes(model, entity);
    if (index.projection.type == "ALL") return bytes;
    auto kept = [&](const std::string& name) {
        const auto& include = index.projection.nonKeyAttributes;
        return table.isKeyAttributeOfTable(name) || name == index.partitionKey ||
               (index.sortKey && name == *index.sortKey) ||
               (index.projection.type == "INCLUDE" &&
                std::find(include.begin(), include.end(), name) != include.end());
    };
    EntityType attributesOnly = entity;
    attributesOnly.keyTemplates.clear();
    const double attributeBytes = estimateItemBytes(model, attributesOnly);
    for (const auto& [attribute, text] : entity.keyTemplates) {
        if (kept(attribute)) continue;
        EntityType one = attributesOnly;
        one.keyTemplates.emplace_back(attribute, text);
        bytes -= estimateItemBytes(model, one) - attributeBytes;
    }
    for (const ModelAttribute& a : entity.attributes) {
        if (kept(a.name) || entity.keyTemplate(a.name)) continue;
        EntityType one;
        one.table = entity.table;
        one.attributes.push_back(a);
        bytes -= estimateItemBytes(model, one);
    }
    return std::max(bytes, 1.0);
}

int updateIndexWriteCount(const ModelIndex& index, const EntityType* entity,
                          const std::vector<std::string>& updates) {
    const auto updated = [&updates](const std::string& name) {
        return std::find(updates.begin(), updates.end(), name) != updates.end();
    };
    const auto keyChanges = [&](const std::string& key) {
        if (updated(key)) return true;
        const std::string* text = entity ? entity->keyTemplate(key) : nullptr;
        if (!text) return false;
        auto parsed = parseKeyTemplate(*text);
        if (!parsed) return false;
        for (const std::string& name : parsed->variables())
            if (updated(name)) return true;
        return false;
    };
    if (keyChanges(index.partitionKey) || (index.sortKey && keyChanges(*index.sortKey))) return 2;
    if (index.projection.type == "ALL") return 1;
    if (index.projection.type == "INCLUDE")
        for (const std::string& name : index.projection.nonKeyAttributes)
            if (updated(name)) return 1;
    return 0;
}

double readUnits(double bytes, bool consistent) {
    const double units = std::max(1.0, std::ceil(bytes / 4096.0));
    return consistent ? units : units / 2;
}

std::string formatAmount(double value) {
    char buffer[64];
    const double magnitude = std::fabs(value);
    std::snprintf(buffer, sizeof buffer, "%.*f",
                  magnitude >= 100 ? 0
                  : magnitude >= 1 ? 1
                                   : 2,
                  value);
    std::string text = buffer;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? "0" : text;
}

double writeUnits(double bytes) {
    return std::max(1.0, std::ceil(bytes / 1024.0));
}

}  // namespace shardscape
