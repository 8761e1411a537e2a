#pragma once
// The shards of a DynamoDB stream, and the shard iterators that read them.
//
// DynamoDB splits a stream into shards that it closes and replaces as it sees fit. Shardscape
// rolls a stream over to a new shard every kShardRolloverSeconds (an assumption: AWS says
// shards are created and closed automatically and typically live about four hours), so a
// shard is a window of time: shard k of a stream created at C holds the records written
// from C + k·4h to C + (k+1)·4h. Sequence numbers grow with time (Engine::sequenceAt), so a
// shard is also a contiguous range of sequence numbers, and reading one is a single range
// scan. A shard is listed while it may hold records within the 24-hour retention.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "schema/table_definition.h"

namespace shardscape {

inline constexpr double kShardRolloverSeconds = 4 * 3600;
// AWS: "A shard iterator expires 15 minutes after it is retrieved".
inline constexpr double kShardIteratorLifetimeSeconds = 15 * 60;

struct StreamShard {
    int64_t index = 0;
    std::string id;                       // "shardId-00001796621789123-1a2b3c4d"
    std::optional<std::string> parentId;  // the shard it follows
    uint64_t first = 0;                   // StartingSequenceNumber
    std::optional<uint64_t> last;         // EndingSequenceNumber, once the shard is closed
};

// 21 decimal digits, zero-padded, as DynamoDB's sequence numbers (the model's minimum length).
std::string formatSequenceNumber(uint64_t sequence);
// Digits only, and within 64 bits; nullopt otherwise.
std::optional<uint64_t> parseSequenceNumber(std::string_view text);

// The shards of `stream` listed at `now` (oldest first). `lastSequence` is the engine's last
// sequence number (a shard whose time has come is opened even if it is still empty).
std::vector<StreamShard> listedShards(const StreamDefinition& stream, double now,
                                      uint64_t lastSequence);

// A shard iterator: where the next GetRecords reads, in which shard of which stream, and
// when it was handed out. Its text is opaque to clients.
struct ShardIterator {
    std::string streamArn;
    int64_t shardIndex = 0;
    uint64_t position = 0;  // the next sequence number to read
    double issued = 0;      // seconds since the epoch
};
std::string encodeShardIterator(const ShardIterator& iterator);
std::optional<ShardIterator> decodeShardIterator(std::string_view text);

}  // namespace shardscape
