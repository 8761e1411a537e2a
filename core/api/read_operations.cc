// Query and Scan.
#include "api/legacy_parameters.h"
#include "api/operation_support.h"
#include "api/operations.h"
#include "expressions/expression_context.h"
#include "expressions/expression_evaluator.h"
#include "expressions/key_condition.h"
#include "storage/storage_layout.h"

namespace shardscape {

namespace {

// Members Query and Scan read the same way.
struct ReadRequest {
    std::string tableName;
    ReturnConsumedCapacity capacity = ReturnConsumedCapacity::None;
    std::optional<int64_t> limit;
    bool consistent = false;
    std::optional<std::string> select;
    std::optional<std::string> projectionExpression;
    std::optional<std::string> filterExpression;
    std::optional<Item> exclusiveStartKey;
    std::optional<std::string> indexName;
    const Json* names = nullptr;
    const Json* values = nullptr;
    // Legacy members: AttributesToGet, ConditionalOperator and the QueryFilter or ScanFilter.
    const Json* attributesToGet = nullptr;
    std::optional<std::string> conditionalOperator;
    const Json* legacyFilter = nullptr;
};

// The legacy members compiled: AttributesToGet as a projection, the filter as a condition.
struct LegacyRead {
    std::optional<Projection> attributes;
    std::optional<Condition> filter;
    std::vector<LegacyCondition> filterEntries;
};

// DynamoDB checks a Query's QueryFilter before its AttributesToGet, and a Scan's
// AttributesToGet before its ScanFilter.
Result<LegacyRead> compileLegacyRead(const ReadRequest& r, bool filterFirst) {
    LegacyRead out;
    auto filter = [&]() -> Status {
        auto compiled = compileFilter(r.legacyFilter, r.conditionalOperator, &out.filterEntries);
        if (!compiled) return compiled.error();
        out.filter = std::move(compiled).value();
        return {};
    };
    if (filterFirst) SHARDSCAPE_TRY(filter());
    auto attributes = compileAttributesToGet(r.attributesToGet);
    if (!attributes) return attributes.error();
    out.attributes = std::move(attributes).value();
    if (!filterFirst) SHARDSCAPE_TRY(filter());
    return out;
}

void readCommon(RequestReader& reader, ReadRequest& out, std::optional<std::string>& name) {
    name = reader.string("TableName");
    out.capacity = readReturnConsumedCapacity(reader);
    out.limit = reader.integer("Limit");
    out.consistent = reader.boolean("ConsistentRead").value_or(false);
    out.select = reader.string("Select");
    out.projectionExpression = reader.string("ProjectionExpression");
    out.indexName = reader.string("IndexName");
    out.filterExpression = reader.string("FilterExpression");
    reader.object("ExclusiveStartKey");
    out.names = reader.object("ExpressionAttributeNames");
    out.values = reader.object("ExpressionAttributeValues");
    out.conditionalOperator = readConditionalOperator(reader);
    auto attributesToGet = reader.request().find("AttributesToGet");
    if (attributesToGet != reader.request().end() && !attributesToGet->is_null())
        out.attributesToGet = &*attributesToGet;
    readAttributesToGet(reader, out.attributesToGet, "attributesToGet");
    reader.tableName(name);
    reader.tableName(out.indexName, "indexName", false);
    reader.atLeast(out.limit, "limit", 1);
    reader.oneOf(out.select, "select",
                 {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
}

Status checkCommon(const Json& request, ReadRequest& out, const Engine& engine) {
    auto start = readItemMember(request, "ExclusiveStartKey");
    if (!start) {
        // DynamoDB prefixes the reason, except for the number and set errors, which it
        // reports as they are.
        const std::string& reason = start.error().message;
        const bool bare = reason.find("contains duplicates") != std::string::npos ||
                          reason.find("number set") != std::string::npos ||
                          reason.find("numeric value") != std::string::npos ||
                          reason.find("significant digits") != std::string::npos ||
                          reason.find("number with magnitude") != std::string::npos;
        if (start.error().type == ErrorType::Validation && !bare)
            return validationError("The provided starting key is invalid: " + reason);
        return start.error();
    }
    out.exclusiveStartKey = std::move(start).value();
    if (out.select == "ALL_PROJECTED_ATTRIBUTES" && !out.indexName)
        return validationError(
            "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is "
            "supported only for index queries or scans");
    if (out.select == "SPECIFIC_ATTRIBUTES" && !out.projectionExpression && !out.attributesToGet)
        return validationError(
            "One or more parameter values were invalid: SPECIFIC_ATTRIBUTES requires "
            "ProjectionExpression or AttributesToGet");
    if (out.projectionExpression && out.select && *out.select != "SPECIFIC_ATTRIBUTES")
        return validationError(
            "One or more parameter values were invalid: Cannot specify the "
            "ProjectionExpression when choosing to get " +
            *out.select);
    if (out.attributesToGet && out.select && *out.select != "SPECIFIC_ATTRIBUTES")
        return validationError(
            "One or more parameter values were invalid: Cannot specify the AttributesToGet when "
            "choosing to get " +
            *out.select);
    (void)engine;
    return {};
}

// The index a read names, checked against the request: what it can return and how.
struct IndexRead {
    const IndexDefinition* index = nullptr;
    bool fetchTableItems = false;  // LSI reads of attributes the index does not project
};

Result<IndexRead> resolveIndex(const TableDefinition& table, const ReadRequest& r,
                               const std::optional<Projection>& projection,
                               const std::optional<Condition>& filter) {
    IndexRead out;
    if (!r.indexName) return out;
    out.index = table.findIndex(*r.indexName);
    if (!out.index || out.index->status == IndexStatus::Deleting)
        return validationError("The table does not have the specified index: " + *r.indexName);
    const IndexDefinition& index = *out.index;
    if (index.global && r.consistent)
        return validationError("Consistent reads are not supported on global secondary indexes");
    const bool projectsAll = index.projectionType == ProjectionType::All;
    if (r.select == "ALL_ATTRIBUTES" && !projectsAll) {
        if (index.global)
            return validationError(
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                "supported for global secondary index " +
                index.name + " because its projection type is not ALL");
        out.fetchTableItems = true;
    }
    // AWS: a local secondary index query that asks for attributes the index does not
    // project fetches them from the table; a global secondary index simply lacks them.
    if (!index.global && !projectsAll) {
        auto projected = [&](const std::string& attribute) {
            return index.projects(attribute, table.partitionKey, table.sortKey);
        };
        if (projection)
            for (const auto& path : *projection)
                if (!projected(path[0].name)) out.fetchTableItems = true;
        if (filter)
            for (const auto& path : conditionPaths(*filter))
                if (!projected(path[0].name)) out.fetchTableItems = true;
    }
    return out;
}

// The key schema a read works on: the table's, or the index's.
TableDefinition keyView(const TableDefinition& table, const IndexDefinition* index) {
    TableDefinition view = table;
    if (index) {
        view.partitionKey = index->partitionKey;
        view.sortKey = index->sortKey;
    }
    return view;
}

CapacityUse readCapacityOf(const Page& page, const ReadRequest& r, const IndexRead& read) {
    CapacityUse use;
    use.tableName = r.tableName;
    const double scanned = readCapacityUnits(page.bytesRead, r.consistent);
    if (!read.index) {
        use.table.read = scanned;
        return use;
    }
    use.addIndex(read.index->name, read.index->global, {scanned, 0});
    // AWS: each table item fetched is charged as a whole, rounded up to 4 KB on its own.
    for (size_t size : page.fetchedSizes) use.table.read += readCapacityUnits(size, r.consistent);
    return use;
}

// Capacity enforcement of one Query or Scan page: the index's units go to the index's
// partitions (a local secondary index's to the table's), table items fetched to the table's.
// A Query reads one partition key; a Scan page is spread over the partitions of the items
// it returns, by their sizes (or charged where the segment starts if it returned none).
Status chargePage(Engine& engine, const TableDefinition& table, const Page& page,
                  const ReadRequest& r, const IndexRead& read, std::optional<uint64_t> queryHash,
                  int segment, int totalSegments) {
    if (!engine.capacityMetered()) return {};
    const CapacityUse use = readCapacityOf(page, r, read);
    const std::string* global = read.index && read.index->global ? &read.index->name : nullptr;
    const double scanned = read.index ? use.total().read - use.table.read : use.table.read;
    const double fetched = read.index ? use.table.read : 0;
    std::vector<CapacityCharge> charges;
    auto add = [&](uint64_t hash, double share) {
        charges.push_back({global, hash, scanned * share, 0});
        if (fetched > 0) charges.push_back({nullptr, hash, fetched * share, 0});
    };
    if (queryHash) {
        add(*queryHash, 1);
    } else {
        const std::string& keyName =
            read.index ? read.index->partitionKey.name : table.partitionKey.name;
        double bytes = 0;
        for (const StoredItem& stored : page.items) bytes += static_cast<double>(stored.size());
        for (size_t i = 0; i < page.items.size() && bytes > 0; ++i) {
            auto item = i < page.decodedItems.size() ? Result<Item>(page.decodedItems[i])
                                                     : page.items[i].decode();
            if (!item) return item.error();
            auto pk = item->find(keyName);
            if (pk == item->end()) continue;
            add(layout::partitionHash(pk->second),
                static_cast<double>(page.items[i].size()) / bytes);
        }
        if (charges.empty()) {
            const auto start = static_cast<uint64_t>((static_cast<unsigned __int128>(1) << 64) *
                                                     static_cast<unsigned>(segment) /
                                                     static_cast<unsigned>(totalSegments));
            add(start, 1);
        }
    }
    return engine.chargeCapacity(r.tableName, charges.data(), charges.size());
}

Result<Json> pageResponse(const Page& page, const ReadRequest& r,
                          const std::optional<Projection>& projection, const IndexRead& read) {
    Json response = Json::object();
    if (r.select != "COUNT") {
        Json items = Json::array();
        for (size_t i = 0; i < page.items.size(); ++i) {
            if (i < page.decodedItems.size()) {
                const Item& item = page.decodedItems[i];
                items.push_back(itemToJson(projection ? projectItem(item, *projection) : item));
                continue;
            }
            auto item = page.items[i].decode();
            if (!item) return item.error();
            items.push_back(itemToJson(projection ? projectItem(*item, *projection) : *item));
        }
        response["Items"] = std::move(items);
    }
    response["Count"] = page.items.size();
    response["ScannedCount"] = page.scannedCount;
    if (page.lastEvaluatedKey) response["LastEvaluatedKey"] = itemToJson(*page.lastEvaluatedKey);
    if (r.capacity != ReturnConsumedCapacity::None)
        response["ConsumedCapacity"] =
            consumedCapacityJson(r.capacity, readCapacityOf(page, r, read));
    return response;
}

Result<std::optional<Projection>> readProjection(const ReadRequest& r, ExpressionContext& context) {
    if (!r.projectionExpression) return std::optional<Projection>();
    auto parsed = parseProjectionExpression(*r.projectionExpression, context);
    if (!parsed) return parsed.error();
    return std::optional<Projection>(std::move(parsed).value());
}

// The compiled FilterExpression, if any. A Query's filter may not read key attributes.
Result<std::optional<Condition>> readFilter(const ReadRequest& r, ExpressionContext& context,
                                            const TableDefinition* queryTable) {
    if (!r.filterExpression) return std::optional<Condition>();
    auto parsed = parseConditionExpression(ExpressionKind::Filter, *r.filterExpression, context);
    if (!parsed) return parsed.error();
    if (queryTable)
        for (const auto& path : conditionPaths(*parsed))
            if (queryTable->isKeyAttribute(path[0].name))
                return validationError(
                    "Filter Expression can only contain non-primary key attributes: Primary key "
                    "attribute: " +
                    path[0].name);
    return std::optional<Condition>(std::move(parsed).value());
}

// The legacy filter of a Query may not name a key attribute of the table or index read.
Status checkQueryFilterKeys(const LegacyRead& legacy, const TableDefinition& keys) {
    for (const KeyAttribute* key : {&keys.partitionKey, keys.sortKey ? &*keys.sortKey : nullptr})
        for (const auto& entry : legacy.filterEntries)
            if (key && entry.attribute == key->name)
                return validationError(
                    "QueryFilter can only contain non-primary key attributes: Primary key "
                    "attribute: " +
                    key->name);
    return {};
}

bool sortKeyMatches(const SortKeyCondition& condition, const AttributeValue& sortKey) {
    // Stored sort-key bytes order as DynamoDB orders the values (numbers numerically).
    const std::string value = layout::sortKeyBytes(sortKey);
    const std::string bound = layout::sortKeyBytes(condition.value);
    using Op = SortKeyCondition::Op;
    switch (condition.op) {
        case Op::Equal:
            return value == bound;
        case Op::Less:
            return value < bound;
        case Op::LessOrEqual:
            return value <= bound;
        case Op::Greater:
            return value > bound;
        case Op::GreaterOrEqual:
            return value >= bound;
        case Op::Between:
            return bound <= value && value <= layout::sortKeyBytes(condition.upper);
        case Op::BeginsWith:
            return value.starts_with(bound);
    }
    return false;
}

// A Query's ExclusiveStartKey is checked against the key schema attribute by attribute, with
// messages that differ from Scan's (a type mismatch has no "starting key is invalid" prefix),
// and then against the key condition.
Status checkQueryStartKey(const TableDefinition& table, const KeyCondition& condition,
                          const Item& start) {
    std::vector<const KeyAttribute*> keys = {&table.partitionKey};
    if (table.sortKey) keys.push_back(&*table.sortKey);
    if (start.size() != keys.size()) return validationError("The provided starting key is invalid");
    for (const KeyAttribute* key : keys) {
        auto it = start.find(key->name);
        if (it == start.end()) return validationError("The provided starting key is invalid");
        if (it->second.type() != key->type)
            return validationError("The provided key element does not match the schema");
    }
    SHARDSCAPE_TRY(Engine::validateKey(table, start));
    const bool samePartition = start.at(table.partitionKey.name) == condition.partitionKey;
    if (table.sortKey && condition.sortKeyCondition) {
        if (!sortKeyMatches(*condition.sortKeyCondition, start.at(table.sortKey->name)))
            return validationError(
                "The provided starting key does not match the range key predicate");
        if (!samePartition)
            return validationError("The query can return at most one row and cannot be restarted");
    } else if (!samePartition) {
        return validationError(
            "The provided starting key is outside query boundaries based on provided conditions");
    }
    return {};
}

}  // namespace

Result<Json> queryOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    ReadRequest r;
    std::optional<std::string> name;
    readCommon(reader, r, name);
    auto keyCondition = reader.string("KeyConditionExpression");
    auto forward = reader.boolean("ScanIndexForward");
    r.legacyFilter = readConditionMap(reader, request, "QueryFilter");
    const Json* keyConditions = readConditionMap(reader, request, "KeyConditions");
    SHARDSCAPE_TRY(reader.finish());
    r.tableName = *name;
    SHARDSCAPE_TRY(checkExpressionMix(
        request, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
        {"AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"}));
    auto legacy = compileLegacyRead(r, true);
    if (!legacy) return legacy.error();
    SHARDSCAPE_TRY(checkCommon(request, r, engine));
    if (!keyCondition && !keyConditions)
        return validationError(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
            "request.");
    auto context = ExpressionContext::fromRequest(r.names, r.values, true);
    if (!context) return context.error();
    std::vector<LegacyCondition> legacyKeys;
    if (!keyCondition) {
        auto parsed = parseConditionMap(*keyConditions);
        if (!parsed) return parsed.error();
        legacyKeys = std::move(parsed).value();
        if (legacyKeys.size() != 1 && legacyKeys.size() != 2)
            return validationError("Conditions can be of length 1 or 2 only");
    }
    auto table = engine.table(r.tableName);
    if (!table)
        return expressionErrorFirst(
            request, Error{ErrorType::ResourceNotFound, "Requested resource not found"});
    const IndexDefinition* named = r.indexName ? table->findIndex(*r.indexName) : nullptr;
    if (r.indexName && !named)
        return expressionErrorFirst(
            request,
            validationError("The table does not have the specified index: " + *r.indexName));
    const TableDefinition keys = keyView(*table, named);
    auto projection = legacy->attributes ? Result<std::optional<Projection>>(legacy->attributes)
                                         : readProjection(r, *context);
    if (!projection) return expressionErrorFirst(request, projection.error());
    auto condition = keyCondition ? parseKeyCondition(*keyCondition, keys, *context)
                                  : legacyKeyCondition(legacyKeys, keys);
    if (!condition) return expressionErrorFirst(request, condition.error());
    if (r.legacyFilter) SHARDSCAPE_TRY(checkQueryFilterKeys(*legacy, keys));
    auto filter = r.legacyFilter ? Result<std::optional<Condition>>(legacy->filter)
                                 : readFilter(r, *context, &keys);
    if (!filter) return expressionErrorFirst(request, filter.error());
    SHARDSCAPE_TRY(context->checkAllUsed());
    auto indexRead = resolveIndex(*table, r, *projection, *filter);
    if (!indexRead) return indexRead.error();
    if (condition->partitionKey.type() != ValueType::N && condition->partitionKey.scalar().empty())
        return validationError(
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty " +
            std::string(condition->partitionKey.type() == ValueType::B ? "binary" : "string") +
            " value. Key: " + table->partitionKey.name);
    if (r.exclusiveStartKey && !named)
        SHARDSCAPE_TRY(checkQueryStartKey(*table, *condition, *r.exclusiveStartKey));

    QuerySpec spec;
    spec.tableName = r.tableName;
    spec.indexName = r.indexName;
    spec.fetchTableItems = indexRead->fetchTableItems;
    spec.partitionKey = condition->partitionKey;
    spec.sortKeyCondition = condition->sortKeyCondition;
    spec.scanForward = forward.value_or(true);
    spec.limit = r.limit;
    spec.exclusiveStartKey = r.exclusiveStartKey;
    if (*filter) spec.keep = [&](const Item& item) { return evaluateCondition(**filter, item); };
    auto page = engine.query(spec);
    if (!page) return page.error();
    SHARDSCAPE_TRY(chargePage(engine, *table, *page, r, *indexRead,
                              layout::partitionHash(condition->partitionKey), 0, 1));
    return pageResponse(*page, r, *projection, *indexRead);
}

Result<Json> scanOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    ReadRequest r;
    std::optional<std::string> name;
    readCommon(reader, r, name);
    auto segment = reader.integer("Segment");
    auto totalSegments = reader.integer("TotalSegments");
    reader.atLeast(segment, "segment", 0);
    reader.atMost(segment, "segment", 999999);
    reader.atLeast(totalSegments, "totalSegments", 1);
    reader.atMost(totalSegments, "totalSegments", 1000000);
    r.legacyFilter = readConditionMap(reader, request, "ScanFilter");
    SHARDSCAPE_TRY(reader.finish());
    r.tableName = *name;
    SHARDSCAPE_TRY(checkExpressionMix(request, {"ProjectionExpression", "FilterExpression"},
                                      {"AttributesToGet", "ScanFilter", "ConditionalOperator"}));
    auto legacy = compileLegacyRead(r, false);
    if (!legacy) return legacy.error();
    SHARDSCAPE_TRY(checkCommon(request, r, engine));
    if (segment && !totalSegments)
        return validationError(
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present");
    if (totalSegments && !segment)
        return validationError(
            "The Segment parameter is required but was not present in the request when parameter "
            "TotalSegments is present");
    if (segment && *segment >= *totalSegments)
        return validationError(
            "The Segment parameter is zero-based and must be less than parameter "
            "TotalSegments: Segment: " +
            std::to_string(*segment) +
            " is not less than TotalSegments: " + std::to_string(*totalSegments));
    auto context = ExpressionContext::fromRequest(
        r.names, r.values, r.projectionExpression || r.filterExpression,
        r.filterExpression ? "" : "FilterExpression is null");
    if (!context) return context.error();
    auto table = engine.table(r.tableName);
    if (!table)
        return expressionErrorFirst(
            request, Error{ErrorType::ResourceNotFound, "Requested resource not found"});
    auto projection = legacy->attributes ? Result<std::optional<Projection>>(legacy->attributes)
                                         : readProjection(r, *context);
    if (!projection) return expressionErrorFirst(request, projection.error());
    auto filter = r.legacyFilter ? Result<std::optional<Condition>>(legacy->filter)
                                 : readFilter(r, *context, nullptr);
    if (!filter) return expressionErrorFirst(request, filter.error());
    SHARDSCAPE_TRY(context->checkAllUsed());
    auto indexRead = resolveIndex(*table, r, *projection, *filter);
    if (!indexRead) return indexRead.error();

    ScanSpec spec;
    spec.tableName = r.tableName;
    spec.indexName = r.indexName;
    spec.fetchTableItems = indexRead->fetchTableItems;
    spec.limit = r.limit;
    spec.exclusiveStartKey = r.exclusiveStartKey;
    spec.segment = static_cast<int>(segment.value_or(0));
    spec.totalSegments = static_cast<int>(totalSegments.value_or(1));
    if (*filter) spec.keep = [&](const Item& item) { return evaluateCondition(**filter, item); };
    auto page = engine.scan(spec);
    if (!page) return page.error();
    SHARDSCAPE_TRY(chargePage(engine, *table, *page, r, *indexRead, std::nullopt, spec.segment,
                              spec.totalSegments));
    return pageResponse(*page, r, *projection, *indexRead);
}

}  // namespace shardscape
