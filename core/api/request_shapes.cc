// The request shapes of the operations, member by member in the order of DynamoDB's service
// model (which is the order its deserialization and validation errors come in). Types and
// constraints are DynamoDB's (API reference, and the answers DynamoDB gives).
#include <map>

#include "api/request_shape.h"

namespace shardscape {

namespace {

const std::vector<std::string> kComparisonOperators = {
    "IN",       "NULL", "BETWEEN", "LT",          "NOT_CONTAINS", "EQ",      "GT",
    "NOT_NULL", "NE",   "LE",      "BEGINS_WITH", "GE",           "CONTAINS"};

Shape enumShape(std::vector<std::string> allowed) {
    Shape shape = stringShape();
    shape.oneOf(std::move(allowed));
    return shape;
}

Shape returnConsumedCapacity() {
    return enumShape({"INDEXES", "TOTAL", "NONE"});
}
Shape returnItemCollectionMetrics() {
    return enumShape({"SIZE", "NONE"});
}
Shape returnValues() {
    return enumShape({"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"});
}
// Added to the model after the members above, so it comes last in their errors.
Shape returnValuesOnConditionCheckFailure() {
    return enumShape({"ALL_OLD", "NONE"});
}
Shape conditionalOperator() {
    return enumShape({"OR", "AND"});
}
Shape select() {
    return enumShape(
        {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
}

Shape tableNameMember() {
    Shape shape = nameShape();
    shape.constraints.insert(shape.constraints.begin(), Constraint{Constraint::Kind::NotNull});
    return shape;
}

// TableName of the table operations: required, its length checked before anything else.
Shape requiredTableName() {
    Shape shape = stringShape();
    shape.isRequired().isTableName().namePattern();
    return shape;
}

Shape requiredAttributeMap() {
    Shape shape = attributeMap();
    shape.notNull();
    return shape;
}

Shape attributeNames() {
    return mapOf("java.lang.String", stringShape());
}

Shape attributesToGet() {
    Shape shape = listOf(stringShape());
    shape.lengthAtLeast(1).lengthAtMost(255);
    return shape;
}

Shape expected() {
    return mapOf("ExpectedAttributeValue",
                 valueStruct("ExpectedAttributeValue",
                             {{"AttributeValueList", listOf(attributeValue())},
                              {"ComparisonOperator", enumShape(kComparisonOperators)},
                              {"Exists", booleanShape()},
                              {"Value", attributeValue(true)}}));
}

Shape comparisonOperator() {
    Shape shape = stringShape();
    shape.notNull().oneOf(kComparisonOperators);
    return shape;
}

// QueryFilter and ScanFilter list AttributeValueList first; KeyConditions the operator.
Shape conditions(bool operatorFirst) {
    Members members = {{"AttributeValueList", listOf(attributeValue())},
                       {"ComparisonOperator", comparisonOperator()}};
    if (operatorFirst) std::swap(members[0], members[1]);
    return mapOf("Condition", valueStruct("Condition", std::move(members)));
}

Shape limit() {
    Shape shape = integerShape();
    shape.atLeast(1);
    return shape;
}

Shape indexName() {
    return nameShape();
}

Shape requiredIndexName() {
    Shape shape = nameShape();
    shape.constraints.insert(shape.constraints.begin(), Constraint{Constraint::Kind::NotNull});
    return shape;
}

Shape throughput(bool required) {
    Shape units = longShape();
    units.notNull().atLeast(1);
    Shape shape = fieldStruct("ProvisionedThroughput",
                              {{"WriteCapacityUnits", units}, {"ReadCapacityUnits", units}});
    if (required) shape.notNull();
    return shape;
}

Shape keySchema(bool checkKeyType) {
    Shape keyType = stringShape();
    keyType.notNull();
    if (checkKeyType) keyType.oneOf({"HASH", "RANGE"});
    Shape attributeName = stringShape();
    attributeName.notNull();
    Shape shape = listOf(
        valueStruct("KeySchemaElement", {{"AttributeName", attributeName}, {"KeyType", keyType}}));
    shape.notNull().lengthAtLeast(1).lengthAtMost(2);
    return shape;
}

Shape projection() {
    Shape nonKey = listOf(stringShape());
    nonKey.lengthAtLeast(1);
    Shape shape =
        fieldStruct("Projection", {{"ProjectionType", enumShape({"ALL", "INCLUDE", "KEYS_ONLY"})},
                                   {"NonKeyAttributes", nonKey}});
    shape.notNull();
    return shape;
}

Members getItem() {
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"AttributesToGet", attributesToGet()},
            {"TableName", tableNameMember()},
            {"Key", requiredAttributeMap()},
            {"ConsistentRead", booleanShape()},
            {"ProjectionExpression", stringShape()},
            {"ExpressionAttributeNames", attributeNames()}};
}

Members putItem() {
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"TableName", tableNameMember()},
            {"Item", requiredAttributeMap()},
            {"ConditionalOperator", conditionalOperator()},
            {"Expected", expected()},
            {"ReturnValues", returnValues()},
            {"ReturnItemCollectionMetrics", returnItemCollectionMetrics()},
            {"ConditionExpression", stringShape()},
            {"ExpressionAttributeValues", attributeMap()},
            {"ExpressionAttributeNames", attributeNames()},
            {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}};
}

