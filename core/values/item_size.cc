#include "values/item_size.h"

#include "values/number.h"

namespace shardscape {

namespace {
size_t numberSize(const std::string& canonical) {
    return Number::storageSizeOfText(canonical);
}
}  // namespace

size_t attributeValueSize(const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
        case ValueType::B:
            return value.scalar().size();
        case ValueType::N:
            return numberSize(value.scalar());
        case ValueType::BOOL:
        case ValueType::NUL:
            return 1;
        case ValueType::SS:
        case ValueType::BS: {
            size_t total = 0;
            for (const auto& m : value.setMembers()) total += m.size();
            return total;
        }
        case ValueType::NS: {
            size_t total = 0;
            for (const auto& m : value.setMembers()) total += numberSize(m);
            return total;
        }
        case ValueType::M: {
            size_t total = 3;
            for (const auto& [name, nested] : value.mapMembers())
                total += 1 + name.size() + attributeValueSize(nested);
            return total;
        }
        case ValueType::L: {
            size_t total = 3;
            for (const auto& nested : value.listElements()) total += 1 + attributeValueSize(nested);
            return total;
        }
    }
    return 0;
}

size_t itemSize(const Item& item) {
    size_t total = 0;
    for (const auto& [name, value] : item) total += name.size() + attributeValueSize(value);
    return total;
}

Result<size_t> checkedItemSize(const Item& item) {
    const size_t size = itemSize(item);
    if (size > kMaxItemSizeBytes)
        return validationError("Item size has exceeded the maximum allowed size");
    return size;
}

}  // namespace shardscape
