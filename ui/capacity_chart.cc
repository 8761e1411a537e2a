#include "capacity_chart.h"

#include <algorithm>

#include "throttle_colors.h"

namespace shardscape {

namespace {

QVector<double> values(const std::vector<float>& series) {
    return QVector<double>(series.begin(), series.end());
}

double maximum(const std::vector<float>& series) {
    return series.empty() ? 0.0 : *std::max_element(series.begin(), series.end());
}

// A round axis end a little above `value`.
double niceUpper(double value) {
    if (value <= 0) return 1;
    const double padded = value * 1.1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(padded)));
    for (double step : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (step * magnitude >= padded) return step * magnitude;
    return 10 * magnitude;
}

}  // namespace

CapacityChart::CapacityChart(QWidget* parent) : QCustomPlot(parent) {
    setObjectName("capacityChart");
    setMinimumSize(320, 180);
    xAxis->setLabel(tr("time (s)"));
    yAxis->setLabel(tr("capacity units / s"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("throttled req. / s"));
    // The right axis reads in the bars' colour.
    const QColor throttleText("#b02418");
    yAxis2->setLabelColor(throttleText);
    yAxis2->setTickLabelColor(throttleText);
    yAxis2->setBasePen(QPen(throttleText));
    yAxis2->setTickPen(QPen(throttleText));
    yAxis2->setSubTickPen(QPen(throttleText));

    throttled_ = new QCPBars(xAxis, yAxis2);
    throttled_->setName(tr("throttled requests"));
    throttled_->setPen(Qt::NoPen);
    throttled_->setBrush(QColor(215, 48, 31, 150));
    throttled_->setWidth(1);
    // By kind: the table's capacity stacked on a hot partition's.
    auto kindBars = [this](ThrottleKind kind) {
        auto* bars = new QCPBars(xAxis, yAxis2);
        QColor color = throttleKindColor(kind);
        bars->setPen(Qt::NoPen);
        color.setAlpha(170);
        bars->setBrush(color);
        bars->setWidth(1);
        bars->setVisible(false);
        bars->removeFromLegend();
        return bars;
    };
    throttledHot_ = kindBars(ThrottleKind::HotPartition);
    throttledTable_ = kindBars(ThrottleKind::TableCapacity);
    throttledTable_->moveAbove(throttledHot_);

    auto line = [this](const QString& name, const QColor& color, Qt::PenStyle style, double width) {
        QCPGraph* graph = addGraph(xAxis, yAxis);
        graph->setName(name);
        graph->setPen(QPen(color, width, style));
        return graph;
    };
    consumedWrite_ = line(tr("consumed WCU"), QColor("#1f5fa8"), Qt::SolidLine, 1.6);
    capacityWrite_ = line(tr("write capacity"), QColor("#1f5fa8"), Qt::DashLine, 1.6);
    consumedRead_ = line(tr("consumed RCU"), QColor("#2e8b3e"), Qt::SolidLine, 1.6);
    capacityRead_ = line(tr("read capacity"), QColor("#2e8b3e"), Qt::DashLine, 1.6);
    capacityWrite_->setLineStyle(QCPGraph::lsStepLeft);
    capacityRead_->setLineStyle(QCPGraph::lsStepLeft);

    // Title row, then the legend row above the axes.
    title_ = new QCPTextElement(this, QString(),
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    legend->setVisible(true);
    axisRect()->insetLayout()->take(legend);
    legend->setBorderPen(Qt::NoPen);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title_);
    plotLayout()->insertRow(1);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowStretchFactor(1, 0.001);

    cursor_ = new QCPItemStraightLine(this);
    cursor_->setPen(QPen(QColor(20, 20, 20), 1.5, Qt::DashLine));
    cursor_->setVisible(false);
}

void CapacityChart::setTitle(const QString& title) {
    title_->setText(title);
    replot();
}

void CapacityChart::setResource(const ResourceReport& resource) {
    seconds_ = static_cast<int>(resource.consumedWrite.size());
    QVector<double> keys(seconds_);
    for (int s = 0; s < seconds_; ++s) keys[s] = s;
    consumedRead_->setData(keys, values(resource.consumedRead), true);
    consumedWrite_->setData(keys, values(resource.consumedWrite), true);
    capacityRead_->setData(keys, values(resource.capacityRead), true);
    capacityWrite_->setData(keys, values(resource.capacityWrite), true);
    throttled_->setData(keys, values(resource.throttledRequests), true);
    // The kinds, when the source tells them apart.
    showsKinds_ = !resource.throttledKeyRange.empty() &&
                  resource.throttledKeyRange.size() == resource.throttledRequests.size();
    QVector<double> hot(showsKinds_ ? seconds_ : 0), table(showsKinds_ ? seconds_ : 0);
    for (int s = 0; showsKinds_ && s < seconds_; ++s) {
        const auto i = static_cast<size_t>(s);
        hot[s] = std::min(resource.throttledKeyRange[i], resource.throttledRequests[i]);
        table[s] = std::max(0.0, double(resource.throttledRequests[i]) - hot[s]);
    }
    throttledHot_->setData(showsKinds_ ? keys : QVector<double>(), hot, true);
    throttledTable_->setData(showsKinds_ ? keys : QVector<double>(), table, true);
    // Short names, so the legend fits beside the lines in the compare view; the heat map's
    // legend and hover text name the ThrottlingReason limit types.
    throttledHot_->setName(tr("throttled: %1").arg(throttleKindName(ThrottleKind::HotPartition)));
    throttledTable_->setName(
        tr("throttled: %1").arg(throttleKindName(ThrottleKind::TableCapacity)));
    throttled_->setVisible(!showsKinds_);
    throttledHot_->setVisible(showsKinds_);
    throttledTable_->setVisible(showsKinds_);
    for (QCPBars* bars : {throttled_, throttledHot_, throttledTable_}) {
        bars->removeFromLegend();
        if (bars->visible()) bars->addToLegend();
    }
    const bool onDemand = resource.mode == BillingMode::PayPerRequest;
    capacityWrite_->setName(onDemand ? tr("on-demand ceiling (WCU)") : tr("write capacity (WCU)"));
    capacityRead_->setName(onDemand ? tr("on-demand ceiling (RCU)") : tr("read capacity (RCU)"));
    dataUnitsMax_ = 0;
    if (consumedWrite_->visible())
        dataUnitsMax_ =
            std::max({maximum(resource.consumedWrite), maximum(resource.capacityWrite)});
    if (consumedRead_->visible())
        dataUnitsMax_ = std::max(
            {dataUnitsMax_, maximum(resource.consumedRead), maximum(resource.capacityRead)});
    dataThrottledMax_ = maximum(resource.throttledRequests);
    fitRanges();
}

void CapacityChart::setDimensionsShown(bool read, bool write) {
    for (QCPGraph* graph : {consumedRead_, capacityRead_}) {
        graph->setVisible(read);
        if (read)
            graph->addToLegend();
        else
            graph->removeFromLegend();
    }
    for (QCPGraph* graph : {consumedWrite_, capacityWrite_}) {
        graph->setVisible(write);
        if (write)
            graph->addToLegend();
        else
            graph->removeFromLegend();
    }
    // Recompute the maxima over what shows.
    dataUnitsMax_ = 0;
    for (QCPGraph* graph : {consumedRead_, capacityRead_, consumedWrite_, capacityWrite_}) {
        if (!graph->visible()) continue;
        bool found = false;
        const QCPRange range = graph->data()->valueRange(found);
        if (found) dataUnitsMax_ = std::max(dataUnitsMax_, range.upper);
    }
    fitRanges();
}

void CapacityChart::setValueRanges(double unitsUpper, double throttledUpper) {
    fixedUnits_ = unitsUpper;
    fixedThrottled_ = throttledUpper;
    fitRanges();
}

void CapacityChart::fitRanges() {
    xAxis->setRange(0, std::max(1, seconds_));
    yAxis->setRange(0, fixedUnits_ > 0 ? fixedUnits_ : niceUpper(dataUnitsMax_));
    yAxis2->setRange(0, fixedThrottled_ > 0 ? fixedThrottled_ : niceUpper(dataThrottledMax_));
    replot();
}

void CapacityChart::setCurrentSecond(int second) {
    currentSecond_ = second;
    cursor_->setVisible(second >= 0);
    cursor_->point1->setCoords(second, 0);
    cursor_->point2->setCoords(second, 1);
    replot();
}

}  // namespace shardscape
