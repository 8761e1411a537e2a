#include "classroom/request_walkthrough.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "base/base64.h"
#include "capacity/capacity.h"
#include "capacity/capacity_model.h"
#include "capacity/capacity_rules.h"
#include "storage/storage_layout.h"

namespace shardscape {

namespace {

// "1234567" -> "1,234,567" (digits only).
std::string withCommas(const std::string& digits) {
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

// 1234567.5 -> "1,234,567.5" (at most one decimal, none when whole).
std::string grouped(double value) {
    char buffer[64];
    const double rounded = std::round(value * 10) / 10;
    std::snprintf(buffer, sizeof buffer, "%.1f", std::fabs(rounded));
    const std::string text = buffer;
    const size_t point = text.find('.');
    std::string out = rounded < 0 ? "-" : "";
    out.append(withCommas(text.substr(0, point)));
    if (text.compare(point, 2, ".0") != 0) out.append(text, point, std::string::npos);
    return out;
}

std::string bytesText(size_t bytes) {
    std::string out = grouped(static_cast<double>(bytes)) + (bytes == 1 ? " byte" : " bytes");
    if (bytes >= 1024) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, " (%.1f KB)", static_cast<double>(bytes) / 1024.0);
        out += buffer;
    }
    return out;
}

std::string percent(double share) {
    char buffer[32];
    const double p = share * 100;
    std::snprintf(buffer, sizeof buffer, p >= 10 || p == std::floor(p) ? "%.0f %%" : "%.2g %%", p);
    return buffer;
}

std::string countOf(size_t n, const char* word) {
    std::string out = grouped(static_cast<double>(n));
    out.append(" ").append(word);
    if (n != 1) out.append("s");
    return out;
}

std::string ordinal(int n) {
    const int lastTwo = n % 100;
    const char* suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        if (n % 10 == 1) suffix = "st";
        if (n % 10 == 2) suffix = "nd";
        if (n % 10 == 3) suffix = "rd";
    }
    return std::to_string(n) + suffix;
}

bool isReadOperation(const std::string& operation) {
    return operation == "GetItem" || operation == "Query";
}

std::string keyText(const std::string& name, const AttributeValue& value) {
    return name + " = " + keyValueText(value);
}

WalkthroughStep keyStep(const WalkthroughFacts& f) {
    WalkthroughStep step{"key", "Key", "", "", "", ""};
    const TableDefinition& t = f.table;
    step.value = keyText(t.partitionKey.name, f.partitionKey);
    if (f.sortKey && t.sortKey) step.value += ", " + keyText(t.sortKey->name, *f.sortKey);
    if (f.operation == "Query" && !f.sortKeyCondition.empty())
        step.value += " AND " + f.sortKeyCondition;
    const std::string pk = t.partitionKey.name + " (partition key)";
    if (f.operation == "Query") {
        step.detail =
            "A Query reads one item collection of " + t.name + ": the items whose partition key " +
            pk + " is this value" +
            (f.sortKeyCondition.empty() ? "" : ", narrowed by the condition on the sort key") +
            ". Only the partition key decides where they live.";
    } else {
        step.detail = f.operation + " names one item of " + t.name + " by its primary key" +
                      (t.sortKey ? ": the partition key and the sort key " + t.sortKey->name +
                                       ". The sort key orders the items that share a partition "
                                       "key; only the partition key decides where the item lives."
                                 : ", here just the partition key, which also decides where the "
                                   "item lives.");
    }
    step.rule =
        "Every item is identified by its primary key. Items with the same partition key value "
        "are stored together, in sort key order.";
    step.source = "AWS Developer Guide, HowItWorks.CoreComponents (Primary key)";
    return step;
}

WalkthroughStep hashStep(const WalkthroughFacts& f, uint64_t hash) {
    WalkthroughStep step{"hash", "Hash", hashText(hash), "", "", ""};
    step.detail = "The partition key value " + keyValueText(f.partitionKey) +
                  " goes through a 64-bit hash function. Nearby values land far apart, so "
                  "keys spread over the whole hash space. DynamoDB's own function is internal "
                  "and undocumented: Shardscape uses its own, so the figure differs from AWS's "
                  "but behaves the same way.";
    step.rule =
        "DynamoDB uses the value of the partition key as input to an internal hash function. "
        "The output value from the hash function determines the partition in which the item "
        "will be stored.";
    step.source = "AWS Developer Guide, HowItWorks.Partitions";
    return step;
}

