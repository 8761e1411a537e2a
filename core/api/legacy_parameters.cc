#include "api/legacy_parameters.h"

#include <algorithm>
#include <cstring>

namespace shardscape {

namespace {

constexpr const char* kModelPackage = "com.amazonaws.dynamodb.v20120810.";

const Json* presentMember(const Json* parent, const char* name) {
    if (!parent || !parent->is_object()) return nullptr;
    auto it = parent->find(name);
    return it == parent->end() || it->is_null() ? nullptr : &*it;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

std::string scalarToken(const Json& json) {
    if (json.is_boolean()) return json.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (json.is_number_float()) return "DECIMAL_VALUE";
    if (json.is_number()) return "NUMBER_VALUE";
    return "STRING_VALUE";
}

// A map member of structures (Map<Condition>, Map<ExpectedAttributeValue>, ...): nullptr
// when absent or mistyped (the type error recorded).
const Json* readStructMap(RequestReader& reader, const Json& request, const char* member,
                          const char* structType) {
    const Json* map = presentMember(&request, member);
    if (!map) return nullptr;
    if (map->is_object()) return map;
    if (map->is_array())
        reader.typeError(
            std::string("Unrecognized collection type java.util.Map<java.lang.String, ") +
            kModelPackage + structType + ">");
    else
        reader.typeError("Unexpected field type");
    return nullptr;
}

// One value of such a map: a structure.
bool isStruct(RequestReader& reader, const Json& entry, const char* structType) {
    if (entry.is_object()) return true;
    if (entry.is_array())
        reader.typeError(std::string("Unrecognized collection type class ") + kModelPackage +
                         structType);
    else if (!entry.is_null())
        reader.typeError("Unexpected value type in payload");
    return false;
}

// AttributeValueList: a list (its AttributeValues are decoded later).
void checkValueList(RequestReader& reader, const Json& parent) {
    const Json* list = presentMember(&parent, "AttributeValueList");
    if (!list || list->is_array()) return;
    reader.typeError(list->is_object() ? "Start of structure or map found where not expected"
                                       : "Unexpected field type");
}

// A single AttributeValue member (Expected's or AttributeUpdates' Value).
void checkValueStruct(RequestReader& reader, const Json& parent) {
    const Json* value = presentMember(&parent, "Value");
    if (!value || value->is_object()) return;
    if (value->is_array())
        reader.typeError(std::string("Unrecognized collection type class ") + kModelPackage +
                         "AttributeValue");
    else
        reader.typeError("Unexpected field type");
}

void checkOperatorName(RequestReader& reader, const std::optional<std::string>& name,
                       const std::string& path) {
    reader.oneOf(name, path,
                 {"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE",
                  "BEGINS_WITH", "GE", "CONTAINS"});
}

}  // namespace

Status checkExpressionMix(const Json& request, std::initializer_list<const char*> expressions,
                          std::initializer_list<const char*> nonExpressions) {
    auto present = [&](const char* member) { return presentMember(&request, member) != nullptr; };
    std::vector<std::string> used;
    for (const char* expression : expressions)
        if (present(expression)) used.push_back(expression);
    if (!used.empty()) {
        std::vector<std::string> legacy;
        for (const char* member : nonExpressions) {
            // KeyConditions with FilterExpression or ProjectionExpression is accepted.
            if (std::strcmp(member, "KeyConditions") == 0 && !present("KeyConditionExpression"))
                continue;
            if (present(member)) legacy.push_back(member);
        }
        if (!legacy.empty())
            return validationError(
                "Can not use both expression and non-expression parameters in the same request: "
                "Non-expression parameters: {" +
                joined(legacy, ", ") + "} Expression parameters: {" + joined(used, ", ") + "}");
    }
    if (present("ExpressionAttributeNames") && used.empty())
        return validationError(
            "ExpressionAttributeNames can only be specified when using expressions");
    std::vector<std::string> valueExpressions;
    bool anyValueExpression = false;
    for (const char* expression : expressions) {
        if (std::strcmp(expression, "ProjectionExpression") == 0) continue;
        valueExpressions.push_back(expression);
        anyValueExpression = anyValueExpression || present(expression);
    }
    if (!valueExpressions.empty() && present("ExpressionAttributeValues") && !anyValueExpression)
        return validationError(
            "ExpressionAttributeValues can only be specified when using expressions: " +
            joined(valueExpressions, " and ") + (valueExpressions.size() > 1 ? " are" : " is") +
            " null");
    return {};
}

std::optional<std::string> readConditionalOperator(RequestReader& reader) {
    auto value = reader.string("ConditionalOperator");
    reader.oneOf(value, "conditionalOperator", {"OR", "AND"});
    return value;
}

const Json* readExpected(RequestReader& reader, const Json& request) {
    const Json* expected = readStructMap(reader, request, "Expected", "ExpectedAttributeValue");
    if (!expected) return nullptr;
    for (const auto& [name, entry] : expected->items()) {
        if (!isStruct(reader, entry, "ExpectedAttributeValue")) continue;
        checkValueList(reader, entry);
        auto op = reader.stringIn(&entry, "ComparisonOperator");
        if (const Json* exists = presentMember(&entry, "Exists"); exists && !exists->is_boolean()) {
            if (exists->is_object())
                reader.typeError("Start of structure or map found where not expected");
            else if (exists->is_array())
                reader.typeError("Unrecognized collection type class java.lang.Boolean");
            else if (exists->is_string())
                reader.typeError("Unexpected token received from parser");
            else
                reader.typeError(scalarToken(*exists) + " cannot be converted to Boolean");
        }
        checkValueStruct(reader, entry);
        checkOperatorName(reader, op, "expected." + name + ".member.comparisonOperator");
    }
    return expected;
}

const Json* readAttributeUpdates(RequestReader& reader, const Json& request) {
    const Json* updates =
        readStructMap(reader, request, "AttributeUpdates", "AttributeValueUpdate");
    if (!updates) return nullptr;
    for (const auto& [name, entry] : updates->items()) {
        if (!isStruct(reader, entry, "AttributeValueUpdate")) continue;
        reader.stringIn(&entry, "Action");
        checkValueStruct(reader, entry);
    }
    return updates;
}

const Json* readConditionMap(RequestReader& reader, const Json& request, const char* member) {
    const Json* conditions = readStructMap(reader, request, member, "Condition");
    if (!conditions) return nullptr;
    const std::string path = lowerFirst(member);
    for (const auto& [name, entry] : conditions->items()) {
        if (!isStruct(reader, entry, "Condition")) continue;
        checkValueList(reader, entry);
        const std::string operatorPath = path + "." + name + ".member.comparisonOperator";
        auto op = reader.stringIn(&entry, "ComparisonOperator");
        reader.notNull(presentMember(&entry, "ComparisonOperator") != nullptr, operatorPath);
        checkOperatorName(reader, op, operatorPath);
    }
    return conditions;
}

void readAttributesToGet(RequestReader& reader, const Json* list, const std::string& path) {
    if (!list || list->is_null()) return;
    if (!list->is_array()) {
        reader.typeError(list->is_object() ? "Start of structure or map found where not expected"
                                           : "Unexpected field type");
        return;
    }
    std::vector<std::string> names;
    for (const auto& name : *list) {
        if (name.is_string()) {
            names.push_back(name.get<std::string>());
        } else if (name.is_object()) {
            reader.typeError("Start of structure or map found where not expected");
        } else if (name.is_array()) {
            reader.typeError("Unrecognized collection type class java.lang.String");
        } else if (!name.is_null()) {
            reader.typeError(scalarToken(name) + " cannot be converted to String");
        }
    }
    // Built with append: GCC 12 warns falsely on a literal + a temporary string.
    std::string listText(1, '[');
    listText.append(joined(names, ", ")).append(1, ']');
    const std::string shown = RequestReader::quoted(listText);
    if (list->empty())
        reader.constraint(shown, path, "Member must have length greater than or equal to 1");
    if (list->size() > 255)
        reader.constraint(shown, path, "Member must have length less than or equal to 255");
}

Result<std::optional<Condition>> compileExpected(const Json* expected,
                                                 const std::optional<std::string>& conditional) {
    if (!expected) return std::optional<Condition>();
    auto conditions = parseExpectedMap(*expected);
    if (!conditions) return conditions.error();
    return toExpressionCondition(*conditions, conditional == "OR");
}

Result<std::optional<Condition>> compileFilter(const Json* filter,
                                               const std::optional<std::string>& conditional,
                                               std::vector<LegacyCondition>* entries) {
    if (!filter) return std::optional<Condition>();
    auto conditions = parseConditionMap(*filter);
    if (!conditions) return conditions.error();
    auto condition = toExpressionCondition(*conditions, conditional == "OR");
    if (entries) *entries = std::move(conditions).value();
    return condition;
}

Result<std::optional<Projection>> compileAttributesToGet(const Json* list) {
    if (!list || !list->is_array()) return std::optional<Projection>();
    Projection projection;
    for (const auto& name : *list) {
        if (!name.is_string()) return serializationError("Unexpected field type");
        const DocumentPath path{PathElement{false, name.get<std::string>(), 0}};
        if (std::find(projection.begin(), projection.end(), path) != projection.end())
            return validationError(
                "One or more parameter values were invalid: Duplicate value in attribute name: " +
                name.get<std::string>());
        projection.push_back(path);
    }
    return std::optional<Projection>(std::move(projection));
}

}  // namespace shardscape
