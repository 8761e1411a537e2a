// The GUI against a real DynamoDB-compatible server (dynalite on a free port, stopped after):
// the Connections dialog (new profile, typed credentials, Test connection, what is stored),
// connecting through it and through the connection selector, the table list, the Data view
// and the query builder browsing the remote table, importing its schema into a model and
// sampling items into the local engine; then Server > Start/Stop with a real HTTP request.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "connection_controller.h"
#include "connections_dialog.h"
#include "data_view.h"
#include "dynalite_process.h"
#include "item_table_model.h"
#include "main_window.h"
#include "model/model_file.h"
#include "operation_test_support.h"
#include "query_panel.h"
#include "server_controller.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::json;

namespace {
// With SHARDSCAPE_SCREENSHOT_DIR set, saves what the widget shows (to look at by hand).
void keepScreenshot(QWidget* widget, const char* name) {
    const QString dir = qEnvironmentVariable("SHARDSCAPE_SCREENSHOT_DIR");
    if (!dir.isEmpty()) widget->grab().save(dir + "/" + name + ".png");
}
}  // namespace

class RemoteGuiTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectionsDialogTestsAndStores();
    void browsesTheRemoteThroughTheWindow();
    void importsSchemaAndSamples();
    void serverStartsAndStops();

  private:
    void fillDialog(ConnectionsDialog& dialog, bool remember);

    testing::DynaliteProcess dynalite_;
    std::shared_ptr<RemoteBackend> remote_;
    QTemporaryDir settingsDir_, home_, data_;
    std::shared_ptr<Engine> engine_;
};

void RemoteGuiTest::initTestCase() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QVERIFY2(dynalite_.start(), qPrintable(dynalite_.problem()));
    ConnectionProfile profile;
    profile.endpointUrl = dynalite_.url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDGUI", "guisecret", {}};
    auto connected = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(connected);
    remote_ = *connected;
    auto created = remote_->call("CreateTable", json(R"({"TableName":"Music",
        "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},
                                {"AttributeName":"Song","AttributeType":"S"},
                                {"AttributeName":"Year","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},
                     {"AttributeName":"Song","KeyType":"RANGE"}],
        "BillingMode":"PAY_PER_REQUEST",
        "GlobalSecondaryIndexes":[{"IndexName":"ByYear",
            "KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],
            "Projection":{"ProjectionType":"ALL"}}]})"));
    QVERIFY2(created, created ? "" : created.error().message.c_str());
    for (int attempt = 0; attempt < 200; ++attempt) {
        auto described = describeTable(*remote_, "Music");
        if (described && (*described)["TableStatus"] == "ACTIVE") break;
        QTest::qWait(20);
    }
    for (int i = 0; i < 30; ++i) {
        Json item = {{"Artist", {{"S", i < 10 ? "Acme" : "Zed"}}},
                     {"Song", {{"S", testing::numbered("song", 100 + i)}}},
                     {"Year", {{"N", std::to_string(1990 + i % 5)}}}};
        QVERIFY(remote_->call("PutItem", Json{{"TableName", "Music"}, {"Item", item}}));
    }
    auto engine = Engine::open(data_.path().toStdString());
    QVERIFY(engine);
    engine_ = std::move(engine).value();
}

void RemoteGuiTest::cleanupTestCase() {
    dynalite_.stop();
}

// Types a typed-credentials profile for dynalite into the dialog's widgets.
void RemoteGuiTest::fillDialog(ConnectionsDialog& dialog, bool remember) {
    QTest::mouseClick(dialog.findChild<QPushButton*>("newConnection"), Qt::LeftButton);
    QCOMPARE(dialog.profileList()->count(), 1);
    dialog.nameEdit()->clear();
    QTest::keyClicks(dialog.nameEdit(), "dynalite");
    dialog.endpointEdit()->clear();
    QTest::keyClicks(dialog.endpointEdit(), dynalite_.url());
    dialog.sourceBox()->setCurrentIndex(2);  // Typed in
    QVERIFY(dialog.accessKeyEdit()->isEnabled());
    QVERIFY(!dialog.awsProfileEdit()->isEnabled());
    QTest::keyClicks(dialog.accessKeyEdit(), "AKIDGUI");
    QTest::keyClicks(dialog.secretEdit(), "guisecret");
    if (remember) QTest::mouseClick(dialog.rememberBox(), Qt::LeftButton);
}

