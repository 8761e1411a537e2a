// BatchGetItem and BatchWriteItem.
#include <set>

#include "api/legacy_parameters.h"
#include "api/operation_support.h"
#include "api/operations.h"
#include "expressions/expression_context.h"
#include "expressions/expression_evaluator.h"
#include "storage/storage_layout.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

constexpr size_t kMaxBatchGetKeys = 100;
constexpr size_t kMaxBatchWriteRequests = 25;
// AWS: "BatchGetItem returns a partial result if the response size limit (16 MB) is
// exceeded"; the rest comes back as UnprocessedKeys.
constexpr size_t kBatchGetResponseLimitBytes = 16u << 20;

const char* kTableNameKeysConstraint =
    "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
    "Member must have length greater than or equal to 3, Member must satisfy regular "
    "expression pattern: [a-zA-Z0-9_.-]+]";

bool isThrottling(const Error& error) {
    return error.type == ErrorType::ProvisionedThroughputExceeded ||
           error.type == ErrorType::Throttling;
}

// AWS (BatchGetItem, BatchWriteItem): "If any requested operations fail because the table's
// provisioned throughput is exceeded or an internal processing failure occurs, the failed
// operations are returned in the UnprocessedKeys [UnprocessedItems] response parameter." A
// storage failure is our internal processing failure; only if nothing could be processed does
// the request fail with it.
bool leavesUnprocessed(const Error& error) {
    return isThrottling(error) || error.isStorageFailure();
}

size_t unprocessedCount(const Json& unprocessed, const char* member) {
    size_t count = 0;
    for (const auto& [table, entry] : unprocessed.items()) count += entry[member].size();
    return count;
}

bool validTableName(const std::string& name) {
    return name.size() >= 3 && name.size() <= 255 && matchesNamePattern(name);
}

// RequestItems: a non-empty map keyed by table name.
const Json* readRequestItems(RequestReader& reader) {
    const Json* items = reader.object("RequestItems");
    reader.notNull(items != nullptr, "requestItems");
    if (!items) return nullptr;
    if (items->empty())
        reader.constraint("'{}'", "requestItems",
                          "Member must have length greater than or equal to 1");
    for (const auto& [name, value] : items->items())
        if (!validTableName(name)) {
            reader.constraint(RequestReader::quoted(items->dump()), "requestItems",
                              kTableNameKeysConstraint);
            break;
        }
    return items;
}

Error keySchemaMismatch() {
    return validationError("The provided key element does not match the schema");
}

}  // namespace

