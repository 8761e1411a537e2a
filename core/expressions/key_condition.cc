#include "expressions/key_condition.h"

#include <vector>

#include <algorithm>

#include "expressions/expression.h"

namespace shardscape {

namespace {

using Op = SortKeyCondition::Op;

struct RawCondition {
    std::string attribute;
    Op op = Op::Equal;
    std::vector<AttributeValue> values;
};

Error invalidCondition(const std::string& message) {
    return validationError("Invalid condition in KeyConditionExpression: " + message);
}

// The key attribute an operand names, or "" for a value; nested operations are refused.
Result<std::string> attributeOf(const Operand& operand) {
    if (operand.kind == Operand::Kind::Path) return operand.path[0].name;
    if (operand.kind != Operand::Kind::Value)
        return validationError("KeyConditionExpressions cannot contain nested operations");
    return std::string();
}

// Turns the parsed tree (the general parser already refused OR, NOT, IN, <>, non-key
// functions and nested paths) into one condition per key attribute.
Status flatten(const Condition& node, std::vector<RawCondition>& out) {
    if (node.kind == Condition::Kind::And) {
        for (const auto& child : node.children) SHARDSCAPE_TRY(flatten(child, out));
        return {};
    }
    std::vector<std::string> attributes;
    for (const auto& operand : node.operands) {
        auto attribute = attributeOf(operand);
        if (!attribute) return attribute.error();
        attributes.push_back(std::move(attribute).value());
    }
    const size_t named = std::count_if(attributes.begin(), attributes.end(),
                                       [](const auto& a) { return !a.empty(); });
    const bool between = node.kind == Condition::Kind::Between;
    const bool beginsWith = node.kind == Condition::Kind::Function;
    if ((between || beginsWith) && attributes[0].empty())
        return invalidCondition(std::string(between ? "BETWEEN" : "begins_with") +
                                " operator must have the key attribute as its first operand");
    if (named > 1) return invalidCondition("Multiple attribute names used in one condition");
    if (named == 0) return invalidCondition("No key attribute specified");

    RawCondition raw;
    if (between) {
        raw = {attributes[0], Op::Between, {node.operands[1].value, node.operands[2].value}};
    } else if (beginsWith) {
        raw = {attributes[0], Op::BeginsWith, {node.operands[1].value}};
    } else {
        using C = Condition::Comparator;
        const bool flipped = attributes[0].empty();  // ":v < sk" is "sk > :v"
        Op op = Op::Equal;
        switch (node.comparator) {
            case C::Less:
                op = flipped ? Op::Greater : Op::Less;
                break;
            case C::LessOrEqual:
                op = flipped ? Op::GreaterOrEqual : Op::LessOrEqual;
                break;
            case C::Greater:
                op = flipped ? Op::Less : Op::Greater;
                break;
            case C::GreaterOrEqual:
                op = flipped ? Op::LessOrEqual : Op::GreaterOrEqual;
                break;
            default:
                op = Op::Equal;
                break;
        }
        raw = {attributes[flipped ? 1 : 0], op, {node.operands[flipped ? 0 : 1].value}};
    }
    out.push_back(std::move(raw));
    return {};
}

}  // namespace

Result<KeyCondition> parseKeyCondition(const std::string& expression, const TableDefinition& table,
                                       ExpressionContext& context) {
    auto tree = parseConditionExpression(ExpressionKind::KeyCondition, expression, context);
    if (!tree) return tree.error();
    std::vector<RawCondition> conditions;
    SHARDSCAPE_TRY(flatten(*tree, conditions));

    for (size_t i = 0; i < conditions.size(); ++i)
        for (size_t j = i + 1; j < conditions.size(); ++j)
            if (conditions[i].attribute == conditions[j].attribute)
                return validationError(
                    "KeyConditionExpressions must only contain one condition per key");

    if (conditions.size() > 2) return validationError("Conditions can be of length 1 or 2 only");
    const RawCondition* partition = nullptr;
    const RawCondition* sort = nullptr;
    for (const auto& c : conditions) {
        if (c.attribute == table.partitionKey.name)
            partition = &c;
        else if (table.sortKey && c.attribute == table.sortKey->name)
            sort = &c;
    }
    // DynamoDB checks the key schema in order, the partition key first, so a condition on a
    // non-key attribute is reported as the key element it displaces.
    if (!table.sortKey && conditions.size() > 1)
        return validationError("Query key condition not supported");
    if (!partition)
        return validationError("Query condition missed key schema element: " +
                               table.partitionKey.name);

    auto checkTypes = [](const RawCondition& c, ValueType type) -> Status {
        for (const auto& v : c.values)
            if (v.type() != type)
                return validationError(
                    "One or more parameter values were invalid: Condition parameter type does not "
                    "match schema type");
        return {};
    };
    SHARDSCAPE_TRY(checkTypes(*partition, table.partitionKey.type));
    if (partition->op != Op::Equal) return validationError("Query key condition not supported");
    if (table.sortKey && !sort && conditions.size() > 1)
        return validationError("Query condition missed key schema element: " + table.sortKey->name);

    KeyCondition result;
    result.partitionKey = partition->values[0];
    if (sort) {
        SHARDSCAPE_TRY(checkTypes(*sort, table.sortKey->type));
        SortKeyCondition condition;
        condition.op = sort->op;
        condition.value = sort->values[0];
        if (sort->op == Op::Between) condition.upper = sort->values[1];
        result.sortKeyCondition = std::move(condition);
    }
    return result;
}

}  // namespace shardscape
