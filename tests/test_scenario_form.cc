// The scenario editor's form (core/model/model_scenario_form.h): plain names and overrides
// written from the form, read back; a hand-written scenario with every rate shape and member
// the scenario format has (tests/data/launch-week.scenario.json) read and written back with
// only its name changed, member order and number text included; its spikes edited one by
// one; out-of-range values refused with their reason.
#include <QtTest>

#include "model/model_file.h"
#include "model/model_scenario.h"
#include "model/model_scenario_form.h"

using namespace shardscape;

class ScenarioFormTest : public QObject {
    Q_OBJECT
  private slots:
    void scenarioFormWritesPlainNamesAndOverrides();
    void scenarioFormReadsBack();
    void handWrittenScenarioRoundTrips();
    void scenarioFormEditsEachSpike();
};

namespace {

Model ecommerce() {
    auto model = loadModel(std::string(SHARDSCAPE_SOURCE_DIR) +
                           "/resources/models/ecommerce.shardscape.json");
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

}  // namespace

void ScenarioFormTest::scenarioFormWritesPlainNamesAndOverrides() {
    const Model model = ecommerce();
    ModelScenarioForm form;
    form.name = "Black Friday";
    form.durationSeconds = 600;
    form.rateMultiplier = 10;
    for (const char* name : {"placeOrder", "getProduct", "listCustomerOrders"}) {
        ModelScenarioPatternForm p;
        p.pattern = name;
        form.patterns.push_back(p);
    }
    auto json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    QCOMPARE(json->dump(), model.scenarios[0].dump());

    form.patterns[0].shape = "spikes";
    form.patterns[0].peak = 3;
    form.patterns[1].shape = "ramp";
    form.patterns[1].peak = 2;
    form.patterns[1].keys = "hotKey";
    form.patterns[1].keyCount = 5000;
    form.patterns[1].hotShare = 0.3;
    form.patterns[1].shards = 4;
    form.patterns[2].shape = "daily";
    form.patterns[2].peak = 3;
    form.patterns[2].keys = "zipf";
    form.patterns[2].keyCount = 100000;
    form.patterns[2].exponent = 1.2;
    json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    QCOMPARE((*json)["accessPatterns"].dump(),
             std::string(
                 "[{\"name\":\"placeOrder\",\"rate\":{\"type\":\"spikes\",\"base\":400,\"spikes\":"
                 "[{\"startSecond\":200,\"durationSeconds\":60,\"rate\":1200}]}},"
                 "{\"name\":\"getProduct\",\"rate\":{\"type\":\"ramp\",\"from\":5000,\"to\":10000,"
                 "\"startSecond\":0,\"endSecond\":600},\"keys\":{\"distribution\":\"hotKey\","
                 "\"keyCount\":5000,\"hotShare\":0.3,\"shards\":4}},"
                 "{\"name\":\"listCustomerOrders\",\"rate\":{\"type\":\"dailySine\",\"mean\":2000,"
                 "\"amplitude\":1000,\"periodSeconds\":600,\"phaseSeconds\":0},\"keys\":{"
                 "\"distribution\":\"zipf\",\"keyCount\":100000,\"exponent\":1.2}}]"));
    Model withScenario = model;
    withScenario.scenarios.push_back(*json);
    (*json)["name"] = "Black Friday 2";
    withScenario.scenarios.back()["name"] = "Black Friday 2";
    QVERIFY(simulatorScenario(withScenario, 1).ok());

    form.patterns[0].keys = "model";
    form.patterns[0].shards = 2;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("placeOrder: write sharding needs a chosen key distribution (uniform, "
                         "Zipf, hot key or time-ordered), not the model's"));
    form.patterns.clear();
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("A scenario runs at least one access pattern: tick one"));
}

