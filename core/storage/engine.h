#pragma once
// The embedded DynamoDB engine: tables and items stored in one LevelDB database.
//
// Thread safety: every method may be called from any thread. Item writes and catalog changes
// are serialised by one write mutex (a write reads the old item, so read-modify-write must
// not interleave); reads run in parallel with each other and with writes.
//
// The engine works on typed values; the api layer above it (api/dispatch.h and the
// operations) parses DynamoDB requests, calls it and formats responses.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"
#include "base/spin_then_block_mutex.h"
#include "capacity/capacity_meter.h"
#include "schema/table_definition.h"
#include "storage/stream_record.h"
#include "values/attribute_value.h"
#include "values/stored_item.h"

namespace leveldb {
class DB;
class WriteBatch;
class Env;
class Cache;
class FilterPolicy;
}  // namespace leveldb

namespace shardscape {

struct EngineOptions {
    // fsync the LevelDB log on every write. Off by default: a write that returned is already
    // in the operating system's page cache and survives the process being killed; `sync`
    // also survives power loss, at the cost of one fsync per write (docs/engine.md, "Durability").
    bool syncWrites = false;
    // File system used by LevelDB; nullptr means the real one. Storage-fault tests pass one that
    // fails on demand (tests/fault_injecting_env.h).
    leveldb::Env* env = nullptr;
    size_t blockCacheBytes = 128u << 20;
    size_t writeBufferBytes = 64u << 20;
    // Seconds since the epoch; empty means the wall clock. Execute mode and tests pass a
    // simulated clock (base/clock.h).
    std::function<double()> clock;
    // AWS: "the maximum size of any item collection is 10 GB" (tables with local secondary
    // indexes). Tests lower it.
    int64_t itemCollectionLimitBytes = int64_t(10) << 30;
    // How often (real seconds) the background sweeper deletes expired items of tables with
    // Time to Live enabled; 0 turns the background sweep off (call sweepExpiredItems()).
    double timeToLiveSweepSeconds = 5;
    // Capacity enforcement for every table, overriding each table's own setting
    // (TableDefinition::capacityEnforcement); the simulator's execute mode sets ENFORCE.
    std::optional<CapacityEnforcement> capacityEnforcement;
    // Table lifecycle, in milliseconds of now(): how long a new table stays CREATING, a table
    // changed by UpdateTable stays UPDATING (and its changed indexes CREATING, UPDATING or
    // DELETING), and a deleted table stays DELETING. 0, the default, makes each change
    // immediate. `serve --create-table-ms N ...` sets them so that SDK waiters and retry code
    // meet the states DynamoDB goes through (docs/endpoint.md, "Table lifecycle").
    int64_t createTableMs = 0;
    int64_t updateTableMs = 0;
    int64_t deleteTableMs = 0;
    // Tables up to this many items take puts without reading the item they replace when
    // nothing needs it, and recount their statistics when next read (Engine::putItem). Larger
    // tables read it: their recount would take too long. Tests lower it.
    int64_t unreadPutTableItems = 1'000'000;
};

struct SortKeyCondition {
    enum class Op { Equal, Less, LessOrEqual, Greater, GreaterOrEqual, Between, BeginsWith };
    Op op = Op::Equal;
    AttributeValue value;
    AttributeValue upper;  // Between only
};

struct QuerySpec {
    std::string tableName;
    std::optional<std::string> indexName;
    // Index reads only: read each entry's table item and return (and filter) that instead;
    // a local secondary index query that asks for attributes the index does not project.
    bool fetchTableItems = false;
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
    std::optional<std::string> indexName;
    bool fetchTableItems = false;
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
    size_t bytesRead = 0;  // sum of the evaluated items' (or index entries') sizes, for capacity
    // Index reads with fetchTableItems: the size of each table item fetched (each is charged
    // separately, rounded up to 4 KB).
    std::vector<size_t> fetchedSizes;
    std::optional<Item> lastEvaluatedKey;
};

// Write capacity an item write spent on one secondary index (AWS: a new entry is one write,
// a changed index key is two — delete and put — and each is charged by the entry's size).
struct IndexWrite {
    std::string indexName;
    bool global = true;
    size_t entryBytes = 0;
    uint64_t partitionHash = 0;  // of the entry's index partition key
};

// Decides, given the current item (null if none), what to store: an Item to write, or
// nullopt to delete. Returning an error aborts the write (e.g. a failed condition).
using ItemMutation = std::function<Result<std::optional<Item>>(const StoredItem* current)>;

struct WriteResult {
    std::optional<StoredItem> oldItem;  // as it was before the write
    // A put written without reading the item it replaced (Engine::ReplacedItem::NotNeeded):
    // oldItem and oldSize say nothing.
    bool replacedUnread = false;
    std::optional<Item> newItem;
    size_t oldSize = 0;
    size_t newSize = 0;
    std::vector<IndexWrite> indexWrites;
    // Tables with local secondary indexes: the item collection's size after the write.
    std::optional<int64_t> itemCollectionBytes;
};

// One action of a TransactWriteItems: `mutation` decides the item's fate as for mutateItem;
// a condition check leaves the item as it is whatever the mutation returns.
struct TransactionWrite {
    std::string tableName;
    Item key;
    ItemMutation mutation;
    bool conditionCheckOnly = false;
};

struct ReadResult {
    std::optional<StoredItem> item;
    size_t size = 0;
};

// Work of the engine's background thread that failed: an index backfill, the purge of a
// deleted index's entries, the Time to Live sweep.
struct BackgroundFailure {
    enum class Task { IndexBackfill, IndexPurge, TimeToLiveSweep, StreamTrim };
    Task task = Task::TimeToLiveSweep;
    std::string tableName;  // the backfill's table (empty for the sweep)
    std::string indexName;  // the backfilled or purged index
    Error error;
    double time = 0;  // now() when it failed

