#include "api/index_requests.h"

#include <algorithm>
#include <set>

#include "capacity/capacity_rules.h"

namespace shardscape {

namespace {

constexpr int64_t kMaxCapacityUnits = 1000000000000;  // DynamoDB's "out of bounds" limit
constexpr size_t kMaxLocalIndexes = 5;
constexpr size_t kMaxGlobalIndexes = 20;
constexpr size_t kMaxProjectedAttributes = 100;  // NonKeyAttributes over all indexes

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

Error invalid(const std::string& message) {
    return validationError("One or more parameter values were invalid: " + message);
}

}  // namespace

ThroughputInput readThroughput(RequestReader& reader, const Json* parent, const std::string& path) {
    ThroughputInput t;
    const Json* throughput = nullptr;
    if (parent) {
        auto it = parent->find("ProvisionedThroughput");
        if (it != parent->end() && it->is_object()) throughput = &*it;
    } else {
        throughput = reader.object("ProvisionedThroughput");
    }
    if (!throughput) return t;
    t.present = true;
    t.read = reader.integerIn(throughput, "ReadCapacityUnits");
    t.write = reader.integerIn(throughput, "WriteCapacityUnits");
    reader.notNull(t.read.has_value(), path + ".readCapacityUnits");
    reader.notNull(t.write.has_value(), path + ".writeCapacityUnits");
    reader.atLeast(t.read, path + ".readCapacityUnits", 1);
    reader.atLeast(t.write, path + ".writeCapacityUnits", 1);
    return t;
}

Status checkThroughputBounds(const ThroughputInput& t) {
    if (t.read && *t.read > kMaxCapacityUnits)
        return validationError("Given value " + std::to_string(*t.read) +
                               " for ReadCapacityUnits is out of bounds");
    if (t.write && *t.write > kMaxCapacityUnits)
        return validationError("Given value " + std::to_string(*t.write) +
                               " for WriteCapacityUnits is out of bounds");
    return {};
}

Status checkTableQuota(const ThroughputInput& t, const std::string& index) {
    if (t.read && static_cast<double>(*t.read) > rules::kDefaultTableMaxReadUnits)
        return rules::tableQuotaExceeded(true, static_cast<double>(*t.read),
                                         rules::kDefaultTableMaxReadUnits, index);
    if (t.write && static_cast<double>(*t.write) > rules::kDefaultTableMaxWriteUnits)
        return rules::tableQuotaExceeded(false, static_cast<double>(*t.write),
                                         rules::kDefaultTableMaxWriteUnits, index);
    return {};
}

std::vector<KeyElementInput> readKeyElements(RequestReader& reader, const Json* list,
                                             const char* typeMember, const std::string& path,
                                             bool checkKeyType) {
    std::vector<KeyElementInput> out;
    if (!list || !list->is_array()) return out;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json& element = (*list)[i];
        std::string at = path;
        at.append(".").append(std::to_string(i + 1)).append(".member");
        KeyElementInput e;
        if (!element.is_object()) {
            reader.notNull(false, at);
        } else {
            e.name = reader.stringIn(&element, "AttributeName");
            e.type = reader.stringIn(&element, typeMember);
            reader.notNull(e.name.has_value(), at + ".attributeName");
            reader.lengthBetween(e.name, at + ".attributeName", 1, 255);
            const std::string typePath =
                at + (std::string(typeMember) == "KeyType" ? ".keyType" : ".attributeType");
            reader.notNull(e.type.has_value(), typePath);
            if (checkKeyType)
                reader.oneOf(e.type, typePath, {"HASH", "RANGE"});
            else if (std::string(typeMember) == "AttributeType")
                reader.oneOf(e.type, typePath, {"B", "N", "S"});
        }
        out.push_back(e);
    }
    return out;
}

