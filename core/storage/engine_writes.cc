// Engine: item writes with their secondary-index and item-collection updates, single or
// grouped into one atomic batch (putItems, transactions).
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <algorithm>
#include <unordered_map>

#include "capacity/capacity.h"
#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "storage/stream_record.h"
#include "values/item_binary.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

std::string storageKeyFor(const TableDefinition& table, const Item& item) {
    const AttributeValue* sortKey = table.sortKey ? &item.at(table.sortKey->name) : nullptr;
    return layout::itemKey(table.id, item.at(table.partitionKey.name), sortKey);
}

std::string entryKeyFor(const IndexDefinition& index, const Item& entry,
                        const std::string& tableItemKey) {
    const AttributeValue* sortKey = index.sortKey ? &entry.at(index.sortKey->name) : nullptr;
    return layout::indexEntryKey(index.id, entry.at(index.partitionKey.name), sortKey,
                                 tableItemKey);
}

int64_t entryStorageBytes(size_t entrySize) {
    return static_cast<int64_t>(entrySize) + kIndexEntryOverheadBytes;
}

}  // namespace

struct Engine::WritePlan {
    leveldb::WriteBatch batch;
    // Statistics changes by table name (index figures by index id).
    std::map<std::string, TableStatistics> deltas;
    // New sizes of the item collections this plan changes, by collection key.
    std::map<std::string, int64_t> collections;
    // The last stream-record sequence number this plan gives out (0: none yet).
    uint64_t sequence = 0;
    // The Time to Live sweeper's delete.
    bool byTimeToLive = false;
};

Result<int64_t> Engine::collectionSizeLocked(const std::string& key, const WritePlan& plan) const {
    if (auto it = plan.collections.find(key); it != plan.collections.end()) return it->second;
    std::string bytes;
    leveldb::Status s = db_->Get(checkedRead(), key, &bytes);
    if (s.IsNotFound()) return int64_t(0);
    if (!s.ok()) return storageError(s);
    std::string_view in(bytes);
    uint64_t size = 0;
    if (!readVarint(in, size)) return corruptionError("Corrupt item collection size record");
    return static_cast<int64_t>(size);
}

