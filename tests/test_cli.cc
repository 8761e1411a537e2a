// shardscape-cli as a user runs it: a real process, real files, real exit codes.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <set>

#include "api/dispatch.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

using namespace shardscape;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList& arguments, const QByteArray& input = {}) {
    QProcess process;
    process.start(SHARDSCAPE_CLI, arguments);
    process.waitForStarted();
    if (!input.isEmpty()) process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// Reads a durability_writer's "ack N" lines until N reaches `target` (or output stops);
// returns the last N seen.
long readAcksUntil(QProcess& writer, long target) {
    long lastAck = -1;
    QByteArray buffer;
    while (lastAck < target && writer.waitForReadyRead(10000)) {
        buffer += writer.readAllStandardOutput();
        int newline;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(newline);
            buffer.remove(0, newline + 1);
            if (line.startsWith("ack ")) lastAck = line.mid(4).toLong();
        }
    }
    return lastAck;
}

Json parse(const QByteArray& text) {
    return Json::parse(text.toStdString(), nullptr, false);
}

const QByteArray kCreate = R"({"TableName":"Users","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"UserID","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"UserID","KeyType":"HASH"}]})";
}  // namespace

class CliTest : public QObject {
    Q_OBJECT
  private slots:
    // A body piped through standard input arrives in pieces (a pipe holds 64 KiB); the
    // whole of it is read, up to DynamoDB's 16 MB request limit.
    void requestBodiesThroughAPipe() {
        QTemporaryDir dir;
        const QString data = dir.path();
        QCOMPARE(runCli({"call", "CreateTable", "--data", data, "--input", "-"},
                        R"({"TableName":"Big","BillingMode":"PAY_PER_REQUEST",
                            "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
                            "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})")
                     .exitCode,
                 0);
        // A PutItem body of exactly `size` bytes.
        const auto body = [](int size) {
            const QByteArray head =
                "{\"TableName\":\"Big\",\"Item\":{\"id\":{\"S\":\"k\"},\"pad\":{\"S\":\"";
            const QByteArray tail = "\"}}}";
            return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
        };
        for (int size : {64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1}) {
            Run put = runCli({"call", "PutItem", "--data", data, "--input", "-"}, body(size));
            QVERIFY2(put.exitCode == 0, put.err.constData());
        }
        // A megabyte is read whole: the item is refused for its size, not as broken JSON.
        Run large = runCli({"call", "PutItem", "--data", data, "--input", "-"}, body(1 << 20));
        QCOMPARE(large.exitCode, 1);
        QVERIFY2(large.err.contains("Item size has exceeded the maximum allowed size"),
                 large.err.constData());
        // One byte is read as one byte.
        Run tiny = runCli({"call", "PutItem", "--data", data, "--input", "-"}, "x");
        QCOMPARE(tiny.exitCode, 1);
        QVERIFY2(tiny.err.contains("Malformed JSON"), tiny.err.constData());
        // Past 16 MB the body is refused before it is parsed.
        Run over =
            runCli({"call", "PutItem", "--data", data, "--input", "-"}, body(16 * 1024 * 1024 + 1));
        QCOMPARE(over.exitCode, 2);  // refused as input, like a file that cannot be read
        QVERIFY2(over.err.contains("request body is larger than 16 MB"), over.err.constData());
    }

