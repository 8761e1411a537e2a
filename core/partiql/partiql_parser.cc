// Recursive descent over the tokens of one statement (partiql_statement.h).
#include <cctype>
#include <set>

#include "partiql/partiql_lexer.h"
#include "partiql/partiql_statement.h"

namespace shardscape::partiql {

namespace {

// Words that end an operand or start a clause; a bare name equal to one is never a path.
const std::set<std::string>& keywords() {
    static const std::set<std::string> words = {
        "ALL",   "AND",    "BETWEEN", "BY",     "DELETE", "EXISTS", "FALSE",     "FROM",
        "GROUP", "IN",     "INSERT",  "INTO",   "IS",     "LIMIT",  "MISSING",   "MODIFIED",
        "NOT",   "NULL",   "OR",      "ORDER",  "REMOVE", "SELECT", "RETURNING", "SET",
        "TRUE",  "UPDATE", "VALUE",   "VALUES", "WHERE"};
    return words;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Error unsupported(std::string_view what) {
    return validationError(std::string(what));
}

class Parser {
  public:
    Parser(std::vector<Token> tokens, const Json& parameters)
        : tokens_(std::move(tokens)), parameters_(parameters) {}

    Result<Statement> statement() {
        Result<Statement> parsed = Error{};
        if (peek().isKeyword("SELECT")) {
            parsed = select();
        } else if (peek().isKeyword("INSERT")) {
            parsed = insert();
        } else if (peek().isKeyword("UPDATE")) {
            parsed = update();
        } else if (peek().isKeyword("DELETE")) {
            parsed = remove();
        } else if (peek().isKeyword("EXISTS")) {
            parsed = exists();
        } else {
            return malformedStatement("Expected data manipulation");
        }
        if (!parsed) return parsed;
        if (peek().is(";")) ++pos_;
        if (peek().kind != Token::Kind::End) {
            if (peek().isKeyword("LIMIT")) return unsupported("Unsupported clause: LIMIT");
            if (peek().isKeyword("GROUP")) return unsupported("Unsupported clause: GROUP BY");
            return malformedStatement("Unexpected token after expression");
        }
        return parsed;
    }

  private:
    // Nesting (parentheses, NOT, lists, maps, sets) is bounded so that reading never runs out
    // of stack whatever the statement.
    static constexpr int kMaxNesting = 100;
    struct Nested {
        explicit Nested(int& depth) : depth_(depth) { ++depth_; }
        ~Nested() { --depth_; }
        int& depth_;
    };
    Status checkNesting() const {
        if (depth_ > kMaxNesting) return malformedStatement("Too many levels of nesting");
        return {};
    }

    const Token& peek(size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    bool acceptKeyword(std::string_view word) {
        if (!peek().isKeyword(word)) return false;
        ++pos_;
        return true;
    }
    bool accept(std::string_view symbol) {
        if (!peek().is(symbol)) return false;
        ++pos_;
        return true;
    }
    Status expectKeyword(std::string_view word) {
        if (acceptKeyword(word)) return {};
        return malformedStatement("Expected " + upper(word));
    }
    Status expect(std::string_view symbol) {
        if (accept(symbol)) return {};
        return malformedStatement("Expected '" + std::string(symbol) + "'");
    }
    bool isName(const Token& token) const {
        return token.kind == Token::Kind::QuotedName ||
               (token.kind == Token::Kind::Name && !keywords().count(upper(token.text)));
    }
    Error unexpected() const {
        const Token& token = peek();
        if (token.kind == Token::Kind::End)
            return malformedStatement("Unexpected end of statement");
        if (token.kind == Token::Kind::Name && keywords().count(upper(token.text)))
            return malformedStatement("Unexpected keyword " + upper(token.text));
        return malformedStatement("Unexpected term");
    }

    Result<std::string> name() {
        if (!isName(peek())) return unexpected();
        return tokens_[pos_++].text;
    }

    // FROM "table" or "table"."index".
    Status source(Statement& out, bool allowIndex) {
        auto table = name();
        if (!table) return table.error();
        out.table = *table;
        if (accept(".")) {
            auto index = name();
            if (!index) return index.error();
            if (!allowIndex) return unsupported("This operation is not supported on an index");
            out.index = *index;
            if (peek().is("."))
                return unsupported("A path may contain at most 2 components in the FROM clause");
        }
        return {};
    }

    Result<DocumentPath> path() {
        auto first = name();
        if (!first) return first.error();
        DocumentPath steps{PathElement{false, *first, 0}};
        while (true) {
            if (peek().is(".") && isName(peek(1))) {
                ++pos_;
                steps.push_back(PathElement{false, tokens_[pos_++].text, 0});
            } else if (peek().is("[")) {
                ++pos_;
                if (peek().kind != Token::Kind::Number ||
                    peek().text.find_first_not_of("0123456789") != std::string::npos)
                    return unsupported("Unexpected path component");
                const std::string digits = tokens_[pos_++].text;
                if (digits.size() > 9)
                    return unsupported("List index is not within the allowable range; index: [" +
                                       digits + "]");
                steps.push_back(PathElement{true, "", std::stoul(digits)});
                SHARDSCAPE_TRY(expect("]"));
            } else {
                break;
            }
        }
        return steps;
    }

    Result<Json> parameter() {
        ++pos_;
        if (!parameters_.is_array() || used_ >= parameters_.size())
            return validationError("Number of parameters in request and statement don't match.");
        return parameters_[used_++];
    }

    // A literal value: 'string', number, TRUE/FALSE, NULL, {...}, [...], <<...>>, or ?.
    Result<Json> literal() {
        Nested nested(depth_);
        SHARDSCAPE_TRY(checkNesting());
        const Token& token = peek();
        if (token.kind == Token::Kind::Parameter) return parameter();
        if (token.kind == Token::Kind::String) {
            ++pos_;
            return Json{{"S", token.text}};
        }
        if (token.kind == Token::Kind::Number) {
            ++pos_;
            return Json{{"N", token.text}};
        }
        if (token.is("-") && peek(1).kind == Token::Kind::Number) {
            pos_ += 2;
            return Json{{"N", "-" + tokens_[pos_ - 1].text}};
        }
        if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
            ++pos_;
            return Json{{"BOOL", token.isKeyword("TRUE")}};
        }
        if (token.isKeyword("NULL")) {
            ++pos_;
            return Json{{"NULL", true}};
        }
        if (token.is("{")) return tuple();
        if (token.is("[")) {
            ++pos_;
            Json list = Json::array();
            if (!accept("]")) {
                do {
                    auto element = literal();
                    if (!element) return element;
                    list.push_back(std::move(element).value());
                } while (accept(","));
                SHARDSCAPE_TRY(expect("]"));
            }
            return Json{{"L", std::move(list)}};
        }
        if (token.is("<<")) return bag();
        return unexpected();
    }

    Result<Json> tuple() {
        ++pos_;
        Json members = Json::object();
        if (!accept("}")) {
            do {
                if (peek().kind != Token::Kind::String) {
                    if (peek().kind == Token::Kind::Parameter || peek().kind == Token::Kind::Number)
                        return unsupported("Tuple keys must be of type String");
                    return unexpected();
                }
                const std::string key = tokens_[pos_++].text;
                SHARDSCAPE_TRY(expect(":"));
                auto value = literal();
                if (!value) return value;
                if (members.contains(key))
                    return unsupported("Duplicate keys in tuple. Key: " + key);
                members[key] = std::move(value).value();
            } while (accept(","));
            SHARDSCAPE_TRY(expect("}"));
        }
        return Json{{"M", std::move(members)}};
    }

    // <<'a', 'b'>> a string set, <<1, 2>> a number set.
    Result<Json> bag() {
        ++pos_;
        Json elements = Json::array();
        std::string type;
        const std::string mixed =
            "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
            "bags";
        if (peek().is(">>")) return unsupported("Empty bags are not supported");
        do {
            std::string elementType;
            std::string text;
            if (peek().kind == Token::Kind::String) {
                elementType = "SS";
                text = tokens_[pos_++].text;
            } else if (peek().kind == Token::Kind::Number) {
                elementType = "NS";
                text = tokens_[pos_++].text;
            } else if (peek().is("-") && peek(1).kind == Token::Kind::Number) {
                elementType = "NS";
                text = "-" + tokens_[pos_ + 1].text;
                pos_ += 2;
            } else if (peek().is(">>") || peek().kind == Token::Kind::End) {
                return unexpected();
            } else {
                return unsupported(mixed);
            }
            if (!type.empty() && type != elementType) return unsupported(mixed);
            type = elementType;
            elements.push_back(text);
        } while (accept(","));
        SHARDSCAPE_TRY(expect(">>"));
        return Json{{type, std::move(elements)}};
    }

    // An operand of a condition: a path, a literal, a function call or a parenthesized
    // condition.
    Result<Expr> operand() {
        Nested nested(depth_);
        SHARDSCAPE_TRY(checkNesting());
        Expr out;
        if (accept("(")) {
            auto inner = disjunction();
            if (!inner) return inner;
            SHARDSCAPE_TRY(expect(")"));
            return inner;
        }
        if (peek().isKeyword("MISSING")) {
            ++pos_;
            out.kind = Expr::Kind::Missing;
            return out;
        }
        if (peek().kind == Token::Kind::Name && peek(1).is("(") &&
            !keywords().count(upper(peek().text))) {
            out.kind = Expr::Kind::Call;
            out.op = tokens_[pos_].text;
            pos_ += 2;
            if (!accept(")")) {
                do {
                    auto argument = additive();
                    if (!argument) return argument;
                    out.args.push_back(std::move(argument).value());
                } while (accept(","));
                SHARDSCAPE_TRY(expect(")"));
            }
            return out;
        }
        if (isName(peek())) {
            auto steps = path();
            if (!steps) return steps.error();
            out.kind = Expr::Kind::Path;
            out.path = std::move(steps).value();
            return out;
        }
        const bool fromParameter = peek().kind == Token::Kind::Parameter;
        const size_t parameterIndex = used_;
        auto value = literal();
        if (!value) return value.error();
        out.kind = Expr::Kind::Value;
        out.value = std::move(value).value();
        if (fromParameter) out.parameter = static_cast<int>(parameterIndex);
        return out;
    }

    // operand [+|- operand]...: the values of an UPDATE's SET.
    Result<Expr> additive() {
        auto left = operand();
        if (!left) return left;
        Expr out = std::move(left).value();
        while (peek().is("+") || peek().is("-")) {
            Expr combined;
            combined.kind = Expr::Kind::Arithmetic;
            combined.op = tokens_[pos_++].text;
            auto right = operand();
            if (!right) return right;
            combined.args = {std::move(out), std::move(right).value()};
            out = std::move(combined);
        }
        return out;
    }

    Result<Expr> predicate() {
        auto left = additive();
        if (!left) return left;
        Expr out;
        const Token& token = peek();
        static const std::set<std::string> comparisons = {"=", "<>", "!=", "<", "<=", ">", ">="};
        if (token.kind == Token::Kind::Symbol && comparisons.count(token.text)) {
            ++pos_;
            auto right = additive();
            if (!right) return right;
            out.kind = Expr::Kind::Compare;
            out.op = token.text == "!=" ? "<>" : token.text;
            out.args = {std::move(left).value(), std::move(right).value()};
            if (out.args[0].kind == Expr::Kind::Missing || out.args[1].kind == Expr::Kind::Missing)
                return unsupported("MISSING must be compared using IS operator");
            return out;
        }
        if (token.isKeyword("IS")) {
            ++pos_;
            const bool negated = acceptKeyword("NOT");
            if (!acceptKeyword("MISSING")) {
                if (peek().kind == Token::Kind::Name)
                    return unsupported("Unsupported data type for IS operator: " +
                                       upper(peek().text) + ". Supported data types are [MISSING]");
                return unexpected();
            }
            out.kind = Expr::Kind::IsMissing;
            out.negated = negated;
            out.args = {std::move(left).value()};
            if (out.args[0].kind != Expr::Kind::Path)
                return unsupported(
                    "The left hand side argument to IS must be a Variable Reference, Literal, or "
                    "Path");
            return out;
        }
        const bool negated =
            token.isKeyword("NOT") && (peek(1).isKeyword("BETWEEN") || peek(1).isKeyword("IN"));
        if (negated) ++pos_;
        if (acceptKeyword("BETWEEN")) {
            auto low = additive();
            if (!low) return low;
            SHARDSCAPE_TRY(expectKeyword("AND"));
            auto high = additive();
            if (!high) return high;
            out.kind = Expr::Kind::Between;
            out.args = {std::move(left).value(), std::move(low).value(), std::move(high).value()};
        } else if (acceptKeyword("IN")) {
            const char* close = accept("[") ? "]" : nullptr;
            if (!close) {
                if (!accept("("))
                    return unsupported(
                        "IN operator must have a left hand argument of type Variable Reference "
                        "and right hand argument of type Seq with at least one member");
                close = ")";
            }
            out.kind = Expr::Kind::In;
            out.args = {std::move(left).value()};
            if (peek().is(close))
                return unsupported(
                    "IN operator must have a left hand argument of type Variable Reference and "
                    "right hand argument of type Seq with at least one member");
            do {
                auto element = additive();
                if (!element) return element;
                out.args.push_back(std::move(element).value());
            } while (accept(","));
            SHARDSCAPE_TRY(expect(close));
        } else {
            return left;
        }
        if (!negated) return out;
        Expr inverted;
        inverted.kind = Expr::Kind::Not;
        inverted.args = {std::move(out)};
        return inverted;
    }

    Result<Expr> negation() {
        Nested nested(depth_);
        SHARDSCAPE_TRY(checkNesting());
        if (acceptKeyword("NOT")) {
            auto inner = negation();
            if (!inner) return inner;
            if (!inner->isCondition())
                return unsupported("The argument to NOT must be a Type or Expression");
            Expr out;
            out.kind = Expr::Kind::Not;
            out.args = {std::move(inner).value()};
            return out;
        }
        return predicate();
    }

    Result<Expr> joined(Expr::Kind kind, std::string_view word) {
        auto first = kind == Expr::Kind::Or ? joined(Expr::Kind::And, "AND") : negation();
        if (!first) return first;
        if (!peek().isKeyword(word)) return first;
        Expr out;
        out.kind = kind;
        out.args.push_back(std::move(first).value());
        while (acceptKeyword(word)) {
            auto next = kind == Expr::Kind::Or ? joined(Expr::Kind::And, "AND") : negation();
            if (!next) return next;
            out.args.push_back(std::move(next).value());
        }
        for (const Expr& argument : out.args)
            if (!argument.isCondition())
                return unsupported("The arguments to AND/OR must be Expressions");
        return out;
    }

    Result<Expr> disjunction() { return joined(Expr::Kind::Or, "OR"); }

    Status where(Statement& out, bool required) {
        if (!acceptKeyword("WHERE")) {
            if (required)
                return validationError(
                    "Where clause does not contain a mandatory equality on all key attributes");
            return {};
        }
        auto condition = disjunction();
        if (!condition) return condition.error();
        if (!condition->isCondition())
            return unsupported(
                "WHERE clause must contain an expression that resolves to a boolean");
        out.where = std::move(condition).value();
        return {};
    }

    Status returning(Statement& out) {
        if (!acceptKeyword("RETURNING")) return {};
        std::string which;
        if (acceptKeyword("ALL")) {
            which = "ALL";
        } else if (acceptKeyword("MODIFIED")) {
            which = "MODIFIED";
        } else {
            return unexpected();
        }
        if (acceptKeyword("OLD")) {
            which += " OLD";
        } else if (acceptKeyword("NEW")) {
            which += " NEW";
        } else {
            return unexpected();
        }
        if (!accept("*"))
            return unsupported(
                "Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
        if (peek().is(","))
            return unsupported(
                "Invalid syntax with multiple returning elements in RETURNING clause");
        out.returning = which;
        return {};
    }

    Result<Statement> select() {
        ++pos_;
        Statement out;
        out.kind = Statement::Kind::Select;
        bool star = false;
        std::set<std::string> names;
        do {
            if (accept("*")) {
                star = true;
                continue;
            }
            auto steps = path();
            if (!steps) return steps.error();
            if (peek().isKeyword("AS") || isName(peek()))
                return unsupported("Aliasing is not supported");
            const std::string shown = resultName(*steps);
            if (!names.insert(shown).second)
                return unsupported("Duplicate identifiers in select clause: " + shown);
            out.projection.push_back(std::move(steps).value());
        } while (accept(","));
        if (star && !out.projection.empty())
            return unsupported(
                "Other attributes should not be present in the projection when '*' is used.");
        SHARDSCAPE_TRY(expectKeyword("FROM"));
        SHARDSCAPE_TRY(source(out, true));
        if (peek().is(","))
            return unsupported("Only select from a single table or index is supported.");
        SHARDSCAPE_TRY(where(out, false));
        if (acceptKeyword("ORDER")) {
            SHARDSCAPE_TRY(expectKeyword("BY"));
            do {
                auto attribute = name();
                if (!attribute) return attribute.error();
                bool descending = false;
                if (acceptKeyword("DESC")) {
                    descending = true;
                } else {
                    acceptKeyword("ASC");
                }
                out.orderBy.emplace_back(std::move(attribute).value(), descending);
            } while (accept(","));
        }
        return out;
    }

    Result<Statement> exists() {
        ++pos_;
        SHARDSCAPE_TRY(expect("("));
        if (!peek().isKeyword("SELECT")) return unexpected();
        auto inner = select();
        if (!inner) return inner;
        SHARDSCAPE_TRY(expect(")"));
        inner->kind = Statement::Kind::Exists;
        return inner;
    }

    Result<Statement> insert() {
        ++pos_;
        Statement out;
        out.kind = Statement::Kind::Insert;
        SHARDSCAPE_TRY(expectKeyword("INTO"));
        SHARDSCAPE_TRY(source(out, false));
        if (peek().isKeyword("VALUES") || peek().is("<<"))
            return unsupported(
                "Unsupported operation: Inserting multiple items in a single statement is not "
                "supported, use \"INSERT INTO tableName VALUE item\" instead");
        SHARDSCAPE_TRY(expectKeyword("VALUE"));
        if (peek().kind == Token::Kind::Parameter) {
            auto value = parameter();
            if (!value) return value.error();
            if (!value->is_object() || !value->contains("M") || !(*value)["M"].is_object())
                return unsupported(
                    "Unsupported format in item expression. Please use struct format {...} to "
                    "express item values for insert statement.");
            out.item = (*value)["M"];
        } else {
            if (!peek().is("{"))
                return unsupported(
                    "Unsupported format in item expression. Please use struct format {...} to "
                    "express item values for insert statement.");
            auto value = tuple();
            if (!value) return value.error();
            out.item = std::move((*value)["M"]);
        }
        if (peek().isKeyword("RETURNING"))
            return unsupported("RETURNING is not supported in INSERT");
        if (peek().isKeyword("WHERE") || peek().isKeyword("FROM"))
            return unsupported("Unsupported FROM ... WHERE ... clause in INSERT statement.");
        return out;
    }

    Result<Statement> update() {
        ++pos_;
        Statement out;
        out.kind = Statement::Kind::Update;
        SHARDSCAPE_TRY(source(out, false));
        while (true) {
            if (acceptKeyword("SET")) {
                do {
                    auto target = path();
                    if (!target) return target.error();
                    SHARDSCAPE_TRY(expect("="));
                    auto value = additive();
                    if (!value) return value.error();
                    if (value->kind == Expr::Kind::Missing)
                        return unsupported("MISSING must be compared using IS operator");
                    out.updates.push_back(
                        {false, std::move(target).value(), std::move(value).value()});
                } while (accept(","));
            } else if (acceptKeyword("REMOVE")) {
                do {
                    auto target = path();
                    if (!target) return target.error();
                    out.updates.push_back({true, std::move(target).value(), Expr{}});
                } while (accept(","));
            } else {
                break;
            }
        }
        if (out.updates.empty()) return unexpected();
        SHARDSCAPE_TRY(where(out, true));
        SHARDSCAPE_TRY(returning(out));
        return out;
    }

    Result<Statement> remove() {
        ++pos_;
        Statement out;
        out.kind = Statement::Kind::Delete;
        SHARDSCAPE_TRY(expectKeyword("FROM"));
        SHARDSCAPE_TRY(source(out, false));
        SHARDSCAPE_TRY(where(out, true));
        SHARDSCAPE_TRY(returning(out));
        if (!out.returning.empty() && out.returning != "ALL OLD")
            return unsupported("Invalid returning clause: RETURNING " + out.returning +
                               " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
        return out;
    }

  public:
    size_t parametersUsed() const { return used_; }

  private:
    std::vector<Token> tokens_;
    const Json& parameters_;
    size_t pos_ = 0;
    size_t used_ = 0;
    int depth_ = 0;
};

}  // namespace

bool Expr::isCondition() const {
    switch (kind) {
        case Kind::Compare:
        case Kind::Between:
        case Kind::In:
        case Kind::And:
        case Kind::Or:
        case Kind::Not:
        case Kind::IsMissing:
            return true;
        case Kind::Call:
            return op == "begins_with" || op == "contains" || op == "attribute_exists" ||
                   op == "attribute_not_exists" || op == "attribute_type";
        default:
            return false;
    }
}

std::string resultName(const DocumentPath& path) {
    std::string out;
    for (const PathElement& step : path) {
        if (step.isIndex) {
            out.append("[").append(std::to_string(step.index)).append("]");
        } else {
            out = step.name;
        }
    }
    return out;
}

Result<Statement> parseStatement(std::string_view text, const Json& parameters) {
    auto tokens = tokenizeStatement(text);
    if (!tokens) return tokens.error();
    Parser parser(std::move(tokens).value(), parameters);
    auto statement = parser.statement();
    if (statement) statement->parametersUsed = parser.parametersUsed();
    return statement;
}

}  // namespace shardscape::partiql
