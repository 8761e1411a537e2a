// Query key conditions, Query and Scan paging (Limit, ExclusiveStartKey, the 1 MB page),
// Count/ScannedCount/Select, parallel Scan segments, and their errors.
#include <set>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

// events (S sort key), scores (N) and blobs (B) hold these sort keys in partition "p", in
// DynamoDB's order; a neighbouring partition "q" must never leak into a Query on "p".
const char* const kEventKeys[] = {"a", "ab", "abc", "abd", "b", "ba", "c", "~", "\xC3\xA9"};
const char* const kScoreKeys[] = {"-10", "-1.5", "0", "0.25", "1", "2", "10", "100", "1000"};
// 00, 01, 01 02, 7f, 80, ff, ff 00: unsigned byte order.
const char* const kBlobKeys[] = {"AA==", "AQ==", "AQI=", "fw==", "gA==", "/w==", "/wA="};

// "k17" for 17. (Appending, because GCC 12 warns falsely about numbered("k", i).)
std::string numbered(const char* prefix, int i) {
    std::string name = prefix;
    name += std::to_string(i);
    return name;
}

const char* sortKeyType(const QString& table) {
    return table == "scores" ? "N" : table == "blobs" ? "B" : "S";
}

// The sort key of every item of a page, as its S/N/B text.
QStringList sortKeysOf(const Json& items, const char* type) {
    QStringList keys;
    for (const auto& item : items)
        keys << QString::fromStdString(item.at("sk").at(type).get<std::string>());
    return keys;
}

QStringList keysOfTable(const QString& table) {
    QStringList keys;
    if (table == "events")
        for (const char* k : kEventKeys) keys << QString::fromUtf8(k);
    else if (table == "scores")
        for (const char* k : kScoreKeys) keys << k;
    else
        for (const char* k : kBlobKeys) keys << k;
    return keys;
}

}  // namespace

class PagingTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;

    Result<Json> call(std::string_view operation, const Json& request);
    void createTable(const std::string& name, const char* sortType);
    // All pages of `request` (Query or Scan), following LastEvaluatedKey; empty on an error.
    std::vector<Json> allPages(std::string_view operation, Json request);

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void keyConditions_data();
    void keyConditions();
    void keyConditionErrors_data();
    void keyConditionErrors();
    void limitAndLastEvaluatedKey_data();
    void limitAndLastEvaluatedKey();
    void exclusiveStartKeyNeedNotExist();
    void paging250ItemsSevenAtATime_data();
    void paging250ItemsSevenAtATime();
    void scanPaging();
    void onePageIsAtMostOneMegabyte_data();
    void onePageIsAtMostOneMegabyte();
    void countSelectAndProjection();
    void readErrors_data();
    void readErrors();
    void parallelScan();
    void segmentErrors_data();
    void segmentErrors();
    void queryStartKeyErrors_data();
    void queryStartKeyErrors();
    void scanStartKeyErrors_data();
    void scanStartKeyErrors();
    void scanStartKeyFromAnotherSegment();
};

Result<Json> PagingTest::call(std::string_view operation, const Json& request) {
    return harness_->call(operation, request);
}

