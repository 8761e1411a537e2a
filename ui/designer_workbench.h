#pragma once
// Puts the designer into the main window: the Designer tab, the model tree dock, the model
// file actions (New, Open…, Save, Save As…, Open Recent) with the unsaved-changes prompt on
// open, new and close, Undo/Redo in an Edit menu, and the window title (file name, `*` when
// modified). Dialogs go through replaceable functions so tests never block on one.

#include <QMessageBox>
#include <QObject>
#include <functional>

#include "model/guided_start.h"

class QMainWindow;
class QMenu;
class QAction;
class QTabWidget;
class QDockWidget;

namespace shardscape {

class DesignDocument;
class DesignerView;
class ModelTree;

class DesignerWorkbench : public QObject {
    Q_OBJECT
  public:
    // Asks for a model file to open (`save` false) or to save to; empty: cancelled.
    using FileChooser = std::function<QString(bool save, const QString& suggestion)>;
    // Asks what to do with unsaved changes to `name`: Save, Discard or Cancel.
    using SavePrompt = std::function<QMessageBox::StandardButton(const QString& name)>;
    using ErrorReporter = std::function<void(const QString& message)>;
    // File › New's question: an empty model or a guided start (or cancel).
    struct NewModelChoice {
        bool accepted = false;
        bool guided = false;
        GuidedStart start;
    };
    using NewModelChooser = std::function<NewModelChoice()>;

    // Adds its actions at the top of `fileMenu`, an Edit menu to the window's menu bar and
    // the Designer tab to `views`.
    DesignerWorkbench(QMainWindow* window, QTabWidget* views, QMenu* fileMenu);

    DesignDocument* document() const { return document_; }
    DesignerView* view() const { return view_; }
    ModelTree* tree() const { return tree_; }
    QDockWidget* treeDock() const { return dock_; }
    QAction* newAction() const { return new_; }
    QAction* openAction() const { return open_; }
    QAction* saveAction() const { return save_; }
    QAction* saveAsAction() const { return saveAs_; }
    QAction* undoAction() const { return undo_; }
    QAction* redoAction() const { return redo_; }
    // Edit › Model Name and Description…
    QAction* modelNameAction() const { return modelName_; }
    QMenu* recentMenu() const { return recent_; }

    void setFileChooser(FileChooser chooser) { chooser_ = std::move(chooser); }
    void setSavePrompt(SavePrompt prompt) { prompt_ = std::move(prompt); }
    void setErrorReporter(ErrorReporter reporter) { reporter_ = std::move(reporter); }
    void setNewModelChooser(NewModelChooser chooser) { newChooser_ = std::move(chooser); }

    // Opens a model file in the designer after the unsaved-changes prompt. False when the
    // user cancelled or the file could not be read (the reporter says why).
    bool openFile(const QString& path);
    // File › New: after the unsaved-changes prompt, asks for an empty model or a guided
    // start; the guided start's steps are three undoable edits and leave the designer on
    // the new access pattern with its verdict.
    bool newModel();
    bool save();
    bool saveAs();
    // The unsaved-changes prompt: true when it is fine to drop the current model.
    bool maybeSave();
    QStringList recentFiles() const;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void updateTitle();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    QString displayName() const;

    QMainWindow* window_;
    QTabWidget* views_;
    QString baseTitle_;
    DesignDocument* document_ = nullptr;
    DesignerView* view_ = nullptr;
    ModelTree* tree_ = nullptr;
    QDockWidget* dock_ = nullptr;
    QAction *new_ = nullptr, *open_ = nullptr, *save_ = nullptr, *saveAs_ = nullptr;
    QAction *undo_ = nullptr, *redo_ = nullptr, *modelName_ = nullptr;
    QMenu* recent_ = nullptr;
    bool treeShown_ = false;  // shown once a model has tables; after that, the user decides
    FileChooser chooser_;
    SavePrompt prompt_;
    ErrorReporter reporter_;
    NewModelChooser newChooser_;
};

}  // namespace shardscape
