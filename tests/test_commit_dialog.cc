// Model › Commit to connection… (ui/commit_dialog.h) driven through the real widgets offscreen:
// the designer's model committed to the local engine (preview, progress, report, the table
// list refreshed), committed again (the table exists: reported, nothing written), a cancelled
// run, and a saved connection profile pointing at a `serve` process.
#include <QComboBox>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTreeWidget>
#include <QtTest>
#include <atomic>
#include <thread>

#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "commit_dialog.h"
#include "connection_controller.h"
#include "design_document.h"
#include "designer_workbench.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "model/model_file.h"
#include "serve_process.h"

using namespace shardscape;

namespace {

QString bundledModel(const char* name) {
    return QString(SHARDSCAPE_RESOURCES) + "/models/" + name;
}

std::shared_ptr<Engine> emptyEngine(const QTemporaryDir& dir) {
    auto opened = Engine::open(dir.path().toStdString());
    return opened ? std::shared_ptr<Engine>(std::move(opened).value()) : nullptr;
}

QStringList tableNames(QTreeWidget* tree) {
    QStringList names;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) names << tree->topLevelItem(i)->text(0);
    return names;
}

// The Model menu's Commit action, found through the menu bar as a user would.
QAction* commitAction(MainWindow& window) {
    for (QAction* menu : window.menuBar()->actions())
        if (menu->menu() && menu->menu()->objectName() == "modelMenu")
            for (QAction* action : menu->menu()->actions())
                if (action->objectName() == "commitModelAction") return action;
    return nullptr;
}

// The local engine, with the second BatchWriteItem held until `open` (or 20 s).
class GatedBackend : public LocalBackend {
  public:
    using LocalBackend::LocalBackend;
    Result<Json> call(std::string_view operation, const Json& request) override {
        if (operation == "BatchWriteItem" && ++batches == 2)
            for (int waited = 0; !open && waited < 2000; ++waited)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return LocalBackend::call(operation, request);
    }
    std::atomic<int> batches{0};
    std::atomic<bool> open{false};
};

}  // namespace

class CommitDialogTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void commitToTheLocalEngine();
    void cancelledCommit();
    void commitToASavedConnection();

  private:
    QTemporaryDir settings_;
};

void CommitDialogTest::initTestCase() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void CommitDialogTest::commitToTheLocalEngine() {
    QTemporaryDir dir;
    auto engine = emptyEngine(dir);
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    window.connections()->setProfiles({});
    QVERIFY(window.designer()->openFile(bundledModel("ecommerce.shardscape.json")));
    QAction* action = commitAction(window);
    QVERIFY(action);
    QCOMPARE(action->text(), QString("&Commit to connection…"));
    action->trigger();
    auto* dialog = window.findChild<CommitDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->connectionBox()->count(), 1);
    QCOMPARE(dialog->connectionBox()->currentText(), QString("Local engine"));
    QTRY_COMPARE(dialog->existingLabel()->text(),
                 QString("None of the model's tables is there yet."));

    // The preview follows the number of generated items.
    const Model model = window.designer()->document()->model();
    QVERIFY(dialog->commitButton()->isEnabled());
    dialog->generateBox()->setValue(100);
    CommitPlanOptions options;
    options.generateItems = 100;
    auto plan = planModelCommit(model, options);
    QVERIFY(plan);
    QCOMPARE(dialog->previewText()->toPlainText(),
             QString::fromStdString(commitPlanPreview(*plan)));
    QVERIFY(dialog->previewText()->toPlainText().startsWith(
        "1 table, 100 items, 7 requests (model E-commerce (single table))\n"
        "  CreateTable Shop (PK S, SK S; GSI GSI1 GSI2; on-demand)\n"));

    int progressSignals = 0;
    connect(dialog, &CommitDialog::progressed, this, [&] { ++progressSignals; });
    QTest::mouseClick(dialog->commitButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning() || dialog->lastResult());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->lastResult().has_value(), 20000);
    QVERIFY(*dialog->lastResult());
    const CommitReport& report = dialog->lastResult()->value();
    QVERIFY(report.complete());
    QCOMPARE(report.itemsWritten, int64_t(100));
    QCOMPARE(dialog->reportText()->toPlainText(),
             QString("Committed to local engine: 1 table created, 100 items written in 8 "
                     "requests.\n"
                     "  Shop: created, 100 of 100 items written\n"));
    QCOMPARE(dialog->progressBar()->value(), 1000);
    QCOMPARE(dialog->progressLabel()->text(), QString("Done"));
    QVERIFY(progressSignals >= 1);
    QCOMPARE(testing::itemCount(*engine, "Shop"), int64_t(100));
    // The window's table list shows the new table, and the dialog knows it is there now.
    QTRY_COMPARE(tableNames(window.tableTree()), QStringList{"Shop"});
    QTRY_COMPARE(dialog->existingLabel()->text(),
                 QString("Already there, left as they are (none of their items are written): "
                         "Shop"));

    // Again: Shop exists, so it is reported and nothing is written.
    QVERIFY(dialog->commitButton()->isEnabled());
    QTest::mouseClick(dialog->commitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && dialog->lastResult().has_value(), 20000);
    QCOMPARE(dialog->reportText()->toPlainText(),
             QString("Nothing committed to local engine: 0 tables created, 0 items written in 1 "
                     "request.\n"
                     "  Shop: already exists — left as it is, its 100 items not written (delete "
                     "the table or commit under another name)\n"));
    QCOMPARE(dialog->progressLabel()->text(), QString("Done; some tables already existed"));
    QCOMPARE(testing::itemCount(*engine, "Shop"), int64_t(100));
}

