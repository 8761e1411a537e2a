// Capacity fidelity: one named test per documented capacity rule (issue 22), each with its
// expected figures computed here from AWS's rule, not by the code under test; the proof
// scenarios of these rules; and the rule list every report carries.

#include <QtTest>

#include "simulation/simulator.h"
#include "simulation/workload_execution.h"

using namespace shardscape;

class CapacityFidelityTest : public QObject {
    Q_OBJECT

  private slots:
    void gsiWriteKindsChargeWhatAwsDocuments();
    void gsiWriteKindsAgreeWithExecuteMode();
    void gsiWriteKindsProofScenario();
    void badIndexWriteNamesTheField();
    void burstIsBestEffortReportedWithAndWithout();
    void partitionReadAndWriteLimitsAreIndependent();
    void scanChargesTheBytesAPageReads();
    void throttlesAreCountedByThrottlingReason();
    void everyReportListsItsRules();
};

namespace {

std::string readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll().toStdString();
}

Scenario loadScenario(const char* name) {
    auto scenario =
        Scenario::fromText(readFile(QString(SHARDSCAPE_SCENARIOS) + "/" + name + ".json"));
    if (!scenario) qFatal("%s: %s", name, scenario.error().message.c_str());
    return *scenario;
}

Scenario parse(const Json& json) {
    auto scenario = Scenario::fromJson(json);
    if (!scenario) qFatal("%s", scenario.error().message.c_str());
    return *scenario;
}

SimulationReport modelRun(const Scenario& scenario) {
    auto report = simulate(scenario);
    if (!report) qFatal("%s", report.error().message.c_str());
    return *report;
}

bool within(double value, double expected, double tolerance) {
    return std::abs(value - expected) <= tolerance * std::abs(expected);
}

std::string figures(double value, double expected) {
    return std::to_string(value) + " vs " + std::to_string(expected);
}

const StreamReport& stream(const SimulationReport& report, const std::string& name) {
    for (const auto& s : report.streams)
        if (s.name == name) return s;
    qFatal("no stream %s", name.c_str());
}

// A table with one index and one write stream of each kind (the counters, which leave the
// index alone, at three times the rate); everything has room, so nothing throttles.
Json writeKindsScenario(int durationSeconds, double rate, double entryBytes) {
    Json table = {
        {"name", "Orders"},
        {"partitionKey", "pk"},
        {"billingMode", "PROVISIONED"},
        {"readCapacityUnits", 100},
        {"writeCapacityUnits", 5000},
        {"itemCount", 20000},
        {"itemSizeBytes", 500},
        {"globalSecondaryIndexes",
         Json::array(
             {{{"name", "ByStatus"},
               {"readCapacityUnits", 100},
               {"writeCapacityUnits", 5000},
               {"entrySizeBytes", entryBytes},
               {"keys",
                {{"distribution", "uniform"}, {"keyCount", 1000}, {"prefix", "status-"}}}}})}};
    auto writes = [&](const char* name, const char* operation, const char* kind, const char* prefix,
                      double keyCount, double times = 1) {
        return Json{
            {"name", name},
            {"operation", operation},
            {"itemSizeBytes", 500},
            {"indexWrite", kind},
            {"rate", {{"type", "constant"}, {"rate", rate * times}}},
            {"keys", {{"distribution", "uniform"}, {"keyCount", keyCount}, {"prefix", prefix}}}};
    };
    return {{"name", "write kinds"},
            {"durationSeconds", durationSeconds},
            {"seed", 21},
            {"table", table},
            {"workload",
             Json::array({writes("puts", "PutItem", "newEntry", "new-", 1e6),
                          writes("moves", "UpdateItem", "keyChange", "item-", 1000),
                          writes("edits", "UpdateItem", "projectedChange", "item-", 1000),
                          writes("counters", "UpdateItem", "untouched", "item-", 1000, 3),
                          writes("deletes", "DeleteItem", "removeEntry", "gone-", 20000)})}};
}

}  // namespace

