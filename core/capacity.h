#pragma once
// Capacity units consumed by one request, by AWS's documented rules:
// - Reads are charged in 4 KB units of the item size (Query/Scan: of the sum of all items
//   read in the page, before any filter), rounded up, at least one unit; an eventually
//   consistent read costs half.
// - Writes are charged in 1 KB units of the larger of the old and the new item, rounded up,
//   at least one unit.

#include <cstddef>
#include <string>

#include "attribute_json.h"
#include "result.h"

namespace shardscape {

enum class ReturnConsumedCapacity { None, Total, Indexes };

constexpr size_t kReadUnitBytes = 4 * 1024;
constexpr size_t kWriteUnitBytes = 1024;

double readCapacityUnits(size_t bytesRead, bool stronglyConsistent);
double writeCapacityUnits(size_t itemBytes);

// {"TableName":..,"CapacityUnits":..} (plus "Table" with INDEXES), or null for NONE.
Json consumedCapacityJson(ReturnConsumedCapacity mode, const std::string& tableName, double units,
                          bool isRead);

}  // namespace shardscape
