// The workload simulator in execute mode: real requests through dispatch() against a
// temporary engine under a simulated clock. Cross-checked against model mode on the same
// scenarios (consumed totals within 2 %), a hot key throttled as the model throttles it, and
// `shardscape-cli simulate --mode execute` as a real process.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "operation_test_support.h"
#include "simulator.h"
#include "workload_execution.h"

using namespace shardscape;

class ExecuteModeTest : public QObject {
    Q_OBJECT

  private slots:
    void consumedTotalsMatchModelMode();
    void hotKeyThrottlesAsTheModelSays();
    void globalIndexReadsAndBackPressure();
    void tooManyRequestsIsAClearError();
    void cliRunsExecuteMode();
};

namespace {

// 100 s of reads, puts and updates over 1,000 keys at 1,000 requests a second: nothing
// throttles, so both modes consume what the requests cost.
const char* kMixedScenario = R"J({
    "name": "mixed",
    "durationSeconds": 100,
    "seed": 3,
    "table": {"name": "Users", "partitionKey": "pk", "billingMode": "PROVISIONED",
              "readCapacityUnits": 1000, "writeCapacityUnits": 1000,
              "itemCount": 2000, "itemSizeBytes": 1000},
    "workload": [
        {"name": "reads", "operation": "GetItem", "itemSizeBytes": 1000,
         "rate": {"type": "constant", "rate": 500},
         "keys": {"distribution": "uniform", "keyCount": 1000, "prefix": "user-"}},
        {"name": "strong reads", "operation": "GetItem", "itemSizeBytes": 1000,
         "consistentRead": true, "rate": {"type": "constant", "rate": 100},
         "keys": {"distribution": "zipf", "keyCount": 1000, "exponent": 1.1, "prefix": "user-"}},
        {"name": "puts", "operation": "PutItem", "itemSizeBytes": 1000,
         "rate": {"type": "constant", "rate": 250},
         "keys": {"distribution": "uniform", "keyCount": 1000, "prefix": "user-"}},
        {"name": "updates", "operation": "UpdateItem", "itemSizeBytes": 1000,
         "rate": {"type": "constant", "rate": 150},
         "keys": {"distribution": "uniform", "keyCount": 1000, "prefix": "user-"}}
    ]
})J";

// One key written at 1,500 WCU on a 10,000 WCU table (ten partitions of 1,000 WCU each).
const char* kHotKeyScenario = R"J({
    "name": "hot",
    "durationSeconds": 30,
    "seed": 5,
    "table": {"name": "Events", "partitionKey": "pk", "billingMode": "PROVISIONED",
              "readCapacityUnits": 1, "writeCapacityUnits": 10000,
              "itemCount": 100, "itemSizeBytes": 1000},
    "workload": [
        {"name": "hot writes", "operation": "PutItem", "itemSizeBytes": 1000,
         "rate": {"type": "constant", "rate": 1500},
         "keys": {"distribution": "hotKey", "keyCount": 1, "hotShare": 1, "prefix": "device-"}}
    ]
})J";

// Writes to a table whose index (1 WCU and its burst, one hot index key) cannot keep up, and
// index reads.
const char* kIndexScenario = R"J({
    "name": "index",
    "durationSeconds": 20,
    "seed": 11,
    "table": {"name": "Orders", "partitionKey": "pk", "billingMode": "PROVISIONED",
              "readCapacityUnits": 100, "writeCapacityUnits": 1000,
              "itemCount": 500, "itemSizeBytes": 500,
              "globalSecondaryIndexes": [
                  {"name": "ByStatus", "readCapacityUnits": 100, "writeCapacityUnits": 1,
                   "keys": {"distribution": "hotKey", "keyCount": 1, "hotShare": 1,
                            "prefix": "status-"}}]},
    "workload": [
        {"name": "orders", "operation": "PutItem", "itemSizeBytes": 500,
         "rate": {"type": "constant", "rate": 50},
         "keys": {"distribution": "uniform", "keyCount": 100000, "prefix": "order-"}},
        {"name": "by status", "operation": "Query", "index": "ByStatus", "itemsPerQuery": 1,
         "rate": {"type": "constant", "rate": 20},
         "keys": {"distribution": "hotKey", "keyCount": 1, "hotShare": 1, "prefix": "status-"}}
    ]
})J";

