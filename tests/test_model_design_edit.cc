// Design edits of entity types, access patterns and scenarios (core/model/model_design_edit.h),
// the key condition form (key_condition_form.h) and the scenario form (model_scenario_form.h):
// refused edits say why and change nothing; renames carry their references along.
#include <QtTest>

#include "model/access_pattern_analyzer.h"
#include "model/key_condition_form.h"
#include "model/model_design_edit.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_scenario.h"
#include "model/model_scenario_form.h"
#include "operation_test_support.h"

using namespace shardscape;

class ModelDesignEditTest : public QObject {
    Q_OBJECT
  private slots:
    void addEntityTypeAndRenameCarriesPatterns();
    void entityTypeRefusals();
    void removeEntityTypeInUse();
    void addRenameMoveRemovePatterns();
    void patternExpressionsMustParse();
    void patternMovesToAnIndex();
    void batchesTransactionsAndUpdatesCostRight();
    void keyConditionFormBuildsAndReadsBack();
    void keyConditionFormReadsTheBundledPatterns();
    void placeholderValuesText();
    void scenarioFormWritesPlainNamesAndOverrides();
    void scenarioFormReadsBack();
    void handWrittenScenarioRoundTrips();
    void scenarioFormEditsEachSpike();
    void putScenarioChecksIt();
};

namespace {
Model ecommerce() {
    auto model = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) +
                           "/resources/models/ecommerce.shardscape.json");
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

std::string text(const Model& m) {
    return modelToJson(m).dump();
}

ModelAttribute attribute(const std::string& name, const std::string& type,
                         OrderedJson generator = nullptr) {
    ModelAttribute a;
    a.name = name;
    a.type = type;
    a.generator = std::move(generator);
    return a;
}

EntityType review() {
    EntityType e;
    e.name = "Review";
    e.table = "Shop";
    e.attributes = {attribute("productId", "S"), attribute("reviewId", "S", {{"kind", "uuid"}}),
                    attribute("stars", "N", {{"kind", "number"}, {"min", 1}, {"max", 5}})};
    e.keyTemplates = {{"PK", "PRODUCT#{productId}"}, {"SK", "REVIEW#{reviewId}"}};
    return e;
}

std::string message(const Result<Model>& r) {
    return r ? std::string("(accepted)") : r.error().message;
}
}  // namespace

void ModelDesignEditTest::addEntityTypeAndRenameCarriesPatterns() {
    const Model before = ecommerce();
    const std::string original = text(before);
    auto added = putEntityType(before, "", review());
    QVERIFY2(added.ok(), message(added).c_str());
    QCOMPARE(text(before), original);
    QCOMPARE(added->entities.size(), size_t(5));
    QCOMPARE(added->entities.back().name, std::string("Review"));
    QCOMPARE(modelToJson(*added)["entities"][4]["keys"].dump(),
             std::string("{\"PK\":\"PRODUCT#{productId}\",\"SK\":\"REVIEW#{reviewId}\"}"));

    EntityType renamed = *before.findEntity("Customer");
    renamed.name = "Client";
    auto after = putEntityType(before, "Customer", renamed);
    QVERIFY2(after.ok(), message(after).c_str());
    QCOMPARE(after->entities[0].name, std::string("Client"));
    QCOMPARE(*after->findAccessPattern("getCustomer")->entity, std::string("Client"));
    QCOMPARE(*after->findAccessPattern("findCustomerByEmail")->entity, std::string("Client"));
    QCOMPARE(*after->findAccessPattern("getProduct")->entity, std::string("Product"));
}

void ModelDesignEditTest::entityTypeRefusals() {
    const Model before = ecommerce();
    auto refused = [&](EntityType e, const std::string& old, const std::string& expected) {
        auto r = putEntityType(before, old, std::move(e));
        if (r) return std::string("accepted");
        return r.error().message == expected ? std::string() : r.error().message;
    };
    EntityType e = review();
    e.name = "";
    QCOMPARE(refused(e, "", "An entity type needs a name"), std::string());
    e = review();
    e.name = "Order";
    QCOMPARE(refused(e, "", "The model already has an entity type named Order"), std::string());
    e = review();
    e.keyTemplates[1].second = "REVIEW#{reviewID}";
    QCOMPARE(refused(e, "", "The template names {reviewID}, which is not an attribute of Review"),
             std::string());
    e = review();
    e.keyTemplates[1].second = "REVIEW#{reviewId";
    QVERIFY(!putEntityType(before, "", e).ok());
    e = review();
    e.keyTemplates.emplace_back("stars", "{stars}");
    QCOMPARE(refused(e, "",
                     "stars is not a key attribute of table Shop or its indexes; a key template "
                     "fills a key attribute"),
             std::string());
    e = review();
    e.attributes.push_back(attribute("stars", "S"));
    QCOMPARE(refused(e, "", "Review has two attributes named stars"), std::string());
    e = review();
    e.keyTemplates.pop_back();
    QCOMPARE(refused(e, "", "Entity Review gives no value for Shop's key attribute SK"),
             std::string());
    e = review();
    e.attributes[2].generator = {{"kind", "dice"}};
    QVERIFY(!putEntityType(before, "", e).ok());
    e = review();
    e.attributes[1].type = "XS";
    QCOMPARE(refused(e, "",
                     "Unknown attribute type 'XS'; expected one of S, N, B, BOOL, NULL, M, "
                     "L, SS, NS, BS"),
             std::string());
    e = review();
    e.table = "Nope";
    QCOMPARE(refused(e, "", "No table named 'Nope' in the model"), std::string());
    QCOMPARE(refused(review(), "Ghost", "No entity type named 'Ghost' in the model"),
             std::string());

    // A number key filled by a string attribute mixes types.
    Model numeric = before;
    numeric.tables[0].attributeDefinitions[1].type = "N";
    e = review();
    e.keyTemplates[1].second = "{reviewId}";
    auto mixed = putEntityType(numeric, "", e);
    QVERIFY(!mixed.ok());
    QCOMPARE(mixed.error().message,
             std::string("SK is a number (N), but {reviewId} is S; a number key needs a number"));
}

