#pragma once
// A PartiQL statement as the item operation that runs it, so that it reads, writes, validates
// and is charged exactly as that operation: a SELECT whose WHERE fixes the whole primary key
// (and nothing else) is a GetItem; one that fixes the partition key of the table or index it
// reads is a Query (a condition on the sort key becomes the key condition, the rest the
// filter); any other SELECT is a Scan with the WHERE as its filter. INSERT is a PutItem that
// must not find the key, UPDATE an UpdateItem that must find it, DELETE a DeleteItem; their
// WHERE names the whole key and any further condition becomes the condition expression.
// EXISTS (transactions only) is a ConditionCheck.

#include <optional>
#include <string>
#include <vector>

#include "partiql/partiql_statement.h"
#include "schema/table_definition.h"

namespace shardscape::partiql {

struct Translation {
    // GetItem, Query, Scan, PutItem, UpdateItem, DeleteItem or ConditionCheck.
    std::string operation;
    // The operation's request: TableName, Key or Item, the expressions and their names and
    // values, IndexName, ConsistentRead, Limit, ExclusiveStartKey and ReturnValues as they
    // apply; never ReturnConsumedCapacity.
    Json request;
    // SELECT: the paths the result shows, each under resultName(); empty for *. The
    // operation reads whole items (a projection changes no capacity), and projectResult()
    // picks the paths from them.
    std::vector<DocumentPath> projection;
    // Query: conditions on key attributes that a filter expression may not name, applied to
    // the items the Query returns: a condition expression and its ExpressionAttributeNames /
    // ExpressionAttributeValues (in `postFilterMaps`); empty when there are none.
    std::string postFilter;
    Json postFilterMaps = Json::object();
    // GetItem: each key attribute with the index of the ? parameter that gives its value, or
    // -1 when the statement names the value itself.
    std::vector<std::pair<std::string, int>> keySources;
    // SELECT whose WHERE names several partition key values with IN or OR (DynamoDB reads
    // those partitions, not the whole table): one GetItem or Query per distinct value, in the
    // order written. `operation` and `request` are then the first one's.
    std::vector<Translation> partitions;
};

// AWS: IN takes "at max 50 hash attribute values" (PartiQL operators for DynamoDB).
constexpr size_t kMaxPartitionKeyChoices = 50;
// AWS: such a read's "results are returned in pages of up to 10 items".
constexpr size_t kPartitionChoicePageItems = 10;

struct ReadOptions {
    bool consistentRead = false;
    std::optional<long long> limit;
    Json exclusiveStartKey;  // null for the first page
};

Result<Translation> translateStatement(const Statement& statement, const TableDefinition& table,
                                       const ReadOptions& options = {});

// A SELECT result item as PartiQL shows it: each projected path under its result name.
Result<Json> projectResult(const Json& item, const std::vector<DocumentPath>& projection);

}  // namespace shardscape::partiql
