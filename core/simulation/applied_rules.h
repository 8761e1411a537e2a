#pragma once
// The capacity rules a simulation applies, each with the value it uses and its source (the
// AWS page's title, or "undocumented: our assumption"). Every report carries them
// (SimulationReport::rules); docs/simulator.md lists them as a table.

#include <vector>

#include "capacity/simulation_report.h"
#include "simulation/scenario.h"

namespace shardscape {

std::vector<AppliedRule> appliedRules(const Scenario& scenario);

}  // namespace shardscape
