// Requests as code to copy (AWS CLI, boto3, JavaScript v3) and the one-line capacity "why".
#include <QtTest>

#include "capacity_explanation.h"
#include "operation_test_support.h"
#include "request_snippets.h"

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

QTEST_GUILESS_MAIN(RequestSnippetsTest)
#include "test_request_snippets.moc"
