#include "values/attribute_value.h"

#include <algorithm>

namespace shardscape {

std::string_view valueTypeName(ValueType type) {
    switch (type) {
        case ValueType::S:
            return "S";
        case ValueType::N:
            return "N";
        case ValueType::B:
            return "B";
        case ValueType::BOOL:
            return "BOOL";
        case ValueType::NUL:
            return "NULL";
        case ValueType::M:
            return "M";
        case ValueType::L:
            return "L";
        case ValueType::SS:
            return "SS";
        case ValueType::NS:
            return "NS";
        case ValueType::BS:
            return "BS";
    }
    return "NULL";
}

bool isScalarKeyType(ValueType type) {
    return type == ValueType::S || type == ValueType::N || type == ValueType::B;
}

// Items hold one value per attribute: keep scalars small (see Members).
static_assert(sizeof(AttributeValue) <= 48, "a scalar AttributeValue should stay 48 bytes");

AttributeValue::AttributeValue(const AttributeValue& other)
    : type_(other.type_),
      bool_(other.bool_),
      scalar_(other.scalar_),
      members_(other.members_ ? std::make_unique<Members>(*other.members_) : nullptr) {}

AttributeValue& AttributeValue::operator=(const AttributeValue& other) {
    if (this != &other) *this = AttributeValue(other);
    return *this;
}

AttributeValue::Members& AttributeValue::members() {
    if (!members_) members_ = std::make_unique<Members>();
    return *members_;
}

std::map<std::string, AttributeValue>& AttributeValue::mutableMapMembers() {
    return members().map;
}

std::vector<AttributeValue>& AttributeValue::mutableListElements() {
    return members().list;
}

std::vector<std::string>& AttributeValue::mutableSetMembers() {
    return members().set;
}

AttributeValue AttributeValue::string(std::string text) {
    AttributeValue v;
    v.type_ = ValueType::S;
    v.scalar_ = std::move(text);
    return v;
}

AttributeValue AttributeValue::number(std::string canonicalText) {
    AttributeValue v;
    v.type_ = ValueType::N;
    v.scalar_ = std::move(canonicalText);
    return v;
}

AttributeValue AttributeValue::binary(std::string bytes) {
    AttributeValue v;
    v.type_ = ValueType::B;
    v.scalar_ = std::move(bytes);
    return v;
}

AttributeValue AttributeValue::boolean(bool value) {
    AttributeValue v;
    v.type_ = ValueType::BOOL;
    v.bool_ = value;
    return v;
}

AttributeValue AttributeValue::null() {
    return AttributeValue();
}

AttributeValue AttributeValue::map(std::map<std::string, AttributeValue> members) {
    AttributeValue v;
    v.type_ = ValueType::M;
    v.members().map = std::move(members);
    return v;
}

AttributeValue AttributeValue::list(std::vector<AttributeValue> elements) {
    AttributeValue v;
    v.type_ = ValueType::L;
    v.members().list = std::move(elements);
    return v;
}

AttributeValue AttributeValue::set(ValueType setType, std::vector<std::string> members) {
    AttributeValue v;
    v.type_ = setType;
    v.members().set = std::move(members);
    return v;
}

bool AttributeValue::operator==(const AttributeValue& other) const {
    if (type_ != other.type_) return false;
    switch (type_) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
            return scalar_ == other.scalar_;
        case ValueType::BOOL:
            return bool_ == other.bool_;
        case ValueType::NUL:
            return true;
        case ValueType::M:
            return mapMembers() == other.mapMembers();
        case ValueType::L:
            return listElements() == other.listElements();
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            // Sets are unordered.
            if (setMembers().size() != other.setMembers().size()) return false;
            auto a = setMembers(), b = other.setMembers();
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            return a == b;
        }
    }
    return false;
}

}  // namespace shardscape
