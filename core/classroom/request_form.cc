#include "classroom/request_form.h"

#include "base/base64.h"
#include "values/number.h"

namespace shardscape {

namespace {

Result<Json> keyValue(const KeyAttribute& key, const std::string& text, const char* field) {
    if (key.type == ValueType::N) {
        if (!Number::parse(text))
            return validationError(std::string(field) + ": '" + text + "' is not a number");
        return Json{{"N", text}};
    }
    if (key.type == ValueType::B) {
        if (!base64Decode(text))
            return validationError(std::string(field) + ": '" + text + "' is not base64");
        return Json{{"B", text}};
    }
    return Json{{"S", text}};
}

Result<Json> jsonObject(const std::string& text, const char* field) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Json::object();
    Json parsed = Json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return validationError(std::string(field) + ": not a JSON object");
    return parsed;
}

bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

Result<Json> buildRequest(const TableDefinition& table, const RequestForm& form) {
    Json request = {{"TableName", form.table}, {"ReturnConsumedCapacity", "INDEXES"}};
    auto names = jsonObject(form.namesJson, "Names");
    if (!names) return names.error();
    auto values = jsonObject(form.valuesJson, "Values");
    if (!values) return values.error();

    KeyAttribute partitionKey = table.partitionKey;
    std::optional<KeyAttribute> sortKey = table.sortKey;
    const bool reads = form.operation == "Query" || form.operation == "Scan";
    if (reads && !form.index.empty()) {
        const IndexDefinition* index = table.findIndex(form.index);
        if (!index) return validationError("Index: " + form.table + " has no index " + form.index);
        request["IndexName"] = form.index;
        partitionKey = index->partitionKey;
        sortKey = index->sortKey;
    }

    // The item's key for GetItem, UpdateItem and DeleteItem.
    auto itemKey = [&]() -> Result<Json> {
        Json key = Json::object();
        auto pk = keyValue(partitionKey, form.partitionKey, "Partition key");
        if (!pk) return pk.error();
        key[partitionKey.name] = *pk;
        if (sortKey) {
            auto sk = keyValue(*sortKey, form.sortKey, "Sort key");
            if (!sk) return sk.error();
            key[sortKey->name] = *sk;
        }
        return key;
    };

    if (form.operation == "Query") {
        auto pk = keyValue(partitionKey, form.partitionKey, "Partition key");
        if (!pk) return pk.error();
        (*names)["#pk"] = partitionKey.name;
        (*values)[":pk"] = *pk;
        std::string condition = "#pk = :pk";
        if (!form.sortKeyOperator.empty()) {
            if (!sortKey) return validationError("Sort key: the key schema has no sort key");
            auto sk = keyValue(*sortKey, form.sortKey, "Sort key");
            if (!sk) return sk.error();
            (*names)["#sk"] = sortKey->name;
            (*values)[":sk"] = *sk;
            const std::string& op = form.sortKeyOperator;
            if (op == "BETWEEN") {
                auto upper = keyValue(*sortKey, form.sortKeyUpper, "Sort key (upper)");
                if (!upper) return upper.error();
                (*values)[":sk2"] = *upper;
                condition += " AND #sk BETWEEN :sk AND :sk2";
            } else if (op == "begins_with") {
                condition += " AND begins_with(#sk, :sk)";
            } else if (op == "=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
                condition += " AND #sk " + op + " :sk";
            } else {
                return validationError("Sort key: unknown operator " + op);
            }
        }
        request["KeyConditionExpression"] = condition;
        if (!form.scanForward) request["ScanIndexForward"] = false;
    } else if (form.operation == "GetItem" || form.operation == "DeleteItem" ||
               form.operation == "UpdateItem") {
        auto key = itemKey();
        if (!key) return key.error();
        request["Key"] = *key;
    } else if (form.operation == "PutItem") {
        Json item = Json::parse(form.itemJson, nullptr, false);
        if (item.is_discarded() || !item.is_object())
            return validationError("Item: not a JSON object in DynamoDB JSON");
        request["Item"] = item;
    } else if (form.operation != "Scan") {
        return validationError("Operation: unknown operation " + form.operation);
    }

    auto set = [&](const char* member, const std::string& text) {
        if (!blank(text)) request[member] = text;
    };
    if (reads) {
        set("FilterExpression", form.filterExpression);
        if (form.limit > 0) request["Limit"] = form.limit;
        if (form.exclusiveStartKey) request["ExclusiveStartKey"] = *form.exclusiveStartKey;
    }
    if (reads || form.operation == "GetItem") {
        set("ProjectionExpression", form.projectionExpression);
        if (form.consistentRead) request["ConsistentRead"] = true;
    }
    if (form.operation == "PutItem" || form.operation == "UpdateItem" ||
        form.operation == "DeleteItem")
        set("ConditionExpression", form.conditionExpression);
    if (form.operation == "UpdateItem") set("UpdateExpression", form.updateExpression);
    if (!names->empty()) request["ExpressionAttributeNames"] = *names;
    // GetItem's only expression (a projection) takes no values.
    if (!values->empty() && form.operation != "GetItem")
        request["ExpressionAttributeValues"] = *values;
    return request;
}

}  // namespace shardscape
