// The storage layout's ordering guarantees, which Query and Scan results depend on:
// - items of one partition key are contiguous, and ordered by sort key as DynamoDB orders
//   them (S and B by unsigned bytes, N numerically);
// - a table's items are in partition-hash order, equal keys hash equally and the hash spreads
//   keys evenly over the hash space;
// - the stored item form round-trips, and damaged records fail cleanly instead of crashing;
// - a real Engine returns Scan in hash order and Query in sort-key order, both directions.

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "api/dispatch.h"
#include "api/wire_error.h"
#include "base/base64.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"
#include "values/attribute_json.h"
#include "values/item_binary.h"
#include "values/item_binary_json.h"
#include "values/number.h"

using namespace shardscape;

namespace {

constexpr uint32_t kTableId = 7;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Json parseJson(const QByteArray& text) {
    Json json = Json::parse(text.toStdString(), nullptr, false);
    if (json.is_discarded()) qFatal("test input is not JSON: %s", text.constData());
    return json;
}

AttributeValue valueOf(const Json& json) {
    auto value = attributeValueFromJson(json);
    if (!value) qFatal("test value rejected: %s", value.error().message.c_str());
    return value.value();
}

std::vector<AttributeValue> valuesOf(const QByteArray& jsonArray) {
    std::vector<AttributeValue> values;
    for (const auto& element : parseJson(jsonArray)) values.push_back(valueOf(element));
    return values;
}

// LevelDB's bytewise comparator: unsigned bytes, then length.
int compareBytes(std::string_view a, std::string_view b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

int signOf(int c) {
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// A number as the generator made it: value = d1.d2d3... x 10^exponent, zero if no digits.
struct GeneratedNumber {
    bool negative = false;
    std::string digits;
    int exponent = 0;
    std::string text;  // one of many spellings of the value
};

// Independent of Number's own encoding: sign, then exponent, then digits (which carry no
// trailing zeros, so a proper prefix is the smaller magnitude).
int referenceCompare(const GeneratedNumber& a, const GeneratedNumber& b) {
    const int sa = a.digits.empty() ? 0 : (a.negative ? -1 : 1);
    const int sb = b.digits.empty() ? 0 : (b.negative ? -1 : 1);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    int magnitude = 0;
    if (a.exponent != b.exponent)
        magnitude = a.exponent < b.exponent ? -1 : 1;
    else
        magnitude = signOf(a.digits.compare(b.digits));
    return sa * magnitude;
}

class NumberGenerator {
  public:
    NumberGenerator(unsigned seed, QString mode) : random_(seed), mode_(std::move(mode)) {}

    GeneratedNumber next() {
        GeneratedNumber n;
        if (pick(0, 40) == 0) return spell(n);  // zero
        n.negative = pick(0, 1) == 1;
        int count = 1;
        if (mode_ == "uniform") {
            count = pick(1, 38);
            n.exponent = pick(Number::kMinExponent, Number::kMaxExponent);
        } else if (mode_ == "clustered") {
            // Small values close together: many exact ties and near misses.
            count = pick(1, 4);
            n.exponent = pick(-2, 2);
        } else if (mode_ == "shared prefix") {
            // Long numbers that agree in their leading digits and differ late.
            n.digits = base_.substr(0, static_cast<size_t>(pick(1, 37)));
            count = static_cast<int>(n.digits.size()) + pick(0, 38 - int(n.digits.size()));
            n.exponent = pick(0, 1);
        } else {  // "extremes"
            static const int exponents[] = {-130, -129, -128, -1, 0, 1, 123, 124, 125};
            count = pick(0, 1) ? 38 : pick(1, 3);
            n.exponent = exponents[pick(0, 8)];
        }
        while (static_cast<int>(n.digits.size()) < count)
            n.digits.push_back(char('0' + pick(n.digits.empty() ? 1 : 0, 9)));
        if (n.digits.back() == '0') n.digits.back() = char('1' + pick(0, 8));
        return spell(n);
    }

  private:
    int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

    // Writes the value in a random one of the forms DynamoDB accepts.
    GeneratedNumber spell(GeneratedNumber n) {
        std::string text = n.negative ? "-" : (pick(0, 5) == 0 ? "+" : "");
        if (n.digits.empty()) {
            static const char* zeros[] = {"0", "0.0", "000", ".0", "0e5", "0.000E-7"};
            n.negative = false;
            n.text = text + zeros[pick(0, 5)];
            return n;
        }
        const int count = static_cast<int>(n.digits.size());
        const int form = pick(0, 2);
        if (form == 0) {
            // d1.d2...dn[000]E<exponent>
            text += n.digits.substr(0, 1);
            if (count > 1 || pick(0, 1)) text.append(".").append(n.digits, 1);
            if (text.find('.') != std::string::npos && pick(0, 2) == 0) text += "000";
            text += pick(0, 1) ? "E" : "e";
            if (n.exponent >= 0 && pick(0, 1)) text += "+";
            text += std::to_string(n.exponent);
        } else if (form == 1) {
            // Integer mantissa, exponent adjusted.
            text += n.digits + (pick(0, 1) ? "e" : "E") + std::to_string(n.exponent - count + 1);
        } else {
            // Plain decimal with padding zeros.
            if (pick(0, 1)) text += "00";
            if (n.exponent >= count - 1) {
                text += n.digits + std::string(size_t(n.exponent - count + 1), '0');
                if (pick(0, 1)) text += ".000";
            } else if (n.exponent < 0) {
                text.append("0.").append(size_t(-n.exponent - 1), '0').append(n.digits);
                if (pick(0, 1)) text += "00";
            } else {
                text += n.digits.substr(0, size_t(n.exponent + 1)) + "." +
                        n.digits.substr(size_t(n.exponent + 1));
            }
        }
        n.text = text;
        return n;
    }

    std::mt19937 random_;
    QString mode_;
    const std::string base_ = "31415926535897932384626433832795028841";
};

// --- Engine helpers --------------------------------------------------------------------------

Json call(Engine& engine, const char* operation, const Json& request) {
    auto response = dispatch(engine, operation, request);
    if (!response) qFatal("%s failed: %s", operation, response.error().message.c_str());
    return response.value();
}

void createTable(Engine& engine, const std::string& name, const std::string& pkType,
                 const std::string& skType) {
    Json request = {
        {"TableName", name},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", pkType}}}},
        {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
    if (!skType.empty()) {
        request["AttributeDefinitions"].push_back(
            {{"AttributeName", "sk"}, {"AttributeType", skType}});
        request["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
    }
    call(engine, "CreateTable", request);
}

// Reads every page, following LastEvaluatedKey.
std::vector<Json> readAll(Engine& engine, const char* operation, Json request) {
    std::vector<Json> items;
    for (int pages = 0; pages < 10000; ++pages) {
        const Json response = call(engine, operation, request);
        for (const auto& item : response.at("Items")) items.push_back(item);
        if (!response.contains("LastEvaluatedKey")) return items;
        request["ExclusiveStartKey"] = response.at("LastEvaluatedKey");
    }
    qFatal("%s never finished paging", operation);
}

}  // namespace

class TestStorageOrder : public QObject {
    Q_OBJECT

  private slots:
    void sortKeyPairOrder_data();
    void sortKeyPairOrder();
    void sortKeysSortAsDynamoDB_data();
    void sortKeysSortAsDynamoDB();
    void numbersSortNumerically_data();
    void numbersSortNumerically();
    void partitionsAreContiguous_data();
    void partitionsAreContiguous();
    void partitionKeyEncodingIsPrefixFree();
    void partitionHashEquality_data();
    void partitionHashEquality();
    void partitionHashDistribution_data();
    void partitionHashDistribution();
    void prefixSuccessor_data();
    void prefixSuccessor();
    void itemBinaryRoundTrip_data();
    void itemBinaryRoundTrip();
    void itemBinaryTruncated_data();
    void itemBinaryTruncated();
    void itemBinaryRandomDamage_data();
    void itemBinaryRandomDamage();
    void itemBinaryCraftedDamage_data();
    void itemBinaryCraftedDamage();
    void engineScanIsInHashOrder_data();
    void engineScanIsInHashOrder();
    void engineQueryIsInSortKeyOrder_data();
    void engineQueryIsInSortKeyOrder();
};

// --- Sort keys ---------------------------------------------------------------------------------

void TestStorageOrder::sortKeyPairOrder_data() {
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("lower");
    QTest::addColumn<QByteArray>("higher");

    QTest::newRow("S a < b") << QByteArray("S") << QByteArray("a") << QByteArray("b");
    QTest::newRow("S b < ba") << QByteArray("S") << QByteArray("b") << QByteArray("ba");
    QTest::newRow("S a < aa (prefix first)")
        << QByteArray("S") << QByteArray("a") << QByteArray("aa");
    QTest::newRow("S ba < bb") << QByteArray("S") << QByteArray("ba") << QByteArray("bb");
    QTest::newRow("S upper case first") << QByteArray("S") << QByteArray("Z") << QByteArray("a");
    QTest::newRow("S digits as text") << QByteArray("S") << QByteArray("10") << QByteArray("9");
    QTest::newRow("S NUL after prefix")
        << QByteArray("S") << QByteArray("a") << QByteArray("a\x00", 2);
    QTest::newRow("S ASCII < e-acute")
        << QByteArray("S") << QByteArray("z") << QByteArray("\xc3\xa9");
    QTest::newRow("S 2-byte < 3-byte UTF-8")
        << QByteArray("S") << QByteArray("\xc3\xa9") << QByteArray("\xe6\x97\xa5");
    // UTF-8 byte order, not UTF-16 order (where the surrogate pair of U+1F600 sorts first).
    QTest::newRow("S U+FF00 < U+1F600")
        << QByteArray("S") << QByteArray("\xef\xbc\x80") << QByteArray("\xf0\x9f\x98\x80");
    QTest::newRow("B 0x00 < 0x00 0x00")
        << QByteArray("B") << QByteArray("\x00", 1) << QByteArray("\x00\x00", 2);
    QTest::newRow("B 0x00 0x00 < 0x01")
        << QByteArray("B") << QByteArray("\x00\x00", 2) << QByteArray("\x01");
    QTest::newRow("B 0x7f < 0x80 (unsigned)")
        << QByteArray("B") << QByteArray("\x7f") << QByteArray("\x80");
    QTest::newRow("B 0x80 < 0xff") << QByteArray("B") << QByteArray("\x80") << QByteArray("\xff");
    QTest::newRow("B 0xff < 0xff 0x00")
        << QByteArray("B") << QByteArray("\xff") << QByteArray("\xff\x00", 2);
    QTest::newRow("B 0x01 0xff < 0x02")
        << QByteArray("B") << QByteArray("\x01\xff") << QByteArray("\x02");
}

void TestStorageOrder::sortKeyPairOrder() {
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, lower);
    QFETCH(QByteArray, higher);

    auto make = [&](const QByteArray& bytes) {
        return type == "S" ? AttributeValue::string(bytes.toStdString())
                           : AttributeValue::binary(bytes.toStdString());
    };
    const AttributeValue pk = AttributeValue::string("partition");
    const AttributeValue a = make(lower), b = make(higher);
    // S and B sort keys are stored as their own bytes.
    QCOMPARE(QByteArray::fromStdString(layout::sortKeyBytes(a)), lower);
    const std::string keyA = layout::itemKey(kTableId, pk, &a);
    const std::string keyB = layout::itemKey(kTableId, pk, &b);
    QCOMPARE(compareBytes(keyA, keyB), -1);
    QCOMPARE(compareBytes(keyB, keyA), 1);
    const std::string prefix = layout::partitionPrefix(kTableId, pk);
    QVERIFY(keyA.starts_with(prefix));
    QVERIFY(keyB.starts_with(prefix));
}

void TestStorageOrder::sortKeysSortAsDynamoDB_data() {
    QTest::addColumn<QByteArray>("ascending");  // JSON array of attribute values, in order

    QTest::newRow("S") << QByteArray(
        R"([{"S":"0"},{"S":"10"},{"S":"9"},{"S":"A"},{"S":"Z"},{"S":"a"},{"S":"a\u0000"},)"
        R"({"S":"aa"},{"S":"b"},{"S":"ba"},{"S":"bb"},{"S":"z"},{"S":"\u00e9"},)"
        R"({"S":"\u65e5"},{"S":"\uff00"},{"S":"\ud83d\ude00"}])");
    QTest::newRow("B") << QByteArray(
        R"([{"B":"AA=="},{"B":"AAA="},{"B":"AAE="},{"B":"AQ=="},{"B":"Af8="},{"B":"Ag=="},)"
        R"({"B":"fw=="},{"B":"f/8="},{"B":"gA=="},{"B":"gAA="},{"B":"/g=="},{"B":"/w=="},)"
        R"({"B":"/wA="},{"B":"//8="}])");
    QTest::newRow("N") << QByteArray(
        R"([{"N":"-9.9999999999999999999999999999999999999E+125"},{"N":"-1E125"},)"
        R"({"N":"-100"},{"N":"-99.5"},{"N":"-10"},{"N":"-9.99"},{"N":"-2"},{"N":"-1.5"},)"
        R"({"N":"-1.25"},{"N":"-1"},{"N":"-0.5"},{"N":"-0.05"},{"N":"-1E-130"},{"N":"0"},)"
        R"({"N":"1E-130"},{"N":"1.5E-130"},{"N":"0.05"},{"N":"0.5"},{"N":"1"},)"
        R"({"N":"1.0000000000000000000000000000000000001"},{"N":"1.25"},{"N":"1.5"},)"
        R"({"N":"2"},{"N":"9.99"},{"N":"10"},{"N":"99.5"},{"N":"100"},{"N":"1E125"},)"
        R"({"N":"9.9999999999999999999999999999999999999E+125"}])");
}

void TestStorageOrder::sortKeysSortAsDynamoDB() {
    QFETCH(QByteArray, ascending);

    const std::vector<AttributeValue> expected = valuesOf(ascending);
    const AttributeValue pk = AttributeValue::string("p");
    std::vector<std::pair<std::string, size_t>> keys;
    for (size_t i = 0; i < expected.size(); ++i)
        keys.emplace_back(layout::itemKey(kTableId, pk, &expected[i]), i);
    std::mt19937 random(1);
    std::shuffle(keys.begin(), keys.end(), random);
    std::sort(keys.begin(), keys.end(),
              [](const auto& a, const auto& b) { return compareBytes(a.first, b.first) < 0; });
    for (size_t i = 0; i < keys.size(); ++i) {
        QCOMPARE(keys[i].second, i);
        if (i > 0) QCOMPARE(compareBytes(keys[i - 1].first, keys[i].first), -1);
    }
}

void TestStorageOrder::numbersSortNumerically_data() {
    QTest::addColumn<QString>("mode");
    QTest::addColumn<uint>("seed");

    QTest::newRow("uniform") << "uniform" << 11u;
    QTest::newRow("clustered") << "clustered" << 12u;
    QTest::newRow("shared prefix") << "shared prefix" << 13u;
    QTest::newRow("extremes") << "extremes" << 14u;
}

void TestStorageOrder::numbersSortNumerically() {
    QFETCH(QString, mode);
    QFETCH(uint, seed);

    NumberGenerator generator(seed, mode);
    std::vector<GeneratedNumber> pool;
    std::vector<Number> numbers;
    std::vector<std::string> encodings;
    const AttributeValue pk = AttributeValue::string("p");
    for (int i = 0; i < 1500; ++i) {
        GeneratedNumber g = generator.next();
        auto parsed = Number::parse(g.text);
        QVERIFY2(parsed.ok(), g.text.c_str());
        // Every spelling parses to the generated value.
        QCOMPARE(qs(parsed->digits()), qs(g.digits));
        if (!g.digits.empty()) {
            QCOMPARE(parsed->exponent(), g.exponent);
            QCOMPARE(parsed->isNegative(), g.negative);
        }
        const AttributeValue asValue = AttributeValue::number(parsed->toString());
        encodings.push_back(layout::sortKeyBytes(asValue));
        QCOMPARE(QByteArray::fromStdString(encodings.back()),
                 QByteArray::fromStdString(parsed->orderedEncoding()));
        numbers.push_back(std::move(parsed).value());
        pool.push_back(std::move(g));
    }

    std::mt19937 random(seed * 7919u);
    std::uniform_int_distribution<size_t> index(0, pool.size() - 1);
    int ties = 0;
    for (int i = 0; i < 2500; ++i) {
        const size_t a = index(random), b = index(random);
        const int expected = referenceCompare(pool[a], pool[b]);
        ties += expected == 0;
        const QByteArray context = QByteArray::fromStdString(pool[a].text + " vs " + pool[b].text);
        QVERIFY2(numbers[a].compare(numbers[b]) == expected, context.constData());
        QVERIFY2(signOf(compareBytes(encodings[a], encodings[b])) == expected, context.constData());
        const AttributeValue va = AttributeValue::number(numbers[a].toString());
        const AttributeValue vb = AttributeValue::number(numbers[b].toString());
        QVERIFY2(signOf(compareBytes(layout::itemKey(kTableId, pk, &va),
                                     layout::itemKey(kTableId, pk, &vb))) == expected,
                 context.constData());
    }
    if (mode == "clustered") QVERIFY(ties > 0);  // equal values must encode identically

    // Sorting the encodings sorts the numbers; equal encodings only for equal numbers, and no
    // encoding is a proper prefix of another (keys stay self-delimiting).
    std::vector<size_t> order(pool.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return compareBytes(encodings[a], encodings[b]) < 0; });
    for (size_t i = 1; i < order.size(); ++i) {
        const auto& previous = encodings[order[i - 1]];
        const auto& current = encodings[order[i]];
        const int expected = referenceCompare(pool[order[i - 1]], pool[order[i]]);
        QVERIFY(expected <= 0);
        QCOMPARE(previous == current, expected == 0);
        if (previous != current) QVERIFY(!current.starts_with(previous));
    }
}

// --- Partitions ---------------------------------------------------------------------------------

void TestStorageOrder::partitionsAreContiguous_data() {
    QTest::addColumn<QByteArray>("pkType");
    QTest::addColumn<QByteArray>("skType");

    QTest::newRow("S partitions, S sort keys") << QByteArray("S") << QByteArray("S");
    QTest::newRow("N partitions, N sort keys") << QByteArray("N") << QByteArray("N");
    QTest::newRow("B partitions, B sort keys") << QByteArray("B") << QByteArray("B");
}

void TestStorageOrder::partitionsAreContiguous() {
    QFETCH(QByteArray, pkType);
    QFETCH(QByteArray, skType);

    std::mt19937 random(99);
    auto make = [&](const QByteArray& type, int i, int variant) {
        // Keys that share prefixes and contain NUL, so escaping and termination matter.
        if (type == "N") return AttributeValue::number(std::to_string(i * 10 + variant));
        std::string bytes = "k";
        bytes += std::to_string(i);
        if (variant % 3 == 1) bytes.push_back('\0');
        if (variant % 3 == 2) bytes.append({'\0', '\xff'});
        bytes += std::string(size_t(variant), 'x');
        return type == "S" ? AttributeValue::string(bytes) : AttributeValue::binary(bytes);
    };

    struct Entry {
        std::string key;
        int partition;
        AttributeValue sortKey;
    };
    std::vector<AttributeValue> partitions;
    std::vector<Entry> entries;
    for (int p = 0; p < 60; ++p) {
        partitions.push_back(make(pkType, p, p % 3));
        for (int s = 0; s < 15; ++s) {
            AttributeValue sk = make(skType, s % 5, s);
            entries.push_back({layout::itemKey(kTableId, partitions.back(), &sk), p, sk});
        }
    }
    // Another table's items must never interleave.
    const AttributeValue other = make(pkType, 0, 0);
    const std::string otherTableKey = layout::itemKey(kTableId + 1, other, &other);
    std::shuffle(entries.begin(), entries.end(), random);
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return compareBytes(a.key, b.key) < 0; });

    std::set<int> finished;
    uint64_t previousHash = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        const AttributeValue& pk = partitions[size_t(e.partition)];
        QVERIFY(e.key.starts_with(layout::tablePrefix(kTableId)));
        QVERIFY(e.key.starts_with(layout::partitionPrefix(kTableId, pk)));
        QCOMPARE(layout::hashOfItemKey(e.key), layout::partitionHash(pk));
        QVERIFY(compareBytes(layout::hashBoundary(kTableId, layout::partitionHash(pk)), e.key) < 0);
        QVERIFY(compareBytes(e.key, layout::prefixSuccessor(layout::tablePrefix(kTableId))) < 0);
        QVERIFY(compareBytes(e.key, otherTableKey) < 0);
        if (i == 0 || entries[i - 1].partition != e.partition) {
            // A new run: its partition must not have appeared before, and runs are in hash order.
            QVERIFY2(!finished.count(e.partition), "partition split into two runs");
            QVERIFY(i == 0 || previousHash <= layout::partitionHash(pk));
            previousHash = layout::partitionHash(pk);
            if (i > 0) finished.insert(entries[i - 1].partition);
            continue;
        }
        // Within a run, the sort key decides, as DynamoDB orders it.
        const AttributeValue& before = entries[i - 1].sortKey;
        if (skType == "N") {
            QVERIFY(Number::parse(before.scalar())->compare(*Number::parse(e.sortKey.scalar())) <=
                    0);
        } else {
            QVERIFY(compareBytes(before.scalar(), e.sortKey.scalar()) <= 0);
        }
    }
    QCOMPARE(int(finished.size()) + 1, int(partitions.size()));
}

void TestStorageOrder::partitionKeyEncodingIsPrefixFree() {
    // Keys whose bytes extend each other. After the table id and the hash, one key's encoding
    // must never be a prefix of another's, or a hash collision would mix their items. (A table
    // has one partition key type, so only keys of the same type are compared.)
    const std::vector<std::string> texts = {"a",
                                            std::string("a\0", 2),
                                            std::string("a\0\1", 3),
                                            std::string("a\0\xff", 3),
                                            "a\1",
                                            "ab",
                                            "a\xff"};
    std::vector<std::vector<AttributeValue>> groups(3);
    for (const auto& t : texts) {
        groups[0].push_back(AttributeValue::string(t));
        groups[1].push_back(AttributeValue::binary(t));
    }
    for (const char* n : {"1", "10", "11", "-1", "-10", "0.1", "0"})
        groups[2].push_back(AttributeValue::number(n));
    constexpr size_t kHeader = 1 + 4 + 8;  // prefix byte, table id, hash
    // The exact escaping: each 0x00 becomes 0x00 0xFF and the value ends with 0x00 0x01.
    QCOMPARE(layout::partitionPrefix(kTableId, AttributeValue::string(std::string("\0a\0\0b", 5)))
                 .substr(kHeader),
             std::string("\0\xff"
                         "a\0\xff\0\xff"
                         "b\0\1",
                         10));
    for (const auto& group : groups) {
        for (size_t i = 0; i < group.size(); ++i) {
            const std::string a = layout::partitionPrefix(kTableId, group[i]).substr(kHeader);
            for (size_t j = 0; j < group.size(); ++j) {
                const std::string b = layout::partitionPrefix(kTableId, group[j]).substr(kHeader);
                if (i != j)
                    QVERIFY2(!b.starts_with(a), qPrintable(QString("%1 is a prefix of %2")
                                                               .arg(qs(group[i].scalar()))
                                                               .arg(qs(group[j].scalar()))));
            }
        }
    }
}

void TestStorageOrder::partitionHashEquality_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("same S") << QByteArray(R"({"S":"user#1"})") << QByteArray(R"({"S":"user#1"})")
                            << true;
    QTest::newRow("N 1.0 and 1") << QByteArray(R"({"N":"1.0"})") << QByteArray(R"({"N":"1"})")
                                 << true;
    QTest::newRow("N 1e3 and 1000")
        << QByteArray(R"({"N":"1e3"})") << QByteArray(R"({"N":"1000"})") << true;
    QTest::newRow("N -0 and 0") << QByteArray(R"({"N":"-0"})") << QByteArray(R"({"N":"0"})")
                                << true;
    QTest::newRow("N 0.50 and .5")
        << QByteArray(R"({"N":"0.50"})") << QByteArray(R"({"N":".5"})") << true;
    QTest::newRow("same B") << QByteArray(R"({"B":"AAE="})") << QByteArray(R"({"B":"AAE="})")
                            << true;
    QTest::newRow("S 1 and N 1") << QByteArray(R"({"S":"1"})") << QByteArray(R"({"N":"1"})")
                                 << false;
    QTest::newRow("S a and B a") << QByteArray(R"({"S":"a"})") << QByteArray(R"({"B":"YQ=="})")
                                 << false;
    QTest::newRow("N 1 and -1") << QByteArray(R"({"N":"1"})") << QByteArray(R"({"N":"-1"})")
                                << false;
    QTest::newRow("nearby S") << QByteArray(R"({"S":"user#1"})") << QByteArray(R"({"S":"user#2"})")
                              << false;
    QTest::newRow("S case") << QByteArray(R"({"S":"a"})") << QByteArray(R"({"S":"A"})") << false;
}

void TestStorageOrder::partitionHashEquality() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, same);

