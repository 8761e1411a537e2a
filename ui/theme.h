#pragma once
// Light and dark themes. "System" keeps the platform's own style and palette (and so follows
// the system's light or dark setting); Light and Dark use the Fusion style with a palette of
// their own. The choice is remembered (QSettings "theme").

#include <QString>

class QMenu;
class QWidget;

namespace shardscape {

enum class Theme { System, Light, Dark };

QString themeName(Theme theme);  // "system", "light", "dark"
Theme themeFromName(const QString& name);
// Applies `theme` to the application and (with `remember`) keeps the choice for next time.
void applyTheme(Theme theme, bool remember = true);
Theme currentTheme();
// Whether the palette in use is dark (its window colour darker than its text).
bool paletteIsDark();
// Applies the remembered theme (call once after the QApplication exists).
void applySavedTheme();
// View > Theme: System / Light / Dark, checkable; the actions are named "themeSystem", ...
QMenu* createThemeMenu(QWidget* parent);

}  // namespace shardscape
