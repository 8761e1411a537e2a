// The scenario editor (ui/scenario_dialog.h) and its Rate… dialog (ui/rate_shape_dialog.h)
// driven offscreen through their real widgets, on the e-commerce model with a hand-written
// scenario that has every rate shape the scenario format has (tests/data/README.md):
// renamed and saved, only its name changes; its spikes edited one by one (change, remove,
// add); bad input shown inline with OK off; undo restoring the exact JSON; the Rate… dialog
// from the keyboard (buddies for its labels, Space on its buttons, typing into a spike).
#include "design_editor_support.h"
#include "rate_shape_dialog.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

OrderedJson launchWeek() {
    QFile file(QString(SHARDSCAPE_SOURCE_DIR) + "/tests/data/launch-week.scenario.json");
    if (!file.open(QIODevice::ReadOnly)) qFatal("launch-week.scenario.json");
    return OrderedJson::parse(file.readAll().toStdString());
}

// The e-commerce model with Launch week as its second scenario, saved in `dir` and opened.
bool openWithLaunchWeek(Harness& h, const QTemporaryDir& dir) {
    Model model = loadBundled("ecommerce.shardscape.json");
    model.scenarios.push_back(launchWeek());
    const QString path = dir.filePath("shop.shardscape.json");
    if (!saveModel(model, path.toStdString()).ok()) return false;
    return h.bench->openFile(path);
}

template <class W>
W* cellOf(ScenarioDialog* d, const char* pattern, ScenarioDialog::Column column) {
    return static_cast<W*>(d->cell(d->rowOf(pattern), column));
}

}  // namespace

class ScenarioEditorTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void renamingAHandWrittenScenarioChangesOnlyItsName();
    void editsEachSpike();
    void rateDialogFromTheKeyboard();
    void eachKeyDistributionKeepsItsParameter();

  private:
    QTemporaryDir settings_;
};

void ScenarioEditorTest::initTestCase() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void ScenarioEditorTest::renamingAHandWrittenScenarioChangesOnlyItsName() {
    Harness h;
    QTemporaryDir dir;
    QVERIFY(openWithLaunchWeek(h, dir));
    const std::string before = h.json();
    const OrderedJson original = h.document->model().scenarios[1];
    QCOMPARE(original.dump(), launchWeek().dump());

    ScenarioDialog* d = h.view->editScenario("Launch week");
    // The form shows the hand-written shapes as they are.
    QCOMPARE(cellOf<QComboBox>(d, "getProduct", ScenarioDialog::Shape)->currentData(),
             QVariant("spikes"));
    QCOMPARE(cellOf<QPushButton>(d, "getProduct", ScenarioDialog::Curve)->text(),
             QString("3 spikes, up to ×8…"));
    QVERIFY(!cellOf<QDoubleSpinBox>(d, "getProduct", ScenarioDialog::Peak)->isEnabled());
    QCOMPARE(cellOf<QComboBox>(d, "listCustomerOrders", ScenarioDialog::Shape)->currentData(),
             QVariant("daily"));
    QCOMPARE(cellOf<QPushButton>(d, "listCustomerOrders", ScenarioDialog::Curve)->text(),
             QString("daily ×0.6 – ×2…"));
    QCOMPARE(cellOf<QComboBox>(d, "placeOrder", ScenarioDialog::Keys)->currentData(),
             QVariant("timeOrdered"));
    QCOMPARE(cellOf<QDoubleSpinBox>(d, "placeOrder", ScenarioDialog::KeyCount)->value(), 300.0);
    QCOMPARE(cellOf<QSpinBox>(d, "placeOrder", ScenarioDialog::Shards)->value(), 4);
    QCOMPARE(cellOf<QPushButton>(d, "getCustomer", ScenarioDialog::Curve)->text(),
             QString("constant ×1.667…"));

    typeInto(d->nameEdit(), "Launch week 2");
    QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->messageLabel()->text()));
    clickOk(buttonsOf(d));
    OrderedJson expected = original;
    expected["name"] = "Launch week 2";
    QCOMPARE(q(h.document->model().scenarios[1].dump(2)), q(expected.dump(2)));
    QCOMPARE(h.document->undoStack()->count(), 1);
    h.bench->undoAction()->trigger();
    QCOMPARE(h.json(), before);

    // Opened and saved with nothing changed: no edit at all.
    d = h.view->editScenario("Launch week");
    clickOk(buttonsOf(d));
    QCOMPARE(h.document->undoStack()->index(), 0);
    QCOMPARE(h.json(), before);
}

