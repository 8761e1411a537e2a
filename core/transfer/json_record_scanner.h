#pragma once
// Splits a stream of JSON into records without holding more than one record in memory: the
// elements of a top-level array, or a whitespace-separated sequence of values (JSON lines).
// Each record comes back as text with the line it starts on, for the caller to parse.

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace shardscape {

class JsonRecordScanner {
  public:
    struct Record {
        // The record's text, in the scanner's buffer: valid until the next call to next().
        std::string_view text;
        int64_t line = 0;  // where the record starts (1-based)
        int64_t column = 0;
        bool read = false;  // taken by the reader given to next()
    };

    // What next() offers a record that starts with { to before scanning it: the buffered
    // text from the record's first character on. The reader returns the length of the record
    // it read there, which must be a well-formed JSON object (so that it ends where scanning
    // would end it), or 0 to leave the record to the scanner. A record straddling two reads
    // is offered cut short; a reader only takes a record it read to its end.
    using Reader = std::function<size_t(std::string_view buffered)>;

    explicit JsonRecordScanner(std::istream& in) : in_(*in.rdbuf()) {}

    // The next record, or nullopt at the end. A broken structure (an array or string that is
    // never closed, text after the array, a record over kMaxRecordBytes) is an error naming
    // the line; the scanner stops there.
    Result<std::optional<Record>> next(const Reader& reader = {});

    uint64_t bytesRead() const { return dropped_ + pos_; }

    static constexpr size_t kMaxRecordBytes = 16u << 20;

  private:
    int get();
    int peek() {
        if (pos_ == buffer_.size() && !fill()) return std::char_traits<char>::eof();
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    // Appends what the stream buffer holds to buffer_, first dropping what is consumed and
    // not part of the record being read (from mark_ on); false at the stream's end.
    bool fill();
    void skipWhitespace();
    // The record starting at pos_, left in buffer_ from mark_ to pos_.
    Status readValue();
    Status readScalar();
    // Counts the line ends of buffer_ from pos_ to `end`, and moves pos_ there.
    void advanceTo(size_t end);
    void newLine(size_t after) {
        ++line_;
        lineStart_ = dropped_ + after;
    }
    int64_t column() const { return static_cast<int64_t>(bytesRead() - lineStart_) + 1; }
    Error problem(const std::string& what) const;

    // Read through the stream buffer, what it holds at a time: istream::get() costs a sentry
    // per character. A record is scanned in runs and handed out where it lies in buffer_;
    // only the part of a record that straddles two reads is moved (to the buffer's front).
    std::streambuf& in_;
    std::string buffer_;
    size_t pos_ = 0;        // next unread character of buffer_
    size_t mark_ = 0;       // start of the record being read (== pos_ between records)
    uint64_t dropped_ = 0;  // bytes of the stream before buffer_[0]
    enum class Mode { Start, Array, Sequence, Done } mode_ = Mode::Start;
    bool needComma_ = false;
    int64_t line_ = 1;
    uint64_t lineStart_ = 0;  // stream offset of the current line's first character
};

}  // namespace shardscape
