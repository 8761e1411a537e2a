#pragma once
// Seeded random draws for the simulator, with the transforms written out here so a seed
// gives the same run with any standard library.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>
#include <random>

namespace shardscape {

class Random {
  public:
    explicit Random(uint64_t seed) : engine_(seed) {}
    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    double normal() {
        if (spare_) {
            const double value = *spare_;
            spare_.reset();
            return value;
        }
        const double u = 1 - uniform(), v = uniform();
        const double radius = std::sqrt(-2 * std::log(u));
        spare_ = radius * std::sin(2 * std::numbers::pi * v);
        return radius * std::cos(2 * std::numbers::pi * v);
    }
    // Poisson(mean): inversion (one uniform, walking the cumulative distribution) below 30,
    // the normal approximation above.
    double poisson(double mean) {
        if (mean <= 0) return 0;
        if (mean >= 30) return std::max(0.0, std::round(mean + std::sqrt(mean) * normal()));
        const double u = uniform();
        double probability = std::exp(-mean);
        double cumulative = probability;
        double count = 0;
        while (u > cumulative && count < 200) {
            ++count;
            probability *= mean / count;
            cumulative += probability;
        }
        return count;
    }

  private:
    std::mt19937_64 engine_;
    std::optional<double> spare_;
};

}  // namespace shardscape
