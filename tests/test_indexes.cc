// Secondary indexes through dispatch(): CreateTable validation, index contents after every
// kind of write, Query and Scan on indexes, per-index capacity, online GSI creation and
// deletion, and the item-collection limit.
#include <QTest>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class IndexesTest : public QObject {
    Q_OBJECT

  private slots:
    void createTableValidatesIndexes_data();
    void createTableValidatesIndexes();
    void indexLimits();
    void describeShowsIndexes();
    void indexContentsFollowEveryWrite();
    void wrongIndexKeyTypeIsRejected();
    void queryOnIndexes();
    void localIndexFetchesUnprojectedAttributes();
    void writeAmplificationPerIndex();
    void onlineIndexCreationAndDeletion();
    void itemCollectionLimit();
    void updateGlobalIndexThroughput();
};

namespace {

Json ordersTable(const std::string& billing = "PAY_PER_REQUEST") {
    Json table = json(R"({"TableName":"Orders",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
          {"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"state","AttributeType":"S"},
          {"AttributeName":"placed","AttributeType":"N"},{"AttributeName":"customer","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[
          {"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"},
             {"AttributeName":"placed","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}},
          {"IndexName":"byCustomer","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"}],
             "Projection":{"ProjectionType":"ALL"}}],
        "LocalSecondaryIndexes":[
          {"IndexName":"byPlaced","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
             {"AttributeName":"placed","KeyType":"RANGE"}],
           "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]}}]})");
    table["BillingMode"] = billing;
    if (billing == "PROVISIONED") {
        table["ProvisionedThroughput"] = {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}};
        for (auto& index : table["GlobalSecondaryIndexes"])
            index["ProvisionedThroughput"] = {{"ReadCapacityUnits", 3}, {"WriteCapacityUnits", 2}};
    }
    return table;
}

Json order(const std::string& pk, const std::string& sk, const std::string& state, int placed,
           const std::string& customer = "") {
    Json item = {{"pk", {{"S", pk}}},          {"sk", {{"S", sk}}},
                 {"state", {{"S", state}}},    {"placed", {{"N", std::to_string(placed)}}},
                 {"note", {{"S", "n-" + sk}}}, {"body", {{"S", "not projected"}}}};
    if (!customer.empty()) item["customer"] = {{"S", customer}};
    return item;
}

Json put(const Json& item) {
    return {{"TableName", "Orders"}, {"Item", item}};
}

// Every entry of an index, via a paged Scan.
std::vector<Json> scanIndex(EngineHarness& h, const std::string& index) {
    std::vector<Json> items;
    Json request = {{"TableName", "Orders"}, {"IndexName", index}, {"Limit", 2}};
    while (true) {
        auto page = h.call("Scan", request);
        if (!page) qFatal("scan failed: %s", page.error().message.c_str());
        for (const auto& item : (*page)["Items"]) items.push_back(item);
        if (!page->contains("LastEvaluatedKey")) break;
        request["ExclusiveStartKey"] = (*page)["LastEvaluatedKey"];
    }
    return items;
}

Json describeIndex(EngineHarness& h, const std::string& name) {
    auto described = h.call("DescribeTable", json(R"({"TableName":"Orders"})"));
    for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"})
        if (described->value("Table", Json::object()).contains(kind))
            for (const auto& index : (*described)["Table"][kind])
                if (index["IndexName"] == name) return index;
    return nullptr;
}

Json query(EngineHarness& h, Json request) {
    request["TableName"] = "Orders";
    auto result = h.call("Query", request);
    if (!result) return Json{{"error", result.error().name() + ": " + result.error().message}};
    return *result;
}

}  // namespace

