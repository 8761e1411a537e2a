// Model files: the JSON format, load/save without loss, atomic save, errors that say where,
// and validation with CreateTable's limits and messages.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_validation.h"
#include "values/attribute_json.h"

using namespace shardscape;

class ModelFileTest : public QObject {
    Q_OBJECT
  private slots:
    void bundledModelsRoundTripUnchanged();
    void unknownMembersSurviveLoadAndSave();
    void newerFormatVersionIsRefused();
    void syntaxErrorNamesLineAndColumn();
    void wrongMemberTypeNamesThePath();
    void missingFileIsAClearError();
    void saveIsAtomicAndLeavesNoTempFiles();
    void validBundledModelsHaveNoProblems();
    void tableLimitsUseCreateTableMessages();
    void indexRulesUseCreateTableMessages();
    void crossReferencesAreChecked();
};

namespace {

std::string sourcePath(const std::string& relative) {
    return std::string(SHARDSCAPE_SOURCE_DIR) + "/" + relative;
}

// Every bundled model, "resources/models/NAME.shardscape.json", sorted.
std::vector<std::string> bundledModels() {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath("resources/models")))
        if (entry.path().filename().string().ends_with(".shardscape.json"))
            out.push_back("resources/models/" + entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

OrderedJson minimalModel() {
    return OrderedJson::parse(R"J({
      "formatVersion": 1, "name": "m",
      "tables": [{"name": "Things", "attributeDefinitions": [{"name": "id", "type": "S"}],
                  "partitionKey": "id", "billingMode": "PAY_PER_REQUEST"}],
      "entities": [], "accessPatterns": []})J");
}

QStringList messages(const Model& model) {
    QStringList out;
    for (const auto& p : validateModel(model))
        out.push_back(QString::fromStdString(p.where + ": " + p.message));
    return out;
}

QString text(const OrderedJson& json) {
    return QString::fromStdString(json.dump(1));
}
QString text(const Json& json) {
    return QString::fromStdString(json.dump(1));
}
QString text(const std::string& s) {
    return QString::fromStdString(s);
}

Model modelFrom(const OrderedJson& json) {
    auto model = modelFromJson(json);
    if (!model) qFatal("%s", model.error().message.c_str());
    return *model;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

void ModelFileTest::bundledModelsRoundTripUnchanged() {
    const std::vector<std::string> names = bundledModels();
    QVERIFY(names.size() >= 5);
    for (const std::string& name : names) {
        const std::string original = readAll(sourcePath(name));
        auto model = parseModelText(original);
        QVERIFY2(model.ok(), name.c_str());
        // Same JSON data after a save: nothing lost, nothing invented (and here, as the files
        // list members in the writer's order, the same text).
        QCOMPARE(text(modelToJson(*model)), text(OrderedJson::parse(original)));
        QCOMPARE(Json(modelToJson(*model)), Json::parse(original));
    }
}

void ModelFileTest::unknownMembersSurviveLoadAndSave() {
    OrderedJson json = minimalModel();
    json["futureTopLevel"] = {{"a", 1}};
    json["tables"][0]["streamSpecification"] = {{"StreamViewType", "NEW_IMAGE"}};
    json["tables"][0]["globalSecondaryIndexes"] = OrderedJson::parse(
        R"J([{"name": "byKind", "partitionKey": "id", "projection": {"type": "ALL", "hint": 3},
              "warmThroughput": 12}])J");
    json["tables"][0]["attributeDefinitions"][0]["comment"] = "the id";
    json["entities"] = OrderedJson::parse(
        R"J([{"name": "Thing", "table": "Things", "keys": {"id": "T-{n}"},
              "attributes": [{"name": "n", "type": "N", "generator": {"kind": "sequence"},
                              "unit": "pieces"}], "colour": "blue"}])J");
    json["accessPatterns"] = OrderedJson::parse(
        R"J([{"name": "get", "operation": "GetItem", "table": "Things",
              "keyCondition": "id = :id", "ratePerSecond": 5, "owner": "team-a"}])J");
    json["scenarios"] = OrderedJson::parse(R"J([{"name": "s", "accessPatterns": ["get"],
                                               "shape": {"ramp": [1, 2, 3]}}])J");
    QTemporaryDir dir;
    const std::string path = dir.filePath("m.shardscape.json").toStdString();
    QVERIFY(saveModel(modelFrom(json), path).ok());
    auto loaded = loadModel(path);
    QVERIFY(loaded.ok());
    const OrderedJson saved = modelToJson(*loaded);
    QCOMPARE(saved["futureTopLevel"], OrderedJson({{"a", 1}}));
    QCOMPARE(saved["tables"][0]["streamSpecification"]["StreamViewType"], "NEW_IMAGE");
    QCOMPARE(saved["tables"][0]["globalSecondaryIndexes"][0]["warmThroughput"], 12);
    QCOMPARE(saved["tables"][0]["globalSecondaryIndexes"][0]["projection"]["hint"], 3);
    QCOMPARE(saved["tables"][0]["attributeDefinitions"][0]["comment"], "the id");
    QCOMPARE(saved["entities"][0]["colour"], "blue");
    QCOMPARE(saved["entities"][0]["attributes"][0]["unit"], "pieces");
    QCOMPARE(saved["accessPatterns"][0]["owner"], "team-a");
    QCOMPARE(saved["scenarios"][0]["shape"]["ramp"], OrderedJson({1, 2, 3}));
    // The same data; unknown members are written after the known ones of their object, and
    // an entity's weight is always written.
    json["entities"][0]["weight"] = 1;
    QCOMPARE(text(Json(saved)), text(Json(json)));
}

