#include "remote/aws_shared_config.h"

namespace shardscape {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

}  // namespace

IniFile parseIni(std::string_view text) {
    IniFile file;
    IniSection* section = nullptr;
    std::string* lastValue = nullptr;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        const std::string_view line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        const bool indented = raw[0] == ' ' || raw[0] == '\t';
        if (line.front() == '[' && line.back() == ']') {
            section = &file[std::string(trim(line.substr(1, line.size() - 2)))];
            lastValue = nullptr;
            continue;
        }
        if (!section) continue;
        if (indented && lastValue) {
            lastValue->append("\n").append(line);
            continue;
        }
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) continue;
        std::string key(trim(line.substr(0, equals)));
        lastValue = &((*section)[key] = std::string(trim(line.substr(equals + 1))));
    }
    return file;
}

std::optional<IniSection> configProfile(const IniFile& config, const std::string& profile) {
    auto it = config.find("profile " + profile);
    if (it == config.end() && profile == "default") it = config.find("default");
    if (it == config.end()) return std::nullopt;
    return it->second;
}

}  // namespace shardscape
