// The DynamoDB JSON codec and base64: round trips of all ten types and every rejection, with
// DynamoDB's error type and exact wording. The SerializationException wording is the one the
// service's deserializer produces for each (member type, JSON token) combination.

#include <QtTest>

#include <string>

#include "base/base64.h"
#include "values/attribute_json.h"

using namespace shardscape;

namespace {

const QString kValidation = "ValidationException";
const QString kSerialization = "SerializationException";
const QString kInvalid = "One or more parameter values were invalid: ";
const QString kEmptyValue =
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
const QString kTwoTypes =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";
const QString kNotNumeric = "The parameter cannot be converted to a numeric value";
const QString kBadBase64 = "Invalid last non-pad Base64 character dectected";
const QString kNotBase64 = "only base-64-encoded strings are convertible to bytes";
const QString kStructure = "Start of structure or map found where not expected";
const QString kFieldType = "Unexpected field type";
const QString kValueType = "Unexpected value type in payload";
const QString kValueCollection =
    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue";
const QString kMapCollection =
    "Unrecognized collection type java.util.Map<java.lang.String, "
    "com.amazonaws.dynamodb.v20120810.AttributeValue>";
const QString kBadToken = "Unexpected token received from parser";

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Json parseJson(const QByteArray& text) {
    Json json = Json::parse(text.toStdString(), nullptr, false);
    if (json.is_discarded()) qFatal("test input is not JSON: %s", text.constData());
    return json;
}

}  // namespace

class TestCodec : public QObject {
    Q_OBJECT

  private slots:
    void valueRoundTrip_data();
    void valueRoundTrip();
    void scalarsDecodeToCanonicalForm_data();
    void scalarsDecodeToCanonicalForm();
    void valueRejected_data();
    void valueRejected();
    void itemRoundTrip_data();
    void itemRoundTrip();
    void itemRejected_data();
    void itemRejected();
    void base64Encodes_data();
    void base64Encodes();
    void base64Rejects_data();
    void base64Rejects();
    void nestingLimit_data();
    void nestingLimit();
};

