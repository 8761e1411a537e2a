#pragma once
// The one entry point the CLI, the GUI and the HTTP endpoint all call: an operation name as
// DynamoDB names it ("PutItem", "Query", ...) and a request body in DynamoDB JSON, giving the
// response body or an Error with DynamoDB's type and message.

#include <string>
#include <string_view>
#include <vector>

#include "storage/engine.h"
#include "values/attribute_json.h"

namespace shardscape {

Result<Json> dispatch(Engine& engine, std::string_view operation, const Json& request);
// For a request Shardscape built itself from one that dispatch() already checked (a PartiQL
// statement translated into the operation that runs it): the operation without checking the
// request's shape again.
Result<Json> dispatchBuilt(Engine& engine, std::string_view operation, const Json& request);
// Same as dispatch(), from request text; malformed JSON is a SerializationException.
Result<Json> dispatchText(Engine& engine, std::string_view operation, std::string_view body);

// Every operation dispatch() serves: DynamoDB's and DynamoDB Streams'.
std::vector<std::string> supportedOperations();
// The DynamoDB Streams operations (ListStreams, DescribeStream, GetShardIterator, GetRecords):
// the endpoint serves them under X-Amz-Target DynamoDBStreams_20120810, the others under
// DynamoDB_20120810.
bool isStreamsOperation(std::string_view operation);

// Operations DynamoDB answers with an empty body (TagResource, UntagResource: they have no
// output members); dispatch gives {} for them, which is what goes on the wire as nothing.
bool hasEmptyResponseBody(std::string_view operation);

// {"__type": "...#ValidationException", "message": "..."} as DynamoDB sends errors; without the
// message member when the message is empty.
Json errorBody(const Error& error);

}  // namespace shardscape
