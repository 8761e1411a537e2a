// NoSQL Workbench data-model files: import, export, exact round trips, malformed files, and
// loading their sample items into the engine.
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "model/model_engine.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_validation.h"
#include "model/workbench_format.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

using namespace shardscape;

class WorkbenchFormatTest : public QObject {
    Q_OBJECT
  private slots:
    void importsTablesIndexesFacetsAndItems();
    void exportGivesTheFileBack();
    void oldFilesWithoutBillingModeOrPlaceholders();
    void shardscapeModelSurvivesAWorkbenchRoundTrip();
    void malformedFilesSayWhatIsWrong();
    void sampleItemsLoadWithRejections();
    void invertedIndexOnTableKeysServesQueries();
};

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

std::string fixture(const char* name) {
    auto text = readTextFile(std::string(SHARDSCAPE_SOURCE_DIR) + "/tests/data/workbench/" + name);
    if (!text) qFatal("%s", text.error().message.c_str());
    return *text;
}

Model imported(const char* name) {
    auto model = modelFromWorkbenchText(fixture(name));
    if (!model) qFatal("%s", model.error().message.c_str());
    return *model;
}

// The file as data, without the modification date export refreshes.
Json comparable(const OrderedJson& json) {
    Json j = Json(json);
    j["ModelMetadata"].erase("DateLastModified");
    return j;
}

}  // namespace

void WorkbenchFormatTest::importsTablesIndexesFacetsAndItems() {
    const Model model = imported("library.json");
    QCOMPARE(q(model.name), "Library loans");
    QCOMPARE(q(model.description), "Books and the loans of library members");
    QCOMPARE(model.tables.size(), 1u);
    const ModelTable& t = model.tables[0];
    QCOMPARE(q(t.name), "Library");
    QCOMPARE(q(t.partitionKey), "PK");
    QCOMPARE(q(*t.sortKey), "SK");
    QStringList definitions;
    for (const auto& d : t.attributeDefinitions) definitions << q(d.name + ":" + d.type);
    QCOMPARE(definitions, (QStringList{"PK:S", "SK:S", "author:S", "published:N"}));
    QCOMPARE(q(t.billingMode), "PROVISIONED");
    QCOMPARE(t.readCapacityUnits, 10);
    QCOMPARE(t.writeCapacityUnits, 4);
    QCOMPARE(t.globalSecondaryIndexes.size(), 1u);
    const ModelIndex& gsi = t.globalSecondaryIndexes[0];
    QCOMPARE(q(gsi.name), "ByAuthor");
    QCOMPARE(q(gsi.partitionKey), "author");
    QCOMPARE(q(*gsi.sortKey), "published");
    QCOMPARE(q(gsi.projection.type), "INCLUDE");
    QCOMPARE(gsi.projection.nonKeyAttributes, std::vector<std::string>{"title"});
    // The table's capacity, as the GSI of a provisioned table needs its own.
    QCOMPARE(gsi.readCapacityUnits, 10);
    QCOMPARE(t.attributes.size(), 7u);
    QCOMPARE(t.sampleItems.size(), 1u);
    QCOMPARE(Json(t.extra["workbench"]["SampleDataFormats"]["due"]),
             Json::parse(R"J(["date", "ISO 8601 date"])J"));

    QCOMPARE(model.entities.size(), 2u);
    const EntityType& book = model.entities[0];
    QCOMPARE(q(book.name), "Book");
    QCOMPARE(q(book.table), "Library");
    QCOMPARE(q(*book.keyTemplate("PK")), "BOOK#{isbn}");
    QCOMPARE(q(*book.keyTemplate("SK")), "METADATA");
    QStringList attributes;
    for (const auto& a : book.attributes) attributes << q(a.name + ":" + a.type);
    QCOMPARE(attributes, (QStringList{"title:S", "author:S", "published:N", "copies:N", "isbn:S"}));
    const EntityType& loan = model.entities[1];
    QCOMPARE(q(*loan.keyTemplate("SK")), "LOAN#{due}#{isbn}");
    QCOMPARE(loan.sampleItems.size(), 2u);
    QCOMPARE(validateModel(model).size(), 0u);
}

