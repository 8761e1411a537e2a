#pragma once
// Where the workbench's requests go: the embedded engine (backend/local_backend.h) or a remote
// endpoint (backend/remote_backend.h). Every widget talks to a Backend and never to the engine,
// so the data view, the query builder, the table list and live metering work against either.
//
// call() takes an operation name and its request JSON and gives the response JSON, as
// DynamoDB does. The other operations are what the workbench needs besides DynamoDB's API,
// with typed results. Some only the embedded engine can do (importing and exporting item
// files, opening models and generating sample data, live capacity metering, the classroom
// step-through, serving a local endpoint): the base class answers them with an Error saying
// so, and capabilities() tells the widgets which to offer.
//
// All methods are thread-safe. A backend without `immediate` capability may block for a
// network round trip: callers on a GUI thread make its calls off it.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "capacity/capacity_meter.h"
#include "schema/table_definition.h"
#include "values/attribute_json.h"
#include "values/attribute_value.h"

namespace shardscape {

class Engine;
struct Model;
struct ImportOptions;
struct ImportReport;
struct ExportOptions;
struct ExportReport;
struct GenerateOptions;
struct GenerateReport;
struct OpenedModel;
struct WalkthroughRequest;
struct Walkthrough;

// What a backend can do besides call(), for the widgets to offer or disable.
struct BackendCapabilities {
    // Calls answer in-process without waiting on a network: a widget may make a short one
    // (one item read or written, one page of a table) on the GUI thread.
    bool immediate = false;
    // Importing and exporting item files (transfer/item_import.h, transfer/item_export.h).
    bool itemFiles = false;
    // Opening a model's tables and sample items, generating sample data (model/).
    bool models = false;
    // What each table's capacity meter recorded, for live metering.
    bool liveCapacity = false;
    // Classroom mode's step-through of one request (classroom/walkthrough_facts.h).
    bool walkthrough = false;
    // Serving the data as a local endpoint (Server menu).
    bool endpoint = false;

    // Everything the local engine offers.
    static constexpr BackendCapabilities all() {
        return {.immediate = true,
                .itemFiles = true,
                .models = true,
                .liveCapacity = true,
                .walkthrough = true,
                .endpoint = true};
    }
};

// Failures of background work still standing, one line each ("Backfill of index byState of
// table Orders: ..."), and how many there have been since the engine opened: a change in
// the count means something new failed.
struct BackgroundWorkReport {
    uint64_t failureCount = 0;
    std::vector<std::string> failures;
    // Set once the local engine stopped writing after a storage error (Engine::storageFailure):
    // the message names the data directory and what to do.
    std::optional<std::string> storageFailure;
    std::string dataDirectory;  // the local engine's
};

// The backend's tables as they were when listed (the GUI lists them, then shows them): each
// table's definition and DescribeTable's "Table" object.
struct BackendTables {
    std::vector<std::shared_ptr<const TableDefinition>> tables;
    std::vector<Json> descriptions;  // same order

    std::shared_ptr<const TableDefinition> find(const std::string& name) const;
};

// One page of a table's or index's items, in the order a Scan reads them.
struct ItemPageRequest {
    std::string table;
    std::string index;  // empty for the table itself
    int limit = 200;
    std::optional<Item> exclusiveStartKey;
    // Scan's Segment and TotalSegments: only the segment's share of the key space (the
    // segments in order read the items in Scan order).
    int segment = 0;
    int totalSegments = 1;
    // Scan's Select COUNT: the page counts its items (scannedCount, lastEvaluatedKey) without
    // returning them.
    bool countOnly = false;
};

struct ItemPage {
    std::vector<Item> items;
    int64_t scannedCount = 0;
    std::optional<Item> lastEvaluatedKey;  // none on the last page
    // The last item of the page that could not be decoded (it is left out), if any.
    std::string itemError;
};

// A table's capacity metering for the live view.
struct CapacityRecording {
    // In effect for the table (the engine's own setting may override the table's).
    CapacityEnforcement enforcement = CapacityEnforcement::Off;
    // What the meter recorded; none when the table is not metered.
    std::optional<CapacitySnapshot> snapshot;
    int64_t itemCount = 0;  // with a snapshot only
};

// The records of a table's latest stream (DynamoDB Streams), for the Streams view.
struct StreamChanges {
    std::string streamArn;  // empty when the table has never had a stream
    std::string viewType;   // "NEW_AND_OLD_IMAGES", ...
    bool enabled = false;
    // GetRecords' records after the sequence number asked for, oldest first.
    std::vector<Json> records;
};

class Backend {
  public:
    virtual ~Backend() = default;

