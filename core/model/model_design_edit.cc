#include "model/model_design_edit.h"

#include <algorithm>
#include <set>

#include "model/key_condition_form.h"
#include "model/key_template.h"
#include "model/model_scenario.h"
#include "model/model_validation.h"
#include "model/pattern_expression.h"

namespace shardscape {

namespace {

std::multiset<std::string> problemMessages(const Model& model) {
    std::multiset<std::string> out;
    for (const auto& p : validateModel(model)) out.insert(p.message);
    return out;
}

// The edited model, unless the edit added a problem the model did not have.
Result<Model> checked(const Model& before, Model after) {
    const auto known = problemMessages(before);
    auto remaining = known;
    for (const auto& p : validateModel(after)) {
        auto found = remaining.find(p.message);
        if (found == remaining.end()) return validationError(p.message);
        remaining.erase(found);
    }
    return after;
}

std::string scenarioName(const OrderedJson& scenario) {
    auto name = scenario.find("name");
    return name != scenario.end() && name->is_string() ? name->get<std::string>() : std::string();
}

// Every key attribute of a table and its indexes.
std::set<std::string> keyAttributes(const ModelTable& table) {
    std::set<std::string> keys = {table.partitionKey};
    if (table.sortKey) keys.insert(*table.sortKey);
    for (const auto* list : {&table.globalSecondaryIndexes, &table.localSecondaryIndexes})
        for (const auto& i : *list) {
            keys.insert(i.partitionKey);
            if (i.sortKey) keys.insert(*i.sortKey);
        }
    return keys;
}

// The editor's own checks of an entity type, on top of validateModel's.
Status checkEntityShape(const Model& model, const EntityType& entity) {
    std::set<std::string> names;
    for (const auto& a : entity.attributes)
        if (!a.name.empty() && !names.insert(a.name).second)
            return validationError(entity.name + " has two attributes named " + a.name);
    const ModelTable* table = model.findTable(entity.table);
    if (!table) return validationError("No table named '" + entity.table + "' in the model");
    const auto keys = keyAttributes(*table);
    std::set<std::string> templated;
    for (const auto& [attribute, text] : entity.keyTemplates) {
        if (!templated.insert(attribute).second)
            return validationError(entity.name + " has two templates for " + attribute);
        if (!keys.count(attribute))
            return validationError(attribute + " is not a key attribute of table " + table->name +
                                   " or its indexes; a key template fills a key attribute");
        auto parsed = parseKeyTemplate(text);
        if (!parsed || !parsed->isSingleVariable()) continue;
        const ModelAttribute* source = entity.findAttribute(parsed->parts()[0].text);
        if (table->definedType(attribute) == "N" && source && source->type != "N")
            return validationError(attribute + " is a number (N), but {" + source->name + "} is " +
                                   source->type + "; a number key needs a number");
    }
    return Status();
}

size_t entityPosition(const Model& model, const std::string& name) {
    for (size_t i = 0; i < model.entities.size(); ++i)
        if (model.entities[i].name == name) return i;
    return model.entities.size();
}

size_t patternPosition(const Model& model, const std::string& name) {
    for (size_t i = 0; i < model.accessPatterns.size(); ++i)
        if (model.accessPatterns[i].name == name) return i;
    return model.accessPatterns.size();
}

// The name a scenario's pattern reference gives (a string, or an object's "name").
OrderedJson* referenceName(OrderedJson& reference) {
    if (reference.is_string()) return &reference;
    if (reference.is_object() && reference.contains("name") && reference["name"].is_string())
        return &reference["name"];
    return nullptr;
}

}  // namespace

Result<Model> setModelName(const Model& model, const std::string& name,
                           const std::string& description) {
    if (name.empty()) return validationError("A model needs a name");
    Model after = model;
    after.name = name;
    after.description = description;
    return after;
}

Result<Model> putEntityType(const Model& model, const std::string& oldName, EntityType entity) {
    if (entity.name.empty()) return validationError("An entity type needs a name");
    const size_t position = entityPosition(model, oldName);
    if (!oldName.empty() && position == model.entities.size())
        return validationError("No entity type named '" + oldName + "' in the model");
    if (entity.name != oldName && model.findEntity(entity.name))
        return validationError("The model already has an entity type named " + entity.name);
    SHARDSCAPE_TRY(checkEntityShape(model, entity));
    Model after = model;
    if (oldName.empty()) {
        after.entities.push_back(std::move(entity));
    } else {
        const std::string newName = entity.name;
        after.entities[position] = std::move(entity);
        if (newName != oldName)
            for (auto& p : after.accessPatterns)
                if (p.entity && *p.entity == oldName) p.entity = newName;
    }
    return checked(model, std::move(after));
}

Result<Model> removeEntityType(const Model& model, const std::string& name) {
    const size_t position = entityPosition(model, name);
    if (position == model.entities.size())
        return validationError("No entity type named '" + name + "' in the model");
    for (const auto& p : model.accessPatterns)
        if (p.entity && *p.entity == name)
            return validationError("The access pattern " + p.name + " uses " + name +
                                   ": give it another entity type or remove it first");
    Model after = model;
    after.entities.erase(after.entities.begin() + static_cast<std::ptrdiff_t>(position));
    return checked(model, std::move(after));
}

Result<Model> putAccessPattern(const Model& model, const std::string& oldName,
                               AccessPattern pattern) {
    if (pattern.name.empty()) return validationError("An access pattern needs a name");
    const size_t position = patternPosition(model, oldName);
    if (!oldName.empty() && position == model.accessPatterns.size())
        return validationError("No access pattern named '" + oldName + "' in the model");
    if (pattern.name != oldName && model.findAccessPattern(pattern.name))
        return validationError("The model already has an access pattern named " + pattern.name);
    if (!pattern.keyCondition.empty() || !pattern.filter.empty()) {
        auto expressions = readPatternExpressions(pattern);
        if (!expressions) return expressions.error();
    }
    Model after = model;
    if (oldName.empty()) {
        after.accessPatterns.push_back(std::move(pattern));
    } else {
        const std::string newName = pattern.name;
        after.accessPatterns[position] = std::move(pattern);
        if (newName != oldName)
            for (auto& scenario : after.scenarios)
                if (scenario.is_object() && scenario.contains("accessPatterns") &&
                    scenario["accessPatterns"].is_array())
                    for (auto& reference : scenario["accessPatterns"])
                        if (OrderedJson* name = referenceName(reference); name && *name == oldName)
                            *name = newName;
    }
    return checked(model, std::move(after));
}

Result<Model> useIndexForAccessPattern(const Model& model, const std::string& pattern,
                                       const std::string& index) {
    const AccessPattern* found = model.findAccessPattern(pattern);
    if (!found) return validationError("No access pattern named '" + pattern + "' in the model");
    auto keys = patternKeys(model, found->table, index);
    if (!keys) return keys.error();
    AccessPattern p = *found;
    p.index = index.empty() ? std::nullopt : std::optional<std::string>(index);
    auto form = readKeyCondition(p);
    if (form && !form->partitionKey.empty()) {
        const EntityType* entity = p.entity ? model.findEntity(*p.entity) : nullptr;
        form->partitionKey = keys->partitionKey;
        if (entity && entity->keyTemplate(keys->partitionKey))
            form->partitionValue = *entity->keyTemplate(keys->partitionKey);
        if (keys->sortKey.empty()) {
            form->sort = SortCondition::None;
            form->sortKey.clear();
        } else if (form->sort != SortCondition::None) {
            form->sortKey = keys->sortKey;
            if (form->sort == SortCondition::Equal && entity && entity->keyTemplate(keys->sortKey))
                form->sortValue = *entity->keyTemplate(keys->sortKey);
        }
        auto composed = composePattern(p, *form, p.filter, filterValuesText(p));
        if (!composed) return composed.error();
        p = std::move(composed).value();
    }
    return putAccessPattern(model, pattern, std::move(p));
}

Result<Model> removeAccessPattern(const Model& model, const std::string& name) {
    const size_t position = patternPosition(model, name);
    if (position == model.accessPatterns.size())
        return validationError("No access pattern named '" + name + "' in the model");
    Model after = model;
    for (auto& scenario : after.scenarios)
        if (scenario.is_object() && scenario.contains("accessPatterns") &&
            scenario["accessPatterns"].is_array())
            for (auto& reference : scenario["accessPatterns"])
                if (OrderedJson* refName = referenceName(reference); refName && *refName == name)
                    return validationError("The scenario " + scenarioName(scenario) + " runs " +
                                           name + ": take it out of the scenario first");
    after.accessPatterns.erase(after.accessPatterns.begin() +
                               static_cast<std::ptrdiff_t>(position));
    return checked(model, std::move(after));
}

Result<Model> moveAccessPattern(const Model& model, const std::string& name, int delta) {
    const size_t position = patternPosition(model, name);
    if (position == model.accessPatterns.size())
        return validationError("No access pattern named '" + name + "' in the model");
    const auto last = static_cast<std::ptrdiff_t>(model.accessPatterns.size()) - 1;
    const std::ptrdiff_t target =
        std::clamp(static_cast<std::ptrdiff_t>(position) + delta, std::ptrdiff_t{0}, last);
    Model after = model;
    auto& list = after.accessPatterns;
    AccessPattern moved = std::move(list[position]);
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(position));
    list.insert(list.begin() + target, std::move(moved));
    return after;
}

