#pragma once
// A table's (or global secondary index's) partitions: contiguous ranges of the 64-bit
// partition-key hash space (layout::partitionHash), in hash order, covering all of it. Every
// item and request maps to exactly one partition. AWS: "DynamoDB uses the value of the
// partition key as input to an internal hash function. The output value from the hash
// function determines the partition in which the item will be stored" (Developer Guide,
// HowItWorks.Partitions).
//
// A partition that holds a single partition key (first == last) can be split further by sort
// key: each half takes a segment [sortFrom, sortTo) of that key's item collection, in sort
// order, positions in [0, 1) (AWS: adaptive capacity can "break up an item collection into
// segments by sort key", Developer Guide, burst-adaptive-capacity, "Isolate frequently
// accessed items"). Ranges over more than one key always cover their whole collections.

#include <cstdint>
#include <vector>

namespace shardscape {

struct PartitionRange {
    int id = 0;          // stable; a split gives both halves new ids
    uint64_t first = 0;  // first hash of the range
    uint64_t last = 0;   // last hash of the range (inclusive)
    // The segment of the item collection (sort-key positions in [0, 1)) a single-key
    // partition holds; [0, 1) for every other.
    double sortFrom = 0;
    double sortTo = 1;
    // Share of the whole key space (hash space times the sort-key segment), in (0, 1].
    double fraction() const;
    bool wholeCollections() const { return sortFrom == 0 && sortTo == 1; }
};

class PartitionMap {
  public:
    // `count` equal ranges (count >= 1).
    explicit PartitionMap(int count = 1);

    int size() const { return static_cast<int>(ranges_.size()); }
    const PartitionRange& operator[](int index) const { return ranges_[index]; }
    const std::vector<PartitionRange>& ranges() const { return ranges_; }

    // Index (0 .. size-1) of the partition holding `hash` (the first of its item
    // collection's segments when it was split by sort key).
    int indexOf(uint64_t hash) const;
    // Index of the partition holding sort-key position `sortPosition` (in [0, 1)) of the
    // item collection of `hash`.
    int indexOf(uint64_t hash, double sortPosition) const;

    // Splits the partition at `index` into two halves of its range (the lower keeps position
    // `index`, the upper follows it). Returns false if the range is a single hash.
    bool split(int index);
    // Splits at `at`: the lower half is [first, at - 1], the upper [at, last]. Returns false
    // unless first < at <= last.
    bool splitAt(int index, uint64_t at);
    // Splits a single-key partition by sort key at position `at`: the lower half keeps
    // [sortFrom, at), the upper takes [at, sortTo). Returns false unless the range is one
    // key and sortFrom < at < sortTo.
    bool splitSortKeyAt(int index, double at);
    // Highest id given so far plus one.
    int nextId() const { return nextId_; }

  private:
    std::vector<PartitionRange> ranges_;
    int nextId_ = 0;
};

}  // namespace shardscape
