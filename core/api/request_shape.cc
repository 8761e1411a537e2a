#include "api/request_shape.h"

#include <cmath>
#include <cstdint>

#include "api/request_constraints.h"
#include "base/base64.h"

namespace shardscape {

// ---- Builders ----

namespace {
Shape& add(Shape& shape, Constraint constraint) {
    shape.constraints.push_back(std::move(constraint));
    shape.constrained = true;
    return shape;
}
Shape leaf(ShapeKind kind) {
    Shape shape;
    shape.kind = kind;
    return shape;
}
}  // namespace

Shape& Shape::notNull() {
    return add(*this, {Constraint::Kind::NotNull});
}
Shape& Shape::atLeast(long long bound) {
    return add(*this, {Constraint::Kind::AtLeast, bound});
}
Shape& Shape::atMost(long long bound) {
    return add(*this, {Constraint::Kind::AtMost, bound});
}
Shape& Shape::namePattern() {
    return add(*this, {Constraint::Kind::Pattern});
}
Shape& Shape::lengthAtLeast(long long bound) {
    return add(*this, {Constraint::Kind::LengthAtLeast, bound});
}
Shape& Shape::lengthAtMost(long long bound) {
    return add(*this, {Constraint::Kind::LengthAtMost, bound});
}
Shape& Shape::oneOf(std::vector<std::string> allowed) {
    return add(*this, {Constraint::Kind::OneOf, 0, std::move(allowed)});
}
Shape& Shape::keys(std::vector<Constraint> keyConstraints) {
    return add(*this, {Constraint::Kind::Keys, 0, {}, std::move(keyConstraints)});
}
Shape& Shape::valuesLength(long long minimum, long long maximum) {
    return add(*this, {Constraint::Kind::Values,
                       0,
                       {},
                       {{Constraint::Kind::LengthAtMost, maximum},
                        {Constraint::Kind::LengthAtLeast, minimum}}});
}
Shape& Shape::isRequired() {
    required = true;
    return *this;
}
Shape& Shape::isTableName() {
    tableName = true;
    return *this;
}

Shape stringShape() {
    return leaf(ShapeKind::String);
}
Shape integerShape() {
    return leaf(ShapeKind::Integer);
}
Shape longShape() {
    return leaf(ShapeKind::Long);
}
Shape booleanShape() {
    return leaf(ShapeKind::Boolean);
}
Shape blobShape() {
    return leaf(ShapeKind::Blob);
}

Shape listOf(Shape element) {
    Shape shape = leaf(ShapeKind::List);
    shape.constrained = element.constrained;
    shape.element = std::make_shared<const Shape>(std::move(element));
    return shape;
}

Shape parameterizedListOf(Shape element) {
    Shape shape = listOf(std::move(element));
    shape.kind = ShapeKind::ParameterizedList;
    return shape;
}

Shape mapOf(std::string typeName, Shape element) {
    Shape shape = leaf(ShapeKind::Map);
    shape.constrained = element.constrained;
    shape.typeName = std::move(typeName);
    shape.element = std::make_shared<const Shape>(std::move(element));
    return shape;
}

Shape parameterizedMapOf(Shape element) {
    Shape shape = mapOf("AttributeValue", std::move(element));
    shape.kind = ShapeKind::ParameterizedMap;
    return shape;
}

Shape valueStruct(std::string typeName, Members members) {
    Shape shape = leaf(ShapeKind::ValueStruct);
    for (const auto& [name, member] : members) shape.constrained |= member.constrained;
    shape.typeName = std::move(typeName);
    shape.members = std::move(members);
    return shape;
}

Shape fieldStruct(std::string typeName, Members members) {
    Shape shape = valueStruct(std::move(typeName), std::move(members));
    shape.kind = ShapeKind::FieldStruct;
    return shape;
}

std::shared_ptr<const Members> attributeValueMembers() {
    static const std::shared_ptr<const Members> members = [] {
        auto out = std::make_shared<Members>();
        Shape nested = leaf(ShapeKind::AttributeValue);
        nested.typeName = "AttributeValue";
        *out = {
            {"S", stringShape()},          {"B", blobShape()},
            {"N", stringShape()},          {"BOOL", booleanShape()},
            {"NULL", booleanShape()},      {"BS", listOf(blobShape())},
            {"NS", listOf(stringShape())}, {"SS", listOf(stringShape())},
            {"L", listOf(nested)},         {"M", mapOf("AttributeValue", nested)},
        };
        return out;
    }();
    return members;
}

Shape attributeValue(bool field) {
    Shape shape = leaf(ShapeKind::AttributeValue);
    shape.typeName = field ? "field" : "value";
    return shape;
}

Shape attributeMap() {
    return mapOf("AttributeValue", attributeValue());
}

Shape nameShape() {
    Shape shape = stringShape();
    shape.namePattern().lengthAtLeast(3).lengthAtMost(255);
    return shape;
}

std::vector<Constraint> tableNameKeys() {
    return {{Constraint::Kind::LengthAtMost, 255},
            {Constraint::Kind::LengthAtLeast, 3},
            {Constraint::Kind::Pattern}};
}

// ---- Deserialization ----

namespace {

constexpr const char* kModelPackage = "com.amazonaws.dynamodb.v20120810.";
constexpr const char* kStartOfMap = "Start of structure or map found where not expected";

bool isIntegral(const Json& number) {
    if (!number.is_number_float()) return true;
    const double value = number.get<double>();
    return std::isfinite(value) && std::floor(value) == value;
}

std::string scalarWord(const Json& value) {
    if (value.is_boolean()) return value.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (value.is_number()) return isIntegral(value) ? "NUMBER_VALUE" : "DECIMAL_VALUE";
    return "STRING_VALUE";
}

const char* javaName(ShapeKind kind) {
    switch (kind) {
        case ShapeKind::Integer:
            return "Integer";
        case ShapeKind::Long:
            return "Long";
        case ShapeKind::Boolean:
            return "Boolean";
        default:
            return "String";
    }
}

bool isScalar(const Json& value) {
    return !value.is_object() && !value.is_array();
}

std::string qualified(const std::string& typeName) {
    return typeName.find('.') == std::string::npos ? kModelPackage + typeName : typeName;
}

// Walks `value` against `shape`: the first deserialization error, if any; `rewrite` is set
// when DynamoDB would read the value differently from how it is written.
class TypeChecker {
  public:
    std::optional<std::string> members(const Json& object, const Members& shape) {
        // Most requests are well formed: check the members the object has, in one pass
        // without lookups; only when one is wrong, walk the model's order to report the
        // first error DynamoDB would.
        bool wrong = false;
        for (auto it = object.begin(); it != object.end() && !wrong; ++it) {
            if (it.value().is_null()) {
                rewrite = true;
                continue;
            }
            const Shape* member = find(shape, it.key());
            wrong = member && check(it.value(), *member).has_value();
        }
        if (!wrong) return std::nullopt;
        for (const auto& [name, member] : shape) {
            auto it = object.find(name);
            if (it == object.end() || it->is_null()) continue;
            if (auto error = check(*it, member)) return error;
        }
        return std::nullopt;
    }

