#pragma once
// The rate of one access pattern over a scenario's run, as the scenario editor's "Rate…"
// button shows it: the shape (constant, spikes, ramp, daily cycle) and all its fields, as
// multiples of the pattern's rate and in seconds. Spikes are a list: add, remove, and edit
// each one's start, duration and peak. It edits a copy of the pattern's form
// (core's model_scenario_form.h); a check the scenario editor provides runs as the user
// types, its message shown inline, and OK stays off while it fails.

#include <QDialog>
#include <functional>

#include "base/result.h"
#include "model/model_scenario_form.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace shardscape {

class RateShapeDialog : public QDialog {
    Q_OBJECT
  public:
    using Check = std::function<Status(const ModelScenarioPatternForm&)>;
    // `rate`: the pattern's requests per second the multiples apply to; `duration`: the run's.
    RateShapeDialog(const ModelScenarioPatternForm& form, double rate, double duration, Check check,
                    QWidget* parent = nullptr);

    const ModelScenarioPatternForm& form() const { return form_; }

    enum SpikeColumn { SpikeStart, SpikeDuration, SpikePeak, SpikeColumnCount };
    QComboBox* shapeChoice() const { return shape_; }
    QDoubleSpinBox* baseSpin() const { return base_; }
    QDoubleSpinBox* peakSpin() const { return peak_; }
    QDoubleSpinBox* startSpin() const { return start_; }
    QDoubleSpinBox* endSpin() const { return end_; }
    QDoubleSpinBox* periodSpin() const { return period_; }
    QDoubleSpinBox* phaseSpin() const { return phase_; }
    QTableWidget* spikeTable() const { return spikes_; }
    QDoubleSpinBox* spikeCell(int row, SpikeColumn column) const;
    QPushButton* addSpikeButton() const { return addSpike_; }
    QPushButton* removeSpikeButton() const { return removeSpike_; }
    QLabel* messageLabel() const { return message_; }
    QLabel* summaryLabel() const { return summary_; }
    QPushButton* okButton() const { return ok_; }

  private:
    void showShape();
    void fillSpikes();
    void validate();

    ModelScenarioPatternForm form_;
    double rate_;
    double duration_;
    Check check_;
    QComboBox* shape_ = nullptr;
    QLabel* baseLabel_ = nullptr;
    QDoubleSpinBox* base_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QLabel* peakLabel_ = nullptr;
    QDoubleSpinBox* peak_ = nullptr;
    QDoubleSpinBox* start_ = nullptr;
    QDoubleSpinBox* end_ = nullptr;
    QDoubleSpinBox* period_ = nullptr;
    QDoubleSpinBox* phase_ = nullptr;
    QTableWidget* spikes_ = nullptr;
    QPushButton* addSpike_ = nullptr;
    QPushButton* removeSpike_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* message_ = nullptr;
    QPushButton* ok_ = nullptr;
};

// "constant ×1", "3 spikes, up to ×8", "ramp ×1 → ×2", "daily ×0.6 – ×2": the shape in a few
// words, for the scenario editor's button.
QString rateShapeSummary(const ModelScenarioPatternForm& form);

}  // namespace shardscape
