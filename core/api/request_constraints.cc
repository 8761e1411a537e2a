// The validation step of a request shape (api/request_shape.h): every violated constraint,
// in the model's order, worded and shown as DynamoDB shows it.
#include "api/request_constraints.h"

#include "api/request_reader.h"

namespace shardscape {

namespace {

std::string jsonText(const Json& value, const Shape* shape);

std::string structureText(const Json& value, const Members& members) {
    std::string out = "{";
    bool first = true;
    for (const auto& [name, member] : members) {
        auto it = value.find(name);
        if (it == value.end()) continue;
        if (!first) out += ",";
        first = false;
        out += Json(name).dump() + ":" + jsonText(*it, &member);
    }
    return out + "}";
}

std::string jsonText(const Json& value, const Shape* shape) {
    if (shape && (shape->kind == ShapeKind::ValueStruct || shape->kind == ShapeKind::FieldStruct))
        return structureText(value, shape->members);
    if (shape && shape->kind == ShapeKind::AttributeValue)
        return structureText(value, *attributeValueMembers());
    if (value.is_object()) {
        std::string out = "{";
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!first) out += ",";
            first = false;
            out += Json(it.key()).dump() + ":" +
                   jsonText(it.value(), shape && shape->element ? shape->element.get() : nullptr);
        }
        return out + "}";
    }
    if (value.is_array()) {
        std::string out = "[";
        for (size_t i = 0; i < value.size(); ++i) {
            if (i) out += ",";
            out += jsonText(value[i], shape && shape->element ? shape->element.get() : nullptr);
        }
        return out + "]";
    }
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// How DynamoDB shows a value in a validation message: strings as they are, lists as
// [a, b], structures as compact JSON with their members in the model's order.
std::string valueText(const Json& value, const Shape* shape) {
    if (value.is_null()) return "null";
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array()) {
        std::string out = "[";
        for (size_t i = 0; i < value.size(); ++i) {
            if (i) out += ", ";
            out += valueText(value[i], shape && shape->element ? shape->element.get() : nullptr);
        }
        return out + "]";
    }
    if (value.is_object()) return jsonText(value, shape);
    return value.dump();
}

// Length as DynamoDB counts it: characters of a string (UTF-16 code units), members of a
// list or map.
long long lengthOf(const Json& value) {
    if (value.is_string()) {
        long long units = 0;
        for (unsigned char c : value.get_ref<const std::string&>()) {
            if ((c & 0xC0) != 0x80) ++units;
            if ((c & 0xF8) == 0xF0) ++units;  // a character outside the BMP is two units
        }
        return units;
    }
    return static_cast<long long>(value.size());
}

std::string constraintText(const Constraint& c) {
    switch (c.kind) {
        case Constraint::Kind::NotNull:
            return "Member must not be null";
        case Constraint::Kind::AtLeast:
            return "Member must have value greater than or equal to " + std::to_string(c.bound);
        case Constraint::Kind::AtMost:
            return "Member must have value less than or equal to " + std::to_string(c.bound);
        case Constraint::Kind::Pattern:
            return "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
        case Constraint::Kind::LengthAtLeast:
            return "Member must have length greater than or equal to " + std::to_string(c.bound);
        case Constraint::Kind::LengthAtMost:
            return "Member must have length less than or equal to " + std::to_string(c.bound);
        case Constraint::Kind::OneOf: {
            std::string text = "Member must satisfy enum value set: [";
            for (size_t i = 0; i < c.allowed.size(); ++i) text += (i ? ", " : "") + c.allowed[i];
            return text + "]";
        }
        case Constraint::Kind::Keys:
        case Constraint::Kind::Values: {
            std::string text = c.kind == Constraint::Kind::Keys ? "Map keys" : "Map value";
            text += " must satisfy constraint: [";
            for (size_t i = 0; i < c.nested.size(); ++i)
                text += (i ? ", " : "") + constraintText(c.nested[i]);
            return text + "]";
        }
    }
    return {};
}