    const AttributeValue x = valueOf(parseJson(a)), y = valueOf(parseJson(b));
    QCOMPARE(layout::partitionHash(x) == layout::partitionHash(y), same);
    QCOMPARE(layout::partitionPrefix(kTableId, x) == layout::partitionPrefix(kTableId, y), same);
}

void TestStorageOrder::partitionHashDistribution_data() {
    QTest::addColumn<QString>("pattern");

    QTest::newRow("S user#i") << "S user#%1";
    QTest::newRow("N i") << "N %1";
    QTest::newRow("B order-i") << "B order-%1";
}

void TestStorageOrder::partitionHashDistribution() {
    QFETCH(QString, pattern);

    constexpr int kKeys = 100000;
    constexpr int kRanges = 16;
    std::vector<int> counts(kRanges, 0);
    std::set<uint64_t> distinct;
    for (int i = 0; i < kKeys; ++i) {
        const std::string text = pattern.mid(2).arg(i).toStdString();
        const AttributeValue key = pattern.startsWith('S')   ? AttributeValue::string(text)
                                   : pattern.startsWith('N') ? AttributeValue::number(text)
                                                             : AttributeValue::binary(text);
        const uint64_t hash = layout::partitionHash(key);
        distinct.insert(hash);
        ++counts[size_t(hash >> 60)];  // 16 equal slices of the 64-bit hash space
    }
    QCOMPARE(int(distinct.size()), kKeys);
    const int expected = kKeys / kRanges;
    for (int r = 0; r < kRanges; ++r)
        QVERIFY2(std::abs(counts[size_t(r)] - expected) <= expected / 10,
                 qPrintable(QString("range %1 holds %2 keys").arg(r).arg(counts[size_t(r)])));
}

