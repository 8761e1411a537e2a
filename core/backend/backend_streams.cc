// Backend::streamChanges: a table's stream read through DynamoDB Streams' operations, shard
// by shard in order, from just after a sequence number.
#include "backend/backend.h"

namespace shardscape {

namespace {

// Sequence numbers are decimal strings, compared as numbers.
bool sequenceBefore(const std::string& a, const std::string& b) {
    std::string_view x = a, y = b;
    while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
    while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
    return x.size() != y.size() ? x.size() < y.size() : x < y;
}

std::string text(const Json& object, const char* member) {
    auto it = object.find(member);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<StreamChanges> Backend::streamChanges(const std::string& table,
                                             const std::string& afterSequence, size_t limit) {
    auto described = describeTable(*this, table);
    if (!described) return described.error();
    StreamChanges changes;
    changes.streamArn = text(*described, "LatestStreamArn");
    if (changes.streamArn.empty()) return changes;
    // The shards, following DescribeStream's pages.
    std::vector<Json> shards;
    Json request = {{"StreamArn", changes.streamArn}};
    for (;;) {
        auto stream = call("DescribeStream", request);
        if (!stream) return stream.error();
        const Json& description = (*stream)["StreamDescription"];
        changes.viewType = text(description, "StreamViewType");
        changes.enabled = text(description, "StreamStatus") != "DISABLED";
        if (description.contains("Shards") && description["Shards"].is_array())
            for (const Json& shard : description["Shards"]) shards.push_back(shard);
        const std::string next = text(description, "LastEvaluatedShardId");
        if (next.empty()) break;
        request["ExclusiveStartShardId"] = next;
    }
    for (const Json& shard : shards) {
        if (changes.records.size() >= limit) break;
        const Json range = shard.value("SequenceNumberRange", Json::object());
        const std::string first = text(range, "StartingSequenceNumber");
        const std::string last = text(range, "EndingSequenceNumber");
        if (!afterSequence.empty() && !last.empty() && !sequenceBefore(afterSequence, last))
            continue;  // the shard ends at or before where the reader is
        Json position = {{"StreamArn", changes.streamArn},
                         {"ShardId", text(shard, "ShardId")},
                         {"ShardIteratorType", "TRIM_HORIZON"}};
        if (!afterSequence.empty() && !sequenceBefore(afterSequence, first)) {
            position["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
            position["SequenceNumber"] = afterSequence;
        }
        auto iterator = call("GetShardIterator", position);
        if (!iterator && iterator.error().type == ErrorType::TrimmedDataAccess) {
            // What followed the position is gone: read what is left.
            position["ShardIteratorType"] = "TRIM_HORIZON";
            position.erase("SequenceNumber");
            iterator = call("GetShardIterator", position);
        }
        if (!iterator) return iterator.error();
        std::string next = text(*iterator, "ShardIterator");
        while (!next.empty() && changes.records.size() < limit) {
            const size_t wanted = std::min<size_t>(1000, limit - changes.records.size());
            auto page = call("GetRecords", Json{{"ShardIterator", next}, {"Limit", wanted}});
            if (!page) return page.error();
            const Json& records = (*page)["Records"];
            if (!records.is_array() || records.empty()) break;
            for (const Json& record : records) changes.records.push_back(record);
            next = text(*page, "NextShardIterator");
        }
    }
    return changes;
}

}  // namespace shardscape
