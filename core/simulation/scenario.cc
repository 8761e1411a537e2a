#include "simulation/scenario.h"

#include <algorithm>
#include <cmath>

#include "capacity/capacity.h"
#include "capacity/capacity_rules.h"
#include "simulation/scenario_fields.h"

namespace shardscape {

using namespace fields;

namespace {

constexpr double kMaxUnits = 1e8;
constexpr double kMaxItemBytes = 400 * 1024;  // DynamoDB's 400 KB item limit
constexpr double kMaxDuration = 31 * 86400;

Result<std::optional<AutoScalingPolicy>> readPolicy(const Json& parent, const std::string& path,
                                                    const char* name) {
    auto it = parent.find(name);
    if (it == parent.end()) return std::optional<AutoScalingPolicy>();
    const std::string at = member(path, name);
    SHARDSCAPE_TRY(requireObject(*it, at));
    AutoScalingPolicy policy;
    // AWS: target utilization "between 20 and 90 percent" (Developer Guide, AutoScaling).
    auto target = number(*it, at, "targetUtilization", 70.0, 20, 90);
    if (!target) return target.error();
    auto minimum = number(*it, at, "minimumUnits", 1.0, 1, kMaxUnits);
    if (!minimum) return minimum.error();
    auto maximum = number(*it, at, "maximumUnits", 40000.0, *minimum, kMaxUnits);
    if (!maximum) return maximum.error();
    policy.targetUtilization = *target;
    policy.minimumUnits = *minimum;
    policy.maximumUnits = *maximum;
    return std::optional<AutoScalingPolicy>(policy);
}

Result<AutoScalingSpec> readAutoScaling(const Json& parent, const std::string& path) {
    AutoScalingSpec spec;
    auto it = parent.find("autoScaling");
    if (it == parent.end()) return spec;
    const std::string at = member(path, "autoScaling");
    SHARDSCAPE_TRY(requireObject(*it, at));
    auto read = readPolicy(*it, at, "read");
    if (!read) return read.error();
    auto write = readPolicy(*it, at, "write");
    if (!write) return write.error();
    spec.read = *read;
    spec.write = *write;
    return spec;
}

// billingMode, readCapacityUnits, writeCapacityUnits, burstCapacity, adaptiveCapacity.
Status readCapacity(const Json& json, const std::string& path, CapacitySettings& out) {
    auto mode = text(json, path, "billingMode", std::string("PROVISIONED"));
    if (!mode) return mode.error();
    if (*mode == "PAY_PER_REQUEST") {
        out.mode = BillingMode::PayPerRequest;
        // OnDemandThroughput: the table's (or index's) maximum request units per second.
        auto maxRead = number(json, path, "maxReadRequestUnits", 0.0, 0, kMaxUnits);
        if (!maxRead) return maxRead.error();
        auto maxWrite = number(json, path, "maxWriteRequestUnits", 0.0, 0, kMaxUnits);
        if (!maxWrite) return maxWrite.error();
        out.maxReadRequestUnits = *maxRead;
        out.maxWriteRequestUnits = *maxWrite;
    } else if (*mode == "PROVISIONED") {
        out.mode = BillingMode::Provisioned;
        auto read = number(json, path, "readCapacityUnits", std::nullopt, 1, kMaxUnits);
        if (!read) return read.error();
        auto write = number(json, path, "writeCapacityUnits", std::nullopt, 1, kMaxUnits);
        if (!write) return write.error();
        out.readUnits = *read;
        out.writeUnits = *write;
    } else {
        return fieldError(member(path, "billingMode"), "must be PROVISIONED or PAY_PER_REQUEST");
    }
    // WarmThroughput: what the table is ready to serve at once (CapacityModel::warm).
    if (auto warm = json.find("warmThroughput"); warm != json.end()) {
        const std::string at = member(path, "warmThroughput");
        SHARDSCAPE_TRY(requireObject(*warm, at));
        auto read = number(*warm, at, "readUnitsPerSecond", 0.0, 0, kMaxUnits);
        if (!read) return read.error();
        auto write = number(*warm, at, "writeUnitsPerSecond", 0.0, 0, kMaxUnits);
        if (!write) return write.error();
        out.warmReadUnits = *read;
        out.warmWriteUnits = *write;
    }
    auto burst = boolean(json, path, "burstCapacity", true);
    if (!burst) return burst.error();
    auto adaptive = boolean(json, path, "adaptiveCapacity", true);
    if (!adaptive) return adaptive.error();
    out.burst = *burst;
    out.adaptive = *adaptive;
    return Status::success();
}

// "updates": UpdateTable calls during the run, each {"atSecond", "billingMode",
// "readCapacityUnits", "writeCapacityUnits"} (the units when the table is provisioned after
// it), in time order.
Result<std::vector<CapacityUpdate>> readUpdates(const Json& json, const std::string& path,
                                                BillingMode initial) {
    std::vector<CapacityUpdate> out;
    auto list = json.find("updates");
    if (list == json.end()) return out;
    const std::string listPath = member(path, "updates");
    if (!list->is_array()) return fieldError(listPath, "must be an array of table updates");
    BillingMode mode = initial;
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string at = element(listPath, i);
        const Json& entry = (*list)[i];
        SHARDSCAPE_TRY(requireObject(entry, at));
        CapacityUpdate update;
        auto second = number(entry, at, "atSecond", std::nullopt, 0, kMaxDuration);
        if (!second) return second.error();
        update.second = std::floor(*second);
        if (!out.empty() && update.second <= out.back().second)
            return fieldError(member(at, "atSecond"), "must be later than the update before");
        Json capacity = entry;
        if (!capacity.contains("billingMode"))
            capacity["billingMode"] =
                mode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED";
        CapacitySettings settings;
        SHARDSCAPE_TRY(readCapacity(capacity, at, settings));
        mode = settings.mode;
        update.settings = settings;
        out.push_back(update);
    }
    return out;
}

Result<TableSpec> readTable(const Json& json, const std::string& path) {
    SHARDSCAPE_TRY(requireObject(json, path));
    TableSpec table;
    auto name = text(json, path, "name", std::nullopt);
    if (!name) return name.error();
    auto pk = text(json, path, "partitionKey", std::nullopt);
    if (!pk) return pk.error();
    auto sk = text(json, path, "sortKey", std::string());
    if (!sk) return sk.error();
    table.name = *name, table.partitionKey = *pk, table.sortKey = *sk;
    // AWS: at most 5 local secondary indexes per table, on a table with a sort key.
    auto local = number(json, path, "localSecondaryIndexes", 0.0, 0, 5);
    if (!local) return local.error();
    table.localSecondaryIndexes = static_cast<int>(*local);
    if (table.localSecondaryIndexes > 0 && table.sortKey.empty())
        return fieldError(member(path, "localSecondaryIndexes"), "needs a table with a sortKey");
    SHARDSCAPE_TRY(readCapacity(json, path, table.capacity));
    auto count = number(json, path, "itemCount", 0.0, 0, 1e13);
    if (!count) return count.error();
    auto size = number(json, path, "itemSizeBytes", 1024.0, 1, kMaxItemBytes);
    if (!size) return size.error();
    table.itemCount = *count, table.itemSizeBytes = *size;
    table.capacity.sizeBytes = *count * *size;
    auto scaling = readAutoScaling(json, path);
    if (!scaling) return scaling.error();
    table.autoScaling = *scaling;
    if ((scaling->read || scaling->write) && table.capacity.mode == BillingMode::PayPerRequest)
        return fieldError(member(path, "autoScaling"), "needs billingMode PROVISIONED");
    auto updates = readUpdates(json, path, table.capacity.mode);
    if (!updates) return updates.error();
    table.updates = std::move(*updates);
    if (auto ttl = json.find("timeToLive"); ttl != json.end()) {
        const std::string at = member(path, "timeToLive");
        SHARDSCAPE_TRY(requireObject(*ttl, at));
        auto delay = number(*ttl, at, "deleteDelaySeconds",
                            rules::kDefaultTimeToLiveDeleteDelaySeconds, 0, kMaxDuration);
        if (!delay) return delay.error();
        table.timeToLive.deleteDelaySeconds = std::floor(*delay);
    }

    const std::string listPath = member(path, "globalSecondaryIndexes");
    auto list = json.find("globalSecondaryIndexes");
    if (list == json.end()) return table;
    // AWS: at most 20 global secondary indexes per table (ServiceQuotas).
    if (!list->is_array() || list->size() > 20)
        return fieldError(listPath, "must be an array of at most 20 indexes");
    for (size_t i = 0; i < list->size(); ++i) {
        const std::string at = element(listPath, i);
        const Json& entry = (*list)[i];
        SHARDSCAPE_TRY(requireObject(entry, at));
        IndexSpec index;
        auto indexName = text(entry, at, "name", std::nullopt);
        if (!indexName) return indexName.error();
        index.name = *indexName;
        for (const IndexSpec& other : table.globalIndexes)
            if (other.name == index.name) return fieldError(member(at, "name"), "is a duplicate");
        // An index of an on-demand table is on demand too.
        Json capacity = entry;
        if (table.capacity.mode == BillingMode::PayPerRequest)
            capacity["billingMode"] = "PAY_PER_REQUEST";
        SHARDSCAPE_TRY(readCapacity(capacity, at, index.capacity));
        auto entrySize = number(entry, at, "entrySizeBytes", 100.0, 1, kMaxItemBytes);
        if (!entrySize) return entrySize.error();
        index.entrySizeBytes = *entrySize;
        index.capacity.sizeBytes = *count * *entrySize;
        auto keys = entry.find("keys");
        if (keys == entry.end()) return fieldError(member(at, "keys"), "is required");
        auto distribution = KeyDistribution::fromJson(*keys, member(at, "keys"));
        if (!distribution) return distribution.error();
        index.keys = std::move(*distribution);
        auto indexScaling = readAutoScaling(entry, at);
        if (!indexScaling) return indexScaling.error();
        index.autoScaling = *indexScaling;
        table.globalIndexes.push_back(std::move(index));
    }
    return table;
}

Result<StreamOperation> readOperation(const std::string& name, const std::string& path) {
    static const std::pair<const char*, StreamOperation> kNames[] = {
        {"GetItem", StreamOperation::GetItem},
        {"Query", StreamOperation::Query},
        {"Scan", StreamOperation::Scan},
        {"PutItem", StreamOperation::PutItem},
        {"UpdateItem", StreamOperation::UpdateItem},
        {"DeleteItem", StreamOperation::DeleteItem},
        {"TimeToLive", StreamOperation::TimeToLive}};
    for (const auto& [text, operation] : kNames)
        if (name == text) return operation;
    std::string problem =
        "must be one of GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem, TimeToLive (got '";
    problem.append(name);
    problem.append("')");
    return fieldError(path, problem);
}

Result<StreamSpec> readStream(const Json& json, const std::string& path,
                              const std::vector<TableSpec>& tables) {
    SHARDSCAPE_TRY(requireObject(json, path));
    StreamSpec stream;
    auto name = text(json, path, "name", std::string());
    if (!name) return name.error();
    stream.name = name->empty() ? path : *name;
    auto tableName = text(json, path, "table", tables.front().name);
    if (!tableName) return tableName.error();
    stream.table = -1;
    for (size_t t = 0; t < tables.size(); ++t)
        if (tables[t].name == *tableName) stream.table = static_cast<int>(t);
    if (stream.table < 0) {
        std::string problem = "names no table of the scenario ('";
        problem.append(*tableName);
        problem.append("')");
        return fieldError(member(path, "table"), problem);
    }
    const TableSpec& table = tables[static_cast<size_t>(stream.table)];
    auto operationText = text(json, path, "operation", std::nullopt);
    if (!operationText) return operationText.error();
    auto operation = readOperation(*operationText, member(path, "operation"));
    if (!operation) return operation.error();
    stream.operation = *operation;
    auto indexWrites = readIndexWrites(json, path, table, stream.operation);
    if (!indexWrites) return indexWrites.error();
    if (stream.isWrite()) stream.indexWrites = std::move(*indexWrites);
    auto index = text(json, path, "index", std::string());
    if (!index) return index.error();
    if (!index->empty()) {
        if (stream.isWrite() || stream.operation == StreamOperation::GetItem)
            return fieldError(member(path, "index"), "only Query and Scan read an index");
        for (size_t i = 0; i < table.globalIndexes.size(); ++i)
            if (table.globalIndexes[i].name == *index) stream.index = static_cast<int>(i);
        if (stream.index < 0) {
            std::string problem = "names no global secondary index of the table ('";
            problem.append(*index);
            problem.append("')");
            return fieldError(member(path, "index"), problem);
        }
    }
    auto consistent = boolean(json, path, "consistentRead", false);
    if (!consistent) return consistent.error();
    // AWS: "Strongly consistent reads are not supported on global secondary indexes."
    if (*consistent && stream.index >= 0)
        return fieldError(member(path, "consistentRead"),
                          "cannot be true on a global secondary index");
    stream.consistentRead = *consistent;
    const double defaultSize =
        stream.index >= 0 ? table.globalIndexes[stream.index].entrySizeBytes : table.itemSizeBytes;
    auto size = number(json, path, "itemSizeBytes", defaultSize, 1, kMaxItemBytes);
    if (!size) return size.error();
    stream.itemSizeBytes = *size;
    auto items = number(json, path, "itemsPerQuery", 1.0, 1, 1e6);
    if (!items) return items.error();
    stream.itemsPerQuery = *items;
    auto rate = json.find("rate");
    if (rate == json.end()) return fieldError(member(path, "rate"), "is required");
    auto curve = RateCurve::fromJson(*rate, member(path, "rate"));
    if (!curve) return curve.error();
    stream.rate = *curve;
    if (stream.operation == StreamOperation::TimeToLive) {
        // Expiring items: deleted by DynamoDB, never a request of the application's.
        if (stream.index >= 0 || json.contains("consistentRead"))
            return fieldError(path, "a TimeToLive stream takes no index and no consistentRead");
        stream.keys = KeyDistribution::wholeTable();
    } else if (stream.operation == StreamOperation::Scan) {
        stream.keys = KeyDistribution::wholeTable();
        const double bytes = stream.index >= 0
                                 ? table.globalIndexes[stream.index].capacity.sizeBytes
                                 : table.capacity.sizeBytes;
        stream.scanPageBytes = std::min(stream.scanPageBytes, bytes);
    } else {
        auto keys = json.find("keys");
        if (keys == json.end()) return fieldError(member(path, "keys"), "is required");
        auto distribution = KeyDistribution::fromJson(*keys, member(path, "keys"));
        if (!distribution) return distribution.error();
        stream.keys = std::move(*distribution);
        // Items below the partition key need a sort key to tell them apart.
        if (table.sortKey.empty() &&
            (stream.keys.sortKeys() > 1 || stream.keys.sortKeysMonotonic()))
            return fieldError(member(member(path, "keys"),
                                     stream.keys.sortKeys() > 1 ? "sortKeys" : "sortKeyOrder"),
                              "needs a table with a sortKey");
    }
    return stream;
}

// "quotas": the account's quotas, DynamoDB's defaults unless raised; then every table and
// index is checked against them as CreateTable and UpdateTable would be (LimitExceeded).
Status readQuotas(const Json& json, const std::string& path, Scenario& scenario) {
    Quotas& quotas = scenario.quotas;
    if (auto it = json.find("quotas"); it != json.end()) {
        const std::string at = member(path, "quotas");
        SHARDSCAPE_TRY(requireObject(*it, at));
        for (auto [name, field] :
             {std::pair{"tableMaxReadUnits", &quotas.tableMaxReadUnits},
              std::pair{"tableMaxWriteUnits", &quotas.tableMaxWriteUnits},
              std::pair{"accountMaxReadUnits", &quotas.accountMaxReadUnits},
              std::pair{"accountMaxWriteUnits", &quotas.accountMaxWriteUnits}}) {
            auto value = number(*it, at, name, *field, 1, kMaxUnits);
            if (!value) return value.error();
            *field = *value;
        }
        quotas.raised = true;
    }
    // DynamoDB's message, after the field it is about.
    auto refused = [](const std::string& at, Error error) {
        error.message = at + ": " + error.message;
        return error;
    };
    double reserved[2] = {0, 0};  // provisioned RCU, WCU of the tables checked so far
    for (size_t t = 0; t < scenario.tables.size(); ++t) {
        TableSpec& table = scenario.tables[t];
        const std::string at =
            json.contains("tables") ? element(member(path, "tables"), t) : member(path, "table");
        // One check of a resource's settings (`index` empty for the table).
        auto check = [&](const CapacitySettings& c, const std::string& where,
                         const std::string& index) -> Status {
            if (c.mode == BillingMode::Provisioned) {
                if (c.readUnits > quotas.tableMaxReadUnits)
                    return refused(member(where, "readCapacityUnits"),
                                   rules::tableQuotaExceeded(true, c.readUnits,
                                                             quotas.tableMaxReadUnits, index));
                if (c.writeUnits > quotas.tableMaxWriteUnits)
                    return refused(member(where, "writeCapacityUnits"),
                                   rules::tableQuotaExceeded(false, c.writeUnits,
                                                             quotas.tableMaxWriteUnits, index));
            }
            if (c.warmReadUnits > quotas.tableMaxReadUnits)
                return refused(member(where, "warmThroughput"),
                               rules::warmThroughputAboveQuota(true, index));
            if (c.warmWriteUnits > quotas.tableMaxWriteUnits)
                return refused(member(where, "warmThroughput"),
                               rules::warmThroughputAboveQuota(false, index));
            if (c.mode == BillingMode::PayPerRequest) {
                if (c.maxReadRequestUnits > quotas.tableMaxReadUnits)
                    return refused(member(where, "maxReadRequestUnits"),
                                   rules::onDemandMaximumAboveQuota(true, index));
                if (c.maxWriteRequestUnits > quotas.tableMaxWriteUnits)
                    return refused(member(where, "maxWriteRequestUnits"),
                                   rules::onDemandMaximumAboveQuota(false, index));
            }
            return {};
        };
        SHARDSCAPE_TRY(check(table.capacity, at, ""));
        double requested[2] = {table.capacity.readUnits, table.capacity.writeUnits};
        for (size_t i = 0; i < table.globalIndexes.size(); ++i) {
            const IndexSpec& index = table.globalIndexes[i];
            SHARDSCAPE_TRY(check(index.capacity, element(member(at, "globalSecondaryIndexes"), i),
                                 index.name));
            requested[0] += index.capacity.readUnits;
            requested[1] += index.capacity.writeUnits;
        }
        const double limits[2] = {quotas.accountMaxReadUnits, quotas.accountMaxWriteUnits};
        for (int d = 0; d < 2; ++d) {
            if (reserved[d] + requested[d] <= limits[d]) continue;
            return refused(
                at, rules::accountQuotaExceeded(d == 0, reserved[d], limits[d], requested[d]));
        }
        reserved[0] += requested[0];
        reserved[1] += requested[1];
        // Updates during the run: the same per-table quota, and the switches to on demand.
        BillingMode mode = table.capacity.mode;
        std::vector<double> switches;
        for (size_t u = 0; u < table.updates.size(); ++u) {
            const CapacityUpdate& update = table.updates[u];
            const std::string where = element(member(at, "updates"), u);
            if (update.second >= scenario.durationSeconds)
                return fieldError(member(where, "atSecond"), "must be within durationSeconds");
            SHARDSCAPE_TRY(check(update.settings, where, ""));
            if (mode == BillingMode::Provisioned &&
                update.settings.mode == BillingMode::PayPerRequest) {
                switches.push_back(update.second);
                const size_t n = switches.size();
                const size_t k = rules::kSwitchesToOnDemandPerWindow;
                if (n > k && update.second - switches[n - 1 - k] < rules::kSwitchWindowSeconds)
                    return refused(
                        member(where, "billingMode"),
                        rules::switchToOnDemandLimited(
                            "second " + std::to_string(static_cast<int64_t>(
                                            switches[n - 1 - k] + rules::kSwitchWindowSeconds))));
            }
            mode = update.settings.mode;
        }
        // The quota also bounds auto scaling and on-demand traffic.
        for (CapacitySettings* c : {&table.capacity}) {
            c->quotaReadUnits = quotas.tableMaxReadUnits;
            c->quotaWriteUnits = quotas.tableMaxWriteUnits;
        }
        for (IndexSpec& index : table.globalIndexes) {
            index.capacity.quotaReadUnits = quotas.tableMaxReadUnits;
            index.capacity.quotaWriteUnits = quotas.tableMaxWriteUnits;
        }
    }
    return {};
}

}  // namespace

