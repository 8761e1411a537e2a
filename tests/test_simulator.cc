// The workload simulator in model mode: the five proof scenarios bundled in
// resources/scenarios, GSI back-pressure, determinism, field-named errors for bad scenarios,
// and `shardscape-cli simulate` as a real process.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <set>

#include "simulation/simulator.h"
#include "storage/storage_layout.h"

using namespace shardscape;

class SimulatorTest : public QObject {
    Q_OBJECT

  private slots:
    void hotKeyThrottlesBelowTableCapacity();
    void writeShardingDoesNotThrottle();
    void burstAbsorbsAMinuteSpikeButNotTenMinutes();
    void onDemandAbsorbsDoubleButNotASuddenFiveTimes();
    void autoScalingFollowsADailySine();
    void globalIndexBackPressureThrottlesBaseWrites();
    void sameSeedSameReport();
    void badScenariosNameTheField_data();
    void badScenariosNameTheField();
    void cliWritesReportAndCsv();
    void cliRejectsBadScenarios();
};

namespace {

std::string readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

QString scenarioPath(const char* name) {
    return QString(SHARDSCAPE_SCENARIOS) + "/" + name + ".json";
}

Scenario loadScenario(const char* name) {
    auto scenario = Scenario::fromText(readFile(scenarioPath(name)));
    if (!scenario) qFatal("%s: %s", name, scenario.error().message.c_str());
    return *scenario;
}

SimulationReport run(const Scenario& scenario, std::optional<uint64_t> seed = std::nullopt) {
    SimulationOptions options;
    options.seed = seed;
    auto report = simulate(scenario, options);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

double sumOver(const std::vector<float>& series, int from, int to) {
    double total = 0;
    for (int i = from; i < to; ++i) total += series[i];
    return total;
}

const StreamReport& stream(const SimulationReport& report, const std::string& name) {
    for (const auto& s : report.streams)
        if (s.name == name) return s;
    qFatal("no stream %s", name.c_str());
}

}  // namespace

void SimulatorTest::hotKeyThrottlesBelowTableCapacity() {
    const SimulationReport report = run(loadScenario("hot-key"));
    const ResourceReport& table = report.resources.at(0);
    QCOMPARE(report.throttledByError.size(), size_t(1));
    QCOMPARE(report.throttledByError.at("ProvisionedThroughputExceededException"),
             report.throttledRequests);
    QCOMPARE(report.hotKeys.at(0).key, std::string("device-0"));
    const uint64_t hotHash = layout::partitionHash(AttributeValue::string("device-0"));
    // 11 partitions (ceil(1 / 3,000 + 10,000 / 1,000)); the hot key's partition takes 1,500
    // WCU plus its share of the background but serves the 1,000 WCU partition maximum every
    // second ...
    const PartitionSeries* first = nullptr;
    const PartitionSeries* isolated = nullptr;
    for (const auto& series : table.partitions) {
        if (series.firstHash > hotHash || series.lastHash < hotHash) continue;
        (series.firstSecond == 0 ? first : isolated) = &series;
    }
    QVERIFY(first && isolated);
    QCOMPARE(int(first->consumedWrite.size()), 300);
    for (float units : first->consumedWrite) QVERIFY(std::abs(units - 1000) < 0.01);
    // ... while the table uses less than half of its 10,000 WCU.
    for (int second = 0; second < 600; ++second) {
        QCOMPARE(table.capacityWrite[second], 10000.0f);
        QVERIFY(table.consumedWrite[second] < 5000);
    }
    // After 300 s of throttling with capacity to spare, split for heat isolates the key in a
    // partition of its own (two splits at second 299: 11 + 2 partitions) ...
    QCOMPARE(table.finalPartitionCount, 13);
    QCOMPARE(int(table.splits.size()), 2);
    for (const SplitEvent& split : table.splits) {
        QCOMPARE(std::string(split.reason), std::string("heat"));
        QCOMPARE(split.second, 299.0);
    }
    QCOMPARE(isolated->firstHash, hotHash);
    QCOMPARE(isolated->lastHash, hotHash);
    QCOMPARE(isolated->firstSecond, 300);
    QCOMPARE(report.hotKeys.at(0).partitionId, isolated->id);
    // ... where adaptive capacity gives it the full 1,000 WCU, and still one key cannot get
    // more: about 500 of its 1,500 writes a second are throttled, and nothing else.
    for (float units : isolated->consumedWrite) QVERIFY(std::abs(units - 1000) < 0.01);
    const double lateThrottles = sumOver(table.throttledRequests, 300, 600) / 300;
    QVERIFY2(std::abs(lateThrottles - 500) < 20, qPrintable(QString::number(lateThrottles)));
    const StreamReport& hot = stream(report, "hot key writes");
    QVERIFY(hot.throttledRequests > 0.35 * hot.requests);
    QVERIFY(hot.throttledRequests < 0.42 * hot.requests);
    QVERIFY(report.hotKeys.at(0).throttledRequests > 0.35 * report.hotKeys.at(0).requests);
}

void SimulatorTest::writeShardingDoesNotThrottle() {
    const SimulationReport report = run(loadScenario("write-sharding"));
    QCOMPARE(report.throttledRequests, 0.0);
    QVERIFY(report.throttledByError.empty());
    const StreamReport& sharded = stream(report, "sharded hot key writes");
    QVERIFY(std::abs(sharded.requests - 900000) < 9000);  // 1,500/s for 600 s, within 1 %
    // The ten shards are the hottest keys, 90,000 requests each, spread over partitions.
    std::set<int> partitions;
    for (int i = 0; i < 10; ++i) {
        const HotKey& key = report.hotKeys.at(i);
        QVERIFY(key.key.starts_with("device-0#"));
        QCOMPARE(key.requests, 90000.0);
        QCOMPARE(key.throttledRequests, 0.0);
        partitions.insert(key.partitionId);
    }
    QVERIFY(partitions.size() >= 5);
    for (const auto& series : report.resources[0].partitions)
        for (float units : series.consumedWrite) QVERIFY(units < 1000);
}

void SimulatorTest::burstAbsorbsAMinuteSpikeButNotTenMinutes() {
    const SimulationReport report = run(loadScenario("burst"));
    const ResourceReport& table = report.resources.at(0);
    QCOMPARE(table.finalPartitionCount, 1);
    // The 60 s spike to 800 WCU (2 x 400) is served in full from burst capacity.
    QCOMPARE(sumOver(table.throttledRequests, 0, 1800), 0.0);
    for (int second = 600; second < 660; ++second) QVERIFY(table.consumedWrite[second] > 700);
    // The 10-minute one empties the 120,000 WCU of burst (300 s x 400) after about 300 s.
    int firstThrottled = -1;
    for (int second = 1800; second < 2400 && firstThrottled < 0; ++second)
        if (table.throttledRequests[second] > 0) firstThrottled = second;
    QVERIFY2(firstThrottled >= 2090 && firstThrottled <= 2110,
             qPrintable(QString::number(firstThrottled)));
    const double throttled = sumOver(table.throttledRequests, 1800, 2400);
    QVERIFY(std::abs(throttled - 120000) < 6000);  // 300 s x 400 WCU over, within 5 %
    for (int second = 2120; second < 2400; ++second)
        QVERIFY(std::abs(table.consumedWrite[second] - 400) < 0.01);
    QCOMPARE(sumOver(table.throttledRequests, 2400, 2700), 0.0);
    // Burst is best effort: the minute's spike (60 x 400 over) and the first 300 s of the long
    // one (the full bucket, 400 x 300) were served only by burst, 144,000 requests.
    QVERIFY2(std::abs(report.burstOnlyRequests - 144000) < 0.03 * 144000,
             qPrintable(QString::number(report.burstOnlyRequests)));
    // Cost: 400 WCU + 1 RCU for 0.75 h at $0.00065 / $0.00013 per unit-hour; on demand the
    // served write units at $0.625 per million.
    QVERIFY(report.cost.provisioned);
    QVERIFY(std::abs(*report.cost.provisioned - (400 * 0.00065 + 0.00013) * 0.75) < 1e-9);
    // On demand bills what the workload asked for, throttled requests too (1 WCU each).
    QCOMPARE(table.askedWrite, table.totalWrite + table.throttled);
    QVERIFY(std::abs(report.cost.onDemand - table.askedWrite / 1e6 * 0.625) < 1e-9);
    QCOMPARE(report.cost.asConfigured, *report.cost.provisioned);
    Scenario pricier = loadScenario("burst");
    pricier.prices.provisionedWcuHour = 1;
    QVERIFY(std::abs(*run(pricier).cost.provisioned - (400 + 0.00013) * 0.75) < 1e-9);
}

void SimulatorTest::onDemandAbsorbsDoubleButNotASuddenFiveTimes() {
    const SimulationReport report = run(loadScenario("on-demand"));
    const ResourceReport& table = report.resources.at(0);
    QCOMPARE(table.mode, BillingMode::PayPerRequest);
    // Twice the 4,000 WCU initial ceiling / 1,000 per partition (the on-demand headroom).
    QCOMPARE(table.finalPartitionCount, 8);
    QCOMPARE(sumOver(table.throttledRequests, 0, 900), 0.0);
    QVERIFY(std::abs(sumOver(table.consumedWrite, 300, 600) / 300 - 2000) < 20);
    for (int second = 900; second < 1200; ++second) {
        QVERIFY(table.throttledRequests[second] > 0);
        QVERIFY(table.consumedWrite[second] <= 4000.01);
        QCOMPARE(table.capacityWrite[second], 4000.0f);
    }
    QVERIFY(std::abs(report.throttledRequests - 300000) < 9000);  // 1,000/s over, within 3 %
    QCOMPARE(report.throttledByError.size(), size_t(1));
    QCOMPARE(report.throttledByError.at("ThrottlingException"), report.throttledRequests);
    QVERIFY(!report.cost.provisioned);
    // Billed for what was asked: served and throttled writes, 1 WCU each.
    QCOMPARE(table.askedWrite, table.totalWrite + report.throttledRequests);
    QVERIFY(std::abs(report.cost.onDemand - table.askedWrite / 1e6 * 0.625) < 1e-9);
    QCOMPARE(report.cost.asConfigured, report.cost.onDemand);
}

void SimulatorTest::autoScalingFollowsADailySine() {
    const SimulationReport report = run(loadScenario("auto-scaling"));
    const ResourceReport& table = report.resources.at(0);
    QVERIFY(!table.scaling.empty());
    // The first scale-out comes after 2 consecutive minutes above 70 %.
    QCOMPARE(table.scaling[0].second, 120);
    QCOMPARE(table.scaling[0].from, 1000.0);
    QVERIFY(table.scaling[0].to > 2700 && table.scaling[0].to < 3000);  // ~2,000 / 0.7
    // From then on provisioned capacity stays above consumption: no throttling.
    QCOMPARE(sumOver(table.throttledRequests, 120, 86400), 0.0);
    for (int second = 120; second < 86400; ++second)
        QVERIFY(table.capacityWrite[second] >= table.consumedWrite[second]);
    // At the 3,500 WCU peak, provisioned is about 3,500 / 0.7.
    const float peak = *std::max_element(table.capacityWrite.begin(), table.capacityWrite.end());
    QVERIFY2(peak > 4850 && peak < 5250, qPrintable(QString::number(peak)));
    // Scale-ins: each after 15 minutes well below target, within the daily limits.
    int decreases = 0;
    int previousChange = -100000, previousDecrease = -100000;
    for (const ScalingEvent& event : table.scaling) {
        if (event.to < event.from) {
            ++decreases;
            QVERIFY(event.second - previousChange >= 15 * 60);
            if (decreases > 4) QVERIFY(event.second - previousDecrease >= 3600);
            previousDecrease = event.second;
        }
        previousChange = event.second;
    }
    QVERIFY(decreases >= 3 && decreases <= 27);
    // Scaling out past two partitions' worth split them (never merged back).
    QVERIFY(table.finalPartitionCount >= 6);
    QVERIFY(!table.splits.empty());
    QCOMPARE(std::string(table.splits[0].reason), std::string("throughput"));
}

void SimulatorTest::globalIndexBackPressureThrottlesBaseWrites() {
    const Json json = Json::parse(R"J({
        "name": "gsi", "durationSeconds": 300, "seed": 2,
        "table": {"name": "Tasks", "partitionKey": "pk", "readCapacityUnits": 10,
                  "writeCapacityUnits": 10000, "itemSizeBytes": 1000,
                  "globalSecondaryIndexes": [{"name": "byStatus", "readCapacityUnits": 10,
                      "writeCapacityUnits": 100, "entrySizeBytes": 100,
                      "keys": {"distribution": "uniform", "keyCount": 1000}}]},
        "workload": [{"name": "tasks", "operation": "PutItem",
                      "rate": {"type": "constant", "rate": 1000},
                      "keys": {"distribution": "uniform", "keyCount": 100000}}]})J");
    auto scenario = Scenario::fromJson(json);
    QVERIFY2(scenario, scenario ? "" : scenario.error().message.c_str());
    const SimulationReport report = run(*scenario);
    const ResourceReport& table = report.resources.at(0);
    const ResourceReport& index = report.resources.at(1);
    QVERIFY(index.isIndex);
    // The table has capacity to spare but only writes its index accepted go through.
    QCOMPARE(sumOver(table.throttledRequests, 0, 300), 0.0);
    QVERIFY(std::abs(table.totalWrite - index.totalWrite) < 0.02 * index.totalWrite);
    // After the index's burst is gone it takes 100 WCU, and so does the table (the table's and
    // the index's request counts are separate draws, so single seconds differ a little).
    QVERIFY(std::abs(sumOver(table.consumedWrite, 60, 300) / 240 - 100) < 2);
    for (int second = 60; second < 300; ++second) {
        QCOMPARE(index.consumedWrite[second], 100.0f);
        QVERIFY(table.consumedWrite[second] < 130);
    }
    QVERIFY(report.throttledRequests > 0.7 * report.requests);
    QCOMPARE(report.throttledByError.at("ProvisionedThroughputExceededException"),
             report.throttledRequests);
}

