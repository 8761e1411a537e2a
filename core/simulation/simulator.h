#pragma once
// The workload simulator in model mode: statistical, no storage. Each simulated second it
// turns every stream's rate and key distribution into a request count per partition (a
// Poisson draw around rate x the share of the stream's keys in that partition, seeded, so a
// run is deterministic), charges capacity units by AWS's rules, lets the capacity model
// (capacity_model.h) serve or throttle them, applies GSI back-pressure and auto scaling, and
// records everything in a SimulationReport.

#include <cstdint>
#include <functional>
#include <optional>

#include "capacity/simulation_report.h"
#include "simulation/scenario.h"

namespace shardscape {

struct SimulationOptions {
    std::optional<uint64_t> seed;  // overrides the scenario's seed
    // Keep per-partition per-second series (off saves memory for huge runs).
    bool partitionSeries = true;
    // Called now and then with (simulated seconds done, total seconds).
    std::function<void(int, int)> progress;
    // Asked every simulated second; when it answers true the run stops and simulate()
    // returns simulationCancelled().
    std::function<bool()> cancelled;
};

// The error a cancelled run returns: code Cancelled (Error::isCancelled()), message
// "Simulation cancelled".
Error simulationCancelled();

Result<SimulationReport> simulate(const Scenario& scenario, const SimulationOptions& options = {});

// What the resources' traffic costs (CostEstimate): every resource on demand, billed for the
// units the workload asked of it; the provisioned capacity by the hour; and each resource in
// its own mode. From the resources' asked* and provisioned*Seconds totals.
CostEstimate estimateCost(const std::vector<ResourceReport>& resources, const Prices& prices);

}  // namespace shardscape