void ModelFileTest::newerFormatVersionIsRefused() {
    OrderedJson json = minimalModel();
    json["formatVersion"] = 2;
    auto model = parseModelText(json.dump());
    QVERIFY(!model.ok());
    QCOMPARE(text(model.error().message),
             "This model was saved in format version 2 by a newer Shardscape; this build reads "
             "format versions up to 1. Open it with a newer Shardscape.");
    json["formatVersion"] = "1";
    QCOMPARE(text(parseModelText(json.dump()).error().message),
             "formatVersion: expected a positive integer");
    json.erase("formatVersion");
    QCOMPARE(text(parseModelText(json.dump()).error().message),
             "formatVersion: missing (this is not a Shardscape model file)");
}

void ModelFileTest::syntaxErrorNamesLineAndColumn() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("bad.shardscape.json").toStdString();
    std::ofstream(path) << "{\n  \"formatVersion\": 1,\n  \"tables\": [ ,\n]}\n";
    auto model = loadModel(path);
    QVERIFY(!model.ok());
    QCOMPARE(text(model.error().message),
             text(path + ": Malformed JSON at line 3, column 15: syntax error while parsing "
                         "value - unexpected ','; expected '[', '{', or a literal"));
    std::ofstream(path, std::ios::trunc) << "{\"formatVersion\": 1, \"name\": \"cut";
    QCOMPARE(text(loadModel(path).error().message),
             text(path + ": Malformed JSON at line 1, column 34: syntax error while parsing "
                         "value - invalid string: missing closing quote; last read: '\"cut'"));
}

void ModelFileTest::wrongMemberTypeNamesThePath() {
    OrderedJson json = minimalModel();
    json["tables"][0]["globalSecondaryIndexes"] = OrderedJson::parse(
        R"J([{"name": "g1", "partitionKey": "id", "projection": {"type": 7}}])J");
    QCOMPARE(text(modelFromJson(json).error().message),
             "tables[0].globalSecondaryIndexes[0].projection.type: expected a string");
    json = minimalModel();
    json["tables"][0].erase("partitionKey");
    QCOMPARE(text(modelFromJson(json).error().message),
             "tables[0].partitionKey: missing (a string is required)");
    json = minimalModel();
    json["accessPatterns"] = OrderedJson::parse(
        R"J([{"name": "p", "operation": "Query", "table": "Things", "ratePerSecond": "fast"}])J");
    QCOMPARE(text(modelFromJson(json).error().message),
             "accessPatterns[0].ratePerSecond: expected a number");
    json = minimalModel();
    json["entities"] =
        OrderedJson::parse(R"J([{"name": "e", "table": "Things", "keys": {"id": 5}}])J");
    QCOMPARE(text(modelFromJson(json).error().message),
             "entities[0].keys.id: expected a template string");
    QCOMPARE(text(modelFromJson(OrderedJson::array()).error().message), ": expected an object");
}