Members deleteItem() {
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"TableName", tableNameMember()},
            {"ReturnValues", returnValues()},
            {"ReturnItemCollectionMetrics", returnItemCollectionMetrics()},
            {"Key", requiredAttributeMap()},
            {"ConditionalOperator", conditionalOperator()},
            {"Expected", expected()},
            {"ConditionExpression", stringShape()},
            {"ExpressionAttributeValues", attributeMap()},
            {"ExpressionAttributeNames", attributeNames()},
            {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}};
}

Members updateItem() {
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"TableName", tableNameMember()},
            {"ReturnItemCollectionMetrics", returnItemCollectionMetrics()},
            {"ReturnValues", returnValues()},
            {"Key", requiredAttributeMap()},
            {"ConditionalOperator", conditionalOperator()},
            {"Expected", expected()},
            {"AttributeUpdates",
             mapOf("AttributeValueUpdate",
                   valueStruct("AttributeValueUpdate",
                               {{"Action", stringShape()}, {"Value", attributeValue(true)}}))},
            {"ConditionExpression", stringShape()},
            {"UpdateExpression", stringShape()},
            {"ExpressionAttributeValues", attributeMap()},
            {"ExpressionAttributeNames", attributeNames()},
            {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}};
}

Members query() {
    return {{"Select", select()},
            {"IndexName", indexName()},
            {"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"QueryFilter", conditions(false)},
            {"TableName", tableNameMember()},
            {"ConditionalOperator", conditionalOperator()},
            {"AttributesToGet", attributesToGet()},
            {"Limit", limit()},
            {"KeyConditions", conditions(true)},
            {"ExclusiveStartKey", attributeMap()},
            {"ConsistentRead", booleanShape()},
            {"ScanIndexForward", booleanShape()},
            {"KeyConditionExpression", stringShape()},
            {"FilterExpression", stringShape()},
            {"ProjectionExpression", stringShape()},
            {"ExpressionAttributeValues", attributeMap()},
            {"ExpressionAttributeNames", attributeNames()}};
}

Members scan() {
    Shape totalSegments = integerShape();
    totalSegments.atLeast(1).atMost(1000000);
    Shape segment = integerShape();
    segment.atLeast(0).atMost(999999);
    return {{"Select", select()},
            {"IndexName", indexName()},
            {"TotalSegments", totalSegments},
            {"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"TableName", tableNameMember()},
            {"ConditionalOperator", conditionalOperator()},
            {"ScanFilter", conditions(false)},
            {"Segment", segment},
            {"Limit", limit()},
            {"AttributesToGet", attributesToGet()},
            {"ExclusiveStartKey", attributeMap()},
            {"ConsistentRead", booleanShape()},
            {"FilterExpression", stringShape()},
            {"ProjectionExpression", stringShape()},
            {"ExpressionAttributeValues", attributeMap()},
            {"ExpressionAttributeNames", attributeNames()}};
}

Members batchGetItem() {
    Shape keys = listOf(parameterizedMapOf(attributeValue()));
    keys.notNull().lengthAtLeast(1).lengthAtMost(100);
    Shape requestItems =
        mapOf("KeysAndAttributes",
              valueStruct("KeysAndAttributes", {{"Keys", keys},
                                                {"AttributesToGet", attributesToGet()},
                                                {"ConsistentRead", booleanShape()},
                                                {"ProjectionExpression", stringShape()},
                                                {"ExpressionAttributeNames", attributeNames()}}));
    requestItems.notNull().lengthAtLeast(1).keys(tableNameKeys());
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()}, {"RequestItems", requestItems}};
}

