#include "presenter_mode.h"

#include <QApplication>
#include <QWidget>
#include <algorithm>

namespace shardscape {

QFont presenterFont(const QFont& font) {
    QFont out = font;
    if (font.pointSizeF() > 0)
        out.setPointSizeF(std::max(font.pointSizeF() * PresenterMode::kFontScale,
                                   PresenterMode::kMinimumPointSize));
    else if (font.pixelSize() > 0)
        out.setPixelSize(static_cast<int>(font.pixelSize() * PresenterMode::kFontScale));
    return out;
}

QPalette PresenterMode::highContrastPalette() {
    const QColor black(0, 0, 0), white(255, 255, 255), yellow(255, 255, 0), grey(170, 170, 170);
    QPalette p;
    for (auto group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::Window, black);
        p.setColor(group, QPalette::WindowText, white);
        p.setColor(group, QPalette::Base, black);
        p.setColor(group, QPalette::AlternateBase, QColor(32, 32, 32));
        p.setColor(group, QPalette::Text, white);
        p.setColor(group, QPalette::BrightText, yellow);
        p.setColor(group, QPalette::Button, black);
        p.setColor(group, QPalette::ButtonText, white);
        p.setColor(group, QPalette::Highlight, yellow);
        p.setColor(group, QPalette::HighlightedText, black);
        p.setColor(group, QPalette::Link, QColor(0, 255, 255));
        p.setColor(group, QPalette::LinkVisited, QColor(255, 128, 255));
        p.setColor(group, QPalette::ToolTipBase, black);
        p.setColor(group, QPalette::ToolTipText, white);
        p.setColor(group, QPalette::PlaceholderText, grey);
        p.setColor(group, QPalette::Light, white);
        p.setColor(group, QPalette::Midlight, grey);
        p.setColor(group, QPalette::Mid, grey);
        p.setColor(group, QPalette::Dark, white);
        p.setColor(group, QPalette::Shadow, white);
    }
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, grey);
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        p.setColor(QPalette::Disabled, role, black);
    return p;
}

PresenterMode::PresenterMode(QWidget* window, QObject* parent) : QObject(parent), window_(window) {}

PresenterMode::~PresenterMode() {
    if (on_) setOn(false);
}

void PresenterMode::setOn(bool on) {
    if (on == on_) return;
    on_ = on;
    if (on) {
        savedFont_ = QApplication::font();
        savedPalette_ = QApplication::palette();
        // Widgets with a font of their own (monospace editors) do not follow the
        // application font: scale them one by one.
        savedWidgetFonts_.clear();
        scaledWidgets_.clear();
        if (window_)
            for (QWidget* w : window_->findChildren<QWidget*>())
                if (w->testAttribute(Qt::WA_SetFont)) {
                    savedWidgetFonts_.insert(w, w->font());
                    scaledWidgets_.append(w);
                }
        QApplication::setFont(presenterFont(savedFont_));
        QApplication::setPalette(highContrastPalette());
        for (const auto& w : scaledWidgets_)
            if (w) w->setFont(presenterFont(savedWidgetFonts_.value(w.data())));
    } else {
        QApplication::setFont(savedFont_);
        QApplication::setPalette(savedPalette_);
        for (const auto& w : scaledWidgets_)
            if (w) w->setFont(savedWidgetFonts_.value(w.data()));
        savedWidgetFonts_.clear();
        scaledWidgets_.clear();
    }
    emit toggled(on);
}

}  // namespace shardscape
