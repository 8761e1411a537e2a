#include "partiql/partiql_translation.h"

#include <algorithm>
#include <optional>

#include "values/attribute_json.h"

namespace shardscape::partiql {

namespace {

const char* kIncompleteKey =
    "Where clause does not contain a mandatory equality on all key attributes";

// Expression text with its #name and :value placeholders, as the item operations take it.
class ExpressionText {
  public:
    std::string name(const std::string& attribute) {
        for (auto it = names_.begin(); it != names_.end(); ++it)
            if (it.value() == attribute) return it.key();
        std::string placeholder("#n");
        placeholder.append(std::to_string(names_.size()));
        names_[placeholder] = attribute;
        return placeholder;
    }
    std::string value(const Json& attributeValue) {
        std::string placeholder(":v");
        placeholder.append(std::to_string(values_.size()));
        values_[placeholder] = attributeValue;
        return placeholder;
    }
    std::string path(const DocumentPath& steps) {
        std::string out;
        for (const PathElement& step : steps) {
            if (step.isIndex) {
                out.append("[").append(std::to_string(step.index)).append("]");
            } else {
                if (!out.empty()) out += ".";
                out += name(step.name);
            }
        }
        return out;
    }

    Result<std::string> operand(const Expr& e) {
        switch (e.kind) {
            case Expr::Kind::Path:
                return path(e.path);
            case Expr::Kind::Value:
                return value(e.value);
            case Expr::Kind::Missing:
                return validationError("MISSING must be compared using IS operator");
            case Expr::Kind::Call:
                if (e.op == "size") return call(e);
                if (e.isCondition())
                    return validationError(
                        "Unsupported operator in Condition Expression. Operator: " + e.op);
                return validationError("Unrecognized function: " + e.op);
            case Expr::Kind::Arithmetic:
                return validationError("Unsupported operator in Condition Expression. Operator: " +
                                       e.op);
            default:
                return validationError(
                    "WHERE clause must contain an expression that resolves to a boolean");
        }
    }

    Result<std::string> condition(const Expr& e) {
        switch (e.kind) {
            case Expr::Kind::Compare: {
                auto left = operand(e.args[0]);
                if (!left) return left;
                auto right = operand(e.args[1]);
                if (!right) return right;
                return *left + " " + e.op + " " + *right;
            }
            case Expr::Kind::Between: {
                std::string parts[3];
                for (int i = 0; i < 3; ++i) {
                    auto part = operand(e.args[i]);
                    if (!part) return part;
                    parts[i] = std::move(part).value();
                }
                return parts[0] + " BETWEEN " + parts[1] + " AND " + parts[2];
            }
            case Expr::Kind::In: {
                if (e.args[0].kind != Expr::Kind::Path)
                    return validationError(
                        "IN operator must have a left hand argument of type Variable Reference "
                        "and right hand argument of type Seq with at least one member");
                std::string out = path(e.args[0].path) + " IN (";
                for (size_t i = 1; i < e.args.size(); ++i) {
                    auto element = operand(e.args[i]);
                    if (!element) return element;
                    out += (i > 1 ? ", " : "") + *element;
                }
                return out + ")";
            }
            case Expr::Kind::And:
            case Expr::Kind::Or: {
                std::string out = "(";
                for (size_t i = 0; i < e.args.size(); ++i) {
                    auto part = condition(e.args[i]);
                    if (!part) return part;
                    if (i > 0) out += e.kind == Expr::Kind::And ? " AND " : " OR ";
                    out += *part;
                }
                return out + ")";
            }
            case Expr::Kind::Not: {
                auto inner = condition(e.args[0]);
                if (!inner) return inner;
                return "NOT (" + *inner + ")";
            }
            case Expr::Kind::IsMissing:
                return std::string(e.negated ? "attribute_exists(" : "attribute_not_exists(") +
                       path(e.args[0].path) + ")";
            case Expr::Kind::Call:
                if (e.isCondition()) return call(e);
                if (e.op == "size")
                    return validationError(
                        "WHERE clause must contain an expression that resolves to a boolean");
                return validationError("Unrecognized function: " + e.op);
            default:
                return validationError(
                    "WHERE clause must contain an expression that resolves to a boolean");
        }
    }

