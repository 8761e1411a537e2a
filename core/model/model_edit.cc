#include "model/model_edit.h"

#include <algorithm>
#include <set>

#include "model/key_template.h"
#include "model/model_validation.h"

namespace shardscape {

namespace {

bool isKeyType(const std::string& type) {
    return type == "S" || type == "N" || type == "B";
}

// A new attribute (its `extra` stays an empty object, so it saves).
ModelAttribute attributeNamed(const std::string& name, const std::string& type) {
    ModelAttribute a;
    a.name = name;
    a.type = type;
    return a;
}

ModelTable* findTable(Model& model, const std::string& name) {
    for (auto& t : model.tables)
        if (t.name == name) return &t;
    return nullptr;
}

ModelIndex* findIndex(ModelTable& table, const std::string& name, bool* local = nullptr) {
    for (auto& i : table.globalSecondaryIndexes)
        if (i.name == name) {
            if (local) *local = false;
            return &i;
        }
    for (auto& i : table.localSecondaryIndexes)
        if (i.name == name) {
            if (local) *local = true;
            return &i;
        }
    return nullptr;
}

Error noTable(const std::string& name) {
    return validationError("No table named '" + name + "' in the model");
}

std::string typeFor(const ModelTable& table, const std::vector<PaletteAttribute>& hints,
                    const std::string& attribute) {
    std::string type = table.definedType(attribute);
    if (!type.empty()) return type;
    for (const auto& h : hints)
        if (h.name == attribute && isKeyType(h.type)) return h.type;
    return "S";
}

// attributeDefinitions := exactly the key attributes of the table and its indexes.
void syncDefinitions(ModelTable& table, const std::vector<PaletteAttribute>& hints) {
    std::vector<std::string> keys = {table.partitionKey};
    if (table.sortKey) keys.push_back(*table.sortKey);
    for (const auto* list : {&table.globalSecondaryIndexes, &table.localSecondaryIndexes})
        for (const auto& i : *list) {
            keys.push_back(i.partitionKey);
            if (i.sortKey) keys.push_back(*i.sortKey);
        }
    const std::set<std::string> used(keys.begin(), keys.end());
    std::vector<ModelAttribute> definitions;
    std::set<std::string> defined;
    for (const auto& d : table.attributeDefinitions)
        if (used.count(d.name) && defined.insert(d.name).second) definitions.push_back(d);
    for (const auto& k : keys)
        if (defined.insert(k).second) {
            definitions.push_back(attributeNamed(k, typeFor(table, hints, k)));
        }
    table.attributeDefinitions = std::move(definitions);
}

std::vector<std::string> tableProblems(const Model& model, const std::string& table) {
    std::vector<std::string> out;
    for (size_t i = 0; i < model.tables.size(); ++i) {
        if (model.tables[i].name != table) continue;
        std::string prefix = "tables[";
        prefix.append(std::to_string(i)).append("]");
        for (const auto& p : validateModel(model))
            if (p.where == prefix || p.where.rfind(prefix + ".", 0) == 0) out.push_back(p.message);
    }
    return out;
}

// The edited model, unless the edit gave `table` a problem it did not have.
Result<Model> checked(const Model& before, Model after, const std::string& table) {
    const auto old = tableProblems(before, table);
    const std::multiset<std::string> known(old.begin(), old.end());
    for (const auto& message : tableProblems(after, table))
        if (!known.count(message)) return validationError(message);
    return after;
}

Status checkKeyType(const std::string& attribute, const std::string& type) {
    if (isKeyType(type)) return Status();
    return validationError("Key attributes must be strings (S), numbers (N) or binary (B); " +
                           attribute + " is " + type);
}

Status checkIndexShape(const ModelTable& table, const ModelIndex& index, bool local) {
    if (local && index.partitionKey != table.partitionKey)
        return validationError("A local secondary index has the same partition key as its table (" +
                               table.partitionKey + "); only its sort key can differ");
    if (local && !table.sortKey)
        return validationError(
            "A local secondary index needs a table with a sort key (the table's key schema "
            "has no range key)");
    return Status();
}

void addPalette(std::vector<PaletteAttribute>& out, const std::string& name,
                const std::string& type, const std::string& origin) {
    for (auto& p : out)
        if (p.name == name) {
            if (p.origin != "key" && p.origin != "table" &&
                p.origin.find(origin) == std::string::npos)
                p.origin.append(", ").append(origin);
            return;
        }
    out.push_back({name, type, origin});
}

}  // namespace

std::vector<PaletteAttribute> tableAttributePalette(const Model& model, const std::string& table) {
    std::vector<PaletteAttribute> out;
    const ModelTable* t = model.findTable(table);
    if (!t) return out;
    for (const auto& d : t->attributeDefinitions) addPalette(out, d.name, d.type, "key");
    for (const auto& a : t->attributes) addPalette(out, a.name, a.type, "table");
    for (const auto& e : model.entities) {
        if (e.table != table) continue;
        for (const auto& a : e.attributes) addPalette(out, a.name, a.type, e.name);
        for (const auto& [attribute, text] : e.keyTemplates) {
            std::string type = t->definedType(attribute);
            addPalette(out, attribute, type.empty() ? "S" : type, e.name);
        }
    }
    return out;
}

Result<Model> setKeyAttribute(const Model& model, const std::string& table,
                              const std::string& index, KeyRole role, const std::string& attribute,
                              const std::string& type) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    if (attribute.empty() && role == KeyRole::Partition)
        return validationError("A key schema needs a partition key");
    if (!attribute.empty()) {
        SHARDSCAPE_TRY(checkKeyType(attribute, type));
    }
    std::optional<std::string> value;
    if (!attribute.empty()) value = attribute;
    if (index.empty()) {
        if (role == KeyRole::Partition) {
            t->partitionKey = attribute;
            for (auto& lsi : t->localSecondaryIndexes) lsi.partitionKey = attribute;
        } else {
            t->sortKey = value;
        }
    } else {
        bool local = false;
        ModelIndex* i = findIndex(*t, index, &local);
        if (!i) return validationError("The table does not have the specified index: " + index);
        if (role == KeyRole::Partition) {
            i->partitionKey = attribute;
        } else {
            if (local && !value)
                return validationError(
                    "A local secondary index needs a sort key: it is what the index adds to "
                    "the table's key");
            i->sortKey = value;
        }
        SHARDSCAPE_TRY(checkIndexShape(*t, *i, local));
    }
    if (!attribute.empty()) {
        bool found = false;
        for (auto& d : t->attributeDefinitions)
            if (d.name == attribute) {
                d.type = type;
                found = true;
            }
        if (!found) t->attributeDefinitions.push_back(attributeNamed(attribute, type));
    }
    syncDefinitions(*t, {});
    return checked(model, std::move(after), table);
}

