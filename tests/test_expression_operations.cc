// The expression language end to end through dispatch: conditional writes, full updates
// with ReturnValues, filters with Count/ScannedCount/capacity, nested projections and the
// placeholder rules across a request's expressions.
#include <QtTest>

#include "operation_test_support.h"

using namespace shardscape;
using shardscape::testing::EngineHarness;
using shardscape::testing::json;

// Declared before any raw string: moc misreads raw strings that contain "#.
class ExpressionOperationsTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void putIfAbsent();
    void optimisticLocking();
    void conditionOnMissingItemSeesEmptyItem();
    void failedConditionReturnsOldItemOnRequest();
    void returnValuesOnConditionCheckFailureIsValidated();
    void deleteWithCondition();
    void updateReturnValues_data();
    void updateReturnValues();
    void keyAttributesCannotBeUpdated_data();
    void keyAttributesCannotBeUpdated();
    void queryFilterCountsAndCapacity();
    void filterLimitAppliesBeforeFilter();
    void queryFilterOnKeyAttributeRejected();
    void scanFilterMayReadKeys();
    void nestedProjectionOnReads();
    void placeholderRules_data();
    void placeholderRules();

  private:
    Json get(const char* key);
    Result<Json> call(const char* operation, const std::string& request) {
        return harness_->call(std::string_view(operation), json(request));
    }
    std::unique_ptr<EngineHarness> harness_;
};

namespace {
const char* kCreate = R"J({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})J";

const char* kOrder =
    R"J({"TableName":"Orders","Item":{"pk":{"S":"c1"},"sk":{"N":"1"},"version":{"N":"1"},
  "amount":{"N":"10.5"},"tags":{"SS":["new","gift"]},"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},
  {"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]},"ship":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}}}})J";

std::string message(const Result<Json>& r) {
    return r.ok() ? "(success)" : r.error().message;
}
}  // namespace

void ExpressionOperationsTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY(harness_->open());
    QVERIFY(call("CreateTable", kCreate).ok());
    QVERIFY(call("PutItem", kOrder).ok());
}

Json ExpressionOperationsTest::get(const char* key) {
    auto r = call("GetItem", std::string(R"J({"TableName":"Orders","Key":)J") + key + "}");
    return r.ok() ? *r : Json();
}

void ExpressionOperationsTest::putIfAbsent() {
    const std::string put =
        R"J({"TableName":"Orders","Item":{"pk":{"S":"c2"},"sk":{"N":"1"},"v":{"S":"first"}},
        "ConditionExpression":"attribute_not_exists(pk)"})J";
    QVERIFY(call("PutItem", put).ok());
    auto second =
        call("PutItem",
             R"J({"TableName":"Orders","Item":{"pk":{"S":"c2"},"sk":{"N":"1"},"v":{"S":"second"}},
        "ConditionExpression":"attribute_not_exists(pk)"})J");
    QVERIFY(!second.ok());
    QCOMPARE(second.error().type, ErrorType::ConditionalCheckFailed);
    QCOMPARE(second.error().message, std::string("The conditional request failed"));
    QCOMPARE(second.error().extraJson, std::string());
    QCOMPARE(get(R"J({"pk":{"S":"c2"},"sk":{"N":"1"}})J")["Item"]["v"], json(R"J({"S":"first"})J"));
    auto described = harness_->engine().describeTable("Orders");
    QCOMPARE(described->second.itemCount, int64_t(2));
}

void ExpressionOperationsTest::optimisticLocking() {
    const std::string update = R"J({"TableName":"Orders","Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "UpdateExpression":"SET amount = amount + :add, version = version + :one",
        "ConditionExpression":"version = :expected",
        "ExpressionAttributeValues":{":add":{"N":"0.25"},":one":{"N":"1"},":expected":{"N":"1"}},
        "ReturnValues":"UPDATED_NEW"})J";
    auto first = call("UpdateItem", update);
    QVERIFY2(first.ok(), message(first).c_str());
    QCOMPARE((*first)["Attributes"], json(R"J({"amount":{"N":"10.75"},"version":{"N":"2"}})J"));
    auto stale = call("UpdateItem", update);
    QCOMPARE(stale.error().type, ErrorType::ConditionalCheckFailed);
    QCOMPARE(get(R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J")["Item"]["amount"],
             json(R"J({"N":"10.75"})J"));
}