    bool rewrite = false;

  private:
    static const Shape* find(const Members& shape, const std::string& name) {
        for (const auto& [member, memberShape] : shape)
            if (member == name) return &memberShape;
        return nullptr;
    }

    std::optional<std::string> children(const Json& container, const Shape& shape) {
        for (const Json& child : container) {
            if (child.is_null()) continue;
            if (auto error = check(child, *shape.element)) return error;
        }
        return std::nullopt;
    }

    std::optional<std::string> structure(const Json& value, const Shape& shape,
                                         const Members& members, bool field) {
        if (isScalar(value))
            return field ? "Unexpected field type" : "Unexpected value type in payload";
        if (value.is_array())
            return "Unrecognized collection type class " + qualified(shape.typeName);
        return this->members(value, members);
    }

    std::optional<std::string> check(const Json& value, const Shape& shape) {
        switch (shape.kind) {
            case ShapeKind::String:
                if (value.is_string()) return std::nullopt;
                if (isScalar(value)) return scalarWord(value) + " cannot be converted to String";
                if (value.is_array()) return "Unrecognized collection type class java.lang.String";
                return kStartOfMap;
            case ShapeKind::Integer:
            case ShapeKind::Long:
                if (value.is_number()) {
                    if (value.is_number_float()) rewrite = true;
                    return std::nullopt;
                }
                if (value.is_boolean() || value.is_string())
                    return scalarWord(value) + " cannot be converted to " + javaName(shape.kind);
                if (value.is_array())
                    return std::string("Unrecognized collection type class java.lang.") +
                           javaName(shape.kind);
                return kStartOfMap;
            case ShapeKind::Boolean:
                if (value.is_boolean()) return std::nullopt;
                if (value.is_number()) return scalarWord(value) + " cannot be converted to Boolean";
                if (value.is_string()) {
                    rewrite = true;
                    if (booleanWord(value.get<std::string>())) return std::nullopt;
                    return "Unexpected token received from parser";
                }
                if (value.is_array()) return "Unrecognized collection type class java.lang.Boolean";
                return kStartOfMap;
            case ShapeKind::Blob:
                return blob(value);
            case ShapeKind::List:
            case ShapeKind::ParameterizedList:
                if (isScalar(value))
                    return shape.kind == ShapeKind::List ? "Unexpected field type"
                                                         : parameterizedCastError();
                if (value.is_object()) return kStartOfMap;
                return children(value, shape);
            case ShapeKind::Map:
            case ShapeKind::ParameterizedMap:
                if (isScalar(value))
                    return shape.kind == ShapeKind::Map ? "Unexpected field type"
                                                        : parameterizedCastError();
                if (value.is_array())
                    return "Unrecognized collection type java.util.Map<java.lang.String, " +
                           qualified(shape.typeName) + ">";
                return children(value, shape);
            case ShapeKind::ValueStruct:
            case ShapeKind::FieldStruct:
                return structure(value, shape, shape.members, shape.kind == ShapeKind::FieldStruct);
            case ShapeKind::AttributeValue: {
                Shape named = shape;
                named.typeName = "AttributeValue";
                return structure(value, named, *attributeValueMembers(), shape.typeName == "field");
            }
        }
        return std::nullopt;
    }

