#include "storage/storage_layout.h"

#include <algorithm>
#include <cstring>

#include "values/number.h"

namespace shardscape::layout {

namespace {

// Every item key is built on the write path: each helper appends its bytes in one go.
void appendBigEndian32(std::string& out, uint32_t v) {
    char bytes[4];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
    out.append(bytes, sizeof bytes);
}

void appendBigEndian64(std::string& out, uint64_t v) {
    char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (56 - 8 * i)) & 0xFF);
    out.append(bytes, sizeof bytes);
}

// FNV-1a spreads bytes; the final avalanche makes nearby keys ("user1", "user2") land far
// apart in the hash space, as DynamoDB's partitioning hash does.
uint64_t hashBytes(char typeTag, std::string_view bytes) {
    uint64_t h = 14695981039346656037ULL;
    auto mix = [&h](unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
    };
    mix(static_cast<unsigned char>(typeTag));
    for (char c : bytes) mix(static_cast<unsigned char>(c));
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

void appendEscapedBody(std::string& out, std::string_view bytes) {
    while (!bytes.empty()) {
        const void* zero = std::memchr(bytes.data(), 0, bytes.size());
        if (!zero) {
            out.append(bytes);
            return;
        }
        const size_t run = static_cast<const char*>(zero) - bytes.data() + 1;
        out.append(bytes.data(), run);
        out.push_back(static_cast<char>(0xFF));
        bytes.remove_prefix(run);
    }
}

// Self-delimiting, order-preserving form of S/B bytes: 0x00 becomes 0x00 0xFF and the value
// ends with 0x00 0x01, so no encoded value is a prefix of another.
void appendEscaped(std::string& out, std::string_view bytes) {
    appendEscapedBody(out, bytes);
    out.append("\0\1", 2);
}

void appendPartitionKey(std::string& out, const AttributeValue& value) {
    if (value.type() == ValueType::N) {
        Number::parse(value.scalar())->appendOrderedEncoding(out);
    } else {
        appendEscaped(out, value.scalar());
    }
}

}  // namespace

uint64_t partitionHash(const AttributeValue& partitionKey) {
    return hashBytes(valueTypeName(partitionKey.type())[0], partitionKey.scalar());
}

std::string metaKey(std::string_view name) {
    std::string key(1, kMetaPrefix);
    key.append(name);
    return key;
}

std::string catalogKey(std::string_view tableName) {
    std::string key(1, kCatalogPrefix);
    key.append(tableName);
    return key;
}

std::string statsKey(uint32_t tableId) {
    std::string key(1, kStatsPrefix);
    appendBigEndian32(key, tableId);
    return key;
}

std::string retiredTableKey(uint32_t tableId) {
    std::string key(1, kRetiredTablePrefix);
    appendBigEndian32(key, tableId);
    return key;
}

std::string tablePrefix(uint32_t tableId) {
    std::string key(1, kItemPrefix);
    appendBigEndian32(key, tableId);
    return key;
}

std::string hashBoundary(uint32_t tableId, uint64_t hash) {
    std::string key = tablePrefix(tableId);
    appendBigEndian64(key, hash);
    return key;
}

std::string partitionPrefix(uint32_t tableId, const AttributeValue& partitionKey) {
    std::string key;
    // Prefix, id, hash, the value and its terminator (a sort key often follows).
    key.reserve(1 + 4 + 8 + partitionKey.scalar().size() + 2 + 24);
    key.push_back(kItemPrefix);
    appendBigEndian32(key, tableId);
    appendBigEndian64(key, partitionHash(partitionKey));
    appendPartitionKey(key, partitionKey);
    return key;
}

std::string sortKeyBytes(const AttributeValue& sortKey) {
    // The sort key is last, so S and B need no escaping: LevelDB's bytewise comparator
    // already orders them by unsigned bytes.
    if (sortKey.type() == ValueType::N) return Number::parse(sortKey.scalar())->orderedEncoding();
    return sortKey.scalar();
}

std::string itemKey(uint32_t tableId, const AttributeValue& partitionKey,
                    const AttributeValue* sortKey) {
    std::string key = partitionPrefix(tableId, partitionKey);
    if (sortKey) key += sortKeyBytes(*sortKey);
    return key;
}

std::string indexEntryKey(uint32_t indexId, const AttributeValue& partitionKey,
                          const AttributeValue* sortKey, std::string_view tableItemKey) {
    std::string key = partitionPrefix(indexId, partitionKey);
    if (sortKey) appendPartitionKey(key, *sortKey);
    key.append(tableItemKey.substr(std::min<size_t>(5, tableItemKey.size())));
    return key;
}

std::string delimitedKeyBytes(const AttributeValue& value) {
    std::string out;
    appendPartitionKey(out, value);
    return out;
}

std::string escapedPrefixBytes(const AttributeValue& prefix) {
    std::string out;
    appendEscapedBody(out, prefix.scalar());
    return out;
}

std::string collectionKey(uint32_t tableId, const AttributeValue& partitionKey) {
    std::string key = partitionPrefix(tableId, partitionKey);
    key[0] = kCollectionPrefix;
    return key;
}

uint64_t hashOfItemKey(std::string_view key) {
    if (key.size() < 13) return 0;
    uint64_t h = 0;
    for (size_t i = 5; i < 13; ++i) h = (h << 8) | static_cast<unsigned char>(key[i]);
    return h;
}

std::string streamPrefix(uint32_t streamId) {
    std::string key(1, kStreamPrefix);
    appendBigEndian32(key, streamId);
    return key;
}

std::string streamRecordKey(uint32_t streamId, uint64_t sequence) {
    std::string key = streamPrefix(streamId);
    appendBigEndian64(key, sequence);
    return key;
}

uint64_t sequenceOfRecordKey(std::string_view key) {
    if (key.size() != 13) return 0;
    uint64_t sequence = 0;
    for (size_t i = 5; i < 13; ++i) sequence = (sequence << 8) | static_cast<unsigned char>(key[i]);
    return sequence;
}

std::string prefixSuccessor(std::string_view prefix) {
    std::string out(prefix);
    while (!out.empty()) {
        auto last = static_cast<unsigned char>(out.back());
        if (last != 0xFF) {
            out.back() = static_cast<char>(last + 1);
            return out;
        }
        out.pop_back();
    }
    return out;
}

}  // namespace shardscape::layout
