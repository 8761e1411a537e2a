#include "simulation/key_distribution.h"

#include <algorithm>
#include <cmath>

#include "simulation/scenario_fields.h"
#include "storage/storage_layout.h"

namespace shardscape {

namespace {
// Uniform traffic over more keys than this is spread evenly over the hash space instead of
// listing every key (the same in expectation: hashes are uniform).
constexpr uint64_t kMaxListedUniformKeys = 2'000'000;
// Zipf keys are always listed: at most this many (times the shards).
constexpr uint64_t kMaxListedKeys = 20'000'000;
}  // namespace

KeyDistribution KeyDistribution::wholeTable() {
    KeyDistribution out;
    out.continuous_ = 1;
    return out;
}

std::string KeyDistribution::keyName(uint32_t rank, uint32_t shard) const {
    std::string name = prefix_;
    name.append(std::to_string(rank));
    if (shards_ > 1) {
        name.push_back('#');
        name.append(std::to_string(shard));
    }
    return name;
}

void KeyDistribution::addPoint(uint32_t rank, double weight) {
    for (int shard = 0; shard < shards_; ++shard) {
        const auto s = static_cast<uint32_t>(shard);
        const uint64_t hash = layout::partitionHash(AttributeValue::string(keyName(rank, s)));
        points_.push_back({hash, weight / shards_, rank, s});
    }
}

Result<KeyDistribution> KeyDistribution::fromJson(const Json& json, const std::string& path) {
    using namespace fields;
    SHARDSCAPE_TRY(requireObject(json, path));
    KeyDistribution out;
    auto kind = text(json, path, "distribution", std::nullopt);
    if (!kind) return kind.error();
    auto prefix = text(json, path, "prefix", std::string("key-"));
    if (!prefix) return prefix.error();
    if (prefix->empty()) return fieldError(member(path, "prefix"), "must not be empty");
    out.prefix_ = *prefix;
    auto shards = number(json, path, "shards", 1.0, 1, 1000);
    if (!shards) return shards.error();
    out.shards_ = static_cast<int>(*shards);
    auto sortKeys = number(json, path, "sortKeys", 1.0, 1, 1e9);
    if (!sortKeys) return sortKeys.error();
    out.sortKeys_ = static_cast<uint64_t>(*sortKeys);
    auto order = text(json, path, "sortKeyOrder", std::string("even"));
    if (!order) return order.error();
    if (*order != "even" && *order != "monotonic")
        return fieldError(member(path, "sortKeyOrder"), "must be even or monotonic");
    out.sortMonotonic_ = *order == "monotonic";

    if (*kind == "timeOrdered") {
        out.kind_ = Kind::TimeOrdered;
        auto bucket = number(json, path, "bucketSeconds", 60.0, 1, 1e9);
        if (!bucket) return bucket.error();
        out.bucketSeconds_ = *bucket;
        return out;
    }
    auto count = number(json, path, "keyCount", std::nullopt, 1, 4e9);
    if (!count) return count.error();
    out.keyCount_ = static_cast<uint64_t>(*count);
    const uint64_t listed = out.keyCount_ * static_cast<uint64_t>(out.shards_);
    if (*kind == "uniform") {
        if (out.keyCount_ > kMaxListedUniformKeys) {
            out.continuous_ = 1;
        } else {
            out.points_.reserve(listed);
            for (uint64_t rank = 0; rank < out.keyCount_; ++rank)
                out.addPoint(static_cast<uint32_t>(rank), 1.0 / static_cast<double>(out.keyCount_));
        }
    } else if (*kind == "zipf") {
        out.kind_ = Kind::Zipf;
        auto exponent = number(json, path, "exponent", std::nullopt, 0, 10);
        if (!exponent) return exponent.error();
        out.exponent_ = *exponent;
        if (listed > kMaxListedKeys)
            return fieldError(member(path, "keyCount"),
                              "times shards must be at most 20000000 for a zipf distribution");
        double total = 0;
        for (uint64_t rank = 1; rank <= out.keyCount_; ++rank)
            total += std::pow(static_cast<double>(rank), -out.exponent_);
        out.points_.reserve(listed);
        for (uint64_t rank = 1; rank <= out.keyCount_; ++rank)
            out.addPoint(static_cast<uint32_t>(rank - 1),
                         std::pow(static_cast<double>(rank), -out.exponent_) / total);
    } else if (*kind == "hotKey") {
        out.kind_ = Kind::HotKey;
        auto share = number(json, path, "hotShare", std::nullopt, 0, 1);
        if (!share) return share.error();
        out.hotShare_ = *share;
        if (out.keyCount_ == 1 && out.hotShare_ != 1)
            return fieldError(member(path, "hotShare"), "must be 1 when keyCount is 1");
        out.addPoint(0, out.hotShare_);
        const uint64_t rest = out.keyCount_ - 1;
        if (rest > kMaxListedUniformKeys) {
            out.continuous_ = 1 - out.hotShare_;
        } else {
            for (uint64_t rank = 1; rank <= rest; ++rank)
                out.addPoint(static_cast<uint32_t>(rank),
                             (1 - out.hotShare_) / static_cast<double>(rest));
        }
    } else {
        std::string problem = "must be one of uniform, zipf, hotKey, timeOrdered (got '";
        problem.append(*kind);
        problem.append("')");
        return fieldError(member(path, "distribution"), problem);
    }
    std::sort(out.points_.begin(), out.points_.end(),
              [](const WeightedKey& a, const WeightedKey& b) { return a.hash < b.hash; });
    out.cumulative_.reserve(out.points_.size());
    double sum = 0;
    for (const WeightedKey& key : out.points_) out.cumulative_.push_back(sum += key.weight);
    return out;
}

void KeyDistribution::massPerPartition(const PartitionMap& map, double second,
                                       std::vector<double>& out) const {
    out.assign(map.size(), 0);
    if (kind_ == Kind::TimeOrdered) {
        // Every request goes to the current time bucket's key (and its shards).
        const auto rank = static_cast<uint32_t>(std::floor(second / bucketSeconds_));
        for (int shard = 0; shard < shards_; ++shard) {
            const auto name = keyName(rank, static_cast<uint32_t>(shard));
            const uint64_t hash = layout::partitionHash(AttributeValue::string(name));
            addKeyMass(map, map.indexOf(hash), hash, 1.0 / shards_, out);
        }
        return;
    }
    if (continuous_ > 0)
        for (int i = 0; i < map.size(); ++i) out[i] += continuous_ * map[i].fraction();
    int partition = 0;
    for (const WeightedKey& key : points_) {
        while (key.hash > map[partition].last) ++partition;
        if (map[partition].wholeCollections())
            out[partition] += key.weight;
        else
            addKeyMass(map, partition, key.hash, key.weight, out);
    }
}

void KeyDistribution::addKeyMass(const PartitionMap& map, int partition, uint64_t hash,
                                 double weight, std::vector<double>& out) const {
    if (map[partition].wholeCollections()) {
        out[partition] += weight;
        return;
    }
    // The collection's segments follow each other in sort order.
    for (int p = partition; p < map.size() && map[p].first == hash; ++p)
        out[p] += weight * sortShare(map[p].sortFrom, map[p].sortTo);
}

double KeyDistribution::sortShare(double from, double to) const {
    const auto n = static_cast<double>(sortKeys_);
    if (sortMonotonic_) {
        const double newest = (n - 0.5) / n;
        return newest >= from && newest < to ? 1.0 : 0.0;
    }
    // Items j with from <= (j + 0.5) / n < to.
    const double first = std::ceil(from * n - 0.5);
    const double end = std::ceil(to * n - 0.5);
    return std::max(0.0, end - first) / n;
}

std::optional<double> KeyDistribution::sortSplitPoint(double from, double to) const {
    if (sortMonotonic_) return std::nullopt;
    const auto n = static_cast<double>(sortKeys_);
    const double first = std::ceil(from * n - 0.5);
    const double count = std::ceil(to * n - 0.5) - first;
    if (count < 2) return std::nullopt;
    return (first + std::floor(count / 2)) / n;
}

std::vector<WeightedKey> KeyDistribution::heaviest(size_t count) const {
    std::vector<WeightedKey> out = points_;
    count = std::min(count, out.size());
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(count), out.end(),
                      [](const WeightedKey& a, const WeightedKey& b) {
                          if (a.weight != b.weight) return a.weight > b.weight;
                          return a.rank != b.rank ? a.rank < b.rank : a.shard < b.shard;
                      });
    out.resize(count);
    return out;
}

}  // namespace shardscape