    // "Backfill of index byState of table Orders: Storage error: ..."
    std::string describe() const;
};

class Engine;

// Bulk loading for sample data and imports: writes items without reading what they replace,
// so it runs at LevelDB's write speed. The table's ItemCount and TableSizeBytes are stale
// while a load is open; finish() recounts them in one sequential pass. Not thread-safe
// itself: use one loader from one thread (other threads may keep using the engine).
class BulkLoader {
  public:
    // An item that passed check() for a table: it carries that table's key attributes with
    // their types and fits in 400 KB (its DynamoDB size is kept).
    class CheckedItem {
      public:
        const Item& item() const { return item_; }
        size_t size() const { return size_; }

      private:
        friend class BulkLoader;
        CheckedItem(Item item, size_t size, uint32_t tableId)
            : item_(std::move(item)), size_(size), tableId_(tableId) {}
        Item item_;
        size_t size_;
        uint32_t tableId_;
    };

    ~BulkLoader();
    // The checks add() makes, item by item, with PutItem's messages: for callers that set
    // aside the items that fail (an import's rejected records) and load the rest.
    static Result<CheckedItem> check(const TableDefinition& table, Item item);
    // Validates all items first; writes them in one atomic batch.
    Status add(std::vector<Item> items);
    // Writes items checked for this loader's table in one atomic batch, without checking
    // them again.
    Status addChecked(std::vector<CheckedItem> items);
    // Recounts the table statistics and clears the stale mark.
    Status finish();

