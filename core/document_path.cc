#include "document_path.h"

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

const AttributeValue* findAtPath(const Item& item, const DocumentPath& path) {
    if (path.empty() || path[0].isIndex) return nullptr;
    auto top = item.find(path[0].name);
    if (top == item.end()) return nullptr;
    const AttributeValue* current = &top->second;
    for (size_t i = 1; i < path.size(); ++i) {
        const PathElement& step = path[i];
        if (step.isIndex) {
            if (current->type() != ValueType::L || step.index >= current->listElements().size())
                return nullptr;
            current = &current->listElements()[step.index];
        } else {
            if (current->type() != ValueType::M) return nullptr;
            auto member = current->mapMembers().find(step.name);
            if (member == current->mapMembers().end()) return nullptr;
            current = &member->second;
        }
    }
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
