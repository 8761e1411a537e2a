#pragma once
// Imports items from a file into a table through the engine's bulk loader, in chunks.
//
// Streams: memory stays constant however large the file. Every record is checked before it
// is written (it must be an item, carry the table's key attributes with the right types, and
// fit in 400 KB); a record that fails is not written and is listed in the report with its
// record number, line and reason. Nothing is dropped silently: the report counts every
// record as imported or rejected, and says when the import was cancelled or stopped on a
// broken file and how many items were written before that.
//
// With `allOrNothing`, the file is read twice: a first pass checks every record and writes
// nothing; only if no record is rejected does the second pass write them all.
//
// Progress and cancellation: `progress` is called after each chunk (and once at the end);
// returning false cancels. `cancel`, if set, is polled per record (for a GUI worker thread).

#include <atomic>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "transfer/item_format.h"

namespace shardscape {

struct ImportProgress {
    int64_t records = 0;
    int64_t imported = 0;
    int64_t rejected = 0;
    uint64_t bytesRead = 0;
};

struct ImportOptions {
    ItemFormat format = ItemFormat::DynamoDbJson;
    std::map<std::string, std::string> columnTypes;  // CSV: attribute -> type
    size_t chunkItems = 1000;
    bool allOrNothing = false;
    size_t maxRejectionsListed = 100;  // all are counted; this many are described
    std::function<bool(const ImportProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct ImportRejection {
    int64_t record = 0;
    int64_t line = 0;
    std::string reason;
};

struct ImportReport {
    int64_t records = 0;   // records read
    int64_t imported = 0;  // items written
    int64_t rejected = 0;
    std::vector<ImportRejection> rejections;  // the first maxRejectionsListed
    bool cancelled = false;
    // Set when reading stopped early: the file is broken from here on.
    std::string stoppedBecause;
    bool dryRunOnly = false;  // allOrNothing found rejections: nothing was written

    bool complete() const { return !cancelled && stoppedBecause.empty() && rejected == 0; }
    // A few lines for people: counts, then the listed rejections.
    std::string summary() const;
};

// Opens `path` (twice with allOrNothing) and imports it into `table`. Errors: the table does
// not exist, the file cannot be opened, a CSV header is unusable, storage failed.
Result<ImportReport> importItemsFromFile(Engine& engine, const std::string& table,
                                         const std::string& path, const ImportOptions& options);
// One pass over a stream (allOrNothing is not available: a stream cannot be re-read).
Result<ImportReport> importItems(Engine& engine, const std::string& table, std::istream& in,
                                 const ImportOptions& options);

}  // namespace shardscape
