#pragma once
// The access pattern editor's pieces: a key condition built from a partition key value and
// an optional sort key condition (=, <, <=, >, >=, BETWEEN, begins_with), the filter's
// placeholder values typed as text, and the pattern those make. The editor holds no rules:
// it fills a KeyConditionForm and calls composePattern.
//
// Placeholders are named after the key attribute (":pk" for PK, ":sk" and ":skTo" for a
// BETWEEN on SK); an attribute name that is a reserved word or not a plain name goes
// through an expression attribute name ("#status"). In the filter, "#name" stands for the
// attribute `name` unless the pattern already maps it.

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "model/model.h"

namespace shardscape {

enum class SortCondition {
    None,
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Between,
    BeginsWith
};

// "", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with".
std::string_view sortConditionText(SortCondition condition);
// The reverse; None for anything else.
SortCondition sortConditionFromText(std::string_view text);

struct KeyConditionForm {
    std::string partitionKey;
    std::string partitionValue;  // a template: "CUSTOMER#{customerId}"
    std::string sortKey;         // empty: no sort key condition
    SortCondition sort = SortCondition::None;
    std::string sortValue;
    std::string sortValueTo;  // BETWEEN's upper bound
};

// The key attributes of the table (`index` empty) or index a pattern reads; an error when
// either is not in the model.
struct PatternKeys {
    std::string partitionKey;
    std::string sortKey;  // empty: none
};
Result<PatternKeys> patternKeys(const Model& model, const std::string& table,
                                const std::string& index);

// The key condition a pattern's text holds, when it has the builder's shape (the partition
// key equality first, then at most one sort key condition); nullopt otherwise.
std::optional<KeyConditionForm> readKeyCondition(const AccessPattern& pattern);

// ":placed = PLACED; :min = 10" -> {":placed": "PLACED", ":min": 10}: entries separated by
// ';', a value that is a JSON number, true or false is kept as that, a "quoted" value as
// the string inside, anything else as the text (trimmed).
Result<OrderedJson> parsePlaceholderValues(const std::string& text);
// The values of `pattern` its filter uses, in parsePlaceholderValues's format.
std::string filterValuesText(const AccessPattern& pattern);

// `pattern` with its key condition, filter, names and values made from the form (an empty
// partition key: no key condition, as for PutItem or Scan). Other members are kept.
Result<AccessPattern> composePattern(AccessPattern pattern, const KeyConditionForm& key,
                                     const std::string& filter, const std::string& filterValues);

}  // namespace shardscape
