// Storage faults, injected with a failing LevelDB file system (fault_injecting_env.h): a full
// disk during each kind of write, a failing fsync, a failing rename, read errors and a damaged
// table file. Each gives a clear error (InternalServerError on the wire, naming the data
// directory and what to do), nothing acknowledged is lost, nothing half-applied is visible,
// and the directory opens again afterwards — by itself, or after `repair`.
#include <leveldb/db.h>

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "api/dispatch.h"
#include "api/wire_error.h"
#include "fault_injecting_env.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "operation_test_support.h"
#include "storage/data_directory_repair.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"
#include "transfer/item_import.h"

using namespace shardscape;
using shardscape::testing::describe;
using shardscape::testing::FaultInjectingEnv;
using shardscape::testing::json;
using shardscape::testing::numbered;

namespace {

const char* kAccounts = R"({"TableName":"Accounts","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},
                            {"AttributeName":"owner","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byOwner",
        "KeySchema":[{"AttributeName":"owner","KeyType":"HASH"}],
        "Projection":{"ProjectionType":"ALL"}}]})";

const char* kLedger = R"({"TableName":"Ledger","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},
                            {"AttributeName":"at","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"at","KeyType":"RANGE"}]})";

Json account(const std::string& id, const std::string& owner, int balance) {
    return {{"id", {{"S", id}}},
            {"owner", {{"S", owner}}},
            {"balance", {{"N", std::to_string(balance)}}}};
}

// An engine on a temporary directory whose file system can fail; reopened at will.
class FaultyEngine {
  public:
    FaultyEngine() {
        options_.env = &env;
        options_.timeToLiveSweepSeconds = 0;
        options_.writeBufferBytes = 64 << 10;  // small: table files and compactions come soon
    }

    FaultInjectingEnv env;

    std::string directory() const { return dir_.path().toStdString(); }
    Result<std::unique_ptr<Engine>> tryOpen() {
        engine_.reset();
        return Engine::open(directory(), options_);
    }
    void open() {
        auto opened = tryOpen();
        if (!opened) qFatal("open: %s", opened.error().message.c_str());
        engine_ = std::move(opened).value();
    }
    void close() { engine_.reset(); }
    Engine& engine() { return *engine_; }
    Result<Json> call(std::string_view operation, const Json& request) {
        return dispatch(*engine_, operation, request);
    }
    Json must(std::string_view operation, const Json& request) {
        auto response = call(operation, request);
        if (!response) qFatal("%s: %s", std::string(operation).c_str(), describe(response).c_str());
        return *response;
    }
    bool has(const std::string& table, const Json& key) {
        return must("GetItem", {{"TableName", table}, {"Key", key}}).contains("Item");
    }
    int64_t scanCount(const std::string& table) {
        return must("Scan", {{"TableName", table}, {"Select", "COUNT"}})["Count"].get<int64_t>();
    }
    int64_t itemCount(const std::string& table) {
        return must("DescribeTable", {{"TableName", table}})["Table"]["ItemCount"].get<int64_t>();
    }

  private:
    QTemporaryDir dir_;
    EngineOptions options_;
    std::unique_ptr<Engine> engine_;
};

// The statistics agree with a scan and every index with its table.
void verifyConsistent(FaultyEngine& db, const std::string& table) {
    QCOMPARE(db.itemCount(table), db.scanCount(table));
    for (const auto& index : db.engine().table(table)->indexes) {
        auto check = db.engine().checkIndex(table, index.name, false);
        QVERIFY2(check.ok(), check.ok() ? "" : check.error().message.c_str());
        QVERIFY2(check->consistent(), qPrintable(QString("%1 of %2: %3 orphaned, %4 stale, %5 "
                                                         "missing")
                                                     .arg(QString::fromStdString(index.name),
                                                          QString::fromStdString(table))
                                                     .arg(check->orphaned)
                                                     .arg(check->stale)
                                                     .arg(check->missing)));
    }
}

// The error a write gets when the disk fills: InternalServerError (500) naming the directory,
// LevelDB's reason and what to do.
void verifyDiskFullError(const Result<Json>& response, const std::string& directory) {
    QVERIFY2(!response.ok(), describe(response).c_str());
    const Error& error = response.error();
    QCOMPARE(QString::fromStdString(wireTypeName(error)),
             QString("com.amazonaws.dynamodb.v20120810#InternalServerError"));
    QCOMPARE(wireHttpStatus(error), 500);
    const std::string& message = error.message;
    QVERIFY2(message.starts_with("Storage error in data directory " + directory + ": IO error: "),
             message.c_str());
    QVERIFY2(message.find("No space left on device") != std::string::npos, message.c_str());
    QVERIFY2(message.find("The request may not have been saved. Writes to this data directory "
                          "are stopped to keep the data in it safe: free disk space or fix the "
                          "disk, then open the data directory again") != std::string::npos,
             message.c_str());
}

void verifyWritesStopped(const Result<Json>& response, const std::string& directory) {
    QVERIFY2(!response.ok(), describe(response).c_str());
    QCOMPARE(wireHttpStatus(response.error()), 500);
    const std::string& message = response.error().message;
    QVERIFY2(message.starts_with("Writes to data directory " + directory +
                                 " are stopped after a storage error (IO error: "),
             message.c_str());
}

// Damages one data block of the largest table file, 60 % into it: past the catalog and
// statistics (their keys sort first) and before the file's index and footer.
void corruptTableFile(const std::string& directory) {
    std::filesystem::path largest;
    uintmax_t size = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        if (entry.path().extension() == ".ldb" && entry.file_size() > size) {
            largest = entry.path();
            size = entry.file_size();
        }
    QVERIFY(size > 4096);
    std::fstream file(largest, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(size * 6 / 10));
    file.write("\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
}

}  // namespace

class StorageFaultsTest : public QObject {
    Q_OBJECT

  private slots:
    void putItemOnAFullDiskStopsWritesAndLosesNothing();
    void batchWriteOnAFullDiskReturnsTheRestUnprocessed();
    void transactionOnAFullDiskIsAllOrNothing();
    void importOnAFullDiskStopsWithTheCountWritten();
    void indexBackfillOnAFullDiskResumesAtTheNextOpen();
    void compactionOnAFullDiskStopsWrites();
    void failingSyncStopsWrites();
    void failingRenameAtOpenIsReportedAndOpensLater();
    void readErrorsAreInternalServerErrors();
    void damagedTableFileIsRepaired();
    void repairFixesIndexesAndCounts();
    void repairRefusesADirectoryInUse();
    void modelSaveWhoseRenameFailsLeavesNothingBehind();
};

void StorageFaultsTest::putItemOnAFullDiskStopsWritesAndLosesNothing() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", "ann", 10)}});
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", "bob", 20)}});

    db.env.files = FaultInjectingEnv::Log;
    db.env.diskFull = true;
    verifyDiskFullError(
        db.call("PutItem", {{"TableName", "Accounts"}, {"Item", account("c", "cat", 30)}}),
        db.directory());
    QVERIFY(db.env.faultsInjected > 0);
    QVERIFY(db.engine().storageFailure().has_value());

    // Space is back, but the directory stays read-only until it is opened again: the log may
    // end in a torn record, and a write behind it would make the log unreadable.
    db.env.clear();
    verifyWritesStopped(
        db.call("PutItem", {{"TableName", "Accounts"}, {"Item", account("d", "dan", 40)}}),
        db.directory());
    verifyWritesStopped(
        db.call("DeleteItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", "a"}}}}}}),
        db.directory());
    QVERIFY(db.has("Accounts", {{"id", {{"S", "a"}}}}));  // reads go on

    db.close();
    db.open();
    QVERIFY(!db.engine().storageFailure());
    QVERIFY(db.has("Accounts", {{"id", {{"S", "a"}}}}));
    QVERIFY(db.has("Accounts", {{"id", {{"S", "b"}}}}));
    QVERIFY(!db.has("Accounts", {{"id", {{"S", "c"}}}}));
    QVERIFY(!db.has("Accounts", {{"id", {{"S", "d"}}}}));
    QCOMPARE(db.itemCount("Accounts"), 2);
    verifyConsistent(db, "Accounts");
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("e", "eve", 50)}});
    QCOMPARE(db.scanCount("Accounts"), 3);
}

