#include "api/dispatch.h"

#include <map>

#include "api/operations.h"
#include "api/request_shape.h"
#include "api/wire_error.h"
#include "base/json_text.h"

namespace shardscape {

namespace {
using Handler = Result<Json> (*)(Engine&, const Json&);

const std::map<std::string, Handler, std::less<>>& handlers() {
    static const std::map<std::string, Handler, std::less<>> table = {
        {"BatchGetItem", batchGetItemOperation},
        {"BatchExecuteStatement", batchExecuteStatementOperation},
        {"BatchWriteItem", batchWriteItemOperation},
        {"CreateTable", createTableOperation},
        {"DeleteItem", deleteItemOperation},
        {"DeleteTable", deleteTableOperation},
        {"DescribeStream", describeStreamOperation},
        {"DescribeTable", describeTableOperation},
        {"DescribeTimeToLive", describeTimeToLiveOperation},
        {"ExecuteStatement", executeStatementOperation},
        {"ExecuteTransaction", executeTransactionOperation},
        {"GetItem", getItemOperation},
        {"GetRecords", getRecordsOperation},
        {"GetShardIterator", getShardIteratorOperation},
        {"ListStreams", listStreamsOperation},
        {"ListTables", listTablesOperation},
        {"ListTagsOfResource", listTagsOfResourceOperation},
        {"PutItem", putItemOperation},
        {"Query", queryOperation},
        {"Scan", scanOperation},
        {"TagResource", tagResourceOperation},
        {"TransactGetItems", transactGetItemsOperation},
        {"TransactWriteItems", transactWriteItemsOperation},
        {"UntagResource", untagResourceOperation},
        {"UpdateItem", updateItemOperation},
        {"UpdateTable", updateTableOperation},
        {"UpdateTimeToLive", updateTimeToLiveOperation},
    };
    return table;
}
}  // namespace

Result<Json> dispatch(Engine& engine, std::string_view operation, const Json& request) {
    auto it = handlers().find(operation);
    if (it == handlers().end())
        return Error{ErrorType::UnknownOperation, "Unknown operation: " + std::string(operation)};
    if (!request.is_object()) return serializationError("Start of list found where not expected");
    try {
        if (const Members* shape = requestShape(operation)) {
            auto read = checkRequestShape(*shape, request);
            if (!read) return read.error();
            if (read->has_value()) return it->second(engine, **read);
        }
        return it->second(engine, request);
    } catch (const std::exception& e) {
        // A handler bug must not take the process (and the user's open work) down with it.
        return internalError(std::string("Internal error: ") + e.what());
    }
}

Result<Json> dispatchBuilt(Engine& engine, std::string_view operation, const Json& request) {
    auto it = handlers().find(operation);
    if (it == handlers().end())
        return Error{ErrorType::UnknownOperation, "Unknown operation: " + std::string(operation)};
    try {
        return it->second(engine, request);
    } catch (const std::exception& e) {
        return internalError(std::string("Internal error: ") + e.what());
    }
}

Result<Json> dispatchText(Engine& engine, std::string_view operation, std::string_view body) {
    Json request = parseJsonText(body);
    if (request.is_discarded()) return serializationError("Malformed JSON in the request body");
    return dispatch(engine, operation, request);
}

std::vector<std::string> supportedOperations() {
    std::vector<std::string> names;
    for (const auto& [name, handler] : handlers()) names.push_back(name);
    return names;
}

bool isStreamsOperation(std::string_view operation) {
    return operation == "ListStreams" || operation == "DescribeStream" ||
           operation == "GetShardIterator" || operation == "GetRecords";
}

bool hasEmptyResponseBody(std::string_view operation) {
    return operation == "TagResource" || operation == "UntagResource";
}

Json errorBody(const Error& error) {
    // SerializationException is the one DynamoDB error whose body says "Message".
    const char* messageMember =
        wireErrorType(error) == ErrorType::Serialization ? "Message" : "message";
    // Some of DynamoDB's bodies carry no message at all (a body that is not JSON, an unknown
    // X-Amz-Target): an empty message leaves the member out.
    Json body = {{"__type", wireTypeName(error)}};
    if (!error.message.empty()) body[messageMember] = error.message;
    if (!error.extraJson.empty()) {
        Json extra = Json::parse(error.extraJson, nullptr, false);
        if (extra.is_object()) body.update(extra);
    }
    return body;
}

}  // namespace shardscape