void CapacityFidelityTest::gsiWriteKindsChargeWhatAwsDocuments() {
    // AWS: a new entry 1 write, a changed index key 2, a changed projected attribute 1, an
    // update touching neither 0, a removed entry 1; each write ceil(entry bytes / 1 KB) WCU.
    const int seconds = 200;
    const double rate = 100, entryBytes = 1500;
    const double unitsPerWrite = std::ceil(entryBytes / 1024);  // 2
    QCOMPARE(unitsPerWrite, 2.0);
    const SimulationReport report = modelRun(parse(writeKindsScenario(seconds, rate, entryBytes)));
    QCOMPARE(report.throttledRequests, 0.0);
    const ResourceReport& index = report.resources.at(1);
    QVERIFY(index.isIndex);
    const double requestsPerStream = rate * seconds;
    // 200,000 units, where one entry per write would be 20,000 x (1 + 1 + 1 + 3 + 1) x 2 =
    // 280,000.
    const double expected = requestsPerStream * (1 + 2 + 1 + 0 * 3 + 1) * unitsPerWrite;
    QVERIFY2(within(index.totalWrite, expected, 0.01), figures(index.totalWrite, expected).c_str());
    // The table is charged every write: 500-byte items, 1 WCU each.
    QVERIFY2(within(report.resources[0].totalWrite, 7 * requestsPerStream, 0.01),
             figures(report.resources[0].totalWrite, 7 * requestsPerStream).c_str());
}

void CapacityFidelityTest::gsiWriteKindsAgreeWithExecuteMode() {
    // 100 s at 100 requests/s per kind (60,000 requests, so two Poisson draws of the ~40,000
    // index writes differ by under 1 %, one sigma), 100-byte index entries (1 WCU), without
    // deletes (the engine charges an index write only for an entry that exists).
    Json json = writeKindsScenario(100, 100, 100);
    json["workload"].erase(4);
    const Scenario scenario = parse(json);
    const SimulationReport model = modelRun(scenario);
    auto execute = executeScenario(scenario);
    QVERIFY2(execute, execute ? "" : execute.error().message.c_str());
    const double modelIndex = model.resources.at(1).totalWrite;
    const double executeIndex = execute->resources.at(1).totalWrite;
    // Independently: per executed stream's requests, 1 + 2 + 1 + 0 index writes.
    const double expected = stream(*execute, "puts").requests +
                            2 * stream(*execute, "moves").requests +
                            stream(*execute, "edits").requests;
    QVERIFY2(within(executeIndex, expected, 0.02), figures(executeIndex, expected).c_str());
    QVERIFY2(within(modelIndex, executeIndex, 0.02), figures(modelIndex, executeIndex).c_str());
    QCOMPARE(execute->throttledRequests, 0.0);
}

void CapacityFidelityTest::gsiWriteKindsProofScenario() {
    const Scenario scenario = loadScenario("gsi-write-kinds");
    const SimulationReport report = modelRun(scenario);
    const ResourceReport& index = report.resources.at(1);
    QCOMPARE(index.name, std::string("ByStatus"));
    // 100 puts + 2 x 100 status changes + 50 price edits + 0 x 400 counters = 350 WCU/s on a
    // 400 WCU index: no throttling, where one entry per write (650 WCU/s) would have drained
    // the index's burst (400 x 300 = 120,000 units at 250 over) after 480 s and throttled.
    QCOMPARE(report.throttledRequests, 0.0);
    const double perSecond = index.totalWrite / 600;
    QVERIFY2(within(perSecond, 350, 0.02), figures(perSecond, 350).c_str());
    Json oneEntry = Json::parse(readFile(QString(SHARDSCAPE_SCENARIOS) + "/gsi-write-kinds.json"));
    for (Json& s : oneEntry["workload"]) s["indexWrite"] = "newEntry";
    const SimulationReport old = modelRun(parse(oneEntry));
    QVERIFY(old.throttledRequests > 0);
    QCOMPARE(old.throttledByError.count("ProvisionedThroughputExceededException"), size_t(1));
}

