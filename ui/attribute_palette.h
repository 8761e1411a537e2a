#pragma once
// The attribute palette: the attributes of the selected table (its key definitions, its
// documented attributes and its entity types'), each draggable onto a key slot, and a row
// to add a new attribute with its type.

#include <QTreeWidget>
#include <QWidget>
#include <vector>

#include "model/model_edit.h"

class QLineEdit;
class QComboBox;
class QPushButton;

namespace shardscape {

// The list itself: dragging a row carries the attribute (key_slot.h's mime type).
class AttributeList : public QTreeWidget {
    Q_OBJECT
  public:
    explicit AttributeList(QWidget* parent = nullptr);

  protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
    // A copy drag only: the palette never loses the attribute to a move.
    void startDrag(Qt::DropActions supportedActions) override;
};

class AttributePalette : public QWidget {
    Q_OBJECT
  public:
    explicit AttributePalette(QWidget* parent = nullptr);

    void setAttributes(const std::vector<PaletteAttribute>& attributes);
    AttributeList* list() const { return list_; }
    QLineEdit* nameEdit() const { return name_; }
    QComboBox* typeCombo() const { return type_; }
    QPushButton* addButton() const { return add_; }

  signals:
    void addRequested(const QString& name, const QString& type);

  private:
    AttributeList* list_ = nullptr;
    QLineEdit* name_ = nullptr;
    QComboBox* type_ = nullptr;
    QPushButton* add_ = nullptr;
};

}  // namespace shardscape
