#include "simulation_runner.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrent>

#include "simulation/simulator.h"

namespace shardscape {

SimulationRunner::SimulationRunner(QObject* parent)
    : QObject(parent), watcher_(new QFutureWatcher<Outcome>(this)) {
    qRegisterMetaType<std::shared_ptr<const shardscape::SimulationReport>>();
    connect(watcher_, &QFutureWatcher<Outcome>::finished, this, [this] {
        running_ = false;
        const Outcome outcome = watcher_->result();
        if (outcome.cancelled)
            emit cancelled();
        else if (outcome.report)
            emit finished(outcome.report);
        else
            emit failed(outcome.error);
    });
}

SimulationRunner::~SimulationRunner() {
    cancel();
    waitForFinished();
}

void SimulationRunner::start(const Scenario& scenario) {
    cancel();
    waitForFinished();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    running_ = true;
    auto flag = cancel_;
    // The destructor waits for the run, so `this` outlives the worker; queued calls to it
    // are dropped if it is gone by the time they are delivered.
    watcher_->setFuture(QtConcurrent::run([this, scenario, flag]() -> Outcome {
        SimulationOptions options;
        options.cancelled = [flag] { return flag->load(); };
        options.progress = [this](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        };
        auto report = simulate(scenario, options);
        Outcome outcome;
        if (report) {
            outcome.report = std::make_shared<const SimulationReport>(std::move(report).value());
        } else {
            outcome.cancelled = report.error().isCancelled();
            outcome.error = QString::fromStdString(report.error().message);
        }
        return outcome;
    }));
}

void SimulationRunner::cancel() {
    if (cancel_) cancel_->store(true);
}

void SimulationRunner::waitForFinished() {
    watcher_->waitForFinished();
}

}  // namespace shardscape
