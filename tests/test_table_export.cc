// A model's tables as a CreateTable request (aws dynamodb create-table --cli-input-json) and
// as a CloudFormation template; both were also checked with the AWS CLI's parameter
// validation and cfn-lint (docs/models.md, "Other formats").
#include <QtTest>

#include "model/model_file.h"
#include "model/table_export.h"
#include "model/yaml_writer.h"

using namespace shardscape;

class TableExportTest : public QObject {
    Q_OBJECT
  private slots:
    void createTableRequest_();
    void cloudFormationTemplate_();
    void logicalIdsAndYamlScalars();
};

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

Model twoTables() {
    auto model =
        loadModel(std::string(SHARDSCAPE_SOURCE_DIR) + "/tests/data/two-tables.shardscape.json");
    if (!model) qFatal("%s", model.error().message.c_str());
    return *model;
}
}  // namespace

void TableExportTest::createTableRequest_() {
    const Model model = twoTables();
    QCOMPARE(q(createTableRequest(model.tables[0]).dump()), q(OrderedJson::parse(R"J({
      "TableName": "order-items",
      "AttributeDefinitions": [{"AttributeName": "PK", "AttributeType": "S"},
                               {"AttributeName": "SK", "AttributeType": "S"},
                               {"AttributeName": "sku", "AttributeType": "S"},
                               {"AttributeName": "placed", "AttributeType": "N"}],
      "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                    {"AttributeName": "SK", "KeyType": "RANGE"}],
      "BillingMode": "PROVISIONED",
      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 2},
      "GlobalSecondaryIndexes": [{
        "IndexName": "bySku",
        "KeySchema": [{"AttributeName": "sku", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["qty", "note: x"]},
        "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 1}}],
      "LocalSecondaryIndexes": [{
        "IndexName": "byPlaced",
        "KeySchema": [{"AttributeName": "PK", "KeyType": "HASH"},
                      {"AttributeName": "placed", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}]})J")
                                                                  .dump()));
    QCOMPARE(q(createTableRequest(model.tables[1]).dump()),
             "{\"TableName\":\"order_items\",\"AttributeDefinitions\":[{\"AttributeName\":\"id\","
             "\"AttributeType\":\"B\"}],\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":"
             "\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
}

void TableExportTest::cloudFormationTemplate_() {
    QCOMPARE(q(cloudFormationTemplate(twoTables())),
             "AWSTemplateFormatVersion: \"2010-09-09\"\n"
             "Description: \"Orders: small (exported by Shardscape)\"\n"
             "Resources:\n"
             "  OrderItemsTable:\n"
             "    Type: \"AWS::DynamoDB::Table\"\n"
             "    Properties:\n"
             "      TableName: order-items\n"
             "      AttributeDefinitions:\n"
             "        - AttributeName: PK\n"
             "          AttributeType: S\n"
             "        - AttributeName: SK\n"
             "          AttributeType: S\n"
             "        - AttributeName: sku\n"
             "          AttributeType: S\n"
             "        - AttributeName: placed\n"
             "          AttributeType: \"N\"\n"
             "      KeySchema:\n"
             "        - AttributeName: PK\n"
             "          KeyType: HASH\n"
             "        - AttributeName: SK\n"
             "          KeyType: RANGE\n"
             "      BillingMode: PROVISIONED\n"
             "      ProvisionedThroughput:\n"
             "        ReadCapacityUnits: 5\n"
             "        WriteCapacityUnits: 2\n"
             "      GlobalSecondaryIndexes:\n"
             "        - IndexName: bySku\n"
             "          KeySchema:\n"
             "            - AttributeName: sku\n"
             "              KeyType: HASH\n"
             "          Projection:\n"
             "            ProjectionType: INCLUDE\n"
             "            NonKeyAttributes:\n"
             "              - qty\n"
             "              - \"note: x\"\n"
             "          ProvisionedThroughput:\n"
             "            ReadCapacityUnits: 3\n"
             "            WriteCapacityUnits: 1\n"
             "      LocalSecondaryIndexes:\n"
             "        - IndexName: byPlaced\n"
             "          KeySchema:\n"
             "            - AttributeName: PK\n"
             "              KeyType: HASH\n"
             "            - AttributeName: placed\n"
             "              KeyType: RANGE\n"
             "          Projection:\n"
             "            ProjectionType: KEYS_ONLY\n"
             "      TimeToLiveSpecification:\n"
             "        AttributeName: expires\n"
             "        Enabled: true\n"
             "  OrderItemsTable2:\n"
             "    Type: \"AWS::DynamoDB::Table\"\n"
             "    Properties:\n"
             "      TableName: order_items\n"
             "      AttributeDefinitions:\n"
             "        - AttributeName: id\n"
             "          AttributeType: B\n"
             "      KeySchema:\n"
             "        - AttributeName: id\n"
             "          KeyType: HASH\n"
             "      BillingMode: PAY_PER_REQUEST\n");
}

void TableExportTest::logicalIdsAndYamlScalars() {
    QCOMPARE(q(cloudFormationLogicalId("shop")), "ShopTable");
    QCOMPARE(q(cloudFormationLogicalId("2024.events")), "T2024EventsTable");
    QCOMPARE(q(cloudFormationLogicalId("--")), "TTable");
    QCOMPARE(q(toYaml(OrderedJson::parse(
                 R"J({"a": ["yes", "no", "123", "x y", "#tag", "", "ok", "é"], "b": {}, "c": [],
                     "d": [[1, 2], {"e": null}]})J"))),
             "a:\n  - \"yes\"\n  - \"no\"\n  - \"123\"\n  - \"x y\"\n  - \"#tag\"\n  - \"\"\n"
             "  - ok\n  - \"é\"\nb: {}\nc: []\nd:\n  -\n    - 1\n    - 2\n  - e: null\n");
}

QTEST_GUILESS_MAIN(TableExportTest)
#include "test_table_export.moc"
