#pragma once
// Parses JSON text (a request body) into a Json value, exactly as
// `Json::parse(text, nullptr, false)` does — the same values, number types and duplicate-key
// rule (the last one wins), and a discarded value for malformed text — but faster for the
// common case: a direct scanner handles ASCII strings with simple escapes, integers of up to
// 18 digits and moderate nesting; anything else (non-ASCII or \u escapes, fractions and
// exponents, a byte order mark, deep nesting, any syntax error) is handed to nlohmann's parser.

#include <string_view>

#include "base/json.h"

namespace shardscape {

Json parseJsonText(std::string_view text);

}  // namespace shardscape
