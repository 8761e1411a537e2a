#include "model/model_engine.h"

#include "api/dispatch.h"
#include "model/sample_data_generator.h"
#include "model/table_export.h"

namespace shardscape {

Result<ModelTablesResult> createModelTables(Engine& engine, const Model& model) {
    ModelTablesResult result;
    for (const auto& table : model.tables) {
        if (engine.table(table.name)) {
            result.existing.push_back(table.name);
            continue;
        }
        auto response = dispatch(engine, "CreateTable", Json(createTableRequest(table)));
        if (!response) {
            Error error = response.error();
            error.message = "CreateTable " + table.name + ": " + error.message;
            return error;
        }
        result.created.push_back(table.name);
        // CreateTable has no TTL parameter: Time to Live is switched on separately.
        if (table.ttlAttribute) {
            Json ttl = {{"TableName", table.name},
                        {"TimeToLiveSpecification",
                         {{"AttributeName", *table.ttlAttribute}, {"Enabled", true}}}};
            auto enabled = dispatch(engine, "UpdateTimeToLive", ttl);
            if (!enabled) {
                Error error = enabled.error();
                error.message = "UpdateTimeToLive " + table.name + ": " + error.message;
                return error;
            }
        }
    }
    return result;
}

namespace {
// The codec's message, with the attribute at fault when one member alone fails.
std::string itemProblem(const OrderedJson& item, const Error& error) {
    if (item.is_object())
        for (const auto& [name, value] : item.items())
            if (auto decoded = attributeValueFromJson(Json(value)); !decoded)
                return "attribute " + name + ": " + decoded.error().message;
    return error.message;
}
}  // namespace

Result<SampleItemsResult> loadModelSampleItems(Engine& engine, const Model& model) {
    SampleItemsResult result;
    auto load = [&](const std::string& tableName, const OrderedJson& items,
                    const std::string& where) -> Status {
        if (items.empty()) return {};
        auto table = engine.table(tableName);
        if (!table)
            return Error{ErrorType::ResourceNotFound,
                         "Requested resource not found: Table: " + tableName + " not found"};
        std::vector<Item> batch;
        for (size_t i = 0; i < items.size(); ++i) {
            auto item = itemFromJson(Json(items[i]));
            Status valid = item ? Engine::validateItemKeys(*table, *item) : Status(item.error());
            if (!valid.ok()) {
                std::string message = where;
                message.append(".sampleItems[").append(std::to_string(i)).append("]: ");
                message.append(item ? valid.error().message : itemProblem(items[i], item.error()));
                result.rejected.push_back(std::move(message));
                continue;
            }
            batch.push_back(std::move(item).value());
        }
        const auto count = static_cast<int64_t>(batch.size());
        SHARDSCAPE_TRY(engine.putItems(tableName, std::move(batch)));
        result.written += count;
        return {};
    };
    for (const auto& table : model.tables)
        SHARDSCAPE_TRY(load(table.name, table.sampleItems, table.name));
    for (const auto& entity : model.entities)
        SHARDSCAPE_TRY(load(entity.table, entity.sampleItems, entity.name));
    return result;
}

Result<OpenedModel> openModelInEngine(Engine& engine, const Model& model, int64_t generateItems) {
    OpenedModel opened;
    auto tables = createModelTables(engine, model);
    if (!tables) return tables.error();
    opened.tables = std::move(tables).value();
    auto samples = loadModelSampleItems(engine, model);
    if (!samples) return samples.error();
    opened.sampleItems = std::move(samples).value();
    bool empty = !model.entities.empty();
    for (const auto& table : model.tables) {
        auto described = engine.describeTable(table.name);
        if (described && described->second.itemCount > 0) empty = false;
    }
    if (empty && generateItems > 0) {
        GenerateOptions options;
        options.items = generateItems;
        auto generated = generateSampleData(engine, model, options);
        if (!generated) return generated.error();
        opened.generatedItems = generated->items;
    }
    return opened;
}

}  // namespace shardscape
