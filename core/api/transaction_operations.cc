// TransactWriteItems and TransactGetItems.
#include <set>

#include "api/item_request.h"
#include "api/operations.h"
#include "api/wire_error.h"
#include "expressions/expression_evaluator.h"
#include "expressions/update_expression.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

constexpr size_t kMaxTransactionItems = 100;
// AWS: "the aggregate size of the items in the transaction cannot exceed 4 MB".
constexpr size_t kMaxTransactionBytes = 4u << 20;

const Json* readTransactItems(RequestReader& reader) {
    const Json* items = reader.array("TransactItems");
    reader.notNull(items != nullptr, "transactItems");
    if (items && items->empty())
        reader.constraint("'[]'", "transactItems",
                          "Member must have length greater than or equal to 1");
    if (items && items->size() > kMaxTransactionItems)
        reader.constraint(RequestReader::quoted(items->dump()), "transactItems",
                          "Member must have length less than or equal to 100");
    return items;
}

// The one action member of a TransactItems element, e.g. {"Put": {...}}.
Result<std::pair<std::string, const Json*>> actionOf(const Json& element,
                                                     std::initializer_list<const char*> kinds) {
    std::pair<std::string, const Json*> found{"", nullptr};
    if (element.is_object())
        for (const char* kind : kinds) {
            auto it = element.find(kind);
            if (it == element.end() || it->is_null()) continue;
            if (found.second || !it->is_object())
                return validationError(
                    "TransactItems can only contain one of Check, Put, Update or Delete");
            found = {kind, &*it};
        }
    if (!found.second)
        return validationError(
            "TransactItems can only contain one of Check, Put, Update or Delete");
    return found;
}

struct PreparedAction {
    TransactionWrite write;
    Item keySource;
    size_t requestBytes = 0;
};

// Compiles one action into the engine's form; the mutation owns what it evaluates.
Result<PreparedAction> prepareAction(Engine& engine, const std::string& kind, const Json& body) {
    RequestReader reader(body);
    const bool usesItem = kind == "Put";
    auto updateExpression = kind == "Update" ? reader.string("UpdateExpression") : std::nullopt;
    auto r = readItemRequest(reader, body, usesItem ? "Item" : "Key", usesItem ? "item" : "key");
    if (!r) return r.error();
    auto member = readItemMember(body, usesItem ? "Item" : "Key");
    if (!member) return member.error();
    Item item = std::move(**member);
    if (kind == "ConditionCheck" && !r->conditionExpression)
        return validationError(
            "1 validation error detected: Value null at 'conditionExpression' failed to satisfy "
            "constraint: Member must not be null");
    const bool anyExpression = r->conditionExpression || updateExpression;
    auto context = ExpressionContext::fromRequest(
        r->names, r->values, anyExpression, anyExpression ? "" : "ConditionExpression is null");
    if (!context) return context.error();
    auto table = engine.table(r->tableName);
    if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    auto plan = std::make_shared<UpdatePlan>();
    if (updateExpression) {
        auto parsed = parseUpdateExpression(*updateExpression, *table, *context);
        if (!parsed) return parsed.error();
        *plan = std::move(parsed).value();
    }
    auto condition = compileCondition(*r, *context);
    if (!condition) return condition.error();
    SHARDSCAPE_TRY(context->checkAllUsed());
    auto check = std::make_shared<WriteCondition>(std::move(condition).value());

    PreparedAction out;
    out.write.tableName = r->tableName;
    // A Put's item may not pass the item size limit; other actions carry only a key.
    auto requestBytes = usesItem ? checkedItemSize(item) : Result<size_t>(itemSize(item));
    if (!requestBytes) return requestBytes.error();
    out.requestBytes = *requestBytes;
    if (usesItem) {
        SHARDSCAPE_TRY(Engine::validateItemKeys(*table, item));
        out.write.key = Engine::keyOf(*table, item);
        auto shared = std::make_shared<Item>(item);
        out.write.mutation = [check,
                              shared](const StoredItem* current) -> Result<std::optional<Item>> {
            SHARDSCAPE_TRY(check->check(current));
            return std::optional<Item>(*shared);
        };
    } else {
        SHARDSCAPE_TRY(Engine::validateKey(*table, item));
        out.write.key = item;
        if (kind == "Update") {
            out.write.mutation = [check, plan, key = item](
                                     const StoredItem* current) -> Result<std::optional<Item>> {
                SHARDSCAPE_TRY(check->check(current));
                auto next = applyUpdate(*plan, key, current);
                if (!next) return next.error();
                return std::optional<Item>(std::move(next).value());
            };
        } else {
            out.write.conditionCheckOnly = kind == "ConditionCheck";
            out.write.mutation = [check](const StoredItem* current) -> Result<std::optional<Item>> {
                SHARDSCAPE_TRY(check->check(current));
                return std::optional<Item>();
            };
        }
    }
    out.keySource = usesItem ? item : out.write.key;
    return out;
}

