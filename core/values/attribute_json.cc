#include "values/attribute_json.h"

#include <set>

#include "base/base64.h"
#include "values/number.h"

namespace shardscape {

namespace {

constexpr const char* kTypeKeys[] = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};

// How the service's deserializer names a JSON token it did not expect.
std::string tokenName(const Json& json) {
    if (json.is_boolean()) return json.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (json.is_number_float()) return "DECIMAL_VALUE";
    if (json.is_number()) return "NUMBER_VALUE";
    return "STRING_VALUE";
}

Status expectString(const Json& json, const char* javaType) {
    if (json.is_string()) return {};
    if (json.is_object())
        return serializationError("Start of structure or map found where not expected");
    if (json.is_array())
        return serializationError(std::string("Unrecognized collection type class java.lang.") +
                                  javaType);
    return serializationError(tokenName(json) + " cannot be converted to " + javaType);
}

Status expectBinary(const Json& json) {
    if (json.is_object())
        return serializationError("Start of structure or map found where not expected");
    if (json.is_array())
        return serializationError("Unrecognized collection type class java.nio.ByteBuffer");
    if (!json.is_string())
        return serializationError("only base-64-encoded strings are convertible to bytes");
    auto decoded = base64Decode(json.get_ref<const std::string&>());
    if (!decoded) return decoded.error();
    return {};
}

Status expectBoolean(const Json& json) {
    if (json.is_boolean()) return {};
    if (json.is_object())
        return serializationError("Start of structure or map found where not expected");
    if (json.is_array())
        return serializationError("Unrecognized collection type class java.lang.Boolean");
    // The service's Boolean parser rejects a string token before naming its type.
    if (json.is_string()) return serializationError("Unexpected token received from parser");
    return serializationError(tokenName(json) + " cannot be converted to Boolean");
}

// DynamoDB stores at most 32 levels: a scalar under at most 31 maps or lists.
constexpr int kMaxContainerDepth = 31;

Status checkShape(const Json& json, int depth = 0);

Error nestedTooDeep() {
    return validationError(
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
        "beyond supported limit");
}

template <typename ElementCheck>
Status checkListOf(const Json& json, const char* what, ElementCheck element) {
    if (!json.is_array()) {
        if (json.is_object())
            return serializationError("Start of structure or map found where not expected");
        return serializationError(std::string("Unexpected field type"));
    }
    (void)what;
    for (const auto& e : json) {
        if (e.is_null()) continue;
        SHARDSCAPE_TRY(element(e));
    }
    return {};
}

Status checkShape(const Json& json, int depth) {
    if (json.is_array())
        return serializationError(
            "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    if (!json.is_object()) return serializationError("Unexpected value type in payload");
    for (const auto& [key, member] : json.items()) {
        if (member.is_null()) continue;
        if (key == "S" || key == "N") {
            SHARDSCAPE_TRY(expectString(member, "String"));
        } else if (key == "B") {
            SHARDSCAPE_TRY(expectBinary(member));
        } else if (key == "BOOL" || key == "NULL") {
            SHARDSCAPE_TRY(expectBoolean(member));
        } else if (key == "M") {
            if (depth >= kMaxContainerDepth) return nestedTooDeep();
            if (!member.is_object()) {
                if (member.is_array())
                    return serializationError(
                        "Unrecognized collection type java.util.Map<java.lang.String, "
                        "com.amazonaws.dynamodb.v20120810.AttributeValue>");
                return serializationError("Unexpected field type");
            }
            for (const auto& [name, nested] : member.items()) {
                (void)name;
                if (!nested.is_null()) SHARDSCAPE_TRY(checkShape(nested, depth + 1));
            }
        } else if (key == "L") {
            if (depth >= kMaxContainerDepth) return nestedTooDeep();
            SHARDSCAPE_TRY(checkListOf(
                member, "L", [depth](const Json& e) { return checkShape(e, depth + 1); }));
        } else if (key == "SS" || key == "NS") {
            SHARDSCAPE_TRY(checkListOf(member, key.c_str(),
                                       [](const Json& e) { return expectString(e, "String"); }));
        } else if (key == "BS") {
            SHARDSCAPE_TRY(checkListOf(member, "BS", expectBinary));
        }
        // Unknown members are ignored, as the service's deserializer does.
    }
    return {};
}

std::string listForMessage(const Json& members) {
    std::string out = "[";
    bool first = true;
    for (const auto& m : members) {
        if (m.is_null()) continue;
        if (!first) out += ", ";
        out += m.get<std::string>();
        first = false;
    }
    return out + "]";
}

Result<AttributeValue> build(const Json& json) {
    int typesSet = 0;
    for (const auto& [key, member] : json.items()) {
        if (member.is_null()) continue;
        for (const char* typeKey : kTypeKeys)
            if (key == typeKey) {
                ++typesSet;
                break;
            }
    }
    if (typesSet == 0)
        return validationError(
            "Supplied AttributeValue is empty, must contain exactly one of the supported "
            "datatypes");

    AttributeValue result;
    for (const auto& [key, member] : json.items()) {
        if (member.is_null()) continue;
        if (key == "S") {
            result = AttributeValue::string(member.get<std::string>());
        } else if (key == "N") {
            auto number = Number::parse(member.get_ref<const std::string&>());
            if (!number) return number.error();
            result = AttributeValue::number(number->toString());
        } else if (key == "B") {
            result =
                AttributeValue::binary(base64Decode(member.get_ref<const std::string&>()).value());
        } else if (key == "BOOL") {
            result = AttributeValue::boolean(member.get<bool>());
        } else if (key == "NULL") {
            if (!member.get<bool>())
                return validationError(
                    "One or more parameter values were invalid: Null attribute value types must "
                    "have the value of true");
            result = AttributeValue::null();
        } else if (key == "M") {
            std::map<std::string, AttributeValue> members;
            for (const auto& [name, nested] : member.items()) {
                if (nested.is_null()) continue;
                auto value = build(nested);
                if (!value) return value.error();
                members.emplace(name, std::move(value).value());
            }
            result = AttributeValue::map(std::move(members));
        } else if (key == "L") {
            std::vector<AttributeValue> elements;
            elements.reserve(member.size());
            for (const auto& nested : member) {
                if (nested.is_null()) continue;
                auto value = build(nested);
                if (!value) return value.error();
                elements.push_back(std::move(value).value());
            }
            result = AttributeValue::list(std::move(elements));
        } else if (key == "SS" || key == "NS" || key == "BS") {
            std::vector<std::string> members;
            for (const auto& m : member) {
                if (m.is_null()) continue;
                const auto& text = m.get_ref<const std::string&>();
                if (key == "NS") {
                    auto number = Number::parse(text);
                    if (!number) return number.error();
                    members.push_back(number->toString());
                } else if (key == "BS") {
                    members.push_back(base64Decode(text).value());
                } else {
                    members.push_back(text);
                }
            }
            if (members.empty()) {
                if (key == "SS")
                    return validationError(
                        "One or more parameter values were invalid: An string set  may not be "
                        "empty");
                if (key == "NS")
                    return validationError(
                        "One or more parameter values were invalid: An number set  may not be "
                        "empty");
                return validationError(
                    "One or more parameter values were invalid: Binary sets should not be empty");
            }
            std::set<std::string> seen;
            for (const auto& m : members) {
                if (seen.insert(m).second) continue;
                if (key == "SS")
                    return validationError(
                        "One or more parameter values were invalid: Input collection " +
                        listForMessage(member) + " contains duplicates.");
                if (key == "NS") return validationError("Input collection contains duplicates");
                return validationError(
                    "One or more parameter values were invalid: Input collection " +
                    listForMessage(member) + "of type BS contains duplicates.");
            }
            const ValueType type = key == "SS"   ? ValueType::SS
                                   : key == "NS" ? ValueType::NS
                                                 : ValueType::BS;
            result = AttributeValue::set(type, std::move(members));
        }
    }
    if (typesSet > 1)
        return validationError(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
            "the supported datatypes");
    return result;
}

}  // namespace

Result<AttributeValue> attributeValueFromJson(const Json& json) {
    SHARDSCAPE_TRY(checkShape(json));
    return build(json);
}

Json attributeValueToJson(const AttributeValue& value) {
    Json out = Json::object();
    const std::string type(valueTypeName(value.type()));
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
            out[type] = value.scalar();
            break;
        case ValueType::B:
            out[type] = base64Encode(value.scalar());
            break;
        case ValueType::BOOL:
            out[type] = value.boolValue();
            break;
        case ValueType::NUL:
            out[type] = true;
            break;
        case ValueType::M: {
            Json members = Json::object();
            for (const auto& [name, nested] : value.mapMembers())
                members[name] = attributeValueToJson(nested);
            out[type] = std::move(members);
            break;
        }
        case ValueType::L: {
            Json elements = Json::array();
            for (const auto& nested : value.listElements())
                elements.push_back(attributeValueToJson(nested));
            out[type] = std::move(elements);
            break;
        }
        case ValueType::SS:
        case ValueType::NS:
            out[type] = value.setMembers();
            break;
        case ValueType::BS: {
            Json members = Json::array();
            for (const auto& m : value.setMembers()) members.push_back(base64Encode(m));
            out[type] = std::move(members);
            break;
        }
    }
    return out;
}

Result<Item> itemFromJson(const Json& json) {
    if (!json.is_object()) {
        if (json.is_array())
            return serializationError(
                "Unrecognized collection type java.util.Map<java.lang.String, "
                "com.amazonaws.dynamodb.v20120810.AttributeValue>");
        return serializationError("Unexpected field type");
    }
    for (const auto& [name, member] : json.items()) {
        (void)name;
        if (!member.is_null()) SHARDSCAPE_TRY(checkShape(member));
    }
    Item item;
    for (const auto& [name, member] : json.items()) {
        if (member.is_null()) continue;
        auto value = build(member);
        if (!value) return value.error();
        item.emplace(name, std::move(value).value());
    }
    return item;
}

Json itemToJson(const Item& item) {
    Json out = Json::object();
    for (const auto& [name, value] : item) out[name] = attributeValueToJson(value);
    return out;
}

}  // namespace shardscape