Result<WriteResult> Engine::planWrite(const TableDefinition& table, const std::string& storageKey,
                                      const ItemMutation& mutation, WritePlan& plan,
                                      size_t* currentSize) {
    // The table's stream as it is now (a stream disabled since the caller looked up the table
    // gets no more records).
    std::optional<StreamDefinition> stream;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(table.name);
        if (it == tables_.end() || it->second.definition->id != table.id)
            return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        if (const StreamDefinition* live = it->second.definition->liveStream()) stream = *live;
    }
    std::string oldBytes;
    leveldb::Status s = db_->Get(checkedRead(), storageKey, &oldBytes);
    if (!s.ok() && !s.IsNotFound()) return storageError(s);
    WriteResult result;
    if (s.ok()) {
        auto old = StoredItem::fromRecord(std::move(oldBytes));
        if (!old) return old.error();
        result.oldSize = old->size();
        result.oldItem = std::move(old).value();
    }
    if (currentSize) *currentSize = result.oldSize;
    auto next = mutation(result.oldItem ? &*result.oldItem : nullptr);
    if (!next) return next.error();
    result.newItem = std::move(next).value();
    if (!result.newItem && !result.oldItem) return result;  // deleting nothing
    if (result.newItem) {
        auto newSize = checkedItemSize(*result.newItem);
        if (!newSize) return newSize.error();
        result.newSize = *newSize;
        SHARDSCAPE_TRY(validateIndexKeys(table, *result.newItem));
    }

    // Work out every change first, so a failed check leaves the plan untouched.
    TableStatistics delta;
    delta.itemCount = (result.newItem ? 1 : 0) - (result.oldItem ? 1 : 0);
    delta.sizeBytes = static_cast<int64_t>(result.newSize) - static_cast<int64_t>(result.oldSize);
    int64_t collectionDelta = delta.sizeBytes;
    std::vector<std::string> entryDeletes;
    std::vector<std::pair<std::string, std::string>> entryPuts;
    std::optional<Item> oldDecoded;
    if (!table.indexes.empty() && result.oldItem) {
        auto decoded = result.oldItem->decode();
        if (!decoded) return decoded.error();
        oldDecoded = std::move(decoded).value();
    }
    for (const auto& index : table.indexes) {
        if (index.status == IndexStatus::Deleting) continue;
        std::optional<Item> oldEntry, newEntry;
        if (oldDecoded) oldEntry = index.entryFor(*oldDecoded, table.partitionKey, table.sortKey);
        if (result.newItem)
            newEntry = index.entryFor(*result.newItem, table.partitionKey, table.sortKey);
        if (!oldEntry && !newEntry) continue;
        // The entry's partition, for capacity enforcement only.
        const bool metered = capacityMetered();
        auto entryHash = [&](const Item& entry) {
            return metered ? layout::partitionHash(entry.at(index.partitionKey.name)) : 0;
        };
        const std::string oldKey = oldEntry ? entryKeyFor(index, *oldEntry, storageKey) : "";
        const std::string newKey = newEntry ? entryKeyFor(index, *newEntry, storageKey) : "";
        const size_t oldEntrySize = oldEntry ? itemSize(*oldEntry) : 0;
        const size_t newEntrySize = newEntry ? itemSize(*newEntry) : 0;
        IndexStatistics& indexDelta = delta.indexes[index.id];
        int64_t entryBytesDelta = 0;
        if (oldEntry && newEntry && oldKey == newKey) {
            if (*oldEntry == *newEntry) continue;  // nothing the index holds changed: no write
            entryPuts.emplace_back(newKey, StoredItem::fromItem(*newEntry, newEntrySize).record());
            result.indexWrites.push_back({index.name, index.global,
                                          std::max(oldEntrySize, newEntrySize),
                                          entryHash(*newEntry)});
            entryBytesDelta = entryStorageBytes(newEntrySize) - entryStorageBytes(oldEntrySize);
        } else {
            if (oldEntry) {
                entryDeletes.push_back(oldKey);
                result.indexWrites.push_back(
                    {index.name, index.global, oldEntrySize, entryHash(*oldEntry)});
                --indexDelta.itemCount;
                entryBytesDelta -= entryStorageBytes(oldEntrySize);
            }
            if (newEntry) {
                entryPuts.emplace_back(newKey,
                                       StoredItem::fromItem(*newEntry, newEntrySize).record());
                result.indexWrites.push_back(
                    {index.name, index.global, newEntrySize, entryHash(*newEntry)});
                ++indexDelta.itemCount;
                entryBytesDelta += entryStorageBytes(newEntrySize);
            }
        }
        indexDelta.sizeBytes += entryBytesDelta;
        if (!index.global) collectionDelta += entryBytesDelta;
    }

    std::string collection;
    int64_t collectionSize = 0;
    if (table.hasLocalIndexes()) {
        const Item& any = result.newItem ? *result.newItem : *oldDecoded;
        collection = layout::collectionKey(table.id, any.at(table.partitionKey.name));
        auto current = collectionSizeLocked(collection, plan);
        if (!current) return current.error();
        collectionSize = *current + collectionDelta;
        // AWS: once a collection is over 10 GB, writes that would grow it fail; writes that
        // shrink it are still allowed.
        if (collectionDelta > 0 && collectionSize > options_.itemCollectionLimitBytes)
            return Error{ErrorType::ItemCollectionSizeLimitExceeded,
                         "Item collection size limit exceeded"};
        result.itemCollectionBytes = collectionSize;
    }

    // Encoded once: the stream record's new image is the stored record's body.
    std::string record;
    if (result.newItem) StoredItem::encode(*result.newItem, result.newSize, record);
    if (stream)
        planStreamRecord(table, *stream, result, oldDecoded ? &*oldDecoded : nullptr, record, plan);
    if (result.newItem)
        plan.batch.Put(storageKey, record);
    else
        plan.batch.Delete(storageKey);
    for (const auto& key : entryDeletes) plan.batch.Delete(key);
    for (const auto& [key, record] : entryPuts) plan.batch.Put(key, record);
    if (!collection.empty()) plan.collections[collection] = collectionSize;
    TableStatistics& total = plan.deltas[table.name];
    total.itemCount += delta.itemCount;
    total.sizeBytes += delta.sizeBytes;
    for (const auto& [id, change] : delta.indexes) {
        total.indexes[id].itemCount += change.itemCount;
        total.indexes[id].sizeBytes += change.sizeBytes;
    }
    return result;
}

