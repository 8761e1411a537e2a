#pragma once
// The key schemas an access pattern can read: a table's own and each of its indexes'.

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace shardscape {

struct KeySchemaView {
    enum class Kind { Table, GlobalIndex, LocalIndex };
    Kind kind = Kind::Table;
    std::string name;   // table or index name
    std::string table;  // the table's name
    std::string partitionKey;
    std::optional<std::string> sortKey;

    // "table Shop", "index GSI1 of Shop".
    std::string describe() const;
    std::string keysText() const;  // "PK, SK" or "PK"
};

// The table first, then its GSIs, then its LSIs.
std::vector<KeySchemaView> keySchemaViews(const ModelTable& table);

}  // namespace shardscape
