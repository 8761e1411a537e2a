#pragma once
// How an Error goes on DynamoDB's wire: the one place where a domain code (base/result.h)
// becomes a DynamoDB error type. The endpoint's responses, `shardscape-cli call`'s error
// bodies and a transaction's cancellation reasons all go through it.
//
//   DynamoDB errors (code Dynamo)     as they are
//   InvalidArgument                   ValidationException (400)
//   NotFound                          ResourceNotFoundException (400)
//   IOError, Corruption, Busy,        InternalServerError (500): the server could not do
//   Cancelled                         what it was asked, and a retry may succeed

#include <string>

#include "base/result.h"

namespace shardscape {

// The DynamoDB error type `error` is sent as.
ErrorType wireErrorType(const Error& error);
// The "__type" of the error body, as DynamoDB sends it: "com.amazonaws.dynamodb.v20120810#"
// for DynamoDB's own errors, "com.amazon.coral.validate#ValidationException" for validation
// and "com.amazon.coral.service#" for the protocol-level errors (serialization, unknown
// operation, authentication).
std::string wireTypeName(const Error& error);
// The HTTP status DynamoDB uses for it (400 client errors, 500 internal).
int wireHttpStatus(const Error& error);
// The short code of an item action's failure inside a bigger request: a transaction's
// CancellationReasons and BatchExecuteStatement's per-statement Error ("ConditionalCheckFailed",
// "DuplicateItem", "ValidationError", "ThrottlingError", ...); `other` for the rest, which the
// two name differently ("InternalError", "InternalServerError").
std::string itemActionErrorCode(const Error& error, const char* other);

}  // namespace shardscape
