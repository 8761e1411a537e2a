#include "capacity/heat_map_data.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <limits>

#include "capacity/capacity_rules.h"
#include "capacity/throttle_kind.h"

namespace shardscape {

namespace {

std::string number(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string hex(uint64_t value) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%016" PRIx64, value);
    return buffer;
}

double hashFraction(uint64_t first, uint64_t last) {
    return (static_cast<double>(last - first) + 1) / 18446744073709551616.0;
}

}  // namespace

HeatMapData::HeatMapData(std::string resource, CapacityDimension dimension,
                         std::vector<HeatMapRow> rows, int seconds)
    : resource_(std::move(resource)),
      dimension_(dimension),
      rows_(std::move(rows)),
      seconds_(std::max(0, seconds)) {
    const size_t cells = rows_.size() * static_cast<size_t>(seconds_);
    consumed_.assign(cells, 0);
    limit_.assign(cells, 0);
    throttled_.assign(cells, 0);
    keyRange_.assign(cells, 0);
}

bool HeatMapData::exists(int row, int second) const {
    if (row < 0 || row >= rowCount() || second < 0 || second >= seconds_) return false;
    const HeatMapRow& r = rows_[row];
    return second >= r.firstSecond && (r.endSecond < 0 || second < r.endSecond);
}

float HeatMapData::share(int row, int second) const {
    if (!exists(row, second)) return std::numeric_limits<float>::quiet_NaN();
    const float l = limit(row, second);
    const float c = consumed(row, second);
    if (l <= 0) return c > 0 ? std::numeric_limits<float>::infinity() : 0.0f;
    return c / l;
}

float HeatMapData::maxShare() const {
    float best = 0;
    for (int r = 0; r < rowCount(); ++r)
        for (int s = 0; s < seconds_; ++s) {
            const float value = share(r, s);
            if (std::isfinite(value)) best = std::max(best, value);
        }
    return best;
}

void HeatMapData::set(int row, int second, float consumed, float limit, float throttled) {
    const size_t i = at(row, second);
    consumed_[i] = consumed;
    limit_[i] = limit;
    throttled_[i] = throttled;
}

void HeatMapData::setThrottledKeyRange(int row, int second, float requests) {
    keyRange_[at(row, second)] = requests;
    knowsReasons_ = true;
}

void HeatMapData::appendSecond(const std::vector<float>& consumed, const std::vector<float>& limit,
                               const std::vector<float>& throttled) {
    auto widen = [&](std::vector<float>& grid, const std::vector<float>& column) {
        std::vector<float> next;
        next.reserve(rows_.size() * static_cast<size_t>(seconds_ + 1));
        for (size_t r = 0; r < rows_.size(); ++r) {
            const auto begin = grid.begin() + static_cast<std::ptrdiff_t>(r * seconds_);
            next.insert(next.end(), begin, begin + seconds_);
            next.push_back(r < column.size() ? column[r] : 0.0f);
        }
        grid = std::move(next);
    };
    widen(consumed_, consumed);
    widen(limit_, limit);
    widen(throttled_, throttled);
    widen(keyRange_, {});
    ++seconds_;
}

std::string HeatMapData::toCsv() const {
    std::string out =
        "partition,first_hash,last_hash,second,consumed_units,limit_units,share,"
        "throttled_requests\n";
    for (int r = 0; r < rowCount(); ++r) {
        const HeatMapRow& row = rows_[r];
        const std::string prefix =
            std::to_string(row.id) + ',' + hex(row.firstHash) + ',' + hex(row.lastHash) + ',';
        for (int s = 0; s < seconds_; ++s) {
            if (!exists(r, s)) continue;
            const float value = share(r, s);
            out.append(prefix);
            out.append(std::to_string(s));
            out.push_back(',');
            out.append(number(consumed(r, s), 2));
            out.push_back(',');
            out.append(number(limit(r, s), 2));
            out.push_back(',');
            out.append(std::isfinite(value) ? number(value, 4) : std::string("inf"));
            out.push_back(',');
            out.append(number(throttled(r, s), 2));
            out.push_back('\n');
        }
    }
    return out;
}

double partitionLimit(BillingMode mode, CapacityDimension dimension, double provisioned,
                      int partitionCount) {
    const double maximum = dimension == CapacityDimension::Read ? rules::kPartitionMaxReadUnits
                                                                : rules::kPartitionMaxWriteUnits;
    if (mode == BillingMode::PayPerRequest || partitionCount <= 0) return maximum;
    return std::min(maximum, provisioned / partitionCount);
}

HeatMapData heatMapFromReport(const SimulationReport& report, int resource,
                              CapacityDimension dimension, double itemCount) {
    if (resource < 0 || resource >= static_cast<int>(report.resources.size())) return {};
    const ResourceReport& source = report.resources[static_cast<size_t>(resource)];
    std::vector<size_t> order(source.partitions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const PartitionSeries& x = source.partitions[a];
        const PartitionSeries& y = source.partitions[b];
        if (x.firstHash != y.firstHash) return x.firstHash < y.firstHash;
        // Segments of one item collection in sort-key order.
        if (x.sortFrom != y.sortFrom) return x.sortFrom < y.sortFrom;
        return x.firstSecond < y.firstSecond;
    });
    std::vector<HeatMapRow> rows;
    for (size_t i : order) {
        const PartitionSeries& p = source.partitions[i];
        rows.push_back({p.id, p.firstHash, p.lastHash, p.firstSecond, p.endSecond,
                        itemCount * hashFraction(p.firstHash, p.lastHash) * (p.sortTo - p.sortFrom),
                        p.sortFrom, p.sortTo});
    }
    const int seconds =
        static_cast<int>(dimension == CapacityDimension::Read ? source.consumedRead.size()
                                                              : source.consumedWrite.size());
    HeatMapData data(source.name, dimension, std::move(rows), seconds);
    data.setMode(source.mode);
    // Partitions alive each second, for the even share of provisioned capacity.
    std::vector<int> alive(static_cast<size_t>(seconds), 0);
    for (int r = 0; r < data.rowCount(); ++r)
        for (int s = 0; s < seconds; ++s)
            if (data.exists(r, s)) ++alive[static_cast<size_t>(s)];
    const std::vector<float>& capacity =
        dimension == CapacityDimension::Read ? source.capacityRead : source.capacityWrite;
    for (int r = 0; r < data.rowCount(); ++r) {
        const PartitionSeries& p = source.partitions[order[static_cast<size_t>(r)]];
        const std::vector<float>& consumed =
            dimension == CapacityDimension::Read ? p.consumedRead : p.consumedWrite;
        for (size_t i = 0; i < consumed.size(); ++i) {
            const int s = p.firstSecond + static_cast<int>(i);
            if (s < 0 || s >= seconds) continue;
            const double provisioned =
                static_cast<size_t>(s) < capacity.size() ? capacity[static_cast<size_t>(s)] : 0;
            const double limit =
                partitionLimit(source.mode, dimension, provisioned, alive[static_cast<size_t>(s)]);
            data.set(r, s, consumed[i], static_cast<float>(limit),
                     i < p.throttledRequests.size() ? p.throttledRequests[i] : 0.0f);
            if (i < p.throttledKeyRange.size())
                data.setThrottledKeyRange(r, s, p.throttledKeyRange[i]);
        }
    }
    return data;
}

