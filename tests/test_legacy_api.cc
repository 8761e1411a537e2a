// DynamoDB's legacy (non-expression) parameters end to end through dispatch: Expected with
// ConditionalOperator on PutItem/DeleteItem/UpdateItem, AttributeUpdates, KeyConditions,
// QueryFilter, ScanFilter and AttributesToGet; every comparison operator's semantics and
// every validation message, and the refusal to mix them with expressions.
#include <QtTest>

#include "capacity/capacity_explanation.h"
#include "classroom/walkthrough_facts.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

// Declared before any raw string: moc misreads raw strings that contain "#.
class LegacyApiTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void expectedValidation_data();
    void expectedValidation();
    void expectedSemantics_data();
    void expectedSemantics();
    void expectedOnDeleteAndMissingItem();
    void attributeUpdatesValidation_data();
    void attributeUpdatesValidation();
    void attributeUpdatesApply();
    void attributeUpdatesReturnValues_data();
    void attributeUpdatesReturnValues();
    void attributeUpdatesWithExpected();
    void keyConditions_data();
    void keyConditions();
    void keyConditionsValidation_data();
    void keyConditionsValidation();
    void queryFilter();
    void scanFilter_data();
    void scanFilter();
    void filterValidation_data();
    void filterValidation();
    void attributesToGet_data();
    void attributesToGet();
    void batchGetAttributesToGet();
    void classroomStepThrough();

  private:
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    Json get(const char* table, const Json& key);

    std::unique_ptr<EngineHarness> harness_;
};

namespace {

const char* kItemsTable = R"J({"TableName":"Items","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                          {"AttributeName":"kind","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
  "GlobalSecondaryIndexes":[{"IndexName":"byKind",
    "KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}]})J";

const char* kEventsTable = R"J({"TableName":"Events","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                          {"AttributeName":"sk","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})J";

// The item the Expected cases test against.
const char* kSample = R"J({"pk":{"S":"p"},"s":{"S":"hello"},"n":{"N":"5"},"b":{"B":"AQID"},
  "ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},"l":{"L":[{"S":"a"},{"N":"1"}]},
  "m":{"M":{"k":{"S":"v"}}},"t":{"BOOL":true}})J";

// Scan items: pk, n (a number, or a string in s5), s, ss, l.
const char* kScanItems[] = {
    R"J({"pk":{"S":"s1"},"n":{"N":"1"},"s":{"S":"apple"},"ss":{"SS":["x"]},"l":{"L":[{"S":"a"}]}})J",
    R"J({"pk":{"S":"s2"},"n":{"N":"2"},"s":{"S":"banana"}})J",
    R"J({"pk":{"S":"s3"},"n":{"N":"3"},"s":{"S":"cherry"},"ss":{"SS":["x","y"]}})J",
    R"J({"pk":{"S":"s4"},"s":{"S":"apricot"}})J",
    R"J({"pk":{"S":"s5"},"n":{"S":"5"}})J",
};

const char* kFailed = "The conditional request failed";
const char* kOperatorEnum =
    "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
    "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

std::string invalid(const std::string& detail) {
    return "One or more parameter values were invalid: " + detail;
}

// The sorted "pk" values of a Query or Scan response's Items.
QStringList keysOf(const Json& response) {
    QStringList keys;
    for (const auto& item : response["Items"])
        keys << QString::fromStdString(
            item["pk"]["S"].get<std::string>() +
            (item.contains("sk") ? "/" + item["sk"]["S"].get<std::string>() : ""));
    keys.sort();
    return keys;
}

}  // namespace

void LegacyApiTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QVERIFY_OK(call("CreateTable", json(kItemsTable)));
    QVERIFY_OK(call("CreateTable", json(kEventsTable)));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "Items"}, {"Item", json(kSample)}}));
}

