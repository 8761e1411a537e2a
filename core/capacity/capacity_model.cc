#include "capacity/capacity_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "capacity/capacity_rules.h"

namespace shardscape {

namespace {

// Water-filling: shares `pool` among claims, nobody above its claim, the rest equally.
// Returns what each claim gets.
std::vector<double> waterFill(const std::vector<double>& claims, double pool) {
    std::vector<double> given(claims.size(), 0);
    const double wanted = std::accumulate(claims.begin(), claims.end(), 0.0);
    if (wanted <= pool) return claims;
    std::vector<size_t> order;
    for (size_t i = 0; i < claims.size(); ++i)
        if (claims[i] > 0) order.push_back(i);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return claims[a] < claims[b]; });
    size_t left = order.size();
    for (size_t i : order) {
        const double fair = pool / static_cast<double>(left);
        given[i] = std::min(claims[i], fair);
        pool -= given[i];
        --left;
    }
    return given;
}

}  // namespace

CapacityModel::CapacityModel(const CapacitySettings& settings) : settings_(settings) {
    if (settings.mode == BillingMode::Provisioned) {
        maxProvisionedRead_ = settings.readUnits;
        maxProvisionedWrite_ = settings.writeUnits;
    }
    // Warm throughput asked for at creation: the table starts with it (no split events).
    const int count =
        std::max(settings.mode == BillingMode::PayPerRequest
                     ? rules::onDemandInitialPartitionCount(settings.sizeBytes)
                     : rules::initialPartitionCount(settings.readUnits, settings.writeUnits,
                                                    settings.sizeBytes),
                 warmTargets(settings.warmReadUnits, settings.warmWriteUnits));
    partitions_ = PartitionMap(count);
    readBucket_.assign(count, 0);
    writeBucket_.assign(count, 0);
    hotSeconds_.assign(count, 0);
    if (settings.mode == BillingMode::Provisioned && settings.burst && settings.burstStartsFull) {
        for (int i = 0; i < count; ++i) {
            const double fraction = partitions_[i].fraction();
            readBucket_[i] = settings.readUnits * fraction * rules::kBurstSeconds;
            writeBucket_[i] = settings.writeUnits * fraction * rules::kBurstSeconds;
        }
    }
}

void CapacityModel::setProvisioned(double second, double readUnits, double writeUnits) {
    settings_.readUnits = readUnits;
    settings_.writeUnits = writeUnits;
    maxProvisionedRead_ = std::max(maxProvisionedRead_, readUnits);
    maxProvisionedWrite_ = std::max(maxProvisionedWrite_, writeUnits);
    const int needed = rules::initialPartitionCount(readUnits, writeUnits, settings_.sizeBytes);
    splitForCount(second, needed, "throughput");
}

int CapacityModel::warmTargets(double readUnits, double writeUnits) {
    if (readUnits <= 0 && writeUnits <= 0) return 1;
    if (settings_.mode == BillingMode::PayPerRequest) {
        const double equivalent = writeUnits + readUnits / rules::kReadUnitsPerWriteUnit;
        peakBeforeWindow_ = std::max(peakBeforeWindow_, equivalent / rules::kOnDemandPeakFactor);
        return rules::onDemandPartitionCount(onDemandCeiling());
    }
    maxProvisionedRead_ = std::max(maxProvisionedRead_, readUnits);
    maxProvisionedWrite_ = std::max(maxProvisionedWrite_, writeUnits);
    return rules::initialPartitionCount(readUnits, writeUnits, settings_.sizeBytes);
}

void CapacityModel::warm(double second, double readUnits, double writeUnits) {
    settings_.warmReadUnits = std::max(settings_.warmReadUnits, readUnits);
    settings_.warmWriteUnits = std::max(settings_.warmWriteUnits, writeUnits);
    splitForCount(second, warmTargets(readUnits, writeUnits), "warm throughput");
}

