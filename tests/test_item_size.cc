// Item size by DynamoDB's documented rules ("Item sizes and formats" in the DynamoDB developer
// guide). Every capacity-unit figure and the 400 KB limit rest on these numbers.

#include <QtTest>

#include "values/attribute_json.h"
#include "values/item_size.h"

using namespace shardscape;

namespace {

Json parseJson(const QByteArray& text) {
    Json json = Json::parse(text.toStdString(), nullptr, false);
    if (json.is_discarded()) qFatal("test input is not JSON: %s", text.constData());
    return json;
}

}  // namespace

class TestItemSize : public QObject {
    Q_OBJECT

  private slots:
    void valueSize_data();
    void valueSize();
    void itemSize_data();
    void itemSize();
    void limitIs400KB();
};

void TestItemSize::valueSize_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("size");

    // S: UTF-8 bytes, not characters.
    QTest::newRow("S empty") << QByteArray(R"({"S":""})") << 0;
    QTest::newRow("S ASCII") << QByteArray(R"({"S":"abc"})") << 3;
    QTest::newRow("S two-byte") << QByteArray(R"({"S":"\u00e9"})") << 2;
    QTest::newRow("S three-byte") << QByteArray(R"({"S":"\u65e5\u672c\u8a9e"})") << 9;
    QTest::newRow("S four-byte") << QByteArray(R"({"S":"\ud83d\ude00"})") << 4;
    QTest::newRow("S mixed") << QByteArray(R"({"S":"a\u00e9\u65e5\ud83d\ude00"})") << 10;
    // B: raw bytes, not the base64 text.
    QTest::newRow("B empty") << QByteArray(R"({"B":""})") << 0;
    QTest::newRow("B three bytes") << QByteArray(R"({"B":"AAEC"})") << 3;
    QTest::newRow("B one byte") << QByteArray(R"({"B":"/w=="})") << 1;
    QTest::newRow("BOOL") << QByteArray(R"({"BOOL":false})") << 1;
    QTest::newRow("NULL") << QByteArray(R"({"NULL":true})") << 1;
    // N: 1 byte plus 1 per base-100 digit pair (aligned on the decimal point), +1 if negative.
    QTest::newRow("N 0") << QByteArray(R"({"N":"0"})") << 1;
    QTest::newRow("N 1") << QByteArray(R"({"N":"1"})") << 2;
    QTest::newRow("N 12") << QByteArray(R"({"N":"12"})") << 2;
    QTest::newRow("N 123") << QByteArray(R"({"N":"123"})") << 3;
    QTest::newRow("N 1.2") << QByteArray(R"({"N":"1.2"})") << 3;
    QTest::newRow("N -1") << QByteArray(R"({"N":"-1"})") << 3;
    QTest::newRow("N 1.0 is 1") << QByteArray(R"({"N":"1.0"})") << 2;
    QTest::newRow("N trailing zeros free") << QByteArray(R"({"N":"1000000"})") << 2;
    QTest::newRow("N 0.012") << QByteArray(R"({"N":"0.012"})") << 3;
    QTest::newRow("N 38 digits") << QByteArray(R"({"N":"12345678901234567890123456789012345678"})")
                                 << 20;
    QTest::newRow("N 38 digits negative misaligned")
        << QByteArray(R"({"N":"-1.2345678901234567890123456789012345678"})") << 22;
    // M and L: 3 bytes plus 1 per element; M also counts its member names.
    QTest::newRow("M empty") << QByteArray(R"({"M":{}})") << 3;
    QTest::newRow("L empty") << QByteArray(R"({"L":[]})") << 3;
    QTest::newRow("M one member") << QByteArray(R"({"M":{"a":{"S":"xy"}}})") << 3 + 1 + 1 + 2;
    QTest::newRow("M multibyte member name")
        << QByteArray(R"({"M":{"\u00e9":{"NULL":true}}})") << 3 + 1 + 2 + 1;
    QTest::newRow("L two elements")
        << QByteArray(R"({"L":[{"N":"1"},{"BOOL":true}]})") << 3 + (1 + 2) + (1 + 1);
    QTest::newRow("L of M") << QByteArray(R"({"L":[{"M":{"k":{"NULL":true}}}]})")
                            << 3 + 1 + (3 + 1 + 1 + 1);
    QTest::newRow("L of empty L") << QByteArray(R"({"L":[{"L":[]}]})") << 3 + 1 + 3;
    // Sets: the sum of their members, with no per-element overhead.
    QTest::newRow("SS") << QByteArray(R"({"SS":["a","bc"]})") << 3;
    QTest::newRow("SS multibyte") << QByteArray(R"({"SS":["\u00e9","\u65e5"]})") << 5;
    QTest::newRow("NS") << QByteArray(R"({"NS":["1","12","123","-1"]})") << 2 + 2 + 3 + 3;
    QTest::newRow("BS") << QByteArray(R"({"BS":["AAEC","AA=="]})") << 4;
}

