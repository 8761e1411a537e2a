// Number (DynamoDB's exact decimal) and AttributeValue: parsing, normalisation, the exact
// ValidationException wording for bad numbers, ordering, printing, storage size, equality.

#include <QtTest>
#include <random>

#include <string>

#include "values/attribute_value.h"
#include "values/number.h"

using namespace shardscape;

Q_DECLARE_METATYPE(shardscape::AttributeValue)

namespace {

const QString kNotNumeric = "The parameter cannot be converted to a numeric value";
const QString kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const QString kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
const QString kTooManyDigits = "Attempting to store more than 38 significant digits in a Number";

QByteArray repeat(char c, int count) {
    return QByteArray(count, c);
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Number parsed(const QByteArray& text) {
    auto number = Number::parse(text.toStdString());
    if (!number) qFatal("test input %s does not parse", text.constData());
    return number.value();
}

AttributeValue ss(std::vector<std::string> members) {
    return AttributeValue::set(ValueType::SS, std::move(members));
}

}  // namespace

class TestValues : public QObject {
    Q_OBJECT

  private slots:
    void parseNormalises_data();
    void parseNormalises();
    void canonicalIntegersNeedNoParsing_data();
    void canonicalIntegersNeedNoParsing();
    void parseRejects_data();
    void parseRejects();
    void compareOrders_data();
    void compareOrders();
    void storageSize_data();
    void storageSize();
    void storageSizeOfTextMatchesParsedNumbers();
    void attributeValueEquality_data();
    void attributeValueEquality();
    void attributeValueCopiesAreDeep();
    void valueTypeNames_data();
    void valueTypeNames();
};

void TestValues::parseNormalises_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("printed");
    QTest::addColumn<QByteArray>("digits");
    QTest::addColumn<int>("exponent");
    QTest::addColumn<bool>("negative");

    QTest::newRow("integer") << QByteArray("1") << QByteArray("1") << QByteArray("1") << 0 << false;
    QTest::newRow("trailing fraction zero")
        << QByteArray("1.0") << QByteArray("1") << QByteArray("1") << 0 << false;
    QTest::newRow("leading and trailing zeros")
        << QByteArray("0.0100") << QByteArray("0.01") << QByteArray("1") << -2 << false;
    QTest::newRow("exponent") << QByteArray("1e3") << QByteArray("1000") << QByteArray("1") << 3
                              << false;
    QTest::newRow("upper-case exponent with sign")
        << QByteArray("1E+3") << QByteArray("1000") << QByteArray("1") << 3 << false;
    QTest::newRow("exponent with leading zeros")
        << QByteArray("1e003") << QByteArray("1000") << QByteArray("1") << 3 << false;
    QTest::newRow("negative exponent")
        << QByteArray("1e-3") << QByteArray("0.001") << QByteArray("1") << -3 << false;
    QTest::newRow("fraction shifted by exponent")
        << QByteArray("0.1E1") << QByteArray("1") << QByteArray("1") << 0 << false;
    QTest::newRow("integer shifted into fraction")
        << QByteArray("12345e-2") << QByteArray("123.45") << QByteArray("12345") << 2 << false;
    // Zero has no sign: "-0" is stored and returned as "0".
    QTest::newRow("negative zero")
        << QByteArray("-0") << QByteArray("0") << QByteArray("") << 0 << false;
    QTest::newRow("positive zero")
        << QByteArray("+0") << QByteArray("0") << QByteArray("") << 0 << false;
    QTest::newRow("zero with fraction and exponent")
        << QByteArray("-0.000e5") << QByteArray("0") << QByteArray("") << 0 << false;
    QTest::newRow("leading point")
        << QByteArray(".5") << QByteArray("0.5") << QByteArray("5") << -1 << false;
    QTest::newRow("trailing point")
        << QByteArray("5.") << QByteArray("5") << QByteArray("5") << 0 << false;
    QTest::newRow("plus sign") << QByteArray("+7") << QByteArray("7") << QByteArray("7") << 0
                               << false;
    QTest::newRow("negative decimal")
        << QByteArray("-12.50") << QByteArray("-12.5") << QByteArray("125") << 1 << true;
    QTest::newRow("leading zeros of integer")
        << QByteArray("0001200") << QByteArray("1200") << QByteArray("12") << 3 << false;
    QTest::newRow("mixed") << QByteArray("123.456") << QByteArray("123.456") << QByteArray("123456")
                           << 2 << false;
    QTest::newRow("smallest magnitude") << QByteArray("1E-130") << "0." + repeat('0', 129) + "1"
                                        << QByteArray("1") << -130 << false;
    QTest::newRow("smallest negative magnitude")
        << QByteArray("-1E-130") << "-0." + repeat('0', 129) + "1" << QByteArray("1") << -130
        << true;
    QTest::newRow("largest magnitude")
        << QByteArray("9.9999999999999999999999999999999999999E+125")
        << repeat('9', 38) + repeat('0', 88) << repeat('9', 38) << 125 << false;
    QTest::newRow("largest magnitude written out")
        << "-" + repeat('9', 38) + repeat('0', 88) << "-" + repeat('9', 38) + repeat('0', 88)
        << repeat('9', 38) << 125 << true;
    // Trailing zeros are not significant: 51 digits written, one significant.
    QTest::newRow("one and fifty zeros")
        << "1" + repeat('0', 50) << "1" + repeat('0', 50) << QByteArray("1") << 50 << false;
    QTest::newRow("one and 125 zeros")
        << "1" + repeat('0', 125) << "1" + repeat('0', 125) << QByteArray("1") << 125 << false;
    QTest::newRow("38 significant digits")
        << QByteArray("12345678901234567890123456789012345678")
        << QByteArray("12345678901234567890123456789012345678")
        << QByteArray("12345678901234567890123456789012345678") << 37 << false;
    QTest::newRow("39 written digits, 38 significant")
        << QByteArray("123456789012345678901234567890123456780")
        << QByteArray("123456789012345678901234567890123456780")
        << QByteArray("12345678901234567890123456789012345678") << 38 << false;
    QTest::newRow("38 significant digits after many leading zeros")
        << "0." + repeat('0', 50) + "12345678901234567890123456789012345678"
        << "0." + repeat('0', 50) + "12345678901234567890123456789012345678"
        << QByteArray("12345678901234567890123456789012345678") << -51 << false;
}