void TestStorageOrder::prefixSuccessor_data() {
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("successor");

    QTest::newRow("plain") << QByteArray("ab") << QByteArray("ac");
    QTest::newRow("trailing 0xff dropped") << QByteArray("a\xff\xff") << QByteArray("b");
    QTest::newRow("0x7f to 0x80") << QByteArray("\x7f") << QByteArray("\x80");
    QTest::newRow("all 0xff") << QByteArray("\xff\xff") << QByteArray("");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
}

void TestStorageOrder::prefixSuccessor() {
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, successor);
    QCOMPARE(QByteArray::fromStdString(layout::prefixSuccessor(prefix.toStdString())), successor);
}

// --- Item binary --------------------------------------------------------------------------------

namespace {

void addItemRows() {
    QTest::addColumn<QByteArray>("item");

    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("scalars") << QByteArray(
        R"({"s":{"S":"h\u00e9llo"},"e":{"S":""},"n":{"N":"-12.5e-3"},"b":{"B":"AP8A"},)"
        R"("eb":{"B":""},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}})");
    QTest::newRow("sets") << QByteArray(
        R"({"ss":{"SS":["b","a",""]},"ns":{"NS":["1","-1","1E-130"]},)"
        R"("bs":{"BS":["AA==","AAA="]}})");
    QTest::newRow("nested") << QByteArray(
        R"({"pk":{"S":"user#1"},"doc":{"M":{"list":{"L":[{"N":"1"},{"M":{"deep":{"L":[)"
        R"({"SS":["x"]},{"NULL":true},{"L":[]},{"M":{}},{"BS":["/w=="]}]}}},{"B":"AQID"}]},)"
        R"("flag":{"BOOL":false},"name":{"S":"\u65e5\u672c"}}},"n":{"NS":["3","2"]}})");
    QTest::newRow("long string") << QByteArray(R"({"big":{"S":")") + QByteArray(300, 'x') +
                                        QByteArray(R"("}})");
}

