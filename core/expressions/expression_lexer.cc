#include "expressions/expression_lexer.h"

#include <cctype>

namespace shardscape {

namespace {
bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

size_t tokenEnd(const std::vector<Token>& tokens, size_t index, std::string_view expression) {
    const Token& t = tokens[index];
    return t.kind == Token::Kind::End ? expression.size() : t.offset + t.text.size();
}
}  // namespace

bool Token::isKeyword(std::string_view keyword) const {
    if (kind != Kind::Name || text.size() != keyword.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) != keyword[i]) return false;
    return true;
}

Result<std::vector<Token>> tokenizeExpression(std::string_view expression) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < expression.size()) {
        const char c = expression[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        Token token;
        token.offset = i;
        if (c == '#' || c == ':') {
            size_t j = i + 1;
            while (j < expression.size() && isNameChar(expression[j])) ++j;
            token.kind = c == '#' ? Token::Kind::NamePlaceholder : Token::Kind::ValuePlaceholder;
            token.text = std::string(expression.substr(i, j - i));
            if (j == i + 1) {
                return validationError(
                    "Syntax error; token: \"" + token.text + "\", near: \"" +
                    std::string(expression.substr(i, std::min<size_t>(2, expression.size() - i))) +
                    "\"");
            }
            i = j;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t j = i;
            while (j < expression.size() && std::isdigit(static_cast<unsigned char>(expression[j])))
                ++j;
            if (j < expression.size() && isNameChar(expression[j])) {
                while (j < expression.size() && isNameChar(expression[j])) ++j;
                token.kind = Token::Kind::Name;
            } else {
                token.kind = Token::Kind::Number;
            }
            token.text = std::string(expression.substr(i, j - i));
            i = j;
        } else if (isNameChar(c)) {
            size_t j = i;
            while (j < expression.size() && isNameChar(expression[j])) ++j;
            token.kind = Token::Kind::Name;
            token.text = std::string(expression.substr(i, j - i));
            i = j;
        } else {
            token.kind = Token::Kind::Symbol;
            const std::string_view two = expression.substr(i, 2);
            if (two == "<>" || two == "<=" || two == ">=") {
                token.text = std::string(two);
                i += 2;
            } else if (std::string_view("=<>(),.[]+-").find(c) != std::string_view::npos) {
                token.text = std::string(1, c);
                ++i;
            } else {
                return validationError("Invalid character encountered; token: \"" +
                                       std::string(1, c) + "\", near: \"" +
                                       std::string(expression.substr(i, 2)) + "\"");
            }
        }
        tokens.push_back(std::move(token));
    }
    Token end;
    end.kind = Token::Kind::End;
    end.offset = expression.size();
    tokens.push_back(end);
    return tokens;
}

std::string syntaxErrorAt(std::string_view expression, const std::vector<Token>& tokens,
                          size_t index) {
    const Token& t = tokens[index];
    const std::string shown = t.kind == Token::Kind::End ? "<EOF>" : t.text;
    const size_t from = index > 0 ? tokens[index - 1].offset : t.offset;
    const size_t to = index + 1 < tokens.size() ? tokenEnd(tokens, index + 1, expression)
                                                : tokenEnd(tokens, index, expression);
    std::string near(expression.substr(from, to - from));
    return "Syntax error; token: \"" + shown + "\", near: \"" + near + "\"";
}

}  // namespace shardscape
