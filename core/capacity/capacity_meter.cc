#include "capacity/capacity_meter.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "capacity/capacity_rules.h"

namespace shardscape {

namespace {

constexpr double kDust = 1e-9;
// After a long idle gap the model is settled this many empty seconds (enough to refill burst
// capacity, 300 s, and to age on-demand peaks out of their 30-minute window) and the
// recording restarts.
constexpr int kIdleSettleSeconds = 1801;
// The recording is trimmed by this many seconds once it is this much over its history.
constexpr int kTrimSeconds = 600;

CapacitySettings settingsOf(const TableDefinition& table, const IndexDefinition* index,
                            double sizeBytes) {
    CapacitySettings settings;
    settings.mode = table.billingMode;
    settings.readUnits =
        static_cast<double>(index ? index->readCapacityUnits : table.readCapacityUnits);
    settings.writeUnits =
        static_cast<double>(index ? index->writeCapacityUnits : table.writeCapacityUnits);
    settings.sizeBytes = sizeBytes;
    if (index) {
        settings.maxReadRequestUnits = static_cast<double>(index->maxReadRequestUnits);
        settings.maxWriteRequestUnits = static_cast<double>(index->maxWriteRequestUnits);
    } else {
        settings.maxReadRequestUnits = static_cast<double>(table.maxReadRequestUnits);
        settings.maxWriteRequestUnits = static_cast<double>(table.maxWriteRequestUnits);
        settings.warmReadUnits = static_cast<double>(table.warmReadUnitsPerSecond);
        settings.warmWriteUnits = static_cast<double>(table.warmWriteUnitsPerSecond);
    }
    return settings;
}

}  // namespace

struct CapacityMeter::Resource {
    std::string name;
    bool isIndex = false;
    CapacityModel model;
    // This second, per partition: units admitted (as demand and served), their split into
    // the partition's own share and burst, requests refused, and the heaviest hash seen
    // (majority vote, for split for heat).
    std::vector<PartitionLoad> loads;
    std::vector<double> ownRead, ownWrite, burstRead, burstWrite, throttled;
    // Of `throttled`, those a partition's own limit refused (KeyRangeThroughputExceeded).
    std::vector<double> throttledKeyRange;
    // What refused the last request admitLocked refused.
    rules::ThrottleLimit lastRefusal = rules::ThrottleLimit::KeyRangeThroughputExceeded;
    std::vector<uint64_t> heavyHash;
    std::vector<double> heavyWeight;
    double ownReadTotal = 0, ownWriteTotal = 0, lentRead = 0, lentWrite = 0;
    ResourceReport report;
    std::unordered_map<int, int> seriesOfId;
    std::vector<int> seriesOfIndex;
    int generationSeen = -1;

    Resource(std::string resourceName, bool index, const CapacitySettings& settings)
        : name(std::move(resourceName)), isIndex(index), model(settings) {
        report.name = name;
        report.isIndex = index;
        report.mode = settings.mode;
        resetSecond();
    }

    void resetSecond() {
        const size_t n = static_cast<size_t>(model.partitions().size());
        loads.assign(n, {});
        for (auto* v : {&ownRead, &ownWrite, &burstRead, &burstWrite, &throttled,
                        &throttledKeyRange, &heavyWeight})
            v->assign(n, 0);
        heavyHash.assign(n, 0);
        ownReadTotal = ownWriteTotal = lentRead = lentWrite = 0;
    }

