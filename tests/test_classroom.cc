// Classroom mode, driven offscreen through the real widgets: the presenter toggle, the
// step-through of one request (checked against figures computed independently: the
// partition-key hash, the partition map, item sizes and dispatch()'s ConsumedCapacity), the
// scenario gallery, and the `--screenshot --view classroom` render.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>

#include "applied_rules_list.h"
#include "backend/local_backend.h"
#include "capacity/capacity_rules.h"
#include "capacity/partition_map.h"
#include "classroom/request_walkthrough.h"
#include "classroom/walkthrough_facts.h"
#include "classroom_view.h"
#include "main_window.h"
#include "operation_test_support.h"
#include "presenter_mode.h"
#include "request_walkthrough_panel.h"
#include "scenario_gallery_panel.h"
#include "storage/storage_layout.h"
#include "table_list_model.h"

using namespace shardscape;
using namespace shardscape::testing;

class ClassroomTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void presenterModeEnlargesFontsAndSwitchesToHighContrast();
    void getItemStepsShowHashPartitionBytesAndUnits();
    void overThePartitionLimitIsThrottled();
    void readsAndWritesMatchDispatchConsumedCapacity();
    void badRequestsGetDynamoDbErrors();
    void emptyDataDirectorySaysWhatToDoNext();
    void galleryListsEveryBundledScenario();
    void screenshotOfTheClassroomViewIsNotBlank();

  private:
    std::shared_ptr<Engine> openEngine();
    QTemporaryDir dir_;
    std::shared_ptr<Engine> engine_;
};

namespace {

// 9,000 RCU and 4,000 WCU: ceil(9,000 / 3,000 + 4,000 / 1,000) = 7 partitions.
constexpr int kPartitions = 7;
constexpr size_t kItemBytes = 5000;

Json orderItem(const std::string& pk, int sk, size_t bytes) {
    return itemOfSize({{"pk", {{"S", pk}}}, {"sk", {{"N", std::to_string(sk)}}}}, bytes);
}

void createOrders(Engine& engine) {
    auto created = dispatch(engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "ProvisionedThroughput":{"ReadCapacityUnits":9000,"WriteCapacityUnits":4000}})"));
    QVERIFY(created.ok());
    for (int i = 0; i < 3; ++i)
        QVERIFY(dispatch(
                    engine, "PutItem",
                    Json{{"TableName", "Orders"}, {"Item", orderItem("customer-7", i, kItemBytes)}})
                    .ok());
}

// The label texts of the step card `id` (shown or not).
QString cardText(QWidget* panel, const QString& id) {
    auto* frame = panel->findChild<QFrame*>("step_" + id);
    if (!frame) return {};
    QStringList texts;
    for (QLabel* label : frame->findChildren<QLabel*>()) texts << label->text();
    return texts.join("\n");
}

// The plain text of a step's figure, as the user reads it.
QString stepValue(RequestWalkthroughPanel* panel, const QString& id) {
    auto* frame = panel->findChild<QFrame*>("step_" + id);
    if (!frame) return {};
    return QTextDocumentFragment::fromHtml(frame->findChild<QLabel*>("stepValue")->text())
        .toPlainText();
}

// Share of pixels that differ from the top-left one: a blank render has none.
double nonBackgroundShare(const QImage& image) {
    const QRgb background = image.pixel(0, 0);
    qint64 different = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            if (image.pixel(x, y) != background) ++different;
    return double(different) / ((image.width() / 2) * (image.height() / 2));
}

double consumedUnits(Engine& engine, const char* operation, Json request) {
    request["ReturnConsumedCapacity"] = "TOTAL";
    auto response = dispatch(engine, operation, request);
    if (!response) return -1;
    const Json& capacity =
        response->contains("ConsumedCapacity") && (*response)["ConsumedCapacity"].is_array()
            ? (*response)["ConsumedCapacity"][0]
            : (*response)["ConsumedCapacity"];
    return capacity.value("CapacityUnits", -1.0);
}

}  // namespace

std::shared_ptr<Engine> ClassroomTest::openEngine() {
    auto opened = Engine::open(dir_.path().toStdString());
    if (!opened) return nullptr;
    return std::move(opened).value();
}