void CapacityFidelityTest::badIndexWriteNamesTheField() {
    Json json = writeKindsScenario(10, 1, 100);
    json["workload"][1]["indexWrite"] = "rewrite";
    QCOMPARE(Scenario::fromJson(json).error().message,
             std::string("scenario.workload[1].indexWrite: must be one of newEntry, keyChange, "
                         "projectedChange, untouched, removeEntry"));
    json["workload"][1]["indexWrite"] = {{"ByColour", "keyChange"}};
    QCOMPARE(Scenario::fromJson(json).error().message,
             std::string("scenario.workload[1].indexWrite.ByColour: names no global secondary "
                         "index of the table"));
    json["workload"][1] = {{"operation", "GetItem"},
                           {"indexWrite", "keyChange"},
                           {"rate", {{"type", "constant"}, {"rate", 1}}},
                           {"keys", {{"distribution", "uniform"}, {"keyCount", 1}}}};
    QCOMPARE(Scenario::fromJson(json).error().message,
             std::string("scenario.workload[1].indexWrite: is for PutItem, UpdateItem and "
                         "DeleteItem"));
    // Execute mode makes only the kinds its loaded items allow.
    json = writeKindsScenario(10, 1, 100);
    json["workload"][0]["indexWrite"] = "keyChange";
    auto execute = executeScenario(parse(json));
    QVERIFY(!execute);
    QCOMPARE(execute.error().message,
             std::string("scenario.workload[0].indexWrite: execute mode runs newEntry for "
                         "PutItem, keyChange, projectedChange or untouched for UpdateItem, and "
                         "removeEntry for DeleteItem"));
}

void CapacityFidelityTest::burstIsBestEffortReportedWithAndWithout() {
    // AWS: burst capacity (up to 300 s of unused capacity) "is provided on a best effort's
    // basis and isn't guaranteed". The proof scenario: 800 WCU, 880 WCU for 300 s, so
    // (880 - 800) x 300 = 24,000 writes are served by burst only (the bucket holds
    // 800 x 300 = 240,000 units, plenty; 880 is far enough under the partition's 1,000 WCU
    // that Poisson counts never reach it).
    const double expected = (880 - 800) * 300;
    const Scenario scenario = loadScenario("burst-best-effort");
    const SimulationReport report = modelRun(scenario);
    QCOMPARE(report.throttledRequests, 0.0);
    QVERIFY2(within(report.burstOnlyRequests, expected, 0.08),
             figures(report.burstOnlyRequests, expected).c_str());
    QCOMPARE(report.streams.at(0).burstOnlyRequests, report.burstOnlyRequests);
    const std::string verdict = report.burstVerdict();
    QVERIFY2(verdict.find(" requests were served only thanks to burst capacity, which is best "
                          "effort: without it ") != std::string::npos,
             verdict.c_str());
    QVERIFY2(verdict.ends_with(" requests would have been throttled, not 0."), verdict.c_str());
    const Json summary = report.toJson()["summary"];
    QCOMPARE(summary["burstVerdict"].get<std::string>(), verdict);
    QCOMPARE(summary["throttledWithoutBurst"].get<double>(),
             summary["servedOnlyByBurstRequests"].get<double>());
    // The user's choice: burst off. The same writes are then throttled, by what the report
    // said (the two runs draw different Poisson counts, hence the tolerance).
    Scenario without = scenario;
    without.tables[0].capacity.burst = false;
    const SimulationReport noBurst = modelRun(without);
    QCOMPARE(noBurst.burstOnlyRequests, 0.0);
    QVERIFY(noBurst.burstVerdict().empty());
    QVERIFY2(within(noBurst.throttledRequests, expected, 0.08),
             figures(noBurst.throttledRequests, expected).c_str());
    // Before the spike nothing is served by burst: 400 WCU is under 800.
    const ResourceReport& table = report.resources.at(0);
    for (int second = 0; second < 600; ++second) QVERIFY(table.consumedWrite[second] < 800);
}

