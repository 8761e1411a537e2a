#pragma once
// Request-reading pieces shared by several operations.

#include <optional>
#include <string>

#include "api/request_reader.h"
#include "capacity/capacity.h"
#include "storage/engine.h"

namespace shardscape {

// Reads ReturnConsumedCapacity (INDEXES | TOTAL | NONE).
ReturnConsumedCapacity readReturnConsumedCapacity(RequestReader& reader);
ReturnConsumedCapacity toReturnConsumedCapacity(const std::optional<std::string>& value);

// Reads an attribute map member (Item, Key, ExclusiveStartKey): serialization problems are
// reported through `reader`; AttributeValue validation errors are returned.
Result<std::optional<Item>> readItemMember(const Json& request, const char* member);

// DynamoDB checks a request's expressions (their syntax, then the names and values they use)
// before it looks for the table, its index or its key schema. The operations parse them
// against the key schema once they have the table; when a check that needs the table fails
// (`tableError`: a missing table or index, a key condition against the keys, a key attribute
// updated), this reads the expressions alone first, so that their error comes before it.
Error expressionErrorFirst(const Json& request, Error tableError);

// Adds "ConsumedCapacity" to `response` unless mode is NONE.
void addConsumedCapacity(Json& response, ReturnConsumedCapacity mode, const std::string& table,
                         double units, bool isRead);

// ConsumedCapacity of a multi-table request: one entry per table.
Json consumedCapacityList(ReturnConsumedCapacity mode,
                          const std::map<std::string, CapacityUse>& uses,
                          CapacityKinds kinds = CapacityKinds::TotalOnly);

// Capacity enforcement of a read of one item (GetItem, BatchGetItem, TransactGetItems):
// charges `units` to the partition of the key's partition key. Success when the table's
// capacity is not metered; the throttling error when the read is refused.
Status chargeItemRead(Engine& engine, const std::string& tableName, const Item& key, double units);

// Write capacity of one item write: the table's (the larger of the old and new item) and
// each secondary index write's.
CapacityUse writeCapacityOf(const std::string& table, const WriteResult& written);

// DynamoDB's ItemCollectionMetrics of a write to a table with local secondary indexes:
// {"ItemCollectionKey":{pk:value},"SizeEstimateRangeGB":[lower,upper]}; null otherwise.
Json itemCollectionMetrics(const TableDefinition& table, const Item& keySource,
                           const WriteResult& written);

}  // namespace shardscape
