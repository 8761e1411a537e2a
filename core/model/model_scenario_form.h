#pragma once
// The scenario editor's form: a model scenario (model_scenario.h) built from the access
// patterns' expected rates. Each chosen pattern runs at its rate × the scenario's multiplier
// ("the rate" below), shaped over the run as the simulator's rate curves (rate_curve.h) can
// be, with the keys the model gives it or a chosen distribution:
//
//   shape    constant   `base` × the rate all along (a plain pattern name when it is 1)
//            spikes     `base` × the rate, with each spike's `peak` × the rate from its start
//                       for its duration; with no spike listed, one spike of `peak` from a
//                       third of the run for a tenth of it
//            ramp       from `base` × to `peak` × the rate between `startSecond` and
//                       `endSecond` (default: the whole run)
//            daily      a cycle between `base` × and `peak` × the rate (a sine) with period
//                       `periodSeconds` (default: the duration) and `phaseSeconds`
//   keys     model      derived from the entity's key template and generators
//            uniform / zipf (exponent) / hotKey (hotShare)   over `keyCount` keys
//            timeOrdered (bucketSeconds)   everyone writes the current time bucket
//   shards   write sharding: each key spread over N suffixes (not with "model" keys)
//
// Rates are stored in the file in requests per second; the form shows them as multiples of
// the rate (of 1 request/s for a pattern whose rate is 0). scenarioFromForm writes the JSON;
// scenarioFormFrom reads it back, so the editor shows a saved or hand-written scenario as it is;
// keepScenarioMembers puts back what the form does not edit, so opening a scenario and saving it
// unchanged writes the same JSON.

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

struct ModelScenarioSpike {
    double startSecond = 0;
    double durationSeconds = 60;
    double peak = 2;  // × the rate
};

struct ModelScenarioPatternForm {
    std::string pattern;
    std::string shape = "constant";  // constant | spikes | ramp | daily
    double base = 1;                 // × the rate: the level, spikes' base, ramp's start, low
    double peak = 1;                 // × the rate: ramp's end, daily high, the default spike
    std::vector<ModelScenarioSpike> spikes;
    double startSecond = 0;               // ramp
    std::optional<double> endSecond;      // ramp; none: the duration
    std::optional<double> periodSeconds;  // daily; none: the duration
    double phaseSeconds = 0;              // daily
    bool explicitRate = false;            // a constant written as a rate curve in the file
    std::string keys = "model";           // model | uniform | zipf | hotKey | timeOrdered
    double keyCount = 1000;
    double exponent = 1;        // zipf
    double hotShare = 0.5;      // hotKey
    double bucketSeconds = 60;  // timeOrdered
    int shards = 1;
};

struct ModelScenarioForm {
    std::string name;
    std::string description;
    double durationSeconds = 600;
    double rateMultiplier = 1;
    std::vector<ModelScenarioPatternForm> patterns;
};

// The model scenario JSON; an error when a pattern is not in the model or a number is out
// of range (duration ≥ 1 s, multiplier > 0, multiples of the rate ≥ 0, a daily cycle's peak
// ≥ its base, a ramp's end ≥ its start, a spike's duration > 0, key count ≥ 1, shards
// 1..1000).
Result<OrderedJson> scenarioFromForm(const Model& model, const ModelScenarioForm& form);
// The form a scenario shows; members the form does not know are left out of it.
ModelScenarioForm scenarioFormFrom(const Model& model, const OrderedJson& scenario);
// `edited` (scenarioFromForm's) with the members of `previous` the form does not edit put
// back: the scenario's own (seed, table, indexKeys, prices, ...), each pattern reference's
// (its rateMultiplier, ...), and those of its rate curve, spikes and key distribution the
// form does not know (a key prefix, ...). A number the form wrote equal to the one it
// replaces (within rounding) keeps its text, so an unchanged scenario writes the same JSON.
OrderedJson keepScenarioMembers(const OrderedJson& previous, OrderedJson edited);

}  // namespace shardscape
