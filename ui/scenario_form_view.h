#pragma once
// The form that builds a scenario: the table (billing mode, capacity, items) and its
// workload streams (operation, rate, key distribution, write sharding). Holds no rules: it
// edits a ScenarioForm (core/scenario_form.h), which turns it into scenario JSON.

#include <QWidget>

#include "classroom/scenario_form.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace shardscape {

class ScenarioFormView : public QWidget {
    Q_OBJECT
  public:
    explicit ScenarioFormView(QWidget* parent = nullptr);

    void setForm(const ScenarioForm& form);
    ScenarioForm form() const;
    QTableWidget* streamTable() const { return streams_; }
    QComboBox* billingChoice() const { return billing_; }
    QDoubleSpinBox* writeUnits() const { return writeUnits_; }
    QDoubleSpinBox* duration() const { return duration_; }

  private:
    void addStream(const StreamForm& stream);
    void updateCapacityEnabled();

    QLineEdit* name_ = nullptr;
    QLineEdit* table_ = nullptr;
    QDoubleSpinBox* duration_ = nullptr;
    QComboBox* billing_ = nullptr;
    QDoubleSpinBox* readUnits_ = nullptr;
    QDoubleSpinBox* writeUnits_ = nullptr;
    QDoubleSpinBox* itemCount_ = nullptr;
    QDoubleSpinBox* itemSize_ = nullptr;
    QTableWidget* streams_ = nullptr;
    ScenarioForm base_;  // members the form does not show (keys, prefixes) are kept
};

}  // namespace shardscape
