// Engine: checking indexes against their tables and recounting statistics (the repair tool).
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <unordered_map>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"

namespace shardscape {

Result<Engine::IndexCheck> Engine::checkIndex(const std::string& tableName,
                                              const std::string& indexName, bool fix) {
    std::lock_guard writeLock(writeMutex_);
    auto table = this->table(tableName);
    if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    const IndexDefinition* index = nullptr;
    for (const auto& i : table->indexes)
        if (i.name == indexName) index = &i;
    if (!index)
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Index: " + indexName + " not found"};

    // The entries the items call for, by key (the record's bytes to compare).
    std::unordered_map<std::string, std::string> expected;
    leveldb::ReadOptions options = checkedRead();
    options.fill_cache = false;
    {
        const std::string prefix = layout::tablePrefix(table->id);
        std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
        for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
            auto stored = StoredItem::fromRecord(it->value().ToString());
            if (!stored) return stored.error();
            auto item = stored->decode();
            if (!item) return item.error();
            if (auto entry = indexEntryOf(*table, *index, *item, it->key().ToString()))
                expected.emplace(std::move(entry->first), std::move(entry->second));
        }
        if (!it->status().ok()) return storageError(it->status());
    }

    IndexCheck check{tableName, indexName, 0, 0, 0, 0};
    leveldb::WriteBatch batch;
    const std::string prefix = layout::tablePrefix(index->id);
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        auto wanted = expected.find(it->key().ToString());
        if (wanted == expected.end()) {
            ++check.orphaned;
            batch.Delete(it->key());
            continue;
        }
        if (it->value() != leveldb::Slice(wanted->second)) {
            ++check.stale;
            batch.Put(wanted->first, wanted->second);
        }
        expected.erase(wanted);
    }
    if (!it->status().ok()) return storageError(it->status());
    check.missing = static_cast<int64_t>(expected.size());
    for (const auto& [key, record] : expected) batch.Put(key, record);
    if (fix && !check.consistent()) SHARDSCAPE_TRY(writeToStorage(batch, true));
    SHARDSCAPE_TRY(recountIndexLocked(tableName, index->id));
    std::shared_lock lock(catalogMutex_);
    if (auto state = tables_.find(tableName); state != tables_.end())
        if (auto figures = state->second.stats.indexes.find(index->id);
            figures != state->second.stats.indexes.end())
            check.entries = figures->second.itemCount;
    return check;
}

Result<std::map<std::string, TableStatistics>> Engine::recountStatistics() {
    std::lock_guard writeLock(writeMutex_);
    for (const auto& name : tableNames()) SHARDSCAPE_TRY(settleStatisticsLocked(name));
    std::map<std::string, TableStatistics> before;
    {
        std::shared_lock lock(catalogMutex_);
        for (const auto& [name, state] : tables_) before[name] = state.stats;
    }
    for (const auto& [name, stats] : before) SHARDSCAPE_TRY(recountLocked(name));
    return before;
}

}  // namespace shardscape
