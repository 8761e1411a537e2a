// DynamoDB's legacy (non-expression) read parameters end to end through dispatch:
// KeyConditions (tables and indexes), QueryFilter and ScanFilter with ConditionalOperator
// (every comparison operator, every validation message), AttributesToGet on GetItem,
// BatchGetItem, Query and Scan with Select, their refusal beside expressions; and the
// classroom step-through and capacity explanation of legacy requests.
#include <QtTest>

#include "capacity/capacity_explanation.h"
#include "classroom/walkthrough_facts.h"
#include "legacy_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

// Declared before any raw string: moc misreads raw strings that contain "#.
class LegacyReadsTest : public QObject {
    Q_OBJECT
  private slots:
    void init() { QVERIFY2(fixture_.open(), fixture_.error().c_str()); }
    void cleanup() { fixture_.close(); }

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
        return fixture_.call(operation, request);
    }
    Json get(const char* table, const Json& key) { return fixture_.get(table, key); }

    LegacyFixture fixture_;
};

void LegacyReadsTest::keyConditions_data() {
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

void LegacyReadsTest::keyConditions() {
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

void LegacyReadsTest::keyConditionsValidation_data() {
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

void LegacyReadsTest::keyConditionsValidation() {
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    auto result = call("Query", json(request.toStdString()));
    QCOMPARE_ERROR(result, qPrintable(errorType), message.toStdString());
}

// QueryFilter with ConditionalOperator, its Count and ScannedCount, and Limit before the
// filter.
void LegacyReadsTest::queryFilter() {
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
void LegacyReadsTest::scanFilter_data() {
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

void LegacyReadsTest::scanFilter() {
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

void LegacyReadsTest::filterValidation_data() {
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

void LegacyReadsTest::filterValidation() {
    QFETCH(QString, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    auto result = call("Scan", json(request.toStdString()));
    QCOMPARE_ERROR(result, qPrintable(errorType), message.toStdString());
}

// AttributesToGet on GetItem, Query and Scan, with Select.
void LegacyReadsTest::attributesToGet_data() {
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

void LegacyReadsTest::attributesToGet() {
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
void LegacyReadsTest::batchGetAttributesToGet() {
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
void LegacyReadsTest::classroomStepThrough() {
    for (const char* sk : {"a1", "a2", "b1"})
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Events"},
                                        {"Item", {{"pk", {{"S", "e"}}}, {"sk", {{"S", sk}}}}}}));
    const Json query = json(R"J({"TableName":"Events","ReturnConsumedCapacity":"TOTAL",
        "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"e"}]},
                         "sk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"a"}]}}})J");
    auto facts = gatherWalkthroughFacts(fixture_.engine(), {"Query", query});
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
        fixture_.engine(), {"UpdateItem", json(R"J({"TableName":"Items","Key":{"pk":{"S":"p"}},
        "AttributeUpdates":{"s":{"Action":"DELETE"},"big":{"Value":{"S":"0123456789"}}}})J")});
    QVERIFY2(update.ok(), update.ok() ? "" : update.error().message.c_str());
    const size_t before = sizeOf(json(kSample));
    QCOMPARE(update->oldItemBytes, std::optional<size_t>(before));
    QCOMPARE(update->newItemBytes, std::optional<size_t>(before - 1 - 5 + 3 + 10));
    auto mismatch = gatherWalkthroughFacts(
        fixture_.engine(), {"UpdateItem", json(R"J({"TableName":"Items","Key":{"pk":{"S":"p"}},
        "AttributeUpdates":{"s":{"Action":"ADD","Value":{"N":"1"}}}})J")});
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error().name(), std::string("ValidationException"));
    QCOMPARE(mismatch.error().message, std::string("Type mismatch for attribute to update"));
}

QTEST_GUILESS_MAIN(LegacyReadsTest)
#include "test_legacy_reads.moc"
