#include "access_pattern_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "access_pattern_list.h"
#include "attribute_palette.h"
#include "buddy_label.h"
#include "design_document.h"
#include "inline_message.h"
#include "model/access_pattern_analyzer.h"
#include "model/key_condition_form.h"
#include "model/model_design_edit.h"
#include "model/model_json.h"
#include "template_line_edit.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString amount(double value) {
    return QString::number(value, 'g', 4);
}

// "a, b" <-> {"a", "b"}: attribute lists typed as text.
std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out.append(out.empty() ? "" : ", ").append(n);
    return out;
}

std::vector<std::string> names(const QString& text) {
    std::vector<std::string> out;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty()) out.push_back(part.trimmed().toStdString());
    return out;
}
}  // namespace

QStringList AccessPatternDialog::operations() {
    return {
        "GetItem",    "Query",        "Scan",           "PutItem",          "UpdateItem",
        "DeleteItem", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"};
}

AccessPatternDialog::AccessPatternDialog(DesignDocument* document, const QString& pattern,
                                         const QString& table, QWidget* parent)
    : QDialog(parent), document_(document), original_(pattern) {
    setObjectName("accessPatternDialog");
    setWindowTitle(pattern.isEmpty() ? tr("New access pattern")
                                     : tr("Access pattern %1").arg(pattern));
    resize(820, 580);
    const Model& model = document_->model();
    if (const AccessPattern* p = model.findAccessPattern(pattern.toStdString())) {
        base_ = *p;
    } else {
        base_.table = table.toStdString();
        if (base_.table.empty() && !model.tables.empty()) base_.table = model.tables.front().name;
        base_.ratePerSecond = 10;
    }

    auto* outer = new QHBoxLayout(this);
    auto* layout = new QVBoxLayout;
    outer->addLayout(layout, 3);

    auto* form = new QFormLayout;
    name_ = new QLineEdit(q(base_.name), this);
    name_->setObjectName("patternName");
    name_->setPlaceholderText(tr("getCustomer, listOrders, …"));
    form->addRow(buddyLabel(tr("&Name:"), name_), name_);
    description_ = new QLineEdit(q(base_.description), this);
    description_->setObjectName("patternDescription");
    description_->setPlaceholderText(tr("What the application does, in its users' words"));
    form->addRow(buddyLabel(tr("&Description:"), description_), description_);
    operation_ = new QComboBox(this);
    operation_->setObjectName("patternOperation");
    operation_->addItems(operations());
    operation_->setCurrentText(q(base_.operation));
    form->addRow(buddyLabel(tr("&Operation:"), operation_), operation_);
    entity_ = new QComboBox(this);
    entity_->setObjectName("patternEntity");
    entity_->addItem(tr("(none)"), QString());
    for (const auto& e : model.entities) entity_->addItem(q(e.name), q(e.name));
    entity_->setCurrentIndex(std::max(0, entity_->findData(q(base_.entity.value_or("")))));
    form->addRow(buddyLabel(tr("&Entity type:"), entity_), entity_);
    auto* target = new QHBoxLayout;
    table_ = new QComboBox(this);
    table_->setObjectName("patternTable");
    for (const auto& t : model.tables) table_->addItem(q(t.name));
    table_->setCurrentText(q(base_.table));
    index_ = new QComboBox(this);
    index_->setObjectName("patternIndex");
    target->addWidget(table_, 1);
    target->addWidget(buddyLabel(tr("&Index:"), index_));
    target->addWidget(index_, 1);
    form->addRow(buddyLabel(tr("&Table:"), table_), target);
    layout->addLayout(form);

    auto* keyBox = new QGroupBox(tr("Key condition"), this);
    auto* keyForm = new QFormLayout(keyBox);
    auto* partitionRow = new QHBoxLayout;
    partitionKey_ = new QLabel(keyBox);
    partitionKey_->setObjectName("patternPartitionKey");
    partitionValue_ = new TemplateLineEdit(keyBox);
    partitionValue_->setObjectName("patternPartitionValue");
    partitionValue_->setPlaceholderText(
        tr("e.g. CUSTOMER#{customerId}; empty: no key condition (PutItem, Scan)"));
    partitionRow->addWidget(partitionKey_);
    partitionRow->addWidget(new QLabel("=", keyBox));
    partitionRow->addWidget(partitionValue_, 1);
    keyForm->addRow(buddyLabel(tr("&Partition key:"), partitionValue_), partitionRow);
    auto* sortRow = new QHBoxLayout;
    sortKey_ = new QLabel(keyBox);
    sortKey_->setObjectName("patternSortKey");
    sortCondition_ = new QComboBox(keyBox);
    sortCondition_->setObjectName("patternSortCondition");
    for (int c = 0; c < 8; ++c) {
        const auto text = sortConditionText(static_cast<SortCondition>(c));
        sortCondition_->addItem(c == 0 ? tr("(none)") : q(std::string(text)), c);
    }
    sortValue_ = new TemplateLineEdit(keyBox);
    sortValue_->setObjectName("patternSortValue");
    andLabel_ = new QLabel(tr("and"), keyBox);
    sortValueTo_ = new TemplateLineEdit(keyBox);
    sortValueTo_->setObjectName("patternSortValueTo");
    sortRow->addWidget(sortKey_);
    sortRow->addWidget(sortCondition_);
    sortRow->addWidget(sortValue_, 2);
    sortRow->addWidget(andLabel_);
    sortRow->addWidget(sortValueTo_, 1);
    keyForm->addRow(buddyLabel(tr("&Sort key:"), sortCondition_), sortRow);
    fromEntity_ = new QPushButton(tr("Use the entity type's &key templates"), keyBox);
    fromEntity_->setObjectName("patternFromEntity");
    keyForm->addRow(QString(), fromEntity_);
    expression_ = new QLabel(keyBox);
    expression_->setObjectName("patternExpression");
    expression_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    expression_->setStyleSheet("font-family: monospace;");
    expression_->setWordWrap(true);
    keyForm->addRow(tr("Expression:"), expression_);
    layout->addWidget(keyBox);

    auto* readForm = new QFormLayout;
    filter_ = new QLineEdit(q(base_.filter), this);
    filter_->setObjectName("patternFilter");
    filter_->setPlaceholderText(tr("e.g. #status = :open (a #name stands for the attribute name)"));
    readForm->addRow(buddyLabel(tr("&Filter:"), filter_), filter_);
    filterValues_ = new QLineEdit(q(filterValuesText(base_)), this);
    filterValues_->setObjectName("patternFilterValues");
    filterValues_->setPlaceholderText(tr(":open = PLACED; :min = 10"));
    readForm->addRow(buddyLabel(tr("Filter &values:"), filterValues_), filterValues_);
    projection_ = new QLineEdit(q(joined(base_.projection)), this);
    projection_->setObjectName("patternProjection");
    projection_->setPlaceholderText(tr("all attributes; or e.g. orderId, total"));
    projection_->setToolTip(tr("The attributes a read returns (ProjectionExpression)"));
    readForm->addRow(buddyLabel(tr("Pro&jection:"), projection_), projection_);
    updates_ = new QLineEdit(q(joined(base_.updates)), this);
    updates_->setObjectName("patternUpdates");
    updates_->setPlaceholderText(tr("not said: every index the item is in counts as written"));
    updates_->setToolTip(
        tr("The attributes an UpdateItem sets: only the indexes they reach are written "
           "(twice when an index key changes)"));
    readForm->addRow(buddyLabel(tr("U&pdates:"), updates_), updates_);
    auto* numbers = new QHBoxLayout;
    items_ = new QSpinBox(this);
    items_->setObjectName("patternItems");
    items_->setRange(1, 1'000'000);
    items_->setValue(static_cast<int>(std::min<int64_t>(base_.itemsPerRequest, 1'000'000)));
    rate_ = new QDoubleSpinBox(this);
    rate_->setObjectName("patternRate");
    rate_->setRange(0, 1e9);
    rate_->setDecimals(2);
    rate_->setSuffix(tr(" /s"));
    rate_->setValue(base_.ratePerSecond);
    consistent_ = new QCheckBox(tr("&Strongly consistent"), this);
    consistent_->setObjectName("patternConsistent");
    consistent_->setChecked(base_.consistentRead);
    numbers->addWidget(rate_, 1);
    numbers->addWidget(buddyLabel(tr("Items per &request:"), items_));
    numbers->addWidget(items_, 1);
    numbers->addWidget(consistent_);
    readForm->addRow(buddyLabel(tr("R&ate:"), rate_), numbers);
    layout->addLayout(readForm);

    verdict_ = new QLabel(this);
    verdict_->setObjectName("patternVerdict");
    verdict_->setWordWrap(true);
    verdict_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    verdict_->setMinimumHeight(56);
    verdict_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    verdict_->setStyleSheet(
        "QLabel { background: palette(base); border: 1px solid palette(midlight); "
        "border-radius: 4px; padding: 6px; }");
    layout->addWidget(verdict_);
    message_ = inlineMessageLabel("patternMessage", this);
    layout->addWidget(message_);
    layout->addStretch(1);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons_);

    auto* side = new QGroupBox(tr("Entity attributes"), this);
    auto* sideLayout = new QVBoxLayout(side);
    auto* hint = new QLabel(
        tr("Drag one into a key value or press Enter on it to insert {attribute} where the "
           "cursor was."),
        side);
    hint->setWordWrap(true);
    sideLayout->addWidget(hint);
    attributes_ = new AttributeList(side);
    attributes_->setObjectName("patternEntityAttributes");
    sideLayout->addWidget(attributes_, 1);
    outer->addWidget(side, 1);

    refreshIndexes();
    index_->setCurrentIndex(std::max(0, index_->findData(q(base_.index.value_or("")))));
    refreshKeys();
    refreshEntityAttributes();
    if (auto read = readKeyCondition(base_)) {
        partitionValue_->setText(q(read->partitionValue));
        sortCondition_->setCurrentIndex(static_cast<int>(read->sort));
        sortValue_->setText(q(read->sortValue));
        sortValueTo_->setText(q(read->sortValueTo));
    } else {
        message_->setText(tr("The key condition “%1” is not one this form builds; it is kept "
                             "unless you change the key fields.")
                              .arg(q(base_.keyCondition)));
    }
    refreshKeys();
    loading_ = false;

    // The last key value edited takes attributes chosen with the keyboard.
    lastValue_ = partitionValue_;
    for (TemplateLineEdit* edit : {partitionValue_, sortValue_, sortValueTo_}) {
        connect(edit, &TemplateLineEdit::focusedIn, this, [this, edit] { lastValue_ = edit; });
        connect(edit, &QLineEdit::cursorPositionChanged, this, [this, edit] { lastValue_ = edit; });
        connect(edit, &QLineEdit::textChanged, this, &AccessPatternDialog::validate);
    }
    connect(attributes_, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { lastValue_->insertAttribute(item->text(0)); });
    for (QLineEdit* edit : {name_, description_, filter_, filterValues_, projection_, updates_})
        connect(edit, &QLineEdit::textChanged, this, &AccessPatternDialog::validate);
    connect(operation_, &QComboBox::currentIndexChanged, this, [this] {
        updates_->setEnabled(operation_->currentText() == "UpdateItem");
        validate();
    });
    updates_->setEnabled(operation_->currentText() == "UpdateItem");
    connect(entity_, &QComboBox::currentIndexChanged, this, [this] {
        refreshEntityAttributes();
        validate();
    });
    connect(table_, &QComboBox::currentIndexChanged, this, [this] {
        refreshIndexes();
        refreshKeys();
        validate();
    });
    connect(index_, &QComboBox::currentIndexChanged, this, [this] {
        refreshKeys();
        validate();
    });
    connect(sortCondition_, &QComboBox::currentIndexChanged, this, [this] {
        refreshKeys();
        validate();
    });
    connect(consistent_, &QCheckBox::toggled, this, &AccessPatternDialog::validate);
    connect(items_, &QSpinBox::valueChanged, this, &AccessPatternDialog::validate);
    connect(rate_, &QDoubleSpinBox::valueChanged, this, &AccessPatternDialog::validate);
    connect(fromEntity_, &QPushButton::clicked, this, &AccessPatternDialog::fillFromEntity);
    connect(buttons_, &QDialogButtonBox::accepted, this, &AccessPatternDialog::applyAndClose);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setTabOrder(name_, description_);
    setTabOrder(description_, operation_);
    setTabOrder(operation_, entity_);
    setTabOrder(entity_, table_);
    setTabOrder(table_, index_);
    setTabOrder(index_, partitionValue_);
    setTabOrder(partitionValue_, sortCondition_);
    setTabOrder(sortCondition_, sortValue_);
    setTabOrder(sortValue_, sortValueTo_);
    setTabOrder(sortValueTo_, fromEntity_);
    setTabOrder(fromEntity_, filter_);
    setTabOrder(filter_, filterValues_);
    setTabOrder(filterValues_, projection_);
    setTabOrder(projection_, updates_);
    setTabOrder(updates_, rate_);
    setTabOrder(rate_, items_);
    setTabOrder(items_, consistent_);
    setTabOrder(consistent_, buttons_);
    setTabOrder(buttons_, attributes_);
    validate();
    if (!readKeyCondition(base_)) message_->show();
}

