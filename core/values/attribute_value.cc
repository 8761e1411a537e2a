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
    v.map_ = std::move(members);
    return v;
}

AttributeValue AttributeValue::list(std::vector<AttributeValue> elements) {
    AttributeValue v;
    v.type_ = ValueType::L;
    v.list_ = std::move(elements);
    return v;
}

AttributeValue AttributeValue::set(ValueType setType, std::vector<std::string> members) {
    AttributeValue v;
    v.type_ = setType;
    v.set_ = std::move(members);
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
            return map_ == other.map_;
        case ValueType::L:
            return list_ == other.list_;
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            // Sets are unordered.
            if (set_.size() != other.set_.size()) return false;
            auto a = set_, b = other.set_;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            return a == b;
        }
    }
    return false;
}

}  // namespace shardscape