void PagingTest::createTable(const std::string& name, const char* sortType) {
    Json request = {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"}};
    request["AttributeDefinitions"] = json(R"([{"AttributeName": "pk", "AttributeType": "S"}])");
    request["KeySchema"] = json(R"([{"AttributeName": "pk", "KeyType": "HASH"}])");
    if (sortType) {
        request["AttributeDefinitions"].push_back(
            {{"AttributeName", "sk"}, {"AttributeType", sortType}});
        request["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
    }
    QVERIFY_OK(call("CreateTable", request));
}

std::vector<Json> PagingTest::allPages(std::string_view operation, Json request) {
    std::vector<Json> pages;
    for (int guard = 0; guard < 10000; ++guard) {
        auto page = call(operation, request);
        if (!page) {
            qWarning("%s", describe(page).c_str());
            return {};
        }
        pages.push_back(page.value());
        if (!page->contains("LastEvaluatedKey")) return pages;
        request["ExclusiveStartKey"] = page->at("LastEvaluatedKey");
    }
    qWarning("paging does not end");
    return {};
}

void PagingTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    createTable("events", "S");
    createTable("scores", "N");
    createTable("blobs", "B");
    createTable("single", nullptr);
    for (const char* table : {"events", "scores", "blobs"}) {
        const char* type = sortKeyType(table);
        for (const QString& key : keysOfTable(table)) {
            for (const char* partition : {"p", "q"}) {
                const Json item = {
                    {"pk", {{"S", partition}}},
                    {"sk", {{type, key.toStdString()}}},
                    {"tag", {{"S", std::string(partition) + "/" + key.toStdString()}}}};
                QVERIFY_OK(call("PutItem", Json{{"TableName", table}, {"Item", item}}));
            }
        }
    }
}

void PagingTest::keyConditions_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("query");  // merged into {"TableName": table}
    QTest::addColumn<QStringList>("expected");
    const QStringList events = keysOfTable("events");
    const QStringList scores = keysOfTable("scores");
    auto values = [](const char* type,
                     std::initializer_list<std::pair<const char*, const char*>> vs) {
        Json out = {{":p", {{"S", "p"}}}};
        for (const auto& [name, value] : vs) out[name] = {{type, value}};
        return out;
    };
    auto row = [](const char* name, const char* table, const char* expression, const Json& values,
                  const QStringList& expected, bool forward = true, const Json& names = nullptr) {
        Json query = {{"KeyConditionExpression", expression},
                      {"ExpressionAttributeValues", values}};
        if (!forward) query["ScanIndexForward"] = false;
        if (!names.is_null()) query["ExpressionAttributeNames"] = names;
        QTest::newRow(name) << table << QByteArray(query.dump().c_str()) << expected;
    };
    auto reversed = [](QStringList list) {
        std::reverse(list.begin(), list.end());
        return list;
    };
    const QString e_acute = QString::fromUtf8("\xC3\xA9");

    row("S: partition only", "events", "pk = :p", values("S", {}), events);
    row("S: partition only, backward", "events", "pk = :p", values("S", {}), reversed(events),
        false);
    row("S: =", "events", "pk = :p AND sk = :v", values("S", {{":v", "abc"}}), {"abc"});
    row("S: = nothing", "events", "pk = :p AND sk = :v", values("S", {{":v", "abd0"}}), {});
    row("S: <", "events", "pk = :p AND sk < :v", values("S", {{":v", "b"}}),
        {"a", "ab", "abc", "abd"});
    row("S: <=", "events", "pk = :p AND sk <= :v", values("S", {{":v", "b"}}),
        {"a", "ab", "abc", "abd", "b"});
    row("S: >", "events", "pk = :p AND sk > :v", values("S", {{":v", "b"}}),
        {"ba", "c", "~", e_acute});
    row("S: >=", "events", "pk = :p AND sk >= :v", values("S", {{":v", "b"}}),
        {"b", "ba", "c", "~", e_acute});
    row("S: >=, backward", "events", "pk = :p AND sk >= :v", values("S", {{":v", "b"}}),
        {e_acute, "~", "c", "ba", "b"}, false);
    row("S: > between existing keys", "events", "pk = :p AND sk > :v",
        values("S", {{":v", "abcd"}}), {"abd", "b", "ba", "c", "~", e_acute});
    row("S: BETWEEN", "events", "pk = :p AND sk BETWEEN :lo AND :hi",
        values("S", {{":lo", "ab"}, {":hi", "b"}}), {"ab", "abc", "abd", "b"});
    row("S: BETWEEN one key", "events", "pk = :p AND sk BETWEEN :lo AND :lo",
        values("S", {{":lo", "ba"}}), {"ba"});
    row("S: BETWEEN, backward", "events", "pk = :p AND sk BETWEEN :lo AND :hi",
        values("S", {{":lo", "abc"}, {":hi", "ba"}}), {"ba", "b", "abd", "abc"}, false);
    row("S: begins_with", "events", "pk = :p AND begins_with(sk, :v)", values("S", {{":v", "ab"}}),
        {"ab", "abc", "abd"});
    row("S: begins_with a whole key", "events", "pk = :p AND begins_with(sk, :v)",
        values("S", {{":v", "abc"}}), {"abc"});
    row("S: begins_with multibyte", "events", "pk = :p AND begins_with(sk, :v)",
        values("S", {{":v", "\xC3\xA9"}}), {e_acute});
    row("S: begins_with, backward", "events", "pk = :p AND begins_with(sk, :v)",
        values("S", {{":v", "a"}}), {"abd", "abc", "ab", "a"}, false);
    row("S: reversed <", "events", "pk = :p AND :v < sk", values("S", {{":v", "b"}}),
        {"ba", "c", "~", e_acute});
    row("S: reversed <=", "events", "pk = :p AND :v <= sk", values("S", {{":v", "c"}}),
        {"c", "~", e_acute});
    row("S: reversed >", "events", ":p = pk AND :v > sk", values("S", {{":v", "ab"}}), {"a"});
    row("S: reversed >=", "events", "pk = :p AND :v >= sk", values("S", {{":v", "ab"}}),
        {"a", "ab"});
    row("S: sort condition first", "events", "sk < :v AND pk = :p", values("S", {{":v", "ab"}}),
        {"a"});
    row("S: parentheses", "events", "(pk = :p) AND (sk > :v)", values("S", {{":v", "c"}}),
        {"~", e_acute});
    row("S: nested parentheses", "events", "((pk = :p AND (begins_with(sk, :v))))",
        values("S", {{":v", "b"}}), {"b", "ba"});
    row("S: lower-case keywords", "events", "pk = :p and sk between :lo and :hi",
        values("S", {{":lo", "b"}, {":hi", "c"}}), {"b", "ba", "c"});
    row("S: name placeholders", "events", "#k = :p AND #s <= :v", values("S", {{":v", "a"}}), {"a"},
        true, json(R"({"#k": "pk", "#s": "sk"})"));
    row("S: no spaces", "events", "pk=:p AND sk>:v", values("S", {{":v", "c"}}), {"~", e_acute});

    row("N: partition only", "scores", "pk = :p", values("N", {}), scores);
    row("N: < 0", "scores", "pk = :p AND sk < :v", values("N", {{":v", "0"}}), {"-10", "-1.5"});
    row("N: >= 1", "scores", "pk = :p AND sk >= :v", values("N", {{":v", "1"}}),
        {"1", "2", "10", "100", "1000"});
    row("N: > 10, backward", "scores", "pk = :p AND sk > :v", values("N", {{":v", "10"}}),
        {"1000", "100"}, false);
    row("N: <= -1.5", "scores", "pk = :p AND sk <= :v", values("N", {{":v", "-1.5"}}),
        {"-10", "-1.5"});
    row("N: BETWEEN numerically", "scores", "pk = :p AND sk BETWEEN :lo AND :hi",
        values("N", {{":lo", "2"}, {":hi", "100"}}), {"2", "10", "100"});
    row("N: BETWEEN across zero", "scores", "pk = :p AND sk BETWEEN :lo AND :hi",
        values("N", {{":lo", "-1.5"}, {":hi", "0.25"}}), {"-1.5", "0", "0.25"});
    row("N: = in another notation", "scores", "pk = :p AND sk = :v", values("N", {{":v", "1E3"}}),
        {"1000"});
    row("N: = with trailing zeros", "scores", "pk = :p AND sk = :v", values("N", {{":v", "0.250"}}),
        {"0.25"});
    row("N: reversed >", "scores", "pk = :p AND :v > sk", values("N", {{":v", "-1.5"}}), {"-10"});

    row("B: partition only", "blobs", "pk = :p", values("B", {}), keysOfTable("blobs"));
    row("B: < 80 (unsigned)", "blobs", "pk = :p AND sk < :v", values("B", {{":v", "gA=="}}),
        {"AA==", "AQ==", "AQI=", "fw=="});
    row("B: >= 80", "blobs", "pk = :p AND sk >= :v", values("B", {{":v", "gA=="}}),
        {"gA==", "/w==", "/wA="});
    row("B: begins_with ff", "blobs", "pk = :p AND begins_with(sk, :v)",
        values("B", {{":v", "/w=="}}), {"/w==", "/wA="});
    row("B: begins_with 01", "blobs", "pk = :p AND begins_with(sk, :v)",
        values("B", {{":v", "AQ=="}}), {"AQ==", "AQI="});
    row("B: BETWEEN", "blobs", "pk = :p AND sk BETWEEN :lo AND :hi",
        values("B", {{":lo", "AQ=="}, {":hi", "fw=="}}), {"AQ==", "AQI=", "fw=="});
    row("B: > 00, backward", "blobs", "pk = :p AND sk > :v", values("B", {{":v", "AA=="}}),
        {"/wA=", "/w==", "gA==", "fw==", "AQI=", "AQ=="}, false);
}

void PagingTest::keyConditions() {
    QFETCH(QString, table);
    QFETCH(QByteArray, query);
    QFETCH(QStringList, expected);
    Json request = json(query.toStdString());
    request["TableName"] = table.toStdString();
    auto page = call("Query", request);
    QVERIFY_OK(page);
    QCOMPARE(sortKeysOf(page->at("Items"), sortKeyType(table)), expected);
    QCOMPARE(page->at("Count").get<int>(), int(expected.size()));
    QCOMPARE(page->at("ScannedCount").get<int>(), int(expected.size()));
    QVERIFY(!page->contains("LastEvaluatedKey"));
    for (const auto& item : page->at("Items")) QCOMPARE_JSON(item["pk"], json(R"({"S": "p"})"));
}

void PagingTest::keyConditionErrors_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* table, const char* expression, const char* values,
                  const QString& message, const char* names = nullptr) {
        Json query = {{"KeyConditionExpression", expression}};
        if (values) query["ExpressionAttributeValues"] = json(values);
        if (names) query["ExpressionAttributeNames"] = json(names);
        QTest::newRow(name) << table << QByteArray(query.dump().c_str()) << message;
    };
    const char* pv = R"({":p": {"S": "p"}, ":v": {"S": "v"}})";
    const char* p = R"({":p": {"S": "p"}})";
    const char* v = R"({":v": {"S": "v"}})";
    const QString missedPk = "Query condition missed key schema element: pk";
    const QString notSupported = "Query key condition not supported";
    const QString typeMismatch =
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type";
    const QString invalidOp = "Invalid operator used in KeyConditionExpression: %1";

    row("sort key only", "events", "sk = :v", v, missedPk);
    row("non-key attribute only", "events", "misc = :v", v, missedPk);
    row("sort key and non-key attribute", "events", "sk = :p AND misc = :v", pv, missedPk);
    row("partition key and non-key attribute", "events", "pk = :p AND misc = :v", pv,
        "Query condition missed key schema element: sk");
    row("three conditions", "events", "pk = :p AND sk = :v AND misc = :v", pv,
        "Conditions can be of length 1 or 2 only");
    row("two conditions on the sort key", "events", "pk = :p AND sk > :v AND sk < :v", pv,
        "KeyConditionExpressions must only contain one condition per key");
    row("two conditions on the partition key", "events", "pk = :p AND pk = :p", p,
        "KeyConditionExpressions must only contain one condition per key");
    row("OR", "events", "pk = :p OR sk = :v", pv, invalidOp.arg("OR"));
    row("OR inside parentheses", "events", "pk = :p AND (sk = :v OR sk = :p)", pv,
        invalidOp.arg("OR"));
    row("NOT", "events", "NOT pk = :p", p, invalidOp.arg("NOT"));
    row("IN", "events", "pk IN (:p, :v)", pv, invalidOp.arg("IN"));
    row("<>", "events", "pk = :p AND sk <> :v", pv, invalidOp.arg("<>"));
    row("attribute_exists", "events", "attribute_exists(pk)", nullptr,
        invalidOp.arg("attribute_exists"));
    row("contains", "events", "pk = :p AND contains(sk, :v)", pv, invalidOp.arg("contains"));
    row("size", "events", "size(pk) = :p", p,
        "KeyConditionExpressions cannot contain nested operations");
    row("unknown function", "events", "pk = :p AND starts_with(sk, :v)", pv,
        "Invalid KeyConditionExpression: Invalid function name; function: starts_with");
    row("partition key with <", "events", "pk < :p", p, notSupported);
    row("partition key with begins_with", "events", "begins_with(pk, :p)", p, notSupported);
    row("partition key with BETWEEN", "events", "pk BETWEEN :p AND :v", pv, notSupported);
    row("partition key value of the wrong type", "events", "pk = :n", R"({":n": {"N": "1"}})",
        typeMismatch);
    row("sort key value of the wrong type", "events", "pk = :p AND sk > :n",
        R"({":p": {"S": "p"}, ":n": {"N": "1"}})", typeMismatch);
    row("BETWEEN bounds reversed", "events", "pk = :p AND sk BETWEEN :hi AND :lo",
        R"({":p": {"S": "p"}, ":lo": {"S": "a"}, ":hi": {"S": "z"}})",
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {S:z}, upper bound "
        "operand: AttributeValue: {S:a}");
    row("BETWEEN bounds of different types", "events", "pk = :p AND sk BETWEEN :n AND :a",
        R"({":p": {"S": "p"}, ":n": {"N": "1"}, ":a": {"S": "a"}})",
        "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower "
        "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
        "AttributeValue: {S:a}");
    row("N BETWEEN bounds reversed numerically", "scores", "pk = :p AND sk BETWEEN :ten AND :nine",
        R"({":p": {"S": "p"}, ":ten": {"N": "10"}, ":nine": {"N": "9"}})",
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound "
        "operand: AttributeValue: {N:9}");
    row("begins_with on an N sort key", "scores", "pk = :p AND begins_with(sk, :n)",
        R"({":p": {"S": "p"}, ":n": {"N": "1"}})",
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
    row("begins_with with an N value on an S sort key", "events", "pk = :p AND begins_with(sk, :n)",
        R"({":p": {"S": "p"}, ":n": {"N": "1"}})",
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
    row("begins_with with an S value on an N sort key", "scores", "pk = :p AND begins_with(sk, :v)",
        pv, typeMismatch);
    row("begins_with value first", "events", "pk = :p AND begins_with(:v, sk)", pv,
        "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
        "attribute as its first operand");
    row("BETWEEN value first", "events", "pk = :p AND :v BETWEEN sk AND :p", pv,
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
        "attribute as its first operand");
    row("no key attribute", "events", ":p = :v", pv,
        "Invalid condition in KeyConditionExpression: No key attribute specified");
    row("two attributes", "events", "pk = sk", nullptr,
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
        "condition");
    row("nested attribute", "events", "pk.a = :p", p,
        "KeyConditionExpressions cannot have conditions on nested attributes");
    row("sort key on a hash-only table", "single", "pk = :p AND sk = :v", pv, notSupported);
    row("non-key attribute on a hash-only table", "single", "misc = :v", v, missedPk);
    row("two non-key attributes on a hash-only table", "single", "a = :v AND b = :v", v,
        notSupported);
    row("empty expression", "events", "", p,
        "Invalid KeyConditionExpression: The expression can not be empty;");
    row("dangling AND", "events", "pk = :p AND", p,
        "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("two operators", "events", "pk = = :p", p,
        "Invalid KeyConditionExpression: Syntax error; token: \"=\", near: \"= = :p\"");
    row("missing AND", "events", "pk = :p sk = :v", pv,
        "Invalid KeyConditionExpression: Syntax error; token: \"sk\", near: \":p sk =\"");
    row("unclosed parenthesis", "events", "(pk = :p", p,
        "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \":p\"");
    row("undefined value", "events", "pk = :nope", p,
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("undefined name", "events", "#nope = :p", p,
        "Invalid KeyConditionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #nope",
        R"({"#k": "pk"})");
    row("unused value", "events", "pk = :p", pv,
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
    row("unused name", "events", "pk = :p", p,
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#k}",
        R"({"#k": "pk"})");
    row("empty partition key value", "events", "pk = :e", R"({":e": {"S": ""}})",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
    QTest::newRow("no key condition") << "events" << QByteArray("{}")
                                      << "Either the KeyConditions or KeyConditionExpression "
                                         "parameter must be specified in the request.";
}

void PagingTest::keyConditionErrors() {
    QFETCH(QString, table);
    QFETCH(QByteArray, query);
    QFETCH(QString, message);
    Json request = json(query.toStdString());
    request["TableName"] = table.toStdString();
    QCOMPARE_VALIDATION(call("Query", request), message.toStdString());
}

void PagingTest::limitAndLastEvaluatedKey_data() {
    QTest::addColumn<bool>("forward");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<QStringList>>("pages");
    const QString e = QString::fromUtf8("\xC3\xA9");
    using Pages = QList<QStringList>;
    QTest::newRow("Limit 4") << true << 4
                             << Pages{{"a", "ab", "abc", "abd"}, {"b", "ba", "c", "~"}, {e}};
    QTest::newRow("Limit 4, backward")
        << false << 4 << Pages{{e, "~", "c", "ba"}, {"b", "abd", "abc", "ab"}, {"a"}};
    // A full page always carries LastEvaluatedKey, even when nothing follows it.
    QTest::newRow("Limit 3") << true << 3
                             << Pages{{"a", "ab", "abc"}, {"abd", "b", "ba"}, {"c", "~", e}, {}};
    QTest::newRow("Limit 9") << true << 9 << Pages{keysOfTable("events"), {}};
    QTest::newRow("Limit 10") << true << 10 << Pages{keysOfTable("events")};
    QTest::newRow("Limit 1") << true << 1 << Pages{{"a"},  {"ab"}, {"abc"}, {"abd"}, {"b"},
                                                   {"ba"}, {"c"},  {"~"},   {e},     {}};
}

void PagingTest::limitAndLastEvaluatedKey() {
    QFETCH(bool, forward);
    QFETCH(int, limit);
    QFETCH(QList<QStringList>, pages);
    Json request = json(R"({"TableName": "events", "KeyConditionExpression": "pk = :p",
                            "ExpressionAttributeValues": {":p": {"S": "p"}}})");
    request["Limit"] = limit;
    request["ScanIndexForward"] = forward;
    const std::vector<Json> got = allPages("Query", request);
    QCOMPARE(int(got.size()), int(pages.size()));
    for (int i = 0; i < pages.size(); ++i) {
        const Json& page = got[size_t(i)];
        QCOMPARE(sortKeysOf(page["Items"], "S"), pages[i]);
        QCOMPARE(page["Count"].get<int>(), int(pages[i].size()));
        QCOMPARE(page["ScannedCount"].get<int>(), int(pages[i].size()));
        const bool last = i + 1 == pages.size();
        QCOMPARE(page.contains("LastEvaluatedKey"), !last);
        if (!last) {
            // The key of the page's last item, and nothing else.
            const Json& lastItem = page["Items"].back();
            QCOMPARE_JSON(page["LastEvaluatedKey"],
                          Json({{"pk", lastItem["pk"]}, {"sk", lastItem["sk"]}}));
        }
    }
}

void PagingTest::exclusiveStartKeyNeedNotExist() {
    const QString e = QString::fromUtf8("\xC3\xA9");
    auto query = [this](const char* startSortKey, bool forward) {
        Json request = json(R"({"TableName": "events", "KeyConditionExpression": "pk = :p",
                                "ExpressionAttributeValues": {":p": {"S": "p"}}})");
        request["ScanIndexForward"] = forward;
        request["ExclusiveStartKey"] = {{"pk", {{"S", "p"}}}, {"sk", {{"S", startSortKey}}}};
        auto page = call("Query", request);
        return page ? sortKeysOf(page->at("Items"), "S") : QStringList{"error"};
    };
    QCOMPARE(query("abz", true), QStringList({"b", "ba", "c", "~", e}));
    QCOMPARE(query("abz", false), QStringList({"abd", "abc", "ab", "a"}));
    QCOMPARE(query("abc", true), QStringList({"abd", "b", "ba", "c", "~", e}));
    QCOMPARE(query("abc", false), QStringList({"ab", "a"}));
    QCOMPARE(query("\xC3\xA9", true), QStringList());
    QCOMPARE(query("a", false), QStringList());
    QCOMPARE(query("0", true), keysOfTable("events"));

    // Within a range condition, the start key narrows the range further.
    Json request = json(R"({"TableName": "events",
        "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
        "ExpressionAttributeValues": {":p": {"S": "p"}, ":lo": {"S": "ab"}, ":hi": {"S": "c"}},
        "ExclusiveStartKey": {"pk": {"S": "p"}, "sk": {"S": "abd"}}})");
    auto page = call("Query", request);
    QVERIFY_OK(page);
    QCOMPARE(sortKeysOf(page->at("Items"), "S"), QStringList({"b", "ba", "c"}));

    // A hash-only table has one item per partition: restarting after it finds nothing.
    QVERIFY_OK(call("PutItem", json(R"({"TableName": "single", "Item": {"pk": {"S": "p"}}})")));
    auto single = call("Query", json(R"({"TableName": "single", "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "p"}}, "ExclusiveStartKey": {"pk": {"S": "p"}}})"));
    QVERIFY_OK(single);
    QCOMPARE_JSON(single.value(), json(R"({"Items": [], "Count": 0, "ScannedCount": 0})"));
}

void PagingTest::paging250ItemsSevenAtATime_data() {
    QTest::addColumn<bool>("forward");
    QTest::newRow("forward") << true;
    QTest::newRow("backward") << false;
}

void PagingTest::paging250ItemsSevenAtATime() {
    QFETCH(bool, forward);
    for (int i = 0; i < 250; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "scores"},
                                        {"Item",
                                         {{"pk", {{"S", "bulk"}}},
                                          {"sk", {{"N", std::to_string(i * 3 - 300)}}},
                                          {"i", {{"N", std::to_string(i)}}}}}}));
    Json request = json(R"({"TableName": "scores", "KeyConditionExpression": "pk = :b",
                            "ExpressionAttributeValues": {":b": {"S": "bulk"}}, "Limit": 7})");
    request["ScanIndexForward"] = forward;
    const std::vector<Json> pages = allPages("Query", request);
    QCOMPARE(int(pages.size()), 36);  // 35 full pages and 5 items on the last
    QList<int> seen;
    for (size_t p = 0; p < pages.size(); ++p) {
        const Json& page = pages[p];
        QCOMPARE(page["Count"].get<int>(), p + 1 < pages.size() ? 7 : 5);
        QCOMPARE(page["ScannedCount"].get<int>(), page["Count"].get<int>());
        for (const auto& item : page["Items"])
            seen.push_back(std::stoi(item["i"]["N"].get<std::string>()));
    }
    QList<int> expected;
    for (int i = 0; i < 250; ++i) expected << (forward ? i : 249 - i);
    QCOMPARE(seen, expected);
}

