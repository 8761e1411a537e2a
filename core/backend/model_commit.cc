#include "backend/model_commit.h"

#include <algorithm>
#include <sstream>
#include <thread>

namespace shardscape {

namespace {

using Clock = std::chrono::steady_clock;

bool isThrottling(const Error& error) {
    return error.isDynamo() && (error.type == ErrorType::ProvisionedThroughputExceeded ||
                                error.type == ErrorType::Throttling);
}

// Runs one plan against one backend; the report fills as it goes.
class CommitRun {
  public:
    CommitRun(Backend& backend, const CommitPlan& plan, const CommitRunOptions& options)
        : backend_(backend), plan_(plan), options_(options) {
        report_.endpoint = backend.description();
        report_.rejected = plan.rejected;
        progress_.requests = plan.requests.size();
        progress_.items = plan.items();
        for (const auto& table : plan.tables)
            report_.tables.push_back({table.name, CommitTableOutcome::NotReached,
                                      table.sampleItems + table.generatedItems, 0});
    }

    CommitReport run() {
        Status status = runRequests();
        if (!status.ok()) {
            if (status.error().isCancelled())
                report_.cancelled = true;
            else
                report_.error = status.error();
        }
        progress_.current.clear();
        report();
        return std::move(report_);
    }

  private:
    bool cancelled() const { return options_.cancel && options_.cancel->load(); }
    void report() {
        if (options_.progress) options_.progress(progress_);
    }
    CommitTableReport& tableReport(const std::string& table) {
        for (auto& t : report_.tables)
            if (t.table == table) return t;
        report_.tables.push_back({table, CommitTableOutcome::NotReached, 0, 0});
        return report_.tables.back();
    }

    Result<Json> call(const std::string& operation, const CommitRequest& request,
                      const Json& body) {
        ++report_.requestsSent;
        auto response = backend_.call(operation, body);
        if (!response) return response.error().withContext(operation + " " + request.table + ": ");
        return response;
    }
    Result<Json> call(const CommitRequest& request, const Json& body) {
        return call(request.operation, request, body);
    }

    // Sleeps `duration` in short steps; false when cancelled meanwhile.
    bool pause(std::chrono::milliseconds duration) {
        const auto until = Clock::now() + duration;
        while (Clock::now() < until) {
            if (cancelled()) return false;
            std::this_thread::sleep_for(
                std::min<Clock::duration>(std::chrono::milliseconds(20), until - Clock::now()));
        }
        return !cancelled();
    }

    Status runRequests() {
        std::string skipping;  // the table found on the endpoint, whose requests are skipped
        for (const CommitRequest& request : plan_.requests) {
            if (request.table == skipping) {
                ++progress_.requestsDone;
                continue;
            }
            // Reported first: a cancel asked for in the progress callback stops this request.
            progress_.current = describeCommitRequest(request);
            report();
            if (cancelled()) return cancelledError("The commit was cancelled");
            switch (request.step) {
                case CommitStep::CreateTable: {
                    auto created = createTable(request);
                    if (!created) return created.error();
                    if (!*created) skipping = request.table;
                    break;
                }
                case CommitStep::WaitUntilActive:
                    SHARDSCAPE_TRY(waitUntilActive(request));
                    break;
                case CommitStep::EnableTimeToLive: {
                    auto enabled = call(request, request.body);
                    if (!enabled) return enabled.error();
                    break;
                }
                case CommitStep::WriteItems:
                    SHARDSCAPE_TRY(writeItems(request));
                    break;
            }
            ++progress_.requestsDone;
        }
        return {};
    }

    // True when the table was created; false when it was there already.
    Result<bool> createTable(const CommitRequest& request) {
        CommitTableReport& table = tableReport(request.table);
        auto existing = call("DescribeTable", request, Json{{"TableName", request.table}});
        if (existing || existing.error().type != ErrorType::ResourceNotFound ||
            !existing.error().isDynamo()) {
            if (!existing) return existing.error();
            table.outcome = CommitTableOutcome::AlreadyExists;
            return false;
        }
        auto created = call(request, request.body);
        if (!created) {
            // Created by someone else since DescribeTable asked.
            if (created.error().isDynamo() && created.error().type == ErrorType::ResourceInUse) {
                table.outcome = CommitTableOutcome::AlreadyExists;
                return false;
            }
            return created.error();
        }
        table.outcome = CommitTableOutcome::Created;
        return true;
    }

    Status waitUntilActive(const CommitRequest& request) {
        const auto deadline = Clock::now() + options_.activeTimeout;
        while (true) {
            auto described = call(request, request.body);
            // Right after CreateTable a region may not find the table yet: ask again.
            const bool notYet = !described && described.error().isDynamo() &&
                                described.error().type == ErrorType::ResourceNotFound;
            if (!described && !notYet) return described.error();
            const Json table = notYet ? Json::object() : described->value("Table", Json::object());
            bool active = table.value("TableStatus", "") == "ACTIVE";
            for (const auto& index : table.value("GlobalSecondaryIndexes", Json::array()))
                if (index.value("IndexStatus", "ACTIVE") != "ACTIVE") active = false;
            if (active) return {};
            if (Clock::now() >= deadline)
                return internalError("Table " + request.table + " did not become ACTIVE in " +
                                     std::to_string(options_.activeTimeout.count() / 1000) +
                                     " s (it is " +
                                     table.value("TableStatus", std::string("not found")) + ")");
            if (!pause(options_.pollInterval)) return cancelledError("The commit was cancelled");
        }
    }