const char* operationName(StreamOperation operation) {
    switch (operation) {
        case StreamOperation::GetItem:
            return "GetItem";
        case StreamOperation::Query:
            return "Query";
        case StreamOperation::Scan:
            return "Scan";
        case StreamOperation::PutItem:
            return "PutItem";
        case StreamOperation::UpdateItem:
            return "UpdateItem";
        case StreamOperation::DeleteItem:
            return "DeleteItem";
        case StreamOperation::TimeToLive:
            return "TimeToLive";
    }
    return "";
}

double StreamSpec::unitsPerRequest() const {
    switch (operation) {
        case StreamOperation::GetItem:
            return readCapacityUnits(static_cast<size_t>(itemSizeBytes), consistentRead);
        case StreamOperation::Query:
            // Query sums the sizes of the items read before rounding to 4 KB.
            return readCapacityUnits(static_cast<size_t>(itemSizeBytes * itemsPerQuery),
                                     consistentRead);
        case StreamOperation::Scan:
            // A Scan page reads up to 1 MB: what the table (or index) holds, if less. AWS:
            // Scan consumes read units for the data it reads, "up to the maximum of 1 MB"
            // per page (Developer Guide, "Query and Scan": capacity unit consumption).
            return readCapacityUnits(static_cast<size_t>(scanPageBytes), consistentRead);
        case StreamOperation::TimeToLive:
            return 0;  // TTL deletes consume no write throughput
        default:
            return writeCapacityUnits(static_cast<size_t>(itemSizeBytes));
    }
}

