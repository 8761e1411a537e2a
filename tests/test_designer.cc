// The designer, driven offscreen through its real widgets: drag and drop onto key slots,
// the form fallback, the index editor and the live verdicts, the model file actions with
// the unsaved-changes prompt, undo/redo, the facet diagram and the designer screenshot.
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>
#include <fstream>

#include "access_pattern_list.h"
#include "attribute_palette.h"
#include "backend/local_backend.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "facet_view.h"
#include "index_editor.h"
#include "key_slot.h"
#include "main_window.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model_tree.h"
#include "operation_test_support.h"
#include "storage/engine.h"
#include "welcome_panel.h"

using namespace shardscape;

class DesignerTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void dragOntoPartitionSlotChangesKeyAndUndoRestores();
    void slotRefusesNonKeyTypesWithAMessage();
    void formFallbackSetsAndClearsTheSortKey();
    void addingAnIndexTurnsAnImpossiblePatternGreen();
    void deletingAnIndexTurnsItsPatternRed();
    void indexLimitsShowClearMessages();
    void projectionEditsAreUndoable();
    void addAttributeFromThePalette();
    void openSaveRoundTripThroughFileActions();
    void unsavedChangesPrompt();
    void welcomeModelWaitsForThePrompt();
    void facetDiagramGroupsItemsByPartition();
    void editingAKeyTemplateRegroupsTheDiagram();
    void modelTreeSelectsTableAndIndex();
    void designerScreenshotIsNotBlank();

  private:
    QTemporaryDir settings_;
};

namespace {

QString bundledModel(const char* name) {
    return QString(SHARDSCAPE_SOURCE_DIR) + "/resources/models/" + name;
}

// A main window with no engine (the designer does not need one) and dialogs intercepted.
struct Harness {
    MainWindow window{nullptr, "/nowhere", "no engine in this test"};
    DesignerWorkbench* bench = window.designer();
    DesignerView* view = bench->view();
    DesignDocument* document = bench->document();
    QStringList errors;
    QString chosenFile;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int prompts = 0;

    Harness() {
        bench->setErrorReporter([this](const QString& m) { errors << m; });
        // File › New makes an empty model (the guided start has its own tests).
        bench->setNewModelChooser([] {
            DesignerWorkbench::NewModelChoice choice;
            choice.accepted = true;
            return choice;
        });
        bench->setFileChooser([this](bool, const QString&) { return chosenFile; });
        bench->setSavePrompt([this](const QString&) {
            ++prompts;
            return answer;
        });
        window.show();
        window.showView("designer");
    }
    const ModelTable& table() const { return document->model().tables.front(); }
};

QMimeData* paletteMime(DesignerView* view, const QString& attribute) {
    AttributeList* list = view->palette()->list();
    const auto found = list->findItems(attribute, Qt::MatchExactly, 0);
    if (found.isEmpty()) return nullptr;
    const QModelIndex index = list->model()->index(list->indexOfTopLevelItem(found.first()), 0);
    return list->model()->mimeData({index});
}

// What a drag ending on `target` delivers: enter, move, drop. False when it was refused.
// The palette offers copy and move; a slot always takes a copy, so the palette keeps it.
bool dropOn(QWidget* target, QMimeData* mime) {
    const QPoint centre = target->rect().center();
    const Qt::DropActions offered = Qt::CopyAction | Qt::MoveAction;
    QDragEnterEvent enter(centre, offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted()) return false;
    QDragMoveEvent move(centre, offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(centre), offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    if (drop.isAccepted() && drop.dropAction() != Qt::CopyAction) {
        qWarning("the slot took a drop as %d, not as a copy", int(drop.dropAction()));
        return false;
    }
    return drop.isAccepted();
}

std::string modelText(const Model& m) {
    return modelToJson(m).dump();
}

void writeFile(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString());
    out << text;
}

// Users keyed on userId; findByEmail queries an index EmailIndex the design lacks yet.
const char* kUsersModel = R"J({
  "formatVersion": 1, "name": "Users",
  "tables": [{"name": "Users", "attributeDefinitions": [{"name": "userId", "type": "S"}],
              "partitionKey": "userId", "billingMode": "PAY_PER_REQUEST",
              "attributes": [{"name": "email", "type": "S"}]}],
  "accessPatterns": [
    {"name": "getUser", "operation": "GetItem", "table": "Users",
     "keyCondition": "userId = :id", "values": {":id": "{userId}"}},
    {"name": "findByEmail", "operation": "Query", "table": "Users", "index": "EmailIndex",
     "keyCondition": "email = :e", "values": {":e": "{email}"}}
  ]})J";

