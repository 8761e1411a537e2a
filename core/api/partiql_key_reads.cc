#include "api/partiql_key_reads.h"

#include <unordered_map>

namespace shardscape {

namespace {

// Enough for an application's statements; a workload with more distinct texts (literals in
// place of parameters) only loses the shortcut.
constexpr size_t kRememberedStatements = 256;

std::unordered_map<std::string, KeyReadPlan>& plans() {
    thread_local std::unordered_map<std::string, KeyReadPlan> remembered;
    return remembered;
}

}  // namespace

const KeyReadPlan* rememberedKeyRead(const std::string& statement) {
    auto& remembered = plans();
    auto it = remembered.find(statement);
    return it == remembered.end() ? nullptr : &it->second;
}

void rememberKeyRead(const std::string& statement, KeyReadPlan plan) {
    auto& remembered = plans();
    if (remembered.size() >= kRememberedStatements && !remembered.contains(statement))
        remembered.clear();
    remembered.insert_or_assign(statement, std::move(plan));
}

}  // namespace shardscape
