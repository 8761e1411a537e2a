#include "model/model_scenario.h"

#include <algorithm>
#include <cmath>

#include "model/key_template.h"
#include "model/model_estimates.h"
#include "model/pattern_expression.h"
#include "model/sample_value_generator.h"
#include "simulation/scenario_fields.h"

namespace shardscape {

namespace {

using fields::element;
using fields::fieldError;
using fields::member;

constexpr double kDefaultItemCount = 1e6;
constexpr double kMaxKeyCount = 4e9;      // KeyDistribution's keyCount limit
constexpr double kMaxShardCount = 1000;   // KeyDistribution's shards limit
constexpr double kDefaultDuration = 600;  // seconds

Json plain(const OrderedJson& json) {
    return Json::parse(json.dump());
}

double keyCount(double count) {
    return std::clamp(std::round(count), 1.0, kMaxKeyCount);
}

Json uniformKeys(double count) {
    return {{"distribution", "uniform"}, {"keyCount", keyCount(count)}};
}

Json hotKeys(double count, double hotShare) {
    count = keyCount(count);
    return {{"distribution", "hotKey"},
            {"keyCount", count},
            {"hotShare", count <= 1 ? 1.0 : std::clamp(hotShare, 0.0, 1.0)}};
}

bool isUniformPick(const OrderedJson& spec) {
    return spec.value("kind", std::string()) == "pick" &&
           spec.value("skew", std::string("uniform")) == "uniform";
}

// Keys of one generated variable (see the header for the rules).
Json keysOfGenerator(const OrderedJson& spec, double unknownCount) {
    const std::string kind = spec.value("kind", std::string());
    const ValueDistribution d = describeGenerator(spec);
    if (kind == "pick") {
        const double n = spec.value("cardinality", 100.0);
        const std::string skew = spec.value("skew", std::string("uniform"));
        if (skew == "zipf" && keyCount(n) > 1)
            return {{"distribution", "zipf"},
                    {"keyCount", keyCount(n)},
                    {"exponent", std::clamp(spec.value("exponent", 1.0), 0.0, 10.0)}};
        if (skew == "hotKey") return hotKeys(n, spec.value("hotShare", 0.5));
    }
    if (!d.cardinality) return uniformKeys(unknownCount);
    if (*d.cardinality <= 1) return hotKeys(1, 1);
    if (d.hottestShare > 1.5 / *d.cardinality) return hotKeys(*d.cardinality, d.hottestShare);
    return uniformKeys(*d.cardinality);
}

// The partition keys that values rendered from `text` (a key template of `entity`) touch.
Json keysOfTemplate(const EntityType* entity, const std::string& text,
                    const std::string& fallbackPrefix, double unknownCount) {
    auto parsed = parseKeyTemplate(text);
    // Values without a known count (uuids, sequences): one per item of the entity.
    if (entity && entity->expectedItems > 0) unknownCount = entity->expectedItems;
    std::string prefix = fallbackPrefix;
    if (parsed && !parsed->literalPrefix().empty()) prefix = parsed->literalPrefix();
    Json keys = uniformKeys(unknownCount);
    if (parsed && entity) {
        std::vector<const OrderedJson*> specs;
        bool known = true;
        for (const std::string& variable : parsed->variables()) {
            const ModelAttribute* a = entity->findAttribute(variable);
            if (!a || !a->generator.is_object()) {
                known = false;
                break;
            }
            specs.push_back(&a->generator);
        }
        int shards = 1;
        if (known && specs.size() >= 2 && isUniformPick(*specs.back())) {
            const double n = specs.back()->value("cardinality", 100.0);
            if (n >= 2 && n <= kMaxShardCount) {
                shards = static_cast<int>(n);
                specs.pop_back();
            }
        }
        if (!known) {
            // Leave the uniform default.
        } else if (specs.empty()) {
            keys = hotKeys(1, 1);
        } else if (specs.size() == 1) {
            keys = keysOfGenerator(*specs.front(), unknownCount);
            // "ROOM#{roomId}" with roomId "r-1", "r-2", ...: keys "ROOM#r-...".
            if (parsed->parts().size() == 2 && !parsed->parts()[0].isVariable)
                prefix += specs.front()->value("prefix", std::string());
        } else {
            std::optional<double> cardinality = 1.0;
            double hottest = 1;
            for (const OrderedJson* spec : specs) {
                const ValueDistribution d = describeGenerator(*spec);
                if (cardinality && d.cardinality)
                    *cardinality *= *d.cardinality;
                else
                    cardinality.reset();
                hottest *= d.hottestShare;
            }
            if (cardinality && hottest > 1.5 / *cardinality)
                keys = hotKeys(*cardinality, hottest);
            else
                keys = uniformKeys(cardinality.value_or(unknownCount));
        }
        if (shards > 1) keys["shards"] = shards;
    }
    keys["prefix"] = prefix;
    return keys;
}

bool isWrite(const std::string& operation) {
    return operation == "PutItem" || operation == "UpdateItem" || operation == "DeleteItem" ||
           operation == "BatchWriteItem" || operation == "TransactWriteItems";
}

// The simulator runs single-item operations: a batch or transaction of N items is N of them
// (twice as many for a transaction, which costs twice the units).
std::string simulatedOperation(const std::string& operation) {
    if (operation == "BatchGetItem" || operation == "TransactGetItems") return "GetItem";
    if (operation == "BatchWriteItem" || operation == "TransactWriteItems") return "PutItem";
    return operation;
}

double requestsPerCall(const AccessPattern& pattern) {
    const std::string& op = pattern.operation;
    if (simulatedOperation(op) == op) return 1;
    const double items = static_cast<double>(std::max<int64_t>(1, pattern.itemsPerRequest));
    return op.rfind("Transact", 0) == 0 ? 2 * items : items;
}

// The entity of `table` with the heaviest weight that gives a value for `attribute`.
const EntityType* entityWithKey(const Model& model, const std::string& table,
                                const std::string& attribute) {
    const EntityType* best = nullptr;
    for (const EntityType& e : model.entities)
        if (e.table == table && (e.keyTemplate(attribute) || e.findAttribute(attribute)) &&
            (!best || e.weight > best->weight))
            best = &e;
    return best;
}

std::string keyTemplateOf(const EntityType& entity, const std::string& attribute) {
    if (const std::string* text = entity.keyTemplate(attribute)) return *text;
    return "{" + attribute + "}";
}

// What an UpdateItem setting `updates` does to each global index, as the simulator names it.
Json updateIndexWrites(const ModelTable& table, const EntityType* entity,
                       const std::vector<std::string>& updates) {
    Json kinds = Json::object();
    for (const ModelIndex& index : table.globalSecondaryIndexes) {
        // The entity's items are not in an index whose partition key they do not have.
        if (entity && !entity->keyTemplate(index.partitionKey) &&
            !entity->findAttribute(index.partitionKey)) {
            kinds[index.name] = "untouched";
            continue;
        }
        const int writes = updateIndexWriteCount(index, entity, updates);
        kinds[index.name] = writes == 2   ? "keyChange"
                            : writes == 1 ? "projectedChange"
                                          : "untouched";
    }
    return kinds;
}

double averageItemBytes(const Model& model, const ModelTable& table, double& itemCount) {
    double expected = 0, bytes = 0, weight = 0;
    for (const EntityType& e : model.entities) {
        if (e.table != table.name) continue;
        expected += e.expectedItems;
        const double w = std::max(e.weight, 0.0);
        bytes += estimateItemBytes(model, e) * w;
        weight += w;
    }
    itemCount = expected > 0 ? expected : kDefaultItemCount;
    return weight > 0 ? std::max(1.0, bytes / weight) : 1024.0;
}

class ScenarioBuilder {
  public:
    ScenarioBuilder(const Model& model, size_t index)
        : model_(model), source_(model.scenarios[index]), at_(element("scenarios", index)) {}