void IndexesTest::createTableValidatesIndexes_data() {
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QString>("message");
    QTest::newRow("lsi needs table range key")
        << R"([{"op":"remove","path":"/KeySchema/1"}])"
        << "One or more parameter values were invalid: Table KeySchema does not have a range "
           "key, which is required when specifying a LocalSecondaryIndex";
    QTest::newRow("lsi other hash key")
        << R"([{"op":"replace","path":"/LocalSecondaryIndexes/0/KeySchema/0/AttributeName","value":"customer"}])"
        << "One or more parameter values were invalid: Index KeySchema does not have the same "
           "leading hash key as table KeySchema for index: byPlaced. index hash key: "
           "customer, table hash key: pk";
    QTest::newRow("lsi without range key")
        << R"([{"op":"remove","path":"/LocalSecondaryIndexes/0/KeySchema/1"}])"
        << "One or more parameter values were invalid: Index KeySchema does not have a range "
           "key for index: byPlaced";
    QTest::newRow("undefined index key")
        << R"([{"op":"replace","path":"/GlobalSecondaryIndexes/1/KeySchema/0/AttributeName","value":"nope"}])"
        << "One or more parameter values were invalid: Some index key attributes are not "
           "defined in AttributeDefinitions. Keys: [nope], AttributeDefinitions: [pk, sk, "
           "state, placed, customer]";
    QTest::newRow("duplicate name")
        << R"([{"op":"replace","path":"/GlobalSecondaryIndexes/1/IndexName","value":"byPlaced"}])"
        << "One or more parameter values were invalid: Duplicate index name: byPlaced";
    QTest::newRow("non-key attributes without INCLUDE")
        << R"([{"op":"add","path":"/GlobalSecondaryIndexes/0/Projection/NonKeyAttributes","value":["a"]}])"
        << "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but "
           "NonKeyAttributes is specified";
    QTest::newRow("unused definition")
        << R"([{"op":"remove","path":"/GlobalSecondaryIndexes/1"}])"
        << "One or more parameter values were invalid: Some AttributeDefinitions are not "
           "used. AttributeDefinitions: [pk, sk, state, placed, customer], keys used: [pk, "
           "sk, state, placed]";
    QTest::newRow("throughput in on-demand mode")
        << R"([{"op":"add","path":"/GlobalSecondaryIndexes/0/ProvisionedThroughput","value":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}])"
        << "One or more parameter values were invalid: ProvisionedThroughput should not be "
           "specified for index: byState when BillingMode is PAY_PER_REQUEST";
    QTest::newRow("empty GSI list")
        << R"([{"op":"replace","path":"/GlobalSecondaryIndexes","value":[]}])"
        << "One or more parameter values were invalid: List of "
           "GlobalSecondaryIndexes is empty";
}
void IndexesTest::createTableValidatesIndexes() {
    QFETCH(QString, mutation);
    QFETCH(QString, message);
    EngineHarness h;
    QVERIFY(h.open());
    Json request = ordersTable().patch(json(mutation.toStdString()));
    QCOMPARE_ERROR(h.call("CreateTable", request), "ValidationException", message.toStdString());
    QVERIFY(h.engine().tableNames().empty());
}

void IndexesTest::indexLimits() {
    EngineHarness h;
    QVERIFY(h.open());
    Json request = ordersTable();
    Json lsi = request["LocalSecondaryIndexes"][0];
    for (int i = 1; i <= 5; ++i) {
        lsi["IndexName"] = numbered("lsi", i);
        request["LocalSecondaryIndexes"].push_back(lsi);
    }
    QCOMPARE_ERROR(h.call("CreateTable", request), "ValidationException",
                   "One or more parameter values were invalid: Number of "
                   "LocalSecondaryIndexes exceeds per-table limit of 5");
    request = ordersTable();
    Json gsi = request["GlobalSecondaryIndexes"][1];
    for (int i = 3; i <= 21; ++i) {
        gsi["IndexName"] = numbered("gsi", i);
        request["GlobalSecondaryIndexes"].push_back(gsi);
    }
    QCOMPARE_ERROR(h.call("CreateTable", request), "ValidationException",
                   "One or more parameter values were invalid: GlobalSecondaryIndex count "
                   "exceeds the per-table limit of 20");
    request = ordersTable();
    Json many = Json::array();
    for (int i = 0; i < 101; ++i) many.push_back(numbered("a", i));
    request["LocalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"] = many;
    QCOMPARE_ERROR(h.call("CreateTable", request), "ValidationException",
                   "One or more parameter values were invalid: The sum of NonKeyAttributes "
                   "across all secondary indexes exceeds the limit of 100");
    request = ordersTable("PROVISIONED");
    request["GlobalSecondaryIndexes"][0].erase("ProvisionedThroughput");
    QCOMPARE_ERROR(h.call("CreateTable", request), "ValidationException",
                   "One or more parameter values were invalid: ProvisionedThroughput must be "
                   "specified for index: byState");
}

