// Engine: item reads and writes, Query and Scan.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <unordered_map>

#include "storage/checked_read.h"
#include "storage/engine.h"
#include "storage/storage_error.h"
#include "storage/storage_layout.h"
#include "values/item_binary.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

constexpr size_t kMaxPartitionKeyBytes = 2048;
constexpr size_t kMaxSortKeyBytes = 1024;

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

Item Engine::indexKeyOf(const TableDefinition& table, const IndexDefinition& index,
                        const Item& entry) {
    Item key = keyOf(table, entry);
    key.emplace(index.partitionKey.name, entry.at(index.partitionKey.name));
    if (index.sortKey) key.emplace(index.sortKey->name, entry.at(index.sortKey->name));
    return key;
}

Status Engine::validateIndexKeys(const TableDefinition& table, const Item& item) {
    for (const auto& index : table.indexes) {
        if (index.status == IndexStatus::Deleting) continue;
        auto check = [&](const KeyAttribute& attribute, bool isPartitionKey) -> Status {
            auto it = item.find(attribute.name);
            if (it == item.end() || table.isKeyAttribute(attribute.name)) return {};
            if (it->second.type() != attribute.type)
                return validationError(
                    "One or more parameter values were invalid: Type mismatch for Index Key " +
                    attribute.name + " Expected: " + std::string(valueTypeName(attribute.type)) +
                    " Actual: " + std::string(valueTypeName(it->second.type())) +
                    " IndexName: " + index.name);
            if (attribute.type != ValueType::N && it->second.scalar().empty())
                return validationError(
                    "One or more parameter values are not valid. A value specified for a "
                    "secondary index key is not supported. The AttributeValue for a key "
                    "attribute cannot contain an empty " +
                    emptyKindName(attribute.type) + " value. IndexName: " + index.name +
                    ", IndexKey: " + attribute.name);
            return checkKeySize(it->second, isPartitionKey);
        };
        SHARDSCAPE_TRY(check(index.partitionKey, true));
        if (index.sortKey) SHARDSCAPE_TRY(check(*index.sortKey, false));
    }
    return {};
}

Result<ReadResult> Engine::getItem(const std::string& tableName, const Item& key) const {
    auto table = requireTable(tableName);
    if (!table) return table.error();
    SHARDSCAPE_TRY(validateKey(**table, key));
    std::string bytes;
    leveldb::Status s = db_->Get(checkedRead(), storageKeyFor(**table, key), &bytes);
    ReadResult result;
    if (s.IsNotFound()) return result;
    if (!s.ok()) return storageError(s);
    auto item = StoredItem::fromRecord(std::move(bytes));
    if (!item) return item.error();
    result.size = item->size();
    result.item = std::move(item).value();
    return result;
}

Result<std::vector<ReadResult>> Engine::getItemsAtomically(
    const std::vector<std::pair<std::string, Item>>& keys) const {
    std::vector<std::string> storageKeys;
    for (const auto& [tableName, key] : keys) {
        auto table = requireTable(tableName);
        if (!table) return table.error();
        SHARDSCAPE_TRY(validateKey(**table, key));
        storageKeys.push_back(storageKeyFor(**table, key));
    }
    leveldb::ReadOptions options = checkedRead();
    options.snapshot = db_->GetSnapshot();
    std::vector<ReadResult> results;
    Status failure;
    for (const auto& storageKey : storageKeys) {
        std::string bytes;
        leveldb::Status s = db_->Get(options, storageKey, &bytes);
        ReadResult result;
        if (s.ok()) {
            auto item = StoredItem::fromRecord(std::move(bytes));
            if (!item) {
                failure = item.error();
                break;
            }
            result.size = item->size();
            result.item = std::move(item).value();
        } else if (!s.IsNotFound()) {
            failure = storageError(s);
            break;
        }
        results.push_back(std::move(result));
    }
    db_->ReleaseSnapshot(options.snapshot);
    if (!failure) return failure.error();
    return results;
}

struct Engine::RangeRead {
    std::string lower;
    std::string upper;  // exclusive; "" means unbounded
    bool forward = true;
    std::optional<int64_t> limit;
    std::function<bool(const Item&)> keep;
    // The LastEvaluatedKey of an evaluated item (or index entry).
    std::function<Item(const Item&)> keyOf;
    // Index reads that return table items: the table to fetch each entry's item from.
    const TableDefinition* fetchFrom = nullptr;
};