Result<Json> batchGetItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* requestItems = readRequestItems(reader);
    auto capacity = readReturnConsumedCapacity(reader);
    if (requestItems)
        for (const auto& [name, entry] : requestItems->items()) {
            const std::string path = "requestItems." + name + ".member.keys";
            if (!entry.is_object()) {
                reader.notNull(false, "requestItems." + name + ".member");
                continue;
            }
            auto keys = entry.find("Keys");
            const bool present = keys != entry.end() && keys->is_array();
            reader.notNull(present, path);
            if (present && keys->empty())
                reader.constraint("'[]'", path,
                                  "Member must have length greater than or equal to 1");
            if (present && keys->size() > kMaxBatchGetKeys)
                reader.constraint(RequestReader::quoted(keys->dump()), path,
                                  "Member must have length less than or equal to 100");
            auto attributesToGet = entry.find("AttributesToGet");
            readAttributesToGet(reader,
                                attributesToGet == entry.end() ? nullptr : &*attributesToGet,
                                "requestItems." + name + ".member.attributesToGet");
        }
    SHARDSCAPE_TRY(reader.finish());

    struct TableRead {
        std::string name;
        std::shared_ptr<const TableDefinition> table;
        std::vector<Item> keys;
        std::optional<Projection> projection;
        bool consistent = false;
        Json unprocessedTemplate;  // the request's entry without its keys
    };
    std::vector<TableRead> reads;
    size_t totalKeys = 0;
    for (const auto& [name, entry] : requestItems->items()) {
        TableRead read;
        read.name = name;
        SHARDSCAPE_TRY(checkExpressionMix(entry, {"ProjectionExpression"}, {"AttributesToGet"}));
        auto attributesToGet = entry.find("AttributesToGet");
        auto attributeList =
            compileAttributesToGet(attributesToGet == entry.end() ? nullptr : &*attributesToGet);
        if (!attributeList) return attributeList.error();
        read.projection = std::move(*attributeList);
        std::set<std::string> seen;
        for (const auto& keyJson : entry.at("Keys")) {
            auto key = itemFromJson(keyJson);
            if (!key) return key.error();
            std::string fingerprint;
            for (const auto& [attribute, value] : *key) {
                const bool scalar = value.type() == ValueType::N || value.type() == ValueType::S ||
                                    value.type() == ValueType::B;
                fingerprint.append(attribute).append(1, '\0');
                fingerprint.append(scalar ? layout::delimitedKeyBytes(value)
                                          : attributeValueToJson(value).dump());
            }
            if (!seen.insert(fingerprint).second)
                return validationError("Provided list of item keys contains duplicates");
            if (++totalKeys > kMaxBatchGetKeys)
                return validationError("Too many items requested for the BatchGetItem call");
            read.keys.push_back(std::move(key).value());
        }
        auto consistent = entry.find("ConsistentRead");
        read.consistent = consistent != entry.end() && consistent->is_boolean() && *consistent;
        const Json* names = entry.contains("ExpressionAttributeNames") &&
                                    entry["ExpressionAttributeNames"].is_object()
                                ? &entry["ExpressionAttributeNames"]
                                : nullptr;
        auto expression = entry.find("ProjectionExpression");
        const bool hasProjection = expression != entry.end() && expression->is_string();
        auto context = ExpressionContext::fromRequest(names, nullptr, hasProjection);
        if (!context) return context.error();
        if (hasProjection) {
            auto parsed = parseProjectionExpression(expression->get<std::string>(), *context);
            if (!parsed) return parsed.error();
            read.projection = std::move(parsed).value();
            SHARDSCAPE_TRY(context->checkAllUsed());
        }
        read.unprocessedTemplate = entry;
        read.unprocessedTemplate.erase("Keys");
        reads.push_back(std::move(read));
    }
    for (auto& read : reads) {
        read.table = engine.table(read.name);
        if (!read.table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        for (const auto& key : read.keys) SHARDSCAPE_TRY(Engine::validateKey(*read.table, key));
    }

    Json responses = Json::object();
    Json unprocessed = Json::object();
    std::map<std::string, CapacityUse> uses;
    size_t responseBytes = 0;
    size_t requested = 0;
    // The last throttling (with capacity enforcement) or storage error.
    std::optional<Error> throttled;
    for (const auto& read : reads) {
        Json items = Json::array();
        CapacityUse& use = uses[read.name];
        use.tableName = read.name;
        for (const auto& key : read.keys) {
            ++requested;
            auto leave = [&] {
                Json& left = unprocessed[read.name];
                if (left.is_null()) {
                    left = read.unprocessedTemplate;
                    left["Keys"] = Json::array();
                }
                left["Keys"].push_back(itemToJson(key));
            };
            if (responseBytes >= kBatchGetResponseLimitBytes) {
                leave();
                continue;
            }
            auto got = engine.getItem(read.name, key);
            if (!got) {
                if (!got.error().isStorageFailure()) return got.error();
                throttled = got.error();
                leave();
                continue;
            }
            const double units = readCapacityUnits(got->size, read.consistent);
            // AWS: keys refused for lack of throughput come back as UnprocessedKeys; only if
            // none could be processed does BatchGetItem fail with the throttling error.
            if (auto charged = chargeItemRead(engine, read.name, key, units); !charged) {
                if (!isThrottling(charged.error())) return charged.error();
                throttled = charged.error();
                leave();
                continue;
            }
            use.table.read += units;
            if (!got->item) continue;
            responseBytes += got->size;
            auto item = got->item->decode();
            if (!item) return item.error();
            items.push_back(
                itemToJson(read.projection ? projectItem(*item, *read.projection) : *item));
        }
        responses[read.name] = std::move(items);
    }
    if (throttled && unprocessedCount(unprocessed, "Keys") == requested) return *throttled;
    Json response = {{"Responses", std::move(responses)},
                     {"UnprocessedKeys", std::move(unprocessed)}};
    if (capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] = consumedCapacityList(capacity, uses);
    return response;
}

