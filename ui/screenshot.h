#pragma once
// Renders a window for --screenshot: the window itself plus its visible dialogs drawn where
// they sit over it, each with a title strip and a border (offscreen there is no window
// manager to draw frames).

#include <QImage>

class QWidget;

namespace shardscape {

QImage grabWindowWithDialogs(QWidget* window);

}  // namespace shardscape
