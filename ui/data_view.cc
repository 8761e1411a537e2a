#include "data_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include "engine.h"
#include "item_table_model.h"

namespace shardscape {

DataView::DataView(std::shared_ptr<Engine> engine, QWidget* parent)
    : QWidget(parent), engine_(std::move(engine)) {
    setObjectName("dataView");
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Browse:"), this));
    sources_ = new QComboBox(this);
    sources_->setObjectName("dataSource");
    sources_->setMinimumContentsLength(24);
    bar->addWidget(sources_, 1);
    summary_ = new QLabel(this);
    summary_->setObjectName("dataSummary");
    bar->addWidget(summary_);
    layout->addLayout(bar);

    model_ = new ItemTableModel(engine_, this);
    view_ = new QTableView(this);
    view_->setObjectName("itemView");
    view_->setModel(model_);
    view_->setSortingEnabled(true);
    view_->setAlternatingRowColors(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view_->horizontalHeader()->setDefaultSectionSize(140);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    // Sorting starts unsorted (the engine's order) until the user clicks a header.
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    layout->addWidget(view_, 1);

    connect(sources_, &QComboBox::currentIndexChanged, this, [this] {
        const QStringList source = sources_->currentData().toStringList();
        if (source.size() == 2) showSource(source[0], source[1]);
    });
    connect(model_, &QAbstractItemModel::rowsInserted, this, &DataView::updateSummary);
    connect(model_, &QAbstractItemModel::modelReset, this, &DataView::updateSummary);
    connect(model_, &ItemTableModel::failed, this, &DataView::updateSummary);
    connect(model_, &ItemTableModel::pageLoaded, this, &DataView::updateSummary);
    reloadSources();
}

void DataView::setBackend(std::shared_ptr<const BackendTables> remote) {
    remote_ = std::move(remote);
    model_->setBackend(remote_);
    reloadSources();
}

void DataView::reloadSources() {
    const QStringList current = sources_->currentData().toStringList();
    QSignalBlocker block(sources_);
    sources_->clear();
    std::vector<std::shared_ptr<const TableDefinition>> tables;
    if (remote_)
        tables = remote_->tables;
    else if (engine_)
        for (const auto& name : engine_->tableNames())
            if (auto table = engine_->table(name)) tables.push_back(std::move(table));
    {
        for (const auto& table : tables) {
            const QString tableName = QString::fromStdString(table->name);
            sources_->addItem(tableName, QStringList{tableName, QString()});
            for (const auto& index : table->indexes) {
                const QString indexName = QString::fromStdString(index.name);
                sources_->addItem(
                    tr("%1 › %2 (%3)").arg(tableName, indexName, index.global ? "GSI" : "LSI"),
                    QStringList{tableName, indexName});
            }
        }
    }
    int keep = sources_->findData(current);
    if (keep < 0 && sources_->count() > 0) keep = 0;
    sources_->setCurrentIndex(keep);
    block.unblock();
    const QStringList chosen = sources_->currentData().toStringList();
    if (chosen.size() == 2)
        showSource(chosen[0], chosen[1]);
    else
        showSource({});
}

void DataView::showSource(const QString& table, const QString& index) {
    model_->setSource(table, index);
    view_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    if (model_->canFetchMore()) model_->fetchMore();
    updateSummary();
}

void DataView::updateSummary() {
    QString text = tr("%1 items loaded").arg(QLocale().toString(model_->rowCount()));
    if (model_->isFetching()) text += tr(" · loading…");
    if (model_->canFetchMore()) text += tr(" · more below");
    if (!model_->lastError().isEmpty()) text += " · " + model_->lastError();
    summary_->setText(text);
}

}  // namespace shardscape
