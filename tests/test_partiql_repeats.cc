// A SELECT by the whole key that is run again is answered from what its first run learned
// (api/partiql_key_reads.h) without reading the statement again. These tests check that a
// repeat answers exactly as the first run and as the GetItem it stands for: items, projection,
// capacity, errors, and a table deleted and created again with another key.
#include <QTest>

#include "partiql_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class PartiqlRepeatsTest : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void repeatsAnswerAsGetItem();
    void parametersInAnyOrderAndLiterals();
    void repeatsKeepTheErrorsOfTheFullPath();
    void aTableCreatedAgainWithAnotherKeyIsReadAfresh();

  private:
    std::unique_ptr<EngineHarness> harness_;
};

void PartiqlRepeatsTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(openMusicAndCounters(*harness_), harness_->error().c_str());
}

void PartiqlRepeatsTest::repeatsAnswerAsGetItem() {
    const std::string statement = "SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?";
    struct Case {
        const char* artist;
        const char* title;
    };
    // Found, found in another partition, not found; each three times, with every capacity mode.
    for (int round = 0; round < 3; ++round) {
        for (const Case& c : {Case{"Acme", "Beta"}, Case{"Zed", "Omega"}, Case{"Acme", "Zeta"}}) {
            for (const char* capacity : {"TOTAL", "INDEXES", "NONE"}) {
                for (bool consistent : {false, true}) {
                    Json request = {{"Parameters", {S(c.artist), S(c.title)}},
                                    {"ReturnConsumedCapacity", capacity},
                                    {"ConsistentRead", consistent}};
                    auto answer = executeStatement(*harness_, statement, request);
                    QVERIFY_OK(answer);
                    auto direct = harness_->call(
                        "GetItem",
                        Json{{"TableName", "Music"},
                             {"Key", {{"Artist", S(c.artist)}, {"SongTitle", S(c.title)}}},
                             {"ReturnConsumedCapacity", capacity},
                             {"ConsistentRead", consistent}});
                    QVERIFY_OK(direct);
                    Json expected = {{"Items", Json::array()}};
                    if (direct->contains("Item")) expected["Items"].push_back((*direct)["Item"]);
                    if (direct->contains("ConsumedCapacity"))
                        expected["ConsumedCapacity"] = (*direct)["ConsumedCapacity"];
                    QCOMPARE_JSON(*answer, expected);
                }
            }
        }
    }
    // Null members are absent members, on a repeat as on the first run.
    const Json withNulls = {{"Parameters", {S("Acme"), S("Beta")}},
                            {"ReturnConsumedCapacity", nullptr},
                            {"ConsistentRead", nullptr}};
    auto nulls = executeStatement(*harness_, statement, withNulls);
    QVERIFY_OK(nulls);
    QCOMPARE_JSON(*nulls, (Json{{"Items", Json::array({song("Acme", "Beta", "First", 2002)})}}));
    // A write between two runs is seen by the next one.
    QVERIFY_OK(harness_->call(
        "PutItem", Json{{"TableName", "Music"}, {"Item", song("Acme", "Zeta", "Fourth", 2024)}}));
    QCOMPARE_JSON(statementItems(*harness_, statement, {{"Parameters", {S("Acme"), S("Zeta")}}}),
                  Json::array({song("Acme", "Zeta", "Fourth", 2024)}));
}

void PartiqlRepeatsTest::parametersInAnyOrderAndLiterals() {
    // The sort key's ? comes first in the text; the partition key is a literal in another.
    const std::string reversed = "SELECT Year FROM Music WHERE SongTitle = ? AND Artist = ?";
    const std::string literal =
        "SELECT SongTitle, m.z FROM Music WHERE Artist = 'Zed' AND "
        "SongTitle = ?";
    for (int round = 0; round < 3; ++round) {
        QCOMPARE_JSON(
            statementItems(*harness_, reversed, {{"Parameters", {S("Gamma"), S("Acme")}}}),
            Json::array({{{"Year", N("2003")}}}));
        QCOMPARE_JSON(statementItems(*harness_, reversed, {{"Parameters", {S("Alpha"), S("Zed")}}}),
                      Json::array({{{"Year", N("1999")}}}));
        QCOMPARE_JSON(statementItems(*harness_, literal, {{"Parameters", {S("Omega")}}}),
                      Json::array({{{"SongTitle", S("Omega")}, {"z", N("26")}}}));
        QCOMPARE_JSON(statementItems(*harness_, literal, {{"Parameters", {S("Alpha")}}}),
                      Json::array({{{"SongTitle", S("Alpha")}}}));
        // Extra values are ignored, as on the first run.
        QCOMPARE_JSON(
            statementItems(*harness_, literal, {{"Parameters", {S("Omega"), S("unused")}}}),
            Json::array({{{"SongTitle", S("Omega")}, {"z", N("26")}}}));
    }
}

