#include "transfer/item_format.h"

namespace shardscape {

std::string_view itemFormatName(ItemFormat format) {
    switch (format) {
        case ItemFormat::DynamoDbJson:
            return "dynamodb-json";
        case ItemFormat::S3Export:
            return "s3-export";
        case ItemFormat::PlainJson:
            return "json";
        case ItemFormat::Csv:
            break;
    }
    return "csv";
}

std::optional<ItemFormat> itemFormatFromName(std::string_view name) {
    for (ItemFormat f :
         {ItemFormat::DynamoDbJson, ItemFormat::S3Export, ItemFormat::PlainJson, ItemFormat::Csv})
        if (itemFormatName(f) == name) return f;
    return std::nullopt;
}

}  // namespace shardscape