void Engine::planStreamRecord(const TableDefinition& table, const StreamDefinition& stream,
                              const WriteResult& write, const Item* oldDecoded,
                              std::string_view newRecord, WritePlan& plan) {
    std::optional<Item> decoded;
    if (write.oldItem && !oldDecoded) {
        auto old = write.oldItem->decode();
        if (!old) return;  // planWrite decoded nothing; a damaged old item has no image
        decoded = std::move(old).value();
        oldDecoded = &*decoded;
    }
    // AWS: a PutItem or UpdateItem that does not change any data in an item writes no stream
    // record.
    if (oldDecoded && write.newItem && *oldDecoded == *write.newItem) return;
    const StreamEvent event = !write.oldItem  ? StreamEvent::Insert
                              : write.newItem ? StreamEvent::Modify
                                              : StreamEvent::Remove;
    const Item keys = keyOf(table, write.newItem ? *write.newItem : *oldDecoded);
    const std::string keyBytes = encodeItemBinary(keys);
    const bool withOld = write.oldItem && (stream.viewType == StreamViewType::OldImage ||
                                           stream.viewType == StreamViewType::NewAndOldImages);
    const bool withNew = write.newItem && (stream.viewType == StreamViewType::NewImage ||
                                           stream.viewType == StreamViewType::NewAndOldImages);
    const std::string_view newView =
        withNew ? newRecord.substr(StoredItem::prefixLength(write.newSize)) : std::string_view();
    const std::string_view oldView = withOld ? write.oldItem->body() : std::string_view();
    const size_t sizeBytes =
        itemSize(keys) + (withOld ? write.oldSize : 0) + (withNew ? write.newSize : 0);

    const double now = this->now();
    const uint64_t previous =
        plan.sequence ? plan.sequence : lastSequence_.load(std::memory_order_relaxed);
    plan.sequence = std::max({previous + 1, sequenceAt(now), sequenceAt(stream.created)});
    std::string value;
    appendStreamRecord(value, event, static_cast<int64_t>(now * 1000), plan.byTimeToLive, sizeBytes,
                       keyBytes, withOld ? &oldView : nullptr, withNew ? &newView : nullptr);
    plan.batch.Put(layout::streamRecordKey(stream.id, plan.sequence), value);
}

Status Engine::commitLocked(WritePlan& plan) {
    for (const auto& [key, size] : plan.collections) {
        if (size <= 0) {
            plan.batch.Delete(key);
        } else {
            std::string bytes;
            appendVarint(bytes, static_cast<uint64_t>(size));
            plan.batch.Put(key, bytes);
        }
    }
    SHARDSCAPE_TRY(writeToStorage(plan.batch, options_.syncWrites));
    if (plan.sequence > lastSequence_.load(std::memory_order_relaxed))
        lastSequence_.store(plan.sequence, std::memory_order_release);
    std::shared_lock lock(catalogMutex_);
    for (const auto& [name, delta] : plan.deltas) {
        auto it = tables_.find(name);
        if (it == tables_.end()) continue;
        TableStatistics& stats = it->second.stats;  // guarded by writeMutex_, which we hold
        stats.itemCount += delta.itemCount;
        stats.sizeBytes += delta.sizeBytes;
        for (const auto& [id, change] : delta.indexes) {
            stats.indexes[id].itemCount += change.itemCount;
            stats.indexes[id].sizeBytes += change.sizeBytes;
        }
    }
    return {};
}

