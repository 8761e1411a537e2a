#include "capacity/capacity_explanation.h"

#include <cmath>
#include <cstdio>
#include <optional>

#include "capacity/capacity.h"
#include "values/item_size.h"

namespace shardscape {

namespace {

std::string kilobytes(double bytes) {
    char buffer[32];
    const double kb = bytes / 1024.0;
    std::snprintf(buffer, sizeof buffer, kb < 10 && std::floor(kb) != kb ? "%.1f KB" : "%.0f KB",
                  kb);
    return buffer;
}

std::string units(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, std::floor(value) == value ? "%.0f" : "%.1f", value);
    return buffer;
}

std::string plural(long n, const char* word) {
    std::string out = std::to_string(n);
    out.append(" ").append(word);
    if (n != 1) out.append("s");
    return out;
}

bool isRead(std::string_view operation) {
    return operation == "GetItem" || operation == "Query" || operation == "Scan" ||
           operation == "BatchGetItem" || operation == "TransactGetItems";
}

// The secondary-index part of an INDEXES figure: " + 2 WCU on GSI byState".
std::string indexPart(const Json& capacity, const char* unit) {
    std::string out;
    for (const auto& [member, label] :
         {std::pair{"GlobalSecondaryIndexes", "GSI"}, std::pair{"LocalSecondaryIndexes", "LSI"}}) {
        if (!capacity.contains(member)) continue;
        for (auto it = capacity[member].begin(); it != capacity[member].end(); ++it)
            out += " + " + units(it.value().value("CapacityUnits", 0.0)) + " " + unit + " on " +
                   label + " " + it.key();
    }
    return out;
}

}  // namespace

std::string explainConsumedCapacity(std::string_view operation, const Json& request,
                                    const Json& response) {
    if (!response.contains("ConsumedCapacity") || !response["ConsumedCapacity"].is_object())
        return "No consumed capacity reported (ask with ReturnConsumedCapacity)";
    const Json& capacity = response["ConsumedCapacity"];
    const double total = capacity.value("CapacityUnits", 0.0);
    const double table =
        capacity.contains("Table") ? capacity["Table"].value("CapacityUnits", total) : total;

    if (!isRead(operation)) {
        const double tableUnits = capacity.contains("Table") ? table : total;
        std::string out =
            units(tableUnits) + " WCU on the table: the larger of the old and new item";
        out += tableUnits <= 1 ? " is at most 1 KB"
                               : " is " + units(tableUnits - 1) + "–" + units(tableUnits) +
                                     " KB, in 1 KB units";
        out += indexPart(capacity, "WCU");
        if (capacity.contains("Table") && total != tableUnits) out += " = " + units(total) + " WCU";
        return out;
    }

    const bool consistent = request.value("ConsistentRead", false);
    const double perUnit = consistent ? 1.0 : 0.5;
    long items = 0;
    if (operation == "GetItem")
        items = response.contains("Item") ? 1 : 0;
    else
        items = response.value("ScannedCount", 0L);
    const double indexUnits = capacity.contains("Table") ? total - table : 0;
    const double readUnits = capacity.contains("Table") && indexUnits > 0 ? indexUnits : total;
    const long blocks = std::lround(readUnits / perUnit);
    std::string out = plural(items, "item") + ", ";
    // The exact bytes read are the returned items' sizes when nothing was filtered out or
    // projected away.
    const bool exact = !request.contains("ProjectionExpression") &&
                       !request.contains("FilterExpression") && !request.contains("QueryFilter") &&
                       !request.contains("ScanFilter") && request.value("Select", "") != "COUNT" &&
                       !request.contains("IndexName") && !request.contains("AttributesToGet");
    std::optional<size_t> bytes;
    if (exact && operation == "GetItem") {
        bytes = 0;
        if (response.contains("Item"))
            if (auto item = itemFromJson(response["Item"])) bytes = itemSize(*item);
    } else if (exact && response.contains("Items")) {
        bytes = 0;
        for (const auto& entry : response["Items"])
            if (auto item = itemFromJson(entry)) *bytes += itemSize(*item);
    }
    if (bytes)
        out += kilobytes(static_cast<double>(*bytes)) + " read, rounded up to " +
               std::to_string(blocks * 4) + " KB = " + std::to_string(blocks) + " × 4 KB";
    else
        out += "at most " + std::to_string(blocks * 4) + " KB read (" + std::to_string(blocks) +
               " × 4 KB)";
    out += consistent ? ", strongly consistent" : ", eventually consistent (half)";
    out += " → " + units(total) + " RCU";
    if (capacity.contains("Table") && indexUnits > 0) {
        out += " on the index";
        if (table > 0) out += " + " + units(table) + " RCU fetching table items";
    }
    return out;
}

}  // namespace shardscape
