// Committing a model to a connection (transfer/model_commit_plan.h, backend/model_commit.h,
// `shardscape-cli model commit`): the plan of requests and its preview; runs against the
// local engine, against `shardscape-cli serve` (started here on a free port, once with tables
// that stay CREATING) and against dynalite; a table that exists already is reported and left
// as it is; a cancelled run; unprocessed items and throttled batches sent again; an endpoint
// that refuses a request stops the run with a report.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/model_commit.h"
#include "backend/remote_backend.h"
#include "dynalite_process.h"
#include "model/model_engine.h"
#include "model/model_file.h"
#include "model/sample_data_generator.h"
#include "model/table_export.h"
#include "operation_test_support.h"
#include "serve_process.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::ServeProcess;

namespace {

QString modelPath(const char* name) {
    return QString(SHARDSCAPE_SOURCE_DIR) + "/" + name;
}

Model loadOrDie(const char* name) {
    auto model = loadModel(modelPath(name).toStdString());
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

// Every item of a table, as sorted JSON texts.
std::vector<std::string> allItems(Backend& backend, const std::string& table) {
    std::vector<std::string> items;
    Json start;
    do {
        Json scan{{"TableName", table}};
        if (!start.is_null()) scan["ExclusiveStartKey"] = start;
        auto page = backend.call("Scan", scan);
        if (!page) qFatal("Scan %s: %s", table.c_str(), page.error().message.c_str());
        for (const auto& item : (*page)["Items"]) items.push_back(item.dump());
        start = page->value("LastEvaluatedKey", Json());
    } while (!start.is_null());
    std::sort(items.begin(), items.end());
    return items;
}

bool tableExists(Backend& backend, const std::string& table) {
    return bool(backend.call("DescribeTable", Json{{"TableName", table}}));
}

std::shared_ptr<RemoteBackend> connectTo(const QString& url) {
    ConnectionProfile profile;
    profile.endpointUrl = url.toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDTEST", "secret", {}};
    auto connected = RemoteBackend::connect(profile, AwsEnvironment{});
    if (!connected) qFatal("%s", connected.error().message.c_str());
    return *connected;
}

struct CliRun {
    int exitCode = -1;
    QString out, err;
};

CliRun runCli(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.insert("AWS_SECRET_ACCESS_KEY", "secret");
    env.remove("AWS_PROFILE");
    process.setProcessEnvironment(env);
    process.start(SHARDSCAPE_CLI, arguments);
    CliRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// A local backend whose first BatchWriteItem is throttled and whose second writes only its
// first ten puts and hands the rest back as UnprocessedItems, as a busy DynamoDB does.
class BusyBackend : public LocalBackend {
  public:
    using LocalBackend::LocalBackend;
    Result<Json> call(std::string_view operation, const Json& request) override {
        if (operation != "BatchWriteItem") return LocalBackend::call(operation, request);
        ++batchCalls;
        if (batchCalls == 1)
            return Error{ErrorType::ProvisionedThroughputExceeded,
                         "The level of configured provisioned throughput for the table was "
                         "exceeded. Consider increasing your provisioning level with the "
                         "UpdateTable API."};
        if (batchCalls != 2) return LocalBackend::call(operation, request);
        const Json& requestItems = request["RequestItems"];
        const std::string table = requestItems.begin().key();
        const Json& puts = requestItems.begin().value();
        Json first = Json::array(), rest = Json::array();
        for (size_t i = 0; i < puts.size(); ++i) (i < 10 ? first : rest).push_back(puts[i]);
        auto written = LocalBackend::call(operation, Json{{"RequestItems", {{table, first}}}});
        if (!written) return written;
        return Json{{"UnprocessedItems", {{table, rest}}}};
    }
    int batchCalls = 0;
};

}  // namespace

class ModelCommitTest : public QObject {
    Q_OBJECT
  private slots:
    void planAndPreview();
    void planOfTheBundledModel();
    void planErrors();
    void localEngineMatchesTheGenerator();
    void unprocessedItemsAndThrottlingAreRetried();
    void waitForActiveAndItsTimeout();
    void serveCreatesTablesIndexesAndItems();
    void serveWaitsForCreatingTables();
    void existingTableIsReportedNotOverwritten();
    void cancelledRun();
    void dynaliteCommit();
    void refusedRequestStopsTheRun();
    void cliAgainstServeAndDynalite();
    void cliLocalDataAndUsage();
};

void ModelCommitTest::planAndPreview() {
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 40, .seed = 1});
    QVERIFY2(plan, plan ? "" : plan.error().message.c_str());
    // Books: the second sample item with key SHELF#1/BOOK#dune replaces the first in its
    // place; the fourth has a year of the wrong type for the LSI's key. Loans: generated only.
    QCOMPARE(plan->rejected,
             std::vector<std::string>{
                 "Books.sampleItems[3]: One or more parameter values were invalid: Type mismatch "
                 "for Index Key year Expected: N Actual: S IndexName: byYear"});
    QCOMPARE(plan->tables.size(), size_t(2));
    QCOMPARE(plan->tables[0].sampleItems, int64_t(2));
    QCOMPARE(plan->tables[0].generatedItems, int64_t(30));  // 40 × 3/4
    QCOMPARE(plan->tables[0].mergedItems, int64_t(1));
    QCOMPARE(plan->tables[0].batches, int64_t(2));
    QCOMPARE(plan->tables[1].generatedItems, int64_t(10));
    QCOMPARE(plan->items(), int64_t(42));

