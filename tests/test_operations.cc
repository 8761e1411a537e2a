// PutItem, GetItem, DeleteItem and UpdateItem through dispatch(): round trips, ReturnValues,
// key validation, size limits, expression placeholders, and dispatch's own errors.
#include "api/wire_error.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

// A string of `bytes` UTF-8 bytes made of two-byte characters (plus one 'x' if odd).
std::string utf8OfBytes(size_t bytes) {
    std::string out;
    for (size_t i = 0; i < bytes / 2; ++i) out += "\xC3\xA9";  // é
    if (bytes % 2) out += 'x';
    return out;
}

std::string base64OfBytes(size_t bytes) {
    const QByteArray raw(qsizetype(bytes), '\x7f');
    return raw.toBase64().toStdString();
}

}  // namespace

class OperationsTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;

    Result<Json> call(std::string_view operation, const Json& request);
    Json get(const std::string& table, const Json& key);

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void roundTrip_data();
    void roundTrip();
    void putReturnValues();
    void deleteReturnValues();
    void returnValuesErrors_data();
    void returnValuesErrors();
    void updateItem_data();
    void updateItem();
    void updateUpsertsMissingItem_data();
    void updateUpsertsMissingItem();
    void updateWithoutExpressionCreatesKeyOnlyItem();
    void updateErrors_data();
    void updateErrors();
    void getProjection_data();
    void getProjection();
    void getProjectionErrors_data();
    void getProjectionErrors();
    void keyErrors_data();
    void keyErrors();
    void itemKeyErrors_data();
    void itemKeyErrors();
    void keySizeLimits_data();
    void keySizeLimits();
    void itemSizeLimit();
    void updateItemSizeLimit();
    void tableNotFound_data();
    void tableNotFound();
    void requestErrors_data();
    void requestErrors();
    void unknownOperation();
    void dispatchText();
};

Result<Json> OperationsTest::call(std::string_view operation, const Json& request) {
    return harness_->call(operation, request);
}

Json OperationsTest::get(const std::string& table, const Json& key) {
    auto got = call("GetItem", Json{{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
    return got ? got.value() : Json("error: " + got.error().message);
}

void OperationsTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "items",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "ranged",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "blobs",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "B"},
                                 {"AttributeName": "sk", "AttributeType": "B"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
    QVERIFY_OK(call("CreateTable", json(R"({"TableName": "numbers",
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST"})")));
}

void OperationsTest::roundTrip_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("item");
    QTest::newRow("S key only") << "items" << QByteArray(R"({"pk": {"S": "k"}})");
    QTest::newRow("every scalar type") << "items" << QByteArray(R"({"pk": {"S": "k"},
        "s": {"S": "text with \"quotes\", \\ and é€𝄞"}, "empty": {"S": ""},
        "n": {"N": "-12.5"}, "big": {"N": "99999999999999999999999999999999999999"},
        "tiny": {"N": "0.000000000000000000000000000000000000000000000000001"},
        "b": {"B": "AAEC/w=="}, "emptyB": {"B": ""},
        "t": {"BOOL": true}, "f": {"BOOL": false}, "nothing": {"NULL": true}})");
    QTest::newRow("sets") << "items" << QByteArray(R"({"pk": {"S": "k"},
        "ss": {"SS": ["b", "a", ""]}, "ns": {"NS": ["3", "-1", "2.5"]},
        "bs": {"BS": ["AQ==", "Ag==", "AAA="]}})");
    QTest::newRow("nested documents") << "items" << QByteArray(R"({"pk": {"S": "k"},
        "m": {"M": {"a": {"L": [{"N": "1"}, {"S": "two"}, {"M": {}}, {"L": []}, {"NULL": true}]},
                    "b": {"M": {"deep": {"M": {"deeper": {"SS": ["x"]}}}}},
                    "": {"S": "empty name"}}},
        "l": {"L": [{"L": [{"L": [{"BOOL": false}]}]}, {"B": "/w=="}, {"NS": ["0"]}]},
        "emptyM": {"M": {}}, "emptyL": {"L": []}})");
    QTest::newRow("attribute names") << "items" << QByteArray(R"({"pk": {"S": "k"},
        "with space": {"S": "1"}, "#hash": {"S": "2"}, ":colon": {"S": "3"},
        "ünïcödé": {"S": "4"}, "a.b[0]": {"S": "5"}})");
    QTest::newRow("S hash and range") << "ranged" << QByteArray(R"({"pk": {"S": "p"},
        "sk": {"S": "s"}, "v": {"N": "1"}})");
    QTest::newRow("B hash and range") << "blobs" << QByteArray(R"({"pk": {"B": "AA=="},
        "sk": {"B": "AP8A"}, "v": {"B": "AAAA"}})");
    QTest::newRow("N key") << "numbers" << QByteArray(R"({"id": {"N": "-0.5"}, "v": {"S": "x"}})");
}

void OperationsTest::roundTrip() {
    QFETCH(QString, table);
    QFETCH(QByteArray, item);
    const Json expected = json(item.toStdString());
    const std::string name = table.toStdString();

    auto put = call("PutItem", Json{{"TableName", name}, {"Item", expected}});
    QVERIFY_OK(put);
    QCOMPARE_JSON(put.value(), Json::object());

    Json key = Json::object();
    for (const char* attribute : {"pk", "sk", "id"})
        if (expected.contains(attribute)) key[attribute] = expected[attribute];
    QCOMPARE_JSON(get(name, key), Json({{"Item", expected}}));
    auto eventual = call("GetItem", Json{{"TableName", name}, {"Key", key}});
    QVERIFY_OK(eventual);
    QCOMPARE_JSON(eventual.value(), Json({{"Item", expected}}));

    auto deleted = call("DeleteItem", Json{{"TableName", name}, {"Key", key}});
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(deleted.value(), Json::object());
    QCOMPARE_JSON(get(name, key), Json::object());
}

