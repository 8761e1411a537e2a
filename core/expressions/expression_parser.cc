// Recursive-descent parser for condition, filter, projection and update expressions, with
// DynamoDB's precedence: comparators, IN, BETWEEN and functions bind tightest, then NOT,
// then AND, then OR; parentheses group.
#include <charconv>

#include "expressions/expression.h"
#include "expressions/expression_lexer.h"
#include "expressions/reserved_words.h"
#include "values/number.h"

namespace shardscape {

std::string_view expressionKindName(ExpressionKind kind) {
    switch (kind) {
        case ExpressionKind::Condition:
            return "ConditionExpression";
        case ExpressionKind::Filter:
            return "FilterExpression";
        case ExpressionKind::KeyCondition:
            return "KeyConditionExpression";
        case ExpressionKind::Projection:
            return "ProjectionExpression";
        case ExpressionKind::Update:
            return "UpdateExpression";
    }
    return "Expression";
}

namespace {

// ADD's and DELETE's operand of the wrong type, as DynamoDB words it: the type by its full
// name and the set of types the operator allows.
std::string operandTypeError(const std::string& action, ValueType type) {
    const char* name = "STRING";
    switch (type) {
        case ValueType::S:
            name = "STRING";
            break;
        case ValueType::N:
            name = "NUMBER";
            break;
        case ValueType::B:
            name = "BINARY";
            break;
        case ValueType::BOOL:
            name = "BOOLEAN";
            break;
        case ValueType::NUL:
            name = "NULL";
            break;
        case ValueType::L:
            name = "LIST";
            break;
        case ValueType::M:
            name = "MAP";
            break;
        case ValueType::SS:
            name = "STRING_SET";
            break;
        case ValueType::NS:
            name = "NUMBER_SET";
            break;
        case ValueType::BS:
            name = "BINARY_SET";
            break;
    }
    return "Incorrect operand type for operator or function; operator: " + action +
           ", operand type: " + name + ", typeSet: ALLOWED_FOR_" + action + "_OPERAND";
}

constexpr size_t kMaxInOperands = 100;

bool isValueType(const AttributeValue& v, std::initializer_list<ValueType> types) {
    for (ValueType t : types)
        if (v.type() == t) return true;
    return false;
}

std::string shortValue(const AttributeValue& value) {
    return "AttributeValue: {" + std::string(valueTypeName(value.type())) + ":" + value.scalar() +
           "}";
}

class Parser {
  public:
    // `grammarOnly`: a KeyConditionExpression is read by the condition grammar alone; the
    // rules it adds (operators, one condition per key, no nesting) are left for later.
    Parser(ExpressionKind kind, std::string_view text, ExpressionContext& context,
           bool grammarOnly = false)
        : kind_(kind), text_(text), context_(context), grammarOnly_(grammarOnly) {}

    Status start() {
        if (text_.empty()) return invalid("The expression can not be empty;");
        if (text_.size() > kMaxExpressionBytes)
            return invalid(
                "Expression size has exceeded the maximum allowed size; expression size: " +
                std::to_string(text_.size()));
        auto tokens = tokenizeExpression(text_);
        if (!tokens) return invalid(tokens.error().message);
        tokens_ = std::move(tokens).value();
        return {};
    }

    Result<Condition> condition() {
        auto result = parseOr();
        if (!result) return result;
        if (!atEnd()) return syntax();
        return result;
    }

    Result<std::vector<DocumentPath>> projection() {
        std::vector<DocumentPath> paths;
        while (true) {
            auto path = parsePath();
            if (!path) return path.error();
            for (const auto& other : paths) {
                if (pathsConflict(other, *path))
                    return invalid(
                        "Two document paths conflict with each other; must remove or rewrite one "
                        "of "
                        "these paths; path one: " +
                        pathForMessage(other) + ", path two: " + pathForMessage(*path));
                if (pathsOverlap(other, *path))
                    return invalid(
                        "Two document paths overlap with each other; must remove or rewrite one of "
                        "these paths; path one: " +
                        pathForMessage(other) + ", path two: " + pathForMessage(*path));
            }
            paths.push_back(std::move(path).value());
            if (atEnd()) return paths;
            if (!peek().is(",")) return syntax();
            take();
        }
    }