    QCOMPARE(plan->requests.size(), size_t(7));
    const std::vector<std::string> operations = {
        "CreateTable", "DescribeTable", "BatchWriteItem", "BatchWriteItem",
        "CreateTable", "DescribeTable", "BatchWriteItem"};
    for (size_t i = 0; i < operations.size(); ++i)
        QCOMPARE(plan->requests[i].operation, operations[i]);
    QCOMPARE(plan->requests[0].body, Json(createTableRequest(model.tables[0])));
    QCOMPARE(plan->requests[1].body, Json({{"TableName", "Books"}}));
    QCOMPARE(plan->requests[2].items, int64_t(25));
    QCOMPARE(plan->requests[3].items, int64_t(7));
    // The merged item, first in place, carries the later title.
    const Json& first = plan->requests[2].body["RequestItems"]["Books"][0]["PutRequest"]["Item"];
    QCOMPARE(first["title"], Json({{"S", "Dune (2nd printing)"}}));
    QCOMPARE(first["year"], Json({{"N", "1966"}}));
    QCOMPARE(plan->requests[2].body["RequestItems"]["Books"][1]["PutRequest"]["Item"]["SK"],
             Json({{"S", "BOOK#emma"}}));

    QCOMPARE(commitPlanPreview(*plan),
             std::string("2 tables, 42 items, 7 requests (model Library)\n"
                         "  CreateTable Books (PK S, SK S; GSI byAuthor; LSI byYear; 5 RCU / 5 "
                         "WCU)\n"
                         "  DescribeTable Books until it and its indexes are ACTIVE\n"
                         "  BatchWriteItem Books × 2: 32 items, up to 25 per request\n"
                         "  CreateTable Loans (loanId S; on-demand)\n"
                         "  DescribeTable Loans until it and its indexes are ACTIVE\n"
                         "  BatchWriteItem Loans: 10 items\n"
                         "  Books: 2 sample and 30 generated items (1 repeated key merged, the "
                         "last item kept)\n"
                         "  Loans: 0 sample and 10 generated items\n"
                         "  left out: Books.sampleItems[3]: One or more parameter values were "
                         "invalid: Type mismatch for Index Key year Expected: N Actual: S "
                         "IndexName: byYear\n"));

