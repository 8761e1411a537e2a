#include "new_model_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "buddy_label.h"
#include "inline_message.h"

namespace shardscape {

NewModelDialog::NewModelDialog(QWidget* parent) : QDialog(parent) {
    setObjectName("newModelDialog");
    setWindowTitle(tr("New model"));
    auto* layout = new QVBoxLayout(this);
    empty_ = new QRadioButton(tr("&Empty model"), this);
    empty_->setObjectName("newModelEmpty");
    guided_ = new QRadioButton(tr("&Guided start: a table, a first entity type and a first "
                                  "access pattern"),
                               this);
    guided_->setObjectName("newModelGuided");
    guided_->setChecked(true);
    layout->addWidget(empty_);
    layout->addWidget(guided_);
    auto* form = new QFormLayout;
    form->setContentsMargins(24, 0, 0, 0);
    table_ = new QLineEdit("App", this);
    table_->setObjectName("newModelTable");
    form->addRow(buddyLabel(tr("&Table name:"), table_), table_);
    entity_ = new QLineEdit("Customer", this);
    entity_->setObjectName("newModelEntity");
    form->addRow(buddyLabel(tr("First entity &type:"), entity_), entity_);
    id_ = new QLineEdit("customerId", this);
    id_->setObjectName("newModelId");
    id_->setToolTip(tr("The attribute that identifies one item of the type"));
    form->addRow(buddyLabel(tr("Its &id attribute:"), id_), id_);
    rate_ = new QDoubleSpinBox(this);
    rate_->setObjectName("newModelRate");
    rate_->setRange(0, 1e9);
    rate_->setValue(100);
    rate_->setSuffix(tr(" /s"));
    form->addRow(buddyLabel(tr("Reads of one item (&rate):"), rate_), rate_);
    layout->addLayout(form);
    auto* hint =
        new QLabel(tr("The table is keyed on PK and SK; the entity type fills them with "
                      "TYPE#{id} and TYPE, and the access pattern reads one item by its id. "
                      "Every step can be undone."),
                   this);
    hint->setWordWrap(true);
    hint->setStyleSheet("color: palette(mid);");
    layout->addWidget(hint);
    message_ = inlineMessageLabel("newModelMessage", this);
    layout->addWidget(message_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {table_, entity_, id_})
        connect(edit, &QLineEdit::textChanged, this, &NewModelDialog::validate);
    connect(guided_, &QRadioButton::toggled, this, &NewModelDialog::validate);
    validate();
}

bool NewModelDialog::guided() const {
    return guided_->isChecked();
}

GuidedStart NewModelDialog::start() const {
    GuidedStart s;
    s.table = table_->text().trimmed().toStdString();
    s.entity = entity_->text().trimmed().toStdString();
    s.idAttribute = id_->text().trimmed().toStdString();
    s.ratePerSecond = rate_->value();
    return s;
}

void NewModelDialog::validate() {
    for (QWidget* w : {static_cast<QWidget*>(table_), static_cast<QWidget*>(entity_),
                       static_cast<QWidget*>(id_), static_cast<QWidget*>(rate_)})
        w->setEnabled(guided());
    QString problem;
    if (guided()) {
        Model empty;
        const GuidedStart s = start();
        Result<Model> step = guidedStartTable(empty, s);
        if (step) step = guidedStartEntity(*step, s);
        if (step) step = guidedStartPattern(*step, s);
        if (!step) problem = QString::fromStdString(step.error().message);
    }
    message_->setText(problem);
    message_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

}  // namespace shardscape
