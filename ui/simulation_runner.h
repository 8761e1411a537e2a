#pragma once
// Runs one scenario through the simulator off the GUI thread (QtConcurrent), reporting
// progress and taking a cancel. One run at a time; starting another cancels the first.

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>

#include "capacity/simulation_report.h"
#include "simulation/scenario.h"

namespace shardscape {

class SimulationRunner : public QObject {
    Q_OBJECT
  public:
    explicit SimulationRunner(QObject* parent = nullptr);
    ~SimulationRunner() override;

    void start(const Scenario& scenario);
    void cancel();
    bool running() const { return running_; }
    // Blocks until the current run (if any) has ended; for tests and shutdown.
    void waitForFinished();

  signals:
    void progress(int secondsDone, int totalSeconds);
    void finished(std::shared_ptr<const shardscape::SimulationReport> report);
    void failed(const QString& message);
    void cancelled();

  private:
    struct Outcome {
        std::shared_ptr<const SimulationReport> report;
        QString error;
        bool cancelled = false;
    };
    QFutureWatcher<Outcome>* watcher_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
};

}  // namespace shardscape
