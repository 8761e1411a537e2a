#include "model/workbench_format.h"

#include <ctime>
#include <regex>
#include <set>

#include "base/json_position.h"
#include "model/model_json.h"

namespace shardscape {

namespace {

// Members of `object` not in `known`, kept for the export.
OrderedJson leftovers(const OrderedJson& object, const std::set<std::string>& known) {
    OrderedJson out = OrderedJson::object();
    for (const auto& [key, value] : object.items())
        if (!known.count(key)) out[key] = value;
    return out;
}

std::string stringAt(const OrderedJson& object, const char* key, std::string fallback = {}) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Error formatError(const std::string& where, const std::string& what) {
    return validationError("NoSQL Workbench file: " + where + ": " + what);
}

// {"AttributeName": "PK", "AttributeType": "S"} -> name and type (S when not given).
Result<ModelAttribute> keyAttribute(const OrderedJson& json, const std::string& where) {
    if (!json.is_object() || stringAt(json, "AttributeName").empty())
        return formatError(where, "expected {\"AttributeName\": ..., \"AttributeType\": ...}");
    return ModelAttribute{stringAt(json, "AttributeName"), stringAt(json, "AttributeType", "S"),
                          OrderedJson(), OrderedJson::object()};
}

// "USER#<id>" -> "USER#{id}"; see the header for aliases without placeholders.
std::string aliasToTemplate(const std::string& alias, bool partitionKey,
                            std::vector<std::string>& variables) {
    static const std::regex placeholder("<([^<>]+)>");
    std::string out;
    auto begin = std::sregex_iterator(alias.begin(), alias.end(), placeholder);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1].str();
        out.append(alias, last, static_cast<size_t>(it->position()) - last);
        out.append("{").append(name).append("}");
        variables.push_back(name);
        last = static_cast<size_t>(it->position() + it->length());
    }
    out.append(alias, last, std::string::npos);
    // Braces that were literal text in the alias cannot stay in a template.
    if (variables.empty()) {
        std::string literal;
        for (char c : alias)
            if (c != '{' && c != '}') literal.push_back(c);
        if (partitionKey && !literal.empty()) {
            variables.push_back(literal);
            return "{" + literal + "}";
        }
        return literal;
    }
    return out;
}

std::string templateToAlias(const std::string& text) {
    std::string out;
    for (char c : text) out.push_back(c == '{' ? '<' : c == '}' ? '>' : c);
    return out;
}

Status readIndexes(const OrderedJson& list, ModelTable& table, const std::string& where,
                   bool local) {
    if (!list.is_array()) return formatError(where, "expected an array");
    for (size_t i = 0; i < list.size(); ++i) {
        const OrderedJson& g = list[i];
        const std::string at = where + "[" + std::to_string(i) + "]";
        if (!g.is_object() || !g.contains("KeyAttributes"))
            return formatError(at, "expected {\"IndexName\", \"KeyAttributes\", ...}");
        ModelIndex index;
        index.name = stringAt(g, "IndexName");
        const OrderedJson& keys = g["KeyAttributes"];
        if (!keys.is_object() || !keys.contains("PartitionKey"))
            return formatError(at + ".KeyAttributes", "the PartitionKey is missing");
        auto pk = keyAttribute(keys["PartitionKey"], at + ".KeyAttributes.PartitionKey");
        if (!pk) return pk.error();
        index.partitionKey = pk->name;
        std::vector<ModelAttribute> keyAttributes = {*pk};
        if (keys.contains("SortKey")) {
            auto sk = keyAttribute(keys["SortKey"], at + ".KeyAttributes.SortKey");
            if (!sk) return sk.error();
            index.sortKey = sk->name;
            keyAttributes.push_back(*sk);
        }
        for (const auto& a : keyAttributes)
            if (table.definedType(a.name).empty()) table.attributeDefinitions.push_back(a);
        if (g.contains("Projection") && g["Projection"].is_object()) {
            const OrderedJson& p = g["Projection"];
            index.projection.type = stringAt(p, "ProjectionType", "ALL");
            if (p.contains("NonKeyAttributes") && p["NonKeyAttributes"].is_array())
                for (const auto& name : p["NonKeyAttributes"])
                    if (name.is_string()) index.projection.nonKeyAttributes.push_back(name);
        }
        if (table.billingMode == "PROVISIONED" && !local) {
            index.readCapacityUnits = table.readCapacityUnits;
            index.writeCapacityUnits = table.writeCapacityUnits;
        }
        OrderedJson rest = leftovers(g, {"IndexName", "KeyAttributes", "Projection"});
        if (!rest.empty()) index.extra["workbench"] = rest;
        (local ? table.localSecondaryIndexes : table.globalSecondaryIndexes).push_back(index);
    }
    return {};
}

