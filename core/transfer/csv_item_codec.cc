#include "transfer/csv_item_codec.h"

#include <set>
#include <string_view>

#include "base/base64.h"
#include "base/utf8.h"
#include "values/attribute_json.h"
#include "values/number.h"

namespace shardscape {

namespace {

const std::set<std::string> kTypes = {"S", "N",  "B",  "BOOL", "NULL", "M",
                                      "L", "SS", "NS", "BS",   "DDB"};

// "-?(0|[1-9][0-9]*)(\.[0-9]+)?": a number as plainly written (what inference takes for N).
bool isPlainNumber(std::string_view text) {
    auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    if (!digit(i)) return false;
    if (text[i++] != '0')
        while (digit(i)) ++i;
    if (i == text.size()) return true;
    if (text[i++] != '.' || !digit(i)) return false;
    while (digit(i)) ++i;
    return i == text.size();
}

// `text` is moved from when the value is a string or a number.
Result<AttributeValue> cellValue(std::string& text, CsvItemCodec::Kind kind,
                                 const std::string& type) {
    using Kind = CsvItemCodec::Kind;
    switch (kind) {
        case Kind::S:
            return AttributeValue::string(std::move(text));
        case Kind::N: {
            if (Number::isCanonicalInteger(text)) return AttributeValue::number(std::move(text));
            auto number = Number::parse(text);
            if (!number) return validationError("'" + text + "' is not a number");
            return AttributeValue::number(number->toString());
        }
        case Kind::B: {
            auto bytes = base64Decode(text);
            if (!bytes) return validationError("'" + text + "' is not base64");
            return AttributeValue::binary(std::move(bytes).value());
        }
        case Kind::BOOL:
            if (text == "true") return AttributeValue::boolean(true);
            if (text == "false") return AttributeValue::boolean(false);
            return validationError("'" + text + "' is not true or false");
        case Kind::NUL:
            return AttributeValue::null();
        case Kind::Inferred:
            if (text == "true" || text == "false") return AttributeValue::boolean(text == "true");
            if (isPlainNumber(text)) {
                if (Number::isCanonicalInteger(text))
                    return AttributeValue::number(std::move(text));
                if (auto number = Number::parse(text); number)
                    return AttributeValue::number(number->toString());
            }
            return AttributeValue::string(std::move(text));
        case Kind::Json:
            break;
    }
    // M, L, sets and DDB: the cell holds the DynamoDB JSON of the value.
    Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded())
        return validationError("the " + type + " cell is not DynamoDB JSON: " + text.substr(0, 60));
    auto value = attributeValueFromJson(json);
    if (!value) return validationError(value.error().message);
    if (type != "DDB" && std::string(valueTypeName(value->type())) != type)
        return validationError("the cell holds a " + std::string(valueTypeName(value->type())) +
                               " value, the column is " + type);
    return value;
}

CsvItemCodec::Kind kindOf(const std::string& type) {
    using Kind = CsvItemCodec::Kind;
    if (type.empty()) return Kind::Inferred;
    if (type == "S") return Kind::S;
    if (type == "N") return Kind::N;
    if (type == "B") return Kind::B;
    if (type == "BOOL") return Kind::BOOL;
    if (type == "NULL") return Kind::NUL;
    return Kind::Json;
}

}  // namespace

bool isCsvColumnType(const std::string& type) {
    return kTypes.count(type) > 0;
}

Result<CsvItemCodec> CsvItemCodec::fromHeader(
    const CsvReader::Row& header, const std::map<std::string, std::string>& columnTypes) {
    CsvItemCodec codec;
    std::set<std::string> seen;
    for (const auto& cell : header.fields) {
        Column column{cell, ""};
        const size_t colon = cell.rfind(':');
        if (colon != std::string::npos && isCsvColumnType(cell.substr(colon + 1))) {
            column.name = cell.substr(0, colon);
            column.type = cell.substr(colon + 1);
        }
        if (column.name.empty())
            return validationError("line " + std::to_string(header.line) +
                                   ": a header cell is empty; every column needs a name");
        if (!isValidUtf8(column.name))
            return validationError("line " + std::to_string(header.line) +
                                   ": a header cell is not valid UTF-8");
        if (!seen.insert(column.name).second)
            return validationError("line " + std::to_string(header.line) + ": column '" +
                                   column.name + "' appears twice in the header");
        codec.columns_.push_back(std::move(column));
    }
    for (const auto& [name, type] : columnTypes) {
        if (!isCsvColumnType(type))
            return validationError("Unknown column type '" + type + "' for " + name +
                                   "; expected S, N, B, BOOL, NULL, M, L, SS, NS, BS or DDB");
        bool found = false;
        for (auto& column : codec.columns_)
            if (column.name == name) {
                column.type = type;
                found = true;
            }
        if (!found) return validationError("The header has no column '" + name + "'");
    }
    for (auto& column : codec.columns_) column.kind = kindOf(column.type);
    return codec;
}

Result<Item> CsvItemCodec::toItem(CsvReader::Row row) const {
    if (row.fields.size() != columns_.size())
        return validationError("the row has " + std::to_string(row.fields.size()) +
                               " fields, the header has " + std::to_string(columns_.size()));
    Item item;
    for (size_t i = 0; i < columns_.size(); ++i) {
        std::string& text = row.fields[i];
        if (text.empty() && !row.quoted[i]) continue;  // no value
        // Attribute values are JSON strings on the wire, which must be UTF-8 (binary data
        // belongs in a B column, base64-encoded).
        if (!isValidUtf8(text)) return validationError(columns_[i].name + ": not valid UTF-8");
        // "" in a column without a type is an empty string.
        const Kind kind =
            text.empty() && columns_[i].kind == Kind::Inferred ? Kind::S : columns_[i].kind;
        auto value = cellValue(text, kind, columns_[i].type);
        if (!value) return validationError(columns_[i].name + ": " + value.error().message);
        item.try_emplace(columns_[i].name, std::move(value).value());
    }
    return item;
}

std::string CsvItemCodec::headerLine(
    const std::vector<std::pair<std::string, std::string>>& columns) {
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i) out.push_back(',');
        std::string cell = columns[i].first;
        if (!columns[i].second.empty()) cell.append(":").append(columns[i].second);
        appendCsvField(out, cell);
    }
    return out;
}

void CsvItemCodec::appendCell(std::string& out, const AttributeValue& value,
                              const std::string& type) {
    switch (type == "DDB" ? ValueType::M : value.type()) {
        case ValueType::S:
            return appendCsvField(out, value.scalar());
        case ValueType::N:
            out.append(value.scalar());
            return;
        case ValueType::B:
            return appendCsvField(out, base64Encode(value.scalar()));
        case ValueType::BOOL:
            out.append(value.boolValue() ? "true" : "false");
            return;
        case ValueType::NUL:
            out.append("null");
            return;
        default:
            return appendCsvField(out, attributeValueToJson(value).dump());
    }
}

}  // namespace shardscape
