#pragma once
// Parsing JSON text with an error that says where: "line 12, column 5: ...".

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/result.h"

namespace shardscape {

// Line and column (both 1-based) of a byte offset in `text`, which starts at `firstLine`,
// `firstColumn` of its file (a record read out of a larger file).
std::string describeTextPosition(std::string_view text, size_t byteOffset, int64_t firstLine = 1,
                                 int64_t firstColumn = 1);

template <typename JsonType>
Result<JsonType> parseJsonWithPosition(std::string_view text, int64_t firstLine = 1,
                                       int64_t firstColumn = 1) {
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
        return validationError("Malformed JSON at " +
                               describeTextPosition(text, offset, firstLine, firstColumn) + ": " +
                               detail);
    }
}

}  // namespace shardscape
