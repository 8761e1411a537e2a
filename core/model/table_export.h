#pragma once
// A model's tables in the forms other tools take:
// - the CreateTable request body (what `aws dynamodb create-table --cli-input-json` reads, and
//   what Shardscape's own engine is given through dispatch);
// - an AWS CloudFormation template (YAML) with one AWS::DynamoDB::Table per table.
//
// CreateTable has no TTL parameter (it is UpdateTimeToLive's), so the request leaves the TTL
// attribute out; the CloudFormation template carries it as TimeToLiveSpecification.

#include <string>

#include "model/model.h"
#include "values/attribute_json.h"

namespace shardscape {

OrderedJson createTableRequest(const ModelTable& table);
std::string cloudFormationTemplate(const Model& model);

// The CloudFormation logical id for a table: its letters and digits, then "Table"
// ("order-items" -> "OrderitemsTable"); made unique with a number if two collide.
std::string cloudFormationLogicalId(const std::string& tableName);

}  // namespace shardscape