void PagingTest::scanPaging() {
    std::set<std::string> written;
    for (int i = 0; i < 250; ++i) {
        const std::string key = numbered("user-", i);
        written.insert(key);
        QVERIFY_OK(
            call("PutItem", Json{{"TableName", "single"}, {"Item", {{"pk", {{"S", key}}}}}}));
    }
    auto full = call("Scan", json(R"({"TableName": "single"})"));
    QVERIFY_OK(full);
    QCOMPARE(full->at("Count").get<int>(), 250);
    QCOMPARE(full->at("ScannedCount").get<int>(), 250);
    QVERIFY(!full->contains("LastEvaluatedKey"));

    const std::vector<Json> pages =
        allPages("Scan", json(R"({"TableName": "single", "Limit": 7})"));
    QCOMPARE(int(pages.size()), 36);
    Json paged = Json::array();
    std::set<std::string> seen;
    for (const auto& page : pages) {
        QVERIFY(page["Count"].get<int>() <= 7);
        for (const auto& item : page["Items"]) {
            paged.push_back(item);
            QVERIFY2(seen.insert(item["pk"]["S"].get<std::string>()).second, item.dump().c_str());
        }
    }
    QVERIFY(seen == written);
    // Paging visits the items in the same order as one full Scan.
    QCOMPARE_JSON(paged, full->at("Items"));
}

