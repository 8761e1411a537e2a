#pragma once
// One simulation run's results: the partition heat map (read or write) with its drill-down,
// the capacity chart, a table/index choice, and a time slider that marks the current second
// on both and shows that second's figures. Tabs (heat map | capacity) or both stacked.

#include <QWidget>
#include <memory>

#include "capacity/heat_map_data.h"
#include "capacity/simulation_report.h"

class QComboBox;
class QLabel;
class QSlider;
class QTabWidget;
class QRadioButton;

namespace shardscape {

class HeatMapView;
class CapacityChart;
class PartitionKeysView;
class AppliedRulesList;

class SimulationResultsView : public QWidget {
    Q_OBJECT
  public:
    enum class Layout { Tabs, Stacked };
    explicit SimulationResultsView(Layout layout = Layout::Tabs, QWidget* parent = nullptr);

    // `itemCount`: the table's items (spread over the partitions for the hover text).
    void setReport(std::shared_ptr<const SimulationReport> report, double itemCount);
    std::shared_ptr<const SimulationReport> report() const { return report_; }

    void setResource(int resource);
    int resource() const { return resource_; }
    void setDimension(CapacityDimension dimension);
    CapacityDimension dimension() const { return dimension_; }
    void setSecond(int second);
    int second() const;
    // "heatmap", "capacity" or "rules" (Tabs layout).
    void showPage(const QString& page);

    HeatMapView* heatMap() const { return heatMap_; }
    CapacityChart* capacityChart() const { return chart_; }
    PartitionKeysView* keysView() const { return keys_; }
    QSlider* timeSlider() const { return slider_; }
    QLabel* secondFigures() const { return figures_; }
    QComboBox* resourceChoice() const { return resources_; }
    QRadioButton* readButton() const { return read_; }
    QRadioButton* writeButton() const { return write_; }
    QTabWidget* pages() const { return pages_; }
    // The rules the run applied, with their values and sources ("Rules applied" tab).
    AppliedRulesList* rulesList() const { return rules_; }

    QByteArray heatMapCsv() const;

  signals:
    void secondChanged(int second);

  private:
    void refresh();
    void showKeys(int row);

    std::shared_ptr<const SimulationReport> report_;
    double itemCount_ = 0;
    bool stacked_ = false;  // compare mode: one-line titles, both charts stacked
    int resource_ = 0;
    CapacityDimension dimension_ = CapacityDimension::Write;
    QComboBox* resources_ = nullptr;
    QRadioButton* read_ = nullptr;
    QRadioButton* write_ = nullptr;
    QTabWidget* pages_ = nullptr;
    HeatMapView* heatMap_ = nullptr;
    CapacityChart* chart_ = nullptr;
    PartitionKeysView* keys_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* figures_ = nullptr;
    AppliedRulesList* rules_ = nullptr;
};

}  // namespace shardscape