void TestCodec::valueRoundTrip_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("type");
    // What attributeValueToJson gives back: the canonical form of the input.
    QTest::addColumn<QByteArray>("output");

    QTest::newRow("S") << QByteArray(R"({"S":"hello"})") << "S" << QByteArray(R"({"S":"hello"})");
    // Empty strings and binaries are valid outside keys.
    QTest::newRow("empty S") << QByteArray(R"({"S":""})") << "S" << QByteArray(R"({"S":""})");
    QTest::newRow("S multibyte") << QByteArray(R"({"S":"h\u00e9 \u65e5\ud83d\ude00"})") << "S"
                                 << QByteArray(R"({"S":"h\u00e9 \u65e5\ud83d\ude00"})");
    QTest::newRow("N integer") << QByteArray(R"({"N":"42"})") << "N" << QByteArray(R"({"N":"42"})");
    QTest::newRow("N normalised") << QByteArray(R"({"N":"-0012.500"})") << "N"
                                  << QByteArray(R"({"N":"-12.5"})");
    QTest::newRow("N exponent printed plain")
        << QByteArray(R"({"N":"1.5e3"})") << "N" << QByteArray(R"({"N":"1500"})");
    QTest::newRow("N negative zero")
        << QByteArray(R"({"N":"-0.0"})") << "N" << QByteArray(R"({"N":"0"})");
    QTest::newRow("B") << QByteArray(R"({"B":"AAEC/w=="})") << "B"
                       << QByteArray(R"({"B":"AAEC/w=="})");
    QTest::newRow("empty B") << QByteArray(R"({"B":""})") << "B" << QByteArray(R"({"B":""})");
    QTest::newRow("BOOL true") << QByteArray(R"({"BOOL":true})") << "BOOL"
                               << QByteArray(R"({"BOOL":true})");
    QTest::newRow("BOOL false") << QByteArray(R"({"BOOL":false})") << "BOOL"
                                << QByteArray(R"({"BOOL":false})");
    QTest::newRow("NULL") << QByteArray(R"({"NULL":true})") << "NULL"
                          << QByteArray(R"({"NULL":true})");
    QTest::newRow("empty M") << QByteArray(R"({"M":{}})") << "M" << QByteArray(R"({"M":{}})");
    QTest::newRow("M") << QByteArray(R"({"M":{"b":{"N":"1.0"},"a":{"S":"x"}}})") << "M"
                       << QByteArray(R"({"M":{"a":{"S":"x"},"b":{"N":"1"}}})");
    QTest::newRow("empty L") << QByteArray(R"({"L":[]})") << "L" << QByteArray(R"({"L":[]})");
    QTest::newRow("L keeps order") << QByteArray(R"({"L":[{"S":"z"},{"N":"2"},{"S":"a"}]})") << "L"
                                   << QByteArray(R"({"L":[{"S":"z"},{"N":"2"},{"S":"a"}]})");
    QTest::newRow("SS") << QByteArray(R"({"SS":["b","a"]})") << "SS"
                        << QByteArray(R"({"SS":["b","a"]})");
    // An empty string is a valid set member; only the set itself may not be empty.
    QTest::newRow("SS with empty string")
        << QByteArray(R"({"SS":["","a"]})") << "SS" << QByteArray(R"({"SS":["","a"]})");
    QTest::newRow("NS normalised") << QByteArray(R"({"NS":["1.50","-0","1e2"]})") << "NS"
                                   << QByteArray(R"({"NS":["1.5","0","100"]})");
    QTest::newRow("BS") << QByteArray(R"({"BS":["AA==","/w==",""]})") << "BS"
                        << QByteArray(R"({"BS":["AA==","/w==",""]})");
    QTest::newRow("nested all types")
        << QByteArray(R"({"M":{"l":{"L":[{"M":{"ss":{"SS":["x"]},"ns":{"NS":["3"]},)"
                      R"("bs":{"BS":["AQ=="]}}},{"NULL":true},{"BOOL":false},{"B":"AQI="},)"
                      R"({"L":[{"L":[]}]}]},"n":{"N":"0.10"},"s":{"S":"v"}}})")
        << "M"
        << QByteArray(R"({"M":{"l":{"L":[{"M":{"bs":{"BS":["AQ=="]},"ns":{"NS":["3"]},)"
                      R"("ss":{"SS":["x"]}}},{"NULL":true},{"BOOL":false},{"B":"AQI="},)"
                      R"({"L":[{"L":[]}]}]},"n":{"N":"0.1"},"s":{"S":"v"}}})");
    // Null members count as absent, as the service's deserializer treats them.
    QTest::newRow("null member ignored")
        << QByteArray(R"({"S":"a","N":null})") << "S" << QByteArray(R"({"S":"a"})");
    QTest::newRow("unknown member ignored")
        << QByteArray(R"({"S":"a","X":5})") << "S" << QByteArray(R"({"S":"a"})");
    QTest::newRow("null map member dropped") << QByteArray(R"({"M":{"a":null,"b":{"S":"x"}}})")
                                             << "M" << QByteArray(R"({"M":{"b":{"S":"x"}}})");
}

void TestCodec::valueRoundTrip() {
    QFETCH(QByteArray, input);
    QFETCH(QString, type);
    QFETCH(QByteArray, output);

    auto value = attributeValueFromJson(parseJson(input));
    QVERIFY2(value.ok(), value.ok() ? "" : value.error().message.c_str());
    QCOMPARE(qs(std::string(valueTypeName(value->type()))), type);
    const Json encoded = attributeValueToJson(*value);
    QCOMPARE(QByteArray::fromStdString(encoded.dump()),
             QByteArray::fromStdString(parseJson(output).dump()));
    // The canonical form decodes to the same value.
    auto again = attributeValueFromJson(encoded);
    QVERIFY(again.ok());
    QVERIFY(*again == *value);
}

void TestCodec::scalarsDecodeToCanonicalForm_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("scalar");

    // B holds raw bytes; base64 exists only on the wire.
    QTest::newRow("B bytes") << QByteArray(R"({"B":"AAEC/w=="})")
                             << QByteArray("\x00\x01\x02\xff", 4);
    QTest::newRow("B text") << QByteArray(R"({"B":"Zm9vYmFy"})") << QByteArray("foobar");
    QTest::newRow("S UTF-8") << QByteArray(R"({"S":"\u00e9"})") << QByteArray("\xc3\xa9");
    QTest::newRow("N canonical") << QByteArray(R"({"N":"+000.0100e1"})") << QByteArray("0.1");
}

void TestCodec::scalarsDecodeToCanonicalForm() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, scalar);
    auto value = attributeValueFromJson(parseJson(input));
    QVERIFY(value.ok());
    QCOMPARE(QByteArray::fromStdString(value->scalar()), scalar);
}