void ScenarioEditorTest::editsEachSpike() {
    Harness h;
    QTemporaryDir dir;
    QVERIFY(openWithLaunchWeek(h, dir));
    const std::string before = h.json();
    const OrderedJson original = h.document->model().scenarios[1];
    ScenarioDialog* d = h.view->editScenario("Launch week");
    const int row = d->rowOf("getProduct");

    // Through the Rate… button.
    QTest::mouseClick(cellOf<QPushButton>(d, "getProduct", ScenarioDialog::Curve), Qt::LeftButton);
    auto* rate = d->findChild<RateShapeDialog*>();
    QVERIFY(rate);
    QVERIFY(rate->isVisible());
    QCOMPARE(rate->windowTitle(), QString("Rate of getProduct"));
    QCOMPARE(rate->summaryLabel()->text(),
             QString("×1 is 500 requests/s (the pattern's rate × the scenario's multiplier); "
                     "the run lasts 900 s. Times count from the start of the run."));
    QCOMPARE(rate->shapeChoice()->currentData(), QVariant("spikes"));
    QCOMPARE(rate->baseSpin()->value(), 0.9);
    QVERIFY(!rate->peakSpin()->isVisibleTo(rate));
    QCOMPARE(rate->spikeTable()->rowCount(), 3);
    QCOMPARE(rate->spikeCell(1, RateShapeDialog::SpikeStart)->value(), 300.0);
    QCOMPARE(rate->spikeCell(1, RateShapeDialog::SpikeDuration)->value(), 45.5);
    QCOMPARE(rate->spikeCell(1, RateShapeDialog::SpikePeak)->value(), 3.5);
    QCOMPARE(rate->spikeCell(2, RateShapeDialog::SpikePeak)->value(), 8.0);

    // The first spike higher, the second gone, a new one after the last.
    rate->spikeCell(0, RateShapeDialog::SpikePeak)->setValue(6);
    rate->spikeTable()->setCurrentCell(1, RateShapeDialog::SpikeStart);
    QTest::mouseClick(rate->removeSpikeButton(), Qt::LeftButton);
    QCOMPARE(rate->spikeTable()->rowCount(), 2);
    QCOMPARE(rate->spikeCell(1, RateShapeDialog::SpikeStart)->value(), 700.0);
    QTest::mouseClick(rate->addSpikeButton(), Qt::LeftButton);
    QCOMPARE(rate->spikeTable()->rowCount(), 3);
    // It starts after the last spike as long again, and is as high.
    QCOMPARE(rate->spikeCell(2, RateShapeDialog::SpikeStart)->value(), 740.0);
    QCOMPARE(rate->spikeCell(2, RateShapeDialog::SpikeDuration)->value(), 20.0);
    QCOMPARE(rate->spikeCell(2, RateShapeDialog::SpikePeak)->value(), 8.0);
    rate->spikeCell(2, RateShapeDialog::SpikeStart)->setValue(800);
    rate->spikeCell(2, RateShapeDialog::SpikeDuration)->setValue(60);
    rate->spikeCell(2, RateShapeDialog::SpikePeak)->setValue(2);
    QVERIFY(rate->okButton()->isEnabled());
    clickOk(buttonsOf(rate));
    QCOMPARE(cellOf<QPushButton>(d, "getProduct", ScenarioDialog::Curve)->text(),
             QString("3 spikes, up to ×8…"));
    QCOMPARE(d->rowForm(row).spikes.size(), size_t(3));

    // Bad input in the ramp: an end before its start, said inline, OK off; Cancel keeps
    // the row as it was.
    rate = d->editRate(d->rowOf("placeOrder"));
    QCOMPARE(rate->shapeChoice()->currentData(), QVariant("ramp"));
    QCOMPARE(rate->startSpin()->value(), 120.0);
    QCOMPARE(rate->endSpin()->value(), 600.0);
    rate->endSpin()->setValue(100);
    QVERIFY(rate->messageLabel()->isVisible());
    QCOMPARE(rate->messageLabel()->text(),
             QString("placeOrder: the ramp must end at or after its start"));
    QVERIFY(!rate->okButton()->isEnabled());
    rate->endSpin()->setValue(600);
    QVERIFY(!rate->messageLabel()->isVisible());
    QVERIFY(rate->okButton()->isEnabled());
    rate->endSpin()->setValue(100);
    rate->reject();
    QCOMPARE(*d->rowForm(d->rowOf("placeOrder")).endSecond, 600.0);
    // A daily cycle's peak under its base.
    rate = d->editRate(d->rowOf("listCustomerOrders"));
    QCOMPARE(rate->periodSpin()->value(), 86400.0);
    QCOMPARE(rate->phaseSpin()->value(), -21600.0);
    rate->peakSpin()->setValue(0.5);
    QCOMPARE(rate->messageLabel()->text(),
             QString("listCustomerOrders: a daily cycle's peak must be at least its base"));
    QVERIFY(!rate->okButton()->isEnabled());
    rate->reject();

    QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->messageLabel()->text()));
    clickOk(buttonsOf(d));
    const OrderedJson saved = h.document->model().scenarios[1];
    QCOMPARE(q(saved["accessPatterns"][0]["rate"].dump()),
             QString("{\"type\":\"spikes\",\"base\":450,\"spikes\":[{\"startSecond\":60,"
                     "\"durationSeconds\":30,\"rate\":3000},{\"startSecond\":700,"
                     "\"durationSeconds\":20,\"rate\":4000},{\"startSecond\":800,"
                     "\"durationSeconds\":60,\"rate\":1000}]}"));
    // Everything else is as it was written.
    OrderedJson rest = saved;
    rest["accessPatterns"][0]["rate"] = original["accessPatterns"][0]["rate"];
    QCOMPARE(q(rest.dump(2)), q(original.dump(2)));
    h.bench->undoAction()->trigger();
    QCOMPARE(h.json(), before);
    h.bench->redoAction()->trigger();
    QCOMPARE(q(h.document->model().scenarios[1].dump()), q(saved.dump()));

    // Down to one spike, the table's Peak cell edits it again.
    d = h.view->editScenario("Launch week");
    rate = d->editRate(d->rowOf("getProduct"));
    QTest::mouseClick(rate->removeSpikeButton(), Qt::LeftButton);
    QTest::mouseClick(rate->removeSpikeButton(), Qt::LeftButton);
    QCOMPARE(rate->spikeTable()->rowCount(), 1);
    clickOk(buttonsOf(rate));
    auto* peak = cellOf<QDoubleSpinBox>(d, "getProduct", ScenarioDialog::Peak);
    QVERIFY(peak->isEnabled());
    QCOMPARE(peak->value(), 6.0);
    peak->setValue(4);
    clickOk(buttonsOf(d));
    QCOMPARE(q(h.document->model().scenarios[1]["accessPatterns"][0]["rate"].dump()),
             QString("{\"type\":\"spikes\",\"base\":450,\"spikes\":[{\"startSecond\":60,"
                     "\"durationSeconds\":30,\"rate\":2000}]}"));
}

