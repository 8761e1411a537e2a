#include "backend/local_backend.h"

#include <algorithm>

#include "api/dispatch.h"
#include "classroom/walkthrough_facts.h"
#include "model/model_engine.h"
#include "model/sample_data_generator.h"
#include "storage/engine.h"
#include "transfer/item_export.h"
#include "transfer/item_import.h"

namespace shardscape {

Result<Engine*> LocalBackend::requireEngine() const {
    if (!engine_) return internalError("No engine: the data directory could not be opened");
    return engine_.get();
}

Result<Json> LocalBackend::call(std::string_view operation, const Json& request) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return dispatch(**engine, operation, request);
}

BackendCapabilities LocalBackend::capabilities() const {
    if (!engine_) return {};
    return BackendCapabilities::all();
}

Result<BackendTables> LocalBackend::listTables() {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    BackendTables result;
    for (const auto& name : (*engine)->tableNames()) {
        auto described = (*engine)->describeTable(name);
        if (!described) continue;  // dropped between listing and describing
        auto& [table, stats] = *described;
        result.descriptions.push_back(table.describe(stats));
        result.tables.push_back(std::make_shared<const TableDefinition>(std::move(table)));
    }
    return result;
}

Result<ItemPage> LocalBackend::scanPage(const ItemPageRequest& request) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    ScanSpec spec;
    spec.tableName = request.table;
    if (!request.index.empty()) spec.indexName = request.index;
    spec.limit = request.limit;
    spec.exclusiveStartKey = request.exclusiveStartKey;
    spec.segment = request.segment;
    spec.totalSegments = std::max(1, request.totalSegments);
    auto scanned = (*engine)->scan(spec);
    if (!scanned) return scanned.error();
    ItemPage page;
    page.scannedCount = scanned->scannedCount;
    if (request.countOnly) {
        page.lastEvaluatedKey = std::move(scanned->lastEvaluatedKey);
        return page;
    }
    page.items.reserve(scanned->items.size());
    for (const auto& stored : scanned->items) {
        auto item = stored.decode();
        if (item)
            page.items.push_back(std::move(item).value());
        else
            page.itemError = item.error().message;
    }
    page.lastEvaluatedKey = std::move(scanned->lastEvaluatedKey);
    return page;
}

namespace {
// The most items the window's thread may recount (Engine::itemsToRecount) when it asks for
// statistics: about 25 ms. Larger recounts are left to other threads.
constexpr int64_t kRecountOnCallerThread = 100'000;
}  // namespace

bool LocalBackend::listsTablesAtOnce() const {
    if (!Backend::listsTablesAtOnce()) return false;  // a subclass that is not immediate
    if (!engine_) return true;
    int64_t pending = 0;
    for (const auto& name : engine_->tableNames()) pending += engine_->itemsToRecount(name);
    return pending <= kRecountOnCallerThread;
}

std::optional<int64_t> LocalBackend::exactItemCount(const std::string& table,
                                                    const std::string& index) {
    if (!engine_) return std::nullopt;
    // The Data view asks on the window's thread: a recount of a large table is left to its
    // own count, on another thread.
    if (engine_->itemsToRecount(table) > kRecountOnCallerThread) return std::nullopt;
    auto described = engine_->describeTable(table);
    if (!described) return std::nullopt;
    const auto& [definition, stats] = *described;
    if (index.empty()) return stats.itemCount;
    const IndexDefinition* found = definition.findIndex(index);
    if (!found) return std::nullopt;
    auto it = stats.indexes.find(found->id);
    return it == stats.indexes.end() ? int64_t(0) : it->second.itemCount;
}

Result<CapacityEnforcement> LocalBackend::capacityEnforcement(const std::string& table) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    auto definition = (*engine)->table(table);
    if (!definition)
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + table + " not found"};
    return (*engine)->effectiveEnforcement(*definition);
}

Result<CapacityRecording> LocalBackend::capacityRecording(const std::string& table) {
    auto enforcement = capacityEnforcement(table);
    if (!enforcement) return enforcement.error();
    CapacityRecording recording;
    recording.enforcement = *enforcement;
    recording.snapshot = engine_->capacityRecorder(table);
    // Only a metered table's count is shown. An unmetered one may be waiting for a recount
    // after puts that did not read the items they replaced (Engine::putItem), which the live
    // view's timer must not run on the window's thread.
    if (recording.snapshot)
        if (auto described = engine_->describeTable(table))
            recording.itemCount = described->second.itemCount;
    return recording;
}

Result<ImportReport> LocalBackend::importItemsFromFile(const std::string& table,
                                                       const std::string& path,
                                                       const ImportOptions& options) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return shardscape::importItemsFromFile(**engine, table, path, options);
}

Result<ExportReport> LocalBackend::exportItems(const std::string& table, std::ostream& out,
                                               const ExportOptions& options) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return shardscape::exportItems(**engine, table, out, options);
}

Result<OpenedModel> LocalBackend::openModel(const Model& model, int64_t generateItems) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return openModelInEngine(**engine, model, generateItems);
}

Result<GenerateReport> LocalBackend::generateSampleData(const Model& model,
                                                        const GenerateOptions& options) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    auto tables = createModelTables(**engine, model);
    if (!tables) return tables.error();
    return shardscape::generateSampleData(**engine, model, options);
}

Result<std::vector<Item>> LocalBackend::walkthroughExamples(const std::string& table, int limit) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return shardscape::walkthroughExamples(**engine, table, limit);
}

Result<Walkthrough> LocalBackend::walkThrough(const WalkthroughRequest& request) {
    auto engine = requireEngine();
    if (!engine) return engine.error();
    return walkThroughRequest(**engine, request);
}

Result<Engine*> LocalBackend::servedEngine() {
    return requireEngine();
}

BackgroundWorkReport LocalBackend::backgroundWork() const {
    BackgroundWorkReport report;
    if (!engine_) return report;
    report.failureCount = engine_->backgroundFailureCount();
    report.dataDirectory = engine_->directory();
    for (const BackgroundFailure& failure : engine_->backgroundFailures())
        report.failures.push_back(failure.describe());
    if (auto failure = engine_->storageFailure()) report.storageFailure = failure->message;
    return report;
}

}  // namespace shardscape
