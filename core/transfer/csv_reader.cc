#include "transfer/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace shardscape {

namespace {
constexpr size_t kMaxRowBytes = 16u << 20;
constexpr int kEof = std::char_traits<char>::eof();

// What ends a run of an unquoted field: a comma or a line end.
constexpr std::array<bool, 256> kEndsField = [] {
    std::array<bool, 256> ends{};
    ends[','] = ends['\n'] = ends['\r'] = true;
    return ends;
}();
}  // namespace

bool CsvReader::fill() {
    pos_ = 0;
    buffer_.clear();
    // What the stream buffer holds already (refilled once if it is empty): reading it ahead
    // costs the stream nothing more than reading it character by character would.
    if (in_.sgetc() == kEof) return false;
    const std::streamsize available = std::max<std::streamsize>(in_.in_avail(), 1);
    buffer_.resize(static_cast<size_t>(available));
    buffer_.resize(
        static_cast<size_t>(std::max<std::streamsize>(in_.sgetn(buffer_.data(), available), 0)));
    return !buffer_.empty();
}

int CsvReader::get() {
    const int c = peek();
    if (c == kEof) return c;
    ++pos_;
    ++bytes_;
    if (c == '\n') ++line_;
    return c;
}

void CsvReader::skip(size_t length) {
    pos_ += length;
    bytes_ += length;
}

Result<std::optional<CsvReader::Row>> CsvReader::next() {
    while (!done_) {
        Row row;
        row.line = line_;
        // As many fields as the row before, most likely.
        row.fields.reserve(fieldsSeen_);
        row.quoted.reserve(fieldsSeen_);
        std::string field;
        size_t size = 0;
        bool quoted = false, fieldStarted = false, any = false, wasQuoted = false;
        while (true) {
            // A run of characters that need no decision, copied at once: inside quotes up to
            // the next quote; outside them (once the field has started, or when it does not
            // start with a quote) up to the next comma or line end.
            if (peek() != kEof && (quoted || fieldStarted || peek() != '"')) {
                const char* data = buffer_.data() + pos_;
                const size_t available = buffer_.size() - pos_;
                size_t run = 0;
                if (quoted) {
                    const void* quote = std::memchr(data, '"', available);
                    run = quote ? static_cast<size_t>(static_cast<const char*>(quote) - data)
                                : available;
                } else {
                    while (run < available && !kEndsField[static_cast<unsigned char>(data[run])])
                        ++run;
                }
                if (run > 0 && size + run <= kMaxRowBytes) {
                    if (quoted) line_ += std::count(data, data + run, '\n');
                    field.append(data, run);
                    skip(run);
                    size += run;
                    any = true;
                    if (!quoted) fieldStarted = true;
                    continue;
                }
            }
            int c = get();
            if (c == kEof) {
                done_ = true;
                if (quoted) {
                    std::string message = "line ";
                    message.append(std::to_string(row.line))
                        .append(": a quoted field is never closed");
                    return validationError(message);
                }
                break;
            }
            any = true;
            if (++size > kMaxRowBytes) {
                done_ = true;
                std::string message = "line ";
                message.append(std::to_string(row.line)).append(": a row is larger than 16 MB");
                return validationError(message);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        get();
                        field.push_back('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push_back(static_cast<char>(c));
                }
                continue;
            }
            if (c == '"' && !fieldStarted) {
                quoted = fieldStarted = wasQuoted = true;
            } else if (c == ',') {
                row.fields.push_back(std::move(field));
                row.quoted.push_back(wasQuoted);
                field.clear();
                fieldStarted = wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') get();
                break;
            } else {
                field.push_back(static_cast<char>(c));
                fieldStarted = true;
            }
        }
        if (!any) break;
        row.fields.push_back(std::move(field));
        row.quoted.push_back(wasQuoted);
        if (row.fields.size() == 1 && row.fields[0].empty() && !fieldStarted) continue;  // blank
        fieldsSeen_ = row.fields.size();
        return std::optional<Row>(std::move(row));
    }
    return std::optional<Row>();
}

void appendCsvField(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos && !field.empty() &&
        field.front() != ' ' && field.back() != ' ') {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

}  // namespace shardscape
