// The access-pattern analyzer: verdicts, reasons, suggestions, capacity figures and design
// smells, on a hand-made model and on the bundled models.
#include <QtTest>

#include "model/access_pattern_analyzer.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_report.h"

using namespace shardscape;

class AnalyzerTest : public QObject {
    Q_OBJECT
  private slots:
    void getItemByFullKeyIsGreen();
    void queriesOnTableAndIndex();
    void impossiblePatternsSayWhyAndWhatServesThem();
    void filterIsAmberWithWastedCapacity();
    void scanIsRedWithSuggestion();
    void writesCountIndexWrites();
    void designSmells();
    void bundledEcommerceHasNoRedPattern();
    void hotPartitionModelShowsItsLessons();
    void reportText();
};

namespace {

// Shop: PK/SK, GSI byStatus (status, createdAt) keyed on plain attributes; one entity.
OrderedJson shopModel() {
    return OrderedJson::parse(R"J({
  "formatVersion": 1, "name": "shop",
  "tables": [{
    "name": "Shop",
    "attributeDefinitions": [{"name": "PK", "type": "S"}, {"name": "SK", "type": "S"},
                             {"name": "status", "type": "S"}, {"name": "createdAt", "type": "S"}],
    "partitionKey": "PK", "sortKey": "SK", "billingMode": "PAY_PER_REQUEST",
    "globalSecondaryIndexes": [{"name": "byStatus", "partitionKey": "status",
                                "sortKey": "createdAt", "projection": {"type": "ALL"}}]}],
  "entities": [{
    "name": "Order", "table": "Shop",
    "keys": {"PK": "CUSTOMER#{customerId}", "SK": "ORDER#{orderId}"},
    "attributes": [
      {"name": "customerId", "type": "S",
       "generator": {"kind": "pick", "cardinality": 100000, "prefix": "c-"}},
      {"name": "orderId", "type": "S", "generator": {"kind": "uuid"}},
      {"name": "status", "type": "S",
       "generator": {"kind": "enum", "values": ["OPEN", "SHIPPED", "CLOSED"],
                     "weights": [1, 2, 1]}},
      {"name": "createdAt", "type": "S", "generator": {"kind": "timestamp"}}]}],
  "accessPatterns": []})J");
}

PatternAnalysis analyzeOne(const OrderedJson& pattern) {
    OrderedJson json = shopModel();
    json["accessPatterns"].push_back(pattern);
    auto model = modelFromJson(json);
    if (!model) qFatal("%s", model.error().message.c_str());
    return analyzeModel(*model).patterns.at(0);
}

PatternAnalysis analyzeOne(const char* patternText) {
    return analyzeOne(OrderedJson::parse(patternText));
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}
QString q(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QStringList smells(const ModelAnalysis& analysis) {
    QStringList out;
    for (const auto& s : analysis.smells) out.push_back(q(s.subject + ": " + s.message));
    return out;
}

Model bundled(const char* name) {
    auto model = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) + "/resources/models/" + name);
    if (!model) qFatal("%s", model.error().message.c_str());
    return *model;
}

}  // namespace

void AnalyzerTest::getItemByFullKeyIsGreen() {
    PatternAnalysis a = analyzeOne(R"J({"name": "get", "operation": "GetItem", "table": "Shop",
        "keyCondition": "PK = :pk AND SK = :sk", "ratePerSecond": 10,
        "values": {":pk": "CUSTOMER#{customerId}", ":sk": "ORDER#{orderId}"}})J");
    QCOMPARE(q(verdictName(a.verdict)), "green");
    QCOMPARE(q(a.access), "GetItem on table Shop");
    QCOMPARE(q(a.reason),
             "reads one item by the full primary key (PK, SK); ~0.5 RCU per request, 5 RCU/s");
    QCOMPARE(a.readUnitsPerRequest, 0.5);
    QCOMPARE(q(a.suggestion), "");

    a = analyzeOne(R"J({"name": "get", "operation": "GetItem", "table": "Shop",
        "keyCondition": "SK = :sk AND PK = :pk", "consistentRead": true, "itemsPerRequest": 3,
        "ratePerSecond": 10})J");
    QCOMPARE(q(a.reason),
             "reads items by the full primary key (PK, SK); ~3 RCU per request, 30 RCU/s");
}

