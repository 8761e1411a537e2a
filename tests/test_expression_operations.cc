// The expression language end to end through dispatch: conditional writes (and the item left
// untouched when they fail), ReturnValuesOnConditionCheckFailure, the full update language
// with every ReturnValues mode, filters with Count/ScannedCount/Limit/capacity, nested
// projections on every read, and the placeholder rules across a request's expressions.
#include <QtTest>

#include <regex>
#include <set>

#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

// Declared before any raw string: moc misreads raw strings that contain "#.
class ExpressionOperationsTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void putIfAbsent();
    void optimisticLocking();
    void conditionalWrites_data();
    void conditionalWrites();
    void conditionFailureReturnsItem_data();
    void conditionFailureReturnsItem();
    void conditionFailureReturnValuesValidated_data();
    void conditionFailureReturnValuesValidated();
    void updateExpressions_data();
    void updateExpressions();
    void updateCreatesMissingItem_data();
    void updateCreatesMissingItem();
    void updateErrorsLeaveItem_data();
    void updateErrorsLeaveItem();
    void filterCountsAndCapacity_data();
    void filterCountsAndCapacity();
    void queryLimitAppliesBeforeFilter();
    void scanLimitAppliesBeforeFilter_data();
    void scanLimitAppliesBeforeFilter();
    void filterOnKeyAttributes_data();
    void filterOnKeyAttributes();
    void nestedProjection_data();
    void nestedProjection();
    void placeholderRules_data();
    void placeholderRules();

  private:
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    // The item at `key` read consistently, or null when there is none.
    Json get(const Json& key);
    int64_t itemCount();
    // Puts {pk, sk, amount, kind, note} items for the filter tests.
    void seedNumbers(const std::string& pk, int from, int to, size_t noteBytes);
    // Every page of a Query or Scan with `request`, following LastEvaluatedKey.
    std::vector<Json> pages(const char* operation, Json request);

    std::unique_ptr<EngineHarness> harness_;
};

namespace {

const char* kCreate = R"J({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})J";

// The order every test starts with.
const char* kOrderItem = R"J({"pk":{"S":"c1"},"sk":{"N":"1"},"version":{"N":"1"},
  "amount":{"N":"10.5"},"tags":{"SS":["new","gift"]},
  "entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]},
  "ship":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}}})J";

const char* kExistingKey = R"J({"pk":{"S":"c1"},"sk":{"N":"1"}})J";
const char* kMissingKey = R"J({"pk":{"S":"none"},"sk":{"N":"9"}})J";

// Values and names the table-driven cases draw from; a request carries only those its
// expressions use, since DynamoDB rejects unused ones.
const char* kValues = R"J({":zero":{"N":"0"},":half":{"N":"0.5"},":one":{"N":"1"},
  ":two":{"N":"2"},":ten":{"N":"10"},":eleven":{"N":"11"},":amountText":{"S":"10.5"},
  ":c1":{"S":"c1"},":oslo":{"S":"Oslo"},":bergen":{"S":"Bergen"},":gift":{"S":"gift"},
  ":vip":{"S":"vip"},":zip":{"S":"01"},":L":{"S":"L"},":M":{"S":"M"},":no":{"S":"NO"},
  ":more":{"L":[{"S":"C"}]},":new":{"SS":["new"]},":vipTags":{"SS":["vip","new"]},
  ":allTags":{"SS":["gift","new"]},":colors":{"SS":["red"]},":primes":{"NS":["2","3"]}})J";
const char* kNames = R"J({"#v":"version","#s":"ship","#c":"city","#e":"entries","#k":"pk",
  "#st":"status"})J";

const char* kConditionFailed = "The conditional request failed";

std::string keyText(const Json& item) {
    return item["pk"]["S"].get<std::string>() + "/" + item["sk"]["N"].get<std::string>();
}

// Sets are unordered in DynamoDB: sort their members so documents compare exactly otherwise.
Json canonical(Json value) {
    if (value.is_object()) {
        for (auto& [key, member] : value.items()) {
            if ((key == "SS" || key == "NS" || key == "BS") && member.is_array())
                std::sort(member.begin(), member.end());
            else
                member = canonical(member);
        }
    } else if (value.is_array()) {
        for (auto& element : value) element = canonical(element);
    }
    return value;
}

// The entries of `pool` whose keys (":x" or "#x") appear as tokens in `texts`.
Json usedPlaceholders(const Json& pool, const std::vector<std::string>& texts) {
    static const std::regex token("[:#][A-Za-z0-9_]+");
    std::set<std::string> used;
    for (const auto& text : texts)
        for (std::sregex_iterator it(text.begin(), text.end(), token), end; it != end; ++it)
            used.insert(it->str());
    Json out = Json::object();
    for (const auto& [key, value] : pool.items())
        if (used.count(key)) out[key] = value;
    return out;
}

// Adds ExpressionAttributeNames/Values for the expressions in `request`, when any are used.
void addPlaceholders(Json& request, const Json& extraValues = Json::object()) {
    std::vector<std::string> texts;
    for (const char* member : {"ConditionExpression", "UpdateExpression", "FilterExpression",
                               "KeyConditionExpression", "ProjectionExpression"})
        if (request.contains(member)) texts.push_back(request[member].get<std::string>());
    Json values = json(kValues);
    values.update(extraValues);
    const Json names = usedPlaceholders(json(kNames), texts);
    values = usedPlaceholders(values, texts);
    if (!names.empty()) request["ExpressionAttributeNames"] = names;
    if (!values.empty()) request["ExpressionAttributeValues"] = values;
}

Json withKey(const char* key, const Json& attributes) {
    Json item = json(key);
    item.update(attributes);
    return item;
}

}  // namespace

void ExpressionOperationsTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QVERIFY_OK(call("CreateTable", json(kCreate)));
    QVERIFY_OK(call("PutItem", Json{{"TableName", "Orders"}, {"Item", json(kOrderItem)}}));
}

Json ExpressionOperationsTest::get(const Json& key) {
    auto got =
        call("GetItem", Json{{"TableName", "Orders"}, {"Key", key}, {"ConsistentRead", true}});
    if (!got) return "GetItem failed: " + got.error().message;
    return got->contains("Item") ? (*got)["Item"] : Json();
}

int64_t ExpressionOperationsTest::itemCount() {
    auto described = harness_->engine().describeTable("Orders");
    return described ? described->second.itemCount : -1;
}

void ExpressionOperationsTest::seedNumbers(const std::string& pk, int from, int to,
                                           size_t noteBytes) {
    for (int i = from; i <= to; ++i) {
        Json item = {{"pk", {{"S", pk}}},
                     {"sk", {{"N", std::to_string(i)}}},
                     {"amount", {{"N", std::to_string(i * 100)}}},
                     {"kind", {{"S", i % 2 ? "odd" : "even"}}}};
        if (noteBytes) item["note"] = {{"S", std::string(noteBytes, 'x')}};
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Orders"}, {"Item", item}}));
    }
}

