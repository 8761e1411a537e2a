// `shardscape-cli serve` as a real process: the listening line (port 0 picks a free port),
// requests over HTTP, clean shutdown on SIGTERM and SIGINT with the engine closed, the
// warning for non-loopback hosts, command-line errors, and the table lifecycle options
// (--create-table-ms ...) seen over HTTP.
#include <signal.h>

#include <functional>
#include <optional>

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "api/dispatch.h"
#include "http_test_client.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::dynamoRequest;
using shardscape::testing::RawConnection;

namespace {

const char* kCreate = R"({"TableName":"Notes","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})";

// Starts `serve` and reads its listening line; returns the port, or 0.
int startServe(QProcess& process, const QStringList& arguments, QString* line = nullptr) {
    process.start(SHARDSCAPE_CLI, QStringList{"serve"} + arguments);
    if (!process.waitForStarted(5000)) return 0;
    QByteArray output;
    while (!output.contains('\n') && process.waitForReadyRead(10000))
        output += process.readAllStandardOutput();
    const QString first = QString::fromUtf8(output.left(output.indexOf('\n')));
    if (line) *line = first;
    const auto match = QRegularExpression(" on http://[^ ]+:(\\d+) ").match(first);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

}  // namespace

class ServeTest : public QObject {
    Q_OBJECT

    // Serves, writes an item over HTTP, stops with `signal`, and checks the engine was closed
    // cleanly and kept the item.
    void serveAndStop(int signalNumber, const char* signalName) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess process;
        QString line;
        const int port = startServe(process, {"--data", dir.path(), "--port", "0"}, &line);
        QVERIFY2(port > 0, qPrintable(line));
        QCOMPARE(line, QString("Shardscape DynamoDB endpoint listening on http://127.0.0.1:%1 "
                               "(data: %2; any credentials accepted)")
                           .arg(port)
                           .arg(dir.path()));
        RawConnection connection(port);
        QVERIFY(connection.send(dynamoRequest("CreateTable", kCreate)));
        auto created = connection.read();
        QVERIFY(created);
        QCOMPARE(created->status, 200);
        QVERIFY(connection.send(dynamoRequest(
            "PutItem", R"({"TableName":"Notes","Item":{"id":{"S":"n1"},"v":{"N":"7"}}})")));
        auto put = connection.read();
        QVERIFY(put);
        QCOMPARE(put->body, std::string("{}"));

        // The data directory is the server's while it runs.
        auto locked = Engine::open(dir.path().toStdString());
        QVERIFY(!locked.ok());

