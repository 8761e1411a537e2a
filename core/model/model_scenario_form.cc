#include "model/model_scenario_form.h"

#include <algorithm>
#include <cmath>

namespace shardscape {

namespace {

double numberOr(const OrderedJson& object, const char* member, double fallback) {
    auto found = object.find(member);
    return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

// Whole numbers stay integers in the file ("600", not "600.0").
OrderedJson number(double value) {
    if (std::floor(value) == value && std::fabs(value) < 9e15) return static_cast<int64_t>(value);
    return value;
}

// "placeOrder: " + message.
Error patternError(const std::string& pattern, const std::string& message) {
    return validationError(pattern + ": " + message);
}

// The pattern's rate curve, or null for a plain constant at the rate.
Result<OrderedJson> rateCurve(const ModelScenarioPatternForm& p, double rate, double duration) {
    if (!(p.base >= 0))
        return patternError(p.pattern, "the base is a multiple of the rate, 0 or more");
    if (p.shape == "constant") {
        if (p.base == 1 && !p.explicitRate) return OrderedJson();
        return OrderedJson{{"type", "constant"}, {"rate", number(rate * p.base)}};
    }
    if (!(p.peak >= 0))
        return patternError(p.pattern, "the peak is a multiple of the rate, 0 or more");
    if (p.shape == "spikes") {
        OrderedJson spikes = OrderedJson::array();
        std::vector<ModelScenarioSpike> list = p.spikes;
        if (list.empty())
            list.push_back(
                {std::floor(duration / 3), std::max(1.0, std::floor(duration / 10)), p.peak});
        for (size_t i = 0; i < list.size(); ++i) {
            const ModelScenarioSpike& spike = list[i];
            const std::string which = "spike " + std::to_string(i + 1);
            if (!(spike.startSecond >= 0))
                return patternError(p.pattern, which + " must start at 0 s or later");
            if (!(spike.durationSeconds >= 0))
                return patternError(p.pattern, which + " needs a duration of 0 s or more");
            if (!(spike.peak >= 0))
                return patternError(p.pattern,
                                    which + "'s peak is a multiple of the rate, 0 or more");
            spikes.push_back({{"startSecond", number(spike.startSecond)},
                              {"durationSeconds", number(spike.durationSeconds)},
                              {"rate", number(rate * spike.peak)}});
        }
        return OrderedJson{{"type", "spikes"}, {"base", number(rate * p.base)}, {"spikes", spikes}};
    }
    if (p.shape == "ramp") {
        const double end = p.endSecond.value_or(duration);
        if (!(p.startSecond >= 0))
            return patternError(p.pattern, "the ramp starts at 0 s or later");
        if (!(end >= p.startSecond))
            return patternError(p.pattern, "the ramp must end at or after its start");
        return OrderedJson{{"type", "ramp"},
                           {"from", number(rate * p.base)},
                           {"to", number(rate * p.peak)},
                           {"startSecond", number(p.startSecond)},
                           {"endSecond", number(end)}};
    }
    if (p.shape == "daily") {
        const double period = p.periodSeconds.value_or(duration);
        if (!(p.peak >= p.base))
            return patternError(p.pattern, "a daily cycle's peak must be at least its base");
        if (!(period >= 1))
            return patternError(p.pattern, "a daily cycle's period is at least 1 s");
        return OrderedJson{{"type", "dailySine"},
                           {"mean", number(rate * (p.base + p.peak) / 2)},
                           {"amplitude", number(rate * (p.peak - p.base) / 2)},
                           {"periodSeconds", number(period)},
                           {"phaseSeconds", number(p.phaseSeconds)}};
    }
    return patternError(p.pattern, "unknown rate shape '" + p.shape + "'");
}

// Equal but for rounding (a multiple of the rate turned back into requests per second).
bool sameNumber(const OrderedJson& a, const OrderedJson& b) {
    if (!a.is_number() || !b.is_number()) return false;
    const double x = a.get<double>(), y = b.get<double>();
    return std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)});
}

using Known = std::initializer_list<const char*>;
const Known kScenarioMembers = {"name", "description", "durationSeconds", "rateMultiplier",
                                "accessPatterns"};
const Known kReferenceMembers = {"name", "rate", "keys"};
const Known kRateMembers = {"type",          "rate",         "from", "to",
                            "startSecond",   "endSecond",    "mean", "amplitude",
                            "periodSeconds", "phaseSeconds", "base", "spikes"};
const Known kSpikeMembers = {"startSecond", "durationSeconds", "rate"};
const Known kKeyMembers = {"distribution", "keyCount",      "exponent",
                           "hotShare",     "bucketSeconds", "shards"};

bool isKnown(const Known& known, const std::string& key) {
    return std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; });
}

OrderedJson merged(const OrderedJson& before, const OrderedJson& after, const Known& known);

