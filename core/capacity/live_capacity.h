#pragma once
// Live mode: what a table's capacity meter recorded (CapacitySnapshot, capacity_meter.h), cut
// to the last seconds and shaped for the same heat map and capacity chart a simulation shows.

#include <string>

#include "capacity/capacity_meter.h"
#include "capacity/heat_map_data.h"
#include "capacity/simulation_report.h"

namespace shardscape {

struct LiveCapacity {
    ResourceReport resource;  // the recent seconds only (second 0 = firstSecond)
    HeatMapData heatMap;
    double firstSecond = 0;  // epoch second of column 0
};

// `resource` of the snapshot (0 = the table, then its global secondary indexes), its last
// `windowSeconds` seconds (all when fewer), as a capacity-chart resource and a heat-map grid
// of `dimension`. Empty when the snapshot has no such resource.
LiveCapacity liveCapacity(const CapacitySnapshot& snapshot, int resource,
                          CapacityDimension dimension, int windowSeconds, double itemCount = 0);

// The resource cut to the seconds from `first` on (partition series shifted to match;
// partitions gone before `first` dropped); totals recomputed over those seconds.
ResourceReport recentSeconds(const ResourceReport& resource, int first);

}  // namespace shardscape
