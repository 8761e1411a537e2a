// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: each statement is read
// (partiql/partiql_statement.h), translated into the item operation that runs it
// (partiql/partiql_translation.h) and run through dispatch(), so that it validates, reads,
// writes and is charged exactly as that operation.
#include <algorithm>
#include <map>
#include <optional>

#include "api/dispatch.h"
#include "api/operation_support.h"
#include "api/operations.h"
#include "api/partiql_key_reads.h"
#include "api/wire_error.h"
#include "base/base64.h"
#include "expressions/expression_evaluator.h"
#include "partiql/partiql_translation.h"

namespace shardscape {

namespace {

using partiql::Statement;
using partiql::Translation;

const char* kNotFound = "Requested resource not found";

// FNV-1a of the statement and its parameters: a NextToken belongs to the request it came from.
std::string fingerprint(const std::string& statement, const Json& parameters) {
    uint64_t hash = 1469598103934665603ull;
    for (const std::string& part : {statement, parameters.dump()})
        for (unsigned char c : part) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
    return std::to_string(hash);
}

// A NextToken: the statement's fingerprint, where the read stopped (`k`, a LastEvaluatedKey or
// {}) and, for a read of several partitions, which one it stopped in (`p`).
std::string nextToken(const std::string& print, const Json& lastEvaluatedKey,
                      std::optional<size_t> partition = std::nullopt) {
    Json token = {{"v", 1}, {"f", print}, {"k", lastEvaluatedKey}};
    if (partition) token["p"] = *partition;
    return base64Encode(token.dump());
}

// The token's content ({"k": ..., "p": ...}), checked against the statement's fingerprint.
Result<Json> readNextToken(const std::string& token, const std::string& print) {
    auto bytes = base64Decode(token);
    Json decoded = bytes ? Json::parse(*bytes, nullptr, false) : Json();
    if (!decoded.is_object() || !decoded.contains("f") || !decoded["f"].is_string() ||
        !decoded.contains("k") || !decoded["k"].is_object() ||
        (decoded.contains("p") && !decoded["p"].is_number_unsigned()))
        return validationError("Invalid NextToken");
    if (decoded["f"] != print) return validationError("NextToken does not match request");
    return decoded;
}

// The statement's table, or DynamoDB's ResourceNotFoundException.
Result<std::shared_ptr<const TableDefinition>> tableOf(Engine& engine, const Statement& statement) {
    auto table = engine.table(statement.table);
    if (!table) return Error{ErrorType::ResourceNotFound, kNotFound};
    return table;
}

// An INSERT's failed key condition is DynamoDB's DuplicateItemException.
Error insertError(const Error& error) {
    if (wireErrorType(error) == ErrorType::ConditionalCheckFailed)
        return Error{ErrorType::DuplicateItem, "Duplicate primary key exists in table"};
    return error;
}

// An UPDATE's, DELETE's or (in a transaction) EXISTS's ReturnValuesOnConditionCheckFailure,
// passed on to the UpdateItem, DeleteItem or ConditionCheck it runs as: with ALL_OLD, a failed
// condition's error (or cancellation reason) carries the item.
void passOnConditionCheckFailure(const Statement& statement, const Json& source,
                                 Translation& translation) {
    if (statement.kind != Statement::Kind::Update && statement.kind != Statement::Kind::Delete &&
        statement.kind != Statement::Kind::Exists)
        return;
    if (auto it = source.find("ReturnValuesOnConditionCheckFailure");
        it != source.end() && !it->is_null())
        translation.request["ReturnValuesOnConditionCheckFailure"] = *it;
}

// The item a failed condition's error carries (ReturnValuesOnConditionCheckFailure ALL_OLD).
Json conditionFailureItem(const Error& error) {
    if (error.extraJson.empty()) return Json();
    Json extra = Json::parse(error.extraJson, nullptr, false);
    return extra.is_object() && extra.contains("Item") ? extra["Item"] : Json();
}

// Runs one translated statement; `capacity` is the request's ReturnConsumedCapacity.
Result<Json> run(Engine& engine, const Statement& statement, Translation translation,
                 const Json& capacity) {
    if (!capacity.is_null()) translation.request["ReturnConsumedCapacity"] = capacity;
    auto response = dispatchBuilt(engine, translation.operation, translation.request);
    if (!response) {
        if (statement.kind == Statement::Kind::Insert) return insertError(response.error());
        return response.error();
    }
    return response;
}

// The Items of a statement's response.
Result<Json> itemsOf(const Translation& translation, const Json& response) {
    Json items = Json::array();
    auto add = [&](const Json& item) -> Status {
        auto shown = partiql::projectResult(item, translation.projection);
        if (!shown) return shown.error();
        items.push_back(std::move(shown).value());
        return {};
    };
    if (translation.operation == "GetItem") {
        if (response.contains("Item")) SHARDSCAPE_TRY(add(response["Item"]));
    } else if (translation.operation == "Query" || translation.operation == "Scan") {
        std::optional<Condition> postFilter;
        if (!translation.postFilter.empty()) {
            const Json& maps = translation.postFilterMaps;
            auto context = ExpressionContext::fromRequest(
                maps.contains("ExpressionAttributeNames") ? &maps["ExpressionAttributeNames"]
                                                          : nullptr,
                maps.contains("ExpressionAttributeValues") ? &maps["ExpressionAttributeValues"]
                                                           : nullptr,
                true);
            if (!context) return context.error();
            auto parsed = parseConditionExpression(ExpressionKind::Condition,
                                                   translation.postFilter, *context);
            if (!parsed) return parsed.error();
            postFilter = std::move(parsed).value();
        }
        for (const Json& item : response.value("Items", Json::array())) {
            if (postFilter) {
                auto decoded = itemFromJson(item);
                if (!decoded) return decoded.error();
                if (!evaluateCondition(*postFilter, *decoded)) continue;
            }
            SHARDSCAPE_TRY(add(item));
        }
    } else if (response.contains("Attributes") && !response["Attributes"].empty()) {
        items.push_back(response["Attributes"]);
    }
    return items;
}

// Adds the numbers of one ConsumedCapacity entry into another of the same table.
void addCapacity(Json& total, const Json& entry) {
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (it->is_number()) {
            total[it.key()] = total.value(it.key(), 0.0) + it->get<double>();
        } else if (it->is_object()) {
            if (!total.contains(it.key())) total[it.key()] = Json::object();
            addCapacity(total[it.key()], *it);
        } else if (!total.contains(it.key())) {
            total[it.key()] = *it;
        }
    }
}

// ConsumedCapacity per table, in the order the tables first appear.
class CapacityTotals {
  public:
    void add(const Json& response) {
        if (!response.contains("ConsumedCapacity")) return;
        const Json& entry = response["ConsumedCapacity"];
        const std::string table = entry.value("TableName", "");
        auto it = index_.find(table);
        if (it == index_.end()) {
            index_[table] = list_.size();
            list_.push_back(entry);
        } else {
            Json& total = list_[it->second];
            Json sum = Json::object();
            addCapacity(sum, total);
            Json numbers = entry;
            numbers.erase("TableName");
            addCapacity(sum, numbers);
            total = std::move(sum);
        }
    }
    const Json& list() const { return list_; }

