#pragma once
// Which partition keys a workload stream touches, and how often: uniform, Zipf, one hot key
// with a share of the traffic, time-ordered keys (everyone writes the current time bucket),
// each optionally write-sharded over N suffixes ("key#0" .. "key#N-1", AWS's "Using write
// sharding to distribute workloads evenly", bp-partition-key-sharding).
//
// Keys are named "<prefix><rank>" (rank 0 is the most popular) and hashed with the engine's
// own layout::partitionHash, so a key lands in the same partition in the model and in the
// engine.
//
// Below the partition key, each key's requests spread evenly over "sortKeys" items of its
// item collection (default 1: one item), or, with "sortKeyOrder": "monotonic", go to the
// newest of them (a sort key that only grows, such as a timestamp). Item j of N sits at
// sort-key position (j + 0.5) / N of the collection, so a partition split by sort key
// (partition_map.h) takes the items whose positions fall in its segment.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "capacity/partition_map.h"
#include "values/attribute_json.h"

namespace shardscape {

struct WeightedKey {
    uint64_t hash = 0;
    double weight = 0;  // share of the stream's requests
    uint32_t rank = 0;  // logical key
    uint32_t shard = 0;
};

class KeyDistribution {
  public:
    enum class Kind { Uniform, Zipf, HotKey, TimeOrdered };

    // {"distribution":"uniform","keyCount":N}
    // {"distribution":"zipf","keyCount":N,"exponent":S}
    // {"distribution":"hotKey","keyCount":N,"hotShare":0.5}
    // {"distribution":"timeOrdered","bucketSeconds":60}
    // each with optional "shards" (default 1), "prefix" (default "key-"), "sortKeys"
    // (default 1) and "sortKeyOrder" ("even", the default, or "monotonic").
    static Result<KeyDistribution> fromJson(const Json& json, const std::string& path);
    // Every request spread evenly over the hash space (Scan).
    static KeyDistribution wholeTable();

    Kind kind() const { return kind_; }
    bool timeOrdered() const { return kind_ == Kind::TimeOrdered; }
    int shards() const { return shards_; }
    uint64_t sortKeys() const { return sortKeys_; }
    bool sortKeysMonotonic() const { return sortMonotonic_; }

    // Share of one key's requests that go to the items in sort-key segment [from, to).
    double sortShare(double from, double to) const;
    // Where to split segment [from, to) of a key's item collection so that each half takes
    // half of the items its requests go to; none when they go to fewer than two items there
    // (a single item cannot be split: AWS isolates it in "a partition [that] contains only
    // that single, frequently accessed item").
    std::optional<double> sortSplitPoint(double from, double to) const;

    // Share of the requests at `second` that each partition of `map` receives (sums to 1).
    void massPerPartition(const PartitionMap& map, double second, std::vector<double>& out) const;
    // The partition key of a weighted key ("key-7#3").
    std::string keyName(uint32_t rank, uint32_t shard) const;
    // The `count` heaviest keys (none for time-ordered keys), heaviest first.
    std::vector<WeightedKey> heaviest(size_t count) const;

    // Draws one key at `second` from three uniform numbers in [0, 1) (the simulator's
    // execute mode): its rank and shard (name it with keyName). Not for wholeTable().
    WeightedKey sample(double u1, double u2, double u3, double second) const;
    // The listed keys (every key unless spread evenly; none for time-ordered keys).
    const std::vector<WeightedKey>& listedKeys() const { return points_; }

    // The heaviest key whose hash is in [first, last] at `second`, if any is listed.
    std::optional<WeightedKey> heaviestIn(uint64_t first, uint64_t last, double second) const;

  private:
    void addPoint(uint32_t rank, double weight);
    // Adds `weight` of the key with `hash` to the partitions holding its items, starting at
    // `partition` (the first partition holding the hash).
    void addKeyMass(const PartitionMap& map, int partition, uint64_t hash, double weight,
                    std::vector<double>& out) const;

    Kind kind_ = Kind::Uniform;
    std::string prefix_ = "key-";
    uint64_t keyCount_ = 1;
    double exponent_ = 1;
    double hotShare_ = 0;
    double bucketSeconds_ = 60;
    int shards_ = 1;
    uint64_t sortKeys_ = 1;
    bool sortMonotonic_ = false;
    // Explicit keys sorted by hash, plus a share spread evenly over the hash space (uniform
    // traffic over more keys than are worth listing).
    std::vector<WeightedKey> points_;
    double continuous_ = 0;
    std::vector<double> cumulative_;  // running sum of points_' weights
};

}  // namespace shardscape
