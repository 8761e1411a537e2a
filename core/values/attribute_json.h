#pragma once
// The DynamoDB JSON codec: {"S":"x"}, {"N":"1"}, {"B":"base64"}, {"M":{...}}, ... both ways.
//
// Decoding is strict and reports what DynamoDB reports: a SerializationException when a
// member has the wrong JSON type (checked for the whole value first, as DynamoDB's
// deserializer does), then a ValidationException for empty values, bad numbers, empty or
// duplicate sets and NULL:false.

#include "base/json.h"
#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {

Result<AttributeValue> attributeValueFromJson(const Json& json);
Json attributeValueToJson(const AttributeValue& value);

// An attribute map such as PutItem's Item or GetItem's Key.
Result<Item> itemFromJson(const Json& json);
Json itemToJson(const Item& item);

}  // namespace shardscape
