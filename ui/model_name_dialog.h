#pragma once
// Edit › Model Name and Description…: the model's name and description, applied as one
// undoable edit (core's setModelName); an empty name shows inline and OK waits.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace shardscape {

class DesignDocument;

class ModelNameDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ModelNameDialog(DesignDocument* document, QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return name_; }
    QPlainTextEdit* descriptionEdit() const { return description_; }
    QLabel* messageLabel() const { return message_; }
    QDialogButtonBox* buttons() const { return buttons_; }

  private:
    void validate();

    DesignDocument* document_;
    QLineEdit* name_ = nullptr;
    QPlainTextEdit* description_ = nullptr;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace shardscape
