#include "expressions/expression_context.h"

namespace shardscape {

namespace {
bool validPlaceholderKey(const std::string& key, char marker) {
    if (key.size() < 2 || key[0] != marker) return false;
    for (size_t i = 1; i < key.size(); ++i) {
        const char c = key[i];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    }
    return true;
}

std::string keyList(const std::map<std::string, std::string>& names,
                    const std::set<std::string>& used) {
    std::string out;
    for (const auto& [k, v] : names)
        if (!used.count(k)) out += (out.empty() ? "" : ", ") + k;
    return out;
}
}  // namespace

Result<ExpressionContext> ExpressionContext::fromRequest(const Json* names, const Json* values,
                                                         bool expressionsUsed,
                                                         std::string_view missingValueExpressions) {
    if (!expressionsUsed && names)
        return validationError(
            "ExpressionAttributeNames can only be specified when using expressions");
    if (values && !missingValueExpressions.empty())
        return validationError(
            "ExpressionAttributeValues can only be specified when using expressions: " +
            std::string(missingValueExpressions));
    if (!expressionsUsed && values)
        return validationError(
            "ExpressionAttributeValues can only be specified when using expressions");
    ExpressionContext context;
    if (names) {
        if (!names->is_object()) return serializationError("Unexpected field type");
        if (names->empty()) return validationError("ExpressionAttributeNames must not be empty");
        for (const auto& [key, value] : names->items()) {
            if (!validPlaceholderKey(key, '#'))
                return validationError(
                    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key +
                    "\"");
            if (!value.is_string()) return serializationError("Unexpected field type");
            context.names_[key] = value.get<std::string>();
        }
    }
    if (values) {
        if (!values->is_object()) return serializationError("Unexpected field type");
        if (values->empty()) return validationError("ExpressionAttributeValues must not be empty");
        for (const auto& [key, value] : values->items()) {
            if (!validPlaceholderKey(key, ':'))
                return validationError(
                    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key +
                    "\"");
            auto parsed = attributeValueFromJson(value);
            if (!parsed) {
                if (parsed.error().type != ErrorType::Validation) return parsed.error();
                return validationError("ExpressionAttributeValues contains invalid value: " +
                                       parsed.error().message + " for key " + key);
            }
            context.values_.emplace(key, std::move(parsed).value());
        }
    }
    return context;
}

ExpressionContext ExpressionContext::anyPlaceholder() const {
    ExpressionContext out = *this;
    out.anyPlaceholder_ = true;
    return out;
}

Result<std::string> ExpressionContext::name(const std::string& placeholder) {
    auto it = names_.find(placeholder);
    if (it == names_.end() && anyPlaceholder_) return placeholder;
    // An empty name stands for no attribute: DynamoDB treats the placeholder as undefined.
    if (it == names_.end() || it->second.empty())
        return validationError(
            "An expression attribute name used in the document path is not defined; attribute "
            "name: " +
            placeholder);
    usedNames_.insert(placeholder);
    return it->second;
}

Result<AttributeValue> ExpressionContext::value(const std::string& placeholder) {
    auto it = values_.find(placeholder);
    if (it == values_.end() && anyPlaceholder_) return AttributeValue::null();
    if (it == values_.end())
        return validationError(
            "An expression attribute value used in expression is not defined; attribute value: " +
            placeholder);
    usedValues_.insert(placeholder);
    return it->second;
}

Status ExpressionContext::checkAllUsed() const {
    const std::string unusedNames = keyList(names_, usedNames_);
    if (!unusedNames.empty())
        return validationError(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {" +
            unusedNames + "}");
    std::string unusedValues;
    for (const auto& [k, v] : values_)
        if (!usedValues_.count(k)) unusedValues += (unusedValues.empty() ? "" : ", ") + k;
    if (!unusedValues.empty())
        return validationError(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {" +
            unusedValues + "}");
    return {};
}

}  // namespace shardscape
