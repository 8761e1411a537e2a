#include "classroom/walkthrough_facts.h"

#include <cmath>

#include "api/dispatch.h"
#include "api/item_request.h"
#include "api/operation_support.h"
#include "expressions/expression_context.h"
#include "expressions/key_condition.h"
#include "expressions/legacy_conditions.h"
#include "expressions/legacy_updates.h"
#include "expressions/update_expression.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

std::string sortConditionText(const std::string& name, const SortKeyCondition& c) {
    using Op = SortKeyCondition::Op;
    const std::string v = keyValueText(c.value);
    switch (c.op) {
        case Op::Equal:
            return name + " = " + v;
        case Op::Less:
            return name + " < " + v;
        case Op::LessOrEqual:
            return name + " <= " + v;
        case Op::Greater:
            return name + " > " + v;
        case Op::GreaterOrEqual:
            return name + " >= " + v;
        case Op::Between:
            return name + " BETWEEN " + v + " AND " + keyValueText(c.upper);
        case Op::BeginsWith:
            return "begins_with(" + name + ", " + v + ")";
    }
    return {};
}

Status describeInto(Engine& engine, const std::string& tableName, WalkthroughFacts& facts) {
    auto described = engine.describeTable(tableName);
    if (!described) return described.error();
    facts.table = described->first;
    facts.stats = described->second;
    return {};
}

void keyInto(const TableDefinition& table, const Item& item, WalkthroughFacts& facts) {
    facts.partitionKey = item.at(table.partitionKey.name);
    if (table.sortKey) facts.sortKey = item.at(table.sortKey->name);
}

Status gatherGetItem(Engine& engine, const Json& request, WalkthroughFacts& facts) {
    // Through dispatch(): any mistake in the request gets DynamoDB's own error.
    auto response = dispatch(engine, "GetItem", request);
    if (!response) return response.error();
    const std::string tableName = request["TableName"].get<std::string>();
    SHARDSCAPE_TRY(describeInto(engine, tableName, facts));
    auto key = itemFromJson(request["Key"]);
    if (!key) return key.error();
    auto read = engine.getItem(tableName, *key);
    if (!read) return read.error();
    keyInto(facts.table, *key, facts);
    facts.consistentRead = request.value("ConsistentRead", false);
    if (read->item) facts.itemSizes.push_back(read->size);
    return {};
}

Status gatherQuery(Engine& engine, const Json& request, WalkthroughFacts& facts) {
    if (request.contains("IndexName"))
        return validationError(
            "The step-through follows a table's own partitions: leave out IndexName");
    auto response = dispatch(engine, "Query", request);
    if (!response) return response.error();
    const std::string tableName = request["TableName"].get<std::string>();
    SHARDSCAPE_TRY(describeInto(engine, tableName, facts));
    const Json* names = request.contains("ExpressionAttributeNames")
                            ? &request["ExpressionAttributeNames"]
                            : nullptr;
    const Json* values = request.contains("ExpressionAttributeValues")
                             ? &request["ExpressionAttributeValues"]
                             : nullptr;
    auto context = ExpressionContext::fromRequest(names, values, true);
    if (!context) return context.error();
    // The legacy KeyConditions, when the request has them instead of an expression.
    auto keyCondition = [&]() -> Result<KeyCondition> {
        if (request.contains("KeyConditionExpression") || !request.contains("KeyConditions"))
            return parseKeyCondition(request.value("KeyConditionExpression", std::string()),
                                     facts.table, *context);
        auto conditions = parseConditionMap(request["KeyConditions"]);
        if (!conditions) return conditions.error();
        return legacyKeyCondition(*conditions, facts.table);
    };
    auto condition = keyCondition();
    if (!condition) return condition.error();
    // The same read again without its filter: every item the Query evaluates is charged.
    QuerySpec spec;
    spec.tableName = tableName;
    spec.partitionKey = condition->partitionKey;
    spec.sortKeyCondition = condition->sortKeyCondition;
    spec.scanForward = request.value("ScanIndexForward", true);
    if (request.contains("Limit") && request["Limit"].is_number_integer())
        spec.limit = request["Limit"].get<int64_t>();
    if (request.contains("ExclusiveStartKey")) {
        auto start = itemFromJson(request["ExclusiveStartKey"]);
        if (!start) return start.error();
        spec.exclusiveStartKey = std::move(start).value();
    }
    auto page = engine.query(spec);
    if (!page) return page.error();
    facts.partitionKey = condition->partitionKey;
    if (condition->sortKeyCondition && facts.table.sortKey)
        facts.sortKeyCondition =
            sortConditionText(facts.table.sortKey->name, *condition->sortKeyCondition);
    facts.consistentRead = request.value("ConsistentRead", false);
    for (const auto& stored : page->items) facts.itemSizes.push_back(stored.size());
    return {};
}

