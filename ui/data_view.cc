#include "data_view.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "export_dialog.h"
#include "import_dialog.h"
#include "item_editor.h"
#include "item_table_model.h"
#include "table_list_model.h"

namespace shardscape {

DataView::DataView(TableListModel* tables, QWidget* parent) : QWidget(parent), tables_(tables) {
    setObjectName("dataView");
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Browse:"), this));
    sources_ = new QComboBox(this);
    sources_->setObjectName("dataSource");
    sources_->setMinimumContentsLength(24);
    bar->addWidget(sources_, 1);
    summary_ = new QLabel(this);
    summary_->setObjectName("dataSummary");
    bar->addWidget(summary_);
    bar->addSpacing(12);
    auto addAction = [&](const QString& text, const QKeySequence& shortcut, const char* name,
                         const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setToolTip(tip + (shortcut.isEmpty() ? QString()
                                                     : QString(" (%1)").arg(shortcut.toString(
                                                           QKeySequence::NativeText))));
        this->addAction(action);  // the shortcuts apply anywhere in the view
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(false);
        bar->addWidget(button);
        return action;
    };
    newItemAction_ = addAction(tr("&New item…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                               "newItemAction", tr("Create an item in the table"));
    editItemAction_ = addAction(tr("&Edit…"), QKeySequence(Qt::Key_F2), "editItemAction",
                                tr("Edit the selected item (or double-click it)"));
    deleteItemAction_ = addAction(tr("&Delete"), QKeySequence::Delete, "deleteItemAction",
                                  tr("Delete the selected items"));
    bar->addSpacing(8);
    importAction_ = addAction(tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I), "importAction",
                              tr("Import items from a file (or drop one here)"));
    exportAction_ = addAction(tr("E&xport…"), QKeySequence(Qt::CTRL | Qt::Key_E), "exportAction",
                              tr("Export the table or index to a file"));
    // Delete and F2 act on the item grid only, not on text being typed elsewhere.
    editItemAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    deleteItemAction_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    layout->addLayout(bar);

    model_ = new ItemTableModel(tables_, this);
    view_ = new QTableView(this);
    view_->setObjectName("itemView");
    view_->setModel(model_);
    view_->setSortingEnabled(true);
    view_->setAlternatingRowColors(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view_->horizontalHeader()->setDefaultSectionSize(140);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    // Sorting starts unsorted (the engine's order) until the user clicks a header.
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    layout->addWidget(view_, 1);

    connect(sources_, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList source = sources_->currentData().toStringList();
        if (source.size() == 2) showSource(source[0], source[1]);
    });
    connect(model_, &QAbstractItemModel::rowsInserted, this, &DataView::updateSummary);
    connect(model_, &QAbstractItemModel::modelReset, this, &DataView::updateSummary);
    connect(model_, &ItemTableModel::failed, this, &DataView::updateSummary);
    connect(view_, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { editItem(index.row()); });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DataView::updateActions);
    connect(model_, &QAbstractItemModel::modelReset, this, &DataView::updateActions);
    connect(newItemAction_, &QAction::triggered, this, [this] { newItem(); });
    connect(editItemAction_, &QAction::triggered, this, [this] {
        const QModelIndex current = view_->currentIndex();
        if (current.isValid()) editItem(current.row());
    });
    connect(deleteItemAction_, &QAction::triggered, this, [this] { deleteItems(); });
    connect(importAction_, &QAction::triggered, this, [this] { startImport(); });
    connect(exportAction_, &QAction::triggered, this, [this] { startExport(); });
    setAcceptDrops(true);
    connect(model_, &ItemTableModel::pageLoaded, this, &DataView::updateSummary);
    // Another connection: nothing of the old one stays shown while the new tables load.
    connect(tables_, &TableListModel::backendChanged, this, [this] {
        model_->setSource({});
        updateActions();
    });
    connect(tables_, &TableListModel::tablesChanged, this, &DataView::reloadSources);
    reloadSources();
}

ItemEditor* DataView::itemEditor() const {
    return editor_;
}
ImportDialog* DataView::importDialog() const {
    return import_;
}
ExportDialog* DataView::exportDialog() const {
    return export_;
}

QString DataView::currentTable() const {
    const QStringList source = sources_->currentData().toStringList();
    return source.size() == 2 ? source[0] : QString();
}

QString DataView::currentIndex() const {
    const QStringList source = sources_->currentData().toStringList();
    return source.size() == 2 ? source[1] : QString();
}

void DataView::updateActions() {
    const BackendCapabilities can = tables_->capabilities();
    const bool haveTable = !currentTable().isEmpty();
    const bool haveSelection = view_->selectionModel()->hasSelection();
    newItemAction_->setEnabled(can.immediate && haveTable);
    editItemAction_->setEnabled(can.immediate && haveTable && haveSelection);
    deleteItemAction_->setEnabled(can.immediate && haveTable && haveSelection);
    importAction_->setEnabled(can.itemFiles);
    exportAction_->setEnabled(can.itemFiles && haveTable);
}

void DataView::reloadItems() {
    showSource(currentTable(), currentIndex());
    emit itemsChanged();
}

ItemEditor* DataView::newItem() {
    if (!tables_->capabilities().immediate || currentTable().isEmpty()) return nullptr;
    if (editor_) editor_->close();
    editor_ = new ItemEditor(tables_->backend(), tables_->find(currentTable()), currentTable(),
                             std::nullopt, this);
    editor_->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor_, &ItemEditor::saved, this, &DataView::reloadItems);
    editor_->open();
    return editor_;
}

