#include "model/model_diff.h"

#include <sstream>

#include "model/model_json.h"

namespace shardscape {

namespace {

std::vector<std::string> lines(const Model& model) {
    std::vector<std::string> out;
    std::istringstream in(modelToJson(model).dump(2));
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

std::vector<DiffLine> modelDiff(const Model& before, const Model& after, int context) {
    const std::vector<std::string> a = lines(before), b = lines(after);
    // The common prefix and suffix are skipped; the middle is diffed by longest common
    // subsequence (the middle of a suggested change is a few dozen lines).
    size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
    std::vector<std::vector<int>> common(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            common[i][j] = a[prefix + i] == b[prefix + j]
                               ? common[i + 1][j + 1] + 1
                               : std::max(common[i + 1][j], common[i][j + 1]);
    std::vector<DiffLine> all;
    for (size_t i = 0; i < prefix; ++i) all.push_back({' ', a[i]});
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
            all.push_back({' ', a[prefix + i]});
            ++i;
            ++j;
        } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
            all.push_back({'-', a[prefix + i++]});  // removals before additions
        } else {
            all.push_back({'+', b[prefix + j++]});
        }
    }
    for (size_t k = a.size() - suffix; k < a.size(); ++k) all.push_back({' ', a[k]});

    // Keep `context` lines around the changes.
    std::vector<bool> keep(all.size(), false);
    bool changed = false;
    for (size_t k = 0; k < all.size(); ++k) {
        if (all[k].op == ' ') continue;
        changed = true;
        const size_t from = k >= static_cast<size_t>(context) ? k - context : 0;
        const size_t to = std::min(all.size(), k + context + 1);
        for (size_t x = from; x < to; ++x) keep[x] = true;
    }
    std::vector<DiffLine> out;
    if (!changed) return out;
    for (size_t k = 0; k < all.size(); ++k) {
        if (keep[k])
            out.push_back(all[k]);
        else if (out.empty() || out.back().op != '~')
            out.push_back({'~', ""});
    }
    return out;
}

std::string diffText(const std::vector<DiffLine>& diff) {
    std::string out;
    for (const auto& line : diff) {
        if (line.op == '~') {
            out.append("  …\n");
            continue;
        }
        out.push_back(line.op);
        out.append(" ").append(line.text).append("\n");
    }
    return out;
}

}  // namespace shardscape