Result<Page> Engine::readRange(const RangeRead& read) const {
    Page page;
    if (!(read.lower < read.upper) && !read.upper.empty()) return page;
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(checkedRead()));
    auto inRange = [&]() {
        if (!it->Valid()) return false;
        const leveldb::Slice k = it->key();
        if (k.compare(read.lower) < 0) return false;
        return read.upper.empty() || k.compare(read.upper) < 0;
    };
    if (read.forward) {
        it->Seek(read.lower);
    } else {
        if (read.upper.empty()) {
            it->SeekToLast();
        } else {
            it->Seek(read.upper);
            if (it->Valid())
                it->Prev();
            else
                it->SeekToLast();
        }
    }
    // AWS: a fetching index query's 1 MB limit counts the index entries (rounded up to
    // 4 KB) plus each fetched table item, individually rounded up to 4 KB.
    size_t fetchedBytes = 0;
    auto roundedTo4k = [](size_t bytes) { return (bytes + 4095) / 4096 * 4096; };
    for (; inRange(); read.forward ? it->Next() : it->Prev()) {
        auto stored = StoredItem::fromRecord(it->value().ToString());
        if (!stored) return stored.error();
        ++page.scannedCount;
        page.bytesRead += stored->size();
        std::optional<Item> entry;  // the index entry, when the item returned is fetched
        if (read.fetchFrom) {
            auto decodedEntry = stored->decode();
            if (!decodedEntry) return decodedEntry.error();
            std::string bytes;
            leveldb::Status s =
                db_->Get(checkedRead(), storageKeyFor(*read.fetchFrom, *decodedEntry), &bytes);
            if (!s.ok()) return storageError(s);  // the write path keeps entries and items in step
            auto item = StoredItem::fromRecord(std::move(bytes));
            if (!item) return item.error();
            page.fetchedSizes.push_back(item->size());
            fetchedBytes += roundedTo4k(item->size());
            entry = std::move(decodedEntry).value();
            stored = std::move(item);
        }
        const size_t counted =
            read.fetchFrom ? roundedTo4k(page.bytesRead) + fetchedBytes : page.bytesRead;
        const bool full =
            (read.limit && page.scannedCount >= *read.limit) || counted >= kPageLimitBytes;
        std::optional<Item> decoded;
        if (read.keep || (full && !entry)) {
            auto item = stored->decode();
            if (!item) return item.error();
            decoded = std::move(item).value();
        }
        if (full) page.lastEvaluatedKey = read.keyOf(entry ? *entry : *decoded);
        if (!read.keep) {
            page.items.push_back(std::move(stored).value());
        } else if (read.keep(*decoded)) {
            page.items.push_back(std::move(stored).value());
            page.decodedItems.push_back(std::move(*decoded));
        }
        if (full) break;
    }
    if (!it->status().ok()) return storageError(it->status());
    return page;
}

namespace {

struct KeyRange {
    std::string lower;
    std::string upper;  // exclusive; "" means unbounded
};

// The key range of one partition narrowed by a sort-key condition. Table sort keys are stored
// raw (nothing follows them); index sort keys are delimited (the table key follows).
KeyRange sortKeyRange(const std::string& partition,
                      const std::optional<SortKeyCondition>& condition, bool delimited) {
    KeyRange range{partition, layout::prefixSuccessor(partition)};
    if (!condition) return range;
    auto at = [&](const AttributeValue& v) {
        return partition + (delimited ? layout::delimitedKeyBytes(v) : layout::sortKeyBytes(v));
    };
    // First key past every key whose sort key equals v.
    auto past = [&](const AttributeValue& v) {
        return delimited ? layout::prefixSuccessor(at(v)) : at(v) + std::string(1, '\0');
    };
    const auto& c = *condition;
    using Op = SortKeyCondition::Op;
    switch (c.op) {
        case Op::Equal:
            range = {at(c.value), past(c.value)};
            break;
        case Op::Less:
            range.upper = at(c.value);
            break;
        case Op::LessOrEqual:
            range.upper = past(c.value);
            break;
        case Op::Greater:
            range.lower = past(c.value);
            break;
        case Op::GreaterOrEqual:
            range.lower = at(c.value);
            break;
        case Op::Between:
            range = {at(c.value), past(c.upper)};
            break;
        case Op::BeginsWith: {
            const std::string prefix =
                delimited ? partition + layout::escapedPrefixBytes(c.value) : at(c.value);
            range = {prefix, layout::prefixSuccessor(prefix)};
            break;
        }
    }
    return range;
}

Error indexNotFound(const std::string& name) {
    return validationError("The table does not have the specified index: " + name);
}

// The storage key of an index read's ExclusiveStartKey, which names the table's and the
// index's key attributes.
Result<std::string> indexStartKey(const TableDefinition& table, const IndexDefinition& index,
                                  const Item& start) {
    std::vector<const KeyAttribute*> keys = {&table.partitionKey, &index.partitionKey};
    if (table.sortKey) keys.push_back(&*table.sortKey);
    if (index.sortKey) keys.push_back(&*index.sortKey);
    size_t distinct = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        bool seen = false;
        for (size_t j = 0; j < i; ++j) seen = seen || keys[j]->name == keys[i]->name;
        if (!seen) ++distinct;
        auto it = start.find(keys[i]->name);
        if (it == start.end() || it->second.type() != keys[i]->type)
            return validationError(
                "The provided starting key is invalid: The provided key element does not match "
                "the schema");
    }
    if (start.size() != distinct)
        return validationError(
            "The provided starting key is invalid: The provided key element does not match the "
            "schema");
    return layout::indexEntryKey(index.id, start.at(index.partitionKey.name),
                                 index.sortKey ? &start.at(index.sortKey->name) : nullptr,
                                 storageKeyFor(table, start));
}

