#include "first_paint_probe.h"

#include <sys/resource.h>

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace shardscape {

namespace {
double cpuMilliseconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}
}  // namespace

FirstPaintProbe::FirstPaintProbe(QWidget* window) : QObject(window), window_(window) {}

bool FirstPaintProbe::installIfAsked(QWidget* window) {
    if (!std::getenv("SHARDSCAPE_FIRST_PAINT_EXIT")) return false;
    // Paint events go to the window's widgets, not always to the window itself.
    qApp->installEventFilter(new FirstPaintProbe(window));
    return true;
}

bool FirstPaintProbe::eventFilter(QObject* watched, QEvent* event) {
    if (seen_ || event->type() != QEvent::Paint || !watched->isWidgetType()) return false;
    if (static_cast<QWidget*>(watched)->window() != window_) return false;
    seen_ = true;
    // Once this paint (and the rest of the window's, in the same backing-store sync) is done.
    QTimer::singleShot(0, this, [] {
        const auto now = std::chrono::steady_clock::now().time_since_epoch();
        std::printf("FIRST_PAINT monotonic_ms=%.3f cpu_ms=%.1f\n",
                    std::chrono::duration<double, std::milli>(now).count(), cpuMilliseconds());
        std::fflush(stdout);
        QApplication::exit(0);
    });
    return false;
}

}  // namespace shardscape