void IndexesTest::describeShowsIndexes() {
    EngineHarness h;
    QVERIFY(h.open());
    auto created = h.call("CreateTable", ordersTable("PROVISIONED"));
    QVERIFY_OK(created);
    const Json& table = (*created)["TableDescription"];
    QCOMPARE(table["GlobalSecondaryIndexes"].size(), size_t(2));
    QCOMPARE_JSON(
        table["GlobalSecondaryIndexes"][0],
        json(R"({"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"},
                    {"AttributeName":"placed","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"},
                    "IndexStatus":"ACTIVE","ProvisionedThroughput":{"NumberOfDecreasesToday":0,
                    "ReadCapacityUnits":3,"WriteCapacityUnits":2},"IndexSizeBytes":0,"ItemCount":0,
                    "IndexArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Orders/index/byState"})"));
    QCOMPARE_JSON(
        table["LocalSecondaryIndexes"][0],
        json(R"({"IndexName":"byPlaced","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                    {"AttributeName":"placed","KeyType":"RANGE"}],
                    "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]},
                    "IndexSizeBytes":0,"ItemCount":0,
                    "IndexArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Orders/index/byPlaced"})"));
}

// Entries follow puts, updates (key changes, projected and unprojected attributes) and
// deletes; items without an index key are not in the index; figures stay exact.
void IndexesTest::indexContentsFollowEveryWrite() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    QVERIFY_OK(h.call("PutItem", put(order("u1", "o1", "OPEN", 10, "alice"))));
    QVERIFY_OK(h.call("PutItem", put(order("u1", "o2", "OPEN", 20))));  // no customer
    QVERIFY_OK(h.call("PutItem", put(order("u2", "o3", "SHIPPED", 30, "bob"))));

    auto byState = scanIndex(h, "byState");
    QCOMPARE(byState.size(), size_t(3));
    for (const auto& entry : byState) {
        QCOMPARE(entry.size(), size_t(4));  // KEYS_ONLY: table and index keys
        QVERIFY(entry.contains("pk") && entry.contains("sk") && entry.contains("state") &&
                entry.contains("placed"));
    }
    QCOMPARE(scanIndex(h, "byCustomer").size(), size_t(2));  // sparse
    auto byPlaced = scanIndex(h, "byPlaced");
    QCOMPARE(byPlaced.size(), size_t(3));
    QCOMPARE(byPlaced[0].size(), size_t(4));  // pk, sk, placed and the INCLUDEd note
    QVERIFY(byPlaced[0].contains("note") && !byPlaced[0].contains("body"));

    // Update that moves an item in byState, removes it from byCustomer.
    QVERIFY_OK(
        h.call("UpdateItem", json(R"({"TableName":"Orders","Key":{"pk":{"S":"u1"},"sk":{"S":"o1"}},
        "UpdateExpression":"SET #s = :s REMOVE customer","ExpressionAttributeNames":{"#s":"state"},
        "ExpressionAttributeValues":{":s":{"S":"SHIPPED"}}})")));
    Json shipped = query(h, json(R"({"IndexName":"byState","KeyConditionExpression":"#s = :s",
        "ExpressionAttributeNames":{"#s":"state"},"ExpressionAttributeValues":{":s":{"S":"SHIPPED"}}})"));
    QCOMPARE_JSON(shipped["Count"], 2);
    QCOMPARE_JSON(shipped["Items"][0]["sk"]["S"], "o1");  // placed 10 sorts before 30
    QCOMPARE(scanIndex(h, "byCustomer").size(), size_t(1));
    QCOMPARE_JSON(describeIndex(h, "byCustomer")["ItemCount"], 1);

    QVERIFY_OK(h.call("DeleteItem",
                      json(R"({"TableName":"Orders","Key":{"pk":{"S":"u2"},"sk":{"S":"o3"}}})")));
    QCOMPARE(scanIndex(h, "byCustomer").size(), size_t(0));
    QCOMPARE(scanIndex(h, "byState").size(), size_t(2));
    QCOMPARE(scanIndex(h, "byPlaced").size(), size_t(2));
    Json placed = describeIndex(h, "byPlaced");
    QCOMPARE_JSON(placed["ItemCount"], 2);
    // IndexSizeBytes: each entry's size plus AWS's 100 bytes of overhead.
    int64_t expected = 0;
    for (const auto& entry : scanIndex(h, "byPlaced")) expected += sizeOf(entry) + 100;
    QCOMPARE(placed["IndexSizeBytes"].get<int64_t>(), expected);

    // Figures survive a clean reopen and are recounted after an unclean one.
    h.close();
    QVERIFY(h.open());
    QCOMPARE(describeIndex(h, "byPlaced")["IndexSizeBytes"].get<int64_t>(), expected);
}

