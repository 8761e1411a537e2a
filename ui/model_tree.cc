#include "model_tree.h"

#include <QHeaderView>
#include <QSet>
#include <QStandardItemModel>

#include "access_pattern_list.h"

namespace shardscape {

namespace {
constexpr int kTableRole = Qt::UserRole + 1;
constexpr int kIndexRole = Qt::UserRole + 2;
constexpr int kPatternRole = Qt::UserRole + 3;
constexpr int kEntityRole = Qt::UserRole + 4;
constexpr int kScenarioRole = Qt::UserRole + 5;

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QStandardItem* group(const QString& title, int count) {
    auto* item = new QStandardItem(QStringLiteral("%1 (%2)").arg(title).arg(count));
    QFont f = item->font();
    f.setBold(true);
    item->setFont(f);
    item->setEditable(false);
    item->setData(title, Qt::UserRole);
    return item;
}

QStandardItem* leaf(const QString& text) {
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}
}  // namespace

ModelTree::ModelTree(QWidget* parent) : QTreeView(parent), items_(new QStandardItemModel(this)) {
    setObjectName("modelTree");
    QTreeView::setModel(items_);
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto choose = [this](const QModelIndex& index) {
        const QString table = index.data(kTableRole).toString();
        if (table.isEmpty()) return;
        const QString pattern = index.data(kPatternRole).toString();
        if (!pattern.isEmpty())
            emit accessPatternChosen(table, pattern);
        else
            emit tableChosen(table, index.data(kIndexRole).toString());
    };
    connect(this, &QTreeView::activated, this, choose);
    connect(this, &QTreeView::clicked, this, choose);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex& index) {
        if (const QString e = index.data(kEntityRole).toString(); !e.isEmpty())
            emit entityTypeActivated(e);
        else if (const QString p = index.data(kPatternRole).toString(); !p.isEmpty())
            emit accessPatternActivated(p);
        else if (const QString s = index.data(kScenarioRole).toString(); !s.isEmpty())
            emit scenarioActivated(s);
    });
}

void ModelTree::setModel(const Model& model, const ModelAnalysis& analysis) {
    // Keep the groups the user collapsed collapsed.
    QSet<QString> collapsed;
    for (int r = 0; r < items_->rowCount(); ++r)
        if (!isExpanded(items_->index(r, 0)))
            collapsed.insert(items_->item(r)->data(Qt::UserRole).toString());
    const bool first = items_->rowCount() == 0;
    items_->clear();

    auto* tables = group(tr("Tables"), static_cast<int>(model.tables.size()));
    for (const auto& t : model.tables) {
        auto* table = leaf(q(t.name));
        table->setData(q(t.name), kTableRole);
        QString keys = q(t.partitionKey);
        if (t.sortKey) keys += ", " + q(*t.sortKey);
        table->setToolTip(tr("Keyed on %1").arg(keys));
        auto addIndexes = [&](const std::vector<ModelIndex>& list, const QString& kind) {
            for (const auto& i : list) {
                QString text = QStringLiteral("%1 %2 (%3").arg(kind, q(i.name), q(i.partitionKey));
                if (i.sortKey) text += ", " + q(*i.sortKey);
                auto* index = leaf(text + ")");
                index->setData(q(t.name), kTableRole);
                index->setData(q(i.name), kIndexRole);
                table->appendRow(index);
            }
        };
        addIndexes(t.globalSecondaryIndexes, "GSI");
        addIndexes(t.localSecondaryIndexes, "LSI");
        tables->appendRow(table);
    }
    auto* entities = group(tr("Entity types"), static_cast<int>(model.entities.size()));
    for (const auto& e : model.entities) {
        auto* entity = leaf(q(e.name));
        entity->setData(q(e.table), kTableRole);
        entity->setData(q(e.name), kEntityRole);
        entity->setToolTip(tr("In table %1").arg(q(e.table)));
        entities->appendRow(entity);
    }
    auto* patterns = group(tr("Access patterns"), static_cast<int>(model.accessPatterns.size()));
    for (size_t i = 0; i < model.accessPatterns.size(); ++i) {
        const auto& p = model.accessPatterns[i];
        auto* pattern = leaf(q(p.name));
        pattern->setData(q(p.table), kTableRole);
        pattern->setData(q(p.name), kPatternRole);
        if (i < analysis.patterns.size()) {
            pattern->setIcon(verdictIcon(analysis.patterns[i].verdict));
            pattern->setToolTip(q(analysis.patterns[i].reason));
        }
        patterns->appendRow(pattern);
    }
    auto* scenarios = group(tr("Scenarios"), static_cast<int>(model.scenarios.size()));
    for (const auto& s : model.scenarios) {
        const auto name = s.find("name");
        auto* row = leaf(name != s.end() && name->is_string() ? q(name->get<std::string>())
                                                              : tr("(unnamed)"));
        if (name != s.end() && name->is_string())
            row->setData(q(name->get<std::string>()), kScenarioRole);
        scenarios->appendRow(row);
    }
    for (auto* g : {tables, entities, patterns, scenarios}) items_->appendRow(g);
    for (int r = 0; r < items_->rowCount(); ++r) {
        const QString title = items_->item(r)->data(Qt::UserRole).toString();
        setExpanded(items_->index(r, 0), first || !collapsed.contains(title));
    }
    // Tables show their indexes.
    for (int r = 0; r < tables->rowCount(); ++r) setExpanded(tables->child(r)->index(), true);
}

}  // namespace shardscape
