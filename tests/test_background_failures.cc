// Failures of the engine's background work are kept and shown, never dropped: an index whose
// backfill fails says so in DescribeTable, through the engine API and in the GUI; a failing
// Time to Live sweep is kept until a later sweep succeeds. The failures are made
// deterministic with a LevelDB file system (EngineOptions::env) whose reads fail on demand.
#include <leveldb/env.h>

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "data_view.h"
#include "fault_injecting_env.h"
#include "main_window.h"
#include "storage/engine.h"

using namespace shardscape;
using FailingReadsEnv = shardscape::testing::FaultInjectingEnv;

namespace {

Json call(Engine& engine, const char* operation, const Json& request) {
    auto response = dispatch(engine, operation, request);
    if (!response)
        return Json{{"error", response.error().name() + ": " + response.error().message}};
    return *response;
}

Json describeIndex(Engine& engine, const std::string& index) {
    const Json table = call(engine, "DescribeTable", {{"TableName", "Orders"}})["Table"];
    for (const Json& entry : table.value("GlobalSecondaryIndexes", Json::array()))
        if (entry["IndexName"] == index) return entry;
    return nullptr;
}

// A table of 2,000 orders (many LevelDB blocks), written and then reopened, so that the
// items are read from table files (the engine's open reads only the first block).
std::unique_ptr<Engine> ordersOnDisk(const QString& directory, FailingReadsEnv& env,
                                     double sweepSeconds = 0) {
    EngineOptions options;
    options.env = &env;
    options.timeToLiveSweepSeconds = 0;
    {
        auto engine = Engine::open(directory.toStdString(), options);
        if (!engine) qFatal("open: %s", engine.error().message.c_str());
        const Json created = call(**engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
            "BillingMode":"PAY_PER_REQUEST",
            "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
            "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})"));
        if (created.contains("error")) qFatal("create: %s", created.dump().c_str());
        std::vector<Item> items;
        for (int i = 0; i < 2000; ++i) {
            Item item;
            item["pk"] = AttributeValue::string("order-" + std::to_string(i));
            item["state"] = AttributeValue::string(i % 3 ? "OPEN" : "SHIPPED");
            item["expires"] = AttributeValue::number("4102444800");  // 2100: never expires
            item["note"] = AttributeValue::string(std::string(200, 'x'));
            items.push_back(std::move(item));
        }
        if (Status put = (*engine)->putItems("Orders", std::move(items)); !put)
            qFatal("put: %s", put.error().message.c_str());
    }
    options.timeToLiveSweepSeconds = sweepSeconds;
    auto engine = Engine::open(directory.toStdString(), options);
    if (!engine) qFatal("reopen: %s", engine.error().message.c_str());
    return std::move(engine).value();
}

// How an injected read failure reads: LevelDB names the table file, errno's text the fault.
const QRegularExpression readFailure(
    "Storage error: IO error: \\S+/[0-9]{6}\\.ldb: Input/output error");

