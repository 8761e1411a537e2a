#pragma once
// Capacity units consumed by one request, by AWS's documented rules:
// - Reads are charged in 4 KB units of the item size (Query/Scan: of the sum of all items
//   read in the page, before any filter), rounded up, at least one unit; an eventually
//   consistent read costs half.
// - Writes are charged in 1 KB units of the larger of the old and the new item, rounded up,
//   at least one unit.

#include <cstddef>
#include <map>
#include <string>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape {

enum class ReturnConsumedCapacity { None, Total, Indexes };

constexpr size_t kReadUnitBytes = 4 * 1024;
constexpr size_t kWriteUnitBytes = 1024;

double readCapacityUnits(size_t bytesRead, bool stronglyConsistent);
double writeCapacityUnits(size_t itemBytes);

// AWS: "transactional read and write requests consume twice the capacity units" of their
// non-transactional counterparts.
constexpr double kTransactionalFactor = 2.0;

// Capacity one request consumed on one table and its indexes. Reads and writes are kept
// apart because a transaction can do both (a ConditionCheck reads).
struct Units {
    double read = 0;
    double write = 0;
    double total() const { return read + write; }
    Units& operator+=(const Units& other) {
        read += other.read;
        write += other.write;
        return *this;
    }
};

struct CapacityUse {
    std::string tableName;
    Units table;
    std::map<std::string, Units> localIndexes;   // by index name
    std::map<std::string, Units> globalIndexes;  // by index name

    Units total() const;
    void addIndex(const std::string& index, bool global, Units units);
    CapacityUse& operator+=(const CapacityUse& other);
    CapacityUse scaled(double factor) const;
};

// Which figures a ConsumedCapacity entry carries. DynamoDB sends CapacityUnits alone for the
// single-item, batch, Query and Scan operations, and adds ReadCapacityUnits /
// WriteCapacityUnits for transactions (which can read and write in one request).
enum class CapacityKinds { TotalOnly, ReadAndWrite };

// ConsumedCapacity of one table: {"TableName","CapacityUnits"} (plus "ReadCapacityUnits" /
// "WriteCapacityUnits" for ReadAndWrite) and, with INDEXES, "Table", "LocalSecondaryIndexes"
// and "GlobalSecondaryIndexes"; null for NONE.
Json consumedCapacityJson(ReturnConsumedCapacity mode, const CapacityUse& use,
                          CapacityKinds kinds = CapacityKinds::TotalOnly);

// {"TableName":..,"CapacityUnits":..} (plus "Table" with INDEXES), or null for NONE.
Json consumedCapacityJson(ReturnConsumedCapacity mode, const std::string& tableName, double units,
                          bool isRead);

}  // namespace shardscape