void CommitDialogTest::cancelledCommit() {
    QTemporaryDir dir;
    auto engine = emptyEngine(dir);
    QVERIFY(engine);
    // The second BatchWriteItem waits until the user has clicked Cancel, so the run is
    // cancelled at a known point whatever the machine's speed.
    auto gate = std::make_shared<GatedBackend>(engine);
    auto model = loadModel(bundledModel("chat-app.shardscape.json").toStdString());
    QVERIFY(model);
    CommitDialog dialog(*model, gate, {}, AwsEnvironment{});
    dialog.show();
    dialog.generateBox()->setValue(500);
    const int64_t planned = dialog.plan()->items();
    QVERIFY(planned > 100);
    // Cancel as soon as the first batch is written, as a user clicking Cancel would.
    connect(&dialog, &CommitDialog::progressed, this, [&](const CommitProgress& progress) {
        if (progress.itemsWritten >= 25 && dialog.cancelButton()->isEnabled()) {
            QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
            gate->open = true;
        }
    });
    QTest::mouseClick(dialog.commitButton(), Qt::LeftButton);
    QVERIFY(dialog.cancelButton()->isEnabled());
    QVERIFY(!dialog.connectionBox()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.lastResult().has_value(), 30000);
    QVERIFY(*dialog.lastResult());
    const CommitReport& report = dialog.lastResult()->value();
    QVERIFY(report.cancelled);
    QVERIFY(!report.error);
    // The batch in flight when Cancel was clicked is written; nothing after it.
    QCOMPARE(report.itemsWritten, int64_t(50));
    QCOMPARE(testing::itemCount(*engine, "ChatMessages"), int64_t(50));
    QCOMPARE(dialog.progressLabel()->text(), QString("Cancelled"));
    QCOMPARE(dialog.reportText()->toPlainText(),
             QString("Committed in part to local engine: 1 table created, 50 items written in 5 "
                     "requests.\n"
                     "  ChatMessages: created, 50 of %1 items written\n"
                     "  Cancelled: the remaining requests were not sent.\n")
                 .arg(planned));
    QVERIFY(!dialog.cancelButton()->isEnabled());
    QVERIFY(dialog.commitButton()->isEnabled());
    QVERIFY(dialog.connectionBox()->isEnabled());
}

void CommitDialogTest::commitToASavedConnection() {
    testing::ServeProcess serve;
    QVERIFY(serve.start());
    QTemporaryDir dir;
    auto engine = emptyEngine(dir);
    QVERIFY(engine);
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.path());
    ConnectionProfile profile;
    profile.name = "test serve";
    profile.endpointUrl = serve.url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDTEST", "secret", {}};
    ConnectionProfile unreachable;
    unreachable.name = "nowhere";
    unreachable.endpointUrl = "http://127.0.0.1:1";
    unreachable.source = CredentialSource::Typed;
    unreachable.typed = {"AKIDTEST", "secret", {}};
    window.connections()->setProfiles({profile, unreachable});
    QVERIFY(window.designer()->openFile(bundledModel("gaming-leaderboard.shardscape.json")));
    CommitDialog* dialog = window.commitModelToConnection();
    QCOMPARE(dialog->connectionBox()->count(), 3);
    QCOMPARE(dialog->connectionBox()->itemText(1), "test serve  (" + serve.url() + ")");
    dialog->connectionBox()->setCurrentIndex(1);
    QTRY_COMPARE(dialog->existingLabel()->text(),
                 QString("None of the model's tables is there yet."));
    dialog->generateBox()->setValue(30);
    QTest::mouseClick(dialog->commitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->lastResult().has_value(), 20000);
    QVERIFY(*dialog->lastResult());
    QVERIFY2(dialog->lastResult()->value().complete(),
             qPrintable(dialog->reportText()->toPlainText()));
    QVERIFY(dialog->reportText()->toPlainText().startsWith(
        "Committed to " + serve.url() + ": 1 table created, 30 items written in "));
    // Written on serve, not in the local engine.
    QVERIFY(!engine->table("GameScores"));
    auto remote = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(remote);
    auto count = (*remote)->call("Scan", Json{{"TableName", "GameScores"}, {"Select", "COUNT"}});
    QVERIFY(count);
    QCOMPARE((*count)["Count"], Json(30));

    QTRY_COMPARE(dialog->existingLabel()->text(),
                 QString("Already there, left as they are (none of their items are written): "
                         "GameScores"));

    // A connection that cannot be reached: the check and the report say so, and the dialog is
    // usable again.
    dialog->connectionBox()->setCurrentIndex(2);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->existingLabel()->text().startsWith(
                                 "Could not check the connection: DescribeTable GameScores: "),
                             30000);
    QTest::mouseClick(dialog->commitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && dialog->lastResult().has_value(), 30000);
    QVERIFY(*dialog->lastResult());
    const CommitReport& failed = dialog->lastResult()->value();
    QVERIFY(failed.error);
    QVERIFY2(dialog->reportText()->toPlainText().startsWith(
                 "Nothing committed to http://127.0.0.1:1: 0 tables created, 0 items written in "
                 "1 request.\n  GameScores: not reached\n  Stopped by "),
             qPrintable(dialog->reportText()->toPlainText()));
    QCOMPARE(dialog->progressLabel()->text(), QString("Stopped by an error"));
    QVERIFY(dialog->commitButton()->isEnabled());
}

QTEST_MAIN(CommitDialogTest)
#include "test_commit_dialog.moc"
