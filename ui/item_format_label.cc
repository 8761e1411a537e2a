#include "item_format_label.h"

#include <QObject>

namespace shardscape {

QString itemFormatLabel(ItemFormat format) {
    switch (format) {
        case ItemFormat::DynamoDbJson:
            return QObject::tr("DynamoDB JSON");
        case ItemFormat::S3Export:
            return QObject::tr("S3 export lines ({\"Item\": …})");
        case ItemFormat::PlainJson:
            return QObject::tr("Plain JSON (types inferred)");
        case ItemFormat::Csv:
            break;
    }
    return QObject::tr("CSV (header row; \"name:TYPE\" columns)");
}

}  // namespace shardscape