void TestCodec::valueRejected_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");

    // --- ValidationException ---------------------------------------------------------------
    QTest::newRow("empty value") << QByteArray("{}") << kValidation << kEmptyValue;
    QTest::newRow("only unknown member") << QByteArray(R"({"a":""})") << kValidation << kEmptyValue;
    QTest::newRow("only null member") << QByteArray(R"({"S":null})") << kValidation << kEmptyValue;
    QTest::newRow("S and N") << QByteArray(R"({"S":"a","N":"1"})") << kValidation << kTwoTypes;
    QTest::newRow("NULL and BOOL")
        << QByteArray(R"({"NULL":true,"BOOL":false})") << kValidation << kTwoTypes;
    QTest::newRow("M and L") << QByteArray(R"({"M":{},"L":[]})") << kValidation << kTwoTypes;
    QTest::newRow("NULL false") << QByteArray(R"({"NULL":false})") << kValidation
                                << kInvalid +
                                       "Null attribute value types must have the value of true";
    QTest::newRow("empty SS") << QByteArray(R"({"SS":[]})") << kValidation
                              << kInvalid + "An string set  may not be empty";
    QTest::newRow("empty NS") << QByteArray(R"({"NS":[]})") << kValidation
                              << kInvalid + "An number set  may not be empty";
    QTest::newRow("empty BS") << QByteArray(R"({"BS":[]})") << kValidation
                              << kInvalid + "Binary sets should not be empty";
    QTest::newRow("duplicate SS") << QByteArray(R"({"SS":["a","a"]})") << kValidation
                                  << kInvalid + "Input collection [a, a] contains duplicates.";
    QTest::newRow("duplicate SS, not adjacent")
        << QByteArray(R"({"SS":["a","b","a"]})") << kValidation
        << kInvalid + "Input collection [a, b, a] contains duplicates.";
    QTest::newRow("duplicate NS") << QByteArray(R"({"NS":["1","1"]})") << kValidation
                                  << "Input collection contains duplicates";
    // Numbers are compared by value.
    QTest::newRow("duplicate NS by value") << QByteArray(R"({"NS":["1","1.0"]})") << kValidation
                                           << "Input collection contains duplicates";
    QTest::newRow("duplicate NS by exponent")
        << QByteArray(R"({"NS":["100","1e2","5"]})") << kValidation
        << "Input collection contains duplicates";
    QTest::newRow("duplicate BS")
        << QByteArray(R"({"BS":["Yg==","Yg=="]})") << kValidation
        << kInvalid + "Input collection [Yg==, Yg==]of type BS contains duplicates.";
    QTest::newRow("NS member not a number")
        << QByteArray(R"({"NS":["1","b","a"]})") << kValidation << kNotNumeric + ": b";
    QTest::newRow("NS member empty")
        << QByteArray(R"({"NS":["1",""]})") << kValidation << kNotNumeric;
    QTest::newRow("N not a number")
        << QByteArray(R"({"N":"abc"})") << kValidation << kNotNumeric + ": abc";
    QTest::newRow("N empty") << QByteArray(R"({"N":""})") << kValidation << kNotNumeric;
    QTest::newRow("N overflow")
        << QByteArray(R"({"N":"1e126"})") << kValidation
        << "Number overflow. Attempting to store a number with magnitude larger than supported "
           "range";
    QTest::newRow("N underflow")
        << QByteArray(R"({"N":"-1e-131"})") << kValidation
        << "Number underflow. Attempting to store a number with magnitude smaller than supported "
           "range";
    QTest::newRow("N too many digits")
        << QByteArray(R"({"N":"123456789012345678901234567890123456789"})") << kValidation
        << "Attempting to store more than 38 significant digits in a Number";
    QTest::newRow("nested NULL false")
        << QByteArray(R"({"M":{"a":{"L":[{"S":"x"},{"NULL":false}]}}})") << kValidation
        << kInvalid + "Null attribute value types must have the value of true";
    QTest::newRow("nested empty value")
        << QByteArray(R"({"L":[{}]})") << kValidation << kEmptyValue;
    QTest::newRow("nested empty set") << QByteArray(R"({"M":{"x":{"NS":[]}}})") << kValidation
                                      << kInvalid + "An number set  may not be empty";

    // --- SerializationException: wrong JSON type for a member -------------------------------
    QTest::newRow("S number") << QByteArray(R"({"S":5})") << kSerialization
                              << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("S large number") << QByteArray(R"({"S":2147483648})") << kSerialization
                                    << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("S negative number") << QByteArray(R"({"S":-2147483648})") << kSerialization
                                       << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("S decimal") << QByteArray(R"({"S":34.56})") << kSerialization
                               << "DECIMAL_VALUE cannot be converted to String";
    QTest::newRow("S true") << QByteArray(R"({"S":true})") << kSerialization
                            << "TRUE_VALUE cannot be converted to String";
    QTest::newRow("S false") << QByteArray(R"({"S":false})") << kSerialization
                             << "FALSE_VALUE cannot be converted to String";
    QTest::newRow("S list") << QByteArray(R"({"S":[]})") << kSerialization
                            << "Unrecognized collection type class java.lang.String";
    QTest::newRow("S object") << QByteArray(R"({"S":{}})") << kSerialization << kStructure;
    QTest::newRow("N number") << QByteArray(R"({"N":123})") << kSerialization
                              << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("N decimal") << QByteArray(R"({"N":1.5})") << kSerialization
                               << "DECIMAL_VALUE cannot be converted to String";
    QTest::newRow("B number") << QByteArray(R"({"B":23})") << kSerialization << kNotBase64;
    QTest::newRow("B decimal") << QByteArray(R"({"B":34.56})") << kSerialization << kNotBase64;
    QTest::newRow("B true") << QByteArray(R"({"B":true})") << kSerialization << kNotBase64;
    QTest::newRow("B list") << QByteArray(R"({"B":[]})") << kSerialization
                            << "Unrecognized collection type class java.nio.ByteBuffer";
    QTest::newRow("B object") << QByteArray(R"({"B":{}})") << kSerialization << kStructure;
    QTest::newRow("B bad length")
        << QByteArray(R"({"B":"23456"})") << kSerialization
        << "Base64 encoded length is expected a multiple of 4 bytes but found: 5";
    QTest::newRow("B leading pad") << QByteArray(R"({"B":"=+/="})") << kSerialization << kBadBase64;
    QTest::newRow("B non-zero trailing bits")
        << QByteArray(R"({"B":"+/+="})") << kSerialization << kBadBase64;
    QTest::newRow("BOOL string") << QByteArray(R"({"BOOL":"23"})") << kSerialization << kBadToken;
    QTest::newRow("BOOL string true")
        << QByteArray(R"({"BOOL":"true"})") << kSerialization << kBadToken;
    QTest::newRow("BOOL number") << QByteArray(R"({"BOOL":23})") << kSerialization
                                 << "NUMBER_VALUE cannot be converted to Boolean";
    QTest::newRow("BOOL decimal") << QByteArray(R"({"BOOL":34.56})") << kSerialization
                                  << "DECIMAL_VALUE cannot be converted to Boolean";
    QTest::newRow("BOOL list") << QByteArray(R"({"BOOL":[]})") << kSerialization
                               << "Unrecognized collection type class java.lang.Boolean";
    QTest::newRow("BOOL object") << QByteArray(R"({"BOOL":{}})") << kSerialization << kStructure;
    QTest::newRow("NULL string") << QByteArray(R"({"NULL":"true"})") << kSerialization << kBadToken;
    QTest::newRow("NULL number") << QByteArray(R"({"NULL":1})") << kSerialization
                                 << "NUMBER_VALUE cannot be converted to Boolean";
    QTest::newRow("L string") << QByteArray(R"({"L":"23"})") << kSerialization << kFieldType;
    QTest::newRow("L true") << QByteArray(R"({"L":true})") << kSerialization << kFieldType;
    QTest::newRow("L number") << QByteArray(R"({"L":23})") << kSerialization << kFieldType;
    QTest::newRow("L object") << QByteArray(R"({"L":{}})") << kSerialization << kStructure;
    QTest::newRow("L element string")
        << QByteArray(R"({"L":["23"]})") << kSerialization << kValueType;
    QTest::newRow("L element number")
        << QByteArray(R"({"L":[23]})") << kSerialization << kValueType;
    QTest::newRow("L element list")
        << QByteArray(R"({"L":[[]]})") << kSerialization << kValueCollection;
    QTest::newRow("L element BS member")
        << QByteArray(R"({"L":[{"BS":[5]}]})") << kSerialization << kNotBase64;
    QTest::newRow("M string") << QByteArray(R"({"M":"23"})") << kSerialization << kFieldType;
    QTest::newRow("M decimal") << QByteArray(R"({"M":34.56})") << kSerialization << kFieldType;
    QTest::newRow("M list") << QByteArray(R"({"M":[]})") << kSerialization << kMapCollection;
    QTest::newRow("M member string")
        << QByteArray(R"({"M":{"a":"23"}})") << kSerialization << kValueType;
    QTest::newRow("M member true")
        << QByteArray(R"({"M":{"a":true}})") << kSerialization << kValueType;
    QTest::newRow("M member list")
        << QByteArray(R"({"M":{"a":[]}})") << kSerialization << kValueCollection;
    QTest::newRow("M member BS member")
        << QByteArray(R"({"M":{"a":{"BS":["x"]}}})") << kSerialization
        << "Base64 encoded length is expected a multiple of 4 bytes but found: 1";
    QTest::newRow("SS string") << QByteArray(R"({"SS":"a"})") << kSerialization << kFieldType;
    QTest::newRow("SS object") << QByteArray(R"({"SS":{}})") << kSerialization << kStructure;
    QTest::newRow("SS member number") << QByteArray(R"({"SS":["a",23]})") << kSerialization
                                      << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("SS member list") << QByteArray(R"({"SS":[[]]})") << kSerialization
                                    << "Unrecognized collection type class java.lang.String";
    QTest::newRow("SS member object")
        << QByteArray(R"({"SS":[{}]})") << kSerialization << kStructure;
    QTest::newRow("NS number") << QByteArray(R"({"NS":5})") << kSerialization << kFieldType;
    QTest::newRow("NS member number") << QByteArray(R"({"NS":[5]})") << kSerialization
                                      << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("NS member true") << QByteArray(R"({"NS":[true]})") << kSerialization
                                    << "TRUE_VALUE cannot be converted to String";
    QTest::newRow("BS true") << QByteArray(R"({"BS":true})") << kSerialization << kFieldType;
    QTest::newRow("BS member number")
        << QByteArray(R"({"BS":[5]})") << kSerialization << kNotBase64;
    QTest::newRow("BS member bad base64")
        << QByteArray(R"({"BS":["AA==","A!=="]})") << kSerialization << kBadBase64;
    QTest::newRow("BS member list") << QByteArray(R"({"BS":[[]]})") << kSerialization
                                    << "Unrecognized collection type class java.nio.ByteBuffer";

    // --- Not an attribute value at all -------------------------------------------------------
    QTest::newRow("string") << QByteArray(R"("23")") << kSerialization << kValueType;
    QTest::newRow("number") << QByteArray("23") << kSerialization << kValueType;
    QTest::newRow("decimal") << QByteArray("34.56") << kSerialization << kValueType;
    QTest::newRow("true") << QByteArray("true") << kSerialization << kValueType;
    QTest::newRow("list") << QByteArray("[]") << kSerialization << kValueCollection;

    // The whole value's JSON shape is checked before any validation, so a deeper
    // SerializationException wins over an earlier ValidationException.
    QTest::newRow("shape before validation")
        << QByteArray(R"({"NULL":false,"S":5})") << kSerialization
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("nested shape before validation")
        << QByteArray(R"({"M":{"a":{"NULL":false},"b":{"L":[{"S":5}]}}})") << kSerialization
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("bad number before two types")
        << QByteArray(R"({"N":"x","S":"a"})") << kValidation << kNotNumeric + ": x";
}

