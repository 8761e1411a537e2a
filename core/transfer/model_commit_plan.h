#pragma once
// Committing a model to a DynamoDB connection, first half: the plan. A model becomes the
// requests that would build it on any endpoint, table by table in the model's order:
//   CreateTable (with its global and local secondary indexes, as model/table_export.h writes it),
//   DescribeTable until the table and its indexes are ACTIVE,
//   UpdateTimeToLive when the table has a TTL attribute (CreateTable has no TTL parameter),
//   BatchWriteItem of the table's items, 25 puts per request (DynamoDB's limit).
// The items are the model's sample items (table- and entity-level "sampleItems") and, when
// asked, items generated from its entity types (model/sample_data_generator.h; the same items
// the local engine's generator makes for that seed). A BatchWriteItem must not name one key
// twice, so items with the same key are merged as successive PutItems would: the last one is
// written, at the place of the first. Sample items that are not valid items for their table
// are left out and listed.
//
// Nothing here talks to an endpoint: backend/model_commit.h runs a plan against a Backend.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/model.h"
#include "values/attribute_json.h"

namespace shardscape {

struct CommitPlanOptions {
    // Items generated from the entity types, besides the sample items; 0: none.
    int64_t generateItems = 0;
    uint64_t seed = 1;
};

// BatchWriteItem's limit of puts per request.
constexpr int64_t kCommitBatchItems = 25;

enum class CommitStep { CreateTable, WaitUntilActive, EnableTimeToLive, WriteItems };

struct CommitRequest {
    CommitStep step = CommitStep::CreateTable;
    std::string table;
    // The DynamoDB operation and its request: CreateTable, DescribeTable (repeated until
    // ACTIVE), UpdateTimeToLive or BatchWriteItem.
    std::string operation;
    Json body;
    int64_t items = 0;  // WriteItems: the puts in this request
};

struct CommitTablePlan {
    std::string name;
    int64_t sampleItems = 0;     // written (after merging repeated keys)
    int64_t generatedItems = 0;  // written (after merging repeated keys)
    int64_t mergedItems = 0;     // items whose key repeated an earlier one's
    int64_t batches = 0;
};

struct CommitPlan {
    std::string modelName;
    std::vector<CommitTablePlan> tables;  // the model's order
    std::vector<CommitRequest> requests;  // table by table
    // Sample items left out ("Orders.sampleItems[2]: reason").
    std::vector<std::string> rejected;

    int64_t items() const;  // the puts of every BatchWriteItem
    const CommitTablePlan* findTable(const std::string& name) const;
};

// Errors: a model without tables, an entity whose items cannot be generated (named), more
// than 1,000,000 generated items (the plan holds its items).
Result<CommitPlan> planModelCommit(const Model& model, const CommitPlanOptions& options = {});

// One line for a request: "CreateTable Orders (PK S, SK S; GSI byStatus; on-demand)",
// "DescribeTable Orders until ACTIVE", "UpdateTimeToLive Orders (expiresAt)",
// "BatchWriteItem Orders: 25 items".
std::string describeCommitRequest(const CommitRequest& request);

// The preview: a summary, then each table's requests, runs of BatchWriteItem folded into one
// line ("BatchWriteItem Orders × 4: 90 items, up to 25 per request"), then the rejected
// sample items.
std::string commitPlanPreview(const CommitPlan& plan);

// Every request in full, for scripts and review: {"model", "tables": [{"table",
// "sampleItems", "generatedItems", "mergedItems", "batches"}], "requests": [{"operation",
// "table", "request"}], "rejected": [...]}.
Json commitPlanJson(const CommitPlan& plan);

}  // namespace shardscape