void CapacityModel::switchMode(double second, BillingMode mode, double readUnits,
                               double writeUnits) {
    if (mode == settings_.mode) {
        if (mode == BillingMode::Provisioned) setProvisioned(second, readUnits, writeUnits);
        return;
    }
    settings_.mode = mode;
    std::fill(readBucket_.begin(), readBucket_.end(), 0.0);
    std::fill(writeBucket_.begin(), writeBucket_.end(), 0.0);
    std::fill(hotSeconds_.begin(), hotSeconds_.end(), 0);
    if (mode == BillingMode::Provisioned) {
        setProvisioned(second, readUnits, writeUnits);
        return;
    }
    // To on demand: the previous peak is half the most ever provisioned (write-equivalent),
    // or the new table's, whichever is higher; it counts at once.
    settings_.readUnits = settings_.writeUnits = 0;
    const double provisioned =
        maxProvisionedWrite_ + maxProvisionedRead_ / rules::kReadUnitsPerWriteUnit;
    peakBeforeWindow_ = std::max(peakBeforeWindow_, provisioned / rules::kOnDemandPeakFactor);
    splitForCount(second, rules::onDemandPartitionCount(onDemandCeiling()), "throughput");
}

void CapacityModel::splitForCount(double second, int needed, const char* reason) {
    // Every partition splits in two until there are enough, so ranges (and the throughput
    // share of each) stay even.
    while (partitions_.size() < needed) {
        for (int i = partitions_.size() - 1; i >= 0; --i) {
            const int parentId = partitions_[i].id;
            if (!partitions_.split(i)) return;
            const double readHalf = readBucket_[i] / 2, writeHalf = writeBucket_[i] / 2;
            readBucket_[i] = readHalf;
            writeBucket_[i] = writeHalf;
            readBucket_.insert(readBucket_.begin() + i + 1, readHalf);
            writeBucket_.insert(writeBucket_.begin() + i + 1, writeHalf);
            hotSeconds_[i] = 0;
            hotSeconds_.insert(hotSeconds_.begin() + i + 1, 0);
            splits_.push_back({second, parentId, partitions_[i].id, partitions_[i + 1].id, reason});
        }
        ++generation_;
    }
}

double CapacityModel::onDemandCeiling() const {
    const double initial = rules::kOnDemandInitialWriteUnits;
    return std::max({initial, rules::kOnDemandPeakFactor * peakBeforeWindow_, peakEver_});
}

double CapacityModel::onDemandCapacity(bool read) const {
    double capacity = onDemandCeiling() * (read ? rules::kReadUnitsPerWriteUnit : 1.0);
    const double maximum = read ? settings_.maxReadRequestUnits : settings_.maxWriteRequestUnits;
    if (maximum > 0) capacity = std::min(capacity, maximum);
    return std::min(capacity, read ? settings_.quotaReadUnits : settings_.quotaWriteUnits);
}

void CapacityModel::settle(double second, std::vector<PartitionLoad>& loads) {
    loads.resize(partitions_.size());
    // Table capacity in write-equivalent units, to tell partition-level throttling (heat)
    // from the table being out of capacity.
    const double capacity =
        settings_.mode == BillingMode::PayPerRequest
            ? onDemandCeiling()
            : settings_.writeUnits + settings_.readUnits / rules::kReadUnitsPerWriteUnit;
    if (settings_.mode == BillingMode::PayPerRequest) {
        settleOnDemand(second, loads);
    } else {
        settleProvisioned(loads, true);
        settleProvisioned(loads, false);
        // The partition's read and write limits, independent or a linear combination
        // (rules::PartitionBudget): scale down what is over.
        for (auto& load : loads) {
            const rules::PartitionScale scale =
                rules::partitionScale(settings_.budget, load.readServed, load.writeServed);
            load.readServed *= scale.read;
            load.readFromBurst *= scale.read;
            load.writeServed *= scale.write;
            load.writeFromBurst *= scale.write;
        }
    }
    // Heat: consecutive seconds each partition throttled while the table as a whole had
    // capacity left (splitting cannot help a table that is out of capacity).
    double served = 0;
    for (const auto& load : loads)
        served += load.writeServed + load.readServed / rules::kReadUnitsPerWriteUnit;
    // (On demand, a table held at its maximum throughput or quota has no room either.)
    const bool tableHasRoom = served < capacity * 0.999 && !readLimit_ && !writeLimit_;
    for (size_t i = 0; i < loads.size(); ++i) {
        const bool throttled = loads[i].refused ||
                               loads[i].readServed < loads[i].readDemand - 1e-9 ||
                               loads[i].writeServed < loads[i].writeDemand - 1e-9;
        hotSeconds_[i] = throttled && tableHasRoom ? hotSeconds_[i] + 1 : 0;
    }
    if (settings_.mode == BillingMode::PayPerRequest) {
        // Partitions follow the ceiling, with headroom (rules::kOnDemandPartitionHeadroom).
        splitForCount(second, rules::onDemandPartitionCount(onDemandCeiling()), "throughput");
    }
}

