#pragma once
// Adds or edits an entity type: its name, table, weight and expected item count, its
// attributes (name, type, sample generator and the generator's parameters as a JSON object)
// and the key templates it gives the table's and the indexes' key attributes. Every change
// is checked by core (model/model_design_edit.h) as the user types: a problem shows inline
// and OK stays disabled until it is fixed. OK applies the whole entity type as one undoable
// edit.

#include <QDialog>

#include "base/result.h"
#include "model/model.h"

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace shardscape {

class DesignDocument;

class EntityTypeDialog : public QDialog {
    Q_OBJECT
  public:
    // `entity` empty: a new entity type on `table`.
    EntityTypeDialog(DesignDocument* document, const QString& entity, const QString& table,
                     QWidget* parent = nullptr);

    // The generator kinds offered ("" for none).
    static QStringList generatorKinds();

    QLineEdit* nameEdit() const { return name_; }
    QComboBox* tableCombo() const { return table_; }
    QDoubleSpinBox* weightSpin() const { return weight_; }
    QDoubleSpinBox* expectedItemsSpin() const { return expected_; }
    QTableWidget* attributeTable() const { return attributes_; }
    QPushButton* addAttributeButton() const { return addAttribute_; }
    QPushButton* removeAttributeButton() const { return removeAttribute_; }
    // Adds an attribute row (the Add button does this with empty values).
    void addAttributeRow(const QString& name, const QString& type, const QString& kind = {},
                         const QString& parameters = {});
    // The row's editors: 0 name, 1 type, 2 generator kind, 3 parameters.
    QLineEdit* attributeName(int row) const;
    QComboBox* attributeType(int row) const;
    QComboBox* generatorKind(int row) const;
    QLineEdit* generatorParameters(int row) const;
    // The key template editor of a key attribute, or null.
    QLineEdit* templateEdit(const QString& keyAttribute) const;
    QLabel* messageLabel() const { return message_; }
    QPushButton* okButton() const;

    // The entity type the form describes, or why it cannot be one.
    Result<EntityType> entity() const;

  private:
    void rebuildTemplates();
    void validate();
    void applyAndClose();

    DesignDocument* document_;
    QString original_;
    EntityType base_;
    QLineEdit* name_ = nullptr;
    QComboBox* table_ = nullptr;
    QDoubleSpinBox* weight_ = nullptr;
    QDoubleSpinBox* expected_ = nullptr;
    QTableWidget* attributes_ = nullptr;
    QPushButton* addAttribute_ = nullptr;
    QPushButton* removeAttribute_ = nullptr;
    QFormLayout* templates_ = nullptr;
    QList<QPair<QString, QLineEdit*>> templateEdits_;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace shardscape
