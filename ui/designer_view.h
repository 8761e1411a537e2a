#pragma once
// The designer: pick a table, drag attributes from the palette onto its key slots or an
// index's, edit its secondary indexes, and watch the access patterns' verdicts follow every
// edit; below, the entity types and the single-table diagram. All edits go through the
// DesignDocument as undoable commands computed by core.

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeWidgetItem;

namespace shardscape {

class DesignDocument;
class AttributePalette;
class KeySlot;
class IndexEditor;
class AccessPatternList;
class FacetView;
class EntityTypeDialog;
class AccessPatternDialog;
class ScenarioDialog;

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
    QPushButton* newTableButton() const { return newTable_; }
    AttributePalette* palette() const { return palette_; }
    KeySlot* tablePartitionSlot() const { return partition_; }
    KeySlot* tableSortSlot() const { return sort_; }
    QLabel* keySchemaLabel() const { return keySchema_; }
    // The table's Time to Live attribute (empty: off); applied when editing finishes.
    QLineEdit* ttlEdit() const { return ttl_; }
    QLabel* messageLabel() const { return message_; }
    IndexEditor* indexEditor() const { return indexes_; }
    AccessPatternList* accessPatterns() const { return patterns_; }
    FacetView* facetView() const { return facets_; }

    // The editors (window-modal dialogs, deleted on close): an empty name adds a new one.
    EntityTypeDialog* editEntityType(const QString& entity);
    AccessPatternDialog* editAccessPattern(const QString& pattern);
    ScenarioDialog* editScenario(const QString& scenario);
    // The entity type, access pattern and scenario selected in the designer ("" if none).
    QString selectedEntityType() const;
    QString selectedAccessPattern() const;
    QString selectedScenario() const;
    QPushButton* newEntityButton() const { return newEntity_; }
    QPushButton* editEntityButton() const { return editEntity_; }
    QPushButton* removeEntityButton() const { return removeEntity_; }
    QPushButton* newPatternButton() const { return newPattern_; }
    QPushButton* editPatternButton() const { return editPattern_; }
    QPushButton* removePatternButton() const { return removePattern_; }
    QPushButton* patternUpButton() const { return patternUp_; }
    QPushButton* patternDownButton() const { return patternDown_; }
    QComboBox* scenarioCombo() const { return scenarios_; }
    QPushButton* newScenarioButton() const { return newScenario_; }
    QPushButton* editScenarioButton() const { return editScenario_; }
    QPushButton* removeScenarioButton() const { return removeScenario_; }
    QPushButton* runScenarioButton() const { return runScenario_; }

  signals:
    // The user asked to run the model's scenario `scenario` in the Simulation view.
    void runScenarioRequested(const QString& scenario);

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
    QLineEdit* ttl_ = nullptr;
    IndexEditor* indexes_ = nullptr;
    AccessPatternList* patterns_ = nullptr;
    FacetView* facets_ = nullptr;
    QPushButton *newEntity_ = nullptr, *editEntity_ = nullptr, *removeEntity_ = nullptr;
    QPushButton *newPattern_ = nullptr, *editPattern_ = nullptr, *removePattern_ = nullptr;
    QPushButton *patternUp_ = nullptr, *patternDown_ = nullptr;
    QComboBox* scenarios_ = nullptr;
    QPushButton *newScenario_ = nullptr, *editScenario_ = nullptr, *removeScenario_ = nullptr;
    QPushButton* runScenario_ = nullptr;
};

}  // namespace shardscape
