// libFuzzer target: the DynamoDB JSON codec (core/attribute_json.h).
//
// Input: any bytes. If they parse as JSON, they are decoded both as one AttributeValue and as
// an Item. Whatever decodes must survive a round trip: encode -> JSON text -> parse -> decode
// gives an equal value, and encoding is stable. A difference traps (a finding, not a crash of
// the codec itself).

#include <cstddef>
#include <cstdint>
#include <string>

#include "values/attribute_json.h"

using shardscape::AttributeValue;
using shardscape::Item;
using shardscape::Json;

namespace {

// Through the text form, as a response travels: dump() then parse() again.
Json throughText(const Json& json) {
    const std::string text = json.dump();
    Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_discarded()) __builtin_trap();
    return parsed;
}

void checkValue(const Json& input) {
    auto decoded = shardscape::attributeValueFromJson(input);
    if (!decoded) return;
    const Json encoded = shardscape::attributeValueToJson(*decoded);
    auto again = shardscape::attributeValueFromJson(throughText(encoded));
    if (!again) __builtin_trap();  // our own output was rejected
    if (!(*again == *decoded)) __builtin_trap();
    if (shardscape::attributeValueToJson(*again) != encoded) __builtin_trap();
}

void checkItem(const Json& input) {
    auto decoded = shardscape::itemFromJson(input);
    if (!decoded) return;
    const Json encoded = shardscape::itemToJson(*decoded);
    auto again = shardscape::itemFromJson(throughText(encoded));
    if (!again) __builtin_trap();
    if (*again != *decoded) __builtin_trap();
    if (shardscape::itemToJson(*again) != encoded) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const Json json = Json::parse(data, data + size, nullptr, false);
    if (json.is_discarded()) return 0;
    checkValue(json);
    checkItem(json);
    return 0;
}