namespace shardscape {

std::optional<WeightedKey> KeyDistribution::heaviestIn(uint64_t first, uint64_t last,
                                                       double second) const {
    std::optional<WeightedKey> best;
    if (kind_ == Kind::TimeOrdered) {
        const auto rank = static_cast<uint32_t>(std::floor(second / bucketSeconds_));
        for (int shard = 0; shard < shards_; ++shard) {
            const auto s = static_cast<uint32_t>(shard);
            const uint64_t hash = layout::partitionHash(AttributeValue::string(keyName(rank, s)));
            if (hash >= first && hash <= last && !best)
                best = WeightedKey{hash, 1.0 / shards_, rank, s};
        }
        return best;
    }
    auto it = std::lower_bound(points_.begin(), points_.end(), first,
                               [](const WeightedKey& key, uint64_t h) { return key.hash < h; });
    for (; it != points_.end() && it->hash <= last; ++it)
        if (!best || it->weight > best->weight) best = *it;
    return best;
}

WeightedKey KeyDistribution::sample(double u1, double u2, double u3, double second) const {
    auto shard = [&] {
        return static_cast<uint32_t>(std::min(shards_ - 1, static_cast<int>(u3 * shards_)));
    };
    if (kind_ == Kind::TimeOrdered)
        return {0, 1, static_cast<uint32_t>(std::floor(second / bucketSeconds_)), shard()};
    if (u1 < continuous_ || points_.empty()) {
        // The share spread evenly: any of the keys not listed (all of them for a uniform
        // distribution, all but the hot one for a hot key).
        const uint64_t first = kind_ == Kind::HotKey ? 1 : 0;
        const uint64_t count = std::max<uint64_t>(1, keyCount_ - first);
        const auto rank = first + std::min(count - 1, static_cast<uint64_t>(u2 * count));
        return {0, 0, static_cast<uint32_t>(rank), shard()};
    }
    const double target = (u1 - continuous_) / (1 - continuous_) * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    if (it == cumulative_.end()) --it;
    return points_[static_cast<size_t>(it - cumulative_.begin())];
}

}  // namespace shardscape
