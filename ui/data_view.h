#pragma once
// The Data view: pick a table or one of its indexes and browse its items, fetched lazily a
// page at a time (ItemTableModel); click a column header to sort the rows loaded so far.

#include <QWidget>
#include <memory>

#include "backend.h"

class QComboBox;
class QTableView;
class QLabel;

namespace shardscape {
class Engine;
class ItemTableModel;

class DataView : public QWidget {
    Q_OBJECT
  public:
    explicit DataView(std::shared_ptr<Engine> engine, QWidget* parent = nullptr);

    // Re-reads the list of tables and indexes (keeps the current choice when it still exists).
    void reloadSources();
    // Browses a remote backend's tables (null: the local engine's again).
    void setBackend(std::shared_ptr<const BackendTables> remote);
    // Shows `table` (or `index` of it).
    void showSource(const QString& table, const QString& index = {});

    QComboBox* sourceBox() const { return sources_; }
    QTableView* itemView() const { return view_; }
    ItemTableModel* itemModel() const { return model_; }
    QLabel* summary() const { return summary_; }

  private:
    void updateSummary();

    std::shared_ptr<Engine> engine_;
    std::shared_ptr<const BackendTables> remote_;
    QComboBox* sources_ = nullptr;
    QTableView* view_ = nullptr;
    ItemTableModel* model_ = nullptr;
    QLabel* summary_ = nullptr;
};

}  // namespace shardscape
