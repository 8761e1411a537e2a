// CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable through dispatch(),
// and the catalog surviving a reopen of the engine.
#include <QRegularExpression>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

constexpr double kCreatedAt = 1700000000.25;

// A request for a PROVISIONED hash-only table "users" keyed by pk (S), for edits in _data().
Json usersTable() {
    return json(R"({"TableName": "users",
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})");
}

Json hashTable(const std::string& name) {
    Json request = usersTable();
    request["TableName"] = name;
    return request;
}

}  // namespace

class CatalogTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;
    std::shared_ptr<double> clock_;

    Result<Json> call(std::string_view operation, const Json& request);
    // TableDescription without TableId (random) after checking that it is a version-4 UUID.
    static bool stripTableId(Json& description);

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void createTable_data();
    void createTable();
    void createTableNameLengthBounds();
    void createTableErrors_data();
    void createTableErrors();
    void createTableWithThreeKeys();
    void createExistingTable();
    void describeMissingTable();
    void describeTableStatistics();
    void listTables_data();
    void listTables();
    void listTablesPagesThroughAll();
    void listTablesErrors_data();
    void listTablesErrors();
    void updateTableBillingModes();
    void updateTableThroughput();
    void updateTableErrors_data();
    void updateTableErrors();
    void deleteTable();
    void deleteTableThenRecreateWithOtherSchema();
    void deleteTableErrors();
    void reopenKeepsCatalogItemsAndStatistics();
};

Result<Json> CatalogTest::call(std::string_view operation, const Json& request) {
    return harness_->call(operation, request);
}

bool CatalogTest::stripTableId(Json& description) {
    static const QRegularExpression uuid(
        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    if (!description.contains("TableId") || !description["TableId"].is_string()) return false;
    const bool valid =
        uuid.match(QString::fromStdString(description["TableId"].get<std::string>())).hasMatch();
    description.erase("TableId");
    return valid;
}

void CatalogTest::init() {
    clock_ = std::make_shared<double>(kCreatedAt);
    EngineOptions options;
    options.clock = [clock = clock_] { return *clock; };
    harness_ = std::make_unique<EngineHarness>(options);
    QVERIFY2(harness_->open(), harness_->error().c_str());
}

void CatalogTest::createTable_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("description");

    QTest::newRow("hash S, provisioned")
        << QByteArray(usersTable().dump().c_str()) << QByteArray(R"({
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "TableName": "users",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "TableStatus": "ACTIVE",
            "CreationDateTime": 1700000000.25,
            "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5,
                                      "WriteCapacityUnits": 5},
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/users",
            "BillingModeSummary": {"BillingMode": "PROVISIONED"},
            "DeletionProtectionEnabled": false})");
    QTest::newRow("hash N, pay per request") << QByteArray(R"({
            "TableName": "counters",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST"})")
                                             << QByteArray(R"({
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
            "TableName": "counters",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "TableStatus": "ACTIVE",
            "CreationDateTime": 1700000000.25,
            "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                                      "WriteCapacityUnits": 0},
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/counters",
            "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST",
                                   "LastUpdateToPayPerRequestDateTime": 1700000000.25},
            "DeletionProtectionEnabled": false})");
    // AttributeDefinitions keep the order they were given in, not the key schema's.
    QTest::newRow("hash B + range N, explicit PROVISIONED") << QByteArray(R"({
            "TableName": "Blob.Series-1",
            "AttributeDefinitions": [{"AttributeName": "at", "AttributeType": "N"},
                                     {"AttributeName": "blob", "AttributeType": "B"}],
            "KeySchema": [{"AttributeName": "blob", "KeyType": "HASH"},
                          {"AttributeName": "at", "KeyType": "RANGE"}],
            "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": {"ReadCapacityUnits": 40000,
                                      "WriteCapacityUnits": 1}})")
                                                            << QByteArray(R"({
            "AttributeDefinitions": [{"AttributeName": "at", "AttributeType": "N"},
                                     {"AttributeName": "blob", "AttributeType": "B"}],
            "TableName": "Blob.Series-1",
            "KeySchema": [{"AttributeName": "blob", "KeyType": "HASH"},
                          {"AttributeName": "at", "KeyType": "RANGE"}],
            "TableStatus": "ACTIVE",
            "CreationDateTime": 1700000000.25,
            "ProvisionedThroughput": {"NumberOfDecreasesToday": 0,
                                      "ReadCapacityUnits": 40000,
                                      "WriteCapacityUnits": 1},
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/Blob.Series-1",
            "BillingModeSummary": {"BillingMode": "PROVISIONED"},
            "DeletionProtectionEnabled": false})");
    QTest::newRow("hash S + range S, pay per request") << QByteArray(R"({
            "TableName": "orders_2024",
            "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
                                     {"AttributeName": "orderId", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                          {"AttributeName": "orderId", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"})") << QByteArray(R"({
            "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
                                     {"AttributeName": "orderId", "AttributeType": "S"}],
            "TableName": "orders_2024",
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                          {"AttributeName": "orderId", "KeyType": "RANGE"}],
            "TableStatus": "ACTIVE",
            "CreationDateTime": 1700000000.25,
            "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                                      "WriteCapacityUnits": 0},
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/orders_2024",
            "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST",
                                   "LastUpdateToPayPerRequestDateTime": 1700000000.25},
            "DeletionProtectionEnabled": false})");
}

