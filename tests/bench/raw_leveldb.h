#pragma once
// Raw LevelDB opened with the engine's own options (write buffer, block cache, 10-bit Bloom
// filters, paranoid checks): the baseline of the benchmarks, so that their ratios measure
// what the engine adds and not a difference in LevelDB settings.

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "storage/engine.h"

namespace shardscape::testing {

struct RawLevelDb {
    std::unique_ptr<leveldb::Cache> cache;
    std::unique_ptr<const leveldb::FilterPolicy> filter;
    std::unique_ptr<leveldb::DB> db;

    // Exits the benchmark if the database cannot be opened.
    explicit RawLevelDb(const std::string& path) {
        leveldb::Options options;
        options.create_if_missing = true;
        options.paranoid_checks = true;
        options.write_buffer_size = EngineOptions().writeBufferBytes;
        cache.reset(leveldb::NewLRUCache(EngineOptions().blockCacheBytes));
        options.block_cache = cache.get();
        filter.reset(leveldb::NewBloomFilterPolicy(10));
        options.filter_policy = filter.get();
        leveldb::DB* raw = nullptr;
        if (!leveldb::DB::Open(options, path, &raw).ok()) {
            std::fprintf(stderr, "cannot open raw LevelDB at %s\n", path.c_str());
            std::exit(1);
        }
        db.reset(raw);
    }
};

}  // namespace shardscape::testing
