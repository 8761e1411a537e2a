#pragma once
// Where the GUI and the CLI keep their engine data unless told otherwise, so both see the
// same tables: $XDG_DATA_HOME/shardscape/data (usually ~/.local/share/shardscape/data).

#include <QString>

namespace shardscape {
QString defaultDataDirectory();
}