Result<EntityType> readFacet(const OrderedJson& f, const ModelTable& table, const std::string& at) {
    if (!f.is_object()) return formatError(at, "expected a facet object");
    EntityType entity;
    entity.name = stringAt(f, "FacetName");
    if (entity.name.empty()) return formatError(at, "the FacetName is missing");
    entity.table = table.name;
    OrderedJson workbench = leftovers(f, {"FacetName", "TableData", "NonKeyAttributes"});
    std::vector<std::string> variables;
    if (f.contains("KeyAttributeAlias") && f["KeyAttributeAlias"].is_object()) {
        const OrderedJson& alias = f["KeyAttributeAlias"];
        const std::string pk = stringAt(alias, "PartitionKeyAlias");
        if (!pk.empty())
            entity.keyTemplates.emplace_back(table.partitionKey,
                                             aliasToTemplate(pk, true, variables));
        const std::string sk = stringAt(alias, "SortKeyAlias");
        if (!sk.empty() && table.sortKey)
            entity.keyTemplates.emplace_back(*table.sortKey, aliasToTemplate(sk, false, variables));
    }
    std::set<std::string> names;
    if (f.contains("NonKeyAttributes") && f["NonKeyAttributes"].is_array()) {
        for (const auto& name : f["NonKeyAttributes"]) {
            if (!name.is_string() || !names.insert(name.get<std::string>()).second) continue;
            std::string type = "S";
            for (const auto& a : table.attributes)
                if (a.name == name.get<std::string>()) type = a.type;
            if (!table.definedType(name.get<std::string>()).empty())
                type = table.definedType(name.get<std::string>());
            entity.attributes.push_back(
                {name.get<std::string>(), type, OrderedJson(), OrderedJson::object()});
        }
        workbench["NonKeyAttributes"] = f["NonKeyAttributes"];
    }
    // Placeholders of the aliases are attributes of the entity too.
    for (const auto& v : variables)
        if (names.insert(v).second)
            entity.attributes.push_back({v, "S", OrderedJson(), OrderedJson::object()});
    if (f.contains("TableData")) {
        if (!f["TableData"].is_array()) return formatError(at + ".TableData", "expected an array");
        entity.sampleItems = f["TableData"];
        // An empty list is written back only where the file had one.
        if (entity.sampleItems.empty()) workbench["TableData"] = OrderedJson::array();
    }
    // What a facet cannot say (keys of indexes, generators, weights) comes back from the
    // member Shardscape's export adds.
    if (f.contains("Shardscape") && f["Shardscape"].is_object()) {
        OrderedJson own = f["Shardscape"];
        own["name"] = entity.name;
        own["table"] = entity.table;
        auto full = entityFromJson(own, at + ".Shardscape");
        if (!full) return full.error();
        full->sampleItems = entity.sampleItems;
        workbench.erase("Shardscape");
        full->extra.erase("workbench");
        if (!workbench.empty()) full->extra["workbench"] = workbench;
        return full;
    }
    if (!workbench.empty()) entity.extra["workbench"] = workbench;
    return entity;
}