Json LegacyApiTest::get(const char* table, const Json& key) {
    auto got = call("GetItem", Json{{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
    if (!got) return "GetItem failed: " + got.error().message;
    return got->contains("Item") ? (*got)["Item"] : Json();
}

// Each Expected form error, the JSON type errors of its members, and mixing with expressions.
void LegacyApiTest::expectedValidation_data() {
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    const QString serialization = "SerializationException";
    auto row = [&](const char* name, const char* members, const QString& type,
                   const std::string& message) {
        QTest::newRow(name)
            << QString(R"({"TableName":"Items","Item":{"pk":{"S":"p"}},%1})").arg(members) << type
            << QString::fromStdString(message);
    };
    row("no value, no Exists", R"("Expected":{"a":{}})", validation,
        invalid("Value must be provided when Exists is null for Attribute: a"));
    row("Exists true without Value", R"("Expected":{"a":{"Exists":true}})", validation,
        invalid("Value must be provided when Exists is true for Attribute: a"));
    row("Exists false with Value", R"("Expected":{"a":{"Exists":false,"Value":{"S":"x"}}})",
        validation, invalid("Value cannot be used when Exists is false for Attribute: a"));
    row("ComparisonOperator alone", R"("Expected":{"a":{"ComparisonOperator":"LT"}})", validation,
        invalid("Value or AttributeValueList must be used with ComparisonOperator: LT for "
                "Attribute: a"));
    row("Exists with ComparisonOperator",
        R"("Expected":{"a":{"Exists":true,"ComparisonOperator":"LT"}})", validation,
        invalid("Exists and ComparisonOperator cannot be used together for Attribute: a"));
    row("Value with AttributeValueList",
        R"("Expected":{"a":{"ComparisonOperator":"LT","Value":{"S":"x"},"AttributeValueList":[{"S":"x"}]}})",
        validation,
        invalid("Value and AttributeValueList cannot be used together for Attribute: a"));
    row("AttributeValueList without operator",
        R"("Expected":{"a":{"AttributeValueList":[{"S":"x"}]}})", validation,
        invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: a"));
    row("AttributeValueList with Exists",
        R"("Expected":{"a":{"Exists":true,"AttributeValueList":[{"S":"x"}]}})", validation,
        invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: a"));
    row("EQ without arguments",
        R"("Expected":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[]}})", validation,
        invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
    row("NULL with an argument",
        R"("Expected":{"a":{"ComparisonOperator":"NULL","AttributeValueList":[{"S":"x"}]}})",
        validation, invalid("Invalid number of argument(s) for the NULL ComparisonOperator"));
    row("NOT_NULL with Value",
        R"("Expected":{"a":{"ComparisonOperator":"NOT_NULL","Value":{"S":"x"}}})", validation,
        invalid("Invalid number of argument(s) for the NOT_NULL ComparisonOperator"));
    row("IN without arguments",
        R"("Expected":{"a":{"ComparisonOperator":"IN","AttributeValueList":[]}})", validation,
        invalid("Invalid number of argument(s) for the IN ComparisonOperator"));
    row("BETWEEN with three",
        R"("Expected":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"2"},{"N":"3"}]}})",
        validation, invalid("Invalid number of argument(s) for the BETWEEN ComparisonOperator"));
    row("BETWEEN with Value",
        R"("Expected":{"a":{"ComparisonOperator":"BETWEEN","Value":{"N":"1"}}})", validation,
        invalid("Invalid number of argument(s) for the BETWEEN ComparisonOperator"));
    row("CONTAINS with two",
        R"("Expected":{"a":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"x"},{"S":"y"}]}})",
        validation, invalid("Invalid number of argument(s) for the CONTAINS ComparisonOperator"));
    row("mixed types",
        R"("Expected":{"a":{"ComparisonOperator":"IN","AttributeValueList":[{"S":"x"},{"N":"1"}]}})",
        validation, invalid("AttributeValues inside AttributeValueList must be of same type"));
    row("BETWEEN bounds reversed",
        R"("Expected":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"10"},{"N":"9"}]}})",
        validation,
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
    row("bad value", R"("Expected":{"a":{"Value":{"S":"x","N":"1"}}})", validation,
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
    row("unknown operator", R"("Expected":{"a":{"ComparisonOperator":"LIKE","Value":{"S":"x"}}})",
        validation,
        "1 validation error detected: Value 'LIKE' at 'expected.a.member.comparisonOperator' "
        "failed to satisfy constraint: " +
            std::string(kOperatorEnum));
    row("unknown ConditionalOperator",
        R"("Expected":{"a":{"Exists":false}},"ConditionalOperator":"XOR")", validation,
        "1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy "
        "constraint: Member must satisfy enum value set: [OR, AND]");
    row("Expected as list", R"("Expected":[])", serialization,
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue>");
    row("Expected entry as string", R"("Expected":{"a":"x"})", serialization,
        "Unexpected value type in payload");
    row("Expected entry as list", R"("Expected":{"a":[]})", serialization,
        "Unrecognized collection type class "
        "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue");
    row("Exists as number", R"("Expected":{"a":{"Exists":1}})", serialization,
        "NUMBER_VALUE cannot be converted to Boolean");
    row("ComparisonOperator as number", R"("Expected":{"a":{"ComparisonOperator":1}})",
        serialization, "NUMBER_VALUE cannot be converted to String");
    row("AttributeValueList as map",
        R"("Expected":{"a":{"ComparisonOperator":"EQ","AttributeValueList":{}}})", serialization,
        "Start of structure or map found where not expected");
    row("with ConditionExpression",
        R"J("Expected":{"a":{}},"ConditionExpression":"attribute_exists(a)")J", validation,
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    row("with ExpressionAttributeNames",
        R"("Expected":{"a":{}},"ExpressionAttributeNames":{"#a":"a"})", validation,
        "ExpressionAttributeNames can only be specified when using expressions");
    row("with ExpressionAttributeValues",
        R"("Expected":{"a":{}},"ExpressionAttributeValues":{":a":{"S":"a"}})", validation,
        "ExpressionAttributeValues can only be specified when using expressions: "
        "ConditionExpression is null");
    // The mix is refused before the item's values are checked.
    QTest::newRow("mix before item values")
        << QString(
               R"({"TableName":"Items","Item":{"pk":{}},"Expected":{"a":{}},"ConditionExpression":"a = b"})")
        << validation
        << "Can not use both expression and non-expression parameters in the same request: "
           "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}";
}

void LegacyApiTest::expectedValidation() {
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    for (const char* operation : {"PutItem", "DeleteItem", "UpdateItem"}) {
        Json body = json(request.toStdString());
        if (std::string(operation) != "PutItem" && body.contains("Item")) {
            body["Key"] = body["Item"];
            body.erase("Item");
        }
        std::string expected = message.toStdString();
        const std::string conditionOnly = "ConditionExpression is null";
        if (std::string(operation) == "UpdateItem" && expected.ends_with(": " + conditionOnly))
            expected.replace(expected.size() - conditionOnly.size(), conditionOnly.size(),
                             "UpdateExpression and ConditionExpression are null");
        auto result = call(operation, body);
        QCOMPARE_ERROR(result, qPrintable(errorType), expected);
    }
    QCOMPARE_JSON(get("Items", json(R"({"pk":{"S":"p"}})")), json(kSample));
}

// Every operator, both ways, against kSample (PutItem of the same item, so a passing
// condition changes nothing): type mismatches are false, NE and NOT_CONTAINS hold on a
// missing attribute, ConditionalOperator joins the entries.
void LegacyApiTest::expectedSemantics_data() {
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("conditionalOperator");
    QTest::addColumn<bool>("passes");
    auto row = [](const char* name, const char* expected, bool passes, const char* op = "") {
        QTest::newRow(name) << QString(expected) << QString(op) << passes;
    };
    auto cmp = [&](const char* name, const char* attribute, const char* op, const char* values,
                   bool passes) {
        const std::string text = std::string(R"({")") + attribute + R"(":{"ComparisonOperator":")" +
                                 op + R"(","AttributeValueList":)" + values + "}}";
        QTest::newRow(name) << QString::fromStdString(text) << QString() << passes;
    };
    row("Value equal", R"({"s":{"Value":{"S":"hello"}}})", true);
    row("Value different", R"({"s":{"Value":{"S":"world"}}})", false);
    row("Value with Exists true", R"({"n":{"Value":{"N":"5.0"},"Exists":true}})", true);
    row("Value of another type", R"({"n":{"Value":{"S":"5"}}})", false);
    row("Value of a missing attribute", R"({"x":{"Value":{"S":"5"}}})", false);
    row("Value BOOL", R"({"t":{"Value":{"BOOL":true}}})", true);
    row("Value map", R"({"m":{"Value":{"M":{"k":{"S":"v"}}}}})", true);
    row("Value set in another order", R"({"ss":{"Value":{"SS":["y","x"]}}})", true);
    row("Exists false on missing", R"({"x":{"Exists":false}})", true);
    row("Exists false on present", R"({"s":{"Exists":false}})", false);
    row("EQ with Value", R"({"s":{"ComparisonOperator":"EQ","Value":{"S":"hello"}}})", true);
    cmp("EQ", "s", "EQ", R"([{"S":"hello"}])", true);
    cmp("EQ other", "s", "EQ", R"([{"S":"hell"}])", false);
    cmp("EQ set", "ns", "EQ", R"([{"NS":["2","1"]}])", true);
    cmp("NE", "s", "NE", R"([{"S":"world"}])", true);
    cmp("NE same", "s", "NE", R"([{"S":"hello"}])", false);
    cmp("NE other type", "n", "NE", R"([{"S":"5"}])", true);
    cmp("NE missing", "x", "NE", R"([{"S":"5"}])", true);
    cmp("LT", "n", "LT", R"([{"N":"6"}])", true);
    cmp("LT equal", "n", "LT", R"([{"N":"5"}])", false);
    cmp("LT other type", "n", "LT", R"([{"S":"6"}])", false);
    cmp("LT missing", "x", "LT", R"([{"N":"6"}])", false);
    cmp("LE", "n", "LE", R"([{"N":"5"}])", true);
    cmp("LE less", "n", "LE", R"([{"N":"4.99"}])", false);
    cmp("GT", "n", "GT", R"([{"N":"-10"}])", true);
    cmp("GT equal", "n", "GT", R"([{"N":"5"}])", false);
    cmp("GE", "s", "GE", R"([{"S":"hello"}])", true);
    cmp("GE greater", "s", "GE", R"([{"S":"help"}])", false);
    cmp("GT binary", "b", "GT", R"([{"B":"AQE="}])", true);
    cmp("NOT_NULL", "s", "NOT_NULL", "[]", true);
    cmp("NOT_NULL missing", "x", "NOT_NULL", "[]", false);
    cmp("NULL missing", "x", "NULL", "[]", true);
    cmp("NULL present", "s", "NULL", "[]", false);
    cmp("CONTAINS substring", "s", "CONTAINS", R"([{"S":"ell"}])", true);
    cmp("CONTAINS no substring", "s", "CONTAINS", R"([{"S":"xyz"}])", false);
    cmp("CONTAINS string set", "ss", "CONTAINS", R"([{"S":"y"}])", true);
    cmp("CONTAINS number set", "ns", "CONTAINS", R"([{"N":"2"}])", true);
    cmp("CONTAINS number set other type", "ns", "CONTAINS", R"([{"S":"2"}])", false);
    cmp("CONTAINS list", "l", "CONTAINS", R"([{"N":"1"}])", true);
    cmp("CONTAINS binary", "b", "CONTAINS", R"([{"B":"Ag=="}])", true);
    cmp("CONTAINS missing", "x", "CONTAINS", R"([{"S":"a"}])", false);
    cmp("NOT_CONTAINS", "s", "NOT_CONTAINS", R"([{"S":"xyz"}])", true);
    cmp("NOT_CONTAINS contained", "ss", "NOT_CONTAINS", R"([{"S":"x"}])", false);
    cmp("NOT_CONTAINS missing", "x", "NOT_CONTAINS", R"([{"S":"a"}])", true);
    cmp("BEGINS_WITH", "s", "BEGINS_WITH", R"([{"S":"he"}])", true);
    cmp("BEGINS_WITH not a prefix", "s", "BEGINS_WITH", R"([{"S":"el"}])", false);
    cmp("BEGINS_WITH binary", "b", "BEGINS_WITH", R"([{"B":"AQI="}])", true);
    cmp("BEGINS_WITH number attribute", "n", "BEGINS_WITH", R"([{"S":"5"}])", false);
    cmp("IN", "n", "IN", R"([{"N":"1"},{"N":"5"}])", true);
    cmp("IN absent", "n", "IN", R"([{"N":"1"},{"N":"2"}])", false);
    cmp("BETWEEN", "n", "BETWEEN", R"([{"N":"5"},{"N":"9"}])", true);
    cmp("BETWEEN outside", "n", "BETWEEN", R"([{"N":"6"},{"N":"9"}])", false);
    cmp("BETWEEN strings", "s", "BETWEEN", R"([{"S":"a"},{"S":"i"}])", true);
    row("AND all hold", R"({"s":{"Value":{"S":"hello"}},"x":{"Exists":false}})", true, "AND");
    row("AND by default", R"({"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"6"}}})", false);
    row("AND one fails", R"({"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"6"}}})", false, "AND");
    row("OR one holds", R"({"s":{"Value":{"S":"hello"}},"n":{"Value":{"N":"6"}}})", true, "OR");
    row("OR none holds", R"({"s":{"Value":{"S":"bye"}},"n":{"Value":{"N":"6"}}})", false, "OR");
}

void LegacyApiTest::expectedSemantics() {
    QFETCH(QString, expected);
    QFETCH(QString, conditionalOperator);
    QFETCH(bool, passes);
    Json request = {{"TableName", "Items"},
                    {"Item", json(kSample)},
                    {"Expected", json(expected.toStdString())},
                    {"ReturnValues", "ALL_OLD"}};
    if (!conditionalOperator.isEmpty())
        request["ConditionalOperator"] = conditionalOperator.toStdString();
    auto result = call("PutItem", request);
    if (passes) {
        QVERIFY_OK(result);
        QCOMPARE_JSON(*result, Json({{"Attributes", json(kSample)}}));
    } else {
        QCOMPARE_ERROR(result, "ConditionalCheckFailedException", kFailed);
    }
}

// DeleteItem deletes only when Expected holds; against a missing item every attribute is
// missing.
void LegacyApiTest::expectedOnDeleteAndMissingItem() {
    const Json key = json(R"({"pk":{"S":"p"}})");
    auto refused = call("DeleteItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"Expected", json(R"({"n":{"Value":{"N":"4"}}})")}});
    QCOMPARE_ERROR(refused, "ConditionalCheckFailedException", kFailed);
    QCOMPARE_JSON(get("Items", key), json(kSample));
    auto deleted = call("DeleteItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"Expected", json(R"({"n":{"Value":{"N":"5"}}})")},
                                           {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(*deleted, Json({{"Attributes", json(kSample)}}));
    QCOMPARE_JSON(get("Items", key), Json());

    const Json fresh = json(R"({"pk":{"S":"new"},"v":{"S":"1"}})");
    auto exists =
        call("PutItem", Json{{"TableName", "Items"},
                             {"Item", fresh},
                             {"Expected", json(R"({"pk":{"Exists":true,"Value":{"S":"new"}}})")}});
    QCOMPARE_ERROR(exists, "ConditionalCheckFailedException", kFailed);
    auto absent = call("PutItem", Json{{"TableName", "Items"},
                                       {"Item", fresh},
                                       {"Expected", json(R"({"pk":{"Exists":false}})")}});
    QVERIFY_OK(absent);
    auto again =
        call("PutItem", Json{{"TableName", "Items"},
                             {"Item", fresh},
                             {"Expected", json(R"({"pk":{"ComparisonOperator":"NULL"}})")}});
    QCOMPARE_ERROR(again, "ConditionalCheckFailedException", kFailed);
}

void LegacyApiTest::attributeUpdatesValidation_data() {
    QTest::addColumn<QString>("members");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    auto row = [&](const char* name, const char* members, const std::string& message,
                   const QString& type = "ValidationException") {
        QTest::newRow(name) << QString(members) << type << QString::fromStdString(message);
    };
    row("PUT without value", R"("AttributeUpdates":{"a":{"Action":"PUT"}})",
        invalid("Only DELETE action is allowed when no attribute value is specified"));
    row("no action, no value", R"("AttributeUpdates":{"a":{}})",
        invalid("Only DELETE action is allowed when no attribute value is specified"));
    row("ADD without value", R"("AttributeUpdates":{"a":{"Action":"ADD"}})",
        invalid("Only DELETE action is allowed when no attribute value is specified"));
    row("DELETE of a string", R"("AttributeUpdates":{"a":{"Action":"DELETE","Value":{"S":"x"}}})",
        invalid("DELETE action with value is not supported for the type S"));
    row("DELETE of a list", R"("AttributeUpdates":{"a":{"Action":"DELETE","Value":{"L":[]}}})",
        invalid("DELETE action with value is not supported for the type L"));
    row("ADD of a string", R"("AttributeUpdates":{"a":{"Action":"ADD","Value":{"S":"x"}}})",
        invalid("ADD action is not supported for the type S"));
    row("ADD of a binary", R"("AttributeUpdates":{"a":{"Action":"ADD","Value":{"B":"AQ=="}}})",
        invalid("ADD action is not supported for the type B"));
    row("ADD of a map", R"("AttributeUpdates":{"a":{"Action":"ADD","Value":{"M":{}}}})",
        invalid("ADD action is not supported for the type M"));
    row("bad value", R"("AttributeUpdates":{"a":{"Value":{"SS":[]}}})",
        invalid("An string set  may not be empty"));
    row("partition key", R"("AttributeUpdates":{"pk":{"Value":{"S":"q"}}})",
        invalid("Cannot update attribute pk. This attribute is part of the key"));
    row("index key of another type", R"("AttributeUpdates":{"kind":{"Value":{"N":"1"}}})",
        invalid("Type mismatch for Index Key kind Expected: S Actual: N IndexName: byKind"));
    row("ADD of a number to a string",
        R"("AttributeUpdates":{"s":{"Action":"ADD","Value":{"N":"1"}}})",
        "Type mismatch for attribute to update");
    row("ADD of a number set to a string set",
        R"("AttributeUpdates":{"ss":{"Action":"ADD","Value":{"NS":["1"]}}})",
        "Type mismatch for attribute to update");
    row("ADD of a list to a number",
        R"("AttributeUpdates":{"n":{"Action":"ADD","Value":{"L":[]}}})",
        "Type mismatch for attribute to update");
    row("DELETE from a number",
        R"("AttributeUpdates":{"n":{"Action":"DELETE","Value":{"NS":["5"]}}})",
        "Type mismatch for attribute to update");
    row("DELETE of a string set from a number set",
        R"("AttributeUpdates":{"ns":{"Action":"DELETE","Value":{"SS":["1"]}}})",
        "Type mismatch for attribute to update");
    row("Action as number", R"("AttributeUpdates":{"a":{"Action":1,"Value":{"S":"x"}}})",
        "NUMBER_VALUE cannot be converted to String", "SerializationException");
    row("AttributeUpdates as list", R"("AttributeUpdates":[])",
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.AttributeValueUpdate>",
        "SerializationException");
    row("entry as number", R"("AttributeUpdates":{"a":1})", "Unexpected value type in payload",
        "SerializationException");
    row("with UpdateExpression",
        R"J("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"Expected":{"a":{}},"UpdateExpression":"REMOVE a","ConditionExpression":"attribute_exists(a)")J",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
        "{UpdateExpression, ConditionExpression}");
    row("with ConditionExpression only",
        R"J("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"ConditionExpression":"attribute_exists(a)")J",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributeUpdates} Expression parameters: "
        "{ConditionExpression}");
    row("with ExpressionAttributeValues",
        R"("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"ExpressionAttributeValues":{":a":{"S":"a"}})",
        "ExpressionAttributeValues can only be specified when using expressions: "
        "UpdateExpression and ConditionExpression are null");
}

void LegacyApiTest::attributeUpdatesValidation() {
    QFETCH(QString, members);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    const Json request = json(
        QString(R"({"TableName":"Items","Key":{"pk":{"S":"p"}},%1})").arg(members).toStdString());
    auto result = call("UpdateItem", request);
    QCOMPARE_ERROR(result, qPrintable(errorType), message.toStdString());
    QCOMPARE_JSON(get("Items", json(R"({"pk":{"S":"p"}})")), json(kSample));
}

// PUT replaces, ADD adds numbers and set members and appends lists (creating what is missing),
// DELETE removes set members (the attribute when none is left) or the whole attribute.
void LegacyApiTest::attributeUpdatesApply() {
    const Json key = json(R"({"pk":{"S":"u"}})");
    auto created = call("UpdateItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"AttributeUpdates", json(R"({
        "s":{"Value":{"S":"a"}},"c":{"Action":"ADD","Value":{"N":"5"}},
        "tags":{"Action":"ADD","Value":{"SS":["a","b"]}},"log":{"Action":"ADD","Value":{"L":[{"S":"one"}]}},
        "gone":{"Action":"DELETE"},"none":{"Action":"DELETE","Value":{"SS":["z"]}}})")},
                                           {"ReturnValues", "UPDATED_NEW"}});
    QVERIFY_OK(created);
    QCOMPARE_JSON(*created, json(R"({"Attributes":{"s":{"S":"a"},"c":{"N":"5"},
        "tags":{"SS":["a","b"]},"log":{"L":[{"S":"one"}]}}})"));

    auto updated = call("UpdateItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"AttributeUpdates", json(R"({
        "s":{"Action":"PUT","Value":{"N":"1"}},"c":{"Action":"ADD","Value":{"N":"-7.5"}},
        "tags":{"Action":"ADD","Value":{"SS":["b","c"]}},"log":{"Action":"ADD","Value":{"L":[{"N":"2"}]}}})")},
                                           {"ReturnValues", "ALL_NEW"}});
    QVERIFY_OK(updated);
    QCOMPARE_JSON(*updated, json(R"({"Attributes":{"pk":{"S":"u"},"s":{"N":"1"},"c":{"N":"-2.5"},
        "tags":{"SS":["a","b","c"]},"log":{"L":[{"S":"one"},{"N":"2"}]}}})"));

    auto removed = call("UpdateItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"AttributeUpdates", json(R"({
        "s":{"Action":"DELETE"},"tags":{"Action":"DELETE","Value":{"SS":["a","x"]}}})")},
                                           {"ReturnValues", "UPDATED_OLD"}});
    QVERIFY_OK(removed);
    QCOMPARE_JSON(*removed, json(R"({"Attributes":{"s":{"N":"1"},"tags":{"SS":["a","b","c"]}}})"));
    QCOMPARE_JSON(get("Items", key), json(R"({"pk":{"S":"u"},"c":{"N":"-2.5"},
        "tags":{"SS":["b","c"]},"log":{"L":[{"S":"one"},{"N":"2"}]}})"));

    auto emptied = call("UpdateItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"AttributeUpdates", json(R"({
        "tags":{"Action":"DELETE","Value":{"SS":["b","c"]}}})")},
                                           {"ReturnValues", "UPDATED_NEW"}});
    QVERIFY_OK(emptied);
    QCOMPARE_JSON(*emptied, Json::object());
    QCOMPARE_JSON(get("Items", key), json(R"({"pk":{"S":"u"},"c":{"N":"-2.5"},
        "log":{"L":[{"S":"one"},{"N":"2"}]}})"));
}