void CatalogTest::createTable() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, description);
    const Json expected = json(description.toStdString());

    auto created = call("CreateTable", json(request.toStdString()));
    QVERIFY_OK(created);
    QCOMPARE(created->size(), size_t(1));
    Json createdDescription = created.value()["TableDescription"];
    const std::string tableId = createdDescription.value("TableId", "");
    QVERIFY2(stripTableId(createdDescription), tableId.c_str());
    QCOMPARE_JSON(createdDescription, expected);

    auto described = call("DescribeTable", Json{{"TableName", expected["TableName"]}});
    QVERIFY_OK(described);
    QCOMPARE(described->size(), size_t(1));
    Json table = described.value()["Table"];
    QCOMPARE(QString::fromStdString(table.value("TableId", "")), QString::fromStdString(tableId));
    QVERIFY(stripTableId(table));
    QCOMPARE_JSON(table, expected);
}

void CatalogTest::createTableNameLengthBounds() {
    for (const std::string& name : {std::string("abc"), std::string(255, 'n')}) {
        auto created = call("CreateTable", hashTable(name));
        QVERIFY_OK(created);
        QCOMPARE_JSON(created.value()["TableDescription"]["TableName"], Json(name));
    }
}

void CatalogTest::createTableErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    auto row = [](const char* name, const Json& request, const QString& type,
                  const std::string& message) {
        QTest::newRow(name) << QByteArray(request.dump().c_str()) << type
                            << QString::fromStdString(message);
    };
    auto edited = [](auto edit) {
        Json request = usersTable();
        edit(request);
        return request;
    };
    const Json rangeDefinitions = json(R"([{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}])");

    // The table operations check TableName's presence and length before anything else.
    row("missing TableName", edited([](Json& r) { r.erase("TableName"); }), validation,
        "The parameter 'TableName' is required but was not present in the request");
    row("TableName too short", edited([](Json& r) { r["TableName"] = "ab"; }), validation,
        "TableName must be at least 3 characters long and at most 255 characters long");
    row("TableName with bad characters", edited([](Json& r) { r["TableName"] = "abc;"; }),
        validation,
        "1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    row("TableName of 256 characters",
        edited([](Json& r) { r["TableName"] = std::string(256, 'a'); }), validation,
        "TableName must be at least 3 characters long and at most 255 characters long");
    row("TableName short with bad characters", edited([](Json& r) { r["TableName"] = "a;"; }),
        validation,
        "TableName must be at least 3 characters long and at most 255 characters long");
    row("empty request", Json::object(), validation,
        "The parameter 'TableName' is required but was not present in the request");
    row("bad name, no definitions, no key schema", json(R"({"TableName": "abc;"})"), validation,
        "3 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy "
        "constraint: Member must not be null; Value 'abc;' at 'tableName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value "
        "null at 'keySchema' failed to satisfy constraint: Member must not be null");
    row("TableName is a number", edited([](Json& r) { r["TableName"] = 12; }),
        "SerializationException", "NUMBER_VALUE cannot be converted to String");
    row("AttributeType SS",
        edited([](Json& r) { r["AttributeDefinitions"][0]["AttributeType"] = "SS"; }), validation,
        "1 validation error detected: Value 'SS' at 'attributeDefinitions.1.member."
        "attributeType' failed to satisfy constraint: Member must satisfy enum value set: "
        "[B, N, S]");
    row("AttributeType lower case",
        edited([](Json& r) { r["AttributeDefinitions"][0]["AttributeType"] = "s"; }), validation,
        "1 validation error detected: Value 's' at 'attributeDefinitions.1.member."
        "attributeType' failed to satisfy constraint: Member must satisfy enum value set: "
        "[B, N, S]");
    row("attribute definition members missing",
        edited([](Json& r) { r["AttributeDefinitions"] = json("[{}]"); }), validation,
        "2 validation errors detected: Value null at 'attributeDefinitions.1.member."
        "attributeName' failed to satisfy constraint: Member must not be null; Value null at "
        "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member "
        "must not be null");
    row("KeyType PRIMARY", edited([](Json& r) { r["KeySchema"][0]["KeyType"] = "PRIMARY"; }),
        validation,
        "1 validation error detected: Value 'PRIMARY' at 'keySchema.1.member.keyType' failed "
        "to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
    row("KeySchema member without KeyType",
        edited([](Json& r) { r["KeySchema"][0].erase("KeyType"); }), validation,
        "1 validation error detected: Value null at 'keySchema.1.member.keyType' failed to "
        "satisfy constraint: Member must not be null");
    row("KeySchema empty", edited([](Json& r) { r["KeySchema"] = Json::array(); }), validation,
        "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
    row("BillingMode FOO", edited([](Json& r) { r["BillingMode"] = "FOO"; }), validation,
        "1 validation error detected: Value 'FOO' at 'billingMode' failed to satisfy "
        "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    row("key attribute not defined",
        edited([](Json& r) { r["AttributeDefinitions"][0]["AttributeName"] = "misc"; }), validation,
        "One or more parameter values were invalid: Some index key attributes are not defined "
        "in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [misc]");
    row("more keys than definitions", edited([](Json& r) {
            r["KeySchema"].push_back(json(R"({"AttributeName": "sk", "KeyType": "RANGE"})"));
        }),
        validation, "Invalid KeySchema: Some index key attribute have no definition");
    row("HASH not first", edited([&](Json& r) {
            r["AttributeDefinitions"] = rangeDefinitions;
            r["KeySchema"] = json(R"([{"AttributeName": "pk", "KeyType": "RANGE"},
                                      {"AttributeName": "sk", "KeyType": "HASH"}])");
        }),
        validation, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    row("only a RANGE key", edited([](Json& r) { r["KeySchema"][0]["KeyType"] = "RANGE"; }),
        validation, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    row("two HASH keys", edited([&](Json& r) {
            r["AttributeDefinitions"] = rangeDefinitions;
            r["KeySchema"] = json(R"([{"AttributeName": "pk", "KeyType": "HASH"},
                                      {"AttributeName": "sk", "KeyType": "HASH"}])");
        }),
        validation, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    row("hash and range with the same name", edited([&](Json& r) {
            r["AttributeDefinitions"] = rangeDefinitions;
            r["KeySchema"] = json(R"([{"AttributeName": "pk", "KeyType": "HASH"},
                                      {"AttributeName": "pk", "KeyType": "RANGE"}])");
        }),
        validation,
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    row("more definitions than keys",
        edited([&](Json& r) { r["AttributeDefinitions"] = rangeDefinitions; }), validation,
        "One or more parameter values were invalid: Number of attributes in KeySchema does "
        "not exactly match number of attributes defined in AttributeDefinitions");
    row("throughput missing", edited([](Json& r) { r.erase("ProvisionedThroughput"); }), validation,
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
        "must both be specified when BillingMode is PROVISIONED");
    row("throughput missing, explicit PROVISIONED", edited([](Json& r) {
            r.erase("ProvisionedThroughput");
            r["BillingMode"] = "PROVISIONED";
        }),
        validation,
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
        "must both be specified when BillingMode is PROVISIONED");
    row("throughput with PAY_PER_REQUEST",
        edited([](Json& r) { r["BillingMode"] = "PAY_PER_REQUEST"; }), validation,
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
        "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    row("throughput members missing",
        edited([](Json& r) { r["ProvisionedThroughput"] = Json::object(); }), validation,
        "2 validation errors detected: Value null at 'provisionedThroughput.readCapacityUnits' "
        "failed to satisfy constraint: Member must not be null; Value null at "
        "'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must "
        "not be null");
    row("ReadCapacityUnits 0",
        edited([](Json& r) { r["ProvisionedThroughput"]["ReadCapacityUnits"] = 0; }), validation,
        "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' "
        "failed to satisfy constraint: Member must have value greater than or equal to 1");
    row("both capacities 0", edited([](Json& r) {
            r["ProvisionedThroughput"] = json(R"({"ReadCapacityUnits": 0,
                                                  "WriteCapacityUnits": 0})");
        }),
        validation,
        "2 validation errors detected: Value '0' at 'provisionedThroughput.readCapacityUnits' "
        "failed to satisfy constraint: Member must have value greater than or equal to 1; "
        "Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy "
        "constraint: Member must have value greater than or equal to 1");
    row("ReadCapacityUnits out of bounds", edited([](Json& r) {
            r["ProvisionedThroughput"]["ReadCapacityUnits"] = 1000000000001;
            r["ProvisionedThroughput"]["WriteCapacityUnits"] = 1000000000001;
        }),
        validation, "Given value 1000000000001 for ReadCapacityUnits is out of bounds");
    row("WriteCapacityUnits out of bounds", edited([](Json& r) {
            r["ProvisionedThroughput"]["ReadCapacityUnits"] = 1000000000000;
            r["ProvisionedThroughput"]["WriteCapacityUnits"] = 1000000000001;
        }),
        validation, "Given value 1000000000001 for WriteCapacityUnits is out of bounds");
}

void CatalogTest::createTableErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    auto created = call("CreateTable", json(request.toStdString()));
    QCOMPARE_ERROR(created, errorType, message.toStdString());
    QCOMPARE_JSON(call("ListTables", Json::object()).value(), json(R"({"TableNames": []})"));
}

