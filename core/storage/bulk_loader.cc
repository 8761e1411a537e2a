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

Result<BulkLoader::CheckedItem> BulkLoader::check(const TableDefinition& table, Item item) {
    SHARDSCAPE_TRY(Engine::validateItemKeys(table, item));
    auto size = checkedItemSize(item);
    if (!size) return size.error();
    return CheckedItem(std::move(item), *size, table.id);
}

bool BulkLoader::readsBeforeWriting() const {
    // Index entries and item-collection sizes depend on the items being replaced, and so do
    // stream records (INSERT or MODIFY, the old image), so tables with secondary indexes or
    // an enabled stream take the read-before-write path.
    if (!table_->indexes.empty()) return true;
    auto current = engine_.table(table_->name);
    return current && current->liveStream();
}

Status BulkLoader::add(std::vector<Item> items) {
    if (readsBeforeWriting()) return engine_.putItems(table_->name, std::move(items));
    std::vector<CheckedItem> checked;
    checked.reserve(items.size());
    for (auto& item : items) {
        auto one = check(*table_, std::move(item));
        if (!one) return one.error();
        checked.push_back(std::move(one).value());
    }
    return write(checked);
}

Status BulkLoader::addChecked(std::vector<CheckedItem> items) {
    for (const auto& item : items)
        if (item.tableId_ != table_->id)
            return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    if (readsBeforeWriting()) {
        std::vector<Item> plain;
        plain.reserve(items.size());
        for (auto& item : items) plain.push_back(std::move(item.item_));
        return engine_.putItems(table_->name, std::move(plain));
    }
    return write(items);
}

Status BulkLoader::write(const std::vector<CheckedItem>& items) {
    leveldb::WriteBatch batch;
    for (const auto& checked : items) {
        const Item& item = checked.item();
        const AttributeValue* sortKey = table_->sortKey ? &item.at(table_->sortKey->name) : nullptr;
        batch.Put(layout::itemKey(table_->id, item.at(table_->partitionKey.name), sortKey),
                  StoredItem::fromItem(item, checked.size()).record());
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