void RemoteGuiTest::connectionsDialogTestsAndStores() {
    QSettings settings(settingsDir_.filePath("dialog.ini"), QSettings::IniFormat);
    AwsEnvironment env;
    env.home = home_.path().toStdString();
    {
        ConnectionsDialog dialog({}, &settings, env);
        dialog.show();
        fillDialog(dialog, false);
        QCOMPARE(dialog.profileList()->item(0)->text(), QString("dynalite"));
        QSignalSpy tested(&dialog, &ConnectionsDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(tested.wait(15000));
        QVERIFY2(tested[0][0].toBool(), qPrintable(tested[0][1].toString()));
        QCOMPARE(dialog.testResult()->text(),
                 QString("Connected to %1 (us-east-1, credentials: typed in): 1 table(s)")
                     .arg(dynalite_.url()));
        keepScreenshot(&dialog, "connections-dialog");
        QTest::mouseClick(dialog.findChild<QPushButton*>("saveConnections"), Qt::LeftButton);
        QCOMPARE(dialog.profiles()[0].typed.secretAccessKey, std::string("guisecret"));
    }
    settings.sync();
    QCOMPARE(settings.value("connections/1/endpoint").toString(), dynalite_.url());
    QCOMPARE(settings.value("connections/1/accessKeyId").toString(), QString("AKIDGUI"));
    QVERIFY(!settings.contains("connections/1/secretAccessKey"));  // not remembered

    {
        ConnectionsDialog dialog({}, &settings, env);
        dialog.show();
        fillDialog(dialog, true);
        // A wrong endpoint fails the test with the reason.
        dialog.endpointEdit()->clear();
        QTest::keyClicks(dialog.endpointEdit(), "localhost-without-scheme");
        QSignalSpy tested(&dialog, &ConnectionsDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(tested.wait(15000));
        QVERIFY(!tested[0][0].toBool());
        QVERIFY2(dialog.testResult()->text().contains("must start with http:// or https://"),
                 qPrintable(dialog.testResult()->text()));
        dialog.endpointEdit()->clear();
        QTest::keyClicks(dialog.endpointEdit(), dynalite_.url());
        QTest::mouseClick(dialog.findChild<QPushButton*>("saveConnections"), Qt::LeftButton);
    }
    settings.sync();
    QCOMPARE(settings.value("connections/1/secretAccessKey").toString(), QString("guisecret"));
}

void RemoteGuiTest::browsesTheRemoteThroughTheWindow() {
    MainWindow window(std::make_shared<LocalBackend>(engine_), data_.path());
    window.show();
    ConnectionController* connections = window.connections();
    AwsEnvironment env;
    env.home = home_.path().toStdString();
    connections->setEnvironment(env);
    connections->setProfiles({});
    QCOMPARE(connections->selector()->count(), 1);  // Local engine

    // Connection > Connections…: fill in the modal dialog and press Connect.
    QSignalSpy connected(connections, &ConnectionController::connected);
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<ConnectionsDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        fillDialog(*dialog, false);
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
    });
    window.findChild<QAction*>("openConnections")->trigger();
    QVERIFY(connected.wait(15000));
    QVERIFY(connections->isRemote());
    QCOMPARE(connections->selector()->currentText(), QString("dynalite"));
    QCOMPARE(connections->statusLabel()->text(), "Remote: " + dynalite_.url());

    // The table list shows the remote table with its keys and figures.
    QTreeWidget* tree = window.tableTree();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QCOMPARE(tree->topLevelItem(0)->text(0), QString("Music"));
    QCOMPARE(tree->topLevelItem(0)->text(1), QString("Artist (S)"));
    QCOMPARE(tree->topLevelItem(0)->text(2), QString("Song (S)"));
    QCOMPARE(tree->topLevelItem(0)->text(3), QString("On-demand"));
    QVERIFY(!tree->topLevelItem(0)->text(4).isEmpty());  // dynalite counts items lazily
    QCOMPARE(window.findChild<QLabel*>("statusFigures")->text().left(17),
             QString("1 remote table(s)"));
    keepScreenshot(&window, "remote-tables");

    // The Data view browses it a page at a time, off the GUI thread.
    QVERIFY(window.showView("data"));
    DataView* data = window.dataView();
    QCOMPARE(data->sourceBox()->count(), 2);
    QCOMPARE(data->sourceBox()->itemText(1), QString("Music › ByYear (GSI)"));
    data->itemModel()->setPageSize(12);
    QSignalSpy pages(data->itemModel(), &ItemTableModel::pageLoaded);
    data->showSource("Music");
    QTRY_VERIFY_WITH_TIMEOUT(data->itemModel()->rowCount() >= 12, 10000);
    QCOMPARE(data->itemModel()->headerData(0, Qt::Horizontal).toString(), QString("Artist"));
    QCOMPARE(data->itemModel()->headerData(1, Qt::Horizontal).toString(), QString("Song"));
    // The view asks for the next pages as it is scrolled (or while rows fit on screen).
    for (int step = 0; step < 100 && data->itemModel()->rowCount() < 30; ++step) {
        data->itemView()->scrollToBottom();
        QTest::qWait(50);
    }
    QCOMPARE(data->itemModel()->rowCount(), 30);
    QVERIFY(data->itemModel()->lastError().isEmpty());
    QVERIFY2(pages.count() >= 3, qPrintable(QString::number(pages.count())));  // 12 + 12 + 6
    QTRY_COMPARE(data->summary()->text(), QString("30 items loaded"));
    keepScreenshot(&window, "remote-data-view");

    // The query builder runs against the remote.
    QVERIFY(window.showView("query"));
    QueryPanel* query = window.queryPanel();
    QCOMPARE(query->tableBox()->currentText(), QString("Music"));
    QCOMPARE(query->indexBox()->count(), 2);
    query->operationBox()->setCurrentText("Query");
    QTest::keyClicks(query->partitionKeyEdit(), "Acme");
    QSignalSpy finished(query, &QueryPanel::finished);
    QTest::mouseClick(query->runButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY2(query->errorLabel()->isHidden(), qPrintable(query->errorLabel()->text()));
    QCOMPARE(query->resultModel()->rowCount(), 10);
    QVERIFY(query->statusLabel()->text().startsWith("Count 10"));
    QVERIFY(query->codeView("cli")->toPlainText().contains("--endpoint-url " + dynalite_.url()));
    keepScreenshot(&window, "remote-query");

    // Back to the local engine through the selector (empty).
    QSignalSpy disconnected(connections, &ConnectionController::disconnected);
    connections->selector()->setFocus();
    QTest::keyClick(connections->selector(), Qt::Key_Up);
    QCOMPARE(disconnected.count(), 1);
    QVERIFY(!connections->isRemote());
    QCOMPARE(data->sourceBox()->count(), 0);
    QCOMPARE(tree->topLevelItemCount(), 0);  // the window re-reads the local engine
    QVERIFY(window.findChild<QLabel*>("statusFigures")->text().startsWith("0 table(s)"));
    // ...and to the remote again with the keyboard.
    QTest::keyClick(connections->selector(), Qt::Key_Down);
    QVERIFY(connected.wait(15000));
    QCOMPARE(tree->topLevelItemCount(), 1);
}

void RemoteGuiTest::importsSchemaAndSamples() {
    MainWindow window(std::make_shared<LocalBackend>(engine_), data_.path());
    ConnectionController* connections = window.connections();
    ConnectionProfile profile;
    profile.name = "dynalite";
    profile.endpointUrl = dynalite_.url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDGUI", "guisecret", {}};
    connections->setProfiles({profile});
    QVERIFY(!window.findChild<QAction*>("importSchema")->isEnabled());
    QSignalSpy connected(connections, &ConnectionController::connected);
    connections->connectTo(0);
    QVERIFY(connected.wait(15000));
    QVERIFY(window.findChild<QAction*>("importSchema")->isEnabled());

    QTemporaryDir dir;
    const QString model = dir.filePath("music.shardscape.json");
    QSignalSpy done(connections, &ConnectionController::finishedWork);
    connections->importSchema("Music", model);
    QVERIFY(done.wait(15000));
    QVERIFY2(done[0][0].toBool(), qPrintable(done[0][1].toString()));
    QCOMPARE(done[0][1].toString(), "Added table Music to " + model);
    auto loaded = loadModel(model.toStdString());
    QVERIFY(loaded);
    QCOMPARE(loaded->tables.at(0).partitionKey, std::string("Artist"));
    QCOMPARE(loaded->tables.at(0).globalSecondaryIndexes.at(0).name, std::string("ByYear"));

    connections->sampleIntoLocal("Music", 7);
    QVERIFY(done.wait(15000));
    QVERIFY2(done[1][0].toBool(), qPrintable(done[1][1].toString()));
    QCOMPARE(done[1][1].toString(),
             QString("Copied 7 item(s) of Music into the local engine (table created)"));
    auto scanned = dispatch(*engine_, "Scan", json(R"({"TableName":"Music","Select":"COUNT"})"));
    QVERIFY(scanned);
    QCOMPARE((*scanned)["Count"], Json(7));

    // The local engine now lists the sampled table.
    connections->useLocal();
    window.refresh();
    QCOMPARE(window.tableTree()->topLevelItemCount(), 1);
    QCOMPARE(window.tableTree()->topLevelItem(0)->text(4), QString("7"));
}

void RemoteGuiTest::serverStartsAndStops() {
    QVERIFY(ServerController::bindWarning("127.0.0.1").isEmpty());
    QVERIFY(ServerController::bindWarning("localhost").isEmpty());
    QVERIFY(ServerController::bindWarning("0.0.0.0").contains("anyone who can reach this port"));

    MainWindow window(std::make_shared<LocalBackend>(engine_), data_.path());
    ServerController* server = window.server();
    QVERIFY(server->startAction()->isEnabled());
    QVERIFY(!server->stopAction()->isEnabled());
    QVERIFY(server->start("127.0.0.1", 0));
    QVERIFY(server->url().startsWith("http://127.0.0.1:"));
    QCOMPARE(server->statusLabel()->text(), "Endpoint: " + server->url());
    QVERIFY(!server->startAction()->isEnabled());

    // A real request to the GUI's endpoint sees the engine's tables.
    ConnectionProfile profile;
    profile.endpointUrl = server->url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDLOCAL", "x", {}};
    auto backend = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(backend);
    auto tables = (*backend)->call("ListTables", Json::object());
    QVERIFY2(tables, tables ? "" : tables.error().message.c_str());
    QCOMPARE_JSON(*tables, json(R"({"TableNames":["Music"]})"));

    window.findChild<QAction*>("stopServer")->trigger();
    QVERIFY(!server->isRunning());
    QVERIFY(server->statusLabel()->isHidden());
    auto refused = (*backend)->call("ListTables", Json::object());
    QVERIFY(!refused);
    QVERIFY(refused.error().message.find("Cannot reach") != std::string::npos);

    // A port that is taken cannot be used, and says why.
    QVERIFY(server->start("127.0.0.1", 0));
    const int taken = QUrl(server->url()).port();
    MainWindow other(std::make_shared<LocalBackend>(engine_), data_.path());
    QVERIFY(!other.server()->start("127.0.0.1", taken));
    QVERIFY(!other.server()->lastError().isEmpty());
    server->stop();
}

QTEST_MAIN(RemoteGuiTest)
#include "test_remote_gui.moc"
