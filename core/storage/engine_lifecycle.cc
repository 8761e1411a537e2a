// Engine: the table lifecycle. A table is CREATING, UPDATING or DELETING for as long as
// EngineOptions asks (0, the default, makes every change immediate); the status is a function
// of now(), so nothing has to run when a transition ends.
#include "storage/engine.h"

#include <algorithm>

namespace shardscape {

namespace {

Error inUse(const std::string& what, const std::string& name) {
    return Error{
        ErrorType::ResourceInUse,
        "Attempt to change a resource which is still in use: Table is being " + what + ": " + name};
}

}  // namespace

TableStatus Engine::statusOf(const TableState& state) const {
    const Lifecycle& lifecycle = state.lifecycle;
    if (lifecycle.status == TableStatus::Active || now() >= lifecycle.until)
        return TableStatus::Active;
    return lifecycle.status;
}

TableDefinition Engine::present(const TableState& state) const {
    TableDefinition shown = *state.definition;
    shown.status = statusOf(state);
    if (shown.status == TableStatus::Active) return shown;
    const Lifecycle& lifecycle = state.lifecycle;
    for (auto& index : shown.indexes) {
        auto it = lifecycle.indexes.find(index.name);
        // An index still backfilling, or deleted meanwhile, shows what it really is.
        if (it != lifecycle.indexes.end() && index.status == IndexStatus::Active)
            index.status = it->second;
    }
    for (const auto& departing : lifecycle.departingIndexes)
        if (!shown.findIndex(departing.name)) shown.indexes.push_back(departing);
    // A new PAY_PER_REQUEST table reports when it became so once it is ACTIVE.
    if (shown.status == TableStatus::Creating) shown.lastUpdateToPayPerRequestDateTime = 0;
    if (const TableDefinition* before = lifecycle.before.get()) {
        // A throughput change shows once it is over; a switch of billing mode shows at once,
        // without the time of the switch to PAY_PER_REQUEST.
        const bool provisioned = before->billingMode == BillingMode::Provisioned &&
                                 shown.billingMode == BillingMode::Provisioned;
        if (provisioned) {
            shown.readCapacityUnits = before->readCapacityUnits;
            shown.writeCapacityUnits = before->writeCapacityUnits;
        }
        if (before->billingMode != shown.billingMode)
            shown.lastUpdateToPayPerRequestDateTime = before->lastUpdateToPayPerRequestDateTime;
        for (auto& index : shown.indexes) {
            const IndexDefinition* old = before->findIndex(index.name);
            if (!old || !index.global || !provisioned) continue;
            index.readCapacityUnits = old->readCapacityUnits;
            index.writeCapacityUnits = old->writeCapacityUnits;
        }
    }
    return shown;
}

IndexStatus Engine::shownIndexStatus(const std::string& tableName,
                                     const IndexDefinition& index) const {
    if (index.status != IndexStatus::Active || options_.updateTableMs <= 0) return index.status;
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(tableName);
    if (it == tables_.end() || statusOf(it->second) == TableStatus::Active) return index.status;
    auto shown = it->second.lifecycle.indexes.find(index.name);
    return shown == it->second.lifecycle.indexes.end() ? index.status : shown->second;
}

bool Engine::deletingLocked(const std::string& name) const {
    auto it = deletingTables_.find(name);
    return it != deletingTables_.end() && now() < it->second.until;
}

Status Engine::changeableLocked(const std::string& name) const {
    auto it = tables_.find(name);
    if (it == tables_.end()) {
        if (deletingLocked(name)) return inUse("deleted", name);
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + name + " not found"};
    }
    switch (statusOf(it->second)) {
        case TableStatus::Creating:
            return inUse("created", name);
        case TableStatus::Updating:
            return inUse("updated", name);
        case TableStatus::Deleting:
            return inUse("deleted", name);
        case TableStatus::Active:
            break;
    }
    return {};
}

Status Engine::requireChangeable(const std::string& name) const {
    std::shared_lock lock(catalogMutex_);
    return changeableLocked(name);
}

std::optional<TableStatus> Engine::tableStatus(const std::string& name) const {
    std::shared_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it != tables_.end()) return statusOf(it->second);
    if (deletingLocked(name)) return TableStatus::Deleting;
    return std::nullopt;
}

void Engine::beginTableUpdate(const std::string& name, std::map<std::string, IndexStatus> indexes,
                              std::vector<IndexDefinition> departing,
                              std::shared_ptr<const TableDefinition> before) {
    if (options_.updateTableMs <= 0) return;
    std::unique_lock lock(catalogMutex_);
    auto it = tables_.find(name);
    if (it == tables_.end()) return;
    for (auto& index : departing) index.status = IndexStatus::Deleting;
    it->second.lifecycle =
        Lifecycle{TableStatus::Updating, now() + static_cast<double>(options_.updateTableMs) / 1000,
                  std::move(indexes), std::move(departing), std::move(before)};
}

std::vector<std::string> Engine::listTableNames() const {
    std::shared_lock lock(catalogMutex_);
    std::vector<std::string> names;
    names.reserve(tables_.size() + deletingTables_.size());
    for (const auto& [name, state] : tables_) names.push_back(name);
    for (const auto& [name, deleting] : deletingTables_)
        if (now() < deleting.until && !tables_.count(name)) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace shardscape
