#include "classroom/scenario_form.h"

#include <algorithm>

#include "model/key_template.h"
#include "model/model_estimates.h"

namespace shardscape {

namespace {

bool isWrite(const std::string& operation) {
    return operation == "PutItem" || operation == "UpdateItem" || operation == "DeleteItem";
}

// Key distribution of a pattern's partition key, from the entity's key template.
void describeKeys(const Model& model, const ModelTable& table, const AccessPattern& pattern,
                  StreamForm& stream) {
    stream.distribution = "uniform";
    stream.keyCount = 1e6;
    std::string valueTemplate;
    for (const auto& [placeholder, value] : pattern.values.items())
        if (value.is_string() && pattern.keyCondition.find(table.partitionKey + " = " +
                                                           placeholder) != std::string::npos)
            valueTemplate = value.get<std::string>();
    const EntityType* entity = patternEntity(model, pattern, table.partitionKey, valueTemplate);
    if (entity) stream.itemSizeBytes = std::max(1.0, estimateItemBytes(model, *entity));
    std::string keyText = valueTemplate;
    if (keyText.empty() && entity)
        if (const std::string* own = entity->keyTemplate(table.partitionKey)) keyText = *own;
    if (keyText.empty() || !entity) return;
    auto parsed = parseKeyTemplate(keyText);
    if (!parsed) return;
    stream.prefix = parsed->literalPrefix().empty() ? pattern.name + "-" : parsed->literalPrefix();
    const KeySpread spread = templateSpread(*entity, *parsed);
    if (!spread.cardinality) return;
    stream.keyCount = std::max(1.0, *spread.cardinality);
    const double hottest = spread.hottestShare.value_or(1 / stream.keyCount);
    if (stream.keyCount <= 1) {
        stream.distribution = "hotKey";
        stream.keyCount = 1;
        stream.hotShare = 1;
    } else if (hottest > 1.5 / stream.keyCount) {
        stream.distribution = "hotKey";
        stream.hotShare = std::min(1.0, hottest);
    }
}

}  // namespace

Json ScenarioForm::toJson() const {
    Json tableJson = {{"name", table},
                      {"partitionKey", partitionKey},
                      {"billingMode", billingMode},
                      {"itemCount", itemCount},
                      {"itemSizeBytes", itemSizeBytes}};
    if (billingMode != "PAY_PER_REQUEST") {
        tableJson["readCapacityUnits"] = readUnits;
        tableJson["writeCapacityUnits"] = writeUnits;
    }
    Json workload = Json::array();
    for (const StreamForm& s : streams) {
        Json stream = {{"name", s.name},
                       {"operation", s.operation},
                       {"itemSizeBytes", s.itemSizeBytes},
                       {"rate", {{"type", "constant"}, {"rate", s.rate}}}};
        if (s.operation == "Query") stream["itemsPerQuery"] = s.itemsPerQuery;
        if (!isWrite(s.operation)) stream["consistentRead"] = s.consistentRead;
        if (s.operation != "Scan") {
            Json keys = {{"distribution", s.distribution}, {"prefix", s.prefix}};
            if (s.distribution != "timeOrdered") keys["keyCount"] = s.keyCount;
            if (s.distribution == "hotKey") keys["hotShare"] = s.hotShare;
            if (s.distribution == "zipf") keys["exponent"] = s.exponent;
            if (s.shards > 1) keys["shards"] = s.shards;
            stream["keys"] = keys;
        }
        workload.push_back(stream);
    }
    return {{"name", name},
            {"durationSeconds", durationSeconds},
            {"seed", seed},
            {"table", tableJson},
            {"workload", workload}};
}

Result<ScenarioForm> formFromModel(const Model& model, const std::string& tableName,
                                   const std::vector<std::string>& patterns, double rateMultiplier,
                                   double durationSeconds) {
    const ModelTable* table = model.findTable(tableName);
    if (!table) return validationError("The model has no table named '" + tableName + "'");
    ScenarioForm form;
    form.name = model.name.empty() ? tableName : model.name;
    form.durationSeconds = durationSeconds;
    form.table = table->name;
    form.partitionKey = table->partitionKey;
    form.billingMode = table->billingMode;
    form.readUnits = std::max<double>(1, static_cast<double>(table->readCapacityUnits));
    form.writeUnits = std::max<double>(1, static_cast<double>(table->writeCapacityUnits));
    double expected = 0, bytes = 0, weight = 0;
    for (const EntityType& entity : model.entities) {
        if (entity.table != table->name) continue;
        expected += entity.expectedItems;
        bytes += estimateItemBytes(model, entity) * std::max(entity.weight, 0.0);
        weight += std::max(entity.weight, 0.0);
    }
    form.itemCount = expected > 0 ? expected : 100000;
    if (weight > 0) form.itemSizeBytes = std::max(1.0, bytes / weight);
    for (const AccessPattern& pattern : model.accessPatterns) {
        if (pattern.table != table->name || pattern.index) continue;
        if (!patterns.empty() &&
            std::find(patterns.begin(), patterns.end(), pattern.name) == patterns.end())
            continue;
        if (pattern.ratePerSecond <= 0) continue;
        StreamForm stream;
        stream.name = pattern.name;
        stream.operation = pattern.operation;
        stream.rate = pattern.ratePerSecond * rateMultiplier;
        stream.consistentRead = pattern.consistentRead;
        stream.itemsPerQuery = static_cast<double>(std::max<int64_t>(1, pattern.itemsPerRequest));
        stream.itemSizeBytes = form.itemSizeBytes;
        describeKeys(model, *table, pattern, stream);
        form.streams.push_back(std::move(stream));
    }
    if (form.streams.empty())
        return validationError("No access pattern with a rate reads or writes table " +
                               table->name + " (index patterns are not simulated here)");
    return form;
}

Result<ScenarioForm> formFromModelScenario(const Model& model, size_t index) {
    if (index >= model.scenarios.size())
        return validationError("The model has no scenario " + std::to_string(index));
    const OrderedJson& scenario = model.scenarios[index];
    std::vector<std::string> names;
    if (auto it = scenario.find("accessPatterns"); it != scenario.end() && it->is_array())
        for (const OrderedJson& ref : *it) {
            if (ref.is_string())
                names.push_back(ref.get<std::string>());
            else if (ref.is_object() && ref.contains("name") && ref["name"].is_string())
                names.push_back(ref["name"].get<std::string>());
        }
    std::string table;
    for (const std::string& name : names)
        if (const AccessPattern* pattern = model.findAccessPattern(name)) {
            table = pattern->table;
            break;
        }
    if (table.empty() && !model.tables.empty()) table = model.tables.front().name;
    const double multiplier = scenario.value("rateMultiplier", 1.0);
    const double duration = scenario.value("durationSeconds", 600.0);
    auto form = formFromModel(model, table, names, multiplier, duration);
    if (!form) return form.error();
    form->name = scenario.value("name", form->name);
    return form;
}

std::vector<std::string> modelScenarioNames(const Model& model) {
    std::vector<std::string> out;
    for (const OrderedJson& scenario : model.scenarios)
        out.push_back(scenario.value("name", std::string("scenario")));
    return out;
}

}  // namespace shardscape
