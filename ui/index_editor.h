#pragma once
// The secondary indexes of the selected table: add a GSI or an LSI, delete one, and edit
// the selected one's name, key slots, projection type and projected non-key attributes.
// Every change goes through core (model/model_edit.h) as one undoable edit; refused edits
// (limits, LSI rules) come back as DesignDocument::editRefused.
//
// Drops: an access pattern dragged onto an index makes the pattern use it; an attribute
// dragged onto the projected attributes adds it to the index's INCLUDE projection.

#include <QWidget>

#include "model/model.h"

class QListWidget;
class QLineEdit;
class QComboBox;
class QPushButton;
class QLabel;
class QGroupBox;

namespace shardscape {

class DesignDocument;
class KeySlot;

class IndexEditor : public QWidget {
    Q_OBJECT
  public:
    IndexEditor(DesignDocument* document, QWidget* parent = nullptr);

    void setTable(const QString& table);
    // Re-reads the table's indexes from the document (after any change).
    void refresh();
    void selectIndex(const QString& name);
    QString selectedIndex() const;

    QListWidget* indexList() const { return list_; }
    QPushButton* addGlobalButton() const { return addGlobal_; }
    QPushButton* addLocalButton() const { return addLocal_; }
    QPushButton* deleteButton() const { return delete_; }
    QLineEdit* nameEdit() const { return name_; }
    KeySlot* partitionSlot() const { return partition_; }
    KeySlot* sortSlot() const { return sort_; }
    QComboBox* projectionCombo() const { return projection_; }
    QListWidget* nonKeyList() const { return nonKey_; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    const ModelTable* table() const;
    const ModelIndex* index(bool* local = nullptr) const;
    void showSelected();
    void add(bool local);
    void replaceWith(const QString& text, const ModelIndex& edited);

    DesignDocument* document_;
    QString table_;
    QString selected_;
    QListWidget* list_ = nullptr;
    QPushButton* addGlobal_ = nullptr;
    QPushButton* addLocal_ = nullptr;
    QPushButton* delete_ = nullptr;
    QGroupBox* details_ = nullptr;
    QLineEdit* name_ = nullptr;
    QLabel* kind_ = nullptr;
    KeySlot* partition_ = nullptr;
    KeySlot* sort_ = nullptr;
    QComboBox* projection_ = nullptr;
    QListWidget* nonKey_ = nullptr;
    bool updating_ = false;
};

}  // namespace shardscape