void ScenarioEditorTest::rateDialogFromTheKeyboard() {
    Harness h;
    QTemporaryDir dir;
    QVERIFY(openWithLaunchWeek(h, dir));
    ScenarioDialog* d = h.view->editScenario("Launch week");
    RateShapeDialog* rate = d->editRate(d->rowOf("getProduct"));
    int labelled = 0;
    for (QLabel* label : rate->findChildren<QLabel*>()) {
        if (!label->text().contains('&')) continue;
        QVERIFY2(label->buddy(), qPrintable(label->text()));
        ++labelled;
    }
    QVERIFY(labelled >= 4);
    // Space on Add spike adds one and puts the cursor in its start; Space on Remove spike
    // removes the current one; Escape cancels.
    rate->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(rate));
    rate->addSpikeButton()->setFocus();
    QTest::keyClick(rate->addSpikeButton(), Qt::Key_Space);
    QCOMPARE(rate->spikeTable()->rowCount(), 4);
    QCOMPARE(QApplication::focusWidget(), rate->spikeCell(3, RateShapeDialog::SpikeStart));
    QTest::keyClick(rate->spikeCell(3, RateShapeDialog::SpikeStart), Qt::Key_A,
                    Qt::ControlModifier);
    QTest::keyClicks(rate->spikeCell(3, RateShapeDialog::SpikeStart), "750");
    QCOMPARE(rate->form().spikes[3].startSecond, 750.0);
    rate->removeSpikeButton()->setFocus();
    QTest::keyClick(rate->removeSpikeButton(), Qt::Key_Space);
    QCOMPARE(rate->spikeTable()->rowCount(), 3);
    QTest::keyClick(rate, Qt::Key_Escape);
    QCOMPARE(d->rowForm(d->rowOf("getProduct")).spikes.size(), size_t(3));
}

// The skew cell is a Zipf exponent or a hot key's share: switching the distribution shows
// (and saves) the one it has.
void ScenarioEditorTest::eachKeyDistributionKeepsItsParameter() {
    Harness h;
    QTemporaryDir dir;
    QVERIFY(openWithLaunchWeek(h, dir));
    ScenarioDialog* d = h.view->editScenario("Launch week");
    auto* keys = cellOf<QComboBox>(d, "getProduct", ScenarioDialog::Keys);
    auto* skew = cellOf<QDoubleSpinBox>(d, "getProduct", ScenarioDialog::Skew);
    QCOMPARE(skew->value(), 1.1);
    chooseData(keys, "hotKey");
    QCOMPARE(skew->value(), 0.5);
    skew->setValue(0.3);
    chooseData(keys, "zipf");
    QCOMPARE(skew->value(), 1.1);
    chooseData(keys, "hotKey");
    QCOMPARE(skew->value(), 0.3);
    clickOk(buttonsOf(d));
    QCOMPARE(q(h.document->model().scenarios[1]["accessPatterns"][0]["keys"].dump()),
             QString("{\"distribution\":\"hotKey\",\"keyCount\":5000,\"prefix\":\"product-\","
                     "\"hotShare\":0.3}"));
}

QTEST_MAIN(ScenarioEditorTest)
#include "test_scenario_editor.moc"
