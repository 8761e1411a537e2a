// Tables CREATING, UPDATING and DELETING through dispatch() when the engine is asked to make
// the states observable (EngineOptions::createTableMs, updateTableMs, deleteTableMs), under a
// simulated clock: what each operation answers in each state, with DynamoDB's exact errors,
// and that the states end by themselves, at a reopen too.
#include "backend/backend.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

constexpr double kStart = 1700000000;
const std::string kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/users";

Json usersTable() {
    return json(R"({"TableName": "users",
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                             {"AttributeName": "city", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "GlobalSecondaryIndexes": [{"IndexName": "byCity",
                        "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"},
                        "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}],
                    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})");
}

const Json kUsers = Json{{"TableName", "users"}};
const Json kItem =
    json(R"({"TableName": "users", "Item": {"pk": {"S": "a"}, "city": {"S": "Oslo"}}})");
const Json kKey = json(R"({"TableName": "users", "Key": {"pk": {"S": "a"}}})");

std::string inUse(const std::string& what) {
    return "Attempt to change a resource which is still in use: Table is being " + what + ": users";
}

// The GSI's IndexStatus in a TableDescription.
Json indexStatus(const Json& description, const std::string& index) {
    for (const auto& entry : description.value("GlobalSecondaryIndexes", Json::array()))
        if (entry["IndexName"] == index) return entry["IndexStatus"];
    return nullptr;
}

}  // namespace

class TableLifecycleTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;
    std::shared_ptr<double> clock_;

    void openWith(int64_t createMs, int64_t updateMs, int64_t deleteMs);
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    Json described() {
        auto result = call("DescribeTable", kUsers);
        return result ? result.value()["Table"] : Json(describe(result));
    }
    Json listed() {
        auto result = call("ListTables", Json::object());
        return result ? result.value() : Json(describe(result));
    }

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void immediateByDefault();
    void creating();
    void updating();
    void updatingIndexes();
    void deleting();
    void deletingListedAndPaged();
    void reopenEndsTransitions();
};

void TableLifecycleTest::init() {
    clock_ = std::make_shared<double>(kStart);
}

void TableLifecycleTest::openWith(int64_t createMs, int64_t updateMs, int64_t deleteMs) {
    EngineOptions options;
    options.clock = [clock = clock_] { return *clock; };
    options.createTableMs = createMs;
    options.updateTableMs = updateMs;
    options.deleteTableMs = deleteMs;
    harness_ = std::make_unique<EngineHarness>(options);
    QVERIFY2(harness_->open(), harness_->error().c_str());
}

void TableLifecycleTest::immediateByDefault() {
    openWith(0, 0, 0);
    auto created = call("CreateTable", usersTable());
    QVERIFY_OK(created);
    QCOMPARE_JSON(created.value()["TableDescription"]["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(indexStatus(created.value()["TableDescription"], "byCity"), Json("ACTIVE"));
    QVERIFY_OK(call("PutItem", kItem));
    auto updated = call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                                {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}})"));
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated.value()["TableDescription"]["TableStatus"], Json("ACTIVE"));
    QVERIFY_OK(call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                            {"ReadCapacityUnits": 7, "WriteCapacityUnits": 7}})")));
    auto deleted = call("DeleteTable", kUsers);
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(deleted.value()["TableDescription"]["TableStatus"], Json("DELETING"));
    QCOMPARE_ERROR(call("DescribeTable", kUsers), "ResourceNotFoundException",
                   "Requested resource not found: Table: users not found");
    QCOMPARE_JSON(listed(), json(R"({"TableNames": []})"));
}

