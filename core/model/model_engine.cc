#include "model/model_engine.h"

#include "dispatch.h"
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
    }
    return result;
}

Result<int64_t> loadModelSampleItems(Engine& engine, const Model& model) {
    int64_t written = 0;
    auto load = [&](const std::string& tableName, const OrderedJson& items,
                    const std::string& where) -> Status {
        if (items.empty()) return {};
        std::vector<Item> batch;
        for (size_t i = 0; i < items.size(); ++i) {
            auto item = itemFromJson(Json(items[i]));
            if (!item) {
                std::string message = where;
                message.append(".sampleItems[").append(std::to_string(i)).append("]: ");
                return validationError(message + item.error().message);
            }
            batch.push_back(std::move(item).value());
        }
        Status s = engine.putItems(tableName, std::move(batch));
        if (!s.ok()) {
            Error error = s.error();
            error.message = where + " sample items: " + error.message;
            return error;
        }
        written += static_cast<int64_t>(items.size());
        return {};
    };
    for (const auto& table : model.tables)
        SHARDSCAPE_TRY(load(table.name, table.sampleItems, table.name));
    for (const auto& entity : model.entities)
        SHARDSCAPE_TRY(load(entity.table, entity.sampleItems, entity.name));
    return written;
}

}  // namespace shardscape