void ScenarioFormTest::scenarioFormReadsBack() {
    const Model model = ecommerce();
    ModelScenarioForm form;
    form.name = "Mixed";
    form.description = "A bit of everything";
    form.durationSeconds = 300;
    ModelScenarioPatternForm spike;
    spike.pattern = "getProduct";
    spike.shape = "spikes";
    spike.peak = 4;
    spike.keys = "zipf";
    spike.keyCount = 200;
    spike.exponent = 1.5;
    spike.shards = 3;
    ModelScenarioPatternForm daily;
    daily.pattern = "getCustomer";
    daily.shape = "daily";
    daily.peak = 5;
    form.patterns = {spike, daily};
    auto json = scenarioFromForm(model, form);
    QVERIFY(json.ok());
    const ModelScenarioForm back = scenarioFormFrom(model, *json);
    QCOMPARE(back.name, form.name);
    QCOMPARE(back.description, form.description);
    QCOMPARE(back.durationSeconds, 300.0);
    QCOMPARE(back.rateMultiplier, 1.0);
    QCOMPARE(back.patterns.size(), size_t(2));
    QCOMPARE(back.patterns[0].shape, std::string("spikes"));
    QCOMPARE(back.patterns[0].peak, 4.0);
    QCOMPARE(back.patterns[0].keys, std::string("zipf"));
    QCOMPARE(back.patterns[0].keyCount, 200.0);
    QCOMPARE(back.patterns[0].exponent, 1.5);
    QCOMPARE(back.patterns[0].shards, 3);
    QCOMPARE(back.patterns[1].shape, std::string("daily"));
    QCOMPARE(back.patterns[1].peak, 5.0);
    QCOMPARE(back.patterns[1].keys, std::string("model"));
    QCOMPARE(scenarioFromForm(model, back)->dump(), json->dump());

    // What the form does not edit survives an edit: the scenario's seed and table, a
    // pattern's own rate multiplier (a plain name becomes an object to keep it).
    OrderedJson previous = *json;
    previous["seed"] = 7;
    previous["table"] = "Shop";
    previous["accessPatterns"][1] = {{"name", "getCustomer"}, {"rateMultiplier", 3}};
    const OrderedJson kept = keepScenarioMembers(previous, *json);
    QCOMPARE(kept["seed"].get<int>(), 7);
    QCOMPARE(kept["table"].get<std::string>(), std::string("Shop"));
    QCOMPARE(kept["accessPatterns"][1]["rateMultiplier"].get<int>(), 3);
    QCOMPARE(kept["accessPatterns"][1]["rate"]["type"].get<std::string>(),
             std::string("dailySine"));
    QCOMPARE(kept["accessPatterns"][0].dump(), (*json)["accessPatterns"][0].dump());
    OrderedJson plain = {{"name", "X"}, {"accessPatterns", {"getProduct"}}};
    OrderedJson withExtra = {{"name", "X"},
                             {"accessPatterns", {{{"name", "getProduct"}, {"rateMultiplier", 2}}}},
                             {"description", "dropped: the form edits it"}};
    QCOMPARE(keepScenarioMembers(withExtra, plain).dump(),
             std::string("{\"name\":\"X\",\"accessPatterns\":[{\"name\":\"getProduct\","
                         "\"rateMultiplier\":2}]}"));
}

namespace {

// A hand-written scenario with every shape and member the scenario format has
// (tests/data/README.md).
OrderedJson launchWeek() {
    QFile file(QString(SHARDSCAPE_SOURCE_DIR) + "/tests/data/launch-week.scenario.json");
    if (!file.open(QIODevice::ReadOnly)) qFatal("launch-week.scenario.json");
    return OrderedJson::parse(file.readAll().toStdString());
}

}  // namespace

// A hand-written scenario read into the form and written back with only its name changed
// is the same JSON but for the name, member order included.
void ScenarioFormTest::handWrittenScenarioRoundTrips() {
    Model model = ecommerce();
    const OrderedJson original = launchWeek();
    model.scenarios.push_back(original);
    QVERIFY(simulatorScenario(model, 1).ok());
    ModelScenarioForm form = scenarioFormFrom(model, original);
    QCOMPARE(form.patterns.size(), size_t(4));
    const ModelScenarioPatternForm& spikes = form.patterns[0];
    QCOMPARE(spikes.shape, std::string("spikes"));
    QCOMPARE(spikes.base, 0.9);  // getProduct runs at 500/s
    QCOMPARE(spikes.spikes.size(), size_t(3));
    QCOMPARE(spikes.spikes[1].startSecond, 300.0);
    QCOMPARE(spikes.spikes[1].durationSeconds, 45.5);
    QCOMPARE(spikes.spikes[1].peak, 3.5);
    QCOMPARE(spikes.spikes[2].peak, 8.0);
    QCOMPARE(form.patterns[1].shape, std::string("daily"));
    QCOMPARE(form.patterns[1].base, 0.6);  // listCustomerOrders runs at 100/s
    QCOMPARE(form.patterns[1].peak, 2.0);
    QCOMPARE(*form.patterns[1].periodSeconds, 86400.0);
    QCOMPARE(form.patterns[1].phaseSeconds, -21600.0);
    QCOMPARE(form.patterns[2].shape, std::string("ramp"));
    QCOMPARE(form.patterns[2].startSecond, 120.0);
    QCOMPARE(*form.patterns[2].endSecond, 600.0);
    QCOMPARE(form.patterns[2].keys, std::string("timeOrdered"));
    QCOMPARE(form.patterns[2].bucketSeconds, 300.0);
    QCOMPARE(form.patterns[2].shards, 4);
    QCOMPARE(form.patterns[3].shape, std::string("constant"));
    QVERIFY(form.patterns[3].explicitRate);

    form.name = "Launch week 2";
    auto written = scenarioFromForm(model, form);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    OrderedJson expected = original;
    expected["name"] = "Launch week 2";
    QCOMPARE(keepScenarioMembers(original, *written).dump(2), expected.dump(2));
}

