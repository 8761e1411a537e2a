// Engine: item reads and writes, Query and Scan.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <unordered_map>

#include "engine.h"
#include "item_binary.h"
#include "item_size.h"
#include "storage_layout.h"

namespace shardscape {

namespace {

constexpr size_t kMaxPartitionKeyBytes = 2048;
constexpr size_t kMaxSortKeyBytes = 1024;

Error storageError(const leveldb::Status& status) {
    return internalError("Storage error: " + status.ToString());
}

Error keyMismatch() {
    return validationError("The provided key element does not match the schema");
}

Status checkKeySize(const AttributeValue& value, bool isPartitionKey) {
    if (value.type() == ValueType::N) return {};
    if (isPartitionKey && value.scalar().size() > kMaxPartitionKeyBytes)
        return validationError(
            "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
            "size limit of2048 bytes");
    if (!isPartitionKey && value.scalar().size() > kMaxSortKeyBytes)
        return validationError(
            "One or more parameter values were invalid: Aggregated size of all range keys has "
            "exceeded the size limit of 1024 bytes");
    return {};
}

std::string emptyKindName(ValueType type) {
    return type == ValueType::B ? "binary" : "string";
}

std::string storageKeyFor(const TableDefinition& table, const Item& item) {
    const AttributeValue* sortKey = table.sortKey ? &item.at(table.sortKey->name) : nullptr;
    return layout::itemKey(table.id, item.at(table.partitionKey.name), sortKey);
}

// Start of the hash range of segment `segment` out of `total` equal slices of 2^64.
uint64_t segmentStart(int segment, int total) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(segment) << 64) /
                                 static_cast<unsigned __int128>(total));
}

}  // namespace

// The checks a key value gets once its presence and type are known; `emptyPrefix` is
// DynamoDB's wording, which differs between Key members and Items.
static Status checkKeyValue(const KeyAttribute& attribute, const AttributeValue& value,
                            bool isPartitionKey, const char* emptyPrefix) {
    if (attribute.type != ValueType::N && value.scalar().empty())
        return validationError(std::string(emptyPrefix) +
                               " The AttributeValue for a key attribute cannot contain an empty " +
                               emptyKindName(attribute.type) + " value. Key: " + attribute.name);
    return checkKeySize(value, isPartitionKey);
}

Status Engine::validateKey(const TableDefinition& table, const Item& key) {
    const size_t expected = table.sortKey ? 2 : 1;
    if (key.size() != expected) return keyMismatch();
    auto check = [&](const KeyAttribute& attribute, bool isPartitionKey) -> Status {
        auto it = key.find(attribute.name);
        if (it == key.end() || it->second.type() != attribute.type) return keyMismatch();
        return checkKeyValue(attribute, it->second, isPartitionKey,
                             "One or more parameter values were invalid:");
    };
    SHARDSCAPE_TRY(check(table.partitionKey, true));
    if (table.sortKey) SHARDSCAPE_TRY(check(*table.sortKey, false));
    return {};
}

Status Engine::validateItemKeys(const TableDefinition& table, const Item& item) {
    auto check = [&](const KeyAttribute& attribute, bool isPartitionKey) -> Status {
        auto it = item.find(attribute.name);
        if (it == item.end())
            return validationError("One or more parameter values were invalid: Missing the key " +
                                   attribute.name + " in the item");
        if (it->second.type() != attribute.type)
            return validationError(
                "One or more parameter values were invalid: Type mismatch for key " +
                attribute.name + " expected: " + std::string(valueTypeName(attribute.type)) +
                " actual: " + std::string(valueTypeName(it->second.type())));
        return checkKeyValue(attribute, it->second, isPartitionKey,
                             "One or more parameter values are not valid.");
    };
    SHARDSCAPE_TRY(check(table.partitionKey, true));
    if (table.sortKey) SHARDSCAPE_TRY(check(*table.sortKey, false));
    return {};
}

Item Engine::keyOf(const TableDefinition& table, const Item& item) {
    Item key;
    key.emplace(table.partitionKey.name, item.at(table.partitionKey.name));
    if (table.sortKey) key.emplace(table.sortKey->name, item.at(table.sortKey->name));
    return key;
}

