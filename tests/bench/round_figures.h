#pragma once
// A benchmark phase's figure over its rounds: the best (what the RESULT ratios have used), and
// min / median / max, so that one run shows whether a difference is larger than the machine's
// own spread.

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace shardscape::testing {

class RoundFigures {
  public:
    void add(double value) { values_.push_back(value); }
    bool empty() const { return values_.empty(); }
    double min() const {
        return values_.empty() ? 0 : *std::min_element(values_.begin(), values_.end());
    }
    double max() const {
        return values_.empty() ? 0 : *std::max_element(values_.begin(), values_.end());
    }
    // The middle value (of an even count, the mean of the two middle ones).
    double median() const {
        if (values_.empty()) return 0;
        std::vector<double> sorted = values_;
        std::sort(sorted.begin(), sorted.end());
        const size_t middle = sorted.size() / 2;
        return sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
    // "min 1 / median 2 / max 3 (3 rounds)", with `decimals` digits after the point.
    std::string spread(int decimals = 0) const {
        char text[160];
        std::snprintf(text, sizeof text, "min %.*f / median %.*f / max %.*f (%zu rounds)", decimals,
                      min(), decimals, median(), decimals, max(), values_.size());
        return text;
    }

  private:
    std::vector<double> values_;
};

}  // namespace shardscape::testing
