// Requests checked against DynamoDB's request shapes (api/request_shape.h), through
// dispatch(), with the exact error bodies DynamoDB sends: deserialization errors in the
// model's member order, the required and table-name checks, every constraint in one message,
// values shown as DynamoDB shows them; what DynamoDB's reader accepts (decimals for integers,
// "yes" for true); and the order of the checks that follow (expression parameters and syntax
// before the table is looked up).

#include <QtTest>

#include "api/dispatch.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

const char* const kSerialization = "com.amazon.coral.service#SerializationException";
const char* const kValidation = "com.amazon.coral.validate#ValidationException";

Json usersTable() {
    return json(R"({"TableName":"Users","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})");
}

}  // namespace

class RequestShapesTest : public QObject {
    Q_OBJECT

  private slots:
    void init() {
        harness_ = std::make_unique<EngineHarness>();
        QVERIFY2(harness_->open(), harness_->error().c_str());
        QVERIFY_OK(harness_->call("CreateTable", usersTable()));
    }

    // The error body of `operation` with `request`, exactly as it goes on the wire.
    void errorBodies_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const char* op, const char* request, const char* type,
                      const char* message) {
            QTest::newRow(name) << op << QByteArray(request) << type << message;
        };
        // Deserialization, in the model's member order, the first one found.
        row("number for a string", "GetItem", R"({"TableName":5,"Key":{}})", kSerialization,
            "NUMBER_VALUE cannot be converted to String");
        row("decimal for a string", "DescribeTable", R"({"TableName":1.5})", kSerialization,
            "DECIMAL_VALUE cannot be converted to String");
        row("boolean for a string", "DescribeTable", R"({"TableName":true})", kSerialization,
            "TRUE_VALUE cannot be converted to String");
        row("list for a string", "DescribeTable", R"({"TableName":["a"]})", kSerialization,
            "Unrecognized collection type class java.lang.String");
        row("map for a string", "DescribeTable", R"({"TableName":{}})", kSerialization,
            "Start of structure or map found where not expected");
        row("string for an integer", "ListTables", R"({"Limit":"5"})", kSerialization,
            "STRING_VALUE cannot be converted to Integer");
        row("boolean for a long", "CreateTable",
            R"({"TableName":"abc","ProvisionedThroughput":{"ReadCapacityUnits":false}})",
            kSerialization, "FALSE_VALUE cannot be converted to Long");
        row("list for an integer", "ListTables", R"({"Limit":[1]})", kSerialization,
            "Unrecognized collection type class java.lang.Integer");
        row("number for a boolean", "GetItem",
            R"({"TableName":"Users","Key":{},"ConsistentRead":1})", kSerialization,
            "NUMBER_VALUE cannot be converted to Boolean");
        row("word for a boolean", "GetItem",
            R"({"TableName":"Users","Key":{},"ConsistentRead":"maybe"})", kSerialization,
            "Unexpected token received from parser");
        row("scalar for a list", "CreateTable", R"({"KeySchema":"id"})", kSerialization,
            "Unexpected field type");
        row("map for a list", "CreateTable", R"({"KeySchema":{}})", kSerialization,
            "Start of structure or map found where not expected");
        row("scalar for a map", "GetItem", R"({"TableName":"Users","Key":3})", kSerialization,
            "Unexpected field type");
        row("list for an attribute map", "GetItem", R"({"TableName":"Users","Key":[]})",
            kSerialization,
            "Unrecognized collection type java.util.Map<java.lang.String, "
            "com.amazonaws.dynamodb.v20120810.AttributeValue>");
        row("list for a name map", "GetItem",
            R"({"TableName":"Users","Key":{},"ExpressionAttributeNames":[]})", kSerialization,
            "Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>");
        row("scalar for a structure in a list", "CreateTable", R"({"KeySchema":[1]})",
            kSerialization, "Unexpected value type in payload");
        row("scalar for a structure member", "CreateTable", R"({"ProvisionedThroughput":1})",
            kSerialization, "Unexpected field type");
        row("list for a structure member", "CreateTable", R"({"ProvisionedThroughput":[]})",
            kSerialization,
            "Unrecognized collection type class "
            "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
        row("scalar for an attribute value", "GetItem", R"({"TableName":"Users","Key":{"id":1}})",
            kSerialization, "Unexpected value type in payload");
        row("bad base64", "GetItem", R"({"TableName":"Users","Key":{"id":{"B":"abc"}}})",
            kSerialization, "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
        row("number for a blob", "GetItem", R"({"TableName":"Users","Key":{"id":{"B":1}}})",
            kSerialization, "only base-64-encoded strings are convertible to bytes");
        row("model order, not request order", "PutItem",
            R"({"Item":5,"ReturnConsumedCapacity":7,"TableName":"Users"})", kSerialization,
            "NUMBER_VALUE cannot be converted to String");

        // Validation: required members and table names first, one at a time.
        row("required TableName", "DescribeTable", "{}", kValidation,
            "The parameter 'TableName' is required but was not present in the request");
        row("table name length", "DeleteTable", R"({"TableName":"ab"})", kValidation,
            "TableName must be at least 3 characters long and at most 255 characters long");
        // Then every constraint, in the model's order, in one message.
        row("constraints together", "ListTables", R"({"Limit":101,"ExclusiveStartTableName":"a;"})",
            kValidation,
            "3 validation errors detected: Value '101' at 'limit' failed to satisfy constraint: "
            "Member must have value less than or equal to 100; Value 'a;' at "
            "'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: [a-zA-Z0-9_.-]+; Value 'a;' at 'exclusiveStartTableName' failed "
            "to satisfy constraint: Member must have length greater than or equal to 3");
        row("nested paths", "CreateTable",
            R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"id"}],
                "KeySchema":[{"AttributeName":"id","KeyType":"SIDEWAYS"}]})",
            kValidation,
            "2 validation errors detected: Value null at "
            "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member "
            "must not be null; Value 'SIDEWAYS' at 'keySchema.1.member.keyType' failed to "
            "satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
        row("structures shown in model order", "CreateTable",
            R"({"TableName":"abc","AttributeDefinitions":[],"KeySchema":[
                {"KeyType":"HASH","AttributeName":"a"},{"KeyType":"RANGE","AttributeName":"b"},
                {"KeyType":"RANGE","AttributeName":"c"}]})",
            kValidation,
            "1 validation error detected: Value '[{\"AttributeName\":\"a\",\"KeyType\":\"HASH\"}, "
            "{\"AttributeName\":\"b\",\"KeyType\":\"RANGE\"}, "
            "{\"AttributeName\":\"c\",\"KeyType\":\"RANGE\"}]' at 'keySchema' failed to satisfy "
            "constraint: Member must have length less than or equal to 2");
        row("map keys", "BatchGetItem", R"({"RequestItems":{"ab":{"Keys":[{"id":{"S":"1"}}]}}})",
            kValidation,
            "1 validation error detected: Value '{\"ab\":{\"Keys\":[{\"id\":{\"S\":\"1\"}}]}}' at "
            "'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
            "[Member must have length less than or equal to 255, Member must have length greater "
            "than or equal to 3, Member must satisfy regular expression pattern: "
            "[a-zA-Z0-9_.-]+]");
        row("map values", "BatchWriteItem", R"({"RequestItems":{"Users":[]}})", kValidation,
            "1 validation error detected: Value '{\"Users\":[]}' at 'requestItems' failed to "
            "satisfy constraint: Map value must satisfy constraint: [Member must have length "
            "less than or equal to 25, Member must have length greater than or equal to 1]");
        row("at most ten", "CreateTable",
            R"({"TableName":"abc","AttributeDefinitions":[{},{},{},{},{},{}],"KeySchema":[]})",
            kValidation,
            "10 validation errors detected: Value null at "
            "'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member "
            "must not be null; Value null at 'attributeDefinitions.1.member.attributeType' "
            "failed to satisfy constraint: Member must not be null; Value null at "
            "'attributeDefinitions.2.member.attributeName' failed to satisfy constraint: Member "
            "must not be null; Value null at 'attributeDefinitions.2.member.attributeType' "
            "failed to satisfy constraint: Member must not be null; Value null at "
            "'attributeDefinitions.3.member.attributeName' failed to satisfy constraint: Member "
            "must not be null; Value null at 'attributeDefinitions.3.member.attributeType' "
            "failed to satisfy constraint: Member must not be null; Value null at "
            "'attributeDefinitions.4.member.attributeName' failed to satisfy constraint: Member "
            "must not be null; Value null at 'attributeDefinitions.4.member.attributeType' "
            "failed to satisfy constraint: Member must not be null; Value null at "
            "'attributeDefinitions.5.member.attributeName' failed to satisfy constraint: Member "
            "must not be null; Value null at 'attributeDefinitions.5.member.attributeType' "
            "failed to satisfy constraint: Member must not be null");

        // What follows the shape, in DynamoDB's order.
        row("expression syntax before an undefined value", "PutItem",
            "{\"TableName\":\"Users\",\"Item\":{\"id\":{\"S\":\"1\"}},"
            "\"ConditionExpression\":\"n = :v)\"}",
            kValidation, "Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\"");
        row("expression errors before the table", "UpdateItem",
            R"({"TableName":"Nope","Key":{"id":{"S":"1"}},"UpdateExpression":"SET a = :a",
                "ExpressionAttributeValues":{":a":{"S":"x"},":b":{"S":"y"}}})",
            kValidation,
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
        row("values without an expression before the key", "DeleteItem",
            R"({"TableName":"Users","Key":{"id":{"S":"1","N":"1"}},
                "ExpressionAttributeValues":{":v":{"N":"1"}}})",
            kValidation,
            "ExpressionAttributeValues can only be specified when using expressions: "
            "ConditionExpression is null");
        row("values without a value expression", "Query",
            R"({"TableName":"Users","ExpressionAttributeValues":{":v":{"S":"1"}}})", kValidation,
            "ExpressionAttributeValues can only be specified when using expressions: "
            "FilterExpression and KeyConditionExpression are null");
        row("unused values before the key schema", "Query",
            R"({"TableName":"Users","KeyConditionExpression":"colour = :v",
                "ExpressionAttributeValues":{":v":{"S":"1"},":p":{"S":"2"}}})",
            kValidation,
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:p}");
        row("an undefined value before the key condition's rules", "Query",
            R"({"TableName":"Users","KeyConditionExpression":"size(id) = :v"})", kValidation,
            "Invalid KeyConditionExpression: An expression attribute value used in expression "
            "is not defined; attribute value: :v");
        row("expression errors before a missing index", "Query",
            R"({"TableName":"Users","IndexName":"nope","KeyConditionExpression":"id = :v"})",
            kValidation,
            "Invalid KeyConditionExpression: An expression attribute value used in expression "
            "is not defined; attribute value: :v");
        row("a local index's hash key before its projection", "CreateTable",
            R"({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
                "AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},
                  {"AttributeName":"b","AttributeType":"S"},{"AttributeName":"c","AttributeType":"S"}],
                "KeySchema":[{"AttributeName":"a","KeyType":"HASH"},{"AttributeName":"b","KeyType":"RANGE"}],
                "LocalSecondaryIndexes":[{"IndexName":"byC","KeySchema":[
                  {"AttributeName":"b","KeyType":"HASH"},{"AttributeName":"c","KeyType":"RANGE"}],
                  "Projection":{"ProjectionType":"ALL","NonKeyAttributes":["x"]}}]})",
            kValidation,
            "One or more parameter values were invalid: Index KeySchema does not have the same "
            "leading hash key as table KeySchema for index: byC. index hash key: b, table hash "
            "key: a");
        row("a clause twice before an undefined value", "UpdateItem",
            R"({"TableName":"Users","Key":{"id":{"S":"1"}},"UpdateExpression":"SET a = :v SET b = :w",
                "ExpressionAttributeValues":{":w":{"S":"x"}}})",
            kValidation,
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
            "expression;");
        row("a starting key's number error unprefixed", "Scan",
            R"({"TableName":"Users","ExclusiveStartKey":{"id":{"N":"x"}}})", kValidation,
            "The parameter cannot be converted to a numeric value: x");
        row("a starting key's other errors prefixed", "Scan",
            R"({"TableName":"Users","ExclusiveStartKey":{"id":{}}})", kValidation,
            "The provided starting key is invalid: Supplied AttributeValue is empty, must "
            "contain exactly one of the supported datatypes");
        row("a path compared with itself", "DeleteItem",
            R"({"TableName":"Users","Key":{"id":{"S":"1"}},"ConditionExpression":"a.b = a.b"})",
            kValidation,
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: =, first operand: [a, b]");
        row("ADD of a string", "UpdateItem",
            R"({"TableName":"Users","Key":{"id":{"S":"1"}},"UpdateExpression":"ADD n :s",
                "ExpressionAttributeValues":{":s":{"S":"x"}}})",
            kValidation,
            "Invalid UpdateExpression: Incorrect operand type for operator or function; "
            "operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    }

    void errorBodies() {
        QFETCH(QString, operation);
        QFETCH(QByteArray, request);
        QFETCH(QString, type);
        QFETCH(QString, message);
        auto result = harness_->call(operation.toStdString(), json(request.toStdString()));
        QVERIFY(!result);
        const bool serialization = type == kSerialization;
        QCOMPARE(errorBody(result.error()),
                 Json({{"__type", type.toStdString()},
                       {serialization ? "Message" : "message", message.toStdString()}}));
    }

    // DynamoDB's reader takes decimals for integers (truncated), words for booleans and drops
    // null members.
    void lenientReading() {
        for (int i = 0; i < 3; ++i) {
            QVERIFY_OK(harness_->call(
                "PutItem",
                Json{{"TableName", "Users"}, {"Item", {{"id", {{"S", numbered("u", i)}}}}}}));
        }
        auto page =
            harness_->call("Scan", json(R"({"TableName":"Users","Limit":1.9,"ConsistentRead":"yes",
                             "FilterExpression":null})"));
        QVERIFY_OK(page);
        QCOMPARE((*page)["Count"], 1);
        QVERIFY(page->contains("LastEvaluatedKey"));
        // A decimal beyond any integer saturates (7.7e68: once undefined behaviour, found by
        // fuzz_dispatch).
        auto all = harness_->call("Scan", json(R"({"TableName":"Users","Limit":7.7e68})"));
        QVERIFY_OK(all);
        QCOMPARE((*all)["Count"], 3);
        auto tables = harness_->call("ListTables", json(R"({"Limit":"1"})"));
        QVERIFY(!tables);
        QCOMPARE(tables.error().message,
                 std::string("STRING_VALUE cannot be converted to Integer"));
    }

  private:
    std::unique_ptr<EngineHarness> harness_;
};

QTEST_GUILESS_MAIN(RequestShapesTest)
#include "test_request_shapes.moc"
