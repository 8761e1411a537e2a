// Requests as code to copy (AWS CLI, boto3, JavaScript v3) and the one-line capacity "why".
#include <QtTest>

#include "capacity/capacity_explanation.h"
#include "classroom/request_form.h"
#include "classroom/request_snippets.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class RequestSnippetsTest : public QObject {
    Q_OBJECT
  private slots:
    void names();
    void awsCli();
    void boto3();
    void javascript();
    void explainsReads();
    void explainsWrites();
    void buildsRequestsFromTheForm();
};

namespace {
const char* kQuery = R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
    "ExpressionAttributeValues":{":p":{"S":"it's"}},"ConsistentRead":false,"Limit":10})";
}

void RequestSnippetsTest::names() {
    QCOMPARE(kebabCase("BatchGetItem"), std::string("batch-get-item"));
    QCOMPARE(kebabCase("KeyConditionExpression"), std::string("key-condition-expression"));
    QCOMPARE(snakeCase("TransactWriteItems"), std::string("transact_write_items"));
}

void RequestSnippetsTest::awsCli() {
    QCOMPARE(awsCliCommand("Query", json(kQuery), "http://127.0.0.1:8000"),
             std::string("aws dynamodb query \\\n"
                         "    --no-consistent-read \\\n"
                         "    --expression-attribute-values '{\":p\":{\"S\":\"it'\\''s\"}}' \\\n"
                         "    --key-condition-expression 'pk = :p' \\\n"
                         "    --limit 10 \\\n"
                         "    --table-name 'Orders' \\\n"
                         "    --endpoint-url http://127.0.0.1:8000"));
}

void RequestSnippetsTest::boto3() {
    QCOMPARE(
        boto3Snippet("GetItem",
                     json(R"({"TableName":"T","Key":{"pk":{"S":"a"}},"ConsistentRead":true})")),
        std::string("import boto3\n\nclient = boto3.client(\"dynamodb\")\n"
                    "response = client.get_item(**{\n"
                    "    \"ConsistentRead\": True,\n"
                    "    \"Key\": {\n"
                    "        \"pk\": {\n"
                    "            \"S\": \"a\",\n"
                    "        },\n"
                    "    },\n"
                    "    \"TableName\": \"T\",\n"
                    "})\nprint(response)\n"));
}

void RequestSnippetsTest::javascript() {
    const std::string code = javascriptV3Snippet(
        "PutItem", json(R"({"TableName":"T","Item":{"pk":{"S":"a"}}})"), "http://127.0.0.1:8000");
    QVERIFY(code.starts_with(
        "import { DynamoDBClient, PutItemCommand } from \"@aws-sdk/client-dynamodb\";\n\n"
        "const client = new DynamoDBClient({ endpoint: \"http://127.0.0.1:8000\" });\n"
        "const response = await client.send(new PutItemCommand({\n"));
    QVERIFY(code.find("\"TableName\": \"T\"") != std::string::npos);
}

// Through the engine: the explanation's figures are the response's own.
void RequestSnippetsTest::explainsReads() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(R"({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})")));
    for (int i = 0; i < 3; ++i) {
        Json item = {{"pk", {{"S", "a"}}}, {"sk", {{"N", std::to_string(i)}}}};
        QVERIFY_OK(
            h.call("PutItem", Json{{"TableName", "Orders"}, {"Item", itemOfSize(item, 3140)}}));
    }
    Json query = json(R"({"TableName":"Orders","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"})");
    auto response = h.call("Query", query);
    QVERIFY_OK(response);
    QCOMPARE(explainConsumedCapacity("Query", query, *response),
             std::string("3 items, 9.2 KB read, rounded up to 12 KB = 3 × 4 KB, eventually "
                         "consistent (half) → 1.5 RCU"));
    query["FilterExpression"] = "attribute_exists(padding)";
    query["ConsistentRead"] = true;
    response = h.call("Query", query);
    QVERIFY_OK(response);
    QCOMPARE(explainConsumedCapacity("Query", query, *response),
             std::string("3 items, at most 12 KB read (3 × 4 KB), strongly consistent → 3 RCU"));
    Json get = json(
        R"({"TableName":"Orders","Key":{"pk":{"S":"a"},"sk":{"N":"0"}},"ReturnConsumedCapacity":"TOTAL"})");
    response = h.call("GetItem", get);
    QCOMPARE(explainConsumedCapacity("GetItem", get, *response),
             std::string("1 item, 3.1 KB read, rounded up to 4 KB = 1 × 4 KB, eventually "
                         "consistent (half) → 0.5 RCU"));
    QCOMPARE(explainConsumedCapacity("GetItem", get, json("{}")),
             std::string("No consumed capacity reported (ask with ReturnConsumedCapacity)"));
}

