#pragma once
// The designer: pick a table, drag attributes from the palette onto its key slots or an
// index's, edit its secondary indexes, and watch the access patterns' verdicts follow every
// edit; below, the entity types and the single-table diagram. All edits go through the
// DesignDocument as undoable commands computed by core.

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;

namespace shardscape {

class DesignDocument;
class AttributePalette;
class KeySlot;
class IndexEditor;
class AccessPatternList;
class FacetView;

class DesignerView : public QWidget {
    Q_OBJECT
  public:
    explicit DesignerView(DesignDocument* document, QWidget* parent = nullptr);

    QString currentTable() const { return table_; }
    // Shows a table and, when `index` is given, selects that index in the index editor.
    void showTable(const QString& table, const QString& index = {});
    void showAccessPattern(const QString& table, const QString& pattern);

    DesignDocument* document() const { return document_; }
    QComboBox* tableCombo() const { return tables_; }
    AttributePalette* palette() const { return palette_; }
    KeySlot* tablePartitionSlot() const { return partition_; }
    KeySlot* tableSortSlot() const { return sort_; }
    QLabel* keySchemaLabel() const { return keySchema_; }
    QLabel* messageLabel() const { return message_; }
    IndexEditor* indexEditor() const { return indexes_; }
    AccessPatternList* accessPatterns() const { return patterns_; }
    FacetView* facetView() const { return facets_; }

  private:
    void refresh();
    void setTableKey(int role, const QString& attribute, const QString& type);
    void showMessage(const QString& message);

    DesignDocument* document_;
    QString table_;
    QComboBox* tables_ = nullptr;
    QPushButton* newTable_ = nullptr;
    QLabel* message_ = nullptr;
    AttributePalette* palette_ = nullptr;
    KeySlot* partition_ = nullptr;
    KeySlot* sort_ = nullptr;
    QLabel* keySchema_ = nullptr;
    QLabel* tableFacts_ = nullptr;
    IndexEditor* indexes_ = nullptr;
    AccessPatternList* patterns_ = nullptr;
    FacetView* facets_ = nullptr;
};

}  // namespace shardscape