Members batchWriteItem() {
    Shape writeRequest = valueStruct(
        "WriteRequest",
        {{"DeleteRequest", fieldStruct("DeleteRequest", {{"Key", requiredAttributeMap()}})},
         {"PutRequest", fieldStruct("PutRequest", {{"Item", requiredAttributeMap()}})}});
    Shape requestItems = mapOf("java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>",
                               parameterizedListOf(writeRequest));
    requestItems.notNull().lengthAtLeast(1).keys(tableNameKeys()).valuesLength(1, 25);
    return {{"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"ReturnItemCollectionMetrics", returnItemCollectionMetrics()},
            {"RequestItems", requestItems}};
}

// AWS's enum order in its messages: "[OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]".
Shape streamSpecification() {
    Shape enabled = booleanShape();
    enabled.notNull();
    return fieldStruct("StreamSpecification",
                       {{"StreamEnabled", enabled},
                        {"StreamViewType", enumShape({"OLD_IMAGE", "KEYS_ONLY",
                                                      "NEW_AND_OLD_IMAGES", "NEW_IMAGE"})}});
}

Members createTable() {
    Shape attributeName = stringShape();
    attributeName.notNull();
    Shape attributeType = stringShape();
    attributeType.notNull().oneOf({"B", "N", "S"});
    Shape definitions =
        listOf(valueStruct("AttributeDefinition",
                           {{"AttributeName", attributeName}, {"AttributeType", attributeType}}));
    definitions.notNull();
    return {
        {"AttributeDefinitions", definitions},
        {"TableName", requiredTableName()},
        {"BillingMode", enumShape({"PROVISIONED", "PAY_PER_REQUEST"})},
        {"ProvisionedThroughput", throughput(false)},
        {"KeySchema", keySchema(true)},
        {"LocalSecondaryIndexes",
         listOf(valueStruct("LocalSecondaryIndex", {{"IndexName", requiredIndexName()},
                                                    {"KeySchema", keySchema(false)},
                                                    {"Projection", projection()}}))},
        {"GlobalSecondaryIndexes",
         listOf(
             valueStruct("GlobalSecondaryIndex", {{"IndexName", requiredIndexName()},
                                                  {"KeySchema", keySchema(false)},
                                                  {"Projection", projection()},
                                                  {"ProvisionedThroughput", throughput(false)}}))},
        {"StreamSpecification", streamSpecification()},
        {"Tags", listOf(valueStruct("Tag", {{"Key", stringShape()}, {"Value", stringShape()}}))},
    };
}

Members updateTable() {
    Shape update = fieldStruct(
        "UpdateGlobalSecondaryIndexAction",
        {{"IndexName", requiredIndexName()}, {"ProvisionedThroughput", throughput(true)}});
    Shape create = fieldStruct("CreateGlobalSecondaryIndexAction",
                               {{"Projection", projection()},
                                {"IndexName", requiredIndexName()},
                                {"ProvisionedThroughput", throughput(false)},
                                {"KeySchema", keySchema(false)}});
    Shape remove =
        fieldStruct("DeleteGlobalSecondaryIndexAction", {{"IndexName", requiredIndexName()}});
    return {{"TableName", requiredTableName()},
            {"ProvisionedThroughput", throughput(false)},
            {"BillingMode", enumShape({"PROVISIONED", "PAY_PER_REQUEST"})},
            {"GlobalSecondaryIndexUpdates",
             listOf(valueStruct("GlobalSecondaryIndexUpdate",
                                {{"Update", update}, {"Create", create}, {"Delete", remove}}))},
            {"StreamSpecification", streamSpecification()}};
}

Members tableOnly() {
    return {{"TableName", requiredTableName()}};
}

Members listTables() {
    Shape limit = integerShape();
    limit.atLeast(1).atMost(100);
    return {{"Limit", limit}, {"ExclusiveStartTableName", nameShape()}};
}

Members tagResource() {
    return {
        {"ResourceArn", stringShape()},
        {"Tags", listOf(valueStruct("Tag", {{"Key", stringShape()}, {"Value", stringShape()}}))}};
}

Members untagResource() {
    return {{"ResourceArn", stringShape()}, {"TagKeys", listOf(stringShape())}};
}

Members listTagsOfResource() {
    return {{"ResourceArn", stringShape()}, {"NextToken", stringShape()}};
}

Shape statement() {
    Shape shape = stringShape();
    shape.notNull().lengthAtLeast(1).lengthAtMost(8192);
    return shape;
}

Shape parameters() {
    Shape shape = listOf(attributeValue());
    shape.lengthAtLeast(1);
    return shape;
}

Members executeStatement() {
    Shape nextToken = stringShape();
    nextToken.lengthAtLeast(1).lengthAtMost(32768);
    return {{"Statement", statement()},
            {"Parameters", parameters()},
            {"ConsistentRead", booleanShape()},
            {"NextToken", nextToken},
            {"ReturnConsumedCapacity", returnConsumedCapacity()},
            {"Limit", limit()},
            {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}};
}

Members batchExecuteStatement() {
    Shape statements = listOf(valueStruct(
        "BatchStatementRequest",
        {{"Statement", statement()},
         {"Parameters", parameters()},
         {"ConsistentRead", booleanShape()},
         {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}}));
    statements.notNull().lengthAtLeast(1).lengthAtMost(25);
    return {{"Statements", statements}, {"ReturnConsumedCapacity", returnConsumedCapacity()}};
}

Members executeTransaction() {
    Shape statements = listOf(valueStruct(
        "ParameterizedStatement",
        {{"Statement", statement()},
         {"Parameters", parameters()},
         {"ReturnValuesOnConditionCheckFailure", returnValuesOnConditionCheckFailure()}}));
    statements.notNull().lengthAtLeast(1).lengthAtMost(100);
    Shape token = stringShape();
    token.lengthAtLeast(1).lengthAtMost(36);
    return {{"TransactStatements", statements},
            {"ClientRequestToken", token},
            {"ReturnConsumedCapacity", returnConsumedCapacity()}};
}

// DynamoDB Streams (botocore's dynamodbstreams service model).
Shape streamArn(bool required) {
    Shape shape = stringShape();
    if (required) shape.notNull();
    shape.lengthAtLeast(37).lengthAtMost(1024);
    return shape;
}

Shape shardId(bool required) {
    Shape shape = stringShape();
    if (required) shape.notNull();
    shape.lengthAtLeast(28).lengthAtMost(65);
    return shape;
}

Shape boundedLimit(long long maximum) {
    Shape shape = integerShape();
    shape.atLeast(1).atMost(maximum);
    return shape;
}

Members listStreams() {
    return {{"TableName", nameShape()},
            {"Limit", boundedLimit(100)},
            {"ExclusiveStartStreamArn", streamArn(false)}};
}

Members describeStream() {
    return {{"StreamArn", streamArn(true)},
            {"Limit", boundedLimit(100)},
            {"ExclusiveStartShardId", shardId(false)}};
}

Members getShardIterator() {
    Shape type = stringShape();
    type.notNull().oneOf({"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"});
    Shape sequence = stringShape();
    sequence.lengthAtLeast(21).lengthAtMost(40);
    return {{"StreamArn", streamArn(true)},
            {"ShardId", shardId(true)},
            {"ShardIteratorType", type},
            {"SequenceNumber", sequence}};
}

Members getRecords() {
    Shape iterator = stringShape();
    iterator.notNull().lengthAtLeast(1).lengthAtMost(2048);
    return {{"ShardIterator", iterator}, {"Limit", boundedLimit(1000)}};
}

}  // namespace

