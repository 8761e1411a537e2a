// The Streams view: a table's change log through the window's backend. Enabling a stream from
// the view, writes through dispatch (as the query builder, the item editor and the local
// endpoint send them) appearing in order as the view refreshes, each record's old and new
// images side by side, a Time to Live delete marked, disabling and enabling again (a new
// stream, a fresh log), and a table without a stream saying so.

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "api/dispatch.h"
#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "base/clock.h"
#include "main_window.h"
#include "server_controller.h"
#include "storage/engine.h"
#include "stream_view.h"
#include "table_list_model.h"

using namespace shardscape;

class StreamViewTest : public QObject {
    Q_OBJECT

  private slots:
    void writesAppearWithTheirImages();
    void timeToLiveDeleteAndNewStream();
    void tableWithoutStream();
    void remoteConnectionReadsOffTheGuiThread();
};

namespace {

constexpr double kStart = 1800000000.0;  // 2027-01-15T08:00:00Z

struct Window {
    SimulatedClock clock{kStart};
    QTemporaryDir dir;
    std::shared_ptr<Engine> engine;
    std::unique_ptr<MainWindow> window;

    Window() {
        EngineOptions options;
        options.clock = clock.function();
        options.timeToLiveSweepSeconds = 0;
        auto opened = Engine::open(dir.path().toStdString(), options);
        if (!opened) qFatal("%s", opened.error().message.c_str());
        engine = std::move(opened).value();
        for (const char* name : {"Orders", "Plain"}) {
            auto created = dispatch(
                *engine, "CreateTable",
                Json{{"TableName", name},
                     {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                     {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                     {"BillingMode", "PAY_PER_REQUEST"}});
            if (!created) qFatal("%s", created.error().message.c_str());
        }
        window = std::make_unique<MainWindow>(std::make_shared<LocalBackend>(engine), dir.path());
        window->refresh();
        window->show();
    }
    StreamView* view() const { return window->streamView(); }
    Result<Json> call(const char* operation, const Json& request) {
        return dispatch(*engine, operation, request);
    }
    QStringList row(int r) const {
        QStringList cells;
        for (int c = 0; c < view()->recordTable()->columnCount(); ++c)
            cells << view()->recordTable()->item(r, c)->text();
        return cells;
    }
};

Json item(const char* id, const char* state) {
    return Json{{"id", {{"S", id}}}, {"state", {{"S", state}}}};
}

// The view's form of item(id, state): one attribute a line.
QString image(const char* id, const char* state) {
    return QString("{\n  \"id\": {\"S\":\"%1\"},\n  \"state\": {\"S\":\"%2\"}\n}").arg(id, state);
}

}  // namespace

void StreamViewTest::writesAppearWithTheirImages() {
    Window w;
    QVERIFY(w.window->showView("streams"));
    StreamView* view = w.view();
    QVERIFY(view->isVisible());
    QVERIFY(view->timer()->isActive());  // live while it shows, on the local engine
    view->tableChooser()->setCurrentText("Orders");
    QCOMPARE(view->status()->text(),
             QString("Orders has no stream. Choose a view type and enable one: every write to "
                     "the table then adds a record here."));
    QCOMPARE(view->streamButton()->text(), QString("&Enable stream"));
    // The user enables a NEW_AND_OLD_IMAGES stream from the view.
    view->viewTypeChooser()->setCurrentText("NEW_AND_OLD_IMAGES");
    QTest::mouseClick(view->streamButton(), Qt::LeftButton);
    auto described = w.call("DescribeTable", Json{{"TableName", "Orders"}});
    QVERIFY(described);
    QCOMPARE(QString::fromStdString(described->dump())
                 .contains("\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":"
                           "\"NEW_AND_OLD_IMAGES\"}"),
             true);
    const std::string arn = (*described)["Table"]["LatestStreamArn"];
    QCOMPARE(view->streamButton()->text(), QString("&Disable stream"));
    QVERIFY(!view->viewTypeChooser()->isEnabled());
    QCOMPARE(view->recordTable()->rowCount(), 0);

    // Writes arrive; the next refresh (the timer's, every second) appends them in order.
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", item("o1", "new")}}));
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", item("o1", "paid")}}));
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 2, 3000);
    QVERIFY(w.call("DeleteItem", Json{{"TableName", "Orders"}, {"Key", {{"id", {{"S", "o1"}}}}}}));
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 3, 3000);
    QCOMPARE(view->records().size(), size_t(3));
    const std::string sequence = view->records()[0]["dynamodb"]["SequenceNumber"];
    QCOMPARE(w.row(0), (QStringList{QString::fromStdString(sequence), "2027-01-15 08:00:00",
                                    "INSERT", "id = o1", "16"}));
    QCOMPARE(w.row(1)[2], QString("MODIFY"));
    QCOMPARE(w.row(2)[2], QString("REMOVE"));
    QCOMPARE(w.row(2)[3], QString("id = o1"));
    // The view follows the newest record; the MODIFY's images side by side.
    QCOMPARE(view->recordTable()->currentRow(), 2);
    view->recordTable()->setCurrentCell(1, 0);
    QCOMPARE(view->oldImage()->toPlainText(), image("o1", "new"));
    QCOMPARE(view->newImage()->toPlainText(), image("o1", "paid"));
    view->recordTable()->setCurrentCell(0, 0);
    QCOMPARE(view->oldImage()->toPlainText(), QString("(none: the item did not exist)"));
    QCOMPARE(view->newImage()->toPlainText(), image("o1", "new"));
    view->recordTable()->setCurrentCell(2, 0);
    QCOMPARE(view->oldImage()->toPlainText(), image("o1", "paid"));
    QCOMPARE(view->newImage()->toPlainText(), QString("(none: the item did not exist)"));
    QCOMPARE(view->status()->text(),
             QString::fromStdString(arn) +
                 " · NEW_AND_OLD_IMAGES · enabled · 3 record(s) · new writes appear within a "
                 "second");
    // Refreshing again adds nothing twice.
    view->refresh();
    QCOMPARE(view->recordTable()->rowCount(), 3);