std::vector<Json> ExpressionOperationsTest::pages(const char* operation, Json request) {
    std::vector<Json> out;
    while (out.size() < 100) {
        auto page = call(operation, request);
        if (!page) {
            out.push_back("failed: " + page.error().message);
            break;
        }
        out.push_back(*page);
        if (!page->contains("LastEvaluatedKey")) break;
        request["ExclusiveStartKey"] = (*page)["LastEvaluatedKey"];
    }
    return out;
}

// attribute_not_exists(pk) makes PutItem put-if-absent: the second put fails and leaves the
// first item, and the item count, as they were.
void ExpressionOperationsTest::putIfAbsent() {
    const Json first = withKey(R"J({"pk":{"S":"c2"},"sk":{"N":"1"}})J", {{"v", {{"S", "first"}}}});
    Json put = {{"TableName", "Orders"},
                {"Item", first},
                {"ConditionExpression", "attribute_not_exists(pk)"}};
    auto created = call("PutItem", put);
    QVERIFY_OK(created);
    QCOMPARE_JSON(*created, Json::object());
    QCOMPARE(itemCount(), int64_t(2));

    put["Item"]["v"]["S"] = "second";
    auto second = call("PutItem", put);
    QCOMPARE_ERROR(second, "ConditionalCheckFailedException", kConditionFailed);
    QCOMPARE(second.error().type, ErrorType::ConditionalCheckFailed);
    QCOMPARE(second.error().extraJson, std::string());
    QCOMPARE_JSON(get(json(R"J({"pk":{"S":"c2"},"sk":{"N":"1"}})J")), first);
    QCOMPARE(itemCount(), int64_t(2));
}

// `version = :expected` guards SET version = version + :one: each round succeeds once and a
// stale writer fails without changing anything.
void ExpressionOperationsTest::optimisticLocking() {
    Json expectedItem = json(kOrderItem);
    for (int version = 1; version <= 3; ++version) {
        const Json update = {
            {"TableName", "Orders"},
            {"Key", json(kExistingKey)},
            {"UpdateExpression", "SET amount = amount + :add, version = version + :one"},
            {"ConditionExpression", "version = :expected"},
            {"ExpressionAttributeValues",
             {{":add", {{"N", "0.25"}}},
              {":one", {{"N", "1"}}},
              {":expected", {{"N", std::to_string(version)}}}}},
            {"ReturnValues", "UPDATED_NEW"}};
        auto fresh = call("UpdateItem", update);
        QVERIFY_OK(fresh);
        expectedItem["version"]["N"] = std::to_string(version + 1);
        expectedItem["amount"]["N"] = version == 1 ? "10.75" : version == 2 ? "11" : "11.25";
        QCOMPARE_JSON(
            *fresh,
            (Json{{"Attributes",
                   {{"amount", expectedItem["amount"]}, {"version", expectedItem["version"]}}}}));
        auto stale = call("UpdateItem", update);
        QCOMPARE_ERROR(stale, "ConditionalCheckFailedException", kConditionFailed);
        QCOMPARE_JSON(get(json(kExistingKey)), expectedItem);
        QCOMPARE(itemCount(), int64_t(1));
    }
}

void ExpressionOperationsTest::conditionalWrites_data() {
    QTest::addColumn<bool>("existing");
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("holds");
    auto onItem = [](const char* condition, bool holds) {
        QTest::addRow("item: %s", condition) << true << QString(condition) << holds;
    };
    auto onMissing = [](const char* condition, bool holds) {
        QTest::addRow("missing: %s", condition) << false << QString(condition) << holds;
    };
    onItem("attribute_exists(pk)", true);
    onItem("attribute_not_exists(pk)", false);
    onItem("pk = :c1 AND sk = :one", true);
    onItem("attribute_exists(ship.zip)", true);
    onItem("attribute_not_exists(ship.country)", true);
    onItem("attribute_exists(entries[2])", false);
    onItem("version = :one", true);
    onItem("version <> :one", false);
    onItem("#v = :two", false);
    onItem("amount BETWEEN :ten AND :eleven", true);
    onItem("amount BETWEEN :one AND :ten", false);
    onItem("ship.city IN (:bergen, :oslo)", true);
    onItem("ship.city IN (:bergen)", false);
    onItem("entries[0].qty IN (:one, :two)", true);
    onItem("contains(tags, :gift)", true);
    onItem("NOT contains(tags, :vip)", true);
    onItem("begins_with(#s.zip, :zip)", true);
    onItem("attribute_type(entries, :L)", true);
    onItem("attribute_type(entries, :M)", false);
    onItem("size(entries) = :two AND size(ship.city) > :two", true);
    onItem("entries[0].qty > entries[1].qty", true);
    onItem("entries[5].qty = :two", false);
    onItem("entries[5].qty <> :two", true);
    onItem("amount = :amountText", false);
    onItem("amount < :amountText", false);
    onItem("NOT amount < :ten", true);
    onItem("version = :two OR ship.city = :oslo AND NOT attribute_exists(pk)", false);
    onItem("(version = :two OR ship.city = :oslo) AND attribute_exists(pk)", true);
    onItem("NOT (version = :one AND ship.city = :bergen)", true);
    onItem("#s.#c = :oslo", true);
    onMissing("attribute_not_exists(pk)", true);
    onMissing("attribute_exists(pk)", false);
    onMissing("pk = :c1", false);
    onMissing("version <> :one", true);
    onMissing("version = :one", false);
    onMissing("NOT version = :one", true);
    onMissing("size(entries) >= :zero", false);
    onMissing("NOT contains(tags, :vip)", true);
    onMissing("attribute_not_exists(#s.#c) AND attribute_not_exists(amount)", true);
    onMissing("amount BETWEEN :one AND :ten", false);
}