void LegacyApiTest::attributeUpdatesReturnValues_data() {
    QTest::addColumn<QString>("returnValues");
    QTest::addColumn<QString>("attributes");
    QTest::newRow("NONE") << "NONE"
                          << "";
    QTest::newRow("ALL_OLD") << "ALL_OLD" << QString(kSample);
    QTest::newRow("UPDATED_OLD") << "UPDATED_OLD"
                                 << R"({"s":{"S":"hello"},"n":{"N":"5"}})";
    QTest::newRow("ALL_NEW") << "ALL_NEW"
                             << R"({"pk":{"S":"p"},"s":{"S":"bye"},"n":{"N":"6"},"b":{"B":"AQID"},
  "ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},"l":{"L":[{"S":"a"},{"N":"1"}]},
  "m":{"M":{"k":{"S":"v"}}},"t":{"BOOL":true},"new":{"N":"1"}})";
    QTest::newRow("UPDATED_NEW") << "UPDATED_NEW"
                                 << R"({"s":{"S":"bye"},"n":{"N":"6"},"new":{"N":"1"}})";
}

void LegacyApiTest::attributeUpdatesReturnValues() {
    QFETCH(QString, returnValues);
    QFETCH(QString, attributes);
    auto result = call("UpdateItem", Json{{"TableName", "Items"},
                                          {"Key", json(R"({"pk":{"S":"p"}})")},
                                          {"AttributeUpdates", json(R"({
        "s":{"Value":{"S":"bye"}},"n":{"Action":"ADD","Value":{"N":"1"}},
        "new":{"Action":"ADD","Value":{"N":"1"}},"x":{"Action":"DELETE"}})")},
                                          {"ReturnValues", returnValues.toStdString()}});
    QVERIFY_OK(result);
    QCOMPARE_JSON(*result, attributes.isEmpty()
                               ? Json::object()
                               : Json({{"Attributes", json(attributes.toStdString())}}));
}