void PagingTest::onePageIsAtMostOneMegabyte_data() {
    QTest::addColumn<QString>("operation");
    QTest::newRow("Query") << "Query";
    QTest::newRow("Scan") << "Scan";
}

void PagingTest::onePageIsAtMostOneMegabyte() {
    QFETCH(QString, operation);
    createTable("big", "N");
    const size_t itemBytes = 10 * 1024;
    for (int i = 0; i < 300; ++i) {
        const Json item =
            itemOfSize(Json{{"pk", {{"S", "big"}}}, {"sk", {{"N", std::to_string(i)}}}}, itemBytes);
        QCOMPARE(sizeOf(item), itemBytes);
        QVERIFY_OK(call("PutItem", Json{{"TableName", "big"}, {"Item", item}}));
    }
    Json request = {{"TableName", "big"}};
    if (operation == "Query") {
        request["KeyConditionExpression"] = "pk = :b";
        request["ExpressionAttributeValues"] = json(R"({":b": {"S": "big"}})");
    }
    // A page ends with the item that brings what it read to 1 MB: 103 items of 10 KB.
    const int perPage = int((Engine::kPageLimitBytes + itemBytes - 1) / itemBytes);
    QCOMPARE(perPage, 103);
    const std::vector<Json> pages = allPages(operation.toStdString(), request);
    QCOMPARE(int(pages.size()), 3);
    const int counts[] = {perPage, perPage, 300 - 2 * perPage};
    std::set<int> seen;
    for (size_t p = 0; p < pages.size(); ++p) {
        QCOMPARE(pages[p]["Count"].get<int>(), counts[p]);
        QCOMPARE(pages[p]["ScannedCount"].get<int>(), counts[p]);
        QCOMPARE(pages[p].contains("LastEvaluatedKey"), p < 2);
        for (const auto& item : pages[p]["Items"])
            QVERIFY(seen.insert(std::stoi(item["sk"]["N"].get<std::string>())).second);
    }
    QCOMPARE(int(seen.size()), 300);
    if (operation == "Query") {
        QCOMPARE_JSON(pages[0]["LastEvaluatedKey"],
                      json(R"({"pk": {"S": "big"}, "sk": {"N": "102"}})"));
        QCOMPARE_JSON(pages[1]["LastEvaluatedKey"],
                      json(R"({"pk": {"S": "big"}, "sk": {"N": "205"}})"));
    }

    // A smaller Limit ends the page first.
    request["Limit"] = 50;
    auto limited = call(operation.toStdString(), request);
    QVERIFY_OK(limited);
    QCOMPARE(limited->at("Count").get<int>(), 50);
    QVERIFY(limited->contains("LastEvaluatedKey"));
    // A larger one does not lift the 1 MB page.
    request["Limit"] = 200;
    auto capped = call(operation.toStdString(), request);
    QVERIFY_OK(capped);
    QCOMPARE(capped->at("Count").get<int>(), perPage);

    // Items of 8 KB fill exactly 1 MB after 128 of them, and the page ends there.
    createTable("exact", "N");
    for (int i = 0; i < 130; ++i)
        QVERIFY_OK(
            call("PutItem", Json{{"TableName", "exact"},
                                 {"Item", itemOfSize(Json{{"pk", {{"S", "big"}}},
                                                          {"sk", {{"N", std::to_string(i)}}}},
                                                     8 * 1024)}}));
    request.erase("Limit");
    request["TableName"] = "exact";
    auto exact = call(operation.toStdString(), request);
    QVERIFY_OK(exact);
    QCOMPARE(exact->at("Count").get<int>(), 128);
    QVERIFY(exact->contains("LastEvaluatedKey"));
}

