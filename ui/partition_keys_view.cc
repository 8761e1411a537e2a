#include "partition_keys_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace shardscape {

PartitionKeysView::PartitionKeysView(QWidget* parent) : QWidget(parent) {
    setObjectName("partitionKeysView");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setMinimumWidth(200);
    heading_ = new QLabel(tr("Click a partition in the heat map to list its keys."), this);
    heading_->setWordWrap(true);
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(heading_);
    keys_ = new QTreeWidget(this);
    keys_->setObjectName("partitionKeys");
    keys_->setRootIsDecorated(false);
    keys_->setAlternatingRowColors(true);
    keys_->setHeaderLabels(
        {tr("Key"), tr("Consumed units"), tr("Throttled"), tr("Requests"), tr("Stream")});
    keys_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(keys_);
}

QString PartitionKeysView::heading() const {
    return heading_->text();
}

void PartitionKeysView::clear() {
    partitionId_ = -1;
    keys_->clear();
    heading_->setText(tr("Click a partition in the heat map to list its keys."));
}

void PartitionKeysView::showPartition(const HeatMapData& data, int row,
                                      const std::vector<HotKey>& keys) {
    keys_->clear();
    if (row < 0 || row >= data.rowCount()) return clear();
    const HeatMapRow& partition = data.rows()[static_cast<size_t>(row)];
    partitionId_ = partition.id;
    double total = 0;
    for (int s = 0; s < data.seconds(); ++s)
        if (data.exists(row, s)) total += data.consumed(row, s);
    const QLocale locale;
    heading_->setText(
        tr("<b>Partition %1</b> of %2<br>hash %3<br>≈ %4 items · %5 %6 consumed in the run")
            .arg(partition.id)
            .arg(QString::fromStdString(data.resource()).toHtmlEscaped())
            .arg(QString::fromStdString(hashRangeText(partition.firstHash, partition.lastHash))
                     .replace(" \u2013 ", " \u2013<br>"))
            .arg(locale.toString(partition.itemCount, 'f', 0))
            .arg(locale.toString(total, 'f', 0))
            .arg(unitName(data.dimension())));
    auto add = [&](const QString& key, const QString& stream, double units, double requests,
                   double throttled) {
        auto* item = new QTreeWidgetItem(keys_);
        item->setText(0, key);
        item->setText(1, locale.toString(units, 'f', 0));
        item->setText(2, requests > 0 ? locale.toString(throttled, 'f', 0) : QString());
        item->setText(3, requests > 0 ? locale.toString(requests, 'f', 0) : QString());
        item->setText(4, stream);
        for (int c = 1; c <= 3; ++c) item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(1, Qt::UserRole, units);
    };
    double listed = 0;
    for (const HotKey& key : keys) {
        add(QString::fromStdString(key.key), QString::fromStdString(key.stream), key.consumedUnits,
            key.requests, key.throttledRequests);
        listed += key.consumedUnits;
    }
    if (total - listed > 0.5) add(tr("(other keys)"), QString(), total - listed, 0, 0);
}

}  // namespace shardscape
