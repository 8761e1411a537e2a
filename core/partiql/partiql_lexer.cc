#include "partiql/partiql_lexer.h"

#include <cctype>

namespace shardscape::partiql {

namespace {

bool isNameStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool isNamePart(char c) {
    return isNameStart(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool isDigit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

bool Token::isKeyword(std::string_view keyword) const {
    if (kind != Kind::Name || text.size() != keyword.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(text[i])) !=
            std::toupper(static_cast<unsigned char>(keyword[i])))
            return false;
    return true;
}

Error malformedStatement(std::string_view detail) {
    std::string message = "Statement wasn't well formed, can't be processed: ";
    message.append(detail);
    return validationError(std::move(message));
}

Result<std::vector<Token>> tokenizeStatement(std::string_view s) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
            while (i < s.size() && s[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            const size_t end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return malformedStatement("Unterminated comment");
            i = end + 2;
            continue;
        }
        Token token;
        token.offset = i;
        if (isNameStart(c)) {
            size_t end = i;
            while (end < s.size() && isNamePart(s[end])) ++end;
            token.kind = Token::Kind::Name;
            token.text = std::string(s.substr(i, end - i));
            i = end;
        } else if (c == '"' || c == '\'') {
            // Doubled quotes inside stand for one.
            std::string text;
            size_t j = i + 1;
            bool closed = false;
            while (j < s.size()) {
                if (s[j] == c) {
                    if (j + 1 < s.size() && s[j + 1] == c) {
                        text += c;
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                text += s[j++];
            }
            if (!closed)
                return malformedStatement(c == '"' ? "Unterminated quoted identifier"
                                                   : "Unterminated string literal");
            token.kind = c == '"' ? Token::Kind::QuotedName : Token::Kind::String;
            token.text = std::move(text);
            i = j + 1;
        } else if (isDigit(c) || (c == '.' && i + 1 < s.size() && isDigit(s[i + 1]))) {
            size_t end = i;
            while (end < s.size() && isDigit(s[end])) ++end;
            if (end < s.size() && s[end] == '.') {
                ++end;
                while (end < s.size() && isDigit(s[end])) ++end;
            }
            if (end < s.size() && (s[end] == 'e' || s[end] == 'E')) {
                size_t exponent = end + 1;
                if (exponent < s.size() && (s[exponent] == '+' || s[exponent] == '-')) ++exponent;
                if (exponent < s.size() && isDigit(s[exponent])) {
                    end = exponent;
                    while (end < s.size() && isDigit(s[end])) ++end;
                }
            }
            token.kind = Token::Kind::Number;
            token.text = std::string(s.substr(i, end - i));
            i = end;
        } else if (c == '?') {
            token.kind = Token::Kind::Parameter;
            token.text = "?";
            ++i;
        } else {
            static const char* const kTwoCharacter[] = {"<>", "!=", "<=", ">=", "<<", ">>"};
            token.kind = Token::Kind::Symbol;
            for (const char* two : kTwoCharacter)
                if (s.substr(i, 2) == two) token.text = two;
            if (token.text.empty()) {
                if (std::string_view("()[]{},.:;*+-=<>").find(c) == std::string_view::npos)
                    return malformedStatement(std::string("Unexpected character '") + c + "'");
                token.text = std::string(1, c);
            }
            i += token.text.size();
        }
        tokens.push_back(std::move(token));
    }
    Token end;
    end.offset = s.size();
    tokens.push_back(std::move(end));
    return tokens;
}

}  // namespace shardscape::partiql
