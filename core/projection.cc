#include "projection.h"

#include <set>

#include "expression_lexer.h"

namespace shardscape {

namespace {
Error invalid(const std::string& message) {
    return validationError("Invalid ProjectionExpression: " + message);
}
}  // namespace

Result<std::vector<std::string>> parseProjection(const std::string& expression,
                                                 ExpressionContext& context) {
    if (expression.empty()) return invalid("The expression can not be empty;");
    auto tokenized = tokenizeExpression(expression);
    if (!tokenized) return invalid(tokenized.error().message);
    const auto& tokens = *tokenized;
    std::vector<std::string> names;
    std::set<std::string> seen;
    size_t pos = 0;
    while (true) {
        const Token& t = tokens[pos];
        std::string name;
        if (t.kind == Token::Kind::NamePlaceholder) {
            auto resolved = context.name(t.text);
            if (!resolved) return invalid(resolved.error().message);
            name = std::move(resolved).value();
        } else if (t.kind == Token::Kind::Name) {
            name = t.text;
        } else {
            return invalid(syntaxErrorAt(expression, tokens, pos));
        }
        ++pos;
        if (tokens[pos].is(".") || tokens[pos].is("["))
            return invalid(
                "nested document paths are not supported yet in this version of Shardscape");
        if (!seen.insert(name).second)
            return invalid(
                "Two document paths overlap with each other; must remove or rewrite one of "
                "these paths; path one: [" +
                name + "], path two: [" + name + "]");
        names.push_back(std::move(name));
        if (tokens[pos].kind == Token::Kind::End) break;
        if (!tokens[pos].is(",")) return invalid(syntaxErrorAt(expression, tokens, pos));
        ++pos;
    }
    return names;
}

Item project(const Item& item, const std::vector<std::string>& attributes) {
    Item out;
    for (const auto& name : attributes) {
        auto it = item.find(name);
        if (it != item.end()) out.emplace(name, it->second);
    }
    return out;
}

}  // namespace shardscape
