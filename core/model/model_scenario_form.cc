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
    const double duration = std::round(form.durationSeconds);
    for (const auto& p : form.patterns) {
        const AccessPattern* pattern = model.findAccessPattern(p.pattern);
        if (!pattern) return validationError("No access pattern named '" + p.pattern + "'");
        if (!(p.peak >= 1))
            return validationError(p.pattern + ": the peak is a multiple of the rate, at least 1");
        if (p.shards < 1 || p.shards > 1000)
            return validationError(p.pattern + ": write sharding takes 1 to 1000 shards");
        if (p.keys != "model" && !(p.keyCount >= 1))
            return validationError(p.pattern + ": the key count must be at least 1");
        if (p.keys == "model" && p.shards > 1)
            return validationError(p.pattern +
                                   ": write sharding needs a chosen key distribution "
                                   "(uniform, Zipf or hot key), not the model's");
        const double rate = pattern->ratePerSecond * form.rateMultiplier;
        OrderedJson reference = OrderedJson::object();
        reference["name"] = p.pattern;
        if (p.shape == "spikes") {
            const double start = std::floor(duration / 3);
            const double length = std::max(1.0, std::floor(duration / 10));
            reference["rate"] = {{"type", "spikes"},
                                 {"base", number(rate)},
                                 {"spikes",
                                  {{{"startSecond", number(start)},
                                    {"durationSeconds", number(length)},
                                    {"rate", number(rate * p.peak)}}}}};
        } else if (p.shape == "ramp") {
            reference["rate"] = {{"type", "ramp"},
                                 {"from", number(rate)},
                                 {"to", number(rate * p.peak)},
                                 {"startSecond", 0},
                                 {"endSecond", number(duration)}};
        } else if (p.shape == "daily") {
            reference["rate"] = {{"type", "dailySine"},
                                 {"mean", number(rate * (1 + p.peak) / 2)},
                                 {"amplitude", number(rate * (p.peak - 1) / 2)},
                                 {"periodSeconds", number(duration)},
                                 {"phaseSeconds", 0}};
        } else if (p.shape != "constant") {
            return validationError(p.pattern + ": unknown rate shape '" + p.shape + "'");
        }
        if (p.keys != "model") {
            OrderedJson keys = {{"distribution", p.keys},
                                {"keyCount", number(std::round(p.keyCount))}};
            if (p.keys == "zipf")
                keys["exponent"] = p.exponent;
            else if (p.keys == "hotKey")
                keys["hotShare"] = p.hotShare;
            else if (p.keys != "uniform")
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
    for (auto it = previous.begin(); it != previous.end(); ++it) {
        const std::string& key = it.key();
        const bool formMember = key == "name" || key == "description" || key == "durationSeconds" ||
                                key == "rateMultiplier" || key == "accessPatterns";
        if (!formMember && !edited.contains(key)) edited[key] = it.value();
    }
    auto before = previous.find("accessPatterns");
    auto after = edited.find("accessPatterns");
    if (before == previous.end() || !before->is_array() || after == edited.end()) return edited;
    for (auto& reference : *after) {
        const std::string name = reference.is_string() ? reference.get<std::string>()
                                                       : reference.value("name", std::string());
        for (const auto& old : *before) {
            if (!old.is_object() || old.value("name", std::string()) != name) continue;
            for (auto it = old.begin(); it != old.end(); ++it) {
                const std::string& key = it.key();
                if (key == "name" || key == "rate" || key == "keys") continue;
                if (reference.is_string()) reference = OrderedJson{{"name", name}};
                if (!reference.contains(key)) reference[key] = it.value();
            }
        }
    }
    return edited;
}

ModelScenarioForm scenarioFormFrom(const Model& model, const OrderedJson& scenario) {
    (void)model;
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
        if (auto rate = reference.find("rate"); rate != reference.end() && rate->is_object()) {
            const std::string type = rate->value("type", std::string());
            if (type == "spikes") {
                p.shape = "spikes";
                const double base = numberOr(*rate, "base", 0);
                auto spikes = rate->find("spikes");
                if (base > 0 && spikes != rate->end() && spikes->is_array() && !spikes->empty())
                    p.peak = numberOr((*spikes)[0], "rate", base) / base;
            } else if (type == "ramp") {
                p.shape = "ramp";
                const double from = numberOr(*rate, "from", 0);
                if (from > 0) p.peak = numberOr(*rate, "to", from) / from;
            } else if (type == "dailySine") {
                p.shape = "daily";
                const double mean = numberOr(*rate, "mean", 0);
                const double amplitude = numberOr(*rate, "amplitude", 0);
                if (mean - amplitude > 0) p.peak = (mean + amplitude) / (mean - amplitude);
            }
        }
        if (auto keys = reference.find("keys"); keys != reference.end() && keys->is_object()) {
            p.keys = keys->value("distribution", std::string("uniform"));
            p.keyCount = numberOr(*keys, "keyCount", 1000);
            p.exponent = numberOr(*keys, "exponent", 1);
            p.hotShare = numberOr(*keys, "hotShare", 0.5);
            p.shards = static_cast<int>(numberOr(*keys, "shards", 1));
        }
        form.patterns.push_back(p);
    }
    return form;
}

}  // namespace shardscape
