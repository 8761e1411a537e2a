#pragma once
// An HTTP request and response as the protocol layer sees them, independent of the HTTP
// server library that carries them.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shardscape {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive (ASCII) header name comparison, as HTTP defines it.
inline bool headerNameEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// `text` without the spaces and tabs around it (HTTP's optional whitespace).
inline std::string_view trimHttpWhitespace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The first header called `name` (any case), or nullptr.
inline const std::string* findHeader(const HttpHeaders& headers, std::string_view name) {
    for (const auto& [key, value] : headers)
        if (headerNameEquals(key, name)) return &value;
    return nullptr;
}

struct HttpRequest {
    std::string method;
    std::string path;   // without the query
    std::string query;  // raw, without '?'
    HttpHeaders headers;
    std::string body;

    const std::string* header(std::string_view name) const { return findHeader(headers, name); }
};

struct HttpResponse {
    int status = 200;
    HttpHeaders headers;
    std::string body;

    const std::string* header(std::string_view name) const { return findHeader(headers, name); }
};

}  // namespace shardscape