void TestValues::parseNormalises() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, printed);
    QFETCH(QByteArray, digits);
    QFETCH(int, exponent);
    QFETCH(bool, negative);

    auto number = Number::parse(text.toStdString());
    QVERIFY2(number.ok(), number.ok() ? "" : number.error().message.c_str());
    QCOMPARE(QByteArray::fromStdString(number->toString()), printed);
    QCOMPARE(QByteArray::fromStdString(number->digits()), digits);
    QCOMPARE(number->exponent(), exponent);
    QCOMPARE(number->isNegative(), negative);
    QCOMPARE(number->isZero(), digits.isEmpty());

    // The printed form is canonical: it parses back to the same Number and prints unchanged.
    auto reparsed = Number::parse(number->toString());
    QVERIFY(reparsed.ok());
    QVERIFY(*reparsed == *number);
    QCOMPARE(QByteArray::fromStdString(reparsed->toString()), printed);
}

void TestValues::canonicalIntegersNeedNoParsing_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("canonical");
    QTest::newRow("zero") << QByteArray("0") << true;
    QTest::newRow("digit") << QByteArray("7") << true;
    QTest::newRow("negative") << QByteArray("-7") << true;
    QTest::newRow("trailing zero") << QByteArray("120") << true;
    QTest::newRow("38 digits") << repeat('9', 38) << true;
    QTest::newRow("38 digits negative") << "-" + repeat('9', 38) << true;
    QTest::newRow("minus zero") << QByteArray("-0") << false;
    QTest::newRow("leading zeros") << QByteArray("007") << false;
    QTest::newRow("two zeros") << QByteArray("00") << false;
    QTest::newRow("fraction") << QByteArray("1.0") << false;
    QTest::newRow("exponent") << QByteArray("1e3") << false;
    QTest::newRow("plus") << QByteArray("+5") << false;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("minus alone") << QByteArray("-") << false;
    QTest::newRow("not a number") << QByteArray("12a") << false;
    // Canonical too, but past what the quick check takes: parse() decides.
    QTest::newRow("39 digits") << "1" + repeat('0', 38) << false;
}

