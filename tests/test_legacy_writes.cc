// DynamoDB's legacy (non-expression) write parameters end to end through dispatch: Expected
// with ConditionalOperator on PutItem/DeleteItem/UpdateItem (both entry forms, every
// comparison operator both ways, every validation message) and UpdateItem's AttributeUpdates
// (PUT, ADD, DELETE, their messages, every ReturnValues mode), and their refusal beside
// expressions.
#include <QtTest>

#include "legacy_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

// Declared before any raw string: moc misreads raw strings that contain "#.
class LegacyWritesTest : public QObject {
    Q_OBJECT
  private slots:
    void init() { QVERIFY2(fixture_.open(), fixture_.error().c_str()); }
    void cleanup() { fixture_.close(); }

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

  private:
    Result<Json> call(std::string_view operation, const Json& request) {
        return fixture_.call(operation, request);
    }
    Json get(const char* table, const Json& key) { return fixture_.get(table, key); }

    LegacyFixture fixture_;
};

void LegacyWritesTest::expectedValidation_data() {
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

void LegacyWritesTest::expectedValidation() {
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
void LegacyWritesTest::expectedSemantics_data() {
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

void LegacyWritesTest::expectedSemantics() {
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
void LegacyWritesTest::expectedOnDeleteAndMissingItem() {
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

void LegacyWritesTest::attributeUpdatesValidation_data() {
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

void LegacyWritesTest::attributeUpdatesValidation() {
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
void LegacyWritesTest::attributeUpdatesApply() {
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

void LegacyWritesTest::attributeUpdatesReturnValues_data() {
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

void LegacyWritesTest::attributeUpdatesReturnValues() {
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

void LegacyWritesTest::attributeUpdatesWithExpected() {
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
QTEST_GUILESS_MAIN(LegacyWritesTest)
#include "test_legacy_writes.moc"