Result<Model> addTableAttribute(const Model& model, const std::string& table,
                                const std::string& name, const std::string& type) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    if (name.empty() || name.size() > 255)
        return validationError("Attribute names must be 1 to 255 bytes long");
    for (const auto& p : tableAttributePalette(model, table))
        if (p.name == name) return validationError("The table already has an attribute " + name);
    t->attributes.push_back(attributeNamed(name, type));
    return checked(model, std::move(after), table);
}

Result<Model> setTimeToLiveAttribute(const Model& model, const std::string& table,
                                     const std::string& attribute) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    if (attribute.empty())
        t->ttlAttribute.reset();
    else
        t->ttlAttribute = attribute;
    return checked(model, std::move(after), table);
}

Result<Model> addTable(const Model& model, const std::string& name,
                       const std::string& partitionKey) {
    if (model.findTable(name)) return validationError("Table already exists: " + name);
    if (partitionKey.empty()) return validationError("A key schema needs a partition key");
    Model after = model;
    ModelTable t;
    t.name = name;
    t.partitionKey = partitionKey;
    t.attributeDefinitions.push_back(attributeNamed(partitionKey, "S"));
    after.tables.push_back(std::move(t));
    auto problems = tableProblems(after, name);
    if (!problems.empty()) return validationError(problems.front());
    return after;
}

