#include "item_table_model.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>
#include <algorithm>

#include "table_list_model.h"
#include "values/attribute_json.h"
#include "values/number.h"

namespace shardscape {

ItemTableModel::ItemTableModel(TableListModel* tables, QObject* parent)
    : QAbstractTableModel(parent), tables_(tables) {}

void ItemTableModel::setSource(const QString& table, const QString& indexName) {
    beginResetModel();
    stopWindow();
    table_ = table.toStdString();
    index_ = indexName.toStdString();
    columns_.clear();
    rows_.clear();
    nextStart_.reset();
    scanned_ = 0;
    error_.clear();
    ++generation_;
    fetching_ = false;
    exhausted_ = table_.empty() || !tables_ || !tables_->backend();
    if (!exhausted_) {
        auto definition = tables_->find(table_);
        if (!definition) {
            exhausted_ = true;
            error_ = tr("Table %1 does not exist").arg(table);
        } else {
            // Key attributes lead: the table's, then the index's.
            auto addKey = [&](const std::string& name) {
                if (std::find(columns_.begin(), columns_.end(), name) == columns_.end())
                    columns_.push_back(name);
            };
            addKey(definition->partitionKey.name);
            if (definition->sortKey) addKey(definition->sortKey->name);
            if (const IndexDefinition* index = definition->findIndex(index_)) {
                addKey(index->partitionKey.name);
                if (index->sortKey) addKey(index->sortKey->name);
            }
        }
    }
    // A large table whose size the backend knows exactly is shown whole, a window at a time.
    std::optional<int64_t> count;
    if (!exhausted_ && tables_->capabilities().immediate)
        count = tables_->backend()->exactItemCount(table_, index_);
    if (count && *count > windowThreshold_) startWindow(*count);
    endResetModel();
    if (windowed_) fetchFirstBlockNow();
    if (!error_.isEmpty()) emit failed(error_);
}

int ItemTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return windowed_ ? total_ : static_cast<int>(rows_.size());
}

bool ItemTableModel::isFetching() const {
    return fetching_ || !inFlight_.empty() || !waiting_.empty() || tailLoading_;
}

const Item& ItemTableModel::item(int row) const {
    static const Item none;
    const Item* found = itemAt(row);
    return found ? *found : none;
}

const Item* ItemTableModel::itemAt(int row) const {
    if (row < 0 || row >= rowCount()) return nullptr;
    if (!windowed_) return &rows_[static_cast<size_t>(row)];
    const int tailStart = total_ - static_cast<int>(tail_.size());
    if (row >= tailStart) return &tail_[static_cast<size_t>(row - tailStart)];
    const int block = row / blockSize_;
    auto it = blocks_.find(block);
    if (it == blocks_.end()) return nullptr;
    const size_t offset = static_cast<size_t>(row - block * blockSize_);
    return offset < it->second.size() ? &it->second[offset] : nullptr;
}

int ItemTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

QString ItemTableModel::displayText(const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
            return QString::fromStdString(value.scalar());
        default: {
            const Json json = attributeValueToJson(value);
            if (value.type() == ValueType::B) return QString::fromStdString(json["B"]);
            return QString::fromStdString(json.dump());
        }
    }
}

QVariant ItemTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Item* found = itemAt(index.row());
    if (!found) {
        // A windowed row not fetched yet: fetched once this paint is over.
        askForBlock(index.row() / blockSize_);
        if (role == Qt::DisplayRole && index.column() == 0) return QStringLiteral("…");
        return {};
    }
    const Item& item = *found;
    auto it = item.find(columns_[static_cast<size_t>(index.column())]);
    if (it == item.end()) return {};
    if (role == Qt::DisplayRole) {
        QString text = displayText(it->second);
        if (text.size() > 200) text = text.left(200) + QStringLiteral("…");
        return text;
    }
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(valueTypeName(it->second.type()).data()) + ": " +
               displayText(it->second).left(2000);
    if (role == Qt::TextAlignmentRole && it->second.type() == ValueType::N)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ItemTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return section + 1;
    if (section < 0 || section >= columnCount()) return {};
    return QString::fromStdString(columns_[static_cast<size_t>(section)]);
}

bool ItemTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !windowed_ && !exhausted_ && !fetching_;
}

void ItemTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    ItemPageRequest request;
    request.table = table_;
    request.index = index_;
    request.limit = pageSize_;
    request.exclusiveStartKey = nextStart_;
    std::shared_ptr<Backend> backend = tables_ ? tables_->backend() : nullptr;
    if (!backend) return;
    if (backend->capabilities().immediate) {
        pageArrived(backend->scanPage(request));
        return;
    }
    fetching_ = true;
    auto* watcher = new QFutureWatcher<Result<ItemPage>>(this);
    const quint64 generation = generation_;
    connect(watcher, &QFutureWatcher<Result<ItemPage>>::finished, this,
            [this, watcher, generation] {
                Result<ItemPage> page = watcher->result();
                watcher->deleteLater();
                if (generation != generation_) return;  // the source changed meanwhile
                fetching_ = false;
                pageArrived(std::move(page));
            });
    watcher->setFuture(
        QtConcurrent::run([backend, request] { return backend->scanPage(request); }));
}

void ItemTableModel::pageArrived(Result<ItemPage> page) {
    if (!page) {
        exhausted_ = true;
        error_ = QString::fromStdString(page.error().name() + ": " + page.error().message);
        emit failed(error_);
        emit pageLoaded();
        return;
    }
    scanned_ += page->scannedCount;
    if (!page->itemError.empty()) {
        error_ = QString::fromStdString(page->itemError);
        emit failed(error_);
    }
    nextStart_ = page->lastEvaluatedKey;
    exhausted_ = !nextStart_;
    appendRows(std::move(page->items));
    emit pageLoaded();
}

void ItemTableModel::appendRows(std::vector<Item> items) {
    addColumnsFor(items);
    if (items.empty()) return;
    beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(items.size()) - 1);
    for (auto& item : items) rows_.push_back(std::move(item));
    endInsertRows();
}

void ItemTableModel::addColumnsFor(const std::vector<Item>& items) {
    std::vector<std::string> added;
    for (const auto& item : items)
        for (const auto& [name, value] : item)
            if (std::find(columns_.begin(), columns_.end(), name) == columns_.end() &&
                std::find(added.begin(), added.end(), name) == added.end())
                added.push_back(name);
    if (added.empty()) return;
    beginInsertColumns({}, columnCount(), columnCount() + static_cast<int>(added.size()) - 1);
    columns_.insert(columns_.end(), added.begin(), added.end());
    endInsertColumns();
}

void ItemTableModel::setItems(std::vector<Item> items, const std::vector<std::string>& keyColumns) {
    beginResetModel();
    stopWindow();
    table_.clear();
    index_.clear();
    ++generation_;
    fetching_ = false;
    nextStart_.reset();
    exhausted_ = true;
    error_.clear();
    scanned_ = static_cast<qint64>(items.size());
    columns_ = keyColumns;
    rows_.clear();
    endResetModel();
    addColumnsFor(items);
    if (items.empty()) return;
    beginInsertRows({}, 0, static_cast<int>(items.size()) - 1);
    rows_ = std::move(items);
    endInsertRows();
}

void ItemTableModel::sort(int column, Qt::SortOrder order) {
    // A windowed table stays in Scan order: only part of it is ever loaded.
    if (windowed_ || column < 0 || column >= columnCount()) return;
    const std::string& name = columns_[static_cast<size_t>(column)];
    emit layoutAboutToBeChanged();
    // Missing values sort first; numbers numerically; everything else by its text.
    auto less = [&](const Item& a, const Item& b) {
        auto x = a.find(name), y = b.find(name);
        if (x == a.end() || y == b.end()) return x == a.end() && y != b.end();
        if (x->second.type() == ValueType::N && y->second.type() == ValueType::N) {
            auto p = Number::parse(x->second.scalar()), q = Number::parse(y->second.scalar());
            if (p && q) return p->compare(*q) < 0;
        }
        return displayText(x->second) < displayText(y->second);
    };
    if (order == Qt::AscendingOrder)
        std::stable_sort(rows_.begin(), rows_.end(), less);
    else
        std::stable_sort(rows_.begin(), rows_.end(),
                         [&](const Item& a, const Item& b) { return less(b, a); });
    emit layoutChanged();
}

}  // namespace shardscape
