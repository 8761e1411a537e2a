#pragma once
// A table's (or index's) items as a Qt table model, fetched lazily a page at a time from the
// engine (a Scan with ExclusiveStartKey), so a table of millions of items opens instantly
// and scrolls smoothly: views ask for more rows as they reach the end.
//
// Columns are the key attributes first, then every other attribute name seen so far, in
// order of first appearance. Sorting orders the rows loaded so far.

#include <QAbstractTableModel>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "values/attribute_value.h"

namespace shardscape {
class Engine;

class ItemTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    explicit ItemTableModel(std::shared_ptr<Engine> engine, QObject* parent = nullptr);

    // Shows `table` (or its index `indexName`) from the start; an empty name shows nothing.
    void setSource(const QString& table, const QString& indexName = {});
    // Shows a fixed list instead (e.g. a query's results); `keyColumns` lead.
    void setItems(std::vector<Item> items, const std::vector<std::string>& keyColumns);
    // Browses a remote backend's tables instead of the engine (null: the engine again).
    // Remote pages are fetched off the GUI thread; `pageLoaded` fires when one arrives.
    void setBackend(std::shared_ptr<const BackendTables> remote);
    bool isFetching() const { return fetching_; }
    // Items per fetched page (Scan Limit); the engine's 1 MB page limit also applies.
    void setPageSize(int items) { pageSize_ = items; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const Item& item(int row) const { return rows_.at(static_cast<size_t>(row)); }
    // Items scanned so far and the last error (empty when none).
    qint64 scannedCount() const { return scanned_; }
    QString lastError() const { return error_; }

    // A value as the browser shows it: S and N plainly, B as base64, others as DynamoDB JSON.
    static QString displayText(const AttributeValue& value);

  signals:
    void failed(const QString& message);
    void pageLoaded();

  private:
    // Adds attribute names of `items` not yet shown as columns.
    void addColumnsFor(const std::vector<Item>& items);
    void fetchRemote();
    void appendRows(std::vector<Item> items);

    std::shared_ptr<Engine> engine_;
    std::shared_ptr<const BackendTables> remote_;
    bool fetching_ = false;
    quint64 generation_ = 0;  // bumped by setSource: late pages of an old source are dropped
    std::string table_;
    std::string index_;
    std::vector<std::string> columns_;
    std::vector<Item> rows_;
    std::optional<Item> nextStart_;
    bool exhausted_ = true;
    int pageSize_ = 200;
    qint64 scanned_ = 0;
    QString error_;
};

}  // namespace shardscape
