#include "transfer/json_record_scanner.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace shardscape {

namespace {
bool isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// What ends a run of characters that need no decision: inside a string a quote, a backslash
// or a line end (lines are counted everywhere); outside strings also brackets and braces.
constexpr uint8_t kStopsString = 1, kStopsStructure = 2;
constexpr std::array<uint8_t, 256> kStops = [] {
    std::array<uint8_t, 256> stops{};
    stops['"'] = kStopsString | kStopsStructure;
    stops['\\'] = kStopsString;
    stops['\n'] = kStopsString | kStopsStructure;
    for (char c : {'{', '[', '}', ']'}) stops[static_cast<unsigned char>(c)] = kStopsStructure;
    return stops;
}();

constexpr const char* kTooLarge = "a record is larger than 16 MB (is the file really JSON?)";
}  // namespace

bool JsonRecordScanner::fill() {
    const size_t keep = std::min(mark_, pos_);
    buffer_.erase(0, keep);
    dropped_ += keep;
    mark_ -= keep;
    pos_ -= keep;
    // What the stream buffer holds already (refilled once if it is empty): reading it ahead
    // costs the stream nothing more than reading it character by character would.
    if (in_.sgetc() == std::char_traits<char>::eof()) return false;
    const std::streamsize available = std::max<std::streamsize>(in_.in_avail(), 1);
    const size_t old = buffer_.size();
    buffer_.resize(old + static_cast<size_t>(available));
    const std::streamsize got =
        std::max<std::streamsize>(in_.sgetn(buffer_.data() + old, available), 0);
    buffer_.resize(old + static_cast<size_t>(got));
    return got > 0;
}

int JsonRecordScanner::get() {
    const int c = peek();
    if (c == std::char_traits<char>::eof()) return c;
    ++pos_;
    mark_ = pos_;
    if (c == '\n') newLine(pos_);
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

void JsonRecordScanner::advanceTo(size_t end) {
    const char* data = buffer_.data();
    for (const char* at = data + pos_;
         (at = static_cast<const char*>(std::memchr(at, '\n', end - (at - data)))) != nullptr;)
        newLine(static_cast<size_t>(++at - data));
    pos_ = end;
}

Status JsonRecordScanner::readScalar() {
    // A scalar (or garbage): up to the next separator; the parser judges it. Line ends are
    // separators, so the lines stay as they are. At least one character: a record that
    // starts with a separator (a stray , or ] between JSON lines) is that character, which
    // the parser rejects, and reading goes on after it.
    while (true) {
        const int c = peek();
        if (c == std::char_traits<char>::eof()) return {};
        if (pos_ > mark_ && (isSpace(c) || c == ',' || c == ']' || c == '}')) return {};
        ++pos_;
        if (pos_ - mark_ > kMaxRecordBytes) return problem(kTooLarge);
    }
}

Status JsonRecordScanner::readValue() {
    mark_ = pos_;
    const int first = peek();
    if (first != '{' && first != '[' && first != '"') return readScalar();
    int depth = 0;
    bool inString = false, escaped = false;
    while (true) {
        if (pos_ == buffer_.size() && !fill()) {
            if (inString) return problem("the file ends inside a string");
            return problem("the file ends inside a record (an unclosed { or [)");
        }
        // The buffered run, up to the record's size limit.
        const auto* data = reinterpret_cast<const unsigned char*>(buffer_.data());
        const size_t limit = std::min(buffer_.size(), mark_ + kMaxRecordBytes);
        size_t i = pos_;
        bool complete = false;
        while (i < limit) {
            if (escaped) {
                escaped = false;
                if (data[i++] == '\n') newLine(i);
                continue;
            }
            const uint8_t stop = inString ? kStopsString : kStopsStructure;
            while (i < limit && !(kStops[data[i]] & stop)) ++i;
            if (i == limit) break;
            const unsigned char c = data[i++];
            if (c == '\n') {
                newLine(i);
            } else if (inString) {
                if (c == '\\') {
                    escaped = true;
                } else {  // the closing quote
                    inString = false;
                    complete = depth == 0;  // a top-level string
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else {  // } or ]
                complete = --depth == 0;
            }
            if (complete) break;
        }
        pos_ = i;
        if (complete) return {};
        if (i == mark_ + kMaxRecordBytes && i < buffer_.size()) {
            // One character past the limit: counted as read, like every character before.
            if (data[pos_++] == '\n') newLine(pos_);
            return problem(kTooLarge);
        }
    }
}

Result<std::optional<JsonRecordScanner::Record>> JsonRecordScanner::next(const Reader& reader) {
    if (mode_ == Mode::Done) return std::optional<Record>();
    mark_ = pos_;  // the previous record is handed back: its text may go
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
    const int64_t line = line_, column = this->column();
    mark_ = pos_;
    if (reader && peek() == '{') {
        const std::string_view buffered = std::string_view(buffer_).substr(pos_);
        const size_t length = reader(buffered);
        if (length > 0 && length <= std::min(buffered.size(), kMaxRecordBytes)) {
            advanceTo(pos_ + length);
            needComma_ = true;
            return std::optional<Record>(Record{buffered.substr(0, length), line, column, true});
        }
    }
    if (Status read = readValue(); !read.ok()) {
        mode_ = Mode::Done;
        return read.error();
    }
    needComma_ = true;
    return std::optional<Record>(
        Record{std::string_view(buffer_).substr(mark_, pos_ - mark_), line, column});
}

}  // namespace shardscape