void SimulatorTest::sameSeedSameReport() {
    const Scenario scenario = loadScenario("burst");
    const Json first = run(scenario).toJson();
    QCOMPARE(QString::fromStdString(run(scenario).toJson().dump()),
             QString::fromStdString(first.dump()));
    const Json other = run(scenario, 4).toJson();
    QCOMPARE(other["seed"].get<int>(), 4);
    QVERIFY(other["summary"]["requests"] != first["summary"]["requests"]);
}

void SimulatorTest::badScenariosNameTheField_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("message");
    QTest::newRow("no duration") << R"J({"durationSeconds":null})J"
                                 << "scenario.durationSeconds: is required";
    QTest::newRow("negative duration")
        << R"J({"durationSeconds":-5})J"
        << "scenario.durationSeconds: must be between 1 and 2.6784e+06";
    QTest::newRow("no table") << R"J({"table":null})J"
                              << "scenario.table: is required";
    QTest::newRow("no table name") << R"J({"table":{"name":null}})J"
                                   << "scenario.table.name: is required";
    QTest::newRow("billing mode")
        << R"J({"table":{"billingMode":"FREE"}})J"
        << "scenario.table.billingMode: must be PROVISIONED or PAY_PER_REQUEST";
    QTest::newRow("no WCU") << R"J({"table":{"writeCapacityUnits":null}})J"
                            << "scenario.table.writeCapacityUnits: is required";
    QTest::newRow("auto scaling on demand")
        << R"J({"table":{"billingMode":"PAY_PER_REQUEST","autoScaling":{"write":{}}}})J"
        << "scenario.table.autoScaling: needs billingMode PROVISIONED";
    QTest::newRow("target utilization")
        << R"J({"table":{"autoScaling":{"write":{"targetUtilization":95}}}})J"
        << "scenario.table.autoScaling.write.targetUtilization: must be between 20 and 90";
    QTest::newRow("no workload") << R"J({"workload":[]})J"
                                 << "scenario.workload: must be a non-empty array of streams";
    QTest::newRow("operation") << R"J({"workload":[{"operation":"Teleport"}]})J"
                               << "scenario.workload[0].operation: must be one of GetItem, Query, "
                                  "Scan, PutItem, UpdateItem, DeleteItem, TimeToLive (got "
                                  "'Teleport')";
    QTest::newRow("index on a write")
        << R"J({"workload":[{"operation":"PutItem","index":"byStatus"}]})J"
        << "scenario.workload[0].index: only Query and Scan read an index";
    QTest::newRow("unknown index") << R"J({"workload":[{"operation":"Query","index":"nope"}]})J"
                                   << "scenario.workload[0].index: names no global secondary index "
                                      "of the table ('nope')";
    QTest::newRow("rate type")
        << R"J({"workload":[{"operation":"GetItem","rate":{"type":"square"}}]})J"
        << "scenario.workload[0].rate.type: must be one of constant, ramp, "
           "dailySine, spikes (got 'square')";
    QTest::newRow("no keys")
        << R"J({"workload":[{"operation":"GetItem","rate":{"type":"constant","rate":1}}]})J"
        << "scenario.workload[0].keys: is required";
    QTest::newRow("price") << R"J({"prices":{"provisionedWcuHour":-1}})J"
                           << "scenario.prices.provisionedWcuHour: must be between 0 and 1e+06";
    QTest::newRow("not JSON") << "{"
                              << "scenario: is not valid JSON";
}

