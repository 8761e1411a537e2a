#pragma once
// File › New: an empty model, or a guided start (model/guided_start.h) that names the
// table, a first entity type and the attribute identifying one of its items, and the rate
// of a first access pattern that reads one item. The steps are checked by core as the user
// types: a problem shows inline and OK waits for it to be fixed.

#include <QDialog>

#include "model/guided_start.h"

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace shardscape {

class NewModelDialog : public QDialog {
    Q_OBJECT
  public:
    explicit NewModelDialog(QWidget* parent = nullptr);

    bool guided() const;
    GuidedStart start() const;

    QRadioButton* emptyChoice() const { return empty_; }
    QRadioButton* guidedChoice() const { return guided_; }
    QLineEdit* tableEdit() const { return table_; }
    QLineEdit* entityEdit() const { return entity_; }
    QLineEdit* idEdit() const { return id_; }
    QDoubleSpinBox* rateSpin() const { return rate_; }
    QLabel* messageLabel() const { return message_; }
    QDialogButtonBox* buttons() const { return buttons_; }

  private:
    void validate();

    QRadioButton* empty_ = nullptr;
    QRadioButton* guided_ = nullptr;
    QLineEdit* table_ = nullptr;
    QLineEdit* entity_ = nullptr;
    QLineEdit* id_ = nullptr;
    QDoubleSpinBox* rate_ = nullptr;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace shardscape