Scenario parse(const char* text) {
    auto scenario = Scenario::fromText(text);
    if (!scenario) qFatal("%s", scenario.error().message.c_str());
    return *scenario;
}

SimulationReport modelRun(const Scenario& scenario) {
    auto report = simulate(scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

SimulationReport executeRun(const Scenario& scenario) {
    auto report = executeScenario(scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

bool within(double actual, double expected, double share) {
    return std::abs(actual - expected) <= share * expected;
}

std::string figures(double execute, double model) {
    std::string out = "execute ";
    out.append(std::to_string(execute));
    out.append(" model ");
    out.append(std::to_string(model));
    return out;
}

std::string readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

}  // namespace

void ExecuteModeTest::consumedTotalsMatchModelMode() {
    const Scenario scenario = parse(kMixedScenario);
    const SimulationReport model = modelRun(scenario);
    const SimulationReport execute = executeRun(scenario);
    QCOMPARE(execute.mode, std::string("execute"));
    QCOMPARE(execute.durationSeconds, 100);
    QCOMPARE(execute.throttledRequests, 0.0);
    QVERIFY2(within(execute.requests, 100'000, 0.02), figures(execute.requests, 100'000).c_str());
    const ResourceReport& e = execute.resources.at(0);
    const ResourceReport& m = model.resources.at(0);
    QVERIFY2(within(e.totalRead, m.totalRead, 0.02), figures(e.totalRead, m.totalRead).c_str());
    QVERIFY2(within(e.totalWrite, m.totalWrite, 0.02), figures(e.totalWrite, m.totalWrite).c_str());
    // Per stream too, and the per-second series add up to the totals.
    for (size_t s = 0; s < execute.streams.size(); ++s)
        QVERIFY2(within(execute.streams[s].consumedUnits, model.streams[s].consumedUnits, 0.02),
                 figures(execute.streams[s].consumedUnits, model.streams[s].consumedUnits).c_str());
    QCOMPARE(e.consumedWrite.size(), size_t(100));
    double perSecond = 0;
    for (float units : e.consumedWrite) perSecond += units;
    QCOMPARE(perSecond, e.totalWrite);
    QCOMPARE(e.finalPartitionCount, m.finalPartitionCount);
    QVERIFY(execute.cost.provisioned.has_value());
    QVERIFY(within(*execute.cost.provisioned, *model.cost.provisioned, 0.001));
    // The zipf stream's most requested key is its rank 0.
    bool found = false;
    for (const HotKey& key : execute.hotKeys)
        if (key.stream == "strong reads" && key.key == "user-0") found = true;
    QVERIFY(found);
}

void ExecuteModeTest::hotKeyThrottlesAsTheModelSays() {
    const Scenario scenario = parse(kHotKeyScenario);
    const SimulationReport model = modelRun(scenario);
    const SimulationReport execute = executeRun(scenario);
    const ResourceReport& e = execute.resources.at(0);
    // ceil(1 / 3,000 + 10,000 / 1,000) = 11 partitions, as in model mode; with adaptive
    // capacity the hot key's partition serves its maximum, 1,000 WCU a second.
    QCOMPARE(e.finalPartitionCount, 11);
    QCOMPARE(model.resources[0].finalPartitionCount, 11);
    QVERIFY2(within(e.totalWrite, 30'000, 0.02), figures(e.totalWrite, 30'000).c_str());
    QVERIFY2(within(e.totalWrite, model.resources[0].totalWrite, 0.02),
             figures(e.totalWrite, model.resources[0].totalWrite).c_str());
    QVERIFY2(within(execute.throttledRequests, model.throttledRequests, 0.05),
             figures(execute.throttledRequests, model.throttledRequests).c_str());
    QCOMPARE(execute.throttledByError.size(), size_t(1));
    QCOMPARE(execute.throttledByError.at("ProvisionedThroughputExceededException"),
             execute.throttledRequests);
    QCOMPARE(execute.hotKeys.at(0).key, std::string("device-0"));
    QCOMPARE(execute.hotKeys.at(0).throttledRequests, execute.throttledRequests);
    // Exactly one partition is hot, every second.
    int hotPartitions = 0;
    for (const PartitionSeries& partition : e.partitions) {
        double throttled = 0;
        for (float t : partition.throttledRequests) throttled += t;
        if (throttled > 0) ++hotPartitions;
        if (throttled > 0) QCOMPARE(partition.id, execute.hotKeys.at(0).partitionId);
    }
    QCOMPARE(hotPartitions, 1);
}

void ExecuteModeTest::globalIndexReadsAndBackPressure() {
    const Scenario scenario = parse(kIndexScenario);
    const SimulationReport model = modelRun(scenario);
    const SimulationReport execute = executeRun(scenario);
    QCOMPARE(execute.resources.size(), size_t(2));
    const ResourceReport& index = execute.resources.at(1);
    QCOMPARE(index.name, std::string("ByStatus"));
    QVERIFY(index.isIndex);
    // 1 WCU on the index and 300 units of burst: once the burst is spent it takes one write
    // a second; the table write of the rest is refused (back-pressure), as in model mode.
    QVERIFY2(within(index.totalWrite, 320, 0.05), figures(index.totalWrite, 320).c_str());
    QVERIFY2(within(index.totalWrite, model.resources[1].totalWrite, 0.02),
             figures(index.totalWrite, model.resources[1].totalWrite).c_str());
    // Every table write the index admitted (a put that leaves its index entry unchanged
    // writes no entry, hence the slack).
    QVERIFY2(within(execute.resources[0].totalWrite, index.totalWrite, 0.03),
             figures(execute.resources[0].totalWrite, index.totalWrite).c_str());
    QVERIFY2(within(execute.throttledRequests, model.throttledRequests, 0.05),
             figures(execute.throttledRequests, model.throttledRequests).c_str());
    QVERIFY(execute.streams.at(0).throttledRequests > 600);
    QCOMPARE(execute.throttledByError.count("ProvisionedThroughputExceededException"), size_t(1));
    QCOMPARE(execute.streams.at(1).throttledRequests, 0.0);
    QVERIFY(index.totalRead > 0);  // the index queries were charged to the index
    QCOMPARE(execute.resources[0].totalRead, 0.0);
}

void ExecuteModeTest::tooManyRequestsIsAClearError() {
    Json big = Json::parse(kHotKeyScenario);
    big["durationSeconds"] = 3600;
    auto report = executeScenario(parse(big.dump().c_str()));
    QVERIFY(!report);
    QCOMPARE(report.error().message,
             std::string("scenario.workload: execute mode runs at most 200000 requests, and this "
                         "scenario makes about 5400000 (shorten durationSeconds, lower the rates, "
                         "or use model mode)"));
}

void ExecuteModeTest::cliRunsExecuteMode() {
    QTemporaryDir dir;
    Json small = Json::parse(kHotKeyScenario);
    small["durationSeconds"] = 5;
    {
        QFile file(dir.filePath("hot.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(small.dump()));
    }
    QProcess cli;
    cli.start(SHARDSCAPE_CLI,
              {"simulate", dir.filePath("hot.json"), "--out", dir.filePath("r.json"), "--mode",
               "execute", "--csv", dir.filePath("csv")});
    QVERIFY(cli.waitForFinished(60000));
    const QString errors = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(errors.contains("simulating hot: 5/5 s (100%)"), qPrintable(errors));
    const Json written = Json::parse(readFile(dir.filePath("r.json")));
    QCOMPARE(written.at("mode").get<std::string>(), std::string("execute"));
    QVERIFY(written.at("summary").at("throttledRequests").get<double>() > 1000);
    // The report equals the in-process run's (deterministic with the seed).
    QCOMPARE(QString::fromStdString(written.dump()),
             QString::fromStdString(executeRun(parse(small.dump().c_str())).toJson().dump()));
    QVERIFY(QFile::exists(dir.filePath("csv/partitions.csv")));

    // A scenario too large for execute mode: exit 1 with the reason.
    QProcess tooBig;
    tooBig.start(SHARDSCAPE_CLI, {"simulate", QString(SHARDSCAPE_SCENARIOS) + "/hot-key.json",
                                  "--out", dir.filePath("big.json"), "--mode", "execute"});
    QVERIFY(tooBig.waitForFinished(60000));
    QCOMPARE(tooBig.exitCode(), 1);
    QVERIFY(QString::fromUtf8(tooBig.readAllStandardError())
                .contains("execute mode runs at most 200000 requests"));
}

QTEST_GUILESS_MAIN(ExecuteModeTest)
#include "test_execute_mode.moc"
