// Suggest a fix (core/model/fix_suggestions.h) and the model diff it is shown as
// (core/model/model_diff.h): on the bundled hot-partition teaching model, sharding castVote's
// key turns it green and its scenario stops throttling; reading the leaderboard eventually
// consistent; a GSI for an amber Query's filter and for a Scan's equality filter; changing
// the projection of a GSI that lacks what a Query needs, and of an LSI that fetches it;
// patterns that get no suggestion.
#include <QtTest>

#include "capacity/simulation_report.h"
#include "model/access_pattern_analyzer.h"
#include "model/fix_suggestions.h"
#include "model/model_file.h"
#include "model/model_scenario.h"
#include "simulation/simulator.h"
#include "status_lsi_fixture.h"

using namespace shardscape;

namespace {

Model bundled(const char* name) {
    auto model = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) + "/resources/models/" + name);
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

std::string verdictOf(const Model& model, const std::string& pattern) {
    for (const auto& p : analyzeModel(model).patterns)
        if (p.pattern == pattern) return std::string(verdictName(p.verdict));
    return "missing";
}

// Throttled requests of the model's scenario `name`, simulated.
double throttled(const Model& model, const std::string& name) {
    for (size_t i = 0; i < model.scenarios.size(); ++i) {
        if (model.scenarios[i].value("name", std::string()) != name) continue;
        auto scenario = simulatorScenario(model, i);
        if (!scenario) qFatal("%s", scenario.error().message.c_str());
        SimulationOptions options;
        options.partitionSeries = false;
        auto report = simulate(*scenario, options);
        if (!report) qFatal("%s", report.error().message.c_str());
        return report->throttledRequests;
    }
    qFatal("no scenario %s", name.c_str());
}

}  // namespace

class FixSuggestionsTest : public QObject {
    Q_OBJECT
  private slots:
    void hotPartitionIsRed();
    void shardingTheHotKeyTurnsItGreenAndStopsThrottling();
    void eventuallyConsistentLeaderboard();
    void indexForAnAmberFilter();
    void overloadTheSortKey();
    void indexForAScan();
    void projectTheMissingAttributesIntoAGsi();
    void projectIntoAnLsiThatFetches();
    void noSuggestion();
    void diffOfEqualModelsIsEmpty();
};

void FixSuggestionsTest::hotPartitionIsRed() {
    const ModelAnalysis analysis = analyzeModel(bundled("hot-partition.shardscape.json"));
    const PatternAnalysis& castVote = analysis.patterns[0];
    QCOMPARE(castVote.verdict, PatternVerdict::Throttled);
    QCOMPARE(castVote.reason,
             std::string("writes by the full primary key (PK); ~1 WCU per request; throttled: "
                         "~3500 WCU/s on one PK value of table Votes ('CANDIDATE#{candidate}' "
                         "gets 70% of the writes); one partition accepts at most 1,000 WCU/s"));
    QCOMPARE(castVote.suggestion,
             std::string("spread the writes over several partition key values (write sharding)"));
    QCOMPARE(analysis.patterns[1].verdict, PatternVerdict::Served);     // castVoteSharded
    QCOMPARE(analysis.patterns[2].verdict, PatternVerdict::Throttled);  // readLeaderboard
    QCOMPARE(analysis.patterns[3].verdict, PatternVerdict::NeedsScan);  // countVotes
}

