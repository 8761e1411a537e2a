#pragma once
// A mutex for short critical sections that a few threads on different cores contend for
// (the engine's write mutex under concurrent PutItems): it tries for a few microseconds
// before sleeping, because sleeping and being woken (a futex wait and wake, and a context
// switch) costs more than the holder needs to finish.
#include <mutex>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace shardscape {

class SpinThenBlockMutex {
  public:
    void lock() {
        for (int attempt = 0; attempt < kSpinAttempts; ++attempt) {
            if (mutex_.try_lock()) return;
#if defined(__x86_64__) || defined(__i386__)
            _mm_pause();
#endif
        }
        mutex_.lock();
    }
    bool try_lock() {
        return mutex_.try_lock();
    }
    void unlock() {
        mutex_.unlock();
    }

  private:
    // About 9 µs on the development machine; bench_endpoint answered 16 % more PutItem/GetItem
    // than with a plain mutex, and no more with 2,000 attempts (6,000: 13 % fewer).
    static constexpr int kSpinAttempts = 300;
    std::mutex mutex_;
};

}  // namespace shardscape
