#include "model/model_json.h"

#include <cmath>
#include <set>

#include "base/json_position.h"

namespace shardscape {

namespace {

// Reads the members of one JSON object, remembering which it consumed so the rest can be
// kept as `extra`. The first problem wins; later reads are no-ops.
class Fields {
  public:
    Fields(const OrderedJson& object, std::string path, Status& status)
        : object_(object), path_(std::move(path)), status_(status) {
        if (status_.ok() && !object_.is_object()) fail(path_, "expected an object");
    }

    std::string at(const std::string& member) const {
        return path_.empty() ? member : path_ + "." + member;
    }

    const OrderedJson* member(const std::string& name) {
        if (!status_.ok() || !object_.is_object()) return nullptr;
        used_.insert(name);
        auto it = object_.find(name);
        return it == object_.end() || it->is_null() ? nullptr : &*it;
    }

    void string(const std::string& name, std::string& out, bool required = false) {
        const OrderedJson* m = member(name);
        if (!m) {
            if (required && status_.ok()) fail(at(name), "missing (a string is required)");
            return;
        }
        if (!m->is_string()) return fail(at(name), "expected a string");
        out = m->get<std::string>();
    }
    void optionalString(const std::string& name, std::optional<std::string>& out) {
        std::string value;
        if (const OrderedJson* m = member(name); m) {
            string(name, value);
            if (status_.ok()) out = value;
        }
    }
    void number(const std::string& name, double& out) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (!m->is_number()) return fail(at(name), "expected a number");
        out = m->get<double>();
    }
    void integer(const std::string& name, int64_t& out) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (!m->is_number_integer()) return fail(at(name), "expected an integer");
        out = m->get<int64_t>();
    }
    void boolean(const std::string& name, bool& out) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (!m->is_boolean()) return fail(at(name), "expected true or false");
        out = m->get<bool>();
    }
    // An object or array kept as JSON.
    void json(const std::string& name, OrderedJson& out, OrderedJson::value_t type) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (m->type() != type)
            return fail(at(name), type == OrderedJson::value_t::array ? "expected an array"
                                                                      : "expected an object");
        out = *m;
    }
    void strings(const std::string& name, std::vector<std::string>& out) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (!m->is_array()) return fail(at(name), "expected an array of strings");
        for (size_t i = 0; i < m->size(); ++i) {
            if (!(*m)[i].is_string())
                return fail(at(name) + "[" + std::to_string(i) + "]", "expected a string");
            out.push_back((*m)[i].get<std::string>());
        }
    }
    // Calls read(element, path) for each element of an array member.
    template <typename F>
    void each(const std::string& name, F read) {
        const OrderedJson* m = member(name);
        if (!m) return;
        if (!m->is_array()) return fail(at(name), "expected an array");
        for (size_t i = 0; i < m->size() && status_.ok(); ++i) {
            std::string path = at(name);
            path.append("[").append(std::to_string(i)).append("]");
            read((*m)[i], path);
        }
    }

    OrderedJson rest() const {
        OrderedJson extra = OrderedJson::object();
        if (!object_.is_object()) return extra;
        for (const auto& [key, value] : object_.items())
            if (!used_.count(key)) extra[key] = value;
        return extra;
    }

    void fail(const std::string& where, const std::string& what) {
        if (status_.ok()) status_ = validationError(where + ": " + what);
    }
    bool ok() const { return status_.ok(); }

  private:
    const OrderedJson& object_;
    std::string path_;
    Status& status_;
    std::set<std::string> used_;
};

ModelAttribute readAttribute(const OrderedJson& json, const std::string& path, Status& status) {
    ModelAttribute a;
    Fields f(json, path, status);
    f.string("name", a.name, true);
    f.string("type", a.type, true);
    if (const OrderedJson* g = f.member("generator"); g) a.generator = *g;
    a.extra = f.rest();
    return a;
}

ModelIndex readIndex(const OrderedJson& json, const std::string& path, Status& status) {
    ModelIndex index;
    Fields f(json, path, status);
    f.string("name", index.name, true);
    f.string("partitionKey", index.partitionKey, true);
    f.optionalString("sortKey", index.sortKey);
    if (const OrderedJson* p = f.member("projection"); p) {
        Fields pf(*p, f.at("projection"), status);
        pf.string("type", index.projection.type, true);
        pf.strings("nonKeyAttributes", index.projection.nonKeyAttributes);
        index.projection.extra = pf.rest();
    }
    f.integer("readCapacityUnits", index.readCapacityUnits);
    f.integer("writeCapacityUnits", index.writeCapacityUnits);
    index.extra = f.rest();
    return index;
}

