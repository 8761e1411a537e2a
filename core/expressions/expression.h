#pragma once
// DynamoDB's expression language, compiled once into a tree and evaluated many times:
// ConditionExpression, FilterExpression, ProjectionExpression and UpdateExpression.
//
// Placeholders are resolved while parsing, so a compiled expression holds the very values
// it compares against; evaluating it on an item allocates nothing for paths and constants.

#include <string>
#include <string_view>
#include <vector>

#include "expressions/expression_context.h"
#include "values/document_path.h"

namespace shardscape {

// Which parameter an expression came from; it prefixes messages ("Invalid FilterExpression: ").
enum class ExpressionKind { Condition, Filter, KeyCondition, Projection, Update };
std::string_view expressionKindName(ExpressionKind kind);

struct Operand {
    enum class Kind { Path, Value, Size, IfNotExists, ListAppend, Plus, Minus };
    Kind kind = Kind::Value;
    DocumentPath path;          // Path, Size
    AttributeValue value;       // Value
    std::vector<Operand> args;  // IfNotExists, ListAppend, Plus, Minus
};

struct Condition {
    enum class Kind { Compare, Between, In, And, Or, Not, Function };
    enum class Comparator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };
    enum class Function {
        AttributeExists,
        AttributeNotExists,
        AttributeType,
        BeginsWith,
        Contains
    };
    Kind kind = Kind::Compare;
    Comparator comparator = Comparator::Equal;
    Function function = Function::AttributeExists;
    std::vector<Operand> operands;    // Compare: 2; Between: 3; In: 1 + list; Function: args
    std::vector<Condition> children;  // And/Or: 2; Not: 1
};

struct UpdateAction {
    enum class Kind { Set, Remove, Add, Delete };
    Kind kind = Kind::Set;
    DocumentPath path;
    Operand value;  // Set: the new value; Add/Delete: the operand; Remove: unused
};

// A ProjectionExpression: the document paths to keep.
using Projection = std::vector<DocumentPath>;

// Parses; every failure is a ValidationException with DynamoDB's wording.
Result<Condition> parseConditionExpression(ExpressionKind kind, std::string_view text,
                                           ExpressionContext& context);
// The condition grammar alone: a KeyConditionExpression's own rules (its operators, one
// condition per key, no nesting) are not applied. DynamoDB reads every expression this way,
// and checks the names and values they use, before those rules.
Result<Condition> parseConditionGrammar(ExpressionKind kind, std::string_view text,
                                        ExpressionContext& context);
Result<Projection> parseProjectionExpression(std::string_view text, ExpressionContext& context);
Result<std::vector<UpdateAction>> parseUpdateActions(std::string_view text,
                                                     ExpressionContext& context);

// Every document path a condition reads (for "key attributes not allowed in a filter").
std::vector<DocumentPath> conditionPaths(const Condition& condition);

// DynamoDB's limit on any one expression.
constexpr size_t kMaxExpressionBytes = 4096;

}  // namespace shardscape
