// ReturnConsumedCapacity on every item and read operation: read units in 4 KB steps of the
// item (or page) size, halved for eventually consistent reads; write units in 1 KB steps of
// the larger of the old and the new item; at least one unit.
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

// {"pk": {"S": key}} grown to exactly `size` bytes, or only the key when `size` is that small.
Json itemWithKey(const std::string& key, size_t size) {
    const Json item = {{"pk", {{"S", key}}}};
    return size <= sizeOf(item) ? item : itemOfSize(item, size);
}

Json consumed(const std::string& mode, const std::string& table, double units) {
    if (mode == "NONE" || mode.empty()) return nullptr;
    // DynamoDB sends CapacityUnits alone outside transactions.
    Json out = {{"TableName", table}, {"CapacityUnits", units}};
    if (mode == "INDEXES") out["Table"] = {{"CapacityUnits", units}};
    return out;
}

}  // namespace

class CapacityTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;

    Result<Json> call(std::string_view operation, const Json& request);
    // The ConsumedCapacity of a successful response (null when absent), or a description of
    // the error.
    Json capacityOf(const Result<Json>& response);

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void getItem_data();
    void getItem();
    void putItem_data();
    void putItem();
    void deleteItem_data();
    void deleteItem();
    void updateItem_data();
    void updateItem();
    void queryAndScan_data();
    void queryAndScan();
    void modes_data();
    void modes();
    void modeErrors_data();
    void modeErrors();
};

Result<Json> CapacityTest::call(std::string_view operation, const Json& request) {
    return harness_->call(operation, request);
}

Json CapacityTest::capacityOf(const Result<Json>& response) {
    if (!response) return "error: " + describe(response);
    return response->contains("ConsumedCapacity") ? response->at("ConsumedCapacity") : Json();
}

void CapacityTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "cap",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})")));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "series",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
}

void CapacityTest::getItem_data() {
    QTest::addColumn<int>("size");  // 0: no item
    QTest::addColumn<double>("strong");
    QTest::addColumn<double>("eventual");
    QTest::newRow("missing item") << 0 << 1.0 << 0.5;
    QTest::newRow("3 bytes") << 3 << 1.0 << 0.5;
    QTest::newRow("4095 bytes") << 4095 << 1.0 << 0.5;
    QTest::newRow("4096 bytes") << 4096 << 1.0 << 0.5;
    QTest::newRow("4097 bytes") << 4097 << 2.0 << 1.0;
    QTest::newRow("8192 bytes") << 8192 << 2.0 << 1.0;
    QTest::newRow("8193 bytes") << 8193 << 3.0 << 1.5;
    QTest::newRow("100 KB") << 100 * 1024 << 25.0 << 12.5;
    QTest::newRow("400 KB") << 400 * 1024 << 100.0 << 50.0;
}

void CapacityTest::getItem() {
    QFETCH(int, size);
    QFETCH(double, strong);
    QFETCH(double, eventual);
    if (size) {
        const Json item = itemWithKey("k", size_t(size));
        QCOMPARE(sizeOf(item), size_t(size));
        QVERIFY_OK(call("PutItem", Json{{"TableName", "cap"}, {"Item", item}}));
    }
    Json request = json(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}},
                            "ReturnConsumedCapacity": "TOTAL"})");
    QCOMPARE_JSON(capacityOf(call("GetItem", request)), consumed("TOTAL", "cap", eventual));
    request["ConsistentRead"] = false;
    QCOMPARE_JSON(capacityOf(call("GetItem", request)), consumed("TOTAL", "cap", eventual));
    request["ConsistentRead"] = true;
    QCOMPARE_JSON(capacityOf(call("GetItem", request)), consumed("TOTAL", "cap", strong));
    // A projection does not make the read cheaper: the whole item is read.
    request["ProjectionExpression"] = "pk";
    auto projected = call("GetItem", request);
    QCOMPARE_JSON(capacityOf(projected), consumed("TOTAL", "cap", strong));
    if (size) QCOMPARE_JSON(projected->at("Item"), json(R"({"pk": {"S": "k"}})"));
}

