#pragma once
// Reading scenario JSON fields with errors that name the field by its path
// ("scenario.workload[1].rate.to: must be a number >= 0").

#include <optional>
#include <string>

#include "base/result.h"
#include "values/attribute_json.h"

namespace shardscape::fields {

Error fieldError(const std::string& path, const std::string& problem);

// The object member `name` of `object` (at `path`) as a number in [minimum, maximum];
// `fallback` when absent (an error when absent and no fallback).
Result<double> number(const Json& object, const std::string& path, const char* name,
                      std::optional<double> fallback, double minimum, double maximum);
Result<std::string> text(const Json& object, const std::string& path, const char* name,
                         std::optional<std::string> fallback);
Result<bool> boolean(const Json& object, const std::string& path, const char* name, bool fallback);
// Fails unless `json` is an object.
Status requireObject(const Json& json, const std::string& path);
std::string member(const std::string& path, const char* name);
std::string element(const std::string& path, size_t index);

}  // namespace shardscape::fields
