#pragma once
// Generates sample items from a model's entity types and streams them into the engine
// through its bulk loader: each attribute from its generator (sample_value_generator.h),
// each key attribute from the entity's key template, typed as the table defines it.
//
// Deterministic for a seed. The item count is split between the entities in proportion to
// their weights. Keys drawn with skew ("pick" generators) repeat, and a repeated key
// overwrites the earlier item, as a PutItem would: the table can end up with fewer items
// than were generated.

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "storage/engine.h"

namespace shardscape {

struct GenerateOptions {
    int64_t items = 1000;
    uint64_t seed = 1;
    size_t chunkItems = 1000;
    // Called after each chunk with the items generated so far; returning false cancels.
    std::function<bool(int64_t generated)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

struct GenerateReport {
    int64_t items = 0;
    std::map<std::string, int64_t> perEntity;
    bool cancelled = false;
};

// Makes the items of one entity type.
class EntityItemFactory {
  public:
    static Result<EntityItemFactory> create(const Model& model, const EntityType& entity);
    Result<Item> next(class SampleRandom& random);
    // The same, with the attributes in `fixed` taking the given values instead of generated
    // ones (their keys are rendered from them): items that share a partition.
    Result<Item> next(class SampleRandom& random, const Item& fixed);

  private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

// How `items` generated items split between the model's entity types (in their order), in
// proportion to their weights; the counts add up to `items` (all 0 when no entity has weight).
std::vector<int64_t> entityItemCounts(const Model& model, int64_t items);

// The tables must exist (createModelTables). Errors name the entity at fault.
Result<GenerateReport> generateSampleData(Engine& engine, const Model& model,
                                          const GenerateOptions& options);

}  // namespace shardscape
