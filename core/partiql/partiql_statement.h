#pragma once
// A PartiQL statement as DynamoDB's subset reads it: SELECT, INSERT, UPDATE, DELETE and (in a
// transaction) EXISTS, with their WHERE conditions and values. Values are DynamoDB JSON
// attribute values; each ? parameter is replaced by its value while the statement is read.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "values/document_path.h"

namespace shardscape::partiql {

struct Expr {
    enum class Kind {
        Path,        // a.b[1]
        Value,       // a literal or a parameter: `value`
        Compare,     // args[0] op args[1]; op is = <> < <= > >=
        Between,     // args[0] BETWEEN args[1] AND args[2]
        In,          // args[0] IN (args[1..])
        And,         // args[0] AND args[1] ...
        Or,          // args[0] OR args[1] ...
        Not,         // NOT args[0]
        Call,        // name(args...): begins_with, contains, size, list_append, set_add, ...
        IsMissing,   // args[0] IS MISSING (IS NOT MISSING when `negated`)
        Arithmetic,  // args[0] op args[1]; op is + or -
        Missing,     // the MISSING literal outside IS
    };
    Kind kind = Kind::Value;
    std::string op;  // Compare and Arithmetic: the operator; Call: the function name
    DocumentPath path;
    Json value;
    // Value: the index of the ? parameter that gave `value`, or -1 for a literal.
    int parameter = -1;
    std::vector<Expr> args;
    bool negated = false;

    // Whether the expression gives true or false (a condition, not an operand).
    bool isCondition() const;
};

// What a path is called in a SELECT's result: its last name with the indexes after it
// ("m.k[1]" gives "k[1]").
std::string resultName(const DocumentPath& path);

struct UpdateAction {
    bool remove = false;
    DocumentPath target;
    Expr value;  // SET only
};

struct Statement {
    enum class Kind { Select, Insert, Update, Delete, Exists };
    Kind kind = Kind::Select;
    std::string table;
    std::optional<std::string> index;
    // SELECT: the projection; empty for *.
    std::vector<DocumentPath> projection;
    std::optional<Expr> where;
    // SELECT ... ORDER BY: the attributes named, each with true for DESC.
    std::vector<std::pair<std::string, bool>> orderBy;
    Json item;  // INSERT: the item's attributes as DynamoDB JSON (an object)
    std::vector<UpdateAction> updates;
    // RETURNING: "ALL OLD", "ALL NEW", "MODIFIED OLD", "MODIFIED NEW" or empty.
    std::string returning;
    // How many ? parameters the statement reads (later values of Parameters are ignored).
    size_t parametersUsed = 0;

    bool isRead() const { return kind == Kind::Select; }
};

// Reads `text`. `parameters` is the request's Parameters array (or null): the i-th ? takes the
// i-th value; too few values is DynamoDB's "Number of parameters in request and statement
// don't match.", extra values are ignored as DynamoDB ignores them.
Result<Statement> parseStatement(std::string_view text, const Json& parameters);

}  // namespace shardscape::partiql
