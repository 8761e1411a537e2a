#include "simulation/workload_execution.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include <unistd.h>

#include "api/dispatch.h"
#include "base/clock.h"
#include "base/seeded_random.h"
#include "capacity/auto_scaling.h"
#include "simulation/applied_rules.h"
#include "simulation/scenario_fields.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

// The simulated clock's second 0: 2026-01-01T00:00:00Z.
constexpr double kStartTime = 1767225600;
constexpr const char* kSortKeyValue = "0000";

std::string numbered(const char* prefix, size_t number) {
    std::string out = prefix;
    out.append(std::to_string(number));
    return out;
}

// Partition-key attribute of the scenario's global secondary index `i`.
std::string indexKeyAttribute(size_t i) {
    std::string out = numbered("gsi", i);
    out.append("_pk");
    return out;
}

// Non-key attribute projected into index `i` (INCLUDE), which projectedChange updates set.
std::string indexNoteAttribute(size_t i) {
    std::string out = numbered("gsi", i);
    out.append("_note");
    return out;
}

// Sort-key value of the `i`-th item under one partition key ("0000", "0001", ...).
std::string sortKeyValue(size_t i) {
    std::string digits = std::to_string(i);
    return std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

struct TemporaryDirectory {
    std::filesystem::path path;
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

Json stringValue(const std::string& text) {
    return Json{{"S", text}};
}

class Execution {
  public:
    Execution(const Scenario& scenario, uint64_t seed, Engine& engine, SimulatedClock& clock)
        : scenario_(scenario),
          table_(&scenario.tables.front()),
          random_(seed),
          engine_(engine),
          clock_(clock) {}

    Status createTables();
    Status loadItems();
    Status run(const SimulationOptions& options, SimulationReport& report);

  private:
    Item makeItem(const std::string& partitionKey, const std::string& sortKey, double bytes);
    Json keyJson(const std::string& partitionKey) const;
    Json requestFor(size_t stream, const std::string& key);
    std::string drawKey(const KeyDistribution& keys, double second) {
        const double u1 = random_.uniform(), u2 = random_.uniform(), u3 = random_.uniform();
        const WeightedKey key = keys.sample(u1, u2, u3, second);
        return keys.keyName(key.rank, key.shard);
    }
    Status autoScale(int minuteEnd, SimulationReport& report);

    const Scenario& scenario_;
    const TableSpec* table_;  // the table being worked on
    std::vector<int> base_;   // index of each table's resource in the report
    Random random_;
    Engine& engine_;
    SimulatedClock& clock_;
    std::vector<std::optional<Json>> scanStart_;  // per stream: next Scan page's start key
    double second_ = 0;  // the simulated second being run (time-ordered index keys)
    size_t notes_ = 0;   // projectedChange values given so far (each one new)
    std::vector<AutoScaler> scalers_;
    std::vector<std::pair<int, bool>> scalerTargets_;  // (report resource, is read)
    Status createTable(int t);
    Status loadTable(int t);
};

Status Execution::createTable(int t) {
    table_ = &scenario_.tables[static_cast<size_t>(t)];
    Json attributes =
        Json::array({{{"AttributeName", table_->partitionKey}, {"AttributeType", "S"}}});
    Json keySchema = Json::array({{{"AttributeName", table_->partitionKey}, {"KeyType", "HASH"}}});
    if (!table_->sortKey.empty()) {
        attributes.push_back({{"AttributeName", table_->sortKey}, {"AttributeType", "S"}});
        keySchema.push_back({{"AttributeName", table_->sortKey}, {"KeyType", "RANGE"}});
    }
    const bool provisioned = table_->capacity.mode == BillingMode::Provisioned;
    auto throughput = [](const CapacitySettings& capacity) {
        return Json{{"ReadCapacityUnits", static_cast<int64_t>(std::ceil(capacity.readUnits))},
                    {"WriteCapacityUnits", static_cast<int64_t>(std::ceil(capacity.writeUnits))}};
    };
    Json request = {{"TableName", table_->name},
                    {"AttributeDefinitions", attributes},
                    {"KeySchema", keySchema},
                    {"BillingMode", provisioned ? "PROVISIONED" : "PAY_PER_REQUEST"}};
    if (provisioned) request["ProvisionedThroughput"] = throughput(table_->capacity);
    if (!table_->globalIndexes.empty()) {
        Json indexes = Json::array();
        for (size_t i = 0; i < table_->globalIndexes.size(); ++i) {
            const IndexSpec& index = table_->globalIndexes[i];
            request["AttributeDefinitions"].push_back(
                {{"AttributeName", indexKeyAttribute(i)}, {"AttributeType", "S"}});
            Json entry = {
                {"IndexName", index.name},
                {"KeySchema",
                 Json::array({{{"AttributeName", indexKeyAttribute(i)}, {"KeyType", "HASH"}}})},
                {"Projection",
                 {{"ProjectionType", "INCLUDE"},
                  {"NonKeyAttributes", Json::array({indexNoteAttribute(i)})}}}};
            if (provisioned) entry["ProvisionedThroughput"] = throughput(index.capacity);
            indexes.push_back(std::move(entry));
        }
        request["GlobalSecondaryIndexes"] = std::move(indexes);
    }
    auto created = dispatch(engine_, "CreateTable", request);
    if (!created) return created.error();
    // Auto scaling acts through UpdateTable at each minute's end, as AWS's does.
    auto addScalers = [&](const AutoScalingSpec& spec, int resource) {
        if (spec.read) {
            scalers_.emplace_back(*spec.read);
            scalerTargets_.emplace_back(resource, true);
        }
        if (spec.write) {
            scalers_.emplace_back(*spec.write);
            scalerTargets_.emplace_back(resource, false);
        }
    };
    const int first = base_[static_cast<size_t>(t)];
    addScalers(table_->autoScaling, first);
    for (size_t i = 0; i < table_->globalIndexes.size(); ++i)
        addScalers(table_->globalIndexes[i].autoScaling, first + static_cast<int>(i) + 1);
    return {};
}

Status Execution::createTables() {
    int next = 0;
    for (const TableSpec& table : scenario_.tables) {
        base_.push_back(next);
        next += 1 + static_cast<int>(table.globalIndexes.size());
    }
    for (size_t t = 0; t < scenario_.tables.size(); ++t)
        SHARDSCAPE_TRY(createTable(static_cast<int>(t)));
    return {};
}

Status Execution::loadItems() {
    for (size_t t = 0; t < scenario_.tables.size(); ++t)
        SHARDSCAPE_TRY(loadTable(static_cast<int>(t)));
    return {};
}

Item Execution::makeItem(const std::string& partitionKey, const std::string& sortKey,
                         double bytes) {
    Item item;
    item[table_->partitionKey] = AttributeValue::string(partitionKey);
    if (!table_->sortKey.empty()) item[table_->sortKey] = AttributeValue::string(sortKey);
    for (size_t i = 0; i < table_->globalIndexes.size(); ++i)
        item[indexKeyAttribute(i)] =
            AttributeValue::string(drawKey(table_->globalIndexes[i].keys, second_));
    // Padding up to the item size (an attribute counts its name and its value's bytes).
    const size_t base = itemSize(item) + 4;
    const auto target = static_cast<size_t>(bytes);
    item["data"] = AttributeValue::string(std::string(target > base ? target - base : 0, 'x'));
    return item;
}

Status Execution::loadTable(int t) {
    table_ = &scenario_.tables[static_cast<size_t>(t)];
    // The keys the table's read and update streams touch (those listed), their items the
    // streams' size (Query: itemsPerQuery items under each key); then filler items up to the
    // scenario's item count.
    auto loader = engine_.beginBulkLoad(table_->name);
    if (!loader) return loader.error();
    std::vector<Item> batch;
    size_t loaded = 0;
    const auto limit = static_cast<size_t>(std::min(kMaxExecuteItems, table_->itemCount));
    auto add = [&](Item item) -> Status {
        batch.push_back(std::move(item));
        ++loaded;
        if (batch.size() < 1000) return {};
        Status added = (*loader)->add(std::move(batch));
        batch.clear();
        return added;
    };
    for (const StreamSpec& stream : scenario_.streams) {
        if (stream.table != t || stream.index >= 0 || stream.operation == StreamOperation::Scan ||
            stream.operation == StreamOperation::PutItem)
            continue;
        const size_t perKey = stream.operation == StreamOperation::Query && !table_->sortKey.empty()
                                  ? static_cast<size_t>(stream.itemsPerQuery)
                                  : 1;
        const double bytes = stream.itemSizeBytes;
        for (const WeightedKey& key : stream.keys.listedKeys()) {
            if (loaded + perKey > kMaxExecuteItems) break;
            for (size_t i = 0; i < perKey; ++i)
                SHARDSCAPE_TRY(add(
                    makeItem(stream.keys.keyName(key.rank, key.shard), sortKeyValue(i), bytes)));
        }
    }
    for (size_t i = 0; loaded < limit; ++i)
        SHARDSCAPE_TRY(add(makeItem(numbered("item-", i), kSortKeyValue, table_->itemSizeBytes)));
    if (!batch.empty()) SHARDSCAPE_TRY((*loader)->add(std::move(batch)));
    return (*loader)->finish();
}

Json Execution::keyJson(const std::string& partitionKey) const {
    Json key = {{table_->partitionKey, stringValue(partitionKey)}};
    if (!table_->sortKey.empty()) key[table_->sortKey] = stringValue(kSortKeyValue);
    return key;
}

Json Execution::requestFor(size_t s, const std::string& key) {
    const StreamSpec& stream = scenario_.streams[s];
    table_ = &scenario_.tables[static_cast<size_t>(stream.table)];
    Json request = {{"TableName", table_->name}, {"ReturnConsumedCapacity", "INDEXES"}};
    switch (stream.operation) {
        case StreamOperation::GetItem:
            request["Key"] = keyJson(key);
            request["ConsistentRead"] = stream.consistentRead;
            break;
        case StreamOperation::Query:
            request["KeyConditionExpression"] = "#k = :k";
            request["ExpressionAttributeNames"] = {
                {"#k", stream.index >= 0 ? indexKeyAttribute(static_cast<size_t>(stream.index))
                                         : table_->partitionKey}};
            request["ExpressionAttributeValues"] = {{":k", stringValue(key)}};
            request["Limit"] = static_cast<int64_t>(stream.itemsPerQuery);
            if (stream.index >= 0)
                request["IndexName"] =
                    table_->globalIndexes[static_cast<size_t>(stream.index)].name;
            else
                request["ConsistentRead"] = stream.consistentRead;
            break;
        case StreamOperation::Scan:
            if (stream.index >= 0)
                request["IndexName"] =
                    table_->globalIndexes[static_cast<size_t>(stream.index)].name;
            else
                request["ConsistentRead"] = stream.consistentRead;
            if (scanStart_[s]) request["ExclusiveStartKey"] = *scanStart_[s];
            break;
        case StreamOperation::PutItem:
            request["Item"] = itemToJson(makeItem(key, kSortKeyValue, stream.itemSizeBytes));
            break;
        case StreamOperation::UpdateItem: {
            Item item = makeItem(key, kSortKeyValue, stream.itemSizeBytes);
            request["Key"] = keyJson(key);
            std::string expression = "SET #d = :d";
            request["ExpressionAttributeNames"] = {{"#d", "data"}};
            request["ExpressionAttributeValues"] = {{":d", stringValue(item["data"].scalar())}};
            // Each index as the stream's kind says: a key change sets a new index key drawn
            // from the index's distribution, a projected change a new value of the projected
            // attribute, an untouched index neither.
            for (size_t i = 0; i < table_->globalIndexes.size(); ++i) {
                const IndexWriteKind kind = stream.indexWrites.at(i);
                if (kind == IndexWriteKind::Untouched) continue;
                const std::string name = numbered("#g", i), value = numbered(":g", i);
                expression.append(", " + name + " = " + value);
                if (kind == IndexWriteKind::ProjectedChange) {
                    request["ExpressionAttributeNames"][name] = indexNoteAttribute(i);
                    request["ExpressionAttributeValues"][value] =
                        stringValue(numbered("note-", ++notes_));
                } else {
                    request["ExpressionAttributeNames"][name] = indexKeyAttribute(i);
                    request["ExpressionAttributeValues"][value] =
                        stringValue(item[indexKeyAttribute(i)].scalar());
                }
            }
            request["UpdateExpression"] = expression;
            break;
        }
        case StreamOperation::DeleteItem:
            request["Key"] = keyJson(key);
            break;
        case StreamOperation::TimeToLive:
            break;  // refused before a run (model mode only)
    }
    return request;
}

Status Execution::autoScale(int minuteEnd, SimulationReport& report) {
    for (size_t i = 0; i < scalers_.size(); ++i) {
        const auto [resource, isRead] = scalerTargets_[i];
        size_t t = 0;
        while (t + 1 < base_.size() && base_[t + 1] <= resource) ++t;
        table_ = &scenario_.tables[t];
        const int local = resource - base_[t];
        auto snapshot = engine_.capacityRecorder(table_->name);
        if (!snapshot) return internalError("Execute mode: the table's capacity is not metered");
        auto described = engine_.describeTable(table_->name);
        if (!described) return described.error();
        const TableDefinition& definition = described->first;
        const ResourceReport& recorded = snapshot->resources.at(static_cast<size_t>(local));
        const std::vector<float>& series = isRead ? recorded.consumedRead : recorded.consumedWrite;
        double minute = 0;
        for (size_t k = series.size() >= 60 ? series.size() - 60 : 0; k < series.size(); ++k)
            minute += series[k];
        const IndexDefinition* index =
            local > 0
                ? definition.findIndex(table_->globalIndexes[static_cast<size_t>(local - 1)].name)
                : nullptr;
        const double read =
            static_cast<double>(index ? index->readCapacityUnits : definition.readCapacityUnits);
        const double write =
            static_cast<double>(index ? index->writeCapacityUnits : definition.writeCapacityUnits);
        const double current = isRead ? read : write;
        auto next = scalers_[i].evaluateMinute(minuteEnd, minute / 60, current);
        if (!next) continue;
        const auto units = static_cast<int64_t>(std::ceil(*next));
        report.resources[static_cast<size_t>(resource)].scaling.push_back(
            {minuteEnd, isRead ? "read" : "write", current, static_cast<double>(units)});
        Json throughput = {{"ReadCapacityUnits", isRead ? units : static_cast<int64_t>(read)},
                           {"WriteCapacityUnits", isRead ? static_cast<int64_t>(write) : units}};
        Json request = {{"TableName", table_->name}};
        if (index)
            request["GlobalSecondaryIndexUpdates"] = Json::array(
                {{{"Update",
                   {{"IndexName", index->name}, {"ProvisionedThroughput", throughput}}}}});
        else
            request["ProvisionedThroughput"] = throughput;
        auto updated = dispatch(engine_, "UpdateTable", request);
        if (!updated) return updated.error();
    }
    return {};
}

Status Execution::run(const SimulationOptions& options, SimulationReport& report) {
    const int duration = report.durationSeconds;
    scanStart_.assign(scenario_.streams.size(), std::nullopt);
    std::unordered_map<std::string, HotKey> keys;  // by stream index and key
    std::vector<std::pair<size_t, std::string>> requests;
    const int progressStep = std::max(1, duration / 100);
    for (int second = 0; second < duration; ++second) {
        second_ = second;
        requests.clear();
        for (size_t s = 0; s < scenario_.streams.size(); ++s) {
            const StreamSpec& stream = scenario_.streams[s];
            const double count = random_.poisson(stream.rate.at(second));
            for (double k = 0; k < count; ++k)
                requests.emplace_back(s, stream.operation == StreamOperation::Scan
                                             ? std::string()
                                             : drawKey(stream.keys, second));
        }
        // A seeded shuffle interleaves the streams; requests are spread evenly over the second.
        for (size_t i = requests.size(); i > 1; --i)
            std::swap(requests[i - 1],
                      requests[std::min(i - 1, static_cast<size_t>(random_.uniform() * i))]);
        for (size_t i = 0; i < requests.size(); ++i) {
            const auto& [s, key] = requests[i];
            const StreamSpec& stream = scenario_.streams[s];
            clock_.set(kStartTime + second +
                       (static_cast<double>(i) + 0.5) / static_cast<double>(requests.size()));
            Json request = requestFor(s, key);
            auto response = dispatch(engine_, operationName(stream.operation), request);
            StreamReport& out = report.streams[s];
            out.requests += 1;
            bool throttled = false;
            if (!response) {
                const Error& error = response.error();
                if (error.type != ErrorType::ProvisionedThroughputExceeded &&
                    error.type != ErrorType::Throttling) {
                    std::string context = "Execute mode: ";
                    context.append(operationName(stream.operation));
                    context.append(" of stream '" + stream.name + "' failed: ");
                    Error failed = error.withContext(context);
                    failed.extraJson.clear();
                    return failed;
                }
                throttled = true;
                out.throttledRequests += 1;
                report.throttledByError[error.name()] += 1;
            } else {
                const Json& consumed = (*response)["ConsumedCapacity"];
                const Json* units = nullptr;
                if (stream.index >= 0) {
                    const std::string& name =
                        table_->globalIndexes[static_cast<size_t>(stream.index)].name;
                    if (consumed.contains("GlobalSecondaryIndexes"))
                        units = &consumed["GlobalSecondaryIndexes"][name];
                } else if (consumed.contains("Table")) {
                    units = &consumed["Table"];
                }
                if (units && units->contains("CapacityUnits"))
                    out.consumedUnits += (*units)["CapacityUnits"].get<double>();
                if (stream.operation == StreamOperation::Scan) {
                    auto last = response->find("LastEvaluatedKey");
                    scanStart_[s] =
                        last == response->end() ? std::nullopt : std::optional<Json>(*last);
                }
            }
            if (stream.operation == StreamOperation::Scan) continue;
            std::string id = std::to_string(s);
            id.push_back('\n');
            id.append(key);
            HotKey& hot = keys[id];
            if (hot.key.empty()) {
                hot.key = key;
                hot.stream = stream.name;
                // The report resource it lives in, until the end.
                hot.partitionId = base_[static_cast<size_t>(stream.table)] + stream.index + 1;
            }
            hot.requests += 1;
            if (throttled) hot.throttledRequests += 1;
        }
        clock_.set(kStartTime + second + 1);
        if (!scalers_.empty() && (second + 1) % 60 == 0)
            SHARDSCAPE_TRY(autoScale(second + 1, report));
        if (options.progress && (second % progressStep == 0 || second + 1 == duration))
            options.progress(second + 1, duration);
    }

    for (size_t t = 0; t < scenario_.tables.size(); ++t) {
        auto snapshot = engine_.capacityRecorder(scenario_.tables[t].name);
        if (!snapshot) return internalError("Execute mode: the table's capacity is not metered");
        for (size_t k = 0; k < snapshot->resources.size(); ++k) {
            ResourceReport& out = report.resources.at(static_cast<size_t>(base_[t]) + k);
            std::vector<ScalingEvent> scaling = std::move(out.scaling);
            out = std::move(snapshot->resources[k]);
            out.scaling = std::move(scaling);
        }
    }
    // The ten keys with the most requests, each in the partition holding it at the end.
    std::vector<HotKey> hot;
    hot.reserve(keys.size());
    for (auto& [id, key] : keys) hot.push_back(std::move(key));
    const size_t count = std::min<size_t>(10, hot.size());
    std::partial_sort(hot.begin(), hot.begin() + static_cast<long>(count), hot.end(),
                      [](const HotKey& a, const HotKey& b) {
                          if (a.requests != b.requests) return a.requests > b.requests;
                          return a.key < b.key;
                      });
    hot.resize(count);
    for (HotKey& key : hot) {
        const auto& partitions =
            report.resources.at(static_cast<size_t>(key.partitionId)).partitions;
        const uint64_t hash = layout::partitionHash(AttributeValue::string(key.key));
        key.partitionId = 0;
        for (const PartitionSeries& series : partitions)
            if (series.endSecond < 0 && hash >= series.firstHash && hash <= series.lastHash)
                key.partitionId = series.id;
    }
    report.hotKeys = std::move(hot);
    if (!options.partitionSeries)
        for (ResourceReport& resource : report.resources) resource.partitions.clear();
    return {};
}

double expectedRequests(const Scenario& scenario) {
    double total = 0;
    for (const StreamSpec& stream : scenario.streams)
        for (int second = 0; second < static_cast<int>(scenario.durationSeconds); ++second)
            total += stream.rate.at(second);
    return total;
}

}  // namespace

Result<SimulationReport> executeScenario(const Scenario& scenario,
                                         const SimulationOptions& options) {
    // The engine applies DynamoDB's default quotas, whatever the scenario raised.
    if (scenario.quotas.raised)
        return fields::fieldError("scenario.quotas",
                                  "execute mode runs within DynamoDB's default quotas (the "
                                  "engine's); raised quotas run in model mode only");
    const double expected = expectedRequests(scenario);
    if (expected > kMaxExecuteRequests) {
        std::string message = "scenario.workload: execute mode runs at most ";
        message.append(std::to_string(static_cast<int64_t>(kMaxExecuteRequests)));
        message.append(" requests, and this scenario makes about ");
        message.append(std::to_string(static_cast<int64_t>(expected)));
        message.append(" (shorten durationSeconds, lower the rates, or use model mode)");
        return validationError(std::move(message));
    }
    // DynamoDB tables always have burst and adaptive capacity; only the model can do without.
    auto alwaysOn = [](const CapacitySettings& capacity, const std::string& path) -> Status {
        if (!capacity.burst)
            return fields::fieldError(path + ".burstCapacity", "must be true in execute mode");
        if (!capacity.adaptive)
            return fields::fieldError(path + ".adaptiveCapacity", "must be true in execute mode");
        return {};
    };
    // Index write kinds execute mode can make happen with the items it loads.
    for (size_t s = 0; s < scenario.streams.size(); ++s) {
        const StreamSpec& stream = scenario.streams[s];
        if (stream.operation == StreamOperation::TimeToLive)
            return fields::fieldError(numbered("scenario.workload[", s) + "].operation",
                                      "TimeToLive streams run in model mode only");
        for (IndexWriteKind kind : stream.indexWrites) {
            const bool runs = stream.operation == StreamOperation::PutItem
                                  ? kind == IndexWriteKind::NewEntry
                              : stream.operation == StreamOperation::DeleteItem
                                  ? kind == IndexWriteKind::RemoveEntry
                                  : kind == IndexWriteKind::KeyChange ||
                                        kind == IndexWriteKind::ProjectedChange ||
                                        kind == IndexWriteKind::Untouched;
            if (!runs)
                return fields::fieldError(
                    numbered("scenario.workload[", s) + "].indexWrite",
                    "execute mode runs newEntry for PutItem, keyChange, projectedChange or "
                    "untouched for UpdateItem, and removeEntry for DeleteItem");
        }
    }
    size_t resources = 0;
    for (size_t t = 0; t < scenario.tables.size(); ++t) {
        const TableSpec& table = scenario.tables[t];
        const std::string path = scenario.tables.size() == 1
                                     ? std::string("scenario.table")
                                     : numbered("scenario.tables[", t) + "]";
        SHARDSCAPE_TRY(alwaysOn(table.capacity, path));
        if (!table.updates.empty())
            return fields::fieldError(path + ".updates", "table updates run in model mode only");
        for (size_t i = 0; i < table.globalIndexes.size(); ++i)
            SHARDSCAPE_TRY(alwaysOn(table.globalIndexes[i].capacity,
                                    path + numbered(".globalSecondaryIndexes[", i) + "]"));
        resources += 1 + table.globalIndexes.size();
    }
    SimulationReport report;
    report.scenario = scenario.name;
    report.mode = "execute";
    report.seed = options.seed.value_or(scenario.seed);
    report.durationSeconds = static_cast<int>(scenario.durationSeconds);
    report.resources.resize(resources);
    for (const StreamSpec& stream : scenario.streams)
        report.streams.push_back({stream.name, operationName(stream.operation), 0, 0, 0});

    static std::atomic<int> runs{0};
    TemporaryDirectory directory;
    std::error_code error;
    directory.path = std::filesystem::temp_directory_path(error);
    if (error) return fileSystemError("Execute mode: no temporary directory", error.value());
    std::string leaf = "shardscape-execute-";
    leaf.append(std::to_string(::getpid()));
    leaf.push_back('-');
    leaf.append(std::to_string(runs++));
    directory.path /= leaf;
    std::filesystem::remove_all(directory.path, error);

    SimulatedClock clock(kStartTime);
    EngineOptions engineOptions;
    engineOptions.clock = clock.function();
    engineOptions.capacityEnforcement = CapacityEnforcement::Enforce;
    engineOptions.timeToLiveSweepSeconds = 0;
    engineOptions.blockCacheBytes = 32u << 20;
    engineOptions.writeBufferBytes = 16u << 20;
    auto engine = Engine::open(directory.path.string(), engineOptions);
    if (!engine) return engine.error();
    Execution execution(scenario, report.seed, **engine, clock);
    SHARDSCAPE_TRY(execution.createTables());
    SHARDSCAPE_TRY(execution.loadItems());
    SHARDSCAPE_TRY(execution.run(options, report));
    engine->reset();  // close before the directory goes
    for (const StreamReport& stream : report.streams) {
        report.requests += stream.requests;
        report.throttledRequests += stream.throttledRequests;
    }
    // Execute mode knows what it served: it bills that (throttled requests were not sized).
    for (ResourceReport& resource : report.resources) {
        resource.askedRead = resource.totalRead;
        resource.askedWrite = resource.totalWrite;
        if (resource.mode == BillingMode::PayPerRequest) {
            resource.askedReadOnDemand = resource.totalRead;
            resource.askedWriteOnDemand = resource.totalWrite;
            continue;
        }
        for (float units : resource.capacityRead) resource.provisionedReadSeconds += units;
        for (float units : resource.capacityWrite) resource.provisionedWriteSeconds += units;
    }
    report.cost = estimateCost(report.resources, scenario.prices);
    report.rules = appliedRules(scenario);
    return report;
}

}  // namespace shardscape
