#include "simulation/simulator.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "base/seeded_random.h"
#include "capacity/capacity.h"
#include "capacity/capacity_rules.h"
#include "simulation/applied_rules.h"

namespace shardscape {

namespace {

struct Resource {
    CapacityModel model;
    std::optional<AutoScaler> readScaler;
    std::optional<AutoScaler> writeScaler;
    std::vector<PartitionLoad> loads;
    std::vector<double> throttled;          // requests per partition this second
    std::vector<double> throttledKeyRange;  // of them, refused by the partition's own limit
    double minuteRead = 0, minuteWrite = 0;
    int generationSeen = -1;
    std::unordered_map<int, int> seriesOfId;
    std::vector<int> seriesOfIndex;
    // Split for heat may split an item collection by sort key (not on a table with a local
    // secondary index).
    bool splitsCollections = true;

    explicit Resource(const CapacitySettings& settings) : model(settings) {}

    double servedShare(int partition, bool write) const {
        const PartitionLoad& load = loads[partition];
        const double demand = write ? load.writeDemand : load.readDemand;
        const double served = write ? load.writeServed : load.readServed;
        return demand > 0 ? std::min(1.0, served / demand) : 1.0;
    }
    // Why a partition refused requests: its own limit (3,000 RCU / 1,000 WCU, the key
    // range's), else the table's provisioned throughput. On demand: the table's maximum
    // throughput or the per-table quota when one held it back, else the partitions' (the
    // ceiling is where they have not split yet: our reading).
    rules::ThrottleLimit throttleLimit(int partition, bool write) const {
        const PartitionLoad& load = loads[partition];
        const bool overPartition = write ? load.writeDemand > rules::kPartitionMaxWriteUnits
                                         : load.readDemand > rules::kPartitionMaxReadUnits;
        if (overPartition) return rules::ThrottleLimit::KeyRangeThroughputExceeded;
        if (model.settings().mode == BillingMode::PayPerRequest)
            return model.onDemandLimit(!write).value_or(
                rules::ThrottleLimit::KeyRangeThroughputExceeded);
        return rules::ThrottleLimit::ProvisionedThroughputExceeded;
    }
    // Share of a partition's demand only burst capacity served.
    double burstShare(int partition, bool write) const {
        const PartitionLoad& load = loads[partition];
        const double demand = write ? load.writeDemand : load.readDemand;
        const double fromBurst = write ? load.writeFromBurst : load.readFromBurst;
        return demand > 0 ? std::min(1.0, fromBurst / demand) : 0.0;
    }
    std::string throttleError(bool backPressure) const {
        if (model.settings().mode == BillingMode::PayPerRequest)
            return rules::onDemandThrottling().name();
        return (backPressure ? rules::indexProvisionedThroughputExceeded()
                             : rules::provisionedThroughputExceeded())
            .name();
    }
};

// The requests of one stream as one resource (table or index) sees them.
struct Channel {
    int stream = 0;
    int resource = 0;
    const KeyDistribution* keys = nullptr;
    double units = 0;
    bool write = false;
    bool backPressure = false;  // an index write that can reject the base-table write
    int generationSeen = -1;
    std::vector<double> mass;
    std::vector<double> counts;
    double total = 0;
};

struct TrackedKey {
    int stream = 0;
    int resource = 0;
    WeightedKey key;
    HotKey report;
};

// Opens series for new partitions and closes those split away.
void remapSeries(Resource& resource, ResourceReport& report, int second) {
    const PartitionMap& map = resource.model.partitions();
    std::unordered_map<int, int> current;
    resource.seriesOfIndex.assign(map.size(), 0);
    for (int i = 0; i < map.size(); ++i) {
        const PartitionRange& range = map[i];
        auto it = resource.seriesOfId.find(range.id);
        if (it == resource.seriesOfId.end()) {
            PartitionSeries& series = report.partitions.emplace_back();
            series.id = range.id;
            series.firstHash = range.first;
            series.lastHash = range.last;
            series.firstSecond = second;
            series.sortFrom = range.sortFrom;
            series.sortTo = range.sortTo;
            it = resource.seriesOfId.emplace(range.id, int(report.partitions.size()) - 1).first;
        }
        resource.seriesOfIndex[i] = it->second;
        current.emplace(range.id, it->second);
    }
    for (const auto& [id, series] : resource.seriesOfId)
        if (!current.count(id) && report.partitions[series].endSecond < 0)
            report.partitions[series].endSecond = second;
    resource.generationSeen = resource.model.generation();
}

// The partitions holding the items of the key `hash` that `keys` sends requests to, each
// with its share of them: one partition, or the segments of an item collection split by sort
// key.
std::vector<std::pair<int, double>> partitionsOfKey(const PartitionMap& map,
                                                    const KeyDistribution& keys, uint64_t hash) {
    const int first = map.indexOf(hash);
    if (map[first].wholeCollections()) return {{first, 1.0}};
    std::vector<std::pair<int, double>> out;
    for (int p = first; p < map.size() && map[p].first == hash; ++p)
        out.emplace_back(p, keys.sortShare(map[p].sortFrom, map[p].sortTo));
    return out;
}

// Split for heat: a partition throttled for kSplitForHeatSeconds in a row (while its table
// had capacity left) is split. A key carrying at least a tenth of the partition's demand is
// isolated in a partition of its own (AWS: "a partition contains only that single,
// frequently accessed item"); otherwise the range is halved. A partition that already holds
// a single key splits its item collection by sort key, halving the items the key's requests
// go to (AWS: adaptive capacity can "break up an item collection into segments by sort key,
// as long as the item collection isn't traffic that is tracked by a monotonic increase or
// decrease of the sort key"); a single item, a monotonic sort key, or a table with a local
// secondary index ("Adaptive capacity will not split item collections across multiple
// partitions of the table when there is a local secondary index") leave it as it is.
void splitForHeat(Resource& resource, int r, const std::vector<Channel>& channels,
                  const std::vector<double>& rates, double second) {
    CapacityModel& model = resource.model;
    const std::vector<int> hot = model.partitionsHotFor(rules::kSplitForHeatSeconds);
    for (auto it = hot.rbegin(); it != hot.rend(); ++it) {
        const PartitionRange range = model.partitions()[*it];
        const PartitionLoad& load = resource.loads[*it];
        std::optional<WeightedKey> heaviest;
        const KeyDistribution* heaviestKeys = nullptr;
        double heaviestUnits = 0;
        for (const Channel& channel : channels) {
            if (channel.resource != r) continue;
            auto key = channel.keys->heaviestIn(range.first, range.last, second);
            double units = key ? key->weight * rates[channel.stream] * channel.units : 0;
            if (!range.wholeCollections())
                units *= channel.keys->sortShare(range.sortFrom, range.sortTo);
            if (units > heaviestUnits) {
                heaviest = key;
                heaviestKeys = channel.keys;
                heaviestUnits = units;
            }
        }
        if (range.first == range.last) {
            if (!resource.splitsCollections || !heaviestKeys) continue;
            if (auto at = heaviestKeys->sortSplitPoint(range.sortFrom, range.sortTo))
                model.splitSortKeyAt(second, *it, *at, "sortKey");
        } else if (heaviest && heaviestUnits >= 0.1 * (load.readDemand + load.writeDemand)) {
            const uint64_t hash = heaviest->hash;
            // Upper boundary first, so the index of the lower part stays valid.
            if (hash < range.last) model.splitAt(second, *it, hash + 1, "heat");
            if (hash > range.first) model.splitAt(second, *it, hash, "heat");
        } else {
            model.splitAt(second, *it, range.first + (range.last - range.first) / 2 + 1, "heat");
        }
    }
}

void autoScale(Resource& resource, ResourceReport& report, int minuteEnd) {
    CapacityModel& model = resource.model;
    const CapacitySettings& settings = model.settings();
    if (settings.mode != BillingMode::Provisioned) {
        resource.minuteRead = resource.minuteWrite = 0;
        return;
    }
    double read = model.provisionedRead(), write = model.provisionedWrite();
    if (resource.readScaler)
        if (auto next =
                resource.readScaler->evaluateMinute(minuteEnd, resource.minuteRead / 60, read)) {
            // Never above the per-table quota (DynamoDB refuses it: "... is above the per
            // table maximum for the account").
            const double to = std::min(*next, settings.quotaReadUnits);
            if (to != read) report.scaling.push_back({minuteEnd, "read", read, to});
            read = to;
        }
    if (resource.writeScaler)
        if (auto next =
                resource.writeScaler->evaluateMinute(minuteEnd, resource.minuteWrite / 60, write)) {
            const double to = std::min(*next, settings.quotaWriteUnits);
            if (to != write) report.scaling.push_back({minuteEnd, "write", write, to});
            write = to;
        }
    if (read != model.provisionedRead() || write != model.provisionedWrite())
        model.setProvisioned(minuteEnd, read, write);
    resource.minuteRead = resource.minuteWrite = 0;
}

}  // namespace

Error simulationCancelled() {
    return cancelledError("Simulation cancelled");
}

CostEstimate estimateCost(const std::vector<ResourceReport>& resources, const Prices& prices) {
    // On demand: the units asked for, per million; provisioned: capacity per hour (unit-
    // seconds / 3,600).
    CostEstimate cost;
    double provisioned = 0;
    bool anyProvisioned = false;
    for (const ResourceReport& r : resources) {
        cost.onDemand += r.askedWrite / 1e6 * prices.onDemandPerMillionWrites +
                         r.askedRead / 1e6 * prices.onDemandPerMillionReads;
        const double hours = (r.provisionedWriteSeconds * prices.provisionedWcuHour +
                              r.provisionedReadSeconds * prices.provisionedRcuHour) /
                             3600;
        provisioned += hours;
        anyProvisioned =
            anyProvisioned || r.provisionedWriteSeconds > 0 || r.provisionedReadSeconds > 0;
        cost.asConfigured += hours + r.askedWriteOnDemand / 1e6 * prices.onDemandPerMillionWrites +
                             r.askedReadOnDemand / 1e6 * prices.onDemandPerMillionReads;
    }
    if (anyProvisioned) cost.provisioned = provisioned;
    return cost;
}

Result<SimulationReport> simulate(const Scenario& scenario, const SimulationOptions& options) {
    SimulationReport report;
    report.scenario = scenario.name;
    report.seed = options.seed.value_or(scenario.seed);
    report.durationSeconds = static_cast<int>(scenario.durationSeconds);
    Random random(report.seed);

    // Resources: each table, then its indexes; base[t] is table t's.
    std::vector<Resource> resources;
    std::vector<int> base;
    auto addScalers = [](Resource& resource, const AutoScalingSpec& spec) {
        if (spec.read) resource.readScaler.emplace(*spec.read);
        if (spec.write) resource.writeScaler.emplace(*spec.write);
    };
    for (const TableSpec& table : scenario.tables) {
        base.push_back(static_cast<int>(resources.size()));
        resources.emplace_back(table.capacity);
        resources.back().splitsCollections = table.localSecondaryIndexes == 0;
        report.resources.push_back({});
        report.resources.back().name = table.name;
        addScalers(resources.back(), table.autoScaling);
        for (const IndexSpec& index : table.globalIndexes) {
            resources.emplace_back(index.capacity);
            addScalers(resources.back(), index.autoScaling);
            report.resources.push_back({});
            report.resources.back().name = index.name;
            report.resources.back().isIndex = true;
        }
    }
    for (size_t r = 0; r < resources.size(); ++r)
        report.resources[r].mode = resources[r].model.settings().mode;

    std::vector<Channel> channels;
    std::vector<TrackedKey> tracked;
    for (size_t s = 0; s < scenario.streams.size(); ++s) {
        const StreamSpec& stream = scenario.streams[s];
        report.streams.push_back({stream.name, operationName(stream.operation), 0, 0, 0});
        // Expiring items are DynamoDB's deletes, not requests: no channel (below).
        if (stream.operation == StreamOperation::TimeToLive) continue;
        Channel primary;
        primary.stream = static_cast<int>(s);
        const TableSpec& table = scenario.tables[static_cast<size_t>(stream.table)];
        primary.resource = base[static_cast<size_t>(stream.table)] + stream.index + 1;
        primary.keys = &stream.keys;
        primary.units = stream.unitsPerRequest();
        primary.write = stream.isWrite();
        channels.push_back(primary);
        for (const WeightedKey& key : stream.keys.heaviest(10))
            tracked.push_back({primary.stream,
                               primary.resource,
                               key,
                               {stream.keys.keyName(key.rank, key.shard),
                                stream.name,
                                0,
                                0,
                                0,
                                key.hash,
                                primary.resource,
                                0,
                                stream.isWrite(),
                                {}}});
        if (!stream.isWrite()) continue;
        // A write writes each global secondary index as its kind says (index_write.h): 0, 1
        // or 2 index writes of the entry's size in 1 KB units. An index it leaves untouched
        // is not written and cannot throttle it. (A key change's delete and put both follow
        // the index's key distribution.)
        for (size_t i = 0; i < table.globalIndexes.size(); ++i) {
            const int writes = indexWriteCount(stream.indexWrites.at(i));
            if (writes == 0) continue;
            Channel indexWrite = primary;
            indexWrite.resource = base[static_cast<size_t>(stream.table)] + static_cast<int>(i) + 1;
            indexWrite.keys = &table.globalIndexes[i].keys;
            indexWrite.units =
                writes *
                writeCapacityUnits(static_cast<size_t>(table.globalIndexes[i].entrySizeBytes));
            indexWrite.backPressure = true;
            channels.push_back(indexWrite);
        }
    }

    const int duration = report.durationSeconds;
    for (ResourceReport& r : report.resources) {
        for (auto* series : {&r.consumedRead, &r.consumedWrite, &r.capacityRead, &r.capacityWrite,
                             &r.throttledRequests, &r.throttledKeyRange})
            series->reserve(duration);
    }
    std::vector<double> rates(scenario.streams.size());
    std::vector<double> rejected(scenario.streams.size());
    std::vector<int> rejectedBy(scenario.streams.size(), 0);
    std::vector<double> indexBurst(scenario.streams.size());  // share only an index's burst took
    std::vector<double> rejectedKeyRange(scenario.streams.size());  // of `rejected`, key range
    // Throttled requests by ThrottlingReason: [index][read][limit].
    double byReason[2][2][4] = {};
    auto countReason = [&](bool index, bool read, rules::ThrottleLimit limit, double count) {
        byReason[index ? 1 : 0][read ? 1 : 0][static_cast<int>(limit)] += count;
    };
    const int progressStep = std::max(1, duration / 100);

    std::vector<size_t> nextUpdate(scenario.tables.size(), 0);
    for (int second = 0; second < duration; ++second) {
        if (options.cancelled && options.cancelled()) return simulationCancelled();
        const double t = second;
        // UpdateTable calls due now: the billing mode (the indexes follow) and throughput.
        for (size_t ti = 0; ti < scenario.tables.size(); ++ti) {
            const TableSpec& table = scenario.tables[ti];
            for (size_t& u = nextUpdate[ti];
                 u < table.updates.size() && table.updates[u].second <= t; ++u) {
                const CapacitySettings& update = table.updates[u].settings;
                for (size_t i = 0; i <= table.globalIndexes.size(); ++i) {
                    const size_t r = static_cast<size_t>(base[ti]) + i;
                    CapacityModel& model = resources[r].model;
                    const bool switched = model.settings().mode != update.mode;
                    double read = update.readUnits, write = update.writeUnits;
                    if (i > 0 && table.globalIndexes[i - 1].capacity.readUnits > 0) {
                        read = table.globalIndexes[i - 1].capacity.readUnits;
                        write = table.globalIndexes[i - 1].capacity.writeUnits;
                    }
                    model.switchMode(t, update.mode, read, write);
                    if (i == 0) {
                        model.setOnDemandMaximum(update.maxReadRequestUnits,
                                                 update.maxWriteRequestUnits);
                        if (update.warmReadUnits > 0 || update.warmWriteUnits > 0)
                            model.warm(t, update.warmReadUnits, update.warmWriteUnits);
                    }
                    if (switched) {
                        report.resources[r].modeChanges.emplace_back(second, update.mode);
                        report.resources[r].mode = update.mode;
                    }
                }
            }
        }
        for (size_t r = 0; r < resources.size(); ++r)
            if (resources[r].generationSeen != resources[r].model.generation())
                remapSeries(resources[r], report.resources[r], second);
        for (size_t s = 0; s < scenario.streams.size(); ++s)
            rates[s] = scenario.streams[s].rate.at(t);

        // Requests per partition, for every channel.
        for (Channel& channel : channels) {
            const CapacityModel& model = resources[channel.resource].model;
            if (channel.generationSeen != model.generation() || channel.keys->timeOrdered()) {
                channel.keys->massPerPartition(model.partitions(), t, channel.mass);
                channel.generationSeen = model.generation();
            }
            channel.counts.resize(channel.mass.size());
            channel.total = 0;
            const double rate = rates[channel.stream];
            for (size_t p = 0; p < channel.mass.size(); ++p) {
                channel.counts[p] = rate > 0 ? random.poisson(rate * channel.mass[p]) : 0;
                channel.total += channel.counts[p];
            }
            // What the workload asks of the resource, served or not (the on-demand bill).
            ResourceReport& asked = report.resources[channel.resource];
            const double units = channel.total * channel.units;
            (channel.write ? asked.askedWrite : asked.askedRead) += units;
            if (model.settings().mode == BillingMode::PayPerRequest)
                (channel.write ? asked.askedWriteOnDemand : asked.askedReadOnDemand) += units;
        }
        for (size_t r = 0; r < resources.size(); ++r) {
            const CapacityModel& model = resources[r].model;
            if (model.settings().mode != BillingMode::Provisioned) continue;
            report.resources[r].provisionedReadSeconds += model.provisionedRead();
            report.resources[r].provisionedWriteSeconds += model.provisionedWrite();
        }
        // Time to Live: the items that expired a delay ago are deleted now, for free.
        for (size_t s = 0; s < scenario.streams.size(); ++s) {
            const StreamSpec& stream = scenario.streams[s];
            if (stream.operation != StreamOperation::TimeToLive) continue;
            const double delay =
                scenario.tables[static_cast<size_t>(stream.table)].timeToLive.deleteDelaySeconds;
            if (t >= delay) report.streams[s].requests += stream.rate.at(t - delay);
            if (t >= report.durationSeconds - delay)
                report.streams[s].expiredPendingDeletion += rates[s];
        }
        auto settle = [&](int r) {
            Resource& resource = resources[r];
            resource.loads.assign(resource.model.partitions().size(), {});
            resource.throttled.assign(resource.loads.size(), 0);
            resource.throttledKeyRange.assign(resource.loads.size(), 0);
            for (const Channel& channel : channels) {
                if (channel.resource != r) continue;
                for (size_t p = 0; p < channel.counts.size(); ++p)
                    (channel.write ? resource.loads[p].writeDemand
                                   : resource.loads[p].readDemand) +=
                        channel.counts[p] * channel.units;
            }
            ResourceReport& out = report.resources[r];
            const CapacityModel& model = resource.model;
            if (model.settings().mode == BillingMode::PayPerRequest) {
                out.capacityWrite.push_back(static_cast<float>(model.onDemandCapacity(false)));
                out.capacityRead.push_back(static_cast<float>(model.onDemandCapacity(true)));
            } else {
                out.capacityWrite.push_back(static_cast<float>(model.provisionedWrite()));
                out.capacityRead.push_back(static_cast<float>(model.provisionedRead()));
            }
            resource.model.settle(t, resource.loads);
        };

        // Indexes first: a write its index cannot take is rejected before the table takes it
        // (AWS: "If a global secondary index has insufficient write capacity, write
        // operations on the base table will be throttled", Developer Guide,
        // GSI.ThroughputConsiderations).
        for (size_t r = 0; r < resources.size(); ++r)
            if (report.resources[r].isIndex) settle(static_cast<int>(r));
        std::fill(rejected.begin(), rejected.end(), 0.0);
        std::fill(indexBurst.begin(), indexBurst.end(), 0.0);
        for (const Channel& channel : channels) {
            if (!channel.backPressure || channel.total <= 0) continue;
            const Resource& index = resources[channel.resource];
            double refused = 0, viaBurst = 0, keyRange = 0;
            for (size_t p = 0; p < channel.counts.size(); ++p) {
                const double lost =
                    channel.counts[p] * (1 - index.servedShare(static_cast<int>(p), true));
                refused += lost;
                if (index.throttleLimit(static_cast<int>(p), true) ==
                    rules::ThrottleLimit::KeyRangeThroughputExceeded)
                    keyRange += lost;
                viaBurst += channel.counts[p] * index.burstShare(static_cast<int>(p), true);
            }
            indexBurst[channel.stream] =
                std::max(indexBurst[channel.stream], viaBurst / channel.total);
            if (refused / channel.total > rejected[channel.stream]) {
                rejected[channel.stream] = refused / channel.total;
                rejectedBy[channel.stream] = channel.resource;
                rejectedKeyRange[channel.stream] = refused > 0 ? keyRange / refused : 0;
            }
        }
        for (Channel& channel : channels) {
            if (report.resources[channel.resource].isIndex || !channel.write ||
                rejected[channel.stream] <= 0)
                continue;
            StreamReport& stream = report.streams[channel.stream];
            const double refused = channel.total * rejected[channel.stream];
            stream.requests += refused;
            stream.throttledRequests += refused;
            report.throttledByError[resources[rejectedBy[channel.stream]].throttleError(true)] +=
                refused;
            const double keyRange = refused * rejectedKeyRange[channel.stream];
            countReason(true, false, rules::ThrottleLimit::KeyRangeThroughputExceeded, keyRange);
            countReason(true, false,
                        resources[rejectedBy[channel.stream]].model.settings().mode ==
                                BillingMode::PayPerRequest
                            ? rules::ThrottleLimit::KeyRangeThroughputExceeded
                            : rules::ThrottleLimit::ProvisionedThroughputExceeded,
                        refused - keyRange);
            for (double& count : channel.counts) count *= 1 - rejected[channel.stream];
            channel.total -= refused;
        }
        for (size_t r = 0; r < resources.size(); ++r)
            if (!report.resources[r].isIndex) settle(static_cast<int>(r));

        // Outcomes: served units, throttled requests by stream, partition and error.
        for (const Channel& channel : channels) {
            Resource& resource = resources[channel.resource];
            double throttled = 0, served = 0, viaBurst = 0;
            for (size_t p = 0; p < channel.counts.size(); ++p) {
                const double share = resource.servedShare(static_cast<int>(p), channel.write);
                const double refused = channel.counts[p] * (1 - share);
                resource.throttled[p] += refused;
                throttled += refused;
                if (refused > 0) {
                    const rules::ThrottleLimit limit =
                        resource.throttleLimit(static_cast<int>(p), channel.write);
                    if (limit == rules::ThrottleLimit::KeyRangeThroughputExceeded)
                        resource.throttledKeyRange[p] += refused;
                    if (!channel.backPressure)
                        countReason(report.resources[channel.resource].isIndex, !channel.write,
                                    limit, refused);
                }
                served += channel.counts[p] * share * channel.units;
                viaBurst +=
                    channel.counts[p] * resource.burstShare(static_cast<int>(p), channel.write);
            }
            if (channel.backPressure) continue;  // counted with the base-table write
            StreamReport& stream = report.streams[channel.stream];
            stream.requests += channel.total;
            stream.throttledRequests += throttled;
            stream.consumedUnits += served;
            // Served only thanks to burst: the table's, or an index's that took the write.
            stream.burstOnlyRequests +=
                std::min(channel.total - throttled,
                         viaBurst + (channel.total - throttled) * indexBurst[channel.stream]);
            if (throttled > 0) report.throttledByError[resource.throttleError(false)] += throttled;
        }
        for (TrackedKey& key : tracked) {
            const Resource& resource = resources[key.resource];
            const StreamSpec& stream = scenario.streams[key.stream];
            const double requests = rates[key.stream] * key.key.weight;
            const PartitionMap& map = resource.model.partitions();
            for (const auto& [partition, part] : partitionsOfKey(map, stream.keys, key.key.hash)) {
                if (part <= 0) continue;
                const double refusedShare =
                    rejected[key.stream] +
                    (1 - rejected[key.stream]) *
                        (1 - resource.servedShare(partition, stream.isWrite()));
                const double units =
                    requests * part * (1 - refusedShare) * stream.unitsPerRequest();
                key.report.requests += requests * part;
                key.report.throttledRequests += requests * part * refusedShare;
                key.report.consumedUnits += units;
                HotKey::Share& share = key.report.byPartition[map[partition].id];
                share.requests += requests * part;
                share.throttledRequests += requests * part * refusedShare;
                share.consumedUnits += units;
            }
        }

        // Per-second and per-partition records, then auto scaling at each minute's end.
        for (size_t r = 0; r < resources.size(); ++r) {
            Resource& resource = resources[r];
            ResourceReport& out = report.resources[r];
            double read = 0, write = 0, throttled = 0, keyRange = 0;
            for (size_t p = 0; p < resource.loads.size(); ++p) {
                const PartitionLoad& load = resource.loads[p];
                read += load.readServed;
                write += load.writeServed;
                throttled += resource.throttled[p];
                keyRange += resource.throttledKeyRange[p];
                if (!options.partitionSeries) continue;
                PartitionSeries& series = out.partitions[resource.seriesOfIndex[p]];
                series.consumedRead.push_back(static_cast<float>(load.readServed));
                series.consumedWrite.push_back(static_cast<float>(load.writeServed));
                series.throttledRequests.push_back(static_cast<float>(resource.throttled[p]));
                series.throttledKeyRange.push_back(
                    static_cast<float>(resource.throttledKeyRange[p]));
            }
            out.consumedRead.push_back(static_cast<float>(read));
            out.consumedWrite.push_back(static_cast<float>(write));
            out.throttledRequests.push_back(static_cast<float>(throttled));
            out.throttledKeyRange.push_back(static_cast<float>(keyRange));
            out.totalRead += read;
            out.totalWrite += write;
            out.throttled += throttled;
            resource.minuteRead += read;
            resource.minuteWrite += write;
            splitForHeat(resource, static_cast<int>(r), channels, rates, t);
            if ((second + 1) % 60 == 0) autoScale(resource, out, second + 1);
        }
        if (options.progress && (second % progressStep == 0 || second + 1 == duration))
            options.progress(second + 1, duration);
    }

    for (size_t r = 0; r < resources.size(); ++r) {
        report.resources[r].splits = resources[r].model.splits();
        report.resources[r].finalPartitionCount = resources[r].model.partitions().size();
        if (!options.partitionSeries) report.resources[r].partitions.clear();
    }
    for (size_t s = 0; s < report.streams.size(); ++s) {
        const StreamReport& stream = report.streams[s];
        if (scenario.streams[s].operation == StreamOperation::TimeToLive) continue;
        report.requests += stream.requests;
        report.throttledRequests += stream.throttledRequests;
        report.burstOnlyRequests += stream.burstOnlyRequests;
    }
    for (TrackedKey& key : tracked) {
        // The partition holding most of its requests at the end.
        const PartitionMap& map = resources[key.resource].model.partitions();
        double most = -1;
        for (const auto& [partition, part] :
             partitionsOfKey(map, scenario.streams[key.stream].keys, key.key.hash))
            if (part > most) {
                most = part;
                key.report.partitionId = map[partition].id;
            }
        report.hotKeys.push_back(key.report);
    }
    report.cost = estimateCost(report.resources, scenario.prices);
    std::stable_sort(report.hotKeys.begin(), report.hotKeys.end(),
                     [](const HotKey& a, const HotKey& b) { return a.requests > b.requests; });
    report.trackedKeys = report.hotKeys;
    report.rules = appliedRules(scenario);
    for (int index = 0; index < 2; ++index)
        for (int read = 0; read < 2; ++read)
            for (int limit = 0; limit < 4; ++limit)
                if (byReason[index][read][limit] > 0)
                    report.throttledByReason[rules::throttlingReason(
                        index == 1, read == 1, static_cast<rules::ThrottleLimit>(limit))] =
                        byReason[index][read][limit];
    if (report.hotKeys.size() > 10) report.hotKeys.resize(10);
    return report;
}

}  // namespace shardscape
