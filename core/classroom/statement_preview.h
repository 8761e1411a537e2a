#pragma once
// What a PartiQL statement will run as, for the query builder's PartiQL mode: the item
// operation and its request (partiql/partiql_translation.h), why that operation was chosen,
// whether it is a Scan (read and charged in full whatever the WHERE keeps), and the cost line
// once DynamoDB has answered.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "partiql/partiql_translation.h"

namespace shardscape {

struct StatementPreview {
    std::string operation;  // GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem
    std::string table;
    Json request;  // the equivalent operation's request
    // Why this operation: "the WHERE fixes the whole primary key (Artist, SongTitle)".
    std::string reason;
    bool scan = false;
    // SELECT with a list of paths, or with conditions beyond the key: the items returned are
    // not all that was read.
    bool projected = false;
    bool filtered = false;
    // A SELECT naming several partition key values (IN, OR): how many reads it runs as.
    size_t partitions = 0;
};

using TableLookup = std::function<std::shared_ptr<const TableDefinition>(const std::string&)>;

// Reads and translates `statement` as ExecuteStatement would; the errors are its errors.
Result<StatementPreview> previewStatement(const std::string& statement, const Json& parameters,
                                          const TableLookup& findTable);

// The warning shown before a Scan runs; empty when the statement is no Scan.
std::string scanWarning(const StatementPreview& preview);

// The cost line after ExecuteStatement answered `response`: the operation it ran as, why,
// and why it consumed what it did (capacity/capacity_explanation.h).
std::string explainStatementCost(const StatementPreview& preview, const Json& response);

// The words the PartiQL editor completes besides table, index and attribute names.
std::vector<std::string> partiqlVocabulary();

}  // namespace shardscape