Item itemFrom(const QByteArray& json) {
    auto item = itemFromJson(parseJson(json));
    if (!item) qFatal("test item rejected: %s", item.error().message.c_str());
    return item.value();
}

void verifyCorrupt(const Result<Item>& decoded, const QByteArray& context) {
    QVERIFY2(!decoded.ok(), context.constData());
    QCOMPARE(decoded.error().code, ErrorCode::Corruption);
    QCOMPARE(qs(wireTypeName(decoded.error())),
             QString("com.amazonaws.dynamodb.v20120810#InternalServerError"));
    QCOMPARE(qs(decoded.error().message), QString("Corrupt item record in storage"));
}

// GetItem's direct path from the binary form to JSON must give what decoding and then
// encoding give: the same JSON text, or the same error.
void verifyJsonPathAgrees(std::string_view bytes, const QByteArray& context) {
    const auto item = decodeItemBinary(bytes);
    const auto json = decodeItemBinaryToJson(bytes);
    QVERIFY2(json.ok() == item.ok(), context.constData());
    if (item.ok()) {
        // Damaged text may not be UTF-8: compare values, and show them with replacements.
        const Json expected = itemToJson(*item);
        QVERIFY2(*json == expected,
                 (json->dump(-1, ' ', false, Json::error_handler_t::replace) +
                  " != " + expected.dump(-1, ' ', false, Json::error_handler_t::replace))
                     .c_str());
    } else {
        QCOMPARE(qs(json.error().name()), qs(item.error().name()));
        QCOMPARE(qs(json.error().message), qs(item.error().message));
    }
}

}  // namespace