const Members* requestShape(std::string_view operation) {
    static const std::map<std::string, Members, std::less<>> shapes = {
        {"BatchGetItem", batchGetItem()},
        {"BatchExecuteStatement", batchExecuteStatement()},
        {"BatchWriteItem", batchWriteItem()},
        {"CreateTable", createTable()},
        {"DeleteItem", deleteItem()},
        {"DescribeStream", describeStream()},
        {"GetRecords", getRecords()},
        {"GetShardIterator", getShardIterator()},
        {"ListStreams", listStreams()},
        {"DeleteTable", tableOnly()},
        {"DescribeTable", tableOnly()},
        {"DescribeTimeToLive", tableOnly()},
        {"ExecuteStatement", executeStatement()},
        {"ExecuteTransaction", executeTransaction()},
        {"GetItem", getItem()},
        {"ListTables", listTables()},
        {"ListTagsOfResource", listTagsOfResource()},
        {"PutItem", putItem()},
        {"Query", query()},
        {"Scan", scan()},
        {"TagResource", tagResource()},
        {"UntagResource", untagResource()},
        {"UpdateItem", updateItem()},
        {"UpdateTable", updateTable()},
    };
    auto it = shapes.find(operation);
    return it == shapes.end() ? nullptr : &it->second;
}

}  // namespace shardscape
