#include "heat_map_view.h"

#include <QToolTip>
#include <cmath>

#include "throttle_colors.h"

namespace shardscape {

namespace {

QCPColorGradient shareGradient(double upper) {
    // Pale at idle, green, yellow, orange, red at the limit (share 1), dark red beyond.
    QCPColorGradient gradient;
    gradient.clearColorStops();
    auto at = [upper](double share) { return std::min(1.0, share / upper); };
    gradient.setColorStopAt(0, QColor("#f4f7f2"));
    gradient.setColorStopAt(at(0.3), QColor("#a6d96a"));
    gradient.setColorStopAt(at(0.6), QColor("#fee08b"));
    gradient.setColorStopAt(at(0.85), QColor("#fdae61"));
    gradient.setColorStopAt(at(1.0), QColor("#d7301f"));
    if (upper > 1) gradient.setColorStopAt(1, QColor("#67000d"));
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

// The throttle layer's values: one colour each (three levels, so no blend between them).
constexpr double kHotMark = 0;
constexpr double kUnknownMark = 0.5;
constexpr double kTableMark = 1;

}  // namespace

QColor HeatMapView::throttleColor() {
    return throttleUnknownColor();
}

HeatMapView::HeatMapView(QWidget* parent) : QCustomPlot(parent) {
    setObjectName("heatMapView");
    setMouseTracking(true);
    setMinimumSize(320, 180);

    xAxis->setLabel(tr("time (s)"));
    yAxis->setLabel(tr("partition (hash order)"));
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    // Where a partition did not exist (before its split or after it) the cells are
    // transparent over a hatched grey.
    axisRect()->setBackground(QBrush(QColor(200, 200, 200), Qt::BDiagPattern));

    shares_ = new QCPColorMap(xAxis, yAxis);
    shares_->setName(tr("consumed share"));
    shares_->setInterpolate(false);
    shares_->setTightBoundary(false);
    throttles_ = new QCPColorMap(xAxis, yAxis);
    throttles_->setName(tr("throttled"));
    throttles_->setInterpolate(false);
    throttles_->setTightBoundary(false);
    QCPColorGradient kinds;
    kinds.clearColorStops();
    kinds.setColorStopAt(kHotMark, hotPartitionColor());
    kinds.setColorStopAt(kUnknownMark, throttleColor());
    kinds.setColorStopAt(kTableMark, tableCapacityColor());
    kinds.setLevelCount(3);
    kinds.setNanHandling(QCPColorGradient::nhTransparent);
    throttles_->setGradient(kinds);
    throttles_->setDataRange(QCPRange(0, 1));

    scale_ = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->axis()->setLabel(tr("consumed / partition limit"));
    scale_->setBarWidth(12);
    shares_->setColorScale(scale_);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    // Legend row under the title: the throttle colours.
    auto swatch = [this](const QColor& color) {
        QCPGraph* graph = addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, color, color, 10));
        return graph;
    };
    throttleLegend_ = swatch(throttleColor());
    throttleLegend_->setName(tr("throttled that second (strip under the cell)"));
    hotLegend_ = swatch(hotPartitionColor());
    tableLegend_ = swatch(tableCapacityColor());
    // Title row, then the legend (the throttle swatch) above the map.
    title_ = new QCPTextElement(this, QString(),
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    // One entry a row: the two kinds' names are too long to sit side by side.
    legend->setWrap(1);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title_);
    plotLayout()->insertRow(1);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowStretchFactor(1, 0.001);
    // Only the throttle swatches are legend entries.
    legend->removeItem(legend->itemWithPlottable(shares_));
    legend->removeItem(legend->itemWithPlottable(throttles_));
    hotLegend_->removeFromLegend();
    tableLegend_->removeFromLegend();

    cursor_ = new QCPItemStraightLine(this);
    cursor_->setPen(QPen(QColor(20, 20, 20), 1.5, Qt::DashLine));
    cursor_->setVisible(false);
    setShareRange(shareUpper_);
}

void HeatMapView::setTitle(const QString& title) {
    title_->setText(title);
    replot();
}

void HeatMapView::setShareRange(double upper) {
    shareUpper_ = std::max(0.1, upper);
    shares_->setGradient(shareGradient(shareUpper_));
    shares_->setDataRange(QCPRange(0, shareUpper_));
    replot();
}

void HeatMapView::setHeatMap(HeatMapData data, std::vector<std::vector<HotKey>> keysPerRow) {
    data_ = std::move(data);
    keys_ = std::move(keysPerRow);
    rebuild();
}

const std::vector<HotKey>& HeatMapView::keysOfRow(int row) const {
    static const std::vector<HotKey> none;
    return row >= 0 && row < static_cast<int>(keys_.size()) ? keys_[static_cast<size_t>(row)]
                                                            : none;
}

