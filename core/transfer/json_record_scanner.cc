#include "transfer/json_record_scanner.h"

#include <algorithm>

namespace shardscape {

namespace {
bool isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
}  // namespace

bool JsonRecordScanner::fill() {
    pos_ = 0;
    buffer_.clear();
    // What the stream buffer holds already (refilled once if it is empty): reading it ahead
    // costs the stream nothing more than reading it character by character would.
    if (in_.sgetc() == std::char_traits<char>::eof()) return false;
    const std::streamsize available = std::max<std::streamsize>(in_.in_avail(), 1);
    buffer_.resize(static_cast<size_t>(available));
    buffer_.resize(
        static_cast<size_t>(std::max<std::streamsize>(in_.sgetn(buffer_.data(), available), 0)));
    return !buffer_.empty();
}

int JsonRecordScanner::get() {
    const int c = peek();
    if (c == std::char_traits<char>::eof()) return c;
    ++pos_;
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
        if (pos_ == buffer_.size() && !fill()) {
            if (inString) return problem("the file ends inside a string");
            return problem("the file ends inside a record (an unclosed { or [)");
        }
        // The buffered run, character by character; copied into `text` in one go.
        const char* data = buffer_.data();
        const size_t start = pos_, end = buffer_.size();
        size_t i = start;
        bool complete = false, tooLarge = false;
        for (; i < end; ++i) {
            const char c = data[i];
            if (c == '\n') {
                ++line_;
                column_ = 1;
            } else {
                ++column_;
            }
            if (text.size() + (i - start) + 1 > kMaxRecordBytes) {
                tooLarge = true;
            } else if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                    complete = depth == 0;  // a top-level string
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                complete = --depth == 0;
            }
            if (complete || tooLarge) {
                ++i;
                break;
            }
        }
        text.append(data + start, i - start);
        bytes_ += i - start;
        pos_ = i;
        if (tooLarge) return problem("a record is larger than 16 MB (is the file really JSON?)");
        if (complete) return text;
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
