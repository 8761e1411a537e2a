#pragma once
// The workload simulator in execute mode: real requests against a temporary engine under a
// simulated clock. It creates the scenario's tables (and global secondary indexes) with
// capacity enforcement on, loads items for the keys the streams read (plus filler up to the
// item count, at most kMaxExecuteItems per table), then issues every stream's requests through
// dispatch() — a Poisson number per second, spread evenly over the second in a seeded
// shuffle — and reports what the engine's capacity meter recorded, in the same report as
// model mode.

#include "simulation/simulator.h"

namespace shardscape {

// Execute mode runs at most this many requests (the scenario's expected count, from its
// rate curves, is checked before anything runs).
inline constexpr double kMaxExecuteRequests = 200'000;
// Items loaded per table at most (the rest of the table's itemCount is not stored).
inline constexpr double kMaxExecuteItems = 200'000;

Result<SimulationReport> executeScenario(const Scenario& scenario,
                                         const SimulationOptions& options = {});

}  // namespace shardscape