    Result<Json> build() {
        if (!source_.is_object()) return fieldError(at_, "must be an object");
        auto patterns = source_.find("accessPatterns");
        if (patterns == source_.end() || !patterns->is_array() || patterns->empty())
            return fieldError(member(at_, "accessPatterns"),
                              "must list the access patterns the scenario drives");
        for (size_t i = 0; i < patterns->size(); ++i) {
            const std::string name = patternName((*patterns)[i]);
            if (!model_.findAccessPattern(name))
                return fieldError(element(member(at_, "accessPatterns"), i),
                                  "names no access pattern of the model ('" + name + "')");
        }
        SHARDSCAPE_TRY(chooseTable(*patterns));
        const double multiplier = numberOr(source_, "rateMultiplier", 1.0);
        if (!(multiplier > 0)) return fieldError(member(at_, "rateMultiplier"), "must be > 0");

        Json scenario = {
            {"name", source_.value("name", std::string("scenario"))},
            {"durationSeconds", numberOr(source_, "durationSeconds", kDefaultDuration)},
            {"seed", numberOr(source_, "seed", 1.0)}};
        auto table = tableJson();
        if (!table) return table.error();
        scenario["table"] = std::move(table).value();

        Json workload = Json::array();
        for (size_t i = 0; i < patterns->size(); ++i) {
            auto stream =
                streamJson((*patterns)[i], element(member(at_, "accessPatterns"), i), multiplier);
            if (!stream) return stream.error();
            workload.push_back(std::move(stream).value());
        }
        scenario["workload"] = std::move(workload);
        if (auto prices = source_.find("prices"); prices != source_.end())
            scenario["prices"] = plain(*prices);
        return scenario;
    }

