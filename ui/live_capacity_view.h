#pragma once
// Live mode ("Live" tab): with capacity enforcement on (Record or Enforce), the requests the
// engine serves — from the query builder, or from SDKs through the local endpoint — light up
// the partition heat map and the capacity chart, refreshed every second from the table's
// capacity meter as the current backend reports it (Backend::capacityRecording, shaped by
// core/live_capacity.h). A backend without live metering (a remote) says so instead.

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QTimer;

namespace shardscape {
class TableListModel;
class HeatMapView;
class CapacityChart;

class LiveCapacityView : public QWidget {
    Q_OBJECT
  public:
    explicit LiveCapacityView(TableListModel* tables, QWidget* parent = nullptr);

    // Seconds shown (the last five minutes by default).
    static constexpr int kWindowSeconds = 300;

    // Re-reads the table list (done whenever it changes).
    void reloadTables();
    QComboBox* tableChooser() const { return table_; }
    QComboBox* enforcementChooser() const { return enforcement_; }
    QComboBox* dimensionChooser() const { return dimension_; }
    // The table or one of its global secondary indexes (filled from the recording).
    QComboBox* resourceChooser() const { return resource_; }
    HeatMapView* heatMap() const { return heatMap_; }
    CapacityChart* chart() const { return chart_; }
    QLabel* status() const { return status_; }
    QTimer* timer() const { return timer_; }
    // Epoch second of the heat map's and chart's column 0.
    double firstSecond() const { return firstSecond_; }

  public slots:
    // Reads the chosen table's recording again and redraws.
    void refresh();

  protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    void tableChosen();
    void enforcementChosen(int index);
    void clearResources();

    TableListModel* tables_;
    QComboBox* table_ = nullptr;
    QComboBox* enforcement_ = nullptr;
    QComboBox* dimension_ = nullptr;
    QComboBox* resource_ = nullptr;
    QLabel* status_ = nullptr;
    HeatMapView* heatMap_ = nullptr;
    CapacityChart* chart_ = nullptr;
    QTimer* timer_ = nullptr;
    double firstSecond_ = 0;
    bool updating_ = false;
};

}  // namespace shardscape
