#include "model/key_template.h"

namespace shardscape {

Result<KeyTemplate> parseKeyTemplate(std::string_view text) {
    KeyTemplate result;
    std::string literal;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}')
            return validationError("Key template '" + std::string(text) + "' has a '}' at " +
                                   std::to_string(i + 1) + " without a matching '{'");
        if (c != '{') {
            literal.push_back(c);
            continue;
        }
        const size_t close = text.find('}', i);
        if (close == std::string_view::npos)
            return validationError("Key template '" + std::string(text) +
                                   "' has an unclosed '{' at " + std::to_string(i + 1));
        std::string name(text.substr(i + 1, close - i - 1));
        if (name.empty() || name.find('{') != std::string::npos)
            return validationError("Key template '" + std::string(text) +
                                   "' needs an attribute name inside '{}' at " +
                                   std::to_string(i + 1));
        if (!literal.empty()) result.parts_.push_back({false, std::move(literal)});
        literal.clear();
        result.parts_.push_back({true, std::move(name)});
        i = close;
    }
    if (!literal.empty()) result.parts_.push_back({false, std::move(literal)});
    return result;
}

std::vector<std::string> KeyTemplate::variables() const {
    std::vector<std::string> out;
    for (const auto& part : parts_)
        if (part.isVariable) out.push_back(part.text);
    return out;
}

std::string KeyTemplate::literalPrefix() const {
    return !parts_.empty() && !parts_[0].isVariable ? parts_[0].text : std::string();
}

Result<std::string> KeyTemplate::render(const std::map<std::string, std::string>& values) const {
    std::string out;
    for (const auto& part : parts_) {
        if (!part.isVariable) {
            out.append(part.text);
            continue;
        }
        auto it = values.find(part.text);
        if (it == values.end())
            return validationError("No value for {" + part.text + "} in the key template");
        out.append(it->second);
    }
    return out;
}

}  // namespace shardscape