    // Without generated items: the sample items alone, and a table with none gets no write.
    auto samples = planModelCommit(model);
    QVERIFY(samples);
    QCOMPARE(samples->items(), int64_t(2));
    QCOMPARE(samples->requests.size(), size_t(5));
    QCOMPARE(samples->requests[4].operation, std::string("DescribeTable"));
}

void ModelCommitTest::planOfTheBundledModel() {
    // The e-commerce model's table has a TTL attribute: UpdateTimeToLive once it is ACTIVE.
    const Model model = loadOrDie("resources/models/ecommerce.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 100});
    QVERIFY(plan);
    QCOMPARE(commitPlanPreview(*plan),
             std::string("1 table, 100 items, 7 requests (model E-commerce (single table))\n"
                         "  CreateTable Shop (PK S, SK S; GSI GSI1 GSI2; on-demand)\n"
                         "  DescribeTable Shop until it and its indexes are ACTIVE\n"
                         "  UpdateTimeToLive Shop (expiresAt)\n"
                         "  BatchWriteItem Shop × 4: 100 items, up to 25 per request\n"
                         "  Shop: 0 sample and 100 generated items\n"));
    QCOMPARE(plan->requests[2].body, testing::json(R"({"TableName":"Shop","TimeToLiveSpecification":
                 {"AttributeName":"expiresAt","Enabled":true}})"));
}

void ModelCommitTest::planErrors() {
    Model empty;
    auto none = planModelCommit(empty);
    QVERIFY(!none);
    QCOMPARE(none.error().message, std::string("The model has no tables to commit"));
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto tooMany = planModelCommit(model, {.generateItems = 1'000'001});
    QVERIFY(!tooMany);
    QCOMPARE(tooMany.error().message,
             std::string("The number of items to generate must be between 0 and 1000000"));
}

void ModelCommitTest::localEngineMatchesTheGenerator() {
    // Committed to the local engine, the generated items are those the engine's own generator
    // makes for the same seed.
    const Model model = loadOrDie("resources/models/chat-app.shardscape.json");
    QTemporaryDir a, b;
    auto engineA = Engine::open(a.path().toStdString());
    auto engineB = Engine::open(b.path().toStdString());
    QVERIFY(engineA && engineB);
    LocalBackend committed(std::move(*engineA)), generated(std::move(*engineB));
    auto plan = planModelCommit(model, {.generateItems = 300, .seed = 7});
    QVERIFY(plan);
    std::vector<CommitProgress> seen;
    CommitRunOptions options;
    options.progress = [&](const CommitProgress& p) { seen.push_back(p); };
    const CommitReport report = commitModel(committed, *plan, options);
    QVERIFY2(report.complete(), formatCommitReport(report).c_str());
    QVERIFY(createModelTables(*generated.engine(), model));
    GenerateOptions generate;
    generate.items = 300;
    generate.seed = 7;
    QVERIFY(generateSampleData(*generated.engine(), model, generate));
    const std::string table = model.tables[0].name;
    const auto items = allItems(committed, table);
    QCOMPARE(static_cast<int64_t>(items.size()), plan->items());
    QVERIFY(items == allItems(generated, table));
    // Progress: before each request, then once at the end with everything done.
    QCOMPARE(seen.size(), plan->requests.size() + 1);
    QCOMPARE(seen.front().requestsDone, size_t(0));
    QCOMPARE(seen.front().current, describeCommitRequest(plan->requests[0]));
    QCOMPARE(seen.back().requestsDone, plan->requests.size());
    QCOMPARE(seen.back().itemsWritten, plan->items());
    QCOMPARE(seen.back().current, std::string());
    // DescribeTable before CreateTable, the wait's DescribeTable (ACTIVE at once), the writes.
    QCOMPARE(report.requestsSent, static_cast<int64_t>(plan->requests.size()) + 1);
}

void ModelCommitTest::unprocessedItemsAndThrottlingAreRetried() {
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 40});
    QVERIFY(plan);
    QTemporaryDir dir;
    auto engine = Engine::open(dir.path().toStdString());
    QVERIFY(engine);
    BusyBackend busy(std::move(*engine));
    CommitRunOptions quick;
    quick.firstBackoff = std::chrono::milliseconds(1);
    const CommitReport report = commitModel(busy, *plan, quick);
    QVERIFY2(report.complete(), formatCommitReport(report).c_str());
    // The first batch: throttled, then 10 of 25 written, then the other 15.
    QCOMPARE(report.retries, int64_t(2));
    QCOMPARE(report.unprocessedItems, int64_t(15));
    QCOMPARE(busy.batchCalls, 3 + 2);
    QCOMPARE(report.itemsWritten, int64_t(42));
    QCOMPARE(allItems(busy, "Books").size(), size_t(32));
    QCOMPARE(allItems(busy, "Loans").size(), size_t(10));
    QCOMPARE(formatCommitReport(report),
             std::string("Committed to local engine: 2 tables created, 42 items written in 11 "
                         "requests.\n"
                         "  Books: created, 32 of 32 items written\n"
                         "  Loans: created, 10 of 10 items written\n"
                         "  2 BatchWriteItem requests sent again (15 unprocessed items)\n"
                         "  left out: Books.sampleItems[3]: One or more parameter values were "
                         "invalid: Type mismatch for Index Key year Expected: N Actual: S "
                         "IndexName: byYear\n"));

    // A batch that never gets through stops the run after maxRetries, with the report.
    class AlwaysThrottled : public LocalBackend {
      public:
        using LocalBackend::LocalBackend;
        Result<Json> call(std::string_view operation, const Json& request) override {
            if (operation == "BatchWriteItem")
                return Error{ErrorType::Throttling, "Rate of requests exceeds the allowed rate"};
            return LocalBackend::call(operation, request);
        }
    };
    QTemporaryDir other;
    auto second = Engine::open(other.path().toStdString());
    QVERIFY(second);
    AlwaysThrottled throttled(std::move(*second));
    quick.maxRetries = 3;
    const CommitReport stopped = commitModel(throttled, *plan, quick);
    QVERIFY(!stopped.complete());
    QVERIFY(stopped.error);
    QCOMPARE(stopped.error->name(), std::string("ThrottlingException"));
    QCOMPARE(stopped.error->message,
             std::string("BatchWriteItem Books: Rate of requests exceeds the allowed rate"));
    QCOMPARE(stopped.retries, int64_t(3));
    QCOMPARE(stopped.tables[0].outcome, CommitTableOutcome::Created);
    QCOMPARE(stopped.tables[1].outcome, CommitTableOutcome::NotReached);
    QVERIFY(!tableExists(throttled, "Loans"));
}