void TestValues::canonicalIntegersNeedNoParsing() {
    QFETCH(QByteArray, text);
    QFETCH(bool, canonical);
    QCOMPARE(Number::isCanonicalInteger(text.toStdString()), canonical);
    if (!canonical) return;
    auto number = Number::parse(text.toStdString());
    QVERIFY(number.ok());
    QCOMPARE(QByteArray::fromStdString(number->toString()), text);
}

void TestValues::parseRejects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("letters") << QByteArray("abc") << kNotNumeric + ": abc";
    QTest::newRow("single letter") << QByteArray("b") << kNotNumeric + ": b";
    QTest::newRow("exponent without digits") << QByteArray("1e") << kNotNumeric + ": 1e";
    QTest::newRow("exponent sign without digits") << QByteArray("1e+") << kNotNumeric + ": 1e+";
    QTest::newRow("exponent without mantissa") << QByteArray("e5") << kNotNumeric + ": e5";
    QTest::newRow("double sign") << QByteArray("--1") << kNotNumeric + ": --1";
    QTest::newRow("leading space") << QByteArray(" 1") << kNotNumeric + ":  1";
    QTest::newRow("trailing space") << QByteArray("1 ") << kNotNumeric + ": 1 ";
    QTest::newRow("two points") << QByteArray("1.2.3") << kNotNumeric + ": 1.2.3";
    QTest::newRow("lone point") << QByteArray(".") << kNotNumeric + ": .";
    QTest::newRow("lone sign") << QByteArray("-") << kNotNumeric + ": -";
    QTest::newRow("hexadecimal") << QByteArray("0x10") << kNotNumeric + ": 0x10";
    QTest::newRow("infinity") << QByteArray("Infinity") << kNotNumeric + ": Infinity";
    QTest::newRow("not a number") << QByteArray("NaN") << kNotNumeric + ": NaN";
    QTest::newRow("decimal comma") << QByteArray("1,5") << kNotNumeric + ": 1,5";
    QTest::newRow("fractional exponent") << QByteArray("1e2.5") << kNotNumeric + ": 1e2.5";
    // The empty string gets the message without the colon.
    QTest::newRow("empty") << QByteArray("") << kNotNumeric;

    QTest::newRow("below smallest") << QByteArray("1E-131") << kUnderflow;
    QTest::newRow("negative below smallest") << QByteArray("-1E-131") << kUnderflow;
    QTest::newRow("below smallest by fraction") << QByteArray("0.1E-130") << kUnderflow;
    QTest::newRow("below smallest written out") << "0." + repeat('0', 130) + "1" << kUnderflow;
    QTest::newRow("huge negative exponent") << QByteArray("1E-99999999999999999999") << kUnderflow;
    QTest::newRow("above largest") << QByteArray("1E+126") << kOverflow;
    QTest::newRow("negative above largest") << QByteArray("-1E126") << kOverflow;
    QTest::newRow("above largest by mantissa") << QByteArray("10E125") << kOverflow;
    QTest::newRow("above largest written out") << "1" + repeat('0', 126) << kOverflow;
    QTest::newRow("huge exponent") << QByteArray("1E99999999999999999999") << kOverflow;

    QTest::newRow("39 significant digits")
        << QByteArray("123456789012345678901234567890123456789") << kTooManyDigits;
    QTest::newRow("39 significant digits, negative fraction")
        << QByteArray("-1.23456789012345678901234567890123456789") << kTooManyDigits;
    QTest::newRow("39 significant digits after leading zeros")
        << QByteArray("0.000123456789012345678901234567890123456789") << kTooManyDigits;
    QTest::newRow("39 significant digits with trailing zeros")
        << "1." + repeat('0', 37) + "1000" << kTooManyDigits;
    // Range is checked before precision, as DynamoDB does.
    QTest::newRow("too many digits and too large")
        << QByteArray("1.23456789012345678901234567890123456789E200") << kOverflow;
}

void TestValues::parseRejects() {
    QFETCH(QByteArray, text);
    QFETCH(QString, message);

    auto number = Number::parse(text.toStdString());
    QVERIFY(!number.ok());
    QCOMPARE(qs(number.error().name()), QString("ValidationException"));
    QCOMPARE(qs(number.error().message), message);
}