Result<WriteResult> Engine::writeLocked(const TableDefinition& table, const std::string& storageKey,
                                        const ItemMutation& mutation, bool byTimeToLive) {
    WritePlan plan;
    plan.byTimeToLive = byTimeToLive;
    size_t currentSize = 0;
    auto result = planWrite(table, storageKey, mutation, plan, &currentSize);
    if (!result) {
        // A TTL delete is DynamoDB's own and consumes nothing (below).
        if (result.error().type == ErrorType::ConditionalCheckFailed && capacityMetered() &&
            !byTimeToLive) {
            // AWS: "If a ConditionExpression evaluates to false during a conditional write,
            // DynamoDB still consumes write capacity from the table": one unit if the item
            // does not exist, else by its size (Developer Guide, WorkingWithItems, "Capacity
            // units consumed by conditional writes"). A throttled request fails as such.
            const CapacityCharge charge{nullptr, layout::hashOfItemKey(storageKey), 0,
                                        writeCapacityUnits(currentSize)};
            SHARDSCAPE_TRY(chargeCapacity(table.name, &charge, 1));
        }
        return result.error();
    }
    // Deleting an item that does not exist still consumes one write unit. TTL deletes consume
    // no write throughput and are never throttled (Developer Guide, "Time to Live (TTL)").
    if (capacityMetered() && !byTimeToLive)
        SHARDSCAPE_TRY(chargeWrite(table, storageKey, *result, 1));
    if (!result->newItem && !result->oldItem) return result;
    SHARDSCAPE_TRY(commitLocked(plan));
    return result;
}

Result<WriteResult> Engine::putItem(const std::string& tableName, Item item,
                                    const std::function<Status(const StoredItem*)>& precondition,
                                    ReplacedItem replaced) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    SHARDSCAPE_TRY(validateItemKeys(**table, item));
    const std::string key = storageKeyFor(**table, item);
    std::lock_guard lock(writeMutex_);
    if (!precondition && replaced == ReplacedItem::NotNeeded)
        if (auto written = putUnreadLocked(**table, key, item)) return std::move(*written);
    return writeLocked(**table, key, [&](const StoredItem* current) -> Result<std::optional<Item>> {
        if (precondition) SHARDSCAPE_TRY(precondition(current));
        return std::optional<Item>(std::move(item));
    });
}

Status Engine::putItems(const std::string& tableName, std::vector<Item> items) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    std::vector<std::string> keys;
    keys.reserve(items.size());
    for (const auto& item : items) {
        SHARDSCAPE_TRY(validateItemKeys(**table, item));
        keys.push_back(storageKeyFor(**table, item));
    }
    // Later items overwrite earlier ones with the same key: only the last one is written.
    std::unordered_map<std::string_view, size_t> last;
    for (size_t i = 0; i < items.size(); ++i) last[keys[i]] = i;
    std::lock_guard lock(writeMutex_);
    WritePlan plan;
    for (size_t i = 0; i < items.size(); ++i) {
        if (last[keys[i]] != i) continue;
        auto planned = planWrite(
            **table, keys[i],
            [&](const StoredItem*) {
                return Result<std::optional<Item>>(std::optional<Item>(std::move(items[i])));
            },
            plan);
        if (!planned) return planned.error();
    }
    return commitLocked(plan);
}

