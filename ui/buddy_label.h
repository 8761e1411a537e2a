#pragma once
// A form label whose mnemonic (&File) focuses `buddy`, for form rows whose field is a layout
// (QFormLayout only makes buddies for single widgets).

#include <QLabel>

namespace shardscape {

inline QLabel* buddyLabel(const QString& text, QWidget* buddy) {
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

}  // namespace shardscape