QPushButton* AccessPatternDialog::okButton() const {
    return buttons_->button(QDialogButtonBox::Ok);
}

void AccessPatternDialog::refreshIndexes() {
    const QSignalBlocker block(index_);
    const QString current = index_->currentData().toString();
    index_->clear();
    index_->addItem(tr("(table)"), QString());
    if (const ModelTable* t = document_->model().findTable(table_->currentText().toStdString())) {
        for (const auto& i : t->globalSecondaryIndexes)
            index_->addItem(tr("GSI %1").arg(q(i.name)), q(i.name));
        for (const auto& i : t->localSecondaryIndexes)
            index_->addItem(tr("LSI %1").arg(q(i.name)), q(i.name));
    }
    index_->setCurrentIndex(std::max(0, index_->findData(current)));
}

void AccessPatternDialog::refreshKeys() {
    auto keys = patternKeys(document_->model(), table_->currentText().toStdString(),
                            index_->currentData().toString().toStdString());
    partitionKey_->setText(
        keys ? QStringLiteral("<b>%1</b>").arg(q(keys->partitionKey).toHtmlEscaped())
             : tr("(no table)"));
    const bool hasSort = keys && !keys->sortKey.empty();
    sortKey_->setText(hasSort ? QStringLiteral("<b>%1</b>").arg(q(keys->sortKey).toHtmlEscaped())
                              : tr("(none)"));
    sortCondition_->setEnabled(hasSort);
    const auto condition = static_cast<SortCondition>(sortCondition_->currentData().toInt());
    sortValue_->setEnabled(hasSort && condition != SortCondition::None);
    const bool between = condition == SortCondition::Between;
    andLabel_->setVisible(between);
    sortValueTo_->setVisible(between);
}