    // One DynamoDB operation: the request JSON in, the response JSON out.
    virtual Result<Json> call(std::string_view operation, const Json& request) = 0;
    // "local engine" or the endpoint URL.
    virtual std::string description() const = 0;
    // The URL the AWS CLI and SDKs reach this data at, for the request snippets: the remote
    // endpoint, or for the local engine the default address of `serve`.
    virtual std::string endpointUrl() const = 0;
    virtual bool isLocal() const { return false; }
    virtual BackendCapabilities capabilities() const { return {}; }

    // Every table, listed and described. The default follows ListTables' pages and describes
    // each table through call(); tables dropped in between are left out.
    virtual Result<BackendTables> listTables();
    // Whether listTables() answers at once, so that the window's thread may call it: true
    // for immediate backends (the default follows capabilities().immediate).
    virtual bool listsTablesAtOnce() const { return capabilities().immediate; }
    // One page of `request.table` (or its index). The default Scans through call().
    virtual Result<ItemPage> scanPage(const ItemPageRequest& request);
    // How many items `table` (or its index `index`) holds now, when the backend knows it
    // exactly: the local engine's statistics. nullopt otherwise (the default: DynamoDB's
    // ItemCount is refreshed about every six hours).
    virtual std::optional<int64_t> exactItemCount(const std::string& table,
                                                  const std::string& index);

    // Live metering: the table's enforcement setting in effect, and its recording.
    virtual Result<CapacityEnforcement> capacityEnforcement(const std::string& table);
    virtual Result<CapacityRecording> capacityRecording(const std::string& table);

    // Item files: imports the file at `path` into `table`; exports `table` (or
    // `options.indexName`) to `out`.
    virtual Result<ImportReport> importItemsFromFile(const std::string& table,
                                                     const std::string& path,
                                                     const ImportOptions& options);
    virtual Result<ExportReport> exportItems(const std::string& table, std::ostream& out,
                                             const ExportOptions& options);

    // Models: creates the model's tables, loads its sample items and fills empty tables with
    // `generateItems` generated items (model/model_engine.h, openModelInEngine).
    virtual Result<OpenedModel> openModel(const Model& model, int64_t generateItems = 1000);
    // Creates the model's missing tables, then generates items from its entity types
    // (model/sample_data_generator.h).
    virtual Result<GenerateReport> generateSampleData(const Model& model,
                                                      const GenerateOptions& options);

    // Classroom mode: up to `limit` items of `table` to step through, and the steps of one
    // request (worked out without writing anything).
    virtual Result<std::vector<Item>> walkthroughExamples(const std::string& table, int limit = 20);
    virtual Result<Walkthrough> walkThrough(const WalkthroughRequest& request);

    // DynamoDB Streams: the records of `table`'s latest stream whose sequence numbers come
    // after `afterSequence` (all of them when it is empty), at most `limit`, read with
    // DescribeTable, DescribeStream, GetShardIterator and GetRecords through call().
    virtual Result<StreamChanges> streamChanges(const std::string& table,
                                                const std::string& afterSequence = {},
                                                size_t limit = 1000);
    // The engine to serve as a local endpoint; it lives as long as this backend.
    virtual Result<Engine*> servedEngine();

    // What the engine's background work (index backfill and purge, the Time to Live sweep)
    // failed to do and still stands; none for a remote, whose DescribeTable says it.
    virtual BackgroundWorkReport backgroundWork() const { return {}; }
};

// Every table name, following ListTables' pages.
Result<std::vector<std::string>> listAllTables(Backend& backend);

// DescribeTable's "Table" object for `table`.
Result<Json> describeTable(Backend& backend, const std::string& table);

// A TableDescription (as DescribeTable and CreateTable return it) as a table definition: the
// name, attribute definitions, keys, billing, capacity and indexes (statistics are not kept).
Result<TableDefinition> tableDefinitionFromDescription(const Json& description);

// The key attributes of `item` in `table` (what GetItem and DeleteItem take).
Item itemKey(const TableDefinition& table, const Item& item);

}  // namespace shardscape