    static std::optional<std::string> blob(const Json& value) {
        if (value.is_boolean() || value.is_number())
            return "only base-64-encoded strings are convertible to bytes";
        if (value.is_array()) return "Unrecognized collection type class java.nio.ByteBuffer";
        if (value.is_object()) return kStartOfMap;
        const std::string& text = value.get_ref<const std::string&>();
        if (text.size() % 4 != 0)
            return "Base64 encoded length is expected a multiple of 4 bytes but found: " +
                   std::to_string(text.size());
        auto decoded = base64Decode(text);
        if (!decoded || base64Encode(*decoded) != text)
            return "Invalid last non-pad Base64 character dectected";
        return std::nullopt;
    }

    static std::string parameterizedCastError() {
        return "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be "
               "cast to class java.lang.Class (sun.reflect.generics.reflectiveObjects."
               "ParameterizedTypeImpl and java.lang.Class are in module java.base of loader "
               "'bootstrap')";
    }

  public:
    static std::optional<bool> booleanWord(std::string word) {
        for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (word == "TRUE" || word == "1" || word == "YES") return true;
        if (word == "FALSE" || word == "0" || word == "NO") return false;
        return std::nullopt;
    }
};

// Rewrites `value` the way DynamoDB reads it (after TypeChecker accepted it).
void rewrite(Json& value, const Shape& shape);

// Null members are dropped; members the shape does not name are kept for the operation
// to ignore.
void rewriteMembers(Json& object, const Members& shape) {
    for (auto it = object.begin(); it != object.end();) {
        if (it->is_null()) {
            it = object.erase(it);
            continue;
        }
        ++it;
    }
    for (const auto& [name, member] : shape) {
        auto it = object.find(name);
        if (it != object.end()) rewrite(*it, member);
    }
}

void rewrite(Json& value, const Shape& shape) {
    switch (shape.kind) {
        case ShapeKind::Integer:
        case ShapeKind::Long:
            if (value.is_number_float()) {
                // Truncated; out of range it saturates (a cast would be undefined).
                const double whole = std::floor(value.get<double>());
                value = whole >= 9223372036854775808.0    ? INT64_MAX
                        : whole <= -9223372036854775808.0 ? INT64_MIN
                                                          : static_cast<int64_t>(whole);
            }
            return;
        case ShapeKind::Boolean:
            if (value.is_string())
                value = TypeChecker::booleanWord(value.get<std::string>()).value_or(false);
            return;
        case ShapeKind::List:
        case ShapeKind::ParameterizedList:
        case ShapeKind::Map:
        case ShapeKind::ParameterizedMap:
            // Null elements stay: DynamoDB reports them as null members.
            for (Json& child : value)
                if (!child.is_null()) rewrite(child, *shape.element);
            return;
        case ShapeKind::ValueStruct:
        case ShapeKind::FieldStruct:
            rewriteMembers(value, shape.members);
            return;
        case ShapeKind::AttributeValue:
            rewriteMembers(value, *attributeValueMembers());
            return;
        default:
            return;
    }
}

}  // namespace

Result<std::optional<Json>> checkRequestShape(const Members& shape, const Json& request) {
    TypeChecker types;
    if (auto error = types.members(request, shape)) return serializationError(*error);
    std::optional<Json> rewritten;
    if (types.rewrite) {
        rewritten = request;
        rewriteMembers(*rewritten, shape);
    }
    const Json& read = rewritten ? *rewritten : request;

    for (const auto& [name, member] : shape) {
        auto it = read.find(name);
        const bool present = it != read.end() && !it->is_null();
        if (member.required && !present)
            return validationError("The parameter '" + name +
                                   "' is required but was not present in the request");
        if (member.tableName && present && it->is_string()) {
            const long long length = memberLength(*it);
            if (length < 3 || length > 255)
                return validationError(
                    name + " must be at least 3 characters long and at most 255 characters long");
        }
    }
    const std::vector<std::string> violations = constraintViolations(shape, read);
    if (!violations.empty()) {
        const size_t n = violations.size();
        std::string message =
            std::to_string(n) + " validation error" + (n > 1 ? "s" : "") + " detected: ";
        for (size_t i = 0; i < n; ++i) message += (i ? "; " : "") + violations[i];
        return validationError(message);
    }
    return rewritten;
}

}  // namespace shardscape
