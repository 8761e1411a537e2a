// Model › Suggest a fix… (ui/suggest_fix_dialog.h) through the real widgets offscreen: on the
// bundled hot-partition teaching model, the red castVote's suggested fix (shard its key 100
// ways) shown as a diff, applied with the Apply button as one undoable step: castVote turns
// green in the designer, the Election night scenario's throttled requests drop to 0, and undo
// and redo restore each model exactly. A Query on a GSI that does not project what it
// returns gets "change the projection", applied the same way.
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTextEdit>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include "access_pattern_list.h"
#include "backend/local_backend.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "main_window.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_scenario.h"
#include "simulation/simulator.h"
#include "simulation_panel.h"
#include "simulation_results_view.h"
#include "status_lsi_fixture.h"
#include "storage/engine.h"
#include "suggest_fix_dialog.h"

using namespace shardscape;

namespace {

const QString kModel = QString(SHARDSCAPE_RESOURCES) + "/models/hot-partition.shardscape.json";

double electionNightThrottled(const Model& model) {
    for (size_t i = 0; i < model.scenarios.size(); ++i) {
        if (model.scenarios[i].value("name", std::string()) != "Election night") continue;
        auto scenario = simulatorScenario(model, i);
        if (!scenario) qFatal("%s", scenario.error().message.c_str());
        SimulationOptions options;
        options.partitionSeries = false;
        auto report = simulate(*scenario, options);
        if (!report) qFatal("%s", report.error().message.c_str());
        return report->throttledRequests;
    }
    qFatal("no Election night scenario");
}

QAction* menuAction(MainWindow& window, const QString& menuName, const QString& actionName) {
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu() && menu->menu()->objectName() == menuName)
            for (QAction* action : menu->menu()->actions())
                if (action->objectName() == actionName) return action;
    return nullptr;
}

QStringList patternChoices(QComboBox* box) {
    QStringList names;
    for (int i = 0; i < box->count(); ++i) names << box->itemData(i).toString();
    return names;
}

}  // namespace

class SuggestFixTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void applyTheHotKeyFixThroughTheDialog();
    void changeTheProjectionOfAnIndex();
    void greenQueryThatFetchesFromTheTableIsOffered();
    void greenPatternsAndNoSuggestion();

  private:
    QTemporaryDir settings_;
};