void OperationsTest::putReturnValues() {
    const Json first = json(R"({"pk": {"S": "k"}, "v": {"S": "first"}, "extra": {"N": "1"}})");
    const Json second = json(R"({"pk": {"S": "k"}, "v": {"S": "second"}})");
    const Json third = json(R"({"pk": {"S": "k"}, "v": {"S": "third"}})");

    auto created =
        call("PutItem", Json{{"TableName", "items"}, {"Item", first}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(created);
    QCOMPARE_JSON(created.value(), Json::object());

    auto replaced = call(
        "PutItem", Json{{"TableName", "items"}, {"Item", second}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(replaced);
    QCOMPARE_JSON(replaced.value(), Json({{"Attributes", first}}));

    auto silent =
        call("PutItem", Json{{"TableName", "items"}, {"Item", third}, {"ReturnValues", "NONE"}});
    QVERIFY_OK(silent);
    QCOMPARE_JSON(silent.value(), Json::object());
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "k"}})")), Json({{"Item", third}}));
}

void OperationsTest::deleteReturnValues() {
    const Json item = json(R"({"pk": {"S": "p"}, "sk": {"S": "s"}, "v": {"L": [{"S": "x"}]}})");
    QVERIFY_OK(call("PutItem", Json{{"TableName", "ranged"}, {"Item", item}}));
    const Json key = json(R"({"pk": {"S": "p"}, "sk": {"S": "s"}})");

    auto deleted = call("DeleteItem",
                        Json{{"TableName", "ranged"}, {"Key", key}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(deleted);
    QCOMPARE_JSON(deleted.value(), Json({{"Attributes", item}}));
    QCOMPARE_JSON(get("ranged", key), Json::object());

    auto again = call("DeleteItem",
                      Json{{"TableName", "ranged"}, {"Key", key}, {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(again);
    QCOMPARE_JSON(again.value(), Json::object());

    QVERIFY_OK(call("PutItem", Json{{"TableName", "ranged"}, {"Item", item}}));
    auto quiet =
        call("DeleteItem", Json{{"TableName", "ranged"}, {"Key", key}, {"ReturnValues", "NONE"}});
    QVERIFY_OK(quiet);
    QCOMPARE_JSON(quiet.value(), Json::object());
}

void OperationsTest::returnValuesErrors_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("message");
    const QString allOldOrNone = "ReturnValues can only be ALL_OLD or NONE";
    const QString enumError =
        "1 validation error detected: Value 'FOO' at 'returnValues' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
        "UPDATED_NEW]";
    const QByteArray put = R"({"TableName": "items", "Item": {"pk": {"S": "k"}}, "ReturnValues": )";
    const QByteArray del = R"({"TableName": "items", "Key": {"pk": {"S": "k"}}, "ReturnValues": )";
    for (const char* mode : {"ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"}) {
        const QByteArray value = QByteArray("\"") + mode + "\"}";
        QTest::addRow("PutItem %s", mode) << "PutItem" << put + value << allOldOrNone;
        QTest::addRow("DeleteItem %s", mode) << "DeleteItem" << del + value << allOldOrNone;
    }
    QTest::newRow("PutItem FOO") << "PutItem" << put + "\"FOO\"}" << enumError;
    QTest::newRow("DeleteItem FOO") << "DeleteItem" << del + "\"FOO\"}" << enumError;
    QTest::newRow("UpdateItem FOO") << "UpdateItem" << del + "\"FOO\"}" << enumError;
    QTest::newRow("UpdateItem lower case") << "UpdateItem" << del + "\"all_new\"}"
                                           << "1 validation error detected: Value 'all_new' at "
                                              "'returnValues' failed to satisfy constraint: Member "
                                              "must satisfy enum value set: [ALL_NEW, UPDATED_OLD, "
                                              "ALL_OLD, NONE, UPDATED_NEW]";
}

void OperationsTest::returnValuesErrors() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QFETCH(QString, message);
    const Json item = json(R"({"pk": {"S": "k"}, "v": {"S": "kept"}})");
    QVERIFY_OK(call("PutItem", Json{{"TableName", "items"}, {"Item", item}}));
    QCOMPARE_VALIDATION(call(operation.toStdString(), json(request.toStdString())),
                        message.toStdString());
    // A rejected request changes nothing.
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "k"}})")), Json({{"Item", item}}));
}

void OperationsTest::updateItem_data() {
    QTest::addColumn<QByteArray>("update");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("after");
    // Every row starts from {pk: u, a: 1, b: 2, c: 3} (all S).
    const QByteArray all =
        R"({"pk": {"S": "u"}, "a": {"S": "1"}, "b": {"S": "2"}, "c": {"S": "3"}})";
    const QByteArray setA =
        R"({"pk": {"S": "u"}, "a": {"S": "x"}, "b": {"S": "2"}, "c": {"S": "3"}})";
    const QByteArray setAD =
        R"({"pk": {"S": "u"}, "a": {"S": "x"}, "b": {"S": "2"}, "c": {"S": "3"}, "d": {"N": "7"}})";
    const QByteArray removeB = R"({"pk": {"S": "u"}, "a": {"S": "1"}, "c": {"S": "3"}})";
    const QByteArray setAD_values = R"("UpdateExpression": "SET a = :x, d = :n",
        "ExpressionAttributeValues": {":x": {"S": "x"}, ":n": {"N": "7"}})";

    QTest::newRow("SET, no ReturnValues") << QByteArray(R"({"UpdateExpression": "SET a = :x",
                         "ExpressionAttributeValues": {":x": {"S": "x"}}})")
                                          << QByteArray("{}") << setA;
    QTest::newRow("SET, NONE") << QByteArray(R"({"UpdateExpression": "SET a = :x",
        "ExpressionAttributeValues": {":x": {"S": "x"}}, "ReturnValues": "NONE"})")
                               << QByteArray("{}") << setA;
    QTest::newRow("SET, ALL_OLD") << QByteArray(R"({"UpdateExpression": "SET a = :x",
        "ExpressionAttributeValues": {":x": {"S": "x"}}, "ReturnValues": "ALL_OLD"})")
                                  << QByteArray(R"({"Attributes": )" + all + "}") << setA;
    QTest::newRow("SET, ALL_NEW") << QByteArray(R"({"UpdateExpression": "SET a = :x",
        "ExpressionAttributeValues": {":x": {"S": "x"}}, "ReturnValues": "ALL_NEW"})")
                                  << QByteArray(R"({"Attributes": )" + setA + "}") << setA;
    QTest::newRow("SET existing and new, UPDATED_OLD")
        << QByteArray("{" + setAD_values + R"(, "ReturnValues": "UPDATED_OLD"})")
        << QByteArray(R"({"Attributes": {"a": {"S": "1"}}})") << setAD;
    QTest::newRow("SET existing and new, UPDATED_NEW")
        << QByteArray("{" + setAD_values + R"(, "ReturnValues": "UPDATED_NEW"})")
        << QByteArray(R"({"Attributes": {"a": {"S": "x"}, "d": {"N": "7"}}})") << setAD;
    QTest::newRow("SET with a name placeholder, UPDATED_NEW")
        << QByteArray(R"({"UpdateExpression": "SET #attr = :x",
            "ExpressionAttributeNames": {"#attr": "a"},
            "ExpressionAttributeValues": {":x": {"S": "x"}}, "ReturnValues": "UPDATED_NEW"})")
        << QByteArray(R"({"Attributes": {"a": {"S": "x"}}})") << setA;
    QTest::newRow("SET to the same value, UPDATED_OLD")
        << QByteArray(R"({"UpdateExpression": "SET a = :one",
            "ExpressionAttributeValues": {":one": {"S": "1"}}, "ReturnValues": "UPDATED_OLD"})")
        << QByteArray(R"({"Attributes": {"a": {"S": "1"}}})") << all;
    QTest::newRow("SET from another attribute, ALL_NEW")
        << QByteArray(R"({"UpdateExpression": "SET d = c, a = b", "ReturnValues": "ALL_NEW"})")
        << QByteArray(R"({"Attributes": {"pk": {"S": "u"}, "a": {"S": "2"}, "b": {"S": "2"},
                                         "c": {"S": "3"}, "d": {"S": "3"}}})")
        << QByteArray(R"({"pk": {"S": "u"}, "a": {"S": "2"}, "b": {"S": "2"}, "c": {"S": "3"},
                         "d": {"S": "3"}})");
    QTest::newRow("SET swaps from the old item")
        << QByteArray(R"({"UpdateExpression": "SET a = b, b = a"})") << QByteArray("{}")
        << QByteArray(R"({"pk": {"S": "u"}, "a": {"S": "2"}, "b": {"S": "1"}, "c": {"S": "3"}})");
    QTest::newRow("REMOVE, UPDATED_OLD") << QByteArray(R"({"UpdateExpression": "REMOVE b",
        "ReturnValues": "UPDATED_OLD"})") << QByteArray(R"({"Attributes": {"b": {"S": "2"}}})")
                                         << removeB;
    QTest::newRow("REMOVE, UPDATED_NEW") << QByteArray(R"({"UpdateExpression": "REMOVE b",
        "ReturnValues": "UPDATED_NEW"})") << QByteArray("{}")
                                         << removeB;
    QTest::newRow("REMOVE, ALL_NEW") << QByteArray(R"({"UpdateExpression": "REMOVE b",
        "ReturnValues": "ALL_NEW"})") << QByteArray(R"({"Attributes": )" + removeB + "}")
                                     << removeB;
    QTest::newRow("REMOVE, ALL_OLD") << QByteArray(R"({"UpdateExpression": "REMOVE b",
        "ReturnValues": "ALL_OLD"})") << QByteArray(R"({"Attributes": )" + all + "}")
                                     << removeB;
    QTest::newRow("REMOVE a missing attribute, UPDATED_OLD")
        << QByteArray(R"({"UpdateExpression": "REMOVE nope", "ReturnValues": "UPDATED_OLD"})")
        << QByteArray("{}") << all;
    QTest::newRow("SET and REMOVE together, ALL_NEW")
        << QByteArray(R"({"UpdateExpression": "set a = :x remove b, c",
            "ExpressionAttributeValues": {":x": {"S": "x"}}, "ReturnValues": "ALL_NEW"})")
        << QByteArray(R"({"Attributes": {"pk": {"S": "u"}, "a": {"S": "x"}}})")
        << QByteArray(R"({"pk": {"S": "u"}, "a": {"S": "x"}})");
    QTest::newRow("REMOVE before SET, UPDATED_OLD")
        << QByteArray(R"({"UpdateExpression": "REMOVE c SET #d = :m",
            "ExpressionAttributeNames": {"#d": "d"},
            "ExpressionAttributeValues": {":m": {"M": {"k": {"BOOL": true}}}},
            "ReturnValues": "UPDATED_OLD"})")
        << QByteArray(R"({"Attributes": {"c": {"S": "3"}}})")
        << QByteArray(R"({"pk": {"S": "u"}, "a": {"S": "1"}, "b": {"S": "2"},
                         "d": {"M": {"k": {"BOOL": true}}}})");
}

