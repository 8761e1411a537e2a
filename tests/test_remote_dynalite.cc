// Remote connections against a real DynamoDB-compatible server: dynalite, started on a free
// port for this suite and stopped after. The client and RemoteBackend directly, then
// shardscape-cli as a real process: `--endpoint URL call` (list, describe, put, get, query),
// `remote import-schema`, `remote sample`, and credentials from a temporary HOME's ~/.aws
// files checked by `shardscape-cli serve --require-credentials`.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "backend/table_sampler.h"
#include "dynalite_process.h"
#include "model/model_file.h"
#include "operation_test_support.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::json;

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

CliRun runCli(const QStringList& arguments, const QProcessEnvironment& env) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(SHARDSCAPE_CLI, arguments);
    CliRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

Json parsed(const QByteArray& text) {
    return Json::parse(text.toStdString(), nullptr, false);
}

}  // namespace

class RemoteDynaliteTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientRoundTrip();
    void cliCallsTheEndpoint();
    void importSchema();
    void sampleIntoLocalEngine();
    void credentialsFromAwsFiles();

  private:
    QProcessEnvironment cliEnvironment() const;
    bool waitActive(const std::string& table);

    testing::DynaliteProcess dynalite_;
    std::shared_ptr<RemoteBackend> remote_;
    QTemporaryDir home_;
};

QProcessEnvironment RemoteDynaliteTest::cliEnvironment() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", home_.path());  // no ~/.aws files
    env.insert("AWS_ACCESS_KEY_ID", "AKIDTEST");
    env.insert("AWS_SECRET_ACCESS_KEY", "secret");
    env.remove("AWS_PROFILE");
    env.remove("AWS_REGION");
    env.remove("AWS_DEFAULT_REGION");
    return env;
}

bool RemoteDynaliteTest::waitActive(const std::string& table) {
    for (int attempt = 0; attempt < 200; ++attempt) {
        auto described = describeTable(*remote_, table);
        if (described && described->value("TableStatus", "") == "ACTIVE") return true;
        QTest::qWait(20);
    }
    return false;
}

void RemoteDynaliteTest::initTestCase() {
    QVERIFY2(dynalite_.start(), qPrintable(dynalite_.problem()));
    ConnectionProfile profile;
    profile.endpointUrl = dynalite_.url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDTEST", "secret", {}};
    auto connected = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(connected);
    remote_ = *connected;

    // Music: pk/sk with a GSI; Notes: a plain hash-key table.
    auto created = remote_->call("CreateTable", json(R"({"TableName":"Music",
        "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},
                                {"AttributeName":"Song","AttributeType":"S"},
                                {"AttributeName":"Year","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},
                     {"AttributeName":"Song","KeyType":"RANGE"}],
        "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":3},
        "GlobalSecondaryIndexes":[{"IndexName":"ByYear",
            "KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],
            "Projection":{"ProjectionType":"KEYS_ONLY"},
            "ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":1}}]})"));
    QVERIFY2(created, created ? "" : created.error().message.c_str());
    QVERIFY(waitActive("Music"));
    for (int i = 0; i < 30; ++i) {
        Json item = {{"Artist", {{"S", i < 10 ? "Acme" : "Zed"}}},
                     {"Song", {{"S", testing::numbered("song", 100 + i)}}},
                     {"Year", {{"N", std::to_string(1990 + i % 5)}}}};
        auto put = remote_->call("PutItem", Json{{"TableName", "Music"}, {"Item", item}});
        QVERIFY2(put, put ? "" : put.error().message.c_str());
    }
}

void RemoteDynaliteTest::cleanupTestCase() {
    dynalite_.stop();
}

