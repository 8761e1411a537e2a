#include "api/tag_rules.h"

#include <cstdint>

namespace shardscape {

namespace {

constexpr size_t kMaxKeyCharacters = 128;
constexpr size_t kMaxValueCharacters = 256;

// Decodes one UTF-8 sequence at `i`; false for a malformed one.
bool nextCodePoint(const std::string& text, size_t& i, uint32_t& codePoint) {
    const auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return false;
    codePoint = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return false;
        codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return codePoint <= 0x10FFFF && !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
}

bool inRange(uint32_t c, uint32_t first, uint32_t last) {
    return c >= first && c <= last;
}

// AWS's tag pattern allows letters, digits and spaces of any script (\p{L}, \p{N}, \p{Z})
// and + - = . _ : / @. Without Unicode tables at hand, characters outside ASCII count as
// letters unless they fall in the blocks of punctuation, symbols, marks, controls, private
// use and emoji (the spaces among them, such as U+00A0 and U+3000, are allowed).
bool isTagCharacter(uint32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == ' ' || c == '+' || c == '-' || c == '=' || c == '.' || c == '_' || c == ':' ||
               c == '/' || c == '@';
    }
    if (c == 0xA0 || c == 0x1680 || inRange(c, 0x2000, 0x200A) || c == 0x2028 || c == 0x2029 ||
        c == 0x202F || c == 0x205F || c == 0x3000)
        return true;  // space separators
    if (c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
        inRange(c, 0xBC, 0xBE))
        return true;  // letters and numbers among Latin-1's symbols
    if (inRange(c, 0x80, 0xBF) || c == 0xD7 || c == 0xF7) return false;
    if (inRange(c, 0x0300, 0x036F)) return false;  // combining marks
    if (inRange(c, 0x2000, 0x206F)) return false;  // general punctuation
    if (inRange(c, 0x20A0, 0x20FF)) return false;  // currency symbols, symbol marks
    if (inRange(c, 0x2190, 0x2BFF)) return false;  // arrows, mathematical and other symbols
    if (inRange(c, 0x2E00, 0x2E7F)) return false;  // supplemental punctuation
    if (inRange(c, 0x3001, 0x3004) || inRange(c, 0x3008, 0x3020)) return false;  // CJK punctuation
    if (inRange(c, 0xD800, 0xF8FF)) return false;  // surrogates, private use
    if (inRange(c, 0xFE00, 0xFE0F) || inRange(c, 0xFE10, 0xFE6F)) return false;  // variants, forms
    if (inRange(c, 0xFF01, 0xFF0F) || inRange(c, 0xFF1A, 0xFF20) || inRange(c, 0xFF3B, 0xFF40) ||
        inRange(c, 0xFF5B, 0xFF65))
        return false;                                 // full-width punctuation
    if (inRange(c, 0xFFF0, 0xFFFF)) return false;     // specials
    if (inRange(c, 0x1F000, 0x1FAFF)) return false;   // emoji and pictographs
    if (inRange(c, 0xE0000, 0x10FFFF)) return false;  // tags, private use planes
    return true;
}

// Whether `text` has `minimum` to `maximum` characters, all of them allowed in tags.
bool isTagText(const std::string& text, size_t minimum, size_t maximum) {
    size_t characters = 0;
    for (size_t i = 0; i < text.size(); ++characters) {
        uint32_t c = 0;
        if (!nextCodePoint(text, i, c) || !isTagCharacter(c)) return false;
    }
    return characters >= minimum && characters <= maximum;
}

bool hasAwsPrefix(const std::string& key) {
    if (key.size() < 4) return false;
    std::string prefix = key.substr(0, 4);
    for (char& c : prefix)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return prefix == "aws:";
}

Error invalidKey(const std::optional<std::string>& key) {
    return validationError("The Tag Key provided is invalid, Key: " + key.value_or("null"));
}

}  // namespace

std::optional<std::vector<TagInput>> readTagList(RequestReader& reader, const char* member) {
    const Json* list = reader.array(member);
    if (!list) return std::nullopt;
    std::vector<TagInput> tags;
    for (const Json& element : *list) {
        TagInput tag;
        if (element.is_array()) {
            reader.typeError(
                "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Tag");
        } else if (!element.is_null() && !element.is_object()) {
            reader.typeError("Unexpected value type in payload");
        } else if (element.is_object()) {
            tag.key = reader.stringIn(&element, "Key");
            tag.value = reader.stringIn(&element, "Value");
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

Status checkTagKey(const std::optional<std::string>& key) {
    if (!key || !isTagText(*key, 1, kMaxKeyCharacters)) return invalidKey(key);
    if (hasAwsPrefix(*key))
        return validationError("Tag Key cannot be prefixed with aws:, Key: " + *key);
    return {};
}

Result<std::map<std::string, std::string>> checkTags(const std::vector<TagInput>& tags) {
    for (const auto& tag : tags) {
        SHARDSCAPE_TRY(checkTagKey(tag.key));
        if (!tag.value || !isTagText(*tag.value, 0, kMaxValueCharacters))
            return validationError("The Tag Value provided is invalid, Value: " +
                                   tag.value.value_or("null"));
    }
    std::map<std::string, std::string> byKey;
    for (const auto& tag : tags)
        if (!byKey.emplace(*tag.key, *tag.value).second)
            return validationError(
                "Duplicate Tag Keys provided as input: Duplicate Tag Key found " + *tag.key);
    return byKey;
}

Error tooManyTags() {
    return validationError("Number of Tags exceed the current limit for the provided ResourceArn");
}

}  // namespace shardscape
