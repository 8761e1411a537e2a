#pragma once
// DynamoDB auto scaling by target tracking, for one dimension (read or write) of a table or
// index, evaluated once a minute on the minute's average consumed units per second.
//
// AWS (Developer Guide, AutoScaling): auto scaling keeps consumed capacity near a target
// utilization (20-90 %) between a minimum and a maximum. The CloudWatch alarms it creates
// scale out when consumption stays above the target for 2 consecutive one-minute periods and
// scale in when it stays below the target minus 20 % for 15 consecutive periods.
// Decreases are limited per day (Developer Guide, ServiceQuotas, "Decreasing provisioned
// capacity"): up to 4 at any time in a UTC day, then one more for each hour without a
// decrease, 27 in all.

#include <optional>

namespace shardscape {

struct AutoScalingPolicy {
    double targetUtilization = 70;  // percent, 20..90
    double minimumUnits = 1;
    double maximumUnits = 40000;
};

class AutoScaler {
  public:
    explicit AutoScaler(const AutoScalingPolicy& policy) : policy_(policy) {}

    // `minuteEnd`: seconds at the end of the minute; `consumedPerSecond`: its average use;
    // `provisioned`: the current figure. Returns the new provisioned figure when auto scaling
    // changes it.
    std::optional<double> evaluateMinute(double minuteEnd, double consumedPerSecond,
                                         double provisioned);

    int decreasesToday() const { return decreasesToday_; }

  private:
    double wanted(double consumedPerSecond) const;
    bool decreaseAllowed(double now);

    AutoScalingPolicy policy_;
    int minutesAbove_ = 0;
    int minutesBelow_ = 0;
    int decreasesToday_ = 0;
    long day_ = -1;
    double lastDecrease_ = -1e18;
};

// Documented figures the scaler uses.
inline constexpr int kScaleOutMinutes = 2;
inline constexpr int kScaleInMinutes = 15;
inline constexpr double kScaleInMarginPercent = 20;
inline constexpr int kFreeDecreasesPerDay = 4;
inline constexpr int kMaxDecreasesPerDay = 27;

}  // namespace shardscape