void TestCodec::valueRejected() {
    QFETCH(QByteArray, input);
    QFETCH(QString, type);
    QFETCH(QString, message);

    auto value = attributeValueFromJson(parseJson(input));
    QVERIFY2(!value.ok(), "accepted an invalid value");
    QCOMPARE(qs(value.error().name()), type);
    QCOMPARE(qs(value.error().message), message);
}

void TestCodec::itemRoundTrip_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<int>("attributes");

    QTest::newRow("empty item") << QByteArray("{}") << QByteArray("{}") << 0;
    QTest::newRow("all ten types")
        << QByteArray(R"({"s":{"S":"text"},"n":{"N":"007.50"},"b":{"B":"3q2+7w=="},)"
                      R"("bool":{"BOOL":true},"null":{"NULL":true},)"
                      R"("m":{"M":{"inner":{"M":{"deep":{"L":[{"N":"1e1"}]}}}}},)"
                      R"("l":{"L":[{"S":"a"},{"M":{}},{"SS":["q"]}]},"ss":{"SS":["x","y"]},)"
                      R"("ns":{"NS":["1","2.0"]},"bs":{"BS":["AQ==","Ag=="]}})")
        << QByteArray(R"({"b":{"B":"3q2+7w=="},"bool":{"BOOL":true},"bs":{"BS":["AQ==","Ag=="]},)"
                      R"("l":{"L":[{"S":"a"},{"M":{}},{"SS":["q"]}]},)"
                      R"("m":{"M":{"inner":{"M":{"deep":{"L":[{"N":"10"}]}}}}},)"
                      R"("n":{"N":"7.5"},"ns":{"NS":["1","2"]},"null":{"NULL":true},)"
                      R"("s":{"S":"text"},"ss":{"SS":["x","y"]}})")
        << 10;
    QTest::newRow("null attribute dropped")
        << QByteArray(R"({"a":{"S":"x"},"b":null})") << QByteArray(R"({"a":{"S":"x"}})") << 1;
    QTest::newRow("unicode attribute name") << QByteArray(R"({"\u00e9t\u00e9":{"N":"1"}})")
                                            << QByteArray(R"({"\u00e9t\u00e9":{"N":"1"}})") << 1;
}

