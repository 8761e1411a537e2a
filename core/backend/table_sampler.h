#pragma once
// Copies the first N items of a table from one backend into another (typically a remote
// table into the local engine): creates the target table from the source's DescribeTable
// when it does not exist (same keys, billing and indexes), then Scans the source a page at a
// time and writes the items with BatchWriteItem, retrying unprocessed items. An existing
// target table must have the same key schema.

#include <cstdint>
#include <functional>
#include <string>

#include "backend/backend.h"

namespace shardscape {

struct SampleResult {
    bool createdTable = false;
    int64_t copied = 0;
    bool cancelled = false;
};

// Called after each written batch with the items copied so far; returning false cancels.
using SampleProgress = std::function<bool(int64_t copied)>;

Result<SampleResult> sampleTable(Backend& source, Backend& target, const std::string& table,
                                 int64_t count, const SampleProgress& progress = {});

}  // namespace shardscape