ItemEditor* DataView::editItem(int row) {
    if (!tables_->capabilities().immediate || row < 0 || row >= model_->rowCount() ||
        !model_->isLoaded(row) || currentTable().isEmpty())
        return nullptr;
    auto definition = tables_->find(currentTable());
    if (!definition) return nullptr;
    // Re-read the whole item from the table: the row may be an index's projection, or stale.
    const Item key = itemKey(*definition, model_->item(row));
    auto read = tables_->backend()->call(
        "GetItem",
        {{"TableName", definition->name}, {"Key", itemToJson(key)}, {"ConsistentRead", true}});
    std::optional<Item> item;
    if (read && read->contains("Item"))
        if (auto decoded = itemFromJson((*read)["Item"])) item = std::move(decoded).value();
    if (!item) {
        QMessageBox::warning(
            this, tr("Edit item"),
            read ? tr("The item no longer exists.") : QString::fromStdString(read.error().message));
        reloadItems();
        return nullptr;
    }
    if (editor_) editor_->close();
    editor_ = new ItemEditor(tables_->backend(), definition, currentTable(), std::move(item), this);
    editor_->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor_, &ItemEditor::saved, this, &DataView::reloadItems);
    editor_->open();
    return editor_;
}

int DataView::deleteItems(QList<int> rows) {
    if (!tables_->capabilities().immediate || currentTable().isEmpty()) return 0;
    if (rows.isEmpty())
        for (const QModelIndex& index : view_->selectionModel()->selectedRows())
            rows.append(index.row());
    auto definition = tables_->find(currentTable());
    if (rows.isEmpty() || !definition) return 0;
    std::vector<Item> keys;
    for (int row : rows)
        if (row >= 0 && row < model_->rowCount() && model_->isLoaded(row))
            keys.push_back(itemKey(*definition, model_->item(row)));
    if (keys.empty()) return 0;
    QString what;
    if (keys.size() == 1) {
        QStringList parts;
        for (const auto& [name, value] : keys.front())
            parts << QString::fromStdString(name) + " = " + ItemTableModel::displayText(value);
        what = tr("the item %1").arg(parts.join(", "));
    } else {
        what = tr("%1 items").arg(keys.size());
    }
    const auto answer = QMessageBox::question(
        this, tr("Delete"), tr("Delete %1 from %2?").arg(what, currentTable()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return 0;
    int deleted = 0;
    QString failure;
    const std::shared_ptr<Backend> backend = tables_->backend();
    for (const auto& key : keys) {
        auto result = backend->call("DeleteItem",
                                    {{"TableName", definition->name}, {"Key", itemToJson(key)}});
        if (result)
            ++deleted;
        else
            failure = QString::fromStdString(result.error().message);
    }
    if (!failure.isEmpty()) QMessageBox::warning(this, tr("Delete"), failure);
    reloadItems();
    return deleted;
}

ImportDialog* DataView::startImport(const QString& file) {
    if (!tables_->capabilities().itemFiles) return nullptr;
    if (import_ && import_->isRunning()) {
        import_->raise();
        return import_;
    }
    if (import_) import_->close();
    import_ = new ImportDialog(tables_->backend(), tables_->names(), currentTable(), file, this);
    import_->setAttribute(Qt::WA_DeleteOnClose);
    connect(import_, &ImportDialog::importFinished, this, &DataView::reloadItems);
    import_->show();
    if (!file.isEmpty()) import_->start();
    return import_;
}

ExportDialog* DataView::startExport() {
    if (!tables_->capabilities().itemFiles || currentTable().isEmpty()) return nullptr;
    if (export_ && export_->isRunning()) {
        export_->raise();
        return export_;
    }
    if (export_) export_->close();
    export_ = new ExportDialog(tables_->backend(), tables_->tables().tables, currentTable(),
                               currentIndex(), this);
    export_->setAttribute(Qt::WA_DeleteOnClose);
    export_->show();
    return export_;
}

QStringList droppedFiles(const QMimeData* mime) {
    QStringList files;
    if (!mime || !mime->hasUrls()) return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile()) files << url.toLocalFile();
    return files;
}

void DataView::dragEnterEvent(QDragEnterEvent* event) {
    if (tables_->capabilities().itemFiles && !droppedFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void DataView::dropEvent(QDropEvent* event) {
    const QStringList files = droppedFiles(event->mimeData());
    if (files.isEmpty()) return;
    event->acceptProposedAction();
    startImport(files.front());
}

void DataView::reloadSources() {
    const QStringList current = sources_->currentData().toStringList();
    QSignalBlocker block(sources_);
    sources_->clear();
    for (const auto& table : tables_->tables().tables) {
        const QString tableName = QString::fromStdString(table->name);
        sources_->addItem(tableName, QStringList{tableName, QString()});
        for (const auto& index : table->indexes) {
            const QString indexName = QString::fromStdString(index.name);
            QString kind = index.global ? "GSI" : "LSI";
            if (index.backfillError) kind += tr(", backfill failed");
            sources_->addItem(tr("%1 › %2 (%3)").arg(tableName, indexName, kind),
                              QStringList{tableName, indexName});
            if (index.backfillError)
                sources_->setItemData(
                    sources_->count() - 1,
                    tr("The index stays CREATING: its backfill failed (%1: %2). Delete it, "
                       "or reopen the data directory to try again.")
                        .arg(QString::fromStdString(index.backfillError->name()),
                             QString::fromStdString(index.backfillError->message)),
                    Qt::ToolTipRole);
        }
    }
    int keep = sources_->findData(current);
    if (keep < 0 && sources_->count() > 0) keep = 0;
    sources_->setCurrentIndex(keep);
    block.unblock();
    const QStringList chosen = sources_->currentData().toStringList();
    if (chosen.size() == 2)
        showSource(chosen[0], chosen[1]);
    else
        showSource({});
}

void DataView::showSource(const QString& table, const QString& index) {
    model_->setSource(table, index);
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    // A large table is shown whole, in Scan order (ItemTableModel's windowed tables).
    view_->setSortingEnabled(!model_->isWindowed());
    if (model_->canFetchMore()) model_->fetchMore();
    updateSummary();
}

void DataView::updateSummary() {
    QString text = model_->isWindowed()
                       ? tr("%1 items").arg(QLocale().toString(model_->rowCount()))
                       : tr("%1 items loaded").arg(QLocale().toString(model_->rowCount()));
    if (model_->isFetching()) text += tr(" · loading…");
    if (model_->canFetchMore()) text += tr(" · more below");
    if (!model_->lastError().isEmpty()) text += " · " + model_->lastError();
    summary_->setText(text);
}

}  // namespace shardscape
