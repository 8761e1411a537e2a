#include "bundled_data.h"

#include <QDir>
#include <QFileInfo>

namespace shardscape {

QString bundledDataDirectory(const QString& applicationDirectory) {
    const QStringList candidates = {
        // Installed: <prefix>/bin/shardscape -> <prefix>/share/shardscape
        QDir(applicationDirectory).absoluteFilePath("../share/shardscape"),
#ifdef SHARDSCAPE_SOURCE_RESOURCES
        // A build tree: the sources' resources/ directory.
        QStringLiteral(SHARDSCAPE_SOURCE_RESOURCES),
#endif
    };
    for (const QString& candidate : candidates)
        if (QFileInfo(candidate + "/models").isDir()) return QDir(candidate).canonicalPath();
    return {};
}

}  // namespace shardscape