Result<WriteResult> Engine::deleteItem(const std::string& tableName, const Item& key) {
    return mutateItem(tableName, key, [](const StoredItem*) -> Result<std::optional<Item>> {
        return std::optional<Item>();
    });
}

Result<WriteResult> Engine::mutateItem(const std::string& tableName, const Item& key,
                                       const ItemMutation& mutation) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    SHARDSCAPE_TRY(validateKey(**table, key));
    const std::string storageKey = storageKeyFor(**table, key);
    std::lock_guard lock(writeMutex_);
    return writeLocked(**table, storageKey, mutation);
}

Result<std::vector<WriteResult>> Engine::transactWrite(const std::vector<TransactionWrite>& actions,
                                                       std::vector<Status>& reasons) {
    reasons.assign(actions.size(), Status());
    std::vector<WriteResult> results(actions.size());
    std::lock_guard lock(writeMutex_);
    WritePlan plan;
    bool cancelled = false;
    for (size_t i = 0; i < actions.size(); ++i) {
        const TransactionWrite& action = actions[i];
        auto table = requireTable(action.tableName);
        if (!table) return table.error();
        if (auto valid = validateKey(**table, action.key); !valid) return valid.error();
        const std::string storageKey = storageKeyFor(**table, action.key);
        if (action.conditionCheckOnly) {
            std::string bytes;
            leveldb::Status s = db_->Get(checkedRead(), storageKey, &bytes);
            if (!s.ok() && !s.IsNotFound()) return storageError(s);
            std::optional<StoredItem> current;
            if (s.ok()) {
                auto stored = StoredItem::fromRecord(std::move(bytes));
                if (!stored) return stored.error();
                current = std::move(stored).value();
            }
            auto checked = action.mutation(current ? &*current : nullptr);
            if (!checked) {
                reasons[i] = checked.error();
                cancelled = true;
            }
            results[i].oldItem = std::move(current);
            continue;
        }
        auto planned = planWrite(**table, storageKey, action.mutation, plan);
        if (!planned) {
            reasons[i] = planned.error();
            cancelled = true;
            continue;
        }
        results[i] = std::move(planned).value();
    }
    if (!cancelled && capacityMetered()) {
        // AWS: transactional requests consume twice the units (capacity.h); a condition
        // check reads its item strongly consistently.
        for (size_t i = 0; i < actions.size() && !cancelled; ++i) {
            auto table = requireTable(actions[i].tableName);
            if (!table) return table.error();
            const std::string storageKey = storageKeyFor(**table, actions[i].key);
            Status charged;
            if (actions[i].conditionCheckOnly) {
                const size_t size = results[i].oldItem ? results[i].oldItem->size() : 0;
                const CapacityCharge charge{nullptr, layout::hashOfItemKey(storageKey),
                                            kTransactionalFactor * readCapacityUnits(size, true),
                                            0};
                charged = chargeCapacity(actions[i].tableName, &charge, 1);
            } else {
                charged = chargeWrite(**table, storageKey, results[i], kTransactionalFactor);
            }
            if (!charged) {
                reasons[i] = charged;
                cancelled = true;
            }
        }
    }
    if (cancelled) return Error{ErrorType::TransactionCanceled, "Transaction cancelled"};
    SHARDSCAPE_TRY(commitLocked(plan));
    return results;
}

std::optional<Engine::IdempotentResponse> Engine::rememberedTransaction(const std::string& token) {
    std::lock_guard lock(tokensMutex_);
    const double cutoff = now() - kIdempotencyWindowSeconds;
    std::erase_if(transactionTokens_,
                  [&](const auto& entry) { return entry.second.time < cutoff; });
    auto it = transactionTokens_.find(token);
    if (it == transactionTokens_.end()) return std::nullopt;
    return it->second;
}

void Engine::rememberTransaction(const std::string& token, IdempotentResponse response) {
    std::lock_guard lock(tokensMutex_);
    transactionTokens_[token] = std::move(response);
}

}  // namespace shardscape