void HeatMapView::rebuild() {
    const int seconds = std::max(1, data_.seconds());
    const int rows = std::max(1, data_.rowCount());
    QCPColorMapData* shares = shares_->data();
    QCPColorMapData* throttles = throttles_->data();
    shares->setSize(seconds, rows);
    // The throttle layer has three sub-rows per partition and marks only the lowest, so a
    // throttled cell keeps its share colour above a strip in the throttle colour. With many
    // partitions a row is a pixel or two high: the whole cell is marked.
    subRows_ = rows <= 64 ? 3 : 1;
    throttles->setSize(seconds, rows * subRows_);
    // A dimension of one cell gets the cell's full extent as its range (a range of one point
    // would draw it zero wide: one partition, or the first second of a live recording).
    const QCPRange keyRange = seconds == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, seconds - 1);
    const QCPRange valueRange = rows == 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, rows - 1);
    shares->setRange(keyRange, valueRange);
    const double edge = subRows_ == 3 ? 1.0 / 3 : 0;
    throttles->setRange(keyRange, QCPRange(-edge, rows - 1 + edge));
    // Empty (NaN) cells are transparent: before or after a partition, and every unmarked
    // cell of the throttle layer.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    shares->fill(nan);
    throttles->fill(nan);
    for (int r = 0; r < data_.rowCount(); ++r) {
        const HeatMapRow& row = data_.rows()[static_cast<size_t>(r)];
        const int end = row.endSecond < 0 ? data_.seconds() : std::min(row.endSecond, seconds);
        for (int s = std::max(0, row.firstSecond); s < end; ++s) {
            shares->setCell(s, r, std::min<double>(data_.share(r, s), 1e6));
            const float throttled = data_.throttled(r, s);
            if (throttled <= 0) continue;
            double mark = kUnknownMark;
            if (data_.knowsReasons())
                mark = data_.throttledKeyRange(r, s) * 2 >= throttled ? kHotMark : kTableMark;
            throttles->setCell(s, r * subRows_, mark);
        }
    }
    // The legend names the kinds when the source tells them apart.
    const bool kinds = data_.knowsReasons();
    for (QCPGraph* graph : {throttleLegend_, hotLegend_, tableLegend_}) graph->removeFromLegend();
    if (kinds) {
        hotLegend_->setName(tr("throttled: %1")
                                .arg(QString::fromStdString(
                                    throttleKindLabel(ThrottleKind::HotPartition, data_.mode()))));
        tableLegend_->setName(tr("throttled: %1")
                                  .arg(QString::fromStdString(throttleKindLabel(
                                      ThrottleKind::TableCapacity, data_.mode()))));
        hotLegend_->addToLegend();
        tableLegend_->addToLegend();
    } else {
        throttleLegend_->addToLegend();
    }
    shares_->setDataRange(QCPRange(0, shareUpper_));
    xAxis->setRange(-0.5, seconds - 0.5);
    yAxis->setRange(-0.5, rows - 0.5);
    updateRowTicks();
    scale_->axis()->setLabel(
        data_.empty() ? tr("consumed / partition limit")
                      : tr("consumed %1 / partition limit").arg(unitName(data_.dimension())));
    replot();
}

bool HeatMapView::throttleMarked(int row, int second) const {
    return !std::isnan(throttles_->data()->cell(second, row * subRows_));
}

std::optional<ThrottleKind> HeatMapView::markedKind(int row, int second) const {
    const double mark = throttles_->data()->cell(second, row * subRows_);
    if (mark == kHotMark) return ThrottleKind::HotPartition;
    if (mark == kTableMark) return ThrottleKind::TableCapacity;
    return std::nullopt;
}

QStringList HeatMapView::legendNames() const {
    QStringList out;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            out << item->plottable()->name();
    return out;
}

void HeatMapView::updateRowTicks() {
    // Up to 32 partitions: ticks on rows, labelled with the partition ids, as many as fit.
    const int rows = data_.rowCount();
    if (rows > 0 && rows <= 32) {
        const int room =
            std::max(40, axisRect()->height() > 0 ? axisRect()->height() : height() - 120);
        const int lineHeight = QFontMetrics(yAxis->tickLabelFont()).height() + 2;
        const int step = std::max(1, (rows * lineHeight + room - 1) / room);
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (int r = 0; r < rows; r += step)
            ticker->addTick(r, QString("P%1").arg(data_.rows()[static_cast<size_t>(r)].id));
        yAxis->setTicker(ticker);
        yAxis->setLabel(tr("partition (hash order)"));
    } else {
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setLabel(tr("partition row (hash order)"));
    }
}

void HeatMapView::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);
    updateRowTicks();
    replot();
}

void HeatMapView::setCurrentSecond(int second) {
    currentSecond_ = second;
    cursor_->setVisible(second >= 0);
    cursor_->point1->setCoords(second, 0);
    cursor_->point2->setCoords(second, 1);
    replot();
}

bool HeatMapView::cellAt(const QPoint& position, int* row, int* second) const {
    if (data_.empty() || !axisRect()->rect().contains(position)) return false;
    const double key = xAxis->pixelToCoord(position.x());
    const double value = yAxis->pixelToCoord(position.y());
    const int s = static_cast<int>(std::lround(key));
    const int r = static_cast<int>(std::lround(value));
    if (s < 0 || s >= data_.seconds() || r < 0 || r >= data_.rowCount()) return false;
    *row = r;
    *second = s;
    return true;
}

QPoint HeatMapView::cellCenter(int row, int second) const {
    return QPoint(static_cast<int>(std::lround(xAxis->coordToPixel(second))),
                  static_cast<int>(std::lround(yAxis->coordToPixel(row))));
}

void HeatMapView::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    int row = 0, second = 0;
    if (!cellAt(event->pos(), &row, &second)) {
        QToolTip::hideText();
        return;
    }
    hoverText_ = QString::fromStdString(describeCell(data_, row, second, keysOfRow(row)));
    QToolTip::showText(event->globalPosition().toPoint(), hoverText_, this);
    emit cellHovered(row, second, hoverText_);
}

void HeatMapView::mousePressEvent(QMouseEvent* event) {
    QCustomPlot::mousePressEvent(event);
    int row = 0, second = 0;
    if (event->button() == Qt::LeftButton && cellAt(event->pos(), &row, &second))
        emit partitionClicked(row, second);
}

}  // namespace shardscape
