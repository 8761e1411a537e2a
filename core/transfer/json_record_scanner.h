#pragma once
// Splits a stream of JSON into records without holding more than one record in memory: the
// elements of a top-level array, or a whitespace-separated sequence of values (JSON lines).
// Each record comes back as text with the line it starts on, for the caller to parse.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>

#include "base/result.h"

namespace shardscape {

class JsonRecordScanner {
  public:
    struct Record {
        std::string text;
        int64_t line = 0;  // where the record starts (1-based)
        int64_t column = 0;
    };

    explicit JsonRecordScanner(std::istream& in) : in_(*in.rdbuf()) {}

    // The next record, or nullopt at the end. A broken structure (an array or string that is
    // never closed, text after the array, a record over kMaxRecordBytes) is an error naming
    // the line; the scanner stops there.
    Result<std::optional<Record>> next();

    uint64_t bytesRead() const { return bytes_; }

    static constexpr size_t kMaxRecordBytes = 16u << 20;

  private:
    int get();
    int peek() {
        if (pos_ == buffer_.size() && !fill()) return std::char_traits<char>::eof();
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    // Takes what the stream buffer holds into buffer_; false at the stream's end.
    bool fill();
    void skipWhitespace();
    Result<std::string> readValue();
    Error problem(const std::string& what) const;

    // Read through the stream buffer, what it holds at a time: istream::get() costs a sentry
    // per character, and a record is copied in runs rather than character by character.
    std::streambuf& in_;
    std::string buffer_;
    size_t pos_ = 0;  // next unread character of buffer_
    enum class Mode { Start, Array, Sequence, Done } mode_ = Mode::Start;
    bool needComma_ = false;
    int64_t line_ = 1;
    int64_t column_ = 1;  // of the next character
    uint64_t bytes_ = 0;
};

}  // namespace shardscape
