#pragma once
// Explicit result types used across core's public surface.
//
// Core never throws across a layer boundary: every fallible call returns a Result<T> that
// holds either a value or an Error carrying DynamoDB's error type and message, so whoever
// shows it (CLI, GUI, HTTP endpoint) can present exactly what DynamoDB would.

#include <optional>
#include <string>
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
    Serialization,
    UnknownOperation,
    InternalServer,
    // Request authentication (the HTTP endpoint), reported in the coral namespace.
    MissingAuthenticationToken,
    IncompleteSignature,
    InvalidSignature,
    UnrecognizedClient,
};

struct Error {
    Error() = default;
    Error(ErrorType errorType, std::string errorMessage, std::string extra = {})
        : type(errorType), message(std::move(errorMessage)), extraJson(std::move(extra)) {}

    ErrorType type = ErrorType::Validation;
    std::string message;
    // Further members of the error body as a JSON object text, e.g. the "Item" of a
    // ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure=ALL_OLD.
    std::string extraJson;

    // "ValidationException", "ResourceNotFoundException", ...
    std::string name() const;
    // "com.amazonaws.dynamodb.v20120810#ValidationException" (coral namespace for the
    // protocol-level errors, as DynamoDB sends them).
    std::string wireType() const;
    // HTTP status DynamoDB uses for this error (400 client errors, 500 internal).
    int httpStatus() const;
};

inline Error validationError(std::string message) {
    return Error{ErrorType::Validation, std::move(message)};
}
inline Error serializationError(std::string message) {
    return Error{ErrorType::Serialization, std::move(message)};
}
inline Error internalError(std::string message) {
    return Error{ErrorType::InternalServer, std::move(message)};
}

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
