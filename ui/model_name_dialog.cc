#include "model_name_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "buddy_label.h"
#include "design_document.h"
#include "inline_message.h"
#include "model/model_design_edit.h"

namespace shardscape {

ModelNameDialog::ModelNameDialog(DesignDocument* document, QWidget* parent)
    : QDialog(parent), document_(document) {
    setObjectName("modelNameDialog");
    setWindowTitle(tr("Model name and description"));
    resize(520, 260);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit(QString::fromStdString(document_->model().name), this);
    name_->setObjectName("modelName");
    form->addRow(buddyLabel(tr("&Name:"), name_), name_);
    description_ = new QPlainTextEdit(QString::fromStdString(document_->model().description), this);
    description_->setObjectName("modelDescription");
    description_->setTabChangesFocus(true);
    form->addRow(buddyLabel(tr("&Description:"), description_), description_);
    layout->addLayout(form);
    message_ = inlineMessageLabel("modelNameMessage", this);
    layout->addWidget(message_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons_);
    connect(name_, &QLineEdit::textChanged, this, &ModelNameDialog::validate);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        const std::string name = name_->text().trimmed().toStdString();
        const std::string description = description_->toPlainText().trimmed().toStdString();
        const Model& model = document_->model();
        if (name == model.name && description == model.description) return accept();
        if (document_->apply(tr("Rename the model"), setModelName(model, name, description)))
            accept();
    });
    validate();
}

void ModelNameDialog::validate() {
    auto edited = setModelName(document_->model(), name_->text().trimmed().toStdString(), {});
    message_->setText(edited ? QString() : QString::fromStdString(edited.error().message));
    message_->setVisible(!edited);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(edited.ok());
}

}  // namespace shardscape