void TableLifecycleTest::creating() {
    openWith(1000, 0, 0);
    auto created = call("CreateTable", usersTable());
    QVERIFY_OK(created);
    const Json& description = created.value()["TableDescription"];
    QCOMPARE_JSON(description["TableStatus"], Json("CREATING"));
    // The table's indexes are CREATING with it (not backfilling).
    QCOMPARE_JSON(indexStatus(description, "byCity"), Json("CREATING"));
    QVERIFY(!description["GlobalSecondaryIndexes"][0].contains("Backfilling"));
    QCOMPARE_JSON(described()["TableStatus"], Json("CREATING"));
    QCOMPARE_JSON(listed(), json(R"({"TableNames": ["users"]})"));
    // A PAY_PER_REQUEST table tells when it became so once it is ACTIVE.
    Json onDemand = usersTable();
    onDemand["TableName"] = "events";
    onDemand.erase("ProvisionedThroughput");
    onDemand["GlobalSecondaryIndexes"][0].erase("ProvisionedThroughput");
    onDemand["BillingMode"] = "PAY_PER_REQUEST";
    auto onDemandCreated = call("CreateTable", onDemand);
    QVERIFY_OK(onDemandCreated);
    QCOMPARE_JSON(onDemandCreated.value()["TableDescription"]["BillingModeSummary"],
                  json(R"({"BillingMode": "PAY_PER_REQUEST"})"));

    // The data plane does not see it yet.
    QCOMPARE_ERROR(call("PutItem", kItem), "ResourceNotFoundException",
                   "Requested resource not found");
    QCOMPARE_ERROR(call("GetItem", kKey), "ResourceNotFoundException",
                   "Requested resource not found");
    QCOMPARE_ERROR(call("Scan", kUsers), "ResourceNotFoundException",
                   "Requested resource not found");
    // Nor does the tagging backend.
    QCOMPARE_ERROR(call("ListTagsOfResource", Json{{"ResourceArn", kArn}}),
                   "ResourceNotFoundException",
                   "Requested resource not found: ResourceArn: " + kArn + " not found");
    // It cannot be changed, deleted or created again.
    QCOMPARE_ERROR(call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                                {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}})")),
                   "ResourceInUseException", inUse("created"));
    QCOMPARE_ERROR(call("DeleteTable", kUsers), "ResourceInUseException", inUse("created"));
    QCOMPARE_ERROR(call("CreateTable", usersTable()), "ResourceInUseException", inUse("created"));
    // Time to Live cannot be described or changed yet.
    QCOMPARE_VALIDATION(call("DescribeTimeToLive", kUsers),
                        "Cannot describe time to live while table is in CREATING state: Current "
                        "table state is CREATING");
    QCOMPARE_ERROR(
        call("UpdateTimeToLive", json(R"({"TableName": "users", "TimeToLiveSpecification":
                                 {"AttributeName": "expires", "Enabled": true}})")),
        "ResourceNotFoundException", "Requested resource not found: Table: users not found");
    // A malformed request is still refused for what it is.
    QCOMPARE_VALIDATION(call("UpdateTable", kUsers),
                        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is "
                        "required");

    *clock_ = kStart + 0.999;
    QCOMPARE_JSON(described()["TableStatus"], Json("CREATING"));
    *clock_ = kStart + 1;
    QCOMPARE_JSON(call("DescribeTable", json(R"({"TableName": "events"})"))
                      .value()["Table"]["BillingModeSummary"],
                  json(R"({"BillingMode": "PAY_PER_REQUEST",
                           "LastUpdateToPayPerRequestDateTime": 1700000000})"));
    const Json active = described();
    QCOMPARE_JSON(active["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(indexStatus(active, "byCity"), Json("ACTIVE"));
    QVERIFY_OK(call("PutItem", kItem));
    QCOMPARE_JSON(call("GetItem", kKey).value(), json(R"({"Item": {"pk": {"S": "a"},
                                                                   "city": {"S": "Oslo"}}})"));
    QCOMPARE_ERROR(call("CreateTable", usersTable()), "ResourceInUseException",
                   "Table already exists: users");
}

void TableLifecycleTest::updating() {
    openWith(0, 2000, 0);
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("PutItem", kItem));
    auto updated = call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                                {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}})"));
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated.value()["TableDescription"]["TableStatus"], Json("UPDATING"));
    // The throughput it had until the update is over; the time of the increase at once.
    const Json oldThroughput = json(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                        "WriteCapacityUnits": 5, "LastIncreaseDateTime": 1700000000})");
    QCOMPARE_JSON(updated.value()["TableDescription"]["ProvisionedThroughput"], oldThroughput);
    QCOMPARE_JSON(described()["TableStatus"], Json("UPDATING"));
    QCOMPARE_JSON(described()["ProvisionedThroughput"], oldThroughput);

    // Items and tags keep working; another change or a delete waits.
    QVERIFY_OK(call("GetItem", kKey));
    QVERIFY_OK(call("PutItem", kItem));
    QVERIFY_OK(call("TagResource", Json{{"ResourceArn", kArn},
                                        {"Tags", json(R"([{"Key": "k", "Value": "v"}])")}}));
    QCOMPARE_ERROR(call("UpdateTable", json(R"({"TableName": "users", "BillingMode":
                                                "PAY_PER_REQUEST"})")),
                   "ResourceInUseException", inUse("updated"));
    QCOMPARE_ERROR(call("DeleteTable", kUsers), "ResourceInUseException", inUse("updated"));
    QCOMPARE_ERROR(call("CreateTable", usersTable()), "ResourceInUseException",
                   "Table already exists: users");

    *clock_ = kStart + 2;
    QCOMPARE_JSON(described()["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(described()["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 6,
                           "WriteCapacityUnits": 6, "LastIncreaseDateTime": 1700000000})"));
    // A switch of billing mode shows at once, the time of the switch when it is over.
    auto again = call("UpdateTable", json(R"({"TableName": "users", "BillingMode":
                                              "PAY_PER_REQUEST"})"));
    QVERIFY_OK(again);
    QCOMPARE_JSON(again.value()["TableDescription"]["TableStatus"], Json("UPDATING"));
    QCOMPARE_JSON(again.value()["TableDescription"]["BillingModeSummary"],
                  json(R"({"BillingMode": "PAY_PER_REQUEST"})"));
    *clock_ = kStart + 4;
    QCOMPARE_JSON(described()["BillingModeSummary"], json(R"({"BillingMode": "PAY_PER_REQUEST",
                           "LastUpdateToPayPerRequestDateTime": 1700000002})"));
}

