#pragma once
// The embedded DynamoDB engine: tables and items stored in one LevelDB database.
//
// Thread safety: every method may be called from any thread. Item writes and catalog changes
// are serialised by one write mutex (a write reads the old item, so read-modify-write must
// not interleave); reads run in parallel with each other and with writes.
//
// The engine works on typed values; the JSON request layer (operations/, dispatch.h) parses
// DynamoDB requests, calls it and formats responses.

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "attribute_value.h"
#include "result.h"
#include "stored_item.h"
#include "table_definition.h"

namespace leveldb {
class DB;
class Env;
class Cache;
class FilterPolicy;
}  // namespace leveldb

namespace shardscape {

struct EngineOptions {
    // fsync the LevelDB log on every write. Off by default: a write that returned is already
    // in the operating system's page cache and survives the process being killed; `sync`
    // also survives power loss, at the cost of one fsync per write (see README).
    bool syncWrites = false;
    // File system used by LevelDB; nullptr means the real one. Tests pass an in-memory or
    // failure-injecting Env.
    leveldb::Env* env = nullptr;
    size_t blockCacheBytes = 128u << 20;
    size_t writeBufferBytes = 64u << 20;
    // Seconds since the epoch; the capacity model and simulator will supply simulated clocks.
    std::function<double()> clock;
};

struct SortKeyCondition {
    enum class Op { Equal, Less, LessOrEqual, Greater, GreaterOrEqual, Between, BeginsWith };
    Op op = Op::Equal;
    AttributeValue value;
    AttributeValue upper;  // Between only
};

struct QuerySpec {
    std::string tableName;
    AttributeValue partitionKey;
    std::optional<SortKeyCondition> sortKeyCondition;
    bool scanForward = true;
    std::optional<int64_t> limit;
    std::optional<Item> exclusiveStartKey;
    // Keeps an evaluated item in the page; every evaluated item still counts toward
    // ScannedCount, Limit, the 1 MB page limit and consumed capacity.
    std::function<bool(const Item&)> keep;
};

struct ScanSpec {
    std::string tableName;
    std::optional<int64_t> limit;
    std::optional<Item> exclusiveStartKey;
    int segment = 0;
    int totalSegments = 1;
    std::function<bool(const Item&)> keep;
};

struct Page {
    std::vector<StoredItem> items;  // decode() what you show
    // When a `keep` filter ran, the kept items already decoded (parallel to `items`).
    std::vector<Item> decodedItems;
    int64_t scannedCount = 0;
    size_t bytesRead = 0;  // sum of the evaluated items' sizes, for capacity
    std::optional<Item> lastEvaluatedKey;
};

struct WriteResult {
    std::optional<StoredItem> oldItem;  // as it was before the write
    std::optional<Item> newItem;
    size_t oldSize = 0;
    size_t newSize = 0;
};

struct ReadResult {
    std::optional<StoredItem> item;
    size_t size = 0;
};

class Engine;

// Bulk loading for sample data and imports: writes items without reading what they replace,
// so it runs at LevelDB's write speed. The table's ItemCount and TableSizeBytes are stale
// while a load is open; finish() recounts them in one sequential pass. Not thread-safe
// itself: use one loader from one thread (other threads may keep using the engine).
class BulkLoader {
  public:
    ~BulkLoader();
    // Validates all items first; writes them in one atomic batch.
    Status add(std::vector<Item> items);
    // Recounts the table statistics and clears the stale mark.
    Status finish();

  private:
    friend class Engine;
    BulkLoader(Engine& engine, std::shared_ptr<const TableDefinition> table)
        : engine_(engine), table_(std::move(table)) {}
    Engine& engine_;
    std::shared_ptr<const TableDefinition> table_;
    bool finished_ = false;
};

// Decides, given the current item (null if none), what to store: an Item to write, or
// nullopt to delete. Returning an error aborts the write (e.g. a failed condition).
using ItemMutation = std::function<Result<std::optional<Item>>(const StoredItem* current)>;

class Engine {
  public:
    static Result<std::unique_ptr<Engine>> open(const std::string& directory,
                                                EngineOptions options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    double now() const;

    // --- Catalog -------------------------------------------------------------------------
    // Stores a new table; assigns its id, TableId and CreationDateTime.
    Result<TableDefinition> createTable(TableDefinition definition);
    Result<std::pair<TableDefinition, TableStatistics>> describeTable(
        const std::string& name) const;
    std::vector<std::string> tableNames() const;  // sorted
    // Applies `edit` to the stored definition atomically and persists it.
    Result<TableDefinition> updateTable(const std::string& name,
                                        const std::function<Status(TableDefinition&)>& edit);
    Result<std::pair<TableDefinition, TableStatistics>> deleteTable(const std::string& name);
    std::shared_ptr<const TableDefinition> table(const std::string& name) const;

    // --- Items ---------------------------------------------------------------------------
    // `precondition`, if given, sees the item being replaced (null if none) under the write
    // lock and can veto the write (ConditionExpression).
    Result<WriteResult> putItem(const std::string& tableName, Item item,
                                const std::function<Status(const StoredItem*)>& precondition = {});
    // Writes many items in one atomic LevelDB batch (bulk loading and sample data): all are
    // validated first and nothing is written if any is invalid. Later items overwrite
    // earlier ones with the same key, as consecutive PutItems would.
    Status putItems(const std::string& tableName, std::vector<Item> items);
    Result<WriteResult> deleteItem(const std::string& tableName, const Item& key);
    Result<std::unique_ptr<BulkLoader>> beginBulkLoad(const std::string& tableName);
    // Read-modify-write of one item under the write lock.
    Result<WriteResult> mutateItem(const std::string& tableName, const Item& key,
                                   const ItemMutation& mutation);
    Result<ReadResult> getItem(const std::string& tableName, const Item& key) const;
    Result<Page> query(const QuerySpec& spec) const;
    Result<Page> scan(const ScanSpec& spec) const;

    // Validation shared with the request layer.
    static Status validateKey(const TableDefinition& table, const Item& key);
    static Status validateItemKeys(const TableDefinition& table, const Item& item);
    static Item keyOf(const TableDefinition& table, const Item& item);

    static constexpr size_t kPageLimitBytes = 1024 * 1024;

  private:
    friend class BulkLoader;
    struct TableState {
        std::shared_ptr<const TableDefinition> definition;
        TableStatistics stats;
    };

    Engine() = default;
    Status load();
    Status purgeOrphanedItems();
    Status saveStatistics();
    Result<std::shared_ptr<const TableDefinition>> requireTable(const std::string& name) const;
    Result<WriteResult> writeLocked(const TableDefinition& table, const std::string& storageKey,
                                    const ItemMutation& mutation);
    Status purgeTableItems(uint32_t tableId);
    // Recomputes a table's statistics from its items; caller holds writeMutex_ (or is
    // opening the engine).
    Status recountLocked(const std::string& tableName);
    Result<Page> readRange(const TableDefinition& table, const std::string& lower,
                           const std::string& upper, bool forward, std::optional<int64_t> limit,
                           const std::function<bool(const Item&)>& keep) const;

    EngineOptions options_;
    std::unique_ptr<leveldb::Cache> cache_;
    std::unique_ptr<const leveldb::FilterPolicy> filterPolicy_;
    std::unique_ptr<leveldb::DB> db_;

    mutable std::shared_mutex catalogMutex_;  // guards tables_
    std::map<std::string, TableState> tables_;
    mutable std::mutex writeMutex_;  // serialises writes; also guards TableState::stats
    uint32_t nextTableId_ = 1;
};

}  // namespace shardscape
