#pragma once
// Requests per second of a workload stream as a function of simulated time (seconds from the
// start of the simulation).

#include <string>
#include <vector>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape {

class RateCurve {
  public:
    enum class Shape { Constant, Ramp, DailySine, Spikes };
    struct Spike {
        double start = 0;
        double duration = 0;
        double rate = 0;
    };

    // {"type":"constant","rate":R}
    // {"type":"ramp","from":A,"to":B,"startSecond":S,"endSecond":E}
    // {"type":"dailySine","mean":M,"amplitude":A,"periodSeconds":86400,"phaseSeconds":0}
    // {"type":"spikes","base":R,"spikes":[{"startSecond":S,"durationSeconds":D,"rate":X}]}
    // Errors name the field under `path` (e.g. "workload[0].rate.to").
    static Result<RateCurve> fromJson(const Json& json, const std::string& path);
    static RateCurve constant(double rate);

    // Requests per second at `second` (never negative).
    double at(double second) const;

  private:
    Shape shape_ = Shape::Constant;
    double a_ = 0, b_ = 0, c_ = 0, d_ = 0;
    std::vector<Spike> spikes_;
};

}  // namespace shardscape