void TestCodec::itemRoundTrip() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, output);
    QFETCH(int, attributes);

    auto item = itemFromJson(parseJson(input));
    QVERIFY2(item.ok(), item.ok() ? "" : item.error().message.c_str());
    QCOMPARE(int(item->size()), attributes);
    const Json encoded = itemToJson(*item);
    QCOMPARE(QByteArray::fromStdString(encoded.dump()),
             QByteArray::fromStdString(parseJson(output).dump()));
    auto again = itemFromJson(encoded);
    QVERIFY(again.ok());
    QVERIFY(*again == *item);
}

void TestCodec::itemRejected_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");

    QTest::newRow("string") << QByteArray(R"("23")") << kSerialization << kFieldType;
    QTest::newRow("number") << QByteArray("23") << kSerialization << kFieldType;
    QTest::newRow("true") << QByteArray("true") << kSerialization << kFieldType;
    QTest::newRow("list") << QByteArray("[]") << kSerialization << kMapCollection;
    QTest::newRow("attribute string")
        << QByteArray(R"({"a":"23"})") << kSerialization << kValueType;
    QTest::newRow("attribute list")
        << QByteArray(R"({"a":[]})") << kSerialization << kValueCollection;
    QTest::newRow("attribute empty")
        << QByteArray(R"({"a":{"S":"x"},"b":{}})") << kValidation << kEmptyValue;
    QTest::newRow("attribute with two types")
        << QByteArray(R"({"a":{"S":"x","BOOL":true}})") << kValidation << kTwoTypes;
    // Every attribute's shape is checked before any attribute is validated.
    QTest::newRow("shape of a later attribute first")
        << QByteArray(R"({"a":{"NULL":false},"b":{"S":5}})") << kSerialization
        << "NUMBER_VALUE cannot be converted to String";
}