    Error throttleError() const {
        if (model.settings().mode == BillingMode::PayPerRequest) return rules::onDemandThrottling();
        return isIndex ? rules::indexProvisionedThroughputExceeded()
                       : rules::provisionedThroughputExceeded();
    }
    // The error with its ThrottlingReasons: which limit refused a read or a write.
    Error throttleError(const std::string& tableArn, bool read, rules::ThrottleLimit limit) const {
        std::string arn = tableArn;
        if (isIndex) {
            arn.append("/index/");
            arn.append(name);
        }
        return rules::withThrottlingReason(throttleError(),
                                           rules::throttlingReason(isIndex, read, limit), arn);
    }
};

CapacityMeter::CapacityMeter(const TableDefinition& table, CapacityEnforcement enforcement,
                             const TableStatistics& stats, double now) {
    second_ = startSecond_ = static_cast<int64_t>(std::floor(now));
    update(table, enforcement, stats, now);
}

CapacityMeter::~CapacityMeter() = default;

void CapacityMeter::update(const TableDefinition& table, CapacityEnforcement enforcement,
                           const TableStatistics& stats, double now) {
    std::lock_guard lock(mutex_);
    advanceLocked(now);
    tableName_ = table.name;
    tableArn_ = table.arn();
    enforcement_ = enforcement;
    const int recorded = static_cast<int>(second_ - startSecond_);
    std::vector<Resource> next;
    // OnDemandThroughput and WarmThroughput as UpdateTable set them.
    auto adjust = [&](Resource& resource, const CapacitySettings& settings) {
        resource.model.setOnDemandMaximum(settings.maxReadRequestUnits,
                                          settings.maxWriteRequestUnits);
        const CapacitySettings& now = resource.model.settings();
        if (settings.warmReadUnits > now.warmReadUnits ||
            settings.warmWriteUnits > now.warmWriteUnits)
            resource.model.warm(static_cast<double>(second_), settings.warmReadUnits,
                                settings.warmWriteUnits);
    };
    auto adopt = [&](const std::string& name, bool isIndex, const CapacitySettings& settings) {
        for (Resource& old : resources_) {
            if (old.name != name || old.isIndex != isIndex) continue;
            if (old.model.settings().mode == settings.mode) {
                if (settings.mode == BillingMode::Provisioned &&
                    (old.model.provisionedRead() != settings.readUnits ||
                     old.model.provisionedWrite() != settings.writeUnits))
                    old.model.setProvisioned(static_cast<double>(second_), settings.readUnits,
                                             settings.writeUnits);
                adjust(old, settings);
                if (old.loads.size() != static_cast<size_t>(old.model.partitions().size()))
                    old.resetSecond();
                next.push_back(std::move(old));
                return;
            }
            // Billing mode switched: the table keeps its partitions (and, to on demand, its
            // provisioned throughput as the previous peak: CapacityModel::switchMode).
            old.model.switchMode(static_cast<double>(second_), settings.mode, settings.readUnits,
                                 settings.writeUnits);
            old.report.mode = settings.mode;
            adjust(old, settings);
            old.resetSecond();
            next.push_back(std::move(old));
            return;
        }
        Resource fresh(name, isIndex, settings);
        // A resource that appears mid-recording has nothing before now.
        for (auto* series : {&fresh.report.consumedRead, &fresh.report.consumedWrite,
                             &fresh.report.capacityRead, &fresh.report.capacityWrite,
                             &fresh.report.throttledRequests, &fresh.report.throttledKeyRange})
            series->assign(static_cast<size_t>(recorded), 0.0f);
        next.push_back(std::move(fresh));
    };
    adopt(table.name, false, settingsOf(table, nullptr, static_cast<double>(stats.sizeBytes)));
    for (const IndexDefinition& index : table.indexes) {
        if (!index.global || index.status == IndexStatus::Deleting) continue;
        auto it = stats.indexes.find(index.id);
        const double bytes =
            it == stats.indexes.end() ? 0 : static_cast<double>(it->second.sizeBytes);
        adopt(index.name, true, settingsOf(table, &index, bytes));
    }
    resources_ = std::move(next);
}

CapacityMeter::Resource* CapacityMeter::resourceFor(const std::string* index) {
    if (!index) return &resources_.front();
    for (Resource& resource : resources_)
        if (resource.isIndex && resource.name == *index) return &resource;
    return nullptr;
}

Status CapacityMeter::admitLocked(Resource& r, int p, double read, double write, bool dry) {
    const CapacitySettings& settings = r.model.settings();
    PartitionLoad& load = r.loads[p];
    // The partition's limits, 3,000 RCU and 1,000 WCU, independent or a linear combination
    // (rules::PartitionBudget).
    const rules::PartitionScale scale =
        rules::partitionScale(settings.budget, load.readServed + read, load.writeServed + write);
    bool ok = scale.read >= 1 - kDust && scale.write >= 1 - kDust;
    // What refused it, for the error's ThrottlingReasons: a partition's own limit (the key
    // range) unless the table's capacity runs out first.
    bool refusedRead = scale.read < 1 - kDust;
    rules::ThrottleLimit limit = rules::ThrottleLimit::KeyRangeThroughputExceeded;
    double takeOwn[2] = {0, 0}, takePool[2] = {0, 0}, takeBurst[2] = {0, 0};
    if (ok && settings.mode == BillingMode::PayPerRequest) {
        // On demand: the table serves up to its ceiling (write-equivalent units per second).
        double used = 0;
        for (const PartitionLoad& l : r.loads)
            used += l.writeServed + l.readServed / rules::kReadUnitsPerWriteUnit;
        ok = used + write + read / rules::kReadUnitsPerWriteUnit <=
             r.model.onDemandCeiling() + kDust;
        // Over the on-demand ceiling (twice the previous peak): the partitions the table has
        // cannot take it yet, a key-range limit (our reading: AWS names no other reason for
        // it).
        refusedRead = write <= 0;
        // The table's maximum throughput (OnDemandThroughput) and the per-table quota.
        for (int d = 0; d < 2 && ok; ++d) {
            const bool isRead = d == 0;
            const double units = isRead ? read : write;
            if (units <= 0) continue;
            double total = 0;
            for (const PartitionLoad& l : r.loads) total += isRead ? l.readServed : l.writeServed;
            const double maximum =
                isRead ? settings.maxReadRequestUnits : settings.maxWriteRequestUnits;
            const double quota = isRead ? settings.quotaReadUnits : settings.quotaWriteUnits;
            const bool byMaximum = maximum > 0 && maximum <= quota;
            if (total + units <= (byMaximum ? maximum : quota) + kDust) continue;
            ok = false;
            refusedRead = isRead;
            limit = byMaximum ? rules::ThrottleLimit::MaxOnDemandThroughputExceeded
                              : rules::ThrottleLimit::AccountLimitExceeded;
        }
    } else if (ok) {
        // Provisioned, in the capacity model's order: the partition's own share, adaptive
        // capacity lent from the table's unused throughput, then the partition's burst.
        const double fraction = r.model.partitions()[p].fraction();
        for (int d = 0; d < 2 && ok; ++d) {
            const bool isRead = d == 0;
            const double units = isRead ? read : write;
            if (units <= 0) continue;
            const double total = isRead ? settings.readUnits : settings.writeUnits;
            const double maximum =
                isRead ? rules::kPartitionMaxReadUnits : rules::kPartitionMaxWriteUnits;
            const double own = isRead ? r.ownRead[p] : r.ownWrite[p];
            const double ownTotal = isRead ? r.ownReadTotal : r.ownWriteTotal;
            const double lent = isRead ? r.lentRead : r.lentWrite;
            const double share = std::min(total * fraction, maximum);
            double rest = units;
            takeOwn[d] = std::min(rest, std::max(0.0, share - own));
            rest -= takeOwn[d];
            if (settings.adaptive) {
                takePool[d] = std::min(rest, std::max(0.0, total - ownTotal - takeOwn[d] - lent));
                rest -= takePool[d];
            }
            if (settings.burst) {
                const double bucket = isRead ? r.model.readBurst(p) : r.model.writeBurst(p);
                const double spent = isRead ? r.burstRead[p] : r.burstWrite[p];
                takeBurst[d] = std::min(rest, std::max(0.0, bucket - spent));
                rest -= takeBurst[d];
            }
            ok = rest <= kDust;
            if (!ok) {
                refusedRead = isRead;
                limit = rules::ThrottleLimit::ProvisionedThroughputExceeded;
            }
        }
    }
    if (!ok && enforcement_ == CapacityEnforcement::Enforce) {
        r.lastRefusal = limit;
        return r.throttleError(tableArn_, refusedRead, limit);
    }
    if (dry) return {};
    load.readServed += read;
    load.readDemand += read;
    load.writeServed += write;
    load.writeDemand += write;
    r.ownRead[p] += takeOwn[0];
    r.ownReadTotal += takeOwn[0];
    r.ownWrite[p] += takeOwn[1];
    r.ownWriteTotal += takeOwn[1];
    r.lentRead += takePool[0];
    r.lentWrite += takePool[1];
    r.burstRead[p] += takeBurst[0];
    r.burstWrite[p] += takeBurst[1];
    return {};
}

Status CapacityMeter::charge(double now, const CapacityCharge* charges, size_t count) {
    std::lock_guard lock(mutex_);
    if (enforcement_ == CapacityEnforcement::Off) return {};
    advanceLocked(now);
    // Charges merged by resource and partition, global secondary indexes first so that an
    // index that cannot take its write rejects the table write (AWS: "If a global secondary
    // index has insufficient write capacity, write operations on the base table will be
    // throttled", GSI.ThroughputConsiderations).
    struct Merged {
        Resource* resource;
        int partition;
        uint64_t hash;
        double read, write;
    };
    Merged merged[8];
    std::vector<Merged> more;
    size_t n = 0;
    auto at = [&](size_t i) -> Merged& { return i < 8 ? merged[i] : more[i - 8]; };
    for (size_t i = 0; i < count; ++i) {
        Resource* resource = resourceFor(charges[i].index);
        if (!resource) continue;  // an index being created or deleted: not charged
        const int partition = resource->model.partitions().indexOf(charges[i].hash);
        size_t j = 0;
        for (; j < n; ++j) {
            Merged& m = at(j);
            if (m.resource == resource && m.partition == partition) {
                m.read += charges[i].read;
                m.write += charges[i].write;
                break;
            }
        }
        if (j < n) continue;
        Merged m{resource, partition, charges[i].hash, charges[i].read, charges[i].write};
        if (n < 8)
            merged[n] = m;
        else
            more.push_back(m);
        ++n;
    }
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < n; ++i) {
            Merged& m = at(i);
            if (m.resource->isIndex != (pass == 0)) continue;
            Status admitted = admitLocked(*m.resource, m.partition, m.read, m.write, true);
            if (!admitted) {
                m.resource->throttled[static_cast<size_t>(m.partition)] += 1;
                if (m.resource->lastRefusal == rules::ThrottleLimit::KeyRangeThroughputExceeded)
                    m.resource->throttledKeyRange[static_cast<size_t>(m.partition)] += 1;
                return admitted;
            }
        }
    }
    for (size_t i = 0; i < n; ++i) {
        Merged& m = at(i);
        // The dry run above admitted these same units under the same lock: this cannot fail.
        (void)admitLocked(*m.resource, m.partition, m.read, m.write, false);
        // Majority vote of the partition's units, to find a key worth isolating.
        const auto p = static_cast<size_t>(m.partition);
        const double units = m.read + m.write;
        if (m.resource->heavyHash[p] == m.hash || m.resource->heavyWeight[p] <= 0) {
            m.resource->heavyHash[p] = m.hash;
            m.resource->heavyWeight[p] += units;
        } else {
            m.resource->heavyWeight[p] -= units;
            if (m.resource->heavyWeight[p] < 0) {
                m.resource->heavyHash[p] = m.hash;
                m.resource->heavyWeight[p] = -m.resource->heavyWeight[p];
            }
        }
    }
    return {};
}