// Each spike is the form's own: change one's peak, remove one, add one.
void ScenarioFormTest::scenarioFormEditsEachSpike() {
    Model model = ecommerce();
    const OrderedJson original = launchWeek();
    model.scenarios.push_back(original);
    ModelScenarioForm form = scenarioFormFrom(model, original);
    auto& spikes = form.patterns[0].spikes;
    spikes[0].peak = 6;
    spikes.erase(spikes.begin() + 1);
    spikes.push_back({800, 60, 2});
    auto written = scenarioFromForm(model, form);
    QVERIFY(written.ok());
    const OrderedJson kept = keepScenarioMembers(original, *written);
    QCOMPARE(kept["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":450,\"spikes\":[{\"startSecond\":60,"
                         "\"durationSeconds\":30,\"rate\":3000},{\"startSecond\":700,"
                         "\"durationSeconds\":20,\"rate\":4000},{\"startSecond\":800,"
                         "\"durationSeconds\":60,\"rate\":1000}]}"));
    // The rest is as it was.
    for (size_t i = 1; i < 4; ++i)
        QCOMPARE(kept["accessPatterns"][i].dump(), original["accessPatterns"][i].dump());
    QCOMPARE(kept["accessPatterns"][0]["keys"].dump(),
             original["accessPatterns"][0]["keys"].dump());
    model.scenarios[1] = kept;
    QVERIFY(simulatorScenario(model, 1).ok());

    // A change of the scenario's multiplier rescales every rate it wrote from the form.
    form.rateMultiplier = 2;
    form.patterns[0].spikes = {{0, 10, 3}};
    written = scenarioFromForm(model, form);
    QVERIFY(written.ok());
    QCOMPARE((*written)["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":900,\"spikes\":[{\"startSecond\":0,"
                         "\"durationSeconds\":10,\"rate\":3000}]}"));

    form.patterns[0].spikes = {{-5, 10, 3}};
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("getProduct: spike 1 must start at 0 s or later"));
    form.patterns[0].spikes = {{0, 10, 3}, {20, 10, -1}};
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("getProduct: spike 2's peak is a multiple of the rate, 0 or more"));
    form.patterns[0].spikes = {{0, 10, 3}};
    form.patterns[1].peak = 0.5;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("listCustomerOrders: a daily cycle's peak must be at least its base"));
    // A pattern without a rate: the multiples are of 1 request/s, both ways.
    Model idle = model;
    for (auto& p : idle.accessPatterns)
        if (p.name == "getProduct") p.ratePerSecond = 0;
    ModelScenarioForm quiet = form;
    quiet.rateMultiplier = 1;
    quiet.patterns = {form.patterns[0]};
    auto idleJson = scenarioFromForm(idle, quiet);
    QVERIFY(idleJson.ok());
    QCOMPARE((*idleJson)["accessPatterns"][0]["rate"].dump(),
             std::string("{\"type\":\"spikes\",\"base\":0.9,\"spikes\":[{\"startSecond\":0,"
                         "\"durationSeconds\":10,\"rate\":3}]}"));
    QCOMPARE(scenarioFormFrom(idle, *idleJson).patterns[0].spikes[0].peak, 3.0);
    form.patterns[1].peak = 2;
    form.patterns[2].endSecond = 100;
    QCOMPARE(scenarioFromForm(model, form).error().message,
             std::string("placeOrder: the ramp must end at or after its start"));
}

QTEST_GUILESS_MAIN(ScenarioFormTest)
#include "test_scenario_form.moc"
