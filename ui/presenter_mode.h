#pragma once
// Classroom mode's presenter look: large fonts and high-contrast colours for the whole
// application (every window and dialog), switched on and off; switching off restores the
// fonts and palette exactly as they were.

#include <QFont>
#include <QHash>
#include <QObject>
#include <QPalette>
#include <QPointer>

class QWidget;

namespace shardscape {

class PresenterMode : public QObject {
    Q_OBJECT
  public:
    // Fonts grow by this factor, to at least kMinimumPointSize points.
    static constexpr double kFontScale = 1.6;
    static constexpr double kMinimumPointSize = 16;

    // `window`: widgets in it with a font of their own (e.g. monospace editors) are scaled
    // too; everything else follows the application font.
    explicit PresenterMode(QWidget* window, QObject* parent = nullptr);
    ~PresenterMode() override;

    bool isOn() const { return on_; }
    void setOn(bool on);

    // The high-contrast palette: white on black, yellow selection, cyan links.
    static QPalette highContrastPalette();

  signals:
    void toggled(bool on);

  private:
    QWidget* window_;
    bool on_ = false;
    QFont savedFont_;
    QPalette savedPalette_;
    QHash<QWidget*, QFont> savedWidgetFonts_;
    QList<QPointer<QWidget>> scaledWidgets_;
};

// `font` enlarged as presenter mode enlarges the application font.
QFont presenterFont(const QFont& font);

}  // namespace shardscape