    Result<std::vector<UpdateAction>> update() {
        std::vector<UpdateAction> actions;
        std::vector<std::string> clausesSeen;
        while (!atEnd()) {
            const Token& clause = peek();
            UpdateAction::Kind kind;
            std::string name;
            if (clause.isKeyword("SET"))
                kind = UpdateAction::Kind::Set, name = "SET";
            else if (clause.isKeyword("REMOVE"))
                kind = UpdateAction::Kind::Remove, name = "REMOVE";
            else if (clause.isKeyword("ADD"))
                kind = UpdateAction::Kind::Add, name = "ADD";
            else if (clause.isKeyword("DELETE"))
                kind = UpdateAction::Kind::Delete, name = "DELETE";
            else
                return syntax();
            if (std::find(clausesSeen.begin(), clausesSeen.end(), name) != clausesSeen.end())
                return invalid("The \"" + name +
                               "\" section can only be used once in an update expression;");
            clausesSeen.push_back(name);
            take();
            do {
                if (peek().is(",")) take();
                UpdateAction action;
                action.kind = kind;
                auto path = parsePath();
                if (!path) return path.error();
                action.path = std::move(path).value();
                if (kind == UpdateAction::Kind::Set) {
                    if (!peek().is("=")) return syntax();
                    take();
                    auto value = parseSetValue();
                    if (!value) return value.error();
                    action.value = std::move(value).value();
                } else if (kind != UpdateAction::Kind::Remove) {
                    if (peek().kind != Token::Kind::ValuePlaceholder) return syntax();
                    auto value = parseOperand(false);
                    if (!value) return value.error();
                    const AttributeValue& v = value->value;
                    if (kind == UpdateAction::Kind::Add &&
                        !isValueType(v,
                                     {ValueType::N, ValueType::SS, ValueType::NS, ValueType::BS}))
                        return invalid(operandTypeError("ADD", v.type()));
                    if (kind == UpdateAction::Kind::Delete &&
                        !isValueType(v, {ValueType::SS, ValueType::NS, ValueType::BS}))
                        return invalid(operandTypeError("DELETE", v.type()));
                    action.value = std::move(value).value();
                }
                actions.push_back(std::move(action));
            } while (peek().is(","));
        }
        if (actions.empty()) return syntax();
        for (size_t i = 0; i < actions.size(); ++i)
            for (size_t j = i + 1; j < actions.size(); ++j) {
                const auto& a = actions[i].path;
                const auto& b = actions[j].path;
                if (pathsConflict(a, b))
                    return invalid(
                        "Two document paths conflict with each other; must remove or rewrite one "
                        "of "
                        "these paths; path one: " +
                        pathForMessage(a) + ", path two: " + pathForMessage(b));
                if (pathsOverlap(a, b))
                    return invalid(
                        "Two document paths overlap with each other; must remove or rewrite one of "
                        "these paths; path one: " +
                        pathForMessage(a) + ", path two: " + pathForMessage(b));
            }
        return actions;
    }

  private:
    const Token& peek(size_t ahead = 0) const {
        return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
    }
    const Token& take() {
        return tokens_[position_ < tokens_.size() - 1 ? position_++ : position_];
    }
    bool atEnd() const { return peek().kind == Token::Kind::End; }

    Error invalid(const std::string& message) const {
        return validationError("Invalid " + std::string(expressionKindName(kind_)) + ": " +
                               message);
    }
    Error syntax() const { return invalid(syntaxErrorAt(text_, tokens_, position_)); }
    // DynamoDB refuses comparing a document path with itself ("a = a", "begins_with(a, a)").
    Status checkDistinct(const std::string& op, const Operand& first, const Operand& second) const {
        if (first.kind != Operand::Kind::Path || second.kind != Operand::Kind::Path ||
            first.path != second.path)
            return {};
        return invalid(
            "The first operand must be distinct from the remaining operands for this operator or "
            "function; operator: " +
            op + ", first operand: " + pathForMessage(first.path));
    }
    Error operandType(const std::string& function, const AttributeValue& value) const {
        return invalid("Incorrect operand type for operator or function; operator or function: " +
                       function + ", operand type: " + std::string(valueTypeName(value.type())));
    }
    Error operandCount(const std::string& function, size_t count) const {
        return invalid(
            "Incorrect number of operands for operator or function; operator or function: " +
            function + ", number of operands: " + std::to_string(count));
    }