void CapacityMeter::advanceLocked(double now) {
    const auto target = static_cast<int64_t>(std::floor(now));
    if (target <= second_) return;  // the same second (or a clock that went back)
    finishSecondLocked();
    ++second_;
    if (target - second_ > kHistorySeconds) {
        // Long idle: settle enough empty seconds to bring the model up to date, then restart
        // the recording at `target`.
        for (int i = 0; i < kIdleSettleSeconds; ++i)
            for (Resource& r : resources_) {
                r.resetSecond();
                r.model.settle(static_cast<double>(second_ + i), r.loads);
            }
        for (Resource& r : resources_) {
            ResourceReport fresh;
            fresh.name = r.name;
            fresh.isIndex = r.isIndex;
            fresh.mode = r.model.settings().mode;
            r.report = std::move(fresh);
            r.seriesOfId.clear();
            r.generationSeen = -1;
            r.resetSecond();
        }
        second_ = startSecond_ = target;
        return;
    }
    while (second_ < target) {
        finishSecondLocked();
        ++second_;
    }
    trimLocked();
}

void CapacityMeter::recordSecondLocked(Resource& r) {
    const int second = static_cast<int>(second_ - startSecond_);
    ResourceReport& out = r.report;
    if (r.generationSeen != r.model.generation()) {
        // Open series for new partitions, close those split away.
        const PartitionMap& map = r.model.partitions();
        std::unordered_map<int, int> current;
        r.seriesOfIndex.assign(static_cast<size_t>(map.size()), 0);
        for (int i = 0; i < map.size(); ++i) {
            auto it = r.seriesOfId.find(map[i].id);
            if (it == r.seriesOfId.end()) {
                PartitionSeries& series = out.partitions.emplace_back();
                series.id = map[i].id;
                series.firstHash = map[i].first;
                series.lastHash = map[i].last;
                series.firstSecond = second;
                it = r.seriesOfId.emplace(map[i].id, static_cast<int>(out.partitions.size()) - 1)
                         .first;
            }
            r.seriesOfIndex[static_cast<size_t>(i)] = it->second;
            current.emplace(map[i].id, it->second);
        }
        for (const auto& [id, series] : r.seriesOfId)
            if (!current.count(id) && out.partitions[static_cast<size_t>(series)].endSecond < 0)
                out.partitions[static_cast<size_t>(series)].endSecond = second;
        r.seriesOfId = std::move(current);
        r.generationSeen = r.model.generation();
    }
    const CapacityModel& model = r.model;
    if (model.settings().mode == BillingMode::PayPerRequest) {
        out.capacityWrite.push_back(static_cast<float>(model.onDemandCapacity(false)));
        out.capacityRead.push_back(static_cast<float>(model.onDemandCapacity(true)));
    } else {
        out.capacityWrite.push_back(static_cast<float>(model.provisionedWrite()));
        out.capacityRead.push_back(static_cast<float>(model.provisionedRead()));
    }
    double read = 0, write = 0, throttled = 0, keyRange = 0;
    for (size_t p = 0; p < r.loads.size(); ++p) {
        read += r.loads[p].readServed;
        write += r.loads[p].writeServed;
        throttled += r.throttled[p];
        keyRange += r.throttledKeyRange[p];
        PartitionSeries& series = out.partitions[static_cast<size_t>(r.seriesOfIndex[p])];
        series.consumedRead.push_back(static_cast<float>(r.loads[p].readServed));
        series.consumedWrite.push_back(static_cast<float>(r.loads[p].writeServed));
        series.throttledRequests.push_back(static_cast<float>(r.throttled[p]));
        series.throttledKeyRange.push_back(static_cast<float>(r.throttledKeyRange[p]));
    }
    out.consumedRead.push_back(static_cast<float>(read));
    out.consumedWrite.push_back(static_cast<float>(write));
    out.throttledRequests.push_back(static_cast<float>(throttled));
    out.throttledKeyRange.push_back(static_cast<float>(keyRange));
    out.totalRead += read;
    out.totalWrite += write;
    out.throttled += throttled;
}