void IndexesTest::wrongIndexKeyTypeIsRejected() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    Json item = order("u1", "o1", "OPEN", 10);
    item["placed"] = {{"S", "ten"}};
    QCOMPARE_ERROR(h.call("PutItem", put(item)), "ValidationException",
                   "One or more parameter values were invalid: Type mismatch for Index Key "
                   "placed Expected: N Actual: S IndexName: byState");
    item = order("u1", "o1", "", 10);
    QCOMPARE_ERROR(h.call("PutItem", put(item)), "ValidationException",
                   "One or more parameter values are not valid. A value specified for a "
                   "secondary index key is not supported. The AttributeValue for a key "
                   "attribute cannot contain an empty string value. IndexName: byState, "
                   "IndexKey: state");
    QVERIFY_OK(h.call("PutItem", put(order("u1", "o1", "OPEN", 10))));
    QCOMPARE_ERROR(
        h.call("UpdateItem", json(R"({"TableName":"Orders","Key":{"pk":{"S":"u1"},"sk":{"S":"o1"}},
        "UpdateExpression":"SET placed = :p","ExpressionAttributeValues":{":p":{"S":"x"}}})")),
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key "
        "placed Expected: N Actual: S IndexName: byState");
    QCOMPARE_JSON(describeIndex(h, "byState")["ItemCount"], 1);
}

void IndexesTest::queryOnIndexes() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    for (int i = 0; i < 7; ++i)
        QVERIFY_OK(h.call("PutItem", put(order("u1", numbered("o", i), "OPEN", 100 - i))));
    // Paging through a GSI in descending sort-key order.
    Json request = json(
        R"({"IndexName":"byState","KeyConditionExpression":"#s = :s AND placed BETWEEN :a AND :b",
        "ExpressionAttributeNames":{"#s":"state"},"ScanIndexForward":false,"Limit":2,
        "ExpressionAttributeValues":{":s":{"S":"OPEN"},":a":{"N":"95"},":b":{"N":"99"}}})");
    std::vector<std::string> seen;
    while (true) {
        Json page = query(h, request);
        QVERIFY2(!page.contains("error"), page.dump().c_str());
        for (const auto& item : page["Items"]) seen.push_back(item["placed"]["N"]);
        if (!page.contains("LastEvaluatedKey")) break;
        QCOMPARE(page["LastEvaluatedKey"].size(), size_t(4));  // table + index keys
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
    QCOMPARE(seen, (std::vector<std::string>{"99", "98", "97", "96", "95"}));

    Json error = query(h, json(R"({"IndexName":"byState","ConsistentRead":true,
        "KeyConditionExpression":"#s = :s","ExpressionAttributeNames":{"#s":"state"},
        "ExpressionAttributeValues":{":s":{"S":"OPEN"}}})"));
    QCOMPARE_JSON(error["error"],
                  "ValidationException: Consistent reads are not supported on "
                  "global secondary indexes");
    error = query(h, json(R"({"IndexName":"byState","Select":"ALL_ATTRIBUTES",
        "KeyConditionExpression":"#s = :s","ExpressionAttributeNames":{"#s":"state"},
        "ExpressionAttributeValues":{":s":{"S":"OPEN"}}})"));
    QCOMPARE_JSON(error["error"],
                  "ValidationException: One or more parameter values were invalid: Select type "
                  "ALL_ATTRIBUTES is not supported for global secondary index byState because its "
                  "projection type is not ALL");
    error = query(h, json(R"({"IndexName":"nope","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"u1"}}})"));
    QCOMPARE_JSON(error["error"],
                  "ValidationException: The table does not have the specified index: nope");
    error = query(h, json(R"({"IndexName":"byState","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"u1"}}})"));
    QCOMPARE_JSON(error["error"],
                  "ValidationException: Query condition missed key schema element: state");
    error =
        query(h, json(R"({"Select":"ALL_PROJECTED_ATTRIBUTES","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"u1"}}})"));
    QCOMPARE_JSON(error["error"],
                  "ValidationException: One or more parameter values were invalid: Select type "
                  "ALL_PROJECTED_ATTRIBUTES is supported only for index queries or scans");
}

