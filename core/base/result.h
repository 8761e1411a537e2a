#pragma once
// Explicit result types used across core's public surface.
//
// Core never throws across a layer boundary: every fallible call returns a Result<T> that
// holds either a value or an Error. An Error says what went wrong in one of two vocabularies:
// a DynamoDB error (code Dynamo, with DynamoDB's error type, so whoever shows it can present
// exactly what DynamoDB would), or a domain code set by the layer that knows the cause (a
// file that does not exist, a failed disk, a data directory in use, a cancelled run). Only
// the api layer turns a domain code into a DynamoDB type, for the wire (api/wire_error.h).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace shardscape {

// The error families DynamoDB reports; `name()` gives the wire name used in "__type".
enum class ErrorType {
    Validation,
    ResourceNotFound,
    ResourceInUse,
    ConditionalCheckFailed,
    ProvisionedThroughputExceeded,
    Throttling,
    ItemCollectionSizeLimitExceeded,
    TransactionCanceled,
    LimitExceeded,
    IdempotentParameterMismatch,
    // A PartiQL INSERT of a key that exists.
    DuplicateItem,
    Serialization,
    UnknownOperation,
    InternalServer,
    // DynamoDB Streams' GetShardIterator and GetRecords.
    ExpiredIterator,
    TrimmedDataAccess,
    // Request authentication (the HTTP endpoint), reported in the coral namespace.
    MissingAuthenticationToken,
    IncompleteSignature,
    InvalidSignature,
    UnrecognizedClient,
};

// What kind of failure an error is, independent of DynamoDB's vocabulary.
enum class ErrorCode {
    // A DynamoDB error: Error::type says which (a request DynamoDB would refuse the same way).
    Dynamo,
    // Input that is not acceptable and is not a DynamoDB request: a size or an option out of
    // range, content that cannot be used.
    InvalidArgument,
    // A file or directory that does not exist.
    NotFound,
    // Reading or writing failed: the file system or the storage below the engine.
    IOError,
    // Stored data that cannot be decoded.
    Corruption,
    // Held by someone else: a data directory open in another Shardscape process.
    Busy,
    // The caller asked to stop (a cancelled simulation).
    Cancelled,
};

struct Error {
    Error() = default;
    Error(ErrorType errorType, std::string errorMessage, std::string extra = {})
        : type(errorType), message(std::move(errorMessage)), extraJson(std::move(extra)) {}
    // A domain error. Its `type` is InternalServer as a placeholder that no check for a
    // DynamoDB error matches; what it is sent as on the wire is api/wire_error.h's choice.
    Error(ErrorCode errorCode, std::string errorMessage)
        : code(errorCode), type(ErrorType::InternalServer), message(std::move(errorMessage)) {}

    ErrorCode code = ErrorCode::Dynamo;
    // DynamoDB's error type; meaningful when `code` is Dynamo.
    ErrorType type = ErrorType::Validation;
    std::string message;
    // Further members of the error body as a JSON object text, e.g. the "Item" of a
    // ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure=ALL_OLD.
    std::string extraJson;

    bool isDynamo() const { return code == ErrorCode::Dynamo; }
    bool isCancelled() const { return code == ErrorCode::Cancelled; }
    bool isBusy() const { return code == ErrorCode::Busy; }
    bool isNotFound() const { return code == ErrorCode::NotFound; }
    // The storage failed (a read, write or sync error, or damaged data).
    bool isStorageFailure() const {
        return code == ErrorCode::IOError || code == ErrorCode::Corruption;
    }

    // For people: DynamoDB's name of a DynamoDB error ("ValidationException",
    // "ResourceNotFoundException", ...), the code's name of a domain error ("IOError",
    // "Busy", ...). The wire form is api/wire_error.h's.
    std::string name() const;
    // The same error with `context` (e.g. "model.json: ") before its message.
    Error withContext(std::string_view context) const;
};

// "ValidationException", "ResourceNotFoundException", ... (the short form of "__type").
std::string errorTypeName(ErrorType type);
// "InvalidArgument", "NotFound", "IOError", "Corruption", "Busy", "Cancelled" ("Dynamo").
std::string errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(std::string_view name);

inline Error validationError(std::string message) {
    return Error{ErrorType::Validation, std::move(message)};
}
inline Error serializationError(std::string message) {
    return Error{ErrorType::Serialization, std::move(message)};
}
inline Error internalError(std::string message) {
    return Error{ErrorType::InternalServer, std::move(message)};
}

// Domain errors.
inline Error invalidArgumentError(std::string message) {
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}
inline Error notFoundError(std::string message) {
    return Error{ErrorCode::NotFound, std::move(message)};
}
inline Error ioError(std::string message) {
    return Error{ErrorCode::IOError, std::move(message)};
}
inline Error corruptionError(std::string message) {
    return Error{ErrorCode::Corruption, std::move(message)};
}
inline Error busyError(std::string message) {
    return Error{ErrorCode::Busy, std::move(message)};
}
inline Error cancelledError(std::string message) {
    return Error{ErrorCode::Cancelled, std::move(message)};
}
// A failed system call on a file: "<context>: <strerror>", NotFound for ENOENT, IOError
// otherwise.
Error fileSystemError(std::string context, int errorNumber);

template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(state_); }

  private:
    std::variant<T, Error> state_;
};

// Result of an operation with no value: empty on success.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *error_; }

  private:
    std::optional<Error> error_;
};

}  // namespace shardscape

// Propagates a failed Status or Result<T> out of the calling function.
#define SHARDSCAPE_TRY(expr)                                                     \
    do {                                                                         \
        auto&& shardscape_try_result_ = (expr);                                  \
        if (!shardscape_try_result_.ok()) return shardscape_try_result_.error(); \
    } while (false)
