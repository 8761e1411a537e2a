#pragma once
// A facet view of one table: a few generated items of each of its entity types, grouped by
// partition key and sorted by sort key, like a single-table design diagram.
//
// Entity types whose partition-key templates are the same (Customer and Order both under
// "CUSTOMER#{customerId}") are generated into the same partitions, so the diagram shows the
// item collections the design intends.

#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

struct FacetRow {
    std::string entity;
    std::string sortKey;  // display text, empty when the table has no sort key
    // The item's other attributes in display text, in the entity's attribute order.
    std::vector<std::pair<std::string, std::string>> attributes;
};

struct FacetPartition {
    std::string partitionKey;  // display text
    std::vector<FacetRow> rows;
};

struct FacetSample {
    std::string partitionKeyName;
    std::string sortKeyName;            // empty when the table has none
    std::vector<std::string> entities;  // the table's entity types, model order
    std::vector<FacetPartition> partitions;
    std::vector<std::string> problems;  // entity types that could not be generated, and why
};

FacetSample facetSample(const Model& model, const std::string& table, int itemsPerEntity = 3,
                        uint64_t seed = 1);

}  // namespace shardscape