double nonBackgroundShare(const QImage& image) {
    const QRgb background = image.pixel(image.width() / 2, image.height() - 2);
    qint64 different = 0, total = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3, ++total)
            if (image.pixel(x, y) != background) ++different;
    return double(different) / double(total);
}

}  // namespace

void DesignerTest::initTestCase() {
    QCoreApplication::setOrganizationName("shardscape-tests");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_.path());
}

void DesignerTest::dragOntoPartitionSlotChangesKeyAndUndoRestores() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    const std::string original = modelText(h.document->model());
    QVERIFY(!h.window.isWindowModified());
    QVERIFY(h.window.windowTitle().startsWith("ecommerce.shardscape.json"));

    KeySlot* slot = h.view->tablePartitionSlot();
    QCOMPARE(slot->keyName(), QString("PK"));
    QMimeData* mime = paletteMime(h.view, "customerId");
    QVERIFY(mime);
    QVERIFY(mime->hasFormat(kAttributeMimeType));
    QVERIFY(dropOn(slot, mime));
    delete mime;

    QCOMPARE(h.table().partitionKey, std::string("customerId"));
    QCOMPARE(h.table().definedType("customerId"), std::string("S"));
    QCOMPARE(h.table().definedType("PK"), std::string());  // no longer a key
    QCOMPARE(slot->keyName(), QString("customerId"));
    QVERIFY(h.view->keySchemaLabel()->text().contains("customerId</b> (HASH, S)"));
    QVERIFY(h.window.isWindowModified());
    // The key moved away from PK: patterns keyed on PK can no longer be served.
    QCOMPARE(h.view->accessPatterns()->shownVerdict("getCustomer"), QString("impossible"));

    QAction* undo = h.bench->undoAction();
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(h.bench->redoAction()->shortcut(), QKeySequence(QKeySequence::Redo));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(modelText(h.document->model()), original);  // exactly as before
    QCOMPARE(slot->keyName(), QString("PK"));
    QCOMPARE(h.view->accessPatterns()->shownVerdict("getCustomer"), QString("green"));
    QVERIFY(!h.window.isWindowModified());
    h.bench->redoAction()->trigger();
    QCOMPARE(h.table().partitionKey, std::string("customerId"));
}

void DesignerTest::slotRefusesNonKeyTypesWithAMessage() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    const std::string original = modelText(h.document->model());
    QVERIFY(h.view->messageLabel()->isHidden());
    std::unique_ptr<QMimeData> mime(attributeMimeData("isGift", "BOOL"));
    QVERIFY(dropOn(h.view->tableSortSlot(), mime.get()));
    QCOMPARE(modelText(h.document->model()), original);
    QCOMPARE(h.document->undoStack()->count(), 0);
    QVERIFY(!h.view->messageLabel()->isHidden());
    QVERIFY(h.view->messageLabel()->text().contains("binary (B); isGift is BOOL"));

    // Text dragged from elsewhere is not an attribute: the slot does not accept it.
    QMimeData plain;
    plain.setText("PK");
    QVERIFY(!dropOn(h.view->tableSortSlot(), &plain));
}

void DesignerTest::formFallbackSetsAndClearsTheSortKey() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    QComboBox* combo = h.view->tableSortSlot()->comboBox();
    QCOMPARE(combo->itemText(0), QString("(no sort key)"));
    combo->setCurrentIndex(0);
    emit combo->activated(0);
    QVERIFY(!h.table().sortKey);
    QVERIFY(!h.view->keySchemaLabel()->text().contains("RANGE"));
    const int total = combo->findText("total  (N)");
    QVERIFY(total > 0);
    combo->setCurrentIndex(total);
    emit combo->activated(total);
    QCOMPARE(*h.table().sortKey, std::string("total"));
    QCOMPARE(h.table().definedType("total"), std::string("N"));
    QVERIFY(h.view->keySchemaLabel()->text().contains("total</b> (RANGE, N)"));
    QCOMPARE(h.document->undoStack()->count(), 2);
    h.bench->undoAction()->trigger();
    QVERIFY(!h.table().sortKey);
    h.bench->undoAction()->trigger();
    QCOMPARE(*h.table().sortKey, std::string("SK"));
}

