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

}  // namespace shardscape
