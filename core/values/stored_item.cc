#include "values/stored_item.h"

#include "values/item_binary.h"

namespace shardscape {

Result<StoredItem> StoredItem::fromRecord(std::string record) {
    StoredItem stored;
    std::string_view view(record);
    uint64_t size = 0;
    if (!readVarint(view, size)) return corruptionError("Corrupt item record in storage");
    stored.size_ = static_cast<size_t>(size);
    stored.bodyOffset_ = record.size() - view.size();
    stored.record_ = std::move(record);
    return stored;
}

Result<size_t> StoredItem::sizeOfRecord(std::string_view record) {
    uint64_t size = 0;
    if (!readVarint(record, size)) return corruptionError("Corrupt item record in storage");
    return static_cast<size_t>(size);
}

StoredItem StoredItem::fromItem(const Item& item, size_t size) {
    StoredItem stored;
    encode(item, size, stored.record_);
    stored.bodyOffset_ = prefixLength(size);
    stored.size_ = size;
    return stored;
}

void StoredItem::encode(const Item& item, size_t size, std::string& out) {
    out.clear();
    appendVarint(out, size);  // appendItemBinary then grows `out` once, to the exact length
    appendItemBinary(out, item);
}

size_t StoredItem::prefixLength(size_t size) {
    return varintLength(size);
}

Result<Item> StoredItem::decode() const {
    return decodeItemBinary(body());
}

}  // namespace shardscape