void StorageFaultsTest::batchWriteOnAFullDiskReturnsTheRestUnprocessed() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    Json requests = Json::array();
    for (int i = 0; i < 10; ++i)
        requests.push_back(
            {{"PutRequest",
              {{"Item", account(numbered("batch-", i), numbered("owner-", i % 3), i)}}}});

    // The disk fills after about four items: those are written and acknowledged, the rest
    // come back as UnprocessedItems (AWS: "an internal processing failure").
    db.env.files = FaultInjectingEnv::Log;
    db.env.diskFullAfterBytes = 4 * 180;
    const Json response = db.must("BatchWriteItem", {{"RequestItems", {{"Accounts", requests}}}});
    const Json& unprocessed = response["UnprocessedItems"];
    QVERIFY2(unprocessed.contains("Accounts"), response.dump().c_str());
    const size_t left = unprocessed["Accounts"].size();
    QVERIFY2(left > 0 && left < 10, response.dump().c_str());
    const size_t written = 10 - left;
    for (size_t i = 0; i < left; ++i) QCOMPARE(unprocessed["Accounts"][i], requests[written + i]);

    // All unprocessed: the request fails with the storage error.
    verifyWritesStopped(db.call("BatchWriteItem", {{"RequestItems", {{"Accounts", requests}}}}),
                        db.directory());

    db.env.clear();
    db.close();
    db.open();
    for (size_t i = 0; i < 10; ++i)
        QCOMPARE(db.has("Accounts", {{"id", {{"S", numbered("batch-", long(i))}}}}), i < written);
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::transactionOnAFullDiskIsAllOrNothing() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    db.must("CreateTable", json(kLedger));
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", "ann", 100)}});
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", "bob", 0)}});

    const Json transfer = json(R"({"TransactItems":[
        {"Update":{"TableName":"Accounts","Key":{"id":{"S":"a"}},
                   "UpdateExpression":"SET balance = balance - :v, #o = :newOwner",
                   "ConditionExpression":"balance >= :v",
                   "ExpressionAttributeNames":{"#o":"owner"},
                   "ExpressionAttributeValues":{":v":{"N":"60"},":newOwner":{"S":"anne"}}}},
        {"Update":{"TableName":"Accounts","Key":{"id":{"S":"b"}},
                   "UpdateExpression":"SET balance = balance + :v",
                   "ExpressionAttributeValues":{":v":{"N":"60"}}}},
        {"Put":{"TableName":"Ledger","Item":{"id":{"S":"a"},"at":{"N":"1"},"amount":{"N":"-60"}}}},
        {"Put":{"TableName":"Accounts","Item":{"id":{"S":"c"},"owner":{"S":"cat"},
                "balance":{"N":"0"}}}}]})");
    db.env.files = FaultInjectingEnv::Log;
    db.env.diskFull = true;
    verifyDiskFullError(db.call("TransactWriteItems", transfer), db.directory());
    db.env.clear();
    db.close();
    db.open();

    // Nothing of it: balances, the changed index key, the ledger line and the new account.
    QCOMPARE(
        db.must("GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", "a"}}}}}})["Item"],
        account("a", "ann", 100));
    QCOMPARE(
        db.must("GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", "b"}}}}}})["Item"],
        account("b", "bob", 0));
    QVERIFY(!db.has("Accounts", {{"id", {{"S", "c"}}}}));
    QCOMPARE(db.scanCount("Ledger"), 0);
    const Json byOwner = db.must("Query", json(R"({"TableName":"Accounts","IndexName":"byOwner",
            "KeyConditionExpression":"#o = :o","ExpressionAttributeNames":{"#o":"owner"},
            "ExpressionAttributeValues":{":o":{"S":"anne"}}})"));
    QCOMPARE(byOwner["Count"].get<int>(), 0);
    verifyConsistent(db, "Accounts");
    verifyConsistent(db, "Ledger");

    // And the same transaction goes through once the directory is healthy.
    db.must("TransactWriteItems", transfer);
    QCOMPARE(
        db.must("GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", "b"}}}}}})["Item"],
        account("b", "bob", 60));
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::importOnAFullDiskStopsWithTheCountWritten() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    QTemporaryDir files;
    const std::string path = (files.path() + "/accounts.json").toStdString();
    {
        std::ofstream out(path);
        for (int i = 0; i < 5000; ++i)
            out << Json{{"Item", account(numbered("imported-", i), numbered("o", i % 50), i)}}
                       .dump()
                << "\n";
    }
    db.env.files = FaultInjectingEnv::Log;
    db.env.diskFullAfterBytes = 200 << 10;  // some chunks fit, then the disk is full
    ImportOptions options;
    options.format = ItemFormat::S3Export;
    options.chunkItems = 500;
    auto report = importItemsFromFile(db.engine(), "Accounts", path, options);
    QVERIFY2(!report.ok(), report.ok() ? report->summary().c_str() : "");
    QVERIFY2(report.error().isStorageFailure(), report.error().message.c_str());
    QVERIFY2(report.error().message.find("No space left on device") != std::string::npos,
             report.error().message.c_str());

    db.env.clear();
    db.close();
    db.open();
    // Whole chunks or nothing, and the table consistent with its index.
    const int64_t kept = db.scanCount("Accounts");
    QVERIFY2(kept > 0 && kept < 5000 && kept % 500 == 0, qPrintable(QString::number(kept)));
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::indexBackfillOnAFullDiskResumesAtTheNextOpen() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kLedger));
    std::vector<Item> items;
    for (int i = 0; i < 3000; ++i) {
        Item item;
        item["id"] = AttributeValue::string(numbered("acct-", i % 100));
        item["at"] = AttributeValue::number(std::to_string(i));
        item["kind"] = AttributeValue::string(i % 2 ? "debit" : "credit");
        items.push_back(std::move(item));
    }
    QVERIFY(db.engine().putItems("Ledger", std::move(items)).ok());

    db.env.files = FaultInjectingEnv::Log;
    db.env.diskFullAfterBytes = 20 << 10;
    db.must("UpdateTable", json(R"({"TableName":"Ledger",
        "AttributeDefinitions":[{"AttributeName":"kind","AttributeType":"S"}],
        "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byKind",
          "KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"KEYS_ONLY"}}}]})"));
    db.engine().waitForBackgroundWork();
    const auto failures = db.engine().backgroundFailures();
    QCOMPARE(failures.size(), size_t(1));
    QVERIFY2(failures[0].describe().find("No space left on device") != std::string::npos,
             failures[0].describe().c_str());
    const Json index =
        db.must("DescribeTable", {{"TableName", "Ledger"}})["Table"]["GlobalSecondaryIndexes"][0];
    QCOMPARE(index["IndexStatus"].get<std::string>(), std::string("CREATING"));

    db.env.clear();
    db.close();
    db.open();
    db.engine().waitForBackgroundWork();
    QVERIFY(db.engine().backgroundFailures().empty());
    const Json resumed =
        db.must("DescribeTable", {{"TableName", "Ledger"}})["Table"]["GlobalSecondaryIndexes"][0];
    QCOMPARE(resumed["IndexStatus"].get<std::string>(), std::string("ACTIVE"));
    QCOMPARE(resumed["ItemCount"].get<int>(), 3000);
    verifyConsistent(db, "Ledger");
}

