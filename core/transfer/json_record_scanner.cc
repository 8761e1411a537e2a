#include "transfer/json_record_scanner.h"

namespace shardscape {

namespace {
bool isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
}  // namespace

int JsonRecordScanner::get() {
    const int c = in_.sbumpc();
    if (c == std::char_traits<char>::eof()) return c;
    ++bytes_;
    if (c == '\n') {
        ++line_;
        column_ = 1;
    } else {
        ++column_;
    }
    return c;
}

void JsonRecordScanner::skipWhitespace() {
    while (isSpace(peek())) get();
}

Error JsonRecordScanner::problem(const std::string& what) const {
    std::string message = "line ";
    message.append(std::to_string(line_)).append(": ").append(what);
    return validationError(message);
}

Result<std::string> JsonRecordScanner::readValue() {
    std::string text;
    const int first = peek();
    if (first != '{' && first != '[' && first != '"') {
        // A scalar (or garbage): up to the next separator; the parser judges it.
        while (true) {
            const int c = peek();
            if (c == std::char_traits<char>::eof() || isSpace(c) || c == ',' || c == ']' ||
                (c == '}' && !text.empty()))
                break;
            text.push_back(static_cast<char>(get()));
            if (text.size() > kMaxRecordBytes)
                return problem("a record is larger than 16 MB (is the file really JSON?)");
        }
        return text;
    }
    int depth = 0;
    bool inString = false, escaped = false;
    while (true) {
        const int c = get();
        if (c == std::char_traits<char>::eof()) {
            if (inString) return problem("the file ends inside a string");
            return problem("the file ends inside a record (an unclosed { or [)");
        }
        text.push_back(static_cast<char>(c));
        if (text.size() > kMaxRecordBytes)
            return problem("a record is larger than 16 MB (is the file really JSON?)");
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                if (depth == 0) return text;  // a top-level string
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return text;
        }
    }
}

Result<std::optional<JsonRecordScanner::Record>> JsonRecordScanner::next() {
    if (mode_ == Mode::Done) return std::optional<Record>();
    if (mode_ == Mode::Start) {
        // A UTF-8 byte-order mark is not part of the JSON.
        if (peek() == 0xEF) {
            get();
            if (get() != 0xBB || get() != 0xBF) return problem("the file is not UTF-8 JSON");
        }
        skipWhitespace();
        if (peek() == '[') {
            get();
            mode_ = Mode::Array;
        } else {
            mode_ = Mode::Sequence;
        }
    }
    skipWhitespace();
    if (mode_ == Mode::Array) {
        if (peek() == ']') {
            get();
            skipWhitespace();
            mode_ = Mode::Done;
            if (peek() != std::char_traits<char>::eof())
                return problem("unexpected text after the closing ] of the array");
            return std::optional<Record>();
        }
        if (needComma_) {
            if (peek() != ',') {
                if (peek() == std::char_traits<char>::eof())
                    return problem("the file ends before the array is closed with ]");
                return problem("expected , or ] between array elements");
            }
            get();
            skipWhitespace();
        }
        if (peek() == std::char_traits<char>::eof())
            return problem("the file ends before the array is closed with ]");
        if (peek() == ']' || peek() == ',') return problem("an array element is missing");
    } else if (peek() == std::char_traits<char>::eof()) {
        mode_ = Mode::Done;
        return std::optional<Record>();
    }
    const int64_t line = line_, column = column_;
    auto text = readValue();
    if (!text) {
        mode_ = Mode::Done;
        return text.error();
    }
    needComma_ = true;
    return std::optional<Record>(Record{std::move(text).value(), line, column});
}

}  // namespace shardscape
