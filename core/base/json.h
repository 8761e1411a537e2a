#pragma once
// The JSON value type used across core: nlohmann::json under a short name.

#include <nlohmann/json.hpp>

namespace shardscape {

using Json = nlohmann::json;

}  // namespace shardscape
