#include "model/model_report.h"

#include <algorithm>
#include <cctype>

namespace shardscape {

std::string formatModelCheck(const Model& model, const std::vector<ModelProblem>& problems,
                             const ModelAnalysis& analysis) {
    std::string out = "Model: ";
    out.append(model.name.empty() ? "(unnamed)" : model.name).append("\n");
    if (!problems.empty()) {
        out.append("\nErrors (").append(std::to_string(problems.size())).append("):\n");
        for (const auto& p : problems)
            out.append("  ").append(p.where).append(": ").append(p.message).append("\n");
    }
    size_t width = 0;
    for (const auto& p : analysis.patterns) width = std::max(width, p.pattern.size());
    if (!analysis.patterns.empty()) out.append("\nAccess patterns:\n");
    for (const auto& p : analysis.patterns) {
        std::string verdict(verdictName(p.verdict));
        std::transform(verdict.begin(), verdict.end(), verdict.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        verdict.resize(10, ' ');
        std::string name = p.pattern;
        name.resize(width, ' ');
        out.append("  ").append(verdict).append(" ").append(name).append("  ");
        if (!p.access.empty()) out.append(p.access).append(": ");
        out.append(p.reason).append("\n");
        if (!p.suggestion.empty())
            out.append("  ")
                .append(std::string(11 + width, ' '))
                .append("  -> ")
                .append(p.suggestion)
                .append("\n");
    }
    if (!analysis.smells.empty()) {
        out.append("\nDesign smells:\n");
        for (const auto& s : analysis.smells)
            out.append("  ").append(s.subject).append(": ").append(s.message).append("\n");
    }
    // green, amber, red (a Scan or a hot key), impossible.
    size_t counts[4] = {0, 0, 0, 0};
    for (const auto& p : analysis.patterns) {
        const std::string_view name = verdictName(p.verdict);
        ++counts[name == "green" ? 0 : name == "amber" ? 1 : name == "red" ? 2 : 3];
    }
    out.append("\n").append(std::to_string(problems.size())).append(" errors; ");
    out.append(std::to_string(counts[0])).append(" green, ");
    out.append(std::to_string(counts[1])).append(" amber, ");
    out.append(std::to_string(counts[2])).append(" red, ");
    out.append(std::to_string(counts[3])).append(" impossible; ");
    out.append(std::to_string(analysis.smells.size())).append(" design smells\n");
    return out;
}

OrderedJson modelCheckJson(const std::vector<ModelProblem>& problems,
                           const ModelAnalysis& analysis) {
    OrderedJson j = {{"errors", OrderedJson::array()},
                     {"accessPatterns", OrderedJson::array()},
                     {"designSmells", OrderedJson::array()}};
    for (const auto& p : problems)
        j["errors"].push_back({{"where", p.where}, {"message", p.message}});
    for (const auto& p : analysis.patterns) {
        OrderedJson entry = {{"name", p.pattern},
                             {"verdict", std::string(verdictName(p.verdict))},
                             {"access", p.access},
                             {"reason", p.reason}};
        if (!p.suggestion.empty()) entry["suggestion"] = p.suggestion;
        entry["readUnitsPerRequest"] = p.readUnitsPerRequest;
        entry["writeUnitsPerRequest"] = p.writeUnitsPerRequest;
        entry["filterKeeps"] = p.filterKeeps;
        entry["wastedReadUnitsPerSecond"] = p.wastedReadUnitsPerSecond;
        j["accessPatterns"].push_back(std::move(entry));
    }
    for (const auto& s : analysis.smells)
        j["designSmells"].push_back({{"subject", s.subject}, {"message", s.message}});
    return j;
}

}  // namespace shardscape
