#pragma once
// Applications repeat the same PartiQL SELECT by the whole primary key with new ? parameters,
// as they would call GetItem. The first run of such a statement is read and translated like any
// other; what that found (the table definition, which parameter or literal gives each key
// attribute, the projection) is remembered per statement text, so that a repeat reads its item
// as the GetItem it translates to, without reading and translating the text again.
//
// The memory is per thread (no locking on the request path) and small: it forgets everything
// when full. A plan holds the table definition it was made for; a table deleted and created
// again under the same name has a new definition, and the statement is translated afresh.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/json.h"
#include "schema/table_definition.h"
#include "values/document_path.h"

namespace shardscape {

struct KeyReadPlan {
    std::shared_ptr<const TableDefinition> table;
    // Each key attribute with the index of the ? parameter that gives its value, or -1 when the
    // statement names the value (then in `literalKey`).
    std::vector<std::pair<std::string, int>> keySources;
    Json literalKey = Json::object();
    std::vector<DocumentPath> projection;  // empty for *
    size_t parametersUsed = 0;
};

// The plan remembered for `statement` on this thread, or null.
const KeyReadPlan* rememberedKeyRead(const std::string& statement);

void rememberKeyRead(const std::string& statement, KeyReadPlan plan);

}  // namespace shardscape
