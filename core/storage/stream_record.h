#pragma once
// One DynamoDB Streams record as the engine stores it (key 0x20 <stream id> <sequence>, see
// STORAGE.md): what happened to which item, when, and the images the stream's view type
// keeps. The sequence number is the record's key, not part of its value.
//
//   flags (1 byte: event 1-3, bit 2 Time to Live, bit 3 old image, bit 4 new image)
//   varint creation time (milliseconds since the epoch)
//   varint SizeBytes
//   varint length ++ keys (item_binary)
//   [varint length ++ old image]   [varint length ++ new image]

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

enum class StreamEvent { Insert = 1, Modify = 2, Remove = 3 };
const char* streamEventName(StreamEvent event);  // "INSERT", "MODIFY", "REMOVE"

struct StreamRecord {
    uint64_t sequence = 0;
    StreamEvent event = StreamEvent::Insert;
    double created = 0;  // seconds since the epoch, to the millisecond
    // Deleted by the Time to Live sweeper (userIdentity: the DynamoDB service).
    bool byTimeToLive = false;
    Item keys;
    std::optional<Item> oldImage;
    std::optional<Item> newImage;
    // The record's size: its keys and images, each by DynamoDB's item-size rules.
    size_t sizeBytes = 0;
};

// Appends a record's value; the images are given in their binary form (item_binary), so the
// write path passes the stored old item without decoding it.
void appendStreamRecord(std::string& out, StreamEvent event, int64_t createdMillis,
                        bool byTimeToLive, size_t sizeBytes, std::string_view keys,
                        const std::string_view* oldImage, const std::string_view* newImage);
Result<StreamRecord> decodeStreamRecord(uint64_t sequence, std::string_view value);

}  // namespace shardscape
