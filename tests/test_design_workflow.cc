// The designer's workflows around its editors, offscreen through the real widgets: the
// guided start of File › New, a scenario run in the Simulation view in one click, attributes
// dragged into key values, patterns and attributes dropped on indexes, the editors'
// screenshots, and --help/--version without a display.
#include <QStandardItemModel>

#include "design_editor_support.h"
#include "model_tree.h"

using namespace shardscape;
using namespace shardscape::testing;

class DesignWorkflowTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void guidedStartLeavesAGreenVerdict();
    void scenarioRunsInTheSimulationViewInOneClick();
    void attributesDragIntoKeyValues();
    void patternsAndAttributesDropOnIndexes();
    void editorScreenshotsShowTheDialogOverTheDesigner();
    void helpAndVersionNeedNoDisplay();
    void modelTreeRowsOpenTheirEditors();

  private:
    QTemporaryDir settings_;
};

namespace {

QImage runScreenshot(const QStringList& extra, const QString& file) {
    QTemporaryDir dir;
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              QStringList{"--data", dir.filePath("data"), "--screenshot", file} + extra);
    if (!gui.waitForFinished(30000) || gui.exitCode() != 0) return {};
    return QImage(file);
}

double nonBackgroundShare(const QImage& image) {
    const QRgb background = image.pixel(image.width() / 2, image.height() - 2);
    qint64 different = 0, total = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3, ++total)
            if (image.pixel(x, y) != background) ++different;
    return double(different) / double(total);
}

}  // namespace

void DesignWorkflowTest::initTestCase() {
    QCoreApplication::setOrganizationName("shardscape-tests");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void DesignWorkflowTest::guidedStartLeavesAGreenVerdict() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    h.newChoice.guided = true;
    h.newChoice.start = {"Library", "Book", "isbn", 75};
    h.bench->newAction()->trigger();
    const Model& model = h.document->model();
    QCOMPARE(model.tables.size(), size_t(1));
    QCOMPARE(model.tables[0].name, std::string("Library"));
    QCOMPARE(*model.tables[0].sortKey, std::string("SK"));
    QCOMPARE(model.entities.size(), size_t(1));
    QCOMPARE(*model.entities[0].keyTemplate("PK"), std::string("BOOK#{isbn}"));
    QCOMPARE(*model.entities[0].keyTemplate("SK"), std::string("BOOK"));
    QCOMPARE(model.accessPatterns.size(), size_t(1));
    QCOMPARE(model.accessPatterns[0].keyCondition, std::string("PK = :pk AND SK = :sk"));
    QCOMPARE(model.accessPatterns[0].ratePerSecond, 75.0);
    QCOMPARE(h.document->undoStack()->count(), 3);
    QCOMPARE(h.view->accessPatterns()->shownVerdict("getBook"), QString("green"));
    QCOMPARE(h.view->selectedAccessPattern(), QString("getBook"));
    QVERIFY(h.view->isVisible());
    QVERIFY(h.window.windowTitle().startsWith("Untitled"));
    // Each step undoes on its own.
    h.bench->undoAction()->trigger();
    QVERIFY(h.document->model().accessPatterns.empty());
    QCOMPARE(h.document->model().entities.size(), size_t(1));

    // The dialog itself: guided by default, its fields feed the start.
    NewModelDialog dialog;
    QVERIFY(dialog.guidedChoice()->isChecked());
    typeInto(dialog.tableEdit(), "Music");
    typeInto(dialog.entityEdit(), "Album");
    typeInto(dialog.idEdit(), "albumId");
    dialog.rateSpin()->setValue(12);
    QVERIFY(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    const GuidedStart start = dialog.start();
    QCOMPARE(start.table, std::string("Music"));
    QCOMPARE(start.entity, std::string("Album"));
    QCOMPARE(start.idAttribute, std::string("albumId"));
    QCOMPARE(start.ratePerSecond, 12.0);
    dialog.emptyChoice()->setChecked(true);
    QVERIFY(!dialog.guided());
    QVERIFY(!dialog.tableEdit()->isEnabled());
}

void DesignWorkflowTest::scenarioRunsInTheSimulationViewInOneClick() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    SimulationPanel* simulation = h.window.simulationPanel();
    QSignalSpy finished(simulation, &SimulationPanel::finished);
    QCOMPARE(h.view->scenarioCombo()->currentText(), QString("Black Friday"));
    QTest::mouseClick(h.view->runScenarioButton(), Qt::LeftButton);
    QCOMPARE(simulation->sourceChoice()->currentText(), QString("Model scenario: Black Friday"));
    QVERIFY(simulation->isVisible());
    QVERIFY(finished.wait(60000));

    // "Save and run" from the editor saves the scenario in the model first.
    ScenarioDialog* d = h.view->editScenario("Black Friday");
    typeInto(d->nameEdit(), "Cyber Monday");
    QTest::mouseClick(d->runButton(), Qt::LeftButton);
    QCOMPARE(h.document->model().scenarios[0]["name"].get<std::string>(),
             std::string("Cyber Monday"));
    QCOMPARE(simulation->sourceChoice()->currentText(), QString("Model scenario: Cyber Monday"));
    QVERIFY(finished.wait(60000));
}

