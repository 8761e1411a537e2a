#pragma once
// Writes JSON data as block-style YAML (maps as "key: value", lists as "- item"). Strings
// that YAML would read as something else (numbers, booleans, null, text with ':' or '#', ...)
// are double-quoted with JSON escapes, which YAML's double-quoted style shares.

#include <string>

#include "model/model.h"

namespace shardscape {

std::string toYaml(const OrderedJson& value);

}  // namespace shardscape