// An LSI query for attributes the index does not project fetches the table items; each
// fetched item is charged on its own (rounded up to 4 KB).
void IndexesTest::localIndexFetchesUnprojectedAttributes() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    for (int i = 0; i < 3; ++i)
        QVERIFY_OK(h.call("PutItem", put(order("u1", numbered("o", i), "OPEN", i))));
    Json projected = query(h, json(R"({"IndexName":"byPlaced","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"u1"}},"ReturnConsumedCapacity":"INDEXES"})"));
    QVERIFY(!projected["Items"][0].contains("body"));
    QCOMPARE_JSON(projected["ConsumedCapacity"], json(R"({"TableName":"Orders","CapacityUnits":0.5,
                    "Table":{"CapacityUnits":0.0},
                    "LocalSecondaryIndexes":{"byPlaced":{"CapacityUnits":0.5}}})"));
    Json fetched = query(h, json(R"({"IndexName":"byPlaced","KeyConditionExpression":"pk = :p",
        "ProjectionExpression":"body, placed","ConsistentRead":true,
        "ExpressionAttributeValues":{":p":{"S":"u1"}},"ReturnConsumedCapacity":"INDEXES"})"));
    QCOMPARE_JSON(fetched["Items"][2]["body"]["S"], "not projected");
    QCOMPARE_JSON(fetched["Items"][2]["placed"]["N"], "2");
    QCOMPARE_JSON(fetched["ConsumedCapacity"], json(R"({"TableName":"Orders","CapacityUnits":4.0,
                    "Table":{"CapacityUnits":3.0},
                    "LocalSecondaryIndexes":{"byPlaced":{"CapacityUnits":1.0}}})"));
}

// AWS: a new entry costs one write, a changed index key two (delete and put), a change to
// attributes the index does not hold none.
void IndexesTest::writeAmplificationPerIndex() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    Json request = put(order("u1", "o1", "OPEN", 1, "alice"));
    request["ReturnConsumedCapacity"] = "INDEXES";
    QCOMPARE_JSON((*h.call("PutItem", request))["ConsumedCapacity"],
                  json(R"({"TableName":"Orders","CapacityUnits":4.0,
                    "Table":{"CapacityUnits":1.0},
                    "GlobalSecondaryIndexes":{"byState":{"CapacityUnits":1.0},
                      "byCustomer":{"CapacityUnits":1.0}},
                    "LocalSecondaryIndexes":{"byPlaced":{"CapacityUnits":1.0}}})"));
    auto update = [&](const std::string& expression, const Json& values) {
        Json r = {{"TableName", "Orders"},
                  {"Key", {{"pk", {{"S", "u1"}}}, {"sk", {{"S", "o1"}}}}},
                  {"UpdateExpression", expression},
                  {"ExpressionAttributeNames", {{"#s", "state"}}},
                  {"ReturnConsumedCapacity", "INDEXES"}};
        if (expression.find("#s") == std::string::npos) r.erase("ExpressionAttributeNames");
        if (!values.is_null()) r["ExpressionAttributeValues"] = values;
        return (*h.call("UpdateItem", r))["ConsumedCapacity"];
    };
    // Changes byState's key: 2 writes there; byCustomer (ALL) rewrites its entry: 1.
    QCOMPARE_JSON(update("SET #s = :s", json(R"({":s":{"S":"SHIPPED"}})")),
                  json(R"({"TableName":"Orders","CapacityUnits":4.0,
                    "Table":{"CapacityUnits":1.0},
                    "GlobalSecondaryIndexes":{"byState":{"CapacityUnits":2.0},
                      "byCustomer":{"CapacityUnits":1.0}}})"));
    // An attribute only the ALL index holds: byState and byPlaced are untouched.
    QCOMPARE_JSON(update("SET body = :b", json(R"({":b":{"S":"new"}})")),
                  json(R"({"TableName":"Orders","CapacityUnits":2.0,
                    "Table":{"CapacityUnits":1.0},
                    "GlobalSecondaryIndexes":{"byCustomer":{"CapacityUnits":1.0}}})"));
    Json total = request;
    total["ReturnConsumedCapacity"] = "TOTAL";
    QCOMPARE_JSON((*h.call("PutItem", total))["ConsumedCapacity"],
                  json(R"({"TableName":"Orders","CapacityUnits":4.0})"));
}

