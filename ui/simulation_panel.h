#pragma once
// The simulation panel: choose a bundled scenario, one of the loaded model's scenarios, or
// build one from the model's access patterns in a form; run it off the GUI thread with
// progress and cancel; explore the result (heat map, capacity, time slider).

#include <QWidget>
#include <memory>
#include <optional>

#include "capacity/simulation_report.h"
#include "model/model.h"
#include "simulation/scenario.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;

namespace shardscape {

class ScenarioFormView;
class SimulationResultsView;
class SimulationRunner;

class SimulationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SimulationPanel(QWidget* parent = nullptr);

    // Lists the scenarios of `directory`/scenarios (bundled data).
    void setBundledDirectory(const QString& directory);
    // Lists the model's scenarios and a "from access patterns" entry per table.
    void setModel(const Model& model);
    // Reads a model file and calls setModel; returns an error message or "".
    QString loadModelFile(const QString& path);

    // Sources in the chooser (display names), and choosing one by index or scenario file.
    QStringList sources() const;
    bool chooseSource(int index);
    bool chooseScenarioFile(const QString& path);
    // The loaded model's first scenario, else its first table's access patterns, else the
    // bundled hot-key scenario (else the first source).
    void chooseDefaultSource();

    // The scenario of the current source (a bundled file, or the form).
    Result<Scenario> currentScenario() const;
    // Starts the current source; false (and failed()) when it does not parse.
    bool run();
    void cancel();
    bool running() const;

    // "simulation" (setup and results), "heatmap" or "capacity" (results only).
    void showPage(const QString& page);

    SimulationResultsView* results() const { return results_; }
    ScenarioFormView* formView() const { return form_; }
    SimulationRunner* runner() const { return runner_; }
    QComboBox* sourceChoice() const { return source_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }

  signals:
    void finished();
    void failed(const QString& message);

  private:
    struct Source {
        QString label;
        QString file;                      // a scenario JSON file, or
        std::optional<int> modelScenario;  // a model scenario, or
        QString modelTable;                // a model table's access patterns, or neither: custom
    };
    void sourceChanged(int index);
    void setRunning(bool running);

    std::vector<Source> sources_;
    std::optional<Model> model_;
    double itemCount_ = 0;
    QComboBox* source_ = nullptr;
    QLabel* description_ = nullptr;
    ScenarioFormView* form_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    SimulationResultsView* results_ = nullptr;
    SimulationRunner* runner_ = nullptr;
    QSplitter* splitter_ = nullptr;
    QWidget* setup_ = nullptr;
    QString bundledDirectory_;
};

}  // namespace shardscape