std::vector<HotKey> keysInPartition(const SimulationReport& report, int resource,
                                    const HeatMapRow& row, CapacityDimension dimension) {
    std::vector<HotKey> out;
    const bool write = dimension == CapacityDimension::Write;
    for (const HotKey& key : report.trackedKeys) {
        if (key.resource != resource || key.write != write) continue;
        auto share = key.byPartition.find(row.id);
        if (share == key.byPartition.end()) continue;
        HotKey here = key;
        here.partitionId = row.id;
        here.requests = share->second.requests;
        here.throttledRequests = share->second.throttledRequests;
        here.consumedUnits = share->second.consumedUnits;
        here.byPartition.clear();
        out.push_back(std::move(here));
    }
    std::stable_sort(out.begin(), out.end(), [](const HotKey& a, const HotKey& b) {
        return a.consumedUnits > b.consumedUnits;
    });
    return out;
}

int hottestRow(const HeatMapData& data) {
    int best = -1;
    double bestThrottled = 0, bestConsumed = 0;
    for (int r = 0; r < data.rowCount(); ++r) {
        double throttled = 0, consumed = 0;
        for (int s = 0; s < data.seconds(); ++s)
            if (data.exists(r, s)) {
                throttled += data.throttled(r, s);
                consumed += data.consumed(r, s);
            }
        if (best < 0 || throttled > bestThrottled ||
            (throttled == bestThrottled && consumed > bestConsumed)) {
            best = r;
            bestThrottled = throttled;
            bestConsumed = consumed;
        }
    }
    return best;
}

