#include "item_table_model.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>
#include <algorithm>

#include "storage/engine.h"
#include "values/attribute_json.h"
#include "values/number.h"

namespace shardscape {

ItemTableModel::ItemTableModel(std::shared_ptr<Engine> engine, QObject* parent)
    : QAbstractTableModel(parent), engine_(std::move(engine)) {}

void ItemTableModel::setSource(const QString& table, const QString& indexName) {
    beginResetModel();
    table_ = table.toStdString();
    index_ = indexName.toStdString();
    columns_.clear();
    rows_.clear();
    nextStart_.reset();
    scanned_ = 0;
    error_.clear();
    ++generation_;
    fetching_ = false;
    exhausted_ = table_.empty() || (!engine_ && !remote_);
    if (!exhausted_) {
        auto definition = remote_ ? remote_->find(table_) : engine_->table(table_);
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
    endResetModel();
    if (!error_.isEmpty()) emit failed(error_);
}

int ItemTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
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
    const Item& item = rows_[static_cast<size_t>(index.row())];
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
    return !parent.isValid() && !exhausted_ && !fetching_;
}

void ItemTableModel::setBackend(std::shared_ptr<const BackendTables> remote) {
    remote_ = std::move(remote);
    setSource({});
}

void ItemTableModel::fetchRemote() {
    Json scan{{"TableName", table_}, {"Limit", pageSize_}};
    if (!index_.empty()) scan["IndexName"] = index_;
    if (nextStart_) scan["ExclusiveStartKey"] = itemToJson(*nextStart_);
    fetching_ = true;
    auto* watcher = new QFutureWatcher<Result<Json>>(this);
    const quint64 generation = generation_;
    connect(watcher, &QFutureWatcher<Result<Json>>::finished, this, [this, watcher, generation] {
        Result<Json> page = watcher->result();
        watcher->deleteLater();
        if (generation != generation_) return;  // the source changed meanwhile
        fetching_ = false;
        if (!page) {
            exhausted_ = true;
            error_ = QString::fromStdString(page.error().name() + ": " + page.error().message);
            emit failed(error_);
            emit pageLoaded();
            return;
        }
        std::vector<Item> decoded;
        if (page->contains("Items") && (*page)["Items"].is_array())
            for (const Json& json : (*page)["Items"]) {
                auto item = itemFromJson(json);
                if (item)
                    decoded.push_back(std::move(item).value());
                else
                    error_ = QString::fromStdString(item.error().message);
            }
        const Json& scannedCount = (*page)["ScannedCount"];
        scanned_ += scannedCount.is_number_integer() ? scannedCount.get<qint64>()
                                                     : static_cast<qint64>(decoded.size());
        nextStart_.reset();
        if (page->contains("LastEvaluatedKey"))
            if (auto key = itemFromJson((*page)["LastEvaluatedKey"])) nextStart_ = *key;
        exhausted_ = !nextStart_;
        appendRows(std::move(decoded));
        emit pageLoaded();
    });
    std::shared_ptr<Backend> backend = remote_->backend;
    watcher->setFuture(QtConcurrent::run([backend, scan] { return backend->call("Scan", scan); }));
}

void ItemTableModel::appendRows(std::vector<Item> items) {
    addColumnsFor(items);
    if (items.empty()) return;
    beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(items.size()) - 1);
    for (auto& item : items) rows_.push_back(std::move(item));
    endInsertRows();
}

void ItemTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    if (remote_) {
        fetchRemote();
        return;
    }
    ScanSpec spec;
    spec.tableName = table_;
    if (!index_.empty()) spec.indexName = index_;
    spec.limit = pageSize_;
    spec.exclusiveStartKey = nextStart_;
    auto page = engine_->scan(spec);
    if (!page) {
        exhausted_ = true;
        error_ = QString::fromStdString(page.error().message);
        emit failed(error_);
        return;
    }
    scanned_ += page->scannedCount;
    std::vector<Item> decoded;
    decoded.reserve(page->items.size());
    for (const auto& stored : page->items) {
        auto item = stored.decode();
        if (!item) {
            error_ = QString::fromStdString(item.error().message);
            emit failed(error_);
            continue;
        }
        decoded.push_back(std::move(item).value());
    }
    nextStart_ = page->lastEvaluatedKey;
    exhausted_ = !nextStart_;
    appendRows(std::move(decoded));
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
    if (column < 0 || column >= columnCount()) return;
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
