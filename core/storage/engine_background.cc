// Engine: online global secondary index creation and deletion, the Time to Live sweeper and
// the background thread that runs them.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <chrono>
#include <cstdlib>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

constexpr size_t kBackfillChunkItems = 1000;

Error onlyOneIndexChange() {
    return Error{ErrorType::LimitExceeded,
                 "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                 "simultaneously per table"};
}

}  // namespace

void Engine::startBackgroundThread() {
    backgroundThread_ = std::thread([this] { backgroundLoop(); });
}

void Engine::stopBackgroundThread() {
    {
        std::lock_guard lock(backgroundMutex_);
        stopping_ = true;
    }
    backgroundWake_.notify_all();
    backgroundIdle_.notify_all();
    if (backgroundThread_.joinable()) backgroundThread_.join();
}

void Engine::enqueue(std::function<void()> task) {
    {
        std::lock_guard lock(backgroundMutex_);
        backgroundTasks_.push_back(std::move(task));
    }
    backgroundWake_.notify_all();
}

void Engine::waitForBackgroundWork() {
    std::unique_lock lock(backgroundMutex_);
    backgroundIdle_.wait(
        lock, [this] { return stopping_ || (backgroundTasks_.empty() && !backgroundBusy_); });
}

void Engine::backgroundLoop() {
    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(options_.timeToLiveSweepSeconds));
    auto nextSweep = Clock::now() + interval;
    std::unique_lock lock(backgroundMutex_);
    while (!stopping_) {
        if (!backgroundTasks_.empty()) {
            auto task = std::move(backgroundTasks_.front());
            backgroundTasks_.pop_front();
            backgroundBusy_ = true;
            lock.unlock();
            task();
            lock.lock();
            backgroundBusy_ = false;
            if (backgroundTasks_.empty()) backgroundIdle_.notify_all();
            continue;
        }
        if (options_.timeToLiveSweepSeconds > 0) {
            if (Clock::now() >= nextSweep) {
                backgroundBusy_ = true;
                lock.unlock();
                // A failed sweep is kept in backgroundFailures() and retried at the next
                // interval; the first one that succeeds clears it.
                auto swept = sweepExpiredItems();
                if (swept)
                    clearFailure(BackgroundFailure::Task::TimeToLiveSweep, {}, {});
                else
                    recordFailure(
                        {BackgroundFailure::Task::TimeToLiveSweep, {}, {}, swept.error(), now()});
                // Stream records past their 24 hours go at the same pace.
                auto trimmed = trimStreams();
                if (trimmed)
                    clearFailure(BackgroundFailure::Task::StreamTrim, {}, {});
                else
                    recordFailure(
                        {BackgroundFailure::Task::StreamTrim, {}, {}, trimmed.error(), now()});
                lock.lock();
                backgroundBusy_ = false;
                nextSweep = Clock::now() + interval;
                backgroundIdle_.notify_all();
                continue;
            }
            backgroundWake_.wait_until(lock, nextSweep);
        } else {
            backgroundWake_.wait(lock);
        }
    }
}

Result<TableDefinition> Engine::createGlobalIndex(const std::string& tableName,
                                                  IndexDefinition index,
                                                  std::vector<AttributeDefinition> definitions) {
    std::lock_guard writeLock(writeMutex_);
    auto current = requireTable(tableName);
    if (!current) return current.error();
    TableDefinition updated = **current;
    if (updated.findIndex(index.name))
        return validationError("Attempting to create an index which already exists");
    size_t globalCount = 0;
    for (const auto& existing : updated.indexes) {
        if (existing.status != IndexStatus::Active) return onlyOneIndexChange();
        if (existing.global) ++globalCount;
    }
    if (globalCount >= 20)
        return Error{ErrorType::LimitExceeded,
                     "One or more parameter values were invalid: GlobalSecondaryIndex count "
                     "exceeds the per-table limit of 20"};
    index.id = nextTableId_;
    index.global = true;
    index.status = IndexStatus::Creating;
    updated.indexes.push_back(index);
    updated.attributeDefinitions = std::move(definitions);
    leveldb::WriteBatch batch;
    batch.Put(layout::metaKey("next_table_id"), std::to_string(nextTableId_ + 1));
    batch.Put(layout::catalogKey(tableName), updated.toStorageJson().dump());
    batch.Put(layout::statsKey(index.id), encodeTableStatistics({}));
    SHARDSCAPE_TRY(writeToStorage(batch, true));
    ++nextTableId_;
    {
        std::unique_lock lock(catalogMutex_);
        auto& state = tables_[tableName];
        state.definition = std::make_shared<const TableDefinition>(updated);
        state.stats.indexes[index.id] = {};
        syncMeterLocked(state);
    }
    const uint32_t id = index.id;
    enqueue([this, tableName, id] { runBackfill(tableName, id); });
    return updated;
}

