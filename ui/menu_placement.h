#pragma once
// Menus that features add to the main window go before Help, which stays last.

#include <QMenu>
#include <QMenuBar>

namespace shardscape {

inline QMenu* addMenuBeforeHelp(QMenuBar* bar, const QString& title) {
    auto* menu = new QMenu(title, bar);
    QAction* help = nullptr;
    for (QAction* action : bar->actions())
        if (action->menu() && action->menu()->title() == QMenu::tr("&Help")) help = action;
    bar->insertMenu(help, menu);
    return menu;
}

// The menu bar's menu of that object name, added before Help when there is none yet: features
// that share a menu (Model) find it whichever adds it first.
inline QMenu* menuNamed(QMenuBar* bar, const QString& objectName, const QString& title) {
    for (QAction* action : bar->actions())
        if (action->menu() && action->menu()->objectName() == objectName) return action->menu();
    QMenu* menu = addMenuBeforeHelp(bar, title);
    menu->setObjectName(objectName);
    return menu;
}

}  // namespace shardscape
