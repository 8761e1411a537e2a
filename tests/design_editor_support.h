#pragma once
// Shared by the designer editor suites (test_design_editors, test_design_workflow): a main
// window with the designer and its dialogs intercepted, and the small steps a user takes
// with the widgets (click a button that opens an editor, type, choose, drop).

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>
#include <map>
#include <regex>

#include "access_pattern_dialog.h"
#include "access_pattern_list.h"
#include "attribute_palette.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "entity_type_dialog.h"
#include "facet_view.h"
#include "index_editor.h"
#include "key_slot.h"
#include "main_window.h"
#include "model/access_pattern_analyzer.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model_name_dialog.h"
#include "new_model_dialog.h"
#include "scenario_dialog.h"
#include "simulation_panel.h"
#include "template_line_edit.h"

namespace shardscape::testing {

inline QString bundledModel(const char* name) {
    return QString(SHARDSCAPE_SOURCE_DIR) + "/resources/models/" + name;
}

inline Model loadBundled(const char* name) {
    auto model = loadModel(bundledModel(name).toStdString());
    if (!model) qFatal("%s", model.error().message.c_str());
    return std::move(model).value();
}

inline QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// A main window with no engine (the designer does not need one) and dialogs intercepted.
struct Harness {
    MainWindow window{nullptr, "/nowhere", "no engine in this test"};
    DesignerWorkbench* bench = window.designer();
    DesignerView* view = bench->view();
    DesignDocument* document = bench->document();
    QStringList errors;
    QString chosenFile;
    DesignerWorkbench::NewModelChoice newChoice;

    Harness() {
        bench->setErrorReporter([this](const QString& m) { errors << m; });
        bench->setFileChooser([this](bool, const QString&) { return chosenFile; });
        bench->setSavePrompt([](const QString&) { return QMessageBox::Discard; });
        newChoice.accepted = true;
        bench->setNewModelChooser([this] { return newChoice; });
        window.show();
        window.showView("designer");
    }
    std::string json() const { return modelToJson(document->model()).dump(); }
};

// The visible dialog of type D the click opened.
template <class D>
D* opened(QAbstractButton* button, DesignerView* view) {
    QTest::mouseClick(button, Qt::LeftButton);
    for (D* d : view->findChildren<D*>())
        if (d->isVisible()) return d;
    return nullptr;
}

inline void clickOk(QDialogButtonBox* box) {
    QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

template <class D>
QDialogButtonBox* buttonsOf(D* dialog) {
    return dialog->template findChild<QDialogButtonBox*>();
}

inline void choose(QComboBox* combo, const QString& text) {
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

inline void chooseData(QComboBox* combo, const QString& data) {
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    combo->setCurrentIndex(index);
}

inline void typeInto(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    edit->del();
    QTest::keyClicks(edit, text);
}

// An attribute from the designer's palette, as a drag carries it.
inline QMimeData* paletteMime(DesignerView* view, const QString& attribute) {
    AttributeList* list = view->palette()->list();
    const auto found = list->findItems(attribute, Qt::MatchExactly, 0);
    if (found.isEmpty()) return nullptr;
    const QModelIndex index = list->model()->index(list->indexOfTopLevelItem(found.first()), 0);
    return list->model()->mimeData({index});
}

inline bool dropOn(QWidget* target, QMimeData* mime, QPoint centre = {-1, -1}) {
    if (centre == QPoint(-1, -1)) centre = target->rect().center();
    const Qt::DropActions offered = Qt::CopyAction | Qt::MoveAction;
    QDragEnterEvent enter(centre, offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted()) return false;
    QDragMoveEvent move(centre, offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(centre), offered, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

}  // namespace shardscape::testing
