#pragma once
// ExpressionAttributeNames / ExpressionAttributeValues of one request: parsed once,
// resolved by every expression of the request, and checked for unused entries afterwards
// with DynamoDB's messages.

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"
#include "values/attribute_json.h"
#include "values/attribute_value.h"

namespace shardscape {

class ExpressionContext {
  public:
    // Validates the two maps (syntax of keys, values as AttributeValues, non-empty).
    // `expressionsUsed` is false when the request has no expression at all, which makes
    // any names/values an error, as in DynamoDB. A non-empty `missingValueExpressions` says
    // that none of the request's expressions that take values is present, naming them as
    // DynamoDB's message does ("FilterExpression is null"), and makes any values an error.
    static Result<ExpressionContext> fromRequest(const Json* names, const Json* values,
                                                 bool expressionsUsed,
                                                 std::string_view missingValueExpressions = {});

    // "#n" -> the attribute name it stands for.
    Result<std::string> name(const std::string& placeholder);
    // ":v" -> its value.
    Result<AttributeValue> value(const std::string& placeholder);

    // Fails if a name or value was given but never used.
    Status checkAllUsed() const;

    // A context in which every placeholder is defined (names stand for themselves, values
    // are NULL): parsing with it finds an expression's syntax errors alone.
    ExpressionContext anyPlaceholder() const;

  private:
    bool anyPlaceholder_ = false;
    std::map<std::string, std::string> names_;
    std::map<std::string, AttributeValue> values_;
    std::set<std::string> usedNames_;
    std::set<std::string> usedValues_;
};

}  // namespace shardscape