void LegacyApiTest::attributeUpdatesWithExpected() {
    const Json key = json(R"({"pk":{"S":"p"}})");
    const Json updates = json(R"({"n":{"Action":"ADD","Value":{"N":"1"}}})");
    auto refused = call("UpdateItem", Json{{"TableName", "Items"},
                                           {"Key", key},
                                           {"AttributeUpdates", updates},
                                           {"Expected", json(R"({"n":{"Value":{"N":"4"}}})")}});
    QCOMPARE_ERROR(refused, "ConditionalCheckFailedException", kFailed);
    QCOMPARE_JSON(get("Items", key), json(kSample));
    auto done = call(
        "UpdateItem",
        Json{{"TableName", "Items"},
             {"Key", key},
             {"AttributeUpdates", updates},
             {"Expected", json(R"({"n":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"9"}]},
                             "s":{"ComparisonOperator":"NULL"}})")},
             {"ConditionalOperator", "OR"},
             {"ReturnValues", "UPDATED_NEW"}});
    QVERIFY_OK(done);
    QCOMPARE_JSON(*done, json(R"({"Attributes":{"n":{"N":"6"}}})"));
}

// KeyConditions over Events (pk "e", sk a1 a2 b1 b2 c1) and the byKind index.
void LegacyApiTest::keyConditions_data() {
    QTest::addColumn<QString>("request");
    QTest::addColumn<QStringList>("keys");
    auto row = [](const char* name, const char* request, const QStringList& keys) {
        QTest::newRow(name) << QString(request) << keys;
    };
    const QString pk = R"("pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]})";
    auto events = [&](const char* name, const char* sortCondition, const QStringList& keys) {
        const QString conditions =
            QString(sortCondition).isEmpty() ? pk : pk + R"(,"sk":)" + QString(sortCondition);
        QTest::newRow(name)
            << QString(R"({"TableName":"Events","KeyConditions":{%1}})").arg(conditions) << keys;
    };
    events("partition only", "", {"e/a1", "e/a2", "e/b1", "e/b2", "e/c1"});
    events("EQ", R"({"ComparisonOperator":"EQ","AttributeValueList":[{"S":"b1"}]})", {"e/b1"});
    events("LT", R"({"ComparisonOperator":"LT","AttributeValueList":[{"S":"b1"}]})",
           {"e/a1", "e/a2"});
    events("LE", R"({"ComparisonOperator":"LE","AttributeValueList":[{"S":"b1"}]})",
           {"e/a1", "e/a2", "e/b1"});
    events("GT", R"({"ComparisonOperator":"GT","AttributeValueList":[{"S":"b1"}]})",
           {"e/b2", "e/c1"});
    events("GE", R"({"ComparisonOperator":"GE","AttributeValueList":[{"S":"b1"}]})",
           {"e/b1", "e/b2", "e/c1"});
    events("BEGINS_WITH",
           R"({"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"b"}]})",
           {"e/b1", "e/b2"});
    events("BETWEEN",
           R"({"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"a2"},{"S":"b2"}]})",
           {"e/a2", "e/b1", "e/b2"});
    row("with QueryFilter",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}},
            "QueryFilter":{"v":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"3"}]}}})",
        {"e/b1", "e/b2", "e/c1"});
    row("with FilterExpression (accepted beside KeyConditions)",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}},
            "FilterExpression":"v < :v","ExpressionAttributeValues":{":v":{"N":"2"}}})",
        {"e/a1"});
    row("index", R"({"TableName":"Items","IndexName":"byKind",
            "KeyConditions":{"kind":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"k"}]}}})",
        {"k1", "k2"});
}

