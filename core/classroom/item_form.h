#pragma once
// The item editor's form view of an item: one row per attribute (name, type, value text),
// and back. Converting a row goes through the DynamoDB JSON codec, so a bad value gets
// DynamoDB's own message.
//
// Value text per type:
//   S  the text            N  the number            B  base64
//   BOOL  true or false    NULL  ignored (empty)
//   L  a JSON array of DynamoDB JSON values: [{"S":"a"},{"N":"1"}]
//   M  a JSON object of DynamoDB JSON values: {"city":{"S":"Oslo"}}
//   SS/NS/BS  a JSON array of strings: ["a","b"] (NS members as strings or numbers)

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "schema/table_definition.h"
#include "values/attribute_json.h"

namespace shardscape {

struct ItemFormRow {
    std::string name;
    std::string type;  // "S", "N", ..., "NULL"
    std::string text;
};

// The ten type names in the order the editor offers them.
const std::vector<std::string>& itemFormTypes();

// `item` as rows: the table's key attributes first (when `table` is given), then the others
// by name.
std::vector<ItemFormRow> itemFormRows(const Item& item, const TableDefinition* table = nullptr);
std::string itemFormText(const AttributeValue& value);
Result<AttributeValue> itemFormValue(const std::string& type, const std::string& text);

// The rows as an item, or the first row at fault (`row` -1 when the fault is not one row's).
struct ItemFormError {
    int row = -1;
    std::string message;
};
struct ItemFormResult {
    std::optional<Item> item;
    ItemFormError error;
};
ItemFormResult itemFromFormRows(const std::vector<ItemFormRow>& rows);

// What PutItem would reject about `item` in `table` before writing it: missing keys, key type
// mismatches, empty key strings, index key types, the 400 KB limit.
Status checkItemForTable(const TableDefinition& table, const Item& item);
// Editing an existing item keeps its key (as UpdateItem does).
Status checkKeyUnchanged(const TableDefinition& table, const Item& original, const Item& edited);

}  // namespace shardscape