void ExpressionOperationsTest::conditionOnMissingItemSeesEmptyItem() {
    auto must =
        call("UpdateItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"none"},"sk":{"N":"9"}},
        "UpdateExpression":"SET a = :v","ConditionExpression":"attribute_exists(pk)",
        "ExpressionAttributeValues":{":v":{"S":"x"}}})J");
    QCOMPARE(must.error().type, ErrorType::ConditionalCheckFailed);
    QVERIFY(!get(R"J({"pk":{"S":"none"},"sk":{"N":"9"}})J").contains("Item"));
    auto may =
        call("UpdateItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"none"},"sk":{"N":"9"}},
        "UpdateExpression":"SET a = :v","ConditionExpression":"attribute_not_exists(a) OR a <> :v",
        "ExpressionAttributeValues":{":v":{"S":"x"}},"ReturnValues":"ALL_NEW"})J");
    QVERIFY2(may.ok(), message(may).c_str());
    QCOMPARE((*may)["Attributes"], json(R"J({"pk":{"S":"none"},"sk":{"N":"9"},"a":{"S":"x"}})J"));
}

void ExpressionOperationsTest::failedConditionReturnsOldItemOnRequest() {
    auto failed = call("PutItem", R"J({"TableName":"Orders","Item":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "ConditionExpression":"ship.city = :c AND size(entries) > :n",
        "ExpressionAttributeValues":{":c":{"S":"Bergen"},":n":{"N":"1"}},
        "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})J");
    QCOMPARE(failed.error().type, ErrorType::ConditionalCheckFailed);
    const Json body = errorBody(failed.error());
    QCOMPARE(body["__type"], "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    QCOMPARE(body["Item"], json(kOrder)["Item"]);
}

void ExpressionOperationsTest::returnValuesOnConditionCheckFailureIsValidated() {
    auto bad = call("DeleteItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "ReturnValuesOnConditionCheckFailure":"ALL_NEW"})J");
    QCOMPARE(message(bad),
             std::string("1 validation error detected: Value 'ALL_NEW' at "
                         "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: "
                         "Member must satisfy enum value set: [ALL_OLD, NONE]"));
}

void ExpressionOperationsTest::deleteWithCondition() {
    auto kept = call("DeleteItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "ConditionExpression":"contains(tags, :t)","ExpressionAttributeValues":{":t":{"S":"vip"}}})J");
    QCOMPARE(kept.error().type, ErrorType::ConditionalCheckFailed);
    QVERIFY(get(R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J").contains("Item"));
    auto gone = call("DeleteItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "ConditionExpression":"contains(tags, :t) AND entries[1].sku IN (:a, :b)",
        "ExpressionAttributeValues":{":t":{"S":"gift"},":a":{"S":"A"},":b":{"S":"B"}},"ReturnValues":"ALL_OLD"})J");
    QVERIFY2(gone.ok(), message(gone).c_str());
    QCOMPARE((*gone)["Attributes"], json(kOrder)["Item"]);
    QVERIFY(!get(R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J").contains("Item"));
}

void ExpressionOperationsTest::updateReturnValues_data() {
    QTest::addColumn<QString>("update");
    QTest::addColumn<QString>("returnValues");
    QTest::addColumn<QString>("attributes");
    QTest::newRow("UPDATED_NEW nested")
        << "SET ship.city = :c, entries[0].qty = entries[0].qty + :one"
        << "UPDATED_NEW"
        << R"J({"ship":{"M":{"city":{"S":"Bergen"}}},"entries":{"L":[{"M":{"qty":{"N":"3"}}}]}})J";
    QTest::newRow("UPDATED_OLD nested")
        << "SET ship.city = :c REMOVE ship.zip"
        << "UPDATED_OLD"
        << R"J({"ship":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}}})J";
    QTest::newRow("ALL_NEW with ADD and DELETE") << "ADD version :one DELETE tags :new"
                                                 << "ALL_NEW"
                                                 << "";
    QTest::newRow("list_append and if_not_exists")
        << "SET entries = list_append(entries, :more), notes = if_not_exists(notes, :c)"
        << "UPDATED_NEW"
        << R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}},{"S":"C"}]},"notes":{"S":"Bergen"}})J";
    QTest::newRow("REMOVE a list element")
        << "REMOVE entries[0]"
        << "UPDATED_NEW"
        << R"J({"entries":{"L":[{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J";
    QTest::newRow("NONE") << "SET amount = :one"
                          << "NONE"
                          << "";
}