const char* kCreateByState = R"({"TableName":"Orders",
    "AttributeDefinitions":[{"AttributeName":"state","AttributeType":"S"}],
    "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byState",
      "KeySchema":[{"AttributeName":"state","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"KEYS_ONLY"}}}]})";

}  // namespace

class BackgroundFailuresTest : public QObject {
    Q_OBJECT

  private slots:
    void failedBackfillIsKeptAndShown();
    void failedBackfillIsRetriedAtTheNextOpen();
    void failingTimeToLiveSweepIsKeptAndRetried();
    void workbenchShowsBackgroundFailures();
    void workbenchShowsAStorageFailureOnce();
};

void BackgroundFailuresTest::failedBackfillIsKeptAndShown() {
    QTemporaryDir dir;
    FailingReadsEnv env;
    auto engine = ordersOnDisk(dir.path(), env);

    env.readsFail = true;
    const Json updated = call(*engine, "UpdateTable", Json::parse(kCreateByState));
    QVERIFY2(!updated.contains("error"), updated.dump().c_str());
    engine->waitForBackgroundWork();
    env.readsFail = false;

    // DescribeTable: still CREATING (as DynamoDB would show an index being built), with
    // Shardscape's own member saying why it is stuck.
    const Json index = describeIndex(*engine, "byState");
    QCOMPARE(index["IndexStatus"], "CREATING");
    QCOMPARE(index["Backfilling"], true);
    QCOMPARE(index["ShardscapeBackfillError"]["Code"], "IOError");
    QVERIFY2(readFailure
                 .match(QString::fromStdString(
                     index["ShardscapeBackfillError"]["Message"].get<std::string>()))
                 .hasMatch(),
             index.dump().c_str());

    // The engine API.
    const auto failure = engine->backfillFailure("Orders", "byState");
    QVERIFY(failure);
    QCOMPARE(failure->code, ErrorCode::IOError);
    QVERIFY(!engine->backfillFailure("Orders", "nope"));
    const auto failures = engine->backgroundFailures();
    QCOMPARE(failures.size(), size_t(1));
    QCOMPARE(failures[0].task, BackgroundFailure::Task::IndexBackfill);
    const QString described = QString::fromStdString(failures[0].describe());
    QVERIFY2(described.startsWith("Backfill of index byState of table Orders: Storage error: "),
             qPrintable(described));
    QVERIFY2(readFailure.match(described).hasMatch(), qPrintable(described));
    QCOMPARE(engine->backgroundFailureCount(), uint64_t(1));

    // A remote Shardscape endpoint's description carries it to the workbench too.
    auto definition = tableDefinitionFromDescription(
        call(*engine, "DescribeTable", {{"TableName", "Orders"}})["Table"]);
    QVERIFY(definition);
    QVERIFY(definition->findIndex("byState")->backfillError);
    QCOMPARE(definition->findIndex("byState")->backfillError->code, ErrorCode::IOError);

    // The index cannot be queried, no other index can be added meanwhile, and it can be
    // deleted, which forgets the failure.
    const Json query = call(*engine, "Query", Json::parse(R"({"TableName":"Orders",
        "IndexName":"byState","KeyConditionExpression":"#s = :s",
        "ExpressionAttributeNames":{"#s":"state"},
        "ExpressionAttributeValues":{":s":{"S":"OPEN"}}})"));
    QVERIFY2(query.contains("error"), query.dump().c_str());
    Json another = Json::parse(kCreateByState);
    another["GlobalSecondaryIndexUpdates"][0]["Create"]["IndexName"] = "other";
    QVERIFY(call(*engine, "UpdateTable", another)["error"].get<std::string>().starts_with(
        "LimitExceededException"));
    const Json deleted = call(*engine, "UpdateTable", Json::parse(R"({"TableName":"Orders",
        "GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byState"}}]})"));
    QVERIFY2(!deleted.contains("error"), deleted.dump().c_str());
    engine->waitForBackgroundWork();
    QVERIFY(describeIndex(*engine, "byState").is_null());
    QVERIFY(engine->backgroundFailures().empty());

    // Built again with the file system healthy, the index becomes ACTIVE.
    QVERIFY(!call(*engine, "UpdateTable", Json::parse(kCreateByState)).contains("error"));
    engine->waitForBackgroundWork();
    QCOMPARE(describeIndex(*engine, "byState")["IndexStatus"], "ACTIVE");
    QCOMPARE(describeIndex(*engine, "byState")["ItemCount"], 2000);
    QVERIFY(!describeIndex(*engine, "byState").contains("ShardscapeBackfillError"));
}

// The failure is not stored: the next open tries the backfill again.
void BackgroundFailuresTest::failedBackfillIsRetriedAtTheNextOpen() {
    QTemporaryDir dir;
    FailingReadsEnv env;
    auto engine = ordersOnDisk(dir.path(), env);
    env.readsFail = true;
    QVERIFY(!call(*engine, "UpdateTable", Json::parse(kCreateByState)).contains("error"));
    engine->waitForBackgroundWork();
    env.readsFail = false;
    QVERIFY(describeIndex(*engine, "byState").contains("ShardscapeBackfillError"));
    engine.reset();

    EngineOptions options;
    options.env = &env;
    options.timeToLiveSweepSeconds = 0;
    auto reopened = Engine::open(dir.path().toStdString(), options);
    QVERIFY(reopened);
    (*reopened)->waitForBackgroundWork();
    const Json index = describeIndex(**reopened, "byState");
    QCOMPARE(index["IndexStatus"], "ACTIVE");
    QVERIFY(!index.contains("ShardscapeBackfillError"));
    QCOMPARE(index["ItemCount"], 2000);
    QVERIFY((*reopened)->backgroundFailures().empty());
}

