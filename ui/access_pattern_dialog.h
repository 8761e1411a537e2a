#pragma once
// Adds or edits an access pattern: name, description, operation, entity type, table or
// index, the key condition built from the partition key value and a sort key condition,
// filter and its values, consistency, items per request and rate. The entity's attributes
// are listed to drag into a key value or the filter ({attribute}). As the user edits, core
// checks the pattern (model/model_design_edit.h) and the analyzer gives its verdict, cost
// per request and reason for the edited model; OK applies it as one undoable edit.

#include <QDialog>

#include "base/result.h"
#include "model/model.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace shardscape {

class AttributeList;
class DesignDocument;
class TemplateLineEdit;

class AccessPatternDialog : public QDialog {
    Q_OBJECT
  public:
    // `pattern` empty: a new access pattern on `table`.
    AccessPatternDialog(DesignDocument* document, const QString& pattern, const QString& table,
                        QWidget* parent = nullptr);

    static QStringList operations();

    QLineEdit* nameEdit() const { return name_; }
    QLineEdit* descriptionEdit() const { return description_; }
    QComboBox* operationCombo() const { return operation_; }
    QComboBox* entityCombo() const { return entity_; }
    QComboBox* tableCombo() const { return table_; }
    // "(table)" first, then the table's indexes.
    QComboBox* indexCombo() const { return index_; }
    QLabel* partitionKeyLabel() const { return partitionKey_; }
    TemplateLineEdit* partitionValueEdit() const { return partitionValue_; }
    QLabel* sortKeyLabel() const { return sortKey_; }
    // "(none)", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with".
    QComboBox* sortConditionCombo() const { return sortCondition_; }
    TemplateLineEdit* sortValueEdit() const { return sortValue_; }
    TemplateLineEdit* sortValueToEdit() const { return sortValueTo_; }
    QPushButton* fromEntityButton() const { return fromEntity_; }
    QLineEdit* filterEdit() const { return filter_; }
    QLineEdit* filterValuesEdit() const { return filterValues_; }
    // Attribute lists, comma-separated: what a read returns, what an UpdateItem sets.
    QLineEdit* projectionEdit() const { return projection_; }
    QLineEdit* updatesEdit() const { return updates_; }
    QCheckBox* consistentCheck() const { return consistent_; }
    QSpinBox* itemsSpin() const { return items_; }
    QDoubleSpinBox* rateSpin() const { return rate_; }
    AttributeList* entityAttributes() const { return attributes_; }
    QLabel* expressionLabel() const { return expression_; }
    QLabel* verdictLabel() const { return verdict_; }
    QLabel* messageLabel() const { return message_; }
    QPushButton* okButton() const;

    // The pattern the form describes, or why it cannot be one.
    Result<AccessPattern> pattern() const;

  private:
    void refreshIndexes();
    void refreshKeys();
    void refreshEntityAttributes();
    void fillFromEntity();
    void validate();
    void applyAndClose();

    DesignDocument* document_;
    QString original_;
    AccessPattern base_;
    QLineEdit* name_ = nullptr;
    QLineEdit* description_ = nullptr;
    QComboBox* operation_ = nullptr;
    QComboBox* entity_ = nullptr;
    QComboBox* table_ = nullptr;
    QComboBox* index_ = nullptr;
    QLabel* partitionKey_ = nullptr;
    TemplateLineEdit* partitionValue_ = nullptr;
    QLabel* sortKey_ = nullptr;
    QComboBox* sortCondition_ = nullptr;
    TemplateLineEdit* sortValue_ = nullptr;
    QLabel* andLabel_ = nullptr;
    TemplateLineEdit* sortValueTo_ = nullptr;
    TemplateLineEdit* lastValue_ = nullptr;
    QPushButton* fromEntity_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLineEdit* filterValues_ = nullptr;
    QLineEdit* projection_ = nullptr;
    QLineEdit* updates_ = nullptr;
    QCheckBox* consistent_ = nullptr;
    QSpinBox* items_ = nullptr;
    QDoubleSpinBox* rate_ = nullptr;
    AttributeList* attributes_ = nullptr;
    QLabel* expression_ = nullptr;
    QLabel* verdict_ = nullptr;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    bool loading_ = true;
};

}  // namespace shardscape