void ModelCommitTest::waitForActiveAndItsTimeout() {
    // Right after CreateTable a region may answer DescribeTable with ResourceNotFound, then
    // CREATING: the commit keeps asking until ACTIVE. A table that never gets there stops the
    // run after activeTimeout.
    class SlowRegion : public LocalBackend {
      public:
        using LocalBackend::LocalBackend;
        Result<Json> call(std::string_view operation, const Json& request) override {
            if (operation == "CreateTable") created = true;
            if (operation == "DescribeTable" && created && (++describes <= 2 || never)) {
                if (describes == 1)
                    return Error{ErrorType::ResourceNotFound,
                                 "Requested resource not found: Table: Books not found"};
                auto described = LocalBackend::call(operation, request);
                if (described) (*described)["Table"]["TableStatus"] = "CREATING";
                return described;
            }
            return LocalBackend::call(operation, request);
        }
        bool created = false, never = false;
        int describes = 0;
    };
    Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    model.tables.resize(1);
    auto plan = planModelCommit(model);
    QVERIFY(plan);
    CommitRunOptions options;
    options.pollInterval = std::chrono::milliseconds(5);
    {
        QTemporaryDir dir;
        auto engine = Engine::open(dir.path().toStdString());
        QVERIFY(engine);
        SlowRegion region(std::move(*engine));
        const CommitReport report = commitModel(region, *plan, options);
        QVERIFY2(report.complete(), formatCommitReport(report).c_str());
        QCOMPARE(region.describes, 3);  // not found, CREATING, ACTIVE
        QCOMPARE(report.itemsWritten, int64_t(2));
    }
    QTemporaryDir dir;
    auto engine = Engine::open(dir.path().toStdString());
    QVERIFY(engine);
    SlowRegion stuck(std::move(*engine));
    stuck.never = true;
    options.activeTimeout = std::chrono::milliseconds(1000);
    const CommitReport report = commitModel(stuck, *plan, options);
    QVERIFY(report.error);
    QCOMPARE(report.error->message,
             std::string("Table Books did not become ACTIVE in 1 s (it is CREATING)"));
    QCOMPARE(report.itemsWritten, int64_t(0));
    QCOMPARE(report.tables[0].outcome, CommitTableOutcome::Created);
}

