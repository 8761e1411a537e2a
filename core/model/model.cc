#include "model/model.h"

namespace shardscape {

namespace {
template <typename T>
const T* findNamed(const std::vector<T>& list, const std::string& name) {
    for (const auto& element : list)
        if (element.name == name) return &element;
    return nullptr;
}
}  // namespace

std::string ModelTable::definedType(const std::string& attribute) const {
    const ModelAttribute* a = findNamed(attributeDefinitions, attribute);
    return a ? a->type : std::string();
}

const ModelIndex* ModelTable::findIndex(const std::string& indexName) const {
    if (const ModelIndex* gsi = findNamed(globalSecondaryIndexes, indexName)) return gsi;
    return findNamed(localSecondaryIndexes, indexName);
}

const ModelAttribute* EntityType::findAttribute(const std::string& attribute) const {
    return findNamed(attributes, attribute);
}

const std::string* EntityType::keyTemplate(const std::string& keyAttribute) const {
    for (const auto& [attribute, text] : keyTemplates)
        if (attribute == keyAttribute) return &text;
    return nullptr;
}

const ModelTable* Model::findTable(const std::string& tableName) const {
    return findNamed(tables, tableName);
}
const EntityType* Model::findEntity(const std::string& entityName) const {
    return findNamed(entities, entityName);
}
const AccessPattern* Model::findAccessPattern(const std::string& patternName) const {
    return findNamed(accessPatterns, patternName);
}

}  // namespace shardscape
