#pragma once
// Reads items from a stream in any ItemFormat, one record at a time (constant memory).

#include <map>
#include <memory>
#include <optional>

#include "base/result.h"
#include "transfer/csv_item_codec.h"
#include "transfer/item_format.h"
#include "transfer/json_record_scanner.h"
#include "values/attribute_value.h"

namespace shardscape {

class ItemSource {
  public:
    struct Record {
        int64_t number = 0;  // 1-based record (row) number
        int64_t line = 0;    // line the record starts on
        Result<Item> item;   // or why this record is not an item
    };

    // `columnTypes` applies to CSV only. Fails when a CSV header is unusable.
    static Result<std::unique_ptr<ItemSource>> open(
        std::istream& in, ItemFormat format,
        const std::map<std::string, std::string>& columnTypes = {});

    // The next record, or nullopt at the end. An Error means the file's structure is broken
    // (an unclosed array or quote): reading cannot go on.
    Result<std::optional<Record>> next();
    uint64_t bytesRead() const;

    ItemSource(const ItemSource&) = delete;
    ItemSource& operator=(const ItemSource&) = delete;

  private:
    ItemSource(std::istream& in, ItemFormat format);
    Result<Item> convert(const JsonRecordScanner::Record& record) const;

    ItemFormat format_;
    JsonRecordScanner json_;
    // Records read in place by the fast parser (fast_item_parser.h); the item is left here.
    JsonRecordScanner::Reader reader_;
    std::optional<Item> read_;
    CsvReader csv_;
    std::optional<CsvItemCodec> codec_;
    int64_t count_ = 0;
};

}  // namespace shardscape
