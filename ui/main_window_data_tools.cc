// The main window's data tools: the Data and View menus, view shortcuts, the theme choice,
// the sample-data dialog, committing the designer's model to a connection (Model menu) and
// importing files dropped on the window.
#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QShortcut>
#include <QTabWidget>
#include <QTreeWidget>

#include "access_pattern_list.h"
#include "commit_dialog.h"
#include "connection_controller.h"
#include "data_view.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "import_dialog.h"
#include "main_window.h"
#include "menu_placement.h"
#include "sample_data_dialog.h"
#include "simulation_panel.h"
#include "suggest_fix_dialog.h"
#include "table_list_model.h"
#include "theme.h"

namespace shardscape {

void MainWindow::addDataTools() {
    // Writes from the item editor, deletes and imports change the figures.
    connect(data_, &DataView::itemsChanged, this, &MainWindow::refresh);
    setAcceptDrops(true);

    QAction* before = nullptr;  // the Help menu stays last
    for (QAction* action : menuBar()->actions())
        if (action->text() == tr("&Help")) before = action;
    auto* dataMenu = new QMenu(tr("&Data"), this);
    dataMenu->setObjectName("dataMenu");
    dataMenu->addAction(data_->newItemAction());
    dataMenu->addAction(data_->editItemAction());
    dataMenu->addAction(data_->deleteItemAction());
    dataMenu->addSeparator();
    dataMenu->addAction(data_->importAction());
    dataMenu->addAction(data_->exportAction());
    dataMenu->addSeparator();
    QAction* generate =
        dataMenu->addAction(tr("&Generate sample data…"), QKeySequence(Qt::CTRL | Qt::Key_G), this,
                            [this] { generateSampleData(); });
    generate->setObjectName("generateAction");
    // Data actions open on the Data view, where their results show.
    for (QAction* action : {data_->newItemAction(), data_->importAction(), generate})
        connect(action, &QAction::triggered, this, [this] { showView("data"); });

    auto* viewMenu = new QMenu(tr("&View"), this);
    viewMenu->setObjectName("viewMenu");
    // Ctrl+1..9 show the central views in tab order (however many there are).
    for (int i = 0; i < 9; ++i) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            if (i < views_->count()) views_->setCurrentIndex(i);
        });
    }
    connect(viewMenu, &QMenu::aboutToShow, this, [this, viewMenu] {
        // The view list follows the tabs; the theme submenu stays at the end.
        for (QAction* action : viewMenu->actions())
            if (action->property("viewTab").isValid()) viewMenu->removeAction(action);
        QAction* first = viewMenu->actions().value(0);
        for (int i = 0; i < views_->count(); ++i) {
            auto* action = new QAction(views_->tabText(i).remove('&'), viewMenu);
            action->setProperty("viewTab", i);
            if (i < 9) action->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
            action->setShortcutVisibleInContextMenu(true);
            connect(action, &QAction::triggered, this, [this, i] { views_->setCurrentIndex(i); });
            viewMenu->insertAction(first, action);
        }
    });
    viewMenu->addSeparator();
    viewMenu->addAction(classroomAction_);
    viewMenu->addMenu(createThemeMenu(viewMenu));

    menuBar()->insertMenu(before, dataMenu);
    menuBar()->insertMenu(before, viewMenu);

    // The Simulation view follows the designer's model, so a change made there (a suggested
    // fix) runs at once; the source chosen stays chosen, rebuilt from the changed model.
    connect(designer_->document(), &DesignDocument::changed, this, [this] {
        if (simulation_->running()) return;
        const QString current = simulation_->sourceChoice()->currentText();
        simulation_->setModel(designer_->document()->model());
        const int index = static_cast<int>(simulation_->sources().indexOf(current));
        if (index >= 0) simulation_->chooseSource(index);
    });

    QMenu* modelMenu = menuNamed(menuBar(), "modelMenu", tr("&Model"));
    suggestFixAction_ = modelMenu->addAction(tr("&Suggest a fix…"), this, [this] { suggestFix(); });
    suggestFixAction_->setObjectName("suggestFixAction");
    suggestFixAction_->setToolTip(
        tr("Changes to the model that turn an amber or red access pattern green"));
    // The pattern detail's link opens it on that pattern (the list's current one).
    connect(designer_->view()->accessPatterns(), &AccessPatternList::suggestFixRequested, this,
            [this] { suggestFix(); });
    commitModelAction_ = modelMenu->addAction(tr("&Commit to connection…"), this,
                                              [this] { commitModelToConnection(); });
    commitModelAction_->setObjectName("commitModelAction");
    commitModelAction_->setToolTip(
        tr("Create the designer's tables and indexes on a connection and write its items"));
}

SuggestFixDialog* MainWindow::suggestFix() {
    QString pattern;
    if (QTreeWidgetItem* current = designer_->view()->accessPatterns()->tree()->currentItem())
        pattern = current->text(0);
    auto* dialog = new SuggestFixDialog(designer_->document(), pattern, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

CommitDialog* MainWindow::commitModelToConnection() {
    auto* dialog = new CommitDialog(designer_->document()->model(), local_,
                                    connections_->profiles(), connections_->environment(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The tables on the current connection may have changed.
    connect(dialog, &CommitDialog::commitFinished, this, &MainWindow::refresh);
    dialog->show();
    return dialog;
}

SampleDataDialog* MainWindow::generateSampleData() {
    auto* dialog = new SampleDataDialog(tables_->backend(), lastModelPath_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SampleDataDialog::generationFinished, this, &MainWindow::refresh);
    dialog->show();
    return dialog;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (tables_->capabilities().itemFiles && !droppedFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList files = droppedFiles(event->mimeData());
    if (files.isEmpty()) return;
    event->acceptProposedAction();
    showView("data");
    data_->startImport(files.front());
}

}  // namespace shardscape