void OperationsTest::updateItem() {
    QFETCH(QByteArray, update);
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, after);
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "items", "Item": {"pk": {"S": "u"},
        "a": {"S": "1"}, "b": {"S": "2"}, "c": {"S": "3"}}})")));
    Json request = json(update.toStdString());
    request["TableName"] = "items";
    request["Key"] = json(R"({"pk": {"S": "u"}})");
    auto updated = call("UpdateItem", request);
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated.value(), json(response.toStdString()));
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "u"}})")),
                  Json({{"Item", json(after.toStdString())}}));
}

void OperationsTest::updateUpsertsMissingItem_data() {
    QTest::addColumn<QString>("returnValues");
    QTest::addColumn<QByteArray>("response");
    const QByteArray created = R"({"pk": {"S": "new"}, "sk": {"S": "s"}, "a": {"S": "x"}})";
    QTest::newRow("NONE") << "NONE" << QByteArray("{}");
    QTest::newRow("ALL_OLD") << "ALL_OLD" << QByteArray("{}");
    QTest::newRow("UPDATED_OLD") << "UPDATED_OLD" << QByteArray("{}");
    QTest::newRow("ALL_NEW") << "ALL_NEW" << QByteArray(R"({"Attributes": )" + created + "}");
    QTest::newRow("UPDATED_NEW") << "UPDATED_NEW"
                                 << QByteArray(R"({"Attributes": {"a": {"S": "x"}}})");
}