void ClassroomTest::init() {
    engine_.reset();
    QVERIFY(dir_.isValid());
    QDir(dir_.path()).removeRecursively();
    QDir().mkpath(dir_.path());
    engine_ = openEngine();
    QVERIFY(engine_);
    createOrders(*engine_);
}

void ClassroomTest::presenterModeEnlargesFontsAndSwitchesToHighContrast() {
    MainWindow window(std::make_shared<LocalBackend>(engine_), dir_.path());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showView("classroom"));
    auto* panel = window.classroomView()->walkthroughPanel();
    QWidget* button = panel->startButton();
    auto* editor = panel->findChild<QPlainTextEdit*>("walkthroughRequest");
    const double buttonPoints = button->font().pointSizeF();
    const double editorPoints = editor->font().pointSizeF();
    const QColor window0 = button->palette().color(QPalette::Window);
    QVERIFY(buttonPoints > 0 && editorPoints > 0);

    // F11 (View > Classroom mode).
    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(window.presenterMode()->isOn());
    QVERIFY(window.classroomModeAction()->isChecked());
    // Widgets pick the application font and palette up from posted events.
    QTRY_VERIFY(button->font().pointSizeF() >= buttonPoints * 1.5);
    // The monospace request editor has a font of its own: it grows too.
    QVERIFY(editor->font().pointSizeF() >= editorPoints * 1.5);
    QTRY_COMPARE(button->palette().color(QPalette::Window), QColor(Qt::black));
    QCOMPARE(button->palette().color(QPalette::WindowText), QColor(Qt::white));
    QCOMPARE(editor->palette().color(QPalette::Base), QColor(Qt::black));
    QCOMPARE(editor->palette().color(QPalette::Text), QColor(Qt::white));

    // And back, exactly as before.
    window.classroomModeAction()->trigger();
    QVERIFY(!window.presenterMode()->isOn());
    QTRY_COMPARE(button->font().pointSizeF(), buttonPoints);
    QCOMPARE(editor->font().pointSizeF(), editorPoints);
    QTRY_COMPARE(button->palette().color(QPalette::Window), window0);
}

void ClassroomTest::getItemStepsShowHashPartitionBytesAndUnits() {
    // The figures the steps must show, worked out here without the step-through.
    const uint64_t hash = layout::partitionHash(AttributeValue::string("customer-7"));
    const QString hashHex = "0x" + QString::number(hash, 16).rightJustified(16, '0');
    auto described = engine_->describeTable("Orders");
    QVERIFY(described.ok());
    const int count = rules::initialPartitionCount(9000, 4000, double(described->second.sizeBytes));
    QCOMPARE(count, kPartitions);
    const PartitionMap map(count);
    const int partition = map.indexOf(hash);
    const Json key = {{"pk", {{"S", "customer-7"}}}, {"sk", {{"N", "1"}}}};
    const double strongUnits = consumedUnits(
        *engine_, "GetItem", {{"TableName", "Orders"}, {"Key", key}, {"ConsistentRead", true}});
    QCOMPARE(strongUnits, 2.0);  // 5,000 bytes: two 4 KB units

    TableListModel tables(std::make_shared<LocalBackend>(engine_));
    ClassroomView view(&tables);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RequestWalkthroughPanel* panel = view.walkthroughPanel();
    QCOMPARE(panel->tableBox()->currentText(), QString("Orders"));
    QVERIFY(panel->selectOperation("GetItem"));
    QCOMPARE(panel->exampleBox()->count(), 3);
    panel->exampleBox()->setCurrentIndex(1);  // sk = 1
    QVERIFY(panel->exampleBox()->currentText().contains("\"customer-7\""));
    QVERIFY(panel->exampleBox()->currentText().contains("sk = 1"));
    QTest::mouseClick(panel->consistentBox(), Qt::LeftButton, {},
                      QPoint(8, panel->consistentBox()->height() / 2));
    QVERIFY(panel->consistentBox()->isChecked());
    QVERIFY(panel->requestText().contains("\"ConsistentRead\": true"));

    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
    QCOMPARE(panel->stepCount(), 6);
    QCOMPARE(panel->currentStep(), 0);
    QVERIFY(stepValue(panel, "key").contains("pk = \"customer-7\""));
    QVERIFY(!panel->backButton()->isEnabled());

    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QCOMPARE(stepValue(panel, "hash"), hashHex);
    QVERIFY(cardText(panel, "hash").contains("internal hash function"));

    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    const QString partitionValue = stepValue(panel, "partition");
    QVERIFY2(partitionValue.contains(QString("Partition %1 of %2").arg(partition + 1).arg(count)),
             qPrintable(partitionValue));
    const QString first = "0x" + QString::number(map[partition].first, 16).rightJustified(16, '0');
    const QString last = "0x" + QString::number(map[partition].last, 16).rightJustified(16, '0');
    QVERIFY(partitionValue.contains(first) && partitionValue.contains(last));
    QVERIFY(cardText(panel, "partition").contains("3,000 RCU or 1,000 WCU"));

    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY2(stepValue(panel, "items").contains("1 item, 5,000 bytes"),
             qPrintable(stepValue(panel, "items")));
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(stepValue(panel, "units").contains(QString("%1 RCU").arg(strongUnits)));
    QVERIFY(cardText(panel, "units").contains("4 KB"));
    QVERIFY(cardText(panel, "units").contains("read-write-operations"));

    // Back goes back; the numbers of the walkthrough are core's.
    QTest::mouseClick(panel->backButton(), Qt::LeftButton);
    QCOMPARE(panel->currentStep(), 3);
    QCOMPARE(panel->walkthrough()->hash, hash);
    QCOMPARE(panel->walkthrough()->partitionIndex, partition);
    QCOMPARE(panel->walkthrough()->bytes, kItemBytes);
    QCOMPARE(panel->walkthrough()->units, strongUnits);

    // Eventually consistent: half, as dispatch() charges it.
    const double eventualUnits =
        consumedUnits(*engine_, "GetItem", {{"TableName", "Orders"}, {"Key", key}});
    QTest::mouseClick(panel->consistentBox(), Qt::LeftButton, {},
                      QPoint(8, panel->consistentBox()->height() / 2));
    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    QCOMPARE(panel->walkthrough()->units, eventualUnits);
    QCOMPARE(eventualUnits, 1.0);
}