    Result<std::string> attributeName() {
        const Token& t = peek();
        if (t.kind == Token::Kind::NamePlaceholder) {
            auto name = context_.name(take().text);
            if (!name) return invalid(name.error().message);
            return name;
        }
        if (t.kind == Token::Kind::Name) {
            if (isReservedWord(t.text))
                return invalid("Attribute name is a reserved keyword; reserved keyword: " + t.text);
            return take().text;
        }
        return syntax();
    }

    Result<DocumentPath> parsePath() {
        DocumentPath path;
        auto first = attributeName();
        if (!first) return first.error();
        path.push_back({false, std::move(first).value(), 0});
        while (peek().is(".") || peek().is("[")) {
            if (keyCondition())
                return validationError(
                    "KeyConditionExpressions cannot have conditions on nested attributes");
            if (take().is(".")) {
                auto member = attributeName();
                if (!member) return member.error();
                path.push_back({false, std::move(member).value(), 0});
            } else {
                if (peek().kind != Token::Kind::Number) return syntax();
                const std::string& digits = peek().text;
                size_t index = 0;
                auto [end, ec] =
                    std::from_chars(digits.data(), digits.data() + digits.size(), index);
                if (ec != std::errc() || end != digits.data() + digits.size() || index > 0x7fffffff)
                    return invalid("List index is not within the allowable range; index: [" +
                                   digits + "]");
                take();
                if (!peek().is("]")) return syntax();
                take();
                path.push_back({true, {}, index});
            }
        }
        if (path.size() > kMaxPathDepth)
            return invalid("The document path has too many nesting levels; nesting levels: " +
                           std::to_string(path.size()));
        return path;
    }

    static bool isConditionFunction(const std::string& name) {
        return name == "attribute_exists" || name == "attribute_not_exists" ||
               name == "attribute_type" || name == "begins_with" || name == "contains";
    }

    // Operands of conditions: path, :value, size(path). In update SET values also
    // if_not_exists(path, value) and list_append(a, b) (`inUpdate`).
    Result<Operand> parseOperand(bool inUpdate) {
        const Token& t = peek();
        Operand operand;
        if (t.kind == Token::Kind::ValuePlaceholder) {
            auto value = context_.value(take().text);
            if (!value) return invalid(value.error().message);
            operand.kind = Operand::Kind::Value;
            operand.value = std::move(value).value();
            return operand;
        }
        if (t.kind == Token::Kind::Name && peek(1).is("(")) {
            const std::string function = t.text;
            const bool allowed = inUpdate
                                     ? (function == "if_not_exists" || function == "list_append")
                                     : function == "size";
            if (!allowed) {
                if (isConditionFunction(function) || function == "size" ||
                    function == "if_not_exists" || function == "list_append")
                    return invalid(
                        "The function is not allowed to be used this way in an expression; "
                        "function: " +
                        function);
                return invalid("Invalid function name; function: " + function);
            }
            take();
            take();
            std::vector<Operand> args;
            if (!peek().is(")")) {
                while (true) {
                    auto arg = inUpdate ? parseSetValue() : parseOperand(false);
                    if (!arg) return arg.error();
                    args.push_back(std::move(arg).value());
                    if (!peek().is(",")) break;
                    take();
                }
            }
            if (!peek().is(")")) return syntax();
            take();
            if (function == "size") {
                if (args.size() != 1) return operandCount("size", args.size());
                if (args[0].kind == Operand::Kind::Value) return operandType("size", args[0].value);
                if (args[0].kind != Operand::Kind::Path)
                    return invalid("KeyConditionExpressions cannot contain nested operations");
                operand.kind = Operand::Kind::Size;
                operand.path = std::move(args[0].path);
                return operand;
            }
            if (args.size() != 2) return operandCount(function, args.size());
            if (function == "if_not_exists") {
                if (args[0].kind != Operand::Kind::Path)
                    return invalid(
                        "Operator or function requires a document path; operator or function: "
                        "if_not_exists");
                operand.kind = Operand::Kind::IfNotExists;
            } else {
                for (const auto& a : args)
                    if (a.kind == Operand::Kind::Value && a.value.type() != ValueType::L)
                        return operandType("list_append", a.value);
                operand.kind = Operand::Kind::ListAppend;
            }
            operand.args = std::move(args);
            return operand;
        }
        if (t.kind == Token::Kind::Name || t.kind == Token::Kind::NamePlaceholder) {
            auto path = parsePath();
            if (!path) return path.error();
            operand.kind = Operand::Kind::Path;
            operand.path = std::move(path).value();
            return operand;
        }
        return syntax();
    }

