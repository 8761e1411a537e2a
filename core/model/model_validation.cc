#include "model/model_validation.h"

#include <regex>
#include <set>

#include "model/key_template.h"
#include "model/sample_value_generator.h"

namespace shardscape {

namespace {

const std::set<std::string> kAttributeTypes = {"S", "N", "B",  "BOOL", "NULL",
                                               "M", "L", "SS", "NS",   "BS"};
const std::set<std::string> kOperations = {
    "GetItem",    "Query",        "Scan",           "PutItem",          "UpdateItem",
    "DeleteItem", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"};

// The most items one request of these operations takes (DynamoDB's limits).
int64_t maxItemsPerRequest(const std::string& operation) {
    if (operation == "BatchWriteItem") return 25;
    if (operation == "BatchGetItem" || operation == "TransactGetItems" ||
        operation == "TransactWriteItems")
        return 100;
    return 0;  // no limit of that kind
}

std::string indexed(const std::string& base, size_t i) {
    std::string out = base;
    out.append("[").append(std::to_string(i)).append("]");
    return out;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out.append(", ");
        out.append(n);
    }
    return out;
}

class Validator {
  public:
    explicit Validator(const Model& model) : model_(model) {}

    std::vector<ModelProblem> run() {
        std::set<std::string> tableNames;
        for (size_t i = 0; i < model_.tables.size(); ++i) {
            const std::string at = indexed("tables", i);
            if (!tableNames.insert(model_.tables[i].name).second)
                add(at, "Table already exists: " + model_.tables[i].name);
            checkTable(model_.tables[i], at);
        }
        std::set<std::string> entityNames;
        for (size_t i = 0; i < model_.entities.size(); ++i) {
            const std::string at = indexed("entities", i);
            if (!entityNames.insert(model_.entities[i].name).second)
                add(at, "Duplicate entity type name: " + model_.entities[i].name);
            checkEntity(model_.entities[i], at);
        }
        std::set<std::string> patternNames;
        for (size_t i = 0; i < model_.accessPatterns.size(); ++i) {
            const std::string at = indexed("accessPatterns", i);
            if (!patternNames.insert(model_.accessPatterns[i].name).second)
                add(at, "Duplicate access pattern name: " + model_.accessPatterns[i].name);
            checkPattern(model_.accessPatterns[i], at);
        }
        for (size_t i = 0; i < model_.scenarios.size(); ++i)
            checkScenario(model_.scenarios[i], indexed("scenarios", i));
        return std::move(problems_);
    }

  private:
    void add(const std::string& where, std::string message) {
        problems_.push_back({where, std::move(message)});
    }

