// Design edits of entity types, access patterns and scenarios (core/model/model_design_edit.h)
// and the key condition form (key_condition_form.h): refused edits say why and change nothing;
// renames carry their references along. The scenario form: test_scenario_form.
#include <QtTest>

#include "model/access_pattern_analyzer.h"
#include "model/key_condition_form.h"
#include "model/model_design_edit.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_scenario.h"
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
