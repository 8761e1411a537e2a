#pragma once
// How the engine reads LevelDB: every block loaded from disk has its checksum verified, so a
// damaged table file is reported as Corruption instead of being decoded as items. Blocks
// already in the block cache were checked when they were loaded, so reads from the cache pay
// nothing for it.

#include <leveldb/options.h>

namespace shardscape {

inline leveldb::ReadOptions checkedRead() {
    leveldb::ReadOptions options;
    options.verify_checksums = true;
    return options;
}

}  // namespace shardscape