// TransactionCanceledException with one CancellationReason per action, in order.
Error cancelled(const std::vector<Status>& reasons) {
    Json list = Json::array();
    std::string codes;
    for (const auto& reason : reasons) {
        Json entry;
        if (reason) {
            entry = {{"Code", "None"}};
        } else {
            entry = {{"Code", itemActionErrorCode(reason.error(), "InternalError")},
                     {"Message", reason.error().message}};
            // A failed condition with ReturnValuesOnConditionCheckFailure=ALL_OLD carries the
            // item in its error.
            Json extra = Json::parse(
                reason.error().extraJson.empty() ? "{}" : reason.error().extraJson, nullptr, false);
            if (extra.is_object() && extra.contains("Item")) entry["Item"] = extra["Item"];
        }
        if (!codes.empty()) codes += ", ";
        codes += entry["Code"].get<std::string>();
        list.push_back(std::move(entry));
    }
    return Error{ErrorType::TransactionCanceled,
                 "Transaction cancelled, please refer cancellation reasons for specific reasons "
                 "[" +
                     codes + "]",
                 Json{{"CancellationReasons", std::move(list)}}.dump()};
}

// A TransactWriteItems replayed with its ClientRequestToken changes nothing, but reads. AWS:
// "the initial TransactWriteItems call returns the amount of write capacity units consumed in
// making the changes. Subsequent TransactWriteItems calls with the same client token return
// the number of read capacity units consumed in reading the item" (API reference,
// TransactWriteItems, ClientRequestToken). Each item the transaction names is read once, as a
// strongly consistent read of its current size (the kind of read is our assumption); the
// reads are charged and reported in place of the first call's writes.
Result<Json> replayedTransaction(Engine& engine, const Json& items, ReturnConsumedCapacity capacity,
                                 Json response) {
    std::map<std::string, CapacityUse> uses;
    for (const auto& element : items) {
        auto action = actionOf(element, {"ConditionCheck", "Put", "Delete", "Update"});
        if (!action) return action.error();
        auto compiled = prepareAction(engine, action->first, *action->second);
        if (!compiled) return compiled.error();
        const std::string& tableName = compiled->write.tableName;
        auto read = engine.getItem(tableName, compiled->write.key);
        if (!read) return read.error();
        const double units = readCapacityUnits(read->size, true);
        SHARDSCAPE_TRY(chargeItemRead(engine, tableName, compiled->write.key, units));
        uses[tableName].tableName = tableName;
        uses[tableName].table.read += units;
    }
    response.erase("ConsumedCapacity");
    if (capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] =
            consumedCapacityList(capacity, uses, CapacityKinds::ReadAndWrite);
    return response;
}

}  // namespace

