#include "classroom/item_form.h"

#include "storage/engine.h"
#include "values/item_size.h"

namespace shardscape {

const std::vector<std::string>& itemFormTypes() {
    static const std::vector<std::string> types = {"S", "N", "B",  "BOOL", "NULL",
                                                   "L", "M", "SS", "NS",   "BS"};
    return types;
}

std::string itemFormText(const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
            return value.scalar();
        case ValueType::BOOL:
            return value.boolValue() ? "true" : "false";
        case ValueType::NUL:
            return {};
        default:
            break;
    }
    // B, L, M and the sets: the member of their DynamoDB JSON.
    const Json json = attributeValueToJson(value);
    const Json& member = json.begin().value();
    return member.is_string() ? member.get<std::string>() : member.dump();
}

std::vector<ItemFormRow> itemFormRows(const Item& item, const TableDefinition* table) {
    std::vector<ItemFormRow> rows;
    auto add = [&](const std::string& name, const AttributeValue& value) {
        rows.push_back({name, std::string(valueTypeName(value.type())), itemFormText(value)});
    };
    if (table) {
        if (auto it = item.find(table->partitionKey.name); it != item.end())
            add(it->first, it->second);
        if (table->sortKey)
            if (auto it = item.find(table->sortKey->name); it != item.end())
                add(it->first, it->second);
    }
    for (const auto& [name, value] : item)
        if (!table || !table->isKeyAttribute(name)) add(name, value);
    return rows;
}

Result<AttributeValue> itemFormValue(const std::string& type, const std::string& text) {
    Json member;
    if (type == "S" || type == "N" || type == "B") {
        member = text;
    } else if (type == "BOOL") {
        if (text != "true" && text != "false")
            return serializationError("A BOOL value must be true or false, not '" + text + "'");
        member = text == "true";
    } else if (type == "NULL") {
        member = true;
    } else if (type == "L" || type == "M" || type == "SS" || type == "NS" || type == "BS") {
        member = Json::parse(text, nullptr, false);
        if (member.is_discarded())
            return serializationError(
                "The " + type + " value is not valid JSON" +
                (type == "M"   ? " (expected an object such as {\"a\":{\"S\":\"x\"}})"
                 : type == "L" ? " (expected an array such as [{\"S\":\"x\"}])"
                               : " (expected an array such as [\"a\",\"b\"])"));
        // NS members may be written as JSON numbers; DynamoDB JSON wants strings.
        if (type == "NS" && member.is_array())
            for (auto& element : member)
                if (element.is_number()) element = element.dump();
    } else {
        return validationError("Unknown attribute value type " + type);
    }
    return attributeValueFromJson(Json{{type, member}});
}

ItemFormResult itemFromFormRows(const std::vector<ItemFormRow>& rows) {
    ItemFormResult result;
    Item item;
    for (size_t i = 0; i < rows.size(); ++i) {
        const ItemFormRow& row = rows[i];
        const int index = static_cast<int>(i);
        if (row.name.empty()) {
            result.error = {index, "An attribute name must not be empty"};
            return result;
        }
        auto value = itemFormValue(row.type, row.text);
        if (!value) {
            result.error = {index, row.name + ": " + value.error().message};
            return result;
        }
        if (!item.emplace(row.name, std::move(value).value()).second) {
            result.error = {index, "Duplicate attribute name " + row.name};
            return result;
        }
    }
    result.item = std::move(item);
    return result;
}

Status checkItemForTable(const TableDefinition& table, const Item& item) {
    SHARDSCAPE_TRY(Engine::validateItemKeys(table, item));
    SHARDSCAPE_TRY(Engine::validateIndexKeys(table, item));
    if (auto size = checkedItemSize(item); !size) return size.error();
    return {};
}

Status checkKeyUnchanged(const TableDefinition& table, const Item& original, const Item& edited) {
    auto same = [&](const std::string& name) {
        auto a = original.find(name), b = edited.find(name);
        return a != original.end() && b != edited.end() && a->second == b->second;
    };
    for (const std::string* name :
         {&table.partitionKey.name, table.sortKey ? &table.sortKey->name : nullptr}) {
        if (name && !same(*name))
            return validationError(
                "One or more parameter values were invalid: Cannot update "
                "attribute " +
                *name + ". This attribute is part of the key");
    }
    return {};
}

}  // namespace shardscape