void DesignWorkflowTest::attributesDragIntoKeyValues() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    AccessPatternDialog* d = h.view->editAccessPattern({});
    chooseData(d->entityCombo(), "Order");
    QCOMPARE(d->entityAttributes()->topLevelItemCount(), 5);
    QTest::keyClicks(d->partitionValueEdit(), "CUSTOMER#");
    d->partitionValueEdit()->setCursorPosition(9);
    // From the dialog's entity attribute list...
    AttributeList* list = d->entityAttributes();
    const QModelIndex customerId = list->model()->index(0, 0);
    std::unique_ptr<QMimeData> mime(list->model()->mimeData({customerId}));
    QVERIFY(mime);
    QVERIFY(dropOn(d->partitionValueEdit(), mime.get()));
    QCOMPARE(d->partitionValueEdit()->text(), QString("CUSTOMER#{customerId}"));
    // ...or from the designer's palette, and with the keyboard: Enter on an attribute.
    d->sortConditionCombo()->setCurrentText("begins_with");
    std::unique_ptr<QMimeData> palette(paletteMime(h.view, "orderDate"));
    QVERIFY(palette);
    QVERIFY(dropOn(d->sortValueEdit(), palette.get()));
    QCOMPARE(d->sortValueEdit()->text(), QString("{orderDate}"));
    d->sortValueEdit()->setFocus();
    d->sortValueEdit()->setCursorPosition(0);
    QTest::keyClicks(d->sortValueEdit(), "ORDER#");
    list->setCurrentItem(list->topLevelItem(1));
    emit list->itemActivated(list->topLevelItem(1), 0);
    QCOMPARE(d->sortValueEdit()->text(), QString("ORDER#{orderId}{orderDate}"));
    QCOMPARE(d->expressionLabel()->text(), QString("PK = :pk AND begins_with(SK, :sk)"));
    d->reject();
}

void DesignWorkflowTest::patternsAndAttributesDropOnIndexes() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    const std::string opened = h.json();
    IndexEditor* indexes = h.view->indexEditor();
    QListWidget* list = indexes->indexList();
    QTreeWidget* patterns = h.view->accessPatterns()->tree();
    auto patternMime = [&](const QString& name) {
        const auto rows = patterns->findItems(name, Qt::MatchExactly, 0);
        const QModelIndex index =
            patterns->model()->index(patterns->indexOfTopLevelItem(rows.value(0)), 0);
        return std::unique_ptr<QMimeData>(patterns->model()->mimeData({index}));
    };
    auto rowCentre = [&](int row) { return list->visualItemRect(list->item(row)).center(); };

    // findCustomerByEmail dropped on GSI2: its key condition moves to GSI2's keys.
    auto mime = patternMime("findCustomerByEmail");
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(kAccessPatternMimeType));
    QVERIFY(dropOn(list->viewport(), mime.get(), rowCentre(1)));
    const AccessPattern* p = h.document->model().findAccessPattern("findCustomerByEmail");
    QCOMPARE(*p->index, std::string("GSI2"));
    QCOMPARE(p->keyCondition, std::string("GSI2PK = :gsi2pk"));
    QCOMPARE(h.document->undoStack()->undoText(), QString("Make findCustomerByEmail use GSI2"));
    // Back onto GSI1: served again, by the entity's template.
    mime = patternMime("findCustomerByEmail");
    QVERIFY(dropOn(list->viewport(), mime.get(), rowCentre(0)));
    QCOMPARE(h.view->accessPatterns()->shownVerdict("findCustomerByEmail"), QString("green"));
    QCOMPARE(h.document->model().findAccessPattern("findCustomerByEmail")->keyCondition,
             std::string("GSI1PK = :gsi1pk"));
    // Not between the rows, and not an attribute.
    mime = patternMime("getProduct");
    QVERIFY(!dropOn(list->viewport(), mime.get(), QPoint(5, list->viewport()->height() - 3)));
    std::unique_ptr<QMimeData> attribute(paletteMime(h.view, "total"));
    QVERIFY(!dropOn(list->viewport(), attribute.get(), rowCentre(0)));

    // An attribute dropped on GSI2's projected attributes joins its INCLUDE projection.
    indexes->selectIndex("GSI2");
    QVERIFY(dropOn(indexes->nonKeyList()->viewport(), attribute.get()));
    QCOMPARE(h.document->model().tables[0].findIndex("GSI2")->projection.nonKeyAttributes,
             (std::vector<std::string>{"quantity", "price", "total"}));
    const int commands = h.document->undoStack()->count();
    // Again, or a key attribute: nothing to add.
    QVERIFY(dropOn(indexes->nonKeyList()->viewport(), attribute.get()));
    std::unique_ptr<QMimeData> key(paletteMime(h.view, "PK"));
    QVERIFY(dropOn(indexes->nonKeyList()->viewport(), key.get()));
    QCOMPARE(h.document->undoStack()->count(), commands);
    for (int i = 0; i < 3; ++i) h.bench->undoAction()->trigger();
    QCOMPARE(h.json(), opened);
}