    // A SET value: an operand, a sum or difference, or list_append.
    Result<std::string> updateValue(const Expr& e) {
        if (e.kind == Expr::Kind::Arithmetic) {
            auto left = updateValue(e.args[0]);
            if (!left) return left;
            auto right = updateValue(e.args[1]);
            if (!right) return right;
            return *left + " " + e.op + " " + *right;
        }
        if (e.kind == Expr::Kind::Call && e.op == "list_append") {
            if (e.args.size() != 2)
                return validationError(
                    "Incorrect number of operands for operator or function; "
                    "operator or function: list_append, number of operands: " +
                    std::to_string(e.args.size()));
            auto first = updateValue(e.args[0]);
            if (!first) return first;
            auto second = updateValue(e.args[1]);
            if (!second) return second;
            return "list_append(" + *first + ", " + *second + ")";
        }
        if (e.kind == Expr::Kind::Path) return path(e.path);
        if (e.kind == Expr::Kind::Value) return value(e.value);
        if (e.kind == Expr::Kind::Call)
            return validationError("Unsupported operator in Update Expression. Operator: " + e.op);
        return validationError("Unsupported operator in Update Expression. Operator: " +
                               std::string(e.isCondition() ? "condition" : "value"));
    }

    void addTo(Json& request) const {
        if (!names_.empty()) request["ExpressionAttributeNames"] = names_;
        if (!values_.empty()) request["ExpressionAttributeValues"] = values_;
    }

  private:
    Result<std::string> call(const Expr& e) {
        std::string out = e.op + "(";
        for (size_t i = 0; i < e.args.size(); ++i) {
            auto argument = operand(e.args[i]);
            if (!argument) return argument;
            out += (i > 0 ? ", " : "") + *argument;
        }
        return out + ")";
    }