// Each condition through PutItem, UpdateItem and DeleteItem, on the stored order or on a key
// with no item (evaluated against an empty item). A failed condition leaves the item and the
// item count as they were.
void ExpressionOperationsTest::conditionalWrites() {
    QFETCH(bool, existing);
    QFETCH(QString, condition);
    QFETCH(bool, holds);
    const char* key = existing ? kExistingKey : kMissingKey;
    for (const char* operation : {"PutItem", "UpdateItem", "DeleteItem"}) {
        // Back to the starting state before each operation.
        QVERIFY_OK(call("PutItem", Json{{"TableName", "Orders"}, {"Item", json(kOrderItem)}}));
        QVERIFY_OK(call("DeleteItem", Json{{"TableName", "Orders"}, {"Key", json(kMissingKey)}}));
        const Json before = get(json(key));
        const int64_t count = itemCount();

        Json request = {{"TableName", "Orders"}, {"ConditionExpression", condition.toStdString()}};
        Json after;
        int64_t countAfter = count;
        const std::string op = operation;
        if (op == "PutItem") {
            request["Item"] = withKey(key, {{"written", {{"S", "put"}}}});
            after = request["Item"];
            countAfter += existing ? 0 : 1;
        } else if (op == "UpdateItem") {
            request["Key"] = json(key);
            request["UpdateExpression"] = "SET written = :w";
            after = existing ? before : json(key);
            after["written"] = {{"S", "update"}};
            countAfter += existing ? 0 : 1;
        } else {
            request["Key"] = json(key);
            countAfter -= existing ? 1 : 0;
        }
        addPlaceholders(request, {{":w", {{"S", "update"}}}});

        auto result = call(operation, request);
        if (holds) {
            QVERIFY_OK(result);
            QCOMPARE_JSON(*result, Json::object());
            QCOMPARE_JSON(get(json(key)), after);
            QCOMPARE(itemCount(), countAfter);
        } else {
            QCOMPARE_ERROR(result, "ConditionalCheckFailedException", kConditionFailed);
            QCOMPARE(result.error().extraJson, std::string());
            QCOMPARE_JSON(get(json(key)), before);
            QCOMPARE(itemCount(), count);
        }
    }
}

void ExpressionOperationsTest::conditionFailureReturnsItem_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("mode");  // empty: the member is absent
    QTest::addColumn<bool>("existing");
    for (const char* operation : {"PutItem", "UpdateItem", "DeleteItem"}) {
        for (const char* mode : {"ALL_OLD", "NONE", ""})
            QTest::addRow("%s %s on the item", operation, *mode ? mode : "(absent)")
                << operation << mode << true;
        QTest::addRow("%s ALL_OLD on a missing item", operation) << operation << "ALL_OLD" << false;
    }
}

// With ReturnValuesOnConditionCheckFailure ALL_OLD the error carries the current item; with
// NONE, without the member, or when there is no item, it does not.
void ExpressionOperationsTest::conditionFailureReturnsItem() {
    QFETCH(QString, operation);
    QFETCH(QString, mode);
    QFETCH(bool, existing);
    const char* key = existing ? kExistingKey : kMissingKey;
    Json request = {
        {"TableName", "Orders"},
        {"ConditionExpression", existing ? "attribute_not_exists(pk)" : "attribute_exists(pk)"},
        {"ReturnValues", "ALL_OLD"}};
    if (!mode.isEmpty()) request["ReturnValuesOnConditionCheckFailure"] = mode.toStdString();
    if (operation == "PutItem") {
        request["Item"] = withKey(key, {{"replaced", {{"BOOL", true}}}});
    } else {
        request["Key"] = json(key);
        if (operation == "UpdateItem") request["UpdateExpression"] = "REMOVE ship";
    }
    auto result = call(operation.toStdString(), request);
    QCOMPARE_ERROR(result, "ConditionalCheckFailedException", kConditionFailed);

    Json body = {{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"},
                 {"message", kConditionFailed}};
    if (mode == "ALL_OLD" && existing) {
        QCOMPARE_JSON(Json::parse(result.error().extraJson), (Json{{"Item", json(kOrderItem)}}));
        body["Item"] = json(kOrderItem);
    } else {
        QCOMPARE(result.error().extraJson, std::string());
    }
    QCOMPARE_JSON(errorBody(result.error()), body);
    QCOMPARE_JSON(get(json(kExistingKey)), json(kOrderItem));
    QCOMPARE_JSON(get(json(kMissingKey)), Json());

    // The same request whose condition holds: the member changes nothing in the response.
    request["ConditionExpression"] = existing ? "attribute_exists(pk)" : "attribute_not_exists(pk)";
    auto succeeded = call(operation.toStdString(), request);
    QVERIFY_OK(succeeded);
    if (existing)
        QCOMPARE_JSON(*succeeded, (Json{{"Attributes", json(kOrderItem)}}));
    else
        QCOMPARE_JSON(*succeeded, Json::object());
}

void ExpressionOperationsTest::conditionFailureReturnValuesValidated_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("returnValues");
    QTest::addColumn<QString>("onFailure");
    QTest::addColumn<QString>("expected");
    const std::string enumError =
        "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
        "satisfy enum value set: [ALL_OLD, NONE]";
    for (const char* operation : {"PutItem", "UpdateItem", "DeleteItem"}) {
        for (const char* bad : {"ALL_NEW", "all_old", "UPDATED_OLD"})
            QTest::addRow("%s %s", operation, bad)
                << operation << "" << bad
                << QString::fromStdString(std::string("1 validation error detected: Value '") +
                                          bad + enumError);
        QTest::addRow("%s with a bad ReturnValues too", operation)
            << operation << "BOGUS"
            << "X"
            << QString::fromStdString(
                   "2 validation errors detected: Value 'BOGUS' at 'returnValues' failed to "
                   "satisfy constraint: Member must satisfy enum value set: [ALL_NEW, "
                   "UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; Value 'X" +
                   enumError);
    }
}

void ExpressionOperationsTest::conditionFailureReturnValuesValidated() {
    QFETCH(QString, operation);
    QFETCH(QString, returnValues);
    QFETCH(QString, onFailure);
    QFETCH(QString, expected);
    Json request = {{"TableName", "Orders"},
                    {"ConditionExpression", "attribute_exists(pk)"},
                    {"ReturnValuesOnConditionCheckFailure", onFailure.toStdString()}};
    if (!returnValues.isEmpty()) request["ReturnValues"] = returnValues.toStdString();
    if (operation == "PutItem") {
        request["Item"] = json(kExistingKey);
    } else {
        request["Key"] = json(kExistingKey);
        if (operation == "UpdateItem") request["UpdateExpression"] = "REMOVE ship";
    }
    QCOMPARE_VALIDATION(call(operation.toStdString(), request), expected.toStdString());
    QCOMPARE_JSON(get(json(kExistingKey)), json(kOrderItem));
}

