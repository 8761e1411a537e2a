#include "capacity/partition_map.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shardscape {

namespace {
using u128 = unsigned __int128;
constexpr double kHashSpace = 18446744073709551616.0;  // 2^64
}  // namespace

double PartitionRange::fraction() const {
    return (static_cast<double>(last - first) + 1.0) / kHashSpace * (sortTo - sortFrom);
}

PartitionMap::PartitionMap(int count) {
    count = std::max(count, 1);
    ranges_.reserve(count);
    const u128 space = u128(1) << 64;
    for (int i = 0; i < count; ++i) {
        const auto first = static_cast<uint64_t>(space * i / count);
        const auto next = space * (i + 1) / count;
        ranges_.push_back({nextId_++, first, static_cast<uint64_t>(next - 1)});
    }
}

int PartitionMap::indexOf(uint64_t hash) const {
    // The last range whose first hash is <= hash.
    auto it = std::upper_bound(ranges_.begin(), ranges_.end(), hash,
                               [](uint64_t h, const PartitionRange& r) { return h < r.first; });
    int index = static_cast<int>(it - ranges_.begin()) - 1;
    // Segments of one item collection share `first`: the lowest segment.
    while (index > 0 && ranges_[index - 1].first == hash) --index;
    return index;
}

int PartitionMap::indexOf(uint64_t hash, double sortPosition) const {
    int index = indexOf(hash);
    while (index + 1 < size() && ranges_[index + 1].first == hash &&
           ranges_[index + 1].sortFrom <= sortPosition)
        ++index;
    return index;
}

bool PartitionMap::split(int index) {
    const PartitionRange& range = ranges_.at(index);
    if (range.first == range.last) return false;
    return splitAt(index, range.first + (range.last - range.first) / 2 + 1);
}

bool PartitionMap::splitAt(int index, uint64_t at) {
    const PartitionRange range = ranges_.at(index);
    if (at <= range.first || at > range.last) return false;
    ranges_[index] = {nextId_++, range.first, at - 1};
    ranges_.insert(ranges_.begin() + index + 1, {nextId_++, at, range.last});
    return true;
}

bool PartitionMap::splitSortKeyAt(int index, double at) {
    const PartitionRange range = ranges_.at(index);
    if (range.first != range.last || at <= range.sortFrom || at >= range.sortTo) return false;
    ranges_[index] = {nextId_++, range.first, range.last, range.sortFrom, at};
    ranges_.insert(ranges_.begin() + index + 1,
                   {nextId_++, range.first, range.last, at, range.sortTo});
    return true;
}

}  // namespace shardscape
