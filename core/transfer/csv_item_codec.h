#pragma once
// Items as CSV rows. The header names the attributes; a header cell may end in a type,
// "price:N", and a column type given by the caller overrides it.
//
// Cells: an unquoted empty cell means the item has no such attribute; "" is an empty string.
// With a type: S text; N a number; B base64; BOOL true/false; NULL any text; M, L, SS, NS,
// BS and DDB the DynamoDB JSON of the value ({"SS":["a","b"]}; DDB accepts any type).
// Without a type the cell's type is inferred: true/false BOOL, a plain decimal number
// without leading zeros (-12, 3.50) N, anything else S; so "007" stays the text "007".

#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "transfer/csv_reader.h"
#include "values/attribute_value.h"

namespace shardscape {

class CsvItemCodec {
  public:
    // What a column's type says to do with its cells (Json: M, L, sets and DDB).
    enum class Kind { Inferred, S, N, B, BOOL, NUL, Json };

    // Reads the header row; `columnTypes` (attribute -> type name) override header types.
    static Result<CsvItemCodec> fromHeader(const CsvReader::Row& header,
                                           const std::map<std::string, std::string>& columnTypes);
    Result<Item> toItem(CsvReader::Row row) const;

    // Header cells ("name:TYPE") for the given columns and types (type "" = inferred).
    static std::string headerLine(const std::vector<std::pair<std::string, std::string>>& columns);
    // The cell text of a value in a column of `type` (see above); appends to `out`.
    static void appendCell(std::string& out, const AttributeValue& value, const std::string& type);

  private:
    struct Column {
        std::string name;
        std::string type;  // "" = infer
        Kind kind = Kind::Inferred;
    };
    std::vector<Column> columns_;
};

// True for the type names a CSV header or --types may use.
bool isCsvColumnType(const std::string& type);

}  // namespace shardscape