void ExpressionOperationsTest::updateExpressions_data() {
    QTest::addColumn<QString>("update");
    QTest::addColumn<QString>("returnValues");
    // For UPDATED_OLD/UPDATED_NEW/NONE: the Attributes expected (empty: none). ALL_OLD and
    // ALL_NEW expect the whole item before and after.
    QTest::addColumn<QString>("attributes");
    // JSON merge patch (RFC 7396) from the original item to the item after the update.
    QTest::addColumn<QString>("patch");
    auto row = [](const char* update, const char* returnValues, const char* attributes,
                  const char* patch) {
        QTest::addRow("%s | %s", update, returnValues)
            << update << returnValues << attributes << patch;
    };
    // SET with arithmetic, if_not_exists and list_append.
    row("SET amount = amount - :half, version = version + :one", "UPDATED_NEW",
        R"J({"amount":{"N":"10"},"version":{"N":"2"}})J",
        R"J({"amount":{"N":"10"},"version":{"N":"2"}})J");
    row("SET amount = amount - :half, version = version + :one", "UPDATED_OLD",
        R"J({"amount":{"N":"10.5"},"version":{"N":"1"}})J",
        R"J({"amount":{"N":"10"},"version":{"N":"2"}})J");
    row("SET doubled = amount + amount", "ALL_NEW", "", R"J({"doubled":{"N":"21"}})J");
    row("SET doubled = amount + amount", "ALL_OLD", "", R"J({"doubled":{"N":"21"}})J");
    row("SET doubled = amount + amount", "UPDATED_OLD", "", R"J({"doubled":{"N":"21"}})J");
    row("SET version = if_not_exists(version, :zero) + :one", "UPDATED_NEW",
        R"J({"version":{"N":"2"}})J", R"J({"version":{"N":"2"}})J");
    row("SET hits = if_not_exists(hits, :zero) + :one", "UPDATED_NEW", R"J({"hits":{"N":"1"}})J",
        R"J({"hits":{"N":"1"}})J");
    row("SET #e = list_append(:more, #e)", "UPDATED_NEW",
        R"J({"entries":{"L":[{"S":"C"},{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J",
        R"J({"entries":{"L":[{"S":"C"},{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J");
    row("SET entries = list_append(entries, :more), notes = if_not_exists(notes, :oslo)",
        "UPDATED_OLD",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}},{"S":"C"}]},"notes":{"S":"Oslo"}})J");
    // Nested SET and REMOVE: only the updated paths come back, in their nested shape.
    row("SET ship.country = :no, entries[1].qty = :zero", "UPDATED_NEW",
        R"J({"ship":{"M":{"country":{"S":"NO"}}},"entries":{"L":[{"M":{"qty":{"N":"0"}}}]}})J",
        R"J({"ship":{"M":{"country":{"S":"NO"}}},"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"0"}}}]}})J");
    row("SET #s.#c = :bergen, entries[0].qty = entries[0].qty + :one", "UPDATED_NEW",
        R"J({"ship":{"M":{"city":{"S":"Bergen"}}},"entries":{"L":[{"M":{"qty":{"N":"3"}}}]}})J",
        R"J({"ship":{"M":{"city":{"S":"Bergen"}}},"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"3"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J");
    row("SET entries[1].sku = :bergen, entries[0].sku = :oslo", "UPDATED_NEW",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"Oslo"}}},{"M":{"sku":{"S":"Bergen"}}}]}})J",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"Oslo"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"Bergen"},"qty":{"N":"1"}}}]}})J");
    row("SET entries[7] = :oslo", "NONE", "",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}},{"S":"Oslo"}]}})J");
    row("REMOVE ship.zip, entries[0].sku", "UPDATED_OLD",
        R"J({"ship":{"M":{"zip":{"S":"0150"}}},"entries":{"L":[{"M":{"sku":{"S":"A"}}}]}})J",
        R"J({"ship":{"M":{"zip":null}},"entries":{"L":[{"M":{"qty":{"N":"2"}}},{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J");
    row("SET ship.city = :bergen REMOVE ship.zip", "UPDATED_OLD",
        R"J({"ship":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}}})J",
        R"J({"ship":{"M":{"city":{"S":"Bergen"},"zip":null}}})J");
    row("SET ship.city = :bergen REMOVE ship.zip", "UPDATED_NEW",
        R"J({"ship":{"M":{"city":{"S":"Bergen"}}}})J",
        R"J({"ship":{"M":{"city":{"S":"Bergen"},"zip":null}}})J");
    // REMOVE of list elements uses the indexes of the item before the update.
    row("REMOVE entries[0]", "UPDATED_NEW",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J",
        R"J({"entries":{"L":[{"M":{"sku":{"S":"B"},"qty":{"N":"1"}}}]}})J");
    row("REMOVE entries[0], entries[1]", "ALL_NEW", "", R"J({"entries":{"L":[]}})J");
    row("REMOVE entries[5], ship.country, nothing", "UPDATED_OLD", "", "{}");
    row("REMOVE version, nothing", "UPDATED_OLD", R"J({"version":{"N":"1"}})J",
        R"J({"version":null})J");
    row("REMOVE version, nothing", "UPDATED_NEW", "", R"J({"version":null})J");
    // ADD to numbers and sets; DELETE from sets.
    row("ADD amount :half", "UPDATED_NEW", R"J({"amount":{"N":"11"}})J",
        R"J({"amount":{"N":"11"}})J");
    row("ADD tally :one", "UPDATED_NEW", R"J({"tally":{"N":"1"}})J", R"J({"tally":{"N":"1"}})J");
    row("ADD tags :vipTags", "UPDATED_NEW", R"J({"tags":{"SS":["gift","new","vip"]}})J",
        R"J({"tags":{"SS":["gift","new","vip"]}})J");
    row("ADD colors :colors, primes :primes", "ALL_NEW", "",
        R"J({"colors":{"SS":["red"]},"primes":{"NS":["2","3"]}})J");
    row("DELETE tags :new", "UPDATED_NEW", R"J({"tags":{"SS":["gift"]}})J",
        R"J({"tags":{"SS":["gift"]}})J");
    row("DELETE tags :allTags", "UPDATED_NEW", "", R"J({"tags":null})J");
    row("DELETE tags :allTags", "UPDATED_OLD", R"J({"tags":{"SS":["gift","new"]}})J",
        R"J({"tags":null})J");
    row("DELETE colors :colors", "ALL_NEW", "", "{}");
    // All four clauses at once.
    row("SET ship.city = :bergen REMOVE ship.zip ADD version :one DELETE tags :new", "UPDATED_NEW",
        R"J({"ship":{"M":{"city":{"S":"Bergen"}}},"version":{"N":"2"},"tags":{"SS":["gift"]}})J",
        R"J({"ship":{"M":{"city":{"S":"Bergen"},"zip":null}},"version":{"N":"2"},"tags":{"SS":["gift"]}})J");
    row("SET amount = :one", "NONE", "", R"J({"amount":{"N":"1"}})J");
}

void ExpressionOperationsTest::updateExpressions() {
    QFETCH(QString, update);
    QFETCH(QString, returnValues);
    QFETCH(QString, attributes);
    QFETCH(QString, patch);
    const Json original = json(kOrderItem);
    Json after = original;
    after.merge_patch(json(patch.toStdString()));

    Json request = {{"TableName", "Orders"},
                    {"Key", json(kExistingKey)},
                    {"UpdateExpression", update.toStdString()},
                    {"ReturnValues", returnValues.toStdString()}};
    addPlaceholders(request);
    auto result = call("UpdateItem", request);
    QVERIFY_OK(result);
    Json expected = Json::object();
    if (returnValues == "ALL_OLD")
        expected["Attributes"] = original;
    else if (returnValues == "ALL_NEW")
        expected["Attributes"] = after;
    else if (!attributes.isEmpty())
        expected["Attributes"] = json(attributes.toStdString());
    QCOMPARE_JSON(canonical(*result), canonical(expected));
    QCOMPARE_JSON(canonical(get(json(kExistingKey))), canonical(after));
    QCOMPARE(itemCount(), int64_t(1));
}