// UpdateTable adds a GSI that is backfilled in the background (CREATING, Backfilling,
// then ACTIVE) and deletes one (DELETING, then gone with its entries).
void IndexesTest::onlineIndexCreationAndDeletion() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(R"({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})")));
    std::vector<Item> items;
    for (int i = 0; i < 2500; ++i) {
        Json item = order(numbered("u", i % 50), numbered("o", i), i % 3 ? "OPEN" : "SHIPPED", i);
        if (i % 10 == 0) item["placed"] = {{"S", "bad type"}};  // stays out of the index
        items.push_back(itemFromJson(item).value());
    }
    QVERIFY(h.engine().putItems("Orders", items).ok());
    auto created = h.call("UpdateTable", json(R"({"TableName":"Orders",
        "AttributeDefinitions":[{"AttributeName":"state","AttributeType":"S"},{"AttributeName":"placed","AttributeType":"N"}],
        "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byState","KeySchema":[
          {"AttributeName":"state","KeyType":"HASH"},{"AttributeName":"placed","KeyType":"RANGE"}],
          "Projection":{"ProjectionType":"ALL"}}}]})"));
    QVERIFY_OK(created);
    const Json& index = (*created)["TableDescription"]["GlobalSecondaryIndexes"][0];
    QCOMPARE_JSON(index["IndexStatus"], "CREATING");
    QCOMPARE_JSON(index["Backfilling"], true);
    QCOMPARE((*created)["TableDescription"]["AttributeDefinitions"].size(), size_t(4));
    h.engine().waitForBackgroundWork();
    Json ready = describeIndex(h, "byState");
    QCOMPARE_JSON(ready["IndexStatus"], "ACTIVE");
    QVERIFY(!ready.contains("Backfilling"));
    QCOMPARE_JSON(ready["ItemCount"], 2250);
    Json shipped =
        query(h, json(R"({"IndexName":"byState","KeyConditionExpression":"#s = :s AND placed < :p",
        "ExpressionAttributeNames":{"#s":"state"},"Select":"COUNT",
        "ExpressionAttributeValues":{":s":{"S":"SHIPPED"},":p":{"N":"300"}}})"));
    QCOMPARE_JSON(shipped["Count"], 90);  // multiples of 3 below 300, less multiples of 10
    QCOMPARE_ERROR(
        h.call(
            "UpdateTable",
            json(
                R"({"TableName":"Orders","AttributeDefinitions":[{"AttributeName":"state","AttributeType":"S"}],
        "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"}],
        "Projection":{"ProjectionType":"ALL"}}}]})")),
        "ValidationException", "Attempting to create an index which already exists");

    QCOMPARE_ERROR(
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Delete":{"IndexName":"byState"}},{"Delete":{"IndexName":"other"}}]})")),
        "LimitExceededException",
        "Subscriber limit exceeded: Only 1 online index can be created or deleted "
        "simultaneously per table");
    auto deleted =
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Delete":{"IndexName":"byState"}}]})"));
    QVERIFY_OK(deleted);
    QCOMPARE_JSON((*deleted)["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"],
                  "DELETING");
    h.engine().waitForBackgroundWork();
    QVERIFY(describeIndex(h, "byState").is_null());
    Json gone = query(h, json(R"({"IndexName":"byState","KeyConditionExpression":"#s = :s",
        "ExpressionAttributeNames":{"#s":"state"},"ExpressionAttributeValues":{":s":{"S":"OPEN"}}})"));
    QCOMPARE_JSON(gone["error"],
                  "ValidationException: The table does not have the specified "
                  "index: byState");
    QCOMPARE_ERROR(
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Delete":{"IndexName":"byState"}}]})")),
        "ResourceNotFoundException", "Requested resource not found");
}

