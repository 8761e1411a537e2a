#pragma once
// A DynamoDB request as code to copy: the AWS CLI command, a boto3 call and an AWS SDK for
// JavaScript v3 call that send exactly the same request.

#include <string>
#include <string_view>

#include "values/attribute_json.h"

namespace shardscape {

// `aws dynamodb put-item --table-name T --item '{...}' ...`: one --option per request member
// (kebab-case), JSON values shell-quoted. `endpoint` adds --endpoint-url when not empty.
std::string awsCliCommand(std::string_view operation, const Json& request,
                          std::string_view endpoint = {});
// A runnable Python snippet: boto3 client and `client.put_item(**request)`.
std::string boto3Snippet(std::string_view operation, const Json& request,
                         std::string_view endpoint = {});
// A runnable JavaScript (ESM) snippet with @aws-sdk/client-dynamodb's PutItemCommand.
std::string javascriptV3Snippet(std::string_view operation, const Json& request,
                                std::string_view endpoint = {});

// "PutItem" -> "put-item", "BatchGetItem" -> "batch-get-item".
std::string kebabCase(std::string_view name);
// "PutItem" -> "put_item".
std::string snakeCase(std::string_view name);

}  // namespace shardscape
