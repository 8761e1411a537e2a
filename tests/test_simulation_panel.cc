// The simulation panel (scenario choice, form, run with progress and cancel), compare mode
// and the simulation views' screenshots, driven offscreen.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "applied_rules_list.h"
#include "backend/local_backend.h"
#include "capacity_chart.h"
#include "classroom/scenario_form.h"
#include "compare_view.h"
#include "heat_map_view.h"
#include "main_window.h"
#include "model/model_file.h"
#include "scenario_form_view.h"
#include "simulation/simulator.h"
#include "simulation_panel.h"
#include "simulation_results_view.h"
#include "simulation_runner.h"
#include "storage/engine.h"
#include "welcome_panel.h"

using namespace shardscape;

namespace {

int indexOf(const QStringList& list, const QString& prefix) {
    for (int i = 0; i < list.size(); ++i)
        if (list[i].startsWith(prefix)) return i;
    return -1;
}

// Spread of the pixels' grey levels: a blank or single-colour image has none.
double greyVariance(const QImage& image) {
    double sum = 0, squares = 0;
    qint64 n = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) {
            const double g = qGray(image.pixel(x, y));
            sum += g, squares += g * g, ++n;
        }
    const double mean = sum / n;
    return squares / n - mean * mean;
}

}  // namespace

class SimulationPanelTest : public QObject {
    Q_OBJECT
  private slots:
    void runsABundledScenarioWithProgress();
    void resultsShowTheRulesAppliedAndBurstVerdict();
    void cancelStopsALongRun();
    void simulatorHonoursCancel();
    void formBuildsFromTheModelsAccessPatterns();
    void formEditsReachTheScenario();
    void badFormSaysWhichField();
    void compareShowsBothRunsOnTheSameScales();
    void compareTwoTablesOfAModel();
    void screenshotsAreNotBlank();
    void mainWindowWiresModelsAndScenarios();
};

void SimulationPanelTest::runsABundledScenarioWithProgress() {
    SimulationPanel panel;
    panel.setBundledDirectory(SHARDSCAPE_RESOURCES);
    const int hot = indexOf(panel.sources(), "Bundled: hot-key");
    QVERIFY(hot >= 0);
    QVERIFY(panel.chooseSource(hot));
    QVERIFY(panel.formView()->isHidden());  // a bundled file runs as it is
    QSignalSpy progress(panel.runner(), &SimulationRunner::progress);
    QSignalSpy finished(&panel, &SimulationPanel::finished);
    QVERIFY(panel.run());
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(panel.cancelButton()->isEnabled());
    QVERIFY(finished.wait(20000));
    QVERIFY(progress.count() > 10);
    QCOMPARE(progress.last().at(0).toInt(), 600);
    QCOMPARE(panel.progressBar()->value(), panel.progressBar()->maximum());
    QVERIFY(panel.runButton()->isEnabled());
    QVERIFY(!panel.cancelButton()->isEnabled());
    auto report = panel.results()->report();
    QVERIFY(report);
    QCOMPARE(report->scenario, std::string("hot-key"));
    QVERIFY(panel.statusLabel()->text().contains("throttled"));
    QVERIFY(panel.results()->heatMap()->heatMap().rowCount() >= 11);
}

void SimulationPanelTest::resultsShowTheRulesAppliedAndBurstVerdict() {
    SimulationPanel panel;
    panel.setBundledDirectory(SHARDSCAPE_RESOURCES);
    QVERIFY(panel.chooseSource(indexOf(panel.sources(), "Bundled: burst-best-effort")));
    QSignalSpy finished(&panel, &SimulationPanel::finished);
    QVERIFY(panel.run());
    QVERIFY(finished.wait(20000));
    auto report = panel.results()->report();
    QVERIFY(report);
    // Nothing throttled, but burst served part of it: the status says so.
    QCOMPARE(report->throttledRequests, 0.0);
    QVERIFY(report->burstOnlyRequests > 20000);
    const QString status = panel.statusLabel()->text();
    QVERIFY2(status.contains("requests were served only thanks to burst capacity, which is best "
                             "effort: without it"),
             qPrintable(status));
    QVERIFY(status.contains(QString::fromStdString(report->burstVerdict())));
    // The "Rules applied" tab lists the report's rules, rule by rule, with their sources.
    AppliedRulesList* rules = panel.results()->rulesList();
    QCOMPARE(rules->topLevelItemCount(), int(report->rules.size()));
    QVERIFY(rules->topLevelItemCount() >= 8);
    for (int row = 0; row < rules->topLevelItemCount(); ++row) {
        const AppliedRule& rule = report->rules[static_cast<size_t>(row)];
        QCOMPARE(rules->topLevelItem(row)->text(0), QString::fromStdString(rule.rule));
        QCOMPARE(rules->topLevelItem(row)->text(1), QString::fromStdString(rule.value));
        QCOMPARE(rules->topLevelItem(row)->text(2), QString::fromStdString(rule.source));
    }
    const QList<QTreeWidgetItem*> burst =
        rules->findItems("burst capacity (Orders)", Qt::MatchExactly, 0);
    QCOMPARE(burst.size(), 1);
    QCOMPARE(burst[0]->text(2), QString("DynamoDB burst and adaptive capacity; AWS Knowledge "
                                        "Center, dynamodb-spiky-workloads-short-intervals"));
    panel.results()->showPage("rules");
    QCOMPARE(panel.results()->pages()->currentWidget(), rules);
}