void StorageFaultsTest::compactionOnAFullDiskStopsWrites() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    // Only new table files fail: the log takes every write, the memtable flush cannot.
    db.env.files = FaultInjectingEnv::Table;
    db.env.diskFull = true;
    int acknowledged = 0;
    Result<Json> refused = Json();
    const std::string padding(400, 'p');
    for (int i = 0; i < 2000 && refused.ok(); ++i) {
        Json item = account(numbered("c-", i), numbered("o", i % 10), i);
        item["padding"] = {{"S", padding}};
        refused = db.call("PutItem", {{"TableName", "Accounts"}, {"Item", item}});
        if (refused.ok()) ++acknowledged;
    }
    QVERIFY2(!refused.ok(), "the failed compaction never stopped writes");
    QVERIFY2(refused.error().message.find("No space left on device") != std::string::npos,
             refused.error().message.c_str());
    QCOMPARE(wireHttpStatus(refused.error()), 500);
    QVERIFY(db.has("Accounts", {{"id", {{"S", "c-0"}}}}));

    db.env.clear();
    db.close();
    db.open();
    QCOMPARE(db.scanCount("Accounts"), int64_t(acknowledged));
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::failingSyncStopsWrites() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));  // catalog changes are always synced
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", "ann", 1)}});
    db.env.files = FaultInjectingEnv::Log;
    db.env.syncFails = true;
    const auto failed = db.call("UpdateTable", json(R"({"TableName":"Accounts",
        "BillingMode":"PROVISIONED",
        "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},
        "GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"byOwner",
          "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}}]})"));
    QVERIFY2(!failed.ok(), describe(failed).c_str());
    QVERIFY2(failed.error().message.find("Input/output error") != std::string::npos,
             failed.error().message.c_str());
    verifyWritesStopped(
        db.call("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", "bob", 2)}}),
        db.directory());

    db.env.clear();
    db.close();
    db.open();
    // The unsynced change may or may not be there (it was never acknowledged); everything
    // acknowledged is, and the table is whole either way.
    QVERIFY(db.has("Accounts", {{"id", {{"S", "a"}}}}));
    QVERIFY(!db.has("Accounts", {{"id", {{"S", "b"}}}}));
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::failingRenameAtOpenIsReportedAndOpensLater() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", "ann", 1)}});
    db.close();

    // Opening writes a new manifest and renames it into place (CURRENT).
    db.env.renameFails = true;
    auto refused = db.tryOpen();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().isStorageFailure(), refused.error().message.c_str());
    QVERIFY2(refused.error().message.starts_with("Storage error: IO error: ") &&
                 refused.error().message.find("Input/output error") != std::string::npos,
             refused.error().message.c_str());

    db.env.clear();
    db.open();
    QVERIFY(db.has("Accounts", {{"id", {{"S", "a"}}}}));
    verifyConsistent(db, "Accounts");
}

