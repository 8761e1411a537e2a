#include "update_expression.h"

#include <set>

#include "expression_lexer.h"

namespace shardscape {

namespace {
Error invalid(const std::string& message) {
    return validationError("Invalid UpdateExpression: " + message);
}
}  // namespace

std::vector<std::string> UpdatePlan::touchedAttributes() const {
    std::vector<std::string> names;
    for (const auto& a : assignments) names.push_back(a.attribute);
    names.insert(names.end(), removals.begin(), removals.end());
    return names;
}

Result<Item> UpdatePlan::apply(Item item) const {
    const Item before = item;
    for (const auto& a : assignments) {
        if (a.fromAttribute) {
            auto source = before.find(a.sourceAttribute);
            if (source == before.end())
                return validationError(
                    "The provided expression refers to an attribute that does not exist in the "
                    "item");
            item[a.attribute] = source->second;
        } else {
            item[a.attribute] = a.value;
        }
    }
    for (const auto& r : removals) item.erase(r);
    return item;
}

Result<UpdatePlan> parseUpdateExpression(const std::string& expression,
                                         const TableDefinition& table, ExpressionContext& context) {
    if (expression.empty()) return invalid("The expression can not be empty;");
    auto tokenized = tokenizeExpression(expression);
    if (!tokenized) return invalid(tokenized.error().message);
    const std::vector<Token>& tokens = *tokenized;
    size_t pos = 0;
    auto syntax = [&]() { return invalid(syntaxErrorAt(expression, tokens, pos)); };
    auto isClause = [](const Token& t) {
        return t.isKeyword("SET") || t.isKeyword("REMOVE") || t.isKeyword("ADD") ||
               t.isKeyword("DELETE");
    };
    auto readPath = [&]() -> Result<std::string> {
        const Token& t = tokens[pos];
        std::string name;
        if (t.kind == Token::Kind::NamePlaceholder) {
            auto resolved = context.name(t.text);
            if (!resolved) return invalid(resolved.error().message);
            name = std::move(resolved).value();
        } else if (t.kind == Token::Kind::Name && !isClause(t)) {
            name = t.text;
        } else {
            return syntax();
        }
        ++pos;
        if (tokens[pos].is(".") || tokens[pos].is("["))
            return invalid(
                "nested document paths are not supported yet in this version of Shardscape");
        return name;
    };

    UpdatePlan plan;
    std::set<std::string> clausesSeen;
    while (tokens[pos].kind != Token::Kind::End) {
        const Token& clause = tokens[pos];
        if (!isClause(clause)) return syntax();
        std::string clauseName = clause.text;
        for (auto& c : clauseName)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!clausesSeen.insert(clauseName).second)
            return invalid("The \"" + clauseName +
                           "\" section can only be used once in an update expression;");
        if (clauseName == "ADD" || clauseName == "DELETE")
            return invalid("the " + clauseName +
                           " action is not supported yet in this version of Shardscape");
        ++pos;
        do {
            if (tokens[pos].is(",")) ++pos;
            auto path = readPath();
            if (!path) return path.error();
            if (clauseName == "SET") {
                if (!tokens[pos].is("=")) return syntax();
                ++pos;
                UpdateAssignment assignment;
                assignment.attribute = *path;
                const Token& operand = tokens[pos];
                if (operand.kind == Token::Kind::ValuePlaceholder) {
                    auto value = context.value(operand.text);
                    if (!value) return invalid(value.error().message);
                    assignment.value = std::move(value).value();
                    ++pos;
                } else {
                    auto source = readPath();
                    if (!source) return source.error();
                    assignment.fromAttribute = true;
                    assignment.sourceAttribute = *source;
                }
                if (tokens[pos].is("+") || tokens[pos].is("-") || tokens[pos].is("("))
                    return invalid(
                        "arithmetic and functions in SET are not supported yet in this version of "
                        "Shardscape");
                plan.assignments.push_back(std::move(assignment));
            } else {
                plan.removals.push_back(*path);
            }
        } while (tokens[pos].is(","));
    }
    if (plan.assignments.empty() && plan.removals.empty()) return syntax();

    // Overlaps are a syntax-level error and win over key attributes anywhere in the expression.
    std::set<std::string> seen;
    for (const auto& name : plan.touchedAttributes())
        if (!seen.insert(name).second)
            return invalid(
                "Two document paths overlap with each other; must remove or rewrite one of "
                "these paths; path one: [" +
                name + "], path two: [" + name + "]");
    for (const auto& name : plan.touchedAttributes()) {
        if (table.isKeyAttribute(name))
            return validationError(
                "One or more parameter values were invalid: Cannot update attribute " + name +
                ". This attribute is part of the key");
    }
    return plan;
}

}  // namespace shardscape