Result<ModelTable> readTable(const OrderedJson& t, const std::string& at,
                             std::vector<EntityType>& entities) {
    if (!t.is_object()) return formatError(at, "expected a table object");
    ModelTable table;
    table.name = stringAt(t, "TableName");
    if (table.name.empty()) return formatError(at, "the TableName is missing");
    if (!t.contains("KeyAttributes") || !t["KeyAttributes"].is_object() ||
        !t["KeyAttributes"].contains("PartitionKey"))
        return formatError(at + ".KeyAttributes", "the PartitionKey is missing");
    const OrderedJson& keys = t["KeyAttributes"];
    auto pk = keyAttribute(keys["PartitionKey"], at + ".KeyAttributes.PartitionKey");
    if (!pk) return pk.error();
    table.partitionKey = pk->name;
    table.attributeDefinitions.push_back(*pk);
    if (keys.contains("SortKey")) {
        auto sk = keyAttribute(keys["SortKey"], at + ".KeyAttributes.SortKey");
        if (!sk) return sk.error();
        table.sortKey = sk->name;
        table.attributeDefinitions.push_back(*sk);
    }
    if (t.contains("NonKeyAttributes")) {
        if (!t["NonKeyAttributes"].is_array())
            return formatError(at + ".NonKeyAttributes", "expected an array");
        for (const auto& a : t["NonKeyAttributes"]) {
            auto attribute = keyAttribute(a, at + ".NonKeyAttributes");
            if (!attribute) return attribute.error();
            table.attributes.push_back(*attribute);
        }
    }
    OrderedJson workbench =
        leftovers(t, {"TableName", "KeyAttributes", "NonKeyAttributes", "GlobalSecondaryIndexes",
                      "LocalSecondaryIndexes", "TableData", "TableFacets", "BillingMode"});
    const OrderedJson* capacity = nullptr;
    if (t.contains("ProvisionedCapacitySettings") && t["ProvisionedCapacitySettings"].is_object() &&
        t["ProvisionedCapacitySettings"].contains("ProvisionedThroughput"))
        capacity = &t["ProvisionedCapacitySettings"]["ProvisionedThroughput"];
    table.billingMode = stringAt(t, "BillingMode", capacity ? "PROVISIONED" : "PAY_PER_REQUEST");
    if (table.billingMode == "PROVISIONED") {
        table.readCapacityUnits = table.writeCapacityUnits = 5;
        if (capacity && capacity->is_object()) {
            table.readCapacityUnits = capacity->value("ReadCapacityUnits", int64_t{5});
            table.writeCapacityUnits = capacity->value("WriteCapacityUnits", int64_t{5});
        }
    }
    if (t.contains("GlobalSecondaryIndexes"))
        SHARDSCAPE_TRY(
            readIndexes(t["GlobalSecondaryIndexes"], table, at + ".GlobalSecondaryIndexes", false));
    if (t.contains("LocalSecondaryIndexes"))
        SHARDSCAPE_TRY(
            readIndexes(t["LocalSecondaryIndexes"], table, at + ".LocalSecondaryIndexes", true));
    if (t.contains("TableData")) {
        if (!t["TableData"].is_array()) return formatError(at + ".TableData", "expected an array");
        table.sampleItems = t["TableData"];
        if (table.sampleItems.empty()) workbench["TableData"] = OrderedJson::array();
    }
    if (t.contains("Shardscape") && t["Shardscape"].is_object()) {
        const OrderedJson& own = t["Shardscape"];
        if (own.contains("ttlAttribute") && own["ttlAttribute"].is_string())
            table.ttlAttribute = own["ttlAttribute"].get<std::string>();
        workbench.erase("Shardscape");
    }
    if (t.contains("TableFacets")) {
        if (!t["TableFacets"].is_array())
            return formatError(at + ".TableFacets", "expected an array");
        for (size_t i = 0; i < t["TableFacets"].size(); ++i) {
            auto entity = readFacet(t["TableFacets"][i], table,
                                    at + ".TableFacets[" + std::to_string(i) + "]");
            if (!entity) return entity.error();
            entities.push_back(std::move(entity).value());
        }
    }
    if (!workbench.empty()) table.extra["workbench"] = workbench;
    return table;
}

// "Nov 25, 2026, 09:18 AM", as NoSQL Workbench writes dates.
std::string workbenchDate() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%b %d, %Y, %I:%M %p", &tm);
    return buffer;
}

OrderedJson keyJson(const ModelTable& table, const std::string& name) {
    const std::string type = table.definedType(name);
    return {{"AttributeName", name}, {"AttributeType", type.empty() ? "S" : type}};
}

OrderedJson indexJson(const ModelTable& table, const ModelIndex& index) {
    OrderedJson j = {{"IndexName", index.name}};
    j["KeyAttributes"] = {{"PartitionKey", keyJson(table, index.partitionKey)}};
    if (index.sortKey) j["KeyAttributes"]["SortKey"] = keyJson(table, *index.sortKey);
    j["Projection"] = {{"ProjectionType", index.projection.type}};
    if (!index.projection.nonKeyAttributes.empty())
        j["Projection"]["NonKeyAttributes"] = index.projection.nonKeyAttributes;
    if (index.extra.contains("workbench")) j.update(index.extra["workbench"]);
    return j;
}

