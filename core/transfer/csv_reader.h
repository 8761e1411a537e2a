#pragma once
// RFC 4180 CSV, streamed one record at a time: comma-separated fields, fields in double
// quotes may hold commas, quotes ("") and line breaks; lines end in LF or CRLF.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace shardscape {

class CsvReader {
  public:
    struct Row {
        std::vector<std::string> fields;
        std::vector<bool> quoted;  // per field: written in quotes ("" is an empty string)
        int64_t line = 0;          // where the record starts
    };

    explicit CsvReader(std::istream& in) : in_(*in.rdbuf()) {}

    // The next record, or nullopt at the end. Blank lines are skipped. A quoted field that
    // never closes, or a record over 16 MB, is an error naming the line; reading stops.
    Result<std::optional<Row>> next();
    uint64_t bytesRead() const { return bytes_; }

  private:
    int get();
    int peek() {
        if (pos_ == buffer_.size() && !fill()) return std::char_traits<char>::eof();
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    // Takes what the stream buffer holds into buffer_; false at the stream's end.
    bool fill();
    // Consumes the next `length` buffered characters (no line ends among them unless counted).
    void skip(size_t length);

    // Read through the stream buffer, what it holds at a time: istream::get() costs a sentry
    // per character, and runs of plain characters are copied into a field in one go.
    std::streambuf& in_;
    std::string buffer_;
    size_t pos_ = 0;  // next unread character of buffer_
    int64_t line_ = 1;
    uint64_t bytes_ = 0;
    bool done_ = false;
    size_t fieldsSeen_ = 0;  // in the last row
};

// Appends one field, quoted when it needs to be; an empty string is written as "" (an
// unquoted empty field means "no value").
void appendCsvField(std::string& out, const std::string& field);

}  // namespace shardscape