// DynamoDB prints the rejected list in its own (Java) notation, so only the shape of the
// value is fixed here.
void CatalogTest::createTableWithThreeKeys() {
    Json request = usersTable();
    request["KeySchema"] = json(R"([{"AttributeName": "pk", "KeyType": "HASH"},
                                    {"AttributeName": "sk", "KeyType": "RANGE"},
                                    {"AttributeName": "tk", "KeyType": "RANGE"}])");
    auto created = call("CreateTable", request);
    QVERIFY(!created.ok());
    QCOMPARE(QString::fromStdString(created.error().name()), QString("ValidationException"));
    static const QRegularExpression expected(
        "^1 validation error detected: Value '\\[.+\\]' at 'keySchema' failed to satisfy "
        "constraint: Member must have length less than or equal to 2$");
    QVERIFY2(expected.match(QString::fromStdString(created.error().message)).hasMatch(),
             created.error().message.c_str());
}

void CatalogTest::createExistingTable() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    Json again = usersTable();
    again["BillingMode"] = "PAY_PER_REQUEST";
    again.erase("ProvisionedThroughput");
    QCOMPARE_ERROR(call("CreateTable", again), "ResourceInUseException",
                   "Table already exists: users");
    // The original definition is untouched.
    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["BillingModeSummary"],
                  json(R"({"BillingMode": "PROVISIONED"})"));
}

