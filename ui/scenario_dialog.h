#pragma once
// Adds or edits a model scenario built from the access patterns' rates (core's
// model_scenario_form.h): name, description, duration, a rate multiplier, and for each
// ticked pattern the rate's shape over the run (constant, spikes, ramp, daily cycle) with
// its peak, every field of the shape under "Rate…" (RateShapeDialog: a list of spikes, a
// ramp's start and end, a daily cycle's period and phase), the key distribution (the
// model's, uniform, Zipf, hot key, time-ordered) and write sharding. A value the user does
// not touch keeps its exact value, and members the form does not show are kept, so a
// hand-written scenario saved unchanged stays the same JSON. Core checks it as the user
// edits; OK saves it in the model as one undoable edit, and "Save and run" also asks the
// Simulation view to run it (runRequested).

#include <QDialog>
#include <functional>
#include <vector>

#include "base/result.h"
#include "model/model.h"
#include "model/model_scenario_form.h"

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace shardscape {

class DesignDocument;
class RateShapeDialog;

class ScenarioDialog : public QDialog {
    Q_OBJECT
  public:
    // `scenario` empty: a new scenario.
    ScenarioDialog(DesignDocument* document, const QString& scenario, QWidget* parent = nullptr);

    // Columns of the pattern table; each cell holds an editor widget.
    // Peak: a ramp's end, a daily cycle's peak, the one spike's (off with several spikes);
    // Curve: the "Rate…" button that edits the whole shape; KeyCount: a time-ordered
    // distribution's bucket seconds.
    enum Column { Pattern, Rate, Shape, Peak, Curve, Keys, KeyCount, Skew, Shards, ColumnCount };

    QLineEdit* nameEdit() const { return name_; }
    QLineEdit* descriptionEdit() const { return description_; }
    QDoubleSpinBox* durationSpin() const { return duration_; }
    QDoubleSpinBox* multiplierSpin() const { return multiplier_; }
    QTableWidget* patternTable() const { return patterns_; }
    // The row of a pattern, or -1.
    int rowOf(const QString& pattern) const;
    QWidget* cell(int row, Column column) const;
    QLabel* messageLabel() const { return message_; }
    QPushButton* okButton() const;
    QPushButton* runButton() const { return run_; }

    // Opens the rate of the pattern in `row` (what its "Rate…" button does); OK puts the
    // shape back into the row.
    RateShapeDialog* editRate(int row);
    // The row's pattern as the form holds it.
    const ModelScenarioPatternForm& rowForm(int row) const {
        return rows_[static_cast<size_t>(row)];
    }

    // The scenario JSON the form describes, or why it cannot be one.
    Result<OrderedJson> scenario() const;

  signals:
    // The scenario was saved and should run in the Simulation view.
    void runRequested(const QString& scenario);

  private:
    void validate();
    bool apply();
    // The form with the ticked rows, `replaced` standing in for its row when given.
    ModelScenarioForm form(int row = -1, const ModelScenarioPatternForm* replaced = nullptr) const;
    // The row's widgets show rows_[row] (after the rate dialog).
    void showRow(int row);
    double rateOf(int row) const;

    DesignDocument* document_;
    QString original_;
    QLineEdit* name_ = nullptr;
    QLineEdit* description_ = nullptr;
    QDoubleSpinBox* duration_ = nullptr;
    QDoubleSpinBox* multiplier_ = nullptr;
    QTableWidget* patterns_ = nullptr;
    QLabel* message_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QPushButton* run_ = nullptr;
    // The ticked patterns in the order the scenario runs them: as saved, then as ticked.
    QStringList order_;
    // Each row's pattern form and the scenario's duration and multiplier, written as the
    // widgets change, so a value left alone keeps its exact value.
    std::vector<ModelScenarioPatternForm> rows_;
    double durationValue_ = 600;
    std::vector<std::function<void()>> refresh_;  // each row's enabled cells
    double multiplierValue_ = 1;
};

}  // namespace shardscape
