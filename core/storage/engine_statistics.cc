// Engine: recounting the statistics from the items, and bringing them up to date after puts
// that did not read the item they replaced (Engine::putItem).
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

// A recount reads about four million items a second (1 M in 0.23 s on a 2-core machine); the
// read of the item a put replaces takes 2 µs or more (a search of the memtable, and of the
// tables' blocks when it is not there). A recounted item costs at most an eighth of a read,
// so a recount pays when the table took at least an eighth of its item count in unread puts
// since the last one.
constexpr int64_t kRecountedItemsPerRead = 8;

// Counts the records under `prefix`: their number and the sizes in their headers (each plus
// `overhead`).
Status countRecords(leveldb::DB& db, const std::string& prefix, int64_t overhead, int64_t& count,
                    int64_t& bytes) {
    leveldb::ReadOptions options = checkedRead();
    options.fill_cache = false;  // one pass over everything: don't evict the working set
    std::unique_ptr<leveldb::Iterator> it(db.NewIterator(options));
    count = 0;
    bytes = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        auto size =
            StoredItem::sizeOfRecord(std::string_view(it->value().data(), it->value().size()));
        if (!size) return size.error();
        ++count;
        bytes += static_cast<int64_t>(*size) + overhead;
    }
    if (!it->status().ok()) return storageError(it->status());
    return {};
}

}  // namespace

Status Engine::recountLocked(const std::string& tableName) const {
    std::shared_ptr<const TableDefinition> definition = table(tableName);
    if (!definition) return {};
    TableStatistics stats;
    SHARDSCAPE_TRY(countRecords(*db_, layout::tablePrefix(definition->id), 0, stats.itemCount,
                                stats.sizeBytes));
    {
        std::unique_lock lock(catalogMutex_);
        auto entry = tables_.find(tableName);
        if (entry != tables_.end()) {
            stats.indexes = entry->second.stats.indexes;
            entry->second.stats = stats;
            entry->second.unreadPuts.sinceCount = 0;
        }
    }
    for (const auto& index : definition->indexes)
        SHARDSCAPE_TRY(recountIndexLocked(tableName, index.id));
    return {};
}

Status Engine::recountIndexLocked(const std::string& tableName, uint32_t indexId) const {
    IndexStatistics stats;
    SHARDSCAPE_TRY(countRecords(*db_, layout::tablePrefix(indexId), kIndexEntryOverheadBytes,
                                stats.itemCount, stats.sizeBytes));
    std::unique_lock lock(catalogMutex_);
    auto entry = tables_.find(tableName);
    if (entry != tables_.end()) entry->second.stats.indexes[indexId] = stats;
    return {};
}

int64_t Engine::itemsToRecount(const std::string& name) const {
    std::lock_guard writeLock(writeMutex_);
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it == tables_.end() || it->second.unreadPuts.sinceCount == 0) return 0;
    return it->second.stats.itemCount + it->second.unreadPuts.sinceCount;  // at most this many
}

Status Engine::settleStatisticsLocked(const std::string& tableName) const {
    int64_t unread = 0;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(tableName);
        if (it == tables_.end() || it->second.unreadPuts.sinceCount == 0) return {};
        unread = it->second.unreadPuts.sinceCount;
    }
    SHARDSCAPE_TRY(recountLocked(tableName));
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(tableName);
    if (it == tables_.end()) return {};
    UnreadPuts& puts = it->second.unreadPuts;
    if (unread * kRecountedItemsPerRead < it->second.stats.itemCount) {
        puts.paused = true;
        puts.readSincePause = 0;
    }
    return {};
}

std::optional<Result<WriteResult>> Engine::putUnreadLocked(const TableDefinition& table,
                                                           const std::string& storageKey,
                                                           Item& item) {
    const TableState* state = nullptr;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(table.name);
        if (it == tables_.end() || it->second.definition->id != table.id) return std::nullopt;
        // Indexes, streams and the capacity meter need the replaced item.
        const TableDefinition& current = *it->second.definition;
        if (!current.indexes.empty() || current.liveStream() || it->second.meter)
            return std::nullopt;
        state = &it->second;  // stays put while writeMutex_ is held (deleteTable takes it)
    }
    UnreadPuts& puts = state->unreadPuts;
    const int64_t items = state->stats.itemCount + puts.sinceCount;  // at most this many
    if (items > options_.unreadPutTableItems) return std::nullopt;
    if (puts.paused) {
        if (++puts.readSincePause * kRecountedItemsPerRead < items) return std::nullopt;
        puts.paused = false;
    }
    WriteResult result;
    result.replacedUnread = true;
    auto newSize = checkedItemSize(item);
    if (!newSize) return Result<WriteResult>(newSize.error());
    result.newSize = *newSize;
    // One record buffer and one batch per writing thread: no allocation per put. LevelDB
    // only reads the batch while Write runs.
    thread_local std::string record;
    thread_local leveldb::WriteBatch batch;
    StoredItem::encode(item, result.newSize, record);
    batch.Clear();
    batch.Put(storageKey, record);
    if (auto written = writeToStorage(batch, options_.syncWrites); !written)
        return Result<WriteResult>(written.error());
    ++puts.sinceCount;
    result.newItem = std::move(item);
    return Result<WriteResult>(std::move(result));
}

}  // namespace shardscape