void AccessPatternDialog::refreshEntityAttributes() {
    attributes_->clear();
    const EntityType* e =
        document_->model().findEntity(entity_->currentData().toString().toStdString());
    fromEntity_->setEnabled(e != nullptr);
    if (!e) return;
    for (const auto& a : e->attributes) {
        auto* row = new QTreeWidgetItem(attributes_);
        row->setText(0, q(a.name));
        row->setText(1, q(a.type));
        row->setText(2, q(e->name));
    }
}

void AccessPatternDialog::fillFromEntity() {
    const EntityType* e =
        document_->model().findEntity(entity_->currentData().toString().toStdString());
    auto keys = patternKeys(document_->model(), table_->currentText().toStdString(),
                            index_->currentData().toString().toStdString());
    if (!e || !keys) return;
    if (const std::string* t = e->keyTemplate(keys->partitionKey)) partitionValue_->setText(q(*t));
    if (!keys->sortKey.empty())
        if (const std::string* t = e->keyTemplate(keys->sortKey)) {
            if (sortCondition_->currentData().toInt() == 0)
                sortCondition_->setCurrentIndex(static_cast<int>(SortCondition::Equal));
            sortValue_->setText(q(*t));
        }
}

Result<AccessPattern> AccessPatternDialog::pattern() const {
    AccessPattern p = base_;
    p.name = name_->text().trimmed().toStdString();
    p.description = description_->text().trimmed().toStdString();
    p.operation = operation_->currentText().toStdString();
    const QString entity = entity_->currentData().toString();
    p.entity = entity.isEmpty() ? std::nullopt : std::optional<std::string>(entity.toStdString());
    p.table = table_->currentText().toStdString();
    const QString index = index_->currentData().toString();
    p.index = index.isEmpty() ? std::nullopt : std::optional<std::string>(index.toStdString());
    p.consistentRead = consistent_->isChecked();
    p.itemsPerRequest = items_->value();
    p.ratePerSecond = rate_->value();
    p.projection = names(projection_->text());
    p.updates = updates_->isEnabled() ? names(updates_->text()) : std::vector<std::string>{};
    KeyConditionForm key;
    auto keys = patternKeys(document_->model(), p.table, index.toStdString());
    if (!keys) return keys.error();
    const QString partitionValue = partitionValue_->text().trimmed();
    const auto condition = static_cast<SortCondition>(sortCondition_->currentData().toInt());
    if (!partitionValue.isEmpty()) {
        key.partitionKey = keys->partitionKey;
        key.partitionValue = partitionValue.toStdString();
        if (!keys->sortKey.empty() && condition != SortCondition::None) {
            key.sortKey = keys->sortKey;
            key.sort = condition;
            key.sortValue = sortValue_->text().trimmed().toStdString();
            key.sortValueTo = sortValueTo_->text().trimmed().toStdString();
            if (key.sortValue.empty() ||
                (condition == SortCondition::Between && key.sortValueTo.empty()))
                return validationError("Give the sort key condition its value");
        }
    } else if (condition != SortCondition::None && !keys->sortKey.empty()) {
        return validationError("A sort key condition needs the partition key's value too");
    }
    // A key condition the form cannot show stays as written until the key fields change.
    const auto read = readKeyCondition(base_);
    if (!read && partitionValue.isEmpty() && condition == SortCondition::None) {
        p.filter = filter_->text().trimmed().toStdString();
        return p;
    }
    return composePattern(std::move(p), key, filter_->text().toStdString(),
                          filterValues_->text().toStdString());
}

