#pragma once
// How Shardscape lays tables and items out in its single LevelDB database.
// See STORAGE.md beside this file for the full picture and the reasons.
//
//   0x00 "format"                         -> layout version ("1")
//   0x00 "next_table_id"                  -> decimal id counter
//   0x01 <table name>                     -> table definition (JSON)
//   0x02 <table id:BE32>                  -> table statistics (item count, bytes)
//   0x03 <table id:BE32> <hash:BE64> <partition key>                 -> item collection size
//   0x10 <table id:BE32> <hash:BE64> <partition key> [<sort key>]   -> item (item_binary)
//   0x10 <index id:BE32> <hash:BE64> <index partition key> [<index sort key, delimited>]
//        <hash, partition key and sort key of the table item>          -> index entry
//   0x20 <stream id:BE32>                 -> the stream's trim mark (last trimmed sequence)
//   0x20 <stream id:BE32> <sequence:BE64> -> stream record (stream_record.h)
//
// The partition key is hashed to 64 bits and the hash leads the item key, so a table's items
// are in hash order (a DynamoDB partition is a contiguous hash range, and Scan returns items
// in that order), all items of one partition key are contiguous, and within them the sort
// key orders items as DynamoDB does (S and B by unsigned bytes, N numerically).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "values/attribute_value.h"

namespace shardscape::layout {

inline constexpr char kMetaPrefix = 0x00;
inline constexpr char kCatalogPrefix = 0x01;
inline constexpr char kStatsPrefix = 0x02;
inline constexpr char kCollectionPrefix = 0x03;
// A deleted table's definition, kept while its streams' records are readable (24 hours).
inline constexpr char kRetiredTablePrefix = 0x04;
inline constexpr char kItemPrefix = 0x10;
inline constexpr char kStreamPrefix = 0x20;

// 64-bit hash of a partition key value (S, N or B); equal values hash equally (N by its
// normalised form).
uint64_t partitionHash(const AttributeValue& partitionKey);

std::string metaKey(std::string_view name);
std::string catalogKey(std::string_view tableName);
std::string statsKey(uint32_t tableId);
std::string retiredTableKey(uint32_t tableId);

// Prefix shared by every item of a table.
std::string tablePrefix(uint32_t tableId);
// Prefix of the items that share one partition key.
std::string partitionPrefix(uint32_t tableId, const AttributeValue& partitionKey);
// First key of the table whose hash is >= `hash`.
std::string hashBoundary(uint32_t tableId, uint64_t hash);
std::string itemKey(uint32_t tableId, const AttributeValue& partitionKey,
                    const AttributeValue* sortKey);
// Bytes of a sort-key value as stored after the partition prefix (order-preserving).
std::string sortKeyBytes(const AttributeValue& sortKey);

// Index entries: an index is laid out like a table (its own id, hash of its partition key),
// with the index sort key in self-delimiting form and the table item's key bytes appended
// so entries that share an index key stay distinct.
std::string indexEntryKey(uint32_t indexId, const AttributeValue& partitionKey,
                          const AttributeValue* sortKey, std::string_view tableItemKey);
// Self-delimiting, order-preserving bytes of an index sort-key value.
std::string delimitedKeyBytes(const AttributeValue& value);
// The escaped bytes of an S/B value without its terminator: every delimited value that
// begins with `prefix` starts with these bytes (begins_with on an index sort key).
std::string escapedPrefixBytes(const AttributeValue& prefix);

// Running size of one item collection (tables with local secondary indexes).
std::string collectionKey(uint32_t tableId, const AttributeValue& partitionKey);
// The hash stored in an item key (0 if the key is too short to hold one).
uint64_t hashOfItemKey(std::string_view key);

// DynamoDB Streams: the records of one stream, in sequence-number order, and its trim mark
// (the key is the records' common prefix, so it sorts before them).
std::string streamPrefix(uint32_t streamId);
std::string streamRecordKey(uint32_t streamId, uint64_t sequence);
// The sequence number of a record key (0 if the key is not one).
uint64_t sequenceOfRecordKey(std::string_view key);

// Smallest string greater than every string starting with `prefix` ("" if none exists).
std::string prefixSuccessor(std::string_view prefix);

}  // namespace shardscape::layout
