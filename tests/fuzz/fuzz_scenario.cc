// libFuzzer target: scenario files (simulation/scenario.h). Whatever parses is simulated for at
// most three simulated seconds: a scenario the reader accepts must run, whatever its numbers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "simulation/simulator.h"

using namespace shardscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto scenario = Scenario::fromText(std::string(reinterpret_cast<const char*>(data), size));
    if (!scenario) return 0;
    int seconds = 0;
    SimulationOptions options;
    options.cancelled = [&seconds] { return ++seconds > 3; };
    auto report = simulate(*scenario, options);
    if (!report && !report.error().isCancelled()) {
        // A scenario the reader accepted may still be refused by the simulator, but only as a
        // validation error, never as an internal one.
        if (report.error().type == ErrorType::InternalServer) __builtin_trap();
    }
    return 0;
}
