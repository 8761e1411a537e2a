#include "key_condition.h"

#include <vector>

#include "expression_lexer.h"
#include "storage_layout.h"

namespace shardscape {

namespace {

using Op = SortKeyCondition::Op;

struct Operand {
    bool isAttribute = false;
    std::string attribute;
    AttributeValue value;
};

struct RawCondition {
    std::string attribute;
    Op op = Op::Equal;
    std::string opName;  // as written, for messages
    std::vector<AttributeValue> values;
};

Error invalid(const std::string& message) {
    return validationError("Invalid KeyConditionExpression: " + message);
}

std::string shortValue(const AttributeValue& value) {
    return "AttributeValue: {" + std::string(valueTypeName(value.type())) + ":" + value.scalar() +
           "}";
}

// DynamoDB checks the operands' own types while parsing, before it looks at the key schema.
Status checkBetweenBounds(const AttributeValue& low, const AttributeValue& high) {
    const std::string operands =
        "lower bound operand: " + shortValue(low) + ", upper bound operand: " + shortValue(high);
    if (low.type() != high.type())
        return invalid("The BETWEEN operator requires same data type for lower and upper bounds; " +
                       operands);
    if (isScalarKeyType(low.type()) && layout::sortKeyBytes(low) > layout::sortKeyBytes(high))
        return invalid(
            "The BETWEEN operator requires upper bound to be greater than or equal to lower "
            "bound; " +
            operands);
    return {};
}

Status checkBeginsWithOperand(const AttributeValue& prefix) {
    if (prefix.type() == ValueType::S || prefix.type() == ValueType::B) return {};
    return invalid(
        "Incorrect operand type for operator or function; operator or function: begins_with, "
        "operand type: " +
        std::string(valueTypeName(prefix.type())));
}

class Parser {
  public:
    Parser(const std::string& expression, std::vector<Token> tokens, ExpressionContext& context)
        : expression_(expression), tokens_(std::move(tokens)), context_(context) {}

    Result<std::vector<RawCondition>> parse() {
        std::vector<RawCondition> conditions;
        SHARDSCAPE_TRY(parseAnd(conditions));
        if (peek().kind != Token::Kind::End) {
            if (peek().isKeyword("OR")) return invalidOperator("OR");
            return syntax();
        }
        return conditions;
    }

  private:
    const Token& peek() const { return tokens_[position_]; }
    const Token& take() { return tokens_[position_++]; }
    Error syntax() const { return invalid(syntaxErrorAt(expression_, tokens_, position_)); }
    Error invalidOperator(const std::string& op) const {
        return validationError("Invalid operator used in KeyConditionExpression: " + op);
    }

    Status parseAnd(std::vector<RawCondition>& out) {
        SHARDSCAPE_TRY(parseUnary(out));
        while (peek().isKeyword("AND")) {
            take();
            SHARDSCAPE_TRY(parseUnary(out));
        }
        if (peek().isKeyword("OR")) return invalidOperator("OR");
        return {};
    }

    Status parseUnary(std::vector<RawCondition>& out) {
        if (peek().isKeyword("NOT")) return invalidOperator("NOT");
        if (peek().is("(")) {
            take();
            SHARDSCAPE_TRY(parseAnd(out));
            if (!peek().is(")")) return syntax();
            take();
            return {};
        }
        return parseCondition(out);
    }

    Result<Operand> parseOperand() {
        const Token& t = peek();
        Operand operand;
        if (t.kind == Token::Kind::ValuePlaceholder) {
            auto value = context_.value(take().text);
            if (!value) return invalid(value.error().message);
            operand.value = std::move(value).value();
            return operand;
        }
        if (t.kind == Token::Kind::Name || t.kind == Token::Kind::NamePlaceholder) {
            if (t.kind == Token::Kind::Name && (t.isKeyword("AND") || t.isKeyword("BETWEEN")))
                return syntax();
            const Token& nameToken = take();
            operand.isAttribute = true;
            if (nameToken.kind == Token::Kind::NamePlaceholder) {
                auto name = context_.name(nameToken.text);
                if (!name) return invalid(name.error().message);
                operand.attribute = std::move(name).value();
            } else {
                operand.attribute = nameToken.text;
            }
            if (peek().is(".") || peek().is("["))
                return validationError(
                    "KeyConditionExpressions cannot have conditions on nested attributes");
            return operand;
        }
        return syntax();
    }

