#pragma once
// A table's (or index's) items as a Qt table model, fetched lazily a page at a time from the
// current backend of a TableListModel (Backend::scanPage), so a table of millions of items
// opens instantly and scrolls smoothly: views ask for more rows as they reach the end. Pages
// of an immediate backend (the embedded engine) arrive at once; a remote's are fetched off
// the GUI thread and `pageLoaded` fires when one arrives.
//
// Columns are the key attributes first, then every other attribute name seen so far, in
// order of first appearance. Sorting orders the rows loaded so far.
//
// A large table (more than windowThreshold() items) on a backend that knows its item count
// exactly (the embedded engine) is shown whole instead, a window at a time
// (item_table_window.cc): the model has a row for every item from the start, the first block
// of rows at once, and fetches the blocks of rows the view shows off the GUI thread. A block is
// read from the key that ends the block before it; a background pass counts through the table (keys
// only) to learn those keys, and the last rows are read at once from the end of the key space, so
// that the view can go to the end (or anywhere) without reading everything before it. Rows not
// fetched yet show "…". Sorting does not apply to such a table: its rows stay in Scan order.

#include <QAbstractTableModel>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "values/attribute_value.h"

namespace shardscape {
class TableListModel;
class Backend;
struct ItemPage;
struct ItemPageRequest;

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
    bool isFetching() const;
    // Items per fetched page (Scan Limit); the 1 MB page limit also applies. In a windowed
    // table, the rows of a block (from the next setSource).
    void setPageSize(int items) { pageSize_ = items; }
    // Tables with more items than this are windowed (see above); takes effect at setSource.
    void setWindowThreshold(qint64 items) { windowThreshold_ = items; }
    qint64 windowThreshold() const { return windowThreshold_; }
    // Whether the source shown is a windowed table.
    bool isWindowed() const { return windowed_; }
    // Windowed tables: the background count has reached the end (every row can be fetched
    // directly).
    bool positionsKnown() const { return !windowed_ || walkDone_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The item shown in `row`; an empty one when the row has not been fetched yet.
    const Item& item(int row) const;
    // Whether `row`'s item has been fetched (always so, outside a windowed table).
    bool isLoaded(int row) const { return itemAt(row) != nullptr; }
    // Items scanned so far and the last error (empty when none).
    qint64 scannedCount() const { return scanned_; }
    QString lastError() const { return error_; }

    // A value as the browser shows it: S and N plainly, B as base64, others as DynamoDB JSON.
    static QString displayText(const AttributeValue& value);

  signals:
    void failed(const QString& message);
    void pageLoaded();

  private:
    struct WalkState;
    struct BlockRead;

    // Adds attribute names of `items` not yet shown as columns.
    void addColumnsFor(const std::vector<Item>& items);
    void pageArrived(Result<ItemPage> page);
    void appendRows(std::vector<Item> items);
    const Item* itemAt(int row) const;

    // --- Windowed tables (item_table_window.cc) ---
    // Starts showing `rows` rows of the current source: the first block, the last rows and
    // the background count.
    void startWindow(qint64 rows);
    void stopWindow();
    // One step of the background count, from the key `from` (`counted` items before it).
    void walkFrom(std::optional<Item> from, int64_t counted);
    int blockCount() const;
    int blockRows(int block) const;  // rows in `block` (the last may be short)
    bool anchorKnown(int block) const;
    void setAnchor(int block, Item key);
    // data() asks for the block of a row it could not show; served after the paint.
    void askForBlock(int block) const;
    void serveAskedBlocks();
    void fetchBlock(int block);
    // Block 0 on the GUI thread (windowed tables are on an immediate backend): the first rows
    // show at once, as a lazily paged table's do.
    void fetchFirstBlockNow();
    static BlockRead readBlock(Backend& backend, ItemPageRequest request, int wanted);
    void blockArrived(int block, BlockRead read);
    void tailArrived(Result<std::vector<Item>> items);
    // Takes the block keys the background count found; fetches blocks waiting for them.
    void collectWalk();
    void changeRowCount(int rows);
    void showError(const QString& message);

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

    // Windowed tables.
    bool windowed_ = false;
    qint64 windowThreshold_ = 10000;
    int total_ = 0;        // rows shown
    int blockSize_ = 200;  // rows per block: pageSize_ when the window started
    // Each block's ExclusiveStartKey (none for block 0), once known; as far as the background
    // count found blocks (which may be past the rows shown, until the count corrects them).
    std::vector<std::optional<Item>> anchors_;
    std::vector<char> anchorKnown_;
    std::map<int, std::vector<Item>> blocks_;  // fetched blocks, a bounded number of them
    std::set<int> inFlight_;
    std::set<int> waiting_;  // asked for, but their start key is not known yet
    mutable std::set<int> asked_;
    mutable bool serveScheduled_ = false;
    std::vector<Item> tail_;  // the last rows: total_ - tail_.size() onward
    bool tailLoading_ = false;
    std::shared_ptr<WalkState> walk_;  // the background count's last step
    bool walkDone_ = false;
};

}  // namespace shardscape