// The sweep runs every 0.1 s here; while reads fail its failure is kept, and the first
// sweep that succeeds clears it.
void BackgroundFailuresTest::failingTimeToLiveSweepIsKeptAndRetried() {
    QTemporaryDir dir;
    FailingReadsEnv env;
    env.readsFail = false;
    auto engine = ordersOnDisk(dir.path(), env, 0.1);
    env.readsFail = true;
    QVERIFY(!call(*engine, "UpdateTimeToLive", Json::parse(R"({"TableName":"Orders",
        "TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}})"))
                 .contains("error"));
    QTRY_VERIFY_WITH_TIMEOUT(!engine->backgroundFailures().empty(), 10000);
    const BackgroundFailure failure = engine->backgroundFailures().front();
    QCOMPARE(failure.task, BackgroundFailure::Task::TimeToLiveSweep);
    QCOMPARE(failure.error.code, ErrorCode::IOError);
    QVERIFY(failure.describe().starts_with("Time to Live sweep: Storage error: IO error"));
    // Retried: each failed sweep is counted, and kept once.
    const uint64_t count = engine->backgroundFailureCount();
    QTRY_VERIFY_WITH_TIMEOUT(engine->backgroundFailureCount() > count, 10000);
    QCOMPARE(engine->backgroundFailures().size(), size_t(1));
    env.readsFail = false;
    QTRY_VERIFY_WITH_TIMEOUT(engine->backgroundFailures().empty(), 10000);
}

// The workbench: the data view's index line says the backfill failed, with the reason as
// its tooltip, and the status bar names the failure.
void BackgroundFailuresTest::workbenchShowsBackgroundFailures() {
    QTemporaryDir dir;
    FailingReadsEnv env;
    std::shared_ptr<Engine> engine = ordersOnDisk(dir.path(), env);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    QVERIFY(window.backgroundStatus()->isHidden());

    env.readsFail = true;
    QVERIFY(!call(*engine, "UpdateTable", Json::parse(kCreateByState)).contains("error"));
    engine->waitForBackgroundWork();
    env.readsFail = false;
    window.checkBackgroundWork();

    QVERIFY(!window.backgroundStatus()->isHidden());
    QVERIFY2(window.backgroundStatus()->text().contains(
                 "Backfill of index byState of table Orders: Storage error: IO error: ") &&
                 readFailure.match(window.backgroundStatus()->text()).hasMatch(),
             qPrintable(window.backgroundStatus()->text()));
    QComboBox* sources = window.dataView()->sourceBox();
    const int line = sources->findText("Orders › byState (GSI, backfill failed)");
    QVERIFY2(line >= 0, qPrintable(sources->itemText(sources->count() - 1)));
    const QString tip = sources->itemData(line, Qt::ToolTipRole).toString();
    QVERIFY2(
        tip.contains("IOError: Storage error: IO error: ") && readFailure.match(tip).hasMatch(),
        qPrintable(tip));

    // Deleted, the index and the note go.
    QVERIFY(!call(*engine, "UpdateTable", Json::parse(R"({"TableName":"Orders",
        "GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byState"}}]})"))
                 .contains("error"));
    engine->waitForBackgroundWork();
    window.refresh();
    window.checkBackgroundWork();
    QVERIFY(window.backgroundStatus()->isHidden());
    QCOMPARE(sources->findText("Orders › byState", Qt::MatchStartsWith), -1);
}

// A full disk: a dialog names the data directory, the error and what to do, once; the
// status bar keeps the message.
void BackgroundFailuresTest::workbenchShowsAStorageFailureOnce() {
    QTemporaryDir dir;
    FailingReadsEnv env;
    std::shared_ptr<Engine> engine = ordersOnDisk(dir.path(), env);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.show();
    window.checkBackgroundWork();
    QVERIFY(!window.findChild<QMessageBox*>("storageFailureDialog"));

    env.files = FailingReadsEnv::Log;
    env.diskFull = true;
    QVERIFY(call(*engine, "PutItem", Json::parse(R"({"TableName":"Orders",
        "Item":{"pk":{"S":"new"}}})"))
                .contains("error"));
    env.clear();
    window.checkBackgroundWork();
    auto* dialog = window.findChild<QMessageBox*>("storageFailureDialog");
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QString("Storage error"));
    QCOMPARE(dialog->text(),
             "Shardscape stopped writing to the data directory " + dir.path() + ".");
    const QString details = dialog->informativeText();
    QVERIFY2(details.startsWith("Writes to data directory " + dir.path() +
                                " are stopped after a storage error (IO error: ") &&
                 details.contains("No space left on device") &&
                 details.endsWith("free disk space or fix the disk, then open the data directory "
                                  "again (restart `shardscape-cli serve`, or reopen it in "
                                  "Shardscape)"),
             qPrintable(details));
    QVERIFY(!window.backgroundStatus()->isHidden());
    QVERIFY(window.backgroundStatus()->text().contains(details));

    window.checkBackgroundWork();
    QCOMPARE(window.findChildren<QMessageBox*>("storageFailureDialog").size(), 1);
    dialog->accept();
}

QTEST_MAIN(BackgroundFailuresTest)
#include "test_background_failures.moc"
