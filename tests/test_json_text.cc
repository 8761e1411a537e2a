// parseJsonText (core/json_text.h), the request-body parser: whatever the text, it must give
// exactly what nlohmann's Json::parse gives — the same values with the same number types, the
// same duplicate-member rule, and a discarded value for malformed text. Checked on hand-picked
// edge cases and on many random mutations of them.

#include <QtTest>

#include <random>
#include <string>
#include <vector>

#include "base/json_text.h"
#include "json_identical.h"

using namespace shardscape;

namespace {

Json reference(const std::string& text) {
    return Json::parse(text, nullptr, false);
}

const std::vector<std::string>& samples() {
    static const std::vector<std::string> texts = {
        R"({"TableName":"Bench","Item":{"pk":{"S":"user-1"},"Version":{"N":"0"},)"
        R"("Name":{"S":"P\n\t\"x\\\/\b\f\r"},"L":{"L":[1,-2,0,-0,3.5,1e3,true,false,null,[],{}]}}})",
        R"( [ 1 , 2 , { "a" : "b" , "a" : [ 3 ] } ] )",
        "{\"a\":{\"b\":{\"c\":-12}},\"d\":\"x\"}",
        R"("\u00e9\ud83d\ude00")",
        "\xEF\xBB\xBF{}",
        "{\"k\":\"\xC3\xA9\"}",
        "123456789012345678",
        "-123456789012345678",
        "1234567890123456789",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-0",
        "0",
        "01",
        "-",
        "-01",
        "1.",
        ".5",
        "1e",
        "1E+2",
        "1e400",
        "-1e-400",
        "tru",
        "nul",
        "truex",
        "[1,]",
        "{\"a\":1,}",
        "{}x",
        "",
        " ",
        "\"\x7f\"",
        "\"\x01\"",
        "[\"a\" \"b\"]",
        "{\"a\" 1}",
        "{1:2}",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        std::string(100, '[') + "1" + std::string(100, ']'),
        std::string(63, '[') + "{\"a\":1}" + std::string(63, ']'),
        std::string(3, '\0'),
    };
    return texts;
}

}  // namespace

class JsonTextTest : public QObject {
    Q_OBJECT
  private slots:
    void parsesRequestsAsNlohmannDoes();
    void keepsNumberTypesAndTheLastDuplicate();
    void rejectsWhatNlohmannRejects();
    void agreesOnRandomMutations();
};

void JsonTextTest::parsesRequestsAsNlohmannDoes() {
    for (const std::string& text : samples()) {
        const Json parsed = parseJsonText(text);
        QVERIFY2(testing::identicalJson(parsed, reference(text)), text.c_str());
    }
}

void JsonTextTest::keepsNumberTypesAndTheLastDuplicate() {
    const Json parsed = parseJsonText(R"({"u":7,"i":-7,"z":-0,"f":1.5,"a":1,"a":{"x":[2]}})");
    QVERIFY(parsed["u"].is_number_unsigned());
    QVERIFY(parsed["i"].is_number_integer() && !parsed["i"].is_number_unsigned());
    QCOMPARE(parsed["i"].get<int64_t>(), int64_t(-7));
    QVERIFY(parsed["z"].is_number_integer() && !parsed["z"].is_number_unsigned());
    QVERIFY(parsed["f"].is_number_float());
    QCOMPARE(parsed.size(), size_t(5));
    QCOMPARE(parsed["a"]["x"][0].get<int>(), 2);
    const Json escaped = parseJsonText(R"({"s":"a\"b\\c\/d\n\té"})");
    QCOMPARE(QString::fromStdString(escaped["s"].get<std::string>()),
             QString::fromUtf8("a\"b\\c/d\n\t\xC3\xA9"));
}

void JsonTextTest::rejectsWhatNlohmannRejects() {
    for (const char* text : {"", "{", "[1,]", "{\"a\":1,}", "{}x", "01", "\"\x01\"", "\"\\x\"",
                             "{\"k\":\"\xC3\"}", "1e400", "nul"}) {
        QVERIFY2(parseJsonText(text).is_discarded(), text);
        QVERIFY(reference(text).is_discarded());
    }
}

void JsonTextTest::agreesOnRandomMutations() {
    const std::string alphabet =
        "{}[]\",:0123456789-+.eEtrufalsn \\/u\t\n\r\x7f\x01\xC3\xA9\xEF"
        "ab";
    std::mt19937 random(7);
    int checked = 0;
    for (int round = 0; round < 200000; ++round) {
        std::string text = samples()[random() % samples().size()];
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits; ++e) {
            const size_t at = random() % (text.size() + 1);
            const char c = alphabet[random() % alphabet.size()];
            switch (random() % 3) {
                case 0:
                    text.insert(at, 1, c);
                    break;
                case 1:
                    if (at < text.size()) text.erase(at, 1);
                    break;
                default:
                    if (at < text.size()) text[at] = c;
                    break;
            }
        }
        QVERIFY2(testing::identicalJson(parseJsonText(text), reference(text)), text.c_str());
        ++checked;
    }
    QCOMPARE(checked, 200000);
}

QTEST_GUILESS_MAIN(JsonTextTest)
#include "test_json_text.moc"