void AnalyzerTest::queriesOnTableAndIndex() {
    PatternAnalysis a = analyzeOne(R"J({"name": "orders", "operation": "Query", "table": "Shop",
        "keyCondition": "PK = :pk AND begins_with(SK, :prefix)", "itemsPerRequest": 10,
        "ratePerSecond": 100})J");
    QCOMPARE(q(verdictName(a.verdict)), "green");
    QCOMPARE(q(a.access), "Query on table Shop");
    QCOMPARE(q(a.reason),
             "key condition = on PK, begins_with on SK reads only the items it returns; ~0.5 RCU "
             "per request, 50 RCU/s");

    a = analyzeOne(R"J({"name": "open", "operation": "Query", "table": "Shop",
        "index": "byStatus", "keyCondition": "#s = :open AND createdAt BETWEEN :a AND :b",
        "names": {"#s": "status"}, "itemsPerRequest": 100, "ratePerSecond": 2})J");
    QCOMPARE(q(verdictName(a.verdict)), "green");
    QCOMPARE(q(a.access), "Query on index byStatus of Shop");
    // 100 items of ~161 bytes = 16 KB: 4 units, halved for eventual consistency.
    QCOMPARE(q(a.reason),
             "key condition = on status, a range condition on createdAt reads only the items it "
             "returns; ~2 RCU per request, 4 RCU/s");
}

void AnalyzerTest::impossiblePatternsSayWhyAndWhatServesThem() {
    PatternAnalysis a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop",
        "keyCondition": "PK = :pk AND createdAt > :since"})J");
    QCOMPARE(q(verdictName(a.verdict)), "impossible");
    QCOMPARE(q(a.reason),
             "createdAt is not a key of table Shop (keyed on PK, SK), so the key condition "
             "cannot use it");
    QCOMPARE(q(a.suggestion),
             "a GSI with PK=PK, SK=createdAt serves this (or an LSI with sort key createdAt, "
             "created with the table)");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop",
        "keyCondition": "#s = :s AND createdAt > :since", "names": {"#s": "status"}})J");
    QCOMPARE(q(a.reason),
             "Query condition missed key schema element: PK (table Shop is keyed on PK, SK)");
    QCOMPARE(q(a.suggestion),
             "Query index byStatus of Shop instead: it is keyed on status, createdAt");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop",
        "keyCondition": "status = :s"})J");
    QCOMPARE(q(a.reason),
             "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved "
             "keyword: status");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop",
        "keyCondition": "PK > :pk"})J");
    QCOMPARE(q(a.reason),
             "Query key condition not supported: the partition key PK takes only =, not a range "
             "condition");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop", "index": "byStatus",
        "keyCondition": "#s = :s", "names": {"#s": "status"}, "consistentRead": true})J");
    QCOMPARE(q(a.reason), "Consistent reads are not supported on global secondary indexes");

    a = analyzeOne(R"J({"name": "p", "operation": "GetItem", "table": "Shop",
        "keyCondition": "PK = :pk"})J");
    QCOMPARE(q(a.reason), "GetItem needs = on the full primary key (PK, SK) and nothing else");
    QCOMPARE(q(a.suggestion), "Query table Shop instead: it is keyed on PK, SK");

    a = analyzeOne(R"J({"name": "p", "operation": "GetItem", "table": "Shop",
        "keyCondition": "email = :e"})J");
    QCOMPARE(q(a.suggestion), "a GSI with PK=email serves this");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop",
        "keyCondition": "PK = :pk", "names": {"#unused": "x"}})J");
    QCOMPARE(q(a.reason),
             "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");

    a = analyzeOne(R"J({"name": "p", "operation": "Query", "table": "Shop", "index": "nope",
        "keyCondition": "PK = :pk"})J");
    QCOMPARE(q(a.reason), "The table does not have the specified index: nope");

    a = analyzeOne(R"J({"name": "p", "operation": "DeleteItem", "table": "Shop",
        "keyCondition": "PK = :pk"})J");
    QCOMPARE(q(a.reason), "DeleteItem needs = on the full primary key (PK, SK)");
}