void ExpressionOperationsTest::updateCreatesMissingItem_data() {
    QTest::addColumn<QString>("returnValues");
    QTest::addColumn<QString>("attributes");
    const char* created =
        R"J({"pk":{"S":"none"},"sk":{"N":"9"},"amount":{"N":"1"},"tally":{"N":"1"},"tags":{"SS":["new"]},"notes":{"S":"Oslo"}})J";
    QTest::newRow("ALL_NEW") << "ALL_NEW" << created;
    QTest::newRow("UPDATED_NEW")
        << "UPDATED_NEW"
        << R"J({"amount":{"N":"1"},"tally":{"N":"1"},"tags":{"SS":["new"]},"notes":{"S":"Oslo"}})J";
    QTest::newRow("ALL_OLD") << "ALL_OLD"
                             << "";
    QTest::newRow("UPDATED_OLD") << "UPDATED_OLD"
                                 << "";
}

// UpdateItem on a key with no item creates it from the key; the old values are nothing.
void ExpressionOperationsTest::updateCreatesMissingItem() {
    QFETCH(QString, returnValues);
    QFETCH(QString, attributes);
    Json request = {
        {"TableName", "Orders"},
        {"Key", json(kMissingKey)},
        {"UpdateExpression",
         "SET amount = :one, notes = if_not_exists(notes, :oslo) ADD tally :one, tags :new "
         "REMOVE ship"},
        {"ReturnValues", returnValues.toStdString()}};
    addPlaceholders(request);
    auto result = call("UpdateItem", request);
    QVERIFY_OK(result);
    QCOMPARE_JSON(*result,
                  (attributes.isEmpty() ? Json::object()
                                        : Json{{"Attributes", json(attributes.toStdString())}}));
    QCOMPARE_JSON(
        get(json(kMissingKey)),
        json(
            R"J({"pk":{"S":"none"},"sk":{"N":"9"},"amount":{"N":"1"},"tally":{"N":"1"},"tags":{"SS":["new"]},"notes":{"S":"Oslo"}})J"));
    QCOMPARE(itemCount(), int64_t(2));
}

