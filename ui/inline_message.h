#pragma once
// The editors' inline message: a red box under the form saying why the input cannot be
// saved, shown only while it cannot, with the dialog's OK button off meanwhile.

#include <QLabel>
#include <QPushButton>

#include "base/result.h"

namespace shardscape {

// A hidden, word-wrapped message label named `objectName`.
inline QLabel* inlineMessageLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(
        "QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f1b0aa; "
        "border-radius: 4px; padding: 5px 8px; }");
    label->hide();
    return label;
}

// Shows the status's error in `message` (hidden when it is OK) and enables `ok` only when it is.
inline void showStatus(QLabel* message, QPushButton* ok, const Status& status) {
    message->setText(status.ok() ? QString() : QString::fromStdString(status.error().message));
    message->setVisible(!status.ok());
    ok->setEnabled(status.ok());
}

}  // namespace shardscape