// One member's new value, given the one it replaces.
OrderedJson mergedValue(const std::string& key, const OrderedJson& before, const OrderedJson& after,
                        const Known& known) {
    if (sameNumber(before, after)) return before;
    if (&known == &kRateMembers && key == "spikes" && before.is_array() && after.is_array()) {
        // A spike is the one that starts at the same second, else (when none was added or
        // removed) the one at the same place.
        OrderedJson out = OrderedJson::array();
        for (size_t i = 0; i < after.size(); ++i) {
            const OrderedJson* match = nullptr;
            for (const auto& spike : before)
                if (!match && spike.is_object() && after[i].is_object() &&
                    sameNumber(spike.value("startSecond", OrderedJson()),
                               after[i].value("startSecond", OrderedJson())))
                    match = &spike;
            if (!match && before.size() == after.size()) match = &before[i];
            out.push_back(match ? merged(*match, after[i], kSpikeMembers) : after[i]);
        }
        return out;
    }
    if (&known == &kReferenceMembers && key == "rate") return merged(before, after, kRateMembers);
    if (&known == &kReferenceMembers && key == "keys") return merged(before, after, kKeyMembers);
    return after;
}

// `after` in `before`'s member order: its members replace theirs (numbers equal but for
// rounding keep their text), members of `before` the form does not know stay, members the
// form knows and dropped go; `after`'s new members come last.
OrderedJson merged(const OrderedJson& before, const OrderedJson& after, const Known& known) {
    if (!before.is_object() || !after.is_object()) return after;
    OrderedJson out = OrderedJson::object();
    for (auto it = before.begin(); it != before.end(); ++it) {
        const std::string& key = it.key();
        if (auto found = after.find(key); found != after.end())
            out[key] = mergedValue(key, it.value(), *found, known);
        else if (!isKnown(known, key))
            out[key] = it.value();
    }
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!out.contains(it.key())) out[it.key()] = it.value();
    return out;
}

std::string referenceName(const OrderedJson& reference) {
    if (reference.is_string()) return reference.get<std::string>();
    if (reference.is_object()) return reference.value("name", std::string());
    return {};
}

}  // namespace

Result<OrderedJson> scenarioFromForm(const Model& model, const ModelScenarioForm& form) {
    if (form.name.empty()) return validationError("A scenario needs a name");
    if (!(form.durationSeconds >= 1))
        return validationError("The duration must be at least 1 second");
    if (!(form.rateMultiplier > 0)) return validationError("The rate multiplier must be above 0");
    if (form.patterns.empty())
        return validationError("A scenario runs at least one access pattern: tick one");
    OrderedJson scenario = OrderedJson::object();
    scenario["name"] = form.name;
    if (!form.description.empty()) scenario["description"] = form.description;
    OrderedJson patterns = OrderedJson::array();
    const double duration = form.durationSeconds;
    for (const auto& p : form.patterns) {
        const AccessPattern* pattern = model.findAccessPattern(p.pattern);
        if (!pattern) return validationError("No access pattern named '" + p.pattern + "'");
        if (p.shards < 1 || p.shards > 1000)
            return validationError(p.pattern + ": write sharding takes 1 to 1000 shards");
        if (p.keys != "model" && p.keys != "timeOrdered" && !(p.keyCount >= 1))
            return validationError(p.pattern + ": the key count must be at least 1");
        if (p.keys == "model" && p.shards > 1)
            return validationError(p.pattern +
                                   ": write sharding needs a chosen key distribution "
                                   "(uniform, Zipf, hot key or time-ordered), not the model's");
        // The multiples apply to the pattern's rate; for a pattern without one, to 1/s.
        const double patternRate = pattern->ratePerSecond * form.rateMultiplier;
        const double rate = patternRate > 0 ? patternRate : 1;
        OrderedJson reference = OrderedJson::object();
        reference["name"] = p.pattern;
        auto curve = rateCurve(p, rate, duration);
        if (!curve) return curve.error();
        if (!curve->is_null()) reference["rate"] = std::move(curve).value();
        if (p.keys != "model") {
            OrderedJson keys = {{"distribution", p.keys}};
            if (p.keys == "timeOrdered") {
                if (!(p.bucketSeconds >= 1))
                    return validationError(p.pattern + ": a time bucket is at least 1 second");
                keys["bucketSeconds"] = number(p.bucketSeconds);
            } else {
                keys["keyCount"] = number(std::round(p.keyCount));
            }
            if (p.keys == "zipf")
                keys["exponent"] = p.exponent;
            else if (p.keys == "hotKey")
                keys["hotShare"] = p.hotShare;
            else if (p.keys != "uniform" && p.keys != "timeOrdered")
                return validationError(p.pattern + ": unknown key distribution '" + p.keys + "'");
            if (p.shards > 1) keys["shards"] = p.shards;
            reference["keys"] = keys;
        }
        if (reference.size() == 1)
            patterns.push_back(p.pattern);
        else
            patterns.push_back(reference);
    }
    scenario["accessPatterns"] = patterns;
    scenario["durationSeconds"] = number(duration);
    if (form.rateMultiplier != 1) scenario["rateMultiplier"] = number(form.rateMultiplier);
    return scenario;
}