void WorkbenchFormatTest::exportGivesTheFileBack() {
    for (const char* name : {"library.json", "songs-v1.json", "sessions-inverted-gsi.json"}) {
        const Model model = imported(name);
        const Json original = comparable(OrderedJson::parse(fixture(name)));
        Json exported = comparable(modelToWorkbench(model));
        if (std::string(name) == "songs-v1.json") {
            // Export writes the current format: version 3.0 with the service named, and the
            // billing mode the import settled on.
            QCOMPARE(q(exported["ModelMetadata"]["Version"]), "3.0");
            QCOMPARE(q(exported["ModelMetadata"]["AWSService"]), "Amazon DynamoDB");
            exported["ModelMetadata"]["Version"] = "1.0";
            exported["ModelMetadata"].erase("AWSService");
            for (auto& table : exported["DataModel"]) {
                QCOMPARE(q(table["BillingMode"]), "PAY_PER_REQUEST");
                table.erase("BillingMode");
            }
        }
        QCOMPARE(q(exported.dump(1)), q(original.dump(1)));
        // And through a saved Shardscape model file.
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.shardscape.json").toStdString();
        QVERIFY(saveModel(model, path).ok());
        QCOMPARE(q(comparable(modelToWorkbench(*loadModel(path))).dump(1)),
                 q(comparable(modelToWorkbench(model)).dump(1)));
    }
}

void WorkbenchFormatTest::oldFilesWithoutBillingModeOrPlaceholders() {
    const Model model = imported("songs-v1.json");
    QCOMPARE(model.tables.size(), 2u);
    QCOMPARE(q(model.tables[0].billingMode), "PAY_PER_REQUEST");
    QVERIFY(!model.tables[1].sortKey);
    // "SongId" names the partition key's value; "Details" is a constant sort key.
    QCOMPARE(q(*model.entities[0].keyTemplate("Id")), "{SongId}");
    QCOMPARE(q(*model.entities[0].keyTemplate("Metadata")), "Details");
    QVERIFY(model.entities[0].findAttribute("SongId"));
    QCOMPARE(validateModel(model).size(), 0u);
}

void WorkbenchFormatTest::shardscapeModelSurvivesAWorkbenchRoundTrip() {
    auto original = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) +
                              "/resources/models/ecommerce.shardscape.json");
    QVERIFY(original.ok());
    const OrderedJson exported = modelToWorkbench(*original);
    QCOMPARE(exported["DataModel"][0]["TableFacets"].size(), 4u);
    QCOMPARE(q(exported["DataModel"][0]["TableFacets"][1]["KeyAttributeAlias"]["SortKeyAlias"]),
             "ORDER#<orderDate>#<orderId>");
    auto back = modelFromWorkbench(exported);
    QVERIFY(back.ok());
    const OrderedJson a = modelToJson(*original), b = modelToJson(*back);
    QCOMPARE(q(b["accessPatterns"].dump()), q(a["accessPatterns"].dump()));
    QCOMPARE(q(b["scenarios"].dump()), q(a["scenarios"].dump()));
    QCOMPARE(q(b["tables"][0]["globalSecondaryIndexes"].dump()),
             q(a["tables"][0]["globalSecondaryIndexes"].dump()));
    QCOMPARE(back->entities.size(), 4u);
    for (size_t i = 0; i < 4; ++i)
        QCOMPARE(back->entities[i].keyTemplates, original->entities[i].keyTemplates);
    QCOMPARE(validateModel(*back).size(), 0u);
}