void ExpressionOperationsTest::updateReturnValues() {
    QFETCH(QString, update);
    QFETCH(QString, returnValues);
    QFETCH(QString, attributes);
    const std::string text = update.toStdString();
    Json values = json(
        R"J({":c":{"S":"Bergen"},":one":{"N":"1"},":new":{"SS":["new"]},":more":{"L":[{"S":"C"}]}})J");
    // Only the placeholders the expression uses may be sent.
    for (auto it = values.begin(); it != values.end();)
        it = text.find(it.key()) == std::string::npos ? values.erase(it) : std::next(it);
    Json request = {{"TableName", "Orders"},
                    {"Key", json(R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J")},
                    {"UpdateExpression", text},
                    {"ReturnValues", returnValues.toStdString()}};
    if (!values.empty()) request["ExpressionAttributeValues"] = values;
    auto r = harness_->call("UpdateItem", request);
    QVERIFY2(r.ok(), message(r).c_str());
    if (returnValues == "ALL_NEW") {
        QCOMPARE((*r)["Attributes"]["version"], json(R"J({"N":"2"})J"));
        QCOMPARE((*r)["Attributes"]["tags"], json(R"J({"SS":["gift"]})J"));
        QCOMPARE((*r)["Attributes"]["pk"], json(R"J({"S":"c1"})J"));
    } else if (attributes.isEmpty()) {
        QVERIFY(!r->contains("Attributes"));
    } else {
        QCOMPARE((*r)["Attributes"], json(attributes.toStdString()));
    }
}

void ExpressionOperationsTest::keyAttributesCannotBeUpdated_data() {
    QTest::addColumn<QString>("update");
    QTest::addColumn<QString>("expected");
    QTest::newRow("SET key")
        << "SET pk = :v"
        << "One or more parameter values were invalid: Cannot update attribute pk. This "
           "attribute is part of the key";
    QTest::newRow("REMOVE sort key")
        << "REMOVE sk"
        << "One or more parameter values were invalid: Cannot update attribute sk. "
           "This attribute is part of the key";
    QTest::newRow("nested key path")
        << "SET pk.nested = :v"
        << "Key attributes must be scalars; list random access '[]' and map lookup "
           "'.' are not allowed: Key: pk";
}

void ExpressionOperationsTest::keyAttributesCannotBeUpdated() {
    QFETCH(QString, update);
    QFETCH(QString, expected);
    Json request = {{"TableName", "Orders"},
                    {"Key", json(R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J")},
                    {"UpdateExpression", update.toStdString()}};
    if (update.contains(":v")) request["ExpressionAttributeValues"] = json(R"J({":v":{"S":"x"}})J");
    QCOMPARE(QString::fromStdString(message(harness_->call("UpdateItem", request))), expected);
}

void ExpressionOperationsTest::queryFilterCountsAndCapacity() {
    for (int i = 2; i <= 10; ++i)
        QVERIFY(harness_
                    ->call("PutItem", Json{{"TableName", "Orders"},
                                           {"Item",
                                            {{"pk", {{"S", "c1"}}},
                                             {"sk", {{"N", std::to_string(i)}}},
                                             {"amount", {{"N", std::to_string(i * 100)}}},
                                             {"note", {{"S", std::string(1500, 'x')}}}}}})
                    .ok());
    const std::string base = R"J({"TableName":"Orders","KeyConditionExpression":"pk = :p",
        "ReturnConsumedCapacity":"TOTAL","ConsistentRead":true)J";
    auto all = call("Query", base + R"J(,"ExpressionAttributeValues":{":p":{"S":"c1"}}})J");
    auto some = call("Query", base + R"J(,"FilterExpression":"amount >= :min",
        "ExpressionAttributeValues":{":p":{"S":"c1"},":min":{"N":"500"}}})J");
    QVERIFY2(some.ok(), message(some).c_str());
    QCOMPARE((*all)["Count"], 10);
    QCOMPARE((*some)["ScannedCount"], 10);
    QCOMPARE((*some)["Count"], 6);
    QCOMPARE((*some)["Items"].size(), size_t(6));
    // Capacity is charged on every item read, before the filter.
    QCOMPARE((*some)["ConsumedCapacity"]["CapacityUnits"],
             (*all)["ConsumedCapacity"]["CapacityUnits"]);
    auto counted = call("Query", base + R"J(,"Select":"COUNT","FilterExpression":"amount >= :min",
        "ExpressionAttributeValues":{":p":{"S":"c1"},":min":{"N":"500"}}})J");
    QCOMPARE((*counted)["Count"], 6);
    QVERIFY(!counted->contains("Items"));
}

void ExpressionOperationsTest::filterLimitAppliesBeforeFilter() {
    for (int i = 2; i <= 6; ++i)
        QVERIFY(
            harness_
                ->call("PutItem",
                       Json{{"TableName", "Orders"},
                            {"Item", {{"pk", {{"S", "c1"}}}, {"sk", {{"N", std::to_string(i)}}}}}})
                .ok());
    auto page =
        call("Scan",
             R"J({"TableName":"Orders","Limit":3,"FilterExpression":"attribute_exists(amount)"})J");
    QVERIFY2(page.ok(), message(page).c_str());
    QCOMPARE((*page)["ScannedCount"], 3);
    QVERIFY((*page)["Count"].get<int>() <= 3);
    QVERIFY(page->contains("LastEvaluatedKey"));
}

void ExpressionOperationsTest::queryFilterOnKeyAttributeRejected() {
    auto r = call(
        "Query",
        R"J({"TableName":"Orders","KeyConditionExpression":"pk = :p","FilterExpression":"sk > :p",
        "ExpressionAttributeValues":{":p":{"S":"c1"}}})J");
    QCOMPARE(message(r),
             std::string("Filter Expression can only contain non-primary key attributes: Primary "
                         "key attribute: sk"));
}

