#include "simulation/scenario_fields.h"

#include <cmath>
#include <sstream>

namespace shardscape::fields {

namespace {
std::string formatNumber(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
}  // namespace

Error fieldError(const std::string& path, const std::string& problem) {
    std::string message = path;
    message.append(": ");
    message.append(problem);
    return validationError(std::move(message));
}

std::string member(const std::string& path, const char* name) {
    std::string out = path;
    out.push_back('.');
    out.append(name);
    return out;
}

std::string element(const std::string& path, size_t index) {
    std::string out = path;
    out.push_back('[');
    out.append(std::to_string(index));
    out.push_back(']');
    return out;
}

Status requireObject(const Json& json, const std::string& path) {
    if (!json.is_object()) return fieldError(path, "must be an object");
    return Status::success();
}

Result<double> number(const Json& object, const std::string& path, const char* name,
                      std::optional<double> fallback, double minimum, double maximum) {
    const std::string where = member(path, name);
    auto it = object.find(name);
    if (it == object.end()) {
        if (fallback) return *fallback;
        return fieldError(where, "is required");
    }
    if (!it->is_number()) return fieldError(where, "must be a number");
    const double value = it->get<double>();
    if (!std::isfinite(value) || value < minimum || value > maximum) {
        std::string problem = "must be between ";
        problem.append(formatNumber(minimum));
        problem.append(" and ");
        problem.append(formatNumber(maximum));
        return fieldError(where, problem);
    }
    return value;
}

Result<std::string> text(const Json& object, const std::string& path, const char* name,
                         std::optional<std::string> fallback) {
    const std::string where = member(path, name);
    auto it = object.find(name);
    if (it == object.end()) {
        if (fallback) return *fallback;
        return fieldError(where, "is required");
    }
    if (!it->is_string()) return fieldError(where, "must be a string");
    return it->get<std::string>();
}

Result<bool> boolean(const Json& object, const std::string& path, const char* name, bool fallback) {
    auto it = object.find(name);
    if (it == object.end()) return fallback;
    if (!it->is_boolean()) return fieldError(member(path, name), "must be true or false");
    return it->get<bool>();
}

}  // namespace shardscape::fields
