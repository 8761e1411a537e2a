#include "simulation/rate_curve.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simulation/scenario_fields.h"

namespace shardscape {

namespace {
constexpr double kMaxRate = 1e9;
constexpr double kMaxSecond = 1e9;
}  // namespace

RateCurve RateCurve::constant(double rate) {
    RateCurve curve;
    curve.a_ = rate;
    return curve;
}

Result<RateCurve> RateCurve::fromJson(const Json& json, const std::string& path) {
    using namespace fields;
    SHARDSCAPE_TRY(requireObject(json, path));
    auto type = text(json, path, "type", std::nullopt);
    if (!type) return type.error();
    RateCurve curve;
    if (*type == "constant") {
        auto rate = number(json, path, "rate", std::nullopt, 0, kMaxRate);
        if (!rate) return rate.error();
        curve.a_ = *rate;
    } else if (*type == "ramp") {
        curve.shape_ = Shape::Ramp;
        auto from = number(json, path, "from", std::nullopt, 0, kMaxRate);
        if (!from) return from.error();
        auto to = number(json, path, "to", std::nullopt, 0, kMaxRate);
        if (!to) return to.error();
        auto start = number(json, path, "startSecond", 0.0, 0, kMaxSecond);
        if (!start) return start.error();
        auto end = number(json, path, "endSecond", std::nullopt, *start, kMaxSecond);
        if (!end) return end.error();
        curve.a_ = *from, curve.b_ = *to, curve.c_ = *start, curve.d_ = *end;
    } else if (*type == "dailySine") {
        curve.shape_ = Shape::DailySine;
        auto mean = number(json, path, "mean", std::nullopt, 0, kMaxRate);
        if (!mean) return mean.error();
        auto amplitude = number(json, path, "amplitude", std::nullopt, 0, kMaxRate);
        if (!amplitude) return amplitude.error();
        auto period = number(json, path, "periodSeconds", 86400.0, 1, kMaxSecond);
        if (!period) return period.error();
        auto phase = number(json, path, "phaseSeconds", 0.0, -kMaxSecond, kMaxSecond);
        if (!phase) return phase.error();
        curve.a_ = *mean, curve.b_ = *amplitude, curve.c_ = *period, curve.d_ = *phase;
    } else if (*type == "spikes") {
        curve.shape_ = Shape::Spikes;
        auto base = number(json, path, "base", std::nullopt, 0, kMaxRate);
        if (!base) return base.error();
        curve.a_ = *base;
        const std::string listPath = member(path, "spikes");
        auto list = json.find("spikes");
        if (list == json.end() || !list->is_array())
            return fieldError(listPath, "must be an array of spikes");
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string at = element(listPath, i);
            const Json& spike = (*list)[i];
            SHARDSCAPE_TRY(requireObject(spike, at));
            auto start = number(spike, at, "startSecond", std::nullopt, 0, kMaxSecond);
            if (!start) return start.error();
            auto duration = number(spike, at, "durationSeconds", std::nullopt, 0, kMaxSecond);
            if (!duration) return duration.error();
            auto rate = number(spike, at, "rate", std::nullopt, 0, kMaxRate);
            if (!rate) return rate.error();
            curve.spikes_.push_back({*start, *duration, *rate});
        }
    } else {
        std::string problem = "must be one of constant, ramp, dailySine, spikes (got '";
        problem.append(*type);
        problem.append("')");
        return fieldError(member(path, "type"), problem);
    }
    return curve;
}

double RateCurve::at(double second) const {
    switch (shape_) {
        case Shape::Constant:
            return a_;
        case Shape::Ramp:
            if (second <= c_) return a_;
            if (second >= d_) return b_;
            return a_ + (b_ - a_) * (second - c_) / (d_ - c_);
        case Shape::DailySine:
            return std::max(0.0, a_ + b_ * std::sin(2 * std::numbers::pi * (second - d_) / c_));
        case Shape::Spikes:
            for (const Spike& spike : spikes_)
                if (second >= spike.start && second < spike.start + spike.duration)
                    return spike.rate;
            return a_;
    }
    return 0;
}

}  // namespace shardscape