std::string hashRangeText(uint64_t first, uint64_t last) {
    return hex(first) + " \u2013 " + hex(last);
}

std::string sortSegmentText(double from, double to) {
    return number(from * 100, 0) + " % \u2013 " + number(to * 100, 0) +
           " % of one item collection (by sort key)";
}

const char* dimensionName(CapacityDimension dimension) {
    return dimension == CapacityDimension::Read ? "read" : "write";
}

const char* unitName(CapacityDimension dimension) {
    return dimension == CapacityDimension::Read ? "RCU" : "WCU";
}

std::string describeCell(const HeatMapData& data, int row, int second,
                         const std::vector<HotKey>& keys, size_t maxKeys) {
    if (row < 0 || row >= data.rowCount()) return {};
    const HeatMapRow& r = data.rows()[static_cast<size_t>(row)];
    std::string out = "Partition " + std::to_string(r.id) + " of " + data.resource();
    out += "\nHash range " + hashRangeText(r.firstHash, r.lastHash);
    if (r.sortFrom != 0 || r.sortTo != 1)
        out += "\nSort keys " + sortSegmentText(r.sortFrom, r.sortTo);
    out += "\nItems \u2248 " + number(r.itemCount, 0);
    if (r.endSecond >= 0) out += "\nSplit at second " + std::to_string(r.endSecond);
    if (data.exists(row, second)) {
        const float value = data.share(row, second);
        out += "\nSecond " + std::to_string(second) + ": " + number(data.consumed(row, second), 1) +
               " of " + number(data.limit(row, second), 1) + ' ' + unitName(data.dimension()) +
               " (" + (std::isfinite(value) ? number(value * 100, 0) + " %" : std::string("over")) +
               ")";
        const float throttled = data.throttled(row, second);
        if (throttled > 0) {
            out += ", " + number(throttled, 1) + " requests throttled";
            if (data.knowsReasons()) {
                const float hot = std::min(throttled, data.throttledKeyRange(row, second));
                if (hot > 0)
                    out += "\n  " + number(hot, 1) + " by a " +
                           throttleKindLabel(ThrottleKind::HotPartition, data.mode());
                if (throttled - hot > 0.05f)
                    out += "\n  " + number(throttled - hot, 1) + " by the " +
                           throttleKindLabel(ThrottleKind::TableCapacity, data.mode());
            }
        }
    } else if (second >= 0 && second < data.seconds()) {
        out += "\nSecond " + std::to_string(second) + ": partition did not exist";
    }
    if (!keys.empty()) {
        out += "\nTop keys:";
        for (size_t i = 0; i < keys.size() && i < maxKeys; ++i)
            out += "\n  " + keys[i].key + "  " + number(keys[i].consumedUnits, 0) + " units, " +
                   number(keys[i].throttledRequests, 0) + " throttled";
    }
    return out;
}

}  // namespace shardscape

namespace shardscape {
std::string describeSecond(const ResourceReport& resource, int second) {
    if (second < 0 || static_cast<size_t>(second) >= resource.consumedWrite.size()) return {};
    const auto s = static_cast<size_t>(second);
    const bool onDemand = resource.mode == BillingMode::PayPerRequest;
    std::string out = "Second " + std::to_string(second) + " of " + resource.name + ": ";
    out += number(resource.consumedWrite[s], 0) + " WCU consumed of " +
           number(resource.capacityWrite[s], 0) + (onDemand ? " (on-demand ceiling)" : "") + ", " +
           number(resource.consumedRead[s], 0) + " RCU of " + number(resource.capacityRead[s], 0) +
           "; throttled " + number(resource.throttledRequests[s], 0) + " requests";
    // By kind, when the source tells them apart.
    if (resource.throttledRequests[s] > 0 && s < resource.throttledKeyRange.size()) {
        const double hot = std::min(resource.throttledKeyRange[s], resource.throttledRequests[s]);
        out += " (" + number(hot, 0) + " by a " + throttleKindName(ThrottleKind::HotPartition) +
               ", " + number(resource.throttledRequests[s] - hot, 0) + " by the " +
               throttleKindName(ThrottleKind::TableCapacity) + ")";
    }
    return out;
}
}  // namespace shardscape