// AWS: a table with LSIs holds at most 10 GB per partition key; writes that would grow a
// full collection fail, writes that shrink it still work. (The limit is lowered here.)
void IndexesTest::itemCollectionLimit() {
    EngineOptions options;
    options.itemCollectionLimitBytes = 4000;
    EngineHarness h(options);
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable()));
    Json big = itemOfSize(order("u1", "o1", "OPEN", 1), 1500, "body");
    QVERIFY_OK(h.call("PutItem", put(big)));
    big["sk"]["S"] = "o2";
    Json request = put(big);
    request["ReturnItemCollectionMetrics"] = "SIZE";
    auto second = h.call("PutItem", request);
    QVERIFY_OK(second);
    QCOMPARE_JSON(
        (*second)["ItemCollectionMetrics"],
        json(R"({"ItemCollectionKey":{"pk":{"S":"u1"}},"SizeEstimateRangeGB":[0.0,1.0]})"));
    big["sk"]["S"] = "o3";
    QCOMPARE_ERROR(h.call("PutItem", put(big)), "ItemCollectionSizeLimitExceededException",
                   "Item collection size limit exceeded");
    QVERIFY_OK(h.call("PutItem", put(order("u2", "o3", "OPEN", 3))));  // another collection
    QVERIFY_OK(h.call("DeleteItem",
                      json(R"({"TableName":"Orders","Key":{"pk":{"S":"u1"},"sk":{"S":"o1"}}})")));
    QVERIFY_OK(h.call("PutItem", put(big)));
}

// UpdateTable's GlobalSecondaryIndexUpdates Update changes a GSI's own capacity in
// provisioned mode, and is refused for an on-demand table.
void IndexesTest::updateGlobalIndexThroughput() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", ordersTable("PROVISIONED")));
    auto updated =
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Update":{"IndexName":"byState","ProvisionedThroughput":{"ReadCapacityUnits":10,"WriteCapacityUnits":1}}}]})"));
    QVERIFY_OK(updated);
    const Json throughput =
        (*updated)["TableDescription"]["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"];
    QCOMPARE_JSON(throughput["ReadCapacityUnits"], 10);
    QCOMPARE_JSON(throughput["WriteCapacityUnits"], 1);
    QCOMPARE_JSON(throughput["NumberOfDecreasesToday"], 1);
    QVERIFY(throughput.contains("LastIncreaseDateTime") &&
            throughput.contains("LastDecreaseDateTime"));
    QCOMPARE_JSON(describeIndex(h, "byState")["ProvisionedThroughput"]["ReadCapacityUnits"], 10);
    QCOMPARE_ERROR(
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Update":{"IndexName":"nope","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}]})")),
        "ResourceNotFoundException", "Requested resource not found");
    QCOMPARE_ERROR(
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[
        {"Update":{"IndexName":"byState","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}},
        {"Delete":{"IndexName":"byState"}}]})")),
        "ValidationException",
        "One or more parameter values were invalid: Only one global secondary index "
        "update per index is allowed simultaneously. Index: byState");
    QCOMPARE_ERROR(
        h.call("UpdateTable", json(R"({"TableName":"Orders","GlobalSecondaryIndexUpdates":[{}]})")),
        "ValidationException",
        "One or more parameter values were invalid: One of "
        "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
        "GlobalSecondaryIndexUpdate.Delete must not be null");
}

QTEST_GUILESS_MAIN(IndexesTest)
#include "test_indexes.moc"
