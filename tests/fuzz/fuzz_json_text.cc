// libFuzzer target: parseJsonText (core/json_text.h) must give exactly what nlohmann's
// Json::parse gives for any bytes — equal values of equal types, or both discarded.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "json_text.h"

using shardscape::Json;

namespace {

bool identical(const Json& a, const Json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
            if (i.key() != j.key() || !identical(*i, *j)) return false;
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!identical(a[i], b[i])) return false;
        return true;
    }
    return a.is_discarded() || a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const Json fast = shardscape::parseJsonText(text);
    const Json reference = Json::parse(data, data + size, nullptr, false);
    if (!identical(fast, reference)) __builtin_trap();
    return 0;
}
