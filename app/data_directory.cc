#include "data_directory.h"

#include <QStandardPaths>

namespace shardscape {
QString defaultDataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           "/shardscape/data";
}
}  // namespace shardscape
