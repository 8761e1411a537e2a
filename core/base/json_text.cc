#include "base/json_text.h"

#include <cstdint>
#include <string>

namespace shardscape {

namespace {

// Deeper documents go to nlohmann's parser, which does not recurse.
constexpr int kMaxFastDepth = 64;
// Integers with more digits may overflow: nlohmann's parser decides their type.
constexpr size_t kMaxFastDigits = 18;

// A recursive-descent scanner for the subset of JSON described in json_text.h. Every method
// returns false when the text is outside that subset or malformed; the caller then parses the
// whole text with nlohmann's parser, so what it answers is always nlohmann's answer.
class FastParser {
  public:
    explicit FastParser(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool document(Json& out) {
        if (p_ != end_ && static_cast<unsigned char>(*p_) == 0xEF) return false;  // BOM
        if (!value(out, 0)) return false;
        skipWhitespace();
        return p_ == end_;
    }

  private:
    void skipWhitespace() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    bool literal(std::string_view word) {
        if (static_cast<size_t>(end_ - p_) < word.size() ||
            std::string_view(p_, word.size()) != word)
            return false;
        p_ += word.size();
        return true;
    }

    bool value(Json& out, int depth) {
        skipWhitespace();
        if (p_ == end_) return false;
        switch (*p_) {
            case '{':
                return object(out, depth + 1);
            case '[':
                return array(out, depth + 1);
            case '"': {
                std::string text;
                if (!string(text)) return false;
                out = std::move(text);
                return true;
            }
            case 't':
                if (!literal("true")) return false;
                out = true;
                return true;
            case 'f':
                if (!literal("false")) return false;
                out = false;
                return true;
            case 'n':
                if (!literal("null")) return false;
                out = nullptr;
                return true;
            default:
                return number(out);
        }
    }

    bool object(Json& out, int depth) {
        if (depth > kMaxFastDepth) return false;
        ++p_;  // '{'
        out = Json::object();
        auto& members = out.get_ref<Json::object_t&>();
        skipWhitespace();
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        std::string key;
        while (true) {
            skipWhitespace();
            if (p_ == end_ || *p_ != '"') return false;
            key.clear();
            if (!string(key)) return false;
            skipWhitespace();
            if (p_ == end_ || *p_ != ':') return false;
            ++p_;
            // As nlohmann's parser: a repeated name keeps its place and takes the last value.
            if (!value(members[key], depth)) return false;
            skipWhitespace();
            if (p_ == end_) return false;
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
        }
    }

    bool array(Json& out, int depth) {
        if (depth > kMaxFastDepth) return false;
        ++p_;  // '['
        out = Json::array();
        auto& elements = out.get_ref<Json::array_t&>();
        skipWhitespace();
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        while (true) {
            elements.emplace_back();
            if (!value(elements.back(), depth)) return false;
            skipWhitespace();
            if (p_ == end_) return false;
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
        }
    }

    // Appends the string at p_ (which is at its opening quote) to `out`.
    bool string(std::string& out) {
        ++p_;  // '"'
        while (true) {
            const char* run = p_;
            while (p_ != end_) {
                const auto c = static_cast<unsigned char>(*p_);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++p_;
            }
            out.append(run, static_cast<size_t>(p_ - run));
            if (p_ == end_) return false;
            if (*p_ == '"') {
                ++p_;
                return true;
            }
            if (*p_ != '\\') return false;  // a control character, or UTF-8 to validate
            if (++p_ == end_) return false;
            switch (*p_) {
                case '"':
                case '\\':
                case '/':
                    out.push_back(*p_);
                    break;
                case 'b':
                    out.push_back('\b');
                    break;
                case 'f':
                    out.push_back('\f');
                    break;
                case 'n':
                    out.push_back('\n');
                    break;
                case 'r':
                    out.push_back('\r');
                    break;
                case 't':
                    out.push_back('\t');
                    break;
                default:
                    return false;  // \u escapes (and invalid ones)
            }
            ++p_;
        }
    }

    bool number(Json& out) {
        const bool negative = *p_ == '-';
        if (negative) ++p_;
        const char* digits = p_;
        uint64_t magnitude = 0;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
            magnitude = magnitude * 10 + static_cast<uint64_t>(*p_ - '0');
            ++p_;
        }
        const size_t count = static_cast<size_t>(p_ - digits);
        if (count == 0 || count > kMaxFastDigits || (count > 1 && *digits == '0')) return false;
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        if (negative)
            out = -static_cast<int64_t>(magnitude);  // number_integer, also for -0
        else
            out = magnitude;  // number_unsigned
        return true;
    }

    const char* p_;
    const char* end_;
};

}  // namespace

Json parseJsonText(std::string_view text) {
    Json out;
    if (FastParser(text).document(out)) return out;
    return Json::parse(text.begin(), text.end(), nullptr, false);
}

}  // namespace shardscape