    void versionAndHelp() {
        Run version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains("shardscape-cli"));
        QVERIFY(version.out.contains(SHARDSCAPE_VERSION));
        Run help = runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("call <Operation>"));
        QVERIFY(help.out.contains("--data"));
        QVERIFY(help.out.contains("--input"));
    }

    void callRoundTripFromFileAndStdin() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        Run created = runCli({"call", "CreateTable", "--data", data, "--input", "-"}, kCreate);
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(parse(created.out)["TableDescription"]["TableStatus"], "ACTIVE");

        QFile put(dir.path() + "/put.json");
        QVERIFY(put.open(QIODevice::WriteOnly));
        put.write(
            R"({"TableName":"Users","Item":{"UserID":{"S":"101"},"Name":{"S":"Alex"},"Age":{"N":"42.0"}}})");
        put.close();
        Run putRun = runCli({"call", "PutItem", "--data", data, "--input", put.fileName()});
        QCOMPARE(putRun.exitCode, 0);
        QCOMPARE(parse(putRun.out), Json::object());

        Run get = runCli(
            {"call", "GetItem", "--data", data, "--input", "-"},
            R"({"TableName":"Users","Key":{"UserID":{"S":"101"}},"ReturnConsumedCapacity":"TOTAL"})");
        QCOMPARE(get.exitCode, 0);
        const Json response = parse(get.out);
        QCOMPARE(response["Item"],
                 Json::parse(R"({"UserID":{"S":"101"},"Name":{"S":"Alex"},"Age":{"N":"42"}})"));
        QCOMPARE(response["ConsumedCapacity"]["CapacityUnits"].get<double>(), 0.5);

        Run list = runCli({"call", "ListTables", "--data", data});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(parse(list.out)["TableNames"], Json::parse(R"(["Users"])"));
    }

    void executeStatementThroughTheCli() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QCOMPARE(runCli({"call", "CreateTable", "--data", data, "--input", "-"}, kCreate).exitCode,
                 0);
        auto statement = [&](const std::string& text) {
            const Json body = {{"Statement", text}, {"ReturnConsumedCapacity", "TOTAL"}};
            return runCli({"call", "ExecuteStatement", "--data", data, "--input", "-"},
                          QByteArray::fromStdString(body.dump()));
        };
        Run inserted = statement("INSERT INTO Users VALUE {'UserID': '7', 'Name': 'Sam'}");
        QCOMPARE(inserted.exitCode, 0);
        QCOMPARE(parse(inserted.out),
                 Json({{"Items", Json::array()},
                       {"ConsumedCapacity", {{"TableName", "Users"}, {"CapacityUnits", 1.0}}}}));
        Run selected = statement("SELECT Name FROM Users WHERE UserID = '7'");
        QCOMPARE(selected.exitCode, 0);
        QCOMPARE(parse(selected.out),
                 Json({{"Items", {{{"Name", {{"S", "Sam"}}}}}},
                       {"ConsumedCapacity", {{"TableName", "Users"}, {"CapacityUnits", 0.5}}}}));
        Run duplicate = statement("INSERT INTO Users VALUE {'UserID': '7'}");
        QCOMPARE(duplicate.exitCode, 1);
        QCOMPARE(parse(duplicate.err),
                 Json({{"__type", "com.amazonaws.dynamodb.v20120810#DuplicateItemException"},
                       {"message", "Duplicate primary key exists in table"}}));
    }

    void errorsPrintDynamoDbJsonAndExitOne() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        Run missing = runCli({"call", "GetItem", "--data", data, "--input", "-"},
                             R"({"TableName":"Nope","Key":{"id":{"S":"1"}}})");
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(parse(missing.err)["__type"],
                 "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
        QCOMPARE(parse(missing.err)["message"], "Requested resource not found");

        Run invalid = runCli({"call", "CreateTable", "--data", data, "--input", "-"},
                             R"({"TableName":"xyz"})");
        QCOMPARE(invalid.exitCode, 1);
        QCOMPARE(parse(invalid.err)["__type"], "com.amazon.coral.validate#ValidationException");
        QVERIFY(parse(invalid.err)["message"].get<std::string>().starts_with(
            "2 validation errors detected: "));

        Run unknown = runCli({"call", "FlyToTheMoon", "--data", data});
        QCOMPARE(unknown.exitCode, 1);
        QCOMPARE(parse(unknown.err)["__type"],
                 "com.amazon.coral.service#UnknownOperationException");
    }

    void badInvocationsExitTwo() {
        QTemporaryDir dir;
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(runCli({"call"}).exitCode, 2);
        Run noFile = runCli(
            {"call", "ListTables", "--data", dir.path(), "--input", dir.path() + "/absent.json"});
        QCOMPARE(noFile.exitCode, 2);
        QVERIFY(noFile.err.contains("absent.json"));
    }

    // Truncated, garbage and hostile bodies give a clean error and leave the data intact.
    void badInputNeverCorruptsData() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QCOMPARE(runCli({"call", "CreateTable", "--data", data, "--input", "-"}, kCreate).exitCode,
                 0);
        const QByteArray good =
            R"({"TableName":"Users","Item":{"UserID":{"S":"keep"},"v":{"L":[{"M":{"a":{"N":"1"}}}]}}})";
        QCOMPARE(runCli({"call", "PutItem", "--data", data, "--input", "-"}, good).exitCode, 0);

        QList<QByteArray> bodies;
        for (int cut = 1; cut < good.size(); cut += 7) bodies << good.left(cut);
        bodies << QByteArray("\x00\xff\xfe garbage", 12) << "[]"
               << "null"
               << "42"
               << "\"text\""
               << R"({"TableName":"Users","Item":{"UserID":{"S":"x"},"deep":)" +
                      QByteArray(5000, '[')
               << "{}";
        for (const QByteArray& body : bodies) {
            Run run = runCli({"call", "PutItem", "--data", data, "--input", "-"}, body);
            QVERIFY2(run.exitCode == 1, body.left(60).constData());
            QVERIFY2(parse(run.err).contains("__type"), run.err.left(200).constData());
        }
        Run get = runCli({"call", "GetItem", "--data", data, "--input", "-"},
                         R"({"TableName":"Users","Key":{"UserID":{"S":"keep"}}})");
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(parse(get.out)["Item"]["v"], Json::parse(R"({"L":[{"M":{"a":{"N":"1"}}}]})"));
        Run describe = runCli({"call", "DescribeTable", "--data", data, "--input", "-"},
                              R"({"TableName":"Users"})");
        QCOMPARE(parse(describe.out)["Table"]["ItemCount"], 1);
    }

    // A write that returned success survives kill -9 of the process, and the table's
    // statistics stay consistent with its items.
    void acknowledgedWritesSurviveKill9() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QProcess writer;
        writer.start(DURABILITY_WRITER, {data});
        QVERIFY(writer.waitForStarted());
        const long lastAck = readAcksUntil(writer, 3000);
        QVERIFY2(lastAck >= 3000, writer.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
        writer.waitForFinished();
        // Acks printed after our last read are also durable, so count what is really there.
        auto engine = Engine::open(data.toStdString());
        QVERIFY(engine.ok());
        for (long i = 0; i <= lastAck; ++i) {
            Json key = {{"TableName", "Journal"}, {"Key", {{"id", {{"N", std::to_string(i)}}}}}};
            auto got = dispatch(**engine, "GetItem", key);
            QVERIFY(got.ok());
            QVERIFY2(got->contains("Item"),
                     qPrintable(QString("acknowledged item %1 lost").arg(i)));
        }
        long total = 0;
        Json request = {{"TableName", "Journal"}, {"Select", "COUNT"}};
        while (true) {
            auto page = dispatch(**engine, "Scan", request);
            QVERIFY(page.ok());
            total += (*page)["Count"].get<long>();
            if (!page->contains("LastEvaluatedKey")) break;
            request["ExclusiveStartKey"] = (*page)["LastEvaluatedKey"];
        }
        QVERIFY(total >= lastAck + 1);
        auto described = (*engine)->describeTable("Journal");
        QCOMPARE(described->second.itemCount, static_cast<int64_t>(total));
    }

    // An index created through the CLI is backfilled before the call's process exits.
    void onlineIndexThroughTheCli() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QCOMPARE(runCli({"call", "CreateTable", "--data", data, "--input", "-"}, kCreate).exitCode,
                 0);
        for (const char* id : {"1", "2", "3"}) {
            QByteArray put =
                R"({"TableName":"Users","Item":{"UserID":{"S":"@@"},"Plan":{"S":"pro"}}})";
            put.replace("@@", id);
            QCOMPARE(runCli({"call", "PutItem", "--data", data, "--input", "-"}, put).exitCode, 0);
        }
        Run created = runCli(
            {"call", "UpdateTable", "--data", data, "--input", "-"},
            R"({"TableName":"Users","AttributeDefinitions":[{"AttributeName":"Plan","AttributeType":"S"}],
            "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byPlan","KeySchema":[{"AttributeName":"Plan","KeyType":"HASH"}],
            "Projection":{"ProjectionType":"KEYS_ONLY"}}}]})");
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(parse(created.out)["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"],
                 "CREATING");
        Run described = runCli({"call", "DescribeTable", "--data", data, "--input", "-"},
                               R"({"TableName":"Users"})");
        const Json index = parse(described.out)["Table"]["GlobalSecondaryIndexes"][0];
        QCOMPARE(index["IndexStatus"], "ACTIVE");
        QCOMPARE(index["ItemCount"], 3);
        Run queried =
            runCli({"call", "Query", "--data", data, "--input", "-"},
                   "{\"TableName\":\"Users\",\"IndexName\":\"byPlan\",\"KeyConditionExpression\":"
                   "\"\x23p = :p\",\"ExpressionAttributeNames\":{\"\x23p\":\"Plan\"},"
                   "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"pro\"}}}");
        QCOMPARE(parse(queried.out)["Count"], 3);
    }

    // A transaction is one atomic batch with its index updates and stream records: after
    // kill -9 at any moment the table holds exactly the state after some transaction L, and
    // every index and the table's stream agree with the table.
    void transactionsAndIndexesSurviveKill9() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QProcess writer;
        writer.start(DURABILITY_WRITER, {data, "transactions"});
        QVERIFY(writer.waitForStarted());
        const long lastAck = readAcksUntil(writer, 1500);
        QVERIFY2(lastAck >= 1500, writer.readAllStandardError().constData());
        ::kill(static_cast<pid_t>(writer.processId()), SIGKILL);
        writer.waitForFinished();

        auto opened = Engine::open(data.toStdString());
        QVERIFY(opened.ok());
        Engine& engine = **opened;
        auto scanAll = [&](const Json& base) {
            std::vector<Json> items;
            Json request = base;
            while (true) {
                auto page = dispatch(engine, "Scan", request);
                if (!page) qFatal("%s", page.error().message.c_str());
                for (const auto& item : (*page)["Items"]) items.push_back(item);
                if (!page->contains("LastEvaluatedKey")) break;
                request["ExclusiveStartKey"] = (*page)["LastEvaluatedKey"];
            }
            return items;
        };
        const auto table = scanAll({{"TableName", "Ledger"}});
        long last = -1;
        std::set<long> a, b;
        for (const auto& item : table) {
            const std::string pk = item["pk"]["S"];
            if (pk == "ctr") last = std::stol(item["last"]["N"].get<std::string>());
            if (pk == "a") a.insert(std::stol(item["sk"]["S"].get<std::string>()));
            if (pk == "b") b.insert(std::stol(item["sk"]["S"].get<std::string>()));
        }
        QVERIFY(last >= lastAck);
        std::set<long> expectedA, expectedB;
        for (long i = 0; i <= last; ++i) {
            expectedB.insert(i);
            if (i > last - 5) expectedA.insert(i);
        }
        QCOMPARE(a, expectedA);
        QCOMPARE(b, expectedB);
        // Each index holds exactly one entry per table item (every item has the index keys),
        // and its figures match.
        auto keysOf = [](const std::vector<Json>& items) {
            std::set<std::string> keys;
            for (const auto& item : items)
                keys.insert(item["pk"]["S"].get<std::string>() + "/" +
                            item["sk"]["S"].get<std::string>());
            return keys;
        };
        const auto tableKeys = keysOf(table);
        const auto gsi = scanAll({{"TableName", "Ledger"}, {"IndexName", "byG"}});
        const auto lsi = scanAll({{"TableName", "Ledger"}, {"IndexName", "byN"}});
        QCOMPARE(keysOf(gsi), tableKeys);
        QCOMPARE(keysOf(lsi), tableKeys);
        QCOMPARE(gsi.size(), table.size());
        QCOMPARE(lsi.size(), table.size());
        for (const auto& entry : gsi) {
            if (entry["pk"]["S"] != "ctr") continue;
            QCOMPARE(entry["last"]["N"].get<std::string>(), std::to_string(last));
        }
        auto described = engine.describeTable("Ledger");
        QCOMPARE(described->second.itemCount, static_cast<int64_t>(table.size()));
        for (const auto& index : described->first.indexes)
            QCOMPARE(described->second.indexes.at(index.id).itemCount,
                     static_cast<int64_t>(table.size()));

        // The stream holds exactly the records of transactions 0..last, in order: no record
        // lost or invented by the kill (they are in the transaction's batch).
        const std::string arn = described->first.streamArn(described->first.streams.back());
        auto stream = dispatch(engine, "DescribeStream", Json{{"StreamArn", arn}});
        QVERIFY(stream.ok());
        const Json shards = (*stream)["StreamDescription"]["Shards"];
        QCOMPARE(shards.size(), size_t(1));
        auto iterator = dispatch(engine, "GetShardIterator",
                                 Json{{"StreamArn", arn},
                                      {"ShardId", shards[0]["ShardId"]},
                                      {"ShardIteratorType", "TRIM_HORIZON"}});
        QVERIFY(iterator.ok());
        std::vector<std::string> events, expected;
        std::string next = (*iterator)["ShardIterator"];
        while (true) {
            auto page = dispatch(engine, "GetRecords", Json{{"ShardIterator", next}});
            QVERIFY(page.ok());
            if ((*page)["Records"].empty()) break;
            for (const auto& record : (*page)["Records"]) {
                const Json& keys = record["dynamodb"]["Keys"];
                std::string event = record["eventName"];
                event.append(" ").append(keys["pk"]["S"].get<std::string>());
                event.append("/").append(keys["sk"]["S"].get<std::string>());
                if (keys["pk"]["S"] == "ctr")
                    event.append("=").append(
                        record["dynamodb"]["NewImage"]["last"]["N"].get<std::string>());
                events.push_back(event);
            }
            next = (*page)["NextShardIterator"];
        }
        for (long i = 0; i <= last; ++i) {
            expected.push_back(std::string("INSERT a/").append(std::to_string(i)));
            expected.push_back(std::string("INSERT b/").append(std::to_string(i)));
            expected.push_back(std::string(i == 0 ? "INSERT" : "MODIFY") +
                               " ctr/0=" + std::to_string(i));
            if (i >= 5) expected.push_back(std::string("REMOVE a/").append(std::to_string(i - 5)));
        }
        QCOMPARE(events.size(), expected.size());
        QVERIFY(events == expected);
    }

    // A failed ConditionExpression is DynamoDB's error body, with the current item on request.
    void conditionalCheckFailureFromTheCli() {
        QTemporaryDir dir;
        const QString data = dir.path() + "/data";
        QCOMPARE(runCli({"call", "CreateTable", "--data", data, "--input", "-"}, kCreate).exitCode,
                 0);
        const QByteArray put =
            R"J({"TableName":"Users","Item":{"UserID":{"S":"1"},"Plan":{"S":"free"}},"ConditionExpression":"attribute_not_exists(UserID)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"})J";
        QCOMPARE(runCli({"call", "PutItem", "--data", data, "--input", "-"}, put).exitCode, 0);
        Run again = runCli({"call", "PutItem", "--data", data, "--input", "-"}, put);
        QCOMPARE(again.exitCode, 1);
        const Json body = parse(again.err);
        QCOMPARE(body["__type"],
                 "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
        QCOMPARE(body["message"], "The conditional request failed");
        QCOMPARE(body["Item"], Json::parse(R"({"UserID":{"S":"1"},"Plan":{"S":"free"}})"));

        // Without ALL_OLD the body is just the type and message, and the item is untouched.
        const QByteArray plain =
            R"J({"TableName":"Users","Item":{"UserID":{"S":"1"},"Plan":{"S":"pro"}},"ConditionExpression":"attribute_not_exists(UserID)"})J";
        Run quiet = runCli({"call", "PutItem", "--data", data, "--input", "-"}, plain);
        QCOMPARE(quiet.exitCode, 1);
        QCOMPARE(
            parse(quiet.err),
            Json({{"__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"},
                  {"message", "The conditional request failed"}}));
        Run get = runCli({"call", "GetItem", "--data", data, "--input", "-"},
                         R"({"TableName":"Users","Key":{"UserID":{"S":"1"}}})");
        QCOMPARE(get.exitCode, 0);
        QCOMPARE(parse(get.out)["Item"],
                 Json::parse(R"({"UserID":{"S":"1"},"Plan":{"S":"free"}})"));
    }

    // The GUI and the CLI share one data directory; a second process gets a clear error (the
    // engine says Busy; the CLI tells what to do), not a DynamoDB error body.
    void dataDirectoryInUseIsReported() {
        QTemporaryDir dir;
        auto engine = Engine::open(dir.path().toStdString());
        QVERIFY(engine.ok());
        // In this process too, a second open is refused as Busy, and leaves the first one's
        // lock alone (the processes below still find it).
        auto again = Engine::open(dir.path().toStdString() + "/.");
        QVERIFY(!again.ok());
        QVERIFY(again.error().isBusy());
        QVERIFY(again.error().message.ends_with("is already open in this Shardscape process"));
        for (const QStringList& command :
             {QStringList{"call", "ListTables", "--data", dir.path()},
              QStringList{"dump", "--data", dir.path(), "--table", "T"},
              QStringList{"serve", "--data", dir.path(), "--port", "0"}}) {
            Run run = runCli(command);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.startsWith(("shardscape-cli: Data directory " + dir.path() +
                                         " is in use by another Shardscape process")
                                            .toUtf8()),
                     run.err.constData());
            QVERIFY2(run.err.contains("\nClose the other Shardscape"), run.err.constData());
        }
        // A data directory that cannot be created, or whose lock file cannot be opened, is
        // not "in use".
        QTemporaryDir parent;
        QFile file(parent.filePath("plain-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto blocked = Engine::open(parent.filePath("plain-file/data").toStdString());
        QVERIFY(!blocked.ok());
        QVERIFY(!blocked.error().isBusy());
        QCOMPARE(blocked.error().code, ErrorCode::IOError);
        QVERIFY(QDir(parent.path()).mkpath("locked/LOCK"));  // a lock file LevelDB cannot open
        auto unlockable = Engine::open(parent.filePath("locked").toStdString());
        QVERIFY(!unlockable.ok());
        QVERIFY(!unlockable.error().isBusy());
        QCOMPARE(unlockable.error().code, ErrorCode::IOError);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
