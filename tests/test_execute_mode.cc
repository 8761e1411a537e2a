// The workload simulator in execute mode: real requests through dispatch() against a
// temporary engine under a simulated clock. Cross-checked against model mode on the same
// scenarios (consumed totals within 2 %), a hot key throttled as the model throttles it, and
// `shardscape-cli simulate --mode execute` as a real process.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "operation_test_support.h"
#include "simulation/simulator.h"
#include "simulation/workload_execution.h"

using namespace shardscape;

class ExecuteModeTest : public QObject {
    Q_OBJECT

  private slots:
    void consumedTotalsMatchModelMode();
    void hotKeyThrottlesAsTheModelSays();
    void globalIndexReadsAndBackPressure();
    void severalTablesInBothModes();
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

// Two tables: one with a hot key that throttles, one with even traffic that does not.
const char* kTwoTablesScenario = R"J({
    "name": "two tables",
    "durationSeconds": 30,
    "seed": 9,
    "tables": [
        {"name": "Devices", "partitionKey": "device", "billingMode": "PROVISIONED",
         "readCapacityUnits": 10, "writeCapacityUnits": 4000, "itemCount": 10},
        {"name": "Users", "partitionKey": "user", "billingMode": "PAY_PER_REQUEST",
         "itemCount": 1000, "itemSizeBytes": 2000,
         "globalSecondaryIndexes": [{"name": "ByEmail",
             "keys": {"distribution": "uniform", "keyCount": 1000, "prefix": "mail-"}}]}
    ],
    "workload": [
        {"name": "hot device", "table": "Devices", "operation": "PutItem", "itemSizeBytes": 500,
         "rate": {"type": "constant", "rate": 1300},
         "keys": {"distribution": "hotKey", "keyCount": 1, "hotShare": 1, "prefix": "d-"}},
        {"name": "user reads", "table": "Users", "operation": "GetItem", "itemSizeBytes": 2000,
         "rate": {"type": "constant", "rate": 400},
         "keys": {"distribution": "uniform", "keyCount": 1000, "prefix": "u-"}},
        {"name": "user writes", "table": "Users", "operation": "PutItem", "itemSizeBytes": 2000,
         "rate": {"type": "constant", "rate": 100},
         "keys": {"distribution": "uniform", "keyCount": 100000, "prefix": "new-"}}
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

void ExecuteModeTest::severalTablesInBothModes() {
    const Scenario scenario = parse(kTwoTablesScenario);
    QCOMPARE(scenario.tables.size(), size_t(2));
    QCOMPARE(scenario.streams.at(1).table, 1);
    const SimulationReport model = modelRun(scenario);
    const SimulationReport execute = executeRun(scenario);
    for (const SimulationReport* report : {&model, &execute}) {
        QCOMPARE(report->resources.size(), size_t(3));
        QCOMPARE(report->resources[0].name, std::string("Devices"));
        QCOMPARE(report->resources[1].name, std::string("Users"));
        QCOMPARE(report->resources[2].name, std::string("ByEmail"));
        QVERIFY(report->resources[2].isIndex);
        // The hot device's partition serves 1,000 WCU a second; the rest throttles. Users,
        // on demand with even traffic, never throttles.
        QVERIFY(report->streams[0].throttledRequests > 0.2 * report->streams[0].requests);
        QCOMPARE(report->streams[1].throttledRequests, 0.0);
        QCOMPARE(report->streams[2].throttledRequests, 0.0);
        QCOMPARE(report->resources[1].throttled, 0.0);
    }
    QVERIFY2(within(execute.resources[0].totalWrite, model.resources[0].totalWrite, 0.02),
             figures(execute.resources[0].totalWrite, model.resources[0].totalWrite).c_str());
    // Users sees ~3,000 writes: two Poisson draws differ by ~2.6 % (one sigma), hence 5 %.
    QVERIFY2(within(execute.resources[1].totalRead, model.resources[1].totalRead, 0.05),
             figures(execute.resources[1].totalRead, model.resources[1].totalRead).c_str());
    QVERIFY2(within(execute.resources[1].totalWrite, model.resources[1].totalWrite, 0.05),
             figures(execute.resources[1].totalWrite, model.resources[1].totalWrite).c_str());
    // Each put writes the index entry of its item (a replaced item's changed entry: two).
    QVERIFY(execute.resources[2].totalWrite >= execute.streams[2].requests);
    QVERIFY(execute.resources[2].totalWrite <= 1.1 * execute.streams[2].requests);
    QCOMPARE(execute.hotKeys.at(0).key, std::string("d-0"));

    // Errors name the field.
    Json bad = Json::parse(kTwoTablesScenario);
    bad["workload"][1]["table"] = "Nope";
    auto unknown = Scenario::fromJson(bad);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().message,
             std::string("scenario.workload[1].table: names no table of the scenario ('Nope')"));
    bad = Json::parse(kTwoTablesScenario);
    bad["tables"][1]["name"] = "Devices";
    QCOMPARE(Scenario::fromJson(bad).error().message,
             std::string("scenario.tables[1].name: is a duplicate"));
    bad = Json::parse(kTwoTablesScenario);
    bad["table"] = bad["tables"][0];
    QCOMPARE(Scenario::fromJson(bad).error().message,
             std::string("scenario.tables: cannot be given with table"));
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