void LegacyApiTest::keyConditions() {
    QFETCH(QString, request);
    QFETCH(QStringList, keys);
    const char* sorts[] = {"a1", "a2", "b1", "b2", "c1"};
    for (int i = 0; i < 5; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Events"},
                                        {"Item",
                                         {{"pk", {{"S", "e"}}},
                                          {"sk", {{"S", sorts[i]}}},
                                          {"v", {{"N", std::to_string(i + 1)}}}}}}));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "Events"},
                                    {"Item", json(R"({"pk":{"S":"other"},"sk":{"S":"a1"}})")}}));
    for (const char* pk : {"k1", "k2"})
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Items"},
                                        {"Item", {{"pk", {{"S", pk}}}, {"kind", {{"S", "k"}}}}}}));
    auto result = call("Query", json(request.toStdString()));
    QVERIFY_OK(result);
    QCOMPARE(keysOf(*result), keys);
    QCOMPARE((*result)["Count"].get<int>(), keys.size());
}

void LegacyApiTest::keyConditionsValidation_data() {
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    auto row = [&](const char* name, const char* request, const std::string& message,
                   const QString& type = "ValidationException") {
        QTest::newRow(name) << QString(request) << type << QString::fromStdString(message);
    };
    row("neither", R"({"TableName":"Events"})",
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
    row("no conditions", R"({"TableName":"Events","KeyConditions":{}})",
        "Conditions can be of length 1 or 2 only");
    row("three conditions", R"({"TableName":"Events","KeyConditions":{
        "a":{"ComparisonOperator":"NULL"},"b":{"ComparisonOperator":"NULL"},"c":{"ComparisonOperator":"NULL"}}})",
        "Conditions can be of length 1 or 2 only");
    row("missing operator",
        R"({"TableName":"Events","KeyConditions":{"pk":{"AttributeValueList":[{"S":"e"}]}}})",
        "1 validation error detected: Value null at 'keyConditions.pk.member.comparisonOperator' "
        "failed to satisfy constraint: Member must not be null");
    row("unknown operator",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"LIKE"}}})",
        "1 validation error detected: Value 'LIKE' at 'keyConditions.pk.member.comparisonOperator' "
        "failed to satisfy constraint: " +
            std::string(kOperatorEnum));
    row("argument count",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"EQ"}}})",
        invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
    row("LT of a set",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"LT","AttributeValueList":[{"SS":["a"]}]}}})",
        invalid("ComparisonOperator LT is not valid for SS AttributeValue type"));
    row("BEGINS_WITH of a number",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]}}})",
        invalid("ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"));
    row("BETWEEN reversed",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"b"},{"S":"a"}]}}})",
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
    row("checked before the table",
        R"({"TableName":"NoSuchTable","KeyConditions":{"pk":{"ComparisonOperator":"EQ"}}})",
        invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
    row("unknown table",
        R"({"TableName":"NoSuchTable","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Requested resource not found", "ResourceNotFoundException");
    row("non-indexable on the partition key",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"NULL"}}})",
        "Attempted conditional constraint is not an indexable operation");
    row("non-indexable on the sort key", R"({"TableName":"Events","KeyConditions":{
        "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]},
        "sk":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"a"}]}}})",
        "Attempted conditional constraint is not an indexable operation");
    row("partition key not EQ",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"GT","AttributeValueList":[{"S":"e"}]}}})",
        "Query key condition not supported");
    row("two on a hash-only table", R"({"TableName":"Items","KeyConditions":{
        "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]},
        "x":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Query key condition not supported");
    row("no partition key",
        R"({"TableName":"Events","KeyConditions":{"sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Query condition missed key schema element: pk");
    row("non-key second condition", R"({"TableName":"Events","KeyConditions":{
        "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]},
        "x":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Query condition missed key schema element: sk");
    row("schema type",
        R"({"TableName":"Events","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}}})",
        invalid("Condition parameter type does not match schema type"));
    row("QueryFilter on the sort key", R"({"TableName":"Events","KeyConditions":{
        "pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}},
        "QueryFilter":{"sk":{"ComparisonOperator":"NOT_NULL"}}})",
        "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    row("QueryFilter on the index key",
        R"({"TableName":"Items","IndexName":"byKind","KeyConditions":{
        "kind":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}},
        "QueryFilter":{"kind":{"ComparisonOperator":"NOT_NULL"}}})",
        "QueryFilter can only contain non-primary key attributes: Primary key attribute: kind");
    row("with KeyConditionExpression", R"({"TableName":"Events","KeyConditionExpression":"pk = :p",
        "ExpressionAttributeValues":{":p":{"S":"e"}},
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {KeyConditions} Expression parameters: "
        "{KeyConditionExpression}");
    row("all of them", R"({"TableName":"Events","KeyConditionExpression":"pk = :p",
        "FilterExpression":"v > :p","ProjectionExpression":"v","ExpressionAttributeValues":{":p":{"S":"e"}},
        "AttributesToGet":["v"],"ConditionalOperator":"OR","QueryFilter":{},
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, "
        "KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, "
        "KeyConditionExpression}");
    row("values without expressions",
        R"({"TableName":"Events","ExpressionAttributeValues":{":p":{"S":"e"}},
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        "ExpressionAttributeValues can only be specified when using expressions: "
        "FilterExpression and KeyConditionExpression are null");
    row("KeyConditions as list", R"({"TableName":"Events","KeyConditions":[]})",
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.Condition>",
        "SerializationException");
    // DynamoDB checks the QueryFilter before the AttributesToGet.
    row("QueryFilter before AttributesToGet", R"({"TableName":"Events","AttributesToGet":["a","a"],
        "QueryFilter":{"a":{"ComparisonOperator":"EQ"}},
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]}}})",
        invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
}