Result<Json> transactWriteItemsOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* items = readTransactItems(reader);
    auto capacity = readReturnConsumedCapacity(reader);
    auto metrics = reader.string("ReturnItemCollectionMetrics");
    auto token = reader.string("ClientRequestToken");
    reader.oneOf(metrics, "returnItemCollectionMetrics", {"SIZE", "NONE"});
    reader.lengthBetween(token, "clientRequestToken", 1, 36);
    SHARDSCAPE_TRY(reader.finish());

    Json fingerprintSource = request;
    fingerprintSource.erase("ClientRequestToken");
    const std::string fingerprint = fingerprintSource.dump();
    if (token) {
        if (auto earlier = engine.rememberedTransaction(*token)) {
            if (earlier->fingerprint != fingerprint)
                return Error{ErrorType::IdempotentParameterMismatch,
                             "Request with the same client request token was already processed "
                             "with different parameters"};
            return replayedTransaction(engine, *items, capacity, Json::parse(earlier->response));
        }
    }

    std::vector<PreparedAction> prepared;
    std::set<std::pair<std::string, std::string>> touched;
    size_t totalBytes = 0;
    for (const auto& element : *items) {
        auto action = actionOf(element, {"ConditionCheck", "Put", "Delete", "Update"});
        if (!action) return action.error();
        auto compiled = prepareAction(engine, action->first, *action->second);
        if (!compiled) return compiled.error();
        auto table = engine.table(compiled->write.tableName);
        const Item& key = compiled->write.key;
        const std::string storageKey =
            layout::itemKey(table->id, key.at(table->partitionKey.name),
                            table->sortKey ? &key.at(table->sortKey->name) : nullptr);
        if (!touched.emplace(table->name, storageKey).second)
            return validationError(
                "Transaction request cannot include multiple operations on one item");
        totalBytes += compiled->requestBytes;
        prepared.push_back(std::move(compiled).value());
    }
    if (totalBytes > kMaxTransactionBytes)
        return validationError("Transaction request cannot be larger than 4 MB");

    std::vector<TransactionWrite> writes;
    for (const auto& p : prepared) writes.push_back(p.write);
    std::vector<Status> reasons;
    auto results = engine.transactWrite(writes, reasons);
    if (!results) {
        if (results.error().type == ErrorType::TransactionCanceled) return cancelled(reasons);
        return results.error();
    }

    std::map<std::string, CapacityUse> uses;
    Json collectionMetrics = Json::object();
    for (size_t i = 0; i < prepared.size(); ++i) {
        const WriteResult& written = (*results)[i];
        const std::string& tableName = prepared[i].write.tableName;
        CapacityUse use;
        use.tableName = tableName;
        if (prepared[i].write.conditionCheckOnly) {
            const size_t size = written.oldItem ? written.oldItem->size() : 0;
            use.table.read = readCapacityUnits(size, true);
        } else {
            use = writeCapacityOf(tableName, written);
        }
        uses[tableName] += use.scaled(kTransactionalFactor);
        uses[tableName].tableName = tableName;
        if (metrics == "SIZE" && !prepared[i].write.conditionCheckOnly) {
            auto table = engine.table(tableName);
            Json entry =
                table ? itemCollectionMetrics(*table, prepared[i].keySource, written) : Json();
            if (!entry.is_null()) collectionMetrics[tableName].push_back(std::move(entry));
        }
    }
    Json response = Json::object();
    if (capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] =
            consumedCapacityList(capacity, uses, CapacityKinds::ReadAndWrite);
    if (metrics == "SIZE") response["ItemCollectionMetrics"] = std::move(collectionMetrics);
    if (token) engine.rememberTransaction(*token, {fingerprint, response.dump(), engine.now()});
    return response;
}

Result<Json> transactGetItemsOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* items = readTransactItems(reader);
    auto capacity = readReturnConsumedCapacity(reader);
    SHARDSCAPE_TRY(reader.finish());

    std::vector<std::pair<std::string, Item>> keys;
    std::vector<std::optional<Projection>> projections;
    for (const auto& element : *items) {
        auto action = actionOf(element, {"Get"});
        if (!action) return action.error();
        const Json& get = *action->second;
        RequestReader getReader(get);
        auto name = getReader.string("TableName");
        getReader.object("Key");
        auto expression = getReader.string("ProjectionExpression");
        const Json* names = getReader.object("ExpressionAttributeNames");
        getReader.tableName(name);
        getReader.notNull(get.contains("Key") && !get["Key"].is_null(), "key");
        SHARDSCAPE_TRY(getReader.finish());
        auto key = readItemMember(get, "Key");
        if (!key) return key.error();
        auto context = ExpressionContext::fromRequest(names, nullptr, expression.has_value());
        if (!context) return context.error();
        std::optional<Projection> projection;
        if (expression) {
            auto parsed = parseProjectionExpression(*expression, *context);
            if (!parsed) return parsed.error();
            projection = std::move(parsed).value();
            SHARDSCAPE_TRY(context->checkAllUsed());
        }
        if (!engine.table(*name))
            return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        keys.emplace_back(*name, std::move(**key));
        projections.push_back(std::move(projection));
    }
    auto read = engine.getItemsAtomically(keys);
    if (!read) return read.error();
    Json responses = Json::array();
    std::map<std::string, CapacityUse> uses;
    // Capacity enforcement: a read refused for lack of throughput cancels the transaction.
    if (engine.capacityMetered()) {
        std::vector<Status> reasons(keys.size());
        bool refused = false;
        for (size_t i = 0; i < keys.size(); ++i) {
            reasons[i] =
                chargeItemRead(engine, keys[i].first, keys[i].second,
                               kTransactionalFactor * readCapacityUnits((*read)[i].size, true));
            refused = refused || !reasons[i];
        }
        if (refused) return cancelled(reasons);
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        const ReadResult& result = (*read)[i];
        CapacityUse& use = uses[keys[i].first];
        use.tableName = keys[i].first;
        use.table.read += kTransactionalFactor * readCapacityUnits(result.size, true);
        Json entry = Json::object();
        if (result.item) {
            auto item = result.item->decode();
            if (!item) return item.error();
            entry["Item"] =
                itemToJson(projections[i] ? projectItem(*item, *projections[i]) : *item);
        }
        responses.push_back(std::move(entry));
    }
    Json response = {{"Responses", std::move(responses)}};
    if (capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] =
            consumedCapacityList(capacity, uses, CapacityKinds::ReadAndWrite);
    return response;
}

}  // namespace shardscape