void PagingTest::countSelectAndProjection() {
    const Json base = json(R"({"TableName": "events", "KeyConditionExpression": "pk = :p",
                               "ExpressionAttributeValues": {":p": {"S": "p"}}})");
    Json count = base;
    count["Select"] = "COUNT";
    auto counted = call("Query", count);
    QVERIFY_OK(counted);
    QCOMPARE_JSON(counted.value(), json(R"({"Count": 9, "ScannedCount": 9})"));

    count["Limit"] = 4;
    counted = call("Query", count);
    QVERIFY_OK(counted);
    QCOMPARE_JSON(counted.value(), json(R"({"Count": 4, "ScannedCount": 4,
        "LastEvaluatedKey": {"pk": {"S": "p"}, "sk": {"S": "abd"}}})"));

    auto scanCount = call("Scan", json(R"({"TableName": "events", "Select": "COUNT"})"));
    QVERIFY_OK(scanCount);
    QCOMPARE_JSON(scanCount.value(), json(R"({"Count": 18, "ScannedCount": 18})"));

    Json all = base;
    all["Select"] = "ALL_ATTRIBUTES";
    all["Limit"] = 1;
    auto allAttributes = call("Query", all);
    QVERIFY_OK(allAttributes);
    QCOMPARE_JSON(allAttributes.value(), json(R"({"Items": [{"pk": {"S": "p"}, "sk": {"S": "a"},
        "tag": {"S": "p/a"}}], "Count": 1, "ScannedCount": 1,
        "LastEvaluatedKey": {"pk": {"S": "p"}, "sk": {"S": "a"}}})"));

    Json projected = base;
    projected["ProjectionExpression"] = "#t, nope";
    projected["ExpressionAttributeNames"] = json(R"({"#t": "tag"})");
    projected["Limit"] = 2;
    projected["ScanIndexForward"] = false;
    auto projection = call("Query", projected);
    QVERIFY_OK(projection);
    // LastEvaluatedKey is the full key even when the key is not projected.
    QCOMPARE_JSON(projection.value(),
                  json(R"({"Items": [{"tag": {"S": "p/é"}}, {"tag": {"S": "p/~"}}],
        "Count": 2, "ScannedCount": 2, "LastEvaluatedKey": {"pk": {"S": "p"}, "sk": {"S": "~"}}})"));

    projected["Select"] = "SPECIFIC_ATTRIBUTES";
    auto specific = call("Query", projected);
    QVERIFY_OK(specific);
    QCOMPARE_JSON(specific.value(), projection.value());

    auto scanProjected = call("Scan", json(R"({"TableName": "blobs", "ProjectionExpression": "sk",
                                               "Limit": 3})"));
    QVERIFY_OK(scanProjected);
    QCOMPARE(scanProjected->at("Count").get<int>(), 3);
    for (const auto& item : scanProjected->at("Items")) {
        QCOMPARE(int(item.size()), 1);
        QVERIFY(item.contains("sk"));
    }
}