Result<TableDefinition> Engine::deleteGlobalIndex(const std::string& tableName,
                                                  const std::string& indexName) {
    std::lock_guard writeLock(writeMutex_);
    auto current = requireTable(tableName);
    if (!current) return current.error();
    TableDefinition updated = **current;
    const IndexDefinition* index = updated.findIndex(indexName);
    if (!index || !index->global)
        return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    // An index whose backfill failed can be deleted: nothing is working on it any more
    // (DynamoDB, too, lets an index be deleted while it is backfilling).
    for (const auto& existing : updated.indexes)
        if (existing.status != IndexStatus::Active &&
            !(existing.name == indexName && existing.backfillError))
            return onlyOneIndexChange();
    IndexDefinition removed = *index;
    std::erase_if(updated.indexes, [&](const IndexDefinition& i) { return i.name == indexName; });
    // The catalog forgets the index atomically; its entries are unreachable from then on and
    // are purged in the background (or at the next open, as orphans).
    leveldb::WriteBatch batch;
    batch.Put(layout::catalogKey(tableName), updated.toStorageJson().dump());
    batch.Delete(layout::statsKey(removed.id));
    SHARDSCAPE_TRY(writeToStorage(batch, true));
    {
        std::unique_lock lock(catalogMutex_);
        auto& state = tables_[tableName];
        state.definition = std::make_shared<const TableDefinition>(updated);
        state.stats.indexes.erase(removed.id);
        syncMeterLocked(state);
    }
    clearFailure(BackgroundFailure::Task::IndexBackfill, tableName, indexName);
    const uint32_t id = removed.id;
    enqueue([this, id, indexName] {
        // What a failed purge leaves behind is unreachable, and purged as orphans at the
        // next open.
        Status purged = purgeTableItems(id);
        if (!purged)
            recordFailure(
                {BackgroundFailure::Task::IndexPurge, {}, indexName, purged.error(), now()});
    });
    // The response describes the index on its way out.
    removed.status = IndexStatus::Deleting;
    removed.backfillError.reset();
    updated.indexes.push_back(removed);
    return updated;
}

std::optional<std::pair<std::string, std::string>> Engine::indexEntryOf(
    const TableDefinition& table, const IndexDefinition& index, const Item& item,
    const std::string& itemKey) {
    auto entry = index.entryFor(item, table.partitionKey, table.sortKey);
    // Items whose index key has the wrong type stay out of the index, as in DynamoDB (it
    // reports them as backfill violations).
    if (!entry || !validateIndexKeys(table, item)) return std::nullopt;
    const AttributeValue* sortKey = index.sortKey ? &entry->at(index.sortKey->name) : nullptr;
    return std::make_pair(
        layout::indexEntryKey(index.id, entry->at(index.partitionKey.name), sortKey, itemKey),
        StoredItem::fromItem(*entry, itemSize(*entry)).record());
}

// Writes the entry of every existing item, a chunk at a time under the write lock, so writes
// go on meanwhile (they maintain the index themselves while it is CREATING).
Status Engine::backfillIndex(const std::string& tableName, uint32_t indexId) {
    std::string cursor;
    while (!stopping_) {
        std::lock_guard writeLock(writeMutex_);
        auto table = this->table(tableName);
        if (!table) return {};
        const IndexDefinition* index = nullptr;
        for (const auto& i : table->indexes)
            if (i.id == indexId) index = &i;
        if (!index || index->status != IndexStatus::Creating) return {};
        const std::string prefix = layout::tablePrefix(table->id);
        if (cursor.empty()) cursor = prefix;
        leveldb::ReadOptions options = checkedRead();
        options.fill_cache = false;
        std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
        leveldb::WriteBatch batch;
        size_t count = 0;
        for (it->Seek(cursor);
             it->Valid() && it->key().starts_with(prefix) && count < kBackfillChunkItems;
             it->Next(), ++count) {
            auto stored = StoredItem::fromRecord(it->value().ToString());
            if (!stored) return stored.error();
            auto item = stored->decode();
            if (!item) return item.error();
            if (auto entry = indexEntryOf(*table, *index, *item, it->key().ToString()))
                batch.Put(entry->first, entry->second);
        }
        if (!it->status().ok()) return storageError(it->status());
        const bool done = !it->Valid() || !it->key().starts_with(prefix);
        if (!done) cursor = it->key().ToString();
        SHARDSCAPE_TRY(writeToStorage(batch, false));
        if (!done) continue;

        SHARDSCAPE_TRY(recountIndexLocked(tableName, indexId));
        TableDefinition updated = *table;
        for (auto& i : updated.indexes)
            if (i.id == indexId) i.status = IndexStatus::Active;
        leveldb::WriteBatch catalog;
        catalog.Put(layout::catalogKey(tableName), updated.toStorageJson().dump());
        SHARDSCAPE_TRY(writeToStorage(catalog, true));
        std::unique_lock lock(catalogMutex_);
        tables_[tableName].definition = std::make_shared<const TableDefinition>(updated);
        syncMeterLocked(tables_[tableName]);
        return {};
    }
    return {};
}

