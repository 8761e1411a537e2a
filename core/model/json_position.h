#pragma once
// Parsing JSON text with an error that says where: "line 12, column 5: ...".

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "result.h"

namespace shardscape {

// Line and column (both 1-based) of a byte offset in `text`.
std::string describeTextPosition(std::string_view text, size_t byteOffset);

template <typename JsonType>
Result<JsonType> parseJsonWithPosition(std::string_view text) {
    try {
        return JsonType::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based: the position of the character that broke the parse.
        const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        std::string what = e.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column
        // 2: syntax error while parsing value - invalid literal; last read: 'x'"; keep the
        // part after the position.
        const size_t colon = what.find(": ", what.find("column"));
        const std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        return validationError("Malformed JSON at " + describeTextPosition(text, offset) + ": " +
                               detail);
    }
}

}  // namespace shardscape
