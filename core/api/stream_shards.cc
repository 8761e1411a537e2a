#include "api/stream_shards.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "base/base64.h"
#include "storage/engine.h"

namespace shardscape {

namespace {

constexpr std::string_view kIteratorTag = "shardscape-iterator-1";

int64_t shardIndexAt(const StreamDefinition& stream, double time) {
    if (time <= stream.created) return 0;
    return static_cast<int64_t>(std::floor((time - stream.created) / kShardRolloverSeconds));
}

double shardStart(const StreamDefinition& stream, int64_t index) {
    return stream.created + static_cast<double>(index) * kShardRolloverSeconds;
}

// The time a sequence number stands for (its microseconds).
double timeOfSequence(uint64_t sequence) {
    return static_cast<double>(sequence / 1000) / 1e6;
}

std::string shardIdFor(const StreamDefinition& stream, int64_t index) {
    // The shard's start in milliseconds, then a hash of the stream and index, so ids sort in
    // shard order and differ between streams.
    uint64_t mix = (uint64_t(stream.id) << 32) ^ static_cast<uint64_t>(index);
    mix ^= mix >> 33;
    mix *= 0xff51afd7ed558ccdULL;
    mix ^= mix >> 33;
    char text[64];
    std::snprintf(text, sizeof text, "shardId-%020lld-%08x",
                  static_cast<long long>(std::floor(shardStart(stream, index) * 1000)),
                  static_cast<unsigned>(mix & 0xffffffffu));
    return text;
}

}  // namespace

std::string formatSequenceNumber(uint64_t sequence) {
    char text[32];
    std::snprintf(text, sizeof text, "%021llu", static_cast<unsigned long long>(sequence));
    return text;
}

std::optional<uint64_t> parseSequenceNumber(std::string_view text) {
    // Leading zeros are padding.
    while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::vector<StreamShard> listedShards(const StreamDefinition& stream, double now,
                                      uint64_t lastSequence) {
    // The shard open now: by the clock, or by the last sequence number if that is ahead.
    int64_t lastIndex;
    if (stream.enabled()) {
        lastIndex = shardIndexAt(stream, std::max(now, timeOfSequence(lastSequence)));
    } else {
        lastIndex =
            shardIndexAt(stream, std::max(stream.disabled, timeOfSequence(stream.lastSequence)));
    }
    const uint64_t horizon = Engine::sequenceAt(now - Engine::kStreamRetentionSeconds);
    std::vector<StreamShard> shards;
    for (int64_t k = shardIndexAt(stream, now - Engine::kStreamRetentionSeconds); k <= lastIndex;
         ++k) {
        StreamShard shard;
        shard.index = k;
        shard.id = shardIdFor(stream, k);
        if (k > 0) shard.parentId = shardIdFor(stream, k - 1);
        shard.first = Engine::sequenceAt(shardStart(stream, k));
        if (k < lastIndex)
            shard.last = Engine::sequenceAt(shardStart(stream, k + 1)) - 1;
        else if (!stream.enabled())
            shard.last = std::max(stream.lastSequence, shard.first);
        if (shard.last && *shard.last < horizon) continue;  // every record past retention
        shards.push_back(std::move(shard));
    }
    return shards;
}

std::string encodeShardIterator(const ShardIterator& iterator) {
    const std::string text = std::string(kIteratorTag) + "|" + iterator.streamArn + "|" +
                             std::to_string(iterator.shardIndex) + "|" +
                             std::to_string(iterator.position) + "|" +
                             std::to_string(static_cast<int64_t>(iterator.issued * 1000));
    return base64Encode(text);
}

std::optional<ShardIterator> decodeShardIterator(std::string_view text) {
    auto decoded = base64Decode(text);
    if (!decoded) return std::nullopt;
    std::vector<std::string_view> parts;
    std::string_view rest = *decoded;
    for (size_t bar; (bar = rest.find('|')) != std::string_view::npos;) {
        parts.push_back(rest.substr(0, bar));
        rest.remove_prefix(bar + 1);
    }
    parts.push_back(rest);
    if (parts.size() != 5 || parts[0] != kIteratorTag) return std::nullopt;
    ShardIterator iterator;
    iterator.streamArn = std::string(parts[1]);
    int64_t issuedMillis = 0;
    auto number = [](std::string_view part, auto& out) {
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), out);
        return !part.empty() && error == std::errc() && end == part.data() + part.size();
    };
    if (!number(parts[2], iterator.shardIndex) || !number(parts[3], iterator.position) ||
        !number(parts[4], issuedMillis))
        return std::nullopt;
    iterator.issued = static_cast<double>(issuedMillis) / 1000;
    return iterator;
}

}  // namespace shardscape
