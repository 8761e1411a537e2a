#include "expressions/legacy_updates.h"

#include "storage/engine.h"

namespace shardscape {

namespace {

Error invalidParameter(const std::string& detail) {
    return validationError("One or more parameter values were invalid: " + detail);
}

bool isSet(ValueType type) {
    return type == ValueType::SS || type == ValueType::NS || type == ValueType::BS;
}

Operand pathOperand(const std::string& attribute) {
    Operand operand;
    operand.kind = Operand::Kind::Path;
    operand.path = DocumentPath{PathElement{false, attribute, 0}};
    return operand;
}

Operand valueOperand(AttributeValue value) {
    Operand operand;
    operand.kind = Operand::Kind::Value;
    operand.value = std::move(value);
    return operand;
}

}  // namespace

Result<std::vector<AttributeUpdate>> parseAttributeUpdates(const Json& updates) {
    std::vector<AttributeUpdate> out;
    if (!updates.is_object()) return serializationError("Unexpected field type");
    for (const auto& [attribute, entry] : updates.items()) {
        if (!entry.is_object()) return serializationError("Unexpected value type in payload");
        AttributeUpdate update;
        update.attribute = attribute;
        auto action = entry.find("Action");
        const std::string actionName =
            action != entry.end() && action->is_string() ? action->get<std::string>() : "";
        if (actionName == "ADD")
            update.action = AttributeUpdate::Action::Add;
        else if (actionName == "DELETE")
            update.action = AttributeUpdate::Action::Delete;
        else if (!actionName.empty() && actionName != "PUT")
            update.action = AttributeUpdate::Action::Ignored;
        auto value = entry.find("Value");
        if (value != entry.end() && !value->is_null()) {
            auto parsed = attributeValueFromJson(*value);
            if (!parsed) return parsed.error();
            update.value = std::move(parsed).value();
        }
        if (!update.value && update.action != AttributeUpdate::Action::Delete)
            return invalidParameter(
                "Only DELETE action is allowed when no attribute value is specified");
        if (update.value) {
            const ValueType type = update.value->type();
            const std::string typeName(valueTypeName(type));
            if (update.action == AttributeUpdate::Action::Delete && !isSet(type))
                return invalidParameter("DELETE action with value is not supported for the type " +
                                        typeName);
            if (update.action == AttributeUpdate::Action::Add && !isSet(type) &&
                type != ValueType::N && type != ValueType::L)
                return invalidParameter("ADD action is not supported for the type " + typeName);
        }
        out.push_back(std::move(update));
    }
    return out;
}

Result<UpdatePlan> legacyUpdatePlan(const std::vector<AttributeUpdate>& updates,
                                    const TableDefinition& table) {
    auto updated = [&](const std::string& name) {
        for (const auto& u : updates)
            if (u.attribute == name) return true;
        return false;
    };
    for (const KeyAttribute* key : {&table.partitionKey, table.sortKey ? &*table.sortKey : nullptr})
        if (key && updated(key->name))
            return invalidParameter("Cannot update attribute " + key->name +
                                    ". This attribute is part of the key");
    Item given;
    for (const auto& u : updates)
        if (u.value) given.emplace(u.attribute, *u.value);
    SHARDSCAPE_TRY(Engine::validateIndexKeys(table, given));

    UpdatePlan plan;
    for (const auto& u : updates) {
        UpdateAction action;
        action.path = pathOperand(u.attribute).path;
        switch (u.action) {
            case AttributeUpdate::Action::Put:
                action.kind = UpdateAction::Kind::Set;
                action.value = valueOperand(*u.value);
                break;
            case AttributeUpdate::Action::Delete:
                action.kind = u.value ? UpdateAction::Kind::Delete : UpdateAction::Kind::Remove;
                if (u.value) action.value = valueOperand(*u.value);
                break;
            case AttributeUpdate::Action::Add:
                if (u.value->type() == ValueType::L) {
                    // The list appended to what is there: SET a = list_append(if_not_exists(a,
                    // []), value).
                    Operand existing;
                    existing.kind = Operand::Kind::IfNotExists;
                    existing.args = {pathOperand(u.attribute),
                                     valueOperand(AttributeValue::list({}))};
                    Operand appended;
                    appended.kind = Operand::Kind::ListAppend;
                    appended.args = {std::move(existing), valueOperand(*u.value)};
                    action.kind = UpdateAction::Kind::Set;
                    action.value = std::move(appended);
                } else {
                    action.kind = UpdateAction::Kind::Add;
                    action.value = valueOperand(*u.value);
                }
                break;
            case AttributeUpdate::Action::Ignored:
                continue;
        }
        plan.actions.push_back(std::move(action));
    }
    return plan;
}

Error legacyUpdateError(Error error) {
    if (error.type == ErrorType::Validation &&
        error.message == "An operand in the update expression has an incorrect data type")
        error.message = "Type mismatch for attribute to update";
    return error;
}

}  // namespace shardscape
