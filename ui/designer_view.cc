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

#include "access_pattern_dialog.h"
#include "access_pattern_list.h"
#include "attribute_palette.h"
#include "design_document.h"
#include "entity_type_dialog.h"
#include "facet_view.h"
#include "index_editor.h"
#include "inline_message.h"
#include "key_slot.h"
#include "model/access_pattern_analyzer.h"
#include "model/model_design_edit.h"
#include "model/model_edit.h"
#include "model/model_json.h"
#include "scenario_dialog.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QPushButton* button(const QString& text, const char* name, const QString& tip, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
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
    ttl_ = new QLineEdit(this);
    ttl_->setObjectName("designerTtl");
    ttl_->setPlaceholderText(tr("off"));
    ttl_->setMaximumWidth(120);
    ttl_->setToolTip(tr("The attribute whose epoch-seconds value expires an item (Time to Live)"));
    auto* ttlLabel = new QLabel(tr("Time to &Live:"), this);
    ttlLabel->setBuddy(ttl_);
    bar->addWidget(ttlLabel);
    bar->addWidget(ttl_);
    layout->addLayout(bar);

    message_ = inlineMessageLabel("designerMessage", this);
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
    auto* patternButtons = new QHBoxLayout;
    newPattern_ = button(tr("&New…"), "newPattern", tr("Add an access pattern"), patternBox);
    editPattern_ = button(tr("&Edit…"), "editPattern",
                          tr("Edit the selected access pattern (or double-click it)"), patternBox);
    removePattern_ =
        button(tr("Remove"), "removePattern", tr("Remove the selected access pattern"), patternBox);
    patternUp_ =
        button(tr("↑"), "patternUp", tr("Move the selected access pattern up"), patternBox);
    patternUp_->setAccessibleName(tr("Move up"));
    patternDown_ =
        button(tr("↓"), "patternDown", tr("Move the selected access pattern down"), patternBox);
    patternDown_->setAccessibleName(tr("Move down"));
    for (auto* b : {patternUp_, patternDown_}) b->setMaximumWidth(36);
    for (auto* b : {newPattern_, editPattern_, removePattern_, patternUp_, patternDown_})
        patternButtons->addWidget(b);
    patternButtons->addStretch(1);
    patternLayout->addLayout(patternButtons);
    auto* scenarioRow = new QHBoxLayout;
    scenarios_ = new QComboBox(patternBox);
    scenarios_->setObjectName("designerScenarios");
    scenarios_->setMinimumContentsLength(10);
    scenarios_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto* scenarioLabel = new QLabel(tr("S&cenario:"), patternBox);
    scenarioLabel->setBuddy(scenarios_);
    newScenario_ = button(tr("New…"), "newScenario",
                          tr("Build a scenario from the access patterns' rates"), patternBox);
    editScenario_ = button(tr("Edit…"), "editScenario", tr("Edit the chosen scenario"), patternBox);
    removeScenario_ =
        button(tr("Remove"), "removeScenario", tr("Remove the chosen scenario"), patternBox);
    runScenario_ = button(tr("Run ▶"), "runScenario",
                          tr("Run the chosen scenario in the Simulation view"), patternBox);
    scenarioRow->addWidget(scenarioLabel);
    scenarioRow->addWidget(scenarios_, 1);
    scenarioRow->addWidget(runScenario_);
    patternLayout->addLayout(scenarioRow);
    auto* scenarioButtons = new QHBoxLayout;
    for (auto* b : {newScenario_, editScenario_, removeScenario_}) scenarioButtons->addWidget(b);
    scenarioButtons->addStretch(1);
    patternLayout->addLayout(scenarioButtons);

    horizontal->addWidget(paletteBox);
    horizontal->addWidget(middle);
    horizontal->addWidget(patternBox);
    horizontal->setStretchFactor(0, 2);
    horizontal->setStretchFactor(1, 5);
    horizontal->setStretchFactor(2, 4);
    horizontal->setSizes({230, 560, 460});

    auto* facetBox = section(tr("Entity types and sample items"), vertical);
    auto* facetLayout = new QVBoxLayout(facetBox);
    auto* entityButtons = new QHBoxLayout;
    newEntity_ =
        button(tr("New entity &type…"), "newEntityType",
               tr("Add an entity type to the table: its attributes and key templates"), facetBox);
    editEntity_ = button(tr("Edit entity type…"), "editEntityType",
                         tr("Edit the selected entity type (or double-click its name)"), facetBox);
    removeEntity_ = button(tr("Remove entity type"), "removeEntityType",
                           tr("Remove the selected entity type"), facetBox);
    for (auto* b : {newEntity_, editEntity_, removeEntity_}) entityButtons->addWidget(b);
    entityButtons->addStretch(1);
    facetLayout->addLayout(entityButtons);
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
    connect(ttl_, &QLineEdit::editingFinished, this, [this] {
        const ModelTable* t = document_->model().findTable(table_.toStdString());
        const QString attribute = ttl_->text().trimmed();
        if (!t || attribute == q(t->ttlAttribute.value_or(""))) return;
        if (!document_->apply(attribute.isEmpty()
                                  ? tr("Turn Time to Live off on %1").arg(table_)
                                  : tr("Set Time to Live of %1 to %2").arg(table_, attribute),
                              setTimeToLiveAttribute(document_->model(), table_.toStdString(),
                                                     attribute.toStdString())))
            ttl_->setText(q(t->ttlAttribute.value_or("")));
    });
    connect(newEntity_, &QPushButton::clicked, this, [this] { editEntityType({}); });
    connect(editEntity_, &QPushButton::clicked, this, [this] {
        if (!selectedEntityType().isEmpty()) editEntityType(selectedEntityType());
    });
    connect(removeEntity_, &QPushButton::clicked, this, [this] {
        const QString entity = selectedEntityType();
        if (entity.isEmpty()) return;
        document_->apply(tr("Remove entity type %1").arg(entity),
                         removeEntityType(document_->model(), entity.toStdString()));
    });
    connect(facets_->entityList(), &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item) {
                if (!item->parent()) editEntityType(item->text(0));
            });
    connect(newPattern_, &QPushButton::clicked, this, [this] { editAccessPattern({}); });
    connect(editPattern_, &QPushButton::clicked, this, [this] {
        if (!selectedAccessPattern().isEmpty()) editAccessPattern(selectedAccessPattern());
    });
    connect(patterns_->tree(), &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { editAccessPattern(item->text(0)); });
    connect(removePattern_, &QPushButton::clicked, this, [this] {
        const QString pattern = selectedAccessPattern();
        if (pattern.isEmpty()) return;
        document_->apply(tr("Remove access pattern %1").arg(pattern),
                         removeAccessPattern(document_->model(), pattern.toStdString()));
    });
    for (auto [b, delta] : {std::pair{patternUp_, -1}, std::pair{patternDown_, 1}})
        connect(b, &QPushButton::clicked, this, [this, delta = delta] {
            const QString pattern = selectedAccessPattern();
            if (pattern.isEmpty()) return;
            auto moved = moveAccessPattern(document_->model(), pattern.toStdString(), delta);
            if (moved && modelToJson(*moved) == modelToJson(document_->model())) return;
            document_->apply(tr("Move access pattern %1").arg(pattern), std::move(moved));
        });
    connect(newScenario_, &QPushButton::clicked, this, [this] { editScenario({}); });
    connect(editScenario_, &QPushButton::clicked, this, [this] {
        if (!selectedScenario().isEmpty()) editScenario(selectedScenario());
    });
    connect(removeScenario_, &QPushButton::clicked, this, [this] {
        const QString scenario = selectedScenario();
        if (scenario.isEmpty()) return;
        document_->apply(tr("Remove scenario %1").arg(scenario),
                         removeScenario(document_->model(), scenario.toStdString()));
    });
    connect(runScenario_, &QPushButton::clicked, this, [this] {
        if (!selectedScenario().isEmpty()) emit runScenarioRequested(selectedScenario());
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

EntityTypeDialog* DesignerView::editEntityType(const QString& entity) {
    auto* dialog = new EntityTypeDialog(document_, entity, table_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

AccessPatternDialog* DesignerView::editAccessPattern(const QString& pattern) {
    auto* dialog = new AccessPatternDialog(document_, pattern, table_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->nameEdit()->text().trimmed();
        showAccessPattern(dialog->tableCombo()->currentText(), name);
    });
    dialog->open();
    return dialog;
}

ScenarioDialog* DesignerView::editScenario(const QString& scenario) {
    auto* dialog = new ScenarioDialog(document_, scenario, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { scenarios_->setCurrentText(dialog->nameEdit()->text().trimmed()); });
    connect(dialog, &ScenarioDialog::runRequested, this, &DesignerView::runScenarioRequested);
    dialog->open();
    return dialog;
}

QString DesignerView::selectedEntityType() const {
    QTreeWidgetItem* item = facets_->entityList()->currentItem();
    if (!item) return {};
    while (item->parent()) item = item->parent();
    return item->text(0);
}

QString DesignerView::selectedAccessPattern() const {
    QTreeWidgetItem* item = patterns_->tree()->currentItem();
    return item ? item->text(0) : QString();
}

QString DesignerView::selectedScenario() const {
    return scenarios_->currentText();
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
    ttl_->setEnabled(t != nullptr);
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
        tableFacts_->setText(facts);
        ttl_->setText(q(t->ttlAttribute.value_or("")));
    } else {
        partition_->setKey({}, {});
        sort_->setKey({}, {});
        keySchema_->setText(tr("The model has no tables yet: add one with “New table…”."));
        tableFacts_->clear();
        ttl_->clear();
    }
    indexes_->setTable(table_);
    patterns_->setAnalysis(model, analyzeModel(model));
    const QString entity = selectedEntityType();
    facets_->setModel(model, table_);
    for (int i = 0; i < facets_->entityList()->topLevelItemCount(); ++i)
        if (facets_->entityList()->topLevelItem(i)->text(0) == entity)
            facets_->entityList()->setCurrentItem(facets_->entityList()->topLevelItem(i));
    {
        const QSignalBlocker block(scenarios_);
        const QString current = scenarios_->currentText();
        scenarios_->clear();
        for (const auto& s : model.scenarios)
            if (s.is_object() && s.contains("name") && s["name"].is_string())
                scenarios_->addItem(q(s["name"].get<std::string>()));
        if (scenarios_->findText(current) >= 0) scenarios_->setCurrentText(current);
    }
    const bool hasScenario = scenarios_->count() > 0;
    editScenario_->setEnabled(hasScenario);
    removeScenario_->setEnabled(hasScenario);
    runScenario_->setEnabled(hasScenario);
    newScenario_->setEnabled(!model.accessPatterns.empty());
    newEntity_->setEnabled(t != nullptr);
    newPattern_->setEnabled(t != nullptr);
}

}  // namespace shardscape