void PagingTest::readErrors_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QByteArray query = R"({"TableName": "events", "KeyConditionExpression": "pk = :p",
                                 "ExpressionAttributeValues": {":p": {"S": "p"}}, )";
    const QString validation = "ValidationException";
    for (const char* op : {"Query", "Scan"}) {
        const QByteArray head = QByteArray(op) == "Query" ? query : R"({"TableName": "events", )";
        QTest::addRow("%s Limit 0", op)
            << op << head + R"("Limit": 0})" << validation
            << "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
               "Member must have value greater than or equal to 1";
        QTest::addRow("%s Limit -5", op)
            << op << head + R"("Limit": -5})" << validation
            << "1 validation error detected: Value '-5' at 'limit' failed to satisfy constraint: "
               "Member must have value greater than or equal to 1";
        QTest::addRow("%s Limit is a string", op) << op << head + R"("Limit": "7"})"
                                                  << "SerializationException"
                                                  << "STRING_VALUE cannot be converted to Integer";
        QTest::addRow("%s Select FOO", op)
            << op << head + R"("Select": "FOO"})" << validation
            << "1 validation error detected: Value 'FOO' at 'select' failed to satisfy "
               "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
               "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]";
        QTest::addRow("%s Select COUNT with a projection", op)
            << op << head + R"("Select": "COUNT", "ProjectionExpression": "tag"})" << validation
            << "One or more parameter values were invalid: Cannot specify the "
               "ProjectionExpression when choosing to get COUNT";
        QTest::addRow("%s SPECIFIC_ATTRIBUTES without a projection", op)
            << op << head + R"("Select": "SPECIFIC_ATTRIBUTES"})" << validation
            << "One or more parameter values were invalid: SPECIFIC_ATTRIBUTES requires "
               "ProjectionExpression or AttributesToGet";
        QTest::addRow("%s ALL_PROJECTED_ATTRIBUTES", op)
            << op << head + R"("Select": "ALL_PROJECTED_ATTRIBUTES"})" << validation
            << "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES "
               "is supported only for index queries or scans";
    }
    QTest::newRow("Scan with values but no expression")
        << "Scan"
        << QByteArray(R"({"TableName": "events", "ExpressionAttributeValues": {":p": {"S": "p"}}})")
        << validation
        << "ExpressionAttributeValues can only be specified when using expressions: "
           "FilterExpression is null";
    QTest::newRow("Scan with values and only a projection")
        << "Scan" << QByteArray(R"({"TableName": "events", "ProjectionExpression": "tag",
                         "ExpressionAttributeValues": {":p": {"S": "p"}}})")
        << validation
        << "ExpressionAttributeValues can only be specified when using expressions: "
           "FilterExpression is null";
    QTest::newRow("Scan with names but no expression")
        << "Scan"
        << QByteArray(R"({"TableName": "events", "ExpressionAttributeNames": {"#t": "tag"}})")
        << validation << "ExpressionAttributeNames can only be specified when using expressions";
}