void SuggestFixTest::initTestCase() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void SuggestFixTest::applyTheHotKeyFixThroughTheDialog() {
    QTemporaryDir dir;
    auto engine = Engine::open(dir.path().toStdString());
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(std::move(*engine)), dir.path());
    QVERIFY(window.designer()->openFile(kModel));
    DesignDocument* document = window.designer()->document();
    const Json original = Json(modelToJson(document->model()));
    AccessPatternList* list = window.designer()->view()->accessPatterns();
    QCOMPARE(list->shownVerdict("castVote"), QString("red"));
    QVERIFY(electionNightThrottled(document->model()) > 0);
    {
        SimulationPanel* simulation = window.simulationPanel();
        const int source =
            static_cast<int>(simulation->sources().indexOf("Model scenario: Election night"));
        QVERIFY(source >= 0);
        QVERIFY(simulation->chooseSource(source));
        QSignalSpy finished(simulation, &SimulationPanel::finished);
        QVERIFY(simulation->run());
        QVERIFY(finished.wait(60000));
        QVERIFY(simulation->results()->report()->throttledRequests > 0.5e6);
    }

    // The pattern selected in the designer is the one the dialog starts with.
    const auto rows = list->tree()->findItems("countVotes", Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    list->tree()->setCurrentItem(rows.front());
    QAction* action = menuAction(window, "modelMenu", "suggestFixAction");
    QVERIFY(action);
    QCOMPARE(action->text(), QString("&Suggest a fix…"));
    action->trigger();
    auto* dialog = window.findChild<SuggestFixDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(patternChoices(dialog->patternBox()),
             (QStringList{"castVote", "readLeaderboard", "countVotes"}));
    QCOMPARE(dialog->patternBox()->currentText(), QString("countVotes (scan)"));
    // countVotes scans with begins_with: nothing to suggest, and Apply is off.
    QCOMPARE(dialog->suggestionList()->count(), 0);
    QVERIFY(!dialog->applyButton()->isEnabled());
    QVERIFY(dialog->explanationLabel()->text().startsWith("No change of the model makes"));

    dialog->patternBox()->setCurrentIndex(0);
    QCOMPARE(dialog->patternBox()->currentText(), QString("castVote (throttled)"));
    QVERIFY(dialog->reasonLabel()->text().contains(
        "throttled: ~3500 WCU/s on one PK value of table Votes"));
    QCOMPARE(dialog->suggestionList()->count(), 1);
    QCOMPARE(dialog->suggestionList()->item(0)->text(),
             QString("Shard PK of entity Vote 100 ways"));
    QVERIFY(dialog->explanationLabel()->text().startsWith(
        "~3500 WCU/s land on one PK value ('CANDIDATE#{candidate}')"));
    const QString diff = dialog->diffView()->toPlainText();
    QVERIFY2(diff.contains("-         \"PK\": \"CANDIDATE#{candidate}\"\n"
                           "+         \"PK\": \"CANDIDATE#{candidate}#{shard}\"\n"),
             qPrintable(diff));
    QVERIFY2(diff.contains("+             \"cardinality\": 100\n"), qPrintable(diff));
    QVERIFY(dialog->applyButton()->isEnabled());

    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    // One undoable step; the designer's verdicts recomputed.
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->undoStack()->undoText(),
             QString("Fix castVote: Shard PK of entity Vote 100 ways"));
    QCOMPARE(*document->model().findEntity("Vote")->keyTemplate("PK"),
             std::string("CANDIDATE#{candidate}#{shard}"));
    QCOMPARE(list->shownVerdict("castVote"), QString("green"));
    QCOMPARE(list->shownVerdict("countVotes"), QString("red"));
    QCOMPARE(dialog->statusLabel()->text(),
             QString("Applied “Shard PK of entity Vote 100 ways”: castVote is now green. Edit › "
                     "Undo takes it back."));
    // castVote is green now, so the dialog no longer offers it.
    QCOMPARE(patternChoices(dialog->patternBox()), (QStringList{"readLeaderboard", "countVotes"}));
    // The scenario that threw away most of the votes no longer throttles any: in core, and run
    // in the Simulation view, which follows the designer's model.
    QCOMPARE(electionNightThrottled(document->model()), 0.0);
    SimulationPanel* simulation = window.simulationPanel();
    const int source =
        static_cast<int>(simulation->sources().indexOf("Model scenario: Election night"));
    QVERIFY(source >= 0);
    QVERIFY(simulation->chooseSource(source));
    QSignalSpy finished(simulation, &SimulationPanel::finished);
    QVERIFY(simulation->run());
    QVERIFY(finished.wait(60000));
    QVERIFY(simulation->results()->report());
    QVERIFY(simulation->results()->report()->requests > 1e6);
    QCOMPARE(simulation->results()->report()->throttledRequests, 0.0);
    const Json fixed = Json(modelToJson(document->model()));

    window.designer()->undoAction()->trigger();
    QCOMPARE(Json(modelToJson(document->model())), original);
    QCOMPARE(list->shownVerdict("castVote"), QString("red"));
    QCOMPARE(patternChoices(dialog->patternBox()),
             (QStringList{"castVote", "readLeaderboard", "countVotes"}));
    window.designer()->redoAction()->trigger();
    QCOMPARE(Json(modelToJson(document->model())), fixed);
    QCOMPARE(list->shownVerdict("castVote"), QString("green"));

    // The leaderboard's strongly consistent hot read: read it eventually consistent.
    QVERIFY(dialog->choosePattern("readLeaderboard"));
    QCOMPARE(dialog->suggestionList()->item(0)->text(),
             QString("Read readLeaderboard eventually consistent"));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(list->shownVerdict("readLeaderboard"), QString("green"));
    QCOMPARE(document->undoStack()->count(), 2);
    QCOMPARE(patternChoices(dialog->patternBox()), QStringList{"countVotes"});
}