void SimulatorTest::badScenariosNameTheField() {
    QFETCH(QString, patch);
    QFETCH(QString, message);
    Json base = Json::parse(readFile(scenarioPath("hot-key")));
    std::string text;
    Json parsedPatch = Json::parse(patch.toStdString(), nullptr, false);
    if (parsedPatch.is_discarded()) {
        text = patch.toStdString();
    } else {
        base.merge_patch(parsedPatch);
        text = base.dump();
    }
    auto scenario = Scenario::fromText(text);
    QVERIFY(!scenario);
    QCOMPARE(QString::fromStdString(scenario.error().message), message);
}

void SimulatorTest::cliWritesReportAndCsv() {
    QTemporaryDir dir;
    QProcess cli;
    cli.start(SHARDSCAPE_CLI, {"simulate", scenarioPath("burst"), "--out", dir.filePath("r.json"),
                               "--csv", dir.filePath("csv"), "--seed", "9"});
    QVERIFY(cli.waitForFinished(60000));
    const QString errors = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(errors.contains("simulating burst: 2700/2700 s (100%)"), qPrintable(errors));
    const Json written = Json::parse(readFile(dir.filePath("r.json")));
    QCOMPARE(QString::fromStdString(written.dump()),
             QString::fromStdString(run(loadScenario("burst"), 9).toJson().dump()));
    const std::string seconds = readFile(dir.filePath("csv/seconds.csv"));
    QCOMPARE(std::count(seconds.begin(), seconds.end(), '\n'), 2701L);
    QVERIFY(seconds.starts_with("resource,second,consumed_rcu,consumed_wcu,capacity_rcu,"));
    // One partition, 2,700 seconds (split for heat does not fire: the table is out of
    // capacity, not one partition).
    const std::string partitions = readFile(dir.filePath("csv/partitions.csv"));
    QCOMPARE(std::count(partitions.begin(), partitions.end(), '\n'), 2701L);
}