Result<Model> addIndex(const Model& model, const std::string& table, ModelIndex index, bool local,
                       const std::vector<PaletteAttribute>& types) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    if (!local && t->globalSecondaryIndexes.size() >= 20)
        return validationError(
            "GlobalSecondaryIndex count exceeds the per-table limit of 20: remove one before "
            "adding another");
    if (local && t->localSecondaryIndexes.size() >= 5)
        return validationError("Cannot have more than 5 local secondary indexes per table");
    if (local) index.partitionKey = t->partitionKey;
    SHARDSCAPE_TRY(checkIndexShape(*t, index, local));
    for (const auto* key : {&index.partitionKey, index.sortKey ? &*index.sortKey : nullptr})
        if (key) SHARDSCAPE_TRY(checkKeyType(*key, typeFor(*t, types, *key)));
    (local ? t->localSecondaryIndexes : t->globalSecondaryIndexes).push_back(std::move(index));
    syncDefinitions(*t, types);
    return checked(model, std::move(after), table);
}

Result<Model> replaceIndex(const Model& model, const std::string& table, const std::string& name,
                           ModelIndex index) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    bool local = false;
    ModelIndex* i = findIndex(*t, name, &local);
    if (!i) return validationError("The table does not have the specified index: " + name);
    if (local) index.partitionKey = t->partitionKey;
    SHARDSCAPE_TRY(checkIndexShape(*t, index, local));
    if (local && !index.sortKey)
        return validationError(
            "A local secondary index needs a sort key: it is what the index adds to the "
            "table's key");
    *i = std::move(index);
    syncDefinitions(*t, {});
    // Access patterns that read the index follow a rename.
    if (i->name != name)
        for (auto& p : after.accessPatterns)
            if (p.table == table && p.index && *p.index == name) p.index = i->name;
    return checked(model, std::move(after), table);
}

Result<Model> removeIndex(const Model& model, const std::string& table, const std::string& name) {
    Model after = model;
    ModelTable* t = findTable(after, table);
    if (!t) return noTable(table);
    bool local = false;
    if (!findIndex(*t, name, &local))
        return validationError("The table does not have the specified index: " + name);
    auto& list = local ? t->localSecondaryIndexes : t->globalSecondaryIndexes;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const ModelIndex& i) { return i.name == name; }),
               list.end());
    syncDefinitions(*t, {});
    return checked(model, std::move(after), table);
}

Result<Model> setEntityKeyTemplate(const Model& model, const std::string& entity,
                                   const std::string& keyAttribute, const std::string& text) {
    Model after = model;
    size_t position = after.entities.size();
    for (size_t i = 0; i < after.entities.size(); ++i)
        if (after.entities[i].name == entity) position = i;
    if (position == after.entities.size())
        return validationError("No entity type named '" + entity + "' in the model");
    auto& templates = after.entities[position].keyTemplates;
    auto found = std::find_if(templates.begin(), templates.end(),
                              [&](const auto& t) { return t.first == keyAttribute; });
    if (text.empty()) {
        if (found != templates.end()) templates.erase(found);
    } else {
        auto parsed = parseKeyTemplate(text);
        if (!parsed) return parsed.error();
        if (found != templates.end())
            found->second = text;
        else
            templates.emplace_back(keyAttribute, text);
    }
    std::string prefix = "entities[";
    prefix.append(std::to_string(position)).append("]");
    auto problems = [&](const Model& m) {
        std::multiset<std::string> out;
        for (const auto& p : validateModel(m))
            if (p.where == prefix || p.where.rfind(prefix + ".", 0) == 0) out.insert(p.message);
        return out;
    };
    const auto before = problems(model);
    for (const auto& message : problems(after))
        if (!before.count(message)) return validationError(message);
    return after;
}

std::string freeIndexName(const ModelTable& table, bool local) {
    for (int n = 1;; ++n) {
        std::string name = local ? "LSI" : "GSI";
        name.append(std::to_string(n));
        if (!table.findIndex(name)) return name;
    }
}

}  // namespace shardscape
