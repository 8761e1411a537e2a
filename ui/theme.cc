#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace shardscape {

namespace {

struct SystemLook {
    QString style;
    QPalette palette;
    bool captured = false;
};

SystemLook& systemLook() {
    static SystemLook look;
    return look;
}

Theme& appliedTheme() {
    static Theme theme = Theme::System;
    return theme;
}

void captureSystemLook() {
    SystemLook& look = systemLook();
    if (look.captured) return;
    look.style = QApplication::style()->name();
    look.palette = QApplication::palette();
    look.captured = true;
}

QPalette lightPalette() {
    QPalette p;
    const QColor window(0xf3, 0xf4, 0xf6), base(Qt::white), text(0x1f, 0x23, 0x28);
    const QColor highlight(0x25, 0x63, 0xeb);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x91, 0x99));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe5, 0xe7, 0xeb));
    p.setColor(QPalette::Mid, QColor(0xb0, 0xb5, 0xbc));
    p.setColor(QPalette::Dark, QColor(0x8c, 0x92, 0x9a));
    p.setColor(QPalette::Shadow, QColor(0x50, 0x50, 0x50));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0xa0, 0xa6));
    return p;
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x24, 0x27, 0x2c), base(0x1b, 0x1d, 0x21), text(0xe6, 0xe8, 0xeb);
    const QColor highlight(0x3b, 0x82, 0xf6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x30, 0x33, 0x39));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x7d, 0x84, 0x8c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2e, 0x32, 0x38));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x45));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x37, 0x3d));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4f, 0x57));
    p.setColor(QPalette::Dark, QColor(0x16, 0x18, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x70, 0x76, 0x7e));
    return p;
}

}  // namespace

QString themeName(Theme theme) {
    switch (theme) {
        case Theme::Light:
            return "light";
        case Theme::Dark:
            return "dark";
        case Theme::System:
            break;
    }
    return "system";
}

Theme themeFromName(const QString& name) {
    if (name == "light") return Theme::Light;
    if (name == "dark") return Theme::Dark;
    return Theme::System;
}

bool paletteIsDark() {
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

Theme currentTheme() {
    return appliedTheme();
}

void applyTheme(Theme theme, bool remember) {
    captureSystemLook();
    const SystemLook& look = systemLook();
    if (theme == Theme::System) {
        QApplication::setStyle(look.style);
        QApplication::setPalette(look.palette);
    } else {
        QApplication::setStyle(QStyleFactory::create("Fusion"));
        QApplication::setPalette(theme == Theme::Dark ? darkPalette() : lightPalette());
    }
    appliedTheme() = theme;
    if (remember) QSettings().setValue("theme", themeName(theme));
}

void applySavedTheme() {
    captureSystemLook();
    const Theme theme = themeFromName(QSettings().value("theme", "system").toString());
    if (theme != Theme::System) applyTheme(theme, false);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    // Qt 6.5+ reports the system's scheme; follow its changes while "System" is chosen.
    QObject::connect(QApplication::styleHints(), &QStyleHints::colorSchemeChanged, qApp, [] {
        if (currentTheme() != Theme::System) return;
        systemLook().captured = false;
        captureSystemLook();
    });
#endif
}

QMenu* createThemeMenu(QWidget* parent) {
    auto* menu = new QMenu(QObject::tr("&Theme"), parent);
    auto* group = new QActionGroup(menu);
    const std::pair<Theme, QString> choices[] = {{Theme::System, QObject::tr("&System")},
                                                 {Theme::Light, QObject::tr("&Light")},
                                                 {Theme::Dark, QObject::tr("&Dark")}};
    for (const auto& [theme, label] : choices) {
        QAction* action = menu->addAction(label);
        QString name = themeName(theme);
        name[0] = name[0].toUpper();
        action->setObjectName("theme" + name);
        action->setCheckable(true);
        action->setChecked(theme == currentTheme());
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [theme = theme] { applyTheme(theme); });
    }
    return menu;
}

}  // namespace shardscape
