#include "base/base64.h"

#include <array>

namespace shardscape {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> makeDecodeTable() {
    std::array<int, 256> table{};
    for (auto& entry : table) entry = -1;
    for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
    return table;
}
constexpr auto kDecode = makeDecodeTable();
}  // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    const size_t rest = bytes.size() - i;
    if (rest == 1) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out += "==";
    } else if (rest == 2) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

Result<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0)
        return serializationError(
            "Base64 encoded length is expected a multiple of 4 bytes but found: " +
            std::to_string(text.size()));
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (size_t i = 0; i < text.size(); i += 4) {
        const bool lastQuad = i + 4 == text.size();
        int values[4];
        int padding = 0;
        for (int j = 0; j < 4; ++j) {
            const char c = text[i + j];
            if (c == '=' && lastQuad && j >= 2) {
                values[j] = 0;
                ++padding;
                continue;
            }
            if (padding > 0 || kDecode[static_cast<unsigned char>(c)] < 0)
                return serializationError("Invalid last non-pad Base64 character dectected");
            values[j] = kDecode[static_cast<unsigned char>(c)];
        }
        // Only the canonical encoding is accepted: bits below the last byte must be zero.
        if ((padding == 1 && (values[2] & 0x3) != 0) || (padding == 2 && (values[1] & 0xF) != 0))
            return serializationError("Invalid last non-pad Base64 character dectected");
        const unsigned v = (values[0] << 18) | (values[1] << 12) | (values[2] << 6) | values[3];
        out.push_back(static_cast<char>((v >> 16) & 0xFF));
        if (padding < 2) out.push_back(static_cast<char>((v >> 8) & 0xFF));
        if (padding < 1) out.push_back(static_cast<char>(v & 0xFF));
    }
    return out;
}

}  // namespace shardscape
