#include "protocol/query_string.h"

namespace shardscape {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Calls `visit(pair)` for each '&'-separated pair of `raw`, empty ones skipped.
template <typename Visit>
void forEachPair(std::string_view raw, Visit visit) {
    size_t start = 0;
    while (start <= raw.size()) {
        const size_t end = std::min(raw.find('&', start), raw.size());
        if (end > start) visit(raw.substr(start, end - start));
        start = end + 1;
    }
}

std::string_view nameOf(std::string_view pair) {
    return pair.substr(0, pair.find('='));
}

}  // namespace

QueryString::QueryString(std::string_view raw) {
    forEachPair(raw, [this](std::string_view pair) {
        const size_t equals = pair.find('=');
        std::string value =
            equals == std::string_view::npos ? std::string() : decode(pair.substr(equals + 1));
        pairs_.emplace_back(decode(nameOf(pair)), std::move(value));
    });
}

bool QueryString::has(std::string_view name) const {
    for (const auto& [key, value] : pairs_)
        if (key == name) return true;
    return false;
}

std::string QueryString::value(std::string_view name) const {
    for (const auto& [key, value] : pairs_)
        if (key == name) return value;
    return {};
}

std::string QueryString::without(std::string_view raw, std::string_view name) {
    std::string kept;
    forEachPair(raw, [&](std::string_view pair) {
        if (decode(nameOf(pair)) == name) return;
        if (!kept.empty()) kept.push_back('&');
        kept.append(pair);
    });
    return kept;
}

std::string QueryString::decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && hexDigit(text[i + 1]) >= 0 &&
                   hexDigit(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexDigit(text[i + 1]) * 16 + hexDigit(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace shardscape