void TestValues::compareOrders_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("1 < 2") << QByteArray("1") << QByteArray("2") << -1;
    QTest::newRow("2 > 1") << QByteArray("2") << QByteArray("1") << 1;
    QTest::newRow("-1 < 1") << QByteArray("-1") << QByteArray("1") << -1;
    QTest::newRow("-2 < -1") << QByteArray("-2") << QByteArray("-1") << -1;
    QTest::newRow("0 == -0") << QByteArray("0") << QByteArray("-0") << 0;
    QTest::newRow("1.0 == 1") << QByteArray("1.0") << QByteArray("1") << 0;
    QTest::newRow("1e2 == 100") << QByteArray("1e2") << QByteArray("100") << 0;
    QTest::newRow("99 < 100") << QByteArray("99") << QByteArray("100") << -1;
    QTest::newRow("-99 > -100") << QByteArray("-99") << QByteArray("-100") << 1;
    QTest::newRow("0.5 > 0.05") << QByteArray("0.5") << QByteArray("0.05") << 1;
    QTest::newRow("1.5 > 1.25") << QByteArray("1.5") << QByteArray("1.25") << 1;
    QTest::newRow("-1.5 < -1.25") << QByteArray("-1.5") << QByteArray("-1.25") << -1;
    QTest::newRow("1 < 1.5") << QByteArray("1") << QByteArray("1.5") << -1;
    QTest::newRow("-1 > -1.5") << QByteArray("-1") << QByteArray("-1.5") << 1;
    QTest::newRow("10 > 9.99999") << QByteArray("10") << QByteArray("9.99999") << 1;
    QTest::newRow("-10 < -9.9") << QByteArray("-10") << QByteArray("-9.9") << -1;
    QTest::newRow("smallest positive > 0") << QByteArray("1E-130") << QByteArray("0") << 1;
    QTest::newRow("smallest negative < 0") << QByteArray("-1E-130") << QByteArray("0") << -1;
    QTest::newRow("largest > 1E125")
        << QByteArray("9.9999999999999999999999999999999999999E+125") << QByteArray("1E125") << 1;
    QTest::newRow("most negative < -1E125")
        << QByteArray("-9.9999999999999999999999999999999999999E+125") << QByteArray("-1E125")
        << -1;
    QTest::newRow("38 digits differing in the last")
        << QByteArray("12345678901234567890123456789012345678")
        << QByteArray("12345678901234567890123456789012345679") << -1;
    QTest::newRow("negative 38 digits differing in the last")
        << QByteArray("-1.2345678901234567890123456789012345678")
        << QByteArray("-1.2345678901234567890123456789012345679") << 1;
    QTest::newRow("tiny positive < huge positive")
        << QByteArray("1E-130") << QByteArray("1E125") << -1;
    QTest::newRow("huge negative < tiny negative")
        << QByteArray("-1E125") << QByteArray("-1E-130") << -1;
}

void TestValues::compareOrders() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(int, expected);

    const Number x = parsed(a), y = parsed(b);
    QCOMPARE(x.compare(y), expected);
    QCOMPARE(y.compare(x), -expected);
    QCOMPARE(x == y, expected == 0);
}

void TestValues::storageSize_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("size");

    // One byte per base-100 digit pair (pairs aligned on the decimal point), plus one, plus one
    // more for negative numbers.
    QTest::newRow("0") << QByteArray("0") << 1;
    QTest::newRow("-0") << QByteArray("-0") << 1;
    QTest::newRow("1") << QByteArray("1") << 2;
    QTest::newRow("12") << QByteArray("12") << 2;
    QTest::newRow("123") << QByteArray("123") << 3;
    QTest::newRow("1234") << QByteArray("1234") << 3;
    QTest::newRow("1.2 (01|20)") << QByteArray("1.2") << 3;
    QTest::newRow("12.3 (12|30)") << QByteArray("12.3") << 3;
    QTest::newRow("0.5") << QByteArray("0.5") << 2;
    QTest::newRow("0.05") << QByteArray("0.05") << 2;
    QTest::newRow("0.012 (01|20)") << QByteArray("0.012") << 3;
    QTest::newRow("100") << QByteArray("100") << 2;
    QTest::newRow("1000") << QByteArray("1000") << 2;
    QTest::newRow("-1") << QByteArray("-1") << 3;
    QTest::newRow("-12.50") << QByteArray("-12.50") << 4;
    QTest::newRow("1E125") << QByteArray("1E125") << 2;
    QTest::newRow("1E-130") << QByteArray("1E-130") << 2;
    QTest::newRow("38 digits, aligned")
        << QByteArray("12345678901234567890123456789012345678") << 20;
    QTest::newRow("38 digits, misaligned")
        << QByteArray("1.2345678901234567890123456789012345678") << 21;
    QTest::newRow("largest negative magnitude")
        << QByteArray("-9.9999999999999999999999999999999999999E+125") << 21;
}