    Result<Operand> parseSetValue() {
        auto left = parseOperand(true);
        if (!left) return left;
        if (!peek().is("+") && !peek().is("-")) return left;
        Operand arithmetic;
        arithmetic.kind = take().is("+") ? Operand::Kind::Plus : Operand::Kind::Minus;
        auto right = parseOperand(true);
        if (!right) return right;
        const char* op = arithmetic.kind == Operand::Kind::Plus ? "+" : "-";
        for (const Operand* o : {&*left, &*right})
            if (o->kind == Operand::Kind::Value && o->value.type() != ValueType::N)
                return operandType(op, o->value);
        arithmetic.args.push_back(std::move(left).value());
        arithmetic.args.push_back(std::move(right).value());
        return arithmetic;
    }

    bool keyCondition() const { return kind_ == ExpressionKind::KeyCondition && !grammarOnly_; }
    Error keyOperator(const std::string& op) const {
        return validationError("Invalid operator used in KeyConditionExpression: " + op);
    }

    // left (KEYWORD right)*, folded left; `operand` parses each side.
    Result<Condition> parseChain(const char* keyword, Condition::Kind kind,
                                 Result<Condition> (Parser::*operand)()) {
        auto left = (this->*operand)();
        if (!left) return left;
        while (peek().isKeyword(keyword)) {
            if (keyCondition() && kind == Condition::Kind::Or) return keyOperator("OR");
            take();
            auto right = (this->*operand)();
            if (!right) return right;
            Condition node;
            node.kind = kind;
            node.children.push_back(std::move(left).value());
            node.children.push_back(std::move(right).value());
            left = std::move(node);
        }
        return left;
    }

    Result<Condition> parseOr() { return parseChain("OR", Condition::Kind::Or, &Parser::parseAnd); }
    Result<Condition> parseAnd() {
        return parseChain("AND", Condition::Kind::And, &Parser::parseNot);
    }

    Result<Condition> parseNot() {
        if (!peek().isKeyword("NOT")) return parsePrimary();
        if (keyCondition()) return keyOperator("NOT");
        take();
        auto child = parseNot();
        if (!child) return child;
        Condition node;
        node.kind = Condition::Kind::Not;
        node.children.push_back(std::move(child).value());
        return node;
    }

