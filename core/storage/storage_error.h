#pragma once
// The Error a failed LevelDB call becomes: Corruption when LevelDB found damaged data, IOError
// for everything else it reports (a failed read, write or sync). The message is LevelDB's.

#include <leveldb/status.h>

#include "base/result.h"

namespace shardscape {

inline Error storageError(const leveldb::Status& status) {
    std::string message = "Storage error: " + status.ToString();
    return status.IsCorruption() ? corruptionError(std::move(message))
                                 : ioError(std::move(message));
}

}  // namespace shardscape
