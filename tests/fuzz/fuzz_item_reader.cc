// libFuzzer target: the item readers of import (transfer/item_source.h). The first byte picks
// the format (DynamoDB JSON, S3 export lines, plain JSON, CSV); the rest is the file. Records
// are read to the end or to the error that stops reading; every record that is an item must
// survive the JSON codec unchanged, as import writes what it read. The rest of the input is
// also one record for the JSON fast paths (transfer/fast_item_parser.h): an item they give
// must be the general path's item, and a record they read at the start of a buffer must be
// the one they give for its text alone.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "transfer/fast_item_parser.h"
#include "transfer/item_source.h"
#include "transfer/plain_json.h"
#include "values/attribute_json.h"

using namespace shardscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static constexpr ItemFormat kFormats[] = {ItemFormat::DynamoDbJson, ItemFormat::S3Export,
                                              ItemFormat::PlainJson, ItemFormat::Csv};
    const ItemFormat format = kFormats[data[0] % 4];
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    size_t length = 0;
    if (format == ItemFormat::PlainJson) {
        if (auto prefix = parsePlainJsonItemAt(text, length)) {
            auto whole = parsePlainJsonItem(text.substr(0, length));
            if (!whole || itemToJson(*whole) != itemToJson(*prefix)) __builtin_trap();
        }
        if (auto fast = parsePlainJsonItem(text)) {
            auto general = plainJsonToItem(text);
            if (!general || itemToJson(*general) != itemToJson(*fast)) __builtin_trap();
        }
    } else if (format != ItemFormat::Csv) {
        const bool exportLine = format == ItemFormat::S3Export;
        if (auto prefix = parseDynamoDbItemAt(text, exportLine, length)) {
            auto whole = parseDynamoDbItem(text.substr(0, length), exportLine);
            if (!whole || itemToJson(*whole) != itemToJson(*prefix)) __builtin_trap();
        }
        if (auto fast = parseDynamoDbItem(text, exportLine)) {
            const Json json = Json::parse(text, nullptr, false);
            if (json.is_discarded() || !json.is_object()) __builtin_trap();
            if (exportLine && !json.contains("Item")) __builtin_trap();
            auto general = itemFromJson(exportLine ? json["Item"] : json);
            if (!general || itemToJson(*general) != itemToJson(*fast)) __builtin_trap();
        }
    }
    std::istringstream in(text);
    auto source = ItemSource::open(in, format, {{"n", "N"}, {"b", "B"}, {"flag", "BOOL"}});
    if (!source) return 0;
    int64_t previous = 0;
    for (;;) {
        auto record = (*source)->next();
        if (!record || !*record) break;
        const auto& value = **record;
        if (value.number != previous + 1) __builtin_trap();  // numbered in order, none skipped
        previous = value.number;
        if (!value.item) continue;
        const Json json = itemToJson(*value.item);
        auto again = itemFromJson(Json::parse(json.dump()));
        if (!again || itemToJson(*again) != json) __builtin_trap();
    }
    return 0;
}