    Result<Condition> parsePrimary() {
        if (++depth_ > 200) return invalid("The expression is nested too deeply");
        struct DepthGuard {
            int& d;
            ~DepthGuard() { --d; }
        } guard{depth_};
        if (peek().is("(")) {
            take();
            auto inner = parseOr();
            if (!inner) return inner;
            if (!peek().is(")")) return syntax();
            take();
            return inner;
        }
        if (peek().kind == Token::Kind::Name && peek(1).is("(") &&
            isConditionFunction(peek().text)) {
            if (keyCondition() && peek().text != "begins_with") return keyOperator(peek().text);
            return parseConditionFunction();
        }
        if (keyCondition() && peek().kind == Token::Kind::Name && peek().text == "size" &&
            peek(1).is("("))
            return validationError("KeyConditionExpressions cannot contain nested operations");

        auto left = parseOperand(false);
        if (!left) return left.error();
        Condition node;
        const Token& op = peek();
        if (op.isKeyword("BETWEEN")) {
            take();
            auto low = parseOperand(false);
            if (!low) return low.error();
            if (!peek().isKeyword("AND")) return syntax();
            take();
            auto high = parseOperand(false);
            if (!high) return high.error();
            if (low->kind == Operand::Kind::Value && high->kind == Operand::Kind::Value) {
                const AttributeValue& a = low->value;
                const AttributeValue& b = high->value;
                if (a.type() != b.type())
                    return invalid(
                        "The BETWEEN operator requires same data type for lower and upper bounds; "
                        "lower bound operand: " +
                        shortValue(a) + ", upper bound operand: " + shortValue(b));
                if (isValueType(a, {ValueType::S, ValueType::N, ValueType::B})) {
                    bool reversed =
                        a.type() == ValueType::N
                            ? Number::parse(a.scalar())->compare(*Number::parse(b.scalar())) > 0
                            : a.scalar() > b.scalar();
                    if (reversed)
                        return invalid(
                            "The BETWEEN operator requires upper bound to be greater than or equal "
                            "to lower bound; lower bound operand: " +
                            shortValue(a) + ", upper bound operand: " + shortValue(b));
                }
            }
            node.kind = Condition::Kind::Between;
            node.operands = {std::move(left).value(), std::move(low).value(),
                             std::move(high).value()};
            return node;
        }
        if (op.isKeyword("IN")) {
            if (keyCondition()) return keyOperator("IN");
            take();
            if (!peek().is("(")) return syntax();
            take();
            node.kind = Condition::Kind::In;
            node.operands.push_back(std::move(left).value());
            while (true) {
                auto candidate = parseOperand(false);
                if (!candidate) return candidate.error();
                node.operands.push_back(std::move(candidate).value());
                if (!peek().is(",")) break;
                take();
            }
            if (!peek().is(")")) return syntax();
            take();
            if (node.operands.size() - 1 > kMaxInOperands)
                return invalid(
                    "The IN operator is provided with too many operands; number of operands: " +
                    std::to_string(node.operands.size() - 1));
            return node;
        }
        using C = Condition::Comparator;
        C comparator;
        if (op.is("="))
            comparator = C::Equal;
        else if (op.is("<>") && keyCondition())
            return keyOperator("<>");
        else if (op.is("<>"))
            comparator = C::NotEqual;
        else if (op.is("<"))
            comparator = C::Less;
        else if (op.is("<="))
            comparator = C::LessOrEqual;
        else if (op.is(">"))
            comparator = C::Greater;
        else if (op.is(">="))
            comparator = C::GreaterOrEqual;
        else
            return syntax();
        const std::string opText = take().text;
        auto right = parseOperand(false);
        if (!right) return right.error();
        SHARDSCAPE_TRY(checkDistinct(opText, *left, *right));
        if (comparator != C::Equal && comparator != C::NotEqual)
            for (const Operand* o : {&*left, &*right})
                if (o->kind == Operand::Kind::Value &&
                    !isValueType(o->value, {ValueType::S, ValueType::N, ValueType::B}))
                    return operandType(opText, o->value);
        node.kind = Condition::Kind::Compare;
        node.comparator = comparator;
        node.operands = {std::move(left).value(), std::move(right).value()};
        return node;
    }

