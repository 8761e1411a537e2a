#pragma once
// Document paths into items: "a.b[2].c" — a top-level attribute name followed by map member
// names and list indexes.

#include <string>
#include <vector>

#include "values/attribute_value.h"

namespace shardscape {

struct PathElement {
    bool isIndex = false;
    std::string name;  // map member or top-level attribute
    size_t index = 0;  // list index

    bool operator==(const PathElement&) const = default;
};

using DocumentPath = std::vector<PathElement>;

// DynamoDB's form in messages: "[a, b, [2], c]".
std::string pathForMessage(const DocumentPath& path);

// One step down from `value` (a map member or list element), or nullptr if there is none.
const AttributeValue* childAt(const AttributeValue& value, const PathElement& step);
AttributeValue* childAt(AttributeValue& value, const PathElement& step);

// The value at `path`, or nullptr if any step does not exist (or has the wrong type).
const AttributeValue* findAtPath(const Item& item, const DocumentPath& path);

// True when one path is a prefix of the other (they touch the same data).
bool pathsOverlap(const DocumentPath& a, const DocumentPath& b);
// True when the paths step into the same attribute once as a map and once as a list.
bool pathsConflict(const DocumentPath& a, const DocumentPath& b);

// DynamoDB documents nest at most 32 levels.
constexpr size_t kMaxPathDepth = 32;

}  // namespace shardscape