void TableLifecycleTest::updatingIndexes() {
    openWith(0, 1000, 0);
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("PutItem", kItem));

    // A created index is CREATING at least as long as the table is UPDATING, even when its
    // backfill is done sooner.
    auto created = call("UpdateTable", json(R"({"TableName": "users",
        "AttributeDefinitions": [{"AttributeName": "zip", "AttributeType": "S"}],
        "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byZip",
            "KeySchema": [{"AttributeName": "zip", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
            "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}}]})"));
    QVERIFY_OK(created);
    QCOMPARE_JSON(created.value()["TableDescription"]["TableStatus"], Json("UPDATING"));
    QCOMPARE_JSON(indexStatus(created.value()["TableDescription"], "byZip"), Json("CREATING"));
    harness_->engine().waitForBackgroundWork();
    QCOMPARE_JSON(indexStatus(described(), "byZip"), Json("CREATING"));
    QCOMPARE_JSON(indexStatus(described(), "byCity"), Json("ACTIVE"));
    // Not readable while it is CREATING.
    const Json queryByZip = json(R"({"TableName": "users", "IndexName": "byZip",
                                     "KeyConditionExpression": "zip = :z",
                                     "ExpressionAttributeValues": {":z": {"S": "1"}}})");
    QCOMPARE_VALIDATION(call("Query", queryByZip),
                        "Cannot read from backfilling global secondary index: byZip");
    QCOMPARE_VALIDATION(call("Scan", json(R"({"TableName": "users", "IndexName": "byZip"})")),
                        "Cannot read from backfilling global secondary index: byZip");
    *clock_ = kStart + 1;
    QCOMPARE_JSON(described()["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(indexStatus(described(), "byZip"), Json("ACTIVE"));
    QCOMPARE_JSON(call("Query", queryByZip).value(), json(R"({"Items": [], "Count": 0,
                                                               "ScannedCount": 0})"));

    // An index whose throughput changes is UPDATING.
    auto changed = call("UpdateTable", json(R"({"TableName": "users",
        "GlobalSecondaryIndexUpdates": [{"Update": {"IndexName": "byCity",
            "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2}}}]})"));
    QVERIFY_OK(changed);
    QCOMPARE_JSON(indexStatus(changed.value()["TableDescription"], "byCity"), Json("UPDATING"));
    QCOMPARE_JSON(indexStatus(described(), "byCity"), Json("UPDATING"));
    QCOMPARE_JSON(
        described()["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"],
        Json(1));
    // The workbench reads the states from a description (a remote endpoint's) too.
    auto read = tableDefinitionFromDescription(described());
    QVERIFY(read.ok());
    QCOMPARE(read->status, TableStatus::Updating);
    QCOMPARE(read->findIndex("byCity")->status, IndexStatus::Updating);
    *clock_ = kStart + 2;
    QCOMPARE_JSON(indexStatus(described(), "byCity"), Json("ACTIVE"));
    QCOMPARE_JSON(
        described()["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"],
        Json(2));

    // A deleted index is shown DELETING until the update is over, then it is gone; queries
    // no longer reach it at once.
    auto deleted = call("UpdateTable", json(R"({"TableName": "users",
        "GlobalSecondaryIndexUpdates": [{"Delete": {"IndexName": "byZip"}}]})"));
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(indexStatus(deleted.value()["TableDescription"], "byZip"), Json("DELETING"));
    QCOMPARE_JSON(indexStatus(described(), "byZip"), Json("DELETING"));
    QCOMPARE_VALIDATION(call("Query", json(R"({"TableName": "users", "IndexName": "byZip",
                                              "KeyConditionExpression": "zip = :z",
                                              "ExpressionAttributeValues": {":z": {"S": "1"}}})")),
                        "The table does not have the specified index: byZip");
    *clock_ = kStart + 3;
    QCOMPARE_JSON(indexStatus(described(), "byZip"), Json(nullptr));
    QCOMPARE_JSON(indexStatus(described(), "byCity"), Json("ACTIVE"));
}

void TableLifecycleTest::deleting() {
    openWith(0, 0, 1500);
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("PutItem", kItem));
    QVERIFY_OK(call("TagResource", Json{{"ResourceArn", kArn},
                                        {"Tags", json(R"([{"Key": "k", "Value": "v"}])")}}));
    auto deleted = call("DeleteTable", kUsers);
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(deleted.value()["TableDescription"]["TableStatus"], Json("DELETING"));
    QCOMPARE_JSON(deleted.value()["TableDescription"]["ItemCount"], Json(1));
    QCOMPARE_JSON(described(), deleted.value()["TableDescription"]);
    QCOMPARE_JSON(listed(), json(R"({"TableNames": ["users"]})"));

    QCOMPARE_ERROR(call("DeleteTable", kUsers), "ResourceInUseException", inUse("deleted"));
    QCOMPARE_ERROR(call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                                {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}})")),
                   "ResourceInUseException", inUse("deleted"));
    QCOMPARE_ERROR(call("CreateTable", usersTable()), "ResourceInUseException",
                   "Table already exists: users");
    QCOMPARE_ERROR(call("GetItem", kKey), "ResourceNotFoundException",
                   "Requested resource not found");
    QCOMPARE_ERROR(call("ListTagsOfResource", Json{{"ResourceArn", kArn}}),
                   "ResourceNotFoundException",
                   "Requested resource not found: ResourceArn: " + kArn + " not found");
    QCOMPARE_VALIDATION(call("DescribeTimeToLive", kUsers),
                        "Cannot describe time to live while table is in DELETING state: Current "
                        "table state is DELETING");

    *clock_ = kStart + 1.5;
    QCOMPARE_ERROR(call("DescribeTable", kUsers), "ResourceNotFoundException",
                   "Requested resource not found: Table: users not found");
    QCOMPARE_ERROR(call("DeleteTable", kUsers), "ResourceNotFoundException",
                   "Requested resource not found: Table: users not found");
    QCOMPARE_JSON(listed(), json(R"({"TableNames": []})"));
    // The name is free again; nothing of the old table is left.
    auto recreated = call("CreateTable", usersTable());
    QVERIFY_OK(recreated);
    QCOMPARE_JSON(recreated.value()["TableDescription"]["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(call("GetItem", kKey).value(), Json::object());
    QCOMPARE_JSON(call("ListTagsOfResource", Json{{"ResourceArn", kArn}}).value(),
                  json(R"({"Tags": []})"));
}

void TableLifecycleTest::deletingListedAndPaged() {
    openWith(0, 0, 1000);
    for (const char* name : {"alpha", "beta", "gamma"}) {
        Json request = usersTable();
        request["TableName"] = name;
        QVERIFY_OK(call("CreateTable", request));
    }
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "beta"})")));
    auto first = call("ListTables", json(R"({"Limit": 2})"));
    QVERIFY_OK(first);
    QCOMPARE_JSON(first.value(), json(R"({"TableNames": ["alpha", "beta"],
                                          "LastEvaluatedTableName": "beta"})"));
    auto second = call("ListTables", json(R"({"Limit": 2, "ExclusiveStartTableName": "beta"})"));
    QVERIFY_OK(second);
    QCOMPARE_JSON(second.value(), json(R"({"TableNames": ["gamma"]})"));
    *clock_ = kStart + 1;
    auto after = call("ListTables", json(R"({"Limit": 2})"));
    QVERIFY_OK(after);
    QCOMPARE_JSON(after.value(), json(R"({"TableNames": ["alpha", "gamma"]})"));
}

void TableLifecycleTest::reopenEndsTransitions() {
    openWith(60000, 60000, 60000);
    QVERIFY_OK(call("CreateTable", usersTable()));
    Json other = usersTable();
    other["TableName"] = "orders";
    QVERIFY_OK(call("CreateTable", other));
    *clock_ = kStart + 60;
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "orders"})")));
    QCOMPARE_JSON(listed(), json(R"({"TableNames": ["orders", "users"]})"));
    QVERIFY_OK(call("UpdateTable", json(R"({"TableName": "users", "ProvisionedThroughput":
                                            {"ReadCapacityUnits": 6, "WriteCapacityUnits": 6}})")));
    QCOMPARE_JSON(described()["TableStatus"], Json("UPDATING"));
    // The states live in memory: after a reopen the update is over and the delete is done.
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE_JSON(described()["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(described()["ProvisionedThroughput"]["ReadCapacityUnits"], Json(6));
    QCOMPARE_JSON(listed(), json(R"({"TableNames": ["users"]})"));
}

QTEST_GUILESS_MAIN(TableLifecycleTest)
#include "test_table_lifecycle.moc"
