#include "api/request_reader.h"

#include <cstdint>

namespace shardscape {

namespace {
std::string tokenName(const Json& json) {
    if (json.is_boolean()) return json.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
    if (json.is_number_float()) return "DECIMAL_VALUE";
    if (json.is_number()) return "NUMBER_VALUE";
    if (json.is_string()) return "STRING_VALUE";
    return "VALUE";
}

}  // namespace

bool matchesNamePattern(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return false;
    return true;
}

std::string lowerFirst(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

RequestReader::RequestReader(const Json& request) : request_(request) {}

const Json* RequestReader::member(const Json* parent, const char* name) const {
    if (!parent || !parent->is_object()) return nullptr;
    auto it = parent->find(name);
    if (it == parent->end() || it->is_null()) return nullptr;
    return &*it;
}

void RequestReader::serialization(std::string message) {
    if (!serializationError_) serializationError_ = serializationError(std::move(message));
}

std::optional<std::string> RequestReader::stringIn(const Json* parent, const char* name) {
    const Json* value = member(parent, name);
    if (!value) return std::nullopt;
    if (value->is_string()) return value->get<std::string>();
    if (value->is_object())
        serialization("Start of structure or map found where not expected");
    else if (value->is_array())
        serialization("Unrecognized collection type class java.lang.String");
    else
        serialization(tokenName(*value) + " cannot be converted to String");
    return std::nullopt;
}

std::optional<int64_t> RequestReader::integerIn(const Json* parent, const char* name,
                                                const char* javaType) {
    const Json* value = member(parent, name);
    if (!value) return std::nullopt;
    // Out-of-range numbers saturate (a cast would be undefined or wrap to a negative), so
    // they meet the member's range check like any other too-large value.
    if (value->is_number_unsigned()) {
        const uint64_t u = value->get<uint64_t>();
        return u > uint64_t(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
    }
    if (value->is_number_integer()) return value->get<int64_t>();
    if (value->is_number_float()) {
        // The service truncates decimals for integer members.
        const double d = value->get<double>();
        if (d >= 9223372036854775808.0) return INT64_MAX;
        if (d <= -9223372036854775808.0) return INT64_MIN;
        return static_cast<int64_t>(d);
    }
    const std::string type(javaType);
    if (value->is_string()) {
        serialization("STRING_VALUE cannot be converted to " + type);
    } else if (value->is_object()) {
        serialization("Start of structure or map found where not expected");
    } else if (value->is_array()) {
        serialization("Unrecognized collection type class java.lang." + type);
    } else {
        serialization(tokenName(*value) + " cannot be converted to " + type);
    }
    return std::nullopt;
}

std::optional<std::string> RequestReader::string(const char* name) {
    return stringIn(&request_, name);
}
std::optional<int64_t> RequestReader::integer(const char* name, const char* javaType) {
    return integerIn(&request_, name, javaType);
}

std::optional<bool> RequestReader::boolean(const char* name) {
    const Json* value = member(&request_, name);
    if (!value) return std::nullopt;
    if (value->is_boolean()) return value->get<bool>();
    if (value->is_object())
        serialization("Start of structure or map found where not expected");
    else if (value->is_array())
        serialization("Unrecognized collection type class java.lang.Boolean");
    else
        serialization(tokenName(*value) + " cannot be converted to Boolean");
    return std::nullopt;
}

const Json* RequestReader::object(const char* name) {
    const Json* value = member(&request_, name);
    if (!value) return nullptr;
    if (value->is_object()) return value;
    if (value->is_array())
        serialization(
            "Unrecognized collection type java.util.Map<java.lang.String, "
            "com.amazonaws.dynamodb.v20120810.AttributeValue>");
    else
        serialization("Unexpected field type");
    return nullptr;
}

const Json* RequestReader::array(const char* name) {
    const Json* value = member(&request_, name);
    if (!value) return nullptr;
    if (value->is_array()) return value;
    if (value->is_object())
        serialization("Start of structure or map found where not expected");
    else
        serialization("Unexpected field type");
    return nullptr;
}

void RequestReader::constraint(const std::string& shownValue, const std::string& path,
                               const std::string& message) {
    constraintErrors_.push_back("Value " + shownValue + " at '" + path +
                                "' failed to satisfy constraint: " + message);
}

void RequestReader::notNull(bool present, const std::string& path) {
    if (!present) constraint("null", path, "Member must not be null");
}

void RequestReader::tableName(const std::optional<std::string>& value, const std::string& path,
                              bool required) {
    if (!value) {
        if (required) notNull(false, path);
        return;
    }
    if (!matchesNamePattern(*value))
        constraint(quoted(*value), path,
                   "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    lengthBetween(value, path, 3, 255);
}

void RequestReader::lengthBetween(const std::optional<std::string>& value, const std::string& path,
                                  size_t minimum, size_t maximum) {
    if (!value) return;
    if (value->size() < minimum)
        constraint(quoted(*value), path,
                   "Member must have length greater than or equal to " + std::to_string(minimum));
    if (value->size() > maximum)
        constraint(quoted(*value), path,
                   "Member must have length less than or equal to " + std::to_string(maximum));
}

void RequestReader::oneOf(const std::optional<std::string>& value, const std::string& path,
                          std::initializer_list<const char*> allowed) {
    if (!value) return;
    std::string list;
    for (const char* a : allowed) {
        if (*value == a) return;
        list += (list.empty() ? "" : ", ") + std::string(a);
    }
    constraint(quoted(*value), path, "Member must satisfy enum value set: [" + list + "]");
}

void RequestReader::atLeast(const std::optional<int64_t>& value, const std::string& path,
                            int64_t minimum) {
    if (value && *value < minimum)
        constraint(quoted(std::to_string(*value)), path,
                   "Member must have value greater than or equal to " + std::to_string(minimum));
}

void RequestReader::atMost(const std::optional<int64_t>& value, const std::string& path,
                           int64_t maximum) {
    if (value && *value > maximum)
        constraint(quoted(std::to_string(*value)), path,
                   "Member must have value less than or equal to " + std::to_string(maximum));
}

Status RequestReader::finish() const {
    if (serializationError_) return *serializationError_;
    if (constraintErrors_.empty()) return {};
    const size_t shown = std::min<size_t>(constraintErrors_.size(), 10);
    std::string message =
        std::to_string(shown) + " validation error" + (shown > 1 ? "s" : "") + " detected: ";
    for (size_t i = 0; i < shown; ++i) message += (i ? "; " : "") + constraintErrors_[i];
    return validationError(message);
}

}  // namespace shardscape
