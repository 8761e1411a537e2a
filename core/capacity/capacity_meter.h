#pragma once
// Capacity enforcement of real requests: one table's capacity (the table and each global
// secondary index, each a CapacityModel) charged request by request at the engine's clock.
//
// Within one second a request is admitted while its partition can still serve it by the
// capacity model's rules, in the model's order: the partition's own share of the
// provisioned throughput, then adaptive capacity lent from the table's unused throughput,
// then the partition's burst capacity, never above the partition maximum (3,000 RCU /
// 1,000 WCU, or a linear combination); on demand, up to the table's on-demand ceiling.
// When a second is over, the model settles it (burst buckets, on-demand peaks, splits) with
// the admitted units as that second's demand, and a partition that refused requests counts
// as hot (split for heat after rules::kSplitForHeatSeconds).
//
// Every second's consumed units and throttled requests are recorded per partition, in the
// shape of a simulation report's resources (simulation_report.h), for live charts.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "capacity/capacity_model.h"
#include "capacity/simulation_report.h"
#include "schema/table_definition.h"

namespace shardscape {

// Capacity units one request spends on one partition of the table or of a global secondary
// index (local secondary indexes share the table's capacity: charge the table).
struct CapacityCharge {
    const std::string* index = nullptr;  // global secondary index name, or null for the table
    uint64_t hash = 0;                   // partition-key hash (layout::partitionHash)
    double read = 0;
    double write = 0;
};

// What the meter recorded: complete seconds from `startSecond` (epoch seconds) on, one
// resource per table and global secondary index (the table first), each with per-second
// and per-partition series as in a simulation report.
struct CapacitySnapshot {
    std::string table;
    CapacityEnforcement enforcement = CapacityEnforcement::Off;
    double startSecond = 0;
    int seconds = 0;
    std::vector<ResourceReport> resources;

    Json toJson() const;
};

class CapacityMeter {
  public:
    // Partition counts follow the sizes in `stats` (the table's and its indexes').
    CapacityMeter(const TableDefinition& table, CapacityEnforcement enforcement,
                  const TableStatistics& stats, double now);
    ~CapacityMeter();
    CapacityMeter(const CapacityMeter&) = delete;
    CapacityMeter& operator=(const CapacityMeter&) = delete;

    // The table's definition changed (throughput, billing mode, indexes, enforcement).
    void update(const TableDefinition& table, CapacityEnforcement enforcement,
                const TableStatistics& stats, double now);

    // Charges one request at time `now`: all charges or none. With enforcement ENFORCE, a
    // charge a partition cannot serve refuses the whole request with DynamoDB's throttling
    // error (a global secondary index that cannot take its write rejects the table write:
    // back-pressure); with RECORD everything is admitted and counted.
    Status charge(double now, const CapacityCharge* charges, size_t count);

    // Seconds recorded so far (complete seconds up to `now`).
    CapacitySnapshot snapshot(double now);

    // Seconds of history kept (older seconds are dropped from the recording).
    static constexpr int kHistorySeconds = 3600;

  private:
    struct Resource;
    void advanceLocked(double now);
    void finishSecondLocked();
    void recordSecondLocked(Resource& resource);
    void trimLocked();
    Resource* resourceFor(const std::string* index);
    Status admitLocked(Resource& resource, int partition, double read, double write, bool dry);

    std::mutex mutex_;
    std::string tableName_;
    std::string tableArn_;
    CapacityEnforcement enforcement_ = CapacityEnforcement::Off;
    std::vector<Resource> resources_;
    int64_t second_ = 0;       // the second being filled (epoch seconds)
    int64_t startSecond_ = 0;  // first second of the recording
};

}  // namespace shardscape
