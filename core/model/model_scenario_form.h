#pragma once
// The scenario editor's form: a model scenario (model_scenario.h) built from the access
// patterns' expected rates. Each chosen pattern runs at its rate × the scenario's multiplier,
// shaped over the run, with the keys the model gives it or a chosen skew:
//
//   shape    constant   the rate all along
//            spikes     the rate, with one spike of `peak` × the rate from a third of the
//                       run for a tenth of it
//            ramp       from the rate to `peak` × the rate over the whole run
//            daily      a day's cycle compressed into the run: between the rate and
//                       `peak` × the rate (a sine whose period is the duration)
//   keys     model      derived from the entity's key template and generators
//            uniform / zipf (exponent) / hotKey (hotShare)   over `keyCount` keys
//   shards   write sharding: each key spread over N suffixes (not with "model" keys)
//
// scenarioFromForm writes the JSON (a plain pattern name when nothing is overridden);
// scenarioFormFrom reads it back, so the editor shows a saved scenario as it was built.

#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

struct ModelScenarioPatternForm {
    std::string pattern;
    std::string shape = "constant";  // constant | spikes | ramp | daily
    double peak = 1;                 // the peak as a multiple of the rate
    std::string keys = "model";      // model | uniform | zipf | hotKey
    double keyCount = 1000;
    double exponent = 1;    // zipf
    double hotShare = 0.5;  // hotKey
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
// of range (duration ≥ 1 s, multiplier > 0, peak ≥ 1, key count ≥ 1, shards 1..1000).
Result<OrderedJson> scenarioFromForm(const Model& model, const ModelScenarioForm& form);
// The form a scenario shows; members the form does not know are left out of it.
ModelScenarioForm scenarioFormFrom(const Model& model, const OrderedJson& scenario);
// `edited` (scenarioFromForm's) with the members of `previous` the form does not edit put
// back: the scenario's own (seed, table, indexKeys, prices, ...) and each pattern
// reference's (its rateMultiplier, ...), so editing a scenario loses nothing.
OrderedJson keepScenarioMembers(const OrderedJson& previous, OrderedJson edited);

}  // namespace shardscape
