#pragma once
// A table's (or global secondary index's) partitions: contiguous ranges of the 64-bit
// partition-key hash space (layout::partitionHash), in hash order, covering all of it. Every
// item and request maps to exactly one partition. AWS: "DynamoDB uses the value of the
// partition key as input to an internal hash function. The output value from the hash
// function determines the partition in which the item will be stored" (Developer Guide,
// HowItWorks.Partitions).

#include <cstdint>
#include <vector>

namespace shardscape {

struct PartitionRange {
    int id = 0;          // stable; a split gives both halves new ids
    uint64_t first = 0;  // first hash of the range
    uint64_t last = 0;   // last hash of the range (inclusive)
    // Share of the whole hash space, in (0, 1].
    double fraction() const;
};

class PartitionMap {
  public:
    // `count` equal ranges (count >= 1).
    explicit PartitionMap(int count = 1);

    int size() const { return static_cast<int>(ranges_.size()); }
    const PartitionRange& operator[](int index) const { return ranges_[index]; }
    const std::vector<PartitionRange>& ranges() const { return ranges_; }

    // Index (0 .. size-1) of the partition holding `hash`.
    int indexOf(uint64_t hash) const;

    // Splits the partition at `index` into two halves of its range (the lower keeps position
    // `index`, the upper follows it). Returns false if the range is a single hash.
    bool split(int index);
    // Splits at `at`: the lower half is [first, at - 1], the upper [at, last]. Returns false
    // unless first < at <= last.
    bool splitAt(int index, uint64_t at);
    // Highest id given so far plus one.
    int nextId() const { return nextId_; }

  private:
    std::vector<PartitionRange> ranges_;
    int nextId_ = 0;
};

}  // namespace shardscape