IndexInput readIndexInput(RequestReader& reader, const Json& element, const std::string& path,
                          bool global) {
    IndexInput index;
    index.name = reader.stringIn(&element, "IndexName");
    reader.notNull(index.name.has_value(), path + ".indexName");
    reader.tableName(index.name, path + ".indexName", false);
    auto keySchema = element.find("KeySchema");
    const Json* keys = keySchema != element.end() && keySchema->is_array() ? &*keySchema : nullptr;
    reader.notNull(keys != nullptr, path + ".keySchema");
    index.keys = readKeyElements(reader, keys, "KeyType", path + ".keySchema", false);
    if (keys && keys->empty())
        reader.constraint("'[]'", path + ".keySchema",
                          "Member must have length greater than or equal to 1");
    if (keys && keys->size() > 2)
        reader.constraint(RequestReader::quoted(keys->dump()), path + ".keySchema",
                          "Member must have length less than or equal to 2");
    auto projection = element.find("Projection");
    index.hasProjection = projection != element.end() && projection->is_object();
    reader.notNull(index.hasProjection, path + ".projection");
    if (index.hasProjection) {
        index.projectionType = reader.stringIn(&*projection, "ProjectionType");
        reader.oneOf(index.projectionType, path + ".projection.projectionType",
                     {"ALL", "INCLUDE", "KEYS_ONLY"});
        auto nonKey = projection->find("NonKeyAttributes");
        if (nonKey != projection->end() && !nonKey->is_null()) {
            if (!nonKey->is_array()) {
                reader.constraint(RequestReader::quoted(nonKey->dump()),
                                  path + ".projection.nonKeyAttributes",
                                  "Member must be a list of strings");
            } else {
                std::vector<std::string> names;
                for (const auto& n : *nonKey)
                    if (n.is_string()) names.push_back(n.get<std::string>());
                if (names.empty())
                    reader.constraint("'[]'", path + ".projection.nonKeyAttributes",
                                      "Member must have length greater than or equal to 1");
                index.nonKeyAttributes = std::move(names);
            }
        }
    }
    if (global) {
        index.throughput = readThroughput(reader, &element, path + ".provisionedThroughput");
        auto onDemand = element.find("OnDemandThroughput");
        if (onDemand != element.end() && onDemand->is_object()) {
            index.onDemandPresent = true;
            index.maxRead = reader.integerIn(&*onDemand, "MaxReadRequestUnits");
            index.maxWrite = reader.integerIn(&*onDemand, "MaxWriteRequestUnits");
        }
    }
    return index;
}

std::vector<IndexInput> readIndexList(RequestReader& reader, const Json& request,
                                      const char* member, bool global) {
    std::vector<IndexInput> out;
    const Json* list = reader.array(member);
    if (!list) return out;
    const std::string path = lowerFirst(member);
    for (size_t i = 0; i < list->size(); ++i) {
        std::string at = path;
        at.append(".").append(std::to_string(i + 1)).append(".member");
        if (!(*list)[i].is_object()) {
            reader.notNull(false, at);
            continue;
        }
        out.push_back(readIndexInput(reader, (*list)[i], at, global));
    }
    (void)request;
    return out;
}

