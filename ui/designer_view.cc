#include "designer_view.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "access_pattern_list.h"
#include "attribute_palette.h"
#include "design_document.h"
#include "facet_view.h"
#include "index_editor.h"
#include "key_slot.h"
#include "model/access_pattern_analyzer.h"
#include "model/model_edit.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QGroupBox* section(const QString& title, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    box->setStyleSheet("QGroupBox { font-weight: bold; } QGroupBox * { font-weight: normal; }");
    return box;
}
}  // namespace

DesignerView::DesignerView(DesignDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    setObjectName("designerView");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("<b>Table</b>"), this));
    tables_ = new QComboBox(this);
    tables_->setObjectName("designerTable");
    tables_->setMinimumWidth(180);
    bar->addWidget(tables_);
    newTable_ = new QPushButton(tr("New table…"), this);
    bar->addWidget(newTable_);
    tableFacts_ = new QLabel(this);
    tableFacts_->setStyleSheet("color: palette(mid);");
    bar->addSpacing(12);
    bar->addWidget(tableFacts_, 1);
    layout->addLayout(bar);

    message_ = new QLabel(this);
    message_->setObjectName("designerMessage");
    message_->setWordWrap(true);
    message_->setStyleSheet(
        "QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f1b0aa; "
        "border-radius: 4px; padding: 5px 8px; }");
    message_->hide();
    layout->addWidget(message_);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    auto* horizontal = new QSplitter(Qt::Horizontal, vertical);

    auto* paletteBox = section(tr("Attributes"), horizontal);
    auto* paletteLayout = new QVBoxLayout(paletteBox);
    palette_ = new AttributePalette(paletteBox);
    paletteLayout->addWidget(palette_);

    auto* middle = new QWidget(horizontal);
    auto* middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    auto* keysBox = section(tr("Primary key"), middle);
    auto* keysLayout = new QVBoxLayout(keysBox);
    auto* keySlots = new QHBoxLayout;
    partition_ = new KeySlot(tr("Partition key"), false, keysBox);
    partition_->setObjectName("tablePartitionSlot");
    sort_ = new KeySlot(tr("Sort key"), true, keysBox);
    sort_->setObjectName("tableSortSlot");
    keySlots->addWidget(partition_);
    keySlots->addWidget(sort_);
    keysLayout->addLayout(keySlots);
    keySchema_ = new QLabel(keysBox);
    keySchema_->setObjectName("keySchema");
    keySchema_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    keysLayout->addWidget(keySchema_);
    middleLayout->addWidget(keysBox);
    auto* indexBox = section(tr("Secondary indexes"), middle);
    auto* indexLayout = new QVBoxLayout(indexBox);
    indexes_ = new IndexEditor(document_, indexBox);
    indexLayout->addWidget(indexes_);
    middleLayout->addWidget(indexBox, 1);

    auto* patternBox = section(tr("Access patterns"), horizontal);
    auto* patternLayout = new QVBoxLayout(patternBox);
    patterns_ = new AccessPatternList(patternBox);
    patternLayout->addWidget(patterns_);

    horizontal->addWidget(paletteBox);
    horizontal->addWidget(middle);
    horizontal->addWidget(patternBox);
    horizontal->setStretchFactor(0, 2);
    horizontal->setStretchFactor(1, 5);
    horizontal->setStretchFactor(2, 4);
    horizontal->setSizes({230, 560, 460});

    auto* facetBox = section(tr("Entity types and sample items"), vertical);
    auto* facetLayout = new QVBoxLayout(facetBox);
    facets_ = new FacetView(facetBox);
    facetLayout->addWidget(facets_);
    vertical->addWidget(horizontal);
    vertical->addWidget(facetBox);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);

    connect(document_, &DesignDocument::changed, this, &DesignerView::refresh);
    connect(document_, &DesignDocument::editRefused, this, &DesignerView::showMessage);
    connect(tables_, &QComboBox::activated, this, [this] { showTable(tables_->currentText()); });
    connect(partition_, &KeySlot::keyChosen, this,
            [this](const QString& n, const QString& t) { setTableKey(0, n, t); });
    connect(sort_, &KeySlot::keyChosen, this,
            [this](const QString& n, const QString& t) { setTableKey(1, n, t); });
    connect(palette_, &AttributePalette::addRequested, this,
            [this](const QString& name, const QString& type) {
                if (document_->apply(tr("Add attribute %1").arg(name),
                                     addTableAttribute(document_->model(), table_.toStdString(),
                                                       name.toStdString(), type.toStdString())))
                    palette_->nameEdit()->clear();
            });
    connect(facets_, &FacetView::keyTemplateEdited, this,
            [this](const QString& entity, const QString& attribute, const QString& text) {
                if (!document_->apply(
                        tr("Set %1's %2 template").arg(entity, attribute),
                        setEntityKeyTemplate(document_->model(), entity.toStdString(),
                                             attribute.toStdString(), text.toStdString())))
                    facets_->setModel(document_->model(), table_);
            });
    connect(newTable_, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("New table"), tr("Table name (3 to 255 characters)"),
                                  QLineEdit::Normal, {}, &ok);
        if (!ok || name.trimmed().isEmpty()) return;
        if (document_->apply(tr("Add table %1").arg(name),
                             addTable(document_->model(), name.trimmed().toStdString(), "PK")))
            showTable(name.trimmed());
    });
    refresh();
}