void ModelDesignEditTest::removeEntityTypeInUse() {
    const Model before = ecommerce();
    auto refused = removeEntityType(before, "Customer");
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message,
             std::string("The access pattern getCustomer uses Customer: give it another entity "
                         "type or remove it first"));
    auto added = putEntityType(before, "", review());
    QVERIFY(added.ok());
    auto removed = removeEntityType(*added, "Review");
    QVERIFY2(removed.ok(), message(removed).c_str());
    QCOMPARE(text(*removed), text(before));
}

void ModelDesignEditTest::addRenameMoveRemovePatterns() {
    const Model before = ecommerce();
    AccessPattern p;
    p.name = "listReviews";
    p.operation = "Query";
    p.table = "Shop";
    p.entity = "Product";
    p.keyCondition = "PK = :pk AND begins_with(SK, :sk)";
    p.values = {{":pk", "PRODUCT#{productId}"}, {":sk", "REVIEW#"}};
    p.ratePerSecond = 12;
    auto added = putAccessPattern(before, "", p);
    QVERIFY2(added.ok(), message(added).c_str());
    QCOMPARE(added->accessPatterns.back().name, std::string("listReviews"));
    QCOMPARE(added->accessPatterns.size(), size_t(9));

    auto duplicate = putAccessPattern(before, "", *before.findAccessPattern("getProduct"));
    QCOMPARE(message(duplicate),
             std::string("The model already has an access pattern named getProduct"));

    // Renaming a pattern a scenario runs renames the scenario's reference.
    AccessPattern renamed = *before.findAccessPattern("placeOrder");
    renamed.name = "checkout";
    auto after = putAccessPattern(before, "placeOrder", renamed);
    QVERIFY2(after.ok(), message(after).c_str());
    QCOMPARE(after->accessPatterns[7].name, std::string("checkout"));
    QCOMPARE(after->scenarios[0]["accessPatterns"].dump(),
             std::string("[\"checkout\",\"getProduct\",\"listCustomerOrders\"]"));

    auto moved = moveAccessPattern(before, "getProduct", -2);
    QVERIFY(moved.ok());
    std::vector<std::string> order;
    for (const auto& a : moved->accessPatterns) order.push_back(a.name);
    QCOMPARE(order,
             (std::vector<std::string>{"getCustomer", "findCustomerByEmail", "listCustomerOrders",
                                       "listOpenOrders", "getProduct", "getOrderItems",
                                       "recentOrdersOfProduct", "placeOrder"}));
    auto clamped = moveAccessPattern(before, "getCustomer", -5);
    QCOMPARE(text(*clamped), text(before));

    QCOMPARE(message(removeAccessPattern(before, "getProduct")),
             std::string("The scenario Black Friday runs getProduct: take it out of the scenario "
                         "first"));
    auto removed = removeAccessPattern(*added, "listReviews");
    QVERIFY(removed.ok());
    QCOMPARE(text(*removed), text(before));
}

