#pragma once
// The shape of each operation's request as DynamoDB's service model declares it: members in
// the model's order, their Java types and their constraints. Checking a request against its
// shape gives DynamoDB's first two answers to a bad request, in DynamoDB's order:
//
// 1. Deserialization: a member of the wrong JSON type is a SerializationException worded as
//    DynamoDB's JSON reader words it ("NUMBER_VALUE cannot be converted to String",
//    "Unexpected field type", ...). The first one found, walking the shape in order, wins.
// 2. Validation: a missing required member ("The parameter 'TableName' is required but was
//    not present in the request"), a table name of the wrong length, then every violated
//    constraint, reported together as "N validation error(s) detected: Value 'x' at
//    'path' failed to satisfy constraint: ...; ..." (at most 10).
//
// The operations' own rules (expressions, keys against the table, ...) run after.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace shardscape {

// How a member is read; the names are the Java types DynamoDB's messages mention.
enum class ShapeKind {
    String,
    Integer,
    Long,
    Boolean,
    Blob,
    List,
    ParameterizedList,
    Map,
    ParameterizedMap,
    ValueStruct,  // a structure in a list or map, or an attribute value
    FieldStruct,  // a structure held by a named member
    AttributeValue,
};

struct Constraint {
    enum class Kind {
        NotNull,
        AtLeast,
        AtMost,
        Pattern,  // DynamoDB's name pattern, [a-zA-Z0-9_.-]+
        LengthAtLeast,
        LengthAtMost,
        OneOf,
        // Map keys: each key must satisfy `keyConstraints`; Map values: each value's length.
        Keys,
        Values,
    };
    Constraint(Kind kind, long long bound = 0, std::vector<std::string> allowed = {},
               std::vector<Constraint> nested = {})
        : kind(kind), bound(bound), allowed(std::move(allowed)), nested(std::move(nested)) {}

    Kind kind;
    long long bound = 0;
    std::vector<std::string> allowed;
    std::vector<Constraint> nested;
};

struct ShapeMember;

class Shape {
  public:
    ShapeKind kind = ShapeKind::String;
    // The Java class named in deserialization errors: "AttributeDefinition",
    // "AttributeValue", "java.lang.String", ...
    std::string typeName;
    // A top-level member that must be present ("The parameter ... is required ...").
    bool required = false;
    // A top-level table name: "TableName must be at least 3 characters long and at most 255
    // characters long" before any constraint.
    bool tableName = false;
    std::vector<Constraint> constraints;  // in DynamoDB's order
    // Some constraint applies to this member or below it; validation skips the rest.
    bool constrained = false;
    std::vector<ShapeMember> members;
    std::shared_ptr<const Shape> element;  // a list's or map's values

    // Builders, so that a shape reads as the model does.
    Shape& notNull();
    Shape& atLeast(long long bound);
    Shape& atMost(long long bound);
    Shape& namePattern();
    Shape& lengthAtLeast(long long bound);
    Shape& lengthAtMost(long long bound);
    Shape& oneOf(std::vector<std::string> allowed);
    Shape& keys(std::vector<Constraint> keyConstraints);
    Shape& valuesLength(long long minimum, long long maximum);
    Shape& isRequired();
    Shape& isTableName();
};

// A structure's member: its name (as in the request) and shape. `first` and `second`, as in a
// pair, so that `for (const auto& [name, shape] : members)` reads them.
struct ShapeMember {
    std::string first;
    Shape second;
};

using Members = std::vector<ShapeMember>;

Shape stringShape();
Shape integerShape();
Shape longShape();
Shape booleanShape();
Shape blobShape();
Shape listOf(Shape element);
Shape parameterizedListOf(Shape element);
// Map<typeName>: typeName as DynamoDB names the value class ("AttributeValue",
// "java.lang.String", "Condition", ...).
Shape mapOf(std::string typeName, Shape element);
Shape parameterizedMapOf(Shape element);
Shape valueStruct(std::string typeName, Members members);
Shape fieldStruct(std::string typeName, Members members);
// The members of an AttributeValue (S, B, N, BOOL, NULL, BS, NS, SS, L, M), in the order
// DynamoDB's reader tries them.
std::shared_ptr<const Members> attributeValueMembers();
// An AttributeValue inside a list or map (ValueStruct) or held by a member (FieldStruct).
Shape attributeValue(bool field = false);
// Map<AttributeValue> of attribute values: Item, Key, ExpressionAttributeValues, ...
Shape attributeMap();
// [a-zA-Z0-9_.-]+ between 3 and 255 characters: table and index names.
Shape nameShape();
// The key constraints of a map keyed by table names (BatchGetItem, BatchWriteItem).
std::vector<Constraint> tableNameKeys();

// The request shape of `operation`, or nullptr for an operation without one.
const Members* requestShape(std::string_view operation);

// Checks `request` against `shape`. On success, the request as DynamoDB reads it when that
// differs from `request` (null members dropped, integers given as decimals truncated,
// "true"/"yes"/"1" read as booleans), else nullopt: most requests need no copy.
Result<std::optional<Json>> checkRequestShape(const Members& shape, const Json& request);

}  // namespace shardscape
