#pragma once
// Capacity over time for one table or index: consumed RCU and WCU against the provisioned
// (or auto-scaled, or on-demand ceiling) capacity as lines, throttled requests per second as
// bars on the right axis, split by kind when the source tells them apart: a hot partition
// (KeyRangeThroughputExceeded) below, the table's capacity (ProvisionedThroughputExceeded,
// ...) stacked above, each in its colour with a legend entry ("throttled: hot partition",
// "throttled: table capacity"). Shows any ResourceReport (a
// simulation run or live traffic).

#include <qcustomplot.h>

#include "capacity/simulation_report.h"

namespace shardscape {

class CapacityChart : public QCustomPlot {
    Q_OBJECT
  public:
    explicit CapacityChart(QWidget* parent = nullptr);

    void setResource(const ResourceReport& resource);
    // Which unit's lines show (both by default).
    void setDimensionsShown(bool read, bool write);
    // Fixed axis ends (compare mode); 0 = fit the data.
    void setValueRanges(double unitsUpper, double throttledUpper);
    double unitsUpper() const { return yAxis->range().upper; }
    double throttledUpper() const { return yAxis2->range().upper; }
    void setTitle(const QString& title);
    void setCurrentSecond(int second);
    int currentSecond() const { return currentSecond_; }

    QCPGraph* consumedRead() const { return consumedRead_; }
    QCPGraph* consumedWrite() const { return consumedWrite_; }
    QCPGraph* capacityRead() const { return capacityRead_; }
    QCPGraph* capacityWrite() const { return capacityWrite_; }
    // Every throttled request a second (drawn when the kinds are not known).
    QCPBars* throttled() const { return throttled_; }
    // The throttles by kind, drawn stacked when showsKinds().
    QCPBars* throttledHotPartition() const { return throttledHot_; }
    QCPBars* throttledTableCapacity() const { return throttledTable_; }
    bool showsKinds() const { return showsKinds_; }

    // The data's own maxima (for shared scales).
    double dataUnitsMax() const { return dataUnitsMax_; }
    double dataThrottledMax() const { return dataThrottledMax_; }

  private:
    void fitRanges();

    QCPTextElement* title_ = nullptr;
    QCPGraph* consumedRead_ = nullptr;
    QCPGraph* consumedWrite_ = nullptr;
    QCPGraph* capacityRead_ = nullptr;
    QCPGraph* capacityWrite_ = nullptr;
    QCPBars* throttled_ = nullptr;
    QCPBars* throttledHot_ = nullptr;
    QCPBars* throttledTable_ = nullptr;
    bool showsKinds_ = false;
    QCPItemStraightLine* cursor_ = nullptr;
    int currentSecond_ = -1;
    int seconds_ = 0;
    double dataUnitsMax_ = 0, dataThrottledMax_ = 0;
    double fixedUnits_ = 0, fixedThrottled_ = 0;
};

}  // namespace shardscape