WalkthroughStep partitionStep(const WalkthroughFacts& f, const PartitionMap& map, int index) {
    const PartitionRange& range = map[index];
    WalkthroughStep step{"partition", "Partition", "", "", "", ""};
    step.value = "Partition " + std::to_string(index + 1) + " of " + std::to_string(map.size()) +
                 "\nhashes " + hashText(range.first) + " – " + hashText(range.last);
    const double gigabytes = static_cast<double>(f.stats.sizeBytes) / (1024.0 * 1024 * 1024);
    char size[48];
    std::snprintf(size, sizeof size, gigabytes < 0.01 ? "%.2g GB" : "%.2f GB", gigabytes);
    std::string why;
    if (f.table.billingMode == BillingMode::PayPerRequest) {
        why = "On demand, " + f.table.name + " starts with enough partitions for 12,000 RCU or " +
              "4,000 WCU: 4,000 / 1,000 = 4 by throughput, and ceil(" + size +
              " / 10 GB) by size; the larger wins";
    } else {
        why = f.table.name + " is provisioned with " +
              grouped(static_cast<double>(f.table.readCapacityUnits)) + " RCU and " +
              grouped(static_cast<double>(f.table.writeCapacityUnits)) + " WCU: ceil(" +
              grouped(static_cast<double>(f.table.readCapacityUnits)) + " / 3,000 + " +
              grouped(static_cast<double>(f.table.writeCapacityUnits)) + " / 1,000) = " +
              std::to_string(rules::initialPartitionCount(
                  static_cast<double>(f.table.readCapacityUnits),
                  static_cast<double>(f.table.writeCapacityUnits), 0)) +
              " partition(s) by throughput and ceil(" + size + " / 10 GB) by size; the larger wins";
    }
    step.detail = why + ", " + std::to_string(map.size()) + ". Each holds an equal range of the " +
                  "hash space (" + percent(range.fraction()) + "); " + hashText(range.first) +
                  " ≤ hash ≤ " + hashText(range.last) + ", so the request goes to the " +
                  ordinal(index + 1) +
                  " partition. Splits for size or heat can add partitions later.";
    step.rule =
        "A partition serves at most 3,000 RCU or 1,000 WCU and holds at most 10 GB. A table "
        "starts with ceil(RCU / 3,000 + WCU / 1,000) partitions for its throughput or "
        "ceil(size / 10 GB) for its data, whichever is larger.";
    step.source =
        "AWS Developer Guide, HowItWorks.Partitions and bp-partition-key-design; the "
        "partition-count formula of its former \"Understand Partition Behavior\" section";
    return step;
}

WalkthroughStep itemsStep(const WalkthroughFacts& f, size_t& bytes) {
    WalkthroughStep step{"items", "", "", "", "", ""};
    if (isReadOperation(f.operation)) {
        step.title = "Items read";
        bytes = 0;
        for (size_t size : f.itemSizes) bytes += size;
        if (f.itemSizes.empty()) {
            step.value = f.operation == "GetItem" ? "No item with this key: 0 bytes read"
                                                  : "No items match: 0 bytes read";
        } else {
            step.value = countOf(f.itemSizes.size(), "item") + ", " + bytesText(bytes);
        }
        if (f.operation == "GetItem") {
            step.detail = f.itemSizes.empty()
                              ? "The table has no item with this key; DynamoDB still charges "
                                "the smallest read."
                              : "The item's size is the sum of its attribute names and values.";
        } else {
            std::string sizes;
            const size_t shown = std::min<size_t>(f.itemSizes.size(), 8);
            for (size_t i = 0; i < shown; ++i)
                sizes += (i ? ", " : "") + grouped(static_cast<double>(f.itemSizes[i]));
            if (f.itemSizes.size() > shown) sizes += ", …";
            step.detail = "The Query reads the matching items in sort key order" +
                          (sizes.empty() ? std::string(".") : " (sizes in bytes: " + sizes + ").") +
                          " Capacity counts every item read, before any FilterExpression "
                          "drops some, and one request reads at most 1 MB.";
        }
        step.rule =
            "The size of an item is the sum of the lengths of its attribute names and values. "
            "A Query is charged for the total size of all the items it reads, not per item.";
        step.source =
            "AWS Developer Guide, CapacityUnitCalculations (item sizes) and "
            "read-write-operations (Query)";
        return step;
    }
    step.title = "Item written";
    const size_t oldBytes = f.oldItemBytes.value_or(0);
    const size_t newBytes = f.newItemBytes.value_or(0);
    bytes = std::max(oldBytes, newBytes);
    if (f.operation == "DeleteItem") {
        step.value = f.oldItemBytes ? "Deletes an item of " + bytesText(oldBytes)
                                    : "No item with this key: nothing to delete";
        step.detail = "A delete is charged for the size of the item it deletes.";
    } else {
        step.value = "New item " + bytesText(newBytes) +
                     (f.oldItemBytes ? ", replacing " + bytesText(oldBytes) : ", a new key");
        step.detail = f.oldItemBytes ? "The write is charged for the larger of the item before "
                                       "and after it: " +
                                           bytesText(bytes) + "."
                                     : "There is no item before the write: it is charged for "
                                       "the new item.";
    }
    step.rule =
        "The size of an item is the sum of the lengths of its attribute names and values. "
        "PutItem and UpdateItem are charged for the larger of the item before and after the "
        "write; DeleteItem for the deleted item.";
    step.source =
        "AWS Developer Guide, CapacityUnitCalculations (item sizes) and read-write-operations "
        "(Capacity unit consumption for write operations)";
    return step;
}

