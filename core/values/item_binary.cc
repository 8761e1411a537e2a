#include "values/item_binary.h"

#include <cstring>

namespace shardscape {

namespace {

char* writeVarint(char* out, uint64_t value) {
    for (; value >= 0x80; value >>= 7) *out++ = static_cast<char>((value & 0x7F) | 0x80);
    *out++ = static_cast<char>(value);
    return out;
}

}  // namespace

void appendVarint(std::string& out, uint64_t value) {
    char bytes[10];  // seven bits per byte
    out.append(bytes, static_cast<size_t>(writeVarint(bytes, value) - bytes));
}

size_t varintLength(uint64_t value) {
    size_t length = 1;
    for (; value >= 0x80; value >>= 7) ++length;
    return length;
}

bool readVarint(std::string_view& in, uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
        const auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        value |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

namespace {

bool readBytes(std::string_view& in, std::string& out) {
    uint64_t length = 0;
    if (!readVarint(in, length) || length > in.size()) return false;
    out.assign(in.substr(0, length));
    in.remove_prefix(length);
    return true;
}

// Encoding measures the record first, then writes it in place: one allocation and no
// per-byte capacity checks, since every PutItem encodes its item on the write path.
size_t bytesLength(std::string_view bytes) {
    return varintLength(bytes.size()) + bytes.size();
}

size_t valueLength(const AttributeValue& value) {
    size_t length = 1;  // the type tag
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
            return length + bytesLength(value.scalar());
        case ValueType::BOOL:
            return length + 1;
        case ValueType::NUL:
            return length;
        case ValueType::M:
            length += varintLength(value.mapMembers().size());
            for (const auto& [name, nested] : value.mapMembers())
                length += bytesLength(name) + valueLength(nested);
            return length;
        case ValueType::L:
            length += varintLength(value.listElements().size());
            for (const auto& nested : value.listElements()) length += valueLength(nested);
            return length;
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS:
            length += varintLength(value.setMembers().size());
            for (const auto& m : value.setMembers()) length += bytesLength(m);
            return length;
    }
    return length;
}

char* writeBytes(char* out, std::string_view bytes) {
    out = writeVarint(out, bytes.size());
    if (!bytes.empty()) std::memcpy(out, bytes.data(), bytes.size());
    return out + bytes.size();
}

char* writeValue(char* out, const AttributeValue& value) {
    *out++ = static_cast<char>(value.type());
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
            return writeBytes(out, value.scalar());
        case ValueType::BOOL:
            *out++ = value.boolValue() ? 1 : 0;
            return out;
        case ValueType::NUL:
            return out;
        case ValueType::M:
            out = writeVarint(out, value.mapMembers().size());
            for (const auto& [name, nested] : value.mapMembers())
                out = writeValue(writeBytes(out, name), nested);
            return out;
        case ValueType::L:
            out = writeVarint(out, value.listElements().size());
            for (const auto& nested : value.listElements()) out = writeValue(out, nested);
            return out;
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS:
            out = writeVarint(out, value.setMembers().size());
            for (const auto& m : value.setMembers()) out = writeBytes(out, m);
            return out;
    }
    return out;
}

constexpr int kMaxDepth = 64;

bool readValue(std::string_view& in, AttributeValue& value, int depth) {
    if (in.empty() || depth > kMaxDepth) return false;
    const auto tag = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    if (tag > static_cast<unsigned char>(ValueType::BS)) return false;
    const auto type = static_cast<ValueType>(tag);
    std::string text;
    uint64_t count = 0;
    switch (type) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
            if (!readBytes(in, text)) return false;
            value = type == ValueType::S   ? AttributeValue::string(std::move(text))
                    : type == ValueType::N ? AttributeValue::number(std::move(text))
                                           : AttributeValue::binary(std::move(text));
            return true;
        case ValueType::BOOL:
            if (in.empty()) return false;
            value = AttributeValue::boolean(in.front() != 0);
            in.remove_prefix(1);
            return true;
        case ValueType::NUL:
            value = AttributeValue::null();
            return true;
        case ValueType::M: {
            if (!readVarint(in, count) || count > in.size()) return false;
            std::map<std::string, AttributeValue> members;
            for (uint64_t i = 0; i < count; ++i) {
                std::string name;
                AttributeValue nested;
                if (!readBytes(in, name) || !readValue(in, nested, depth + 1)) return false;
                members.emplace(std::move(name), std::move(nested));
            }
            value = AttributeValue::map(std::move(members));
            return true;
        }
        case ValueType::L: {
            if (!readVarint(in, count) || count > in.size()) return false;
            std::vector<AttributeValue> elements(count);
            for (auto& nested : elements)
                if (!readValue(in, nested, depth + 1)) return false;
            value = AttributeValue::list(std::move(elements));
            return true;
        }
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            if (!readVarint(in, count) || count > in.size()) return false;
            std::vector<std::string> members(count);
            for (auto& m : members)
                if (!readBytes(in, m)) return false;
            value = AttributeValue::set(type, std::move(members));
            return true;
        }
    }
    return false;
}

}  // namespace

void appendItemBinary(std::string& out, const Item& item) {
    size_t length = varintLength(item.size());
    for (const auto& [name, value] : item) length += bytesLength(name) + valueLength(value);
    const size_t start = out.size();
    out.resize(start + length);
    char* next = writeVarint(out.data() + start, item.size());
    for (const auto& [name, value] : item) next = writeValue(writeBytes(next, name), value);
}

std::string encodeItemBinary(const Item& item) {
    std::string out;
    appendItemBinary(out, item);
    return out;
}

Result<Item> decodeItemBinary(std::string_view bytes) {
    uint64_t count = 0;
    if (!readVarint(bytes, count) || count > bytes.size())
        return corruptionError("Corrupt item record in storage");
    Item item;
    for (uint64_t i = 0; i < count; ++i) {
        std::string name;
        AttributeValue value;
        if (!readBytes(bytes, name) || !readValue(bytes, value, 0))
            return corruptionError("Corrupt item record in storage");
        item.emplace_hint(item.end(), std::move(name), std::move(value));
    }
    if (!bytes.empty()) return corruptionError("Corrupt item record in storage");
    return item;
}

}  // namespace shardscape