void TestCodec::itemRejected() {
    QFETCH(QByteArray, input);
    QFETCH(QString, type);
    QFETCH(QString, message);

    auto item = itemFromJson(parseJson(input));
    QVERIFY2(!item.ok(), "accepted an invalid item");
    QCOMPARE(qs(item.error().name()), type);
    QCOMPARE(qs(item.error().message), message);
}

// DynamoDB stores 32 levels: a scalar under at most 31 maps or lists; deeper is rejected
// before any recursion can exhaust the stack, however deep the request is.
void TestCodec::nestingLimit_data() {
    QTest::addColumn<int>("wrappers");
    QTest::addColumn<bool>("useLists");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("31 maps") << 31 << false << true;
    QTest::newRow("32 maps") << 32 << false << false;
    QTest::newRow("31 lists") << 31 << true << true;
    QTest::newRow("32 lists") << 32 << true << false;
    QTest::newRow("100000 lists") << 100000 << true << false;
}

void TestCodec::nestingLimit() {
    QFETCH(int, wrappers);
    QFETCH(bool, useLists);
    QFETCH(bool, accepted);
    std::string text;
    for (int i = 0; i < wrappers; ++i) text += useLists ? R"({"L":[)" : R"({"M":{"k":)";
    text += R"({"S":"leaf"})";
    for (int i = 0; i < wrappers; ++i) text += useLists ? "]}" : "}}";
    const Json json = Json::parse(text);
    auto value = attributeValueFromJson(json);
    QCOMPARE(value.ok(), accepted);
    if (!accepted) {
        QCOMPARE(value.error().type, ErrorType::Validation);
        QCOMPARE(
            QString::fromStdString(value.error().message),
            QString("Nesting Levels have exceeded supported limits: Attributes in the item have "
                    "nested levels beyond supported limit"));
    }
}