void DesignWorkflowTest::editorScreenshotsShowTheDialogOverTheDesigner() {
    QTemporaryDir dir;
    const QImage designer = runScreenshot({"--view", "designer"}, dir.filePath("designer.png"));
    QVERIFY(!designer.isNull());
    for (const char* dialog :
         {"entity-type", "access-pattern", "scenario", "rate-shape", "new-model"}) {
        const QString file = dir.filePath(QString(dialog) + ".png");
        const QImage image = runScreenshot({"--dialog", dialog}, file);
        QVERIFY2(!image.isNull(), dialog);
        QCOMPARE(image.size(), designer.size());
        QVERIFY2(nonBackgroundShare(image) > 0.15, dialog);
        // The dialog sits over the middle of the designer: the centre differs from it.
        int different = 0;
        const QRect centre(image.width() / 3, image.height() / 3, image.width() / 3,
                           image.height() / 3);
        for (int y = centre.top(); y < centre.bottom(); y += 4)
            for (int x = centre.left(); x < centre.right(); x += 4)
                if (image.pixel(x, y) != designer.pixel(x, y)) ++different;
        QVERIFY2(different > (centre.width() / 4) * (centre.height() / 4) / 2, dialog);
    }
    QProcess gui;
    gui.start(SHARDSCAPE_GUI, {"--data", dir.filePath("data"), "--screenshot",
                               dir.filePath("x.png"), "--dialog", "nonsense"});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 2);
}

void DesignWorkflowTest::helpAndVersionNeedNoDisplay() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    // The platform that needs a display: QApplication would abort without one.
    env.insert("QT_QPA_PLATFORM", "xcb");
    for (const char* option : {"--help", "--version"}) {
        QProcess gui;
        gui.setProcessEnvironment(env);
        gui.start(SHARDSCAPE_GUI, {option});
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gui.exitCode(), 0);
        const QString out = QString::fromUtf8(gui.readAllStandardOutput());
        if (QString(option) == "--help") {
            QVERIFY2(out.contains("Usage: "), qPrintable(out));
            QVERIFY(out.contains("--dialog <DIALOG>"));
            QVERIFY(out.simplified().contains(
                "entity-type, access-pattern, scenario, rate-shape (the scenario editor's "
                "Rate… dialog) or new-model over the designer"));
        } else {
            QVERIFY2(out.startsWith("shardscape " SHARDSCAPE_VERSION), qPrintable(out));
        }
    }
}

void DesignWorkflowTest::modelTreeRowsOpenTheirEditors() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    ModelTree* tree = h.bench->tree();
    auto activate = [&](const QString& group, const QString& row) {
        QStandardItemModel* items = tree->items();
        for (int g = 0; g < items->rowCount(); ++g) {
            QStandardItem* parent = items->item(g);
            if (!parent->text().startsWith(group)) continue;
            for (int r = 0; r < parent->rowCount(); ++r)
                if (parent->child(r)->text() == row) {
                    tree->setCurrentIndex(parent->child(r)->index());
                    emit tree->activated(parent->child(r)->index());
                    return true;
                }
        }
        return false;
    };
    auto visible = [&](auto* type) -> decltype(type) {
        for (auto* d : h.view->findChildren<std::remove_pointer_t<decltype(type)>*>())
            if (d->isVisible()) return d;
        return nullptr;
    };
    QVERIFY(activate("Entity types", "OrderItem"));
    EntityTypeDialog* entity = visible(static_cast<EntityTypeDialog*>(nullptr));
    QVERIFY(entity);
    QCOMPARE(entity->nameEdit()->text(), QString("OrderItem"));
    entity->reject();
    QVERIFY(activate("Access patterns", "getOrderItems"));
    AccessPatternDialog* pattern = visible(static_cast<AccessPatternDialog*>(nullptr));
    QVERIFY(pattern);
    QCOMPARE(pattern->partitionValueEdit()->text(), QString("ORDER#{orderId}"));
    pattern->reject();
    QVERIFY(activate("Scenarios", "Black Friday"));
    ScenarioDialog* scenario = visible(static_cast<ScenarioDialog*>(nullptr));
    QVERIFY(scenario);
    QCOMPARE(scenario->multiplierSpin()->value(), 10.0);
    scenario->reject();
    QCOMPARE(h.document->undoStack()->count(), 0);
}

QTEST_MAIN(DesignWorkflowTest)
#include "test_design_workflow.moc"