void DesignerTest::addingAnIndexTurnsAnImpossiblePatternGreen() {
    QTemporaryDir dir;
    const QString path = dir.filePath("users.shardscape.json");
    writeFile(path, kUsersModel);
    Harness h;
    QVERIFY(h.bench->openFile(path));
    AccessPatternList* patterns = h.view->accessPatterns();
    QCOMPARE(patterns->shownVerdict("getUser"), QString("green"));
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("impossible"));

    IndexEditor* indexes = h.view->indexEditor();
    QTest::mouseClick(indexes->addGlobalButton(), Qt::LeftButton);
    QCOMPARE(indexes->indexList()->count(), 1);
    QCOMPARE(indexes->selectedIndex(), QString("GSI1"));
    QCOMPARE(indexes->partitionSlot()->keyName(), QString("userId"));
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("impossible"));

    // Name it as the pattern expects, then drag email onto its partition-key slot.
    indexes->nameEdit()->setText("EmailIndex");
    emit indexes->nameEdit()->editingFinished();
    QCOMPARE(indexes->selectedIndex(), QString("EmailIndex"));
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("impossible"));
    std::unique_ptr<QMimeData> mime(paletteMime(h.view, "email"));
    QVERIFY(mime);
    QVERIFY(dropOn(indexes->partitionSlot(), mime.get()));
    const ModelIndex* gsi = h.table().findIndex("EmailIndex");
    QVERIFY(gsi);
    QCOMPARE(gsi->partitionKey, std::string("email"));
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("green"));
    // The model tree follows too.
    QCOMPARE(h.document->undoStack()->count(), 3);

    h.bench->undoAction()->trigger();  // the key
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("impossible"));
    h.bench->redoAction()->trigger();
    QCOMPARE(patterns->shownVerdict("findByEmail"), QString("green"));
}

void DesignerTest::deletingAnIndexTurnsItsPatternRed() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    AccessPatternList* patterns = h.view->accessPatterns();
    QCOMPARE(patterns->shownVerdict("findCustomerByEmail"), QString("green"));
    IndexEditor* indexes = h.view->indexEditor();
    indexes->indexList()->setCurrentRow(0);
    QCOMPARE(indexes->selectedIndex(), QString("GSI1"));
    QTest::mouseClick(indexes->deleteButton(), Qt::LeftButton);
    QVERIFY(!h.table().findIndex("GSI1"));
    QCOMPARE(indexes->indexList()->count(), 1);
    QCOMPARE(patterns->shownVerdict("findCustomerByEmail"), QString("impossible"));
    QTreeWidget* tree = patterns->tree();
    const auto rows = tree->findItems("findCustomerByEmail", Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first()->toolTip(0).contains("does not have the specified index: GSI1"));
    h.bench->undoAction()->trigger();
    QCOMPARE(patterns->shownVerdict("findCustomerByEmail"), QString("green"));
    QCOMPARE(indexes->indexList()->count(), 2);
}

