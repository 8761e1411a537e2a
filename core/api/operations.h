#pragma once
// DynamoDB operations on the JSON wire format: each handler validates a request body exactly
// as DynamoDB does, runs it on the engine and builds DynamoDB's response body.
// dispatch() (dispatch.h) is the one entry point that routes by operation name.

#include "capacity/capacity.h"
#include "expressions/expression.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

namespace shardscape {

Result<Json> createTableOperation(Engine& engine, const Json& request);
Result<Json> describeTableOperation(Engine& engine, const Json& request);
Result<Json> listTablesOperation(Engine& engine, const Json& request);
Result<Json> updateTableOperation(Engine& engine, const Json& request);
Result<Json> deleteTableOperation(Engine& engine, const Json& request);

Result<Json> putItemOperation(Engine& engine, const Json& request);
Result<Json> getItemOperation(Engine& engine, const Json& request);
Result<Json> deleteItemOperation(Engine& engine, const Json& request);
Result<Json> updateItemOperation(Engine& engine, const Json& request);

// GetItem once its request is read: reads the item at `key`, charges the read and answers
// with "Item" (all of it, or `projection`) and "ConsumedCapacity" as `capacity` asks.
Result<Json> readItemByKey(Engine& engine, const std::string& tableName, const Item& key,
                           bool consistent, ReturnConsumedCapacity capacity,
                           const Projection* projection);

Result<Json> queryOperation(Engine& engine, const Json& request);
Result<Json> scanOperation(Engine& engine, const Json& request);

Result<Json> batchGetItemOperation(Engine& engine, const Json& request);
Result<Json> batchWriteItemOperation(Engine& engine, const Json& request);
Result<Json> transactWriteItemsOperation(Engine& engine, const Json& request);
Result<Json> transactGetItemsOperation(Engine& engine, const Json& request);

// PartiQL (partiql_operations.cc).
Result<Json> executeStatementOperation(Engine& engine, const Json& request);
Result<Json> batchExecuteStatementOperation(Engine& engine, const Json& request);
Result<Json> executeTransactionOperation(Engine& engine, const Json& request);

Result<Json> updateTimeToLiveOperation(Engine& engine, const Json& request);
Result<Json> describeTimeToLiveOperation(Engine& engine, const Json& request);

Result<Json> tagResourceOperation(Engine& engine, const Json& request);
Result<Json> untagResourceOperation(Engine& engine, const Json& request);
Result<Json> listTagsOfResourceOperation(Engine& engine, const Json& request);

// DynamoDB Streams (X-Amz-Target DynamoDBStreams_20120810.*).
Result<Json> listStreamsOperation(Engine& engine, const Json& request);
Result<Json> describeStreamOperation(Engine& engine, const Json& request);
Result<Json> getShardIteratorOperation(Engine& engine, const Json& request);
Result<Json> getRecordsOperation(Engine& engine, const Json& request);

}  // namespace shardscape