void TestStorageOrder::itemBinaryRoundTrip_data() {
    addItemRows();
}

void TestStorageOrder::itemBinaryRoundTrip() {
    QFETCH(QByteArray, item);
    const Item original = itemFrom(item);
    const std::string bytes = encodeItemBinary(original);
    auto decoded = decodeItemBinary(bytes);
    QVERIFY(decoded.ok());
    QVERIFY(*decoded == original);
    QCOMPARE(itemToJson(*decoded).dump(), itemToJson(original).dump());
    // Encoding is deterministic.
    QCOMPARE(encodeItemBinary(*decoded), bytes);
    verifyJsonPathAgrees(bytes, "round trip");
}

void TestStorageOrder::itemBinaryTruncated_data() {
    addItemRows();
}

void TestStorageOrder::itemBinaryTruncated() {
    QFETCH(QByteArray, item);
    const std::string bytes = encodeItemBinary(itemFrom(item));
    for (size_t length = 0; length < bytes.size(); ++length) {
        const QByteArray context = "truncated to " + QByteArray::number(qulonglong(length));
        verifyCorrupt(decodeItemBinary(std::string_view(bytes).substr(0, length)), context);
        verifyJsonPathAgrees(std::string_view(bytes).substr(0, length), context);
    }
    verifyCorrupt(decodeItemBinary(bytes + std::string(1, '\0')), "trailing byte");
    verifyJsonPathAgrees(bytes + std::string(1, '\0'), "trailing byte");
}