void DesignerTest::indexLimitsShowClearMessages() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    IndexEditor* indexes = h.view->indexEditor();
    for (int i = 0; i < 18; ++i) QTest::mouseClick(indexes->addGlobalButton(), Qt::LeftButton);
    QCOMPARE(h.table().globalSecondaryIndexes.size(), size_t(20));
    QVERIFY(h.view->messageLabel()->isHidden());
    QTest::mouseClick(indexes->addGlobalButton(), Qt::LeftButton);
    QCOMPARE(h.table().globalSecondaryIndexes.size(), size_t(20));
    QVERIFY(!h.view->messageLabel()->isHidden());
    QVERIFY(h.view->messageLabel()->text().contains("per-table limit of 20"));

    // An LSI keeps the table's partition key: its slot is locked.
    QTest::mouseClick(indexes->addLocalButton(), Qt::LeftButton);
    QCOMPARE(h.table().localSecondaryIndexes.size(), size_t(1));
    QCOMPARE(indexes->selectedIndex(), QString("LSI1"));
    QVERIFY(!indexes->partitionSlot()->acceptDrops());
    QCOMPARE(indexes->partitionSlot()->keyName(), QString("PK"));
    std::unique_ptr<QMimeData> mime(paletteMime(h.view, "email"));
    QVERIFY(!dropOn(indexes->partitionSlot(), mime.get()));

    // A table without a sort key takes no LSI.
    QTemporaryDir dir;
    writeFile(dir.filePath("u.json"), kUsersModel);
    h.answer = QMessageBox::Discard;
    QVERIFY(h.bench->openFile(dir.filePath("u.json")));
    QTest::mouseClick(indexes->addLocalButton(), Qt::LeftButton);
    QVERIFY(h.table().localSecondaryIndexes.empty());
    QVERIFY(h.view->messageLabel()->text().contains("needs a table with a sort key"));
}

void DesignerTest::projectionEditsAreUndoable() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    IndexEditor* indexes = h.view->indexEditor();
    indexes->selectIndex("GSI2");
    QCOMPARE(indexes->projectionCombo()->currentText(), QString("INCLUDE"));
    QListWidget* nonKey = indexes->nonKeyList();
    const auto status = nonKey->findItems("status", Qt::MatchExactly);
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.first()->checkState(), Qt::Unchecked);
    status.first()->setCheckState(Qt::Checked);
    const auto& projected = [&] {
        return h.table().findIndex("GSI2")->projection.nonKeyAttributes;
    };
    QTRY_COMPARE(projected().size(), size_t(3));
    QCOMPARE(projected().back(), std::string("status"));
    QComboBox* type = indexes->projectionCombo();
    type->setCurrentText("KEYS_ONLY");
    emit type->activated(type->currentIndex());
    QCOMPARE(h.table().findIndex("GSI2")->projection.type, std::string("KEYS_ONLY"));
    QVERIFY(projected().empty());
    h.bench->undoAction()->trigger();
    h.bench->undoAction()->trigger();
    QCOMPARE(projected(), (std::vector<std::string>{"quantity", "price"}));
    QCOMPARE(indexes->projectionCombo()->currentText(), QString("INCLUDE"));
}

void DesignerTest::addAttributeFromThePalette() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    AttributePalette* palette = h.view->palette();
    QTest::keyClicks(palette->nameEdit(), "region");
    palette->typeCombo()->setCurrentText("N");
    QTest::mouseClick(palette->addButton(), Qt::LeftButton);
    const auto rows = palette->list()->findItems("region", Qt::MatchExactly, 0);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()->text(1), QString("N"));
    QVERIFY(palette->nameEdit()->text().isEmpty());
    // Straight onto the sort slot: a new key, typed N.
    std::unique_ptr<QMimeData> mime(paletteMime(h.view, "region"));
    QVERIFY(dropOn(h.view->tableSortSlot(), mime.get()));
    QCOMPARE(*h.table().sortKey, std::string("region"));
    QCOMPARE(h.table().definedType("region"), std::string("N"));
    // A name the table already has is refused.
    QTest::keyClicks(palette->nameEdit(), "email");
    QTest::mouseClick(palette->addButton(), Qt::LeftButton);
    QVERIFY(h.view->messageLabel()->text().contains("already has an attribute email"));
}