void FixSuggestionsTest::shardingTheHotKeyTurnsItGreenAndStopsThrottling() {
    const Model model = bundled("hot-partition.shardscape.json");
    QCOMPARE(verdictOf(model, "castVote"), std::string("red"));
    QVERIFY(throttled(model, "Election night") > 0);

    auto fixes = suggestFixes(model, "castVote");
    QVERIFY(fixes);
    QCOMPARE(fixes->size(), size_t(1));
    const FixSuggestion& fix = fixes->front();
    QCOMPARE(fix.kind, FixKind::ShardPartitionKey);
    QCOMPARE(fix.title, std::string("Shard PK of entity Vote 100 ways"));
    QCOMPARE(fix.explanation,
             std::string("~3500 WCU/s land on one PK value ('CANDIDATE#{candidate}'), where a "
                         "partition accepts 1,000 WCU/s. With 'CANDIDATE#{candidate}#{shard}' and "
                         "shard drawn from 100 values, each shard takes ~35 WCU/s, few enough "
                         "that the shards spread evenly over the partitions. The cost is on the "
                         "readers: no access pattern reads by this key; one that reads a PK "
                         "value would make 100 requests (one per shard) and add up their "
                         "results."));
    QCOMPARE(diffText(fix.diff),
             std::string("  …\n"
                         "        \"table\": \"Votes\",\n"
                         "        \"keys\": {\n"
                         "-         \"PK\": \"CANDIDATE#{candidate}\"\n"
                         "+         \"PK\": \"CANDIDATE#{candidate}#{shard}\"\n"
                         "        },\n"
                         "        \"attributes\": [\n"
                         "  …\n"
                         "              \"max\": 100000\n"
                         "            }\n"
                         "+         },\n"
                         "+         {\n"
                         "+           \"name\": \"shard\",\n"
                         "+           \"type\": \"N\",\n"
                         "+           \"generator\": {\n"
                         "+             \"kind\": \"pick\",\n"
                         "+             \"cardinality\": 100\n"
                         "+           }\n"
                         "          }\n"
                         "        ],\n"
                         "  …\n"
                         "        \"keyCondition\": \"PK = :pk\",\n"
                         "        \"values\": {\n"
                         "-         \":pk\": \"CANDIDATE#{candidate}\"\n"
                         "+         \":pk\": \"CANDIDATE#{candidate}#{shard}\"\n"
                         "        },\n"
                         "        \"entity\": \"Vote\",\n"
                         "  …\n"));
    // Applied: castVote is green and Election night no longer throttles.
    QCOMPARE(verdictOf(fix.model, "castVote"), std::string("green"));
    QCOMPARE(throttled(fix.model, "Election night"), 0.0);
    // Nothing else changed its verdict.
    QCOMPARE(verdictOf(fix.model, "countVotes"), std::string("red"));
    QCOMPARE(verdictOf(fix.model, "castVoteSharded"), std::string("green"));
}

void FixSuggestionsTest::eventuallyConsistentLeaderboard() {
    const Model model = bundled("hot-partition.shardscape.json");
    auto fixes = suggestFixes(model, "readLeaderboard");
    QVERIFY(fixes);
    QCOMPARE(fixes->size(), size_t(1));
    const FixSuggestion& fix = fixes->front();
    QCOMPARE(fix.kind, FixKind::EventuallyConsistent);
    QCOMPARE(fix.title, std::string("Read readLeaderboard eventually consistent"));
    QCOMPARE(fix.explanation,
             std::string("A strongly consistent read costs twice an eventually consistent one: "
                         "the hottest key's ~4000 RCU/s become ~2000 RCU/s, under a partition's "
                         "3,000 RCU/s. The cost: a read may miss a write made within about the "
                         "last second."));
    QCOMPARE(fix.model.findAccessPattern("readLeaderboard")->consistentRead, false);
    QCOMPARE(verdictOf(fix.model, "readLeaderboard"), std::string("green"));
}

