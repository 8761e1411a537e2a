#pragma once
// Reads an access pattern's key condition and filter with the engine's expression parser,
// so a pattern is checked by exactly the rules a real request would be.
//
// A pattern's placeholders stand for templates: ":pk" -> "CUSTOMER#{customerId}". The parser
// sees each template as the placeholder's value (a string, or a number/bool when the model
// gives one), so the terms below carry the template text back.

#include <optional>
#include <string>
#include <vector>

#include "expressions/expression.h"
#include "model/model.h"

namespace shardscape {

struct KeyTerm {
    enum class Kind { Equal, Range, BeginsWith };
    std::string attribute;
    Kind kind = Kind::Equal;
    std::string valueTemplate;  // the value of the (first) placeholder, as text
};

struct PatternExpressions {
    std::vector<KeyTerm> keyTerms;    // one per condition of the key condition
    std::optional<Condition> filter;  // parsed FilterExpression, if any
};

// Fails with the parser's ValidationException (DynamoDB's wording) when an expression is
// malformed, uses an unknown or unused placeholder, a reserved word, or an operator a key
// condition does not allow.
Result<PatternExpressions> readPatternExpressions(const AccessPattern& pattern);

// Attributes a filter compares for equality with a value ("status = :open" -> status).
std::vector<std::string> filterEqualityAttributes(const Condition& filter);

// The attributes `pattern` needs from `index` of `table` that the index does not project: those
// of its projection, then those its filter reads (top-level names, each once). Keys of the
// table and of the index are always projected; empty for an index projecting ALL.
std::vector<std::string> unprojectedAttributes(const ModelTable& table, const ModelIndex& index,
                                               const AccessPattern& pattern);

}  // namespace shardscape