OrderedJson keepScenarioMembers(const OrderedJson& previous, OrderedJson edited) {
    if (!previous.is_object() || !edited.is_object()) return edited;
    // A multiplier of 1 written out by hand stays.
    if (!edited.contains("rateMultiplier") && previous.contains("rateMultiplier") &&
        sameNumber(previous["rateMultiplier"], 1))
        edited["rateMultiplier"] = previous["rateMultiplier"];
    auto before = previous.find("accessPatterns");
    auto after = edited.find("accessPatterns");
    if (before != previous.end() && before->is_array() && after != edited.end() &&
        after->is_array())
        for (auto& reference : *after) {
            const std::string name = referenceName(reference);
            for (const auto& old : *before) {
                if (referenceName(old) != name) continue;
                if (old.is_object()) {
                    const OrderedJson written =
                        reference.is_string() ? OrderedJson{{"name", name}} : reference;
                    reference = merged(old, written, kReferenceMembers);
                }
                break;
            }
        }
    return merged(previous, edited, kScenarioMembers);
}

ModelScenarioForm scenarioFormFrom(const Model& model, const OrderedJson& scenario) {
    ModelScenarioForm form;
    if (!scenario.is_object()) return form;
    if (auto name = scenario.find("name"); name != scenario.end() && name->is_string())
        form.name = name->get<std::string>();
    if (auto d = scenario.find("description"); d != scenario.end() && d->is_string())
        form.description = d->get<std::string>();
    form.durationSeconds = numberOr(scenario, "durationSeconds", 600);
    form.rateMultiplier = numberOr(scenario, "rateMultiplier", 1);
    auto patterns = scenario.find("accessPatterns");
    if (patterns == scenario.end() || !patterns->is_array()) return form;
    for (const auto& reference : *patterns) {
        ModelScenarioPatternForm p;
        if (reference.is_string()) {
            p.pattern = reference.get<std::string>();
            form.patterns.push_back(p);
            continue;
        }
        if (!reference.is_object() || !reference.contains("name") || !reference["name"].is_string())
            continue;
        p.pattern = reference["name"].get<std::string>();
        // Rates in the file are requests per second; the form shows multiples of the rate.
        const AccessPattern* pattern = model.findAccessPattern(p.pattern);
        const double rate = pattern ? pattern->ratePerSecond * form.rateMultiplier : 0;
        const double unit = rate > 0 ? rate : 1;
        auto times = [unit](const OrderedJson& object, const char* member, double fallback) {
            return numberOr(object, member, fallback * unit) / unit;
        };
        if (auto curve = reference.find("rate"); curve != reference.end() && curve->is_object()) {
            const std::string type = curve->value("type", std::string());
            if (type == "constant") {
                p.explicitRate = true;
                p.base = times(*curve, "rate", 1);
            } else if (type == "spikes") {
                p.shape = "spikes";
                p.base = times(*curve, "base", 1);
                if (auto spikes = curve->find("spikes");
                    spikes != curve->end() && spikes->is_array())
                    for (const auto& spike : *spikes)
                        if (spike.is_object())
                            p.spikes.push_back({numberOr(spike, "startSecond", 0),
                                                numberOr(spike, "durationSeconds", 0),
                                                times(spike, "rate", 1)});
                if (!p.spikes.empty()) p.peak = p.spikes.front().peak;
            } else if (type == "ramp") {
                p.shape = "ramp";
                p.base = times(*curve, "from", 1);
                p.peak = times(*curve, "to", 1);
                p.startSecond = numberOr(*curve, "startSecond", 0);
                if (curve->contains("endSecond"))
                    p.endSecond = numberOr(*curve, "endSecond", form.durationSeconds);
            } else if (type == "dailySine") {
                p.shape = "daily";
                const double mean = numberOr(*curve, "mean", unit);
                const double amplitude = numberOr(*curve, "amplitude", 0);
                p.base = (mean - amplitude) / unit;
                p.peak = (mean + amplitude) / unit;
                p.periodSeconds = numberOr(*curve, "periodSeconds", 86400);
                p.phaseSeconds = numberOr(*curve, "phaseSeconds", 0);
            }
        }
        if (auto keys = reference.find("keys"); keys != reference.end() && keys->is_object()) {
            p.keys = keys->value("distribution", std::string("uniform"));
            p.keyCount = numberOr(*keys, "keyCount", 1000);
            p.exponent = numberOr(*keys, "exponent", 1);
            p.hotShare = numberOr(*keys, "hotShare", 0.5);
            p.bucketSeconds = numberOr(*keys, "bucketSeconds", 60);
            p.shards = static_cast<int>(numberOr(*keys, "shards", 1));
        }
        form.patterns.push_back(p);
    }
    return form;
}

}  // namespace shardscape