void FixSuggestionsTest::indexForAnAmberFilter() {
    const Model model = bundled("ecommerce.shardscape.json");
    QCOMPARE(verdictOf(model, "listOpenOrders"), std::string("amber"));
    auto fixes = suggestFixes(model, "listOpenOrders");
    QVERIFY(fixes);
    // Overload the sort key; a GSI projecting ALL; the same projecting the Order attributes.
    QCOMPARE(fixes->size(), size_t(3));
    QCOMPARE((*fixes)[0].kind, FixKind::OverloadSortKey);
    QCOMPARE((*fixes)[2].title,
             std::string("Add GSI GSI3 (PK=PK, SK=status, projection INCLUDE customerId, orderId, "
                         "orderDate, total) and Query it"));
    QCOMPARE((*fixes)[2].model.tables[0].globalSecondaryIndexes[2].projection.nonKeyAttributes,
             (std::vector<std::string>{"customerId", "orderId", "orderDate", "total"}));
    QCOMPARE(verdictOf((*fixes)[2].model, "listOpenOrders"), std::string("green"));
    const FixSuggestion& fix = (*fixes)[1];
    QCOMPARE(fix.kind, FixKind::AddIndex);
    QCOMPARE(fix.title,
             std::string("Add GSI GSI3 (PK=PK, SK=status, projection ALL) and Query it"));
    QVERIFY2(fix.explanation.starts_with("The filter discards ~90% of the items read (~20 RCU/s "
                                         "wasted); with status as GSI3's sort key the Query "
                                         "reads only the matching items. The cost: every write "
                                         "of an item that has PK and status also writes GSI3"),
             fix.explanation.c_str());
    const ModelTable& shop = fix.model.tables[0];
    QCOMPARE(shop.globalSecondaryIndexes.size(), size_t(3));
    QCOMPARE(shop.globalSecondaryIndexes[2].name, std::string("GSI3"));
    QCOMPARE(shop.globalSecondaryIndexes[2].partitionKey, std::string("PK"));
    QCOMPARE(*shop.globalSecondaryIndexes[2].sortKey, std::string("status"));
    QCOMPARE(shop.definedType("status"), std::string("S"));
    const AccessPattern& pattern = *fix.model.findAccessPattern("listOpenOrders");
    QCOMPARE(*pattern.index, std::string("GSI3"));
    QCOMPARE(pattern.keyCondition, std::string("PK = :pk AND #status = :placed"));
    QCOMPARE(pattern.filter, std::string());
    QCOMPARE(Json(pattern.values),
             Json::parse(R"({":pk":"CUSTOMER#{customerId}",":placed":"PLACED"})"));
    QCOMPARE(verdictOf(fix.model, "listOpenOrders"), std::string("green"));
    // The diff names the new index and the pattern's new query.
    const std::string diff = diffText(fix.diff);
    QVERIFY2(diff.find("+           \"name\": \"GSI3\",\n") != std::string::npos, diff.c_str());
    QVERIFY2(diff.find("-       \"keyCondition\": \"PK = :pk AND begins_with(SK, :orders)\",\n"
                       "-       \"filter\": \"#status = :placed\",\n"
                       "+       \"index\": \"GSI3\",\n"
                       "+       \"keyCondition\": \"PK = :pk AND #status = :placed\",\n") !=
                 std::string::npos,
             diff.c_str());
    QVERIFY2(diff.find("-         \":orders\": \"ORDER#\",\n") != std::string::npos, diff.c_str());
}

void FixSuggestionsTest::overloadTheSortKey() {
    const Model model = bundled("ecommerce.shardscape.json");
    auto fixes = suggestFixes(model, "listOpenOrders");
    QVERIFY(fixes);
    const FixSuggestion& fix = fixes->front();
    QCOMPARE(fix.kind, FixKind::OverloadSortKey);
    QCOMPARE(fix.title,
             std::string("Overload SK of entity Order as 'ORDER#{status}#{orderDate}#{orderId}'"));
    QCOMPARE(fix.explanation,
             std::string("The filter discards ~90% of the items read (~20 RCU/s wasted). With "
                         "status in the sort key, begins_with 'ORDER#PLACED#' reads only the "
                         "matching items. The cost: Order items change key when their status "
                         "changes (delete and put again: UpdateItem cannot change a key); "
                         "listCustomerOrders now gets the items ordered by status first."));
    QCOMPARE(*fix.model.findEntity("Order")->keyTemplate("SK"),
             std::string("ORDER#{status}#{orderDate}#{orderId}"));
    const AccessPattern& pattern = *fix.model.findAccessPattern("listOpenOrders");
    QCOMPARE(pattern.keyCondition, std::string("PK = :pk AND begins_with(SK, :orders)"));
    QCOMPARE(pattern.filter, std::string());
    QCOMPARE(Json(pattern.values),
             Json::parse(R"({":pk":"CUSTOMER#{customerId}",":orders":"ORDER#PLACED#"})"));
    QVERIFY(Json(pattern.names).empty());
    QCOMPARE(verdictOf(fix.model, "listOpenOrders"), std::string("green"));
    QCOMPARE(verdictOf(fix.model, "listCustomerOrders"), std::string("green"));
    QCOMPARE(diffText(fix.diff),
             std::string("  …\n"
                         "        \"keys\": {\n"
                         "          \"PK\": \"CUSTOMER#{customerId}\",\n"
                         "-         \"SK\": \"ORDER#{orderDate}#{orderId}\"\n"
                         "+         \"SK\": \"ORDER#{status}#{orderDate}#{orderId}\"\n"
                         "        },\n"
                         "        \"attributes\": [\n"
                         "  …\n"
                         "        \"table\": \"Shop\",\n"
                         "        \"keyCondition\": \"PK = :pk AND begins_with(SK, :orders)\",\n"
                         "-       \"filter\": \"#status = :placed\",\n"
                         "-       \"names\": {\n"
                         "-         \"#status\": \"status\"\n"
                         "-       },\n"
                         "        \"values\": {\n"
                         "          \":pk\": \"CUSTOMER#{customerId}\",\n"
                         "-         \":orders\": \"ORDER#\",\n"
                         "-         \":placed\": \"PLACED\"\n"
                         "+         \":orders\": \"ORDER#PLACED#\"\n"
                         "        },\n"
                         "        \"entity\": \"Order\",\n"
                         "  …\n"));
}

void FixSuggestionsTest::indexForAScan() {
    Model model = bundled("ecommerce.shardscape.json");
    AccessPattern scan;
    scan.name = "ordersByCoupon";
    scan.operation = "Scan";
    scan.table = "Shop";
    scan.filter = "coupon = :c";
    scan.values = OrderedJson::parse(R"({":c": "SPRING"})");
    scan.ratePerSecond = 2;
    model.accessPatterns.push_back(scan);
    QCOMPARE(verdictOf(model, "ordersByCoupon"), std::string("red"));
    auto fixes = suggestFixes(model, "ordersByCoupon");
    QVERIFY(fixes);
    QCOMPARE(fixes->size(), size_t(1));
    QCOMPARE(fixes->front().title,
             std::string("Add GSI GSI3 (PK=coupon, projection ALL) and Query it"));
    const AccessPattern& query = *fixes->front().model.findAccessPattern("ordersByCoupon");
    QCOMPARE(query.operation, std::string("Query"));
    QCOMPARE(query.keyCondition, std::string("coupon = :c"));
    QCOMPARE(verdictOf(fixes->front().model, "ordersByCoupon"), std::string("green"));
}

// recentOrdersOfProduct returns orderId and filters on orderDate, which GSI2 (INCLUDE
// quantity, price) does not project: a Query on a GSI cannot fetch them, so the pattern is
// impossible until the projection changes.
void FixSuggestionsTest::projectTheMissingAttributesIntoAGsi() {
    Model model = bundled("ecommerce.shardscape.json");
    for (auto& entity : model.entities)
        if (entity.name == "OrderItem") entity.expectedItems = 50000000;
    AccessPattern addLine;
    addLine.name = "addOrderLine";
    addLine.operation = "PutItem";
    addLine.table = "Shop";
    addLine.entity = "OrderItem";
    addLine.ratePerSecond = 120;
    model.accessPatterns.push_back(addLine);
    AccessPattern* recent = nullptr;
    for (auto& p : model.accessPatterns)
        if (p.name == "recentOrdersOfProduct") recent = &p;
    recent->projection = {"orderId", "quantity"};
    recent->filter = "begins_with(orderDate, :year)";
    recent->values[":year"] = "2025";
    const ModelAnalysis before = analyzeModel(model);
    QCOMPARE(verdictOf(model, "recentOrdersOfProduct"), std::string("impossible"));
    for (const auto& p : before.patterns)
        if (p.pattern == "recentOrdersOfProduct") {
            QCOMPARE(p.reason, std::string("index GSI2 does not project orderId and orderDate, "
                                           "and a Query on a GSI cannot fetch them from the "
                                           "table"));
            QCOMPARE(p.suggestion, std::string("project orderId and orderDate into the index "
                                               "(INCLUDE or ALL), or read the table"));
        }

    auto fixes = suggestFixes(model, "recentOrdersOfProduct");
    QVERIFY(fixes);
    QCOMPARE(fixes->size(), size_t(2));
    const FixSuggestion& include = (*fixes)[0];
    QCOMPARE(include.kind, FixKind::ChangeProjection);
    QCOMPARE(include.title, std::string("Project orderId and orderDate into GSI2 (INCLUDE "
                                        "quantity, price, orderId, orderDate)"));
    QCOMPARE(include.explanation,
             std::string("recentOrdersOfProduct needs orderId and orderDate, which GSI2 (INCLUDE "
                         "quantity, price) does not project: a Query on a GSI cannot fetch them "
                         "from the table. With INCLUDE quantity, price, orderId, orderDate the "
                         "index holds them. The cost: bigger GSI2 entries (OrderItem ~130 → ~202 "
                         "bytes), ~3.4 GB more index storage over the expected items; index "
                         "writes stay ~120 WCU/s (addOrderLine): each entry still takes the same "
                         "1 KB write units. DynamoDB cannot change an existing GSI's projection: "
                         "on a live table the index is deleted and created again, and backfilled "
                         "from the table."));
    QCOMPARE(diffText(include.diff), std::string("  …\n"
                                                 "              \"nonKeyAttributes\": [\n"
                                                 "                \"quantity\",\n"
                                                 "-               \"price\"\n"
                                                 "+               \"price\",\n"
                                                 "+               \"orderId\",\n"
                                                 "+               \"orderDate\"\n"
                                                 "              ]\n"
                                                 "            }\n"
                                                 "  …\n"));
    QCOMPARE(verdictOf(include.model, "recentOrdersOfProduct"), std::string("amber"));
    const FixSuggestion& all = (*fixes)[1];
    QCOMPARE(all.kind, FixKind::ChangeProjection);
    QCOMPARE(all.title, std::string("Project ALL into GSI2"));
    QCOMPARE(all.explanation,
             std::string("recentOrdersOfProduct needs orderId and orderDate, which GSI2 (INCLUDE "
                         "quantity, price) does not project: a Query on a GSI cannot fetch them "
                         "from the table. With ALL the index holds them. The cost: bigger GSI2 "
                         "entries (OrderItem ~130 → ~217 bytes), ~4.1 GB more index storage over "
                         "the expected items; index writes stay ~120 WCU/s (addOrderLine): each "
                         "entry still takes the same 1 KB write units. DynamoDB cannot change an "
                         "existing GSI's projection: on a live table the index is deleted and "
                         "created again, and backfilled from the table."));
    QCOMPARE(diffText(all.diff), std::string("  …\n"
                                             "            \"sortKey\": \"GSI2SK\",\n"
                                             "            \"projection\": {\n"
                                             "-             \"type\": \"INCLUDE\",\n"
                                             "-             \"nonKeyAttributes\": [\n"
                                             "-               \"quantity\",\n"
                                             "-               \"price\"\n"
                                             "-             ]\n"
                                             "+             \"type\": \"ALL\"\n"
                                             "            }\n"
                                             "          }\n"
                                             "  …\n"));
    QCOMPARE(verdictOf(all.model, "recentOrdersOfProduct"), std::string("amber"));

    // A name no entity type of the table has is a typo: no projection is suggested for it.
    recent->projection = {"orderId", "quantty"};
    QCOMPARE(verdictOf(model, "recentOrdersOfProduct"), std::string("impossible"));
    auto typo = suggestFixes(model, "recentOrdersOfProduct");
    QVERIFY(typo);
    QVERIFY(typo->empty());
}

// An LSI that does not project what a Query returns serves it by fetching each item from the
// table: green, but at the cost of those reads; projecting the attribute saves them.
void FixSuggestionsTest::projectIntoAnLsiThatFetches() {
    Model model = bundled("ecommerce.shardscape.json");
    shardscape::testing::addOrdersInStateOnAKeysOnlyLsi(model);
    for (const auto& p : analyzeModel(model).patterns)
        if (p.pattern == "ordersInState") {
            QCOMPARE(p.verdict, PatternVerdict::Served);
            QCOMPARE(p.reason,
                     std::string("key condition = on PK, = on status reads only the items it "
                                 "returns; ~0.5 RCU per request, 25 RCU/s; index LSI1 does "
                                 "not project orderId and total, so each of the ~4 items is "
                                 "fetched from the table: +2 RCU per request"));
            QCOMPARE(p.readUnitsPerRequest, 2.5);
        }
    auto fixes = suggestFixes(model, "ordersInState");
    QVERIFY(fixes);
    QCOMPARE(fixes->size(), size_t(2));
    QCOMPARE((*fixes)[0].title,
             std::string("Project orderId and total into LSI1 (INCLUDE orderId, total)"));
    QCOMPARE((*fixes)[0].explanation,
             std::string("ordersInState needs orderId and total, which LSI1 (KEYS_ONLY) does "
                         "not project: each item is fetched from the table, ~2.5 RCU per "
                         "request; with INCLUDE orderId, total the index holds them and the "
                         "Query reads ~0.5 RCU per request. The cost: bigger LSI1 entries (Order "
                         "~96 → ~148 bytes), ~992 MB more index storage over the expected items; "
                         "index writes stay ~40 WCU/s (placeOrder): each entry still takes the "
                         "same 1 KB write units. An LSI's projection is fixed when the table is "
                         "created: on a live table this means a new table."));
    QCOMPARE(diffText((*fixes)[0].diff), std::string("  …\n"
                                                     "            \"sortKey\": \"status\",\n"
                                                     "            \"projection\": {\n"
                                                     "-             \"type\": \"KEYS_ONLY\"\n"
                                                     "+             \"type\": \"INCLUDE\",\n"
                                                     "+             \"nonKeyAttributes\": [\n"
                                                     "+               \"orderId\",\n"
                                                     "+               \"total\"\n"
                                                     "+             ]\n"
                                                     "            }\n"
                                                     "          }\n"
                                                     "  …\n"));
    QCOMPARE((*fixes)[1].title, std::string("Project ALL into LSI1"));
    // Applied, the Query reads only the index: 4 items of ~148 bytes, one 0.5 RCU read.
    for (const auto& p : analyzeModel((*fixes)[0].model).patterns)
        if (p.pattern == "ordersInState") {
            QCOMPARE(p.verdict, PatternVerdict::Served);
            QCOMPARE(p.readUnitsPerRequest, 0.5);
        }
}

void FixSuggestionsTest::noSuggestion() {
    const Model votes = bundled("hot-partition.shardscape.json");
    // countVotes scans with begins_with: no key of any index gives it a Query.
    auto scan = suggestFixes(votes, "countVotes");
    QVERIFY(scan);
    QVERIFY(scan->empty());
    auto green = suggestFixes(votes, "castVoteSharded");
    QVERIFY(green);
    QVERIFY(green->empty());
    auto missing = suggestFixes(votes, "nope");
    QVERIFY(!missing);
    QCOMPARE(missing.error().message, std::string("The model has no access pattern named 'nope'"));
}

void FixSuggestionsTest::diffOfEqualModelsIsEmpty() {
    const Model model = bundled("chat-app.shardscape.json");
    QVERIFY(modelDiff(model, model).empty());
    Model renamed = model;
    renamed.name = "Chat";
    QCOMPARE(diffText(modelDiff(model, renamed, 0)),
             "  …\n-   \"name\": \"" + model.name + "\",\n+   \"name\": \"Chat\",\n  …\n");
}

QTEST_GUILESS_MAIN(FixSuggestionsTest)
#include "test_fix_suggestions.moc"
