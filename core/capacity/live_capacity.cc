#include "capacity/live_capacity.h"

#include <algorithm>

namespace shardscape {

namespace {

std::vector<float> tail(const std::vector<float>& values, int first) {
    if (first <= 0) return values;
    if (static_cast<size_t>(first) >= values.size()) return {};
    return {values.begin() + first, values.end()};
}

double sum(const std::vector<float>& values) {
    double total = 0;
    for (float v : values) total += v;
    return total;
}

}  // namespace

ResourceReport recentSeconds(const ResourceReport& resource, int first) {
    ResourceReport out;
    out.name = resource.name;
    out.isIndex = resource.isIndex;
    out.mode = resource.mode;
    out.finalPartitionCount = resource.finalPartitionCount;
    first = std::max(first, 0);
    out.consumedRead = tail(resource.consumedRead, first);
    out.consumedWrite = tail(resource.consumedWrite, first);
    out.capacityRead = tail(resource.capacityRead, first);
    out.capacityWrite = tail(resource.capacityWrite, first);
    out.throttledRequests = tail(resource.throttledRequests, first);
    out.throttledKeyRange = tail(resource.throttledKeyRange, first);
    for (const PartitionSeries& p : resource.partitions) {
        if (p.endSecond >= 0 && p.endSecond <= first) continue;
        PartitionSeries q = p;
        const int skip = std::max(0, first - p.firstSecond);
        q.firstSecond = std::max(0, p.firstSecond - first);
        q.endSecond = p.endSecond < 0 ? -1 : p.endSecond - first;
        q.consumedRead = tail(p.consumedRead, skip);
        q.consumedWrite = tail(p.consumedWrite, skip);
        q.throttledRequests = tail(p.throttledRequests, skip);
        q.throttledKeyRange = tail(p.throttledKeyRange, skip);
        out.partitions.push_back(std::move(q));
    }
    for (const SplitEvent& split : resource.splits)
        if (split.second >= first) {
            SplitEvent shifted = split;
            shifted.second -= first;
            out.splits.push_back(shifted);
        }
    for (const ScalingEvent& event : resource.scaling)
        if (event.second >= first) {
            ScalingEvent shifted = event;
            shifted.second -= first;
            out.scaling.push_back(shifted);
        }
    out.totalRead = sum(out.consumedRead);
    out.totalWrite = sum(out.consumedWrite);
    out.throttled = sum(out.throttledRequests);
    return out;
}

LiveCapacity liveCapacity(const CapacitySnapshot& snapshot, int resource,
                          CapacityDimension dimension, int windowSeconds, double itemCount) {
    LiveCapacity live;
    if (resource < 0 || resource >= static_cast<int>(snapshot.resources.size())) return live;
    const int first = std::max(0, snapshot.seconds - std::max(windowSeconds, 1));
    SimulationReport report;
    report.durationSeconds = snapshot.seconds - first;
    report.resources.push_back(
        recentSeconds(snapshot.resources[static_cast<size_t>(resource)], first));
    live.heatMap = heatMapFromReport(report, 0, dimension, itemCount);
    live.resource = std::move(report.resources.front());
    live.firstSecond = snapshot.startSecond + first;
    return live;
}

}  // namespace shardscape
