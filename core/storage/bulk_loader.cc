// Engine: bulk loading without read-before-write, and statistics recounts.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

Result<std::unique_ptr<BulkLoader>> Engine::beginBulkLoad(const std::string& tableName) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    return std::unique_ptr<BulkLoader>(new BulkLoader(*this, *table));
}

BulkLoader::~BulkLoader() {
    // An abandoned load still leaves exact statistics behind. Nobody is left to tell when the
    // recount fails, and nothing is lost: finish() has the next open recount them.
    if (!finished_) (void)finish();
}

Status BulkLoader::add(std::vector<Item> items) {
    // Index entries and item-collection sizes depend on the items being replaced, and so do
    // stream records (INSERT or MODIFY, the old image), so tables with secondary indexes or
    // an enabled stream take the read-before-write path.
    if (!table_->indexes.empty()) return engine_.putItems(table_->name, std::move(items));
    if (auto current = engine_.table(table_->name); current && current->liveStream())
        return engine_.putItems(table_->name, std::move(items));
    leveldb::WriteBatch batch;
    for (const auto& item : items) {
        SHARDSCAPE_TRY(Engine::validateItemKeys(*table_, item));
        const size_t size = itemSize(item);
        if (size > kMaxItemSizeBytes)
            return validationError("Item size has exceeded the maximum allowed size");
        const AttributeValue* sortKey = table_->sortKey ? &item.at(table_->sortKey->name) : nullptr;
        batch.Put(layout::itemKey(table_->id, item.at(table_->partitionKey.name), sortKey),
                  StoredItem::fromItem(item, size).record());
    }
    std::lock_guard lock(engine_.writeMutex_);
    if (engine_.table(table_->name) != table_)
        return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    SHARDSCAPE_TRY(engine_.writeToStorage(batch, engine_.options_.syncWrites));
    return {};
}

Status BulkLoader::finish() {
    if (finished_) return {};
    finished_ = true;
    std::lock_guard lock(engine_.writeMutex_);
    if (engine_.table(table_->name) != table_) return {};  // table deleted meanwhile
    Status recounted = engine_.recountLocked(table_->name);
    if (!recounted) engine_.statisticsStale_ = true;
    return recounted;
}

Status Engine::recountLocked(const std::string& tableName) {
    std::shared_ptr<const TableDefinition> definition = table(tableName);
    if (!definition) return {};
    TableStatistics stats;
    const std::string prefix = layout::tablePrefix(definition->id);
    leveldb::ReadOptions options = checkedRead();
    options.fill_cache = false;  // one pass over everything: don't evict the working set
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        auto stored = StoredItem::fromRecord(it->value().ToString());
        if (!stored) return stored.error();
        ++stats.itemCount;
        stats.sizeBytes += static_cast<int64_t>(stored->size());
    }
    if (!it->status().ok()) return storageError(it->status());
    {
        std::unique_lock lock(catalogMutex_);
        auto entry = tables_.find(tableName);
        if (entry != tables_.end()) {
            stats.indexes = entry->second.stats.indexes;
            entry->second.stats = stats;
        }
    }
    for (const auto& index : definition->indexes)
        SHARDSCAPE_TRY(recountIndexLocked(tableName, index.id));
    return {};
}

Status Engine::recountIndexLocked(const std::string& tableName, uint32_t indexId) {
    IndexStatistics stats;
    const std::string prefix = layout::tablePrefix(indexId);
    leveldb::ReadOptions options = checkedRead();
    options.fill_cache = false;
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        auto stored = StoredItem::fromRecord(it->value().ToString());
        if (!stored) return stored.error();
        ++stats.itemCount;
        stats.sizeBytes += static_cast<int64_t>(stored->size()) + kIndexEntryOverheadBytes;
    }
    if (!it->status().ok()) return storageError(it->status());
    std::unique_lock lock(catalogMutex_);
    auto entry = tables_.find(tableName);
    if (entry != tables_.end()) entry->second.stats.indexes[indexId] = stats;
    return {};
}

}  // namespace shardscape
