// shardscape-cli's model, load and dump commands as a user runs them: real processes, real
// files, exit codes and output.
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

class CliModelTest : public QObject {
    Q_OBJECT
  private slots:
    void helpListsTheCommands();
    void modelCheckVerdictsAndExitCodes();
    void modelCheckRefusesBrokenFiles();
    void modelImportAndExport();
    void loadModelGenerateAndDump();
    void loadItemFileWithRejections();
    void wrongCommandLines();
    void simulateAModelScenario();
    void repairADamagedDataDirectory();
    void dumpWhoseRenameFailsLeavesNoPartialFile();
};

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& arguments) {
    QProcess process;
    process.start(SHARDSCAPE_CLI, arguments);
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString source(const char* relative) {
    return QString(SHARDSCAPE_SOURCE_DIR) + "/" + relative;
}

void write(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString(), std::ios::trunc) << text;
}

}  // namespace

void CliModelTest::helpListsTheCommands() {
    Run help = cli({"--help"});
    QCOMPARE(help.exitCode, 0);
    for (const char* text : {"model check FILE", "model import --from workbench FILE --out FILE",
                             "model export FILE --to workbench|cloudformation|cli-json",
                             "load --data DIR [--model FILE] [--generate N]", "dump --data DIR",
                             "--all-or-nothing", "--types"})
        QVERIFY2(help.out.contains(text), text);
}

void CliModelTest::modelCheckVerdictsAndExitCodes() {
    Run ok = cli({"model", "check", source("resources/models/ecommerce.shardscape.json")});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(ok.out.startsWith("Model: E-commerce (single table)\n"));
    QVERIFY(ok.out.contains("  AMBER      listOpenOrders         Query on table Shop: "));
    QVERIFY(ok.out.endsWith("0 errors; 7 green, 1 amber, 0 red, 0 impossible; 0 design smells\n"));

    Run red = cli({"model", "check", source("resources/models/hot-partition.shardscape.json")});
    QCOMPARE(red.exitCode, 1);
    QVERIFY(
        red.out.contains("  RED        countVotes       Scan of table Votes: reads every item"));
    QVERIFY(red.out.contains("  RED        castVote         UpdateItem on table Votes: "));

    Run json =
        cli({"model", "check", "--json", source("resources/models/hot-partition.shardscape.json")});
    QCOMPARE(json.exitCode, 1);
    const auto parsed = nlohmann::json::parse(json.out.toStdString());
    QCOMPARE(parsed["accessPatterns"][3]["verdict"], "red");
    QCOMPARE(parsed["designSmells"].size(), 4u);

    QTemporaryDir dir;
    const QString invalid = dir.filePath("invalid.shardscape.json");
    write(invalid, R"J({"formatVersion": 1, "tables": [{"name": "Things", "partitionKey": "id"}],
                       "entities": [], "accessPatterns": []})J");
    Run errors = cli({"model", "check", invalid});
    QCOMPARE(errors.exitCode, 1);
    QVERIFY(errors.out.contains(
        "Errors (1):\n  tables[0]: One or more parameter values were invalid: Some index key "
        "attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: "
        "[]\n"));
}

void CliModelTest::modelCheckRefusesBrokenFiles() {
    QTemporaryDir dir;
    const QString broken = dir.filePath("broken.shardscape.json");
    write(broken, "{\"formatVersion\": 1,\n \"tables\": [}\n");
    Run run = cli({"model", "check", broken});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, "shardscape-cli: " + broken +
                          ": Malformed JSON at line 2, column 13: syntax error while parsing "
                          "value - unexpected '}'; expected '[', '{', or a literal\n");
    write(broken, "{\"formatVersion\": 9}");
    QVERIFY(cli({"model", "check", broken}).err.contains("saved in format version 9 by a newer"));
}