void ExpressionOperationsTest::scanFilterMayReadKeys() {
    auto r = call("Scan", R"J({"TableName":"Orders","FilterExpression":"pk = :p AND sk = :one",
        "ExpressionAttributeValues":{":p":{"S":"c1"},":one":{"N":"1"}}})J");
    QVERIFY2(r.ok(), message(r).c_str());
    QCOMPARE((*r)["Count"], 1);
}

void ExpressionOperationsTest::nestedProjectionOnReads() {
    const Json expected =
        json(R"J({"ship":{"M":{"city":{"S":"Oslo"}}},"entries":{"L":[{"M":{"sku":{"S":"B"}}}]}})J");
    auto got = call("GetItem", R"J({"TableName":"Orders","Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},
        "ProjectionExpression":"ship.city, #l[1].sku","ExpressionAttributeNames":{"#l":"entries"}})J");
    QVERIFY2(got.ok(), message(got).c_str());
    QCOMPARE((*got)["Item"], expected);
    auto queried = call("Query", R"J({"TableName":"Orders","KeyConditionExpression":"pk = :p",
        "ProjectionExpression":"ship.city, entries[1].sku","ExpressionAttributeValues":{":p":{"S":"c1"}}})J");
    QCOMPARE((*queried)["Items"][0], expected);
    auto scanned = call(
        "Scan", R"J({"TableName":"Orders","ProjectionExpression":"ship.city, entries[1].sku"})J");
    QCOMPARE((*scanned)["Items"][0], expected);
}

void ExpressionOperationsTest::placeholderRules_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("expected");
    QTest::newRow("value used only by the filter")
        << "Query"
        << R"J({"TableName":"Orders","KeyConditionExpression":"pk = :p","FilterExpression":"amount > :t","ExpressionAttributeValues":{":p":{"S":"c1"},":t":{"N":"1"}}})J"
        << "";
    QTest::newRow("unused name")
        << "Scan"
        << R"J({"TableName":"Orders","FilterExpression":"amount > :t","ExpressionAttributeNames":{"#x":"a"},"ExpressionAttributeValues":{":t":{"N":"1"}}})J"
        << "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}";
    QTest::newRow("unused value")
        << "Scan"
        << R"J({"TableName":"Orders","FilterExpression":"amount > :t","ExpressionAttributeValues":{":t":{"N":"1"},":x":{"N":"1"}}})J"
        << "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}";
    QTest::newRow("undefined value in a condition")
        << "PutItem"
        << R"J({"TableName":"Orders","Item":{"pk":{"S":"z"},"sk":{"N":"1"}},"ConditionExpression":"a = :nope","ExpressionAttributeValues":{":t":{"N":"1"}}})J"
        << "Invalid ConditionExpression: An expression attribute value used in expression is not "
           "defined; attribute value: :nope";
    QTest::newRow("reserved word in a filter")
        << "Scan"
        << R"J({"TableName":"Orders","FilterExpression":"status = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J"
        << "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: "
           "status";
    QTest::newRow("reserved word escaped")
        << "Scan"
        << R"J({"TableName":"Orders","FilterExpression":"#s = :t","ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":t":{"N":"1"}}})J"
        << "";
    const std::string longFilter = "amount > :t" + std::string(4100, ' ');
    QTest::newRow("expression over 4 KB")
        << "Scan"
        << QString::fromStdString(Json{{"TableName", "Orders"},
                                       {"FilterExpression", longFilter},
                                       {"ExpressionAttributeValues", {{":t", {{"N", "1"}}}}}}
                                      .dump())
        << QString::fromStdString(
               "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
               "expression size: " +
               std::to_string(longFilter.size()));
}

void ExpressionOperationsTest::placeholderRules() {
    QFETCH(QString, operation);
    QFETCH(QString, request);
    QFETCH(QString, expected);
    auto r = call(operation.toStdString().c_str(), request.toStdString());
    if (expected.isEmpty()) {
        QVERIFY2(r.ok(), message(r).c_str());
    } else {
        QCOMPARE(QString::fromStdString(message(r)), expected);
    }
}

QTEST_GUILESS_MAIN(ExpressionOperationsTest)
#include "test_expression_operations.moc"
