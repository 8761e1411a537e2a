// The import's fast path for JSON records (transfer/fast_item_parser.h) against the general
// path it stands in for: every record it takes gives exactly the general path's item, and
// every record it leaves is one the general path must judge (an error, or a JSON feature the
// fast path does not read).
#include <QtTest>

#include "transfer/fast_item_parser.h"
#include "transfer/plain_json.h"
#include "values/attribute_json.h"

using namespace shardscape;

class FastItemParserTest : public QObject {
    Q_OBJECT
  private slots:
    void dynamodbJsonTakenGivesTheGeneralPathsItem_data();
    void dynamodbJsonTakenGivesTheGeneralPathsItem();
    void dynamodbJsonLeftToTheGeneralPath_data();
    void dynamodbJsonLeftToTheGeneralPath();
    void exportLines();
    void recordsReadWhereTheyLie();
    void plainJsonTakenGivesTheGeneralPathsItem_data();
    void plainJsonTakenGivesTheGeneralPathsItem();
    void plainJsonLeftToTheGeneralPath_data();
    void plainJsonLeftToTheGeneralPath();
};

namespace {

// The general path of DynamoDB JSON import: the JSON document, then the codec.
Result<Item> generalDynamoDb(const std::string& text) {
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded()) return validationError("malformed");
    return itemFromJson(json);
}

std::string dump(const Item& item) {
    return itemToJson(item).dump();
}

}  // namespace

void FastItemParserTest::dynamodbJsonTakenGivesTheGeneralPathsItem_data() {
    QTest::addColumn<QString>("record");
    QTest::addColumn<QString>("expected");  // the item as DynamoDB JSON, compact
    QTest::newRow("scalars")
        << R"J( { "id" : {"S":"a-1"}, "n": {"N": "01.50"},
        "b": {"B": "aGk="}, "t": {"BOOL": true}, "f": {"BOOL": false}, "z": {"NULL": true} } )J"
        << R"J({"b":{"B":"aGk="},"f":{"BOOL":false},"id":{"S":"a-1"},"n":{"N":"1.5"},"t":{"BOOL":true},"z":{"NULL":true}})J";
    QTest::newRow("escapes and unicode")
        << R"J({"id":{"S":"q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00 é€😀"}})J"
        << QString::fromUtf8(
               "{\"id\":{\"S\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\xc3\xa9\xf0\x9f\x98\x80 "
               "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}}");
    QTest::newRow("nested map and list")
        << R"J({"id":{"S":"x"},"m":{"M":{"a":{"L":[{"N":"1"},{"S":"two"},{"M":{}}]},"e":{"L":[]}}}})J"
        << R"J({"id":{"S":"x"},"m":{"M":{"a":{"L":[{"N":"1"},{"S":"two"},{"M":{}}]},"e":{"L":[]}}}})J";
    QTest::newRow("sets keep their order")
        << R"J({"id":{"S":"x"},"ss":{"SS":["b","a"]},"ns":{"NS":["2","1.0"]},"bs":{"BS":["AQ==","Ag=="]}})J"
        << R"J({"bs":{"BS":["AQ==","Ag=="]},"id":{"S":"x"},"ns":{"NS":["2","1"]},"ss":{"SS":["b","a"]}})J";
    QTest::newRow("numbers")
        << R"J({"a":{"N":"-7"},"b":{"N":"0"},"c":{"N":"-0"},"d":{"N":"120"},"e":{"N":"00120"},
        "f":{"N":"12345678901234567890123456789012345678"},"g":{"N":"1E2"},"h":{"N":"+5"}})J"
        << R"J({"a":{"N":"-7"},"b":{"N":"0"},"c":{"N":"0"},"d":{"N":"120"},"e":{"N":"120"},"f":{"N":"12345678901234567890123456789012345678"},"g":{"N":"100"},"h":{"N":"5"}})J";
    QTest::newRow("escaped type key") << R"J({"a":{"\u0053":"x"},"b":{"\u004e":"1"}})J"
                                      << R"J({"a":{"S":"x"},"b":{"N":"1"}})J";
    QTest::newRow("empty item") << "{}"
                                << "{}";
    QTest::newRow("empty name and string") << R"J({"":{"S":""}})J"
                                           << R"J({"":{"S":""}})J";
}

void FastItemParserTest::dynamodbJsonTakenGivesTheGeneralPathsItem() {
    QFETCH(QString, record);
    QFETCH(QString, expected);
    const std::string text = record.toStdString();
    const std::optional<Item> fast = parseDynamoDbItem(text, false);
    QVERIFY(fast);
    const Result<Item> general = generalDynamoDb(text);
    QVERIFY(general);
    QCOMPARE(QString::fromStdString(dump(*fast)), QString::fromStdString(dump(*general)));
    QCOMPARE(QString::fromStdString(dump(*fast)), expected);
}

