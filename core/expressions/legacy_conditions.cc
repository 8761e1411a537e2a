#include "expressions/legacy_conditions.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "values/number.h"

namespace shardscape {

namespace {

using Op = ComparisonOperator;

struct OperatorInfo {
    Op op;
    const char* name;
};

constexpr std::array<OperatorInfo, 13> kOperators = {{{Op::Eq, "EQ"},
                                                      {Op::Ne, "NE"},
                                                      {Op::Le, "LE"},
                                                      {Op::Lt, "LT"},
                                                      {Op::Ge, "GE"},
                                                      {Op::Gt, "GT"},
                                                      {Op::NotNull, "NOT_NULL"},
                                                      {Op::Null, "NULL"},
                                                      {Op::Contains, "CONTAINS"},
                                                      {Op::NotContains, "NOT_CONTAINS"},
                                                      {Op::BeginsWith, "BEGINS_WITH"},
                                                      {Op::In, "IN"},
                                                      {Op::Between, "BETWEEN"}}};

Error invalidParameter(const std::string& detail) {
    return validationError("One or more parameter values were invalid: " + detail);
}

bool argumentCountValid(Op op, size_t count) {
    switch (op) {
        case Op::Null:
        case Op::NotNull:
            return count == 0;
        case Op::In:
            return count >= 1;
        case Op::Between:
            return count == 2;
        default:
            return count == 1;
    }
}

Error argumentCountError(Op op) {
    return invalidParameter("Invalid number of argument(s) for the " +
                            std::string(comparisonOperatorName(op)) + " ComparisonOperator");
}

// The AttributeValue types an operator's arguments may have (NULL and NOT_NULL take none).
bool argumentTypeValid(Op op, ValueType type) {
    const bool scalar = type == ValueType::S || type == ValueType::N || type == ValueType::B;
    const bool set = type == ValueType::SS || type == ValueType::NS || type == ValueType::BS;
    switch (op) {
        case Op::Eq:
        case Op::Ne:
            return scalar || set;
        case Op::BeginsWith:
            return type == ValueType::S || type == ValueType::B;
        default:
            return scalar;
    }
}

// Whether `a` orders after `b` (same scalar type, as BETWEEN's bounds are checked).
bool greaterThan(const AttributeValue& a, const AttributeValue& b) {
    if (a.type() != b.type()) return false;
    if (a.type() == ValueType::N) {
        auto x = Number::parse(a.scalar()), y = Number::parse(b.scalar());
        return x && y && x->compare(*y) > 0;
    }
    if (a.type() == ValueType::S || a.type() == ValueType::B) return a.scalar() > b.scalar();
    return false;
}

const Json* presentMember(const Json& object, const char* name) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

Result<std::vector<AttributeValue>> readValueList(const Json* list) {
    std::vector<AttributeValue> values;
    if (!list) return values;
    if (!list->is_array()) return serializationError("Unexpected field type");
    for (const auto& element : *list) {
        auto value = attributeValueFromJson(element);
        if (!value) return value.error();
        values.push_back(std::move(value).value());
    }
    return values;
}

Status checkSameType(const std::vector<AttributeValue>& values) {
    for (const auto& value : values)
        if (value.type() != values.front().type())
            return invalidParameter(
                "AttributeValues inside AttributeValueList must be of same type");
    return {};
}

Status checkBetweenBounds(Op op, const std::vector<AttributeValue>& values) {
    if (op == Op::Between && values.size() == 2 && greaterThan(values[0], values[1]))
        return validationError(
            "The BETWEEN condition was provided a range where the lower bound is greater than "
            "the upper bound");
    return {};
}

Result<Op> readOperator(const Json* name) {
    if (!name || !name->is_string()) return serializationError("Unexpected field type");
    auto op = comparisonOperatorFromName(name->get<std::string>());
    if (!op) return validationError("Invalid ComparisonOperator: " + name->get<std::string>());
    return *op;
}

Operand pathOperand(const std::string& attribute) {
    Operand operand;
    operand.kind = Operand::Kind::Path;
    operand.path = DocumentPath{PathElement{false, attribute, 0}};
    return operand;
}

Operand valueOperand(const AttributeValue& value) {
    Operand operand;
    operand.kind = Operand::Kind::Value;
    operand.value = value;
    return operand;
}

Condition compare(Condition::Comparator comparator, const LegacyCondition& c) {
    Condition out;
    out.kind = Condition::Kind::Compare;
    out.comparator = comparator;
    out.operands = {pathOperand(c.attribute), valueOperand(c.values.at(0))};
    return out;
}

Condition function(Condition::Function function, const LegacyCondition& c) {
    Condition out;
    out.kind = Condition::Kind::Function;
    out.function = function;
    out.operands.push_back(pathOperand(c.attribute));
    if (!c.values.empty()) out.operands.push_back(valueOperand(c.values[0]));
    return out;
}

Condition translate(const LegacyCondition& c) {
    using C = Condition::Comparator;
    using F = Condition::Function;
    switch (c.op) {
        case Op::Eq:
            return compare(C::Equal, c);
        case Op::Ne:
            return compare(C::NotEqual, c);
        case Op::Le:
            return compare(C::LessOrEqual, c);
        case Op::Lt:
            return compare(C::Less, c);
        case Op::Ge:
            return compare(C::GreaterOrEqual, c);
        case Op::Gt:
            return compare(C::Greater, c);
        case Op::NotNull:
            return function(F::AttributeExists, c);
        case Op::Null:
            return function(F::AttributeNotExists, c);
        case Op::Contains:
            return function(F::Contains, c);
        case Op::NotContains: {
            Condition out;
            out.kind = Condition::Kind::Not;
            out.children.push_back(function(F::Contains, c));
            return out;
        }
        case Op::BeginsWith:
            return function(F::BeginsWith, c);
        case Op::In:
        case Op::Between: {
            Condition out;
            out.kind = c.op == Op::In ? Condition::Kind::In : Condition::Kind::Between;
            out.operands.push_back(pathOperand(c.attribute));
            for (const auto& value : c.values) out.operands.push_back(valueOperand(value));
            return out;
        }
    }
    return {};
}

}  // namespace

std::optional<ComparisonOperator> comparisonOperatorFromName(std::string_view name) {
    for (const auto& info : kOperators)
        if (name == info.name) return info.op;
    return std::nullopt;
}

std::string_view comparisonOperatorName(ComparisonOperator op) {
    for (const auto& info : kOperators)
        if (op == info.op) return info.name;
    return "";
}

Result<std::vector<LegacyCondition>> parseConditionMap(const Json& conditions) {
    std::vector<LegacyCondition> out;
    if (!conditions.is_object()) return serializationError("Unexpected field type");
    for (const auto& [attribute, entry] : conditions.items()) {
        if (!entry.is_object()) return serializationError("Unexpected value type in payload");
        auto values = readValueList(presentMember(entry, "AttributeValueList"));
        if (!values) return values.error();
        auto op = readOperator(presentMember(entry, "ComparisonOperator"));
        if (!op) return op.error();
        if (!argumentCountValid(*op, values->size())) return argumentCountError(*op);
        if (!values->empty()) SHARDSCAPE_TRY(checkSameType(*values));
        for (const auto& value : *values)
            if (!argumentTypeValid(*op, value.type()))
                return invalidParameter(
                    "ComparisonOperator " + std::string(comparisonOperatorName(*op)) +
                    " is not valid for " + std::string(valueTypeName(value.type())) +
                    " AttributeValue type");
        SHARDSCAPE_TRY(checkBetweenBounds(*op, *values));
        out.push_back({attribute, *op, std::move(values).value()});
    }
    return out;
}

Result<std::vector<LegacyCondition>> parseExpectedMap(const Json& expected) {
    std::vector<LegacyCondition> out;
    if (!expected.is_object()) return serializationError("Unexpected field type");
    for (const auto& [attribute, entry] : expected.items()) {
        if (!entry.is_object()) return serializationError("Unexpected value type in payload");
        const Json* list = presentMember(entry, "AttributeValueList");
        const Json* value = presentMember(entry, "Value");
        const Json* opName = presentMember(entry, "ComparisonOperator");
        const Json* exists = presentMember(entry, "Exists");
        const std::string forAttribute = " for Attribute: " + attribute;
        if (list && value)
            return invalidParameter("Value and AttributeValueList cannot be used together" +
                                    forAttribute);
        LegacyCondition condition{attribute, Op::Eq, {}};
        if (opName) {
            if (exists)
                return invalidParameter("Exists and ComparisonOperator cannot be used together" +
                                        forAttribute);
            auto op = readOperator(opName);
            if (!op) return op.error();
            if (*op != Op::Null && *op != Op::NotNull && !list && !value)
                return invalidParameter(
                    "Value or AttributeValueList must be used with ComparisonOperator: " +
                    std::string(comparisonOperatorName(*op)) + forAttribute);
            const size_t count = list ? (list->is_array() ? list->size() : 0) : (value ? 1 : 0);
            if (!argumentCountValid(*op, count)) return argumentCountError(*op);
            condition.op = *op;
            if (list) {
                auto values = readValueList(list);
                if (!values) return values.error();
                condition.values = std::move(values).value();
            } else if (value) {
                auto parsed = attributeValueFromJson(*value);
                if (!parsed) return parsed.error();
                condition.values.push_back(std::move(parsed).value());
            }
            if (!condition.values.empty()) SHARDSCAPE_TRY(checkSameType(condition.values));
            SHARDSCAPE_TRY(checkBetweenBounds(condition.op, condition.values));
        } else if (list) {
            return invalidParameter(
                "AttributeValueList can only be used with a ComparisonOperator" + forAttribute);
        } else {
            if (exists && !exists->is_boolean()) return serializationError("Unexpected field type");
            const bool mustExist = !exists || exists->get<bool>();
            if (mustExist && !value)
                return invalidParameter("Value must be provided when Exists is " +
                                        std::string(exists ? "true" : "null") + forAttribute);
            if (!mustExist && value)
                return invalidParameter("Value cannot be used when Exists is false" + forAttribute);
            if (value) {
                auto parsed = attributeValueFromJson(*value);
                if (!parsed) return parsed.error();
                condition.values.push_back(std::move(parsed).value());
            } else {
                condition.op = Op::Null;
            }
        }
        out.push_back(std::move(condition));
    }
    return out;
}

std::optional<Condition> toExpressionCondition(const std::vector<LegacyCondition>& conditions,
                                               bool anyOf) {
    std::optional<Condition> joined;
    for (const auto& c : conditions) {
        Condition next = translate(c);
        if (!joined) {
            joined = std::move(next);
            continue;
        }
        Condition both;
        both.kind = anyOf ? Condition::Kind::Or : Condition::Kind::And;
        both.children.push_back(std::move(*joined));
        both.children.push_back(std::move(next));
        joined = std::move(both);
    }
    return joined;
}

Result<KeyCondition> legacyKeyCondition(const std::vector<LegacyCondition>& conditions,
                                        const TableDefinition& keys) {
    auto find = [&](const std::string& name) -> const LegacyCondition* {
        for (const auto& c : conditions)
            if (c.attribute == name) return &c;
        return nullptr;
    };
    std::vector<const KeyAttribute*> schema = {&keys.partitionKey};
    if (keys.sortKey) schema.push_back(&*keys.sortKey);
    // DynamoDB walks the key schema, partition key first.
    for (const KeyAttribute* key : schema) {
        const bool isPartition = key == &keys.partitionKey;
        if (isPartition && !keys.sortKey && conditions.size() > 1)
            return validationError("Query key condition not supported");
        const LegacyCondition* c = find(key->name);
        if (!c) {
            if (isPartition || conditions.size() > 1)
                return validationError("Query condition missed key schema element: " + key->name);
            continue;
        }
        switch (c->op) {
            case Op::Null:
            case Op::NotNull:
            case Op::Ne:
            case Op::Contains:
            case Op::NotContains:
            case Op::In:
                return validationError(
                    "Attempted conditional constraint is not an indexable operation");
            default:
                break;
        }
        for (const auto& value : c->values)
            if (value.type() != key->type)
                return invalidParameter("Condition parameter type does not match schema type");
        if (isPartition && c->op != Op::Eq)
            return validationError("Query key condition not supported");
    }

    KeyCondition out;
    out.partitionKey = find(keys.partitionKey.name)->values.at(0);
    if (keys.sortKey)
        if (const LegacyCondition* sort = find(keys.sortKey->name)) {
            using SortOp = SortKeyCondition::Op;
            SortKeyCondition condition;
            switch (sort->op) {
                case Op::Le:
                    condition.op = SortOp::LessOrEqual;
                    break;
                case Op::Lt:
                    condition.op = SortOp::Less;
                    break;
                case Op::Ge:
                    condition.op = SortOp::GreaterOrEqual;
                    break;
                case Op::Gt:
                    condition.op = SortOp::Greater;
                    break;
                case Op::BeginsWith:
                    condition.op = SortOp::BeginsWith;
                    break;
                case Op::Between:
                    condition.op = SortOp::Between;
                    condition.upper = sort->values.at(1);
                    break;
                default:
                    condition.op = SortOp::Equal;
                    break;
            }
            condition.value = sort->values.at(0);
            out.sortKeyCondition = std::move(condition);
        }
    return out;
}

}  // namespace shardscape
