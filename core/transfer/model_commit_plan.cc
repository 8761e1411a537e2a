#include "transfer/model_commit_plan.h"

#include <map>
#include <sstream>

#include "model/sample_data_generator.h"
#include "model/sample_value_generator.h"
#include "model/table_export.h"
#include "storage/engine.h"

namespace shardscape {

namespace {

// Generated items are held in memory with the plan, so it may be previewed before it runs.
constexpr int64_t kMaxGeneratedItems = 1'000'000;

// Enough of a table's definition to check an item's keys as the engine and DynamoDB do.
TableDefinition keyDefinition(const ModelTable& table) {
    TableDefinition definition;
    definition.name = table.name;
    auto key = [&](const std::string& name) {
        return KeyAttribute{name, keyTypeFromName(table.definedType(name))};
    };
    definition.partitionKey = key(table.partitionKey);
    if (table.sortKey) definition.sortKey = key(*table.sortKey);
    auto addIndexes = [&](const std::vector<ModelIndex>& indexes, bool global) {
        for (const auto& i : indexes) {
            IndexDefinition index;
            index.name = i.name;
            index.global = global;
            index.partitionKey = key(i.partitionKey);
            if (i.sortKey) index.sortKey = key(*i.sortKey);
            definition.indexes.push_back(std::move(index));
        }
    };
    addIndexes(table.globalSecondaryIndexes, true);
    addIndexes(table.localSecondaryIndexes, false);
    return definition;
}

// A table's items in the order they are written; a repeated key replaces the earlier item in
// its place.
struct TableItems {
    TableDefinition definition;
    std::vector<Item> items;
    std::vector<bool> generated;
    std::map<std::string, size_t> byKey;
    int64_t merged = 0;

    void add(Item item, bool isGenerated) {
        std::string key;
        for (const auto& [name, value] : Engine::keyOf(definition, item))
            key.append(name).append("=").append(attributeValueToJson(value).dump()).append(";");
        if (auto found = byKey.find(key); found != byKey.end()) {
            items[found->second] = std::move(item);
            generated[found->second] = isGenerated;
            ++merged;
            return;
        }
        byKey.emplace(std::move(key), items.size());
        items.push_back(std::move(item));
        generated.push_back(isGenerated);
    }
};

Status checkItem(const TableDefinition& table, const Item& item) {
    SHARDSCAPE_TRY(Engine::validateItemKeys(table, item));
    return Engine::validateIndexKeys(table, item);
}

}  // namespace

int64_t CommitPlan::items() const {
    int64_t total = 0;
    for (const auto& request : requests) total += request.items;
    return total;
}

const CommitTablePlan* CommitPlan::findTable(const std::string& name) const {
    for (const auto& table : tables)
        if (table.name == name) return &table;
    return nullptr;
}

Result<CommitPlan> planModelCommit(const Model& model, const CommitPlanOptions& options) {
    if (model.tables.empty()) return validationError("The model has no tables to commit");
    if (options.generateItems < 0 || options.generateItems > kMaxGeneratedItems)
        return validationError("The number of items to generate must be between 0 and " +
                               std::to_string(kMaxGeneratedItems));
    CommitPlan plan;
    plan.modelName = model.name;
    std::map<std::string, TableItems> tables;
    for (const auto& table : model.tables) tables[table.name].definition = keyDefinition(table);

    auto addSamples = [&](const std::string& tableName, const OrderedJson& samples,
                          const std::string& where) {
        auto found = tables.find(tableName);
        for (size_t i = 0; i < samples.size(); ++i) {
            const std::string at = where + ".sampleItems[" + std::to_string(i) + "]: ";
            if (found == tables.end()) {
                plan.rejected.push_back(at + "the model has no table " + tableName);
                continue;
            }
            auto item = itemFromJson(Json(samples[i]));
            if (!item) {
                plan.rejected.push_back(at + item.error().message);
                continue;
            }
            if (Status valid = checkItem(found->second.definition, *item); !valid.ok()) {
                plan.rejected.push_back(at + valid.error().message);
                continue;
            }
            found->second.add(std::move(item).value(), false);
        }
    };
    for (const auto& table : model.tables) addSamples(table.name, table.sampleItems, table.name);
    for (const auto& entity : model.entities)
        addSamples(entity.table, entity.sampleItems, entity.name);

    // The same sequence as generateSampleData on the local engine, for the same seed.
    const std::vector<int64_t> counts = entityItemCounts(model, options.generateItems);
    SampleRandom random(options.seed);
    for (size_t e = 0; e < model.entities.size(); ++e) {
        if (counts[e] == 0) continue;
        const EntityType& entity = model.entities[e];
        auto found = tables.find(entity.table);
        if (found == tables.end())
            return validationError("Entity " + entity.name + ": the model has no table " +
                                   entity.table);
        auto factory = EntityItemFactory::create(model, entity);
        if (!factory) return factory.error();
        for (int64_t i = 0; i < counts[e]; ++i) {
            auto item = factory->next(random);
            if (!item) return item.error();
            if (Status valid = checkItem(found->second.definition, *item); !valid.ok())
                return valid.error().withContext("Entity " + entity.name + ": ");
            found->second.add(std::move(item).value(), true);
        }
    }

    for (const auto& table : model.tables) {
        const TableItems& items = tables[table.name];
        CommitTablePlan summary;
        summary.name = table.name;
        summary.mergedItems = items.merged;
        plan.requests.push_back({CommitStep::CreateTable, table.name, "CreateTable",
                                 Json(createTableRequest(table)), 0});
        plan.requests.push_back({CommitStep::WaitUntilActive, table.name, "DescribeTable",
                                 Json{{"TableName", table.name}}, 0});
        if (table.ttlAttribute)
            plan.requests.push_back(
                {CommitStep::EnableTimeToLive, table.name, "UpdateTimeToLive",
                 Json{{"TableName", table.name},
                      {"TimeToLiveSpecification",
                       {{"AttributeName", *table.ttlAttribute}, {"Enabled", true}}}},
                 0});
        for (size_t start = 0; start < items.items.size();
             start += static_cast<size_t>(kCommitBatchItems)) {
            const size_t end =
                std::min(items.items.size(), start + static_cast<size_t>(kCommitBatchItems));
            Json puts = Json::array();
            for (size_t i = start; i < end; ++i) {
                puts.push_back({{"PutRequest", {{"Item", itemToJson(items.items[i])}}}});
                ++(items.generated[i] ? summary.generatedItems : summary.sampleItems);
            }
            plan.requests.push_back({CommitStep::WriteItems, table.name, "BatchWriteItem",
                                     Json{{"RequestItems", {{table.name, std::move(puts)}}}},
                                     static_cast<int64_t>(end - start)});
            ++summary.batches;
        }
        plan.tables.push_back(std::move(summary));
    }
    return plan;
}

std::string describeCommitRequest(const CommitRequest& request) {
    switch (request.step) {
        case CommitStep::CreateTable: {
            const Json& body = request.body;
            std::string text = "CreateTable " + request.table + " (";
            bool first = true;
            for (const auto& key : body.value("KeySchema", Json::array())) {
                const std::string name = key.value("AttributeName", "");
                std::string type;
                for (const auto& d : body.value("AttributeDefinitions", Json::array()))
                    if (d.value("AttributeName", "") == name) type = d.value("AttributeType", "");
                text.append(first ? "" : ", ").append(name).append(" ").append(type);
                first = false;
            }
            for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
                const Json indexes = body.value(kind, Json::array());
                if (indexes.empty()) continue;
                text += std::string("; ") + (kind[0] == 'G' ? "GSI" : "LSI");
                for (const auto& index : indexes)
                    text.append(" ").append(index.value("IndexName", ""));
            }
            const std::string billing = body.value("BillingMode", "PAY_PER_REQUEST");
            if (billing == "PROVISIONED") {
                const Json throughput = body.value("ProvisionedThroughput", Json::object());
                text.append("; ")
                    .append(std::to_string(throughput.value("ReadCapacityUnits", 0)))
                    .append(" RCU / ")
                    .append(std::to_string(throughput.value("WriteCapacityUnits", 0)))
                    .append(" WCU");
            } else {
                text += "; on-demand";
            }
            return text + ")";
        }
        case CommitStep::WaitUntilActive:
            return "DescribeTable " + request.table + " until it and its indexes are ACTIVE";
        case CommitStep::EnableTimeToLive:
            return "UpdateTimeToLive " + request.table + " (" +
                   request.body["TimeToLiveSpecification"].value("AttributeName", "") + ")";
        case CommitStep::WriteItems:
            return "BatchWriteItem " + request.table + ": " + std::to_string(request.items) +
                   (request.items == 1 ? " item" : " items");
    }
    return request.operation + " " + request.table;
}