void ExpressionOperationsTest::updateErrorsLeaveItem_data() {
    QTest::addColumn<QString>("update");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* update, const std::string& expected) {
        QTest::newRow(update) << update << QString::fromStdString(expected);
    };
    auto keyPart = [](const std::string& name) {
        return "One or more parameter values were invalid: Cannot update attribute " + name +
               ". This attribute is part of the key";
    };
    auto keyScalar = [](const std::string& name) {
        return "Key attributes must be scalars; list random access '[]' and map lookup '.' are "
               "not allowed: Key: " +
               name;
    };
    row("SET pk = :c1", keyPart("pk"));
    row("SET amount = :one, #k = :c1", keyPart("pk"));
    row("REMOVE sk", keyPart("sk"));
    row("ADD sk :one", keyPart("sk"));
    row("DELETE pk :new", keyPart("pk"));
    row("SET pk.nested = :c1", keyScalar("pk"));
    row("SET sk[0] = :one", keyScalar("sk"));
    row("REMOVE pk.nested", keyScalar("pk"));
    const std::string invalidPath =
        "The document path provided in the update expression is invalid for update";
    const std::string wrongType = "An operand in the update expression has an incorrect data type";
    row("SET nowhere.x = :one", invalidPath);
    row("SET entries[0].sku.x = :one", invalidPath);
    row("SET ship[0] = :one", invalidPath);
    row("REMOVE nowhere.x", invalidPath);
    row("SET amount = nowhere + :one",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET hits = hits + :one",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET fresh = list_append(fresh, :more)",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET amount = ship + :one", wrongType);
    row("SET entries = list_append(entries, ship)", wrongType);
    row("ADD tags :one", wrongType);
    row("ADD ship :one", wrongType);
    row("ADD amount :new", wrongType);
    row("DELETE tags :primes", wrongType);
    row("DELETE amount :new", wrongType);
    row("SET entries = list_append(entries, :one)",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: list_append, operand type: N");
    row("SET amount = amount + :oslo",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: S");
}

// Every rejected update is a ValidationException that writes nothing.
void ExpressionOperationsTest::updateErrorsLeaveItem() {
    QFETCH(QString, update);
    QFETCH(QString, expected);
    Json request = {{"TableName", "Orders"},
                    {"Key", json(kExistingKey)},
                    {"UpdateExpression", update.toStdString()},
                    {"ReturnValues", "ALL_NEW"}};
    addPlaceholders(request);
    QCOMPARE_VALIDATION(call("UpdateItem", request), expected.toStdString());
    QCOMPARE_JSON(get(json(kExistingKey)), json(kOrderItem));
    QCOMPARE(itemCount(), int64_t(1));
}

void ExpressionOperationsTest::filterCountsAndCapacity_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("keys");  // the items kept, in the unfiltered order
    QTest::newRow("Query amount >= :min")
        << "Query"
        << "amount >= :min" << QStringList{"c1/5", "c1/6", "c1/7", "c1/8", "c1/9", "c1/10"};
    QTest::newRow("Query kind = :even")
        << "Query"
        << "kind = :even" << QStringList{"c1/2", "c1/4", "c1/6", "c1/8", "c1/10"};
    QTest::newRow("Query attribute_not_exists(kind)")
        << "Query"
        << "attribute_not_exists(kind)" << QStringList{"c1/1"};
    QTest::newRow("Query nothing kept") << "Query"
                                        << "amount > :huge" << QStringList{};
    QTest::newRow("Query nested and size")
        << "Query"
        << "ship.city = :oslo OR size(note) > :huge" << QStringList{"c1/1"};
    QTest::newRow("Scan amount >= :min")
        << "Scan"
        << "amount >= :min" << QStringList{"c1/5", "c1/6", "c1/7", "c1/8", "c1/9", "c1/10"};
    QTest::newRow("Scan on the partition key") << "Scan"
                                               << "pk = :c2" << QStringList{"c2/1", "c2/2", "c2/3"};
    QTest::newRow("Scan on the sort key") << "Scan"
                                          << "sk BETWEEN :two AND :three AND kind IN (:odd, :even)"
                                          << QStringList{"c1/2", "c1/3", "c2/2", "c2/3"};
}

// Count counts the items kept, ScannedCount the items read; capacity is charged on every item
// read before the filter, exactly as the unfiltered request is charged. Select COUNT counts
// the same items without returning them.
void ExpressionOperationsTest::filterCountsAndCapacity() {
    QFETCH(QString, operation);
    QFETCH(QString, filter);
    QFETCH(QStringList, keys);
    seedNumbers("c1", 2, 10, 1500);
    seedNumbers("c2", 1, 3, 1500);
    const std::string op = operation.toStdString();
    Json base = {
        {"TableName", "Orders"}, {"ReturnConsumedCapacity", "TOTAL"}, {"ConsistentRead", true}};
    Json filterValues = {{":p", {{"S", "c1"}}},     {":c2", {{"S", "c2"}}},
                         {":min", {{"N", "500"}}},  {":huge", {{"N", "100000"}}},
                         {":three", {{"N", "3"}}},  {":odd", {{"S", "odd"}}},
                         {":even", {{"S", "even"}}}};
    if (op == "Query") base["KeyConditionExpression"] = "pk = :p";

    Json unfilteredRequest = base;
    addPlaceholders(unfilteredRequest, filterValues);
    auto unfiltered = call(op, unfilteredRequest);
    QVERIFY_OK(unfiltered);
    Json filteredRequest = base;
    filteredRequest["FilterExpression"] = filter.toStdString();
    addPlaceholders(filteredRequest, filterValues);
    auto filtered = call(op, filteredRequest);
    QVERIFY_OK(filtered);

    const Json& all = (*unfiltered)["Items"];
    size_t bytes = 0;
    Json kept = Json::array();
    for (const Json& item : all) {
        bytes += sizeOf(item);
        if (keys.contains(QString::fromStdString(keyText(item)))) kept.push_back(item);
    }
    QCOMPARE(kept.size(), size_t(keys.size()));
    // Strongly consistent reads: one unit per 4 KB of everything read.
    const double units = double((bytes + 4095) / 4096);
    const Json capacity = (*unfiltered)["ConsumedCapacity"];
    QCOMPARE(capacity["TableName"], Json("Orders"));
    QCOMPARE(capacity["CapacityUnits"].get<double>(), units);
    QCOMPARE_JSON(*filtered, (Json{{"Items", kept},
                                   {"Count", kept.size()},
                                   {"ScannedCount", all.size()},
                                   {"ConsumedCapacity", capacity}}));

    filteredRequest["Select"] = "COUNT";
    auto counted = call(op, filteredRequest);
    QVERIFY_OK(counted);
    QCOMPARE_JSON(*counted, (Json{{"Count", kept.size()},
                                  {"ScannedCount", all.size()},
                                  {"ConsumedCapacity", capacity}}));
}

// Limit bounds the items read, not the items kept: every page but the last reads exactly
// Limit items and ends with LastEvaluatedKey, even when the filter kept none of them.
void ExpressionOperationsTest::queryLimitAppliesBeforeFilter() {
    seedNumbers("c1", 2, 10, 0);
    const Json request = {
        {"TableName", "Orders"},
        {"KeyConditionExpression", "pk = :p"},
        {"FilterExpression", "kind = :odd"},
        {"ExpressionAttributeValues", {{":p", {{"S", "c1"}}}, {":odd", {{"S", "odd"}}}}},
        {"ProjectionExpression", "sk"},
        {"Limit", 3}};
    auto sk = [](int n) { return Json{{"sk", {{"N", std::to_string(n)}}}}; };
    auto lastKey = [](int n) {
        return Json{{"pk", {{"S", "c1"}}}, {"sk", {{"N", std::to_string(n)}}}};
    };
    const std::vector<Json> expected = {
        Json{{"Items", Json::array({sk(3)})},
             {"Count", 1},
             {"ScannedCount", 3},
             {"LastEvaluatedKey", lastKey(3)}},
        Json{{"Items", Json::array({sk(5)})},
             {"Count", 1},
             {"ScannedCount", 3},
             {"LastEvaluatedKey", lastKey(6)}},
        Json{{"Items", Json::array({sk(7), sk(9)})},
             {"Count", 2},
             {"ScannedCount", 3},
             {"LastEvaluatedKey", lastKey(9)}},
        Json{{"Items", Json::array()}, {"Count", 0}, {"ScannedCount", 1}}};
    const auto got = pages("Query", request);
    QCOMPARE(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i) QCOMPARE_JSON(got[i], expected[i]);

    // A first page whose items the filter all drops.
    Json none = request;
    none["FilterExpression"] = "amount > :min";
    none["ExpressionAttributeValues"] = {{":p", {{"S", "c1"}}}, {":min", {{"N", "500"}}}};
    auto first = call("Query", none);
    QVERIFY_OK(first);
    QCOMPARE_JSON(*first, (Json{{"Items", Json::array()},
                                {"Count", 0},
                                {"ScannedCount", 3},
                                {"LastEvaluatedKey", lastKey(3)}}));
}

void ExpressionOperationsTest::scanLimitAppliesBeforeFilter_data() {
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("kept");
    QTest::newRow("Limit 3, odd") << 3 << "kind = :odd" << 6;
    QTest::newRow("Limit 4, none kept") << 4 << "amount > :huge" << 0;
    QTest::newRow("Limit 1, all kept") << 1 << "attribute_exists(pk)" << 13;
    QTest::newRow("Limit 5, missing attribute") << 5 << "attribute_not_exists(kind)" << 1;
}

void ExpressionOperationsTest::scanLimitAppliesBeforeFilter() {
    QFETCH(int, limit);
    QFETCH(QString, filter);
    QFETCH(int, kept);
    seedNumbers("c1", 2, 10, 0);
    seedNumbers("c2", 1, 3, 0);
    const int total = 13;
    Json request = {
        {"TableName", "Orders"}, {"FilterExpression", filter.toStdString()}, {"Limit", limit}};
    addPlaceholders(request, {{":odd", {{"S", "odd"}}}, {":huge", {{"N", "100000"}}}});
    const auto got = pages("Scan", request);
    // Pages of Limit items until all 13 are read; an exact multiple ends with an empty page.
    QCOMPARE(got.size(), size_t(total / limit + 1));
    int scanned = 0, counted = 0;
    std::set<std::string> seen;
    for (size_t i = 0; i < got.size(); ++i) {
        const Json& page = got[i];
        const bool last = i + 1 == got.size();
        QCOMPARE(page["ScannedCount"].get<int>(), last ? total % limit : limit);
        QCOMPARE(page.contains("LastEvaluatedKey"), !last);
        QCOMPARE(page["Count"].get<size_t>(), page["Items"].size());
        QVERIFY(page["Count"].get<int>() <= page["ScannedCount"].get<int>());
        scanned += page["ScannedCount"].get<int>();
        counted += page["Count"].get<int>();
        for (const Json& item : page["Items"]) QVERIFY(seen.insert(keyText(item)).second);
        if (!last) QCOMPARE(page["LastEvaluatedKey"].size(), size_t(2));
    }
    QCOMPARE(scanned, total);
    QCOMPARE(counted, kept);
}

void ExpressionOperationsTest::filterOnKeyAttributes_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("scanCount");  // a Scan may filter on keys: the items it keeps
    QTest::newRow("sort key") << "sk > :one"
                              << "sk" << 0;
    QTest::newRow("partition key") << "pk = :c1"
                                   << "pk" << 1;
    QTest::newRow("through a name") << "#k = :c1"
                                    << "pk" << 1;
    QTest::newRow("inside a function") << "amount > :one AND begins_with(pk, :c1)"
                                       << "pk" << 1;
    QTest::newRow("attribute_exists") << "attribute_exists(sk)"
                                      << "sk" << 1;
    QTest::newRow("size") << "size(pk) > :one"
                          << "pk" << 1;
    QTest::newRow("under NOT and OR") << "NOT (amount = :one OR sk IN (:one))"
                                      << "sk" << 0;
    QTest::newRow("right-hand operand") << "amount > sk"
                                        << "sk" << 1;
}

