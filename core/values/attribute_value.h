#pragma once
// A DynamoDB attribute value of any of the ten types, and an Item (attribute name -> value).
//
// Scalars keep their canonical form: S as UTF-8 text, B as raw bytes (base64 exists only on
// the wire), N as the normalised decimal text of a Number. Sets hold their members in the
// order given; construction through the codec guarantees they are non-empty and unique.

#include <cstdint>
#include <map>
#include <memory>
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
    AttributeValue(const AttributeValue& other);
    AttributeValue(AttributeValue&& other) noexcept = default;
    AttributeValue& operator=(const AttributeValue& other);
    AttributeValue& operator=(AttributeValue&& other) noexcept = default;
    ~AttributeValue();

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
    // Empty for values of other types.
    const std::map<std::string, AttributeValue>& mapMembers() const;
    const std::vector<AttributeValue>& listElements() const;
    // SS/NS/BS members (NS members in canonical text).
    const std::vector<std::string>& setMembers() const;

    // In-place edits for UpdateExpression; the type stays what it is.
    std::map<std::string, AttributeValue>& mutableMapMembers();
    std::vector<AttributeValue>& mutableListElements();
    std::vector<std::string>& mutableSetMembers();

    bool operator==(const AttributeValue& other) const;

  private:
    // The members of an M, L or set value. Scalars, the vast majority of values, leave it
    // out: a value is then 48 bytes instead of 136, which every item held in memory (parsed
    // requests, query pages, imports) and every copy, move and destruction of one gains.
    struct Members;
    Members& members();

    ValueType type_;
    bool bool_ = false;
    std::string scalar_;
    std::unique_ptr<Members> members_;
};

struct AttributeValue::Members {
    std::map<std::string, AttributeValue> map;
    std::vector<AttributeValue> list;
    std::vector<std::string> set;
};

inline AttributeValue::~AttributeValue() = default;

inline const std::map<std::string, AttributeValue>& AttributeValue::mapMembers() const {
    static const std::map<std::string, AttributeValue> kNone;
    return members_ ? members_->map : kNone;
}

inline const std::vector<AttributeValue>& AttributeValue::listElements() const {
    static const std::vector<AttributeValue> kNone;
    return members_ ? members_->list : kNone;
}

inline const std::vector<std::string>& AttributeValue::setMembers() const {
    static const std::vector<std::string> kNone;
    return members_ ? members_->set : kNone;
}

}  // namespace shardscape