void ModelDesignEditTest::patternExpressionsMustParse() {
    const Model before = ecommerce();
    AccessPattern p = *before.findAccessPattern("listOpenOrders");
    p.filter = "#status = = :placed";
    auto malformed = putAccessPattern(before, "listOpenOrders", p);
    QVERIFY(!malformed.ok());
    QCOMPARE(malformed.error().message,
             std::string("Invalid FilterExpression: Syntax error; token: \"=\", near: \"= = "
                         ":placed\""));
    p = *before.findAccessPattern("listOpenOrders");
    p.filter = "status = :placed";
    p.names = OrderedJson::object();
    auto reserved = putAccessPattern(before, "listOpenOrders", p);
    QVERIFY(!reserved.ok());
    QCOMPARE(reserved.error().message,
             std::string("Invalid FilterExpression: Attribute name is a reserved keyword; "
                         "reserved keyword: status"));
    p = *before.findAccessPattern("getProduct");
    p.name = "";
    QCOMPARE(message(putAccessPattern(before, "getProduct", p)),
             std::string("An access pattern needs a name"));
    p = *before.findAccessPattern("getProduct");
    p.index = "GSI9";
    QCOMPARE(message(putAccessPattern(before, "getProduct", p)),
             std::string("The table does not have the specified index: GSI9"));
}

void ModelDesignEditTest::patternMovesToAnIndex() {
    const Model before = ecommerce();
    // From GSI1 to GSI2: Customer has no GSI2PK template, so the value stays.
    auto moved = useIndexForAccessPattern(before, "findCustomerByEmail", "GSI2");
    QVERIFY2(moved.ok(), message(moved).c_str());
    const AccessPattern* p = moved->findAccessPattern("findCustomerByEmail");
    QCOMPARE(*p->index, std::string("GSI2"));
    QCOMPARE(p->keyCondition, std::string("GSI2PK = :gsi2pk"));
    QCOMPARE(p->values.dump(), std::string("{\":gsi2pk\":\"EMAIL#{email}\"}"));
    // Back to GSI1: the entity's template for GSI1PK.
    auto back = useIndexForAccessPattern(*moved, "findCustomerByEmail", "GSI1");
    QVERIFY(back.ok());
    QCOMPARE(back->findAccessPattern("findCustomerByEmail")->keyCondition,
             std::string("GSI1PK = :gsi1pk"));
    QCOMPARE(back->findAccessPattern("findCustomerByEmail")->values.dump(),
             std::string("{\":gsi1pk\":\"EMAIL#{email}\"}"));
    // An equality on the sort key takes the entity's template for the index's sort key.
    auto get = useIndexForAccessPattern(before, "getCustomer", "GSI1");
    QVERIFY(get.ok());
    const AccessPattern* g = get->findAccessPattern("getCustomer");
    QCOMPARE(g->keyCondition, std::string("GSI1PK = :gsi1pk AND GSI1SK = :gsi1sk"));
    QCOMPARE(g->values.dump(),
             std::string("{\":gsi1pk\":\"EMAIL#{email}\",\":gsi1sk\":\"CUSTOMER\"}"));
    // The filter and its values stay; back on the table, the table's keys.
    auto open = useIndexForAccessPattern(before, "listOpenOrders", "GSI2");
    QVERIFY(open.ok());
    const AccessPattern* o = open->findAccessPattern("listOpenOrders");
    QCOMPARE(o->keyCondition, std::string("GSI2PK = :gsi2pk AND begins_with(GSI2SK, :gsi2sk)"));
    QCOMPARE(o->filter, std::string("#status = :placed"));
    QCOMPARE(o->values[":placed"].get<std::string>(), std::string("PLACED"));
    auto table = useIndexForAccessPattern(*open, "listOpenOrders", "");
    QVERIFY(table.ok());
    QVERIFY(!table->findAccessPattern("listOpenOrders")->index);
    QCOMPARE(table->findAccessPattern("listOpenOrders")->keyCondition,
             std::string("PK = :pk AND begins_with(SK, :sk)"));
    QCOMPARE(message(useIndexForAccessPattern(before, "getCustomer", "GSI5")),
             std::string("The table does not have the specified index: GSI5"));
}