// A Query's filter may not read the key attributes; a Scan's may.
void ExpressionOperationsTest::filterOnKeyAttributes() {
    QFETCH(QString, filter);
    QFETCH(QString, key);
    QFETCH(int, scanCount);
    Json query = {{"TableName", "Orders"},
                  {"KeyConditionExpression", "pk = :p"},
                  {"FilterExpression", filter.toStdString()}};
    addPlaceholders(query, {{":p", {{"S", "c1"}}}});
    QCOMPARE_VALIDATION(call("Query", query),
                        "Filter Expression can only contain non-primary key attributes: Primary "
                        "key attribute: " +
                            key.toStdString());

    Json scan = {
        {"TableName", "Orders"}, {"FilterExpression", filter.toStdString()}, {"Select", "COUNT"}};
    addPlaceholders(scan);
    auto scanned = call("Scan", scan);
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(*scanned, (Json{{"Count", scanCount}, {"ScannedCount", 1}}));
}

void ExpressionOperationsTest::nestedProjection_data() {
    QTest::addColumn<QString>("projection");
    QTest::addColumn<QString>("expected");
    QTest::newRow("map member and list element member")
        << "ship.city, entries[1].sku"
        << R"J({"ship":{"M":{"city":{"S":"Oslo"}}},"entries":{"L":[{"M":{"sku":{"S":"B"}}}]}})J";
    QTest::newRow("through names")
        << "#e[1].sku, #s.#c"
        << R"J({"ship":{"M":{"city":{"S":"Oslo"}}},"entries":{"L":[{"M":{"sku":{"S":"B"}}}]}})J";
    QTest::newRow("list elements keep their order")
        << "entries[1].qty, entries[0].sku"
        << R"J({"entries":{"L":[{"M":{"sku":{"S":"A"}}},{"M":{"qty":{"N":"1"}}}]}})J";
    QTest::newRow("two members of one element")
        << "entries[0].sku, entries[0].qty"
        << R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}}]}})J";
    QTest::newRow("whole element")
        << "entries[0]"
        << R"J({"entries":{"L":[{"M":{"sku":{"S":"A"},"qty":{"N":"2"}}}]}})J";
    QTest::newRow("key and whole map")
        << "pk, ship"
        << R"J({"pk":{"S":"c1"},"ship":{"M":{"city":{"S":"Oslo"},"zip":{"S":"0150"}}}})J";
    QTest::newRow("set and number") << "tags, version"
                                    << R"J({"tags":{"SS":["new","gift"]},"version":{"N":"1"}})J";
    QTest::newRow("paths that match nothing") << "ship.country, entries[9], ship.city.x, tags[0]"
                                              << "{}";
}

// The same projection on GetItem, Query and Scan gives the same nested shape.
void ExpressionOperationsTest::nestedProjection() {
    QFETCH(QString, projection);
    QFETCH(QString, expected);
    const Json item = json(expected.toStdString());
    Json getRequest = {{"TableName", "Orders"},
                       {"Key", json(kExistingKey)},
                       {"ProjectionExpression", projection.toStdString()}};
    addPlaceholders(getRequest);
    auto got = call("GetItem", getRequest);
    QVERIFY_OK(got);
    QCOMPARE_JSON(*got, (Json{{"Item", item}}));

    Json query = {{"TableName", "Orders"},
                  {"KeyConditionExpression", "pk = :c1"},
                  {"ProjectionExpression", projection.toStdString()}};
    addPlaceholders(query);
    auto queried = call("Query", query);
    QVERIFY_OK(queried);
    QCOMPARE_JSON(*queried,
                  (Json{{"Items", Json::array({item})}, {"Count", 1}, {"ScannedCount", 1}}));

    Json scan = {{"TableName", "Orders"}, {"ProjectionExpression", projection.toStdString()}};
    addPlaceholders(scan);
    auto scanned = call("Scan", scan);
    QVERIFY_OK(scanned);
    QCOMPARE_JSON(*scanned,
                  (Json{{"Items", Json::array({item})}, {"Count", 1}, {"ScannedCount", 1}}));
}

