#include "transfer/fast_item_parser.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "base/base64.h"
#include "values/number.h"

namespace shardscape {

namespace {

// DynamoDB stores at most 32 levels: a scalar under at most 31 maps or lists (the general
// path's limit, values/attribute_json.cc).
constexpr int kMaxContainerDepth = 31;

// Bytes a JSON string holds as they are written: printable ASCII but the quote and backslash.
constexpr std::array<bool, 256> kVerbatim = [] {
    std::array<bool, 256> verbatim{};
    for (int c = 0x20; c < 0x80; ++c) verbatim[c] = c != '"' && c != '\\';
    return verbatim;
}();

class Parser {
  public:
    explicit Parser(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

    // One record, after optional whitespace; what follows it is not read.
    std::optional<Item> record(bool exportLine) {
        skipSpace();
        if (!exportLine) return item();
        // {"Item": {...}}
        std::string_view key;
        if (!consume('{') || !stringView(key) || key != "Item" || !colon()) return std::nullopt;
        auto item = this->item();
        if (!item || !consume('}')) return std::nullopt;
        return item;
    }

    // A plain JSON object (transfer/plain_json.h): types inferred from the JSON.
    std::optional<Item> plainRecord() { return plainMembers(0); }

    // Nothing but whitespace is left.
    bool atEnd() {
        skipSpace();
        return at_ == end_;
    }
    size_t offset(std::string_view text) const { return static_cast<size_t>(at_ - text.data()); }

  private:
    // Plain JSON nested deeper than this is left to the general path (which allows 32 levels).
    static constexpr int kMaxPlainDepth = 16;

    std::optional<std::map<std::string, AttributeValue>> plainMembers(int depth) {
        std::map<std::string, AttributeValue> out;
        if (depth > kMaxPlainDepth || !consume('{')) return std::nullopt;
        if (consume('}')) return out;
        do {
            std::string name;
            if (!string(name) || !colon()) return std::nullopt;
            // The value is read into its place in the map (a member named twice: the general
            // path keeps the last one; leave it to that).
            auto [member, added] = out.try_emplace(std::move(name));
            if (!added || !plainValue(depth + 1, member->second)) return std::nullopt;
        } while (consume(','));
        if (!consume('}')) return std::nullopt;
        return out;
    }

    bool plainValue(int depth, AttributeValue& out) {
        skipSpace();
        if (at_ == end_) return false;
        switch (*at_) {
            case '"': {
                std::string text;
                if (!string(text)) return false;
                out = AttributeValue::string(std::move(text));
                return true;
            }
            case '{': {
                auto members = plainMembers(depth);
                if (!members) return false;
                out = AttributeValue::map(std::move(*members));
                return true;
            }
            case '[': {
                if (depth > kMaxPlainDepth) return false;
                ++at_;
                std::vector<AttributeValue> elements;
                if (!consume(']')) {
                    do {
                        if (!plainValue(depth + 1, elements.emplace_back())) return false;
                    } while (consume(','));
                    if (!consume(']')) return false;
                }
                out = AttributeValue::list(std::move(elements));
                return true;
            }
            case 't':
                if (!literal("true")) return false;
                out = AttributeValue::boolean(true);
                return true;
            case 'f':
                if (!literal("false")) return false;
                out = AttributeValue::boolean(false);
                return true;
            case 'n':
                if (!literal("null")) return false;
                out = AttributeValue::null();
                return true;
            default:
                return plainInteger(out);
        }
    }

    // An integer of up to 18 digits (the general path's parser reads it as a 64-bit integer,
    // whose decimal text is these digits); other numbers are left to the general path.
    bool plainInteger(AttributeValue& out) {
        const char* start = at_;
        if (at_ != end_ && *at_ == '-') ++at_;
        const char* digits = at_;
        while (at_ != end_ && *at_ >= '0' && *at_ <= '9') ++at_;
        const auto count = at_ - digits;
        if (count == 0 || count > 18 || (*digits == '0' && count > 1)) return false;
        if (*digits == '0' && digits != start) return false;  // -0
        if (at_ != end_ && (*at_ == '.' || *at_ == 'e' || *at_ == 'E')) return false;
        // Up to 18 digits without leading zeros and not -0: the Number's canonical text.
        out = AttributeValue::number(std::string(start, at_));
        return true;
    }

    void skipSpace() {
        while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
    }
    // `c` after optional whitespace.
    bool consume(char c) {
        skipSpace();
        if (at_ == end_ || *at_ != c) return false;
        ++at_;
        return true;
    }
    bool colon() { return consume(':'); }
    bool literal(std::string_view word) {
        if (static_cast<size_t>(end_ - at_) < word.size() ||
            std::string_view(at_, word.size()) != word)
            return false;
        at_ += word.size();
        return true;
    }

    // {"name": value, ...}: a map of attribute values (the item, or an M's members).
    std::optional<std::map<std::string, AttributeValue>> members(int depth) {
        std::map<std::string, AttributeValue> out;
        if (!consume('{')) return std::nullopt;
        if (consume('}')) return out;
        do {
            std::string name;
            if (!string(name) || !colon()) return std::nullopt;
            // The value is read into its place in the map (a member named twice: the general
            // path keeps the last one; leave it to that).
            auto [member, added] = out.try_emplace(std::move(name));
            if (!added || !attributeValue(depth, member->second)) return std::nullopt;
        } while (consume(','));
        if (!consume('}')) return std::nullopt;
        return out;
    }
    std::optional<Item> item() { return members(0); }

    // {"T": value} with exactly one known type key T.
    bool attributeValue(int depth, AttributeValue& out) {
        std::string_view type;
        if (!consume('{') || !stringView(type) || !colon()) return false;
        skipSpace();
        bool read = false;
        if (type == "S") {
            std::string text;
            if ((read = string(text))) out = AttributeValue::string(std::move(text));
        } else if (type == "N") {
            std::string_view text;
            if (stringView(text)) {
                if (Number::isCanonicalInteger(text)) {
                    out = AttributeValue::number(std::string(text));
                    read = true;
                } else if (auto number = Number::parse(text)) {
                    out = AttributeValue::number(number->toString());
                    read = true;
                }
            }
        } else if (type == "B") {
            std::string_view text;
            if (stringView(text))
                if (auto bytes = base64Decode(text)) {
                    out = AttributeValue::binary(std::move(bytes).value());
                    read = true;
                }
        } else if (type == "BOOL") {
            if (literal("true")) {
                out = AttributeValue::boolean(true);
                read = true;
            } else if (literal("false")) {
                out = AttributeValue::boolean(false);
                read = true;
            }
        } else if (type == "NULL") {
            if ((read = literal("true"))) out = AttributeValue::null();
        } else if (type == "M") {
            if (depth >= kMaxContainerDepth) return false;
            if (auto nested = members(depth + 1)) {
                out = AttributeValue::map(std::move(*nested));
                read = true;
            }
        } else if (type == "L") {
            if (depth >= kMaxContainerDepth) return false;
            read = list(depth + 1, out);
        } else if (type == "SS") {
            read = set(ValueType::SS, out);
        } else if (type == "NS") {
            read = set(ValueType::NS, out);
        } else if (type == "BS") {
            read = set(ValueType::BS, out);
        }
        return read && consume('}');
    }

    bool list(int depth, AttributeValue& out) {
        std::vector<AttributeValue> elements;
        if (!consume('[')) return false;
        if (!consume(']')) {
            do {
                if (!attributeValue(depth, elements.emplace_back())) return false;
            } while (consume(','));
            if (!consume(']')) return false;
        }
        out = AttributeValue::list(std::move(elements));
        return true;
    }

    // A non-empty set of distinct members.
    bool set(ValueType setType, AttributeValue& out) {
        std::vector<std::string> members;
        if (!consume('[')) return false;
        do {
            skipSpace();
            std::string text;
            if (!string(text)) return false;
            if (setType == ValueType::NS) {
                auto number = Number::parse(text);
                if (!number) return false;
                text = number->toString();
            } else if (setType == ValueType::BS) {
                auto bytes = base64Decode(text);
                if (!bytes) return false;
                text = std::move(bytes).value();
            }
            members.push_back(std::move(text));
        } while (consume(','));
        if (!consume(']')) return false;
        std::vector<std::string> sorted = members;
        std::sort(sorted.begin(), sorted.end());
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return false;
        out = AttributeValue::set(setType, std::move(members));
        return true;
    }

    // A JSON string after optional whitespace, decoded; false for anything JSON does not
    // allow in one (control characters, bad escapes, lone surrogates, ill-formed UTF-8).
    bool string(std::string& out) {
        if (!consume('"')) return false;
        // The common case: no escapes and ASCII only, copied in one go.
        const char* start = at_;
        while (at_ != end_ && kVerbatim[static_cast<unsigned char>(*at_)]) ++at_;
        out.assign(start, at_);
        return rest(out);
    }
    // The same as a view: of the text itself when it needs no decoding (the common case),
    // else of the decoded string kept in scratch_ (valid until the next call).
    bool stringView(std::string_view& out) {
        if (!consume('"')) return false;
        const char* start = at_;
        while (at_ != end_ && kVerbatim[static_cast<unsigned char>(*at_)]) ++at_;
        if (at_ != end_ && *at_ == '"') {
            out = std::string_view(start, static_cast<size_t>(at_ - start));
            ++at_;
            return true;
        }
        scratch_.assign(start, at_);
        if (!rest(scratch_)) return false;
        out = scratch_;
        return true;
    }
    // The string after its verbatim start, up to and including the closing quote.
    bool rest(std::string& out) {
        while (at_ != end_) {
            const auto c = static_cast<unsigned char>(*at_);
            if (c == '"') {
                ++at_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                if (!escape(out)) return false;
            } else if (c < 0x80) {
                out.push_back(static_cast<char>(c));
                ++at_;
            } else if (!utf8Sequence(out)) {
                return false;
            }
        }
        return false;  // unterminated
    }

    bool hex4(unsigned& value) {
        if (end_ - at_ < 4) return false;
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *at_++;
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    bool escape(std::string& out) {
        ++at_;  // the backslash
        if (at_ == end_) return false;
        const char c = *at_++;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                out.push_back(c);
                return true;
            case 'b':
                out.push_back('\b');
                return true;
            case 'f':
                out.push_back('\f');
                return true;
            case 'n':
                out.push_back('\n');
                return true;
            case 'r':
                out.push_back('\r');
                return true;
            case 't':
                out.push_back('\t');
                return true;
            case 'u':
                break;
            default:
                return false;
        }
        unsigned code = 0;
        if (!hex4(code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate first
        if (code >= 0xD800 && code <= 0xDBFF) {
            unsigned low = 0;
            if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return false;
            at_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, code);
        return true;
    }

    static void appendUtf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    // One well-formed UTF-8 sequence (Unicode's table: no overlong forms, no surrogates,
    // nothing past U+10FFFF), copied.
    bool utf8Sequence(std::string& out) {
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(at_[i]); };
        const unsigned char first = byte(0);
        size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the second byte's range
        if (first >= 0xC2 && first <= 0xDF) {
            length = 2;
        } else if (first >= 0xE0 && first <= 0xEF) {
            length = 3;
            if (first == 0xE0) low = 0xA0;
            if (first == 0xED) high = 0x9F;
        } else if (first >= 0xF0 && first <= 0xF4) {
            length = 4;
            if (first == 0xF0) low = 0x90;
            if (first == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (static_cast<size_t>(end_ - at_) < length) return false;
        if (byte(1) < low || byte(1) > high) return false;
        for (size_t i = 2; i < length; ++i)
            if (byte(i) < 0x80 || byte(i) > 0xBF) return false;
        out.append(at_, length);
        at_ += length;
        return true;
    }

    const char* at_;
    const char* end_;
    std::string scratch_;
};

}  // namespace

std::optional<Item> parseDynamoDbItem(std::string_view text, bool exportLine) {
    Parser parser(text);
    auto item = parser.record(exportLine);
    if (!item || !parser.atEnd()) return std::nullopt;
    return item;
}

std::optional<Item> parsePlainJsonItem(std::string_view text) {
    Parser parser(text);
    auto item = parser.plainRecord();
    if (!item || !parser.atEnd()) return std::nullopt;
    return item;
}

std::optional<Item> parseDynamoDbItemAt(std::string_view text, bool exportLine, size_t& length) {
    if (text.empty() || text.front() != '{') return std::nullopt;
    Parser parser(text);
    auto item = parser.record(exportLine);
    if (item) length = parser.offset(text);
    return item;
}

std::optional<Item> parsePlainJsonItemAt(std::string_view text, size_t& length) {
    if (text.empty() || text.front() != '{') return std::nullopt;
    Parser parser(text);
    auto item = parser.plainRecord();
    if (item) length = parser.offset(text);
    return item;
}

}  // namespace shardscape