// recentOrdersOfProduct returns orderId, which GSI2 (INCLUDE quantity, price) does not
// project: impossible until GSI2 INCLUDEs it; Apply, the verdict turns green, undo restores the
// exact model.
void SuggestFixTest::changeTheProjectionOfAnIndex() {
    QTemporaryDir dir;
    auto loaded = loadModel(QString(SHARDSCAPE_RESOURCES).toStdString() +
                            "/models/ecommerce.shardscape.json");
    QVERIFY(loaded);
    Model model = std::move(loaded).value();
    for (auto& p : model.accessPatterns)
        if (p.name == "recentOrdersOfProduct") p.projection = {"orderId", "quantity"};
    const QString file = dir.filePath("shop.shardscape.json");
    QVERIFY(saveModel(model, file.toStdString()).ok());
    auto engine = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(std::move(*engine)), dir.filePath("data"));
    QVERIFY(window.designer()->openFile(file));
    DesignDocument* document = window.designer()->document();
    const Json original = Json(modelToJson(document->model()));
    AccessPatternList* list = window.designer()->view()->accessPatterns();
    QCOMPARE(list->shownVerdict("recentOrdersOfProduct"), QString("impossible"));

    const auto rows = list->tree()->findItems("recentOrdersOfProduct", Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    list->tree()->setCurrentItem(rows.front());
    // The pattern's detail links to the dialog (a green pattern's does not).
    QVERIFY2(list->detail()->text().endsWith("<br><a href=\"fix\">Suggest a fix…</a>"),
             qPrintable(list->detail()->text()));
    QVERIFY(list->detail()->textInteractionFlags() & Qt::LinksAccessibleByKeyboard);
    emit list->detail()->linkActivated("fix");
    auto* dialog = window.findChild<SuggestFixDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->patternBox()->currentData().toString(), QString("recentOrdersOfProduct"));
    QCOMPARE(dialog->reasonLabel()->text(),
             QString("<b>recentOrdersOfProduct</b>: index GSI2 does not project orderId, and a "
                     "Query on a GSI cannot fetch it from the table"));
    QCOMPARE(dialog->suggestionList()->count(), 2);
    QCOMPARE(dialog->suggestionList()->item(0)->text(),
             QString("Project orderId into GSI2 (INCLUDE quantity, price, orderId)"));
    QCOMPARE(dialog->suggestionList()->item(1)->text(), QString("Project ALL into GSI2"));
    // Choosing the second shows its cost and diff; the first is the one applied.
    QListWidget* suggestions = dialog->suggestionList();
    QTest::mouseClick(suggestions->viewport(), Qt::LeftButton, {},
                      suggestions->visualItemRect(suggestions->item(1)).center());
    QCOMPARE(suggestions->currentRow(), 1);
    QVERIFY2(dialog->diffView()->toPlainText().contains("+             \"type\": \"ALL\"\n"),
             qPrintable(dialog->diffView()->toPlainText()));
    QTest::mouseClick(suggestions->viewport(), Qt::LeftButton, {},
                      suggestions->visualItemRect(suggestions->item(0)).center());
    QCOMPARE(suggestions->currentRow(), 0);
    QVERIFY2(dialog->explanationLabel()->text().startsWith(
                 "recentOrdersOfProduct needs orderId, which GSI2 (INCLUDE quantity, price) "
                 "does not project: a Query on a GSI cannot fetch it from the table."),
             qPrintable(dialog->explanationLabel()->text()));
    QVERIFY(dialog->explanationLabel()->text().contains("bigger GSI2 entries (OrderItem"));
    const QString diff = dialog->diffView()->toPlainText();
    QVERIFY2(diff.contains("-               \"price\"\n"
                           "+               \"price\",\n"
                           "+               \"orderId\"\n"),
             qPrintable(diff));

    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(document->undoStack()->count(), 1);
    QCOMPARE(document->undoStack()->undoText(),
             QString("Fix recentOrdersOfProduct: Project orderId into GSI2 (INCLUDE quantity, "
                     "price, orderId)"));
    QCOMPARE(document->model().tables[0].globalSecondaryIndexes[1].projection.nonKeyAttributes,
             (std::vector<std::string>{"quantity", "price", "orderId"}));
    QCOMPARE(list->shownVerdict("recentOrdersOfProduct"), QString("green"));
    QVERIFY(!list->detail()->text().contains("Suggest a fix"));
    QCOMPARE(dialog->statusLabel()->text(),
             QString("Applied “Project orderId into GSI2 (INCLUDE quantity, price, orderId)”: "
                     "recentOrdersOfProduct is now green. Edit › Undo takes it back."));
    QVERIFY(!patternChoices(dialog->patternBox()).contains("recentOrdersOfProduct"));
    const Json fixed = Json(modelToJson(document->model()));

    window.designer()->undoAction()->trigger();
    QCOMPARE(Json(modelToJson(document->model())), original);
    QCOMPARE(list->shownVerdict("recentOrdersOfProduct"), QString("impossible"));
    QVERIFY(patternChoices(dialog->patternBox()).contains("recentOrdersOfProduct"));
    window.designer()->redoAction()->trigger();
    QCOMPARE(Json(modelToJson(document->model())), fixed);
    QCOMPARE(list->shownVerdict("recentOrdersOfProduct"), QString("green"));
}

