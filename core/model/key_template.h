#pragma once
// Key templates of entity types and access patterns: literal text with {attribute}
// variables, e.g. "CUSTOMER#{customerId}" or "ORDER#{orderDate}#{orderId}".

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace shardscape {

class KeyTemplate {
  public:
    struct Part {
        bool isVariable = false;
        std::string text;  // the literal, or the attribute name
    };

    const std::vector<Part>& parts() const { return parts_; }
    std::vector<std::string> variables() const;
    bool isConstant() const { return variables().empty(); }
    bool isSingleVariable() const { return parts_.size() == 1 && parts_[0].isVariable; }
    // The literal text before the first variable ("CUSTOMER#").
    std::string literalPrefix() const;
    // Replaces each {name} with values.at(name); a missing value is an error.
    Result<std::string> render(const std::map<std::string, std::string>& values) const;

  private:
    friend Result<KeyTemplate> parseKeyTemplate(std::string_view text);
    std::vector<Part> parts_;
};

// Fails on an unclosed '{', an empty "{}" or a stray '}'.
Result<KeyTemplate> parseKeyTemplate(std::string_view text);

}  // namespace shardscape