void ModelDesignEditTest::batchesTransactionsAndUpdatesCostRight() {
    const Model before = ecommerce();
    auto analysisOf = [](const Model& m, const std::string& name) {
        for (const auto& a : analyzeModel(m).patterns)
            if (a.pattern == name) return a;
        return PatternAnalysis{};
    };
    // An UpdateItem of an order line: GSI2 (keyed on PRODUCT#{productId} and
    // ORDER#{orderDate}, projecting quantity and price) is written only when the update
    // reaches it, twice when it changes its key. One line is one WCU.
    AccessPattern update;
    update.name = "changeLine";
    update.operation = "UpdateItem";
    update.table = "Shop";
    update.entity = "OrderItem";
    update.keyCondition = "PK = :pk AND SK = :sk";
    update.values = {{":pk", "ORDER#{orderId}"}, {":sk", "ITEM#{productId}"}};
    update.ratePerSecond = 5;
    const std::vector<std::pair<std::vector<std::string>, double>> cases = {
        {{}, 2}, {{"quantity"}, 2}, {{"orderDate"}, 3}, {{"note"}, 1}, {{"quantity", "note"}, 2}};
    for (const auto& [updates, units] : cases) {
        update.updates = updates;
        auto edited = putAccessPattern(before, "", update);
        QVERIFY2(edited.ok(), message(edited).c_str());
        const PatternAnalysis a = analysisOf(*edited, "changeLine");
        QCOMPARE(a.verdict, PatternVerdict::Served);
        QCOMPARE(a.writeUnitsPerRequest, units);
    }
    // Updates belong to an UpdateItem.
    AccessPattern put = update;
    put.operation = "PutItem";
    QCOMPARE(message(putAccessPattern(before, "", put)),
             std::string("Only an UpdateItem sets attributes (updates)"));

    // Batches and transactions: per-item units, twice for a transaction.
    AccessPattern batch = *before.findAccessPattern("getProduct");
    batch.name = "getProducts";
    batch.operation = "BatchGetItem";
    batch.itemsPerRequest = 10;
    auto withBatch = putAccessPattern(before, "", batch);
    QVERIFY2(withBatch.ok(), message(withBatch).c_str());
    PatternAnalysis a = analysisOf(*withBatch, "getProducts");
    QCOMPARE(a.verdict, PatternVerdict::Served);
    QCOMPARE(a.access, std::string("BatchGetItem on table Shop"));
    QCOMPARE(a.readUnitsPerRequest, 5.0);
    batch.operation = "TransactGetItems";
    batch.itemsPerRequest = 2;
    a = analysisOf(*putAccessPattern(before, "", batch), "getProducts");
    QCOMPARE(a.readUnitsPerRequest, 4.0);
    batch.index = "GSI1";
    a = analysisOf(*putAccessPattern(before, "", batch), "getProducts");
    QCOMPARE(a.verdict, PatternVerdict::Impossible);
    QCOMPARE(a.reason,
             std::string("TransactGetItems reads only the table's primary key, not index GSI1"));

    AccessPattern write = *before.findAccessPattern("placeOrder");
    write.name = "placeOrders";
    write.operation = "TransactWriteItems";
    write.itemsPerRequest = 3;
    a = analysisOf(*putAccessPattern(before, "", write), "placeOrders");
    QCOMPARE(a.verdict, PatternVerdict::Served);
    QCOMPARE(a.writeUnitsPerRequest, 6.0);
    write.operation = "BatchWriteItem";
    a = analysisOf(*putAccessPattern(before, "", write), "placeOrders");
    QCOMPARE(a.writeUnitsPerRequest, 3.0);
    write.itemsPerRequest = 26;
    QCOMPARE(message(putAccessPattern(before, "", write)),
             std::string("BatchWriteItem takes at most 25 items per request"));

    // The simulator runs a batch as its single-item requests, a transaction as twice that.
    write.itemsPerRequest = 3;
    write.operation = "TransactWriteItems";
    Model simulated = *putAccessPattern(before, "", write);
    simulated.scenarios.push_back({{"name", "Batch"}, {"accessPatterns", {"placeOrders"}}});
    auto json = simulatorScenarioJson(simulated, 1);
    QVERIFY2(json.ok(), json.ok() ? "" : json.error().message.c_str());
    QCOMPARE((*json)["workload"][0]["operation"].get<std::string>(), std::string("PutItem"));
    QCOMPARE((*json)["workload"][0]["rate"]["rate"].get<double>(), 40.0 * 3 * 2);

    // A Query on a GSI returns only what the index projects.
    AccessPattern recent = *before.findAccessPattern("recentOrdersOfProduct");
    recent.projection = {"quantity", "price", "GSI2SK", "PK"};
    a = analysisOf(*putAccessPattern(before, "recentOrdersOfProduct", recent),
                   "recentOrdersOfProduct");
    QCOMPARE(a.verdict, PatternVerdict::Served);
    recent.projection = {"quantity", "title"};
    a = analysisOf(*putAccessPattern(before, "recentOrdersOfProduct", recent),
                   "recentOrdersOfProduct");
    QCOMPARE(a.verdict, PatternVerdict::Impossible);
    QCOMPARE(a.reason, std::string("index GSI2 does not project title, and a Query on a GSI "
                                   "cannot fetch it from the table"));
    QCOMPARE(a.suggestion,
             std::string("project title into the index (INCLUDE or ALL), or read the table"));

    // Projection and updates survive the file.
    update.updates = {"quantity", "note"};
    update.projection = {"quantity", "price"};
    update.operation = "UpdateItem";
    auto saved = putAccessPattern(before, "", update);
    QVERIFY(saved.ok());
    const OrderedJson written = modelToJson(*saved);
    QCOMPARE(written["accessPatterns"][8]["projection"].dump(),
             std::string("[\"quantity\",\"price\"]"));
    QCOMPARE(written["accessPatterns"][8]["updates"].dump(),
             std::string("[\"quantity\",\"note\"]"));
    auto read = modelFromJson(written);
    QVERIFY(read.ok());
    QCOMPARE(read->accessPatterns[8].updates, update.updates);
    QCOMPARE(read->accessPatterns[8].projection, update.projection);
}