Result<IndexDefinition> buildIndex(const IndexInput& input, bool global,
                                   const std::vector<AttributeDefinition>& definitions,
                                   bool payPerRequest,
                                   const std::optional<std::string>& tablePartitionKey) {
    std::vector<std::string> defined, keyNames;
    for (const auto& d : definitions) defined.push_back(d.name);
    for (const auto& k : input.keys) keyNames.push_back(*k.name);
    for (const auto& k : keyNames)
        if (std::find(defined.begin(), defined.end(), k) == defined.end())
            return invalid(
                "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                joinNames(keyNames) + "], AttributeDefinitions: [" + joinNames(defined) + "]");
    if (keyNames.size() == 2 && keyNames[0] == keyNames[1])
        return validationError(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    if (*input.keys[0].type != "HASH")
        return validationError(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (input.keys.size() == 2 && *input.keys[1].type != "RANGE")
        return validationError(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (!global && input.keys.size() != 2)
        return invalid("Index KeySchema does not have a range key for index: " + *input.name);
    // A local index shares the table's partition key; DynamoDB checks that before the
    // projection.
    if (!global && tablePartitionKey && keyNames[0] != *tablePartitionKey)
        return invalid(
            "Index KeySchema does not have the same leading hash key as table KeySchema for "
            "index: " +
            *input.name + ". index hash key: " + keyNames[0] +
            ", table hash key: " + *tablePartitionKey);
    if (!input.projectionType) return invalid("Unknown ProjectionType: null");
    if (input.nonKeyAttributes && *input.projectionType != "INCLUDE")
        return invalid("ProjectionType is " + *input.projectionType +
                       ", but NonKeyAttributes is specified");
    if (global && payPerRequest && input.throughput.present)
        return invalid("ProvisionedThroughput should not be specified for index: " + *input.name +
                       " when BillingMode is PAY_PER_REQUEST");
    if (global && !payPerRequest && !input.throughput.present)
        return invalid("ProvisionedThroughput must be specified for index: " + *input.name);
    SHARDSCAPE_TRY(checkThroughputBounds(input.throughput));
    if (global) SHARDSCAPE_TRY(checkTableQuota(input.throughput, *input.name));
    // OnDemandThroughput of an index: as the table's (table_throughput_options.h), the index
    // named in the messages. The wording for the mode and the range is the table's with
    // "for index : <name>" (our assumption; the quota message is DynamoDB's).
    if (global && input.onDemandPresent && (input.maxRead || input.maxWrite)) {
        const char* member = input.maxRead ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
        if (!payPerRequest)
            return invalid(std::string(member) +
                           " for OnDemandThroughput for index : " + *input.name +
                           " cannot be specified when table BillingMode is "
                           "PROVISIONED.");
        for (int d = 0; d < 2; ++d) {
            const std::optional<int64_t>& value = d == 0 ? input.maxRead : input.maxWrite;
            if (!value) continue;
            if (*value < 1)
                return invalid(std::string("Requested ") +
                               (d == 0 ? "MaxReadRequestUnits" : "MaxWriteRequestUnits") +
                               " for OnDemandThroughput for index : " + *input.name +
                               " is outside of valid range");
            const double quota =
                d == 0 ? rules::kDefaultTableMaxReadUnits : rules::kDefaultTableMaxWriteUnits;
            if (static_cast<double>(*value) > quota)
                return rules::onDemandMaximumAboveQuota(d == 0, *input.name);
        }
    }

    auto typeOf = [&](const std::string& attribute) {
        for (const auto& d : definitions)
            if (d.name == attribute) return d.type;
        return ValueType::S;
    };
    IndexDefinition index;
    index.name = *input.name;
    index.global = global;
    index.partitionKey = {keyNames[0], typeOf(keyNames[0])};
    if (keyNames.size() == 2) index.sortKey = KeyAttribute{keyNames[1], typeOf(keyNames[1])};
    index.projectionType = *input.projectionType == "KEYS_ONLY" ? ProjectionType::KeysOnly
                           : *input.projectionType == "INCLUDE" ? ProjectionType::Include
                                                                : ProjectionType::All;
    if (input.nonKeyAttributes) index.nonKeyAttributes = *input.nonKeyAttributes;
    if (global && input.throughput.present) {
        index.readCapacityUnits = *input.throughput.read;
        index.writeCapacityUnits = *input.throughput.write;
    }
    if (global && input.maxRead) index.maxReadRequestUnits = *input.maxRead;
    if (global && input.maxWrite) index.maxWriteRequestUnits = *input.maxWrite;
    return index;
}

Result<std::vector<IndexDefinition>> buildIndexes(
    const TableDefinition& table, const std::optional<std::vector<IndexInput>>& local,
    const std::optional<std::vector<IndexInput>>& global) {
    const bool payPerRequest = table.billingMode == BillingMode::PayPerRequest;
    std::vector<IndexDefinition> out;
    std::set<std::string> names;
    if (local) {
        if (local->empty()) return invalid("List of LocalSecondaryIndexes is empty");
        if (!table.sortKey)
            return invalid(
                "Table KeySchema does not have a range key, which is required when specifying a "
                "LocalSecondaryIndex");
        for (const auto& input : *local) {
            auto index = buildIndex(input, false, table.attributeDefinitions, payPerRequest,
                                    table.partitionKey.name);
            if (!index) return index.error();
            if (!names.insert(index->name).second)
                return invalid("Duplicate index name: " + index->name);
            out.push_back(std::move(index).value());
        }
        if (local->size() > kMaxLocalIndexes)
            return invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }
    if (global) {
        if (global->empty()) return invalid("List of GlobalSecondaryIndexes is empty");
        for (const auto& input : *global) {
            auto index = buildIndex(input, true, table.attributeDefinitions, payPerRequest);
            if (!index) return index.error();
            if (!names.insert(index->name).second)
                return invalid("Duplicate index name: " + index->name);
            out.push_back(std::move(index).value());
        }
        if (global->size() > kMaxGlobalIndexes)
            return invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }
    // Global indexes first: DynamoDB checks item attributes against them before local ones.
    std::stable_partition(out.begin(), out.end(),
                          [](const IndexDefinition& i) { return i.global; });
    size_t projected = 0;
    for (const auto& index : out) projected += index.nonKeyAttributes.size();
    if (projected > kMaxProjectedAttributes)
        return invalid(
            "The sum of NonKeyAttributes across all secondary indexes exceeds the limit of 100");

    // Every attribute definition must be a key of the table or of an index.
    std::vector<std::string> used = {table.partitionKey.name};
    if (table.sortKey) used.push_back(table.sortKey->name);
    for (const auto& index : out)
        for (const KeyAttribute* key :
             {&index.partitionKey, index.sortKey ? &*index.sortKey : nullptr})
            if (key && std::find(used.begin(), used.end(), key->name) == used.end())
                used.push_back(key->name);
    std::vector<std::string> defined;
    for (const auto& d : table.attributeDefinitions) defined.push_back(d.name);
    if (defined.size() != used.size())
        return invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" +
                       joinNames(defined) + "], keys used: [" + joinNames(used) + "]");
    return out;
}

}  // namespace shardscape