void DesignerTest::openSaveRoundTripThroughFileActions() {
    QTemporaryDir dir;
    Harness h;
    h.chosenFile = bundledModel("hot-partition.shardscape.json");
    h.bench->openAction()->trigger();
    QVERIFY(h.errors.isEmpty());
    QCOMPARE(h.document->model().tables.front().name, std::string("Votes"));
    const std::string opened = modelText(h.document->model());

    std::unique_ptr<QMimeData> mime(attributeMimeData("voteDay", "S"));
    QVERIFY(dropOn(h.view->tableSortSlot(), mime.get()));
    QVERIFY(h.window.isWindowModified());
    QVERIFY(h.window.windowTitle().contains("[*]"));

    h.chosenFile = dir.filePath("votes");  // no suffix: one is added
    h.bench->saveAsAction()->trigger();
    const QString saved = dir.filePath("votes.shardscape.json");
    QVERIFY2(QFile::exists(saved), qPrintable(h.errors.join("; ")));
    QVERIFY(!h.window.isWindowModified());
    QVERIFY(h.window.windowTitle().startsWith("votes.shardscape.json"));
    QCOMPARE(h.bench->recentFiles().value(0), saved);
    auto reloaded = loadModel(saved.toStdString());
    QVERIFY(reloaded.ok());
    QCOMPARE(modelText(*reloaded), modelText(h.document->model()));
    QCOMPARE(*reloaded->tables.front().sortKey, std::string("voteDay"));

    // Save writes to the same file.
    h.bench->undoAction()->trigger();
    QVERIFY(h.window.isWindowModified());
    h.bench->saveAction()->trigger();
    QCOMPARE(modelText(loadModel(saved.toStdString()).value()), opened);

    h.bench->newAction()->trigger();
    QVERIFY(h.document->model().tables.empty());
    QVERIFY(h.window.windowTitle().startsWith("Untitled"));
    // Open Recent lists the saved file first.
    QAction* recent = h.bench->recentMenu()->actions().value(0);
    QVERIFY(recent);
    QCOMPARE(recent->data().toString(), saved);
    recent->trigger();
    QCOMPARE(modelText(h.document->model()), opened);

    // A broken file is reported, and the model open stays.
    writeFile(dir.filePath("broken.json"), "{\"formatVersion\": 1, \"tables\": [");
    h.chosenFile = dir.filePath("broken.json");
    h.bench->openAction()->trigger();
    QCOMPARE(h.errors.size(), 1);
    QVERIFY(h.errors.first().contains("broken.json"));
    QCOMPARE(modelText(h.document->model()), opened);
    QCOMPARE(h.prompts, 0);  // nothing was unsaved along the way
}

// A bundled model chosen on the welcome page goes into the engine only once the designer
// has let go of the unsaved model: Cancel leaves both as they were.
void DesignerTest::welcomeModelWaitsForThePrompt() {
    QTemporaryDir dir;
    auto opened = Engine::open(dir.filePath("data").toStdString());
    QVERIFY(opened.ok());
    std::shared_ptr<Engine> engine = std::move(opened).value();
    MainWindow window(std::make_shared<LocalBackend>(engine), dir.filePath("data"));
    DesignerWorkbench* bench = window.designer();
    int prompts = 0;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    bench->setSavePrompt([&](const QString&) {
        ++prompts;
        return answer;
    });
    window.show();
    const QString users = dir.filePath("users.shardscape.json");
    writeFile(users, kUsersModel);
    QVERIFY(bench->openFile(users));
    QTest::mouseClick(bench->view()->indexEditor()->addGlobalButton(), Qt::LeftButton);
    const std::string edited = modelText(bench->document()->model());
    window.showWelcome(QString(SHARDSCAPE_SOURCE_DIR) + "/resources");
    QListWidget* models = window.welcomePanel()->modelList();
    int shop = -1;
    for (int i = 0; i < models->count(); ++i)
        if (models->item(i)->data(Qt::UserRole).toString().endsWith("ecommerce.shardscape.json"))
            shop = i;
    QVERIFY(shop >= 0);
    QSignalSpy done(&window, &MainWindow::modelOpened);

    emit models->itemActivated(models->item(shop));
    QCOMPARE(prompts, 1);
    QCOMPARE(modelText(bench->document()->model()), edited);
    QVERIFY(!done.wait(500));
    QVERIFY(engine->tableNames().empty());

    answer = QMessageBox::Discard;
    emit models->itemActivated(models->item(shop));
    QCOMPARE(prompts, 2);
    QCOMPARE(bench->document()->model().tables.front().name, std::string("Shop"));
    QVERIFY(done.wait(30000));
    QCOMPARE(engine->tableNames().size(), size_t(1));
}