void RemoteDynaliteTest::clientRoundTrip() {
    auto tables = listAllTables(*remote_);
    QVERIFY(tables);
    QCOMPARE(*tables, std::vector<std::string>{"Music"});
    auto got = remote_->call("GetItem", json(R"({"TableName":"Music",
        "Key":{"Artist":{"S":"Acme"},"Song":{"S":"song105"}}})"));
    QVERIFY(got);
    QCOMPARE_JSON((*got)["Item"]["Year"], json(R"({"N":"1990"})"));
    // dynalite's errors come back with their DynamoDB type and message.
    auto missing = remote_->call("DescribeTable", json(R"({"TableName":"Nope"})"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().type, ErrorType::ResourceNotFound);
    QCOMPARE(missing.error().message,
             std::string("Requested resource not found: Table: Nope not found"));

    auto description = describeTable(*remote_, "Music");
    QVERIFY(description);
    auto definition = tableDefinitionFromDescription(*description);
    QVERIFY(definition);
    QCOMPARE(definition->partitionKey.name, std::string("Artist"));
    QCOMPARE(definition->sortKey->name, std::string("Song"));
    QCOMPARE(definition->readCapacityUnits, int64_t(5));
    QCOMPARE(definition->indexes.size(), size_t(1));
    QCOMPARE(definition->indexes[0].partitionKey.type, ValueType::N);
    QCOMPARE(definition->indexes[0].projectionType, ProjectionType::KeysOnly);
}

void RemoteDynaliteTest::cliCallsTheEndpoint() {
    const QProcessEnvironment env = cliEnvironment();
    const QString url = dynalite_.url();
    QTemporaryDir inputs;
    auto input = [&](const char* name, const QByteArray& body) {
        QFile file(inputs.filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(body);
        return inputs.filePath(name);
    };

    CliRun run = runCli({"--endpoint", url, "call", "ListTables"}, env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE_JSON(parsed(run.out), json(R"({"TableNames":["Music"]})"));
    QCOMPARE(run.out, QByteArray(json(R"({"TableNames":["Music"]})").dump(4).c_str()) + "\n");

    run = runCli({"--endpoint", url, "call", "DescribeTable", "--input",
                  input("d.json", R"({"TableName":"Music"})")},
                 env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(parsed(run.out)["Table"]["TableName"], Json("Music"));
    QCOMPARE(parsed(run.out)["Table"]["TableStatus"], Json("ACTIVE"));
    QCOMPARE_JSON(parsed(run.out)["Table"]["KeySchema"],
                  json(R"([{"AttributeName":"Artist","KeyType":"HASH"},
                           {"AttributeName":"Song","KeyType":"RANGE"}])"));

    run = runCli({"--endpoint", url, "call", "PutItem", "--input",
                  input("p.json", R"({"TableName":"Music","Item":{"Artist":{"S":"Cli"},
                      "Song":{"S":"Hello"},"Year":{"N":"2001"}}})")},
                 env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE_JSON(parsed(run.out), json("{}"));

    run = runCli(
        {"--endpoint", url, "call", "GetItem", "--input", input("g.json", R"({"TableName":"Music",
                      "Key":{"Artist":{"S":"Cli"},"Song":{"S":"Hello"}}})")},
        env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE_JSON(parsed(run.out), json(R"({"Item":{"Artist":{"S":"Cli"},"Song":{"S":"Hello"},
                                                    "Year":{"N":"2001"}}})"));

    run = runCli(
        {"--endpoint", url, "call", "Query", "--input", input("q.json", R"J({"TableName":"Music",
                      "KeyConditionExpression":"Artist = :a AND begins_with(Song, :s)",
                      "ExpressionAttributeValues":{":a":{"S":"Acme"},":s":{"S":"song10"}},
                      "ProjectionExpression":"Song"})J")},
        env);
    QCOMPARE(run.exitCode, 0);
    const Json queried = parsed(run.out);
    QCOMPARE(queried["Count"], Json(10));
    QCOMPARE_JSON(queried["Items"][0], json(R"({"Song":{"S":"song100"}})"));

    // A remote error: DynamoDB's error JSON on stderr, exit 1.
    run = runCli({"--endpoint", url, "call", "GetItem", "--input",
                  input("e.json", R"({"TableName":"Nope","Key":{"a":{"S":"x"}}})")},
                 env);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(parsed(run.err)["__type"],
             Json("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"));
    // An unreachable endpoint says so.
    run = runCli({"--endpoint", QString("http://127.0.0.1:%1").arg(testing::freeTcpPort()), "call",
                  "ListTables"},
                 env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(
        run.err.contains("Cannot reach http://127.0.0.1:") && run.err.contains("could not connect"),
        run.err.constData());
}

void RemoteDynaliteTest::importSchema() {
    QTemporaryDir dir;
    const QString model = dir.filePath("shop.shardscape.json");
    CliRun run = runCli({"remote", "import-schema", "--endpoint", dynalite_.url(), "--table",
                         "Music", "--out", model},
                        cliEnvironment());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith("Added table Music (1 index(es)) in "), run.out.constData());
    auto loaded = loadModel(model.toStdString());
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->name, std::string("shop"));
    QCOMPARE(loaded->tables.size(), size_t(1));
    const ModelTable& table = loaded->tables[0];
    QCOMPARE(table.partitionKey, std::string("Artist"));
    QCOMPARE(*table.sortKey, std::string("Song"));
    QCOMPARE(table.billingMode, std::string("PROVISIONED"));
    QCOMPARE(table.readCapacityUnits, int64_t(5));
    QCOMPARE(table.writeCapacityUnits, int64_t(3));
    QCOMPARE(table.globalSecondaryIndexes.size(), size_t(1));
    QCOMPARE(table.globalSecondaryIndexes[0].partitionKey, std::string("Year"));
    QCOMPARE(table.globalSecondaryIndexes[0].projection.type, std::string("KEYS_ONLY"));
    QCOMPARE(table.definedType("Year"), std::string("N"));

    // Again: the table is replaced in the existing model, which `model check` accepts.
    run = runCli({"remote", "import-schema", "--endpoint", dynalite_.url(), "--table", "Music",
                  "--out", model},
                 cliEnvironment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("Replaced table Music"));
    QCOMPARE(loadModel(model.toStdString())->tables.size(), size_t(1));

    run = runCli({"remote", "import-schema", "--endpoint", dynalite_.url(), "--table", "Nope",
                  "--out", model},
                 cliEnvironment());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("ResourceNotFoundException"));
}

void RemoteDynaliteTest::sampleIntoLocalEngine() {
    QTemporaryDir data;
    CliRun run = runCli({"remote", "sample", "--endpoint", dynalite_.url(), "--table", "Music",
                         "--count", "12", "--data", data.path()},
                        cliEnvironment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("Copied 12 item(s) of Music from http://127.0.0.1:"),
             run.out.constData());
    QVERIFY(run.out.contains("(table created)"));
    {
        auto engine = Engine::open(data.path().toStdString());
        QVERIFY(engine);
        auto table = (*engine)->table("Music");
        QVERIFY(table);
        QCOMPARE(table->sortKey->name, std::string("Song"));
        QCOMPARE(table->indexes.size(), size_t(1));
        auto scanned = dispatch(**engine, "Scan", json(R"({"TableName":"Music"})"));
        QVERIFY(scanned);
        QCOMPARE((*scanned)["Count"], Json(12));
        // Every sampled item is a remote item, unchanged.
        for (const Json& item : (*scanned)["Items"]) {
            auto remote = remote_->call(
                "GetItem", Json{{"TableName", "Music"},
                                {"Key", {{"Artist", item["Artist"]}, {"Song", item["Song"]}}}});
            QVERIFY(remote);
            QCOMPARE_JSON((*remote)["Item"], item);
        }
    }
    // Sampling more into the same engine adds to the existing table.
    run = runCli({"remote", "sample", "--endpoint", dynalite_.url(), "--table", "Music", "--count",
                  "1000", "--data", data.path()},
                 cliEnvironment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains("Copied 31 item(s)"), run.out.constData());  // 30 + the CLI's
    QVERIFY(!run.out.contains("(table created)"));

    // In-process, through the backends: a cancelled sample stops after the first batch.
    QTemporaryDir other;
    auto local = Engine::open(other.path().toStdString());
    QVERIFY(local);
    LocalBackend target(std::shared_ptr<Engine>(std::move(*local)));
    auto cancelled = sampleTable(*remote_, target, "Music", 100, [](int64_t) { return false; });
    QVERIFY(cancelled);
    QVERIFY(cancelled->cancelled);
    QCOMPARE(cancelled->copied, int64_t(25));
    auto bad = sampleTable(*remote_, target, "Music", 0);
    QVERIFY(!bad);
}

void RemoteDynaliteTest::credentialsFromAwsFiles() {
    // serve checks the signatures with a known key; the CLI finds the key in ~/.aws files.
    QTemporaryDir data;
    QProcess serve;
    serve.start(SHARDSCAPE_CLI, {"serve", "--data", data.path(), "--port", "0",
                                 "--require-credentials", "FILEKEY:filesecret"});
    QVERIFY(serve.waitForStarted(5000));
    QByteArray line;
    while (!line.contains('\n') && serve.waitForReadyRead(10000))
        line += serve.readAllStandardOutput();
    const QRegularExpression pattern("(http://127\\.0\\.0\\.1:\\d+)");
    const auto match = pattern.match(QString::fromUtf8(line));
    QVERIFY2(match.hasMatch(), line.constData());
    const QString url = match.captured(1);

    QTemporaryDir home;
    QDir(home.path()).mkpath(".aws");
    {
        QFile credentials(home.filePath(".aws/credentials"));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write(
            "[default]\naws_access_key_id = WRONG\naws_secret_access_key = x\n"
            "[good]\naws_access_key_id = FILEKEY\n"
            "aws_secret_access_key = filesecret\n");
        QFile config(home.filePath(".aws/config"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            "[profile viaconfig]\naws_access_key_id = FILEKEY\n"
            "aws_secret_access_key = filesecret\nregion = eu-west-3\n");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
          "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"})
        env.remove(name);
    env.insert("HOME", home.path());

    CliRun run = runCli({"--endpoint", url, "--profile", "good", "call", "ListTables"}, env);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE_JSON(parsed(run.out), json(R"({"TableNames":[]})"));
    run = runCli({"--endpoint", url, "--profile", "viaconfig", "call", "ListTables"}, env);
    QCOMPARE(run.exitCode, 0);
    env.insert("AWS_PROFILE", "good");
    run = runCli({"--endpoint", url, "call", "ListTables"}, env);
    QCOMPARE(run.exitCode, 0);
    env.remove("AWS_PROFILE");
    run = runCli({"--endpoint", url, "call", "ListTables"}, env);  // [default]: the wrong key
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("UnrecognizedClientException"), run.err.constData());
    run = runCli({"--endpoint", url, "--profile", "missing", "call", "ListTables"}, env);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("The config profile (missing) could not be found"),
             run.err.constData());
    serve.terminate();
    QVERIFY(serve.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(RemoteDynaliteTest)
#include "test_remote_dynalite.moc"
