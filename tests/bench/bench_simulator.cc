// bench_simulator: the workload simulator in model mode on the benchmark scenario:
// 1 hour of GetItem at 10,000 requests/s (36 M requests), Zipf s = 1.1 over 1 M keys, a
// table with 1,000 partitions. Prints the wall time of the whole simulate() call (key
// hashing included). Then execute mode: 100 s of GetItem (700/s) and PutItem (300/s) over
// 10,000 keys, 100,000 real requests through dispatch() with capacity enforcement, timed
// over the whole executeScenario() call (table creation and item loading included).
// Last line: `RESULT sim_requests=... sim_wall_s=... sim_req_per_s=... execute_requests=...
// execute_wall_s=... execute_req_per_s=...`.
// --quick: 60 simulated seconds over 100,000 keys; 10 s of execute mode (for ctest).

#include <chrono>
#include <cstdio>
#include <cstring>

#include "simulation/simulator.h"
#include "simulation/workload_execution.h"

using namespace shardscape;

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    Json json = {{"name", "bench"},
                 {"durationSeconds", quick ? 60 : 3600},
                 {"seed", 42},
                 // Far above DynamoDB's default per-table quota (40,000 RCU): raised.
                 {"quotas", {{"tableMaxReadUnits", 3000000}, {"accountMaxReadUnits", 3000000}}},
                 {"table",
                  // 2,997,000 / 3,000 + 1 / 1,000 = 999.001: 1,000 partitions.
                  {{"name", "Bench"},
                   {"partitionKey", "pk"},
                   {"readCapacityUnits", 2997000},
                   {"writeCapacityUnits", 1},
                   {"itemCount", 1000000},
                   {"itemSizeBytes", 1000}}},
                 {"workload",
                  {{{"name", "reads"},
                    {"operation", "GetItem"},
                    {"rate", {{"type", "constant"}, {"rate", 10000}}},
                    {"keys",
                     {{"distribution", "zipf"},
                      {"keyCount", quick ? 100000 : 1000000},
                      {"exponent", 1.1}}}}}}};
    auto scenario = Scenario::fromJson(json);
    if (!scenario) {
        std::fprintf(stderr, "bad scenario: %s\n", scenario.error().message.c_str());
        return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    auto report = simulate(*scenario);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report) {
        std::fprintf(stderr, "simulation failed: %s\n", report.error().message.c_str());
        return 1;
    }
    const ResourceReport& table = report->resources.at(0);
    std::printf(
        "simulated %d s, %d partitions, %.0f requests, %.0f throttled, hottest key %s "
        "(%.0f requests)\n",
        report->durationSeconds, table.finalPartitionCount, report->requests,
        report->throttledRequests, report->hotKeys.at(0).key.c_str(),
        report->hotKeys.at(0).requests);
    if (table.finalPartitionCount != 1000) {
        std::fprintf(stderr, "expected 1000 partitions\n");
        return 1;
    }

    Json mixed = {{"name", "bench-execute"},
                  {"durationSeconds", quick ? 10 : 100},
                  {"seed", 42},
                  {"table",
                   {{"name", "Bench"},
                    {"partitionKey", "pk"},
                    {"readCapacityUnits", 3000},
                    {"writeCapacityUnits", 3000},
                    {"itemCount", 10000},
                    {"itemSizeBytes", 1000}}},
                  {"workload",
                   {{{"name", "reads"},
                     {"operation", "GetItem"},
                     {"rate", {{"type", "constant"}, {"rate", 700}}},
                     {"keys", {{"distribution", "zipf"}, {"keyCount", 10000}, {"exponent", 1.1}}}},
                    {{"name", "writes"},
                     {"operation", "PutItem"},
                     {"itemSizeBytes", 1000},
                     {"rate", {{"type", "constant"}, {"rate", 300}}},
                     {"keys", {{"distribution", "uniform"}, {"keyCount", 10000}}}}}}};
    auto executeScenarioJson = Scenario::fromJson(mixed);
    if (!executeScenarioJson) {
        std::fprintf(stderr, "bad scenario: %s\n", executeScenarioJson.error().message.c_str());
        return 1;
    }
    const auto executeStart = std::chrono::steady_clock::now();
    auto executed = executeScenario(*executeScenarioJson);
    const double executeWall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - executeStart).count();
    if (!executed) {
        std::fprintf(stderr, "execute mode failed: %s\n", executed.error().message.c_str());
        return 1;
    }
    std::printf("executed %d s: %.0f requests, %.0f throttled, %.0f RCU and %.0f WCU consumed\n",
                executed->durationSeconds, executed->requests, executed->throttledRequests,
                executed->resources.at(0).totalRead, executed->resources.at(0).totalWrite);
    std::printf(
        "RESULT sim_requests=%.0f sim_wall_s=%.3f sim_req_per_s=%.0f execute_requests=%.0f "
        "execute_wall_s=%.3f execute_req_per_s=%.0f\n",
        report->requests, wall, report->requests / wall, executed->requests, executeWall,
        executed->requests / executeWall);
    return 0;
}
