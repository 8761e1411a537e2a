#pragma once
// Exports a table's (or one of its indexes') items to a stream in any ItemFormat, page by page
// (constant memory).
//
// JSON formats are written one item per line (the importers also read arrays). CSV needs
// its columns before the first row, so it scans the table twice: once for the attribute
// names and types, once for the rows. A column whose values all have one scalar type is
// headed "name:TYPE"; any other column is "name:DDB" with DynamoDB JSON cells, so an export
// imports back to the same items.

#include <atomic>
#include <functional>
#include <ostream>
#include <string>

#include "storage/engine.h"
#include "transfer/item_format.h"

namespace shardscape {

struct ExportOptions {
    ItemFormat format = ItemFormat::DynamoDbJson;
    // Export this secondary index's items (its projection) instead of the table's.
    std::string indexName;
    // Called after each page with the items written so far; returning false cancels.
    std::function<bool(int64_t itemsWritten)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct ExportReport {
    int64_t items = 0;
    bool cancelled = false;
};

// Errors: the table does not exist, storage failed, the stream failed.
Result<ExportReport> exportItems(const Engine& engine, const std::string& table, std::ostream& out,
                                 const ExportOptions& options);

}  // namespace shardscape
