#pragma once
// Reading the secondary-index parts of CreateTable and UpdateTable requests, with DynamoDB's
// validation order and messages.

#include <optional>
#include <string>
#include <vector>

#include "api/request_reader.h"
#include "schema/table_definition.h"

namespace shardscape {

struct ThroughputInput {
    std::optional<int64_t> read;
    std::optional<int64_t> write;
    bool present = false;
};

// Reads a ProvisionedThroughput structure (of the request, or of `parent`); `path` prefixes
// the member names in constraint messages.
ThroughputInput readThroughput(RequestReader& reader, const Json* parent = nullptr,
                               const std::string& path = "provisionedThroughput");
Status checkThroughputBounds(const ThroughputInput& t);
// DynamoDB's default per-table (and per-index) quota, 40,000 read and 40,000 write capacity
// units: LimitExceededException naming it (rules::tableQuotaExceeded); `index` empty for the
// table.
Status checkTableQuota(const ThroughputInput& t, const std::string& index);

struct KeyElementInput {
    std::optional<std::string> name;
    std::optional<std::string> type;  // AttributeType or KeyType
};

// Reads a KeySchema or AttributeDefinitions list; `path` is its member path.
std::vector<KeyElementInput> readKeyElements(RequestReader& reader, const Json* list,
                                             const char* typeMember, const std::string& path,
                                             bool checkKeyType);

struct IndexInput {
    std::optional<std::string> name;
    std::vector<KeyElementInput> keys;
    bool hasProjection = false;
    std::optional<std::string> projectionType;
    std::optional<std::vector<std::string>> nonKeyAttributes;
    ThroughputInput throughput;
    // OnDemandThroughput (global secondary indexes of on-demand tables).
    std::optional<int64_t> maxRead;
    std::optional<int64_t> maxWrite;
    bool onDemandPresent = false;
};

// Reads LocalSecondaryIndexes or GlobalSecondaryIndexes (`member`), reporting serialization
// and constraint problems through `reader`.
std::vector<IndexInput> readIndexList(RequestReader& reader, const Json& request,
                                      const char* member, bool global);
IndexInput readIndexInput(RequestReader& reader, const Json& element, const std::string& path,
                          bool global);

// The semantic checks of CreateTable's indexes, in DynamoDB's order, then the definitions.
// `table` already holds the key schema, attribute definitions and billing mode.
Result<std::vector<IndexDefinition>> buildIndexes(
    const TableDefinition& table, const std::optional<std::vector<IndexInput>>& local,
    const std::optional<std::vector<IndexInput>>& global);

// Checks one index's key schema and projection and builds its definition.
Result<IndexDefinition> buildIndex(const IndexInput& input, bool global,
                                   const std::vector<AttributeDefinition>& definitions,
                                   bool payPerRequest,
                                   const std::optional<std::string>& tablePartitionKey = {});

}  // namespace shardscape
