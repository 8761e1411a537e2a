#pragma once
// Gathers the facts classroom mode's step-through (request_walkthrough.h) needs about one
// request, from the engine, without changing anything: reads run as they would (GetItem
// through dispatch(), so bad requests get DynamoDB's errors), writes are worked out from
// the item they would replace and are not performed. Also the example requests the
// step-through offers for a table.

#include <string>
#include <vector>

#include "classroom/request_walkthrough.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

namespace shardscape {

struct WalkthroughRequest {
    // GetItem | Query | PutItem | UpdateItem | DeleteItem
    std::string operation;
    // The request body in DynamoDB JSON, as dispatch() takes it (TableName included).
    Json request;
    double requestsPerSecond = 1;
    // As one action of TransactGetItems / TransactWriteItems (not for Query).
    bool transactional = false;
};

// The operations the step-through follows.
std::vector<std::string> walkthroughOperations();

Result<WalkthroughFacts> gatherWalkthroughFacts(Engine& engine, const WalkthroughRequest& request);

// gatherWalkthroughFacts() then walkThrough().
Result<Walkthrough> walkThroughRequest(Engine& engine, const WalkthroughRequest& request);

// An example request body for `operation` on `table`: the key (or, for PutItem, the whole
// item) of `sample`, one of the table's items (key attributes it lacks get a placeholder
// value); reads ask for `consistentRead`.
Json exampleWalkthroughRequest(const TableDefinition& table, const std::string& operation,
                               const Item& sample, bool consistentRead = false);

// Up to `limit` items of the table, in storage order, as examples to step through.
Result<std::vector<Item>> walkthroughExamples(const Engine& engine, const std::string& tableName,
                                              int limit = 20);

}  // namespace shardscape