WalkthroughStep unitsStep(const WalkthroughFacts& f, size_t bytes, double& units) {
    const bool read = isReadOperation(f.operation);
    const size_t unitBytes = read ? kReadUnitBytes : kWriteUnitBytes;
    const size_t blocks = std::max<size_t>(1, (bytes + unitBytes - 1) / unitBytes);
    const char* unitName = read ? "RCU" : "WCU";
    const int unitKb = read ? 4 : 1;
    WalkthroughStep step{"units", "Units consumed", "", "", "", ""};
    double factor = 1;
    std::string factorText;
    if (f.transactional) {
        factor = kTransactionalFactor;
        factorText = " × 2 (transactional)";
    } else if (read && !f.consistentRead) {
        factor = 0.5;
        factorText = " × ½ (eventually consistent)";
    } else if (read) {
        factorText = " × 1 (strongly consistent)";
    }
    units = static_cast<double>(blocks) * factor;
    step.value = grouped(units) + " " + unitName;
    step.detail = bytesText(bytes) + " rounded up to " + std::to_string(blocks * unitKb) +
                  " KB = " + std::to_string(blocks) + " × " + std::to_string(unitKb) + " KB" +
                  (bytes == 0 ? " (never less than one unit)" : "") + " → " +
                  std::to_string(blocks) + " " + unitName + factorText + " = " + grouped(units) +
                  " " + unitName + " per request.";
    if (!read) step.detail += " Secondary indexes, if the write changes them, cost more.";
    step.rule = read ? "One read capacity unit is one strongly consistent read per second of "
                       "an item up to 4 KB; an eventually consistent read costs half, a "
                       "transactional read twice. Sizes are rounded up to the next 4 KB."
                     : "One write capacity unit is one write per second of an item up to 1 KB; "
                       "a transactional write costs twice. Sizes are rounded up to the next "
                       "1 KB.";
    step.source = read ? "AWS Developer Guide, read-write-operations (Capacity unit consumption "
                         "for read operations)"
                       : "AWS Developer Guide, read-write-operations (Capacity unit consumption "
                         "for write operations)";
    return step;
}

