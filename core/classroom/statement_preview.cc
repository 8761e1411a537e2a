#include "classroom/statement_preview.h"

#include <sstream>

#include "capacity/capacity_explanation.h"

namespace shardscape {

namespace {

std::string keyNames(const KeyAttribute& partition, const std::optional<KeyAttribute>& sort) {
    return sort ? partition.name + ", " + sort->name : partition.name;
}

}  // namespace

Result<StatementPreview> previewStatement(const std::string& statement, const Json& parameters,
                                          const TableLookup& findTable) {
    auto parsed = partiql::parseStatement(statement, parameters);
    if (!parsed) return parsed.error();
    if (parsed->kind == partiql::Statement::Kind::Exists)
        return validationError("EXISTS can only be used in ExecuteTransaction write requests.");
    auto table = findTable(parsed->table);
    if (!table) return Error{ErrorType::ResourceNotFound, "Requested resource not found"};
    auto translation = partiql::translateStatement(*parsed, *table);
    if (!translation) return translation.error();

    StatementPreview out;
    out.operation = translation->operation;
    out.table = table->name;
    out.request = translation->request;
    out.scan = out.operation == "Scan";
    out.projected = !parsed->projection.empty();
    out.filtered = out.request.contains("FilterExpression") || !translation->postFilter.empty();
    const IndexDefinition* index = parsed->index ? table->findIndex(*parsed->index) : nullptr;
    const KeyAttribute& partition = index ? index->partitionKey : table->partitionKey;
    const std::string source = index ? "index " + index->name : "table " + table->name;
    out.partitions = translation->partitions.size();
    if (out.partitions > 0) {
        out.reason = "the WHERE names " + std::to_string(out.partitions) + " value" +
                     (out.partitions == 1 ? "" : "s") + " of the partition key " + partition.name +
                     " of the " + source + " (IN or OR): one " + out.operation +
                     " per value, results in pages of up to " +
                     std::to_string(partiql::kPartitionChoicePageItems) + " items";
    } else if (out.operation == "GetItem") {
        out.reason = "the WHERE fixes the whole primary key (" +
                     keyNames(table->partitionKey, table->sortKey) + ") and nothing else";
    } else if (out.operation == "Query") {
        out.reason = "the WHERE fixes the partition key " + partition.name + " of the " + source;
        if (out.filtered) out.reason += "; the other conditions filter what the Query reads";
    } else if (out.operation == "Scan") {
        out.reason = "the WHERE does not fix the partition key " + partition.name + " of the " +
                     source + " with =";
        if (!parsed->where) out.reason = "the statement has no WHERE";
    } else if (out.operation == "PutItem") {
        out.reason = "INSERT writes one new item (its key must not exist)";
    } else if (out.operation == "UpdateItem") {
        out.reason = "UPDATE changes the one item its WHERE names (it must exist)";
    } else {
        out.reason = "DELETE removes the one item its WHERE names";
    }
    return out;
}

std::string scanWarning(const StatementPreview& preview) {
    if (!preview.scan) return {};
    const std::string where = preview.request.contains("IndexName")
                                  ? "index " + preview.request["IndexName"].get<std::string>()
                                  : "table " + preview.table;
    return "This statement becomes a Scan: it reads, and is charged for, every item of the " +
           where + ", whatever the WHERE keeps. Fix the partition key with = to make it a Query.";
}

std::string explainStatementCost(const StatementPreview& preview, const Json& response) {
    if (preview.partitions > 0) {
        // The reads of several partitions are charged one by one; the response has their sum.
        std::string out = "Runs as " + std::to_string(preview.partitions) + " × " +
                          preview.operation + " because " + preview.reason + ". Cost: ";
        if (!response.contains("ConsumedCapacity"))
            return out + "not reported (ReturnConsumedCapacity NONE).";
        const double units = response["ConsumedCapacity"].value("CapacityUnits", 0.0);
        std::ostringstream figure;
        figure << units;
        return out + figure.str() + " RCU in all on this page, the sum of each " +
               preview.operation + "'s own charge.";
    }
    std::string out = "Runs as " + preview.operation + " because " + preview.reason + ". Cost: ";
    Json equivalent = Json::object();
    if (response.contains("ConsumedCapacity"))
        equivalent["ConsumedCapacity"] = response["ConsumedCapacity"];
    const Json items = response.value("Items", Json::array());
    Json request = preview.request;
    // An empty ProjectionExpression tells the explanation that the items it is given are not
    // the bytes that were read.
    if (preview.projected || preview.filtered) request["ProjectionExpression"] = "";
    if (preview.operation == "GetItem") {
        if (!items.empty()) equivalent["Item"] = items[0];
        return out + explainConsumedCapacity("GetItem", request, equivalent);
    }
    if (preview.operation == "Query" || preview.operation == "Scan") {
        // ExecuteStatement reports no ScannedCount: the returned items count what was read
        // only when nothing was filtered out.
        equivalent["Items"] = items;
        equivalent["ScannedCount"] = items.size();
        std::string explained = explainConsumedCapacity(preview.operation, request, equivalent);
        if (preview.filtered) {
            const size_t comma = explained.find(", ");
            if (comma != std::string::npos) explained = explained.substr(comma + 2);
        }
        return out + explained;
    }
    return out + explainConsumedCapacity(preview.operation, preview.request, equivalent);
}

std::vector<std::string> partiqlVocabulary() {
    return {"SELECT",
            "FROM",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "BETWEEN",
            "IN",
            "IS MISSING",
            "IS NOT MISSING",
            "INSERT INTO",
            "VALUE",
            "UPDATE",
            "SET",
            "REMOVE",
            "DELETE FROM",
            "RETURNING ALL NEW *",
            "RETURNING ALL OLD *",
            "RETURNING MODIFIED NEW *",
            "RETURNING MODIFIED OLD *",
            "begins_with",
            "contains",
            "attribute_exists",
            "attribute_not_exists",
            "attribute_type",
            "size",
            "list_append",
            "set_add",
            "set_delete",
            "ORDER BY",
            "ASC",
            "DESC",
            "MISSING",
            "TRUE",
            "FALSE",
            "NULL"};
}

}  // namespace shardscape
