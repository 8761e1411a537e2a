#pragma once
// The grid a partition heat map shows: one row per partition (in hash order), one column per
// second, each cell the capacity units the partition consumed, its limit at that second and
// the requests it throttled. Built from a simulation report (heatMapFromReport), or filled
// second by second by any other source of per-partition figures (appendSecond), so the same
// view can show a simulation or live traffic. Plus the texts the view shows about a cell.

#include <cstdint>
#include <string>
#include <vector>

#include "capacity/simulation_report.h"

namespace shardscape {

enum class CapacityDimension { Read, Write };

struct HeatMapRow {
    int id = 0;  // the partition's id
    uint64_t firstHash = 0;
    uint64_t lastHash = 0;
    int firstSecond = 0;   // first second the partition existed
    int endSecond = -1;    // second it was split away (-1: still there at the end)
    double itemCount = 0;  // items it holds (the table's items by share of the key space)
    // The segment of one item collection it holds after a split by sort key; [0, 1) else.
    double sortFrom = 0;
    double sortTo = 1;
};

class HeatMapData {
  public:
    HeatMapData() = default;
    HeatMapData(std::string resource, CapacityDimension dimension, std::vector<HeatMapRow> rows,
                int seconds);

    const std::string& resource() const { return resource_; }
    CapacityDimension dimension() const { return dimension_; }
    const std::vector<HeatMapRow>& rows() const { return rows_; }
    int rowCount() const { return static_cast<int>(rows_.size()); }
    int seconds() const { return seconds_; }
    bool empty() const { return rows_.empty() || seconds_ == 0; }

    // A cell exists when the partition existed at that second.
    bool exists(int row, int second) const;
    float consumed(int row, int second) const { return consumed_[at(row, second)]; }
    float limit(int row, int second) const { return limit_[at(row, second)]; }
    float throttled(int row, int second) const { return throttled_[at(row, second)]; }
    // Of throttled(), those refused by the partition's own limit (a hot partition,
    // KeyRangeThroughputExceeded); the rest hit the table's capacity. Meaningful only when
    // knowsReasons().
    float throttledKeyRange(int row, int second) const { return keyRange_[at(row, second)]; }
    bool knowsReasons() const { return knowsReasons_; }
    void setThrottledKeyRange(int row, int second, float requests);
    // The table's billing mode, for naming the table-capacity reasons.
    BillingMode mode() const { return mode_; }
    void setMode(BillingMode mode) { mode_ = mode; }
    // consumed / limit: 0 idle, 1 at the limit, above 1 borrowing burst or adaptive
    // capacity; NaN where the partition did not exist.
    float share(int row, int second) const;
    // Highest share over all cells (0 when empty).
    float maxShare() const;

    void set(int row, int second, float consumed, float limit, float throttled);
    // Adds a column (live sources): `consumed`, `limit`, `throttled` hold one value per row.
    void appendSecond(const std::vector<float>& consumed, const std::vector<float>& limit,
                      const std::vector<float>& throttled);

    // partition,first_hash,last_hash,second,consumed_units,limit_units,share,
    // throttled_requests: one line per existing cell.
    std::string toCsv() const;

  private:
    size_t at(int row, int second) const {
        return static_cast<size_t>(row) * static_cast<size_t>(seconds_) +
               static_cast<size_t>(second);
    }

    std::string resource_;
    CapacityDimension dimension_ = CapacityDimension::Write;
    std::vector<HeatMapRow> rows_;
    int seconds_ = 0;
    std::vector<float> consumed_, limit_, throttled_, keyRange_;
    bool knowsReasons_ = false;
    BillingMode mode_ = BillingMode::Provisioned;
};

// The partition's limit the colour is measured against: the lower of the partition maximum
// (3,000 RCU / 1,000 WCU) and, on a provisioned table, the provisioned capacity divided
// evenly over the partitions that exist at that second.
double partitionLimit(BillingMode mode, CapacityDimension dimension, double provisioned,
                      int partitionCount);

// The grid of report.resources[resource]; `itemCount` items are spread over the hash space.
HeatMapData heatMapFromReport(const SimulationReport& report, int resource,
                              CapacityDimension dimension, double itemCount);

// The tracked keys (SimulationReport::trackedKeys) of `resource` that the row's partition
// held, read or written as `dimension` says, with their figures while it held them; most
// consumed units first.
std::vector<HotKey> keysInPartition(const SimulationReport& report, int resource,
                                    const HeatMapRow& row, CapacityDimension dimension);

// The row that throttled the most requests over the run, or (none throttled) consumed the
// most; -1 when the grid is empty. The drill-down opens on it.
int hottestRow(const HeatMapData& data);

// The hover text of a cell: partition id, hash range (and sort-key segment), items, that
// second's figures with its throttles by kind (hot partition or table capacity) and the top
// keys (at most `maxKeys` of `keys`).
std::string describeCell(const HeatMapData& data, int row, int second,
                         const std::vector<HotKey>& keys, size_t maxKeys = 3);

// "0x0000000000000000 – 0x1745d1745d1745d0"
std::string hashRangeText(uint64_t first, uint64_t last);
// "50 % – 100 % of one item collection (by sort key)"
std::string sortSegmentText(double from, double to);

const char* dimensionName(CapacityDimension dimension);  // "read" / "write"
const char* unitName(CapacityDimension dimension);       // "RCU" / "WCU"

}  // namespace shardscape

namespace shardscape {
// One second of a table or index in words: consumed and capacity units, throttled requests
// (by kind, hot partition or table capacity, when the resource tells them apart).
std::string describeSecond(const ResourceReport& resource, int second);
}  // namespace shardscape
