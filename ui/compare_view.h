#pragma once
// Compare mode: two scenarios (e.g. hot-key vs write-sharding) run side by side, each with
// its heat map and capacity chart on the same scales.

#include <QWidget>
#include <memory>
#include <optional>

#include "model/model.h"

#include "capacity/simulation_report.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace shardscape {

class SimulationResultsView;
class SimulationRunner;

class CompareView : public QWidget {
    Q_OBJECT
  public:
    explicit CompareView(QWidget* parent = nullptr);

    // Lists `directory`/scenarios; picks hot-key and write-sharding when present.
    void setBundledDirectory(const QString& directory);
    // Adds "Model: TABLE" entries: each table's access patterns as a scenario
    // (core/scenario_form.h).
    void setModel(const Model& model);
    // Chooses the scenario file of each side (adding it to the lists if needed).
    void setScenarios(const QString& left, const QString& right);
    // Chooses an entry of each side by its text; false if either is missing.
    bool chooseByText(const QString& left, const QString& right);
    // Runs both; compared() fires when both are done, failed() on an error.
    void run();

    SimulationResultsView* left() const { return views_[0]; }
    SimulationResultsView* right() const { return views_[1]; }
    QComboBox* leftChoice() const { return choices_[0]; }
    QComboBox* rightChoice() const { return choices_[1]; }
    QPushButton* runButton() const { return run_; }
    QLabel* statusLabel() const { return status_; }

  signals:
    void compared();
    void failed(const QString& message);

  private:
    void select(int side, const QString& path);
    void done();

    std::optional<Model> model_;
    QComboBox* choices_[2] = {};
    SimulationResultsView* views_[2] = {};
    SimulationRunner* runners_[2] = {};
    std::shared_ptr<const SimulationReport> reports_[2];
    double itemCounts_[2] = {};
    int pending_ = 0;
    QPushButton* run_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace shardscape
