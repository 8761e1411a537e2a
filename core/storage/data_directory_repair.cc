#include "storage/data_directory_repair.h"

#include <leveldb/db.h>
#include <leveldb/env.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "storage/storage_error.h"

namespace shardscape {
namespace {

// Keeps what LevelDB's repair logs, a line per message.
class CollectingLogger : public leveldb::Logger {
  public:
    void Logv(const char* format, std::va_list arguments) override {
        char line[1024];
        std::vsnprintf(line, sizeof line, format, arguments);
        std::string text(line);
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (text.empty()) return;
        std::lock_guard lock(mutex_);
        lines_.push_back(std::move(text));
    }
    std::vector<std::string> take() {
        std::lock_guard lock(mutex_);
        return std::move(lines_);
    }

  private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

std::string withThousands(int64_t value) {
    const std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out = value < 0 ? std::string(1, '-') : std::string();
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace

bool RepairReport::foundProblems() const {
    for (const auto& table : tables)
        if (table.before.itemCount != table.after.itemCount ||
            table.before.sizeBytes != table.after.sizeBytes)
            return true;
    for (const auto& index : indexes)
        if (!index.consistent()) return true;
    return false;
}

std::string RepairReport::summary() const {
    std::string out = "Repair of data directory " + directory + "\n";
    out += "Storage (LevelDB repair):\n";
    for (const auto& note : storageNotes) out += "  " + note + "\n";
    if (storageNotes.empty()) out += "  nothing to report\n";
    out += "Tables:\n";
    if (tables.empty()) out += "  none\n";
    for (const auto& table : tables) {
        out += "  " + table.table + ": " + withThousands(table.after.itemCount) + " items, " +
               withThousands(table.after.sizeBytes) + " bytes";
        if (table.before.itemCount != table.after.itemCount ||
            table.before.sizeBytes != table.after.sizeBytes)
            out += " (the directory said " + withThousands(table.before.itemCount) + " items, " +
                   withThousands(table.before.sizeBytes) + " bytes: corrected)";
        out += "\n";
        for (const auto& index : indexes) {
            if (index.tableName != table.table) continue;
            out +=
                "    index " + index.indexName + ": " + withThousands(index.entries) + " entries";
            if (index.consistent()) {
                out += ", consistent with the table\n";
                continue;
            }
            out += "; fixed " + withThousands(index.missing) + " missing, " +
                   withThousands(index.stale) + " stale, " + withThousands(index.orphaned) +
                   " orphaned\n";
        }
    }
    out += foundProblems() ? "Result: repaired; the data directory opens.\n"
                           : "Result: no problems found in the tables; the data directory opens.\n";
    return out;
}

Result<RepairReport> repairDataDirectory(const std::string& directory, EngineOptions options) {
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(directory) / "CURRENT", ec) &&
        !std::filesystem::exists(std::filesystem::path(directory) / "LOCK", ec))
        return invalidArgumentError("Not a Shardscape data directory: " + directory +
                                    " (it has no CURRENT or LOCK file)");
    RepairReport report;
    report.directory = directory;
    leveldb::Env* env = options.env ? options.env : leveldb::Env::Default();

    // LevelDB's repair does not lock the directory itself: hold its lock so that a running
    // Shardscape (or serve) cannot be writing while files are rebuilt.
    leveldb::FileLock* lock = nullptr;
    leveldb::Status locked = env->LockFile(directory + "/LOCK", &lock);
    if (!locked.ok())
        return busyError("Data directory " + directory +
                         " is in use (close Shardscape or stop serve first): " + locked.ToString());
    CollectingLogger logger;
    leveldb::Options repairOptions;
    repairOptions.env = env;
    repairOptions.info_log = &logger;
    // Verify every block's checksum while salvaging: a damaged block is then skipped (its table
    // file rewritten without it) instead of being carried into the repaired database.
    repairOptions.paranoid_checks = true;
    const leveldb::Status repaired = leveldb::RepairDB(directory, repairOptions);
    (void)env->UnlockFile(lock);
    report.storageNotes = logger.take();
    if (!repaired.ok()) return storageError(repaired).withContext("LevelDB's repair failed: ");

    auto engine = Engine::open(directory, options);
    if (!engine)
        return engine.error().withContext("The data directory " + directory +
                                          " still does not open after LevelDB's repair: ");
    auto before = (*engine)->recountStatistics();
    if (!before) return before.error();
    for (const auto& [name, stats] : *before) {
        auto counted = (*engine)->describeTable(name);
        if (!counted) return counted.error();
        report.tables.push_back({name, stats, counted->second});
        for (const auto& index : counted->first.indexes) {
            auto check = (*engine)->checkIndex(name, index.name, true);
            if (!check) return check.error();
            report.indexes.push_back(*check);
        }
    }
    return report;
}

}  // namespace shardscape