void ModelCommitTest::serveCreatesTablesIndexesAndItems() {
    ServeProcess serve;
    QVERIFY(serve.start());
    auto remote = connectTo(serve.url());
    const Model model = loadOrDie("resources/models/ecommerce.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 60});
    QVERIFY(plan);
    const CommitReport report = commitModel(*remote, *plan);
    QVERIFY2(report.complete(), formatCommitReport(report).c_str());
    QCOMPARE(report.endpoint, serve.url().toStdString());
    QCOMPARE(report.tables[0].outcome, CommitTableOutcome::Created);
    QCOMPARE(report.tables[0].itemsWritten, plan->items());
    // DescribeTable, CreateTable, DescribeTable (ACTIVE), UpdateTimeToLive, the batches.
    QCOMPARE(report.requestsSent, int64_t(4 + (plan->items() + 24) / 25));

    auto described = describeTable(*remote, "Shop");
    QVERIFY(described);
    QCOMPARE((*described)["ItemCount"], Json(plan->items()));
    QCOMPARE((*described)["GlobalSecondaryIndexes"].size(), size_t(2));
    QCOMPARE((*described)["GlobalSecondaryIndexes"][1]["Projection"],
             testing::json(R"({"ProjectionType":"INCLUDE",
                               "NonKeyAttributes":["quantity","price"]})"));
    auto ttl = remote->call("DescribeTimeToLive", Json{{"TableName", "Shop"}});
    QVERIFY(ttl);
    QCOMPARE((*ttl)["TimeToLiveDescription"],
             testing::json(R"({"TimeToLiveStatus":"ENABLED","AttributeName":"expiresAt"})"));
    QCOMPARE(static_cast<int64_t>(allItems(*remote, "Shop").size()), plan->items());
}

void ModelCommitTest::serveWaitsForCreatingTables() {
    // Tables stay CREATING for 300 ms: the commit waits for ACTIVE before writing (a write
    // to a CREATING table is refused with ResourceNotFoundException).
    ServeProcess serve;
    QVERIFY(serve.start({"--create-table-ms", "300"}));
    auto remote = connectTo(serve.url());
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 40});
    QVERIFY(plan);
    CommitRunOptions options;
    options.pollInterval = std::chrono::milliseconds(50);
    const CommitReport report = commitModel(*remote, *plan, options);
    QVERIFY2(report.complete(), formatCommitReport(report).c_str());
    QCOMPARE(report.itemsWritten, int64_t(42));
    // More than one DescribeTable per table while it was CREATING.
    QVERIFY2(report.requestsSent > 2 + 7, qPrintable(QString::number(report.requestsSent)));
    auto described = describeTable(*remote, "Books");
    QVERIFY(described);
    QCOMPARE((*described)["LocalSecondaryIndexes"][0]["IndexName"], Json("byYear"));
    QCOMPARE(
        (*described)["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"],
        Json(2));
    QCOMPARE(allItems(*remote, "Books").size(), size_t(32));
}