void ModelDesignEditTest::keyConditionFormBuildsAndReadsBack() {
    AccessPattern p;
    p.name = "byDate";
    p.operation = "Query";
    p.table = "Shop";
    KeyConditionForm form;
    form.partitionKey = "PK";
    form.partitionValue = "CUSTOMER#{customerId}";
    form.sortKey = "date";
    form.sort = SortCondition::Between;
    form.sortValue = "{from}";
    form.sortValueTo = "{to}";
    auto composed =
        composePattern(p, form, "#status = :s AND total > :min", ":s = PLACED; :min = 10");
    QVERIFY(composed.ok());
    QCOMPARE(composed->keyCondition, std::string("PK = :pk AND #date BETWEEN :date AND :dateTo"));
    QCOMPARE(composed->names.dump(), std::string("{\"#date\":\"date\",\"#status\":\"status\"}"));
    QCOMPARE(composed->values.dump(),
             std::string("{\":pk\":\"CUSTOMER#{customerId}\",\":date\":\"{from}\",\":dateTo\":"
                         "\"{to}\",\":s\":\"PLACED\",\":min\":10}"));
    QCOMPARE(filterValuesText(*composed), std::string(":s = PLACED; :min = 10"));
    auto read = readKeyCondition(*composed);
    QVERIFY(read.has_value());
    QCOMPARE(read->partitionKey, std::string("PK"));
    QCOMPARE(read->partitionValue, std::string("CUSTOMER#{customerId}"));
    QCOMPARE(read->sortKey, std::string("date"));
    QVERIFY(read->sort == SortCondition::Between);
    QCOMPARE(read->sortValue, std::string("{from}"));
    QCOMPARE(read->sortValueTo, std::string("{to}"));

    for (auto condition :
         {SortCondition::Equal, SortCondition::Less, SortCondition::LessOrEqual,
          SortCondition::Greater, SortCondition::GreaterOrEqual, SortCondition::BeginsWith}) {
        form.sortKey = "SK";
        form.sort = condition;
        form.sortValue = "ORDER#";
        auto c = composePattern(p, form, "", "");
        QVERIFY(c.ok());
        auto back = readKeyCondition(*c);
        QVERIFY2(
            back && back->sort == condition && back->sortKey == "SK" && back->sortValue == "ORDER#",
            c->keyCondition.c_str());
    }
    form.sort = SortCondition::Greater;
    QCOMPARE(composePattern(p, form, "", "")->keyCondition, std::string("PK = :pk AND SK > :sk"));
    form.sort = SortCondition::BeginsWith;
    QCOMPARE(composePattern(p, form, "", "")->keyCondition,
             std::string("PK = :pk AND begins_with(SK, :sk)"));
    // The filter may not reuse a key placeholder.
    auto clash = composePattern(p, form, "x = :pk", ":pk = 1");
    QVERIFY(!clash.ok());
    QCOMPARE(clash.error().message,
             std::string("The filter's :pk is already the key condition's; give it another name"));
    // No partition key: no key condition (PutItem).
    auto put = composePattern(p, KeyConditionForm{}, "", "");
    QCOMPARE(put->keyCondition, std::string());
    QCOMPARE(put->values.dump(), std::string("{}"));
}

void ModelDesignEditTest::keyConditionFormReadsTheBundledPatterns() {
    const Model model = ecommerce();
    struct Expected {
        const char* pattern;
        const char* pk;
        const char* pkValue;
        const char* sk;
        SortCondition sort;
        const char* skValue;
    };
    const Expected expected[] = {
        {"getCustomer", "PK", "CUSTOMER#{customerId}", "SK", SortCondition::Equal, "PROFILE"},
        {"findCustomerByEmail", "GSI1PK", "EMAIL#{email}", "", SortCondition::None, ""},
        {"listOpenOrders", "PK", "CUSTOMER#{customerId}", "SK", SortCondition::BeginsWith,
         "ORDER#"},
        {"recentOrdersOfProduct", "GSI2PK", "PRODUCT#{productId}", "GSI2SK", SortCondition::Greater,
         "ORDER#{date}"},
        {"placeOrder", "", "", "", SortCondition::None, ""},
    };
    for (const auto& e : expected) {
        auto form = readKeyCondition(*model.findAccessPattern(e.pattern));
        QVERIFY2(form.has_value(), e.pattern);
        QCOMPARE(form->partitionKey, std::string(e.pk));
        QCOMPARE(form->partitionValue, std::string(e.pkValue));
        QCOMPARE(form->sortKey, std::string(e.sk));
        QVERIFY(form->sort == e.sort);
        QCOMPARE(form->sortValue, std::string(e.skValue));
    }
    QCOMPARE(filterValuesText(*model.findAccessPattern("listOpenOrders")),
             std::string(":placed = PLACED"));
    AccessPattern odd;
    odd.keyCondition = "begins_with(SK, :a) AND PK = :b";
    QVERIFY(!readKeyCondition(odd).has_value());
    auto keys = patternKeys(model, "Shop", "GSI1");
    QCOMPARE(keys->partitionKey, std::string("GSI1PK"));
    QCOMPARE(keys->sortKey, std::string("GSI1SK"));
    QCOMPARE(patternKeys(model, "Shop", "GSI7").error().message,
             std::string("The table does not have the specified index: GSI7"));
}