// A Query on an LSI that does not project what it returns is green (DynamoDB fetches from the
// table), but pays a read per item for it: the dialog offers it with the projection fix.
void SuggestFixTest::greenQueryThatFetchesFromTheTableIsOffered() {
    QTemporaryDir dir;
    auto loaded = loadModel(QString(SHARDSCAPE_RESOURCES).toStdString() +
                            "/models/ecommerce.shardscape.json");
    QVERIFY(loaded);
    Model model = std::move(loaded).value();
    shardscape::testing::addOrdersInStateOnAKeysOnlyLsi(model);
    const QString file = dir.filePath("shop.shardscape.json");
    QVERIFY(saveModel(model, file.toStdString()).ok());
    auto engine = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(std::move(*engine)), dir.filePath("data"));
    QVERIFY(window.designer()->openFile(file));
    AccessPatternList* list = window.designer()->view()->accessPatterns();
    QCOMPARE(list->shownVerdict("ordersInState"), QString("green"));
    SuggestFixDialog* dialog = window.suggestFix();
    // listOpenOrders (amber) and the green ordersInState; the other green patterns are not.
    QCOMPARE(patternChoices(dialog->patternBox()),
             (QStringList{"listOpenOrders", "ordersInState"}));
    QVERIFY(dialog->choosePattern("ordersInState"));
    QCOMPARE(dialog->patternBox()->currentText(), QString("ordersInState (served)"));
    QCOMPARE(dialog->suggestionList()->item(0)->text(),
             QString("Project orderId and total into LSI1 (INCLUDE orderId, total)"));
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QCOMPARE(window.designer()->document()->undoStack()->count(), 1);
    QCOMPARE(
        window.designer()->document()->model().tables[0].localSecondaryIndexes[0].projection.type,
        std::string("INCLUDE"));
    // Nothing is fetched now: the pattern is no longer offered.
    QCOMPARE(patternChoices(dialog->patternBox()), QStringList{"listOpenOrders"});
}

void SuggestFixTest::greenPatternsAndNoSuggestion() {
    QTemporaryDir dir;
    auto engine = Engine::open(dir.path().toStdString());
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(std::move(*engine)), dir.path());
    QVERIFY(window.designer()->openFile(QString(SHARDSCAPE_RESOURCES) +
                                        "/models/chat-app.shardscape.json"));
    SuggestFixDialog* dialog = window.suggestFix();
    QCOMPARE(dialog->patternBox()->count(), 0);
    QCOMPARE(dialog->reasonLabel()->text(),
             QString("Every access pattern is green: there is nothing to fix."));
    QVERIFY(!dialog->applyButton()->isEnabled());
    QVERIFY(!dialog->apply(0));
    QCOMPARE(window.designer()->document()->undoStack()->count(), 0);
}

QTEST_MAIN(SuggestFixTest)
#include "test_suggest_fix.moc"
