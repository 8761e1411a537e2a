#include "transfer/item_source.h"

#include "base/json_position.h"
#include "transfer/fast_item_parser.h"
#include "transfer/plain_json.h"
#include "values/attribute_json.h"

namespace shardscape {

ItemSource::ItemSource(std::istream& in, ItemFormat format) : format_(format), json_(in), csv_(in) {
    // Most records are well-formed items: read straight into an Item where they lie in the
    // read buffer. The rest are scanned and take convert().
    if (format == ItemFormat::Csv) return;
    reader_ = [this](std::string_view buffered) -> size_t {
        size_t length = 0;
        read_ = format_ == ItemFormat::PlainJson
                    ? parsePlainJsonItemAt(buffered, length)
                    : parseDynamoDbItemAt(buffered, format_ == ItemFormat::S3Export, length);
        return read_ ? length : 0;
    };
}

Result<std::unique_ptr<ItemSource>> ItemSource::open(
    std::istream& in, ItemFormat format, const std::map<std::string, std::string>& columnTypes) {
    std::unique_ptr<ItemSource> source(new ItemSource(in, format));
    if (format == ItemFormat::Csv) {
        auto header = source->csv_.next();
        if (!header) return header.error();
        if (!*header) return validationError("The CSV file is empty: it needs a header row");
        auto codec = CsvItemCodec::fromHeader(**header, columnTypes);
        if (!codec) return codec.error();
        source->codec_ = std::move(codec).value();
    } else if (!columnTypes.empty()) {
        return validationError("Column types apply to CSV files only");
    }
    return source;
}

uint64_t ItemSource::bytesRead() const {
    return format_ == ItemFormat::Csv ? csv_.bytesRead() : json_.bytesRead();
}

namespace {
// The codec's message, with the attribute at fault when a member fails on its own.
Error itemProblem(const Json& item, Error error) {
    for (const auto& [name, value] : item.items())
        if (auto decoded = attributeValueFromJson(value); !decoded) {
            error.message = "attribute " + name + ": " + decoded.error().message;
            break;
        }
    return error;
}
}  // namespace

Result<Item> ItemSource::convert(const JsonRecordScanner::Record& record) const {
    // Positions in errors count from where the record starts in the file.
    // A record the reader did not take was either cut short by the end of a read (it is a
    // well-formed item all the same: straight into an Item) or is one the fast path leaves;
    // those take the general path, which says what is wrong with them.
    if (format_ == ItemFormat::PlainJson) {
        if (auto item = parsePlainJsonItem(record.text)) return std::move(*item);
        return plainJsonToItem(record.text, record.line, record.column);
    }
    if (auto item = parseDynamoDbItem(record.text, format_ == ItemFormat::S3Export))
        return std::move(*item);
    auto json = parseJsonWithPosition<Json>(record.text, record.line, record.column);
    if (!json) return json.error();
    const Json* item = &*json;
    if (format_ == ItemFormat::S3Export) {
        if (!json->is_object() || !json->contains("Item"))
            return validationError("Expected {\"Item\": {...}} (a DynamoDB export line)");
        item = &(*json)["Item"];
    }
    if (!item->is_object()) return validationError("Expected an item (a JSON object)");
    auto converted = itemFromJson(*item);
    if (!converted) return itemProblem(*item, converted.error());
    return converted;
}

Result<std::optional<ItemSource::Record>> ItemSource::next() {
    if (format_ == ItemFormat::Csv) {
        auto row = csv_.next();
        if (!row) return row.error();
        if (!*row) return std::optional<Record>();
        return std::optional<Record>(
            Record{++count_, (*row)->line, codec_->toItem(std::move(**row))});
    }
    auto record = json_.next(reader_);
    if (!record) return record.error();
    if (!*record) return std::optional<Record>();
    if ((*record)->read)
        return std::optional<Record>(Record{++count_, (*record)->line, std::move(*read_)});
    return std::optional<Record>(Record{++count_, (*record)->line, convert(**record)});
}

}  // namespace shardscape