void ModelDesignEditTest::placeholderValuesText() {
    auto values = parsePlaceholderValues(" :a = PLACED ; :b = 2.5; :c = true; :d = \"10\";");
    QVERIFY(values.ok());
    QCOMPARE(values->dump(),
             std::string("{\":a\":\"PLACED\",\":b\":2.5,\":c\":true,\":d\":\"10\"}"));
    auto bad = parsePlaceholderValues("status = PLACED");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message,
             std::string("Write each filter value as :placeholder = value (not 'status = "
                         "PLACED')"));
}

void ModelDesignEditTest::scenarioFormWritesPlainNamesAndOverrides() {
    const Model model = ecommerce();
    ModelScenarioForm form;
    form.name = "Black Friday";
    form.durationSeconds = 600;
    form.rateMultiplier = 10;
    for (const char* name : {"placeOrder", "getProduct", "listCustomerOrders"}) {
        ModelScenarioPatternForm p;
        p.pattern = name;
        form.patterns.push_back(p);
    }
    auto json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    QCOMPARE(json->dump(), model.scenarios[0].dump());

    form.patterns[0].shape = "spikes";
    form.patterns[0].peak = 3;
    form.patterns[1].shape = "ramp";
    form.patterns[1].peak = 2;
    form.patterns[1].keys = "hotKey";
    form.patterns[1].keyCount = 5000;
    form.patterns[1].hotShare = 0.3;
    form.patterns[1].shards = 4;
    form.patterns[2].shape = "daily";
    form.patterns[2].peak = 3;
    form.patterns[2].keys = "zipf";
    form.patterns[2].keyCount = 100000;
    form.patterns[2].exponent = 1.2;
    json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    QCOMPARE((*json)["accessPatterns"].dump(),
             std::string(
                 "[{\"name\":\"placeOrder\",\"rate\":{\"type\":\"spikes\",\"base\":400,\"spikes\":"
                 "[{\"startSecond\":200,\"durationSeconds\":60,\"rate\":1200}]}},"
                 "{\"name\":\"getProduct\",\"rate\":{\"type\":\"ramp\",\"from\":5000,\"to\":10000,"
                 "\"startSecond\":0,\"endSecond\":600},\"keys\":{\"distribution\":\"hotKey\","
                 "\"keyCount\":5000,\"hotShare\":0.3,\"shards\":4}},"
                 "{\"name\":\"listCustomerOrders\",\"rate\":{\"type\":\"dailySine\",\"mean\":2000,"
                 "\"amplitude\":1000,\"periodSeconds\":600,\"phaseSeconds\":0},\"keys\":{"
                 "\"distribution\":\"zipf\",\"keyCount\":100000,\"exponent\":1.2}}]"));
    Model withScenario = model;
    withScenario.scenarios.push_back(*json);
    (*json)["name"] = "Black Friday 2";
    withScenario.scenarios.back()["name"] = "Black Friday 2";
    QVERIFY(simulatorScenario(withScenario, 1).ok());

    form.patterns[0].keys = "model";
    form.patterns[0].shards = 2;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("placeOrder: write sharding needs a chosen key distribution (uniform, "
                         "Zipf, hot key or time-ordered), not the model's"));
    form.patterns.clear();
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("A scenario runs at least one access pattern: tick one"));
}

