#pragma once
// The item file formats as the import and export dialogs name them.

#include <QString>

#include "transfer/item_format.h"

namespace shardscape {

// "DynamoDB JSON", "S3 export lines", "Plain JSON", "CSV" with a hint of their shape.
QString itemFormatLabel(ItemFormat format);
// The four formats in the order the dialogs offer them.
inline constexpr ItemFormat kItemFormats[] = {ItemFormat::DynamoDbJson, ItemFormat::S3Export,
                                              ItemFormat::PlainJson, ItemFormat::Csv};

}  // namespace shardscape
