#pragma once
// `shardscape-cli repair --data DIR`: brings back a data directory that no longer opens or that
// an error left in doubt. LevelDB's own repair rebuilds the database from the files that are
// still readable (damaged files are moved to DIR/lost); then the engine opens it, counts every
// table's items again and checks each index against its table, fixing entries that are
// missing, stale or orphaned. The report says what was found at each step.

#include <string>
#include <vector>

#include "base/result.h"
#include "storage/engine.h"

namespace shardscape {

struct RepairReport {
    std::string directory;
    std::vector<std::string> storageNotes;  // what LevelDB's repair did, in its words
    struct TableFigures {
        std::string table;
        TableStatistics before;  // the statistics the directory held
        TableStatistics after;   // counted
    };
    std::vector<TableFigures> tables;
    std::vector<Engine::IndexCheck> indexes;  // as found (and then fixed)

    // Whether the counts or any index had to be corrected.
    bool foundProblems() const;
    std::string summary() const;  // lines for people
};

Result<RepairReport> repairDataDirectory(const std::string& directory, EngineOptions options = {});

}  // namespace shardscape