void RequestSnippetsTest::explainsWrites() {
    QCOMPARE(explainConsumedCapacity(
                 "PutItem", json("{}"),
                 json(R"({"ConsumedCapacity":{"TableName":"T","CapacityUnits":1.0}})")),
             std::string("1 WCU on the table: the larger of the old and new item is at most 1 KB"));
    QCOMPARE(
        explainConsumedCapacity(
            "UpdateItem", json("{}"),
            json(
                R"({"ConsumedCapacity":{"TableName":"T","CapacityUnits":6.0,"Table":{"CapacityUnits":3.0},
                     "GlobalSecondaryIndexes":{"byState":{"CapacityUnits":2.0}},
                     "LocalSecondaryIndexes":{"byDate":{"CapacityUnits":1.0}}}})")),
        std::string("3 WCU on the table: the larger of the old and new item is 2–3 KB, in 1 "
                    "KB units + 2 WCU on GSI byState + 1 WCU on LSI byDate = 6 WCU"));
}

// The query builder's form becomes a request the engine accepts; key values are typed by
// the schema (the table's, or the index's); bad fields are named.
void RequestSnippetsTest::buildsRequestsFromTheForm() {
    EngineHarness h;
    QVERIFY(h.open());
    QVERIFY_OK(h.call("CreateTable", json(R"({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
          {"AttributeName":"state","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byState","KeySchema":[{"AttributeName":"state","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}]})")));
    auto table = h.engine().table("Orders");
    RequestForm form;
    form.table = "Orders";
    form.operation = "PutItem";
    form.itemJson = R"({"pk":{"S":"u1"},"sk":{"N":"5"},"state":{"S":"OPEN"},"amount":{"N":"12"}})";
    QVERIFY_OK(h.call("PutItem", *buildRequest(*table, form)));

    form = RequestForm();
    form.table = "Orders";
    form.partitionKey = "u1";
    form.sortKeyOperator = "BETWEEN";
    form.sortKey = "1";
    form.sortKeyUpper = "9";
    form.filterExpression = "amount > :min";
    form.valuesJson = R"({":min":{"N":"10"}})";
    form.scanForward = false;
    form.limit = 5;
    auto query = buildRequest(*table, form);
    QVERIFY_OK(query);
    QCOMPARE_JSON(*query, json(R"({"TableName":"Orders","ReturnConsumedCapacity":"INDEXES",
        "KeyConditionExpression":"#pk = :pk AND #sk BETWEEN :sk AND :sk2","ScanIndexForward":false,
        "FilterExpression":"amount > :min","Limit":5,
        "ExpressionAttributeNames":{"#pk":"pk","#sk":"sk"},
        "ExpressionAttributeValues":{":pk":{"S":"u1"},":sk":{"N":"1"},":sk2":{"N":"9"},":min":{"N":"10"}}})"));
    auto result = h.call("Query", *query);
    QVERIFY_OK(result);
    QCOMPARE_JSON((*result)["Count"], 1);

    form.index = "byState";
    form.partitionKey = "OPEN";
    form.sortKeyOperator.clear();
    auto indexQuery = buildRequest(*table, form);
    QVERIFY_OK(indexQuery);
    result = h.call("Query", *indexQuery);
    QVERIFY_OK(result);
    QCOMPARE_JSON((*result)["Items"][0]["amount"], json(R"({"N":"12"})"));

    form = RequestForm();
    form.table = "Orders";
    form.operation = "UpdateItem";
    form.partitionKey = "u1";
    form.sortKey = "5";
    form.updateExpression = "SET amount = amount + :one";
    form.conditionExpression = "attribute_exists(pk)";
    form.valuesJson = R"({":one":{"N":"1"}})";
    auto update = buildRequest(*table, form);
    QVERIFY_OK(update);
    QVERIFY_OK(h.call("UpdateItem", *update));
    form.operation = "GetItem";
    form.projectionExpression = "amount";
    auto got = h.call("GetItem", *buildRequest(*table, form));
    QVERIFY_OK(got);
    QCOMPARE_JSON((*got)["Item"], json(R"({"amount":{"N":"13"}})"));

    form.sortKey = "five";
    QCOMPARE_ERROR(buildRequest(*table, form), "ValidationException",
                   "Sort key: 'five' is not a number");
    form.sortKey = "5";
    form.valuesJson = "[1]";
    QCOMPARE_ERROR(buildRequest(*table, form), "ValidationException", "Values: not a JSON object");
    form.valuesJson.clear();
    form.operation = "Query";
    form.index = "nope";
    QCOMPARE_ERROR(buildRequest(*table, form), "ValidationException",
                   "Index: Orders has no index nope");
}

QTEST_GUILESS_MAIN(RequestSnippetsTest)
#include "test_request_snippets.moc"
