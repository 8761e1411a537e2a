#include "api/wire_error.h"

namespace shardscape {

ErrorType wireErrorType(const Error& error) {
    switch (error.code) {
        case ErrorCode::Dynamo:
            return error.type;
        case ErrorCode::InvalidArgument:
            return ErrorType::Validation;
        case ErrorCode::NotFound:
            return ErrorType::ResourceNotFound;
        case ErrorCode::IOError:
        case ErrorCode::Corruption:
        case ErrorCode::Busy:
        case ErrorCode::Cancelled:
            return ErrorType::InternalServer;
    }
    return ErrorType::InternalServer;
}

std::string wireTypeName(const Error& error) {
    const ErrorType type = wireErrorType(error);
    // Protocol-level errors come from the service framework (coral), not from DynamoDB itself;
    // request validation from coral's validator.
    switch (type) {
        case ErrorType::Validation:
            return "com.amazon.coral.validate#ValidationException";
        case ErrorType::Serialization:
        case ErrorType::UnknownOperation:
        case ErrorType::MissingAuthenticationToken:
        case ErrorType::IncompleteSignature:
        case ErrorType::InvalidSignature:
        case ErrorType::UnrecognizedClient:
            return "com.amazon.coral.service#" + errorTypeName(type);
        default:
            return "com.amazonaws.dynamodb.v20120810#" + errorTypeName(type);
    }
}

int wireHttpStatus(const Error& error) {
    return wireErrorType(error) == ErrorType::InternalServer ? 500 : 400;
}

std::string itemActionErrorCode(const Error& error, const char* other) {
    switch (wireErrorType(error)) {
        case ErrorType::ConditionalCheckFailed:
            return "ConditionalCheckFailed";
        case ErrorType::DuplicateItem:
            return "DuplicateItem";
        case ErrorType::ItemCollectionSizeLimitExceeded:
            return "ItemCollectionSizeLimitExceeded";
        case ErrorType::Validation:
            return "ValidationError";
        case ErrorType::ProvisionedThroughputExceeded:
            return "ProvisionedThroughputExceeded";
        case ErrorType::Throttling:
            return "ThrottlingError";
        case ErrorType::ResourceNotFound:
            return "ResourceNotFound";
        default:
            return other;
    }
}

}  // namespace shardscape