void CatalogTest::describeMissingTable() {
    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "nope"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: nope not found");
    QVERIFY_OK(call("CreateTable", usersTable()));
    // Table names are case sensitive.
    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "Users"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: Users not found");
    QCOMPARE_VALIDATION(call("DescribeTable", Json::object()),
                        "The parameter 'TableName' is required but was not present in the "
                        "request");
    QCOMPARE_VALIDATION(call("DescribeTable", json(R"({"TableName": "a b"})")),
                        "1 validation error detected: Value 'a b' at 'tableName' failed to "
                        "satisfy constraint: Member must satisfy regular expression pattern: "
                        "[a-zA-Z0-9_.-]+");
}

void CatalogTest::describeTableStatistics() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    auto stats = [this]() -> std::pair<int64_t, int64_t> {
        auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
        if (!described) return {-1, -1};
        const Json& table = described.value()["Table"];
        return {table["ItemCount"].get<int64_t>(), table["TableSizeBytes"].get<int64_t>()};
    };
    using Stats = std::pair<int64_t, int64_t>;
    QCOMPARE(stats(), Stats(0, 0));

    const Json a = itemOfSize(json(R"({"pk": {"S": "a"}})"), 100);
    const Json b = itemOfSize(json(R"({"pk": {"S": "b"}})"), 2500);
    const Json c = json(R"({"pk": {"S": "c"}, "n": {"N": "12345"}, "flag": {"BOOL": true}})");
    const int64_t cSize = int64_t(sizeOf(c));
    for (const Json& item : {a, b, c})
        QVERIFY_OK(call("PutItem", Json{{"TableName", "users"}, {"Item", item}}));
    QCOMPARE(stats(), Stats(3, 100 + 2500 + cSize));

    // Overwriting replaces the old size; the count stays.
    QVERIFY_OK(call("PutItem", Json{{"TableName", "users"},
                                    {"Item", itemOfSize(json(R"({"pk": {"S": "b"}})"), 700)}}));
    QCOMPARE(stats(), Stats(3, 100 + 700 + cSize));

    QVERIFY_OK(call("UpdateItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "a"}},
                                           "UpdateExpression": "REMOVE padding"})")));
    QCOMPARE(stats(), Stats(3, 3 + 700 + cSize));

    QVERIFY_OK(call("DeleteItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "b"}}})")));
    QCOMPARE(stats(), Stats(2, 3 + cSize));
    // Deleting what is not there changes nothing.
    QVERIFY_OK(call("DeleteItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "b"}}})")));
    QCOMPARE(stats(), Stats(2, 3 + cSize));

    // UpdateItem on a missing key creates the item.
    QVERIFY_OK(call("UpdateItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "d"}}})")));
    QCOMPARE(stats(), Stats(3, 3 + cSize + 3));
    for (const char* key : {"a", "c", "d"})
        QVERIFY_OK(
            call("DeleteItem", Json{{"TableName", "users"}, {"Key", {{"pk", {{"S", key}}}}}}));
    QCOMPARE(stats(), Stats(0, 0));
}

