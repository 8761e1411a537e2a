#pragma once
// Item size by DynamoDB's documented rules; it drives the 400 KB item limit, the 1 MB page
// limit and all capacity-unit math.
//
// - An attribute costs the UTF-8 bytes of its name plus the size of its value.
// - S: UTF-8 bytes. B: raw bytes. BOOL and NULL: 1 byte.
// - N: one byte per two significant digits, plus one byte (see Number::storageSize).
// - SS/NS/BS: the sum of their members' sizes.
// - M and L: 3 bytes of overhead, plus 1 byte per element, plus the elements (and, for M,
//   the members' names).

#include <cstddef>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

size_t attributeValueSize(const AttributeValue& value);
size_t itemSize(const Item& item);

constexpr size_t kMaxItemSizeBytes = 400 * 1024;

// itemSize, or DynamoDB's ValidationException for an item over kMaxItemSizeBytes.
Result<size_t> checkedItemSize(const Item& item);

}  // namespace shardscape