void LegacyApiTest::keyConditionsValidation() {
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    auto result = call("Query", json(request.toStdString()));
    QCOMPARE_ERROR(result, qPrintable(errorType), message.toStdString());
}

// QueryFilter with ConditionalOperator, its Count and ScannedCount, and Limit before the
// filter.
void LegacyApiTest::queryFilter() {
    for (int i = 1; i <= 6; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Events"},
                                        {"Item",
                                         {{"pk", {{"S", "q"}}},
                                          {"sk", {{"S", "s" + std::to_string(i)}}},
                                          {"v", {{"N", std::to_string(i)}}},
                                          {"odd", {{"BOOL", i % 2 == 1}}}}}}));
    Json request = json(R"({"TableName":"Events",
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"q"}]}},
        "QueryFilter":{"v":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"4"}]},
                       "odd":{"ComparisonOperator":"NOT_NULL"}}})");
    auto all = call("Query", request);
    QVERIFY_OK(all);
    QCOMPARE(keysOf(*all), QStringList({"q/s5", "q/s6"}));
    QCOMPARE((*all)["ScannedCount"].get<int>(), 6);

    request["QueryFilter"] =
        json(R"({"v":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"4"}]},
                       "sk":{"ComparisonOperator":"NULL"}})");
    QCOMPARE_ERROR(call("Query", request), "ValidationException",
                   "QueryFilter can only contain non-primary key attributes: Primary key "
                   "attribute: sk");

    request["QueryFilter"] =
        json(R"({"v":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"1"}]},
                       "x":{"ComparisonOperator":"NOT_NULL"}})");
    request["ConditionalOperator"] = "OR";
    request["Limit"] = 3;
    auto limited = call("Query", request);
    QVERIFY_OK(limited);
    QCOMPARE(keysOf(*limited), QStringList({"q/s1"}));
    QCOMPARE((*limited)["ScannedCount"].get<int>(), 3);
    QCOMPARE_JSON((*limited)["LastEvaluatedKey"], json(R"({"pk":{"S":"q"},"sk":{"S":"s3"}})"));
}

// Every operator as a ScanFilter over kScanItems.
void LegacyApiTest::scanFilter_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("conditionalOperator");
    QTest::addColumn<QStringList>("keys");
    auto row = [](const char* name, const char* filter, const QStringList& keys,
                  const char* op = "") {
        QTest::newRow(name) << QString(filter) << QString(op) << keys;
    };
    auto cmp = [](const char* name, const char* attribute, const char* op, const char* values,
                  const QStringList& keys) {
        const std::string text =
            std::string(R"({")") + attribute + R"(":{"ComparisonOperator":")" + op + "\"" +
            (std::string(values).empty() ? std::string()
                                         : std::string(R"(,"AttributeValueList":)") + values) +
            "}}";
        QTest::newRow(name) << QString::fromStdString(text) << QString() << keys;
    };
    cmp("EQ", "n", "EQ", R"([{"N":"2"}])", {"s2"});
    cmp("EQ string", "n", "EQ", R"([{"S":"5"}])", {"s5"});
    cmp("NE", "n", "NE", R"([{"N":"2"}])", {"s1", "s3", "s4", "s5"});
    cmp("LT", "n", "LT", R"([{"N":"3"}])", {"s1", "s2"});
    cmp("LE", "n", "LE", R"([{"N":"3"}])", {"s1", "s2", "s3"});
    cmp("GT", "n", "GT", R"([{"N":"1"}])", {"s2", "s3"});
    cmp("GE", "n", "GE", R"([{"N":"1"}])", {"s1", "s2", "s3"});
    cmp("GT string", "s", "GT", R"([{"S":"b"}])", {"s2", "s3"});
    cmp("NOT_NULL", "n", "NOT_NULL", "", {"s1", "s2", "s3", "s5"});
    cmp("NULL", "n", "NULL", "", {"s4"});
    cmp("CONTAINS substring", "s", "CONTAINS", R"([{"S":"an"}])", {"s2"});
    cmp("CONTAINS set member", "ss", "CONTAINS", R"([{"S":"x"}])", {"s1", "s3"});
    cmp("CONTAINS list element", "l", "CONTAINS", R"([{"S":"a"}])", {"s1"});
    cmp("NOT_CONTAINS", "s", "NOT_CONTAINS", R"([{"S":"an"}])", {"s1", "s3", "s4", "s5"});
    cmp("NOT_CONTAINS set member", "ss", "NOT_CONTAINS", R"([{"S":"y"}])",
        {"s1", "s2", "s4", "s5"});
    cmp("BEGINS_WITH", "s", "BEGINS_WITH", R"([{"S":"ap"}])", {"s1", "s4"});
    cmp("IN", "n", "IN", R"([{"N":"1"},{"N":"3"},{"N":"9"}])", {"s1", "s3"});
    cmp("IN strings", "s", "IN", R"([{"S":"banana"},{"S":"kiwi"}])", {"s2"});
    cmp("BETWEEN", "n", "BETWEEN", R"([{"N":"2"},{"N":"3"}])", {"s2", "s3"});
    cmp("BETWEEN strings", "s", "BETWEEN", R"([{"S":"b"},{"S":"c"}])", {"s2"});
    row("AND", R"({"n":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"2"}]},
                   "s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"c"}]}})",
        {"s3"}, "AND");
    row("OR", R"({"n":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]},
                  "s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"c"}]}})",
        {"s1", "s3"}, "OR");
    row("empty", "{}", {"s1", "s2", "s3", "s4", "s5"});
}

void LegacyApiTest::scanFilter() {
    QFETCH(QString, filter);
    QFETCH(QString, conditionalOperator);
    QFETCH(QStringList, keys);
    QVERIFY_OK(
        call("DeleteItem", Json{{"TableName", "Items"}, {"Key", json(R"({"pk":{"S":"p"}})")}}));
    for (const char* item : kScanItems)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Items"}, {"Item", json(item)}}));
    Json request = {{"TableName", "Items"}, {"ScanFilter", json(filter.toStdString())}};
    if (!conditionalOperator.isEmpty())
        request["ConditionalOperator"] = conditionalOperator.toStdString();
    auto result = call("Scan", request);
    QVERIFY_OK(result);
    QCOMPARE(keysOf(*result), keys);
    QCOMPARE((*result)["Count"].get<int>(), keys.size());
    QCOMPARE((*result)["ScannedCount"].get<int>(), 5);
}