    Status parseCondition(std::vector<RawCondition>& out) {
        const Token& first = peek();
        if (first.kind == Token::Kind::Name && tokens_[position_ + 1].is("(")) {
            const std::string function = first.text;
            if (function == "attribute_exists" || function == "attribute_not_exists" ||
                function == "attribute_type" || function == "contains")
                return invalidOperator(function);
            if (function == "size")
                return validationError("KeyConditionExpressions cannot contain nested operations");
            if (function != "begins_with")
                return invalid("Invalid function name; function: " + function);
            take();
            take();
            auto subject = parseOperand();
            if (!subject) return subject.error();
            if (!peek().is(",")) return syntax();
            take();
            auto prefix = parseOperand();
            if (!prefix) return prefix.error();
            if (!peek().is(")")) return syntax();
            take();
            if (!subject->isAttribute)
                return validationError(
                    "Invalid condition in KeyConditionExpression: begins_with operator must have "
                    "the "
                    "key attribute as its first operand");
            if (prefix->isAttribute)
                return validationError(
                    "Invalid condition in KeyConditionExpression: Multiple attribute names used in "
                    "one condition");
            SHARDSCAPE_TRY(checkBeginsWithOperand(prefix->value));
            out.push_back({subject->attribute, Op::BeginsWith, "begins_with", {prefix->value}});
            return {};
        }
        auto left = parseOperand();
        if (!left) return left.error();
        const Token& op = peek();
        if (op.isKeyword("BETWEEN")) {
            take();
            auto low = parseOperand();
            if (!low) return low.error();
            if (!peek().isKeyword("AND")) return syntax();
            take();
            auto high = parseOperand();
            if (!high) return high.error();
            if (!left->isAttribute)
                return validationError(
                    "Invalid condition in KeyConditionExpression: BETWEEN operator must have the "
                    "key "
                    "attribute as its first operand");
            if (low->isAttribute || high->isAttribute)
                return validationError(
                    "Invalid condition in KeyConditionExpression: Multiple attribute names used in "
                    "one condition");
            SHARDSCAPE_TRY(checkBetweenBounds(low->value, high->value));
            out.push_back({left->attribute, Op::Between, "BETWEEN", {low->value, high->value}});
            return {};
        }
        if (op.isKeyword("IN")) return invalidOperator("IN");
        if (op.is("<>")) return invalidOperator("<>");
        Op parsed;
        if (op.is("="))
            parsed = Op::Equal;
        else if (op.is("<"))
            parsed = Op::Less;
        else if (op.is("<="))
            parsed = Op::LessOrEqual;
        else if (op.is(">"))
            parsed = Op::Greater;
        else if (op.is(">="))
            parsed = Op::GreaterOrEqual;
        else
            return syntax();
        const std::string opText = take().text;
        auto right = parseOperand();
        if (!right) return right.error();
        if (left->isAttribute && right->isAttribute)
            return validationError(
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                "condition");
        if (!left->isAttribute && !right->isAttribute)
            return validationError(
                "Invalid condition in KeyConditionExpression: No key attribute specified");
        if (!left->isAttribute) {
            // ":v < sk" is "sk > :v".
            std::swap(left, right);
            switch (parsed) {
                case Op::Less:
                    parsed = Op::Greater;
                    break;
                case Op::LessOrEqual:
                    parsed = Op::GreaterOrEqual;
                    break;
                case Op::Greater:
                    parsed = Op::Less;
                    break;
                case Op::GreaterOrEqual:
                    parsed = Op::LessOrEqual;
                    break;
                default:
                    break;
            }
        }
        out.push_back({left->attribute, parsed, opText, {right->value}});
        return {};
    }

    const std::string& expression_;
    std::vector<Token> tokens_;
    ExpressionContext& context_;
    size_t position_ = 0;
};

}  // namespace

Result<KeyCondition> parseKeyCondition(const std::string& expression, const TableDefinition& table,
                                       ExpressionContext& context) {
    if (expression.empty()) return invalid("The expression can not be empty;");
    auto tokens = tokenizeExpression(expression);
    if (!tokens) return invalid(tokens.error().message);
    Parser parser(expression, std::move(tokens).value(), context);
    auto parsed = parser.parse();
    if (!parsed) return parsed.error();
    auto& conditions = *parsed;

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