void DesignerTest::unsavedChangesPrompt() {
    QTemporaryDir dir;
    const QString path = dir.filePath("users.shardscape.json");
    writeFile(path, kUsersModel);
    Harness h;
    QVERIFY(h.bench->openFile(path));
    QTest::mouseClick(h.view->indexEditor()->addGlobalButton(), Qt::LeftButton);
    QVERIFY(h.window.isWindowModified());
    const std::string edited = modelText(h.document->model());

    // Cancel keeps the model and the changes, for New, Open and closing the window.
    h.answer = QMessageBox::Cancel;
    h.bench->newAction()->trigger();
    QCOMPARE(h.prompts, 1);
    QCOMPARE(modelText(h.document->model()), edited);
    h.chosenFile = bundledModel("ecommerce.shardscape.json");
    h.bench->openAction()->trigger();
    QCOMPARE(h.prompts, 2);
    QCOMPARE(modelText(h.document->model()), edited);
    QVERIFY(!h.window.close());
    QVERIFY(h.window.isVisible());
    QCOMPARE(h.prompts, 3);

    // Save writes the changes to the file, then opens the other model.
    h.answer = QMessageBox::Save;
    h.bench->openAction()->trigger();
    QCOMPARE(h.prompts, 4);
    QCOMPARE(h.document->model().tables.front().name, std::string("Shop"));
    QCOMPARE(modelText(loadModel(path.toStdString()).value()), edited);

    // Discard drops them.
    std::unique_ptr<QMimeData> mime(paletteMime(h.view, "customerId"));
    QVERIFY(dropOn(h.view->tablePartitionSlot(), mime.get()));
    h.answer = QMessageBox::Discard;
    QVERIFY(h.window.close());
    QCOMPARE(h.prompts, 5);
    QCOMPARE(h.document->model().tables.front().partitionKey, std::string("customerId"));
    QVERIFY(QFileInfo(bundledModel("ecommerce.shardscape.json")).exists());
    QCOMPARE(loadModel(bundledModel("ecommerce.shardscape.json").toStdString())
                 ->tables.front()
                 .partitionKey,
             std::string("PK"));
}

void DesignerTest::facetDiagramGroupsItemsByPartition() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    FacetView* facets = h.view->facetView();
    QCOMPARE(facets->entityList()->topLevelItemCount(), 4);
    QCOMPARE(facets->entityList()->topLevelItem(0)->child(0)->text(1),
             QString("CUSTOMER#{customerId}"));
    QTableWidget* diagram = facets->diagram();
    QVERIFY(diagram->rowCount() >= 8);
    QCOMPARE(diagram->horizontalHeaderItem(0)->text(), QString("PK (partition key)"));
    QCOMPARE(diagram->horizontalHeaderItem(1)->text(), QString("SK (sort key)"));
    // A customer's partition: its order and its profile, in sort-key order, one colour each.
    int customerPartitions = 0;
    for (int r = 0; r < diagram->rowCount(); ++r) {
        QTableWidgetItem* pk = diagram->item(r, 0);
        if (!pk || !pk->text().startsWith("CUSTOMER#")) continue;
        ++customerPartitions;
        QCOMPARE(diagram->rowSpan(r, 0), 2);
        QCOMPARE(diagram->item(r, 2)->text(), QString("Order"));
        QCOMPARE(diagram->item(r + 1, 2)->text(), QString("Customer"));
        QCOMPARE(diagram->item(r + 1, 1)->text(), QString("PROFILE"));
        QVERIFY(diagram->item(r, 2)->background() != diagram->item(r + 1, 2)->background());
    }
    QCOMPARE(customerPartitions, 3);
    // Edits reach the diagram: with no sort key it has no sort-key column.
    emit h.view->tableSortSlot()->comboBox()->activated(0);
    QCOMPARE(diagram->horizontalHeaderItem(1)->text(), QString("Entity type"));
}

