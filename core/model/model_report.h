#pragma once
// The result of checking a model (validation problems, per-pattern verdicts, design smells)
// as text for people and as JSON for tools; `shardscape-cli model check` prints these.

#include <string>
#include <vector>

#include "model/access_pattern_analyzer.h"
#include "model/model_validation.h"

namespace shardscape {

std::string formatModelCheck(const Model& model, const std::vector<ModelProblem>& problems,
                             const ModelAnalysis& analysis);
OrderedJson modelCheckJson(const std::vector<ModelProblem>& problems,
                           const ModelAnalysis& analysis);

}  // namespace shardscape