void PagingTest::readErrors() {
    QFETCH(QString, operation);
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QCOMPARE_ERROR(call(operation.toStdString(), json(request.toStdString())), errorType,
                   message.toStdString());
}

void PagingTest::parallelScan() {
    for (int i = 0; i < 500; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "single"},
                                        {"Item", {{"pk", {{"S", numbered("k", i)}}}}}}));
    auto full = call("Scan", json(R"({"TableName": "single"})"));
    QVERIFY_OK(full);
    std::multiset<std::string> everything;
    for (const auto& item : full->at("Items"))
        everything.insert(item["pk"]["S"].get<std::string>());
    QCOMPARE(int(everything.size()), 500);

    std::multiset<std::string> united;
    Json concatenated = Json::array();
    for (int segment = 0; segment < 4; ++segment) {
        Json request = {{"TableName", "single"}, {"TotalSegments", 4}, {"Segment", segment}};
        auto whole = call("Scan", request);
        QVERIFY_OK(whole);
        // Hashing spreads 500 keys over all four quarters of the key space.
        QVERIFY2(whole->at("Count").get<int>() > 50, whole->at("Count").dump().c_str());
        request["Limit"] = 13;
        Json paged = Json::array();
        for (const auto& page : allPages("Scan", request))
            for (const auto& item : page["Items"]) paged.push_back(item);
        QCOMPARE_JSON(paged, whole->at("Items"));
        for (const auto& item : paged) {
            united.insert(item["pk"]["S"].get<std::string>());
            concatenated.push_back(item);
        }
    }
    QVERIFY(united == everything);
    // Segments are consecutive slices of the table's scan order.
    QCOMPARE_JSON(concatenated, full->at("Items"));

    auto one = call("Scan", json(R"({"TableName": "single", "TotalSegments": 1, "Segment": 0})"));
    QVERIFY_OK(one);
    QCOMPARE_JSON(one.value(), full.value());
    auto tiny = call("Scan", json(R"({"TableName": "single", "TotalSegments": 1000000,
                                      "Segment": 999999, "Select": "COUNT"})"));
    QVERIFY_OK(tiny);
    QVERIFY(tiny->at("Count").get<int>() <= 1);
}

void PagingTest::segmentErrors_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString validation = "ValidationException";
    QTest::newRow("Segment without TotalSegments")
        << QByteArray(R"({"Segment": 1})") << validation
        << "The TotalSegments parameter is required but was not present in the request when "
           "Segment parameter is present";
    QTest::newRow("TotalSegments without Segment")
        << QByteArray(R"({"TotalSegments": 4})") << validation
        << "The Segment parameter is required but was not present in the request when parameter "
           "TotalSegments is present";
    QTest::newRow("Segment equal to TotalSegments")
        << QByteArray(R"({"Segment": 4, "TotalSegments": 4})") << validation
        << "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
           "Segment: 4 is not less than TotalSegments: 4";
    QTest::newRow("Segment above TotalSegments")
        << QByteArray(R"({"Segment": 7, "TotalSegments": 1})") << validation
        << "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
           "Segment: 7 is not less than TotalSegments: 1";
    QTest::newRow("Segment -1") << QByteArray(R"({"Segment": -1, "TotalSegments": 4})")
                                << validation
                                << "1 validation error detected: Value '-1' at 'segment' failed to "
                                   "satisfy constraint: Member must have value greater than or "
                                   "equal to 0";
    QTest::newRow("TotalSegments 0")
        << QByteArray(R"({"Segment": 0, "TotalSegments": 0})") << validation
        << "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy "
           "constraint: Member must have value greater than or equal to 1";
    QTest::newRow("TotalSegments 1000001")
        << QByteArray(R"({"Segment": 0, "TotalSegments": 1000001})") << validation
        << "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy "
           "constraint: Member must have value less than or equal to 1000000";
    QTest::newRow("Segment 1000000")
        << QByteArray(R"({"Segment": 1000000, "TotalSegments": 1000000})") << validation
        << "1 validation error detected: Value '1000000' at 'segment' failed to satisfy "
           "constraint: Member must have value less than or equal to 999999";
    QTest::newRow("both negative")
        << QByteArray(R"({"Segment": -1, "TotalSegments": -1})") << validation
        << "2 validation errors detected: Value '-1' at 'segment' failed to satisfy constraint: "
           "Member must have value greater than or equal to 0; Value '-1' at 'totalSegments' "
           "failed to satisfy constraint: Member must have value greater than or equal to 1";
    QTest::newRow("Segment is a string")
        << QByteArray(R"({"Segment": "1", "TotalSegments": 4})") << "SerializationException"
        << "STRING_VALUE cannot be converted to Integer";
}

void PagingTest::segmentErrors() {
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    Json scan = json(request.toStdString());
    scan["TableName"] = "events";
    QCOMPARE_ERROR(call("Scan", scan), errorType, message.toStdString());
}