// `shown` is the index's status as DescribeTable shows it (Engine::shownIndexStatus).
Status checkReadable(const IndexDefinition& index, IndexStatus shown) {
    if (index.status == IndexStatus::Creating || shown == IndexStatus::Creating)
        return validationError("Cannot read from backfilling global secondary index: " +
                               index.name);
    return {};
}

}  // namespace

Result<Page> Engine::query(const QuerySpec& spec) const {
    auto tableResult = requireTable(spec.tableName);
    if (!tableResult) return tableResult.error();
    const TableDefinition& table = **tableResult;
    if (spec.indexName) {
        const IndexDefinition* index = table.findIndex(*spec.indexName);
        if (!index || index->status == IndexStatus::Deleting) return indexNotFound(*spec.indexName);
        return queryIndex(table, *index, spec);
    }
    const std::string partition = layout::partitionPrefix(table.id, spec.partitionKey);
    auto [lower, upper] =
        sortKeyRange(partition, table.sortKey ? spec.sortKeyCondition : std::nullopt, false);
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
    RangeRead read{lower,      upper,     spec.scanForward,
                   spec.limit, spec.keep, [&](const Item& item) { return keyOf(table, item); },
                   nullptr};
    return readRange(read);
}

Result<Page> Engine::queryIndex(const TableDefinition& table, const IndexDefinition& index,
                                const QuerySpec& spec) const {
    SHARDSCAPE_TRY(checkReadable(index, shownIndexStatus(table.name, index)));
    const std::string partition = layout::partitionPrefix(index.id, spec.partitionKey);
    auto [lower, upper] =
        sortKeyRange(partition, index.sortKey ? spec.sortKeyCondition : std::nullopt, true);
    if (spec.exclusiveStartKey) {
        auto start = indexStartKey(table, index, *spec.exclusiveStartKey);
        if (!start) return start.error();
        if (!(spec.exclusiveStartKey->at(index.partitionKey.name) == spec.partitionKey))
            return validationError(
                "The provided starting key is outside query boundaries based on provided "
                "conditions");
        if (*start < lower || (!upper.empty() && *start >= upper))
            return validationError(
                "The provided starting key does not match the range key predicate");
        if (spec.scanForward)
            lower = *start + std::string(1, '\0');
        else
            upper = *start;
    }
    RangeRead read{lower,
                   upper,
                   spec.scanForward,
                   spec.limit,
                   spec.keep,
                   [&](const Item& entry) { return indexKeyOf(table, index, entry); },
                   spec.fetchTableItems ? &table : nullptr};
    return readRange(read);
}

Result<Page> Engine::scan(const ScanSpec& spec) const {
    auto tableResult = requireTable(spec.tableName);
    if (!tableResult) return tableResult.error();
    const TableDefinition& table = **tableResult;
    const IndexDefinition* index = nullptr;
    if (spec.indexName) {
        index = table.findIndex(*spec.indexName);
        if (!index || index->status == IndexStatus::Deleting) return indexNotFound(*spec.indexName);
        SHARDSCAPE_TRY(checkReadable(*index, shownIndexStatus(table.name, *index)));
    }
    const uint32_t id = index ? index->id : table.id;
    std::string lower = layout::hashBoundary(id, segmentStart(spec.segment, spec.totalSegments));
    std::string upper =
        spec.segment + 1 >= spec.totalSegments
            ? layout::prefixSuccessor(layout::tablePrefix(id))
            : layout::hashBoundary(id, segmentStart(spec.segment + 1, spec.totalSegments));
    if (spec.exclusiveStartKey) {
        std::string start;
        if (index) {
            auto entry = indexStartKey(table, *index, *spec.exclusiveStartKey);
            if (!entry) return entry.error();
            start = std::move(entry).value();
        } else {
            if (auto valid = validateKey(table, *spec.exclusiveStartKey); !valid)
                return validationError("The provided starting key is invalid: " +
                                       valid.error().message);
            start = storageKeyFor(table, *spec.exclusiveStartKey);
        }
        if (spec.totalSegments > 1 && (start < lower || start >= upper))
            return validationError(
                "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
                "ExclusiveStartKey with correct Segment. TotalSegments: " +
                std::to_string(spec.totalSegments) + " Segment: " + std::to_string(spec.segment));
        lower = start + std::string(1, '\0');
    }
    RangeRead read{lower,
                   upper,
                   true,
                   spec.limit,
                   spec.keep,
                   nullptr,
                   index && spec.fetchTableItems ? &table : nullptr};
    if (index)
        read.keyOf = [&](const Item& entry) { return indexKeyOf(table, *index, entry); };
    else
        read.keyOf = [&](const Item& item) { return keyOf(table, item); };
    return readRange(read);
}

}  // namespace shardscape