void SimulatorTest::cliRejectsBadScenarios() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.json");
    {
        std::ofstream out(bad.toStdString());
        out << R"J({"durationSeconds": 60})J";
    }
    auto runCli = [](const QStringList& args, QString& errors) {
        QProcess cli;
        cli.start(SHARDSCAPE_CLI, args);
        cli.waitForFinished(60000);
        errors = QString::fromUtf8(cli.readAllStandardError());
        return cli.exitCode();
    };
    QString errors;
    QCOMPARE(runCli({"simulate", bad, "--out", dir.filePath("r.json")}, errors), 1);
    QCOMPARE(errors.trimmed(), QString("shardscape-cli: scenario.table: is required"));
    QVERIFY(!QFile::exists(dir.filePath("r.json")));
    QCOMPARE(runCli({"simulate", bad}, errors), 2);
    QVERIFY(errors.contains("usage: shardscape-cli simulate"));
    // The proof scenarios are too large for execute mode: a clear error, exit 1.
    QCOMPARE(runCli({"simulate", scenarioPath("burst"), "--out", dir.filePath("r.json"), "--mode",
                     "execute"},
                    errors),
             1);
    QVERIFY2(errors.contains("execute mode runs at most 200000 requests"), qPrintable(errors));
    QCOMPARE(runCli({"simulate", scenarioPath("burst"), "--out", dir.filePath("r.json"), "--mode",
                     "replay"},
                    errors),
             2);
    QVERIFY(errors.contains("unknown --mode 'replay' (model or execute)"));
    QCOMPARE(
        runCli({"simulate", dir.filePath("missing.json"), "--out", dir.filePath("r.json")}, errors),
        2);
    QVERIFY(errors.contains("cannot read"));
}

QTEST_GUILESS_MAIN(SimulatorTest)
#include "test_simulator.moc"