void LegacyApiTest::filterValidation_data() {
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    auto row = [&](const char* name, const char* members, const std::string& message,
                   const QString& type = "ValidationException") {
        QTest::newRow(name) << QString(R"({"TableName":"Items",%1})").arg(members) << type
                            << QString::fromStdString(message);
    };
    struct Count {
        const char* op;
        const char* values;
    };
    for (const Count& c :
         {Count{"EQ", ""}, Count{"NE", "[]"}, Count{"LE", "[]"},
          Count{"LT", R"([{"N":"1"},{"N":"2"}])"}, Count{"GE", ""}, Count{"GT", ""},
          Count{"CONTAINS", ""}, Count{"NOT_CONTAINS", ""}, Count{"BEGINS_WITH", ""},
          Count{"IN", "[]"}, Count{"BETWEEN", R"([{"N":"1"}])"}, Count{"NULL", R"([{"N":"1"}])"},
          Count{"NOT_NULL", R"([{"N":"1"}])"}}) {
        const std::string members =
            std::string(R"("ScanFilter":{"a":{"ComparisonOperator":")") + c.op + "\"" +
            (std::string(c.values).empty() ? std::string()
                                           : std::string(R"(,"AttributeValueList":)") + c.values) +
            "}}";
        QTest::newRow(("count " + std::string(c.op)).c_str())
            << QString(R"({"TableName":"Items",%1})").arg(QString::fromStdString(members))
            << "ValidationException"
            << QString::fromStdString(invalid("Invalid number of argument(s) for the " +
                                              std::string(c.op) + " ComparisonOperator"));
    }
    struct Type {
        const char* op;
        const char* value;
        const char* type;
    };
    for (const Type& t :
         {Type{"EQ", R"({"BOOL":true})", "BOOL"}, Type{"NE", R"({"NULL":true})", "NULL"},
          Type{"EQ", R"({"L":[]})", "L"}, Type{"NE", R"({"M":{}})", "M"},
          Type{"LT", R"({"NS":["1"]})", "NS"}, Type{"GE", R"({"BOOL":false})", "BOOL"},
          Type{"CONTAINS", R"({"SS":["a"]})", "SS"}, Type{"NOT_CONTAINS", R"({"L":[]})", "L"},
          Type{"BEGINS_WITH", R"({"N":"1"})", "N"}, Type{"IN", R"({"BS":["AQ=="]})", "BS"}}) {
        const std::string members = std::string(R"("ScanFilter":{"a":{"ComparisonOperator":")") +
                                    t.op + R"(","AttributeValueList":[)" + t.value + "]}}";
        QTest::newRow((std::string("type ") + t.op + " " + t.type).c_str())
            << QString(R"({"TableName":"Items",%1})").arg(QString::fromStdString(members))
            << "ValidationException"
            << QString::fromStdString(invalid("ComparisonOperator " + std::string(t.op) +
                                              " is not valid for " + t.type +
                                              " AttributeValue type"));
    }
    row("BETWEEN of sets",
        R"("ScanFilter":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"SS":["a"]},{"SS":["b"]}]}})",
        invalid("ComparisonOperator BETWEEN is not valid for SS AttributeValue type"));
    row("mixed types",
        R"("ScanFilter":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"a"},{"N":"1"}]}})",
        invalid("AttributeValues inside AttributeValueList must be of same type"));
    row("BETWEEN reversed",
        R"("ScanFilter":{"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"1.5"}]}})",
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
    row("bad value",
        R"("ScanFilter":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"x"}]}})",
        "The parameter cannot be converted to a numeric value: x");
    row("missing operator", R"("ScanFilter":{"a":{}})",
        "1 validation error detected: Value null at 'scanFilter.a.member.comparisonOperator' "
        "failed to satisfy constraint: Member must not be null");
    row("constraints together",
        R"("ScanFilter":{"a":{},"b":{"ComparisonOperator":""}},"ConditionalOperator":"AN","AttributesToGet":[])",
        "4 validation errors detected: Value null at 'scanFilter.a.member.comparisonOperator' "
        "failed to satisfy constraint: Member must not be null; Value '' at "
        "'scanFilter.b.member.comparisonOperator' failed to satisfy constraint: " +
            std::string(kOperatorEnum) +
            "; Value 'AN' at 'conditionalOperator' failed to satisfy constraint: Member must "
            "satisfy enum value set: [OR, AND]; Value '[]' at 'attributesToGet' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
    row("ScanFilter as list", R"("ScanFilter":[])",
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "com.amazonaws.dynamodb.v20120810.Condition>",
        "SerializationException");
    row("entry as number", R"("ScanFilter":{"a":1})", "Unexpected value type in payload",
        "SerializationException");
    row("entry as list", R"("ScanFilter":{"a":[]})",
        "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Condition",
        "SerializationException");
    row("AttributeValueList as string",
        R"("ScanFilter":{"a":{"ComparisonOperator":"EQ","AttributeValueList":"x"}})",
        "Unexpected field type", "SerializationException");
    row("ConditionalOperator as number", R"("ConditionalOperator":1)",
        "NUMBER_VALUE cannot be converted to String", "SerializationException");
    row("with FilterExpression",
        R"J("ScanFilter":{"a":{"ComparisonOperator":"NULL"}},"FilterExpression":"attribute_exists(a)")J",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}");
    row("all of them",
        R"J("ScanFilter":{},"ConditionalOperator":"OR","AttributesToGet":["a"],"ProjectionExpression":"a","FilterExpression":"attribute_exists(a)")J",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet, ScanFilter, ConditionalOperator} "
        "Expression parameters: {ProjectionExpression, FilterExpression}");
    row("ConditionalOperator with ProjectionExpression",
        R"("ConditionalOperator":"OR","ProjectionExpression":"a")",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {ConditionalOperator} Expression parameters: "
        "{ProjectionExpression}");
    row("names without expressions",
        R"("ScanFilter":{"a":{"ComparisonOperator":"NULL"}},"ExpressionAttributeNames":{"#a":"a"})",
        "ExpressionAttributeNames can only be specified when using expressions");
    row("values without expressions",
        R"("ScanFilter":{"a":{"ComparisonOperator":"NULL"}},"ExpressionAttributeValues":{":a":{"S":"a"}})",
        "ExpressionAttributeValues can only be specified when using expressions: "
        "FilterExpression is null");
    // DynamoDB checks a Scan's AttributesToGet before its ScanFilter.
    row("AttributesToGet before ScanFilter",
        R"("AttributesToGet":["a","a"],"ScanFilter":{"a":{"ComparisonOperator":"EQ"}})",
        invalid("Duplicate value in attribute name: a"));
}

void LegacyApiTest::filterValidation() {
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    auto result = call("Scan", json(request.toStdString()));
    QCOMPARE_ERROR(result, qPrintable(errorType), message.toStdString());
}