    Status writeItems(const CommitRequest& request) {
        Json body = request.body;
        std::chrono::milliseconds backoff = options_.firstBackoff;
        for (int attempt = 0;; ++attempt) {
            const Json puts = body["RequestItems"][request.table];
            auto response = call(request, body);
            int64_t unprocessed = 0;
            if (response) {
                const Json left = response->value("UnprocessedItems", Json::object());
                Json rest = left.contains(request.table) ? left[request.table] : Json::array();
                unprocessed = static_cast<int64_t>(rest.size());
                const int64_t written = static_cast<int64_t>(puts.size()) - unprocessed;
                report_.itemsWritten += written;
                progress_.itemsWritten += written;
                tableReport(request.table).itemsWritten += written;
                if (unprocessed == 0) return {};
                body["RequestItems"] = Json{{request.table, std::move(rest)}};
                report_.unprocessedItems += unprocessed;
            } else if (!isThrottling(response.error())) {
                return response.error();
            }
            if (attempt >= options_.maxRetries)
                return response ? internalError("BatchWriteItem " + request.table + ": " +
                                                std::to_string(unprocessed) +
                                                " items still unprocessed after " +
                                                std::to_string(options_.maxRetries) + " retries")
                                : response.error();
            if (!pause(backoff)) return cancelledError("The commit was cancelled");
            backoff = std::min(backoff * 2, options_.maxBackoff);
            ++report_.retries;
            report();
        }
    }

    Backend& backend_;
    const CommitPlan& plan_;
    const CommitRunOptions& options_;
    CommitReport report_;
    CommitProgress progress_;
};

}  // namespace

const char* commitTableOutcomeName(CommitTableOutcome outcome) {
    switch (outcome) {
        case CommitTableOutcome::Created:
            return "created";
        case CommitTableOutcome::AlreadyExists:
            return "already exists";
        case CommitTableOutcome::NotReached:
            return "not reached";
    }
    return "";
}

bool CommitReport::complete() const {
    if (cancelled || error) return false;
    for (const auto& table : tables)
        if (table.outcome != CommitTableOutcome::Created ||
            table.itemsWritten != table.itemsPlanned)
            return false;
    return true;
}

std::vector<std::string> CommitReport::existingTables() const {
    std::vector<std::string> names;
    for (const auto& table : tables)
        if (table.outcome == CommitTableOutcome::AlreadyExists) names.push_back(table.table);
    return names;
}

CommitReport commitModel(Backend& backend, const CommitPlan& plan,
                         const CommitRunOptions& options) {
    return CommitRun(backend, plan, options).run();
}

Result<std::vector<std::string>> existingCommitTables(Backend& backend, const CommitPlan& plan) {
    std::vector<std::string> existing;
    for (const auto& table : plan.tables) {
        auto described = backend.call("DescribeTable", Json{{"TableName", table.name}});
        if (described) {
            existing.push_back(table.name);
            continue;
        }
        if (!described.error().isDynamo() || described.error().type != ErrorType::ResourceNotFound)
            return described.error().withContext("DescribeTable " + table.name + ": ");
    }
    return existing;
}

std::string formatCommitReport(const CommitReport& report) {
    std::ostringstream out;
    int created = 0;
    for (const auto& table : report.tables)
        if (table.outcome == CommitTableOutcome::Created) ++created;
    if (report.complete())
        out << "Committed to ";
    else if (created == 0 && report.itemsWritten == 0)
        out << "Nothing committed to ";
    else
        out << "Committed in part to ";
    out << report.endpoint << ": " << created << (created == 1 ? " table" : " tables")
        << " created, " << report.itemsWritten << (report.itemsWritten == 1 ? " item" : " items")
        << " written in " << report.requestsSent
        << (report.requestsSent == 1 ? " request" : " requests") << ".\n";
    for (const auto& table : report.tables) {
        out << "  " << table.table << ": " << commitTableOutcomeName(table.outcome);
        switch (table.outcome) {
            case CommitTableOutcome::Created:
                out << ", " << table.itemsWritten << " of " << table.itemsPlanned
                    << " items written";
                break;
            case CommitTableOutcome::AlreadyExists:
                out << " — left as it is, its " << table.itemsPlanned
                    << " items not written (delete the table or commit under another name)";
                break;
            case CommitTableOutcome::NotReached:
                break;
        }
        out << "\n";
    }
    if (report.retries > 0)
        out << "  " << report.retries << " BatchWriteItem requests sent again ("
            << report.unprocessedItems << " unprocessed items)\n";
    if (report.cancelled) out << "  Cancelled: the remaining requests were not sent.\n";
    if (report.error)
        out << "  Stopped by " << report.error->name() << ": " << report.error->message << "\n";
    for (const auto& rejected : report.rejected) out << "  left out: " << rejected << "\n";
    return out.str();
}

Json commitReportJson(const CommitReport& report) {
    Json tables = Json::array();
    for (const auto& table : report.tables)
        tables.push_back({{"table", table.table},
                          {"outcome", commitTableOutcomeName(table.outcome)},
                          {"itemsPlanned", table.itemsPlanned},
                          {"itemsWritten", table.itemsWritten}});
    Json error = nullptr;
    if (report.error) error = {{"type", report.error->name()}, {"message", report.error->message}};
    return {{"endpoint", report.endpoint},
            {"complete", report.complete()},
            {"cancelled", report.cancelled},
            {"error", error},
            {"requestsSent", report.requestsSent},
            {"itemsWritten", report.itemsWritten},
            {"retries", report.retries},
            {"unprocessedItems", report.unprocessedItems},
            {"tables", tables},
            {"rejected", report.rejected}};
}

}  // namespace shardscape