    void checkTableName(const std::string& name, const std::string& at) {
        static const std::regex pattern("[a-zA-Z0-9_.-]+");
        if (name.size() < 3 || name.size() > 255)
            add(at + ".name", "Value '" + name +
                                  "' at 'tableName' failed to satisfy constraint: Member must "
                                  "have length between 3 and 255");
        else if (!std::regex_match(name, pattern))
            add(at + ".name", "Value '" + name +
                                  "' at 'tableName' failed to satisfy constraint: Member must "
                                  "satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    void checkAttributeList(const std::vector<ModelAttribute>& list, const std::string& at) {
        for (size_t i = 0; i < list.size(); ++i) {
            const ModelAttribute& a = list[i];
            if (a.name.empty() || a.name.size() > 255)
                add(indexed(at, i) + ".name", "Attribute names must be 1 to 255 bytes long");
            if (!kAttributeTypes.count(a.type))
                add(indexed(at, i) + ".type",
                    "Unknown attribute type '" + a.type +
                        "'; expected one of S, N, B, BOOL, NULL, M, L, SS, NS, BS");
            if (!a.generator.is_null()) {
                Status s = checkGeneratorSpec(a.generator, a.type);
                if (!s.ok()) add(indexed(at, i) + ".generator", s.error().message);
            }
        }
    }

    void checkTable(const ModelTable& t, const std::string& at) {
        checkTableName(t.name, at);
        std::set<std::string> defined;
        for (size_t i = 0; i < t.attributeDefinitions.size(); ++i) {
            const ModelAttribute& d = t.attributeDefinitions[i];
            if (!defined.insert(d.name).second)
                add(indexed(at + ".attributeDefinitions", i),
                    "One or more parameter values were invalid: Duplicate AttributeName found "
                    "in AttributeDefinitions: " +
                        d.name);
            if (d.type != "S" && d.type != "N" && d.type != "B")
                add(indexed(at + ".attributeDefinitions", i) + ".type",
                    "Value '" + d.type +
                        "' at 'attributeDefinitions.member.attributeType' failed to satisfy "
                        "constraint: Member must satisfy enum value set: [B, N, S]");
        }
        std::vector<std::string> definitionNames;
        for (const auto& d : t.attributeDefinitions) definitionNames.push_back(d.name);

        std::set<std::string> keyAttributes;
        auto checkKeys = [&](const std::string& where, const std::string& pk,
                             const std::optional<std::string>& sk) {
            std::vector<std::string> keys = {pk};
            if (sk) keys.push_back(*sk);
            for (const auto& k : keys) {
                keyAttributes.insert(k);
                if (!defined.count(k)) {
                    add(where,
                        "One or more parameter values were invalid: Some index key attributes "
                        "are not defined in AttributeDefinitions. Keys: [" +
                            joined(keys) + "], AttributeDefinitions: [" + joined(definitionNames) +
                            "]");
                    return;
                }
            }
            if (sk && *sk == pk)
                add(where,
                    "Invalid KeySchema: Both the Hash Key and the Range Key element in the "
                    "KeySchema have the same name");
        };
        checkKeys(at, t.partitionKey, t.sortKey);

        if (t.billingMode == "PROVISIONED") {
            if (t.readCapacityUnits < 1 || t.writeCapacityUnits < 1)
                add(at,
                    "One or more parameter values were invalid: ReadCapacityUnits and "
                    "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        } else if (t.billingMode == "PAY_PER_REQUEST") {
            if (t.readCapacityUnits || t.writeCapacityUnits)
                add(at,
                    "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                    "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        } else {
            add(at + ".billingMode",
                "Value '" + t.billingMode +
                    "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum "
                    "value set: [PROVISIONED, PAY_PER_REQUEST]");
        }

        if (t.globalSecondaryIndexes.size() > kMaxGlobalSecondaryIndexes)
            add(at + ".globalSecondaryIndexes",
                "GlobalSecondaryIndex count exceeds the per-table limit of 20");
        if (t.localSecondaryIndexes.size() > kMaxLocalSecondaryIndexes)
            add(at + ".localSecondaryIndexes",
                "Cannot have more than 5 local secondary indexes per table");
        if (!t.localSecondaryIndexes.empty() && !t.sortKey)
            add(at + ".localSecondaryIndexes",
                "One or more parameter values were invalid: Table KeySchema does not have a "
                "range key, which is required when specifying a LocalSecondaryIndex");

        std::set<std::string> indexNames;
        std::set<std::string> projected;
        auto checkIndex = [&](const ModelIndex& index, const std::string& where, bool local) {
            if (index.name.size() < 3 || index.name.size() > 255)
                add(where + ".name", "Value '" + index.name +
                                         "' at 'indexName' failed to satisfy constraint: Member "
                                         "must have length between 3 and 255");
            if (!indexNames.insert(index.name).second)
                add(where, "One or more parameter values were invalid: Duplicate index name: " +
                               index.name);
            checkKeys(where, index.partitionKey, index.sortKey);
            if (local) {
                if (index.partitionKey != t.partitionKey)
                    add(where,
                        "One or more parameter values were invalid: Index KeySchema does not "
                        "have the same leading hash key as table KeySchema for index: " +
                            index.name + ". index hash key: " + index.partitionKey +
                            ", table hash key: " + t.partitionKey);
                if (!index.sortKey)
                    add(where,
                        "One or more parameter values were invalid: Index KeySchema does not "
                        "have a range key for index: " +
                            index.name);
                if (index.readCapacityUnits || index.writeCapacityUnits)
                    add(where,
                        "Local secondary indexes share the table's throughput; remove "
                        "readCapacityUnits/writeCapacityUnits");
            } else if (t.billingMode == "PROVISIONED" &&
                       (index.readCapacityUnits < 1 || index.writeCapacityUnits < 1)) {
                add(where,
                    "One or more parameter values were invalid: ProvisionedThroughput must be "
                    "specified for index: " +
                        index.name);
            } else if (t.billingMode == "PAY_PER_REQUEST" &&
                       (index.readCapacityUnits || index.writeCapacityUnits)) {
                add(where,
                    "One or more parameter values were invalid: ProvisionedThroughput should "
                    "not be specified for index: " +
                        index.name + " when BillingMode is PAY_PER_REQUEST");
            }
            const ModelProjection& p = index.projection;
            if (p.type != "ALL" && p.type != "KEYS_ONLY" && p.type != "INCLUDE") {
                add(where + ".projection.type",
                    "Value '" + p.type +
                        "' at 'projection.projectionType' failed to satisfy constraint: Member "
                        "must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
            } else if (p.type == "INCLUDE" && p.nonKeyAttributes.empty()) {
                add(where + ".projection",
                    "One or more parameter values were invalid: ProjectionType is INCLUDE, but "
                    "NonKeyAttributes is not specified");
            } else if (p.type != "INCLUDE" && !p.nonKeyAttributes.empty()) {
                add(where + ".projection",
                    "One or more parameter values were invalid: "
                    "ProjectionType is " +
                        p.type + ", but NonKeyAttributes is specified");
            }
            std::set<std::string> own;
            for (const auto& name : p.nonKeyAttributes) {
                if (!own.insert(name).second)
                    add(where + ".projection",
                        "One or more parameter values were invalid: Duplicate attribute in "
                        "NonKeyAttributes: " +
                            name);
                projected.insert(name);
            }
        };
        for (size_t i = 0; i < t.globalSecondaryIndexes.size(); ++i)
            checkIndex(t.globalSecondaryIndexes[i], indexed(at + ".globalSecondaryIndexes", i),
                       false);
        for (size_t i = 0; i < t.localSecondaryIndexes.size(); ++i)
            checkIndex(t.localSecondaryIndexes[i], indexed(at + ".localSecondaryIndexes", i), true);
        // DynamoDB counts distinct projected attributes over all the table's indexes.
        if (projected.size() > kMaxProjectedNonKeyAttributes)
            add(at,
                "One or more parameter values were invalid: The number of projected attributes "
                "in all secondary indexes of the table (" +
                    std::to_string(projected.size()) + ") exceeds the limit of 100");

        for (const auto& name : definitionNames)
            if (!keyAttributes.count(name)) {
                add(at + ".attributeDefinitions",
                    "One or more parameter values were invalid: Number of attributes in "
                    "KeySchema does not exactly match number of attributes defined in "
                    "AttributeDefinitions");
                break;
            }
        if (t.ttlAttribute && (t.ttlAttribute->empty() || t.ttlAttribute->size() > 255))
            add(at + ".ttlAttribute",
                "TimeToLiveSpecification AttributeName must be 1 to 255 "
                "characters long");
        checkAttributeList(t.attributes, at + ".attributes");
        if (!t.sampleItems.is_array()) add(at + ".sampleItems", "expected an array of items");
    }

    void checkEntity(const EntityType& e, const std::string& at) {
        checkAttributeList(e.attributes, at + ".attributes");
        const ModelTable* table = model_.findTable(e.table);
        if (!table) {
            add(at + ".table", "No table named '" + e.table + "' in the model");
            return;
        }
        for (const auto& [attribute, text] : e.keyTemplates) {
            auto parsed = parseKeyTemplate(text);
            if (!parsed) {
                add(at + ".keys." + attribute, parsed.error().message);
                continue;
            }
            for (const auto& variable : parsed->variables())
                if (!e.findAttribute(variable))
                    add(at + ".keys." + attribute, "The template names {" + variable +
                                                       "}, which is not an attribute of " + e.name);
            const std::string type = table->definedType(attribute);
            if (type == "N" && !parsed->isSingleVariable() && !parsed->isConstant())
                add(at + ".keys." + attribute,
                    attribute +
                        " is a number (N); its template must be one {attribute} or a "
                        "number");
        }
        std::vector<std::string> required = {table->partitionKey};
        if (table->sortKey) required.push_back(*table->sortKey);
        for (const auto& key : required)
            if (!e.keyTemplate(key) && !e.findAttribute(key))
                add(at + ".keys", "Entity " + e.name + " gives no value for " + table->name +
                                      "'s key attribute " + key);
        if (e.weight < 0) add(at + ".weight", "weight must not be negative");
    }

    void checkPattern(const AccessPattern& p, const std::string& at) {
        if (p.name.empty()) add(at + ".name", "An access pattern needs a name");
        if (!kOperations.count(p.operation))
            add(at + ".operation", "Unknown operation '" + p.operation +
                                       "'; expected GetItem, Query, Scan, PutItem, UpdateItem, "
                                       "DeleteItem, BatchGetItem, BatchWriteItem, "
                                       "TransactGetItems or TransactWriteItems");
        if (const int64_t most = maxItemsPerRequest(p.operation);
            most > 0 && p.itemsPerRequest > most)
            add(at + ".itemsPerRequest",
                p.operation + " takes at most " + std::to_string(most) + " items per request");
        if (!p.updates.empty() && p.operation != "UpdateItem")
            add(at + ".updates", "Only an UpdateItem sets attributes (updates)");
        const ModelTable* table = model_.findTable(p.table);
        if (!table)
            add(at + ".table", "No table named '" + p.table + "' in the model");
        else if (p.index && !table->findIndex(*p.index))
            add(at + ".index", "The table does not have the specified index: " + *p.index);
        if (p.entity && !model_.findEntity(*p.entity))
            add(at + ".entity", "No entity type named '" + *p.entity + "' in the model");
        if (p.ratePerSecond < 0) add(at + ".ratePerSecond", "must not be negative");
        if (p.itemsPerRequest < 1) add(at + ".itemsPerRequest", "must be at least 1");
        if (p.filterKeeps && (*p.filterKeeps < 0 || *p.filterKeeps > 1))
            add(at + ".filterKeeps", "must be between 0 and 1");
    }

    void checkScenario(const OrderedJson& scenario, const std::string& at) {
        auto name = scenario.find("name");
        if (name == scenario.end() || !name->is_string())
            add(at + ".name", "A scenario needs a name (a string)");
        auto patterns = scenario.find("accessPatterns");
        if (patterns == scenario.end()) return;
        if (!patterns->is_array()) return add(at + ".accessPatterns", "expected an array");
        for (size_t i = 0; i < patterns->size(); ++i) {
            const OrderedJson& ref = (*patterns)[i];
            // Either a pattern name or an object {"name": ..., ...} the simulator defines.
            const OrderedJson* refName = &ref;
            if (ref.is_object() && ref.contains("name")) refName = &ref["name"];
            if (!refName->is_string()) {
                add(indexed(at + ".accessPatterns", i), "expected an access pattern name");
            } else if (!model_.findAccessPattern(refName->get<std::string>())) {
                add(indexed(at + ".accessPatterns", i),
                    "No access pattern named '" + refName->get<std::string>() + "'");
            }
        }
    }

    const Model& model_;
    std::vector<ModelProblem> problems_;
};

}  // namespace

std::vector<ModelProblem> validateModel(const Model& model) {
    return Validator(model).run();
}

}  // namespace shardscape