void OperationsTest::updateUpsertsMissingItem() {
    QFETCH(QString, returnValues);
    QFETCH(QByteArray, response);
    Json request = json(R"({"TableName": "ranged", "Key": {"pk": {"S": "new"}, "sk": {"S": "s"}},
        "UpdateExpression": "SET a = :x REMOVE b", "ExpressionAttributeValues": {":x": {"S": "x"}}})");
    request["ReturnValues"] = returnValues.toStdString();
    auto updated = call("UpdateItem", request);
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated.value(), json(response.toStdString()));
    QCOMPARE_JSON(get("ranged", request["Key"]),
                  json(R"({"Item": {"pk": {"S": "new"}, "sk": {"S": "s"}, "a": {"S": "x"}}})"));
}

void OperationsTest::updateWithoutExpressionCreatesKeyOnlyItem() {
    auto updated = call("UpdateItem", json(R"({"TableName": "items", "Key": {"pk": {"S": "bare"}},
                                               "ReturnValues": "ALL_NEW"})"));
    QVERIFY_OK(updated);
    QCOMPARE_JSON(updated.value(), json(R"({"Attributes": {"pk": {"S": "bare"}}})"));
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "bare"}})")),
                  json(R"({"Item": {"pk": {"S": "bare"}}})"));
    // On an existing item it changes nothing.
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "items",
                                        "Item": {"pk": {"S": "bare"}, "v": {"N": "1"}}})")));
    auto again = call("UpdateItem", json(R"({"TableName": "items", "Key": {"pk": {"S": "bare"}},
                                             "ReturnValues": "ALL_OLD"})"));
    QVERIFY_OK(again);
    QCOMPARE_JSON(again.value(), json(R"({"Attributes": {"pk": {"S": "bare"}, "v": {"N": "1"}}})"));
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "bare"}})")),
                  json(R"({"Item": {"pk": {"S": "bare"}, "v": {"N": "1"}}})"));
}

void OperationsTest::updateErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("message");
    const QString keyPk =
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key";
    auto overlap = [](const char* path) {
        return QString(
                   "Invalid UpdateExpression: Two document paths overlap with each other; "
                   "must remove or rewrite one of these paths; path one: [%1], path two: [%1]")
            .arg(path);
    };
    QTest::newRow("SET the partition key")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET pk = :x", "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << keyPk;
    QTest::newRow("SET the partition key through a placeholder")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET a = :x, #k = :x", "ExpressionAttributeNames": {"#k": "pk"},
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << keyPk;
    QTest::newRow("REMOVE the partition key")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
                         "UpdateExpression": "REMOVE a, pk"})")
        << keyPk;
    QTest::newRow("SET the sort key")
        << QByteArray(R"({"TableName": "ranged", "Key": {"pk": {"S": "u"}, "sk": {"S": "s"}},
            "UpdateExpression": "SET sk = :x", "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "One or more parameter values were invalid: Cannot update attribute sk. This "
           "attribute is part of the key";
    QTest::newRow("SET twice") << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
        "UpdateExpression": "SET a = :x, a = :y",
        "ExpressionAttributeValues": {":x": {"S": "x"}, ":y": {"S": "y"}}})")
                               << overlap("a");
    QTest::newRow("SET and REMOVE the same attribute")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET a = :x REMOVE a",
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << overlap("a");
    QTest::newRow("REMOVE twice through a placeholder")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "REMOVE b, #b", "ExpressionAttributeNames": {"#b": "b"}})")
        << overlap("b");
    // The overlap is found while parsing, before the key schema is consulted.
    QTest::newRow("overlap after a key attribute")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET pk = :x, a = :x REMOVE a",
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << overlap("a");
    QTest::newRow("undefined value")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET a = :nope", "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "Invalid UpdateExpression: An expression attribute value used in expression is not "
           "defined; attribute value: :nope";
    QTest::newRow("undefined value without any values")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
                         "UpdateExpression": "SET a = :x"})")
        << "Invalid UpdateExpression: An expression attribute value used in expression is not "
           "defined; attribute value: :x";
    QTest::newRow("undefined name")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET #nope = :x", "ExpressionAttributeNames": {"#a": "a"},
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "Invalid UpdateExpression: An expression attribute name used in the document path is "
           "not defined; attribute name: #nope";
    QTest::newRow("undefined name in REMOVE")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
                         "UpdateExpression": "REMOVE #gone"})")
        << "Invalid UpdateExpression: An expression attribute name used in the document path is "
           "not defined; attribute name: #gone";
    QTest::newRow("unused value")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET a = :x",
            "ExpressionAttributeValues": {":x": {"S": "x"}, ":y": {"S": "y"}, ":z": {"S": "z"}}})")
        << "Value provided in ExpressionAttributeValues unused in expressions: keys: {:y, :z}";
    QTest::newRow("unused name")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET #a = :x", "ExpressionAttributeNames": {"#a": "a", "#b": "b"},
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}";
    QTest::newRow("unused names reported before unused values")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "REMOVE a", "ExpressionAttributeNames": {"#b": "b"},
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}";
    QTest::newRow("copy from a missing attribute")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
                         "UpdateExpression": "SET a = nope"})")
        << "The provided expression refers to an attribute that does not exist in the item";
    QTest::newRow("empty expression") << QByteArray(R"({"TableName": "items",
        "Key": {"pk": {"S": "u"}}, "UpdateExpression": ""})")
                                      << "Invalid UpdateExpression: The expression can not be "
                                         "empty;";
    QTest::newRow("SET used twice")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "u"}},
            "UpdateExpression": "SET a = :x SET b = :x",
            "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
           "expression;";
    QTest::newRow("key does not match the schema")
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"N": "1"}},
            "UpdateExpression": "SET a = :x", "ExpressionAttributeValues": {":x": {"S": "x"}}})")
        << "The provided key element does not match the schema";
}

void OperationsTest::updateErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, message);
    const Json item = json(R"({"pk": {"S": "u"}, "a": {"S": "1"}, "b": {"S": "2"}})");
    QVERIFY_OK(call("PutItem", Json{{"TableName", "items"}, {"Item", item}}));
    QCOMPARE_VALIDATION(call("UpdateItem", json(request.toStdString())), message.toStdString());
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "u"}})")), Json({{"Item", item}}));
    QCOMPARE_JSON(get("ranged", json(R"({"pk": {"S": "u"}, "sk": {"S": "s"}})")), Json::object());
}