bool satisfies(const Constraint& c, const Json& value) {
    switch (c.kind) {
        case Constraint::Kind::NotNull:
            return !value.is_null();
        case Constraint::Kind::AtLeast:
            return value.is_number() && value.get<double>() >= static_cast<double>(c.bound);
        case Constraint::Kind::AtMost:
            return value.is_number() && value.get<double>() <= static_cast<double>(c.bound);
        case Constraint::Kind::Pattern:
            return value.is_string() && matchesNamePattern(value.get<std::string>());
        case Constraint::Kind::LengthAtLeast:
            return lengthOf(value) >= c.bound;
        case Constraint::Kind::LengthAtMost:
            return lengthOf(value) <= c.bound;
        case Constraint::Kind::OneOf:
            for (const auto& allowed : c.allowed)
                if (value.is_string() && value.get_ref<const std::string&>() == allowed)
                    return true;
            return false;
        case Constraint::Kind::Keys:
        case Constraint::Kind::Values:
            return true;  // checked per key or value by the caller
    }
    return true;
}

class ConstraintChecker {
  public:
    void members(const Json& object, const Members& shape, const std::string& parent) {
        for (const auto& [name, member] : shape) {
            if (!member.constrained) continue;
            auto it = object.find(name);
            const Json& value = it == object.end() ? null_ : *it;
            check(name, value, member, parent);
        }
    }

    std::vector<std::string> errors;

  private:
    static constexpr size_t kMaxReported = 10;

    void report(const Json& value, const Shape& shape, const std::string& path,
                const std::string& message) {
        std::string shown = valueText(value, &shape);
        if (!value.is_null()) shown = "'" + shown + "'";
        errors.push_back("Value " + shown + " at '" + path +
                         "' failed to satisfy constraint: " + message);
    }

    void check(const std::string& name, const Json& value, const Shape& shape,
               const std::string& parent) {
        // The member's path ("keySchema.1.member.keyType") is only built when it is needed:
        // for a message, or as the parent of a constrained child.
        auto path = [&] { return (parent.empty() ? "" : parent + ".") + lowerFirst(name); };
        for (const Constraint& c : shape.constraints) {
            if (errors.size() >= kMaxReported) return;
            if (c.kind != Constraint::Kind::NotNull && value.is_null()) continue;
            if (c.kind == Constraint::Kind::Keys || c.kind == Constraint::Kind::Values) {
                for (auto it = value.begin(); it != value.end(); ++it) {
                    const Json subject = c.kind == Constraint::Kind::Keys ? Json(it.key()) : *it;
                    bool ok = true;
                    for (const Constraint& nested : c.nested) ok = ok && satisfies(nested, subject);
                    if (!ok) report(value, shape, path(), constraintText(c));
                }
                continue;
            }
            if (!satisfies(c, value)) report(value, shape, path(), constraintText(c));
        }
        if (value.is_null() || errors.size() >= kMaxReported) return;
        if (shape.element && !shape.element->constrained) return;
        switch (shape.kind) {
            case ShapeKind::List:
            case ShapeKind::ParameterizedList:
                for (size_t i = 0; i < value.size(); ++i)
                    check("member", value[i], *shape.element, path() + "." + std::to_string(i + 1));
                return;
            case ShapeKind::Map:
            case ShapeKind::ParameterizedMap:
                for (auto it = value.begin(); it != value.end(); ++it)
                    check("member", it.value(), *shape.element, path() + "." + it.key());
                return;
            case ShapeKind::ValueStruct:
            case ShapeKind::FieldStruct:
                members(value, shape.members, path());
                return;
            default:
                return;
        }
    }

    const Json null_;
};

}  // namespace

long long memberLength(const Json& value) {
    return lengthOf(value);
}

std::vector<std::string> constraintViolations(const Members& shape, const Json& request) {
    ConstraintChecker checker;
    checker.members(request, shape, "");
    return std::move(checker.errors);
}

}  // namespace shardscape
