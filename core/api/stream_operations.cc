// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords, on the
// records the engine keeps for each table's stream (engine.h, "DynamoDB Streams"; shards in
// stream_shards.h). Requests are checked against their shapes (request_shapes.cc) before
// these run.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api/operations.h"
#include "api/stream_shards.h"

namespace shardscape {

namespace {

// AWS: "GetRecords can retrieve a maximum of 1 MB of data or 1000 stream records".
constexpr size_t kMaxRecordsPerRead = 1000;
constexpr size_t kMaxBytesPerRead = 1024 * 1024;
// The region in stream ARNs and records: the one TableDefinition::arn() names.
constexpr const char* kRegion = "ddblocal";

Error streamNotFound(const std::string& arn) {
    return Error{ErrorType::ResourceNotFound,
                 "Requested resource not found: Stream: " + arn + " not found"};
}

Error shardNotFound() {
    return Error{ErrorType::ResourceNotFound, "Requested resource not found: Shard does not exist"};
}

Error trimmedData() {
    return Error{ErrorType::TrimmedDataAccess,
                 "The operation attempted to read past the oldest stream record in a shard."};
}

const Json* member(const Json& request, const char* name) {
    auto it = request.find(name);
    return it != request.end() && !it->is_null() ? &*it : nullptr;
}

std::optional<std::string> stringMember(const Json& request, const char* name) {
    const Json* value = member(request, name);
    if (!value || !value->is_string()) return std::nullopt;
    return value->get<std::string>();
}

std::optional<int64_t> integerMember(const Json& request, const char* name) {
    const Json* value = member(request, name);
    if (!value || !value->is_number()) return std::nullopt;
    return value->get<int64_t>();
}

std::optional<Engine::StreamHandle> findStream(Engine& engine, const std::string& arn) {
    for (auto& handle : engine.streams())
        if (handle.table->streamArn(handle.stream) == arn) return std::move(handle);
    return std::nullopt;
}

Json keySchemaOf(const TableDefinition& table) {
    Json keys = Json::array();
    keys.push_back({{"AttributeName", table.partitionKey.name}, {"KeyType", "HASH"}});
    if (table.sortKey)
        keys.push_back({{"AttributeName", table.sortKey->name}, {"KeyType", "RANGE"}});
    return keys;
}

// 32 hexadecimal digits, fixed for a stream and sequence number.
std::string eventIdOf(uint32_t streamId, uint64_t sequence) {
    auto mix = [](uint64_t x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    const uint64_t high = mix(sequence ^ (uint64_t(streamId) << 40));
    const uint64_t low = mix(high ^ sequence);
    char text[40];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                  static_cast<unsigned long long>(low));
    return text;
}

Json recordJson(const StreamDefinition& stream, const StreamRecord& record) {
    Json dynamodb = {// Whole seconds (an assumption: AWS documents "UNIX epoch time format" only).
                     {"ApproximateCreationDateTime", std::floor(record.created)},
                     {"Keys", itemToJson(record.keys)},
                     {"SequenceNumber", formatSequenceNumber(record.sequence)},
                     {"SizeBytes", record.sizeBytes},
                     {"StreamViewType", streamViewTypeName(stream.viewType)}};
    if (record.newImage) dynamodb["NewImage"] = itemToJson(*record.newImage);
    if (record.oldImage) dynamodb["OldImage"] = itemToJson(*record.oldImage);
    Json out = {{"eventID", eventIdOf(stream.id, record.sequence)},
                {"eventName", streamEventName(record.event)},
                {"eventVersion", "1.1"},
                {"eventSource", "aws:dynamodb"},
                {"awsRegion", kRegion},
                {"dynamodb", std::move(dynamodb)}};
    // AWS: items deleted by Time to Live carry the service as their userIdentity.
    if (record.byTimeToLive)
        out["userIdentity"] = {{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}};
    return out;
}

std::optional<StreamShard> shardOf(const std::vector<StreamShard>& shards, int64_t index) {
    for (const auto& shard : shards)
        if (shard.index == index) return shard;
    return std::nullopt;
}

}  // namespace

Result<Json> listStreamsOperation(Engine& engine, const Json& request) {
    const auto tableName = stringMember(request, "TableName");
    const auto start = stringMember(request, "ExclusiveStartStreamArn");
    const size_t limit = static_cast<size_t>(integerMember(request, "Limit").value_or(100));
    if (tableName && !engine.table(*tableName))
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + *tableName + " not found"};
    std::vector<std::pair<std::string, Json>> found;
    for (const auto& handle : engine.streams()) {
        if (tableName && handle.table->name != *tableName) continue;
        const std::string arn = handle.table->streamArn(handle.stream);
        if (start && arn <= *start) continue;
        found.emplace_back(arn, Json{{"StreamArn", arn},
                                     {"TableName", handle.table->name},
                                     {"StreamLabel", handle.stream.label}});
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    Json streams = Json::array();
    Json response = Json::object();
    for (auto& [arn, entry] : found) {
        if (streams.size() == limit) {
            response["LastEvaluatedStreamArn"] = streams.back()["StreamArn"];
            break;
        }
        streams.push_back(std::move(entry));
    }
    response["Streams"] = std::move(streams);
    return response;
}

Result<Json> describeStreamOperation(Engine& engine, const Json& request) {
    const std::string arn = stringMember(request, "StreamArn").value_or("");
    const auto start = stringMember(request, "ExclusiveStartShardId");
    const size_t limit = static_cast<size_t>(integerMember(request, "Limit").value_or(100));
    auto handle = findStream(engine, arn);
    if (!handle) return streamNotFound(arn);
    const StreamDefinition& stream = handle->stream;
    Json shards = Json::array();
    Json description = {{"StreamArn", arn},
                        {"StreamLabel", stream.label},
                        {"StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED"},
                        {"StreamViewType", streamViewTypeName(stream.viewType)},
                        {"CreationRequestDateTime", stream.created},
                        {"TableName", handle->table->name},
                        {"KeySchema", keySchemaOf(*handle->table)}};
    for (const auto& shard : listedShards(stream, engine.now(), engine.lastSequenceNumber())) {
        // Shard ids sort in shard order; one that is not a shard's starts nothing (DynamoDB
        // then lists what follows it, too).
        if (start && shard.id <= *start) continue;
        if (shards.size() == limit) {
            description["LastEvaluatedShardId"] = shards.back()["ShardId"];
            break;
        }
        Json range = {{"StartingSequenceNumber", formatSequenceNumber(shard.first)}};
        if (shard.last) range["EndingSequenceNumber"] = formatSequenceNumber(*shard.last);
        Json entry = {{"ShardId", shard.id}, {"SequenceNumberRange", std::move(range)}};
        if (shard.parentId) entry["ParentShardId"] = *shard.parentId;
        shards.push_back(std::move(entry));
    }
    description["Shards"] = std::move(shards);
    return Json{{"StreamDescription", std::move(description)}};
}

Result<Json> getShardIteratorOperation(Engine& engine, const Json& request) {
    const std::string arn = stringMember(request, "StreamArn").value_or("");
    const std::string shardId = stringMember(request, "ShardId").value_or("");
    const std::string type = stringMember(request, "ShardIteratorType").value_or("");
    const auto sequenceText = stringMember(request, "SequenceNumber");
    const bool bySequence = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
    // Assumed wording (AWS documents the rule, not its message).
    if (bySequence && !sequenceText)
        return validationError("Must provide a SequenceNumber for ShardIteratorType: " + type);
    if (!bySequence && sequenceText)
        return validationError("Must not provide a SequenceNumber for ShardIteratorType: " + type);
    auto handle = findStream(engine, arn);
    if (!handle) return streamNotFound(arn);
    const double now = engine.now();
    const auto shards = listedShards(handle->stream, now, engine.lastSequenceNumber());
    auto shard = std::find_if(shards.begin(), shards.end(),
                              [&](const StreamShard& s) { return s.id == shardId; });
    if (shard == shards.end()) return shardNotFound();
    auto trimmed = engine.streamTrimmedThrough(handle->stream.id);
    if (!trimmed) return trimmed.error();
    uint64_t position = 0;
    if (type == "TRIM_HORIZON") {
        position = std::max(shard->first, *trimmed + 1);
    } else if (type == "LATEST") {
        position = std::max(shard->first, engine.lastSequenceNumber() + 1);
        if (shard->last) position = *shard->last + 1;
    } else {
        const auto sequence = parseSequenceNumber(*sequenceText);
        if (!sequence || *sequence < shard->first || (shard->last && *sequence > *shard->last))
            return validationError("Invalid SequenceNumber for ShardIteratorType " + type + ": " +
                                   *sequenceText + " is not in shard " + shardId);
        if (*sequence <= *trimmed) return trimmedData();
        position = type == "AT_SEQUENCE_NUMBER" ? *sequence : *sequence + 1;
    }
    return Json{{"ShardIterator", encodeShardIterator({arn, shard->index, position, now})}};
}

Result<Json> getRecordsOperation(Engine& engine, const Json& request) {
    const std::string text = stringMember(request, "ShardIterator").value_or("");
    const size_t limit =
        static_cast<size_t>(integerMember(request, "Limit").value_or(kMaxRecordsPerRead));
    auto iterator = decodeShardIterator(text);
    // Assumed wording: DynamoDB answers an iterator it did not issue with a ValidationException.
    if (!iterator) return validationError("Invalid ShardIterator");
    const double now = engine.now();
    if (now - iterator->issued > kShardIteratorLifetimeSeconds)
        return Error{ErrorType::ExpiredIterator,
                     "The provided iterator exceeds the maximum age allowed."};
    auto handle = findStream(engine, iterator->streamArn);
    if (!handle) return streamNotFound(iterator->streamArn);
    const uint32_t streamId = handle->stream.id;
    const auto shard = shardOf(listedShards(handle->stream, now, engine.lastSequenceNumber()),
                               iterator->shardIndex);
    if (!shard) return trimmedData();  // the whole shard is past retention
    auto trimmed = engine.streamTrimmedThrough(streamId);
    if (!trimmed) return trimmed.error();
    if (iterator->position <= *trimmed) return trimmedData();
    const uint64_t through = shard->last.value_or(UINT64_MAX);
    auto records =
        engine.readStreamRecords(streamId, iterator->position, through, limit, kMaxBytesPerRead);
    if (!records) return records.error();
    Json list = Json::array();
    for (const auto& record : *records) list.push_back(recordJson(handle->stream, record));
    const uint64_t next = records->empty() ? iterator->position : records->back().sequence + 1;
    Json response = {{"Records", std::move(list)}};
    // A closed shard read to its end has no next iterator.
    bool exhausted = shard->last && next > *shard->last;
    if (shard->last && !exhausted) {
        auto rest = engine.readStreamRecords(streamId, next, through, 1, kMaxBytesPerRead);
        if (!rest) return rest.error();
        exhausted = rest->empty();
    }
    if (!exhausted)
        response["NextShardIterator"] =
            encodeShardIterator({iterator->streamArn, iterator->shardIndex, next, now});
    return response;
}

}  // namespace shardscape
