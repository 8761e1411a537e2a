// Engine: capacity enforcement — each metered table's CapacityMeter, charged by item writes
// here and by the read operations through chargeCapacity.
#include "capacity/capacity.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"

namespace shardscape {

void Engine::syncMeterLocked(TableState& state) {
    const bool had = state.meter != nullptr;
    const CapacityEnforcement enforcement = effectiveEnforcement(*state.definition);
    if (enforcement == CapacityEnforcement::Off) {
        state.meter.reset();
    } else if (state.meter) {
        state.meter->update(*state.definition, enforcement, state.stats, now());
    } else {
        state.meter =
            std::make_shared<CapacityMeter>(*state.definition, enforcement, state.stats, now());
    }
    if (had != (state.meter != nullptr)) meteredTables_ += state.meter ? 1 : -1;
}

Status Engine::chargeCapacity(const std::string& tableName, const CapacityCharge* charges,
                              size_t count) {
    std::shared_ptr<CapacityMeter> meter;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(tableName);
        if (it == tables_.end()) return {};
        meter = it->second.meter;
    }
    if (!meter) return {};
    return meter->charge(now(), charges, count);
}

std::optional<CapacitySnapshot> Engine::capacityRecorder(const std::string& tableName) const {
    std::shared_ptr<CapacityMeter> meter;
    {
        std::shared_lock lock(catalogMutex_);
        auto it = tables_.find(tableName);
        if (it == tables_.end()) return std::nullopt;
        meter = it->second.meter;
    }
    if (!meter) return std::nullopt;
    return meter->snapshot(now());
}

Status Engine::chargeWrite(const TableDefinition& table, const std::string& storageKey,
                           const WriteResult& written, double factor) {
    // AWS: a write is charged by the larger of the old and the new item, in 1 KB units
    // (capacity.h); each index write by its entry; a local secondary index shares the
    // table's capacity, a global one has its own.
    const uint64_t hash = layout::hashOfItemKey(storageKey);
    std::vector<CapacityCharge> charges;
    charges.reserve(1 + written.indexWrites.size());
    charges.push_back({nullptr, hash, 0,
                       factor * writeCapacityUnits(std::max(written.oldSize, written.newSize))});
    for (const IndexWrite& write : written.indexWrites) {
        const double units = factor * writeCapacityUnits(write.entryBytes);
        if (write.global)
            charges.push_back({&write.indexName, write.partitionHash, 0, units});
        else
            charges.front().write += units;
    }
    return chargeCapacity(table.name, charges.data(), charges.size());
}

}  // namespace shardscape
