#include "base/result.h"

#include <cerrno>
#include <cstring>

namespace shardscape {

std::string errorTypeName(ErrorType type) {
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
        case ErrorType::DuplicateItem:
            return "DuplicateItemException";
        case ErrorType::Serialization:
            return "SerializationException";
        case ErrorType::UnknownOperation:
            return "UnknownOperationException";
        case ErrorType::InternalServer:
            return "InternalServerError";
        case ErrorType::ExpiredIterator:
            return "ExpiredIteratorException";
        case ErrorType::TrimmedDataAccess:
            return "TrimmedDataAccessException";
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

std::string errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::Dynamo:
            return "Dynamo";
        case ErrorCode::InvalidArgument:
            return "InvalidArgument";
        case ErrorCode::NotFound:
            return "NotFound";
        case ErrorCode::IOError:
            return "IOError";
        case ErrorCode::Corruption:
            return "Corruption";
        case ErrorCode::Busy:
            return "Busy";
        case ErrorCode::Cancelled:
            return "Cancelled";
    }
    return "IOError";
}

std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
    for (ErrorCode code :
         {ErrorCode::Dynamo, ErrorCode::InvalidArgument, ErrorCode::NotFound, ErrorCode::IOError,
          ErrorCode::Corruption, ErrorCode::Busy, ErrorCode::Cancelled})
        if (errorCodeName(code) == name) return code;
    return std::nullopt;
}

std::string Error::name() const {
    return code == ErrorCode::Dynamo ? errorTypeName(type) : errorCodeName(code);
}

Error Error::withContext(std::string_view context) const {
    Error out = *this;
    out.message.insert(0, context);
    return out;
}

Error fileSystemError(std::string context, int errorNumber) {
    context.append(": ").append(std::strerror(errorNumber));
    return Error{errorNumber == ENOENT ? ErrorCode::NotFound : ErrorCode::IOError,
                 std::move(context)};
}

}  // namespace shardscape