void CapacityMeter::finishSecondLocked() {
    const auto second = static_cast<double>(second_);
    for (Resource& r : resources_) {
        recordSecondLocked(r);
        std::vector<PartitionLoad> loads = r.loads;
        for (size_t p = 0; p < loads.size(); ++p) loads[p].refused = r.throttled[p] > 0;
        r.model.settle(second, loads);
        // Split for heat (rules::kSplitForHeatSeconds): isolate the partition's majority key
        // if it carries at least a tenth of the partition's units, else halve the range.
        const std::vector<int> hot = r.model.partitionsHotFor(rules::kSplitForHeatSeconds);
        for (auto it = hot.rbegin(); it != hot.rend(); ++it) {
            const PartitionRange range = r.model.partitions()[*it];
            const auto p = static_cast<size_t>(*it);
            const double units = r.loads[p].readServed + r.loads[p].writeServed;
            const uint64_t hash = r.heavyHash[p];
            if (r.heavyWeight[p] >= 0.1 * units && units > 0) {
                if (hash == range.first && hash == range.last) continue;  // already alone
                if (hash < range.last) r.model.splitAt(second, *it, hash + 1, "heat");
                if (hash > range.first) r.model.splitAt(second, *it, hash, "heat");
            } else {
                r.model.splitAt(second, *it, range.first + (range.last - range.first) / 2 + 1,
                                "heat");
            }
        }
        r.resetSecond();
    }
}