void StorageFaultsTest::readErrorsAreInternalServerErrors() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    for (int i = 0; i < 300; ++i)
        db.must("PutItem",
                {{"TableName", "Accounts"}, {"Item", account(numbered("r-", i), "owner", i)}});
    db.close();
    db.open();  // the items are now in table files, read from disk

    db.env.files = FaultInjectingEnv::Table;
    db.env.readsFail = true;
    for (const auto& [operation, request] : std::vector<std::pair<const char*, Json>>{
             {"GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", "r-7"}}}}}}},
             {"Scan", {{"TableName", "Accounts"}}},
             {"Query", json(R"({"TableName":"Accounts","IndexName":"byOwner",
                 "KeyConditionExpression":"#o = :o","ExpressionAttributeNames":{"#o":"owner"},
                 "ExpressionAttributeValues":{":o":{"S":"owner"}}})")}}) {
        const auto response = db.call(operation, request);
        QVERIFY2(!response.ok(), operation);
        QCOMPARE(wireHttpStatus(response.error()), 500);
        QVERIFY2(response.error().message.starts_with("Storage error: IO error: ") &&
                     response.error().message.find("Input/output error") != std::string::npos,
                 response.error().message.c_str());
        const Json body = errorBody(response.error());
        QCOMPARE(body["__type"].get<std::string>(),
                 std::string("com.amazonaws.dynamodb.v20120810#InternalServerError"));
    }
    // A read error stops nothing: writes go on, and reads once the disk answers again.
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("new", "owner", 1)}});
    db.env.clear();
    QCOMPARE(db.scanCount("Accounts"), 301);
}

