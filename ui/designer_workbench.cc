#include "designer_workbench.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QUndoStack>

#include "design_document.h"
#include "designer_view.h"
#include "model/access_pattern_analyzer.h"
#include "model_name_dialog.h"
#include "model_tree.h"
#include "new_model_dialog.h"

namespace shardscape {

namespace {
constexpr const char* kRecentKey = "designer/recentModels";
constexpr int kMaxRecent = 8;
constexpr const char* kModelFilter = "Shardscape models (*.shardscape.json *.json);;All files (*)";
}  // namespace

DesignerWorkbench::DesignerWorkbench(QMainWindow* window, QTabWidget* views, QMenu* fileMenu)
    : QObject(window), window_(window), views_(views), baseTitle_(window->windowTitle()) {
    document_ = new DesignDocument(this);
    Model untitled;
    untitled.name = "Untitled";
    document_->reset(std::move(untitled), {});

    view_ = new DesignerView(document_, views);
    views->addTab(view_, tr("Designer"));

    dock_ = new QDockWidget(tr("Model"), window);
    dock_->setObjectName("modelTreeDock");
    tree_ = new ModelTree(dock_);
    tree_->setMinimumWidth(210);
    dock_->setWidget(tree_);
    window->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    // An empty untitled model has no tree worth the room: it appears with the first model.
    dock_->hide();
    connect(document_, &DesignDocument::changed, this, [this] {
        if (!treeShown_ && !document_->model().tables.empty()) {
            treeShown_ = true;
            dock_->show();
        }
    });
    auto showDesigner = [this] { views_->setCurrentWidget(view_); };
    connect(tree_, &ModelTree::tableChosen, this,
            [this, showDesigner](const QString& table, const QString& index) {
                view_->showTable(table, index);
                showDesigner();
            });
    connect(tree_, &ModelTree::accessPatternChosen, this,
            [this, showDesigner](const QString& table, const QString& pattern) {
                view_->showAccessPattern(table, pattern);
                showDesigner();
            });
    connect(tree_, &ModelTree::entityTypeActivated, this, [this, showDesigner](const QString& e) {
        showDesigner();
        view_->editEntityType(e);
    });
    connect(tree_, &ModelTree::accessPatternActivated, this,
            [this, showDesigner](const QString& p) {
                showDesigner();
                view_->editAccessPattern(p);
            });
    connect(tree_, &ModelTree::scenarioActivated, this, [this, showDesigner](const QString& s) {
        showDesigner();
        view_->editScenario(s);
    });
    auto refreshTree = [this] {
        tree_->setModel(document_->model(), analyzeModel(document_->model()));
    };
    connect(document_, &DesignDocument::changed, this, refreshTree);
    refreshTree();

    // File actions go above what the menu already has.
    QAction* first = fileMenu->actions().value(0);
    new_ = new QAction(tr("&New Model"), this);
    new_->setShortcut(QKeySequence::New);
    open_ = new QAction(tr("&Open Model…"), this);
    open_->setShortcut(QKeySequence::Open);
    save_ = new QAction(tr("&Save"), this);
    save_->setShortcut(QKeySequence::Save);
    saveAs_ = new QAction(tr("Save &As…"), this);
    saveAs_->setShortcut(QKeySequence::SaveAs);
    recent_ = new QMenu(tr("Open &Recent"), window);
    fileMenu->insertActions(first, {new_, open_});
    fileMenu->insertMenu(first, recent_);
    fileMenu->insertActions(first, {save_, saveAs_});
    fileMenu->insertSeparator(first);
    connect(new_, &QAction::triggered, this, [this] { newModel(); });
    connect(open_, &QAction::triggered, this, [this] {
        if (!maybeSave()) return;
        const QString path = chooser_(false, QFileInfo(document_->filePath()).absolutePath());
        if (path.isEmpty()) return;
        QString error;
        if (!document_->open(path, &error)) {
            reporter_(tr("Could not open %1: %2").arg(path, error));
            return;
        }
        addRecent(path);
    });
    connect(save_, &QAction::triggered, this, [this] { save(); });
    connect(saveAs_, &QAction::triggered, this, [this] { saveAs(); });

    auto* edit = window->menuBar()->addMenu(tr("&Edit"));
    undo_ = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo_->setShortcut(QKeySequence::Redo);
    edit->addAction(undo_);
    edit->addAction(redo_);
    edit->addSeparator();
    modelName_ = edit->addAction(tr("Model &Name and Description…"), this, [this] {
        auto* dialog = new ModelNameDialog(document_, window_);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    edit->addAction(dock_->toggleViewAction());

    chooser_ = [this](bool saving, const QString& suggestion) {
        return saving ? QFileDialog::getSaveFileName(window_, tr("Save Model"), suggestion,
                                                     kModelFilter)
                      : QFileDialog::getOpenFileName(window_, tr("Open Model"), suggestion,
                                                     kModelFilter);
    };
    prompt_ = [this](const QString& name) {
        return QMessageBox::warning(window_, tr("Unsaved changes"),
                                    tr("The model “%1” has changes that are not saved.").arg(name),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                    QMessageBox::Save);
    };
    newChooser_ = [this] {
        NewModelDialog dialog(window_);
        NewModelChoice choice;
        choice.accepted = dialog.exec() == QDialog::Accepted;
        choice.guided = dialog.guided();
        choice.start = dialog.start();
        return choice;
    };
    // Not modal to the application: an error never stops the event loop (or a test).
    reporter_ = [this](const QString& message) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Shardscape"), message,
                                    QMessageBox::Ok, window_);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };

    connect(document_, &DesignDocument::modifiedChanged, this, &DesignerWorkbench::updateTitle);
    connect(document_, &DesignDocument::filePathChanged, this, &DesignerWorkbench::updateTitle);
    window->installEventFilter(this);
    rebuildRecentMenu();
    updateTitle();
}

QString DesignerWorkbench::displayName() const {
    if (!document_->filePath().isEmpty()) return QFileInfo(document_->filePath()).fileName();
    return tr("Untitled");
}

void DesignerWorkbench::updateTitle() {
    window_->setWindowTitle(QStringLiteral("%1[*] — %2").arg(displayName(), baseTitle_));
    window_->setWindowModified(document_->isModified());
}

bool DesignerWorkbench::openFile(const QString& path) {
    if (!maybeSave()) return false;
    QString error;
    if (!document_->open(path, &error)) {
        reporter_(tr("Could not open %1: %2").arg(path, error));
        return false;
    }
    addRecent(path);
    return true;
}

bool DesignerWorkbench::newModel() {
    if (!maybeSave()) return false;
    const NewModelChoice choice = newChooser_();
    if (!choice.accepted) return false;
    Model untitled;
    untitled.name = "Untitled";
    document_->reset(std::move(untitled), {});
    if (!choice.guided) return true;
    const GuidedStart& start = choice.start;
    const QString table = QString::fromStdString(start.table);
    const QString entity = QString::fromStdString(start.entity);
    if (!document_->apply(tr("Add table %1").arg(table),
                          guidedStartTable(document_->model(), start)) ||
        !document_->apply(tr("Add entity type %1").arg(entity),
                          guidedStartEntity(document_->model(), start)) ||
        !document_->apply(tr("Add access pattern get%1").arg(entity),
                          guidedStartPattern(document_->model(), start))) {
        reporter_(tr("The guided start stopped: see the designer's message"));
    }
    views_->setCurrentWidget(view_);
    view_->showAccessPattern(table, "get" + entity);
    return true;
}

bool DesignerWorkbench::save() {
    if (document_->filePath().isEmpty()) return saveAs();
    QString error;
    if (!document_->saveAs(document_->filePath(), &error)) {
        reporter_(tr("Could not save: %1").arg(error));
        return false;
    }
    return true;
}

bool DesignerWorkbench::saveAs() {
    QString suggestion = document_->filePath();
    if (suggestion.isEmpty())
        suggestion = QDir::home().filePath(displayName().toLower() + ".shardscape.json");
    QString path = chooser_(true, suggestion);
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += ".shardscape.json";
    QString error;
    if (!document_->saveAs(path, &error)) {
        reporter_(tr("Could not save: %1").arg(error));
        return false;
    }
    addRecent(path);
    return true;
}

bool DesignerWorkbench::maybeSave() {
    if (!document_->isModified()) return true;
    switch (prompt_(displayName())) {
        case QMessageBox::Save:
            return save();
        case QMessageBox::Discard:
            return true;
        default:
            return false;
    }
}

QStringList DesignerWorkbench::recentFiles() const {
    return QSettings().value(kRecentKey).toStringList();
}

void DesignerWorkbench::addRecent(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentFiles();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent) recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void DesignerWorkbench::rebuildRecentMenu() {
    recent_->clear();
    const QStringList recent = recentFiles();
    for (const QString& path : recent) {
        QAction* action = recent_->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (recent.isEmpty()) recent_->addAction(tr("(none)"))->setEnabled(false);
    recent_->addSeparator();
    recent_->addAction(tr("Clear Recent"), this, [this] {
        QSettings().remove(kRecentKey);
        rebuildRecentMenu();
    });
}

bool DesignerWorkbench::eventFilter(QObject* watched, QEvent* event) {
    if (watched == window_ && event->type() == QEvent::Close && !maybeSave()) {
        event->ignore();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace shardscape