    Result<Condition> parseConditionFunction() {
        const std::string function = take().text;
        take();  // (
        Condition node;
        node.kind = Condition::Kind::Function;
        if (!peek().is(")")) {
            while (true) {
                auto arg = parseOperand(false);
                if (!arg) return arg.error();
                node.operands.push_back(std::move(arg).value());
                if (!peek().is(",")) break;
                take();
            }
        }
        if (!peek().is(")")) return syntax();
        take();
        using F = Condition::Function;
        const size_t expected =
            function == "attribute_exists" || function == "attribute_not_exists" ? 1 : 2;
        if (node.operands.size() != expected) return operandCount(function, node.operands.size());
        if (expected == 2)
            SHARDSCAPE_TRY(checkDistinct(function, node.operands[0], node.operands[1]));
        const Operand& first = node.operands[0];
        if (function == "attribute_exists" || function == "attribute_not_exists" ||
            function == "attribute_type") {
            if (first.kind == Operand::Kind::Value) return operandType(function, first.value);
            if (first.kind != Operand::Kind::Path)
                return invalid(
                    "Operator or function requires a document path; operator or function: " +
                    function);
        }
        if (function == "attribute_exists")
            node.function = F::AttributeExists;
        else if (function == "attribute_not_exists")
            node.function = F::AttributeNotExists;
        else if (function == "attribute_type") {
            node.function = F::AttributeType;
            const Operand& type = node.operands[1];
            if (type.kind != Operand::Kind::Value)
                return invalid(syntaxErrorAt(text_, tokens_, position_ - 1));
            if (type.value.type() != ValueType::S) return operandType(function, type.value);
            static const char* kTypes[] = {"S",  "SS",   "N",    "NS", "B",
                                           "BS", "BOOL", "NULL", "L",  "M"};
            if (std::find(std::begin(kTypes), std::end(kTypes), type.value.scalar()) ==
                std::end(kTypes))
                return invalid("Invalid attribute type name found; type: " + type.value.scalar() +
                               ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        } else if (function == "begins_with") {
            node.function = F::BeginsWith;
            for (const auto& o : node.operands)
                if (o.kind == Operand::Kind::Value &&
                    !isValueType(o.value, {ValueType::S, ValueType::B}))
                    return operandType(function, o.value);
        } else {
            node.function = F::Contains;
        }
        return node;
    }

    ExpressionKind kind_;
    std::string_view text_;
    ExpressionContext& context_;
    bool grammarOnly_ = false;
    std::vector<Token> tokens_;
    size_t position_ = 0;
    int depth_ = 0;
};

}  // namespace

namespace {
void collectOperandPaths(const Operand& operand, std::vector<DocumentPath>& out) {
    if (operand.kind == Operand::Kind::Path || operand.kind == Operand::Kind::Size)
        out.push_back(operand.path);
    for (const auto& arg : operand.args) collectOperandPaths(arg, out);
}
void collectPaths(const Condition& condition, std::vector<DocumentPath>& out) {
    for (const auto& operand : condition.operands) collectOperandPaths(operand, out);
    for (const auto& child : condition.children) collectPaths(child, out);
}
}  // namespace

std::vector<DocumentPath> conditionPaths(const Condition& condition) {
    std::vector<DocumentPath> out;
    collectPaths(condition, out);
    return out;
}

namespace {
// DynamoDB parses a whole expression before it resolves its placeholders, so a syntax error
// anywhere wins over an undefined placeholder before it. Placeholders are resolved while
// parsing here; when one is undefined, the expression is parsed again with every
// placeholder defined to see whether a syntax error should be reported instead.
template <class Parse>
auto syntaxFirst(ExpressionContext& context, Parse parse) -> decltype(parse(context)) {
    auto result = parse(context);
    if (result || result.error().message.find(" is not defined; ") == std::string::npos)
        return result;
    ExpressionContext anyPlaceholder = context.anyPlaceholder();
    auto syntax = parse(anyPlaceholder);
    if (syntax) return result;
    // What the grammar refuses: syntax, characters, a clause given twice.
    const std::string& message = syntax.error().message;
    if (message.find(": Syntax error; ") != std::string::npos ||
        message.find(": Invalid character encountered; ") != std::string::npos ||
        message.find(" section can only be used once in an update expression") != std::string::npos)
        return syntax.error();
    return result;
}
}  // namespace

namespace {
Result<Condition> parseCondition(ExpressionKind kind, std::string_view text,
                                 ExpressionContext& context, bool grammarOnly) {
    return syntaxFirst(context, [&](ExpressionContext& c) -> Result<Condition> {
        Parser parser(kind, text, c, grammarOnly);
        SHARDSCAPE_TRY(parser.start());
        return parser.condition();
    });
}
}  // namespace

Result<Condition> parseConditionExpression(ExpressionKind kind, std::string_view text,
                                           ExpressionContext& context) {
    return parseCondition(kind, text, context, false);
}

Result<Condition> parseConditionGrammar(ExpressionKind kind, std::string_view text,
                                        ExpressionContext& context) {
    return parseCondition(kind, text, context, true);
}

Result<Projection> parseProjectionExpression(std::string_view text, ExpressionContext& context) {
    return syntaxFirst(context, [&](ExpressionContext& c) -> Result<Projection> {
        Parser parser(ExpressionKind::Projection, text, c);
        SHARDSCAPE_TRY(parser.start());
        return parser.projection();
    });
}

Result<std::vector<UpdateAction>> parseUpdateActions(std::string_view text,
                                                     ExpressionContext& context) {
    return syntaxFirst(context, [&](ExpressionContext& c) -> Result<std::vector<UpdateAction>> {
        Parser parser(ExpressionKind::Update, text, c);
        SHARDSCAPE_TRY(parser.start());
        return parser.update();
    });
}

}  // namespace shardscape