void PagingTest::queryStartKeyErrors_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<QByteArray>("condition");
    QTest::addColumn<QByteArray>("startKey");
    QTest::addColumn<QString>("message");
    const QByteArray byPartition = "pk = :p";
    const QByteArray afterB = "pk = :p AND sk > :b";
    const QString invalid = "The provided starting key is invalid";
    const QString mismatch = "The provided key element does not match the schema";
    QTest::newRow("empty") << "events" << byPartition << QByteArray("{}") << invalid;
    QTest::newRow("sort key missing")
        << "events" << byPartition << QByteArray(R"({"pk": {"S": "p"}})") << invalid;
    QTest::newRow("extra attribute")
        << "events" << byPartition
        << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "a"}, "x": {"S": "x"}})") << invalid;
    QTest::newRow("misc attribute instead of the sort key")
        << "events" << byPartition << QByteArray(R"({"pk": {"S": "p"}, "x": {"S": "a"}})")
        << invalid;
    QTest::newRow("partition key of the wrong type")
        << "events" << byPartition << QByteArray(R"({"pk": {"N": "1"}, "sk": {"S": "a"}})")
        << mismatch;
    QTest::newRow("sort key of the wrong type")
        << "events" << byPartition << QByteArray(R"({"pk": {"S": "p"}, "sk": {"B": "AA=="}})")
        << mismatch;
    QTest::newRow("empty sort key")
        << "events" << byPartition << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": ""}})")
        << "One or more parameter values were invalid: The AttributeValue for a key attribute "
           "cannot contain an empty string value. Key: sk";
    QTest::newRow("misc partition")
        << "events" << byPartition << QByteArray(R"({"pk": {"S": "q"}, "sk": {"S": "a"}})")
        << "The provided starting key is outside query boundaries based on provided conditions";
    QTest::newRow("outside the sort key condition")
        << "events" << afterB << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "a"}})")
        << "The provided starting key does not match the range key predicate";
    QTest::newRow("on the excluded bound")
        << "events" << afterB << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "b"}})")
        << "The provided starting key does not match the range key predicate";
    QTest::newRow("outside begins_with")
        << "events" << QByteArray("pk = :p AND begins_with(sk, :b)")
        << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "c"}})")
        << "The provided starting key does not match the range key predicate";
    QTest::newRow("outside the condition and the partition")
        << "events" << afterB << QByteArray(R"({"pk": {"S": "q"}, "sk": {"S": "a"}})")
        << "The provided starting key does not match the range key predicate";
    QTest::newRow("misc partition with a sort key condition")
        << "events" << afterB << QByteArray(R"({"pk": {"S": "q"}, "sk": {"S": "c"}})")
        << "The query can return at most one row and cannot be restarted";
    QTest::newRow("hash-only table, misc partition")
        << "single" << byPartition << QByteArray(R"({"pk": {"S": "q"}})")
        << "The provided starting key is outside query boundaries based on provided conditions";
    QTest::newRow("hash-only table, sort key given")
        << "single" << byPartition << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "a"}})")
        << invalid;
    QTest::newRow("invalid attribute value")
        << "events" << byPartition
        << QByteArray(R"({"pk": {"S": "p", "N": "1"}, "sk": {"S": "a"}})")
        << "The provided starting key is invalid: Supplied AttributeValue has more than one "
           "datatypes set, must contain exactly one of the supported datatypes";
}

void PagingTest::queryStartKeyErrors() {
    QFETCH(QString, table);
    QFETCH(QByteArray, condition);
    QFETCH(QByteArray, startKey);
    QFETCH(QString, message);
    Json request = {{"TableName", table.toStdString()},
                    {"KeyConditionExpression", condition.toStdString()},
                    {"ExclusiveStartKey", json(startKey.toStdString())}};
    request["ExpressionAttributeValues"][":p"] = {{"S", "p"}};
    if (condition.contains(":b")) request["ExpressionAttributeValues"][":b"] = {{"S", "b"}};
    QCOMPARE_VALIDATION(call("Query", request), message.toStdString());
}

void PagingTest::scanStartKeyErrors_data() {
    QTest::addColumn<QByteArray>("startKey");
    QTest::addColumn<QString>("message");
    const QString mismatch =
        "The provided starting key is invalid: The provided key element does not match the schema";
    QTest::newRow("empty") << QByteArray("{}") << mismatch;
    QTest::newRow("sort key missing") << QByteArray(R"({"pk": {"S": "p"}})") << mismatch;
    QTest::newRow("extra attribute")
        << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": "a"}, "x": {"S": "x"}})") << mismatch;
    QTest::newRow("wrong type") << QByteArray(R"({"pk": {"S": "p"}, "sk": {"N": "1"}})")
                                << mismatch;
    QTest::newRow("empty sort key")
        << QByteArray(R"({"pk": {"S": "p"}, "sk": {"S": ""}})")
        << "The provided starting key is invalid: One or more parameter values were invalid: The "
           "AttributeValue for a key attribute cannot contain an empty string value. Key: sk";
    QTest::newRow("sort key too long")
        << QByteArray(
               ("{\"pk\": {\"S\": \"p\"}, \"sk\": {\"S\": \"" + std::string(1025, 's') + "\"}}")
                   .c_str())
        << "The provided starting key is invalid: One or more parameter values were invalid: "
           "Aggregated size of all range keys has exceeded the size limit of 1024 bytes";
    QTest::newRow("empty attribute value")
        << QByteArray(R"({"pk": {}, "sk": {"S": "a"}})")
        << "The provided starting key is invalid: Supplied AttributeValue is empty, must contain "
           "exactly one of the supported datatypes";
}

void PagingTest::scanStartKeyErrors() {
    QFETCH(QByteArray, startKey);
    QFETCH(QString, message);
    QCOMPARE_VALIDATION(call("Scan", Json{{"TableName", "events"},
                                          {"ExclusiveStartKey", json(startKey.toStdString())}}),
                        message.toStdString());
}

void PagingTest::scanStartKeyFromAnotherSegment() {
    for (int i = 0; i < 100; ++i)
        QVERIFY_OK(call("PutItem", Json{{"TableName", "single"},
                                        {"Item", {{"pk", {{"S", numbered("k", i)}}}}}}));
    auto first = call("Scan", json(R"({"TableName": "single", "TotalSegments": 4, "Segment": 0,
                                       "Limit": 1})"));
    QVERIFY_OK(first);
    QVERIFY(first->contains("LastEvaluatedKey"));
    const Json start = first->at("LastEvaluatedKey");
    for (int segment = 1; segment < 4; ++segment) {
        QCOMPARE_VALIDATION(
            call("Scan", Json{{"TableName", "single"},
                              {"TotalSegments", 4},
                              {"Segment", segment},
                              {"ExclusiveStartKey", start}}),
            "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
            "ExclusiveStartKey with correct Segment. TotalSegments: 4 Segment: " +
                std::to_string(segment));
    }
    // The right segment continues, and so does an unsegmented Scan.
    QVERIFY_OK(call("Scan", Json{{"TableName", "single"},
                                 {"TotalSegments", 4},
                                 {"Segment", 0},
                                 {"ExclusiveStartKey", start}}));
    QVERIFY_OK(call("Scan", Json{{"TableName", "single"}, {"ExclusiveStartKey", start}}));
}

QTEST_GUILESS_MAIN(PagingTest)
#include "test_paging.moc"