void DesignerTest::editingAKeyTemplateRegroupsTheDiagram() {
    Harness h;
    QVERIFY(h.bench->openFile(bundledModel("ecommerce.shardscape.json")));
    FacetView* facets = h.view->facetView();
    QTreeWidget* entities = facets->entityList();
    QTableWidget* diagram = facets->diagram();
    auto partitionsStartingWith = [&](const QString& prefix) {
        int n = 0;
        for (int r = 0; r < diagram->rowCount(); ++r)
            if (diagram->item(r, 0) && diagram->item(r, 0)->text().startsWith(prefix)) ++n;
        return n;
    };
    QCOMPARE(partitionsStartingWith("ORDER#"), 3);  // OrderItem's partitions
    QTreeWidgetItem* orderItem = entities->findItems("OrderItem", Qt::MatchExactly, 0).value(0);
    QVERIFY(orderItem);
    QTreeWidgetItem* pk = orderItem->child(0);
    QCOMPARE(pk->text(0), QString("PK"));
    QVERIFY(pk->flags() & Qt::ItemIsEditable);
    pk->setText(1, "LINE#{orderId}");  // what the editor does when it closes
    QTRY_COMPARE(*h.document->model().findEntity("OrderItem")->keyTemplate("PK"),
                 std::string("LINE#{orderId}"));
    QCOMPARE(partitionsStartingWith("ORDER#"), 0);
    QCOMPARE(partitionsStartingWith("LINE#"), 3);
    // A template naming an attribute the entity lacks is refused with the reason.
    orderItem = entities->findItems("OrderItem", Qt::MatchExactly, 0).value(0);
    orderItem->child(0)->setText(1, "LINE#{nothing}");
    QTRY_VERIFY(h.view->messageLabel()->isVisible());
    QVERIFY(h.view->messageLabel()->text().contains("{nothing}"));
    QCOMPARE(*h.document->model().findEntity("OrderItem")->keyTemplate("PK"),
             std::string("LINE#{orderId}"));
    h.bench->undoAction()->trigger();
    QCOMPARE(partitionsStartingWith("ORDER#"), 3);
}

void DesignerTest::modelTreeSelectsTableAndIndex() {
    Harness h;
    QVERIFY(!h.bench->treeDock()->isVisible());  // nothing to show for an empty model
    QVERIFY(h.bench->openFile(bundledModel("hot-partition.shardscape.json")));
    ModelTree* tree = h.bench->tree();
    QVERIFY(h.bench->treeDock()->isVisible());
    QStandardItemModel* items = tree->items();
    QCOMPARE(items->rowCount(), 4);
    QStandardItem* tables = items->item(0);
    QCOMPARE(tables->text(), QString("Tables (2)"));
    QCOMPARE(items->item(2)->text(), QString("Access patterns (4)"));
    QVERIFY(!items->item(2)->child(0)->icon().isNull());
    QStandardItem* sharded = tables->child(1);
    QCOMPARE(sharded->text(), QString("VotesSharded"));
    h.window.showView("tables");
    emit tree->activated(sharded->index());
    QCOMPARE(h.view->currentTable(), QString("VotesSharded"));
    QVERIFY(h.view->isVisible());
    QCOMPARE(h.view->tableCombo()->currentText(), QString("VotesSharded"));
}

void DesignerTest::designerScreenshotIsNotBlank() {
    QTemporaryDir dir;
    for (const char* model : {"", "hot-partition.shardscape.json"}) {
        const QString file =
            dir.filePath(QString("designer-%1.png").arg(*model ? "hot" : "default"));
        QStringList args = {"--data",  dir.filePath("data"), "--screenshot", file, "--view",
                            "designer"};
        if (*model) args << "--model" << bundledModel(model);
        QProcess gui;
        gui.start(SHARDSCAPE_GUI, args);
        QVERIFY(gui.waitForFinished(30000));
        QCOMPARE(gui.exitCode(), 0);
        QImage image(file);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1200);
        QVERIFY2(nonBackgroundShare(image) > 0.15,
                 qPrintable(QString::number(nonBackgroundShare(image))));
    }
    // A model that cannot be read is an error, not an empty window.
    QProcess gui;
    gui.start(SHARDSCAPE_GUI,
              {"--data", dir.filePath("data"), "--screenshot", dir.filePath("x.png"), "--view",
               "designer", "--model", dir.filePath("missing.json")});
    QVERIFY(gui.waitForFinished(30000));
    QCOMPARE(gui.exitCode(), 1);
    QVERIFY(gui.readAllStandardError().contains("missing.json"));
}

QTEST_MAIN(DesignerTest)
#include "test_designer.moc"