Result<Scenario> Scenario::fromJson(const Json& json) {
    const std::string path = "scenario";
    SHARDSCAPE_TRY(requireObject(json, path));
    Scenario scenario;
    auto name = text(json, path, "name", std::string("scenario"));
    if (!name) return name.error();
    scenario.name = *name;
    auto duration = number(json, path, "durationSeconds", std::nullopt, 1, kMaxDuration);
    if (!duration) return duration.error();
    scenario.durationSeconds = std::floor(*duration);
    auto seed = number(json, path, "seed", 1.0, 0, 9007199254740991.0);
    if (!seed) return seed.error();
    scenario.seed = static_cast<uint64_t>(*seed);
    auto table = json.find("table");
    auto tables = json.find("tables");
    if (table != json.end() && tables != json.end())
        return fieldError(member(path, "tables"), "cannot be given with table");
    if (tables != json.end()) {
        const std::string listPath = member(path, "tables");
        if (!tables->is_array() || tables->empty())
            return fieldError(listPath, "must be a non-empty array of tables");
        for (size_t i = 0; i < tables->size(); ++i) {
            auto spec = readTable((*tables)[i], element(listPath, i));
            if (!spec) return spec.error();
            for (const TableSpec& other : scenario.tables)
                if (other.name == spec->name)
                    return fieldError(member(element(listPath, i), "name"), "is a duplicate");
            scenario.tables.push_back(std::move(*spec));
        }
    } else {
        if (table == json.end()) return fieldError(member(path, "table"), "is required");
        auto spec = readTable(*table, member(path, "table"));
        if (!spec) return spec.error();
        scenario.tables.push_back(std::move(*spec));
    }
    // How a partition's read and write limits combine, for every table and index.
    auto budget = text(json, path, "partitionBudget", std::string("independent"));
    if (!budget) return budget.error();
    if (*budget != "independent" && *budget != "linearCombination")
        return fieldError(member(path, "partitionBudget"),
                          "must be independent or linearCombination");
    scenario.partitionBudget = *budget == "independent" ? rules::PartitionBudget::Independent
                                                        : rules::PartitionBudget::LinearCombination;
    for (TableSpec& spec : scenario.tables) {
        spec.capacity.budget = scenario.partitionBudget;
        for (IndexSpec& index : spec.globalIndexes)
            index.capacity.budget = scenario.partitionBudget;
    }
    SHARDSCAPE_TRY(readQuotas(json, path, scenario));
    scenario.table = scenario.tables.front();
    if (auto prices = json.find("prices"); prices != json.end()) {
        const std::string at = member(path, "prices");
        SHARDSCAPE_TRY(requireObject(*prices, at));
        Prices& out = scenario.prices;
        for (auto [name, field] :
             {std::pair{"onDemandPerMillionWrites", &out.onDemandPerMillionWrites},
              std::pair{"onDemandPerMillionReads", &out.onDemandPerMillionReads},
              std::pair{"provisionedWcuHour", &out.provisionedWcuHour},
              std::pair{"provisionedRcuHour", &out.provisionedRcuHour}}) {
            auto value = number(*prices, at, name, *field, 0, 1e6);
            if (!value) return value.error();
            *field = *value;
        }
    }
    const std::string listPath = member(path, "workload");
    auto list = json.find("workload");
    if (list == json.end() || !list->is_array() || list->empty())
        return fieldError(listPath, "must be a non-empty array of streams");
    for (size_t i = 0; i < list->size(); ++i) {
        auto stream = readStream((*list)[i], element(listPath, i), scenario.tables);
        if (!stream) return stream.error();
        scenario.streams.push_back(std::move(*stream));
    }
    return scenario;
}

Result<Scenario> Scenario::fromText(const std::string& text) {
    Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded()) return fieldError("scenario", "is not valid JSON");
    return fromJson(json);
}

}  // namespace shardscape
