#pragma once
// Standard base64 (RFC 4648, with padding), the wire encoding of DynamoDB's B and BS values.

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace shardscape {

std::string base64Encode(std::string_view bytes);
// Strict decoding: length a multiple of 4, only the standard alphabet, padding only at the
// end. Fails with the SerializationException wording DynamoDB uses for bad binary input.
Result<std::string> base64Decode(std::string_view text);

}  // namespace shardscape