void TestStorageOrder::itemBinaryRandomDamage_data() {
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<uint>("seed");
    QTest::addColumn<int>("flipsPerTry");

    const QByteArray nested = R"({"pk":{"S":"user#1"},"doc":{"M":{"list":{"L":[{"N":"1"},)"
                              R"({"M":{"deep":{"L":[{"SS":["x","y"]},{"NULL":true},{"L":[]},)"
                              R"({"BS":["/w=="]}]}}},{"B":"AQID"}]},"flag":{"BOOL":false}}}})";
    QTest::newRow("one flip") << nested << 1u << 1;
    QTest::newRow("three flips") << nested << 2u << 3;
    QTest::newRow("ten flips") << nested << 3u << 10;
}

void TestStorageOrder::itemBinaryRandomDamage() {
    QFETCH(QByteArray, item);
    QFETCH(uint, seed);
    QFETCH(int, flipsPerTry);

    const std::string bytes = encodeItemBinary(itemFrom(item));
    std::mt19937 random(seed);
    std::uniform_int_distribution<size_t> position(0, bytes.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    int rejected = 0;
    for (int attempt = 0; attempt < 3000; ++attempt) {
        std::string damaged = bytes;
        for (int f = 0; f < flipsPerTry; ++f) damaged[position(random)] = char(byte(random));
        // A flip inside string content can yield another valid item; anything else must be
        // the one storage-corruption error, never a crash or a hang.
        auto decoded = decodeItemBinary(damaged);
        verifyJsonPathAgrees(damaged, "damaged");
        if (!decoded) {
            ++rejected;
            QCOMPARE(decoded.error().code, ErrorCode::Corruption);
            QCOMPARE(qs(decoded.error().message), QString("Corrupt item record in storage"));
        }
    }
    QVERIFY(rejected > 0);
}

void TestStorageOrder::itemBinaryCraftedDamage_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    // Layout: varint count, then per attribute varint name length, name, type tag, payload.
    // Tags: S 0, N 1, B 2, BOOL 3, NULL 4, M 5, L 6, SS 7, NS 8, BS 9.
    const QByteArray header(
        "\x01\x01"
        "a",
        3);
    QTest::newRow("well-formed S") << header + QByteArray("\x00\x01x", 3) << true;
    QTest::newRow("empty input") << QByteArray() << false;
    QTest::newRow("count without attributes") << QByteArray("\x02") << false;
    QTest::newRow("huge count") << QByteArray("\xff\xff\xff\xff\x0f") << false;
    QTest::newRow("name past end") << QByteArray(
                                          "\x01\x05"
                                          "a",
                                          3)
                                   << false;
    QTest::newRow("missing value") << header << false;
    QTest::newRow("unknown tag") << header + QByteArray("\x0a") << false;
    QTest::newRow("tag 0xff") << header + QByteArray("\xff") << false;
    QTest::newRow("string past end") << header + QByteArray("\x00\x05x", 3) << false;
    QTest::newRow("string length overflows")
        << header + QByteArray("\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01x", 12) << false;
    QTest::newRow("varint never ends")
        << header + QByteArray(1, '\0') + QByteArray(11, '\xff') << false;
    QTest::newRow("BOOL without byte") << header + QByteArray("\x03") << false;
    QTest::newRow("list longer than record") << header + QByteArray("\x06\x7f") << false;
    QTest::newRow("map longer than record") << header + QByteArray("\x05\x7f") << false;
    QTest::newRow("set longer than record") << header + QByteArray("\x07\x7f") << false;
    QTest::newRow("set member past end") << header + QByteArray("\x09\x01\x04x", 4) << false;
    QTest::newRow("list element missing") << header + QByteArray("\x06\x02\x04", 3) << false;
    QTest::newRow("extra byte") << header + QByteArray("\x04\x00", 2) << false;

    // DynamoDB allows 32 levels of nesting; far deeper records are refused, not recursed into.
    auto nested = [&](int depth) {
        QByteArray bytes = header;
        for (int i = 0; i < depth; ++i) bytes += QByteArray("\x06\x01", 2);
        return bytes + QByteArray("\x04");
    };
    QTest::newRow("32 levels") << nested(32) << true;
    QTest::newRow("64 levels") << nested(64) << true;
    QTest::newRow("65 levels") << nested(65) << false;
    QTest::newRow("10000 levels") << nested(10000) << false;
}