void CliModelTest::modelImportAndExport() {
    QTemporaryDir dir;
    const QString model = dir.filePath("library.shardscape.json");
    Run imported = cli({"model", "import", "--from", "workbench",
                        source("tests/data/workbench/library.json"), "--out", model});
    QCOMPARE(imported.exitCode, 0);
    QCOMPARE(imported.out,
             "Imported 1 tables, 2 entity types and 4 sample items into " + model + "\n");
    QCOMPARE(cli({"model", "check", model}).exitCode, 0);

    Run workbench = cli({"model", "export", model, "--to", "workbench"});
    QCOMPARE(workbench.exitCode, 0);
    QCOMPARE(
        QString::fromStdString(
            nlohmann::json::parse(workbench.out.toStdString())["ModelName"].get<std::string>()),
        "Library loans");
    Run yaml = cli({"model", "export", model, "--to", "cloudformation"});
    QVERIFY(yaml.out.startsWith("AWSTemplateFormatVersion: \"2010-09-09\"\n"));
    QVERIFY(yaml.out.contains("  LibraryTable:\n    Type: \"AWS::DynamoDB::Table\"\n"));
    const QString out = dir.filePath("create.json");
    QCOMPARE(cli({"model", "export", model, "--format", "aws-cli", "--out", out}).exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(nlohmann::json::parse(file.readAll().toStdString())["TableName"], "Library");

    Run several = cli({"model", "export", source("resources/models/hot-partition.shardscape.json"),
                       "--to", "cli-json"});
    QCOMPARE(several.exitCode, 2);
    QVERIFY(
        several.err.contains("the model has several tables (Votes, VotesSharded); choose one "
                             "with --table"));
    Run notWorkbench = cli({"model", "import", "--from", "workbench",
                            source("resources/models/ecommerce.shardscape.json"), "--out", model});
    QCOMPARE(notWorkbench.exitCode, 1);
    QVERIFY(notWorkbench.err.contains("Not a NoSQL Workbench data model"));
}

void CliModelTest::loadModelGenerateAndDump() {
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    Run load = cli({"load", "--data", data, "--model",
                    source("resources/models/hot-partition.shardscape.json"), "--generate", "2000",
                    "--seed", "9"});
    QCOMPARE(load.exitCode, 0);
    QCOMPARE(load.out,
             "Created table Votes\nCreated table VotesSharded\n"
             "Generated 2000 items (seed 9): ShardedVote 1000 Vote 1000\n");
    Run dump = cli({"dump", "--data", data, "--table", "Votes", "--format", "json"});
    QCOMPARE(dump.exitCode, 0);
    QCOMPARE(dump.out.count('\n'), 3);  // three candidates, three partition keys
    QVERIFY(dump.out.contains("{\"PK\":\"CANDIDATE#ada\",\"candidate\":\"ada\",\"votes\":"));

    const QString csv = dir.filePath("sharded.csv");
    QCOMPARE(
        cli({"dump", "--data", data, "--table", "VotesSharded", "--format", "csv", "--out", csv})
            .exitCode,
        0);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readLine().startsWith("PK:S,candidate:S,shard:N,votes:N"));
    Run missing = cli({"dump", "--data", data, "--table", "Nope"});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("Requested resource not found: Table: Nope not found"));

    // A single-table design with two GSIs and TTL: generated items reach the indexes.
    Run shop = cli({"load", "--data", data, "--model",
                    source("resources/models/ecommerce.shardscape.json"), "--generate", "3000"});
    QCOMPARE(shop.exitCode, 0);
    QCOMPARE(shop.out,
             "Created table Shop\n"
             "Generated 3000 items (seed 1): Customer 188 Order 750 OrderItem 1875 "
             "Product 187\n");
    QTemporaryDir requests;
    const QString query = requests.filePath("query.json");
    write(query, R"J({"TableName": "Shop", "IndexName": "GSI2", "Select": "COUNT",
                     "KeyConditionExpression": "GSI2PK = :p",
                     "ExpressionAttributeValues": {":p": {"S": "PRODUCT#p-1"}}})J");
    Run counted = cli({"call", "Query", "--data", data, "--input", query});
    QCOMPARE(counted.exitCode, 0);
    // p-1 is the zipf-hottest product: about 1875 / H(5000) = 206 order lines.
    const int count = nlohmann::json::parse(counted.out.toStdString())["Count"].get<int>();
    QVERIFY2(count > 150 && count < 270, std::to_string(count).c_str());
    write(query, R"J({"TableName": "Shop"})J");
    Run ttl = cli({"call", "DescribeTimeToLive", "--data", data, "--input", query});
    QCOMPARE(nlohmann::json::parse(ttl.out.toStdString())["TimeToLiveDescription"],
             nlohmann::json::parse(R"J({"AttributeName": "expiresAt",
                                       "TimeToLiveStatus": "ENABLED"})J"));
}