void ClassroomTest::overThePartitionLimitIsThrottled() {
    TableListModel tables(std::make_shared<LocalBackend>(engine_));
    ClassroomView view(&tables);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RequestWalkthroughPanel* panel = view.walkthroughPanel();
    QVERIFY(panel->selectOperation("GetItem"));
    panel->consistentBox()->setChecked(true);  // 2 RCU a request
    auto stepToEnd = [&] {
        QTest::mouseClick(panel->startButton(), Qt::LeftButton);
        for (int i = 0; i < 5; ++i) QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        QCOMPARE(panel->currentStep(), 5);
        QVERIFY(!panel->nextButton()->isEnabled());
    };
    // 1,400 requests/s × 2 RCU = 2,800 RCU: under the partition's 3,000.
    panel->rateBox()->setValue(1400);
    stepToEnd();
    QVERIFY2(stepValue(panel, "throttling").contains("Not throttled"),
             qPrintable(stepValue(panel, "throttling")));
    QVERIFY(!panel->walkthrough()->throttled);
    // 2,000 requests/s × 2 RCU = 4,000 RCU: the partition serves 3,000 (the table has 9,000).
    panel->rateBox()->setValue(2000);
    stepToEnd();
    const QString value = stepValue(panel, "throttling");
    QVERIFY2(value.contains("Throttled: 4,000 RCU/s asked, 3,000 served"), qPrintable(value));
    QVERIFY(value.contains("25 % of the requests are throttled"));
    QVERIFY(cardText(panel, "throttling").contains("ProvisionedThroughputExceededException"));
    QVERIFY(cardText(panel, "throttling").contains("maximum of 3,000 RCU or 1,000 WCU"));
    QVERIFY(panel->walkthrough()->throttled);
    QCOMPARE(panel->walkthrough()->served, rules::kPartitionMaxReadUnits);
    // The step-through lists the rules it applied, one row per step, each with its source.
    AppliedRulesList* applied = view.rulesList();
    QCOMPARE(applied->topLevelItemCount(), panel->stepCount());
    for (int row = 0; row < applied->topLevelItemCount(); ++row) {
        const auto& step = panel->walkthrough()->steps.at(static_cast<size_t>(row));
        QCOMPARE(applied->topLevelItem(row)->text(0),
                 QString::fromStdString(step.title + ": " + step.rule));
        QCOMPARE(applied->topLevelItem(row)->text(2), QString::fromStdString(step.source));
        QVERIFY(!applied->topLevelItem(row)->text(2).isEmpty());
    }
    QCOMPARE(applied->topLevelItem(panel->stepCount() - 1)->text(1),
             QString("Throttled: 4,000 RCU/s asked, 3,000 served"));

    // Writes: 1,200 PutItems/s of a 5,000-byte item are 6,000 WCU, over the table's 4,000
    // and the partition's 1,000.
    QVERIFY(panel->selectOperation("PutItem"));
    panel->rateBox()->setValue(1200);
    stepToEnd();
    QCOMPARE(panel->walkthrough()->units, 5.0);
    QCOMPARE(panel->walkthrough()->served, rules::kPartitionMaxWriteUnits);
    QVERIFY(stepValue(panel, "throttling").contains("6,000 WCU/s asked, 1,000 served"));
}

