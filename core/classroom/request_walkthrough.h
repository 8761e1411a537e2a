#pragma once
// Classroom mode's step-through of one request: key → hash → partition → items read or
// written → units consumed → throttled or not, each step with its figure, how it was worked
// out, and the DynamoDB rule behind it (with where AWS states it).
//
// walkThrough() is a pure function of the facts about one request (the table, the key, the
// sizes of the items it touches, the request rate); walkthrough_facts.h gathers those facts
// from the engine without changing anything.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "capacity/simulation_report.h"
#include "capacity/throttle_kind.h"
#include "schema/table_definition.h"
#include "values/attribute_value.h"

namespace shardscape {

// What walkThrough() needs to know about one request.
struct WalkthroughFacts {
    // GetItem | Query | PutItem | UpdateItem | DeleteItem
    std::string operation;
    TableDefinition table;
    TableStatistics stats;
    AttributeValue partitionKey;
    std::optional<AttributeValue> sortKey;  // single-item requests on a table with a sort key
    std::string sortKeyCondition;           // Query: the sort-key part, as text ("" if none)
    bool consistentRead = false;
    // One action of TransactGetItems / TransactWriteItems: twice the units.
    bool transactional = false;
    // Reads: the size of every item read (Query: every item evaluated, before any filter).
    std::vector<size_t> itemSizes;
    // Writes: the item before and after the write (nullopt: there is none).
    std::optional<size_t> oldItemBytes;
    std::optional<size_t> newItemBytes;
    // How often this same request is sent, per second (the throttling step).
    double requestsPerSecond = 1;
};

struct WalkthroughStep {
    std::string id;      // key, hash, partition, items, units, throttling
    std::string title;   // "Key", "Hash", ...
    std::string value;   // the step's figure (a line or a few, separated by \n)
    std::string detail;  // how the figure follows from the previous steps
    std::string rule;    // the DynamoDB rule applied
    std::string source;  // where AWS states it (or Shardscape's assumption)
};

struct Walkthrough {
    std::vector<WalkthroughStep> steps;
    bool isRead = true;
    uint64_t hash = 0;
    int partitionIndex = 0;  // 0-based
    int partitionCount = 1;
    uint64_t partitionFirst = 0;
    uint64_t partitionLast = 0;
    size_t bytes = 0;  // read: sum of the items read; write: the larger of old and new item
    double units = 0;  // capacity units one request consumes (RCU or WCU)
    // Capacity units per second the partition is asked for, and serves, at the rate.
    double demand = 0;
    double served = 0;
    bool throttled = false;
    // When throttled: what refused it, a hot partition or the table's capacity, and the
    // ThrottlingReason DynamoDB returns ("TableWriteKeyRangeThroughputExceeded", ...).
    std::optional<ThrottleKind> throttleKind;
    std::string throttlingReason;
};

Walkthrough walkThrough(const WalkthroughFacts& facts);

// The rules a step-through applied, one per step: the step's rule, its figure (first line)
// and where AWS states it.
std::vector<AppliedRule> appliedRules(const Walkthrough& walkthrough);

// A key value as the step-through shows it: "CANDIDATE#ada" (S), 42 (N), base64 (B).
std::string keyValueText(const AttributeValue& value);
// A 64-bit hash as 0x0123456789abcdef.
std::string hashText(uint64_t hash);

}  // namespace shardscape