void CapacityTest::putItem_data() {
    QTest::addColumn<int>("oldSize");  // 0: no old item
    QTest::addColumn<int>("newSize");
    QTest::addColumn<double>("units");
    QTest::newRow("new, 3 bytes") << 0 << 3 << 1.0;
    QTest::newRow("new, 1024 bytes") << 0 << 1024 << 1.0;
    QTest::newRow("new, 1025 bytes") << 0 << 1025 << 2.0;
    QTest::newRow("new, 3 KB") << 0 << 3072 << 3.0;
    QTest::newRow("new, 3 KB + 1") << 0 << 3073 << 4.0;
    QTest::newRow("new, 400 KB") << 0 << 400 * 1024 << 400.0;
    QTest::newRow("3 KB replaced by 100 bytes") << 3072 << 100 << 3.0;
    QTest::newRow("100 bytes replaced by 3 KB") << 100 << 3072 << 3.0;
    QTest::newRow("5000 bytes replaced by 5000") << 5000 << 5000 << 5.0;
    QTest::newRow("400 KB replaced by 3 bytes") << 400 * 1024 << 3 << 400.0;
    QTest::newRow("1024 replaced by 1025") << 1024 << 1025 << 2.0;
}

void CapacityTest::putItem() {
    QFETCH(int, oldSize);
    QFETCH(int, newSize);
    QFETCH(double, units);
    if (oldSize)
        QVERIFY_OK(
            call("PutItem", Json{{"TableName", "cap"}, {"Item", itemWithKey("k", oldSize)}}));
    const Json item = itemWithKey("k", size_t(newSize));
    QCOMPARE(sizeOf(item), size_t(newSize));
    for (const char* mode : {"TOTAL", "INDEXES"}) {
        // Replay the same state for each mode.
        if (std::string(mode) == "INDEXES") {
            QVERIFY_OK(
                call("DeleteItem", json(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})")));
            if (oldSize)
                QVERIFY_OK(call("PutItem",
                                Json{{"TableName", "cap"}, {"Item", itemWithKey("k", oldSize)}}));
        }
        auto put =
            call("PutItem",
                 Json{{"TableName", "cap"}, {"Item", item}, {"ReturnConsumedCapacity", mode}});
        QCOMPARE_JSON(capacityOf(put), consumed(mode, "cap", units));
    }
}

void CapacityTest::deleteItem_data() {
    QTest::addColumn<int>("size");  // 0: no item
    QTest::addColumn<double>("units");
    QTest::newRow("missing item") << 0 << 1.0;
    QTest::newRow("3 bytes") << 3 << 1.0;
    QTest::newRow("1024 bytes") << 1024 << 1.0;
    QTest::newRow("1025 bytes") << 1025 << 2.0;
    QTest::newRow("2048 bytes") << 2048 << 2.0;
    QTest::newRow("10 KB + 1") << 10 * 1024 + 1 << 11.0;
    QTest::newRow("400 KB") << 400 * 1024 << 400.0;
}

void CapacityTest::deleteItem() {
    QFETCH(int, size);
    QFETCH(double, units);
    if (size)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "cap"}, {"Item", itemWithKey("k", size)}}));
    auto deleted = call("DeleteItem", json(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}},
                                               "ReturnConsumedCapacity": "TOTAL"})"));
    QCOMPARE_JSON(capacityOf(deleted), consumed("TOTAL", "cap", units));
    // Once it is gone, deleting again costs the minimum.
    auto again = call("DeleteItem", json(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}},
                                             "ReturnConsumedCapacity": "INDEXES"})"));
    QCOMPARE_JSON(capacityOf(again), consumed("INDEXES", "cap", 1.0));
}

void CapacityTest::updateItem_data() {
    QTest::addColumn<int>("before");  // 0: no item
    QTest::addColumn<QByteArray>("update");
    QTest::addColumn<double>("units");
    const QByteArray grow1500 = QByteArray(R"({"UpdateExpression": "SET big = :v",
        "ExpressionAttributeValues": {":v": {"S": ")") +
                                QByteArray(1497, 'g') + R"("}}})";
    QTest::newRow("upsert to 1503 bytes") << 0 << grow1500 << 2.0;  // 3 + 3 + 1497
    QTest::newRow("upsert of the key only") << 0 << QByteArray("{}") << 1.0;
    QTest::newRow("3000 bytes shrunk to 3")
        << 3000 << QByteArray(R"({"UpdateExpression": "REMOVE padding"})") << 3.0;
    QTest::newRow("500 bytes grown to 2000") << 500 << grow1500 << 2.0;
    QTest::newRow("1024 bytes unchanged")
        << 1024 << QByteArray(R"({"UpdateExpression": "REMOVE nope"})") << 1.0;
    QTest::newRow("4000 bytes, small change")
        << 4000
        << QByteArray(
               R"({"UpdateExpression": "SET n = :n", "ExpressionAttributeValues": {":n": {"N": "1"}}})")
        << 4.0;
}

