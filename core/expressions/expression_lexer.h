#pragma once
// Tokens of DynamoDB's expression language (key conditions, conditions, filters,
// projections and update expressions), with DynamoDB's "Syntax error; token: ..., near: ..."
// reporting.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace shardscape {

struct Token {
    enum class Kind {
        Name,              // attribute name or keyword: status, AND, begins_with
        NamePlaceholder,   // #name
        ValuePlaceholder,  // :value
        Number,            // list index digits
        Symbol,            // = <> < <= > >= ( ) , . [ ] + -
        End,
    };
    Kind kind = Kind::End;
    std::string text;
    size_t offset = 0;

    bool is(std::string_view symbol) const { return kind == Kind::Symbol && text == symbol; }
    // Case-insensitive keyword match (AND, OR, BETWEEN, SET, ...).
    bool isKeyword(std::string_view keyword) const;
};

// Splits `expression` into tokens ending with an End token; fails on characters DynamoDB
// does not accept, with its syntax-error wording.
Result<std::vector<Token>> tokenizeExpression(std::string_view expression);

// "Syntax error; token: \"x\", near: \"a x b\"" for the token at `index`.
std::string syntaxErrorAt(std::string_view expression, const std::vector<Token>& tokens,
                          size_t index);

}  // namespace shardscape
