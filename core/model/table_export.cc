#include "model/table_export.h"

#include <cctype>
#include <set>

#include "model/yaml_writer.h"

namespace shardscape {

namespace {

OrderedJson keySchema(const std::string& partitionKey, const std::optional<std::string>& sortKey) {
    OrderedJson schema = OrderedJson::array();
    schema.push_back({{"AttributeName", partitionKey}, {"KeyType", "HASH"}});
    if (sortKey) schema.push_back({{"AttributeName", *sortKey}, {"KeyType", "RANGE"}});
    return schema;
}

OrderedJson projection(const ModelProjection& p) {
    OrderedJson j = {{"ProjectionType", p.type}};
    if (!p.nonKeyAttributes.empty()) j["NonKeyAttributes"] = p.nonKeyAttributes;
    return j;
}

OrderedJson throughput(int64_t read, int64_t write) {
    return {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}};
}

// The table's properties in the shape CreateTable and AWS::DynamoDB::Table share.
OrderedJson tableProperties(const ModelTable& table) {
    OrderedJson j = {{"TableName", table.name}};
    j["AttributeDefinitions"] = OrderedJson::array();
    for (const auto& d : table.attributeDefinitions)
        j["AttributeDefinitions"].push_back({{"AttributeName", d.name}, {"AttributeType", d.type}});
    j["KeySchema"] = keySchema(table.partitionKey, table.sortKey);
    j["BillingMode"] = table.billingMode;
    const bool provisioned = table.billingMode == "PROVISIONED";
    if (provisioned)
        j["ProvisionedThroughput"] = throughput(table.readCapacityUnits, table.writeCapacityUnits);
    if (!table.globalSecondaryIndexes.empty()) {
        j["GlobalSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : table.globalSecondaryIndexes) {
            OrderedJson index = {{"IndexName", i.name},
                                 {"KeySchema", keySchema(i.partitionKey, i.sortKey)},
                                 {"Projection", projection(i.projection)}};
            if (provisioned)
                index["ProvisionedThroughput"] =
                    throughput(i.readCapacityUnits, i.writeCapacityUnits);
            j["GlobalSecondaryIndexes"].push_back(std::move(index));
        }
    }
    if (!table.localSecondaryIndexes.empty()) {
        j["LocalSecondaryIndexes"] = OrderedJson::array();
        for (const auto& i : table.localSecondaryIndexes)
            j["LocalSecondaryIndexes"].push_back(
                {{"IndexName", i.name},
                 {"KeySchema", keySchema(i.partitionKey, i.sortKey)},
                 {"Projection", projection(i.projection)}});
    }
    return j;
}

}  // namespace

OrderedJson createTableRequest(const ModelTable& table) {
    return tableProperties(table);
}

std::string cloudFormationLogicalId(const std::string& tableName) {
    std::string id;
    bool upper = true;
    for (unsigned char c : tableName) {
        if (std::isalnum(c)) {
            id.push_back(static_cast<char>(upper ? std::toupper(c) : c));
            upper = false;
        } else {
            upper = true;
        }
    }
    std::string out;
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) out.push_back('T');
    out.append(id).append("Table");
    return out;
}

std::string cloudFormationTemplate(const Model& model) {
    OrderedJson root = {{"AWSTemplateFormatVersion", "2010-09-09"}};
    std::string description = model.name.empty() ? "DynamoDB tables" : model.name;
    description.append(" (exported by Shardscape)");
    root["Description"] = description;
    root["Resources"] = OrderedJson::object();
    std::set<std::string> used;
    for (const auto& table : model.tables) {
        std::string id = cloudFormationLogicalId(table.name);
        for (int n = 2; !used.insert(id).second; ++n) {
            id = cloudFormationLogicalId(table.name);
            id.append(std::to_string(n));
        }
        OrderedJson properties = tableProperties(table);
        if (table.ttlAttribute)
            properties["TimeToLiveSpecification"] = {{"AttributeName", *table.ttlAttribute},
                                                     {"Enabled", true}};
        root["Resources"][id] = {{"Type", "AWS::DynamoDB::Table"}, {"Properties", properties}};
    }
    return toYaml(root);
}

}  // namespace shardscape