void WorkbenchFormatTest::malformedFilesSayWhatIsWrong() {
    QCOMPARE(q(modelFromWorkbenchText("{\"ModelName\": \"x\"}").error().message),
             "Not a NoSQL Workbench data model: the top-level \"DataModel\" array is missing");
    QCOMPARE(q(modelFromWorkbenchText("{\"DataModel\": {}}").error().message),
             "NoSQL Workbench file: DataModel: expected an array of tables");
    QCOMPARE(q(modelFromWorkbenchText("{\"DataModel\": [{\"TableName\": \"T\"}]}").error().message),
             "NoSQL Workbench file: DataModel[0].KeyAttributes: the PartitionKey is missing");
    QCOMPARE(
        q(modelFromWorkbenchText(R"J({"DataModel": [{"KeyAttributes": {}}]})J").error().message),
        "NoSQL Workbench file: DataModel[0]: the TableName is missing");
    QCOMPARE(q(modelFromWorkbenchText(
                   R"J({"DataModel": [{"TableName": "T", "KeyAttributes": {"PartitionKey":
                       {"AttributeName": "k"}}, "TableFacets": [{"FacetName": "F",
                       "TableData": {}}]}]})J")
                   .error()
                   .message),
             "NoSQL Workbench file: DataModel[0].TableFacets[0].TableData: expected an array");
    QCOMPARE(q(modelFromWorkbenchText("{\"DataModel\": [\n  {\"TableName\": }]}").error().message),
             "Malformed JSON at line 2, column 17: syntax error while parsing value - unexpected "
             "'}'; expected '[', '{', or a literal");
}

void WorkbenchFormatTest::sampleItemsLoadWithRejections() {
    QTemporaryDir dir;
    auto engine = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(engine.ok());
    const Model model = imported("library.json");
    auto created = createModelTables(**engine, model);
    QVERIFY2(created.ok(), created.ok() ? "" : created.error().message.c_str());
    QCOMPARE(created->created, std::vector<std::string>{"Library"});
    auto loaded = loadModelSampleItems(**engine, model);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->written, 3);
    // NoSQL Workbench lets plain JSON slip into a map; DynamoDB (and Shardscape) refuse it.
    QCOMPARE(loaded->rejected,
             std::vector<std::string>{"Loan.sampleItems[1]: attribute history: Unexpected value "
                                      "type in payload"});
    QCOMPARE((*engine)->describeTable("Library")->second.itemCount, 3);
    auto again = createModelTables(**engine, model);
    QCOMPARE(again->existing, std::vector<std::string>{"Library"});
}

void WorkbenchFormatTest::invertedIndexOnTableKeysServesQueries() {
    // As in AWS's session-store example: the GSI swaps the table's keys, items sit at table
    // level only, a non-key attribute is listed twice, and one sample item holds "{}".
    const Model model = imported("sessions-inverted-gsi.json");
    QCOMPARE(model.tables.size(), 1u);
    const ModelTable& t = model.tables[0];
    QCOMPARE(t.globalSecondaryIndexes.size(), 1u);
    QCOMPARE(q(t.globalSecondaryIndexes[0].partitionKey), "SK");
    QCOMPARE(q(*t.globalSecondaryIndexes[0].sortKey), "PK");
    QCOMPARE(q(t.billingMode), "PROVISIONED");
    QCOMPARE(t.readCapacityUnits, 5);
    QCOMPARE(t.sampleItems.size(), 3u);
    QCOMPARE(validateModel(model).size(), 0u);

    QTemporaryDir dir;
    auto engine = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(engine.ok());
    QVERIFY(createModelTables(**engine, model).ok());
    auto loaded = loadModelSampleItems(**engine, model);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->written, 2);
    QCOMPARE(loaded->rejected,
             std::vector<std::string>{"sessions.sampleItems[1]: attribute devices: Supplied "
                                      "AttributeValue is empty, must contain exactly one of the "
                                      "supported datatypes"});
    // The inverted index answers "which sessions does this user have?".
    auto found = dispatch(**engine, "Query", Json::parse(R"J({"TableName": "sessions",
        "IndexName": "GSI1_inverted", "KeyConditionExpression": "SK = :u",
        "ExpressionAttributeValues": {":u": {"S": "user#ann"}}})J"));
    QVERIFY2(found.ok(), found.ok() ? "" : found.error().message.c_str());
    QCOMPARE((*found)["Count"].get<int>(), 1);
    QCOMPARE(q((*found)["Items"][0]["token"]["S"].get<std::string>()), "t-001");
}

QTEST_GUILESS_MAIN(WorkbenchFormatTest)
#include "test_workbench_format.moc"
