// Placeholder until the full list lands.
#include "reserved_words.h"

#include <algorithm>
#include <array>
#include <string>

namespace shardscape {
namespace {
constexpr std::array<std::string_view, 12> kWords = {"AND",  "BETWEEN", "DATA", "DATE", "IN",     "NAME",
                                                    "NOT",  "OR",      "SIZE", "STATUS", "TIMESTAMP", "YEAR"};
}
bool isReservedWord(std::string_view word) {
    std::string upper(word);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return std::binary_search(kWords.begin(), kWords.end(), upper);
}
}  // namespace shardscape