void AccessPatternDialog::validate() {
    if (loading_ || !buttons_) return;
    Result<AccessPattern> p = pattern();
    Status status;
    if (p) {
        expression_->setText(p->keyCondition.empty() ? tr("(no key condition)")
                                                     : q(p->keyCondition).toHtmlEscaped());
        auto edited = putAccessPattern(document_->model(), original_.toStdString(), *p);
        if (!edited) {
            status = edited.error();
        } else {
            const ModelAnalysis analysis = analyzeModel(*edited);
            for (const auto& a : analysis.patterns) {
                if (a.pattern != p->name) continue;
                QString cost;
                if (a.readUnitsPerRequest > 0)
                    cost += tr("%1 RCU").arg(amount(a.readUnitsPerRequest));
                if (a.writeUnitsPerRequest > 0) {
                    if (!cost.isEmpty()) cost += " + ";
                    cost += tr("%1 WCU").arg(amount(a.writeUnitsPerRequest));
                }
                QString text = QStringLiteral("<b>%1</b> — %2")
                                   .arg(verdictText(a.verdict), q(a.access).toHtmlEscaped());
                if (!cost.isEmpty()) text += tr(" · %1 per request").arg(cost);
                text += "<br>" + q(a.reason).toHtmlEscaped();
                if (!a.suggestion.empty())
                    text += "<br><span style='color:#2f6fb3'>→ " + q(a.suggestion).toHtmlEscaped() +
                            "</span>";
                verdict_->setText(text);
                const auto name = verdictName(a.verdict);
                verdict_->setProperty(
                    "verdict", QString::fromUtf8(name.data(), static_cast<int>(name.size())));
            }
        }
    } else {
        status = p.error();
    }
    if (!status.ok()) {
        verdict_->setText(tr("No verdict until the pattern is valid."));
        verdict_->setProperty("verdict", QString());
    }
    showStatus(message_, okButton(), status);
}

void AccessPatternDialog::applyAndClose() {
    Result<AccessPattern> p = pattern();
    if (!p) return validate();
    const QString name = q(p->name);
    auto edited = putAccessPattern(document_->model(), original_.toStdString(), *p);
    if (edited && modelToJson(*edited) == modelToJson(document_->model())) return accept();
    const QString text = original_.isEmpty() ? tr("Add access pattern %1").arg(name)
                                             : tr("Edit access pattern %1").arg(name);
    if (document_->apply(text, std::move(edited)))
        accept();
    else
        validate();
}

}  // namespace shardscape
