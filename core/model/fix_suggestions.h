#pragma once
// Suggest a fix: for an access pattern the analyzer rates amber or red, concrete changes to
// the model that make it serve the pattern better, each one the whole edited model (so
// applying it is one undoable step) with a title, what it costs, and its diff.
//
// - Shard the partition key N ways (a Throttled write): the entity gets a `shard` attribute
//   drawn from N values and its key template ends in "#{shard}"; the writing patterns follow.
//   N is the smallest of 10, 20, 50, 100, 200, 500, 1000 that leaves each shard of the hottest
//   key at most 1/25 of a partition's limit (40 WCU/s): at that grain hashing spreads the
//   shards evenly over the table's partitions. Readers of that key now make N requests each.
// - Read eventually consistent (a Throttled strongly consistent read that fits at half the
//   cost).
// - Overload the sort key with a template (an amber Query reading begins_with on the entity's
//   sort-key prefix and filtering one attribute for a constant): the template takes that
//   attribute after its prefix ('ORDER#{status}#{orderDate}#{orderId}') and the Query asks for
//   begins_with 'ORDER#PLACED#'. Items change key when the attribute changes; readers by the
//   whole key must know it, readers by the prefix get the items ordered by it first.
// - Add a GSI with these keys and this projection (a Scan with an equality filter, or a Query
//   whose filter compares an attribute for equality): the pattern becomes a Query on it and
//   the filter goes. Projection ALL, and (when the pattern names its entity) the cheaper
//   INCLUDE of the attributes its items carry.
// - Change the projection of the index a Query reads (model/projection_fix.h) when it lacks
//   attributes the pattern returns or filters on: INCLUDE them, or ALL. This one also applies
//   to a green pattern on an LSI, which pays for fetching each item from the table.
// Other patterns rated green get none; a pattern may get none when no rule fits.

#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"
#include "model/model_diff.h"

namespace shardscape {

enum class FixKind {
    ShardPartitionKey,
    EventuallyConsistent,
    OverloadSortKey,
    AddIndex,
    ChangeProjection
};

struct FixSuggestion {
    FixKind kind = FixKind::AddIndex;
    std::string title;        // "Shard PK of entity Vote 100 ways"
    std::string explanation;  // why it helps and what it costs (the readers)
    Model model;              // the model with the change made
    std::vector<DiffLine> diff;
};

// Errors: the model has no access pattern of that name.
Result<std::vector<FixSuggestion>> suggestFixes(const Model& model, const std::string& pattern);

}  // namespace shardscape