void CapacityFidelityTest::partitionReadAndWriteLimitsAreIndependent() {
    // AWS (current guide): partition-level throttling "operates independently for reads and
    // writes". One hot partition asked for its full 3,000 RCU and 1,000 WCU at once, on a
    // table with room for both (12,000 RCU, 4,000 WCU over 8 partitions, adaptive capacity
    // lending the rest, no burst).
    auto settle = [](rules::PartitionBudget budget, double read, double write) {
        CapacitySettings settings;
        settings.readUnits = 12000;
        settings.writeUnits = 4000;
        settings.burst = false;
        settings.budget = budget;
        CapacityModel model(settings);
        std::vector<PartitionLoad> loads(static_cast<size_t>(model.partitions().size()));
        loads[0].readDemand = read;
        loads[0].writeDemand = write;
        model.settle(0, loads);
        return loads[0];
    };
    // ceil(12,000 / 3,000 + 4,000 / 1,000) = 8 partitions: 1,500 RCU / 500 WCU each of their
    // own, the rest lent.
    QCOMPARE(
        CapacityModel(CapacitySettings{BillingMode::Provisioned, 12000, 4000}).partitions().size(),
        8);
    const PartitionLoad independent = settle(rules::PartitionBudget::Independent, 3000, 1000);
    QCOMPARE(independent.readServed, 3000.0);
    QCOMPARE(independent.writeServed, 1000.0);
    // Over the limits, each dimension alone is cut to its own maximum.
    const PartitionLoad over = settle(rules::PartitionBudget::Independent, 2000, 1500);
    QCOMPARE(over.readServed, 2000.0);
    QCOMPARE(over.writeServed, 1000.0);
    // The older "linear combination": 3,000 / 3,000 + 1,000 / 1,000 = 2, so each is halved.
    const PartitionLoad linear = settle(rules::PartitionBudget::LinearCombination, 3000, 1000);
    QCOMPARE(linear.readServed, 3000.0 / 2);
    QCOMPARE(linear.writeServed, 1000.0 / 2);
    // On demand the same: 3,000 RRU and 1,000 WRU on one partition are served (4,000 WRU
    // equivalent is within the initial 4,000 WCU / 12,000 RCU ceiling: 1,000 + 3,000 / 3).
    CapacitySettings onDemand;
    onDemand.mode = BillingMode::PayPerRequest;
    CapacityModel model(onDemand);
    std::vector<PartitionLoad> loads(static_cast<size_t>(model.partitions().size()));
    loads[0].readDemand = 3000;
    loads[0].writeDemand = 1000;
    model.settle(0, loads);
    QCOMPARE(loads[0].readServed, 3000.0);
    QCOMPARE(loads[0].writeServed, 1000.0);

    // A scenario chooses with "partitionBudget"; the report names the rule it applied.
    Json json = writeKindsScenario(10, 1, 100);
    QCOMPARE(parse(json).tables[0].capacity.budget, rules::PartitionBudget::Independent);
    json["partitionBudget"] = "linearCombination";
    const Scenario linearScenario = parse(json);
    QCOMPARE(linearScenario.tables[0].capacity.budget, rules::PartitionBudget::LinearCombination);
    QCOMPARE(linearScenario.tables[0].globalIndexes[0].capacity.budget,
             rules::PartitionBudget::LinearCombination);
    const SimulationReport report = modelRun(linearScenario);
    bool named = false;
    for (const AppliedRule& rule : report.rules)
        if (rule.rule == "partition read and write limits")
            named = rule.value == "linear combination: RCU / 3,000 + WCU / 1,000 <= 1";
    QVERIFY(named);
    json["partitionBudget"] = "shared";
    QCOMPARE(Scenario::fromJson(json).error().message,
             std::string("scenario.partitionBudget: must be independent or linearCombination"));
}