void CapacityTest::updateItem() {
    QFETCH(int, before);
    QFETCH(QByteArray, update);
    QFETCH(double, units);
    if (before)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "cap"}, {"Item", itemWithKey("k", before)}}));
    Json request = json(update.toStdString());
    request["TableName"] = "cap";
    request["Key"] = json(R"({"pk": {"S": "k"}})");
    request["ReturnConsumedCapacity"] = "TOTAL";
    QCOMPARE_JSON(capacityOf(call("UpdateItem", request)), consumed("TOTAL", "cap", units));
}

void CapacityTest::queryAndScan_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");  // merged into {"TableName": "series"}
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("strong");
    QTest::addColumn<double>("eventual");
    // "series" holds three 1500-byte items in partition "a" (sk 1..3), ten 1000-byte items in
    // "b" (sk 1..10) and twenty 10 KB items in "c" (sk 1..20).
    const QByteArray a = R"("KeyConditionExpression": "pk = :p",
                            "ExpressionAttributeValues": {":p": {"S": "a"}})";
    const QByteArray b = R"("KeyConditionExpression": "pk = :p",
                            "ExpressionAttributeValues": {":p": {"S": "b"}})";
    QTest::newRow("3 x 1500 bytes summed before rounding") << "Query"
                                                           << "{" + a + "}" << 3 << 2.0 << 1.0;
    QTest::newRow("Limit 2: 3000 bytes") << "Query"
                                         << "{" + a + R"(, "Limit": 2})" << 2 << 1.0 << 0.5;
    QTest::newRow("one item by sort key")
        << "Query" << QByteArray(R"({"KeyConditionExpression": "pk = :p AND sk = :s",
            "ExpressionAttributeValues": {":p": {"S": "a"}, ":s": {"N": "2"}}})")
        << 1 << 1.0 << 0.5;
    QTest::newRow("nothing read") << "Query" << QByteArray(R"({"KeyConditionExpression": "pk = :p",
            "ExpressionAttributeValues": {":p": {"S": "none"}}})")
                                  << 0 << 1.0 << 0.5;
    QTest::newRow("Select COUNT reads the items")
        << "Query"
        << "{" + a + R"(, "Select": "COUNT"})" << 3 << 2.0 << 1.0;
    QTest::newRow("projection reads the items")
        << "Query"
        << "{" + a + R"(, "ProjectionExpression": "sk"})" << 3 << 2.0 << 1.0;
    QTest::newRow("10 x 1000 bytes") << "Query"
                                     << "{" + b + "}" << 10 << 3.0 << 1.5;
    QTest::newRow("20 x 10 KB") << "Query" << QByteArray(R"({"KeyConditionExpression": "pk = :p",
            "ExpressionAttributeValues": {":p": {"S": "c"}}})")
                                << 20 << 50.0 << 25.0;
    QTest::newRow("Scan: everything") << "Scan" << QByteArray("{}") << 33 << 54.0 << 27.0;
    QTest::newRow("Scan: Select COUNT")
        << "Scan" << QByteArray(R"({"Select": "COUNT"})") << 33 << 54.0 << 27.0;
}

void CapacityTest::queryAndScan() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QFETCH(int, count);
    QFETCH(double, strong);
    QFETCH(double, eventual);
    auto put = [this](const char* partition, int sk, size_t size) {
        const Json item =
            itemOfSize(Json{{"pk", {{"S", partition}}}, {"sk", {{"N", std::to_string(sk)}}}}, size);
        return call("PutItem", Json{{"TableName", "series"}, {"Item", item}});
    };
    for (int sk = 1; sk <= 3; ++sk) QVERIFY_OK(put("a", sk, 1500));
    for (int sk = 1; sk <= 10; ++sk) QVERIFY_OK(put("b", sk, 1000));
    for (int sk = 1; sk <= 20; ++sk) QVERIFY_OK(put("c", sk, 10 * 1024));
    // 3 x 1500 + 10 x 1000 + 20 x 10240 = 219300 bytes: 54 units.

    Json base = json(request.toStdString());
    base["TableName"] = "series";
    base["ReturnConsumedCapacity"] = "TOTAL";
    auto eventually = call(operation.toStdString(), base);
    QVERIFY_OK(eventually);
    QCOMPARE(eventually->at("Count").get<int>(), count);
    QCOMPARE(eventually->at("ScannedCount").get<int>(), count);
    QCOMPARE_JSON(capacityOf(eventually), consumed("TOTAL", "series", eventual));
    base["ConsistentRead"] = true;
    QCOMPARE_JSON(capacityOf(call(operation.toStdString(), base)),
                  consumed("TOTAL", "series", strong));
    base["ReturnConsumedCapacity"] = "INDEXES";
    QCOMPARE_JSON(capacityOf(call(operation.toStdString(), base)),
                  consumed("INDEXES", "series", strong));
}