void CatalogTest::listTables_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");
    QTest::newRow("all") << QByteArray("{}")
                         << QByteArray(R"({"TableNames": ["Zeta", "alpha", "beta", "delta",
                                                          "epsilon", "gamma", "zeta9"]})");
    QTest::newRow("Limit 3") << QByteArray(R"({"Limit": 3})")
                             << QByteArray(R"({"TableNames": ["Zeta", "alpha", "beta"],
                                              "LastEvaluatedTableName": "beta"})");
    QTest::newRow("second page") << QByteArray(R"({"Limit": 3, "ExclusiveStartTableName": "beta"})")
                                 << QByteArray(R"({"TableNames": ["delta", "epsilon", "gamma"],
                                                  "LastEvaluatedTableName": "gamma"})");
    QTest::newRow("last page") << QByteArray(R"({"Limit": 3, "ExclusiveStartTableName": "gamma"})")
                               << QByteArray(R"({"TableNames": ["zeta9"]})");
    QTest::newRow("Limit equal to the number left")
        << QByteArray(R"({"Limit": 2, "ExclusiveStartTableName": "epsilon"})")
        << QByteArray(R"({"TableNames": ["gamma", "zeta9"]})");
    QTest::newRow("Limit 7") << QByteArray(R"({"Limit": 7})")
                             << QByteArray(R"({"TableNames": ["Zeta", "alpha", "beta", "delta",
                                                              "epsilon", "gamma", "zeta9"]})");
    QTest::newRow("Limit 6") << QByteArray(R"({"Limit": 6})")
                             << QByteArray(R"({"TableNames": ["Zeta", "alpha", "beta", "delta",
                                                              "epsilon", "gamma"],
                                              "LastEvaluatedTableName": "gamma"})");
    QTest::newRow("Limit 100") << QByteArray(R"({"Limit": 100})")
                               << QByteArray(R"({"TableNames": ["Zeta", "alpha", "beta", "delta",
                                                                "epsilon", "gamma", "zeta9"]})");
    QTest::newRow("start at a name that is not a table")
        << QByteArray(R"({"ExclusiveStartTableName": "carrot"})")
        << QByteArray(R"({"TableNames": ["delta", "epsilon", "gamma", "zeta9"]})");
    QTest::newRow("start after the last table")
        << QByteArray(R"({"ExclusiveStartTableName": "zzz"})")
        << QByteArray(R"({"TableNames": []})");
}

void CatalogTest::listTables() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);
    // Created out of order: ListTables sorts by name, upper case first (byte order).
    for (const char* name : {"gamma", "alpha", "zeta9", "Zeta", "epsilon", "beta", "delta"})
        QVERIFY_OK(call("CreateTable", hashTable(name)));
    auto listed = call("ListTables", json(request.toStdString()));
    QVERIFY_OK(listed);
    QCOMPARE_JSON(listed.value(), json(response.toStdString()));
}

void CatalogTest::listTablesPagesThroughAll() {
    Json created = Json::array();
    for (int i = 0; i < 7; ++i) created.push_back("table" + std::to_string(i));
    for (const auto& name : created) QVERIFY_OK(call("CreateTable", hashTable(name)));
    for (int limit = 1; limit <= 8; ++limit) {
        Json seen = Json::array();
        Json request = {{"Limit", limit}};
        int pages = 0;
        while (true) {
            auto page = call("ListTables", request);
            QVERIFY_OK(page);
            ++pages;
            for (const auto& name : page.value()["TableNames"]) seen.push_back(name);
            QVERIFY(page->at("TableNames").size() <= size_t(limit));
            if (!page->contains("LastEvaluatedTableName")) break;
            QCOMPARE_JSON(page->at("LastEvaluatedTableName"), page->at("TableNames").back());
            request["ExclusiveStartTableName"] = page->at("LastEvaluatedTableName");
        }
        QCOMPARE_JSON(seen, created);
        QCOMPARE(pages, (7 + limit - 1) / limit);
    }
}

void CatalogTest::listTablesErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    QTest::newRow("Limit 0") << QByteArray(R"({"Limit": 0})") << "ValidationException"
                             << "1 validation error detected: Value '0' at 'limit' failed to "
                                "satisfy constraint: Member must have value greater than or "
                                "equal to 1";
    QTest::newRow("Limit 101") << QByteArray(R"({"Limit": 101})") << "ValidationException"
                               << "1 validation error detected: Value '101' at 'limit' failed "
                                  "to satisfy constraint: Member must have value less than "
                                  "or equal to 100";
    QTest::newRow("Limit 0 and short start name")
        << QByteArray(R"({"Limit": 0, "ExclusiveStartTableName": "ab"})") << "ValidationException"
        << "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: "
           "Member must have value greater than or equal to 1; Value 'ab' at "
           "'exclusiveStartTableName' failed to satisfy constraint: Member must have length "
           "greater than or equal to 3";
    QTest::newRow("Limit is a string")
        << QByteArray(R"({"Limit": "3"})") << "SerializationException"
        << "STRING_VALUE cannot be converted to Integer";
}

void CatalogTest::listTablesErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QCOMPARE_ERROR(call("ListTables", json(request.toStdString())), errorType,
                   message.toStdString());
}