  private:
    std::map<std::string, size_t> index_;
    Json list_ = Json::array();
};

// A SELECT that names several partition key values (IN, OR): its GetItems or Queries in
// order from where `position` (a NextToken's content, or null) stopped, in pages of up to
// kPartitionChoicePageItems items (fewer with a smaller Limit), with their capacity summed.
Result<Json> readPartitions(Engine& engine, const Statement& statement,
                            const Translation& translation, const Json& request,
                            const Json& position, const std::string& print) {
    const Json capacity = request.value("ReturnConsumedCapacity", Json());
    size_t page = partiql::kPartitionChoicePageItems;
    if (request.contains("Limit"))
        page =
            std::min(page, static_cast<size_t>(std::max(1LL, request["Limit"].get<long long>())));
    size_t first = 0;
    Json startKey;
    if (position.is_object()) {
        first = position.value("p", size_t(0));
        if (first >= translation.partitions.size()) return validationError("Invalid NextToken");
        if (!position["k"].empty()) startKey = position["k"];
    }
    Json items = Json::array();
    CapacityTotals totals;
    std::optional<size_t> stoppedIn;
    Json lastKey;
    for (size_t i = first; i < translation.partitions.size(); ++i) {
        Translation part = translation.partitions[i];
        if (part.operation == "Query") {
            part.request["Limit"] = page - items.size();
            if (!startKey.is_null()) part.request["ExclusiveStartKey"] = std::move(startKey);
        }
        startKey = Json();
        auto response = run(engine, statement, part, capacity);
        if (!response) return response.error();
        totals.add(*response);
        auto shown = itemsOf(part, *response);
        if (!shown) return shown.error();
        for (Json& item : *shown) items.push_back(std::move(item));
        if (response->contains("LastEvaluatedKey")) {
            stoppedIn = i;
            lastKey = (*response)["LastEvaluatedKey"];
            break;
        }
        if (items.size() >= page && i + 1 < translation.partitions.size()) {
            stoppedIn = i + 1;
            lastKey = Json::object();
            break;
        }
    }
    Json out = {{"Items", std::move(items)}};
    if (stoppedIn) {
        out["NextToken"] = nextToken(print, lastKey, *stoppedIn);
        if (!lastKey.empty()) out["LastEvaluatedKey"] = lastKey;
    }
    if (!capacity.is_null() && capacity != "NONE" && !totals.list().empty())
        out["ConsumedCapacity"] = totals.list()[0];
    return out;
}

// The answer to a repeat of a SELECT by the whole key (partiql_key_reads.h), read as its
// GetItem; nothing when the statement must be read afresh: not remembered, its table changed,
// too few parameters, or a value the full path has an error for.
std::optional<Result<Json>> readRememberedKey(Engine& engine, const std::string& text,
                                              const Json& parameters, const Json& request) {
    const KeyReadPlan* plan = rememberedKeyRead(text);
    if (!plan || engine.table(plan->table->name) != plan->table) return std::nullopt;
    if (plan->parametersUsed > (parameters.is_array() ? parameters.size() : 0)) return std::nullopt;
    // ConsistentRead and ReturnConsumedCapacity passed ExecuteStatement's request shape: each
    // is absent, null, or of its type.
    const auto consistentMember = request.find("ConsistentRead");
    const bool consistent = consistentMember != request.end() && consistentMember->is_boolean() &&
                            consistentMember->get<bool>();
    const auto capacityMember = request.find("ReturnConsumedCapacity");
    const ReturnConsumedCapacity capacity = toReturnConsumedCapacity(
        capacityMember != request.end() && capacityMember->is_string()
            ? std::optional<std::string>(capacityMember->get<std::string>())
            : std::nullopt);
    Item key;
    for (const auto& [attribute, parameter] : plan->keySources) {
        auto value = attributeValueFromJson(parameter >= 0 ? parameters[size_t(parameter)]
                                                           : plan->literalKey[attribute]);
        if (!value) return std::nullopt;
        key.emplace(attribute, std::move(value).value());
    }

    auto response = readItemByKey(engine, plan->table->name, key, consistent, capacity, nullptr);
    if (!response) return Result<Json>(response.error());
    Json items = Json::array();
    if (auto item = response->find("Item"); item != response->end()) {
        if (plan->projection.empty()) {
            items.push_back(std::move(*item));
        } else {
            auto shown = partiql::projectResult(*item, plan->projection);
            if (!shown) return Result<Json>(shown.error());
            items.push_back(std::move(shown).value());
        }
    }
    Json out = {{"Items", std::move(items)}};
    if (auto used = response->find("ConsumedCapacity"); used != response->end())
        out["ConsumedCapacity"] = std::move(*used);
    return Result<Json>(std::move(out));
}

// AWS: a conditional write whose condition fails still consumes write capacity, one unit
// when the item does not exist, else by the item's size (Developer Guide, "Capacity units
// consumed by conditional writes"). A batch statement's INSERT of a key that exists and
// UPDATE of a missing item are such writes; their capacity counts in the batch's total.
// Returns {"ConsumedCapacity": ...} for CapacityTotals, or an empty object.
Json failedWriteCapacity(Engine& engine, const TableDefinition& table,
                         const Translation& translation, const Error& error, const Json& capacity) {
    const ErrorType type = wireErrorType(error);
    if (type != ErrorType::ConditionalCheckFailed && type != ErrorType::DuplicateItem)
        return Json::object();
    const ReturnConsumedCapacity mode = toReturnConsumedCapacity(
        capacity.is_string() ? std::optional<std::string>(capacity.get<std::string>())
                             : std::nullopt);
    if (mode == ReturnConsumedCapacity::None) return Json::object();
    const Json& source = translation.request.contains("Key") ? translation.request["Key"]
                                                             : translation.request["Item"];
    Item key;
    for (const KeyAttribute* attribute :
         {&table.partitionKey, table.sortKey ? &*table.sortKey : nullptr}) {
        if (!attribute || !source.contains(attribute->name)) continue;
        auto value = attributeValueFromJson(source[attribute->name]);
        if (!value) return Json::object();
        key.emplace(attribute->name, std::move(value).value());
    }
    auto current = engine.getItem(table.name, key);
    const size_t size = current && current->item ? current->size : 0;
    return Json{{"ConsumedCapacity",
                 consumedCapacityJson(mode, table.name, writeCapacityUnits(size), false)}};
}

}  // namespace