void StorageFaultsTest::damagedTableFileIsRepaired() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    for (int i = 0; i < 2000; ++i)
        db.must("PutItem", {{"TableName", "Accounts"},
                            {"Item", account(numbered("d-", i), numbered("o", i % 7), i)}});
    db.close();
    db.open();  // into table files
    db.close();
    corruptTableFile(db.directory());

    // Damaged blocks are found (checksums) and reported, not read as items.
    auto opened = db.tryOpen();
    std::string problem;
    if (!opened) {
        problem = opened.error().message;
    } else {
        auto engine = std::move(opened).value();
        // The damaged block holds items or index entries: one of the two scans meets it.
        for (const Json& request : {Json{{"TableName", "Accounts"}},
                                    Json{{"TableName", "Accounts"}, {"IndexName", "byOwner"}}}) {
            auto scanned = dispatch(*engine, "Scan", request);
            if (!scanned.ok()) {
                problem = scanned.error().message;
                break;
            }
        }
    }
    QVERIFY2(problem.starts_with("Storage error: Corruption: "), problem.c_str());

    auto report = repairDataDirectory(db.directory());
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    const std::string summary = report->summary();
    QVERIFY2(report->foundProblems(), summary.c_str());
    QVERIFY2(summary.find("Result: repaired; the data directory opens.") != std::string::npos,
             summary.c_str());
    QVERIFY2(!report->storageNotes.empty(), summary.c_str());

    db.open();
    const int64_t left = db.scanCount("Accounts");
    // Items in the damaged block are gone; index entries in it were rebuilt from the items.
    QVERIFY2(left < 2000 || report->indexes.at(0).missing > 0, summary.c_str());
    QCOMPARE(db.itemCount("Accounts"), left);
    verifyConsistent(db, "Accounts");
    db.must("PutItem", {{"TableName", "Accounts"}, {"Item", account("after", "ann", 1)}});
}