    if (const QByteArray out = qgetenv("SHARDSCAPE_STREAMS_SCREENSHOT"); !out.isEmpty()) {
        view->recordTable()->setCurrentCell(1, 0);
        w.window->resize(1100, 700);
        QVERIFY(w.window->grab().save(QString::fromUtf8(out)));
    }
}

void StreamViewTest::timeToLiveDeleteAndNewStream() {
    Window w;
    QVERIFY(w.call(
        "UpdateTable",
        Json{{"TableName", "Orders"},
             {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}}));
    QVERIFY(w.call("UpdateTimeToLive", Json{{"TableName", "Orders"},
                                            {"TimeToLiveSpecification",
                                             {{"Enabled", true}, {"AttributeName", "ttl"}}}}));
    Json expiring = item("gone", "old");
    expiring["ttl"] = {{"N", "1800000010"}};
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", expiring}}));
    w.clock.advance(60);
    auto swept = w.engine->sweepExpiredItems();
    QVERIFY(swept.ok());
    QCOMPARE(*swept, int64_t(1));
    w.window->refresh();  // the table list now knows the stream
    QVERIFY(w.window->showView("streams"));
    StreamView* view = w.view();
    // The table with a stream is chosen first.
    QCOMPARE(view->tableChooser()->currentText(), QString("Orders"));
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 2, 3000);
    QCOMPARE(w.row(0)[2], QString("INSERT"));
    QCOMPARE(w.row(1)[2], QString("REMOVE (Time to Live)"));
    QCOMPARE(w.row(1)[1], QString("2027-01-15 08:01:00"));
    view->recordTable()->setCurrentCell(1, 0);
    QCOMPARE(view->oldImage()->toPlainText(),
             QString("(not kept: the stream's view type is KEYS_ONLY)"));
    QCOMPARE(view->newImage()->toPlainText(),
             QString("(not kept: the stream's view type is KEYS_ONLY)"));
    // Disabled: the log stays; enabled again: a new stream, a fresh log.
    QTest::mouseClick(view->streamButton(), Qt::LeftButton);
    QCOMPARE(view->streamButton()->text(), QString("&Enable stream"));
    QVERIFY(view->status()->text().contains(" · KEYS_ONLY · disabled · 2 record(s)"));
    QCOMPARE(view->recordTable()->rowCount(), 2);
    w.clock.advance(60);
    view->viewTypeChooser()->setCurrentText("NEW_IMAGE");
    QTest::mouseClick(view->streamButton(), Qt::LeftButton);
    QCOMPARE(view->recordTable()->rowCount(), 0);
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", item("fresh", "x")}}));
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 1, 3000);
    QCOMPARE(w.row(0)[3], QString("id = fresh"));
    QVERIFY(
        view->status()->text().contains("/stream/2027-01-15T08:02:00.000 · NEW_IMAGE · enabled"));
}