void SimulationPanelTest::cancelStopsALongRun() {
    SimulationPanel panel;
    panel.setBundledDirectory(SHARDSCAPE_RESOURCES);
    QVERIFY(panel.chooseSource(indexOf(panel.sources(), "Bundled: auto-scaling")));  // a day
    QSignalSpy failed(&panel, &SimulationPanel::failed);
    QSignalSpy finished(&panel, &SimulationPanel::finished);
    QSignalSpy progress(panel.runner(), &SimulationRunner::progress);
    QVERIFY(panel.run());
    QVERIFY(progress.wait(20000));  // it is under way
    QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
    QVERIFY(failed.wait(20000));
    QCOMPARE(failed.first().at(0).toString(), QString("Simulation cancelled"));
    QCOMPARE(finished.count(), 0);
    QVERIFY(!panel.running());
    QVERIFY(panel.statusLabel()->text().contains("cancelled"));
    QVERIFY(panel.runButton()->isEnabled());
    QVERIFY(!panel.results()->report());
}

void SimulationPanelTest::simulatorHonoursCancel() {
    ScenarioForm form;
    form.durationSeconds = 1000;
    form.streams.push_back(StreamForm{});
    auto scenario = Scenario::fromJson(form.toJson());
    QVERIFY(scenario.ok());
    int asked = 0;
    SimulationOptions options;
    options.cancelled = [&asked] { return ++asked > 50; };
    auto report = simulate(*scenario, options);
    QVERIFY(!report.ok());
    // Told by its code, whatever the message says.
    QVERIFY(report.error().isCancelled());
    QVERIFY(report.error().withContext("Run 1: ").isCancelled());
    Error reworded = report.error();
    reworded.message = "Stopped by the user";
    QVERIFY(reworded.isCancelled());
    QVERIFY(!internalError("Simulation cancelled").isCancelled());
    QCOMPARE(asked, 51);  // asked once a second, stopped at once
    options.cancelled = [] { return false; };
    QVERIFY(simulate(*scenario, options).ok());
}