std::vector<int> CapacityModel::partitionsHotFor(int seconds) const {
    std::vector<int> out;
    for (size_t i = 0; i < hotSeconds_.size(); ++i)
        if (hotSeconds_[i] >= seconds) out.push_back(static_cast<int>(i));
    return out;
}

bool CapacityModel::splitAt(double second, int index, uint64_t at, const char* reason) {
    const int parentId = partitions_[index].id;
    const double parentFraction = partitions_[index].fraction();
    if (!partitions_.splitAt(index, at)) return false;
    recordSplit(second, index, parentId, parentFraction, reason);
    return true;
}

bool CapacityModel::splitSortKeyAt(double second, int index, double at, const char* reason) {
    const int parentId = partitions_[index].id;
    const double parentFraction = partitions_[index].fraction();
    if (!partitions_.splitSortKeyAt(index, at)) return false;
    recordSplit(second, index, parentId, parentFraction, reason);
    return true;
}

void CapacityModel::recordSplit(double second, int index, int parentId, double parentFraction,
                                const char* reason) {
    // Burst follows the key space each half takes.
    const double lowerShare = partitions_[index].fraction() / parentFraction;
    for (auto* bucket : {&readBucket_, &writeBucket_}) {
        const double total = (*bucket)[index];
        (*bucket)[index] = total * lowerShare;
        bucket->insert(bucket->begin() + index + 1, total * (1 - lowerShare));
    }
    hotSeconds_[index] = 0;
    hotSeconds_.insert(hotSeconds_.begin() + index + 1, 0);
    splits_.push_back({second, parentId, partitions_[index].id, partitions_[index + 1].id, reason});
    ++generation_;
}

void CapacityModel::settleProvisioned(std::vector<PartitionLoad>& loads, bool read) {
    const double total = read ? settings_.readUnits : settings_.writeUnits;
    const double partitionMax =
        read ? rules::kPartitionMaxReadUnits : rules::kPartitionMaxWriteUnits;
    std::vector<double>& bucket = read ? readBucket_ : writeBucket_;
    const size_t n = loads.size();
    std::vector<double> share(n), own(n), room(n);
    double ownTotal = 0, unusedTotal = 0;
    for (size_t i = 0; i < n; ++i) {
        const double demand = read ? loads[i].readDemand : loads[i].writeDemand;
        // Provisioned throughput is divided across the partitions by their share of the
        // hash space (an even split; a split halves a partition's share).
        share[i] = total * partitions_[static_cast<int>(i)].fraction();
        own[i] = std::min({demand, share[i], partitionMax});
        ownTotal += own[i];
        unusedTotal += share[i] - own[i];
        room[i] = std::min(demand - own[i], partitionMax - own[i]);
    }
    // Adaptive capacity: "enables your application to continue reading and writing to hot
    // partitions without being throttled, provided that traffic does not exceed your table's
    // total provisioned capacity or the partition maximum capacity" (Developer Guide,
    // burst-adaptive-capacity).
    std::vector<double> lent(n, 0);
    double lentTotal = 0;
    if (settings_.adaptive) {
        lent = waterFill(room, std::max(0.0, total - ownTotal));
        lentTotal = std::accumulate(lent.begin(), lent.end(), 0.0);
    }
    // Share of the unused capacity that was not lent out and so is retained as burst.
    const double retained = unusedTotal > 0 ? std::max(0.0, 1 - lentTotal / unusedTotal) : 0;
    for (size_t i = 0; i < n; ++i) {
        double served = own[i] + lent[i];
        double& fromBurstOut = read ? loads[i].readFromBurst : loads[i].writeFromBurst;
        fromBurstOut = 0;
        if (settings_.burst) {
            // Burst capacity: unused capacity retained for up to 300 seconds, consumed above
            // the partition's share but never above the partition maximum ("Burst capacity
            // can't alleviate partition-level throttling", Knowledge Center).
            const double fromBurst =
                std::min({room[i] - lent[i], bucket[i], partitionMax - served});
            served += std::max(0.0, fromBurst);
            fromBurstOut = std::max(0.0, fromBurst);
            bucket[i] =
                std::min(share[i] * rules::kBurstSeconds,
                         bucket[i] - std::max(0.0, fromBurst) + (share[i] - own[i]) * retained);
        }
        (read ? loads[i].readServed : loads[i].writeServed) = served;
    }
}

