#pragma once
// The Data view: pick a table or one of its indexes and browse its items, fetched lazily a
// page at a time (ItemTableModel); click a column header to sort the rows loaded so far. A
// large table of the local engine is shown whole instead, in Scan order, its rows fetched
// around the ones shown (ItemTableModel's windowed tables).
// New item / Edit (double-click) / Delete open the item editor or ask to confirm; Import and
// Export open their dialogs, and a file dropped on the view starts an import.
//
// Its tables and its requests come from the shared TableListModel's current backend. The
// item editor and Delete read and write on the GUI thread, so they are offered on a backend
// whose calls are immediate (the embedded engine); Import and Export on one that handles item
// files.

#include <QPointer>
#include <QWidget>
#include <memory>

class QAction;
class QMimeData;
class QDragEnterEvent;
class QDropEvent;
class QComboBox;
class QTableView;
class QLabel;

namespace shardscape {
class TableListModel;
class ItemTableModel;
class ItemEditor;
class ImportDialog;
class ExportDialog;

class DataView : public QWidget {
    Q_OBJECT
  public:
    explicit DataView(TableListModel* tables, QWidget* parent = nullptr);

    // Re-reads the list of tables and indexes (keeps the current choice when it still exists);
    // done whenever the table list changes.
    void reloadSources();
    // Shows `table` (or `index` of it).
    void showSource(const QString& table, const QString& index = {});

    QComboBox* sourceBox() const { return sources_; }
    QTableView* itemView() const { return view_; }
    ItemTableModel* itemModel() const { return model_; }
    QLabel* summary() const { return summary_; }

    // The table shown (also when browsing one of its indexes) and the index ("" for none).
    QString currentTable() const;
    QString currentIndex() const;

    // Opens the item editor (non-modal; `itemEditor()` while it is open) for a new item of
    // the current table, or for the item shown in `row` (re-read from the table).
    ItemEditor* newItem();
    ItemEditor* editItem(int row);
    // Asks to confirm, then deletes the items of `rows` (the selected rows by default).
    // Returns how many were deleted.
    int deleteItems(QList<int> rows = {});
    // Opens the import dialog for `file` (and starts it when `file` is given), or the export
    // dialog for the current table or index.
    ImportDialog* startImport(const QString& file = {});
    ExportDialog* startExport();

    ItemEditor* itemEditor() const;
    ImportDialog* importDialog() const;
    ExportDialog* exportDialog() const;
    QAction* newItemAction() const { return newItemAction_; }
    QAction* editItemAction() const { return editItemAction_; }
    QAction* deleteItemAction() const { return deleteItemAction_; }
    QAction* importAction() const { return importAction_; }
    QAction* exportAction() const { return exportAction_; }

  signals:
    // Items were written or deleted (editor, delete, import): figures may have changed.
    void itemsChanged();

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void updateSummary();
    void updateActions();
    // Re-reads the current source from the start after a write.
    void reloadItems();

    TableListModel* tables_;
    QComboBox* sources_ = nullptr;
    QTableView* view_ = nullptr;
    ItemTableModel* model_ = nullptr;
    QLabel* summary_ = nullptr;
    QAction* newItemAction_ = nullptr;
    QAction* editItemAction_ = nullptr;
    QAction* deleteItemAction_ = nullptr;
    QAction* importAction_ = nullptr;
    QAction* exportAction_ = nullptr;
    QPointer<ItemEditor> editor_;
    QPointer<ImportDialog> import_;
    QPointer<ExportDialog> export_;
};

// The local files among `mime`'s URLs (what a file manager drag carries).
QStringList droppedFiles(const QMimeData* mime);

}  // namespace shardscape