Result<Json> batchWriteItemOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    const Json* requestItems = readRequestItems(reader);
    auto capacity = readReturnConsumedCapacity(reader);
    auto metrics = reader.string("ReturnItemCollectionMetrics");
    reader.oneOf(metrics, "returnItemCollectionMetrics", {"SIZE", "NONE"});
    if (requestItems)
        for (const auto& [name, list] : requestItems->items()) {
            if (!list.is_array()) {
                reader.notNull(false, "requestItems." + name);
                continue;
            }
            if (list.empty() || list.size() > kMaxBatchWriteRequests)
                reader.constraint(RequestReader::quoted(requestItems->dump()), "requestItems",
                                  "Map value must satisfy constraint: [Member must have length "
                                  "less than or equal to 25, Member must have length greater "
                                  "than or equal to 1]");
        }
    SHARDSCAPE_TRY(reader.finish());

    struct Write {
        std::string table;
        bool isPut = false;
        Item item;  // the item to put, or the key to delete
    };
    std::vector<Write> writes;
    for (const auto& [name, list] : requestItems->items()) {
        for (const auto& entry : list) {
            const bool put = entry.is_object() && entry.contains("PutRequest");
            const bool del = entry.is_object() && entry.contains("DeleteRequest");
            if (put == del)
                return validationError(
                    "Supplied AttributeValue has more than one datatypes set, must contain "
                    "exactly one of the supported datatypes");
            const Json& body = put ? entry["PutRequest"] : entry["DeleteRequest"];
            const char* member = put ? "Item" : "Key";
            if (!body.is_object() || !body.contains(member) || body[member].is_null())
                return validationError(std::string("1 validation error detected: Value null at "
                                                   "'requestItems.") +
                                       name + ".member." +
                                       (put ? "putRequest.item" : "deleteRequest.key") +
                                       "' failed to satisfy constraint: Member must not be null");
            auto item = itemFromJson(body[member]);
            if (!item) return item.error();
            if (put)
                if (auto size = checkedItemSize(*item); !size) return size.error();
            writes.push_back({name, put, std::move(item).value()});
        }
    }
    if (writes.size() > kMaxBatchWriteRequests)
        return validationError("Too many items requested for the BatchWriteItem call");
    // Every request is checked before any is written.
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& write : writes) {
        auto table = engine.table(write.table);
        if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
        if (write.isPut) {
            if (!Engine::validateItemKeys(*table, write.item)) return keySchemaMismatch();
            SHARDSCAPE_TRY(Engine::validateIndexKeys(*table, write.item));
        } else {
            SHARDSCAPE_TRY(Engine::validateKey(*table, write.item));
        }
        const Item key = Engine::keyOf(*table, write.item);
        const std::string storageKey =
            layout::itemKey(table->id, key.at(table->partitionKey.name),
                            table->sortKey ? &key.at(table->sortKey->name) : nullptr);
        if (!seen.emplace(write.table, storageKey).second)
            return validationError("Provided list of item keys contains duplicates");
    }

    std::map<std::string, CapacityUse> uses;
    Json collectionMetrics = Json::object();
    Json unprocessed = Json::object();
    size_t refused = 0;
    // The last throttling (with capacity enforcement) or storage error.
    std::optional<Error> throttled;
    for (auto& write : writes) {
        const Item keySource = write.item;
        // Consumed capacity counts the larger of the old and the new item; collection
        // metrics need the old one too.
        auto written = write.isPut ? engine.putItem(write.table, std::move(write.item), {},
                                                    capacity != ReturnConsumedCapacity::None ||
                                                            metrics == "SIZE"
                                                        ? Engine::ReplacedItem::Needed
                                                        : Engine::ReplacedItem::NotNeeded)
                                   : engine.deleteItem(write.table, write.item);
        if (!written && leavesUnprocessed(written.error())) {
            // Requests refused for lack of throughput or by a storage failure come back as
            // UnprocessedItems; only if none could be processed does the request fail.
            throttled = written.error();
            ++refused;
            unprocessed[write.table].push_back(
                write.isPut ? Json{{"PutRequest", {{"Item", itemToJson(keySource)}}}}
                            : Json{{"DeleteRequest", {{"Key", itemToJson(keySource)}}}});
            continue;
        }
        if (!written) return written.error();
        uses[write.table] += writeCapacityOf(write.table, *written);
        uses[write.table].tableName = write.table;
        if (metrics == "SIZE") {
            auto table = engine.table(write.table);
            Json entry = table ? itemCollectionMetrics(*table, keySource, *written) : Json();
            if (!entry.is_null()) collectionMetrics[write.table].push_back(std::move(entry));
        }
    }
    if (throttled && refused == writes.size()) return *throttled;
    Json response = {{"UnprocessedItems", std::move(unprocessed)}};
    if (capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] = consumedCapacityList(capacity, uses);
    if (metrics == "SIZE") response["ItemCollectionMetrics"] = std::move(collectionMetrics);
    return response;
}

}  // namespace shardscape