void StreamViewTest::tableWithoutStream() {
    Window w;
    QVERIFY(w.window->showView("streams"));
    StreamView* view = w.view();
    view->tableChooser()->setCurrentText("Plain");
    QVERIFY(w.call("PutItem", Json{{"TableName", "Plain"}, {"Item", item("p", "x")}}));
    view->refresh();
    QCOMPARE(view->recordTable()->rowCount(), 0);
    QCOMPARE(view->status()->text(),
             QString("Plain has no stream. Choose a view type and enable one: every write to "
                     "the table then adds a record here."));
}

void StreamViewTest::remoteConnectionReadsOffTheGuiThread() {
    // The window connected to the local endpoint as to any remote: the view reads the stream
    // through DynamoDB Streams' wire operations, off the GUI thread, on Refresh.
    Window w;
    QVERIFY(w.call(
        "UpdateTable",
        Json{{"TableName", "Orders"},
             {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}}}));
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", item("r1", "new")}}));
    ServerController* server = w.window->server();
    QVERIFY2(server->start("127.0.0.1", 0), qPrintable(server->lastError()));
    ConnectionProfile profile;
    profile.endpointUrl = server->url().toStdString();
    profile.source = CredentialSource::Typed;
    profile.typed = {"AKIDLOCAL", "x", {}};
    auto backend = RemoteBackend::connect(profile, AwsEnvironment{});
    QVERIFY(backend);
    w.window->tableList()->setBackend(std::move(backend).value());
    QTRY_VERIFY_WITH_TIMEOUT(!w.window->tableList()->isLoading(), 5000);
    QVERIFY(w.window->showView("streams"));
    StreamView* view = w.view();
    view->tableChooser()->setCurrentText("Orders");
    QVERIFY(!view->timer()->isActive());  // no polling over the network
    QTest::mouseClick(view->findChild<QPushButton*>("streamRefresh"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 1, 5000);
    QCOMPARE(w.row(0)[3], QString("id = r1"));
    view->recordTable()->setCurrentCell(0, 0);
    QCOMPARE(view->newImage()->toPlainText(), image("r1", "new"));
    QVERIFY(!view->streamButton()->isEnabled());  // stream changes: UpdateTable elsewhere
    QVERIFY(view->status()->text().endsWith(" · NEW_IMAGE · enabled · 1 record(s)"));
    QVERIFY(w.call("PutItem", Json{{"TableName", "Orders"}, {"Item", item("r2", "new")}}));
    QTest::mouseClick(view->findChild<QPushButton*>("streamRefresh"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->recordTable()->rowCount(), 2, 5000);
    QCOMPARE(w.row(1)[3], QString("id = r2"));
    server->stop();
}

QTEST_MAIN(StreamViewTest)
#include "test_stream_view.moc"
