#pragma once
// UTC calendar time for sample timestamps: ISO-8601 text <-> seconds since the epoch,
// independent of the machine's time zone.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shardscape {

// "2024-01-31", "2024-01-31T12:00:00" or "2024-01-31T12:00:00Z"; nullopt otherwise.
std::optional<int64_t> parseIsoTime(std::string_view text);
// "2024-01-31T12:00:00Z".
std::string formatIsoTime(int64_t secondsSinceEpoch);

}  // namespace shardscape
