#include "base/result.h"

namespace shardscape {

std::string Error::name() const {
    switch (type) {
        case ErrorType::Validation:
            return "ValidationException";
        case ErrorType::ResourceNotFound:
            return "ResourceNotFoundException";
        case ErrorType::ResourceInUse:
            return "ResourceInUseException";
        case ErrorType::ConditionalCheckFailed:
            return "ConditionalCheckFailedException";
        case ErrorType::ProvisionedThroughputExceeded:
            return "ProvisionedThroughputExceededException";
        case ErrorType::Throttling:
            return "ThrottlingException";
        case ErrorType::ItemCollectionSizeLimitExceeded:
            return "ItemCollectionSizeLimitExceededException";
        case ErrorType::TransactionCanceled:
            return "TransactionCanceledException";
        case ErrorType::LimitExceeded:
            return "LimitExceededException";
        case ErrorType::IdempotentParameterMismatch:
            return "IdempotentParameterMismatchException";
        case ErrorType::Serialization:
            return "SerializationException";
        case ErrorType::UnknownOperation:
            return "UnknownOperationException";
        case ErrorType::InternalServer:
            return "InternalServerError";
        case ErrorType::MissingAuthenticationToken:
            return "MissingAuthenticationTokenException";
        case ErrorType::IncompleteSignature:
            return "IncompleteSignatureException";
        case ErrorType::InvalidSignature:
            return "InvalidSignatureException";
        case ErrorType::UnrecognizedClient:
            return "UnrecognizedClientException";
    }
    return "InternalServerError";
}

std::string Error::wireType() const {
    // Protocol-level errors come from the service framework (coral), not from DynamoDB itself.
    switch (type) {
        case ErrorType::Serialization:
        case ErrorType::UnknownOperation:
        case ErrorType::MissingAuthenticationToken:
        case ErrorType::IncompleteSignature:
        case ErrorType::InvalidSignature:
        case ErrorType::UnrecognizedClient:
            return "com.amazon.coral.service#" + name();
        default:
            return "com.amazonaws.dynamodb.v20120810#" + name();
    }
}

int Error::httpStatus() const {
    return type == ErrorType::InternalServer ? 500 : 400;
}

}  // namespace shardscape
