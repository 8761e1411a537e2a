#pragma once
// Where the capacity model and the engine read the time: the real wall clock for interactive
// use, or a simulated clock that only moves when the simulator (or a test) moves it.

#include <atomic>
#include <functional>

namespace shardscape {

class Clock {
  public:
    virtual ~Clock() = default;
    // Seconds since the Unix epoch.
    virtual double now() const = 0;
    // A callable for EngineOptions::clock; the clock must outlive it.
    std::function<double()> function() const {
        return [this] { return now(); };
    }
};

class SystemClock final : public Clock {
  public:
    double now() const override;
};

// Time that moves only when told to; safe to read from other threads.
class SimulatedClock final : public Clock {
  public:
    explicit SimulatedClock(double start = 0) : now_(start) {}
    double now() const override { return now_.load(std::memory_order_acquire); }
    void set(double seconds) { now_.store(seconds, std::memory_order_release); }
    void advance(double seconds) { set(now() + seconds); }

  private:
    std::atomic<double> now_;
};

}  // namespace shardscape
