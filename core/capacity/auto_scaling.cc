#include "capacity/auto_scaling.h"

#include <algorithm>
#include <cmath>

namespace shardscape {

double AutoScaler::wanted(double consumedPerSecond) const {
    const double units = std::ceil(consumedPerSecond * 100 / policy_.targetUtilization);
    return std::clamp(units, policy_.minimumUnits, policy_.maximumUnits);
}

bool AutoScaler::decreaseAllowed(double now) {
    const long day = static_cast<long>(std::floor(now / 86400));
    if (day != day_) {
        day_ = day;
        decreasesToday_ = 0;
    }
    if (decreasesToday_ < kFreeDecreasesPerDay) return true;
    return decreasesToday_ < kMaxDecreasesPerDay && now - lastDecrease_ >= 3600;
}

std::optional<double> AutoScaler::evaluateMinute(double minuteEnd, double consumedPerSecond,
                                                 double provisioned) {
    const double utilization = provisioned > 0 ? consumedPerSecond * 100 / provisioned : 100;
    minutesAbove_ = utilization > policy_.targetUtilization ? minutesAbove_ + 1 : 0;
    minutesBelow_ =
        utilization < policy_.targetUtilization - kScaleInMarginPercent ? minutesBelow_ + 1 : 0;
    if (minutesAbove_ >= kScaleOutMinutes) {
        minutesAbove_ = 0;
        const double next = wanted(consumedPerSecond);
        if (next > provisioned) return next;
    }
    if (minutesBelow_ >= kScaleInMinutes) {
        minutesBelow_ = 0;
        const double next = wanted(consumedPerSecond);
        if (next < provisioned && decreaseAllowed(minuteEnd)) {
            ++decreasesToday_;
            lastDecrease_ = minuteEnd;
            return next;
        }
    }
    return std::nullopt;
}

}  // namespace shardscape