void AnalyzerTest::filterIsAmberWithWastedCapacity() {
    // The filter keeps OPEN orders: weight 1 of 4. 10 returned items mean 40 read.
    PatternAnalysis a = analyzeOne(R"J({"name": "open", "operation": "Query", "table": "Shop",
        "keyCondition": "PK = :pk AND begins_with(SK, :o)", "filter": "#s = :open",
        "names": {"#s": "status"}, "values": {":open": "OPEN"},
        "itemsPerRequest": 10, "ratePerSecond": 100})J");
    QCOMPARE(q(verdictName(a.verdict)), "amber");
    QCOMPARE(a.filterKeeps, 0.25);
    QCOMPARE(a.readUnitsPerRequest, 1.0);
    QCOMPARE(a.wastedReadUnitsPerSecond, 50.0);
    QCOMPARE(q(a.reason),
             "key condition = on PK, begins_with on SK, then the filter discards ~75% of the "
             "items read; ~1 RCU per request, 100 RCU/s, 50 RCU/s wasted");
    QCOMPARE(q(a.suggestion),
             "a sort key or index key that includes status would read only the matching items");

    a = analyzeOne(R"J({"name": "big", "operation": "Query", "table": "Shop",
        "keyCondition": "PK = :pk", "filter": "attribute_exists(note)", "filterKeeps": 0.1,
        "itemsPerRequest": 50, "ratePerSecond": 10})J");
    // 500 items read (~79 KB: 20 units, 10 eventually consistent); 50 returned cost 1.
    QCOMPARE(a.readUnitsPerRequest, 10.0);
    QCOMPARE(a.wastedReadUnitsPerSecond, 90.0);
    QCOMPARE(q(a.suggestion), "");
}

void AnalyzerTest::scanIsRedWithSuggestion() {
    PatternAnalysis a = analyzeOne(R"J({"name": "s", "operation": "Scan", "table": "Shop",
        "filter": "#s = :open", "names": {"#s": "status"}})J");
    QCOMPARE(q(verdictName(a.verdict)), "red");
    QCOMPARE(q(a.access), "Scan of table Shop");
    QCOMPARE(q(a.reason),
             "reads every item of table Shop: the cost grows with the table, not with the result");
    QCOMPARE(q(a.suggestion), "Query index byStatus of Shop (keyed on status, createdAt) instead");
    a = analyzeOne(R"J({"name": "s", "operation": "Scan", "table": "Shop",
        "filter": "email = :e"})J");
    QCOMPARE(q(a.suggestion), "a GSI with PK=email serves this");
}

void AnalyzerTest::writesCountIndexWrites() {
    PatternAnalysis a = analyzeOne(R"J({"name": "w", "operation": "PutItem", "table": "Shop",
        "entity": "Order", "ratePerSecond": 10})J");
    QCOMPARE(q(verdictName(a.verdict)), "green");
    QCOMPARE(a.writeUnitsPerRequest, 2.0);
    QCOMPARE(q(a.reason),
             "writes by the full primary key (PK, SK); ~2 WCU per request including 1 index");
    a = analyzeOne(R"J({"name": "w", "operation": "UpdateItem", "table": "Shop",
        "index": "byStatus"})J");
    QCOMPARE(q(a.reason), "UpdateItem writes the table; DynamoDB maintains index byStatus itself");
}

void AnalyzerTest::designSmells() {
    OrderedJson json = shopModel();
    json["accessPatterns"] = OrderedJson::parse(R"J([
      {"name": "place", "operation": "PutItem", "table": "Shop", "entity": "Order",
       "ratePerSecond": 3000},
      {"name": "dashboard", "operation": "Query", "table": "Shop", "index": "byStatus",
       "keyCondition": "#s = :open", "names": {"#s": "status"}, "values": {":open": "OPEN"},
       "ratePerSecond": 10000, "itemsPerRequest": 10}])J");
    auto model = modelFromJson(json);
    QVERIFY(model.ok());
    QCOMPARE(smells(analyzeModel(*model)),
             (QStringList{
                 "index byStatus of Shop: low-cardinality partition key: status = '{status}' "
                 "takes at most 3 values for Order items, so they and their traffic share 3 "
                 "partition keys",
                 "access pattern place: hot partition: ~1500 WCU/s on one status value of index "
                 "byStatus of Shop ('{status}' gets 50% of the writes); one partition accepts at "
                 "most 1,000 WCU/s, and a throttled GSI throttles the table's writes",
                 "access pattern dashboard: hot partition: ~5000 RCU/s on one status value "
                 "('OPEN' gets 100% of the requests); one partition serves at most 3,000 "
                 "RCU/s"}));

    // An LSI caps each item collection at 10 GB: 20 M orders of ~161 bytes in 10 keys.
    json = shopModel();
    json["tables"][0]["localSecondaryIndexes"] = OrderedJson::parse(
        R"J([{"name": "byDate", "partitionKey": "PK", "sortKey": "createdAt"}])J");
    json["entities"][0]["attributes"][0]["generator"]["cardinality"] = 10;
    json["entities"][0]["expectedItems"] = 700000000;
    model = modelFromJson(json);
    QVERIFY(model.ok());
    const QStringList found = smells(analyzeModel(*model));
    QVERIFY(found.contains(
        "table Shop: item collection growth: the largest Order collection (PK = "
        "'CUSTOMER#{customerId}') reaches ~10.5 GB; with a local secondary index a collection "
        "cannot exceed 10 GB"));
    QVERIFY(found.contains(
        "table Shop: low-cardinality partition key: PK = 'CUSTOMER#{customerId}' takes at most "
        "10 values for Order items, so they and their traffic share 10 partition keys"));
}