void CliModelTest::loadItemFileWithRejections() {
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    QVERIFY(cli({"load", "--data", data, "--model",
                 source("resources/models/hot-partition.shardscape.json")})
                .exitCode == 0);
    const QString items = dir.filePath("votes.csv");
    write(items, "PK,votes,note\nCANDIDATE#zoe,5,new\n,3,no key\nCANDIDATE#yan,x7,\n");
    Run load = cli({"load", "--data", data, "--table", "Votes", "--format", "csv", items});
    QCOMPARE(load.exitCode, 1);
    QCOMPARE(load.out,
             "3 records read, 2 items imported, 1 rejected\n"
             "record 2 (line 3): One or more parameter values were invalid: Missing the key PK in "
             "the item\n");
    Run strict = cli({"load", "--data", data, "--table", "Votes", "--format", "csv", "--types",
                      "votes=N", "--all-or-nothing", "--file", items});
    QCOMPARE(strict.exitCode, 1);
    QVERIFY(
        strict.out.startsWith("3 records read, 0 items imported, 2 rejected (nothing "
                              "written: the import is all-or-nothing)\n"));
    Run dump = cli({"dump", "--data", data, "--table", "Votes", "--format", "dynamodb-json"});
    // Scan order is the partition keys' hash order.
    QCOMPARE(dump.out,
             "{\"PK\":{\"S\":\"CANDIDATE#zoe\"},\"note\":{\"S\":\"new\"},\"votes\":{\"N\":\"5\"}}\n"
             "{\"PK\":{\"S\":\"CANDIDATE#yan\"},\"votes\":{\"S\":\"x7\"}}\n");
}

void CliModelTest::wrongCommandLines() {
    QCOMPARE(cli({"model"}).exitCode, 2);
    QCOMPARE(cli({"model", "check"}).exitCode, 2);
    QCOMPARE(cli({"model", "export", "x", "--to", "pdf"}).exitCode, 2);
    QCOMPARE(cli({"load", "--data", "/tmp/x"}).exitCode, 2);
    Run format = cli({"load", "--data", "/tmp/x", "--table", "T", "--format", "xml", "f"});
    QCOMPARE(format.exitCode, 2);
    QVERIFY(format.err.contains("--format is dynamodb-json, s3-export, json or csv"));
    QCOMPARE(cli({"load", "--data", "/tmp/x", "--generate", "5"}).exitCode, 2);
    QCOMPARE(cli({"dump", "--data", "/tmp/x"}).exitCode, 2);
}

void CliModelTest::simulateAModelScenario() {
    QTemporaryDir dir;
    const QString report = dir.filePath("report.json");
    const QString model = source("resources/models/iot-time-series.shardscape.json");
    Run run = cli({"simulate", model, "--scenario", "Unsharded minute key", "--out", report});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(" throttled; report in "), qPrintable(run.err));
    std::ifstream in(report.toStdString());
    const auto json = nlohmann::json::parse(in);
    QCOMPARE(QString::fromStdString(json["scenario"].get<std::string>()), "Unsharded minute key");
    QCOMPARE(json["streams"].size(), 2u);
    QVERIFY(json["summary"]["throttledRequests"].get<double>() > 0);

    // Several scenarios and none chosen: the names are listed.
    Run ambiguous = cli({"simulate", model, "--out", report});
    QCOMPARE(ambiguous.exitCode, 1);
    QVERIFY2(ambiguous.err.contains("choose one with --scenario: 'Steady fleet', 'Reconnect "
                                    "storm', 'Unsharded minute key'"),
             qPrintable(ambiguous.err));
    Run unknown = cli({"simulate", model, "--scenario", "Nope", "--out", report});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("The model has no scenario named 'Nope'"));
    // --scenario belongs to model files.
    Run notModel = cli({"simulate", source("resources/scenarios/hot-key.json"), "--scenario", "x",
                        "--out", report});
    QCOMPARE(notModel.exitCode, 2);
}

