#include "backend/table_sampler.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "model/table_export.h"
#include "model/table_schema_import.h"

namespace shardscape {
namespace {

constexpr int kMaxPage = 1000;
constexpr size_t kBatch = 25;  // BatchWriteItem's limit
constexpr int kMaxRetries = 8;

std::string keyText(const TableDefinition& t) {
    return t.partitionKey.name + "/" + std::string(valueTypeName(t.partitionKey.type)) +
           (t.sortKey ? ", " + t.sortKey->name + "/" + std::string(valueTypeName(t.sortKey->type))
                      : std::string());
}

// Ensures the target table exists with the source's keys; true when it was created.
Result<bool> prepareTarget(Backend& target, const TableDefinition& source) {
    auto existing = target.call("DescribeTable", Json{{"TableName", source.name}});
    if (existing) {
        auto definition = tableDefinitionFromDescription(existing->value("Table", Json()));
        if (!definition) return definition.error();
        if (keyText(*definition) != keyText(source))
            return validationError("Table " + source.name + " already exists with keys " +
                                   keyText(*definition) + "; the source's are " + keyText(source));
        return false;
    }
    if (existing.error().type != ErrorType::ResourceNotFound) return existing.error();
    auto created =
        target.call("CreateTable", Json(createTableRequest(modelTableFromDefinition(source))));
    if (!created) return created.error();
    // A server may create tables asynchronously: wait until it is ACTIVE.
    for (int attempt = 0; attempt < 300; ++attempt) {
        auto described = target.call("DescribeTable", Json{{"TableName", source.name}});
        if (!described) return described.error();
        const Json& table = (*described)["Table"];
        if (table.is_object() && table.contains("TableStatus") && table["TableStatus"] == "ACTIVE")
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return internalError("Table " + source.name + " did not become ACTIVE");
}

Status writeBatch(Backend& target, const std::string& table, Json requests) {
    for (int attempt = 0; !requests.empty(); ++attempt) {
        if (attempt > kMaxRetries)
            return internalError("BatchWriteItem left items unprocessed after " +
                                 std::to_string(kMaxRetries) + " retries");
        if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50 << attempt));
        auto response = target.call("BatchWriteItem", Json{{"RequestItems", {{table, requests}}}});
        if (!response) return response.error();
        const Json& unprocessed = (*response)["UnprocessedItems"];
        requests = unprocessed.is_object() && unprocessed.contains(table) ? unprocessed[table]
                                                                          : Json::array();
    }
    return {};
}

}  // namespace

Result<SampleResult> sampleTable(Backend& source, Backend& target, const std::string& table,
                                 int64_t count, const SampleProgress& progress) {
    if (count < 1) return validationError("The number of items to sample must be at least 1");
    auto description = describeTable(source, table);
    if (!description) return description.error();
    auto definition = tableDefinitionFromDescription(*description);
    if (!definition) return definition.error();
    SampleResult result;
    auto created = prepareTarget(target, *definition);
    if (!created) return created.error();
    result.createdTable = *created;

    Json startKey;
    while (result.copied < count) {
        Json scan{{"TableName", table},
                  {"Limit", std::min<int64_t>(kMaxPage, count - result.copied)}};
        if (!startKey.is_null()) scan["ExclusiveStartKey"] = startKey;
        auto page = source.call("Scan", scan);
        if (!page) return page.error();
        const Json items = page->value("Items", Json::array());
        for (size_t start = 0; start < items.size() && result.copied < count; start += kBatch) {
            Json requests = Json::array();
            for (size_t i = start; i < std::min(items.size(), start + kBatch) &&
                                   result.copied + static_cast<int64_t>(requests.size()) < count;
                 ++i)
                requests.push_back({{"PutRequest", {{"Item", items[i]}}}});
            const auto written = static_cast<int64_t>(requests.size());
            SHARDSCAPE_TRY(writeBatch(target, table, std::move(requests)));
            result.copied += written;
            if (progress && !progress(result.copied)) {
                result.cancelled = true;
                return result;
            }
        }
        if (!page->contains("LastEvaluatedKey")) break;
        startKey = (*page)["LastEvaluatedKey"];
    }
    return result;
}

}  // namespace shardscape