void ClassroomTest::readsAndWritesMatchDispatchConsumedCapacity() {
    const Json key = {{"pk", {{"S", "customer-7"}}}, {"sk", {{"N", "2"}}}};
    auto walk = [&](const char* operation, const Json& request, bool transactional = false) {
        return walkThroughRequest(*engine_, {operation, request, 10, transactional});
    };
    // Query: three items of 5,000 bytes = 15,000 bytes, 4 × 4 KB, eventually consistent; the
    // filter keeps none, but every item read is charged.
    const Json query = {
        {"TableName", "Orders"},
        {"KeyConditionExpression", "pk = :p AND sk >= :s"},
        {"FilterExpression", "size(padding) > :big"},
        {"ExpressionAttributeValues",
         {{":p", {{"S", "customer-7"}}}, {":s", {{"N", "0"}}}, {":big", {{"N", "100000"}}}}}};
    auto queried = walk("Query", query);
    QVERIFY2(queried.ok(), queried.ok() ? "" : queried.error().message.c_str());
    QCOMPARE(queried->bytes, 3 * kItemBytes);
    QCOMPARE(queried->units, consumedUnits(*engine_, "Query", query));
    QCOMPARE(queried->units, 2.0);
    QVERIFY(queried->steps[0].value.find("sk >= 0") != std::string::npos);

    // Transactional GetItem: twice a strongly consistent read, as TransactGetItems charges.
    auto transactional = walk("GetItem", {{"TableName", "Orders"}, {"Key", key}}, true);
    QVERIFY(transactional.ok());
    const double transactUnits = consumedUnits(
        *engine_, "TransactGetItems",
        {{"TransactItems", Json::array({{{"Get", {{"TableName", "Orders"}, {"Key", key}}}}})}});
    QCOMPARE(transactional->units, transactUnits);
    QCOMPARE(transactUnits, 4.0);

    // PutItem of a 2,500-byte item over the 5,000-byte one: the larger, 5 WCU. The
    // step-through writes nothing; the real write then charges the same.
    const Json put = {{"TableName", "Orders"}, {"Item", orderItem("customer-7", 2, 2500)}};
    auto putWalk = walk("PutItem", put);
    QVERIFY(putWalk.ok());
    QCOMPARE(putWalk->bytes, kItemBytes);
    QCOMPARE(engine_->getItem("Orders", itemFromJson(key).value())->size, kItemBytes);
    QCOMPARE(putWalk->units, consumedUnits(*engine_, "PutItem", put));
    QCOMPARE(putWalk->units, 5.0);
    // Now the item is 2,500 bytes; a transactional UpdateItem that grows it to 3,104 bytes:
    // 4 × 1 KB, twice.
    const Json update = {{"TableName", "Orders"},
                         {"Key", key},
                         {"UpdateExpression", "SET note = :n"},
                         {"ExpressionAttributeValues", {{":n", {{"S", std::string(600, 'n')}}}}}};
    auto updateWalk = walk("UpdateItem", update, true);
    QVERIFY(updateWalk.ok());
    QCOMPARE(updateWalk->units,
             2 * consumedUnits(*engine_, "UpdateItem", update));  // transactional: 2×
    QCOMPARE(updateWalk->units, 8.0);
    // DeleteItem of the 3,104-byte item: 4 WCU, as DeleteItem charges.
    const Json del = {{"TableName", "Orders"}, {"Key", key}};
    auto deleteWalk = walk("DeleteItem", del);
    QVERIFY(deleteWalk.ok());
    QCOMPARE(deleteWalk->units, consumedUnits(*engine_, "DeleteItem", del));
    // A GetItem of the deleted key still costs the smallest read.
    auto missing = walk("GetItem", {{"TableName", "Orders"}, {"Key", key}});
    QVERIFY(missing.ok());
    QCOMPARE(missing->bytes, size_t(0));
    QCOMPARE(missing->units, 0.5);
    QVERIFY(missing->steps[3].value.find("No item") != std::string::npos);
}

