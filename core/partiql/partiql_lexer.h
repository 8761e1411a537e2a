#pragma once
// Tokens of DynamoDB's PartiQL statements: names (bare or "double quoted"), 'string' and
// number literals, the ? parameter, punctuation and operators. Comments (-- to the end of a
// line, /* ... */) are skipped.

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace shardscape::partiql {

struct Token {
    enum class Kind {
        Name,        // a bare name or keyword: SELECT, pk, begins_with
        QuotedName,  // "name": always a name, never a keyword
        String,      // 'text' with '' read as one quote
        Number,      // 12, 1.5, 2e3 (without a sign)
        Parameter,   // ?
        Symbol,      // ( ) [ ] { } , . : ; * + - = <> != < <= > >= << >>
        End,
    };
    Kind kind = Kind::End;
    std::string text;
    size_t offset = 0;

    bool is(std::string_view symbol) const { return kind == Kind::Symbol && text == symbol; }
    // A bare name equal to `keyword` ignoring case.
    bool isKeyword(std::string_view keyword) const;
};

// The tokens of `statement`, ending with an End token; a character that starts no token, an
// unterminated string, name or comment is a statement that is not well formed.
Result<std::vector<Token>> tokenizeStatement(std::string_view statement);

// ValidationException "Statement wasn't well formed, can't be processed: <detail>".
Error malformedStatement(std::string_view detail);

}  // namespace shardscape::partiql