void ModelCommitTest::existingTableIsReportedNotOverwritten() {
    ServeProcess serve;
    QVERIFY(serve.start());
    auto remote = connectTo(serve.url());
    // Books exists with one item of the same key as a sample item, and another title.
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    QVERIFY(remote->call("CreateTable", Json(createTableRequest(model.tables[0]))));
    const Json mine = testing::json(
        R"({"PK":{"S":"SHELF#1"},"SK":{"S":"BOOK#dune"},"title":{"S":"Mine, not the model's"}})");
    QVERIFY(remote->call("PutItem", Json{{"TableName", "Books"}, {"Item", mine}}));

    auto plan = planModelCommit(model, {.generateItems = 40});
    QVERIFY(plan);
    auto before = existingCommitTables(*remote, *plan);
    QVERIFY(before);
    QCOMPARE(*before, std::vector<std::string>{"Books"});
    const CommitReport report = commitModel(*remote, *plan);
    QVERIFY(!report.complete());
    QVERIFY(!report.error);
    QCOMPARE(report.existingTables(), std::vector<std::string>{"Books"});
    auto after = existingCommitTables(*remote, *plan);
    QVERIFY(after);
    QCOMPARE(*after, (std::vector<std::string>{"Books", "Loans"}));
    QCOMPARE(report.tables[1].outcome, CommitTableOutcome::Created);
    QCOMPARE(report.itemsWritten, int64_t(10));
    QCOMPARE(allItems(*remote, "Books"), std::vector<std::string>{mine.dump()});
    QCOMPARE(allItems(*remote, "Loans").size(), size_t(10));
    QCOMPARE(formatCommitReport(report),
             "Committed in part to " + serve.url().toStdString() +
                 ": 1 table created, 10 items written in 5 requests.\n"
                 "  Books: already exists — left as it is, its 32 items not written (delete the "
                 "table or commit under another name)\n"
                 "  Loans: created, 10 of 10 items written\n"
                 "  left out: Books.sampleItems[3]: One or more parameter values were invalid: "
                 "Type mismatch for Index Key year Expected: N Actual: S IndexName: byYear\n");
    const Json asJson = commitReportJson(report);
    QCOMPARE(asJson["complete"], Json(false));
    QCOMPARE(asJson["tables"][0], testing::json(R"({"table":"Books","outcome":"already exists",
                                                     "itemsPlanned":32,"itemsWritten":0})"));
}

void ModelCommitTest::cancelledRun() {
    ServeProcess serve;
    QVERIFY(serve.start());
    auto remote = connectTo(serve.url());
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 40});
    QVERIFY(plan);
    // Cancelled once the first batch is written: nothing more is sent.
    std::atomic<bool> cancel{false};
    CommitRunOptions options;
    options.cancel = &cancel;
    options.progress = [&](const CommitProgress& progress) {
        if (progress.itemsWritten >= 25) cancel = true;
    };
    const CommitReport report = commitModel(*remote, *plan, options);
    QVERIFY(report.cancelled);
    QVERIFY(!report.error);
    QVERIFY(!report.complete());
    QCOMPARE(report.itemsWritten, int64_t(25));
    QCOMPARE(report.requestsSent, int64_t(4));
    QCOMPARE(report.tables[0].outcome, CommitTableOutcome::Created);
    QCOMPARE(report.tables[0].itemsWritten, int64_t(25));
    QCOMPARE(report.tables[1].outcome, CommitTableOutcome::NotReached);
    QCOMPARE(allItems(*remote, "Books").size(), size_t(25));
    QVERIFY(!tableExists(*remote, "Loans"));
    QCOMPARE(formatCommitReport(report),
             "Committed in part to " + serve.url().toStdString() +
                 ": 1 table created, 25 items written in 4 requests.\n"
                 "  Books: created, 25 of 32 items written\n"
                 "  Loans: not reached\n"
                 "  Cancelled: the remaining requests were not sent.\n"
                 "  left out: Books.sampleItems[3]: One or more parameter values were invalid: "
                 "Type mismatch for Index Key year Expected: N Actual: S IndexName: byYear\n");
}