void ClassroomTest::badRequestsGetDynamoDbErrors() {
    auto missingTable = walkThroughRequest(
        *engine_, {"GetItem", {{"TableName", "Nope"}, {"Key", {{"pk", {{"S", "x"}}}}}}, 1, false});
    QVERIFY(!missingTable.ok());
    QCOMPARE(missingTable.error().message, std::string("Requested resource not found"));
    auto wrongKey = walkThroughRequest(
        *engine_,
        {"PutItem", {{"TableName", "Orders"}, {"Item", {{"pk", {{"S", "x"}}}}}}, 1, false});
    QVERIFY(!wrongKey.ok());
    QVERIFY(wrongKey.error().message.find("Missing the key sk") != std::string::npos);
    auto transactionalQuery = walkThroughRequest(*engine_, {"Query", Json::object(), 1, true});
    QVERIFY(!transactionalQuery.ok());
    auto zeroRate = walkThroughRequest(*engine_, {"GetItem", Json::object(), 0, false});
    QVERIFY(!zeroRate.ok());

    TableListModel tables(std::make_shared<LocalBackend>(engine_));
    ClassroomView view(&tables);
    view.show();
    RequestWalkthroughPanel* panel = view.walkthroughPanel();
    panel->setRequestText("{not json");
    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    QCOMPARE(panel->errorText(), QString("The request is not valid JSON"));
    QCOMPARE(panel->stepCount(), 0);
    panel->setRequestText(R"({"TableName":"Orders","Key":{"pk":{"S":"x"}}})");
    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    QVERIFY2(panel->errorText().startsWith("ValidationException: The provided key element does "
                                           "not match the schema"),
             qPrintable(panel->errorText()));
}