void CapacityFidelityTest::scanChargesTheBytesAPageReads() {
    // A Scan page reads up to 1 MB: a 200-item table of 1,000-byte items holds 200,000 bytes,
    // so a strongly consistent Scan reads ceil(200,000 / 4,096) = 49 RCU, not a full page's
    // 1,048,576 / 4,096 = 256; eventually consistent half of that.
    const double small = std::ceil(200 * 1000 / 4096.0);
    QCOMPARE(small, 49.0);
    auto scenario = [](double items, bool consistent) {
        return Json{{"name", "scan"},
                    {"durationSeconds", 10},
                    {"table",
                     {{"name", "T"},
                      {"partitionKey", "pk"},
                      {"readCapacityUnits", 40000},
                      {"writeCapacityUnits", 1},
                      {"itemCount", items},
                      {"itemSizeBytes", 1000}}},
                    {"workload", Json::array({{{"name", "scan"},
                                               {"operation", "Scan"},
                                               {"consistentRead", consistent},
                                               {"rate", {{"type", "constant"}, {"rate", 20}}}}})}};
    };
    const Scenario strong = parse(scenario(200, true));
    QCOMPARE(strong.streams[0].unitsPerRequest(), small);
    const SimulationReport report = modelRun(strong);
    QCOMPARE(report.throttledRequests, 0.0);
    QCOMPARE(report.resources[0].totalRead, report.streams[0].requests * small);
    QCOMPARE(parse(scenario(200, false)).streams[0].unitsPerRequest(), small / 2);
    // A table larger than a page: each request reads one full 1 MB page.
    QCOMPARE(parse(scenario(1e6, true)).streams[0].unitsPerRequest(), 1048576 / 4096.0);
}

void CapacityFidelityTest::throttlesAreCountedByThrottlingReason() {
    // A hot key at 1,500 WCU on a 10,000 WCU table: its partition's own 1,000 WCU limit
    // refuses it (KeyRangeThroughputExceeded), not the table's capacity.
    const SimulationReport hot = modelRun(loadScenario("hot-key"));
    QVERIFY(hot.throttledRequests > 0);
    QCOMPARE(hot.throttledByReason.size(), size_t(1));
    QVERIFY(std::abs(hot.throttledByReason.at("TableWriteKeyRangeThroughputExceeded") -
                     hot.throttledRequests) < 1e-6 * hot.throttledRequests);
    // 800 WCU on a 400 WCU table once burst is spent: under the partition's 1,000, so the
    // table's provisioned throughput refuses it.
    const SimulationReport burst = modelRun(loadScenario("burst"));
    QCOMPARE(burst.throttledByReason.size(), size_t(1));
    QVERIFY(std::abs(burst.throttledByReason.at("TableWriteProvisionedThroughputExceeded") -
                     burst.throttledRequests) < 1e-6 * burst.throttledRequests);
    // A 1 WCU index back-pressures the table's writes: the index's write reason.
    Json json = writeKindsScenario(60, 50, 100);
    json["table"]["globalSecondaryIndexes"][0]["writeCapacityUnits"] = 1;
    const SimulationReport index = modelRun(parse(json));
    QVERIFY(index.throttledRequests > 0);
    QCOMPARE(index.throttledByReason.size(), size_t(1));
    QVERIFY(std::abs(index.throttledByReason.at("IndexWriteProvisionedThroughputExceeded") -
                     index.throttledRequests) < 1e-6 * index.throttledRequests);
    QCOMPARE(index.toJson()["summary"]["throttledByReason"].size(), size_t(1));
}

void CapacityFidelityTest::everyReportListsItsRules() {
    const SimulationReport report = modelRun(loadScenario("gsi-write-kinds"));
    auto find = [&](const std::string& rule) -> const AppliedRule* {
        for (const AppliedRule& r : report.rules)
            if (r.rule == rule) return &r;
        return nullptr;
    };
    const AppliedRule* moves = find("index writes (status changes -> ByStatus)");
    QVERIFY(moves);
    QCOMPARE(moves->value, std::string("keyChange: 2 writes of the entry's size"));
    QCOMPARE(moves->source, std::string("Using Global Secondary Indexes in DynamoDB"));
    const AppliedRule* delay = find("split for heat: delay");
    QVERIFY(delay);
    QCOMPARE(delay->value, std::string("300 s throttled in a row"));
    QCOMPARE(delay->source, std::string("undocumented: our assumption"));
    // Every rule has a value and a source, and the JSON report carries them.
    for (const AppliedRule& rule : report.rules) {
        QVERIFY(!rule.value.empty());
        QVERIFY(!rule.source.empty());
    }
    const Json json = report.toJson();
    QCOMPARE(json["rules"].size(), report.rules.size());
    QCOMPARE(json["rules"][0]["rule"].get<std::string>(), report.rules[0].rule);
}

QTEST_GUILESS_MAIN(CapacityFidelityTest)
#include "test_capacity_fidelity.moc"