void OperationsTest::getProjection_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");
    QTest::newRow("plain names") << QByteArray(R"({"ProjectionExpression": "a, c"})")
                                 << QByteArray(R"({"Item": {"a": {"S": "1"}, "c": {"N": "3"}}})");
    QTest::newRow("name placeholders")
        << QByteArray(R"({"ProjectionExpression": "#x, b, #k",
                         "ExpressionAttributeNames": {"#x": "a", "#k": "pk"}})")
        << QByteArray(R"({"Item": {"a": {"S": "1"}, "b": {"L": [{"S": "2"}]}, "pk": {"S": "k"}}})");
    QTest::newRow("placeholder for a name that is a keyword")
        << QByteArray(R"({"ProjectionExpression": "#s",
                         "ExpressionAttributeNames": {"#s": "status"}})")
        << QByteArray(R"({"Item": {"status": {"S": "on"}}})");
    QTest::newRow("placeholder for a name with a space")
        << QByteArray(R"({"ProjectionExpression": "#sp",
                         "ExpressionAttributeNames": {"#sp": "with space"}})")
        << QByteArray(R"({"Item": {"with space": {"BOOL": true}}})");
    QTest::newRow("only missing attributes")
        << QByteArray(R"({"ProjectionExpression": "nope, misc"})") << QByteArray(R"({"Item": {}})");
    QTest::newRow("some missing") << QByteArray(R"({"ProjectionExpression": "nope, c"})")
                                  << QByteArray(R"({"Item": {"c": {"N": "3"}}})");
    QTest::newRow("missing item") << QByteArray(R"({"Key": {"pk": {"S": "absent"}},
                                                   "ProjectionExpression": "a"})")
                                  << QByteArray("{}");
    QTest::newRow("AttributesToGet") << QByteArray(R"({"AttributesToGet": ["c", "status"]})")
                                     << QByteArray(R"({"Item": {"c": {"N": "3"},
                                                               "status": {"S": "on"}}})");
}

void OperationsTest::getProjection() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "items", "Item": {"pk": {"S": "k"},
        "a": {"S": "1"}, "b": {"L": [{"S": "2"}]}, "c": {"N": "3"}, "status": {"S": "on"},
        "with space": {"BOOL": true}}})")));
    Json get = json(request.toStdString());
    get["TableName"] = "items";
    if (!get.contains("Key")) get["Key"] = json(R"({"pk": {"S": "k"}})");
    auto got = call("GetItem", get);
    QVERIFY_OK(got);
    QCOMPARE_JSON(got.value(), json(response.toStdString()));
}

void OperationsTest::getProjectionErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("message");
    QTest::newRow("undefined name")
        << QByteArray(
               R"({"ProjectionExpression": "a, #x", "ExpressionAttributeNames": {"#a": "a"}})")
        << "Invalid ProjectionExpression: An expression attribute name used in the document path "
           "is not defined; attribute name: #x";
    QTest::newRow("undefined name without names")
        << QByteArray(R"({"ProjectionExpression": "#x"})")
        << "Invalid ProjectionExpression: An expression attribute name used in the document path "
           "is not defined; attribute name: #x";
    QTest::newRow("unused names")
        << QByteArray(R"({"ProjectionExpression": "#a",
                         "ExpressionAttributeNames": {"#a": "a", "#b": "b", "#c": "c"}})")
        << "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}";
    QTest::newRow("names without an expression")
        << QByteArray(R"({"ExpressionAttributeNames": {"#a": "a"}})")
        << "ExpressionAttributeNames can only be specified when using expressions";
    QTest::newRow("same attribute twice")
        << QByteArray(
               R"({"ProjectionExpression": "a, #a", "ExpressionAttributeNames": {"#a": "a"}})")
        << "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
           "or rewrite one of these paths; path one: [a], path two: [a]";
    QTest::newRow("empty expression") << QByteArray(R"({"ProjectionExpression": ""})")
                                      << "Invalid ProjectionExpression: The expression can not "
                                         "be empty;";
    QTest::newRow("both projection forms")
        << QByteArray(R"({"ProjectionExpression": "a", "AttributesToGet": ["a"]})")
        << "Can not use both expression and non-expression parameters in the same request: "
           "Non-expression parameters: {AttributesToGet} Expression parameters: "
           "{ProjectionExpression}";
    QTest::newRow("invalid name key")
        << QByteArray(R"({"ProjectionExpression": "a", "ExpressionAttributeNames": {"a": "a"}})")
        << "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"";
}

void OperationsTest::getProjectionErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, message);
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "items", "Item": {"pk": {"S": "k"}}})")));
    Json get = json(request.toStdString());
    get["TableName"] = "items";
    get["Key"] = json(R"({"pk": {"S": "k"}})");
    QCOMPARE_VALIDATION(call("GetItem", get), message.toStdString());
}

void OperationsTest::keyErrors_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("message");
    const QString mismatch = "The provided key element does not match the schema";
    QTest::newRow("empty key") << "items" << QByteArray("{}") << mismatch;
    QTest::newRow("wrong type") << "items" << QByteArray(R"({"pk": {"N": "1"}})") << mismatch;
    QTest::newRow("wrong name") << "items" << QByteArray(R"({"id": {"S": "k"}})") << mismatch;
    QTest::newRow("extra attribute")
        << "items" << QByteArray(R"({"pk": {"S": "k"}, "x": {"S": "y"}})") << mismatch;
    QTest::newRow("sort key missing")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}})") << mismatch;
    QTest::newRow("sort key wrong type")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "sk": {"N": "1"}})") << mismatch;
    QTest::newRow("sort key replaced")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "misc": {"S": "s"}})") << mismatch;
    QTest::newRow("set as key") << "items" << QByteArray(R"({"pk": {"SS": ["k"]}})") << mismatch;
    QTest::newRow("N key given as S")
        << "numbers" << QByteArray(R"({"id": {"S": "1"}})") << mismatch;
    QTest::newRow("empty string partition key")
        << "items" << QByteArray(R"({"pk": {"S": ""}})")
        << "One or more parameter values were invalid: The AttributeValue for a key attribute "
           "cannot contain an empty string value. Key: pk";
    QTest::newRow("empty string sort key")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "sk": {"S": ""}})")
        << "One or more parameter values were invalid: The AttributeValue for a key attribute "
           "cannot contain an empty string value. Key: sk";
    QTest::newRow("empty binary partition key")
        << "blobs" << QByteArray(R"({"pk": {"B": ""}, "sk": {"B": "AA=="}})")
        << "One or more parameter values were invalid: The AttributeValue for a key attribute "
           "cannot contain an empty binary value. Key: pk";
    QTest::newRow("partition key of 2049 bytes")
        << "items" << QByteArray(("{\"pk\": {\"S\": \"" + std::string(2049, 'k') + "\"}}").c_str())
        << "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
           "size limit of2048 bytes";
    QTest::newRow("sort key of 1025 bytes")
        << "ranged"
        << QByteArray(
               ("{\"pk\": {\"S\": \"k\"}, \"sk\": {\"S\": \"" + std::string(1025, 's') + "\"}}")
                   .c_str())
        << "One or more parameter values were invalid: Aggregated size of all range keys has "
           "exceeded the size limit of 1024 bytes";
}