Result<Json> executeStatementOperation(Engine& engine, const Json& request) {
    static const std::string kNoStatement;
    const auto statementMember = request.find("Statement");
    const std::string& text = statementMember != request.end() && statementMember->is_string()
                                  ? statementMember->get_ref<const std::string&>()
                                  : kNoStatement;
    static const Json kNoParameters;
    const auto given = request.find("Parameters");
    const Json& parameters = given != request.end() ? *given : kNoParameters;
    const bool paging = request.contains("NextToken");
    if (!paging)
        if (auto answered = readRememberedKey(engine, text, parameters, request))
            return std::move(*answered);
    auto statement = partiql::parseStatement(text, parameters);
    if (!statement) return statement.error();
    if (statement->kind == Statement::Kind::Exists)
        return validationError("EXISTS can only be used in ExecuteTransaction write requests.");
    auto table = tableOf(engine, *statement);
    if (!table) return table.error();

    partiql::ReadOptions options;
    options.consistentRead = request.value("ConsistentRead", false);
    if (request.contains("Limit")) options.limit = request["Limit"].get<long long>();
    // Only paging needs the statement's fingerprint (a NextToken is bound to its statement).
    std::string print;
    Json position;
    if (paging && statement->isRead()) {
        print = fingerprint(text, parameters);
        auto read = readNextToken(request["NextToken"].get<std::string>(), print);
        if (!read) return read.error();
        position = std::move(read).value();
        options.exclusiveStartKey = position["k"];
    }
    auto translation = partiql::translateStatement(*statement, **table, options);
    if (!translation) return translation.error();
    if (!translation->partitions.empty()) {
        if (print.empty()) print = fingerprint(text, parameters);
        return readPartitions(engine, *statement, *translation, request, position, print);
    }
    passOnConditionCheckFailure(*statement, request, *translation);
    auto response =
        run(engine, *statement, *translation, request.value("ReturnConsumedCapacity", Json()));
    if (!response) return response.error();
    if (statement->isRead() && translation->operation == "GetItem" && !paging) {
        // (A read of several partitions returned above: only single reads by key get here.)
        KeyReadPlan plan{*table, translation->keySources, Json::object(), translation->projection,
                         statement->parametersUsed};
        for (const auto& [attribute, parameter] : plan.keySources)
            if (parameter < 0) plan.literalKey[attribute] = translation->request["Key"][attribute];
        rememberKeyRead(text, std::move(plan));
    }

    auto items = itemsOf(*translation, *response);
    if (!items) return items.error();
    Json out = {{"Items", std::move(items).value()}};
    if (response->contains("LastEvaluatedKey")) {
        if (print.empty()) print = fingerprint(text, parameters);
        out["NextToken"] = nextToken(print, (*response)["LastEvaluatedKey"]);
        out["LastEvaluatedKey"] = (*response)["LastEvaluatedKey"];
    }
    if (response->contains("ConsumedCapacity"))
        out["ConsumedCapacity"] = (*response)["ConsumedCapacity"];
    return out;
}