void Engine::runBackfill(const std::string& tableName, uint32_t indexId) {
    Status done = backfillIndex(tableName, indexId);
    if (done) return;
    // The index stays CREATING and says why; writes keep maintaining its entries, and the
    // next open tries the backfill again.
    std::lock_guard writeLock(writeMutex_);
    auto table = this->table(tableName);
    const IndexDefinition* index = nullptr;
    if (table)
        for (const auto& i : table->indexes)
            if (i.id == indexId) index = &i;
    if (!index || index->status != IndexStatus::Creating) return;  // deleted meanwhile
    recordFailure(
        {BackgroundFailure::Task::IndexBackfill, tableName, index->name, done.error(), now()});
    TableDefinition updated = *table;
    for (auto& i : updated.indexes)
        if (i.id == indexId) i.backfillError = done.error();
    std::unique_lock lock(catalogMutex_);
    tables_[tableName].definition = std::make_shared<const TableDefinition>(updated);
}

void Engine::recordFailure(BackgroundFailure failure) {
    {
        std::lock_guard lock(failuresMutex_);
        std::erase_if(backgroundFailures_, [&](const BackgroundFailure& f) {
            return f.task == failure.task && f.tableName == failure.tableName &&
                   f.indexName == failure.indexName;
        });
        backgroundFailures_.push_back(std::move(failure));
    }
    backgroundFailureCount_.fetch_add(1, std::memory_order_relaxed);
}

void Engine::clearFailure(BackgroundFailure::Task task, const std::string& tableName,
                          const std::string& indexName) {
    std::lock_guard lock(failuresMutex_);
    std::erase_if(backgroundFailures_, [&](const BackgroundFailure& f) {
        return f.task == task && f.tableName == tableName && f.indexName == indexName;
    });
}

std::vector<BackgroundFailure> Engine::backgroundFailures() const {
    std::lock_guard lock(failuresMutex_);
    return backgroundFailures_;
}

std::optional<Error> Engine::backfillFailure(const std::string& tableName,
                                             const std::string& indexName) const {
    auto table = this->table(tableName);
    if (!table) return std::nullopt;
    const IndexDefinition* index = table->findIndex(indexName);
    return index ? index->backfillError : std::nullopt;
}

std::string BackgroundFailure::describe() const {
    std::string out;
    switch (task) {
        case Task::IndexBackfill:
            out = "Backfill of index " + indexName + " of table " + tableName;
            break;
        case Task::IndexPurge:
            out = "Purge of the entries of deleted index " + indexName;
            break;
        case Task::TimeToLiveSweep:
            out = "Time to Live sweep";
            break;
        case Task::StreamTrim:
            out = "Stream retention trim";
            break;
    }
    return out + ": " + error.message;
}

// AWS: "If the epoch time value stored in the attribute is less than the current time, the
// item is marked as expired and subsequently deleted." Only N values count; items whose
// attribute is missing or of another type never expire. Deletions go through the normal
// write path, so indexes follow.
Result<int64_t> Engine::sweepExpiredItems() {
    int64_t deleted = 0;
    for (const auto& name : tableNames()) {
        auto table = this->table(name);
        if (!table || !table->timeToLiveAttribute) continue;
        const std::string attribute = *table->timeToLiveAttribute;
        const double now = this->now();
        auto expired = [&](const Item& item) {
            auto it = item.find(attribute);
            if (it == item.end() || it->second.type() != ValueType::N) return false;
            return std::strtod(it->second.scalar().c_str(), nullptr) < now;
        };
        const std::string prefix = layout::tablePrefix(table->id);
        leveldb::ReadOptions options = checkedRead();
        options.fill_cache = false;
        std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
        for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && !stopping_;
             it->Next()) {
            auto stored = StoredItem::fromRecord(it->value().ToString());
            if (!stored) return stored.error();
            auto item = stored->decode();
            if (!item) return item.error();
            if (!expired(*item)) continue;
            // The delete's stream record names the service (userIdentity), so it goes
            // through writeLocked directly rather than mutateItem.
            const Item key = keyOf(*table, *item);
            const AttributeValue* sortKey =
                table->sortKey ? &key.at(table->sortKey->name) : nullptr;
            const std::string storageKey =
                layout::itemKey(table->id, key.at(table->partitionKey.name), sortKey);
            std::unique_lock writeLock(writeMutex_);
            auto removed = writeLocked(
                *table, storageKey,
                [&](const StoredItem* current) -> Result<std::optional<Item>> {
                    // The item may have been rewritten since the iterator saw it.
                    if (!current) return std::optional<Item>();
                    auto latest = current->decode();
                    if (!latest) return latest.error();
                    if (!expired(*latest))
                        return Error{ErrorType::ConditionalCheckFailed, "no longer expired"};
                    return std::optional<Item>();
                },
                true);
            writeLock.unlock();
            if (removed && removed->oldItem) ++deleted;
            if (!removed && removed.error().type == ErrorType::ResourceNotFound) break;
            if (!removed && removed.error().type != ErrorType::ConditionalCheckFailed)
                return removed.error();
        }
        if (!it->status().ok()) return storageError(it->status());
    }
    return deleted;
}

}  // namespace shardscape