        ::kill(static_cast<pid_t>(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(
            QString::fromUtf8(process.readAllStandardOutput()),
            QString("Received %1; stopping\nStopped; data directory closed\n").arg(signalName));
        QCOMPARE(process.readAllStandardError(), QByteArray());

        auto engine = Engine::open(dir.path().toStdString());
        QVERIFY(engine.ok());
        auto item =
            dispatchText(**engine, "GetItem", R"({"TableName":"Notes","Key":{"id":{"S":"n1"}}})");
        QVERIFY(item.ok());
        QCOMPARE(item->dump(), std::string(R"({"Item":{"id":{"S":"n1"},"v":{"N":"7"}}})"));
    }

  private slots:
    void stopsCleanlyOnSigterm() { serveAndStop(SIGTERM, "SIGTERM"); }
    void stopsCleanlyOnSigint() { serveAndStop(SIGINT, "SIGINT"); }

    void warnsForOtherHosts() {
        QTemporaryDir dir;
        QProcess process;
        QString line;
        const int port = startServe(process,
                                    {"--data", dir.path(), "--host", "0.0.0.0", "--port", "0",
                                     "--require-credentials", "AKID:secret"},
                                    &line);
        QVERIFY2(port > 0, qPrintable(line));
        QCOMPARE(line, QString("Shardscape DynamoDB endpoint listening on http://0.0.0.0:%1 "
                               "(data: %2; SigV4 signatures verified)")
                           .arg(port)
                           .arg(dir.path()));
        // Requests not signed with the required key are refused.
        RawConnection connection(port);
        QVERIFY(connection.send(dynamoRequest("ListTables", "{}")));
        auto response = connection.read();
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QVERIFY(Json::parse(response->body)["__type"] ==
                "com.amazon.coral.service#InvalidSignatureException");
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardError()),
                 QString("warning: listening on 0.0.0.0, not on this machine's loopback address: "
                         "anyone who can reach this port can read and change the data in %1 "
                         "(plain HTTP, signed requests only)\n")
                     .arg(dir.path()));
    }

    void commandLineErrors() {
        QTemporaryDir dir;
        const QList<QPair<QStringList, QString>> cases = {
            {{"--port", "70000"}, "--port must be 0 to 65535, not '70000'"},
            {{"--port", "http"}, "--port must be 0 to 65535, not 'http'"},
            {{"--require-credentials", "nocolon"}, "--require-credentials takes KEYID:SECRET"},
            {{"--require-credentials", ":secret"}, "--require-credentials takes KEYID:SECRET"},
            {{"--host", ""}, "--host must not be empty"},
            {{"--create-table-ms", "-1"},
             "--create-table-ms must be 0 to 86400000 milliseconds, not '-1'"},
            {{"--delete-table-ms", "soon"},
             "--delete-table-ms must be 0 to 86400000 milliseconds, not 'soon'"},
        };
        for (const auto& [arguments, message] : cases) {
            QProcess process;
            process.start(SHARDSCAPE_CLI, QStringList{"serve", "--data", dir.path()} + arguments);
            QVERIFY(process.waitForFinished(10000));
            QCOMPARE(process.exitCode(), 2);
            QCOMPARE(QString::fromUtf8(process.readAllStandardError()),
                     "shardscape-cli: " + message + "\nRun 'shardscape-cli --help' for usage.\n");
        }
    }

    void portInUse() {
        QTemporaryDir first, second;
        QProcess running;
        const int port = startServe(running, {"--data", first.path(), "--port", "0"});
        QVERIFY(port > 0);
        QProcess process;
        process.start(SHARDSCAPE_CLI,
                      {"serve", "--data", second.path(), "--port", QString::number(port)});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QCOMPARE(
            QString::fromUtf8(process.readAllStandardError()),
            QString("shardscape-cli: cannot listen on 127.0.0.1 port %1: Address already in use\n")
                .arg(port));
        ::kill(static_cast<pid_t>(running.processId()), SIGTERM);
        QVERIFY(running.waitForFinished(15000));
        QCOMPARE(running.exitCode(), 0);
    }

    // --create-table-ms and --delete-table-ms make CREATING and DELETING observable over HTTP,
    // as an SDK waiter polls them; each ends by itself.
    // GET / is DynamoDB's health check; --region names the region it reports.
    void healthCheckRegion() {
        QTemporaryDir dir;
        QProcess process;
        const int port =
            startServe(process, {"--data", dir.path(), "--port", "0", "--region", "eu-west-1"});
        QVERIFY(port > 0);
        RawConnection connection(port);
        QVERIFY(connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        auto response = connection.read();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, std::string("healthy: dynamodb.eu-west-1.amazonaws.com "));
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
    }

    void lifecycleTimings() {
        QTemporaryDir dir;
        QProcess process;
        const int port =
            startServe(process, {"--data", dir.path(), "--port", "0", "--create-table-ms", "400",
                                 "--update-table-ms", "400", "--delete-table-ms", "400"});
        QVERIFY(port > 0);
        RawConnection connection(port);
        const auto send = [&](const char* operation, const std::string& body) {
            std::optional<Json> parsed;
            if (!connection.send(dynamoRequest(operation, body))) return parsed;
            auto response = connection.read();
            if (response) parsed = Json::parse(response->body, nullptr, false);
            return parsed;
        };
        const std::string describe = R"({"TableName":"Notes"})";
        // Polls DescribeTable until `done` holds; the milliseconds that took, or -1.
        const auto waitFor = [&](const std::function<bool(const Json&)>& done) -> qint64 {
            QElapsedTimer timer;
            timer.start();
            while (timer.elapsed() < 10000) {
                auto described = send("DescribeTable", describe);
                if (described && done(*described)) return timer.elapsed();
                QTest::qWait(20);
            }
            return -1;
        };

        auto created = send("CreateTable", kCreate);
        QVERIFY(created);
        QCOMPARE((*created)["TableDescription"]["TableStatus"], Json("CREATING"));
        QCOMPARE((*send("DescribeTable", describe))["Table"]["TableStatus"], Json("CREATING"));
        auto refused = send("DeleteTable", describe);
        QVERIFY(refused);
        QCOMPARE(*refused,
                 Json({{"__type", "com.amazonaws.dynamodb.v20120810#ResourceInUseException"},
                       {"message",
                        "Attempt to change a resource which is still in use: Table is being "
                        "created: Notes"}}));
        const qint64 creating = waitFor([](const Json& d) {
            return d.contains("Table") && d["Table"]["TableStatus"] == "ACTIVE";
        });
        QVERIFY2(creating >= 0, "the table never became ACTIVE");

        // TagResource and UntagResource answer with an empty body, as DynamoDB does.
        const std::string arn = "arn:aws:dynamodb:ddblocal:000000000000:table/Notes";
        for (const auto& [operation, body] :
             {std::pair<const char*, std::string>{
                  "TagResource",
                  R"({"ResourceArn":")" + arn + R"(","Tags":[{"Key":"k","Value":"v"}]})"},
              {"UntagResource", R"({"ResourceArn":")" + arn + R"(","TagKeys":["k"]})"}}) {
            QVERIFY(connection.send(dynamoRequest(operation, body)));
            auto answered = connection.read();
            QVERIFY(answered);
            QCOMPARE(answered->status, 200);
            QCOMPARE(answered->body, std::string());
            QCOMPARE(answered->header("content-length"), std::string("0"));
            QCOMPARE(answered->header("x-amz-crc32"), std::string("0"));
        }
        // `call --endpoint` takes the empty answer as {}.
        QProcess remote;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE"})
            env.remove(name);
        env.insert("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.insert("AWS_SECRET_ACCESS_KEY", "secret");
        env.insert("HOME", dir.path());  // no ~/.aws files
        remote.setProcessEnvironment(env);
        remote.start(SHARDSCAPE_CLI,
                     {"--endpoint", QString("http://127.0.0.1:%1").arg(port), "--region",
                      "us-east-1", "call", "TagResource", "--input", "-"});
        QVERIFY(remote.waitForStarted(5000));
        remote.write(QByteArray::fromStdString(R"({"ResourceArn":")" + arn +
                                               R"(","Tags":[{"Key":"k","Value":"v"}]})"));
        remote.closeWriteChannel();
        QVERIFY(remote.waitForFinished(15000));
        QCOMPARE(remote.readAllStandardError(), QByteArray());
        QCOMPARE(remote.exitCode(), 0);
        QCOMPARE(remote.readAllStandardOutput(), QByteArray("{}\n"));

        auto deleted = send("DeleteTable", describe);
        QVERIFY(deleted);
        QCOMPARE((*deleted)["TableDescription"]["TableStatus"], Json("DELETING"));
        QCOMPARE((*send("DescribeTable", describe))["Table"]["TableStatus"], Json("DELETING"));
        const qint64 deleting = waitFor([](const Json& d) {
            return d.value("__type", "") ==
                   "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException";
        });
        QVERIFY2(deleting >= 0, "the table was never gone");
        // Both took about the 400 ms asked for (the first polls were within it).
        QVERIFY2(deleting > 200, qPrintable(QString::number(deleting)));

        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(ServeTest)
#include "test_serve.moc"