Result<Json> batchExecuteStatementOperation(Engine& engine, const Json& request) {
    const Json& statements = request["Statements"];
    const Json capacity = request.value("ReturnConsumedCapacity", Json());
    // Read every statement first: a batch holds reads or writes, never both.
    std::vector<Result<Statement>> parsed;
    bool reads = false, writes = false;
    for (const Json& element : statements) {
        parsed.push_back(partiql::parseStatement(element.value("Statement", ""),
                                                 element.value("Parameters", Json())));
        if (parsed.back()) (parsed.back()->isRead() ? reads : writes) = true;
    }
    if (reads && writes)
        return validationError(
            "BatchExecuteStatement API does not support both read and write operations in the "
            "same request.");

    Json responses = Json::array();
    CapacityTotals totals;
    for (size_t i = 0; i < parsed.size(); ++i) {
        Json entry = Json::object();
        auto fail = [&entry](const Error& error) {
            entry["Error"] = {{"Code", itemActionErrorCode(error, "InternalServerError")},
                              {"Message", error.message}};
            if (Json item = conditionFailureItem(error); !item.is_null())
                entry["Error"]["Item"] = std::move(item);
        };
        if (!parsed[i]) {
            fail(parsed[i].error());
            responses.push_back(std::move(entry));
            continue;
        }
        const Statement& statement = *parsed[i];
        entry["TableName"] = statement.table;
        auto outcome = [&]() -> Status {
            if (statement.kind == Statement::Kind::Exists)
                return validationError(
                    "EXISTS can only be used in ExecuteTransaction write requests.");
            auto table = tableOf(engine, statement);
            if (!table) return table.error();
            partiql::ReadOptions options;
            options.consistentRead = statements[i].value("ConsistentRead", false);
            auto translation = partiql::translateStatement(statement, **table, options);
            if (!translation) return translation.error();
            if (statement.isRead() &&
                (translation->operation != "GetItem" || !translation->partitions.empty()))
                return validationError(
                    "Select statements within BatchExecuteStatement must specify the primary key "
                    "in the where clause.");
            translation->request.erase("ReturnValues");
            passOnConditionCheckFailure(statement, statements[i], *translation);
            auto response = run(engine, statement, *translation, capacity);
            if (!response) {
                totals.add(
                    failedWriteCapacity(engine, **table, *translation, response.error(), capacity));
                return response.error();
            }
            totals.add(*response);
            if (statement.isRead() && response->contains("Item")) {
                auto shown = partiql::projectResult((*response)["Item"], translation->projection);
                if (!shown) return shown.error();
                entry["Item"] = std::move(shown).value();
            }
            return {};
        }();
        if (!outcome) fail(outcome.error());
        responses.push_back(std::move(entry));
    }
    Json out = {{"Responses", std::move(responses)}};
    if (!capacity.is_null() && capacity != "NONE") out["ConsumedCapacity"] = totals.list();
    return out;
}

