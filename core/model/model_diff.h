#pragma once
// What changed between two models, as the lines of their model files (the JSON
// model_json.h writes, two-space indented) that differ: a unified diff with a little context,
// for showing a suggested change before it is applied.

#include <string>
#include <vector>

#include "model/model.h"

namespace shardscape {

struct DiffLine {
    char op = ' ';  // ' ' context, '-' removed, '+' added, '~' a gap of unchanged lines
    std::string text;
};

// The changed lines with `context` unchanged lines around each change; runs of unchanged
// lines beyond that become one '~' line. Empty when the models write the same file.
std::vector<DiffLine> modelDiff(const Model& before, const Model& after, int context = 2);

// The diff as text: one line each, "- ", "+ ", "  " or "  …" in front.
std::string diffText(const std::vector<DiffLine>& diff);

}  // namespace shardscape
