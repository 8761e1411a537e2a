#pragma once
// A DynamoDB attribute value of any of the ten types, and an Item (attribute name -> value).
//
// Scalars keep their canonical form: S as UTF-8 text, B as raw bytes (base64 exists only on
// the wire), N as the normalised decimal text of a Number. Sets hold their members in the
// order given; construction through the codec guarantees they are non-empty and unique.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace shardscape {

enum class ValueType : uint8_t { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view valueTypeName(ValueType type);
bool isScalarKeyType(ValueType type);  // S, N or B

class AttributeValue;
using Item = std::map<std::string, AttributeValue>;

class AttributeValue {
  public:
    AttributeValue() : type_(ValueType::NUL) {}

    static AttributeValue string(std::string text);
    static AttributeValue number(std::string canonicalText);  // must already be normalised
    static AttributeValue binary(std::string bytes);
    static AttributeValue boolean(bool value);
    static AttributeValue null();
    static AttributeValue map(std::map<std::string, AttributeValue> members);
    static AttributeValue list(std::vector<AttributeValue> elements);
    static AttributeValue set(ValueType setType, std::vector<std::string> members);

    ValueType type() const { return type_; }
    // S text, B bytes or N canonical text.
    const std::string& scalar() const { return scalar_; }
    bool boolValue() const { return bool_; }
    const std::map<std::string, AttributeValue>& mapMembers() const { return map_; }
    const std::vector<AttributeValue>& listElements() const { return list_; }
    // SS/NS/BS members (NS members in canonical text).
    const std::vector<std::string>& setMembers() const { return set_; }

    // In-place edits for UpdateExpression; the type stays what it is.
    std::map<std::string, AttributeValue>& mutableMapMembers() { return map_; }
    std::vector<AttributeValue>& mutableListElements() { return list_; }
    std::vector<std::string>& mutableSetMembers() { return set_; }

    bool operator==(const AttributeValue& other) const;

  private:
    ValueType type_;
    bool bool_ = false;
    std::string scalar_;
    std::map<std::string, AttributeValue> map_;
    std::vector<AttributeValue> list_;
    std::vector<std::string> set_;
};

}  // namespace shardscape