void TestValues::storageSize() {
    QFETCH(QByteArray, text);
    QFETCH(int, size);
    QCOMPARE(parsed(text).storageSize(), static_cast<size_t>(size));
    QCOMPARE(Number::storageSizeOfText(parsed(text).toString()), static_cast<size_t>(size));
}

// storageSizeOfText reads canonical integers without parsing them: it must agree with the
// parsed Number for every digit count, trailing zeros and sign.
void TestValues::storageSizeOfTextMatchesParsedNumbers() {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> digit(0, 9), zeros(0, 6), length(1, Number::kMaxDigits);
    for (int round = 0; round < 5000; ++round) {
        std::string text = round % 2 ? "-" : "";
        const int digits = length(random), trailingZeros = zeros(random);
        text.push_back(static_cast<char>('1' + digit(random) % 9));
        for (int i = 1; i < digits; ++i)
            text.push_back(
                static_cast<char>('0' + (i >= digits - trailingZeros ? 0 : digit(random))));
        QVERIFY2(Number::isCanonicalInteger(text), text.c_str());
        QCOMPARE(Number::storageSizeOfText(text),
                 parsed(QByteArray::fromStdString(text)).storageSize());
    }
    for (const char* text : {"0", "10", "-100", "1000000", "0.5", "-12.5", "1E+30"})
        QCOMPARE(Number::storageSizeOfText(parsed(text).toString()), parsed(text).storageSize());
}

// Values keep the members of M, L and sets apart from the value itself: copies must still
// be independent, and scalars must answer with empty members.
void TestValues::attributeValueCopiesAreDeep() {
    using AV = AttributeValue;
    const AV original =
        AV::map({{"list", AV::list({AV::string("a"), AV::set(ValueType::NS, {"1"})})},
                 {"n", AV::number("7")}});
    AV copy = original;
    QVERIFY(copy == original);
    copy.mutableMapMembers()["list"].mutableListElements()[1].mutableSetMembers().push_back("2");
    copy.mutableMapMembers().erase("n");
    QVERIFY(!(copy == original));
    QCOMPARE(original.mapMembers().size(), size_t(2));
    QCOMPARE(original.mapMembers().at("list").listElements()[1].setMembers().size(), size_t(1));

    AV assigned = AV::string("x");
    assigned = original;
    QVERIFY(assigned == original);
    const AV& self = assigned;
    assigned = self;
    QVERIFY(assigned == original);

    AV moved = std::move(assigned);
    QVERIFY(moved == original);
    assigned = AV::boolean(true);  // a moved-from value can be assigned again
    QVERIFY(assigned.boolValue());

    const AV scalar = AV::string("s");
    QVERIFY(scalar.mapMembers().empty());
    QVERIFY(scalar.listElements().empty());
    QVERIFY(scalar.setMembers().empty());
    QVERIFY(AV::map({}).mapMembers().empty());
    QVERIFY(AV::map({}) == AV::map({}));
    QVERIFY(!(AV::map({}) == AV::list({})));
}