int findScenario(const Model& model, const std::string& name) {
    for (size_t i = 0; i < model.scenarios.size(); ++i)
        if (scenarioName(model.scenarios[i]) == name) return static_cast<int>(i);
    return -1;
}

Result<Model> putScenario(const Model& model, const std::string& oldName, OrderedJson scenario) {
    if (!scenario.is_object()) return validationError("A scenario is a JSON object");
    const std::string name = scenarioName(scenario);
    if (name.empty()) return validationError("A scenario needs a name");
    const int position = oldName.empty() ? -1 : findScenario(model, oldName);
    if (!oldName.empty() && position < 0)
        return validationError("No scenario named '" + oldName + "' in the model");
    if (name != oldName && findScenario(model, name) >= 0)
        return validationError("The model already has a scenario named " + name);
    auto patterns = scenario.find("accessPatterns");
    if (patterns == scenario.end() || !patterns->is_array() || patterns->empty())
        return validationError("A scenario runs at least one access pattern");
    Model after = model;
    size_t index = 0;
    if (position < 0) {
        after.scenarios.push_back(std::move(scenario));
        index = after.scenarios.size() - 1;
    } else {
        index = static_cast<size_t>(position);
        after.scenarios[index] = std::move(scenario);
    }
    auto simulated = simulatorScenario(after, index);
    if (!simulated) return simulated.error();
    return checked(model, std::move(after));
}

Result<Model> removeScenario(const Model& model, const std::string& name) {
    const int position = findScenario(model, name);
    if (position < 0) return validationError("No scenario named '" + name + "' in the model");
    Model after = model;
    after.scenarios.erase(after.scenarios.begin() + position);
    return after;
}

}  // namespace shardscape
