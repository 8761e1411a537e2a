#include "facet_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "model/facet_sample.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}
}  // namespace

QColor FacetView::entityColor(int n) {
    static const QColor colors[] = {QColor("#dbe9f8"), QColor("#e2f2dc"), QColor("#fbe7cf"),
                                    QColor("#eadcf3"), QColor("#f8dcdc"), QColor("#d9f0ef"),
                                    QColor("#f3efcf"), QColor("#e6e6e6")};
    return colors[n % 8];
}

FacetView::FacetView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    entities_ = new QTreeWidget(left);
    entities_->setObjectName("entityList");
    entities_->setHeaderLabels({tr("Entity type"), tr("Key template")});
    entities_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    entities_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    entities_->setToolTip(tr("Double-click a key template to edit it"));
    leftLayout->addWidget(entities_);
    splitter->addWidget(left);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Single-table diagram</b> — sample items by partition"), right);
    bar->addWidget(title, 1);
    bar->addWidget(new QLabel(tr("Items per type"), right));
    perEntity_ = new QSpinBox(right);
    perEntity_->setRange(1, 20);
    perEntity_->setValue(3);
    bar->addWidget(perEntity_);
    auto* shuffle = new QPushButton(tr("New sample"), right);
    shuffle->setObjectName("newSample");
    bar->addWidget(shuffle);
    rightLayout->addLayout(bar);
    diagram_ = new QTableWidget(right);
    diagram_->setObjectName("facetDiagram");
    diagram_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    diagram_->verticalHeader()->hide();
    diagram_->setWordWrap(false);
    diagram_->setShowGrid(true);
    diagram_->setStyleSheet("QTableWidget { gridline-color: #c9ced6; }");
    rightLayout->addWidget(diagram_, 1);
    problems_ = new QLabel(right);
    problems_->setWordWrap(true);
    problems_->setStyleSheet("color: #b3261e;");
    rightLayout->addWidget(problems_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setSizes({300, 900});

    connect(entities_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int) {
        if (item->parent()) entities_->editItem(item, 1);
    });
    connect(entities_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (column != 1 || !item->parent()) return;
        const QString entity = item->parent()->text(0);
        const QString attribute = item->text(0);
        const QString text = item->text(1).trimmed();
        // Applied after the editor closes: the edit rebuilds this tree.
        QMetaObject::invokeMethod(
            this,
            [this, entity, attribute, text] { emit keyTemplateEdited(entity, attribute, text); },
            Qt::QueuedConnection);
    });
    connect(perEntity_, &QSpinBox::valueChanged, this, &FacetView::rebuild);
    connect(shuffle, &QPushButton::clicked, this, [this] {
        ++seed_;
        rebuild();
    });
}

void FacetView::setModel(const Model& model, const QString& table) {
    model_ = model;
    table_ = table;
    rebuild();
}

void FacetView::rebuild() {
    const QSignalBlocker block(entities_);
    entities_->clear();
    const ModelTable* table = model_.findTable(table_.toStdString());
    const FacetSample sample =
        facetSample(model_, table_.toStdString(), perEntity_->value(), seed_);
    std::map<std::string, int> colorOf;
    for (const auto& e : model_.entities) {
        if (q(e.table) != table_) continue;
        const int n = static_cast<int>(colorOf.size());
        colorOf[e.name] = n;
        auto* row = new QTreeWidgetItem(entities_);
        row->setText(0, q(e.name));
        row->setBackground(0, entityColor(n));
        row->setForeground(0, QColor("#1d2733"));
        QStringList keys;
        auto addKey = [&](const std::string& attribute, const std::string& text) {
            auto* key = new QTreeWidgetItem(row);
            key->setText(0, q(attribute));
            key->setText(1, q(text));
            key->setFlags(key->flags() | Qt::ItemIsEditable);
            keys << q(attribute) + " = " + q(text);
            return key;
        };
        for (const auto& [attribute, text] : e.keyTemplates) addKey(attribute, text);
        // The table's primary key needs a value from every entity type: offer the missing.
        if (table)
            for (const auto* key :
                 {&table->partitionKey, table->sortKey ? &*table->sortKey : nullptr})
                if (key && !e.keyTemplate(*key) && !e.findAttribute(*key))
                    addKey(*key, {})->setBackground(1, QColor("#fdecea"));
        row->setText(1, tr("%n attribute(s)", nullptr, static_cast<int>(e.attributes.size())));
        row->setToolTip(0, keys.join('\n'));
        row->setExpanded(true);
    }

    size_t attributeColumns = 0;
    int rowCount = 0;
    for (const auto& p : sample.partitions) {
        rowCount += static_cast<int>(p.rows.size());
        for (const auto& r : p.rows)
            attributeColumns = std::max(attributeColumns, r.attributes.size());
    }
    const bool hasSort = !sample.sortKeyName.empty();
    const int fixed = hasSort ? 3 : 2;
    diagram_->clear();
    diagram_->clearSpans();
    diagram_->setRowCount(rowCount);
    diagram_->setColumnCount(fixed + static_cast<int>(attributeColumns));
    QStringList headers = {tr("%1 (partition key)").arg(q(sample.partitionKeyName))};
    if (hasSort) headers << tr("%1 (sort key)").arg(q(sample.sortKeyName));
    headers << tr("Entity type");
    for (size_t i = 0; i < attributeColumns; ++i) headers << tr("Attributes");
    diagram_->setHorizontalHeaderLabels(headers);
    QFont bold = diagram_->font();
    bold.setBold(true);
    int r = 0;
    for (const auto& p : sample.partitions) {
        auto* pk = new QTableWidgetItem(q(p.partitionKey));
        pk->setFont(bold);
        pk->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        pk->setBackground(QColor("#f1f3f6"));
        pk->setForeground(QColor("#1d2733"));
        diagram_->setItem(r, 0, pk);
        if (p.rows.size() > 1) diagram_->setSpan(r, 0, static_cast<int>(p.rows.size()), 1);
        for (const auto& row : p.rows) {
            const QColor color = entityColor(colorOf.count(row.entity) ? colorOf[row.entity] : 7);
            auto cell = [&](int column, const QString& text, const QString& tip = {}) {
                auto* item = new QTableWidgetItem(text);
                item->setBackground(color);
                item->setForeground(QColor("#1d2733"));
                if (!tip.isEmpty()) item->setToolTip(tip);
                diagram_->setItem(r, column, item);
                return item;
            };
            if (hasSort) cell(1, q(row.sortKey))->setFont(bold);
            cell(fixed - 1, q(row.entity));
            for (size_t a = 0; a < row.attributes.size(); ++a) {
                const auto& [name, value] = row.attributes[a];
                cell(fixed + static_cast<int>(a), q(name) + ": " + q(value), q(name));
            }
            for (size_t a = row.attributes.size(); a < attributeColumns; ++a)
                cell(fixed + static_cast<int>(a), {});
            ++r;
        }
    }
    diagram_->resizeColumnsToContents();
    for (int c = 0; c < diagram_->columnCount(); ++c)
        diagram_->setColumnWidth(c, std::min(diagram_->columnWidth(c), 260));
    QStringList problems;
    for (const auto& p : sample.problems) problems << q(p);
    if (sample.entities.empty())
        problems << tr("No entity types use this table yet: the diagram needs at least one.");
    problems_->setText(problems.join('\n'));
    problems_->setVisible(!problems.isEmpty());
}

}  // namespace shardscape