ModelTable readTable(const OrderedJson& json, const std::string& path, Status& status) {
    ModelTable t;
    Fields f(json, path, status);
    f.string("name", t.name, true);
    f.each("attributeDefinitions", [&](const OrderedJson& j, const std::string& p) {
        t.attributeDefinitions.push_back(readAttribute(j, p, status));
    });
    f.string("partitionKey", t.partitionKey, true);
    f.optionalString("sortKey", t.sortKey);
    f.string("billingMode", t.billingMode);
    f.integer("readCapacityUnits", t.readCapacityUnits);
    f.integer("writeCapacityUnits", t.writeCapacityUnits);
    f.each("globalSecondaryIndexes", [&](const OrderedJson& j, const std::string& p) {
        t.globalSecondaryIndexes.push_back(readIndex(j, p, status));
    });
    f.each("localSecondaryIndexes", [&](const OrderedJson& j, const std::string& p) {
        t.localSecondaryIndexes.push_back(readIndex(j, p, status));
    });
    f.optionalString("ttlAttribute", t.ttlAttribute);
    f.each("attributes", [&](const OrderedJson& j, const std::string& p) {
        t.attributes.push_back(readAttribute(j, p, status));
    });
    f.json("sampleItems", t.sampleItems, OrderedJson::value_t::array);
    t.extra = f.rest();
    return t;
}

EntityType readEntity(const OrderedJson& json, const std::string& path, Status& status) {
    EntityType e;
    Fields f(json, path, status);
    f.string("name", e.name, true);
    f.string("table", e.table, true);
    if (const OrderedJson* keys = f.member("keys"); keys) {
        if (!keys->is_object()) {
            f.fail(f.at("keys"), "expected an object of key attribute -> template");
        } else {
            for (const auto& [attribute, text] : keys->items()) {
                if (!text.is_string()) {
                    f.fail(f.at("keys." + attribute), "expected a template string");
                    break;
                }
                e.keyTemplates.emplace_back(attribute, text.get<std::string>());
            }
        }
    }
    f.each("attributes", [&](const OrderedJson& j, const std::string& p) {
        e.attributes.push_back(readAttribute(j, p, status));
    });
    f.number("weight", e.weight);
    f.number("expectedItems", e.expectedItems);
    f.json("sampleItems", e.sampleItems, OrderedJson::value_t::array);
    e.extra = f.rest();
    return e;
}

AccessPattern readPattern(const OrderedJson& json, const std::string& path, Status& status) {
    AccessPattern a;
    Fields f(json, path, status);
    f.string("name", a.name, true);
    f.string("description", a.description);
    f.string("operation", a.operation, true);
    f.string("table", a.table, true);
    f.optionalString("index", a.index);
    f.string("keyCondition", a.keyCondition);
    f.string("filter", a.filter);
    f.json("names", a.names, OrderedJson::value_t::object);
    f.json("values", a.values, OrderedJson::value_t::object);
    f.optionalString("entity", a.entity);
    f.boolean("consistentRead", a.consistentRead);
    f.number("ratePerSecond", a.ratePerSecond);
    f.integer("itemsPerRequest", a.itemsPerRequest);
    f.strings("projection", a.projection);
    f.strings("updates", a.updates);
    if (const OrderedJson* keeps = f.member("filterKeeps"); keeps) {
        double value = 0;
        f.number("filterKeeps", value);
        if (f.ok()) a.filterKeeps = value;
    }
    a.extra = f.rest();
    return a;
}

// Whole numbers are written without a fraction ("50", not "50.0"), as people write them.
OrderedJson numberJson(double v) {
    if (v == static_cast<double>(static_cast<int64_t>(v)) && std::abs(v) < 9e15)
        return static_cast<int64_t>(v);
    return v;
}

void putAttribute(OrderedJson& out, const ModelAttribute& a) {
    OrderedJson j = {{"name", a.name}, {"type", a.type}};
    if (!a.generator.is_null()) j["generator"] = a.generator;
    j.update(a.extra);
    out.push_back(std::move(j));
}

OrderedJson indexToJson(const ModelIndex& index) {
    OrderedJson j = {{"name", index.name}, {"partitionKey", index.partitionKey}};
    if (index.sortKey) j["sortKey"] = *index.sortKey;
    j["projection"] = {{"type", index.projection.type}};
    if (!index.projection.nonKeyAttributes.empty())
        j["projection"]["nonKeyAttributes"] = index.projection.nonKeyAttributes;
    j["projection"].update(index.projection.extra);
    if (index.readCapacityUnits) j["readCapacityUnits"] = index.readCapacityUnits;
    if (index.writeCapacityUnits) j["writeCapacityUnits"] = index.writeCapacityUnits;
    j.update(index.extra);
    return j;
}