void DesignerView::showTable(const QString& table, const QString& index) {
    table_ = table;
    refresh();
    if (!index.isEmpty()) indexes_->selectIndex(index);
}

void DesignerView::showAccessPattern(const QString& table, const QString& pattern) {
    if (table != table_) showTable(table);
    QTreeWidget* tree = patterns_->tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(0) == pattern) tree->setCurrentItem(tree->topLevelItem(i));
}

void DesignerView::setTableKey(int role, const QString& attribute, const QString& type) {
    const KeyRole keyRole = role == 0 ? KeyRole::Partition : KeyRole::Sort;
    document_->apply(tr("Set %1 key of %2 to %3")
                         .arg(role == 0 ? tr("partition") : tr("sort"), table_,
                              attribute.isEmpty() ? tr("none") : attribute),
                     setKeyAttribute(document_->model(), table_.toStdString(), {}, keyRole,
                                     attribute.toStdString(), type.toStdString()));
}

void DesignerView::showMessage(const QString& message) {
    message_->setText(tr("<b>Not applied:</b> %1").arg(message.toHtmlEscaped()));
    message_->show();
}

void DesignerView::refresh() {
    message_->hide();
    const Model& model = document_->model();
    if (!model.findTable(table_.toStdString()))
        table_ = model.tables.empty() ? QString() : q(model.tables.front().name);
    {
        const QSignalBlocker block(tables_);
        tables_->clear();
        for (const auto& t : model.tables) tables_->addItem(q(t.name));
        tables_->setCurrentText(table_);
    }
    const ModelTable* t = model.findTable(table_.toStdString());
    const auto paletteAttributes = tableAttributePalette(model, table_.toStdString());
    palette_->setAttributes(paletteAttributes);
    palette_->setEnabled(t != nullptr);
    QList<QPair<QString, QString>> choices;
    for (const auto& a : paletteAttributes)
        if (a.isKeyType()) choices.append({q(a.name), q(a.type)});
    partition_->setChoices(choices);
    sort_->setChoices(choices);
    partition_->setEnabled(t != nullptr);
    sort_->setEnabled(t != nullptr);
    if (t) {
        partition_->setKey(q(t->partitionKey), q(t->definedType(t->partitionKey)));
        sort_->setKey(t->sortKey ? q(*t->sortKey) : QString(),
                      t->sortKey ? q(t->definedType(*t->sortKey)) : QString());
        QString schema = tr("KeySchema: <b>%1</b> (HASH, %2)")
                             .arg(q(t->partitionKey), q(t->definedType(t->partitionKey)));
        if (t->sortKey)
            schema +=
                tr(" · <b>%1</b> (RANGE, %2)").arg(q(*t->sortKey), q(t->definedType(*t->sortKey)));
        keySchema_->setText(schema);
        QString facts = t->billingMode == "PROVISIONED" ? tr("Provisioned %1 RCU / %2 WCU")
                                                              .arg(t->readCapacityUnits)
                                                              .arg(t->writeCapacityUnits)
                                                        : tr("On-demand");
        facts += tr(" · %1 GSI · %2 LSI")
                     .arg(t->globalSecondaryIndexes.size())
                     .arg(t->localSecondaryIndexes.size());
        if (t->ttlAttribute) facts += tr(" · TTL on %1").arg(q(*t->ttlAttribute));
        tableFacts_->setText(facts);
    } else {
        partition_->setKey({}, {});
        sort_->setKey({}, {});
        keySchema_->setText(tr("The model has no tables yet: add one with “New table…”."));
        tableFacts_->clear();
    }
    indexes_->setTable(table_);
    patterns_->setAnalysis(model, analyzeModel(model));
    facets_->setModel(model, table_);
}

}  // namespace shardscape