Status gatherWrite(Engine& engine, const std::string& operation, const Json& request,
                   WalkthroughFacts& facts) {
    // Read and check the request as the operation itself does, then work out the write
    // from the item it would replace; nothing is written.
    const bool put = operation == "PutItem";
    RequestReader reader(request);
    auto r = readItemRequest(reader, request, put ? "Item" : "Key", put ? "item" : "key");
    if (!r) return r.error();
    std::optional<std::string> updateExpression;
    if (operation == "UpdateItem" && request.contains("UpdateExpression")) {
        if (!request["UpdateExpression"].is_string())
            return serializationError("NUMBER_VALUE cannot be converted to String");
        updateExpression = request["UpdateExpression"].get<std::string>();
    }
    auto member = readItemMember(request, put ? "Item" : "Key");
    if (!member) return member.error();
    const Item& given = **member;
    auto table = engine.table(r->tableName);
    if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    if (put) {
        SHARDSCAPE_TRY(Engine::validateItemKeys(*table, given));
        SHARDSCAPE_TRY(Engine::validateIndexKeys(*table, given));
        if (auto size = checkedItemSize(given); !size) return size.error();
    }
    const Item key = put ? Engine::keyOf(*table, given) : given;
    const bool anyExpression = updateExpression || r->conditionExpression;
    auto context = ExpressionContext::fromRequest(r->names, r->values, anyExpression);
    if (!context) return context.error();
    UpdatePlan plan;
    if (updateExpression) {
        auto parsed = parseUpdateExpression(*updateExpression, *table, *context);
        if (!parsed) return parsed.error();
        plan = std::move(parsed).value();
    } else if (operation == "UpdateItem" && request.contains("AttributeUpdates")) {
        auto updates = parseAttributeUpdates(request["AttributeUpdates"]);
        if (!updates) return updates.error();
        auto legacyPlan = legacyUpdatePlan(*updates, *table);
        if (!legacyPlan) return legacyPlan.error();
        plan = std::move(legacyPlan).value();
    }
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    SHARDSCAPE_TRY(context->checkAllUsed());

    auto read = engine.getItem(r->tableName, key);
    if (!read) return read.error();
    SHARDSCAPE_TRY(describeInto(engine, r->tableName, facts));
    keyInto(facts.table, key, facts);
    if (read->item) facts.oldItemBytes = read->size;
    if (put) {
        facts.newItemBytes = itemSize(given);
    } else if (operation == "UpdateItem") {
        auto next = applyUpdate(plan, key, read->item ? &*read->item : nullptr);
        if (!next)
            return request.contains("AttributeUpdates") ? legacyUpdateError(next.error())
                                                        : next.error();
        auto newSize = checkedItemSize(*next);
        if (!newSize) return newSize.error();
        facts.newItemBytes = *newSize;
    }
    return {};
}

}  // namespace

std::vector<std::string> walkthroughOperations() {
    return {"GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem"};
}

Result<WalkthroughFacts> gatherWalkthroughFacts(Engine& engine, const WalkthroughRequest& request) {
    const auto operations = walkthroughOperations();
    if (std::find(operations.begin(), operations.end(), request.operation) == operations.end())
        return validationError(
            "The step-through follows GetItem, Query, PutItem, UpdateItem and "
            "DeleteItem, not " +
            request.operation);
    if (!std::isfinite(request.requestsPerSecond) || request.requestsPerSecond <= 0 ||
        request.requestsPerSecond > 1e9)
        return validationError(
            "The request rate must be more than 0 and at most 1,000,000,000 "
            "requests per second");
    if (request.transactional && request.operation == "Query")
        return validationError(
            "A Query cannot be part of a transaction: TransactGetItems reads "
            "single items (GetItem)");
    if (!request.request.is_object())
        return serializationError("The request must be a JSON object");
    WalkthroughFacts facts;
    facts.operation = request.operation;
    facts.transactional = request.transactional;
    facts.requestsPerSecond = request.requestsPerSecond;
    if (request.operation == "GetItem") {
        SHARDSCAPE_TRY(gatherGetItem(engine, request.request, facts));
    } else if (request.operation == "Query") {
        SHARDSCAPE_TRY(gatherQuery(engine, request.request, facts));
    } else {
        SHARDSCAPE_TRY(gatherWrite(engine, request.operation, request.request, facts));
    }
    return facts;
}

Result<Walkthrough> walkThroughRequest(Engine& engine, const WalkthroughRequest& request) {
    auto facts = gatherWalkthroughFacts(engine, request);
    if (!facts) return facts.error();
    return walkThrough(*facts);
}

Json exampleWalkthroughRequest(const TableDefinition& table, const std::string& operation,
                               const Item& sample, bool consistentRead) {
    Json request = {{"TableName", table.name}};
    Item item = sample;
    for (const KeyAttribute* k : {&table.partitionKey, table.sortKey ? &*table.sortKey : nullptr}) {
        if (!k || item.count(k->name)) continue;
        item[k->name] = k->type == ValueType::N   ? AttributeValue::number("1")
                        : k->type == ValueType::B ? AttributeValue::binary("key")
                                                  : AttributeValue::string("key-1");
    }
    const Item key = Engine::keyOf(table, item);
    if (operation == "PutItem") {
        request["Item"] = itemToJson(item);
    } else if (operation == "Query") {
        request["KeyConditionExpression"] = "#pk = :pk";
        request["ExpressionAttributeNames"] = {{"#pk", table.partitionKey.name}};
        request["ExpressionAttributeValues"] = {
            {":pk", attributeValueToJson(key.at(table.partitionKey.name))}};
    } else {
        request["Key"] = itemToJson(key);
        if (operation == "UpdateItem") {
            // A counter bump, the classic hot-key write.
            request["UpdateExpression"] = "ADD #n :one";
            request["ExpressionAttributeNames"] = {{"#n", "views"}};
            request["ExpressionAttributeValues"] = {{":one", {{"N", "1"}}}};
        }
    }
    if (operation == "GetItem" || operation == "Query") request["ConsistentRead"] = consistentRead;
    return request;
}

Result<std::vector<Item>> walkthroughExamples(const Engine& engine, const std::string& tableName,
                                              int limit) {
    ScanSpec spec;
    spec.tableName = tableName;
    spec.limit = limit;
    auto page = engine.scan(spec);
    if (!page) return page.error();
    std::vector<Item> items;
    for (const auto& stored : page->items) {
        auto item = stored.decode();
        if (!item) return item.error();
        items.push_back(std::move(item).value());
    }
    return items;
}

}  // namespace shardscape