void CapacityMeter::trimLocked() {
    if (second_ - startSecond_ <= kHistorySeconds + kTrimSeconds) return;
    const int drop = kTrimSeconds;
    for (Resource& r : resources_) {
        ResourceReport& out = r.report;
        for (auto* series : {&out.consumedRead, &out.consumedWrite, &out.capacityRead,
                             &out.capacityWrite, &out.throttledRequests, &out.throttledKeyRange})
            series->erase(series->begin(),
                          series->begin() + std::min<long>(drop, long(series->size())));
        std::vector<PartitionSeries> kept;
        for (PartitionSeries& series : out.partitions) {
            if (series.endSecond >= 0 && series.endSecond <= drop) continue;
            const long gone = std::max(0, drop - series.firstSecond);
            for (auto* values : {&series.consumedRead, &series.consumedWrite,
                                 &series.throttledRequests, &series.throttledKeyRange})
                values->erase(values->begin(),
                              values->begin() + std::min(gone, long(values->size())));
            series.firstSecond = std::max(0, series.firstSecond - drop);
            if (series.endSecond >= 0) series.endSecond -= drop;
            kept.push_back(std::move(series));
        }
        out.partitions = std::move(kept);
        r.seriesOfId.clear();
        for (size_t i = 0; i < out.partitions.size(); ++i)
            if (out.partitions[i].endSecond < 0)
                r.seriesOfId.emplace(out.partitions[i].id, static_cast<int>(i));
        r.generationSeen = -1;  // re-map series indexes next second
    }
    startSecond_ += drop;
}

CapacitySnapshot CapacityMeter::snapshot(double now) {
    std::lock_guard lock(mutex_);
    advanceLocked(now);
    CapacitySnapshot out;
    out.table = tableName_;
    out.enforcement = enforcement_;
    out.startSecond = static_cast<double>(startSecond_);
    out.seconds = static_cast<int>(second_ - startSecond_);
    for (const Resource& r : resources_) {
        ResourceReport report = r.report;
        for (const SplitEvent& split : r.model.splits()) {
            if (split.second < out.startSecond) continue;
            SplitEvent relative = split;
            relative.second -= out.startSecond;
            report.splits.push_back(relative);
        }
        report.finalPartitionCount = r.model.partitions().size();
        out.resources.push_back(std::move(report));
    }
    return out;
}

Json CapacitySnapshot::toJson() const {
    Json list = Json::array();
    for (const ResourceReport& resource : resources) list.push_back(resourceReportJson(resource));
    return {{"table", table},
            {"capacityEnforcement", enforcementName(enforcement)},
            {"startSecond", startSecond},
            {"seconds", seconds},
            {"resources", std::move(list)}};
}

}  // namespace shardscape