  private:
    static double numberOr(const OrderedJson& object, const char* name, double fallback) {
        auto it = object.find(name);
        return it != object.end() && it->is_number() ? it->get<double>() : fallback;
    }

    static std::string patternName(const OrderedJson& ref) {
        if (ref.is_string()) return ref.get<std::string>();
        if (ref.is_object() && ref.contains("name") && ref["name"].is_string())
            return ref["name"].get<std::string>();
        return {};
    }

    Status chooseTable(const OrderedJson& patterns) {
        std::string name;
        if (auto it = source_.find("table"); it != source_.end() && it->is_string())
            name = it->get<std::string>();
        if (name.empty())
            if (const AccessPattern* first = model_.findAccessPattern(patternName(patterns[0])))
                name = first->table;
        table_ = model_.findTable(name);
        if (!table_)
            return fieldError(member(at_, "table"), "names no table of the model ('" + name + "')");
        itemBytes_ = averageItemBytes(model_, *table_, itemCount_);
        return {};
    }

    Result<Json> tableJson() {
        Json table = {{"name", table_->name},
                      {"partitionKey", table_->partitionKey},
                      {"billingMode", table_->billingMode},
                      {"itemCount", itemCount_},
                      {"itemSizeBytes", itemBytes_}};
        if (table_->sortKey) table["sortKey"] = *table_->sortKey;
        const bool provisioned = table_->billingMode == "PROVISIONED";
        if (provisioned) {
            table["readCapacityUnits"] = table_->readCapacityUnits;
            table["writeCapacityUnits"] = table_->writeCapacityUnits;
        }
        const OrderedJson* overrides = nullptr;
        if (auto it = source_.find("indexKeys"); it != source_.end()) {
            if (!it->is_object())
                return fieldError(member(at_, "indexKeys"),
                                  "must be an object: index name -> key distribution");
            overrides = &*it;
            for (const auto& entry : it->items()) {
                // A named copy: clang 14 cannot capture a structured binding in a lambda.
                const std::string name = entry.key();
                if (!table_->findIndex(name) ||
                    std::none_of(table_->globalSecondaryIndexes.begin(),
                                 table_->globalSecondaryIndexes.end(),
                                 [&](const ModelIndex& g) { return g.name == name; }))
                    return fieldError(member(at_, "indexKeys") + "." + name,
                                      "names no global secondary index of table " + table_->name);
            }
        }
        Json indexes = Json::array();
        for (const ModelIndex& gsi : table_->globalSecondaryIndexes) {
            Json index = {{"name", gsi.name}};
            if (provisioned) {
                index["readCapacityUnits"] =
                    gsi.readCapacityUnits ? gsi.readCapacityUnits : table_->readCapacityUnits;
                index["writeCapacityUnits"] =
                    gsi.writeCapacityUnits ? gsi.writeCapacityUnits : table_->writeCapacityUnits;
            }
            const EntityType* entity = entityWithKey(model_, table_->name, gsi.partitionKey);
            index["entrySizeBytes"] =
                entity ? indexEntryBytes(model_, *table_, gsi, *entity) : 100.0;
            if (overrides && overrides->contains(gsi.name))
                index["keys"] = plain((*overrides)[gsi.name]);
            else if (entity)
                index["keys"] = keysOfTemplate(entity, keyTemplateOf(*entity, gsi.partitionKey),
                                               gsi.name + "-", itemCount_);
            else
                index["keys"] = uniformKeys(itemCount_);
            indexes.push_back(std::move(index));
        }
        if (!indexes.empty()) table["globalSecondaryIndexes"] = std::move(indexes);
        return table;
    }