void TestCodec::base64Encodes_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("text");

    // RFC 4648 section 10 test vectors.
    QTest::newRow("rfc empty") << QByteArray("") << QByteArray("");
    QTest::newRow("rfc f") << QByteArray("f") << QByteArray("Zg==");
    QTest::newRow("rfc fo") << QByteArray("fo") << QByteArray("Zm8=");
    QTest::newRow("rfc foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("rfc foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
    QTest::newRow("rfc fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
    QTest::newRow("rfc foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    // Bytes that exercise both ends of the alphabet and NUL.
    QTest::newRow("NUL") << QByteArray("\x00", 1) << QByteArray("AA==");
    QTest::newRow("three NULs") << QByteArray("\x00\x00\x00", 3) << QByteArray("AAAA");
    QTest::newRow("0xff x3") << QByteArray("\xff\xff\xff") << QByteArray("////");
    QTest::newRow("+ and /") << QByteArray("\xfb\xff") << QByteArray("+/8=");
    QTest::newRow("deadbeef") << QByteArray("\xde\xad\xbe\xef") << QByteArray("3q2+7w==");
}

void TestCodec::base64Encodes() {
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, text);

    QCOMPARE(QByteArray::fromStdString(base64Encode(bytes.toStdString())), text);
    auto decoded = base64Decode(text.toStdString());
    QVERIFY(decoded.ok());
    QCOMPARE(QByteArray::fromStdString(*decoded), bytes);
    // Agrees with Qt's own standard base64.
    QCOMPARE(bytes.toBase64(), text);
}

void TestCodec::base64Rejects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    const QString length = "Base64 encoded length is expected a multiple of 4 bytes but found: ";
    QTest::newRow("length 1") << QByteArray("Z") << length + "1";
    QTest::newRow("length 3") << QByteArray("Zg=") << length + "3";
    QTest::newRow("length 5") << QByteArray("23456") << length + "5";
    QTest::newRow("unpadded") << QByteArray("Zm9vYg") << length + "6";
    QTest::newRow("trailing newline") << QByteArray("Zm9v\n") << length + "5";
    QTest::newRow("leading pad") << QByteArray("=+/=") << kBadBase64;
    QTest::newRow("pad in second place") << QByteArray("Z===") << kBadBase64;
    QTest::newRow("data after pad") << QByteArray("Zg=a") << kBadBase64;
    QTest::newRow("pad before last quad") << QByteArray("Zg==Zg==") << kBadBase64;
    QTest::newRow("invalid character") << QByteArray("Zm!v") << kBadBase64;
    QTest::newRow("space") << QByteArray("Zm 9") << kBadBase64;
    QTest::newRow("url-safe alphabet") << QByteArray("-_8=") << kBadBase64;
    QTest::newRow("non-ASCII") << QByteArray("Zm9\xc3") << kBadBase64;
    // Bits below the last encoded byte must be zero: only the canonical encoding is accepted.
    QTest::newRow("one pad, non-zero bits") << QByteArray("+/+=") << kBadBase64;
    QTest::newRow("one pad, low bit set") << QByteArray("Zm9=") << kBadBase64;
    QTest::newRow("two pads, non-zero bits") << QByteArray("Zh==") << kBadBase64;
    QTest::newRow("two pads, low bit set") << QByteArray("AB==") << kBadBase64;
}

void TestCodec::base64Rejects() {
    QFETCH(QByteArray, text);
    QFETCH(QString, message);

    auto decoded = base64Decode(text.toStdString());
    QVERIFY2(!decoded.ok(), "accepted invalid base64");
    QCOMPARE(qs(decoded.error().name()), kSerialization);
    QCOMPARE(qs(decoded.error().message), message);
}

QTEST_APPLESS_MAIN(TestCodec)
#include "test_codec.moc"