void TestValues::attributeValueEquality_data() {
    QTest::addColumn<AttributeValue>("a");
    QTest::addColumn<AttributeValue>("b");
    QTest::addColumn<bool>("equal");

    using AV = AttributeValue;
    QTest::newRow("same S") << AV::string("x") << AV::string("x") << true;
    QTest::newRow("different S") << AV::string("x") << AV::string("y") << false;
    QTest::newRow("S vs N with same text") << AV::string("1") << AV::number("1") << false;
    QTest::newRow("S vs B with same bytes") << AV::string("ab") << AV::binary("ab") << false;
    QTest::newRow("same B with NUL")
        << AV::binary(std::string("a\0b", 3)) << AV::binary(std::string("a\0b", 3)) << true;
    QTest::newRow("B differing after NUL")
        << AV::binary(std::string("a\0b", 3)) << AV::binary(std::string("a\0c", 3)) << false;
    QTest::newRow("same N") << AV::number("1.5") << AV::number("1.5") << true;
    QTest::newRow("BOOL true vs false") << AV::boolean(true) << AV::boolean(false) << false;
    QTest::newRow("BOOL true vs true") << AV::boolean(true) << AV::boolean(true) << true;
    QTest::newRow("NULL vs NULL") << AV::null() << AV::null() << true;
    QTest::newRow("NULL vs BOOL false") << AV::null() << AV::boolean(false) << false;
    QTest::newRow("SS in different order") << ss({"a", "b", "c"}) << ss({"c", "a", "b"}) << true;
    QTest::newRow("SS with different members") << ss({"a", "b"}) << ss({"a", "c"}) << false;
    QTest::newRow("SS of different sizes") << ss({"a", "b"}) << ss({"a", "b", "c"}) << false;
    QTest::newRow("SS vs NS with same members")
        << ss({"1", "2"}) << AV::set(ValueType::NS, {"2", "1"}) << false;
    QTest::newRow("NS in different order") << AV::set(ValueType::NS, {"1", "-2.5", "3"})
                                           << AV::set(ValueType::NS, {"3", "1", "-2.5"}) << true;
    QTest::newRow("BS in different order")
        << AV::set(ValueType::BS, {std::string("\0", 1), "\xff"})
        << AV::set(ValueType::BS, {"\xff", std::string("\0", 1)}) << true;
    QTest::newRow("L order matters") << AV::list({AV::string("a"), AV::string("b")})
                                     << AV::list({AV::string("b"), AV::string("a")}) << false;
    QTest::newRow("L equal") << AV::list({AV::string("a"), AV::number("1")})
                             << AV::list({AV::string("a"), AV::number("1")}) << true;
    QTest::newRow("empty L vs empty M") << AV::list({}) << AV::map({}) << false;
    QTest::newRow("M with nested sets in different order")
        << AV::map({{"k", ss({"x", "y"})}, {"n", AV::null()}})
        << AV::map({{"n", AV::null()}, {"k", ss({"y", "x"})}}) << true;
    QTest::newRow("M with different member names")
        << AV::map({{"a", AV::null()}}) << AV::map({{"b", AV::null()}}) << false;
    QTest::newRow("M with different nested values")
        << AV::map({{"a", AV::list({AV::boolean(true)})}})
        << AV::map({{"a", AV::list({AV::boolean(false)})}}) << false;
}

void TestValues::attributeValueEquality() {
    QFETCH(AttributeValue, a);
    QFETCH(AttributeValue, b);
    QFETCH(bool, equal);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
    QVERIFY(a == a);
}

void TestValues::valueTypeNames_data() {
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("keyType");

    QTest::newRow("S") << int(ValueType::S) << "S" << true;
    QTest::newRow("N") << int(ValueType::N) << "N" << true;
    QTest::newRow("B") << int(ValueType::B) << "B" << true;
    QTest::newRow("BOOL") << int(ValueType::BOOL) << "BOOL" << false;
    QTest::newRow("NULL") << int(ValueType::NUL) << "NULL" << false;
    QTest::newRow("M") << int(ValueType::M) << "M" << false;
    QTest::newRow("L") << int(ValueType::L) << "L" << false;
    QTest::newRow("SS") << int(ValueType::SS) << "SS" << false;
    QTest::newRow("NS") << int(ValueType::NS) << "NS" << false;
    QTest::newRow("BS") << int(ValueType::BS) << "BS" << false;
}

void TestValues::valueTypeNames() {
    QFETCH(int, type);
    QFETCH(QString, name);
    QFETCH(bool, keyType);
    const auto t = static_cast<ValueType>(type);
    QCOMPARE(qs(std::string(valueTypeName(t))), name);
    QCOMPARE(isScalarKeyType(t), keyType);
}

QTEST_APPLESS_MAIN(TestValues)
#include "test_values.moc"
