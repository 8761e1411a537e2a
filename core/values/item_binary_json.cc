#include "values/item_binary_json.h"

#include "base/base64.h"
#include "values/item_binary.h"

namespace shardscape {

namespace {

// As item_binary.cc's reader: the same limits, so the same records are rejected.
constexpr int kMaxDepth = 64;

bool readBytes(std::string_view& in, std::string_view& out) {
    uint64_t length = 0;
    if (!readVarint(in, length) || length > in.size()) return false;
    out = in.substr(0, length);
    in.remove_prefix(length);
    return true;
}

bool readValue(std::string_view& in, Json& out, int depth) {
    if (in.empty() || depth > kMaxDepth) return false;
    const auto tag = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (tag > static_cast<unsigned char>(ValueType::BS)) return false;
    const auto type = static_cast<ValueType>(tag);
    const std::string key(valueTypeName(type));
    std::string_view text;
    uint64_t count = 0;
    out = Json::object();
    switch (type) {
        case ValueType::S:
        case ValueType::N:
            if (!readBytes(in, text)) return false;
            out.emplace(key, std::string(text));
            return true;
        case ValueType::B:
            if (!readBytes(in, text)) return false;
            out.emplace(key, base64Encode(text));
            return true;
        case ValueType::BOOL:
            if (in.empty()) return false;
            out.emplace(key, in.front() != 0);
            in.remove_prefix(1);
            return true;
        case ValueType::NUL:
            out.emplace(key, true);
            return true;
        case ValueType::M: {
            if (!readVarint(in, count) || count > in.size()) return false;
            Json members = Json::object();
            for (uint64_t i = 0; i < count; ++i) {
                std::string_view name;
                Json nested;
                if (!readBytes(in, name) || !readValue(in, nested, depth + 1)) return false;
                members.emplace(std::string(name), std::move(nested));  // the first name wins
            }
            out.emplace(key, std::move(members));
            return true;
        }
        case ValueType::L: {
            if (!readVarint(in, count) || count > in.size()) return false;
            Json elements = Json::array();
            auto& list = elements.get_ref<Json::array_t&>();
            list.resize(count);
            for (auto& nested : list)
                if (!readValue(in, nested, depth + 1)) return false;
            out.emplace(key, std::move(elements));
            return true;
        }
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            if (!readVarint(in, count) || count > in.size()) return false;
            Json members = Json::array();
            auto& list = members.get_ref<Json::array_t&>();
            list.reserve(count);
            for (uint64_t i = 0; i < count; ++i) {
                if (!readBytes(in, text)) return false;
                if (type == ValueType::BS)
                    list.emplace_back(base64Encode(text));
                else
                    list.emplace_back(std::string(text));
            }
            out.emplace(key, std::move(members));
            return true;
        }
    }
    return false;
}

}  // namespace

Result<Json> decodeItemBinaryToJson(std::string_view bytes) {
    uint64_t count = 0;
    if (!readVarint(bytes, count) || count > bytes.size())
        return corruptionError("Corrupt item record in storage");
    Json item = Json::object();
    for (uint64_t i = 0; i < count; ++i) {
        std::string_view name;
        Json value;
        if (!readBytes(bytes, name) || !readValue(bytes, value, 0))
            return corruptionError("Corrupt item record in storage");
        item.emplace(std::string(name), std::move(value));  // the first name wins, as in an Item
    }
    if (!bytes.empty()) return corruptionError("Corrupt item record in storage");
    return item;
}

}  // namespace shardscape
