#pragma once
// An item as LevelDB stores it: its DynamoDB size (varint) followed by its binary form.
//
// Keeping the size in the record lets reads account the 1 MB page limit and capacity units
// without decoding, and lets callers decode only the items they actually show; Query and
// GetItem therefore cost little more than LevelDB's own reads.

#include <string>
#include <string_view>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

class StoredItem {
  public:
    // Wraps a record read from storage; fails if the size prefix is damaged.
    static Result<StoredItem> fromRecord(std::string record);
    // The size a record holds, read in place; fails like fromRecord.
    static Result<size_t> sizeOfRecord(std::string_view record);
    // Encodes `item` (whose DynamoDB size is `size`) into a record.
    static StoredItem fromItem(const Item& item, size_t size);
    // The same record, written over `out` (whose buffer a caller can reuse).
    static void encode(const Item& item, size_t size, std::string& out);
    // Bytes of the size prefix of an item of `size` bytes: where its record's body starts.
    static size_t prefixLength(size_t size);

    size_t size() const { return size_; }
    const std::string& record() const { return record_; }
    // The item's binary form (item_binary.h), after the size prefix.
    std::string_view body() const { return std::string_view(record_).substr(bodyOffset_); }
    Result<Item> decode() const;

  private:
    StoredItem() = default;
    std::string record_;
    size_t size_ = 0;
    size_t bodyOffset_ = 0;
};

}  // namespace shardscape