OrderedJson facetJson(const EntityType& e, const ModelTable& table) {
    const OrderedJson wb = e.extra.value("workbench", OrderedJson::object());
    OrderedJson j = {{"FacetName", e.name}};
    OrderedJson alias = OrderedJson::object();
    if (const std::string* pk = e.keyTemplate(table.partitionKey))
        alias["PartitionKeyAlias"] = templateToAlias(*pk);
    if (table.sortKey)
        if (const std::string* sk = e.keyTemplate(*table.sortKey))
            alias["SortKeyAlias"] = templateToAlias(*sk);
    j["KeyAttributeAlias"] = wb.value("KeyAttributeAlias", alias);
    if (!e.sampleItems.empty()) j["TableData"] = e.sampleItems;
    if (wb.contains("NonKeyAttributes")) {
        j["NonKeyAttributes"] = wb["NonKeyAttributes"];
    } else {
        j["NonKeyAttributes"] = OrderedJson::array();
        for (const auto& a : e.attributes)
            if (!e.keyTemplate(a.name)) j["NonKeyAttributes"].push_back(a.name);
    }
    j["DataAccess"] = wb.value("DataAccess", OrderedJson{{"MySql", OrderedJson::object()}});
    for (const auto& [key, value] : wb.items())
        if (!j.contains(key)) j[key] = value;
    // The entity in full, unless the facet says it all (an imported facet, unchanged).
    OrderedJson own = entityToJson(e);
    for (const char* key : {"name", "table", "sampleItems"}) own.erase(key);
    own.erase("workbench");
    bool saysItAll = true;
    for (const auto& [attribute, text] : e.keyTemplates)
        if (!table.isKeyAttributeOfTable(attribute)) saysItAll = false;
    for (const auto& a : e.attributes)
        if (!a.generator.is_null() || !a.extra.empty()) saysItAll = false;
    if (e.weight != 1 || e.expectedItems != 0 || own.size() > 3) saysItAll = false;
    if (!saysItAll) j["Shardscape"] = own;
    return j;
}