void ExpressionOperationsTest::placeholderRules_data() {
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("request");   // TableName is added
    QTest::addColumn<QString>("expected");  // empty: success
    auto row = [](const char* name, const char* operation, const std::string& request,
                  const std::string& expected) {
        QTest::newRow(name) << operation << QString::fromStdString(request)
                            << QString::fromStdString(expected);
    };
    // Used anywhere in the request counts as used.
    row("value used only by the filter", "Query",
        R"J({"KeyConditionExpression":"pk = :p","FilterExpression":"amount > :t","ExpressionAttributeValues":{":p":{"S":"c1"},":t":{"N":"1"}}})J",
        "");
    row("name used only by the filter", "Query",
        R"J({"KeyConditionExpression":"pk = :p","FilterExpression":"#a > :t","ExpressionAttributeNames":{"#a":"amount"},"ExpressionAttributeValues":{":p":{"S":"c1"},":t":{"N":"1"}}})J",
        "");
    row("name used only by the projection", "Scan",
        R"J({"FilterExpression":"amount > :t","ProjectionExpression":"#s.city","ExpressionAttributeNames":{"#s":"ship"},"ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "");
    row("names in the update, values in the condition", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"REMOVE #n","ConditionExpression":"version = :v","ExpressionAttributeNames":{"#n":"notes"},"ExpressionAttributeValues":{":v":{"N":"1"}}})J",
        "");
    row("one name shared by update and condition", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"SET #v = #v + :v","ConditionExpression":"#v = :v","ExpressionAttributeNames":{"#v":"version"},"ExpressionAttributeValues":{":v":{"N":"1"}}})J",
        "");
    // Unused.
    const std::string unusedNames =
        "Value provided in ExpressionAttributeNames unused in expressions: keys: ";
    const std::string unusedValues =
        "Value provided in ExpressionAttributeValues unused in expressions: keys: ";
    row("unused name in a Scan", "Scan",
        R"J({"FilterExpression":"amount > :t","ExpressionAttributeNames":{"#x":"a"},"ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        unusedNames + "{#x}");
    row("unused value in a Scan", "Scan",
        R"J({"FilterExpression":"amount > :t","ExpressionAttributeValues":{":t":{"N":"1"},":x":{"N":"1"}}})J",
        unusedValues + "{:x}");
    row("unused name in a Query", "Query",
        R"J({"KeyConditionExpression":"pk = :p","FilterExpression":"amount > :t","ProjectionExpression":"#s","ExpressionAttributeNames":{"#s":"ship","#x":"a"},"ExpressionAttributeValues":{":p":{"S":"c1"},":t":{"N":"1"}}})J",
        unusedNames + "{#x}");
    row("unused name in an UpdateItem", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"SET a = :v","ConditionExpression":"attribute_exists(#k)","ExpressionAttributeNames":{"#k":"pk","#x":"a"},"ExpressionAttributeValues":{":v":{"N":"1"}}})J",
        unusedNames + "{#x}");
    row("unused value in a PutItem", "PutItem",
        R"J({"Item":{"pk":{"S":"c9"},"sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)","ExpressionAttributeValues":{":x":{"N":"1"}}})J",
        unusedValues + "{:x}");
    row("unused value in a DeleteItem", "DeleteItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ConditionExpression":"version = :v","ExpressionAttributeValues":{":v":{"N":"1"},":x":{"N":"1"}}})J",
        unusedValues + "{:x}");
    row("unused name in a GetItem", "GetItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ProjectionExpression":"ship","ExpressionAttributeNames":{"#x":"a"}})J",
        unusedNames + "{#x}");
    // Undefined.
    row("undefined value in a condition", "PutItem",
        R"J({"Item":{"pk":{"S":"z"},"sk":{"N":"1"}},"ConditionExpression":"a = :nope","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("undefined value in a filter", "Scan", R"J({"FilterExpression":"a = :nope"})J",
        "Invalid FilterExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("undefined value in an update", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"SET a = :nope"})J",
        "Invalid UpdateExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("undefined value in a key condition", "Query",
        R"J({"KeyConditionExpression":"pk = :nope"})J",
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("undefined name in a projection", "GetItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ProjectionExpression":"#nope"})J",
        "Invalid ProjectionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #nope");
    row("undefined name in a filter", "Scan",
        R"J({"FilterExpression":"ship.#nope = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid FilterExpression: An expression attribute name used in the document path is not "
        "defined; attribute name: #nope");
    row("undefined name in an update", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"REMOVE #nope"})J",
        "Invalid UpdateExpression: An expression attribute name used in the document path is not "
        "defined; attribute name: #nope");
    // Reserved words must go through a name placeholder, wherever they appear.
    const std::string reserved = "Attribute name is a reserved keyword; reserved keyword: ";
    row("reserved word in a filter", "Scan",
        R"J({"FilterExpression":"status = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid FilterExpression: " + reserved + "status");
    row("reserved word as written", "Scan",
        R"J({"FilterExpression":"STATUS = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid FilterExpression: " + reserved + "STATUS");
    row("reserved word in a nested path", "Scan",
        R"J({"FilterExpression":"ship.data = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid FilterExpression: " + reserved + "data");
    row("reserved word in a condition", "DeleteItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(timestamp)"})J",
        "Invalid ConditionExpression: " + reserved + "timestamp");
    row("reserved word in an update", "UpdateItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"UpdateExpression":"SET name = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid UpdateExpression: " + reserved + "name");
    row("reserved word in a projection", "GetItem",
        R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ProjectionExpression":"ship, year"})J",
        "Invalid ProjectionExpression: " + reserved + "year");
    row("reserved word as an attribute named size", "Scan",
        R"J({"FilterExpression":"size = :t","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "Invalid FilterExpression: " + reserved + "size");
    row("reserved word escaped", "Scan",
        R"J({"FilterExpression":"#s = :t OR ship.#d = :t","ExpressionAttributeNames":{"#s":"status","#d":"date"},"ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "");
    // Placeholder maps without an expression that takes them.
    row("values with only a projection", "Scan",
        R"J({"ProjectionExpression":"ship","ExpressionAttributeValues":{":t":{"N":"1"}}})J",
        "ExpressionAttributeValues can only be specified when using expressions: "
        "FilterExpression is null");
    row("names without any expression", "PutItem",
        R"J({"Item":{"pk":{"S":"c9"},"sk":{"N":"1"}},"ExpressionAttributeNames":{"#x":"a"}})J",
        "ExpressionAttributeNames can only be specified when using expressions");
    // The 4 KB limit on each expression, named by its parameter.
    struct Sized {
        const char* name;
        const char* operation;
        const char* member;
        const char* kind;
        const char* base;
        const char* rest;  // the other members of the request
    };
    const Sized sized[] = {
        {"filter", "Scan", "FilterExpression", "FilterExpression", "amount > :t",
         R"J({"ExpressionAttributeValues":{":t":{"N":"1"}}})J"},
        {"condition", "PutItem", "ConditionExpression", "ConditionExpression",
         "attribute_not_exists(pk)", R"J({"Item":{"pk":{"S":"c9"},"sk":{"N":"1"}}})J"},
        {"update", "UpdateItem", "UpdateExpression", "UpdateExpression", "SET amount = :t",
         R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}},"ExpressionAttributeValues":{":t":{"N":"1"}}})J"},
        {"projection", "GetItem", "ProjectionExpression", "ProjectionExpression", "ship",
         R"J({"Key":{"pk":{"S":"c1"},"sk":{"N":"1"}}})J"},
        {"key condition", "Query", "KeyConditionExpression", "KeyConditionExpression", "pk = :p",
         R"J({"ExpressionAttributeValues":{":p":{"S":"c1"}}})J"},
    };
    for (const Sized& s : sized) {
        for (size_t size : {size_t(4096), size_t(4097), size_t(10000)}) {
            Json request = json(s.rest);
            std::string text = s.base;
            text += std::string(size - text.size(), ' ');
            request[s.member] = text;
            const std::string name = std::string(s.name) + " of " + std::to_string(size) + " bytes";
            row(name.c_str(), s.operation, request.dump(),
                size <= 4096 ? std::string()
                             : "Invalid " + std::string(s.kind) +
                                   ": Expression size has exceeded the maximum allowed size; "
                                   "expression size: " +
                                   std::to_string(size));
        }
    }
}

void ExpressionOperationsTest::placeholderRules() {
    QFETCH(QString, operation);
    QFETCH(QString, request);
    QFETCH(QString, expected);
    Json body = json(request.toStdString());
    body["TableName"] = "Orders";
    auto result = call(operation.toStdString(), body);
    if (expected.isEmpty()) {
        QVERIFY_OK(result);
    } else {
        QCOMPARE_VALIDATION(result, expected.toStdString());
        QCOMPARE_JSON(get(json(kExistingKey)), json(kOrderItem));
        QCOMPARE(itemCount(), int64_t(1));
    }
}

QTEST_GUILESS_MAIN(ExpressionOperationsTest)
#include "test_expression_operations.moc"
