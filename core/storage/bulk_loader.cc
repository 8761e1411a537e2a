// Engine: bulk loading without read-before-write.
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

}  // namespace shardscape
