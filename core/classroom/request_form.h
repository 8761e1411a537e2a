#pragma once
// The query builder's form as data, and the DynamoDB request it stands for. The GUI only
// collects the fields; turning them into a request (key values typed by the key schema,
// placeholders for key names and values, the user's own names and values merged in) is
// done here, where it can be tested headless.

#include <optional>
#include <string>

#include "base/result.h"
#include "schema/table_definition.h"
#include "values/attribute_json.h"

namespace shardscape {

struct RequestForm {
    std::string operation = "Query";  // Query, Scan, GetItem, PutItem, UpdateItem, DeleteItem
    std::string table;
    std::string index;  // Query and Scan; empty: the table itself
    // Key values as typed (converted to the key attribute's type: S, N or B in base64).
    std::string partitionKey;
    // Query: "", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"; GetItem, UpdateItem and
    // DeleteItem use sortKey as the item's sort key value.
    std::string sortKeyOperator;
    std::string sortKey;
    std::string sortKeyUpper;  // BETWEEN
    std::string filterExpression;
    std::string projectionExpression;
    std::string conditionExpression;
    std::string updateExpression;
    std::string itemJson;    // PutItem: the item in DynamoDB JSON
    std::string namesJson;   // ExpressionAttributeNames the user's expressions use
    std::string valuesJson;  // ExpressionAttributeValues the user's expressions use
    bool consistentRead = false;
    bool scanForward = true;
    int limit = 0;  // 0: none
    std::optional<Json> exclusiveStartKey;
};

// The request body for `form` on `table` (ReturnConsumedCapacity INDEXES included); errors
// name the field at fault ("Partition key: 'abc' is not a number").
Result<Json> buildRequest(const TableDefinition& table, const RequestForm& form);

}  // namespace shardscape
