#pragma once
// Equal JSON values of equal types all the way down, members in the same order (Json's ==
// treats 1, 1u and 1.0 as equal and ignores nothing else); two discarded values are
// identical. Shared by test_json_text and fuzz_json_text, which hold parseJsonText to
// nlohmann's exact result.

#include "values/attribute_json.h"

namespace shardscape::testing {

inline bool identicalJson(const Json& a, const Json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
            if (i.key() != j.key() || !identicalJson(*i, *j)) return false;
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!identicalJson(a[i], b[i])) return false;
        return true;
    }
    return a.is_discarded() || a == b;
}

}  // namespace shardscape::testing