OrderedJson tableJson(const Model& model, const ModelTable& t) {
    const OrderedJson wb = t.extra.value("workbench", OrderedJson::object());
    OrderedJson j = {{"TableName", t.name}};
    j["KeyAttributes"] = {{"PartitionKey", keyJson(t, t.partitionKey)}};
    if (t.sortKey) j["KeyAttributes"]["SortKey"] = keyJson(t, *t.sortKey);
    OrderedJson attributes = OrderedJson::array();
    std::set<std::string> listed;
    for (const auto& a : t.attributes) {
        attributes.push_back({{"AttributeName", a.name}, {"AttributeType", a.type}});
        listed.insert(a.name);
    }
    // Attributes entities add (GSI keys, facet attributes) that the table does not list yet.
    for (const auto& d : t.attributeDefinitions)
        if (!listed.count(d.name) && !t.isKeyAttributeOfTable(d.name) &&
            listed.insert(d.name).second)
            attributes.push_back({{"AttributeName", d.name}, {"AttributeType", d.type}});
    // A table imported from NoSQL Workbench keeps its own list (facets' alias placeholders
    // are not attributes there).
    for (const auto& e : model.entities)
        if (e.table == t.name && !t.extra.contains("workbench"))
            for (const auto& a : e.attributes)
                if (!t.isKeyAttributeOfTable(a.name) && listed.insert(a.name).second)
                    attributes.push_back({{"AttributeName", a.name}, {"AttributeType", a.type}});
    j["NonKeyAttributes"] = attributes;
    if (!t.globalSecondaryIndexes.empty()) {
        j["GlobalSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : t.globalSecondaryIndexes)
            j["GlobalSecondaryIndexes"].push_back(indexJson(t, i));
    }
    if (!t.localSecondaryIndexes.empty()) {
        j["LocalSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : t.localSecondaryIndexes)
            j["LocalSecondaryIndexes"].push_back(indexJson(t, i));
    }
    // Empty TableFacets/TableData are left out, as NoSQL Workbench leaves them out.
    for (const auto& e : model.entities)
        if (e.table == t.name) j["TableFacets"].push_back(facetJson(e, t));
    if (!t.sampleItems.empty()) j["TableData"] = t.sampleItems;
    if (t.ttlAttribute) j["Shardscape"] = {{"ttlAttribute", *t.ttlAttribute}};
    j["DataAccess"] = wb.value("DataAccess", OrderedJson{{"MySql", OrderedJson::object()}});
    j["BillingMode"] = t.billingMode;
    if (t.billingMode == "PROVISIONED") {
        OrderedJson settings = wb.value("ProvisionedCapacitySettings", OrderedJson::object());
        settings["ProvisionedThroughput"] = {{"ReadCapacityUnits", t.readCapacityUnits},
                                             {"WriteCapacityUnits", t.writeCapacityUnits}};
        j["ProvisionedCapacitySettings"] = settings;
    }
    for (const auto& [key, value] : wb.items())
        if (!j.contains(key) && key != "ProvisionedCapacitySettings") j[key] = value;
    return j;
}

}  // namespace

Result<Model> modelFromWorkbench(const OrderedJson& json) {
    if (!json.is_object() || !json.contains("DataModel"))
        return validationError(
            "Not a NoSQL Workbench data model: the top-level \"DataModel\" array is missing");
    if (!json["DataModel"].is_array())
        return formatError("DataModel", "expected an array of tables");
    Model model;
    model.name = stringAt(json, "ModelName");
    if (json.contains("ModelMetadata") && json["ModelMetadata"].is_object()) {
        model.description = stringAt(json["ModelMetadata"], "Description");
        const std::string version = stringAt(json["ModelMetadata"], "Version");
        if (!version.empty() && version != "1.0" && version != "2.0" && version != "3.0")
            model.extra["workbenchVersionNote"] = "imported from NoSQL Workbench format version " +
                                                  version +
                                                  "; unknown members were kept under \"workbench\"";
    }
    for (size_t i = 0; i < json["DataModel"].size(); ++i) {
        auto table =
            readTable(json["DataModel"][i], "DataModel[" + std::to_string(i) + "]", model.entities);
        if (!table) return table.error();
        model.tables.push_back(std::move(table).value());
    }
    if (json.contains("ShardscapeModel") && json["ShardscapeModel"].is_object()) {
        OrderedJson own = {{"formatVersion", kModelFormatVersion}};
        own["accessPatterns"] =
            json["ShardscapeModel"].value("accessPatterns", OrderedJson::array());
        own["scenarios"] = json["ShardscapeModel"].value("scenarios", OrderedJson::array());
        auto parsed = modelFromJson(own);
        if (!parsed) return formatError("ShardscapeModel", parsed.error().message);
        model.accessPatterns = parsed->accessPatterns;
        model.scenarios = parsed->scenarios;
    }
    OrderedJson rest = leftovers(json, {"ModelName", "DataModel", "ShardscapeModel"});
    if (!rest.empty()) model.extra["workbench"] = rest;
    return model;
}

Result<Model> modelFromWorkbenchText(std::string_view text) {
    auto json = parseJsonWithPosition<OrderedJson>(text);
    if (!json) return json.error();
    return modelFromWorkbench(*json);
}

OrderedJson modelToWorkbench(const Model& model) {
    const OrderedJson wb = model.extra.value("workbench", OrderedJson::object());
    OrderedJson j = {
        {"ModelName", model.name.empty() ? std::string("Shardscape model") : model.name}};
    OrderedJson metadata = wb.value("ModelMetadata", OrderedJson::object());
    const std::string now = workbenchDate();
    if (!metadata.contains("Author")) metadata["Author"] = "";
    if (!metadata.contains("DateCreated")) metadata["DateCreated"] = now;
    metadata["DateLastModified"] = now;
    metadata["Description"] = model.description;
    metadata["AWSService"] = "Amazon DynamoDB";
    metadata["Version"] = "3.0";
    j["ModelMetadata"] = metadata;
    j["DataModel"] = OrderedJson::array();
    for (const auto& t : model.tables) j["DataModel"].push_back(tableJson(model, t));
    if (!model.accessPatterns.empty() || !model.scenarios.empty()) {
        OrderedJson own = modelToJson(model);
        j["ShardscapeModel"] = {{"accessPatterns", own["accessPatterns"]},
                                {"scenarios", own.value("scenarios", OrderedJson::array())}};
    }
    for (const auto& [key, value] : wb.items())
        if (!j.contains(key)) j[key] = value;
    return j;
}

}  // namespace shardscape
