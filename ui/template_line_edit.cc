#include "template_line_edit.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

#include "key_slot.h"

namespace shardscape {

TemplateLineEdit::TemplateLineEdit(QWidget* parent) : QLineEdit(parent) {
    setAcceptDrops(true);
}

void TemplateLineEdit::insertAttribute(const QString& attribute) {
    insert("{" + attribute + "}");
}

void TemplateLineEdit::focusInEvent(QFocusEvent* event) {
    QLineEdit::focusInEvent(event);
    emit focusedIn();
}

void TemplateLineEdit::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(kAttributeMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QLineEdit::dragEnterEvent(event);
}

void TemplateLineEdit::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(kAttributeMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QLineEdit::dragMoveEvent(event);
}

void TemplateLineEdit::dropEvent(QDropEvent* event) {
    QString name, type;
    if (!readAttributeMimeData(event->mimeData(), &name, &type)) {
        QLineEdit::dropEvent(event);
        return;
    }
    const int at = cursorPositionAt(event->position().toPoint());
    QString value = text();
    value.insert(at, "{" + name + "}");
    setText(value);
    setCursorPosition(at + static_cast<int>(name.size()) + 2);
    setFocus();
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

}  // namespace shardscape
