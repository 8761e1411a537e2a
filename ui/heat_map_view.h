#pragma once
// The partition heat map: x = time (s), y = partition (hash order), colour = consumed share
// of the partition's limit (heat_map_data.h), throttled cells marked by a strip in the colour
// of their kind: a hot partition (KeyRangeThroughputExceeded) or the table's capacity
// (ProvisionedThroughputExceeded, ...), grey when the source does not tell them apart.
// Shows any HeatMapData (a simulation run or live traffic). Hovering a cell shows its
// partition, hash range, items, that second's figures and top keys; clicking it emits
// partitionClicked for a drill-down.

#include <qcustomplot.h>

#include <optional>
#include <vector>

#include "capacity/heat_map_data.h"
#include "capacity/throttle_kind.h"

namespace shardscape {

class HeatMapView : public QCustomPlot {
    Q_OBJECT
  public:
    explicit HeatMapView(QWidget* parent = nullptr);

    // `keysPerRow` (optional) lists each row's keys, heaviest first, for the hover text.
    void setHeatMap(HeatMapData data, std::vector<std::vector<HotKey>> keysPerRow = {});
    const HeatMapData& heatMap() const { return data_; }
    const std::vector<HotKey>& keysOfRow(int row) const;

    // Colour scale upper end (share of the limit); 1.5 by default, so runs compare.
    void setShareRange(double upper);
    double shareRange() const { return shareUpper_; }
    void setTitle(const QString& title);

    // Marks `second` with a vertical line (-1 hides it).
    void setCurrentSecond(int second);
    int currentSecond() const { return currentSecond_; }

    // The cell under a widget position; false outside the grid.
    bool cellAt(const QPoint& position, int* row, int* second) const;
    // Widget position of a cell's centre (for tests and keyboard use).
    QPoint cellCenter(int row, int second) const;
    // The text last shown on hover (also the tooltip).
    QString hoverText() const { return hoverText_; }

    // True when the cell carries the throttle mark.
    bool throttleMarked(int row, int second) const;
    // The kind its mark shows (most of that second's throttles); nullopt when unmarked or
    // when the source does not tell the kinds apart.
    std::optional<ThrottleKind> markedKind(int row, int second) const;
    // The legend entries that show (their names), for tests.
    QStringList legendNames() const;
    QCPColorMap* shareMap() const { return shares_; }
    QCPColorMap* throttleMap() const { return throttles_; }
    QCPColorScale* colorScale() const { return scale_; }

    // The mark of throttles whose kind is not known (throttle_colors.h has the others).
    static QColor throttleColor();

  signals:
    void cellHovered(int row, int second, const QString& text);
    void partitionClicked(int row, int second);

  protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuild();
    void updateRowTicks();

    HeatMapData data_;
    std::vector<std::vector<HotKey>> keys_;
    QCPColorMap* shares_ = nullptr;
    QCPColorMap* throttles_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPItemStraightLine* cursor_ = nullptr;
    QCPGraph* throttleLegend_ = nullptr;  // kind not known
    QCPGraph* hotLegend_ = nullptr;
    QCPGraph* tableLegend_ = nullptr;
    double shareUpper_ = 1.5;
    int subRows_ = 3;  // throttle-layer rows per partition
    int currentSecond_ = -1;
    QString hoverText_;
};

}  // namespace shardscape
