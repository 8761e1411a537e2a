#include "transfer/item_import.h"

#include <algorithm>
#include <cerrno>
#include <fstream>

#include "transfer/item_source.h"

namespace shardscape {

namespace {

class Importer {
  public:
    Importer(Engine& engine, std::shared_ptr<const TableDefinition> table,
             const ImportOptions& options, bool write)
        : engine_(engine), table_(std::move(table)), options_(options), write_(write) {}

    Result<ImportReport> run(std::istream& in) {
        auto source = ItemSource::open(in, options_.format, options_.columnTypes);
        if (!source) return source.error();
        std::unique_ptr<BulkLoader> loader;
        if (write_) {
            auto opened = engine_.beginBulkLoad(table_->name);
            if (!opened) return opened.error();
            loader = std::move(opened).value();
        }
        std::vector<BulkLoader::CheckedItem> chunk;
        chunk.reserve(reservedItems());
        while (true) {
            if (options_.cancel && options_.cancel->load()) {
                report_.cancelled = true;
                break;
            }
            auto record = (*source)->next();
            if (!record) {
                report_.stoppedBecause = record.error().message;
                break;
            }
            if (!*record) break;
            ++report_.records;
            auto checked = check(std::move((*record)->item));
            if (!checked) {
                reject(**record, checked.error().message);
            } else {
                chunk.push_back(std::move(checked).value());
                if (chunk.size() >= options_.chunkItems) {
                    SHARDSCAPE_TRY(flush(loader.get(), chunk));
                    if (!progress((*source)->bytesRead())) break;
                }
            }
        }
        // Items read before a cancellation or a broken tail are written and counted: the
        // report says exactly what happened.
        SHARDSCAPE_TRY(flush(loader.get(), chunk));
        if (loader) SHARDSCAPE_TRY(loader->finish());
        progress((*source)->bytesRead());
        return report_;
    }

  private:
    // The record's item with the checks the loader makes (keys, 400 KB), or why not.
    Result<BulkLoader::CheckedItem> check(Result<Item> item) const {
        if (!item) return item.error();
        return BulkLoader::check(*table_, std::move(item).value());
    }

    void reject(const ItemSource::Record& record, const std::string& reason) {
        ++report_.rejected;
        if (report_.rejections.size() < options_.maxRejectionsListed)
            report_.rejections.push_back({record.number, record.line, reason});
    }

    Status flush(BulkLoader* loader, std::vector<BulkLoader::CheckedItem>& chunk) {
        if (chunk.empty()) return {};
        const auto count = static_cast<int64_t>(chunk.size());
        if (loader) SHARDSCAPE_TRY(loader->addChecked(std::move(chunk)));
        chunk.clear();
        chunk.reserve(reservedItems());
        if (write_) report_.imported += count;
        return {};
    }

    // Room for a chunk (a moved-from chunk has none), within reason for a large chunkItems.
    size_t reservedItems() const { return std::min<size_t>(options_.chunkItems, 4096); }

    bool progress(uint64_t bytes) {
        if (!options_.progress) return true;
        if (options_.progress({report_.records, report_.imported, report_.rejected, bytes}))
            return true;
        report_.cancelled = true;
        return false;
    }

    Engine& engine_;
    std::shared_ptr<const TableDefinition> table_;
    const ImportOptions& options_;
    bool write_;
    ImportReport report_;
};

Result<std::shared_ptr<const TableDefinition>> findTable(Engine& engine, const std::string& name) {
    auto table = engine.table(name);
    if (!table)
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + name + " not found"};
    return table;
}

}  // namespace

std::string ImportReport::summary() const {
    std::string out = std::to_string(records);
    out.append(" records read, ").append(std::to_string(imported)).append(" items imported, ");
    out.append(std::to_string(rejected)).append(" rejected");
    if (dryRunOnly) out.append(" (nothing written: the import is all-or-nothing)");
    out.append("\n");
    if (cancelled) out.append("Cancelled: the items counted above were written.\n");
    if (!stoppedBecause.empty())
        out.append("Stopped, the file is broken at ")
            .append(stoppedBecause)
            .append(": the items counted above were written.\n");
    for (const auto& r : rejections) {
        out.append("record ").append(std::to_string(r.record));
        out.append(" (line ").append(std::to_string(r.line)).append("): ");
        out.append(r.reason).append("\n");
    }
    if (rejected > static_cast<int64_t>(rejections.size()))
        out.append("... and ")
            .append(std::to_string(rejected - static_cast<int64_t>(rejections.size())))
            .append(" more rejected records\n");
    return out;
}

Result<ImportReport> importItems(Engine& engine, const std::string& table, std::istream& in,
                                 const ImportOptions& options) {
    if (options.allOrNothing)
        return validationError("An all-or-nothing import needs a file (it is read twice)");
    auto definition = findTable(engine, table);
    if (!definition) return definition.error();
    return Importer(engine, *definition, options, true).run(in);
}

Result<ImportReport> importItemsFromFile(Engine& engine, const std::string& table,
                                         const std::string& path, const ImportOptions& options) {
    auto definition = findTable(engine, table);
    if (!definition) return definition.error();
    auto openFile = [&](std::ifstream& in) -> Status {
        in.open(path, std::ios::binary);
        if (!in) return fileSystemError("Cannot open " + path, errno);
        return {};
    };
    if (options.allOrNothing) {
        std::ifstream first;
        SHARDSCAPE_TRY(openFile(first));
        auto check = Importer(engine, *definition, options, false).run(first);
        if (!check) return check.error();
        if (!check->complete()) {
            check->dryRunOnly = true;
            return check;
        }
    }
    std::ifstream in;
    SHARDSCAPE_TRY(openFile(in));
    return Importer(engine, *definition, options, true).run(in);
}

}  // namespace shardscape