void ModelFileTest::missingFileIsAClearError() {
    auto model = loadModel("/nonexistent/dir/x.shardscape.json");
    QVERIFY(!model.ok());
    QCOMPARE(text(model.error().message),
             "/nonexistent/dir/x.shardscape.json: cannot open: No such file or directory");
    // Not a ValidationException: the file is missing, nothing is wrong with its content.
    QCOMPARE(model.error().code, ErrorCode::NotFound);
    // Content that is not a model stays a validation error, naming the file.
    QTemporaryDir dir;
    const std::string bad = dir.filePath("bad.shardscape.json").toStdString();
    QVERIFY(writeFileAtomically(bad, "{\"name\": 5}").ok());
    auto invalid = loadModel(bad);
    QVERIFY(!invalid.ok());
    QVERIFY(invalid.error().isDynamo());
    QCOMPARE(invalid.error().type, ErrorType::Validation);
    QVERIFY(invalid.error().message.starts_with(bad + ": "));
}

void ModelFileTest::saveIsAtomicAndLeavesNoTempFiles() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("m.shardscape.json").toStdString();
    Model model = modelFrom(minimalModel());
    QVERIFY(saveModel(model, path).ok());
    model.name = "second";
    QVERIFY(saveModel(model, path).ok());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"m.shardscape.json"});
    QCOMPARE(text(loadModel(path)->name), "second");
    // A save that cannot complete (here the target is a directory, so the rename fails)
    // says why and leaves no temporary file behind.
    const std::string blocked = dir.filePath("taken").toStdString();
    QVERIFY(QDir(dir.path()).mkpath("taken/inside"));
    Status failed = saveModel(model, blocked);
    QVERIFY(!failed.ok());
    QCOMPARE(text(failed.error().message), text(blocked + ": cannot replace: Is a directory"));
    QCOMPARE(failed.error().code, ErrorCode::IOError);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"m.shardscape.json"});
    QCOMPARE(loadModel("/nonexistent/m.shardscape.json").error().message.substr(0, 31),
             std::string("/nonexistent/m.shardscape.json:"));
    const Status nowhere = saveModel(model, "/nonexistent/m.shardscape.json");
    QCOMPARE(text(nowhere.error().message),
             "/nonexistent/m.shardscape.json: cannot create a temporary file beside it: No such "
             "file or directory");
    QCOMPARE(nowhere.error().code, ErrorCode::NotFound);
    // Text that is not UTF-8 cannot be JSON: refused, not mangled.
    model.name = "bad \xff byte";
    Status notUtf8 = saveModel(model, path);
    QVERIFY(!notUtf8.ok());
    QVERIFY(notUtf8.error().message.starts_with(path + ": cannot save the model: "));
    QCOMPARE(text(loadModel(path)->name), "second");
}

void ModelFileTest::validBundledModelsHaveNoProblems() {
    for (const std::string& name : bundledModels()) {
        auto model = loadModel(sourcePath(name));
        QVERIFY2(model.ok(), name.c_str());
        QCOMPARE(messages(*model), QStringList{});
    }
}