void OperationsTest::keyErrors() {
    QFETCH(QString, table);
    QFETCH(QByteArray, key);
    QFETCH(QString, message);
    const Json request = {{"TableName", table.toStdString()}, {"Key", json(key.toStdString())}};
    QCOMPARE_VALIDATION(call("GetItem", request), message.toStdString());
    QCOMPARE_VALIDATION(call("DeleteItem", request), message.toStdString());
    QCOMPARE_VALIDATION(call("UpdateItem", request), message.toStdString());
    Json update = request;
    update["UpdateExpression"] = "SET v = :v";
    update["ExpressionAttributeValues"] = json(R"({":v": {"S": "v"}})");
    QCOMPARE_VALIDATION(call("UpdateItem", update), message.toStdString());
    // Nothing was written.
    auto scanned = call("Scan", Json{{"TableName", table.toStdString()}});
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(scanned.value()["Count"], Json(0));
}

void OperationsTest::itemKeyErrors_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("message");
    QTest::newRow("no partition key") << "items" << QByteArray(R"({"v": {"S": "x"}})")
                                      << "One or more parameter values were invalid: Missing the "
                                         "key pk in the item";
    QTest::newRow("empty item") << "items" << QByteArray("{}")
                                << "One or more parameter values were invalid: Missing the key pk "
                                   "in the item";
    QTest::newRow("no sort key") << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "v": {"S": "x"}})")
                                 << "One or more parameter values were invalid: Missing the key sk "
                                    "in the item";
    QTest::newRow("partition key checked first") << "ranged" << QByteArray(R"({"sk": {"N": "1"}})")
                                                 << "One or more parameter values were invalid: "
                                                    "Missing the key pk in the item";
    QTest::newRow("partition key N instead of S")
        << "items" << QByteArray(R"({"pk": {"N": "1"}})")
        << "One or more parameter values were invalid: Type mismatch for key pk expected: S "
           "actual: N";
    QTest::newRow("partition key M instead of S")
        << "items" << QByteArray(R"({"pk": {"M": {}}})")
        << "One or more parameter values were invalid: Type mismatch for key pk expected: S "
           "actual: M";
    QTest::newRow("sort key SS instead of S")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "sk": {"SS": ["s"]}})")
        << "One or more parameter values were invalid: Type mismatch for key sk expected: S "
           "actual: SS";
    QTest::newRow("N key given as S") << "numbers" << QByteArray(R"({"id": {"S": "1"}})")
                                      << "One or more parameter values were invalid: Type "
                                         "mismatch for key id expected: N actual: S";
    QTest::newRow("empty string partition key")
        << "items" << QByteArray(R"({"pk": {"S": ""}})")
        << "One or more parameter values are not valid. The AttributeValue for a key attribute "
           "cannot contain an empty string value. Key: pk";
    QTest::newRow("empty string sort key")
        << "ranged" << QByteArray(R"({"pk": {"S": "k"}, "sk": {"S": ""}})")
        << "One or more parameter values are not valid. The AttributeValue for a key attribute "
           "cannot contain an empty string value. Key: sk";
    QTest::newRow("empty binary sort key")
        << "blobs" << QByteArray(R"({"pk": {"B": "AA=="}, "sk": {"B": ""}})")
        << "One or more parameter values are not valid. The AttributeValue for a key attribute "
           "cannot contain an empty binary value. Key: sk";
}

void OperationsTest::itemKeyErrors() {
    QFETCH(QString, table);
    QFETCH(QByteArray, item);
    QFETCH(QString, message);
    QCOMPARE_VALIDATION(call("PutItem", Json{{"TableName", table.toStdString()},
                                             {"Item", json(item.toStdString())}}),
                        message.toStdString());
    auto scanned = call("Scan", Json{{"TableName", table.toStdString()}});
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(scanned.value()["Count"], Json(0));
}

void OperationsTest::keySizeLimits_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<QString>("message");  // empty when the item is accepted
    const QString hashTooBig =
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes";
    const QString rangeTooBig =
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes";
    auto stringKeys = [](size_t pkBytes, size_t skBytes, bool multibyte) {
        const auto text = [&](size_t n) {
            return multibyte ? utf8OfBytes(n) : std::string(n, 'k');
        };
        Json item = {{"pk", {{"S", text(pkBytes)}}}};
        if (skBytes) item["sk"] = {{"S", text(skBytes)}};
        return QByteArray(item.dump().c_str());
    };
    auto binaryKeys = [](size_t pkBytes, size_t skBytes) {
        Json item = {{"pk", {{"B", base64OfBytes(pkBytes)}}},
                     {"sk", {{"B", base64OfBytes(skBytes)}}}};
        return QByteArray(item.dump().c_str());
    };
    QTest::newRow("S partition key of 2048 bytes") << "items" << stringKeys(2048, 0, false) << "";
    QTest::newRow("S partition key of 2049 bytes")
        << "items" << stringKeys(2049, 0, false) << hashTooBig;
    QTest::newRow("UTF-8 partition key of 2048 bytes")
        << "items" << stringKeys(2048, 0, true) << "";
    QTest::newRow("UTF-8 partition key of 2049 bytes")
        << "items" << stringKeys(2049, 0, true) << hashTooBig;
    QTest::newRow("S sort key of 1024 bytes") << "ranged" << stringKeys(2048, 1024, false) << "";
    QTest::newRow("S sort key of 1025 bytes")
        << "ranged" << stringKeys(1, 1025, false) << rangeTooBig;
    QTest::newRow("UTF-8 sort key of 1025 bytes")
        << "ranged" << stringKeys(1, 1025, true) << rangeTooBig;
    QTest::newRow("B keys at the limits") << "blobs" << binaryKeys(2048, 1024) << "";
    QTest::newRow("B partition key of 2049 bytes") << "blobs" << binaryKeys(2049, 1) << hashTooBig;
    QTest::newRow("B sort key of 1025 bytes") << "blobs" << binaryKeys(1, 1025) << rangeTooBig;
    QTest::newRow("both keys too big") << "ranged" << stringKeys(2049, 1025, false) << hashTooBig;
}