void StorageFaultsTest::repairFixesIndexesAndCounts() {
    FaultyEngine db;
    db.open();
    db.must("CreateTable", json(kAccounts));
    for (int i = 0; i < 50; ++i)
        db.must("PutItem", {{"TableName", "Accounts"},
                            {"Item", account(numbered("x-", i), numbered("o", i % 5), i)}});
    const uint32_t tableId = db.engine().table("Accounts")->id;
    const uint32_t indexId = db.engine().table("Accounts")->indexes[0].id;
    db.close();

    // Damage only a broken program could do: items without their index entries, an entry
    // without its item, and statistics that are wrong although the directory closed cleanly.
    {
        leveldb::DB* raw = nullptr;
        leveldb::Options options;
        QVERIFY(leveldb::DB::Open(options, db.directory(), &raw).ok());
        std::unique_ptr<leveldb::DB> owned(raw);
        std::unique_ptr<leveldb::Iterator> it(raw->NewIterator({}));
        const std::string indexPrefix = layout::tablePrefix(indexId);
        std::vector<std::string> entries;
        for (it->Seek(indexPrefix); it->Valid() && it->key().starts_with(indexPrefix); it->Next())
            entries.push_back(it->key().ToString());
        QCOMPARE(entries.size(), size_t(50));
        for (int i = 0; i < 3; ++i) QVERIFY(raw->Delete({}, entries[size_t(i)]).ok());
        const std::string itemPrefix = layout::tablePrefix(tableId);
        it->Seek(itemPrefix);
        QVERIFY(it->Valid());
        QVERIFY(raw->Delete({}, it->key()).ok());  // an item whose entry stays: orphaned
        QVERIFY(raw->Put({}, layout::statsKey(tableId), encodeTableStatistics({999, 1, {}})).ok());
    }

    auto report = repairDataDirectory(db.directory());
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report->tables.size(), size_t(1));
    QCOMPARE(report->tables[0].before.itemCount, 999);
    QCOMPARE(report->tables[0].after.itemCount, 49);
    QCOMPARE(report->indexes.size(), size_t(1));
    const Engine::IndexCheck& index = report->indexes[0];
    // One of the three deleted entries may have been the removed item's.
    QVERIFY2(index.missing + index.orphaned == 4 || index.missing + index.orphaned == 2,
             report->summary().c_str());
    QCOMPARE(index.entries, 49);
    QVERIFY2(report->summary().find("Accounts: 49 items") != std::string::npos,
             report->summary().c_str());
    QVERIFY2(report->summary().find("(the directory said 999 items, 1 bytes: corrected)") !=
                 std::string::npos,
             report->summary().c_str());

    db.open();
    QCOMPARE(db.itemCount("Accounts"), 49);
    verifyConsistent(db, "Accounts");

    // A second repair finds nothing left to fix.
    db.close();
    auto again = repairDataDirectory(db.directory());
    QVERIFY(again.ok());
    QVERIFY2(!again->foundProblems(), again->summary().c_str());
}

void StorageFaultsTest::repairRefusesADirectoryInUse() {
    FaultyEngine db;
    db.open();
    auto refused = repairDataDirectory(db.directory());
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().isBusy());
    QVERIFY2(refused.error().message.find("is in use (close Shardscape or stop serve first)") !=
                 std::string::npos,
             refused.error().message.c_str());

    QTemporaryDir empty;
    auto notOurs = repairDataDirectory(empty.path().toStdString());
    QVERIFY(!notOurs.ok());
    QCOMPARE(
        QString::fromStdString(notOurs.error().message),
        "Not a Shardscape data directory: " + empty.path() + " (it has no CURRENT or LOCK file)");
}

void StorageFaultsTest::modelSaveWhoseRenameFailsLeavesNothingBehind() {
    QTemporaryDir dir;
    // The target is a directory that is not empty: rename(2) refuses to replace it.
    const std::filesystem::path target = std::filesystem::path(dir.path().toStdString()) / "m.json";
    std::filesystem::create_directory(target);
    std::ofstream(target / "keep").put('x');
    auto model = parseModelText(R"({"formatVersion":1,"name":"m","tables":[]})");
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    const Status saved = saveModel(*model, target.string());
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.starts_with(target.string() + ": cannot replace: "),
             saved.error().message.c_str());
    // Only the directory that was there: no temporary file left beside it.
    int entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path().toStdString())) {
        QCOMPARE(entry.path(), target);
        ++entries;
    }
    QCOMPARE(entries, 1);
    QVERIFY(std::filesystem::exists(target / "keep"));
}

QTEST_MAIN(StorageFaultsTest)
#include "test_storage_faults.moc"
