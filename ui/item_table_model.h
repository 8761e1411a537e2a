#pragma once
// A table's (or index's) items as a Qt table model, fetched lazily a page at a time from the
// current backend of a TableListModel (Backend::scanPage), so a table of millions of items
// opens instantly and scrolls smoothly: views ask for more rows as they reach the end. Pages
// of an immediate backend (the embedded engine) arrive at once; a remote's are fetched off
// the GUI thread and `pageLoaded` fires when one arrives.
//
// Columns are the key attributes first, then every other attribute name seen so far, in
// order of first appearance. Sorting orders the rows loaded so far.

#include <QAbstractTableModel>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {
class TableListModel;
struct ItemPage;

class ItemTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    // `tables` gives the backend and the table definitions; it may be null for a model that
    // only shows fixed lists (setItems).
    explicit ItemTableModel(TableListModel* tables, QObject* parent = nullptr);

    // Shows `table` (or its index `indexName`) from the start; an empty name shows nothing.
    void setSource(const QString& table, const QString& indexName = {});
    // Shows a fixed list instead (e.g. a query's results); `keyColumns` lead.
    void setItems(std::vector<Item> items, const std::vector<std::string>& keyColumns);
    bool isFetching() const { return fetching_; }
    // Items per fetched page (Scan Limit); the 1 MB page limit also applies.
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
    void pageArrived(Result<ItemPage> page);
    void appendRows(std::vector<Item> items);

    TableListModel* tables_;
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