void OperationsTest::keySizeLimits() {
    QFETCH(QString, table);
    QFETCH(QByteArray, item);
    QFETCH(QString, message);
    const Json value = json(item.toStdString());
    const std::string name = table.toStdString();
    auto put = call("PutItem", Json{{"TableName", name}, {"Item", value}});
    if (message.isEmpty()) {
        QVERIFY_OK(put);
        QCOMPARE_JSON(get(name, value), Json({{"Item", value}}));
        QVERIFY_OK(call("DeleteItem", Json{{"TableName", name}, {"Key", value}}));
        QCOMPARE_JSON(get(name, value), Json::object());
    } else {
        QCOMPARE_VALIDATION(put, message.toStdString());
        QCOMPARE_VALIDATION(call("GetItem", Json{{"TableName", name}, {"Key", value}}),
                            message.toStdString());
    }
}

void OperationsTest::itemSizeLimit() {
    const Json atLimit = itemOfSize(json(R"({"pk": {"S": "big"}, "n": {"N": "1"}})"), 400 * 1024);
    QCOMPARE(sizeOf(atLimit), size_t(409600));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "items"}, {"Item", atLimit}}));
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "big"}})")), Json({{"Item", atLimit}}));

    const Json overLimit =
        itemOfSize(json(R"({"pk": {"S": "big"}, "n": {"N": "2"}})"), 400 * 1024 + 1);
    QCOMPARE(sizeOf(overLimit), size_t(409601));
    QCOMPARE_VALIDATION(call("PutItem", Json{{"TableName", "items"}, {"Item", overLimit}}),
                        "Item size has exceeded the maximum allowed size");
    // The size limit is checked before the table is looked up.
    QCOMPARE_VALIDATION(call("PutItem", Json{{"TableName", "absent"}, {"Item", overLimit}}),
                        "Item size has exceeded the maximum allowed size");
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "big"}})")), Json({{"Item", atLimit}}));

    // Attribute names count: the same value under a longer name tips the item over.
    Json renamed = atLimit;
    renamed["nn"] = renamed["n"];
    renamed.erase("n");
    QCOMPARE(sizeOf(renamed), size_t(409601));
    QCOMPARE_VALIDATION(call("PutItem", Json{{"TableName", "items"}, {"Item", renamed}}),
                        "Item size has exceeded the maximum allowed size");

    // The batch and transaction forms refuse the same item with the same message.
    QCOMPARE_VALIDATION(
        call("BatchWriteItem",
             Json{{"RequestItems",
                   {{"items", Json::array({Json{{"PutRequest", {{"Item", overLimit}}}}})}}}}),
        "Item size has exceeded the maximum allowed size");
    QCOMPARE_VALIDATION(
        call("TransactWriteItems",
             Json{{"TransactItems",
                   Json::array({Json{{"Put", {{"TableName", "items"}, {"Item", overLimit}}}}})}}),
        "Item size has exceeded the maximum allowed size");
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "big"}})")), Json({{"Item", atLimit}}));
}

void OperationsTest::updateItemSizeLimit() {
    const Json start = itemOfSize(json(R"({"pk": {"S": "grow"}})"), 400 * 1024 - 10);
    QVERIFY_OK(call("PutItem", Json{{"TableName", "items"}, {"Item", start}}));
    // "extra" (5) + "abcde" (5) makes exactly 400 KB.
    auto grown = call("UpdateItem", json(R"({"TableName": "items", "Key": {"pk": {"S": "grow"}},
        "UpdateExpression": "SET extra = :v", "ExpressionAttributeValues": {":v": {"S": "abcde"}},
        "ReturnValues": "UPDATED_NEW"})"));
    QVERIFY_OK(grown);
    QCOMPARE_JSON(grown.value(), json(R"({"Attributes": {"extra": {"S": "abcde"}}})"));
    Json expected = start;
    expected["extra"] = json(R"({"S": "abcde"})");
    QCOMPARE(sizeOf(expected), size_t(409600));

    QCOMPARE_VALIDATION(
        call("UpdateItem", json(R"({"TableName": "items", "Key": {"pk": {"S": "grow"}},
        "UpdateExpression": "SET extra = :v", "ExpressionAttributeValues": {":v": {"S": "abcdef"}}})")),
        "Item size to update has exceeded the maximum allowed size");
    QCOMPARE_JSON(get("items", json(R"({"pk": {"S": "grow"}})")), Json({{"Item", expected}}));
}

void OperationsTest::tableNotFound_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("PutItem") << "PutItem"
                             << QByteArray(
                                    R"({"TableName": "absent", "Item": {"pk": {"S": "k"}}})");
    QTest::newRow("PutItem with a key the schema would reject")
        << "PutItem" << QByteArray(R"({"TableName": "absent", "Item": {"v": {"S": "k"}}})");
    QTest::newRow("GetItem") << "GetItem"
                             << QByteArray(R"({"TableName": "absent", "Key": {"pk": {"S": "k"}}})");
    QTest::newRow("DeleteItem") << "DeleteItem"
                                << QByteArray(
                                       R"({"TableName": "absent", "Key": {"pk": {"S": "k"}}})");
    QTest::newRow("UpdateItem") << "UpdateItem" << QByteArray(R"({"TableName": "absent",
        "Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET a = :v",
        "ExpressionAttributeValues": {":v": {"S": "v"}}})");
    QTest::newRow("Query") << "Query" << QByteArray(R"({"TableName": "absent",
        "KeyConditionExpression": "pk = :v", "ExpressionAttributeValues": {":v": {"S": "v"}}})");
    QTest::newRow("Scan") << "Scan" << QByteArray(R"({"TableName": "absent"})");
    QTest::newRow("case differs") << "GetItem"
                                  << QByteArray(
                                         R"({"TableName": "Items", "Key": {"pk": {"S": "k"}}})");
}

