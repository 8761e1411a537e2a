#pragma once
// Cold-start measurement (tests/bench/bench_gui): when the environment variable
// SHARDSCAPE_FIRST_PAINT_EXIT is set, the app prints one line at the first paint of its main
// window and quits:
//
//   FIRST_PAINT monotonic_ms=<steady clock, ms> cpu_ms=<user + system CPU of the process, ms>
//
// The steady clock is the system's monotonic clock, so the process that started the app can
// subtract its own reading taken before the start. Normal runs never install the probe.

#include <QObject>

class QWidget;

namespace shardscape {

class FirstPaintProbe : public QObject {
    Q_OBJECT
  public:
    // Installs a probe on `window` when SHARDSCAPE_FIRST_PAINT_EXIT is set; returns whether it
    // did.
    static bool installIfAsked(QWidget* window);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    explicit FirstPaintProbe(QWidget* window);
    QWidget* window_;
    bool seen_ = false;
};

}  // namespace shardscape