void TestStorageOrder::itemBinaryCraftedDamage() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);

    auto decoded = decodeItemBinary(std::string_view(bytes.constData(), size_t(bytes.size())));
    verifyJsonPathAgrees(std::string_view(bytes.constData(), size_t(bytes.size())), "crafted");
    if (valid) {
        QVERIFY(decoded.ok());
        QCOMPARE(int(decoded->size()), 1);
        QVERIFY(decoded->count("a"));
    } else {
        verifyCorrupt(decoded, "crafted record accepted");
    }
}

// --- A real engine ------------------------------------------------------------------------------

void TestStorageOrder::engineScanIsInHashOrder_data() {
    QTest::addColumn<QByteArray>("pkType");

    QTest::newRow("S partition keys") << QByteArray("S");
    QTest::newRow("N partition keys") << QByteArray("N");
    QTest::newRow("B partition keys") << QByteArray("B");
}

void TestStorageOrder::engineScanIsInHashOrder() {
    QFETCH(QByteArray, pkType);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    Engine& engine = **opened;
    const std::string type = pkType.toStdString();
    createTable(engine, "Things", type, "");

    constexpr int kItems = 300;
    for (int i = 0; i < kItems; ++i) {
        const std::string text = "user#" + std::to_string(i);
        const Json pk = type == "S"   ? Json{{"S", text}}
                        : type == "N" ? Json{{"N", std::to_string(i * 7 - 1000) + ".50"}}
                                      : Json{{"B", base64Encode(text)}};
        call(engine, "PutItem",
             {{"TableName", "Things"}, {"Item", {{"pk", pk}, {"i", {{"N", std::to_string(i)}}}}}});
    }

    auto hashOf = [](const Json& item) { return layout::partitionHash(valueOf(item.at("pk"))); };
    const Json all = call(engine, "Scan", {{"TableName", "Things"}});
    QCOMPARE(all.at("Count").get<int>(), kItems);
    QCOMPARE(all.at("ScannedCount").get<int>(), kItems);
    std::set<int> seen;
    for (size_t i = 0; i < all.at("Items").size(); ++i) {
        seen.insert(std::stoi(all["Items"][i].at("i").at("N").get<std::string>()));
        if (i > 0) QVERIFY(hashOf(all["Items"][i - 1]) < hashOf(all["Items"][i]));
    }
    QCOMPARE(int(seen.size()), kItems);

    // Paging with a small Limit continues exactly where the previous page stopped.
    const std::vector<Json> paged =
        readAll(engine, "Scan", {{"TableName", "Things"}, {"Limit", 7}});
    QVERIFY(Json(paged) == all.at("Items"));

    // Parallel segments are consecutive slices of the hash space, in segment order.
    constexpr int kSegments = 4;
    Json joined = Json::array();
    for (int s = 0; s < kSegments; ++s) {
        const std::vector<Json> segment = readAll(
            engine, "Scan",
            {{"TableName", "Things"}, {"Segment", s}, {"TotalSegments", kSegments}, {"Limit", 50}});
        for (const auto& item : segment) {
            QCOMPARE(int(hashOf(item) >> 62), s);
            joined.push_back(item);
        }
    }
    QVERIFY(joined == all.at("Items"));
}

