// libFuzzer target: parseJsonText (core/json_text.h) must give exactly what nlohmann's
// Json::parse gives for any bytes — equal values of equal types, or both discarded.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../json_identical.h"
#include "base/json_text.h"

using shardscape::Json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const Json fast = shardscape::parseJsonText(text);
    const Json reference = Json::parse(data, data + size, nullptr, false);
    if (!shardscape::testing::identicalJson(fast, reference)) __builtin_trap();
    return 0;
}