// A data directory whose largest table file lost a block: operations fail with Corruption,
// `repair` salvages the rest, corrects the counts and the indexes, and it opens again.
void CliModelTest::repairADamagedDataDirectory() {
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    QCOMPARE(cli({"load", "--data", data, "--model",
                  source("resources/models/ecommerce.shardscape.json"), "--generate", "3000"})
                 .exitCode,
             0);
    QTemporaryDir requests;
    const QString count = requests.filePath("count.json");
    write(count, R"J({"TableName": "Shop", "Select": "COUNT"})J");
    QCOMPARE(cli({"call", "Scan", "--data", data, "--input", count}).exitCode, 0);  // flushes

    QString largest;
    qint64 size = 0;
    for (const QFileInfo& file : QDir(data).entryInfoList({"*.ldb"}, QDir::Files))
        if (file.size() > size) {
            largest = file.filePath();
            size = file.size();
        }
    QVERIFY(size > 100000);
    {
        QFile file(largest);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(size * 4 / 10);
        file.write("\xde\xad\xbe\xef\xde\xad\xbe\xef", 8);
    }
    Run damaged = cli({"call", "Scan", "--data", data, "--input", count});
    QCOMPARE(damaged.exitCode, 1);
    QVERIFY2(damaged.err.contains("com.amazonaws.dynamodb.v20120810#InternalServerError") &&
                 damaged.err.contains("Storage error: Corruption: block checksum mismatch"),
             qPrintable(damaged.err));

    Run repair = cli({"repair", "--data", data});
    QCOMPARE(repair.exitCode, 0);
    QVERIFY2(
        repair.out.startsWith("Repair of data directory " + data + "\nStorage (LevelDB repair):\n"),
        qPrintable(repair.out));
    QVERIFY2(repair.out.contains("entries Corruption: block checksum mismatch"),
             qPrintable(repair.out));
    QVERIFY2(repair.out.contains("(the directory said 3,000 items, "), qPrintable(repair.out));
    QVERIFY2(repair.out.endsWith("Result: repaired; the data directory opens.\n"),
             qPrintable(repair.out));
    Run after = cli({"call", "Scan", "--data", data, "--input", count});
    QCOMPARE(after.exitCode, 0);
    const int left = nlohmann::json::parse(after.out.toStdString())["Count"].get<int>();
    QVERIFY2(left > 2500 && left < 3000, qPrintable(after.out));
    QVERIFY2(repair.out.contains("  Shop: " + QLocale(QLocale::English).toString(left) + " items"),
             qPrintable(repair.out));

    // Nothing left to fix the second time; not a data directory, or no --data, is refused.
    Run again = cli({"repair", "--data", data});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.endsWith("Result: no problems found in the tables; the data directory "
                                "opens.\n"),
             qPrintable(again.out));
    Run empty = cli({"repair", "--data", requests.path()});
    QCOMPARE(empty.exitCode, 1);
    QCOMPARE(empty.err, "shardscape-cli: Not a Shardscape data directory: " + requests.path() +
                            " (it has no CURRENT or LOCK file)\n");
    QCOMPARE(cli({"repair"}).exitCode, 2);
}

// `dump --out` writes beside the target and renames; when the rename fails (the target is a
// directory that is not empty) the error says so and no partial file is left behind.
void CliModelTest::dumpWhoseRenameFailsLeavesNoPartialFile() {
    QTemporaryDir dir;
    const QString data = dir.filePath("data");
    QCOMPARE(cli({"load", "--data", data, "--model",
                  source("resources/models/hot-partition.shardscape.json"), "--generate", "10"})
                 .exitCode,
             0);
    const QString target = dir.filePath("out.json");
    QVERIFY(QDir(dir.path()).mkpath("out.json/keep"));
    Run dump = cli({"dump", "--data", data, "--table", "Votes", "--out", target});
    QCOMPARE(dump.exitCode, 1);
    QVERIFY2(dump.err.startsWith("shardscape-cli: cannot replace " + target + ": "),
             qPrintable(dump.err));
    QVERIFY(!QFile::exists(target + ".partial"));
    QVERIFY(QFileInfo(target + "/keep").isDir());
}

QTEST_GUILESS_MAIN(CliModelTest)
#include "test_cli_model.moc"