void OperationsTest::tableNotFound() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QCOMPARE_ERROR(call(operation.toStdString(), json(request.toStdString())),
                   "ResourceNotFoundException", "Requested resource not found");
}

void OperationsTest::requestErrors_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    QTest::newRow("PutItem without Item")
        << "PutItem" << QByteArray(R"({"TableName": "items"})") << validation
        << "1 validation error detected: Value null at 'item' "
           "failed to satisfy constraint: Member must not be null";
    QTest::newRow("GetItem without Key")
        << "GetItem" << QByteArray(R"({"TableName": "items"})") << validation
        << "1 validation error detected: Value null at 'key' "
           "failed to satisfy constraint: Member must not be null";
    QTest::newRow("DeleteItem without anything")
        << "DeleteItem" << QByteArray("{}") << validation
        << "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: "
           "Member must not be null; Value null at 'key' failed to satisfy constraint: Member must "
           "not be null";
    QTest::newRow("UpdateItem with a bad table name")
        << "UpdateItem" << QByteArray(R"({"TableName": "x!", "Key": {"pk": {"S": "k"}}})")
        << validation
        << "2 validation errors detected: Value 'x!' at 'tableName' failed to satisfy constraint: "
           "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'x!' at "
           "'tableName' failed to satisfy constraint: Member must have length greater than or "
           "equal to 3";
    QTest::newRow("Item is a list")
        << "PutItem" << QByteArray(R"({"TableName": "items", "Item": []})")
        << "SerializationException"
        << "Unrecognized collection type java.util.Map<java.lang.String, "
           "com.amazonaws.dynamodb.v20120810.AttributeValue>";
    QTest::newRow("PutItem values without ConditionExpression")
        << "PutItem" << QByteArray(R"({"TableName": "items", "Item": {"pk": {"S": "k"}},
                         "ExpressionAttributeValues": {":v": {"S": "v"}}})")
        << validation
        << "ExpressionAttributeValues can only be specified when using expressions: "
           "ConditionExpression is null";
    QTest::newRow("DeleteItem names without ConditionExpression")
        << "DeleteItem" << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "k"}},
                         "ExpressionAttributeNames": {"#v": "v"}})")
        << validation << "ExpressionAttributeNames can only be specified when using expressions";
    QTest::newRow("UpdateItem values without expressions")
        << "UpdateItem" << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "k"}},
                         "ExpressionAttributeValues": {":v": {"S": "v"}}})")
        << validation
        << "ExpressionAttributeValues can only be specified when using expressions: "
           "UpdateExpression and ConditionExpression are null";
    QTest::newRow("empty ExpressionAttributeValues")
        << "UpdateItem" << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "k"}},
                         "UpdateExpression": "REMOVE a", "ExpressionAttributeValues": {}})")
        << validation << "ExpressionAttributeValues must not be empty";
    QTest::newRow("invalid value placeholder")
        << "UpdateItem" << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "k"}},
            "UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {"v": {"S": "v"}}})")
        << validation << "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"";
    // DynamoDB's reader takes "true"/"yes"/"1" and "false"/"no"/"0" for a boolean.
    QTest::newRow("ConsistentRead is a string")
        << "GetItem"
        << QByteArray(R"({"TableName": "items", "Key": {"pk": {"S": "k"}}, "ConsistentRead": "x"})")
        << "SerializationException"
        << "Unexpected token received from parser";
}

void OperationsTest::requestErrors() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QCOMPARE_ERROR(call(operation.toStdString(), json(request.toStdString())), errorType,
                   message.toStdString());
}

void OperationsTest::unknownOperation() {
    const auto result = call("FlyToTheMoon", json(R"({"TableName": "items"})"));
    QCOMPARE_ERROR(result, "UnknownOperationException", "Unknown operation: FlyToTheMoon");
    QCOMPARE(QString::fromStdString(wireTypeName(result.error())),
             QString("com.amazon.coral.service#UnknownOperationException"));
    // Operation names are case sensitive, as DynamoDB's X-Amz-Target is.
    QCOMPARE_ERROR(call("getitem", json(R"({"TableName": "items", "Key": {"pk": {"S": "k"}}})")),
                   "UnknownOperationException", "Unknown operation: getitem");
    QCOMPARE_ERROR(call("", Json::object()), "UnknownOperationException", "Unknown operation: ");
}

void OperationsTest::dispatchText() {
    Engine& engine = harness_->engine();
    auto put = shardscape::dispatchText(
        engine, "PutItem",
        R"({"TableName": "items", "Item": {"pk": {"S": "t"}, "v": {"N": "1"}}})");
    QVERIFY_OK(put);
    QCOMPARE_JSON(put.value(), Json::object());
    auto got = shardscape::dispatchText(engine, "GetItem",
                                        R"({"TableName": "items", "Key": {"pk": {"S": "t"}}})");
    QVERIFY_OK(got);
    QCOMPARE_JSON(got.value(), json(R"({"Item": {"pk": {"S": "t"}, "v": {"N": "1"}}})"));

    for (const char* malformed : {"{", "{\"TableName\": }", "not json", "{\"a\": 1} trailing"}) {
        const auto result = shardscape::dispatchText(engine, "GetItem", malformed);
        QCOMPARE_ERROR(result, "SerializationException", "Malformed JSON in the request body");
        QCOMPARE(QString::fromStdString(wireTypeName(result.error())),
                 QString("com.amazon.coral.service#SerializationException"));
    }
    QCOMPARE_ERROR(shardscape::dispatchText(engine, "GetItem", "[]"), "SerializationException",
                   "Start of list found where not expected");
    // The body is parsed before the operation is resolved.
    QCOMPARE_ERROR(shardscape::dispatchText(engine, "Nope", "{"), "SerializationException",
                   "Malformed JSON in the request body");
    QCOMPARE_ERROR(shardscape::dispatchText(engine, "Nope", "{}"), "UnknownOperationException",
                   "Unknown operation: Nope");
}

QTEST_GUILESS_MAIN(OperationsTest)
#include "test_operations.moc"
