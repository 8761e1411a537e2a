#pragma once
// Design smells the analyzer reports next to the per-pattern verdicts:
// - a partition key (of a table or GSI) whose values, as an entity generates them, take few
//   distinct values (fewer than kLowCardinalityLimit);
// - an access pattern whose expected rate puts more than one partition's limit (3,000 RCU or
//   1,000 WCU per second) on a single partition key, including GSI writes;
// - with a local secondary index, an item collection growing toward the 10 GB limit.

#include <vector>

#include "model/access_pattern_analyzer.h"

namespace shardscape {

std::vector<DesignSmell> findDesignSmells(const Model& model,
                                          const std::vector<PatternAnalysis>& analyses);

}  // namespace shardscape