void TestStorageOrder::engineQueryIsInSortKeyOrder_data() {
    QTest::addColumn<QByteArray>("skType");
    QTest::addColumn<QByteArray>("ascending");  // JSON array of sort-key values, in order

    QTest::newRow("S") << QByteArray("S")
                       << QByteArray(R"([{"S":"0"},{"S":"10"},{"S":"9"},{"S":"A"},{"S":"a"},)"
                                     R"({"S":"a\u0000"},{"S":"aa"},{"S":"b"},{"S":"ba"},)"
                                     R"({"S":"\u00e9"},{"S":"\uff00"},{"S":"\ud83d\ude00"}])");
    QTest::newRow("B") << QByteArray("B")
                       << QByteArray(R"([{"B":"AA=="},{"B":"AAA="},{"B":"AQ=="},{"B":"fw=="},)"
                                     R"({"B":"gA=="},{"B":"gAA="},{"B":"/w=="},{"B":"//8="}])");
    QTest::newRow("N") << QByteArray("N")
                       << QByteArray(R"([{"N":"-1E125"},{"N":"-100"},{"N":"-99.5"},{"N":"-2"},)"
                                     R"({"N":"-1.5"},{"N":"-1"},{"N":"-1E-130"},{"N":"0"},)"
                                     R"({"N":"1E-130"},{"N":"0.5"},{"N":"1"},{"N":"1.25"},)"
                                     R"({"N":"2"},{"N":"10"},{"N":"99.5"},{"N":"100"},)"
                                     R"({"N":"9.9999999999999999999999999999999999999E+125"}])");

    // Many random numbers, ordered by the reference comparison rather than by Number.
    NumberGenerator generator(77, "uniform");
    std::vector<GeneratedNumber> numbers;
    std::set<std::string> distinct;
    while (numbers.size() < 150) {
        GeneratedNumber n = generator.next();
        if (distinct.insert(Number::parse(n.text)->toString()).second) numbers.push_back(n);
    }
    std::sort(numbers.begin(), numbers.end(),
              [](const auto& a, const auto& b) { return referenceCompare(a, b) < 0; });
    Json values = Json::array();
    for (const auto& n : numbers) values.push_back({{"N", n.text}});
    QTest::newRow("N random") << QByteArray("N") << QByteArray::fromStdString(values.dump());
}

void TestStorageOrder::engineQueryIsInSortKeyOrder() {
    QFETCH(QByteArray, skType);
    QFETCH(QByteArray, ascending);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    Engine& engine = **opened;
    createTable(engine, "Events", "S", skType.toStdString());

    const Json expected = parseJson(ascending);
    std::vector<size_t> insertion(expected.size());
    for (size_t i = 0; i < insertion.size(); ++i) insertion[i] = i;
    std::mt19937 random(5);
    std::shuffle(insertion.begin(), insertion.end(), random);
    // Neighbouring partitions hold the same sort keys; a Query must not leak into them.
    for (const char* pk : {"p", "o", "q", "p\x01", "pp"})
        for (size_t i : insertion)
            call(engine, "PutItem",
                 {{"TableName", "Events"},
                  {"Item", {{"pk", {{"S", pk}}}, {"sk", expected[i]}, {"at", {{"S", pk}}}}}});

    auto query = [&](bool forward, std::optional<int> limit) {
        Json request = {{"TableName", "Events"},
                        {"KeyConditionExpression", "pk = :p"},
                        {"ExpressionAttributeValues", {{":p", {{"S", "p"}}}}},
                        {"ScanIndexForward", forward}};
        if (limit) request["Limit"] = *limit;
        return readAll(engine, "Query", request);
    };
    for (bool forward : {true, false}) {
        for (std::optional<int> limit : {std::optional<int>(), std::optional<int>(3)}) {
            const std::vector<Json> items = query(forward, limit);
            QCOMPARE(items.size(), expected.size());
            for (size_t i = 0; i < items.size(); ++i) {
                const size_t at = forward ? i : expected.size() - 1 - i;
                QCOMPARE(items[i].at("at").at("S").get<std::string>(), std::string("p"));
                QVERIFY2(valueOf(items[i].at("sk")) == valueOf(expected[at]),
                         qPrintable(QString("position %1: %2, expected %3")
                                        .arg(i)
                                        .arg(qs(items[i].at("sk").dump()))
                                        .arg(qs(expected[at].dump()))));
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestStorageOrder)
#include "test_storage_order.moc"
