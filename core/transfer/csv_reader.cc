#include "transfer/csv_reader.h"

namespace shardscape {

namespace {
constexpr size_t kMaxRowBytes = 16u << 20;
constexpr int kEof = std::char_traits<char>::eof();
}  // namespace

int CsvReader::get() {
    const int c = in_.sbumpc();
    if (c == kEof) return c;
    ++bytes_;
    if (c == '\n') ++line_;
    return c;
}

Result<std::optional<CsvReader::Row>> CsvReader::next() {
    while (!done_) {
        Row row;
        row.line = line_;
        std::string field;
        size_t size = 0;
        bool quoted = false, fieldStarted = false, any = false, wasQuoted = false;
        while (true) {
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
                    if (in_.sgetc() == '"') {
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
                if (c == '\r' && in_.sgetc() == '\n') get();
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
