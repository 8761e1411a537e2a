#pragma once
// Suggest a fix, "change the projection": an access pattern Queries an index whose projection
// lacks attributes the pattern returns or filters on. On a GSI the Query cannot get them at
// all (the analyzer calls it impossible); on an LSI each item is fetched from the table, at
// the cost of reading it there. The fixes: INCLUDE the missing attributes (added to what the
// index projects), or project ALL. Each says what it costs: the bigger index entries (their
// storage, over the entities' expected items) and the index's write capacity for the
// entities' writers, before and after, and that an existing index cannot change its
// projection in place.

#include <vector>

#include "model/access_pattern_analyzer.h"
#include "model/fix_suggestions.h"

namespace shardscape {

// The projection changes for `pattern` (analyzed as `analysis`), INCLUDE first, each with the
// whole edited model; none when the pattern reads no index, the index has what it needs, or
// a missing attribute is not one of the table's entity types' (a typo, not a projection).
std::vector<FixSuggestion> projectionFixes(const Model& model, const AccessPattern& pattern,
                                           const PatternAnalysis& analysis);

}  // namespace shardscape