void ModelDesignEditTest::scenarioFormReadsBack() {
    const Model model = ecommerce();
    ModelScenarioForm form;
    form.name = "Mixed";
    form.description = "A bit of everything";
    form.durationSeconds = 300;
    ModelScenarioPatternForm spike;
    spike.pattern = "getProduct";
    spike.shape = "spikes";
    spike.peak = 4;
    spike.keys = "zipf";
    spike.keyCount = 200;
    spike.exponent = 1.5;
    spike.shards = 3;
    ModelScenarioPatternForm daily;
    daily.pattern = "getCustomer";
    daily.shape = "daily";
    daily.peak = 5;
    form.patterns = {spike, daily};
    auto json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    const ModelScenarioForm back = scenarioFormFrom(model, *json);
    QCOMPARE(back.name, form.name);
    QCOMPARE(back.description, form.description);
    QCOMPARE(back.durationSeconds, 300.0);
    QCOMPARE(back.rateMultiplier, 1.0);
    QCOMPARE(back.patterns.size(), size_t(2));
    QCOMPARE(back.patterns[0].shape, std::string("spikes"));
    QCOMPARE(back.patterns[0].peak, 4.0);
    QCOMPARE(back.patterns[0].keys, std::string("zipf"));
    QCOMPARE(back.patterns[0].keyCount, 200.0);
    QCOMPARE(back.patterns[0].exponent, 1.5);
    QCOMPARE(back.patterns[0].shards, 3);
    QCOMPARE(back.patterns[1].shape, std::string("daily"));
    QCOMPARE(back.patterns[1].peak, 5.0);
    QCOMPARE(back.patterns[1].keys, std::string("model"));
    QCOMPARE(scenarioFromForm(model, back)->dump(), json->dump());

    // What the form does not edit survives an edit: the scenario's seed and table, a
    // pattern's own rate multiplier (a plain name becomes an object to keep it).
    OrderedJson previous = *json;
    previous["seed"] = 7;
    previous["table"] = "Shop";
    previous["accessPatterns"][1] = {{"name", "getCustomer"}, {"rateMultiplier", 3}};
    const OrderedJson kept = keepScenarioMembers(previous, *json);
    QCOMPARE(kept["seed"].get<int>(), 7);
    QCOMPARE(kept["table"].get<std::string>(), std::string("Shop"));
    QCOMPARE(kept["accessPatterns"][1]["rateMultiplier"].get<int>(), 3);
    QCOMPARE(kept["accessPatterns"][1]["rate"]["type"].get<std::string>(),
             std::string("dailySine"));
    QCOMPARE(kept["accessPatterns"][0].dump(), (*json)["accessPatterns"][0].dump());
    OrderedJson plain = {{"name", "X"}, {"accessPatterns", {"getProduct"}}};
    OrderedJson withExtra = {{"name", "X"},
                             {"accessPatterns", {{{"name", "getProduct"}, {"rateMultiplier", 2}}}},
                             {"description", "dropped: the form edits it"}};
    QCOMPARE(keepScenarioMembers(withExtra, plain).dump(),
             std::string("{\"name\":\"X\",\"accessPatterns\":[{\"name\":\"getProduct\","
                         "\"rateMultiplier\":2}]}"));
}

namespace {

// A hand-written scenario with every shape and member the scenario format has
// (tests/data/README.md).
OrderedJson launchWeek() {
    QFile file(QString(SHARDSCAPE_SOURCE_DIR) + "/tests/data/launch-week.scenario.json");
    if (!file.open(QIODevice::ReadOnly)) qFatal("launch-week.scenario.json");
    return OrderedJson::parse(file.readAll().toStdString());
}

}  // namespace

// A hand-written scenario read into the form and written back with only its name changed
// is the same JSON but for the name, member order included.
void ModelDesignEditTest::handWrittenScenarioRoundTrips() {
    Model model = ecommerce();
    const OrderedJson original = launchWeek();
    model.scenarios.push_back(original);
    QVERIFY(simulatorScenario(model, 1).ok());
    ModelScenarioForm form = scenarioFormFrom(model, original);
    QCOMPARE(form.patterns.size(), size_t(4));
    const ModelScenarioPatternForm& spikes = form.patterns[0];
    QCOMPARE(spikes.shape, std::string("spikes"));
    QCOMPARE(spikes.base, 0.9);  // getProduct runs at 500/s
    QCOMPARE(spikes.spikes.size(), size_t(3));
    QCOMPARE(spikes.spikes[1].startSecond, 300.0);
    QCOMPARE(spikes.spikes[1].durationSeconds, 45.5);
    QCOMPARE(spikes.spikes[1].peak, 3.5);
    QCOMPARE(spikes.spikes[2].peak, 8.0);
    QCOMPARE(form.patterns[1].shape, std::string("daily"));
    QCOMPARE(form.patterns[1].base, 0.6);  // listCustomerOrders runs at 100/s
    QCOMPARE(form.patterns[1].peak, 2.0);
    QCOMPARE(*form.patterns[1].periodSeconds, 86400.0);
    QCOMPARE(form.patterns[1].phaseSeconds, -21600.0);
    QCOMPARE(form.patterns[2].shape, std::string("ramp"));
    QCOMPARE(form.patterns[2].startSecond, 120.0);
    QCOMPARE(*form.patterns[2].endSecond, 600.0);
    QCOMPARE(form.patterns[2].keys, std::string("timeOrdered"));
    QCOMPARE(form.patterns[2].bucketSeconds, 300.0);
    QCOMPARE(form.patterns[2].shards, 4);
    QCOMPARE(form.patterns[3].shape, std::string("constant"));
    QVERIFY(form.patterns[3].explicitRate);

    form.name = "Launch week 2";
    auto written = scenarioFromForm(model, form);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    OrderedJson expected = original;
    expected["name"] = "Launch week 2";
    QCOMPARE(keepScenarioMembers(original, *written).dump(2), expected.dump(2));
}