    Json names_ = Json::object();
    Json values_ = Json::object();
};

// The conditions joined by the WHERE's top-level ANDs.
void conjuncts(const Expr& e, std::vector<const Expr*>& out) {
    if (e.kind == Expr::Kind::And) {
        for (const Expr& part : e.args) conjuncts(part, out);
    } else {
        out.push_back(&e);
    }
}

bool isAttribute(const Expr& e, const std::string& attribute) {
    return e.kind == Expr::Kind::Path && e.path.size() == 1 && !e.path[0].isIndex &&
           e.path[0].name == attribute;
}

// The value expression of `attribute = value` (or `value = attribute`), if `e` says that.
const Expr* equalityValueOn(const Expr& e, const std::string& attribute) {
    if (e.kind != Expr::Kind::Compare || e.op != "=") return nullptr;
    if (isAttribute(e.args[0], attribute) && e.args[1].kind == Expr::Kind::Value) return &e.args[1];
    if (isAttribute(e.args[1], attribute) && e.args[0].kind == Expr::Kind::Value) return &e.args[0];
    return nullptr;
}

// The value `attribute = value` (or `value = attribute`) fixes, if `e` says that.
const Json* equalityOn(const Expr& e, const std::string& attribute) {
    const Expr* value = equalityValueOn(e, attribute);
    return value ? &value->value : nullptr;
}

// A condition DynamoDB accepts on a sort key in a key condition.
bool isSortKeyCondition(const Expr& e, const std::string& attribute) {
    if (e.kind == Expr::Kind::Compare && e.op != "<>")
        return (isAttribute(e.args[0], attribute) && e.args[1].kind == Expr::Kind::Value) ||
               (isAttribute(e.args[1], attribute) && e.args[0].kind == Expr::Kind::Value);
    if (e.kind == Expr::Kind::Between)
        return isAttribute(e.args[0], attribute) && e.args[1].kind == Expr::Kind::Value &&
               e.args[2].kind == Expr::Kind::Value;
    if (e.kind == Expr::Kind::Call && e.op == "begins_with" && e.args.size() == 2)
        return isAttribute(e.args[0], attribute) && e.args[1].kind == Expr::Kind::Value;
    return false;
}

// Whether `e` reads a top-level attribute named in `names`.
bool touchesAny(const Expr& e, const std::vector<std::string>& names) {
    if (e.kind == Expr::Kind::Path && !e.path.empty())
        for (const std::string& name : names)
            if (!e.path[0].isIndex && e.path[0].name == name) return true;
    for (const Expr& argument : e.args)
        if (touchesAny(argument, names)) return true;
    return false;
}

Result<std::string> joinConditions(ExpressionText& text, const std::vector<const Expr*>& parts) {
    std::string out;
    for (const Expr* part : parts) {
        auto written = text.condition(*part);
        if (!written) return written;
        if (!out.empty()) out += " AND ";
        out += *written;
    }
    return out;
}

std::string typeName(const Json& value) {
    return value.is_object() && !value.empty() ? value.begin().key() : "";
}

struct KeyAndRest {
    Json key = Json::object();
    std::vector<const Expr*> rest;
};

// The whole primary key from a write's WHERE, and the conditions besides it.
Result<KeyAndRest> fullKey(const Statement& statement, const TableDefinition& table) {
    KeyAndRest out;
    std::vector<const Expr*> parts;
    if (statement.where) conjuncts(*statement.where, parts);
    std::vector<const KeyAttribute*> keyAttributes = {&table.partitionKey};
    if (table.sortKey) keyAttributes.push_back(&*table.sortKey);
    for (const Expr* part : parts) {
        bool used = false;
        for (const KeyAttribute* attribute : keyAttributes) {
            const Json* value = equalityOn(*part, attribute->name);
            if (!value) continue;
            if (out.key.contains(attribute->name))
                return validationError("Multiple conditions on same key " + attribute->name +
                                       ". Only single item Update/Insert/Delete are supported");
            if (typeName(*value) != valueTypeName(attribute->type))
                return validationError(
                    "Key attribute's data type should match its data type in table's schema: "
                    "Key " +
                    attribute->name);
            out.key[attribute->name] = *value;
            used = true;
        }
        if (!used) out.rest.push_back(part);
    }
    for (const KeyAttribute* attribute : keyAttributes)
        if (!out.key.contains(attribute->name)) return validationError(kIncompleteKey);
    return out;
}

const IndexDefinition* findIndex(const TableDefinition& table, const std::string& name) {
    for (const IndexDefinition& index : table.indexes)
        if (index.name == name) return &index;
    return nullptr;
}

// `attribute = value` alternatives joined by OR, or `attribute IN (values)`: each alternative's
// attribute and value expressions; nothing when `e` is not such a choice.
std::optional<std::vector<std::pair<const Expr*, const Expr*>>> keyChoices(
    const Expr& e, const std::string& attribute) {
    std::vector<std::pair<const Expr*, const Expr*>> out;
    if (e.kind == Expr::Kind::In && isAttribute(e.args[0], attribute)) {
        for (size_t i = 1; i < e.args.size(); ++i) {
            if (e.args[i].kind != Expr::Kind::Value) return std::nullopt;
            out.push_back({&e.args[0], &e.args[i]});
        }
        return out;
    }
    if (e.kind != Expr::Kind::Or) return std::nullopt;
    for (const Expr& alternative : e.args) {
        if (alternative.kind == Expr::Kind::Or) {
            auto nested = keyChoices(alternative, attribute);
            if (!nested) return std::nullopt;
            out.insert(out.end(), nested->begin(), nested->end());
            continue;
        }
        const Expr* value = equalityValueOn(alternative, attribute);
        if (!value) return std::nullopt;
        const Expr* path =
            value == &alternative.args[1] ? &alternative.args[0] : &alternative.args[1];
        out.push_back({path, value});
    }
    return out;
}

Result<Translation> translateSelect(const Statement& statement, const TableDefinition& table,
                                    const ReadOptions& options);

// A SELECT whose WHERE names its partition key values through IN or OR (and has no equality
// on it): one statement per distinct value, with that conjunct replaced by `key = value`.
Result<Translation> translatePartitionChoices(
    const Statement& statement, const TableDefinition& table, const ReadOptions& options,
    const std::vector<const Expr*>& parts, const Expr* choice,
    const std::vector<std::pair<const Expr*, const Expr*>>& alternatives) {
    std::vector<const Json*> values;
    for (const auto& [path, value] : alternatives)
        if (std::none_of(values.begin(), values.end(),
                         [&](const Json* seen) { return *seen == value->value; }))
            values.push_back(&value->value);
    if (values.size() > kMaxPartitionKeyChoices)
        return validationError(
            "Statement wasn't well formed, can't be processed: IN on the partition key takes at "
            "most " +
            std::to_string(kMaxPartitionKeyChoices) + " values");
    ReadOptions each;
    each.consistentRead = options.consistentRead;
    Translation out;
    for (const Json* value : values) {
        Statement single = statement;
        Expr where;
        where.kind = Expr::Kind::And;
        for (const Expr* part : parts) {
            if (part != choice) {
                where.args.push_back(*part);
                continue;
            }
            Expr equality;
            equality.kind = Expr::Kind::Compare;
            equality.op = "=";
            Expr constant;
            constant.value = *value;
            equality.args = {*alternatives.front().first, std::move(constant)};
            where.args.push_back(std::move(equality));
        }
        single.where = std::move(where);
        auto translated = translateSelect(single, table, each);
        if (!translated) return translated.error();
        out.partitions.push_back(std::move(translated).value());
    }
    out.operation = out.partitions.front().operation;
    out.request = out.partitions.front().request;
    out.projection = statement.projection;
    return out;
}

Result<Translation> translateSelect(const Statement& statement, const TableDefinition& table,
                                    const ReadOptions& options) {
    Translation out;
    out.projection = statement.projection;
    Json& request = out.request;
    request["TableName"] = table.name;
    const KeyAttribute* partitionKey = &table.partitionKey;
    const KeyAttribute* sortKey = table.sortKey ? &*table.sortKey : nullptr;
    if (statement.index) {
        const IndexDefinition* index = findIndex(table, *statement.index);
        if (!index)
            return validationError("The table does not have the specified index: " +
                                   *statement.index);
        if (index->global && options.consistentRead)
            return validationError(
                "Strongly consistent read is not supported on Global Secondary Indexes");
        request["IndexName"] = index->name;
        partitionKey = &index->partitionKey;
        sortKey = index->sortKey ? &*index->sortKey : nullptr;
    }
    std::vector<const Expr*> parts;
    if (statement.where) conjuncts(*statement.where, parts);
    if (std::none_of(parts.begin(), parts.end(),
                     [&](const Expr* part) { return equalityOn(*part, partitionKey->name); }))
        for (const Expr* part : parts)
            if (auto alternatives = keyChoices(*part, partitionKey->name))
                return translatePartitionChoices(statement, table, options, parts, part,
                                                 *alternatives);

    // Which conjuncts fix the partition key and (at most one) bound the sort key.
    const Expr* partitionCondition = nullptr;
    const Expr* sortCondition = nullptr;
    std::vector<const Expr*> rest;
    for (const Expr* part : parts) {
        if (!partitionCondition && equalityOn(*part, partitionKey->name)) {
            partitionCondition = part;
        } else if (sortKey && !sortCondition && isSortKeyCondition(*part, sortKey->name)) {
            sortCondition = part;
        } else {
            rest.push_back(part);
        }
    }
    if (!partitionCondition && sortCondition) {
        rest.insert(rest.begin(), sortCondition);
        sortCondition = nullptr;
    }

    // ORDER BY names key attributes of a read of one partition; DESC reads it backwards.
    bool backwards = false;
    if (!statement.orderBy.empty()) {
        if (!statement.where)
            return validationError(
                "Must have WHERE clause in the statement when using ORDER BY clause.");
        if (!partitionCondition)
            return validationError(
                "Must have at least one non-optional hash key condition in WHERE clause when "
                "using ORDER BY clause.");
        for (const auto& [attribute, descending] : statement.orderBy) {
            if (attribute != partitionKey->name && (!sortKey || attribute != sortKey->name))
                return validationError("Variable reference " + attribute +
                                       " in ORDER BY clause must be part of the primary key");
            if (sortKey && attribute == sortKey->name) backwards = descending;
        }
    }
    ExpressionText text;
    const bool wholeKey =
        partitionCondition && !statement.index && rest.empty() &&
        (!sortKey || (sortCondition && equalityOn(*sortCondition, sortKey->name)));
    if (wholeKey) {
        out.operation = "GetItem";
        const Expr* partitionValue = equalityValueOn(*partitionCondition, partitionKey->name);
        request["Key"] = {{partitionKey->name, partitionValue->value}};
        out.keySources.push_back({partitionKey->name, partitionValue->parameter});
        if (sortKey) {
            const Expr* sortValue = equalityValueOn(*sortCondition, sortKey->name);
            request["Key"][sortKey->name] = sortValue->value;
            out.keySources.push_back({sortKey->name, sortValue->parameter});
        }
        if (options.consistentRead) request["ConsistentRead"] = true;
        return out;
    }
    if (partitionCondition) {
        out.operation = "Query";
        std::vector<const Expr*> keyParts = {partitionCondition};
        if (sortCondition) keyParts.push_back(sortCondition);
        auto keyCondition = joinConditions(text, keyParts);
        if (!keyCondition) return keyCondition.error();
        request["KeyConditionExpression"] = *keyCondition;
        if (backwards) request["ScanIndexForward"] = false;
        // A Query's filter may not name a key attribute: those conditions apply afterwards.
        std::vector<std::string> keyNames = {table.partitionKey.name, partitionKey->name};
        if (table.sortKey) keyNames.push_back(table.sortKey->name);
        if (sortKey) keyNames.push_back(sortKey->name);
        std::vector<const Expr*> filterParts, postParts;
        for (const Expr* part : rest)
            (touchesAny(*part, keyNames) ? postParts : filterParts).push_back(part);
        if (!postParts.empty()) {
            ExpressionText post;
            auto written = joinConditions(post, postParts);
            if (!written) return written.error();
            out.postFilter = *written;
            post.addTo(out.postFilterMaps);
        }
        rest = std::move(filterParts);
    } else {
        out.operation = "Scan";
        rest = parts;
    }
    if (!rest.empty()) {
        auto filter = joinConditions(text, rest);
        if (!filter) return filter.error();
        request["FilterExpression"] = *filter;
    }
    if (options.consistentRead) request["ConsistentRead"] = true;
    if (options.limit) request["Limit"] = *options.limit;
    if (!options.exclusiveStartKey.is_null())
        request["ExclusiveStartKey"] = options.exclusiveStartKey;
    text.addTo(request);
    return out;
}

const char* returnValues(const std::string& returning) {
    if (returning == "ALL OLD") return "ALL_OLD";
    if (returning == "ALL NEW") return "ALL_NEW";
    if (returning == "MODIFIED OLD") return "UPDATED_OLD";
    if (returning == "MODIFIED NEW") return "UPDATED_NEW";
    return nullptr;
}

Result<Translation> translateUpdate(const Statement& statement, const TableDefinition& table) {
    auto key = fullKey(statement, table);
    if (!key) return key.error();
    Translation out;
    out.operation = "UpdateItem";
    ExpressionText text;
    std::string sets, removes, adds, deletes;
    auto append = [](std::string& clause, const std::string& part) {
        clause += (clause.empty() ? "" : ", ") + part;
    };
    for (const UpdateAction& action : statement.updates) {
        const std::string target = text.path(action.target);
        if (action.remove) {
            append(removes, target);
            continue;
        }
        const Expr& value = action.value;
        if (value.kind == Expr::Kind::Call && (value.op == "set_add" || value.op == "set_delete")) {
            const std::string which = value.op == "set_add" ? "ADD" : "DELETE";
            if (value.args.size() != 2)
                return validationError("SET_" + which + " must have exactly two arguments");
            if (value.args[0].kind != Expr::Kind::Path || value.args[0].path != action.target)
                return validationError("The first argument to SET_" + which +
                                       " must equal the assignment value");
            const std::string type = typeName(value.args[1].value);
            if (value.args[1].kind != Expr::Kind::Value ||
                (type != "SS" && type != "NS" && type != "BS"))
                return validationError("The second argument to SET_" + which +
                                       " must be a value with type SET");
            append(which == "ADD" ? adds : deletes, target + " " + text.value(value.args[1].value));
            continue;
        }
        auto written = text.updateValue(value);
        if (!written) return written.error();
        append(sets, target + " = " + *written);
    }
    std::string expression;
    for (const auto& [word, clause] : {std::pair<const char*, const std::string*>{"SET", &sets},
                                       {"REMOVE", &removes},
                                       {"ADD", &adds},
                                       {"DELETE", &deletes}})
        if (!clause->empty())
            expression += (expression.empty() ? "" : " ") + (word + (" " + *clause));
    Json& request = out.request;
    request["TableName"] = table.name;
    request["Key"] = key->key;
    request["UpdateExpression"] = expression;
    // An UPDATE changes an item that exists, and only when the rest of its WHERE holds.
    std::string condition = "attribute_exists(" + text.name(table.partitionKey.name) + ")";
    if (!key->rest.empty()) {
        auto rest = joinConditions(text, key->rest);
        if (!rest) return rest.error();
        condition += " AND " + *rest;
    }
    request["ConditionExpression"] = condition;
    if (const char* values = returnValues(statement.returning)) request["ReturnValues"] = values;
    text.addTo(request);
    return out;
}

Result<Translation> translateDelete(const Statement& statement, const TableDefinition& table) {
    auto key = fullKey(statement, table);
    if (!key) return key.error();
    Translation out;
    out.operation = "DeleteItem";
    ExpressionText text;
    Json& request = out.request;
    request["TableName"] = table.name;
    request["Key"] = key->key;
    if (!key->rest.empty()) {
        auto condition = joinConditions(text, key->rest);
        if (!condition) return condition.error();
        request["ConditionExpression"] = *condition;
    }
    if (const char* values = returnValues(statement.returning)) request["ReturnValues"] = values;
    text.addTo(request);
    return out;
}

Result<Translation> translateInsert(const Statement& statement, const TableDefinition& table) {
    std::vector<const KeyAttribute*> keyAttributes = {&table.partitionKey};
    if (table.sortKey) keyAttributes.push_back(&*table.sortKey);
    for (const KeyAttribute* attribute : keyAttributes) {
        auto it = statement.item.find(attribute->name);
        if (it == statement.item.end())
            return validationError("Key attribute should be present in the item: Key " +
                                   attribute->name);
        if (typeName(*it) != valueTypeName(attribute->type))
            return validationError(
                "Key attribute's data type should match its data type in table's schema: Key " +
                attribute->name);
    }
    Translation out;
    out.operation = "PutItem";
    ExpressionText text;
    out.request["TableName"] = table.name;
    out.request["Item"] = statement.item;
    // INSERT never replaces an item: the key must be new.
    out.request["ConditionExpression"] =
        "attribute_not_exists(" + text.name(table.partitionKey.name) + ")";
    text.addTo(out.request);
    return out;
}

Result<Translation> translateExists(const Statement& statement, const TableDefinition& table) {
    const char* single = "EXISTS() must contain a single item read with additional condition";
    if (statement.index)
        return validationError("Operations on indices are not supported in transactions");
    auto key = fullKey(statement, table);
    if (!key) return validationError(single);
    if (key->rest.empty()) return validationError(single);
    Translation out;
    out.operation = "ConditionCheck";
    ExpressionText text;
    std::string condition = "attribute_exists(" + text.name(table.partitionKey.name) + ")";
    auto rest = joinConditions(text, key->rest);
    if (!rest) return rest.error();
    out.request["TableName"] = table.name;
    out.request["Key"] = key->key;
    out.request["ConditionExpression"] = condition + " AND " + *rest;
    text.addTo(out.request);
    return out;
}

}  // namespace

Result<Translation> translateStatement(const Statement& statement, const TableDefinition& table,
                                       const ReadOptions& options) {
    switch (statement.kind) {
        case Statement::Kind::Select:
            return translateSelect(statement, table, options);
        case Statement::Kind::Insert:
            return translateInsert(statement, table);
        case Statement::Kind::Update:
            return translateUpdate(statement, table);
        case Statement::Kind::Delete:
            return translateDelete(statement, table);
        case Statement::Kind::Exists:
            return translateExists(statement, table);
    }
    return validationError("Unsupported operation");
}

Result<Json> projectResult(const Json& item, const std::vector<DocumentPath>& projection) {
    if (projection.empty()) return item;
    auto decoded = itemFromJson(item);
    if (!decoded) return decoded.error();
    Json out = Json::object();
    for (const DocumentPath& path : projection)
        if (const AttributeValue* value = findAtPath(*decoded, path))
            out[resultName(path)] = attributeValueToJson(*value);
    return out;
}

}  // namespace shardscape::partiql