void CatalogTest::updateTableBillingModes() {
    QVERIFY_OK(call("CreateTable", usersTable()));

    *clock_ = kCreatedAt + 100;
    auto onDemand = call("UpdateTable", json(R"({"TableName": "users",
                                                 "BillingMode": "PAY_PER_REQUEST"})"));
    QVERIFY_OK(onDemand);
    const Json& switched = onDemand.value()["TableDescription"];
    QCOMPARE_JSON(switched["BillingModeSummary"], json(R"({"BillingMode": "PAY_PER_REQUEST",
                           "LastUpdateToPayPerRequestDateTime": 1700000100.25})"));
    QCOMPARE_JSON(switched["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                           "WriteCapacityUnits": 0})"));
    QCOMPARE_JSON(switched["CreationDateTime"], Json(kCreatedAt));

    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["BillingModeSummary"], switched["BillingModeSummary"]);
    QCOMPARE_JSON(described.value()["Table"]["TableStatus"], Json("ACTIVE"));

    // Already on demand: nothing to change, and the switch time stays.
    *clock_ = kCreatedAt + 150;
    auto again = call("UpdateTable", json(R"({"TableName": "users",
                                              "BillingMode": "PAY_PER_REQUEST"})"));
    QVERIFY_OK(again);
    QCOMPARE_JSON(again.value()["TableDescription"]["BillingModeSummary"],
                  switched["BillingModeSummary"]);

    *clock_ = kCreatedAt + 200;
    auto provisioned = call("UpdateTable", json(R"({"TableName": "users",
        "BillingMode": "PROVISIONED",
        "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}})"));
    QVERIFY_OK(provisioned);
    const Json& back = provisioned.value()["TableDescription"];
    QCOMPARE_JSON(back["BillingModeSummary"]["BillingMode"], Json("PROVISIONED"));
    QCOMPARE_JSON(back["ProvisionedThroughput"]["ReadCapacityUnits"], Json(3));
    QCOMPARE_JSON(back["ProvisionedThroughput"]["WriteCapacityUnits"], Json(4));
    // Leaving on-demand mode is not a decrease.
    QCOMPARE_JSON(back["ProvisionedThroughput"]["NumberOfDecreasesToday"], Json(0));

    described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["ProvisionedThroughput"],
                  back["ProvisionedThroughput"]);
    QCOMPARE_JSON(described.value()["Table"]["BillingModeSummary"], back["BillingModeSummary"]);
}

void CatalogTest::updateTableThroughput() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    auto update = [this](int read, int write) {
        return call("UpdateTable",
                    Json{{"TableName", "users"},
                         {"ProvisionedThroughput",
                          {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}}}});
    };

    *clock_ = kCreatedAt + 10;
    auto increased = update(10, 5);
    QVERIFY_OK(increased);
    QCOMPARE_JSON(increased.value()["TableDescription"]["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 10,
                           "WriteCapacityUnits": 5, "LastIncreaseDateTime": 1700000010.25})"));
    QCOMPARE_JSON(increased.value()["TableDescription"]["BillingModeSummary"],
                  json(R"({"BillingMode": "PROVISIONED"})"));

    *clock_ = kCreatedAt + 20;
    auto decreased = update(10, 2);
    QVERIFY_OK(decreased);
    QCOMPARE_JSON(decreased.value()["TableDescription"]["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 1, "ReadCapacityUnits": 10,
                           "WriteCapacityUnits": 2, "LastIncreaseDateTime": 1700000010.25,
                           "LastDecreaseDateTime": 1700000020.25})"));

    *clock_ = kCreatedAt + 30;
    auto mixed = update(1, 9);
    QVERIFY_OK(mixed);
    QCOMPARE_JSON(mixed.value()["TableDescription"]["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 2, "ReadCapacityUnits": 1,
                           "WriteCapacityUnits": 9, "LastIncreaseDateTime": 1700000030.25,
                           "LastDecreaseDateTime": 1700000030.25})"));

    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["ProvisionedThroughput"],
                  mixed.value()["TableDescription"]["ProvisionedThroughput"]);

    QCOMPARE_VALIDATION(
        update(1, 9),
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: 1. Requested "
        "ReadCapacityUnits: 1. Current WriteCapacityUnits provisioned for the table: 9. "
        "Requested WriteCapacityUnits: 9. Refer to the Amazon DynamoDB Developer Guide for "
        "current limits and how to request higher limits.");
    // An explicit PROVISIONED with unchanged values is still no change.
    QCOMPARE_VALIDATION(
        call("UpdateTable", json(R"({"TableName": "users", "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 9}})")),
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: 1. Requested "
        "ReadCapacityUnits: 1. Current WriteCapacityUnits provisioned for the table: 9. "
        "Requested WriteCapacityUnits: 9. Refer to the Amazon DynamoDB Developer Guide for "
        "current limits and how to request higher limits.");
    // A rejected update leaves the table as it was.
    described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["ProvisionedThroughput"],
                  mixed.value()["TableDescription"]["ProvisionedThroughput"]);
}

