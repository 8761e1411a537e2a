#include "classroom/scenario_gallery.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "model/model_file.h"
#include "simulation/scenario.h"

namespace shardscape {

namespace {

namespace fs = std::filesystem;

std::string number(double value) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.0f", std::fabs(value));
    const std::string digits = buffer;
    std::string out = value <= -0.5 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string numberIn(const Json& json, const char* member) {
    const auto it = json.find(member);
    return it != json.end() && it->is_number() ? number(it->get<double>()) : "?";
}

std::string stringIn(const Json& json, const char* member, const std::string& otherwise = "") {
    const auto it = json.find(member);
    return it != json.end() && it->is_string() ? it->get<std::string>() : otherwise;
}

std::string rateText(const Json& rate) {
    const std::string type = stringIn(rate, "type", "constant");
    if (type == "constant") return number(rate.value("rate", 0.0)) + "/s";
    if (type == "ramp")
        return "ramp " + numberIn(rate, "from") + " → " + numberIn(rate, "to") + "/s";
    if (type == "dailySine")
        return "daily sine " + numberIn(rate, "mean") + " ± " + numberIn(rate, "amplitude") + "/s";
    if (type == "spikes") {
        std::string out = numberIn(rate, "base") + "/s with spikes";
        if (rate.contains("spikes") && rate["spikes"].is_array())
            for (const auto& spike : rate["spikes"])
                out += " to " + numberIn(spike, "rate") + "/s at " +
                       numberIn(spike, "startSecond") + " s for " +
                       numberIn(spike, "durationSeconds") + " s;";
        if (out.back() == ';') out.pop_back();
        return out;
    }
    return type;
}

std::string keysText(const Json& keys) {
    const std::string distribution = stringIn(keys, "distribution", "uniform");
    std::string out = distribution + " over " + numberIn(keys, "keyCount") + " key(s)";
    if (keys.contains("shards")) out += " × " + numberIn(keys, "shards") + " shards";
    // Below the partition key: the items of each key's collection its requests go to.
    if (stringIn(keys, "sortKeyOrder", "even") == "monotonic")
        out += ", each to the newest of its items (monotonic sort key)";
    else if (keys.contains("sortKeys"))
        out += ", each over " + numberIn(keys, "sortKeys") + " sort keys";
    return out;
}

GalleryEntry fileEntry(const fs::path& file) {
    GalleryEntry entry;
    entry.path = file.string();
    entry.title = file.stem().string();
    auto text = readTextFile(entry.path);
    if (!text) {
        entry.valid = false;
        entry.summary = "Cannot read " + entry.path + ": " + text.error().message;
        return entry;
    }
    Json json = Json::parse(*text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        entry.valid = false;
        entry.summary = entry.path + " is not a JSON object";
        return entry;
    }
    entry.title = stringIn(json, "name", entry.title);
    entry.description = stringIn(json, "description");
    entry.oneLine = oneLineOf(entry.description);
    auto checked = Scenario::fromJson(json);
    if (!checked) {
        entry.valid = false;
        entry.summary = "Not a valid scenario: " + checked.error().message;
        return entry;
    }
    entry.summary = scenarioFileSummary(json);
    return entry;
}

void addModelEntries(const fs::path& file, std::vector<GalleryEntry>& out) {
    auto model = loadModel(file.string());
    if (!model) {
        GalleryEntry entry;
        entry.path = file.string();
        entry.title = file.filename().string();
        entry.valid = false;
        entry.summary = "Cannot read the model: " + model.error().message;
        out.push_back(std::move(entry));
        return;
    }
    for (const auto& scenario : model->scenarios) {
        if (!scenario.is_object()) continue;
        GalleryEntry entry;
        entry.path = file.string();
        entry.modelScenario = scenario.value("name", std::string("scenario"));
        entry.title = entry.modelScenario + " (" + model->name + ")";
        std::string patterns;
        if (scenario.contains("accessPatterns") && scenario["accessPatterns"].is_array())
            for (const auto& name : scenario["accessPatterns"])
                if (name.is_string())
                    patterns += (patterns.empty() ? "" : ", ") + name.get<std::string>();
        const double multiplier = scenario.value("rateMultiplier", 1.0);
        const double seconds = scenario.value("durationSeconds", 60.0);
        entry.description = stringIn(scenario, "description");
        if (entry.description.empty())
            entry.description = "The model's access patterns " + patterns + " at " +
                                (multiplier == 1 ? std::string("their expected rates")
                                                 : number(multiplier) + "× their expected rates") +
                                " for " + number(seconds) + " s.";
        entry.oneLine = oneLineOf(entry.description);
        entry.summary = "Model: " + model->name + " (" + file.filename().string() + ")\n" +
                        "Scenario: " + entry.modelScenario + "\n" + "Access patterns: " + patterns +
                        "\n" + "Rate multiplier: " + number(multiplier) + "×\n" +
                        "Duration: " + number(seconds) + " s";
        for (const auto& name : scenario.value("accessPatterns", Json::array()))
            if (name.is_string())
                if (const AccessPattern* p = model->findAccessPattern(name.get<std::string>()))
                    entry.summary += "\n  " + p->name + ": " + p->operation + " on " + p->table +
                                     " at " + number(p->ratePerSecond * multiplier) + "/s";
        out.push_back(std::move(entry));
    }
}

std::vector<fs::path> filesIn(const fs::path& directory, const std::string& suffix) {
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (it->is_regular_file(error) && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::string oneLineOf(const std::string& text, size_t maxChars) {
    std::string line = text;
    for (const char* end : {". ", ": "}) {
        const size_t at = line.find(end);
        if (at != std::string::npos) line.resize(at + (end[0] == '.' ? 1 : 0));
    }
    if (line.size() <= maxChars) return line;
    size_t cut = line.rfind(' ', maxChars);
    if (cut == std::string::npos || cut == 0) cut = maxChars;
    // Never cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line.resize(cut);
    while (!line.empty() && (line.back() == ',' || line.back() == ' ')) line.pop_back();
    return line + "…";
}

std::string scenarioFileSummary(const Json& scenario) {
    const Json table = scenario.value("table", Json::object());
    std::string out = "Scenario: " + stringIn(scenario, "name", "(unnamed)") + ", " +
                      numberIn(scenario, "durationSeconds") + " s\n";
    out += "Table " + stringIn(table, "name", "?") + " (partition key " +
           stringIn(table, "partitionKey", "?");
    if (table.contains("sortKey")) out += ", sort key " + stringIn(table, "sortKey");
    if (table.contains("localSecondaryIndexes"))
        out += ", " + numberIn(table, "localSecondaryIndexes") + " local secondary index(es)";
    out += "), ";
    if (stringIn(table, "billingMode") == "PAY_PER_REQUEST")
        out += "on demand";
    else
        out += "provisioned " + numberIn(table, "readCapacityUnits") + " RCU / " +
               numberIn(table, "writeCapacityUnits") + " WCU";
    out += ", " + numberIn(table, "itemCount") + " items of " + numberIn(table, "itemSizeBytes") +
           " bytes";
    if (table.contains("autoScaling")) out += ", auto scaling";
    out += "\nWorkload:";
    for (const auto& stream : scenario.value("workload", Json::array())) {
        out += "\n  " + stringIn(stream, "name", "stream") + ": " +
               stringIn(stream, "operation", "GetItem") + " at " +
               rateText(stream.value("rate", Json::object())) + ", " +
               keysText(stream.value("keys", Json::object()));
    }
    return out;
}

std::vector<GalleryEntry> scenarioGallery(const std::string& bundledDirectory) {
    std::vector<GalleryEntry> out;
    if (bundledDirectory.empty()) return out;
    const fs::path root(bundledDirectory);
    for (const auto& file : filesIn(root / "scenarios", ".json")) out.push_back(fileEntry(file));
    for (const auto& file : filesIn(root / "models", ".shardscape.json"))
        addModelEntries(file, out);
    return out;
}

}  // namespace shardscape