void SimulationPanelTest::formBuildsFromTheModelsAccessPatterns() {
    auto model = loadModel(SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json");
    QVERIFY(model.ok());
    auto form = formFromModel(*model, "Votes");
    QVERIFY(form.ok());
    QCOMPARE(form->billingMode, std::string("PROVISIONED"));
    QCOMPARE(form->writeUnits, 6000.0);
    QCOMPARE(form->readUnits, 5000.0);
    QCOMPARE(form->streams.size(), size_t(2));  // castVote, countVotes
    const StreamForm& vote = form->streams[0];
    QCOMPARE(vote.name, std::string("castVote"));
    QCOMPARE(vote.operation, std::string("UpdateItem"));
    QCOMPARE(vote.rate, 5000.0);
    // Three candidates weighted 70/20/10: a hot key with 70 % of the votes.
    QCOMPARE(vote.distribution, std::string("hotKey"));
    QCOMPARE(vote.keyCount, 3.0);
    QVERIFY(std::abs(vote.hotShare - 0.7) < 1e-9);
    QCOMPARE(vote.prefix, std::string("CANDIDATE#"));
    QCOMPARE(form->streams[1].operation, std::string("Scan"));

    auto shop = loadModel(SHARDSCAPE_RESOURCES "/models/ecommerce.shardscape.json");
    QVERIFY(shop.ok());
    QCOMPARE(modelScenarioNames(*shop), std::vector<std::string>{"Black Friday"});
    auto friday = formFromModelScenario(*shop, 0);
    QVERIFY2(friday.ok(), friday.ok() ? "" : friday.error().message.c_str());
    QCOMPARE(friday->name, std::string("Black Friday"));
    QCOMPARE(friday->durationSeconds, 600.0);
    bool sawPlaceOrder = false;
    for (const StreamForm& s : friday->streams) {
        if (s.name != "placeOrder") continue;
        sawPlaceOrder = true;
        QCOMPARE(s.rate, 400.0);  // 40 x 10
    }
    QVERIFY(sawPlaceOrder);
    QVERIFY(!formFromModel(*model, "Nope").ok());

    // In the panel: the model's entries come first and the form shows them.
    SimulationPanel panel;
    panel.setBundledDirectory(SHARDSCAPE_RESOURCES);
    QCOMPARE(panel.loadModelFile(SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json"),
             QString());
    const int votes = indexOf(panel.sources(), "Model access patterns: Votes");
    QVERIFY(votes >= 0);
    QVERIFY(panel.chooseSource(votes));
    QVERIFY(!panel.formView()->isHidden());
    QCOMPARE(panel.formView()->streamTable()->rowCount(), 2);
    QSignalSpy finished(&panel, &SimulationPanel::finished);
    QVERIFY(panel.run());
    QVERIFY(finished.wait(30000));
    // 3,500 WCU on CANDIDATE#0 > 1,000 WCU per partition: the run throttles.
    QVERIFY(panel.results()->report()->throttledRequests > 0);
}

void SimulationPanelTest::formEditsReachTheScenario() {
    SimulationPanel panel;
    QCOMPARE(panel.sources().size(), 1);  // custom form only
    QVERIFY(panel.chooseSource(0));
    ScenarioFormView* form = panel.formView();
    form->writeUnits()->setValue(2500);
    form->duration()->setValue(120);
    form->billingChoice()->setCurrentIndex(1);  // on demand
    auto scenario = panel.currentScenario();
    QVERIFY(scenario.ok());
    QCOMPARE(scenario->durationSeconds, 120.0);
    QCOMPARE(scenario->table.capacity.mode, BillingMode::PayPerRequest);
    form->billingChoice()->setCurrentIndex(0);
    scenario = panel.currentScenario();
    QVERIFY(scenario.ok());
    QCOMPARE(scenario->table.capacity.writeUnits, 2500.0);
    QCOMPARE(scenario->streams.size(), size_t(1));
}

void SimulationPanelTest::badFormSaysWhichField() {
    SimulationPanel panel;
    ScenarioForm bad;
    bad.table = "ab";  // too short is fine for the simulator; an empty stream list is not
    panel.formView()->setForm(bad);
    QSignalSpy failed(&panel, &SimulationPanel::failed);
    QVERIFY(!panel.run());
    QCOMPARE(failed.count(), 1);
    QVERIFY2(panel.statusLabel()->text().contains("workload"),
             qPrintable(panel.statusLabel()->text()));
}

void SimulationPanelTest::compareShowsBothRunsOnTheSameScales() {
    CompareView compare;
    compare.resize(1400, 800);
    compare.setBundledDirectory(SHARDSCAPE_RESOURCES);
    QCOMPARE(compare.leftChoice()->currentText(), QString("hot-key"));
    QCOMPARE(compare.rightChoice()->currentText(), QString("write-sharding"));
    compare.show();
    QVERIFY(QTest::qWaitForWindowExposed(&compare));
    QSignalSpy compared(&compare, &CompareView::compared);
    QTest::mouseClick(compare.runButton(), Qt::LeftButton);
    QVERIFY(compared.wait(30000));
    auto left = compare.left()->report(), right = compare.right()->report();
    QVERIFY(left && right);
    QCOMPARE(left->scenario, std::string("hot-key"));
    QCOMPARE(right->scenario, std::string("write-sharding"));
    QVERIFY(left->throttledRequests > 0);
    QCOMPARE(right->throttledRequests, 0.0);
    // Both heat maps and charts show their own run, on the same scales.
    QCOMPARE(compare.left()->heatMap()->heatMap().seconds(), 600);
    QCOMPARE(compare.right()->heatMap()->heatMap().seconds(), 600);
    QCOMPARE(compare.left()->heatMap()->shareRange(), compare.right()->heatMap()->shareRange());
    QCOMPARE(compare.left()->capacityChart()->unitsUpper(),
             compare.right()->capacityChart()->unitsUpper());
    QCOMPARE(compare.left()->capacityChart()->throttledUpper(),
             compare.right()->capacityChart()->throttledUpper());
    QCOMPARE(compare.left()->capacityChart()->xAxis->range(),
             compare.right()->capacityChart()->xAxis->range());
    QCOMPARE(compare.left()->capacityChart()->consumedWrite()->data()->size(), 600);
    QVERIFY(compare.statusLabel()->text().contains("write-sharding: 0.0 % throttled"));
    // The time sliders move together.
    compare.left()->setSecond(250);
    QCOMPARE(compare.right()->second(), 250);
    QCOMPARE(compare.right()->heatMap()->currentSecond(), 250);
}

void SimulationPanelTest::compareTwoTablesOfAModel() {
    auto model = loadModel(SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json");
    QVERIFY(model.ok());
    CompareView compare;
    compare.setBundledDirectory(SHARDSCAPE_RESOURCES);
    compare.setModel(*model);
    QVERIFY(compare.chooseByText("Model: Votes", "Model: VotesSharded"));
    QSignalSpy compared(&compare, &CompareView::compared);
    compare.run();
    QVERIFY(compared.wait(30000));
    auto share = [](const SimulationReport& report, const std::string& stream) {
        for (const StreamReport& s : report.streams)
            if (s.name == stream) return s.throttledRequests / s.requests;
        return -1.0;
    };
    const double before = share(*compare.left()->report(), "castVote");
    const double after = share(*compare.right()->report(), "castVoteSharded");
    QVERIFY2(before > 0.5 && after >= 0 && after < 0.1,
             qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    QCOMPARE(compare.left()->report()->resources.at(0).name, std::string("Votes"));
    QCOMPARE(compare.right()->report()->resources.at(0).name, std::string("VotesSharded"));
}

void SimulationPanelTest::screenshotsAreNotBlank() {
    QTemporaryDir dir;
    for (const QString view : {"simulation", "heatmap", "capacity", "compare"}) {
        const QString file = dir.filePath(view + ".png");
        QProcess gui;
        gui.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments = {"--data", dir.filePath("data"), "--screenshot", file, "--view",
                                 view};
        if (view == "simulation")
            arguments << "--model" << SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json";
        gui.start(SHARDSCAPE_GUI, arguments);
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 0);
        QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QVERIFY(image.width() > 600 && image.height() > 400);
        QVERIFY2(greyVariance(image) > 300, qPrintable(view));
    }
    // An unknown view is refused.
    QProcess gui;
    gui.start(SHARDSCAPE_GUI, {"--data", dir.filePath("data"), "--screenshot",
                               dir.filePath("x.png"), "--view", "nope"});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 2);
}

void SimulationPanelTest::mainWindowWiresModelsAndScenarios() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.filePath("data"));
    window.setBundledDirectory(SHARDSCAPE_RESOURCES);
    // Opening a model (as the Welcome panel does) gives the simulation its patterns.
    QSignalSpy modelOpened(&window, &MainWindow::modelOpened);
    window.openModel(SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json");
    QVERIFY(modelOpened.wait(30000));
    SimulationPanel* panel = window.simulationPanel();
    QVERIFY(indexOf(panel->sources(), "Model access patterns: Votes") >= 0);
    QVERIFY(indexOf(panel->sources(), "Model access patterns: VotesSharded") >= 0);
    QVERIFY(indexOf(panel->sources(), "Bundled: write-sharding") >= 0);
    QVERIFY(window.compareView()->leftChoice()->findText("Model: Votes") >= 0);
    QVERIFY(window.compareView()->rightChoice()->findText("Model: VotesSharded") >= 0);
    // The simulation views are views of the window.
    QVERIFY(window.showView("capacity"));
    QCOMPARE(panel->results()->pages()->currentIndex(), 1);
    QVERIFY(window.showView("heatmap"));
    QCOMPARE(panel->results()->pages()->currentIndex(), 0);
    QVERIFY(window.showView("compare"));
    QVERIFY(!window.showView("nope"));
    // prepareView runs the model's patterns before reporting ready.
    bool ready = false;
    QString error = "unset";
    window.prepareView("simulation", SHARDSCAPE_RESOURCES "/models/hot-partition.shardscape.json",
                       [&](const QString& e) {
                           ready = true;
                           error = e;
                       });
    QTRY_VERIFY_WITH_TIMEOUT(ready, 30000);
    QCOMPARE(error, QString());
    QCOMPARE(panel->results()->report()->resources.at(0).name, std::string("Votes"));

    // Activating a classroom scenario in the Welcome panel runs it in the simulation tab.
    window.showWelcome(SHARDSCAPE_RESOURCES);
    QListWidget* scenarios = window.welcomePanel()->scenarioList();
    QListWidgetItem* burst = nullptr;
    for (int i = 0; i < scenarios->count(); ++i)
        if (scenarios->item(i)->data(Qt::UserRole).toString().endsWith("/burst.json"))
            burst = scenarios->item(i);
    QVERIFY(burst);
    QSignalSpy finished(panel, &SimulationPanel::finished);
    emit scenarios->itemActivated(burst);
    QVERIFY(finished.wait(30000));
    QCOMPARE(panel->results()->report()->scenario, std::string("burst"));
    QVERIFY(panel->isVisibleTo(&window));
}

QTEST_MAIN(SimulationPanelTest)
#include "test_simulation_panel.moc"