  private:
    friend class Engine;
    BulkLoader(Engine& engine, std::shared_ptr<const TableDefinition> table)
        : engine_(engine), table_(std::move(table)) {}
    bool readsBeforeWriting() const;
    Status write(const std::vector<CheckedItem>& items);
    Engine& engine_;
    std::shared_ptr<const TableDefinition> table_;
    bool finished_ = false;
};

class Engine {
  public:
    static Result<std::unique_ptr<Engine>> open(const std::string& directory,
                                                EngineOptions options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    double now() const;

    // --- Catalog -------------------------------------------------------------------------
    // Definitions handed out by these carry the table's TableStatus (and its indexes' shown
    // IndexStatus) at the time of the call.
    // Stores a new table; assigns its id, TableId and CreationDateTime. A name in use is a
    // ResourceInUseException ("Table already exists: <name>", or the CREATING message).
    Result<TableDefinition> createTable(TableDefinition definition);
    // Also finds a table that is still DELETING.
    Result<std::pair<TableDefinition, TableStatistics>> describeTable(
        const std::string& name) const;
    // How many items describing the table now would recount first (0 when its statistics are
    // counted): after puts that did not read the item they replaced (putItem). Lets a caller
    // on a window's thread leave a long recount to another thread.
    int64_t itemsToRecount(const std::string& name) const;
    std::vector<std::string> tableNames() const;  // sorted; the tables that exist
    // ListTables' view: tableNames() and the tables still DELETING, sorted.
    std::vector<std::string> listTableNames() const;
    // Applies `edit` to the stored definition atomically and persists it.
    Result<TableDefinition> updateTable(const std::string& name,
                                        const std::function<Status(TableDefinition&)>& edit);
    // Refused while the table is not ACTIVE (requireChangeable). The table is DELETING for
    // EngineOptions::deleteTableMs; its items are gone at once. Its streams are disabled and
    // stay readable until their records are past retention, as DynamoDB keeps a deleted
    // table's stream for 24 hours.
    Result<std::pair<TableDefinition, TableStatistics>> deleteTable(const std::string& name);
    // The table whose items can be read and written: nullptr when there is none, and while
    // it is CREATING (DynamoDB's data plane does not see a table before it is ACTIVE).
    std::shared_ptr<const TableDefinition> table(const std::string& name) const;

    // --- Table lifecycle (EngineOptions::createTableMs and its siblings) ------------------
    // The table's status now; nullopt when there is no such table.
    std::optional<TableStatus> tableStatus(const std::string& name) const;
    // Success when the table can be changed (UpdateTable, DeleteTable), i.e. it is ACTIVE;
    // otherwise ResourceNotFoundException ("Requested resource not found: Table: <name> not
    // found") or ResourceInUseException ("Attempt to change a resource which is still in
    // use: Table is being created: <name>", "... updated: ...", "... deleted: ...").
    Status requireChangeable(const std::string& name) const;
    // An UpdateTable changed the table: it is UPDATING for EngineOptions::updateTableMs, the
    // indexes in `indexes` show the given status meanwhile (a created index CREATING at least
    // that long, an index whose throughput changed UPDATING), and `departing` (deleted
    // indexes) are shown DELETING. As in DynamoDB, the table and its indexes show the
    // provisioned throughput they had `before` the update until it is over (the new
    // LastIncreaseDateTime and LastDecreaseDateTime at once). Nothing happens when
    // updateTableMs is 0.
    void beginTableUpdate(const std::string& name, std::map<std::string, IndexStatus> indexes,
                          std::vector<IndexDefinition> departing,
                          std::shared_ptr<const TableDefinition> before);

    // --- Items ---------------------------------------------------------------------------
    // `precondition`, if given, sees the item being replaced (null if none) under the write
    // lock and can veto the write (ConditionExpression).
    //
    // Reading the item a put replaces costs about as much as the write itself. With
    // ReplacedItem::NotNeeded, no precondition, and a table without indexes, streams or a
    // capacity meter (of at most EngineOptions::unreadPutTableItems items), the item is
    // written without that read (WriteResult::replacedUnread): it was only needed for
    // ItemCount and TableSizeBytes, which are then recounted from the items the next time
    // they are read. A table whose recounts cost more than the reads they saved reads again
    // until it has taken enough puts to be worth a recount. Ask for ReplacedItem::Needed for
    // oldItem and oldSize (ReturnValues ALL_OLD, consumed capacity).
    enum class ReplacedItem { Needed, NotNeeded };
    Result<WriteResult> putItem(const std::string& tableName, Item item,
                                const std::function<Status(const StoredItem*)>& precondition = {},
                                ReplacedItem replaced = ReplacedItem::NotNeeded);
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

    // All actions or none, in one atomic LevelDB batch with their index updates. On failure
    // `reasons` holds each action's outcome (ok, or why it failed) and the result is a
    // TransactionCanceledException.
    Result<std::vector<WriteResult>> transactWrite(const std::vector<TransactionWrite>& actions,
                                                   std::vector<Status>& reasons);

    // Reads several items from one consistent snapshot (TransactGetItems).
    Result<std::vector<ReadResult>> getItemsAtomically(
        const std::vector<std::pair<std::string, Item>>& keys) const;

    // ClientRequestToken idempotency of TransactWriteItems. AWS: a token is valid for 10
    // minutes; repeating it with the same request returns the first response without
    // writing again, with a different request is an IdempotentParameterMismatchException.
    struct IdempotentResponse {
        std::string fingerprint;
        std::string response;
        double time = 0;
    };
    std::optional<IdempotentResponse> rememberedTransaction(const std::string& token);
    void rememberTransaction(const std::string& token, IdempotentResponse response);
    static constexpr double kIdempotencyWindowSeconds = 600;

    // --- Capacity enforcement (capacity_meter.h) ------------------------------------------
    // Tables whose capacity is metered (enforcement RECORD or ENFORCE) have a CapacityMeter.
    // Item writes charge it themselves (before they commit, and a failed condition too);
    // the read operations charge it through chargeCapacity once they know what they read.
    // True when any table is metered: the request path checks this before anything else.
    bool capacityMetered() const { return meteredTables_.load(std::memory_order_relaxed) > 0; }
    // Charges one request to the table's partitions at now(): the throttling error when the
    // request is refused; success for tables that are not metered.
    Status chargeCapacity(const std::string& tableName, const CapacityCharge* charges,
                          size_t count);
    // What the table's meter recorded (per second and per partition, for live charts);
    // nullopt when the table is not metered.
    std::optional<CapacitySnapshot> capacityRecorder(const std::string& tableName) const;
    CapacityEnforcement effectiveEnforcement(const TableDefinition& table) const {
        return options_.capacityEnforcement.value_or(table.capacityEnforcement);
    }

    // --- Secondary indexes and Time to Live ----------------------------------------------
    // Adds a global secondary index (status CREATING) and backfills it in the background.
    Result<TableDefinition> createGlobalIndex(const std::string& tableName, IndexDefinition index,
                                              std::vector<AttributeDefinition> definitions);
    // Removes a global secondary index; its entries are purged in the background.
    Result<TableDefinition> deleteGlobalIndex(const std::string& tableName,
                                              const std::string& indexName);
    // Deletes every item whose Time to Live attribute is at or before now(); returns how many.
    Result<int64_t> sweepExpiredItems();
    // Blocks until queued background work (index backfills, purges) is done.
    void waitForBackgroundWork();
    // Background work whose last run failed, oldest first. A backfill that failed is listed
    // until its index is deleted (the index says so too: IndexDefinition::backfillError); a
    // purge until the engine closes (the next open purges what is left); the Time to Live
    // sweep, which is retried every timeToLiveSweepSeconds, until a sweep succeeds.
    std::vector<BackgroundFailure> backgroundFailures() const;
    // How many background failures were recorded since the engine opened: a cheap way for a
    // view to notice a new one.
    uint64_t backgroundFailureCount() const {
        return backgroundFailureCount_.load(std::memory_order_relaxed);
    }
    // Why the backfill of an index failed; nullopt if it did not (or the index is unknown).
    std::optional<Error> backfillFailure(const std::string& tableName,
                                         const std::string& indexName) const;

    // --- Storage failures ------------------------------------------------------------------
    // Set by the first write LevelDB refused (a full disk, a failed sync, a failed background
    // compaction): from then on every write fails with this error, naming the data directory
    // and what to do, until the directory is opened again. Reads go on. Stopping is what keeps
    // the data safe: after a failed write LevelDB's log may end in a torn record, which a
    // reopen discards, but a later write appended behind it would make the log unreadable.
    std::optional<Error> storageFailure() const;
    const std::string& directory() const { return directory_; }

    // --- Checks (shardscape-cli repair) ------------------------------------------------------
    // Compares an index's entries with the entries its table's items call for: entries no item
    // calls for (orphaned), entries that differ from their item's (stale) and entries missing.
    // With `fix`, removes, rewrites and adds them. Its statistics are recounted either way.
    struct IndexCheck {
        std::string tableName, indexName;
        int64_t entries = 0;  // after the check (and the fix)
        int64_t orphaned = 0, stale = 0, missing = 0;
        bool consistent() const { return orphaned == 0 && stale == 0 && missing == 0; }
    };
    Result<IndexCheck> checkIndex(const std::string& tableName, const std::string& indexName,
                                  bool fix);
    // Counts every table's items and bytes (and its indexes') again, replacing the statistics
    // kept in memory; returns what they were before.
    Result<std::map<std::string, TableStatistics>> recountStatistics();

    // Validation shared with the request layer.
    static Status validateKey(const TableDefinition& table, const Item& key);
    static Status validateItemKeys(const TableDefinition& table, const Item& item);
    // An item's attributes that are keys of the table's secondary indexes must have the
    // index's key type and be valid key values.
    static Status validateIndexKeys(const TableDefinition& table, const Item& item);
    static Item keyOf(const TableDefinition& table, const Item& item);
    // Table and index key attributes of an index entry (an index read's LastEvaluatedKey).
    static Item indexKeyOf(const TableDefinition& table, const IndexDefinition& index,
                           const Item& entry);

    static constexpr size_t kPageLimitBytes = 1024 * 1024;

    // --- DynamoDB Streams (engine_streams.cc) ------------------------------------------
    // Every item write to a table whose stream is enabled adds one record per changed item to
    // it, in the same LevelDB batch as the item (stream_record.h, STORAGE.md). A write that
    // changes nothing (deleting a missing item, putting an identical one) adds none.
    // AWS: "All data in DynamoDB Streams is subject to a 24-hour lifetime."
    static constexpr double kStreamRetentionSeconds = 24 * 3600;
    // Enables the table's stream with `viewType` (a new stream, with a new ARN), or disables
    // it (nullopt); a disabled stream stays readable until its records are past retention.
    // DynamoDB's errors: "Table already has an enabled stream: TableName: <name>", "Table has
    // no stream to disable: TableName: <name>".
    Result<TableDefinition> setStream(const std::string& tableName,
                                      std::optional<StreamViewType> viewType);
    struct StreamHandle {
        std::shared_ptr<const TableDefinition> table;
        StreamDefinition stream;
    };
    // The streams that can be read: enabled ones and disabled ones still within retention,
    // by table name, oldest first.
    std::vector<StreamHandle> streams() const;
    // The records of a stream whose sequence numbers are in [from, through], at most `limit`
    // and, past the first, no more than `maxBytes` of SizeBytes. Records past retention are
    // left out even before the background trim has removed them.
    Result<std::vector<StreamRecord>> readStreamRecords(uint32_t streamId, uint64_t from,
                                                        uint64_t through, size_t limit,
                                                        size_t maxBytes) const;
    // The highest sequence number of the stream's records that are past retention (trimmed
    // or about to be); 0 if none.
    Result<uint64_t> streamTrimmedThrough(uint32_t streamId) const;
    // The highest sequence number given to a record so far: any later record's is higher.
    uint64_t lastSequenceNumber() const { return lastSequence_.load(std::memory_order_acquire); }
    // The smallest sequence number a record written at `time` can have: sequence numbers are
    // the write's time in microseconds times 1000 (or the previous one plus one, if larger),
    // so they grow with time, and survive a restart that finds every record trimmed.
    static uint64_t sequenceAt(double time);
    // Removes records past retention, and disabled streams whose records all are; returns
    // how many records it removed. Runs in the background with the Time to Live sweep.
    Result<int64_t> trimStreams();

  private:
    friend class BulkLoader;
    // Every write to LevelDB goes through here (see storageFailure()).
    Status writeToStorage(leveldb::WriteBatch& batch, bool sync);
    // A transition of the table's lifecycle, kept in memory until now() reaches `until`.
    struct Lifecycle {
        TableStatus status = TableStatus::Active;
        double until = 0;
        std::map<std::string, IndexStatus> indexes;     // shown statuses of changed indexes
        std::vector<IndexDefinition> departingIndexes;  // deleted indexes, shown DELETING
        std::shared_ptr<const TableDefinition> before;  // an update's throughput, shown
    };
    // Puts written without reading the item they replaced (putItem).
    struct UnreadPuts {
        int64_t sinceCount = 0;  // since the statistics were last counted: not in them
        // A recount cost more than the reads it saved: puts read until `readSincePause`
        // reaches the point where a recount pays again.
        bool paused = false;
        int64_t readSincePause = 0;
    };
    struct TableState {
        std::shared_ptr<const TableDefinition> definition;
        // Both guarded by writeMutex_; the statistics are recounted before they are read when
        // unreadPuts.sinceCount > 0 (settleStatisticsLocked).
        mutable TableStatistics stats;
        mutable UnreadPuts unreadPuts;
        std::shared_ptr<CapacityMeter> meter;  // when capacity is metered
        Lifecycle lifecycle;
    };
    // A deleted table, shown DELETING until `until` (EngineOptions::deleteTableMs).
    struct DeletingTable {
        TableDefinition definition;
        TableStatistics stats;
        double until = 0;
    };
    // One atomic LevelDB batch being assembled under the write lock: the writes, and the
    // statistics and item-collection changes to apply once it is written.
    struct WritePlan;
    struct RangeRead;

    Engine() = default;
    Status load();
    Status purgeOrphanedItems();
    Status saveStatistics();
    Result<std::shared_ptr<const TableDefinition>> requireTable(const std::string& name) const;
    // The state's status now (a transition that has run its time is over).
    TableStatus statusOf(const TableState& state) const;
    // The state's definition with its status and its indexes' shown statuses.
    TableDefinition present(const TableState& state) const;
    // The index's status as DescribeTable shows it: CREATING while an UpdateTable that
    // created it is settling, even when its backfill is done.
    IndexStatus shownIndexStatus(const std::string& tableName, const IndexDefinition& index) const;
    // Caller holds catalogMutex_.
    Status changeableLocked(const std::string& name) const;
    bool deletingLocked(const std::string& name) const;
    // `byTimeToLive`: the Time to Live sweeper's delete (its stream record says so).
    Result<WriteResult> writeLocked(const TableDefinition& table, const std::string& storageKey,
                                    const ItemMutation& mutation, bool byTimeToLive = false);
    // Adds the stream record of a planned item write to `plan`.
    // `newRecord` is the new item's stored record (empty for a delete).
    void planStreamRecord(const TableDefinition& table, const StreamDefinition& stream,
                          const WriteResult& write, const Item* oldDecoded,
                          std::string_view newRecord, WritePlan& plan);
    // Highest record sequence number stored (at open).
    Status loadLastSequence();
    // Adds one item write (and its index and item-collection updates) to `plan`.
    // `currentSize`, if given, receives the size of the item being replaced (0 if none),
    // also when the mutation fails.
    Result<WriteResult> planWrite(const TableDefinition& table, const std::string& storageKey,
                                  const ItemMutation& mutation, WritePlan& plan,
                                  size_t* currentSize = nullptr);
    // Creates, updates or drops the table's meter after its definition changed; caller holds
    // catalogMutex_ exclusively (and writeMutex_, or is opening the engine).
    void syncMeterLocked(TableState& state);
    // Charges an item write (`factor` 2 in a transaction) to the table's meter.
    Status chargeWrite(const TableDefinition& table, const std::string& storageKey,
                       const WriteResult& written, double factor);
    Status commitLocked(WritePlan& plan);
    // Writes `item` without reading what it replaces when the table allows it (putItem);
    // nullopt when it does not (the caller takes the full write path). Caller holds
    // writeMutex_.
    std::optional<Result<WriteResult>> putUnreadLocked(const TableDefinition& table,
                                                       const std::string& storageKey, Item& item);
    // Recounts the table's statistics if unread puts left them short; caller holds
    // writeMutex_ (and not catalogMutex_).
    Status settleStatisticsLocked(const std::string& tableName) const;
    Result<int64_t> collectionSizeLocked(const std::string& key, const WritePlan& plan) const;
    Status purgeTableItems(uint32_t tableId);  // items of a table, or entries of an index
    Status purgeRange(const std::string& prefix);
    // Recomputes a table's statistics from its items; caller holds writeMutex_ (or is
    // opening the engine).
    Status recountLocked(const std::string& tableName) const;
    Result<Page> readRange(const RangeRead& read) const;
    Result<Page> queryIndex(const TableDefinition& table, const IndexDefinition& index,
                            const QuerySpec& spec) const;
    // Background work: one thread runs queued tasks (backfills, purges) and the periodic
    // Time to Live sweep.
    void startBackgroundThread();
    void stopBackgroundThread();
    void enqueue(std::function<void()> task);
    void backgroundLoop();
    Status backfillIndex(const std::string& tableName, uint32_t indexId);
    // The index entry (storage key and record) an item with storage key `itemKey` calls for;
    // nullopt when the item is not in the index (no index key, or one of the wrong type).
    static std::optional<std::pair<std::string, std::string>> indexEntryOf(
        const TableDefinition& table, const IndexDefinition& index, const Item& item,
        const std::string& itemKey);
    // Runs a backfill and keeps its failure on the index and in backgroundFailures_.
    void runBackfill(const std::string& tableName, uint32_t indexId);
    void recordFailure(BackgroundFailure failure);
    void clearFailure(BackgroundFailure::Task task, const std::string& tableName,
                      const std::string& indexName);
    // Recounts one index's statistics; caller holds writeMutex_.
    Status recountIndexLocked(const std::string& tableName, uint32_t indexId) const;

    EngineOptions options_;
    std::string openDirectory_;  // canonical path, while this engine has it open
    std::string directory_;      // as the caller named it
    std::atomic<bool> writesStopped_{false};
    mutable std::mutex storageFailureMutex_;  // guards storageFailure_
    std::optional<Error> storageFailure_;
    // The file system LevelDB uses: options_.env (or the real one), watching the lock.
    std::unique_ptr<leveldb::Env> env_;
    std::unique_ptr<leveldb::Cache> cache_;
    std::unique_ptr<const leveldb::FilterPolicy> filterPolicy_;
    std::unique_ptr<leveldb::DB> db_;

    mutable std::shared_mutex catalogMutex_;  // guards tables_
    std::map<std::string, TableState> tables_;
    std::map<std::string, DeletingTable> deletingTables_;  // guarded by catalogMutex_
    // Deleted tables whose streams are still readable (AWS keeps a deleted table's stream for
    // 24 hours), by table id, each stream disabled at the delete; guarded by catalogMutex_.
    std::map<uint32_t, std::shared_ptr<const TableDefinition>> retiredTables_;
    mutable SpinThenBlockMutex writeMutex_;  // serialises writes; also guards TableState::stats
    uint32_t nextTableId_ = 1;
    std::atomic<int> meteredTables_{0};

    std::mutex tokensMutex_;
    std::map<std::string, IdempotentResponse> transactionTokens_;

    std::mutex backgroundMutex_;
    std::condition_variable backgroundWake_;
    std::condition_variable backgroundIdle_;
    std::deque<std::function<void()>> backgroundTasks_;
    bool backgroundBusy_ = false;
    std::atomic<bool> stopping_{false};
    std::thread backgroundThread_;
    mutable std::mutex failuresMutex_;  // guards backgroundFailures_
    std::vector<BackgroundFailure> backgroundFailures_;
    std::atomic<uint64_t> backgroundFailureCount_{0};
    // A bulk load's recount failed: the statistics in memory are not exact, so the close
    // does not mark them clean and the next open recounts them.
    std::atomic<bool> statisticsStale_{false};
    // The last stream-record sequence number given out; written under writeMutex_.
    std::atomic<uint64_t> lastSequence_{0};
};

}  // namespace shardscape