// AttributesToGet on GetItem, Query and Scan, with Select.
void LegacyApiTest::attributesToGet_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("result");  // the response, or the error message
    const QString ok;
    const QString validation = "ValidationException";
    const QString get = R"({"TableName":"Items","Key":{"pk":{"S":"p"}},%1})";
    const QString scan = R"({"TableName":"Items",%1})";
    const QString query =
        R"({"TableName":"Items","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]}},%1})";
    QTest::newRow("GetItem") << "GetItem" << get.arg(R"("AttributesToGet":["s","n","missing"])")
                             << ok << R"({"Item":{"s":{"S":"hello"},"n":{"N":"5"}}})";
    QTest::newRow("GetItem none present")
        << "GetItem" << get.arg(R"("AttributesToGet":["zz"])") << ok << R"({"Item":{}})";
    QTest::newRow("GetItem duplicate")
        << "GetItem" << get.arg(R"("AttributesToGet":["s","n","s"])") << validation
        << QString::fromStdString(invalid("Duplicate value in attribute name: s"));
    QTest::newRow("GetItem empty")
        << "GetItem" << get.arg(R"("AttributesToGet":[])") << validation
        << "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy "
           "constraint: Member must have length greater than or equal to 1";
    QTest::newRow("GetItem name as number")
        << "GetItem" << get.arg(R"("AttributesToGet":["s",1])") << "SerializationException"
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("GetItem as map")
        << "GetItem" << get.arg(R"("AttributesToGet":{})") << "SerializationException"
        << "Start of structure or map found where not expected";
    QTest::newRow("GetItem with ProjectionExpression")
        << "GetItem" << get.arg(R"("AttributesToGet":["s"],"ProjectionExpression":"s")")
        << validation
        << "Can not use both expression and non-expression parameters in the same request: "
           "Non-expression parameters: {AttributesToGet} Expression parameters: "
           "{ProjectionExpression}";
    QTest::newRow("GetItem with names")
        << "GetItem" << get.arg(R"("AttributesToGet":["s"],"ExpressionAttributeNames":{"#s":"s"})")
        << validation << "ExpressionAttributeNames can only be specified when using expressions";
    QTest::newRow("Scan")
        << "Scan" << scan.arg(R"("AttributesToGet":["s","t"])") << ok
        << R"({"Items":[{"s":{"S":"hello"},"t":{"BOOL":true}}],"Count":1,"ScannedCount":1})";
    QTest::newRow("Scan SPECIFIC_ATTRIBUTES")
        << "Scan" << scan.arg(R"("AttributesToGet":["n"],"Select":"SPECIFIC_ATTRIBUTES")") << ok
        << R"({"Items":[{"n":{"N":"5"}}],"Count":1,"ScannedCount":1})";
    QTest::newRow("Scan SPECIFIC_ATTRIBUTES without a list")
        << "Scan" << scan.arg(R"("Select":"SPECIFIC_ATTRIBUTES")") << validation
        << QString::fromStdString(
               invalid("SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet"));
    QTest::newRow("Scan ALL_ATTRIBUTES")
        << "Scan" << scan.arg(R"("AttributesToGet":["n"],"Select":"ALL_ATTRIBUTES")") << validation
        << QString::fromStdString(
               invalid("Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"));
    QTest::newRow("Scan COUNT") << "Scan" << scan.arg(R"("AttributesToGet":["n"],"Select":"COUNT")")
                                << validation
                                << QString::fromStdString(invalid(
                                       "Cannot specify the AttributesToGet when choosing to get "
                                       "COUNT"));
    QTest::newRow("Scan too many")
        << "Scan"
        << scan.arg(QString(R"("AttributesToGet":[%1"a"])").arg(QString(R"("a",)").repeated(255)))
        << validation
        << "1 validation error detected: Value '[" + QString("a, ").repeated(255) +
               "a]' at 'attributesToGet' failed to satisfy "
               "constraint: Member must have length less than or "
               "equal to 255";
    QTest::newRow("Query")
        << "Query" << query.arg(R"("AttributesToGet":["pk","m"])") << ok
        << R"({"Items":[{"pk":{"S":"p"},"m":{"M":{"k":{"S":"v"}}}}],"Count":1,"ScannedCount":1})";
    QTest::newRow("Query with FilterExpression")
        << "Query"
        << query.arg(
               R"("AttributesToGet":["pk"],"FilterExpression":"n = :n","ExpressionAttributeValues":{":n":{"N":"5"}})")
        << validation
        << "Can not use both expression and non-expression parameters in the same request: "
           "Non-expression parameters: {AttributesToGet} Expression parameters: "
           "{FilterExpression}";
}

void LegacyApiTest::attributesToGet() {
    QFETCH(QString, operation);
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, result);
    auto response = call(operation.toStdString(), json(request.toStdString()));
    if (errorType.isEmpty()) {
        QVERIFY_OK(response);
        QCOMPARE_JSON(*response, json(result.toStdString()));
    } else {
        QCOMPARE_ERROR(response, qPrintable(errorType), result.toStdString());
    }
}

// BatchGetItem's AttributesToGet per table; UnprocessedKeys would keep it.
void LegacyApiTest::batchGetAttributesToGet() {
    QVERIFY_OK(call(
        "PutItem",
        Json{{"TableName", "Events"},
             {"Item", json(R"({"pk":{"S":"e"},"sk":{"S":"a"},"v":{"N":"1"},"w":{"N":"2"}})")}}));
    auto got = call("BatchGetItem", json(R"({"RequestItems":{
        "Items":{"Keys":[{"pk":{"S":"p"}}],"AttributesToGet":["s","missing"]},
        "Events":{"Keys":[{"pk":{"S":"e"},"sk":{"S":"a"}}],"ProjectionExpression":"w"}}})"));
    QVERIFY_OK(got);
    QCOMPARE_JSON(*got,
                  json(R"({"Responses":{"Items":[{"s":{"S":"hello"}}],"Events":[{"w":{"N":"2"}}]},
        "UnprocessedKeys":{}})"));
    QCOMPARE_ERROR(call("BatchGetItem", json(R"({"RequestItems":{
        "Items":{"Keys":[{"pk":{"S":"p"}}],"AttributesToGet":["s","s"]}}})")),
                   "ValidationException", invalid("Duplicate value in attribute name: s"));
    QCOMPARE_ERROR(call("BatchGetItem", json(R"({"RequestItems":{
        "Items":{"Keys":[{"pk":{"S":"p"}}],"AttributesToGet":["s"],"ProjectionExpression":"s"}}})")),
                   "ValidationException",
                   "Can not use both expression and non-expression parameters in the same "
                   "request: Non-expression parameters: {AttributesToGet} Expression parameters: "
                   "{ProjectionExpression}");
    QCOMPARE_ERROR(call("BatchGetItem", json(R"({"RequestItems":{
        "Items":{"Keys":[{"pk":{"S":"p"}}],"AttributesToGet":[]}}})")),
                   "ValidationException",
                   "1 validation error detected: Value '[]' at "
                   "'requestItems.Items.member.attributesToGet' failed to satisfy constraint: "
                   "Member must have length greater than or equal to 1");
}

// The classroom step-through and the capacity explanation read legacy requests as the
// operations do: a Query's KeyConditions give its partition and sort-key condition, an
// UpdateItem's AttributeUpdates the new item's size, a QueryFilter makes the read size an
// upper bound.
void LegacyApiTest::classroomStepThrough() {
    for (const char* sk : {"a1", "a2", "b1"})
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Events"},
                                        {"Item", {{"pk", {{"S", "e"}}}, {"sk", {{"S", sk}}}}}}));
    const Json query = json(R"J({"TableName":"Events","ReturnConsumedCapacity":"TOTAL",
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]},
                         "sk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"a"}]}}})J");
    auto facts = gatherWalkthroughFacts(harness_->engine(), {"Query", query});
    QVERIFY2(facts.ok(), facts.ok() ? "" : facts.error().message.c_str());
    QCOMPARE_JSON(attributeValueToJson(facts->partitionKey), json(R"({"S":"e"})"));
    QCOMPARE(facts->sortKeyCondition, std::string("begins_with(sk, \"a\")"));
    QCOMPARE(facts->itemSizes.size(), size_t(2));

    Json filtered = query;
    filtered["QueryFilter"] = json(R"({"x":{"ComparisonOperator":"NULL"}})");
    auto response = call("Query", filtered);
    QVERIFY_OK(response);
    QCOMPARE(explainConsumedCapacity("Query", filtered, *response),
             std::string("2 items, at most 4 KB read (1 × 4 KB), eventually consistent (half) "
                         "→ 0.5 RCU"));

    auto update = gatherWalkthroughFacts(
        harness_->engine(), {"UpdateItem", json(R"J({"TableName":"Items","Key":{"pk":{"S":"p"}},
        "AttributeUpdates":{"s":{"Action":"DELETE"},"big":{"Value":{"S":"0123456789"}}}})J")});
    QVERIFY2(update.ok(), update.ok() ? "" : update.error().message.c_str());
    const size_t before = sizeOf(json(kSample));
    QCOMPARE(update->oldItemBytes, std::optional<size_t>(before));
    QCOMPARE(update->newItemBytes, std::optional<size_t>(before - 1 - 5 + 3 + 10));
    auto mismatch = gatherWalkthroughFacts(
        harness_->engine(), {"UpdateItem", json(R"J({"TableName":"Items","Key":{"pk":{"S":"p"}},
        "AttributeUpdates":{"s":{"Action":"ADD","Value":{"N":"1"}}}})J")});
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error().name(), std::string("ValidationException"));
    QCOMPARE(mismatch.error().message, std::string("Type mismatch for attribute to update"));
}

QTEST_GUILESS_MAIN(LegacyApiTest)
#include "test_legacy_api.moc"