Result<WriteResult> Engine::writeLocked(const TableDefinition& table, const std::string& storageKey,
                                        const ItemMutation& mutation) {
    std::string oldBytes;
    leveldb::Status s = db_->Get(leveldb::ReadOptions(), storageKey, &oldBytes);
    if (!s.ok() && !s.IsNotFound()) return storageError(s);
    WriteResult result;
    if (s.ok()) {
        auto old = StoredItem::fromRecord(std::move(oldBytes));
        if (!old) return old.error();
        result.oldSize = old->size();
        result.oldItem = std::move(old).value();
    }
    auto next = mutation(result.oldItem ? &*result.oldItem : nullptr);
    if (!next) return next.error();
    result.newItem = std::move(next).value();
    if (!result.newItem && !result.oldItem) return result;  // deleting nothing

    TableStatistics* stats = nullptr;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(table.name);
        if (it == tables_.end() || it->second.definition->id != table.id)
            return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        stats = &it->second.stats;  // entries are only erased under writeMutex_, which we hold
    }
    TableStatistics updated = *stats;
    leveldb::WriteBatch batch;
    if (result.newItem) {
        result.newSize = itemSize(*result.newItem);
        if (result.newSize > kMaxItemSizeBytes)
            return validationError("Item size has exceeded the maximum allowed size");
        batch.Put(storageKey, StoredItem::fromItem(*result.newItem, result.newSize).record());
        if (!result.oldItem) ++updated.itemCount;
    } else {
        batch.Delete(storageKey);
        --updated.itemCount;
    }
    updated.sizeBytes +=
        static_cast<int64_t>(result.newSize) - static_cast<int64_t>(result.oldSize);
    leveldb::WriteOptions options;
    options.sync = options_.syncWrites;
    s = db_->Write(options, &batch);
    if (!s.ok()) return storageError(s);
    *stats = updated;
    return result;
}

Result<WriteResult> Engine::putItem(const std::string& tableName, Item item,
                                    const std::function<Status(const StoredItem*)>& precondition) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    SHARDSCAPE_TRY(validateItemKeys(**table, item));
    const std::string key = storageKeyFor(**table, item);
    std::lock_guard lock(writeMutex_);
    return writeLocked(**table, key, [&](const StoredItem* current) -> Result<std::optional<Item>> {
        if (precondition) SHARDSCAPE_TRY(precondition(current));
        return std::optional<Item>(std::move(item));
    });
}

Status Engine::putItems(const std::string& tableName, std::vector<Item> items) {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    std::vector<std::string> keys;
    std::vector<size_t> sizes;
    keys.reserve(items.size());
    sizes.reserve(items.size());
    for (const auto& item : items) {
        SHARDSCAPE_TRY(validateItemKeys(**table, item));
        sizes.push_back(itemSize(item));
        if (sizes.back() > kMaxItemSizeBytes)
            return validationError("Item size has exceeded the maximum allowed size");
        keys.push_back(storageKeyFor(**table, item));
    }
    std::lock_guard lock(writeMutex_);
    TableStatistics* stats = nullptr;
    {
        std::shared_lock catalogLock(catalogMutex_);
        auto it = tables_.find(tableName);
        if (it == tables_.end() || it->second.definition->id != (*table)->id)
            return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        stats = &it->second.stats;
    }
    TableStatistics updated = *stats;
    // Size of each key's current item: from storage, or from earlier in this batch.
    std::unordered_map<std::string_view, size_t> pending;
    leveldb::WriteBatch batch;
    std::string oldBytes;
    for (size_t i = 0; i < items.size(); ++i) {
        std::optional<size_t> oldSize;
        if (auto p = pending.find(keys[i]); p != pending.end()) {
            oldSize = p->second;
        } else {
            leveldb::Status s = db_->Get(leveldb::ReadOptions(), keys[i], &oldBytes);
            if (s.ok()) {
                auto old = StoredItem::fromRecord(std::move(oldBytes));
                if (!old) return old.error();
                oldSize = old->size();
            } else if (!s.IsNotFound()) {
                return storageError(s);
            }
        }
        if (!oldSize) ++updated.itemCount;
        updated.sizeBytes +=
            static_cast<int64_t>(sizes[i]) - static_cast<int64_t>(oldSize.value_or(0));
        pending[keys[i]] = sizes[i];
        batch.Put(keys[i], StoredItem::fromItem(items[i], sizes[i]).record());
    }
    leveldb::WriteOptions options;
    options.sync = options_.syncWrites;
    leveldb::Status s = db_->Write(options, &batch);
    if (!s.ok()) return storageError(s);
    *stats = updated;
    return {};
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

Result<ReadResult> Engine::getItem(const std::string& tableName, const Item& key) const {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    SHARDSCAPE_TRY(validateKey(**table, key));
    std::string bytes;
    leveldb::Status s = db_->Get(leveldb::ReadOptions(), storageKeyFor(**table, key), &bytes);
    ReadResult result;
    if (s.IsNotFound()) return result;
    if (!s.ok()) return storageError(s);
    auto item = StoredItem::fromRecord(std::move(bytes));
    if (!item) return item.error();
    result.size = item->size();
    result.item = std::move(item).value();
    return result;
}

Result<Page> Engine::readRange(const TableDefinition& table, const std::string& lower,
                               const std::string& upper, bool forward, std::optional<int64_t> limit,
                               const std::function<bool(const Item&)>& keep) const {
    Page page;
    if (!(lower < upper) && !upper.empty()) return page;
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(leveldb::ReadOptions()));
    auto inRange = [&]() {
        if (!it->Valid()) return false;
        const leveldb::Slice k = it->key();
        if (k.compare(lower) < 0) return false;
        return upper.empty() || k.compare(upper) < 0;
    };
    if (forward) {
        it->Seek(lower);
    } else {
        if (upper.empty()) {
            it->SeekToLast();
        } else {
            it->Seek(upper);
            if (it->Valid())
                it->Prev();
            else
                it->SeekToLast();
        }
    }
    for (; inRange(); forward ? it->Next() : it->Prev()) {
        auto stored = StoredItem::fromRecord(it->value().ToString());
        if (!stored) return stored.error();
        ++page.scannedCount;
        page.bytesRead += stored->size();
        const bool full =
            (limit && page.scannedCount >= *limit) || page.bytesRead >= kPageLimitBytes;
        std::optional<Item> decoded;
        if (full || keep) {
            auto item = stored->decode();
            if (!item) return item.error();
            decoded = std::move(item).value();
        }
        if (full) page.lastEvaluatedKey = keyOf(table, *decoded);
        if (!keep) {
            page.items.push_back(std::move(stored).value());
        } else if (keep(*decoded)) {
            page.items.push_back(std::move(stored).value());
            page.decodedItems.push_back(std::move(*decoded));
        }
        if (full) break;
    }
    if (!it->status().ok()) return storageError(it->status());
    return page;
}