WalkthroughStep throttlingStep(const WalkthroughFacts& f, CapacityModel& model, int index,
                               Walkthrough& out) {
    const bool read = out.isRead;
    const char* unitName = read ? "RCU" : "WCU";
    const double partitionMax =
        read ? rules::kPartitionMaxReadUnits : rules::kPartitionMaxWriteUnits;
    const bool onDemand = f.table.billingMode == BillingMode::PayPerRequest;
    std::vector<PartitionLoad> loads(model.partitions().size());
    out.demand = f.requestsPerSecond * out.units;
    (read ? loads[index].readDemand : loads[index].writeDemand) = out.demand;
    model.settle(0, loads);
    out.served = read ? loads[index].readServed : loads[index].writeServed;
    out.throttled = out.served < out.demand - 1e-6;

    const double tableUnits =
        onDemand
            ? (read ? rules::kOnDemandInitialReadUnits : rules::kOnDemandInitialWriteUnits)
            : static_cast<double>(read ? f.table.readCapacityUnits : f.table.writeCapacityUnits);
    // What one hot partition can serve: its maximum, and never more than the whole table.
    const double limit = std::min(partitionMax, tableUnits);

    WalkthroughStep step{"throttling", "Throttled?", "", "", "", ""};
    const std::string exception =
        onDemand ? "ThrottlingException" : "ProvisionedThroughputExceededException";
    if (out.throttled) {
        // The limit that binds: the partition's maximum (on demand, always: the table's
        // initial capacity is four partitions' worth), else the table's capacity.
        const ThrottleKind kind =
            onDemand || (out.demand > partitionMax && tableUnits >= partitionMax)
                ? ThrottleKind::HotPartition
                : ThrottleKind::TableCapacity;
        out.throttleKind = kind;
        out.throttlingReason =
            rules::throttlingReason(false, read,
                                    kind == ThrottleKind::HotPartition
                                        ? rules::ThrottleLimit::KeyRangeThroughputExceeded
                                        : rules::ThrottleLimit::ProvisionedThroughputExceeded);
        const double share = 1 - out.served / out.demand;
        step.value = "Throttled: " + grouped(out.demand) + " " + unitName + "/s asked, " +
                     grouped(out.served) + " served\n" + percent(share) +
                     " of the requests are throttled\nReason: " + out.throttlingReason + " (" +
                     throttleKindName(kind) + ")";
    } else {
        step.value = "Not throttled: " + grouped(out.demand) + " " + unitName +
                     "/s asked, within the " + grouped(limit) + " " + unitName +
                     "/s this partition can serve";
    }
    std::string detail = grouped(f.requestsPerSecond) + " requests/s × " + grouped(out.units) +
                         " " + unitName + " = " + grouped(out.demand) + " " + unitName +
                         "/s on the " + ordinal(index + 1) + " partition. ";
    if (onDemand) {
        detail += "A new on-demand table serves " + grouped(tableUnits) + " " + unitName +
                  " (later twice its previous peak); one partition at most " +
                  grouped(partitionMax) + ".";
    } else {
        const double share = tableUnits * model.partitions()[index].fraction();
        detail += "The table has " + grouped(tableUnits) + " " + unitName + " (" + grouped(share) +
                  " per partition); adaptive capacity lends a hot partition the unused rest, up "
                  "to the partition maximum of " +
                  grouped(partitionMax) + ".";
    }
    if (out.throttled) {
        detail += " Throttled requests fail with " + exception + ".";
        detail += std::string(" ") + throttleKindAdvice(*out.throttleKind);
    }
    detail += " (A sustained rate: burst capacity only delays throttling.)";
    step.detail = detail;
    step.rule = onDemand ? "A partition serves up to 3,000 read or 1,000 write request units per "
                           "second. New on-demand tables sustain up to 12,000 reads or 4,000 "
                           "writes per second, and double their previous peak."
                         : "A single partition can support a maximum of 3,000 RCU or 1,000 WCU. "
                           "Adaptive capacity keeps hot partitions going provided that traffic "
                           "does not exceed the table's total provisioned capacity or the "
                           "partition maximum.";
    step.source = onDemand ? "AWS Developer Guide, bp-partition-key-design and "
                             "on-demand-capacity-mode (Initial throughput)"
                           : "AWS Developer Guide, bp-partition-key-design and "
                             "burst-adaptive-capacity";
    return step;
}

}  // namespace

std::string keyValueText(const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
            return "\"" + value.scalar() + "\"";
        case ValueType::N:
            return value.scalar();
        case ValueType::B:
            return "base64 " + base64Encode(value.scalar());
        default:
            return "(not a key value)";
    }
}

std::string hashText(uint64_t hash) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "0x%016" PRIx64, hash);
    return buffer;
}

Walkthrough walkThrough(const WalkthroughFacts& facts) {
    Walkthrough out;
    out.isRead = isReadOperation(facts.operation);
    out.hash = layout::partitionHash(facts.partitionKey);

    CapacitySettings settings;
    settings.mode = facts.table.billingMode;
    settings.readUnits = static_cast<double>(facts.table.readCapacityUnits);
    settings.writeUnits = static_cast<double>(facts.table.writeCapacityUnits);
    settings.sizeBytes = static_cast<double>(facts.stats.sizeBytes);
    settings.burst = false;  // a sustained rate: burst only postpones throttling
    settings.adaptive = true;
    CapacityModel model(settings);
    const PartitionMap& map = model.partitions();
    const int index = map.indexOf(out.hash);
    out.partitionIndex = index;
    out.partitionCount = map.size();
    out.partitionFirst = map[index].first;
    out.partitionLast = map[index].last;

    out.steps.push_back(keyStep(facts));
    out.steps.push_back(hashStep(facts, out.hash));
    out.steps.push_back(partitionStep(facts, map, index));
    out.steps.push_back(itemsStep(facts, out.bytes));
    out.steps.push_back(unitsStep(facts, out.bytes, out.units));
    out.steps.push_back(throttlingStep(facts, model, index, out));
    return out;
}

std::vector<AppliedRule> appliedRules(const Walkthrough& walkthrough) {
    std::vector<AppliedRule> out;
    for (const WalkthroughStep& step : walkthrough.steps) {
        std::string rule = step.title;
        rule.append(": ");
        rule.append(step.rule);
        out.push_back({std::move(rule), step.value.substr(0, step.value.find('\n')), step.source});
    }
    return out;
}

}  // namespace shardscape