Result<Json> executeTransactionOperation(Engine& engine, const Json& request) {
    const Json& statements = request["TransactStatements"];
    const Json capacity = request.value("ReturnConsumedCapacity", Json());
    std::vector<Statement> parsed;
    std::vector<Translation> translations;
    bool reads = false, writes = false;
    for (const Json& element : statements) {
        auto statement = partiql::parseStatement(element.value("Statement", ""),
                                                 element.value("Parameters", Json()));
        if (!statement) return statement.error();
        (statement->isRead() ? reads : writes) = true;
        parsed.push_back(std::move(statement).value());
    }
    if (reads && writes)
        return validationError(
            "ExecuteTransaction API does not support both read and write operations in the same "
            "request.");
    for (size_t i = 0; i < parsed.size(); ++i) {
        const Statement& statement = parsed[i];
        if (!statement.returning.empty())
            return validationError("RETURNING is not supported in ExecuteTransaction");
        if (statement.isRead() && statement.index)
            return validationError("Reads on indices are not supported within transactions.");
        auto table = tableOf(engine, statement);
        if (!table) return table.error();
        auto translation = partiql::translateStatement(statement, **table);
        if (!translation) return translation.error();
        if (statement.isRead() &&
            (translation->operation != "GetItem" || !translation->partitions.empty()))
            return validationError(
                "Select statements within ExecuteTransaction must specify the primary key in the "
                "where clause.");
        passOnConditionCheckFailure(statement, statements[i], *translation);
        translations.push_back(std::move(translation).value());
    }

    Json transact = {{"TransactItems", Json::array()}};
    if (!capacity.is_null()) transact["ReturnConsumedCapacity"] = capacity;
    if (reads) {
        for (const Translation& t : translations)
            transact["TransactItems"].push_back({{"Get", t.request}});
        auto response = dispatchBuilt(engine, "TransactGetItems", transact);
        if (!response) return response.error();
        Json out = {{"Responses", Json::array()}};
        const Json& got = (*response)["Responses"];
        for (size_t i = 0; i < translations.size(); ++i) {
            Json entry = Json::object();
            if (got[i].contains("Item")) {
                auto shown = partiql::projectResult(got[i]["Item"], translations[i].projection);
                if (!shown) return shown.error();
                entry["Item"] = std::move(shown).value();
            }
            out["Responses"].push_back(std::move(entry));
        }
        if (response->contains("ConsumedCapacity"))
            out["ConsumedCapacity"] = (*response)["ConsumedCapacity"];
        return out;
    }
    static const std::map<std::string, std::string> kActions = {
        {"PutItem", "Put"},
        {"UpdateItem", "Update"},
        {"DeleteItem", "Delete"},
        {"ConditionCheck", "ConditionCheck"}};
    for (const Translation& t : translations)
        transact["TransactItems"].push_back({{kActions.at(t.operation), t.request}});
    if (request.contains("ClientRequestToken"))
        transact["ClientRequestToken"] = request["ClientRequestToken"];
    auto response = dispatchBuilt(engine, "TransactWriteItems", transact);
    if (response) return response;
    // An INSERT whose key exists is cancelled as a duplicate, not as a failed condition.
    Error error = response.error();
    Json extra = Json::parse(error.extraJson.empty() ? "{}" : error.extraJson, nullptr, false);
    if (error.type != ErrorType::TransactionCanceled || !extra.contains("CancellationReasons"))
        return error;
    Json& reasons = extra["CancellationReasons"];
    std::string codes;
    for (size_t i = 0; i < reasons.size() && i < parsed.size(); ++i) {
        if (parsed[i].kind == Statement::Kind::Insert &&
            reasons[i].value("Code", "") == "ConditionalCheckFailed")
            reasons[i] = {{"Code", "DuplicateItem"},
                          {"Message", "Duplicate primary key exists in table"}};
        codes += (codes.empty() ? "" : ", ") + reasons[i].value("Code", std::string());
    }
    return Error{ErrorType::TransactionCanceled,
                 "Transaction cancelled, please refer cancellation reasons for specific reasons [" +
                     codes + "]",
                 extra.dump()};
}

}  // namespace shardscape