void FastItemParserTest::dynamodbJsonLeftToTheGeneralPath_data() {
    QTest::addColumn<QString>("record");
    QTest::addColumn<bool>("generalAccepts");  // what the general path makes of it
    QTest::newRow("member named twice") << R"J({"a":{"S":"1"},"a":{"S":"2"}})J" << true;
    QTest::newRow("null member") << R"J({"a":{"S":"1"},"b":null})J" << true;
    QTest::newRow("unknown key beside the type") << R"J({"a":{"S":"1","X":2}})J" << true;
    QTest::newRow("null type member") << R"J({"a":{"N":null,"S":"1"}})J" << true;
    QTest::newRow("two types") << R"J({"a":{"S":"1","N":"1"}})J" << false;
    QTest::newRow("no type") << R"J({"a":{}})J" << false;
    QTest::newRow("bad number") << R"J({"a":{"N":"1e999"}})J" << false;
    QTest::newRow("39 digits") << R"J({"a":{"N":"123456789012345678901234567890123456789"}})J"
                               << false;
    QTest::newRow("minus alone") << R"J({"a":{"N":"-"}})J" << false;
    QTest::newRow("number not a string") << R"J({"a":{"N":1}})J" << false;
    QTest::newRow("bad base64") << R"J({"a":{"B":"*"}})J" << false;
    QTest::newRow("NULL false") << R"J({"a":{"NULL":false}})J" << false;
    QTest::newRow("empty set") << R"J({"a":{"SS":[]}})J" << false;
    QTest::newRow("duplicate set members") << R"J({"a":{"NS":["1","1.0"]}})J" << false;
    QTest::newRow("not an object") << R"J([{"a":{"S":"1"}}])J" << false;
    QTest::newRow("malformed") << R"J({"a":{"S":"1"})J" << false;
    QTest::newRow("text after the item") << R"J({"a":{"S":"1"}} x)J" << false;
    QTest::newRow("lone surrogate") << R"J({"a":{"S":"\udc00"}})J" << false;
    QTest::newRow("control character") << QString("{\"a\":{\"S\":\"\t\"}}") << false;
    QTest::newRow("ill-formed UTF-8") << QString::fromLatin1("{\"a\":{\"S\":\"\xe9\"}}") << false;
    std::string deep = R"({"a":)";
    for (int i = 0; i < 32; ++i) deep += R"({"L":[)";
    deep += R"({"S":"x"})";
    for (int i = 0; i < 32; ++i) deep += "]}";
    deep += "}";
    QTest::newRow("nested too deep") << QString::fromStdString(deep) << false;
}

void FastItemParserTest::dynamodbJsonLeftToTheGeneralPath() {
    QFETCH(QString, record);
    QFETCH(bool, generalAccepts);
    // Latin-1 rows carry bytes that are not UTF-8 on purpose.
    const std::string text = QTest::currentDataTag() == QByteArray("ill-formed UTF-8")
                                 ? record.toLatin1().toStdString()
                                 : record.toStdString();
    QVERIFY(!parseDynamoDbItem(text, false));
    QCOMPARE(static_cast<bool>(generalDynamoDb(text)), generalAccepts);
}

void FastItemParserTest::exportLines() {
    const std::optional<Item> item = parseDynamoDbItem(R"J( {"Item": {"id": {"S": "1"}}} )J", true);
    QVERIFY(item);
    QCOMPARE(QString::fromStdString(dump(*item)), QString(R"J({"id":{"S":"1"}})J"));
    // Without the wrapper, or with more beside it: the general path decides.
    QVERIFY(!parseDynamoDbItem(R"J({"id": {"S": "1"}})J", true));
    QVERIFY(!parseDynamoDbItem(R"J({"Item": {"id": {"S": "1"}}, "Other": 1})J", true));
    QVERIFY(!parseDynamoDbItem(R"J({"Item": {"id": {"S": "1"}}})J", false));
}