void CatalogTest::updateTableErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    QTest::newRow("nothing to update") << QByteArray(R"({"TableName": "users"})") << validation
                                       << "At least one of ProvisionedThroughput, BillingMode, "
                                          "UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
                                          "SSESpecification or ReplicaUpdates is required";
    QTest::newRow("PROVISIONED without throughput")
        << QByteArray(R"({"TableName": "users", "BillingMode": "PROVISIONED"})") << validation
        << "One or more parameter values were invalid: ProvisionedThroughput must be "
           "specified when BillingMode is PROVISIONED";
    QTest::newRow("PAY_PER_REQUEST with throughput")
        << QByteArray(R"({"TableName": "users", "BillingMode": "PAY_PER_REQUEST",
            "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}})")
        << validation
        << "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
           "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST";
    QTest::newRow("throughput on an on-demand table")
        << QByteArray(R"({"TableName": "ondemand",
            "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}})")
        << validation
        << "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
           "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST";
    QTest::newRow("ReadCapacityUnits 0")
        << QByteArray(R"({"TableName": "users",
            "ProvisionedThroughput": {"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}})")
        << validation
        << "1 validation error detected: Value '0' at 'provisionedThroughput."
           "readCapacityUnits' failed to satisfy constraint: Member must have value greater "
           "than or equal to 1";
    QTest::newRow("WriteCapacityUnits missing")
        << QByteArray(R"({"TableName": "users",
            "ProvisionedThroughput": {"ReadCapacityUnits": 2}})")
        << validation
        << "1 validation error detected: Value null at 'provisionedThroughput."
           "writeCapacityUnits' failed to satisfy constraint: Member must not be null";
    QTest::newRow("out of bounds")
        << QByteArray(R"({"TableName": "users",
            "ProvisionedThroughput": {"ReadCapacityUnits": 1,
                                      "WriteCapacityUnits": 1000000000001}})")
        << validation << "Given value 1000000000001 for WriteCapacityUnits is out of bounds";
    QTest::newRow("BillingMode FOO")
        << QByteArray(R"({"TableName": "users", "BillingMode": "FOO"})") << validation
        << "1 validation error detected: Value 'FOO' at 'billingMode' failed to satisfy "
           "constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]";
    QTest::newRow("missing TableName")
        << QByteArray(R"({"BillingMode": "PAY_PER_REQUEST"})") << validation
        << "The parameter 'TableName' is required but was not present in the request";
    QTest::newRow("missing table")
        << QByteArray(R"({"TableName": "nope", "BillingMode": "PAY_PER_REQUEST"})")
        << "ResourceNotFoundException"
        << "Requested resource not found: Table: nope not found";
}

void CatalogTest::updateTableErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "ondemand",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    auto before = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(before);

    QCOMPARE_ERROR(call("UpdateTable", json(request.toStdString())), errorType,
                   message.toStdString());
    auto after = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(after);
    QCOMPARE_JSON(after.value(), before.value());
}

void CatalogTest::deleteTable() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    const Json item = json(R"({"pk": {"S": "k1"}, "v": {"S": "hello"}})");
    QVERIFY_OK(call("PutItem", Json{{"TableName", "users"}, {"Item", item}}));
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "users", "Item": {"pk": {"S": "k2"}}})")));
    auto before = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(before);

    auto deleted = call("DeleteTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(deleted);
    Json expected = before.value()["Table"];
    expected["TableStatus"] = "DELETING";
    QCOMPARE_JSON(deleted.value(), Json({{"TableDescription", expected}}));
    QCOMPARE_JSON(expected["ItemCount"], Json(2));

    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "users"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: users not found");
    QCOMPARE_ERROR(call("GetItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "k1"}}})")),
                   "ResourceNotFoundException", "Requested resource not found");
    QCOMPARE_ERROR(call("DeleteTable", json(R"({"TableName": "users"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: users not found");
    QCOMPARE_JSON(call("ListTables", Json::object()).value(), json(R"({"TableNames": []})"));

    // The name is free again, and the new table starts empty even with the same schema.
    *clock_ = kCreatedAt + 60;
    auto recreated = call("CreateTable", usersTable());
    QVERIFY_OK(recreated);
    QCOMPARE_JSON(recreated.value()["TableDescription"]["CreationDateTime"], Json(kCreatedAt + 60));
    QVERIFY(recreated.value()["TableDescription"]["TableId"] != before.value()["Table"]["TableId"]);
    QCOMPARE_JSON(
        call("GetItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "k1"}}})")).value(),
        Json::object());
    auto scanned = call("Scan", json(R"({"TableName": "users"})"));
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(scanned.value(), json(R"({"Items": [], "Count": 0, "ScannedCount": 0})"));
    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["ItemCount"], Json(0));
    QCOMPARE_JSON(described.value()["Table"]["TableSizeBytes"], Json(0));
}

void CatalogTest::deleteTableThenRecreateWithOtherSchema() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "users", "Item": {"pk": {"S": "k"}}})")));
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "users"})")));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "users",
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"},
                                 {"AttributeName": "at", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                      {"AttributeName": "at", "KeyType": "RANGE"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    QCOMPARE_VALIDATION(
        call("GetItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "k"}}})")),
        "The provided key element does not match the schema");
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "users",
                                        "Item": {"id": {"N": "1"}, "at": {"S": "x"}}})")));
    auto scanned = call("Scan", json(R"({"TableName": "users"})"));
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(scanned.value(), json(R"({"Items": [{"id": {"N": "1"}, "at": {"S": "x"}}],
                                            "Count": 1, "ScannedCount": 1})"));
}

