#include "base/json_position.h"

namespace shardscape {

std::string describeTextPosition(std::string_view text, size_t byteOffset, int64_t firstLine,
                                 int64_t firstColumn) {
    int64_t line = firstLine, column = firstColumn;
    for (size_t i = 0; i < byteOffset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    std::string out = "line ";
    out.append(std::to_string(line)).append(", column ").append(std::to_string(column));
    return out;
}

}  // namespace shardscape