Result<Page> Engine::query(const QuerySpec& spec) const {
    auto tableResult = requireTable(spec.tableName);
    if (!tableResult) return tableResult.error();
    const TableDefinition& table = **tableResult;
    const std::string partition = layout::partitionPrefix(table.id, spec.partitionKey);
    std::string lower = partition;
    std::string upper = layout::prefixSuccessor(partition);
    if (spec.sortKeyCondition && table.sortKey) {
        const auto& c = *spec.sortKeyCondition;
        const std::string at = partition + layout::sortKeyBytes(c.value);
        const std::string after = at + std::string(1, '\0');  // first key past `at`
        using Op = SortKeyCondition::Op;
        switch (c.op) {
            case Op::Equal:
                lower = at;
                upper = after;
                break;
            case Op::Less:
                upper = at;
                break;
            case Op::LessOrEqual:
                upper = after;
                break;
            case Op::Greater:
                lower = after;
                break;
            case Op::GreaterOrEqual:
                lower = at;
                break;
            case Op::Between:
                lower = at;
                upper = partition + layout::sortKeyBytes(c.upper) + std::string(1, '\0');
                break;
            case Op::BeginsWith:
                lower = at;
                upper = layout::prefixSuccessor(at);
                break;
        }
    }
    if (spec.exclusiveStartKey) {
        if (auto valid = validateKey(table, *spec.exclusiveStartKey); !valid)
            return validationError("The provided starting key is invalid: " +
                                   valid.error().message);
        if (!(spec.exclusiveStartKey->at(table.partitionKey.name) == spec.partitionKey))
            return validationError(
                "The provided starting key is outside query boundaries based on provided "
                "conditions");
        const std::string start = storageKeyFor(table, *spec.exclusiveStartKey);
        if (table.sortKey && (start < lower || (!upper.empty() && start >= upper)))
            return validationError(
                "The provided starting key does not match the range key predicate");
        if (!table.sortKey) return Page{};  // at most one item per partition, already returned
        if (spec.scanForward)
            lower = start + std::string(1, '\0');
        else
            upper = start;
    }
    return readRange(table, lower, upper, spec.scanForward, spec.limit, spec.keep);
}

Result<Page> Engine::scan(const ScanSpec& spec) const {
    auto tableResult = requireTable(spec.tableName);
    if (!tableResult) return tableResult.error();
    const TableDefinition& table = **tableResult;
    std::string lower =
        layout::hashBoundary(table.id, segmentStart(spec.segment, spec.totalSegments));
    std::string upper =
        spec.segment + 1 >= spec.totalSegments
            ? layout::prefixSuccessor(layout::tablePrefix(table.id))
            : layout::hashBoundary(table.id, segmentStart(spec.segment + 1, spec.totalSegments));
    if (spec.exclusiveStartKey) {
        if (auto valid = validateKey(table, *spec.exclusiveStartKey); !valid)
            return validationError("The provided starting key is invalid: " +
                                   valid.error().message);
        const std::string start = storageKeyFor(table, *spec.exclusiveStartKey);
        if (spec.totalSegments > 1 && (start < lower || start >= upper))
            return validationError(
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                "ExclusiveStartKey with correct Segment. TotalSegments: " +
                std::to_string(spec.totalSegments) + " Segment: " + std::to_string(spec.segment));
        lower = start + std::string(1, '\0');
    }
    return readRange(table, lower, upper, true, spec.limit, spec.keep);
}

}  // namespace shardscape
