#pragma once
// Where the bundled example models and teaching scenarios are: installed under the prefix
// (<prefix>/share/shardscape, found from the executable's own directory), or in the source
// tree's resources/ when running from a build directory.

#include <QString>

namespace shardscape {
// The directory holding models/ and scenarios/, or an empty string when there is none.
// `applicationDirectory` is the running executable's directory.
QString bundledDataDirectory(const QString& applicationDirectory);
}  // namespace shardscape
