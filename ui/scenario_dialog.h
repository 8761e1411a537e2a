#pragma once
// Adds or edits a model scenario built from the access patterns' rates (core's
// model_scenario_form.h): name, description, duration, a rate multiplier, and for each
// ticked pattern the rate's shape over the run (constant, spikes, ramp, daily cycle) with
// its peak, the key distribution (the model's, uniform, Zipf, hot key) and write sharding.
// Core checks it as the user edits; OK saves it in the model as one undoable edit, and
// "Save and run" also asks the Simulation view to run it (runRequested).

#include <QDialog>

#include "base/result.h"
#include "model/model.h"

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

class ScenarioDialog : public QDialog {
    Q_OBJECT
  public:
    // `scenario` empty: a new scenario.
    ScenarioDialog(DesignDocument* document, const QString& scenario, QWidget* parent = nullptr);

    // Columns of the pattern table; each cell holds an editor widget.
    enum Column { Pattern, Rate, Shape, Peak, Keys, KeyCount, Skew, Shards, ColumnCount };

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

    // The scenario JSON the form describes, or why it cannot be one.
    Result<OrderedJson> scenario() const;

  signals:
    // The scenario was saved and should run in the Simulation view.
    void runRequested(const QString& scenario);

  private:
    void validate();
    bool apply();

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
};

}  // namespace shardscape
