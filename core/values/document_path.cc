#include "values/document_path.h"

namespace shardscape {

std::string pathForMessage(const DocumentPath& path) {
    std::string out = "[";
    for (size_t i = 0; i < path.size(); ++i) {
        if (i) out += ", ";
        if (path[i].isIndex) {
            out.push_back('[');
            out.append(std::to_string(path[i].index));
            out.push_back(']');
        } else {
            out.append(path[i].name);
        }
    }
    return out + "]";
}

const AttributeValue* childAt(const AttributeValue& value, const PathElement& step) {
    // The const view shares the mutable walk; nothing is modified through it.
    return childAt(const_cast<AttributeValue&>(value), step);
}

AttributeValue* childAt(AttributeValue& value, const PathElement& step) {
    if (step.isIndex) {
        if (value.type() != ValueType::L || step.index >= value.listElements().size())
            return nullptr;
        return &value.mutableListElements()[step.index];
    }
    if (value.type() != ValueType::M) return nullptr;
    auto member = value.mutableMapMembers().find(step.name);
    return member == value.mutableMapMembers().end() ? nullptr : &member->second;
}

const AttributeValue* findAtPath(const Item& item, const DocumentPath& path) {
    if (path.empty() || path[0].isIndex) return nullptr;
    auto top = item.find(path[0].name);
    if (top == item.end()) return nullptr;
    const AttributeValue* current = &top->second;
    for (size_t i = 1; i < path.size() && current; ++i) current = childAt(*current, path[i]);
    return current;
}

bool pathsOverlap(const DocumentPath& a, const DocumentPath& b) {
    const size_t common = std::min(a.size(), b.size());
    for (size_t i = 0; i < common; ++i)
        if (!(a[i] == b[i])) return false;
    return true;
}

bool pathsConflict(const DocumentPath& a, const DocumentPath& b) {
    const size_t common = std::min(a.size(), b.size());
    for (size_t i = 0; i < common; ++i) {
        if (a[i].isIndex != b[i].isIndex) return true;
        if (!(a[i] == b[i])) return false;
    }
    return false;
}

}  // namespace shardscape