OrderedJson tableToJson(const ModelTable& t) {
    OrderedJson j = {{"name", t.name}};
    j["attributeDefinitions"] = OrderedJson::array();
    for (const auto& a : t.attributeDefinitions) putAttribute(j["attributeDefinitions"], a);
    j["partitionKey"] = t.partitionKey;
    if (t.sortKey) j["sortKey"] = *t.sortKey;
    j["billingMode"] = t.billingMode;
    if (t.readCapacityUnits) j["readCapacityUnits"] = t.readCapacityUnits;
    if (t.writeCapacityUnits) j["writeCapacityUnits"] = t.writeCapacityUnits;
    if (!t.globalSecondaryIndexes.empty()) {
        j["globalSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : t.globalSecondaryIndexes)
            j["globalSecondaryIndexes"].push_back(indexToJson(i));
    }
    if (!t.localSecondaryIndexes.empty()) {
        j["localSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : t.localSecondaryIndexes)
            j["localSecondaryIndexes"].push_back(indexToJson(i));
    }
    if (t.ttlAttribute) j["ttlAttribute"] = *t.ttlAttribute;
    if (!t.attributes.empty()) {
        j["attributes"] = OrderedJson::array();
        for (const auto& a : t.attributes) putAttribute(j["attributes"], a);
    }
    if (!t.sampleItems.empty()) j["sampleItems"] = t.sampleItems;
    j.update(t.extra);
    return j;
}

}  // namespace

OrderedJson entityToJson(const EntityType& e) {
    OrderedJson j = {{"name", e.name}, {"table", e.table}};
    j["keys"] = OrderedJson::object();
    for (const auto& [attribute, text] : e.keyTemplates) j["keys"][attribute] = text;
    j["attributes"] = OrderedJson::array();
    for (const auto& a : e.attributes) putAttribute(j["attributes"], a);
    j["weight"] = numberJson(e.weight);
    if (e.expectedItems != 0) j["expectedItems"] = numberJson(e.expectedItems);
    if (!e.sampleItems.empty()) j["sampleItems"] = e.sampleItems;
    j.update(e.extra);
    return j;
}

namespace {

OrderedJson patternToJson(const AccessPattern& a) {
    OrderedJson j = {{"name", a.name}};
    if (!a.description.empty()) j["description"] = a.description;
    j["operation"] = a.operation;
    j["table"] = a.table;
    if (a.index) j["index"] = *a.index;
    if (!a.keyCondition.empty()) j["keyCondition"] = a.keyCondition;
    if (!a.filter.empty()) j["filter"] = a.filter;
    if (!a.names.empty()) j["names"] = a.names;
    if (!a.values.empty()) j["values"] = a.values;
    if (a.entity) j["entity"] = *a.entity;
    if (a.consistentRead) j["consistentRead"] = true;
    j["ratePerSecond"] = numberJson(a.ratePerSecond);
    if (a.itemsPerRequest != 1) j["itemsPerRequest"] = a.itemsPerRequest;
    if (a.filterKeeps) j["filterKeeps"] = numberJson(*a.filterKeeps);
    if (!a.projection.empty()) j["projection"] = a.projection;
    if (!a.updates.empty()) j["updates"] = a.updates;
    j.update(a.extra);
    return j;
}

}  // namespace

Result<EntityType> entityFromJson(const OrderedJson& json, const std::string& path) {
    Status status;
    EntityType entity = readEntity(json, path, status);
    if (!status.ok()) return status.error();
    return entity;
}

Result<Model> modelFromJson(const OrderedJson& json) {
    Status status;
    Model model;
    Fields f(json, "", status);
    if (const OrderedJson* version = f.member("formatVersion"); !version) {
        f.fail("formatVersion", "missing (this is not a Shardscape model file)");
    } else if (!version->is_number_integer() || version->get<int64_t>() < 1) {
        f.fail("formatVersion", "expected a positive integer");
    } else if (version->get<int64_t>() > kModelFormatVersion) {
        return validationError(
            "This model was saved in format version " + std::to_string(version->get<int64_t>()) +
            " by a newer Shardscape; this build reads format versions up to " +
            std::to_string(kModelFormatVersion) + ". Open it with a newer Shardscape.");
    } else {
        model.formatVersion = static_cast<int>(version->get<int64_t>());
    }
    f.string("name", model.name);
    f.string("description", model.description);
    f.each("tables", [&](const OrderedJson& j, const std::string& p) {
        model.tables.push_back(readTable(j, p, status));
    });
    f.each("entities", [&](const OrderedJson& j, const std::string& p) {
        model.entities.push_back(readEntity(j, p, status));
    });
    f.each("accessPatterns", [&](const OrderedJson& j, const std::string& p) {
        model.accessPatterns.push_back(readPattern(j, p, status));
    });
    f.each("scenarios", [&](const OrderedJson& j, const std::string& p) {
        if (!j.is_object()) return f.fail(p, "expected an object");
        model.scenarios.push_back(j);
    });
    model.extra = f.rest();
    if (!status.ok()) return status.error();
    return model;
}

OrderedJson modelToJson(const Model& model) {
    OrderedJson j = {{"formatVersion", kModelFormatVersion}};
    if (!model.name.empty()) j["name"] = model.name;
    if (!model.description.empty()) j["description"] = model.description;
    j["tables"] = OrderedJson::array();
    for (const auto& t : model.tables) j["tables"].push_back(tableToJson(t));
    j["entities"] = OrderedJson::array();
    for (const auto& e : model.entities) j["entities"].push_back(entityToJson(e));
    j["accessPatterns"] = OrderedJson::array();
    for (const auto& a : model.accessPatterns) j["accessPatterns"].push_back(patternToJson(a));
    if (!model.scenarios.empty()) j["scenarios"] = model.scenarios;
    j.update(model.extra);
    return j;
}

Result<Model> parseModelText(std::string_view text) {
    auto json = parseJsonWithPosition<OrderedJson>(text);
    if (!json) return json.error();
    return modelFromJson(*json);
}

}  // namespace shardscape