void ModelFileTest::tableLimitsUseCreateTableMessages() {
    OrderedJson json = minimalModel();
    auto& table = json["tables"][0];
    table["name"] = "ab";
    table["attributeDefinitions"].push_back({{"name", "extra"}, {"type", "S"}});
    table["attributeDefinitions"].push_back({{"name", "bad"}, {"type", "BOOL"}});
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{
                 "tables[0].name: Value 'ab' at 'tableName' failed to satisfy constraint: Member "
                 "must have length between 3 and 255",
                 "tables[0].attributeDefinitions[2].type: Value 'BOOL' at "
                 "'attributeDefinitions.member.attributeType' failed to satisfy constraint: "
                 "Member must satisfy enum value set: [B, N, S]",
                 "tables[0].attributeDefinitions: One or more parameter values were invalid: "
                 "Number of attributes in KeySchema does not exactly match number of attributes "
                 "defined in AttributeDefinitions"}));

    json = minimalModel();
    json["tables"][0]["sortKey"] = "when";
    json["tables"][0]["billingMode"] = "PROVISIONED";
    QCOMPARE(
        messages(modelFrom(json)),
        (QStringList{"tables[0]: One or more parameter values were invalid: Some index key "
                     "attributes are not defined in AttributeDefinitions. Keys: [id, when], "
                     "AttributeDefinitions: [id]",
                     "tables[0]: One or more parameter values were invalid: ReadCapacityUnits and "
                     "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"}));

    json = minimalModel();
    json["tables"][0]["readCapacityUnits"] = 5;
    json["tables"].push_back(json["tables"][0]);
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{
                 "tables[0]: One or more parameter values were invalid: Neither "
                 "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                 "PAY_PER_REQUEST",
                 "tables[1]: Table already exists: Things",
                 "tables[1]: One or more parameter values were invalid: Neither "
                 "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                 "PAY_PER_REQUEST"}));
}

void ModelFileTest::indexRulesUseCreateTableMessages() {
    OrderedJson json = minimalModel();
    auto& table = json["tables"][0];
    table["attributeDefinitions"].push_back({{"name", "g"}, {"type", "S"}});
    for (int i = 0; i < 21; ++i) {
        std::string name = "gsi";
        name.append(std::to_string(i));
        table["globalSecondaryIndexes"].push_back(
            {{"name", name}, {"partitionKey", "g"}, {"projection", {{"type", "KEYS_ONLY"}}}});
    }
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{"tables[0].globalSecondaryIndexes: GlobalSecondaryIndex "
                          "count exceeds the per-table limit of 20"}));

    json = minimalModel();
    json["tables"][0]["attributeDefinitions"].push_back({{"name", "s"}, {"type", "N"}});
    json["tables"][0]["localSecondaryIndexes"] =
        OrderedJson::parse(R"J([{"name": "lsi", "partitionKey": "id", "sortKey": "s"}])J");
    QCOMPARE(
        messages(modelFrom(json)),
        (QStringList{"tables[0].localSecondaryIndexes: One or more parameter values were invalid: "
                     "Table KeySchema does not have a range key, which is required when specifying "
                     "a LocalSecondaryIndex"}));

    json["tables"][0]["sortKey"] = "s";
    json["tables"][0]["attributeDefinitions"].push_back({{"name", "t"}, {"type", "S"}});
    auto& lsis = json["tables"][0]["localSecondaryIndexes"];
    lsis.clear();
    for (int i = 0; i < 6; ++i) {
        std::string name = "lsi";
        name.append(std::to_string(i));
        lsis.push_back({{"name", name}, {"partitionKey", "id"}, {"sortKey", "t"}});
    }
    lsis[5]["partitionKey"] = "t";
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{
                 "tables[0].localSecondaryIndexes: Cannot have more than 5 local secondary "
                 "indexes per table",
                 "tables[0].localSecondaryIndexes[5]: Invalid KeySchema: Both the Hash Key and "
                 "the Range Key element in the KeySchema have the same name",
                 "tables[0].localSecondaryIndexes[5]: One or more parameter values were invalid: "
                 "Index KeySchema does not have the same leading hash key as table KeySchema for "
                 "index: lsi5. index hash key: t, table hash key: id"}));

    json = minimalModel();
    json["tables"][0]["attributeDefinitions"].push_back({{"name", "g"}, {"type", "S"}});
    OrderedJson include = {{"type", "INCLUDE"}, {"nonKeyAttributes", OrderedJson::array()}};
    for (int i = 0; i < 101; ++i) {
        std::string name = "a";
        name.append(std::to_string(i));
        include["nonKeyAttributes"].push_back(name);
    }
    json["tables"][0]["globalSecondaryIndexes"] = OrderedJson::array(
        {{{"name", "wide"}, {"partitionKey", "g"}, {"projection", include}},
         {{"name", "inc"}, {"partitionKey", "g"}, {"projection", {{"type", "INCLUDE"}}}},
         {{"name", "all"},
          {"partitionKey", "nope"},
          {"projection", {{"type", "ALL"}, {"nonKeyAttributes", {"x"}}}}}});
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{
                 "tables[0].globalSecondaryIndexes[1].projection: One or more parameter values "
                 "were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified",
                 "tables[0].globalSecondaryIndexes[2]: One or more parameter values were "
                 "invalid: Some index key attributes are not defined in AttributeDefinitions. "
                 "Keys: [nope], AttributeDefinitions: [id, g]",
                 "tables[0].globalSecondaryIndexes[2].projection: One or more parameter values "
                 "were invalid: ProjectionType is ALL, but NonKeyAttributes is specified",
                 "tables[0]: One or more parameter values were invalid: The number of projected "
                 "attributes in all secondary indexes of the table (102) exceeds the limit of "
                 "100"}));
}

