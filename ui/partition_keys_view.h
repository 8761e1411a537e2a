#pragma once
// Drill-down of one partition: its hash range and items, and the keys the run tracked in it
// with the capacity units they consumed, their requests and throttles; the rest of the
// partition's consumption is shown as "other keys".

#include <QTreeWidget>
#include <vector>

#include "capacity/heat_map_data.h"

class QLabel;

namespace shardscape {

class PartitionKeysView : public QWidget {
    Q_OBJECT
  public:
    explicit PartitionKeysView(QWidget* parent = nullptr);

    // `row` of `data`; `keys` heaviest first.
    void showPartition(const HeatMapData& data, int row, const std::vector<HotKey>& keys);
    void clear();
    QTreeWidget* keyList() const { return keys_; }
    QString heading() const;
    int partitionId() const { return partitionId_; }

  private:
    QLabel* heading_ = nullptr;
    QTreeWidget* keys_ = nullptr;
    int partitionId_ = -1;
};

}  // namespace shardscape