void FastItemParserTest::recordsReadWhereTheyLie() {
    // A record at the start of a read buffer, followed by whatever comes next.
    size_t length = 0;
    const std::string lines = "{\"id\":{\"S\":\"a\"}}\n{\"id\":{\"S\":\"b\"}}";
    std::optional<Item> item = parseDynamoDbItemAt(lines, false, length);
    QVERIFY(item);
    QCOMPARE(length, size_t(16));
    QCOMPARE(QString::fromStdString(dump(*item)), QString(R"J({"id":{"S":"a"}})J"));
    // Cut short by the end of the buffer, or not starting at its brace: left to scanning.
    length = 0;
    QVERIFY(!parseDynamoDbItemAt(std::string_view(lines).substr(0, 15), false, length));
    QVERIFY(!parseDynamoDbItemAt(" " + lines, false, length));
    QVERIFY(!parseDynamoDbItemAt("", false, length));
    QCOMPARE(length, size_t(0));

    const std::string exportLines = R"J({"Item": {"id": {"S": "1"}}}, {"Item")J";
    item = parseDynamoDbItemAt(exportLines, true, length);
    QVERIFY(item);
    QCOMPARE(length, size_t(28));
    QCOMPARE(QString::fromStdString(dump(*item)), QString(R"J({"id":{"S":"1"}})J"));

    const std::string plain = "{\"id\": \"a\", \"n\": 12},\n{\"id\"";
    item = parsePlainJsonItemAt(plain, length);
    QVERIFY(item);
    QCOMPARE(length, size_t(20));
    QCOMPARE(QString::fromStdString(dump(*item)), QString(R"J({"id":{"S":"a"},"n":{"N":"12"}})J"));
    length = 0;
    QVERIFY(!parsePlainJsonItemAt(std::string_view(plain).substr(0, 18), length));
    QVERIFY(!parsePlainJsonItemAt("[{\"id\": \"a\"}]", length));
    QCOMPARE(length, size_t(0));
}

void FastItemParserTest::plainJsonTakenGivesTheGeneralPathsItem_data() {
    QTest::addColumn<QString>("record");
    QTest::addColumn<QString>("expected");
    QTest::newRow("inferred types")
        << R"J( {"id": "a", "n": -42, "z": 0, "big": 123456789012345678, "t": true,
              "f": false, "nothing": null} )J"
        << R"J({"big":{"N":"123456789012345678"},"f":{"BOOL":false},"id":{"S":"a"},"n":{"N":"-42"},"nothing":{"NULL":true},"t":{"BOOL":true},"z":{"N":"0"}})J";
    QTest::newRow("nested")
        << R"J({"id":"a","l":[1,"x",null,[],{"k":[true]}],"m":{"in":{"deep":"é"}}})J"
        << QString::fromUtf8(
               R"J({"id":{"S":"a"},"l":{"L":[{"N":"1"},{"S":"x"},{"NULL":true},{"L":[]},{"M":{"k":{"L":[{"BOOL":true}]}}}]},"m":{"M":{"in":{"M":{"deep":{"S":"é"}}}}}})J");
    QTest::newRow("empty") << "{}"
                           << "{}";
}

void FastItemParserTest::plainJsonTakenGivesTheGeneralPathsItem() {
    QFETCH(QString, record);
    QFETCH(QString, expected);
    const std::string text = record.toStdString();
    const std::optional<Item> fast = parsePlainJsonItem(text);
    QVERIFY(fast);
    const Result<Item> general = plainJsonToItem(text);
    QVERIFY(general);
    QCOMPARE(QString::fromStdString(dump(*fast)), QString::fromStdString(dump(*general)));
    QCOMPARE(QString::fromStdString(dump(*fast)), expected);
}

void FastItemParserTest::plainJsonLeftToTheGeneralPath_data() {
    QTest::addColumn<QString>("record");
    QTest::addColumn<bool>("generalAccepts");
    QTest::newRow("fraction") << R"J({"n": 1.50})J" << true;
    QTest::newRow("exponent") << R"J({"n": 1e3})J" << true;
    QTest::newRow("minus zero") << R"J({"n": -0})J" << true;
    QTest::newRow("19 digits") << R"J({"n": 1234567890123456789})J" << true;
    QTest::newRow("member named twice") << R"J({"a": 1, "a": 2})J" << true;
    QTest::newRow("leading zero") << R"J({"n": 01})J" << false;
    QTest::newRow("not an object") << R"J([1])J" << false;
    QTest::newRow("number too large for DynamoDB") << R"J({"n": 1e200})J" << false;
    QTest::newRow("malformed") << R"J({"a": tru})J" << false;
}

void FastItemParserTest::plainJsonLeftToTheGeneralPath() {
    QFETCH(QString, record);
    QFETCH(bool, generalAccepts);
    const std::string text = record.toStdString();
    QVERIFY(!parsePlainJsonItem(text));
    QCOMPARE(static_cast<bool>(plainJsonToItem(text)), generalAccepts);
}

QTEST_GUILESS_MAIN(FastItemParserTest)
#include "test_fast_item_parser.moc"