void ModelFileTest::crossReferencesAreChecked() {
    OrderedJson json = minimalModel();
    json["entities"] = OrderedJson::parse(R"J([
      {"name": "Thing", "table": "Things", "keys": {"id": "T#{missing}"},
       "attributes": [{"name": "n", "type": "X"},
                      {"name": "k", "type": "S", "generator": {"kind": "enum", "values": []}}]},
      {"name": "Lost", "table": "Nowhere", "keys": {}},
      {"name": "NoKey", "table": "Things", "keys": {"other": "{oops"}}])J");
    json["accessPatterns"] = OrderedJson::parse(R"J([
      {"name": "p", "operation": "Delete", "table": "Things", "index": "nope"},
      {"name": "p", "operation": "Query", "table": "Gone", "entity": "Ghost",
       "itemsPerRequest": 0, "filterKeeps": 2}])J");
    json["scenarios"] = OrderedJson::parse(R"J([{"accessPatterns": ["p", "q", 3]}])J");
    QCOMPARE(messages(modelFrom(json)),
             (QStringList{
                 "entities[0].attributes[0].type: Unknown attribute type 'X'; expected one of S, "
                 "N, B, BOOL, NULL, M, L, SS, NS, BS",
                 "entities[0].attributes[1].generator: enum generator: 'values' must be a "
                 "non-empty array",
                 "entities[0].keys.id: The template names {missing}, which is not an attribute "
                 "of Thing",
                 "entities[1].table: No table named 'Nowhere' in the model",
                 "entities[2].keys.other: Key template '{oops' has an unclosed '{' at 1",
                 "entities[2].keys: Entity NoKey gives no value for Things's key attribute id",
                 "accessPatterns[0].operation: Unknown operation 'Delete'; expected GetItem, "
                 "Query, Scan, PutItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem, "
                 "TransactGetItems or TransactWriteItems",
                 "accessPatterns[0].index: The table does not have the specified index: nope",
                 "accessPatterns[1]: Duplicate access pattern name: p",
                 "accessPatterns[1].table: No table named 'Gone' in the model",
                 "accessPatterns[1].entity: No entity type named 'Ghost' in the model",
                 "accessPatterns[1].itemsPerRequest: must be at least 1",
                 "accessPatterns[1].filterKeeps: must be between 0 and 1",
                 "scenarios[0].name: A scenario needs a name (a string)",
                 "scenarios[0].accessPatterns[1]: No access pattern named 'q'",
                 "scenarios[0].accessPatterns[2]: expected an access pattern name"}));
}

QTEST_GUILESS_MAIN(ModelFileTest)
#include "test_model_file.moc"