void ClassroomTest::emptyDataDirectorySaysWhatToDoNext() {
    QTemporaryDir empty;
    auto opened = Engine::open(empty.filePath("data").toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    MainWindow window(std::make_shared<LocalBackend>(engine), empty.filePath("data"));
    window.show();
    QVERIFY(window.showView("classroom"));
    RequestWalkthroughPanel* panel = window.classroomView()->walkthroughPanel();
    // No error before the user did anything; the panel says what to do first.
    QCOMPARE(panel->errorText(), QString());
    QVERIFY(!panel->startButton()->isEnabled());
    QVERIFY2(panel->guidanceText().startsWith("<big>No tables to step through yet.</big><br>Open a "
                                              "bundled model from the Welcome panel"),
             qPrintable(panel->guidanceText()));
    // Enter on the (disabled) default button does nothing either.
    QTest::keyClick(panel, Qt::Key_Return);
    QCOMPARE(panel->errorText(), QString());
    // A table arrives: the usual guidance and the button.
    auto created = dispatch(*engine, "CreateTable",
                            Json::parse("{\"TableName\":\"Notes\",\"AttributeDefinitions\":[{"
                                        "\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                                        "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":"
                                        "\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}"));
    QVERIFY(created.ok());
    window.refresh();
    QVERIFY(panel->startButton()->isEnabled());
    QVERIFY2(panel->guidanceText().contains("Pick a request and press <b>Step through</b>."),
             qPrintable(panel->guidanceText()));
}

void ClassroomTest::galleryListsEveryBundledScenario() {
    // What the gallery must list, read here from the files themselves.
    const QDir resources(SHARDSCAPE_RESOURCES);
    QStringList expected;
    for (const QString& name :
         QDir(resources.filePath("scenarios")).entryList({"*.json"}, QDir::Files, QDir::Name)) {
        QFile file(resources.filePath("scenarios/" + name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        expected << QJsonDocument::fromJson(file.readAll()).object().value("name").toString();
    }
    for (const QString& name : QDir(resources.filePath("models"))
                                   .entryList({"*.shardscape.json"}, QDir::Files, QDir::Name)) {
        QFile file(resources.filePath("models/" + name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const auto& scenario :
             QJsonDocument::fromJson(file.readAll()).object().value("scenarios").toArray())
            expected << scenario.toObject().value("name").toString();
    }
    QVERIFY(expected.size() >= 6);

    TableListModel tables(std::make_shared<LocalBackend>(engine_));
    ClassroomView view(&tables);
    view.setBundledDirectory(SHARDSCAPE_RESOURCES);
    // The scenarios are read when the gallery is first shown, not before (the app's start
    // does not pay for them).
    QVERIFY(view.findChildren<QAbstractButton*>("scenarioCard").isEmpty());
    view.resize(1200, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.findChildren<QAbstractButton*>("scenarioCard").size(), expected.size());
    ScenarioGalleryPanel* gallery = view.galleryPanel();
    QCOMPARE(gallery->cards().size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        QStringList labels;
        for (QLabel* label : gallery->cards()[i]->findChildren<QLabel*>()) labels << label->text();
        QVERIFY2(labels.join(" ").contains(expected[i]), qPrintable(labels.join(" ")));
        QVERIFY(gallery->cards()[i]->isVisible());
    }

    // One click: the summary shows, and the scenario is asked for.
    QSignalSpy chosen(gallery, &ScenarioGalleryPanel::scenarioChosen);
    const int hotKey = static_cast<int>(expected.indexOf("hot-key"));
    QVERIFY(hotKey >= 0);
    QTest::mouseClick(gallery->cards()[hotKey], Qt::LeftButton);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen[0][0].toString(),
             QDir(SHARDSCAPE_RESOURCES).filePath("scenarios/hot-key.json"));
    QVERIFY(gallery->summaryText().contains("provisioned 1 RCU / 10,000 WCU"));
    QVERIFY(gallery->summaryText().contains("hot key writes: PutItem at 1,500/s"));

    QSignalSpy modelChosen(gallery, &ScenarioGalleryPanel::modelScenarioChosen);
    const int blackFriday = static_cast<int>(expected.indexOf("Black Friday"));
    QVERIFY(blackFriday >= 0);
    QTest::mouseClick(gallery->cards()[blackFriday], Qt::LeftButton);
    QCOMPARE(modelChosen.count(), 1);
    QCOMPARE(modelChosen[0][1].toString(), QString("Black Friday"));
    QVERIFY(gallery->summaryText().contains("placeOrder"));
}

void ClassroomTest::screenshotOfTheClassroomViewIsNotBlank() {
    QTemporaryDir dir;
    const QString png = dir.path() + "/classroom.png";
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              {"--data", dir.path() + "/data", "--screenshot", png, "--view", "classroom",
               "--model", QString(SHARDSCAPE_RESOURCES) + "/models/hot-partition.shardscape.json"});
    QVERIFY(gui.waitForFinished(60000));
    QVERIFY2(gui.exitCode() == 0, gui.readAllStandardError().constData());
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1600, 1000));
    // Presenter mode: black background, and a good share of the window drawn on it.
    QVERIFY(QColor(image.pixel(0, 0)).lightness() < 40);
    QVERIFY(nonBackgroundShare(image) > 0.05);

    // A model that cannot be opened is an error, not a screenshot of nothing.
    QProcess broken;
    broken.start(SHARDSCAPE_GUI,
                 {"--data", dir.path() + "/data", "--screenshot", dir.path() + "/x.png", "--view",
                  "classroom", "--model", dir.path() + "/missing.shardscape.json"});
    QVERIFY(broken.waitForFinished(60000));
    QCOMPARE(broken.exitCode(), 1);
    QVERIFY(!QFile::exists(dir.path() + "/x.png"));
}

QTEST_MAIN(ClassroomTest)
#include "test_classroom.moc"
