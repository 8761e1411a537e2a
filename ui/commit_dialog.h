#pragma once
// Model › Commit to connection…: builds the designer's model on a connection (the local engine
// or a saved connection profile, remote/connection_store.h) through core's commit
// (transfer/model_commit_plan.h, backend/model_commit.h). It previews the requests, runs them
// off the GUI thread with a progress bar and Cancel, and shows the report; tables that already
// exist on the connection are reported and left as they are.

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "backend/model_commit.h"
#include "model/model.h"
#include "remote/connection_profile.h"

class QComboBox;
class QSpinBox;
class QPlainTextEdit;
class QProgressBar;
class QLabel;
class QPushButton;

namespace shardscape {

class CommitDialog : public QDialog {
    Q_OBJECT
  public:
    // `local` is the local engine's backend (may be null: then only profiles are offered);
    // `profiles` the saved connections, resolved against `environment` when chosen.
    CommitDialog(const Model& model, std::shared_ptr<Backend> local,
                 std::vector<ConnectionProfile> profiles, AwsEnvironment environment,
                 QWidget* parent = nullptr);
    ~CommitDialog() override;

    // Sends the previewed requests to the chosen connection; false when a run is under way or
    // there is nothing to commit.
    bool start();
    void cancel();
    // From Commit until the report shows.
    bool isRunning() const;
    // The plan shown, or none with the reason in the preview.
    const std::optional<CommitPlan>& plan() const { return plan_; }
    // The last run's report, or the error that kept it from starting (connecting).
    const std::optional<Result<CommitReport>>& lastResult() const { return result_; }

    QComboBox* connectionBox() const { return connection_; }
    QSpinBox* generateBox() const { return generate_; }
    QSpinBox* seedBox() const { return seed_; }
    QPlainTextEdit* previewText() const { return preview_; }
    // Which of the model's tables the chosen connection has already (checked off the GUI
    // thread when the dialog opens, the connection changes and after a commit).
    QLabel* existingLabel() const { return existing_; }
    bool isChecking() const;
    QProgressBar* progressBar() const { return progress_; }
    QLabel* progressLabel() const { return progressText_; }
    QPlainTextEdit* reportText() const { return report_; }
    QPushButton* commitButton() const { return commitButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }

  signals:
    // Before each request (on the GUI thread, queued from the run).
    void progressed(const CommitProgress& progress);
    // A run ended (report, or an error connecting); the connection's tables changed.
    void commitFinished();

  private:
    void updatePlan();
    // Asks the chosen connection which of the plan's tables it has.
    void checkExisting();
    // The chosen connection's backend (connecting to a profile); call off the GUI thread.
    static Result<std::shared_ptr<Backend>> backendFor(std::shared_ptr<Backend> local,
                                                       std::optional<ConnectionProfile> profile,
                                                       const AwsEnvironment& environment);
    std::optional<ConnectionProfile> chosenProfile() const;
    void showProgress(const CommitProgress& progress);
    void finish();

    struct Job {
        std::atomic<bool> cancel{false};
    };
    Model model_;
    std::shared_ptr<Backend> local_;
    std::vector<ConnectionProfile> profiles_;
    AwsEnvironment environment_;
    std::optional<CommitPlan> plan_;
    std::shared_ptr<Job> job_;
    // From start() until finish() has shown the outcome (the run's last progress, posted
    // before it ended, is shown too).
    bool running_ = false;
    QFutureWatcher<Result<CommitReport>>* watcher_ = nullptr;
    std::optional<Result<CommitReport>> result_;
    QComboBox* connection_ = nullptr;
    QSpinBox* generate_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPlainTextEdit* preview_ = nullptr;
    QLabel* existing_ = nullptr;
    QFutureWatcher<Result<std::vector<std::string>>>* checker_ = nullptr;
    quint64 checkGeneration_ = 0;
    QProgressBar* progress_ = nullptr;
    QLabel* progressText_ = nullptr;
    QPlainTextEdit* report_ = nullptr;
    QPushButton* commitButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
};

}  // namespace shardscape