std::string commitPlanPreview(const CommitPlan& plan) {
    std::ostringstream out;
    out << plan.tables.size() << (plan.tables.size() == 1 ? " table, " : " tables, ")
        << plan.items() << " items, " << plan.requests.size() << " requests";
    if (!plan.modelName.empty()) out << " (model " << plan.modelName << ")";
    out << "\n";
    size_t i = 0;
    while (i < plan.requests.size()) {
        const CommitRequest& request = plan.requests[i];
        if (request.step != CommitStep::WriteItems) {
            out << "  " << describeCommitRequest(request) << "\n";
            ++i;
            continue;
        }
        size_t end = i;
        int64_t items = 0;
        while (end < plan.requests.size() && plan.requests[end].step == CommitStep::WriteItems &&
               plan.requests[end].table == request.table)
            items += plan.requests[end++].items;
        if (end - i == 1) {
            out << "  " << describeCommitRequest(request) << "\n";
        } else {
            out << "  BatchWriteItem " << request.table << " × " << (end - i) << ": " << items
                << " items, up to " << kCommitBatchItems << " per request\n";
        }
        i = end;
    }
    for (const auto& table : plan.tables) {
        if (table.sampleItems + table.generatedItems == 0) continue;
        out << "  " << table.name << ": " << table.sampleItems << " sample and "
            << table.generatedItems << " generated items";
        if (table.mergedItems > 0)
            out << " (" << table.mergedItems
                << (table.mergedItems == 1 ? " repeated key" : " repeated keys")
                << " merged, the last item kept)";
        out << "\n";
    }
    for (const auto& rejected : plan.rejected) out << "  left out: " << rejected << "\n";
    return out.str();
}

Json commitPlanJson(const CommitPlan& plan) {
    Json tables = Json::array();
    for (const auto& table : plan.tables)
        tables.push_back({{"table", table.name},
                          {"sampleItems", table.sampleItems},
                          {"generatedItems", table.generatedItems},
                          {"mergedItems", table.mergedItems},
                          {"batches", table.batches}});
    Json requests = Json::array();
    for (const auto& request : plan.requests)
        requests.push_back({{"operation", request.operation},
                            {"table", request.table},
                            {"request", request.body}});
    return {{"model", plan.modelName},
            {"tables", tables},
            {"requests", requests},
            {"rejected", plan.rejected}};
}

}  // namespace shardscape
