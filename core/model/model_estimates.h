#pragma once
// Estimates the analyzer works from: item sizes from an entity's attributes, how a key
// template's values spread over partition keys (from the sample-value generators), which
// share of items a filter keeps, and DynamoDB's capacity-unit arithmetic.

#include <optional>
#include <string>
#include <vector>

#include "expressions/expression.h"
#include "model/key_template.h"
#include "model/model.h"

namespace shardscape {

// Bytes of a typical item of the entity, by DynamoDB's item-size rules applied to typical
// values of each attribute (its generator's, or a default for the type).
double estimateItemBytes(const Model& model, const EntityType& entity);

struct KeySpread {
    std::optional<double> cardinality;   // distinct key values; nullopt = unbounded/unknown
    std::optional<double> hottestShare;  // share of items/requests on the hottest value
};
// How values rendered from `keyTemplate` spread, given the entity's generators. A constant
// template is one value (share 1); variables multiply.
KeySpread templateSpread(const EntityType& entity, const KeyTemplate& keyTemplate);

// The entity an access pattern works on: the one it names, else the one entity of its table,
// else the entity whose template for `partitionKey` has the same literal prefix as
// `valueTemplate`. Null when none fits.
const EntityType* patternEntity(const Model& model, const AccessPattern& pattern,
                                const std::string& partitionKey, const std::string& valueTemplate);

// Share of items a filter keeps: the pattern's filterKeeps if given; else equality with an
// enum/boolean attribute keeps that value's weight (1/n unknown), AND multiplies, OR adds,
// NOT complements, anything else keeps half.
double estimateFilterKeeps(const AccessPattern& pattern, const Condition& filter,
                           const EntityType* entity);

// Bytes of the entity's entry in a global or local index: its item's estimate less the
// attributes and key templates the index does not project.
double indexEntryBytes(const Model& model, const ModelTable& table, const ModelIndex& index,
                       const EntityType& entity);

// AWS ("Using Global Secondary Indexes in DynamoDB"): an UpdateItem setting `updates` on an
// item the index holds writes the index twice when it changes the index's key attribute (or
// an attribute the entity's template for it names: the old entry is deleted, the new one
// put), once when it changes only an attribute the index projects, and not at all otherwise.
int updateIndexWriteCount(const ModelIndex& index, const EntityType* entity,
                          const std::vector<std::string>& updates);

// Read capacity units for reading `bytes` in one request (one 4 KB unit per started 4 KB;
// eventually consistent reads cost half), and write units (1 KB units).
double readUnits(double bytes, bool consistent);
double writeUnits(double bytes);

// "12", "2.5", "0.13": at most three significant decimals, no trailing zeros.
std::string formatAmount(double value);

// One partition's throughput limits.
constexpr double kPartitionReadUnitsPerSecond = 3000;
constexpr double kPartitionWriteUnitsPerSecond = 1000;
// An item collection (items sharing a partition key) is capped at 10 GB when the table has
// a local secondary index.
constexpr double kItemCollectionLimitBytes = 10.0 * 1024 * 1024 * 1024;

}  // namespace shardscape