void PartiqlRepeatsTest::repeatsKeepTheErrorsOfTheFullPath() {
    const std::string statement = "SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?";
    QVERIFY_OK(executeStatement(*harness_, statement, {{"Parameters", {S("Acme"), S("Beta")}}}));
    // Too few values.
    QCOMPARE_ERROR(executeStatement(*harness_, statement, {{"Parameters", {S("Acme")}}}),
                   "ValidationException",
                   "Number of parameters in request and statement don't match.");
    // A key of the wrong type: the GetItem's own error.
    auto direct = harness_->call(
        "GetItem",
        Json{{"TableName", "Music"}, {"Key", {{"Artist", N("1")}, {"SongTitle", S("Beta")}}}});
    QVERIFY(!direct);
    QCOMPARE_ERROR(executeStatement(*harness_, statement, {{"Parameters", {N("1"), S("Beta")}}}),
                   "ValidationException", direct.error().message);
    // An empty string key value.
    auto emptyKey = harness_->call(
        "GetItem",
        Json{{"TableName", "Music"}, {"Key", {{"Artist", S("")}, {"SongTitle", S("x")}}}});
    QVERIFY(!emptyKey);
    QCOMPARE_ERROR(executeStatement(*harness_, statement, {{"Parameters", {S(""), S("x")}}}),
                   "ValidationException", emptyKey.error().message);
    // The statement still answers afterwards.
    QCOMPARE_JSON(statementItems(*harness_, statement, {{"Parameters", {S("Acme"), S("Beta")}}}),
                  Json::array({song("Acme", "Beta", "First", 2002)}));
    // A deleted table.
    QVERIFY_OK(harness_->call("DeleteTable", Json{{"TableName", "Music"}}));
    QCOMPARE_ERROR(executeStatement(*harness_, statement, {{"Parameters", {S("Acme"), S("Beta")}}}),
                   "ResourceNotFoundException", "Requested resource not found");
}

void PartiqlRepeatsTest::aTableCreatedAgainWithAnotherKeyIsReadAfresh() {
    const std::string statement = "SELECT * FROM Things WHERE pk = ?";
    auto create = [this](const char* key, const char* type) {
        Json request = {
            {"TableName", "Things"},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"AttributeDefinitions", {{{"AttributeName", key}, {"AttributeType", type}}}},
            {"KeySchema", {{{"AttributeName", key}, {"KeyType", "HASH"}}}}};
        QVERIFY_OK(harness_->call("CreateTable", request));
    };
    create("pk", "S");
    const Json first = {{"pk", S("a")}, {"v", N("1")}};
    QVERIFY_OK(harness_->call("PutItem", Json{{"TableName", "Things"}, {"Item", first}}));
    for (int round = 0; round < 2; ++round)
        QCOMPARE_JSON(statementItems(*harness_, statement, {{"Parameters", {S("a")}}}),
                      Json::array({first}));

    // Now keyed by id: the same text is a Scan filtered on pk, no longer a read by key.
    QVERIFY_OK(harness_->call("DeleteTable", Json{{"TableName", "Things"}}));
    create("id", "N");
    const Json second = {{"id", N("1")}, {"pk", S("a")}};
    QVERIFY_OK(harness_->call("PutItem", Json{{"TableName", "Things"}, {"Item", second}}));
    QVERIFY_OK(harness_->call(
        "PutItem", Json{{"TableName", "Things"}, {"Item", {{"id", N("2")}, {"pk", S("b")}}}}));
    for (int round = 0; round < 2; ++round) {
        auto answer = executeStatement(
            *harness_, statement, {{"Parameters", {S("a")}}, {"ReturnConsumedCapacity", "TOTAL"}});
        QVERIFY_OK(answer);
        QCOMPARE_JSON((*answer)["Items"], Json::array({second}));
        auto scan = harness_->call("Scan", Json{{"TableName", "Things"},
                                                {"FilterExpression", "pk = :a"},
                                                {"ExpressionAttributeValues", {{":a", S("a")}}},
                                                {"ReturnConsumedCapacity", "TOTAL"}});
        QVERIFY_OK(scan);
        QCOMPARE_JSON((*answer)["ConsumedCapacity"], (*scan)["ConsumedCapacity"]);
    }
}

QTEST_GUILESS_MAIN(PartiqlRepeatsTest)
#include "test_partiql_repeats.moc"
