#include "screenshot.h"

#include <QApplication>
#include <QDialog>
#include <QPainter>
#include <QWidget>

namespace shardscape {

QImage grabWindowWithDialogs(QWidget* window) {
    QImage image = window->grab().toImage();
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPoint origin = window->mapToGlobal(QPoint(0, 0));
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        auto* dialog = qobject_cast<QDialog*>(widget);
        if (!dialog || !dialog->isVisible() || dialog->window() == window) continue;
        const QPixmap content = dialog->grab();
        const int titleHeight = dialog->fontMetrics().height() + 12;
        // Centre the dialog (with its title strip) over the window, as a window manager does.
        QPoint at = dialog->mapToGlobal(QPoint(0, 0)) - origin;
        at.setX(std::max(0, (image.width() - content.width()) / 2));
        at.setY(std::max(titleHeight, (image.height() - content.height() + titleHeight) / 2));
        const QRect frame(at.x() - 1, at.y() - titleHeight - 1, content.width() + 2,
                          content.height() + titleHeight + 2);
        // A soft shadow, the title strip, the content, a border.
        for (int i = 1; i <= 8; ++i) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0, 0, 0, 10));
            painter.drawRoundedRect(frame.adjusted(-i, -i + 2, i, i + 2), 6 + i, 6 + i);
        }
        const QPalette palette = dialog->palette();
        painter.setBrush(palette.color(QPalette::Window).darker(112));
        painter.setPen(palette.color(QPalette::Mid));
        painter.drawRoundedRect(frame, 6, 6);
        painter.drawPixmap(at, content);
        painter.setPen(palette.color(QPalette::WindowText));
        QFont bold = dialog->font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QRect(frame.x(), frame.y(), frame.width(), titleHeight + 1),
                         Qt::AlignCenter, dialog->windowTitle());
    }
    return image;
}

}  // namespace shardscape