void ModelCommitTest::dynaliteCommit() {
    testing::DynaliteProcess dynalite;
    QVERIFY2(dynalite.start(), qPrintable(dynalite.problem()));
    auto remote = connectTo(dynalite.url());
    const Model model = loadOrDie("tests/data/commit-library.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 40});
    QVERIFY(plan);
    const CommitReport report = commitModel(*remote, *plan);
    QVERIFY2(report.complete(), formatCommitReport(report).c_str());
    QCOMPARE(report.itemsWritten, int64_t(42));
    QCOMPARE(allItems(*remote, "Books").size(), size_t(32));
    QCOMPARE(allItems(*remote, "Loans").size(), size_t(10));
    auto described = describeTable(*remote, "Books");
    QVERIFY(described);
    QCOMPARE((*described)["GlobalSecondaryIndexes"][0]["Projection"],
             testing::json(R"({"ProjectionType":"INCLUDE","NonKeyAttributes":["title"]})"));
    QCOMPARE((*described)["LocalSecondaryIndexes"][0]["IndexName"], Json("byYear"));
    auto query = remote->call("Query", testing::json(R"({"TableName":"Books","IndexName":"byAuthor",
            "KeyConditionExpression":"author = :a","ExpressionAttributeValues":{":a":{"S":"herbert"}}})"));
    QVERIFY(query);
    QCOMPARE((*query)["Items"][0]["title"], Json({{"S", "Dune (2nd printing)"}}));

    // Again: both tables exist, nothing is sent but the two DescribeTable requests.
    const CommitReport again = commitModel(*remote, *plan);
    QCOMPARE(again.existingTables(), (std::vector<std::string>{"Books", "Loans"}));
    QCOMPARE(again.requestsSent, int64_t(2));
    QCOMPARE(again.itemsWritten, int64_t(0));
    QCOMPARE(allItems(*remote, "Books").size(), size_t(32));
}

void ModelCommitTest::refusedRequestStopsTheRun() {
    // dynalite has no UpdateTimeToLive (DynamoDB has): the run stops there, says why, and
    // the table it created is in the report.
    testing::DynaliteProcess dynalite;
    QVERIFY2(dynalite.start(), qPrintable(dynalite.problem()));
    auto remote = connectTo(dynalite.url());
    const Model model = loadOrDie("resources/models/ecommerce.shardscape.json");
    auto plan = planModelCommit(model, {.generateItems = 10});
    QVERIFY(plan);
    const CommitReport report = commitModel(*remote, *plan);
    QVERIFY(report.error);
    QCOMPARE(report.error->name(), std::string("UnknownOperationException"));
    QCOMPARE(report.tables[0].outcome, CommitTableOutcome::Created);
    QCOMPARE(report.itemsWritten, int64_t(0));
    // dynalite may answer the first DescribeTable with CREATING: one poll or more.
    QVERIFY(report.requestsSent >= 4);
    QVERIFY(formatCommitReport(report).find("  Stopped by UnknownOperationException: "
                                            "UpdateTimeToLive Shop: ") != std::string::npos);
}

void ModelCommitTest::cliAgainstServeAndDynalite() {
    const QString file = modelPath("tests/data/commit-library.shardscape.json");
    ServeProcess serve;
    QVERIFY(serve.start());
    CliRun run = runCli({"model", "commit", file, "--endpoint", serve.url(), "--generate", "40"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith("2 tables, 42 items, 7 requests (model Library)\n"),
             qPrintable(run.out));
    QVERIFY2(run.out.contains("Committed to " + serve.url() +
                              ": 2 tables created, 42 items written in 9 requests.\n"
                              "  Books: created, 32 of 32 items written\n"
                              "  Loans: created, 10 of 10 items written\n"),
             qPrintable(run.out));
    QCOMPARE(run.err, QString());  // no progress when stderr is not a terminal

    // Again, as JSON: both tables exist, exit status 1.
    run =
        runCli({"model", "commit", file, "--endpoint", serve.url(), "--generate", "40", "--json"});
    QCOMPARE(run.exitCode, 1);
    const Json report = Json::parse(run.out.toStdString(), nullptr, false);
    QCOMPARE(report["complete"], Json(false));
    QCOMPARE(report["endpoint"], Json(serve.url().toStdString()));
    QCOMPARE(report["tables"][0]["outcome"], Json("already exists"));
    QCOMPARE(report["tables"][1]["outcome"], Json("already exists"));
    QCOMPARE(report["itemsWritten"], Json(0));
    QCOMPARE(report["requestsSent"], Json(2));

    testing::DynaliteProcess dynalite;
    QVERIFY2(dynalite.start(), qPrintable(dynalite.problem()));
    run = runCli({"model", "commit", file, "--endpoint", dynalite.url()});
    QCOMPARE(run.exitCode, 0);
    // dynalite may answer the first DescribeTable with CREATING: the request count varies.
    const QRegularExpression committed(
        QRegularExpression::escape("Committed to " + dynalite.url() +
                                   ": 2 tables created, 2 items written in ") +
        "\\d+" +
        QRegularExpression::escape(" requests.\n"
                                   "  Books: created, 2 of 2 items written\n"
                                   "  Loans: created, 0 of 0 items written\n"));
    QVERIFY2(committed.match(run.out).hasMatch(), qPrintable(run.out));
    run = runCli({"model", "commit", file, "--endpoint", dynalite.url()});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("Nothing committed to " + dynalite.url() +
                              ": 0 tables created, 0 items written in 2 requests.\n"
                              "  Books: already exists — left as it is, its 2 items not written "
                              "(delete the table or commit under another name)\n"),
             qPrintable(run.out));
}

void ModelCommitTest::cliLocalDataAndUsage() {
    const QString file = modelPath("resources/models/chat-app.shardscape.json");
    QTemporaryDir dir;
    CliRun run = runCli({"model", "commit", file, "--data", dir.path(), "--generate", "50"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("Committed to local engine: 1 table created, 50 items written"),
             qPrintable(run.out));
    {
        auto engine = Engine::open(dir.path().toStdString());
        QVERIFY(engine);
        LocalBackend local(std::move(*engine));
        // Generated keys may repeat; the plan merged them, so 50 were written and kept.
        QCOMPARE(allItems(local, "ChatMessages").size(), size_t(50));
    }
    run = runCli({"model", "commit", file, "--dry-run", "--generate", "5"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith("1 table, 5 items, 3 requests (model "), qPrintable(run.out));
    // Every request in full.
    run = runCli({"model", "commit", file, "--dry-run", "--json", "--generate", "5"});
    QCOMPARE(run.exitCode, 0);
    const Json requests = Json::parse(run.out.toStdString(), nullptr, false);
    const Model chat = loadOrDie("resources/models/chat-app.shardscape.json");
    QCOMPARE(requests["requests"].size(), size_t(3));
    QCOMPARE(requests["requests"][0]["operation"], Json("CreateTable"));
    QCOMPARE(requests["requests"][0]["request"], Json(createTableRequest(chat.tables[0])));
    QCOMPARE(requests["requests"][2]["operation"], Json("BatchWriteItem"));
    QCOMPARE(requests["requests"][2]["request"]["RequestItems"]["ChatMessages"].size(), size_t(5));
    QCOMPARE(requests["tables"][0]["generatedItems"], Json(5));

    run = runCli({"model", "commit", file});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("model commit needs where to commit to"), qPrintable(run.err));
    run = runCli({"model", "commit", file, "--data", dir.path(), "--endpoint", "http://x"});
    QCOMPARE(run.exitCode, 2);
    run = runCli({"model", "commit", file, "--data", dir.path(), "--generate", "many"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--generate takes a number of items"));
}

QTEST_GUILESS_MAIN(ModelCommitTest)
#include "test_model_commit.moc"