void AnalyzerTest::bundledEcommerceHasNoRedPattern() {
    const ModelAnalysis analysis = analyzeModel(bundled("ecommerce.shardscape.json"));
    QVERIFY(!analysis.hasRed());
    QStringList verdicts;
    for (const auto& p : analysis.patterns)
        verdicts << q(p.pattern + "=" + std::string(verdictName(p.verdict)));
    QCOMPARE(verdicts,
             (QStringList{"getCustomer=green", "findCustomerByEmail=green",
                          "listCustomerOrders=green", "listOpenOrders=amber", "getOrderItems=green",
                          "recentOrdersOfProduct=green", "getProduct=green", "placeOrder=green"}));
    QCOMPARE(smells(analysis), QStringList{});
}

void AnalyzerTest::hotPartitionModelShowsItsLessons() {
    const ModelAnalysis analysis = analyzeModel(bundled("hot-partition.shardscape.json"));
    QVERIFY(analysis.hasRed());
    QStringList verdicts;
    for (const auto& p : analysis.patterns)
        verdicts << q(p.pattern + "=" + std::string(verdictName(p.verdict)));
    // A hot key throttles: castVote and readLeaderboard are red (Throttled) as well as the Scan.
    QCOMPARE(verdicts, (QStringList{"castVote=red", "castVoteSharded=green", "readLeaderboard=red",
                                    "countVotes=red"}));
    QCOMPARE(smells(analysis),
             (QStringList{
                 "table Votes: low-cardinality partition key: PK = 'CANDIDATE#{candidate}' takes "
                 "at most 3 values for Vote items, so they and their traffic share 3 partition "
                 "keys",
                 "table VotesSharded: low-cardinality partition key: PK = 'LEADERBOARD' takes at "
                 "most 1 value for Leaderboard items, so they and their traffic share 1 partition "
                 "key",
                 "access pattern castVote: hot partition: ~3500 WCU/s on one PK value of table "
                 "Votes ('CANDIDATE#{candidate}' gets 70% of the writes); one partition accepts "
                 "at most 1,000 WCU/s",
                 "access pattern readLeaderboard: hot partition: ~4000 RCU/s on one PK value "
                 "('LEADERBOARD' gets 100% of the requests); one partition serves at most 3,000 "
                 "RCU/s"}));
}

void AnalyzerTest::reportText() {
    Model model = bundled("hot-partition.shardscape.json");
    const std::string text = formatModelCheck(model, {}, analyzeModel(model));
    QVERIFY(
        text.starts_with("Model: Hot partition (teaching model)\n\nAccess patterns:\n"
                         "  RED        castVote         UpdateItem on table Votes: writes by "
                         "the full primary key (PK); ~1 WCU per request; throttled: ~3500 WCU/s "
                         "on one PK value of table Votes ('CANDIDATE#{candidate}' gets 70% of "
                         "the writes); one partition accepts at most 1,000 WCU/s\n"));
    QVERIFY(text.ends_with("\n0 errors; 1 green, 0 amber, 3 red, 0 impossible; 4 design smells\n"));
    const OrderedJson json = modelCheckJson({}, analyzeModel(model));
    QCOMPARE(json["accessPatterns"][3]["verdict"], "red");
    QCOMPARE(json["designSmells"].size(), 4u);
}

QTEST_GUILESS_MAIN(AnalyzerTest)
#include "test_access_pattern_analyzer.moc"
