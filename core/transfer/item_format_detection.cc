#include "transfer/item_format_detection.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>

#include "values/attribute_json.h"

namespace shardscape {

namespace {

std::string lowerExtension(std::string_view fileName) {
    const size_t slash = fileName.find_last_of("/\\");
    if (slash != std::string_view::npos) fileName.remove_prefix(slash + 1);
    const size_t dot = fileName.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string extension(fileName.substr(dot + 1));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

// The first complete JSON object of `text` starting at `from` (a '{'), or nothing when it is
// cut off or broken. Strings are skipped so braces inside them do not count.
std::optional<Json> firstObject(std::string_view text, size_t from) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') inString = true;
        if (c == '{') ++depth;
        if (c == '}' && --depth == 0) {
            Json json = Json::parse(text.substr(from, i - from + 1), nullptr, false);
            if (json.is_discarded() || !json.is_object()) return std::nullopt;
            return json;
        }
    }
    return std::nullopt;
}

bool isTypedValue(const Json& value) {
    static const char* kTypes[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};
    if (!value.is_object() || value.size() != 1) return false;
    return std::any_of(std::begin(kTypes), std::end(kTypes),
                       [&](const char* type) { return value.contains(type); });
}

ItemFormat fromExtension(std::string_view fileName) {
    const std::string extension = lowerExtension(fileName);
    if (extension == "csv" || extension == "tsv") return ItemFormat::Csv;
    return ItemFormat::DynamoDbJson;
}

}  // namespace

ItemFormat detectItemFormat(std::string_view fileName, std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // UTF-8 byte order mark
    const size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return fromExtension(fileName);
    if (head[start] != '{' && head[start] != '[') return ItemFormat::Csv;
    const size_t object = head.find('{', start);
    if (object == std::string_view::npos) return fromExtension(fileName);
    // In an array, the first element must be an object for any JSON format.
    if (head[start] == '[' && head.find_first_not_of(" \t\r\n", start + 1) != object)
        return fromExtension(fileName);
    auto first = firstObject(head, object);
    if (!first) return fromExtension(fileName);
    if (first->size() == 1 && first->contains("Item") && (*first)["Item"].is_object())
        return ItemFormat::S3Export;
    if (!first->empty() &&
        std::all_of(first->begin(), first->end(), [](const Json& v) { return isTypedValue(v); }))
        return ItemFormat::DynamoDbJson;
    return first->empty() ? fromExtension(fileName) : ItemFormat::PlainJson;
}

Result<ItemFormat> detectItemFormatOfFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fileSystemError("Cannot open " + path, errno);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    return detectItemFormat(path, head);
}

}  // namespace shardscape