void TestItemSize::valueSize() {
    QFETCH(QByteArray, value);
    QFETCH(int, size);
    auto parsed = attributeValueFromJson(parseJson(value));
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QCOMPARE(attributeValueSize(*parsed), static_cast<size_t>(size));
}

void TestItemSize::itemSize_data() {
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<int>("size");

    QTest::newRow("empty item") << QByteArray("{}") << 0;
    QTest::newRow("name plus value") << QByteArray(R"({"id":{"S":"abc"}})") << 2 + 3;
    QTest::newRow("multibyte name") << QByteArray(R"({"\u00f1":{"BOOL":true}})") << 2 + 1;
    // The developer guide's example: "shirt-color" = "R" and "shirt-size" = "M" is 23 bytes.
    QTest::newRow("developer guide example")
        << QByteArray(R"({"shirt-color":{"S":"R"},"shirt-size":{"S":"M"}})") << 23;
    //   pk       "user#1042"                       2 + 9                          = 11
    //   sk       "profile"                         2 + 7                          =  9
    //   name     "José Müller" (é, ü 2 bytes)      4 + 13                         = 17
    //   age      42  (one pair)                    3 + 2                          =  5
    //   balance  -1234.56 (12|34.56 -> 3 pairs)    7 + 1 + 3 + 1 (negative)       = 12
    //   active   BOOL                              6 + 1                          =  7
    //   deleted  NULL                              7 + 1                          =  8
    //   avatar   8-byte PNG signature              6 + 8                          = 14
    //   tags     SS admin, beta                    4 + 5 + 4                      = 13
    //   scores   NS 10 (2), 7.5 (07.50 -> 3), 100 (2)                6 + 7        = 13
    //   address  M {city: "Oslo", zip: "0150"}     7 + 3 + (1+4+4) + (1+3+4)      = 27
    //   logins   L [1700000000 (17|00.. -> 2), "web"]  6 + 3 + (1+2) + (1+3)      = 16
    //                                                                       total = 152
    QTest::newRow("realistic item")
        << QByteArray(R"({"pk":{"S":"user#1042"},"sk":{"S":"profile"},)"
                      R"("name":{"S":"Jos\u00e9 M\u00fcller"},"age":{"N":"42"},)"
                      R"("balance":{"N":"-1234.56"},"active":{"BOOL":true},)"
                      R"("deleted":{"NULL":true},"avatar":{"B":"iVBORw0KGgo="},)"
                      R"("tags":{"SS":["admin","beta"]},"scores":{"NS":["10","7.5","100"]},)"
                      R"("address":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}},)"
                      R"("logins":{"L":[{"N":"1700000000"},{"S":"web"}]}})")
        << 152;
}

void TestItemSize::itemSize() {
    QFETCH(QByteArray, item);
    QFETCH(int, size);
    auto parsed = itemFromJson(parseJson(item));
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QCOMPARE(shardscape::itemSize(*parsed), static_cast<size_t>(size));
}

void TestItemSize::limitIs400KB() {
    QCOMPARE(kMaxItemSizeBytes, size_t(409600));
}

QTEST_APPLESS_MAIN(TestItemSize)
#include "test_item_size.moc"