void CapacityTest::modes_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<double>("units");
    QTest::newRow("GetItem") << "GetItem"
                             << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})")
                             << 0.5;
    QTest::newRow("PutItem") << "PutItem"
                             << QByteArray(R"({"TableName": "cap", "Item": {"pk": {"S": "k"}}})")
                             << 1.0;
    QTest::newRow("DeleteItem") << "DeleteItem"
                                << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})")
                                << 1.0;
    QTest::newRow("UpdateItem") << "UpdateItem"
                                << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})")
                                << 1.0;
    QTest::newRow("Query") << "Query"
                           << QByteArray(
                                  R"({"TableName": "cap", "KeyConditionExpression": "pk = :k",
                                "ExpressionAttributeValues": {":k": {"S": "k"}}})")
                           << 0.5;
    QTest::newRow("Scan") << "Scan" << QByteArray(R"({"TableName": "cap"})") << 0.5;
}

void CapacityTest::modes() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QFETCH(double, units);
    const std::string op = operation.toStdString();
    for (const char* mode : {"", "NONE", "TOTAL", "INDEXES"}) {
        QVERIFY_OK(call("PutItem", json(R"({"TableName": "cap", "Item": {"pk": {"S": "k"}}})")));
        Json r = json(request.toStdString());
        if (*mode) r["ReturnConsumedCapacity"] = mode;
        auto response = call(op, r);
        QVERIFY_OK(response);
        QCOMPARE(response->contains("ConsumedCapacity"), *mode && std::string(mode) != "NONE");
        QCOMPARE_JSON(capacityOf(response), consumed(mode, "cap", units));
    }
}

void CapacityTest::modeErrors_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("GetItem") << "GetItem"
                             << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})");
    QTest::newRow("PutItem") << "PutItem"
                             << QByteArray(R"({"TableName": "cap", "Item": {"pk": {"S": "k"}}})");
    QTest::newRow("DeleteItem") << "DeleteItem"
                                << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})");
    QTest::newRow("UpdateItem") << "UpdateItem"
                                << QByteArray(R"({"TableName": "cap", "Key": {"pk": {"S": "k"}}})");
    QTest::newRow("Query") << "Query"
                           << QByteArray(
                                  R"({"TableName": "cap", "KeyConditionExpression": "pk = :k",
                                "ExpressionAttributeValues": {":k": {"S": "k"}}})");
    QTest::newRow("Scan") << "Scan" << QByteArray(R"({"TableName": "cap"})");
}

void CapacityTest::modeErrors() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    const std::string op = operation.toStdString();
    Json r = json(request.toStdString());
    r["ReturnConsumedCapacity"] = "FOO";
    QCOMPARE_VALIDATION(
        call(op, r),
        "1 validation error detected: Value 'FOO' at 'returnConsumedCapacity' failed to "
        "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    r["ReturnConsumedCapacity"] = "total";
    QCOMPARE_VALIDATION(
        call(op, r),
        "1 validation error detected: Value 'total' at 'returnConsumedCapacity' failed "
        "to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, "
        "NONE]");
    r["ReturnConsumedCapacity"] = 1;
    QCOMPARE_ERROR(call(op, r), "SerializationException",
                   "NUMBER_VALUE cannot be converted to String");
    // A bad mode is reported together with the request's other constraint violations.
    r["ReturnConsumedCapacity"] = "FOO";
    r["TableName"] = "x";
    QCOMPARE_VALIDATION(
        call(op, r),
        "2 validation errors detected: Value 'FOO' at 'returnConsumedCapacity' failed "
        "to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, "
        "NONE]; Value 'x' at 'tableName' failed to satisfy constraint: Member must "
        "have length greater than or equal to 3");
    // Nothing was written by any of them.
    auto scanned = call("Scan", json(R"({"TableName": "cap"})"));
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(scanned->at("Count"), Json(0));
}

QTEST_GUILESS_MAIN(CapacityTest)
#include "test_capacity.moc"