    Result<Json> streamJson(const OrderedJson& ref, const std::string& at, double multiplier) {
        const std::string name = patternName(ref);
        const AccessPattern* pattern = model_.findAccessPattern(name);
        if (!pattern)
            return fieldError(at, "names no access pattern of the model ('" + name + "')");
        if (pattern->table != table_->name)
            return fieldError(at, "access pattern " + name + " works on table " + pattern->table +
                                      ", the scenario on " + table_->name +
                                      " (one table per scenario)");
        // The partition key the pattern addresses: the table's, or its GSI's (an LSI shares
        // the table's partition key and its capacity).
        const ModelIndex* gsi = nullptr;
        if (pattern->index)
            for (const ModelIndex& g : table_->globalSecondaryIndexes)
                if (g.name == *pattern->index) gsi = &g;
        const std::string partitionKey = gsi ? gsi->partitionKey : table_->partitionKey;

        std::string valueTemplate;
        if (!pattern->keyCondition.empty())
            if (auto expressions = readPatternExpressions(*pattern))
                for (const KeyTerm& term : expressions->keyTerms)
                    if (term.attribute == partitionKey && term.kind == KeyTerm::Kind::Equal)
                        valueTemplate = term.valueTemplate;
        const EntityType* entity = patternEntity(model_, *pattern, partitionKey, valueTemplate);
        if (valueTemplate.empty() && entity) valueTemplate = keyTemplateOf(*entity, partitionKey);

        Json stream = {{"name", pattern->name},
                       {"operation", simulatedOperation(pattern->operation)}};
        if (gsi) stream["index"] = gsi->name;
        if (!isWrite(pattern->operation) && !gsi)
            stream["consistentRead"] =
                pattern->consistentRead || pattern->operation == "TransactGetItems";
        double bytes = entity ? estimateItemBytes(model_, *entity) : itemBytes_;
        if (gsi && entity) bytes = indexEntryBytes(model_, *table_, *gsi, *entity);
        stream["itemSizeBytes"] = std::max(1.0, bytes);
        if (pattern->operation == "Query")
            stream["itemsPerQuery"] =
                static_cast<double>(std::max<int64_t>(1, pattern->itemsPerRequest));

        double rate = pattern->ratePerSecond * multiplier * requestsPerCall(*pattern);
        if (ref.is_object()) rate *= numberOr(ref, "rateMultiplier", 1.0);
        if (ref.is_object() && ref.contains("rate"))
            stream["rate"] = plain(ref["rate"]);
        else
            stream["rate"] = {{"type", "constant"}, {"rate", rate}};

        if (pattern->operation != "Scan") {
            if (ref.is_object() && ref.contains("keys"))
                stream["keys"] = plain(ref["keys"]);
            else
                stream["keys"] =
                    keysOfTemplate(entity, valueTemplate, pattern->name + "-", itemCount_);
        }
        // What the pattern's writes do to each index (the simulator's "indexWrite"): as the
        // scenario says, else, for an UpdateItem that names the attributes it sets, what
        // setting them does to each global index.
        if (ref.is_object() && ref.contains("indexWrite"))
            stream["indexWrite"] = plain(ref["indexWrite"]);
        else if (pattern->operation == "UpdateItem" && !pattern->updates.empty() &&
                 !table_->globalSecondaryIndexes.empty())
            stream["indexWrite"] = updateIndexWrites(*table_, entity, pattern->updates);
        return stream;
    }

    const Model& model_;
    const OrderedJson& source_;
    std::string at_;
    const ModelTable* table_ = nullptr;
    double itemCount_ = kDefaultItemCount;
    double itemBytes_ = 1024;
};

}  // namespace

Result<Json> simulatorScenarioJson(const Model& model, size_t index) {
    if (index >= model.scenarios.size())
        return validationError("The model has no scenario " + std::to_string(index));
    return ScenarioBuilder(model, index).build();
}

Result<Scenario> simulatorScenario(const Model& model, size_t index) {
    auto json = simulatorScenarioJson(model, index);
    if (!json) return json.error();
    auto scenario = Scenario::fromJson(*json);
    if (!scenario)
        return validationError(element("scenarios", index) +
                               " (as a simulator scenario): " + scenario.error().message);
    return scenario;
}

}  // namespace shardscape