// Each spike is the form's own: change one's peak, remove one, add one.
void ModelDesignEditTest::scenarioFormEditsEachSpike() {
    Model model = ecommerce();
    const OrderedJson original = launchWeek();
    model.scenarios.push_back(original);
    ModelScenarioForm form = scenarioFormFrom(model, original);
    auto& spikes = form.patterns[0].spikes;
    spikes[0].peak = 6;
    spikes.erase(spikes.begin() + 1);
    spikes.push_back({800, 60, 2});
    auto written = scenarioFromForm(model, form);
    QVERIFY(written.ok());
    const OrderedJson kept = keepScenarioMembers(original, *written);
    QCOMPARE(kept["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":450,\"spikes\":[{\"startSecond\":60,"
                         "\"durationSeconds\":30,\"rate\":3000},{\"startSecond\":700,"
                         "\"durationSeconds\":20,\"rate\":4000},{\"startSecond\":800,"
                         "\"durationSeconds\":60,\"rate\":1000}]}"));
    // The rest is as it was.
    for (size_t i = 1; i < 4; ++i)
        QCOMPARE(kept["accessPatterns"][i].dump(), original["accessPatterns"][i].dump());
    QCOMPARE(kept["accessPatterns"][0]["keys"].dump(),
             original["accessPatterns"][0]["keys"].dump());
    model.scenarios[1] = kept;
    QVERIFY(simulatorScenario(model, 1).ok());

    // A change of the scenario's multiplier rescales every rate it wrote from the form.
    form.rateMultiplier = 2;
    form.patterns[0].spikes = {{0, 10, 3}};
    written = scenarioFromForm(model, form);
    QVERIFY(written.ok());
    QCOMPARE((*written)["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":900,\"spikes\":[{\"startSecond\":0,"
                         "\"durationSeconds\":10,\"rate\":3000}]}"));

    form.patterns[0].spikes = {{-5, 10, 3}};
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("getProduct: spike 1 must start at 0 s or later"));
    form.patterns[0].spikes = {{0, 10, 3}, {20, 10, -1}};
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("getProduct: spike 2's peak is a multiple of the rate, 0 or more"));
    form.patterns[0].spikes = {{0, 10, 3}};
    form.patterns[1].peak = 0.5;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("listCustomerOrders: a daily cycle's peak must be at least its base"));
    // A pattern without a rate: the multiples are of 1 request/s, both ways.
    Model idle = model;
    for (auto& p : idle.accessPatterns)
        if (p.name == "getProduct") p.ratePerSecond = 0;
    ModelScenarioForm quiet = form;
    quiet.rateMultiplier = 1;
    quiet.patterns = {form.patterns[0]};
    auto idleJson = scenarioFromForm(idle, quiet);
    QVERIFY(idleJson.ok());
    QCOMPARE((*idleJson)["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":0.9,\"spikes\":[{\"startSecond\":0,"
                         "\"durationSeconds\":10,\"rate\":3}]}"));
    QCOMPARE(scenarioFormFrom(idle, *idleJson).patterns[0].spikes[0].peak, 3.0);
    form.patterns[1].peak = 2;
    form.patterns[2].endSecond = 100;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("placeOrder: the ramp must end at or after its start"));
}

void ModelDesignEditTest::putScenarioChecksIt() {
    const Model before = ecommerce();
    OrderedJson scenario = {
        {"name", "Quiet"}, {"accessPatterns", {"getProduct"}}, {"durationSeconds", 60}};
    auto added = putScenario(before, "", scenario);
    QVERIFY2(added.ok(), message(added).c_str());
    QCOMPARE(added->scenarios.size(), size_t(2));
    QCOMPARE(findScenario(*added, "Quiet"), 1);
    QCOMPARE(message(putScenario(before, "",
                                 {{"name", "Black Friday"}, {"accessPatterns", {"getProduct"}}})),
             std::string("The model already has a scenario named Black Friday"));
    QCOMPARE(message(putScenario(before, "", {{"name", "X"}, {"accessPatterns", {"nope"}}})),
             std::string("scenarios[1].accessPatterns[0]: names no access pattern of the model "
                         "('nope')"));
    auto renamed = scenario;
    renamed["name"] = "Calm";
    auto replaced = putScenario(*added, "Quiet", renamed);
    QVERIFY(replaced.ok());
    QCOMPARE(replaced->scenarios[1]["name"].get<std::string>(), std::string("Calm"));
    auto removed = removeScenario(*replaced, "Calm");
    QVERIFY(removed.ok());
    QCOMPARE(text(*removed), text(before));
    QCOMPARE(message(removeScenario(before, "Calm")),
             std::string("No scenario named 'Calm' in the model"));
}

QTEST_MAIN(ModelDesignEditTest)
#include "test_model_design_edit.moc"