void CapacityModel::settleOnDemand(double second, std::vector<PartitionLoad>& loads) {
    // Per partition: up to 3,000 read request units and 1,000 write request units,
    // independently or as a linear combination (rules::PartitionBudget).
    double wanted = 0;
    for (auto& load : loads) {
        const rules::PartitionScale scale =
            rules::partitionScale(settings_.budget, load.readDemand, load.writeDemand);
        load.readServed = load.readDemand * scale.read;
        load.writeServed = load.writeDemand * scale.write;
        wanted += load.writeServed + load.readServed / rules::kReadUnitsPerWriteUnit;
    }
    // Table level: up to twice the previous peak (or the initial 4,000 WCU / 12,000 RCU).
    const double ceiling = onDemandCeiling();
    if (wanted > ceiling) {
        const double scale = ceiling / wanted;
        for (auto& load : loads) {
            load.readServed *= scale;
            load.writeServed *= scale;
        }
        wanted = ceiling;
    }
    // The table's maximum throughput (OnDemandThroughput) and the per-table quota, for reads
    // and writes apart; the lower one throttles and names the reason.
    auto cap = [&](bool read) {
        const double maximum =
            read ? settings_.maxReadRequestUnits : settings_.maxWriteRequestUnits;
        const double quota = read ? settings_.quotaReadUnits : settings_.quotaWriteUnits;
        std::optional<rules::ThrottleLimit>& limit = read ? readLimit_ : writeLimit_;
        limit.reset();
        double total = 0;
        for (const auto& load : loads) total += read ? load.readServed : load.writeServed;
        const bool byMaximum = maximum > 0 && maximum <= quota;
        const double bound = byMaximum ? maximum : quota;
        if (total <= bound + 1e-9) return 0.0;
        limit = byMaximum ? rules::ThrottleLimit::MaxOnDemandThroughputExceeded
                          : rules::ThrottleLimit::AccountLimitExceeded;
        const double scale = bound / total;
        for (auto& load : loads) (read ? load.readServed : load.writeServed) *= scale;
        return (total - bound) * (read ? 1 / rules::kReadUnitsPerWriteUnit : 1.0);
    };
    wanted -= cap(true);
    wanted -= cap(false);
    // The traffic served becomes the previous peak; it counts double after 30 minutes.
    peakEver_ = std::max(peakEver_, wanted);
    recent_.emplace_back(second, wanted);
    while (!recent_.empty() &&
           recent_.front().first <= second - rules::kOnDemandPeakWindowSeconds) {
        peakBeforeWindow_ = std::max(peakBeforeWindow_, recent_.front().second);
        recent_.pop_front();
    }
}

}  // namespace shardscape