void CatalogTest::deleteTableErrors() {
    QCOMPARE_ERROR(call("DeleteTable", json(R"({"TableName": "nope"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: nope not found");
    QCOMPARE_VALIDATION(call("DeleteTable", Json::object()),
                        "The parameter 'TableName' is required but was not present in the "
                        "request");
    QCOMPARE_VALIDATION(call("DeleteTable", json(R"({"TableName": "x"})")),
                        "TableName must be at least 3 characters long and at most 255 "
                        "characters long");
    QCOMPARE_VALIDATION(call("DeleteTable", json(R"({"TableName": "x;y"})")),
                        "1 validation error detected: Value 'x;y' at 'tableName' failed to "
                        "satisfy constraint: Member must satisfy regular expression pattern: "
                        "[a-zA-Z0-9_.-]+");
}

void CatalogTest::reopenKeepsCatalogItemsAndStatistics() {
    QVERIFY_OK(call("CreateTable", usersTable()));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "events",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "at", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "at", "KeyType": "RANGE"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    QVERIFY_OK(call("CreateTable", hashTable("doomed")));
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "doomed", "Item": {"pk": {"S": "x"}}})")));

    std::vector<Json> userItems;
    for (int i = 0; i < 20; ++i)
        userItems.push_back(
            itemOfSize(Json{{"pk", {{"S", "user" + std::to_string(i)}}}}, 100 + size_t(i) * 37));
    for (const auto& item : userItems)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "users"}, {"Item", item}}));
    for (int at = 0; at < 5; ++at) {
        Json request = json(R"({"TableName": "events", "Item": {"pk": {"S": "stream"},
            "payload": {"L": [{"N": "1"}, {"NULL": true}]}}})");
        request["Item"]["at"] = Json{{"N", std::to_string(at)}};
        QVERIFY_OK(call("PutItem", request));
    }
    QVERIFY_OK(
        call("DeleteItem", json(R"({"TableName": "users", "Key": {"pk": {"S": "user3"}}})")));
    *clock_ = kCreatedAt + 5;
    QVERIFY_OK(call("UpdateTable", json(R"({"TableName": "users",
        "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 8}})")));
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "doomed"})")));

    auto snapshot = [this](Json& out) {
        out = Json::object();
        out["ListTables"] = call("ListTables", Json::object()).value();
        for (const char* table : {"users", "events"}) {
            out[table]["describe"] = call("DescribeTable", Json{{"TableName", table}}).value();
            out[table]["scan"] = call("Scan", Json{{"TableName", table}}).value();
        }
        out["query"] = call("Query", json(R"({"TableName": "events",
            "KeyConditionExpression": "pk = :p AND #at >= :from",
            "ExpressionAttributeNames": {"#at": "at"},
            "ExpressionAttributeValues": {":p": {"S": "stream"}, ":from": {"N": "2"}}})"))
                           .value();
    };
    Json before, after;
    snapshot(before);
    QCOMPARE(before["users"]["describe"]["Table"]["ItemCount"].get<int>(), 19);
    QCOMPARE(before["events"]["scan"]["Count"].get<int>(), 5);
    QCOMPARE(before["query"]["Count"].get<int>(), 3);

    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    snapshot(after);
    QCOMPARE_JSON(after, before);
    QCOMPARE_JSON(after["ListTables"], json(R"({"TableNames": ["events", "users"]})"));
    QCOMPARE_JSON(after["users"]["describe"]["Table"]["ProvisionedThroughput"],
                  json(R"({"NumberOfDecreasesToday": 1, "ReadCapacityUnits": 2,
                           "WriteCapacityUnits": 8, "LastIncreaseDateTime": 1700000005.25,
                           "LastDecreaseDateTime": 1700000005.25})"));
    for (const auto& item : userItems) {
        auto got = call("GetItem", Json{{"TableName", "users"}, {"Key", {{"pk", item["pk"]}}}});
        QVERIFY_OK(got);
        if (item["pk"]["S"] == "user3")
            QCOMPARE_JSON(got.value(), Json::object());
        else
            QCOMPARE_JSON(got.value(), Json({{"Item", item}}));
    }

    // Writes after the reopen keep the statistics exact, and the deleted table stays gone
    // (its name gives a new, empty table).
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "users", "Item": {"pk": {"S": "late"}}})")));
    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["ItemCount"], Json(20));
    QCOMPARE_JSON(described.value()["Table"]["TableSizeBytes"],
                  Json(before["users"]["describe"]["Table"]["TableSizeBytes"].get<int64_t>() + 6));
    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "doomed"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: doomed not found");
    QVERIFY_OK(call("CreateTable", hashTable("doomed")));
    QCOMPARE_JSON(call("Scan", json(R"({"TableName": "doomed"})")).value(),
                  json(R"({"Items": [], "Count": 0, "ScannedCount": 0})"));

    // And a second reopen sees all of that too.
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE_JSON(call("ListTables", Json::object()).value(),
                  json(R"({"TableNames": ["doomed", "events", "users"]})"));
    QCOMPARE_JSON(call("DescribeTable", json(R"({"TableName": "users"})")).value(),
                  described.value());
}

QTEST_GUILESS_MAIN(CatalogTest)
#include "test_catalog.moc"
