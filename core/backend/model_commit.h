#pragma once
// Committing a model to a DynamoDB connection, second half: running a plan
// (transfer/model_commit_plan.h) against any Backend (the local engine, `serve`, DynamoDB
// Local, a real region), request by request.
//
// - A table that already exists on the endpoint (DescribeTable finds it, or CreateTable says
//   it is in use) is reported and left as it is: none of its requests are sent, so nothing in
//   it is overwritten.
// - After CreateTable, DescribeTable is repeated until the table and its global secondary
//   indexes are ACTIVE (a real region takes seconds; the local engine is at once).
// - BatchWriteItem's UnprocessedItems are sent again, and a throttled request
//   (ProvisionedThroughputExceededException, ThrottlingException) is repeated, with
//   exponential backoff; after `maxRetries` the run stops with an error.
// - Cancel is checked before every request and while waiting: a cancelled run stops there and
//   reports what it did.
// - The run stops at the first error; the report says what was done before it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "transfer/model_commit_plan.h"

namespace shardscape {

struct CommitProgress {
    size_t requestsDone = 0;  // requests of the plan handled (sent, or skipped with their table)
    size_t requests = 0;
    int64_t itemsWritten = 0;
    int64_t items = 0;
    std::string current;  // describeCommitRequest of the request being sent
};

struct CommitRunOptions {
    // Called before each request and after the last; on the thread that runs the commit.
    std::function<void(const CommitProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr;
    // Sends of one BatchWriteItem beyond the first (for unprocessed items or throttling).
    int maxRetries = 10;
    std::chrono::milliseconds firstBackoff{50};
    std::chrono::milliseconds maxBackoff{5000};
    // How long a new table may take to become ACTIVE, and how often DescribeTable asks.
    std::chrono::milliseconds activeTimeout{std::chrono::minutes(10)};
    std::chrono::milliseconds pollInterval{250};
};

enum class CommitTableOutcome {
    Created,        // created (and filled, unless the run stopped in it)
    AlreadyExists,  // found on the endpoint: left as it is, nothing written
    NotReached,     // the run stopped (error or cancel) before it
};
const char* commitTableOutcomeName(CommitTableOutcome outcome);  // "created", ...

struct CommitTableReport {
    std::string table;
    CommitTableOutcome outcome = CommitTableOutcome::NotReached;
    int64_t itemsPlanned = 0;
    int64_t itemsWritten = 0;
};

struct CommitReport {
    std::string endpoint;  // Backend::description()
    std::vector<CommitTableReport> tables;
    int64_t requestsSent = 0;  // every call, DescribeTable polls and retries included
    int64_t itemsWritten = 0;
    int64_t retries = 0;           // BatchWriteItem requests sent again
    int64_t unprocessedItems = 0;  // puts that came back unprocessed and were sent again
    bool cancelled = false;
    std::optional<Error> error;         // what stopped the run
    std::vector<std::string> rejected;  // the plan's left-out sample items

    // Every table created and every item written.
    bool complete() const;
    std::vector<std::string> existingTables() const;
};

CommitReport commitModel(Backend& backend, const CommitPlan& plan,
                         const CommitRunOptions& options = {});

// The plan's tables the endpoint has already (DescribeTable finds them), in the plan's order:
// what a commit would report and leave alone. Errors: any other DescribeTable failure.
Result<std::vector<std::string>> existingCommitTables(Backend& backend, const CommitPlan& plan);

// For people: a headline ("Committed model Shop to http://...: 2 tables created, 120 items
// written in 9 requests."), a line per table, then retries, the error or cancel, left-out
// sample items.
std::string formatCommitReport(const CommitReport& report);
// For scripts: {"endpoint", "complete", "cancelled", "error", "requestsSent", "itemsWritten",
// "retries", "unprocessedItems", "tables": [{"table", "outcome", "itemsPlanned",
// "itemsWritten"}], "rejected"}.
Json commitReportJson(const CommitReport& report);

}  // namespace shardscape
