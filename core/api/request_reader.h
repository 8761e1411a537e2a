#pragma once
// Reads the members of a DynamoDB request body and validates them the way DynamoDB does:
//
// 1. Deserialization: a member of the wrong JSON type is a SerializationException
//    ("NUMBER_VALUE cannot be converted to String"); the first one found wins.
// 2. Constraints: every violated constraint is collected and reported together as
//    "N validation error(s) detected: Value 'x' at 'tableName' failed to satisfy
//    constraint: ...; ..." (DynamoDB reports at most 10).
//
// Operation-specific rules run after `finish()` succeeds.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape {

class RequestReader {
  public:
    explicit RequestReader(const Json& request);

    const Json& request() const { return request_; }

    std::optional<std::string> string(const char* member);
    // `javaType` is the member's type in DynamoDB's model, which its deserialization errors
    // name: Integer for Limit, Segment and TotalSegments, Long for capacity units.
    std::optional<int64_t> integer(const char* member, const char* javaType = "Integer");
    std::optional<bool> boolean(const char* member);
    // A nested structure or map; nullptr when absent or mistyped.
    const Json* object(const char* member);
    const Json* array(const char* member);

    // Reads a member of a nested structure (e.g. ProvisionedThroughput.ReadCapacityUnits).
    std::optional<int64_t> integerIn(const Json* parent, const char* member,
                                     const char* javaType = "Long");
    std::optional<std::string> stringIn(const Json* parent, const char* member);

    // Constraint checks; `path` is the member path as DynamoDB prints it ("tableName").
    void notNull(bool present, const std::string& path);
    void tableName(const std::optional<std::string>& value, const std::string& path = "tableName",
                   bool required = true);
    void oneOf(const std::optional<std::string>& value, const std::string& path,
               std::initializer_list<const char*> allowed);
    void atLeast(const std::optional<int64_t>& value, const std::string& path, int64_t minimum);
    void atMost(const std::optional<int64_t>& value, const std::string& path, int64_t maximum);
    void lengthBetween(const std::optional<std::string>& value, const std::string& path,
                       size_t minimum, size_t maximum);
    void constraint(const std::string& shownValue, const std::string& path,
                    const std::string& message);
    // A member of a nested structure has the wrong JSON type (checked by the caller):
    // recorded as a SerializationException with `message`.
    void typeError(std::string message) { serialization(std::move(message)); }

    // The first serialization error, else all constraint errors, else success.
    Status finish() const;

    static std::string quoted(const std::string& value) { return "'" + value + "'"; }

  private:
    const Json* member(const Json* parent, const char* name) const;
    void serialization(std::string message);

    const Json& request_;
    std::optional<Error> serializationError_;
    std::vector<std::string> constraintErrors_;
};

// "TableName" -> "tableName", as DynamoDB names members in validation messages.
std::string lowerFirst(std::string text);

// DynamoDB's pattern for table and index names, [a-zA-Z0-9_.-]+ (the length is checked apart).
bool matchesNamePattern(std::string_view text);

}  // namespace shardscape
