#include "entity_type_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "buddy_label.h"
#include "design_document.h"
#include "inline_message.h"
#include "model/model_design_edit.h"
#include "model/model_json.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

const QStringList kTypes = {"S", "N", "B", "BOOL", "L", "M", "SS", "NS", "BS", "NULL"};

// A placeholder showing the parameters each generator kind takes.
QString parameterHint(const QString& kind) {
    if (kind == "sequence") return "{\"start\": 1, \"prefix\": \"p-\"}";
    if (kind == "timestamp") return "{\"from\": \"2024-01-01\", \"to\": \"2025-01-01\"}";
    if (kind == "enum") return "{\"values\": [\"A\", \"B\"], \"weights\": [3, 1]}";
    if (kind == "number") return "{\"min\": 0, \"max\": 100, \"decimals\": 0}";
    if (kind == "boolean") return "{\"trueShare\": 0.5}";
    if (kind == "constant") return "{\"value\": \"X\"}";
    if (kind == "pick") return "{\"cardinality\": 1000, \"skew\": \"zipf\", \"prefix\": \"c-\"}";
    if (kind == "map") return "{\"members\": [{\"name\": \"a\", \"type\": \"S\"}]}";
    if (kind == "list") return "{\"element\": {\"type\": \"S\"}, \"length\": 3}";
    return kind.isEmpty() ? QObject::tr("no generator: sample values are not generated")
                          : QObject::tr("no parameters");
}

QString roleText(const QString& key, const QString& role) {
    return QStringLiteral("%1 — %2").arg(key, role);
}
}  // namespace

QStringList EntityTypeDialog::generatorKinds() {
    return {"",       "uuid",    "sequence", "name", "email", "timestamp", "enum",
            "number", "boolean", "constant", "pick", "map",   "list"};
}

EntityTypeDialog::EntityTypeDialog(DesignDocument* document, const QString& entity,
                                   const QString& table, QWidget* parent)
    : QDialog(parent), document_(document), original_(entity) {
    setObjectName("entityTypeDialog");
    setWindowTitle(entity.isEmpty() ? tr("New entity type") : tr("Entity type %1").arg(entity));
    resize(860, 620);
    const Model& model = document_->model();
    if (const EntityType* e = model.findEntity(entity.toStdString())) {
        base_ = *e;
    } else {
        base_.table = table.toStdString();
        if (base_.table.empty() && !model.tables.empty()) base_.table = model.tables.front().name;
    }

    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit(q(base_.name), this);
    name_->setObjectName("entityName");
    name_->setPlaceholderText(tr("Customer, Order, …"));
    form->addRow(buddyLabel(tr("&Name:"), name_), name_);
    table_ = new QComboBox(this);
    table_->setObjectName("entityTable");
    for (const auto& t : model.tables) table_->addItem(q(t.name));
    table_->setCurrentText(q(base_.table));
    form->addRow(buddyLabel(tr("&Table:"), table_), table_);
    auto* sizes = new QHBoxLayout;
    weight_ = new QDoubleSpinBox(this);
    weight_->setObjectName("entityWeight");
    weight_->setRange(0, 1e6);
    weight_->setDecimals(2);
    weight_->setValue(base_.weight);
    weight_->setToolTip(tr("Share of generated sample items, relative to the other entity types"));
    expected_ = new QDoubleSpinBox(this);
    expected_->setObjectName("entityExpectedItems");
    expected_->setRange(0, 1e15);
    expected_->setDecimals(0);
    expected_->setGroupSeparatorShown(true);
    expected_->setSpecialValueText(tr("not estimated"));
    expected_->setValue(base_.expectedItems);
    expected_->setToolTip(
        tr("How many items of this type production will hold (item-collection "
           "growth and table size)"));
    sizes->addWidget(weight_);
    auto* expectedLabel = buddyLabel(tr("&Expected items:"), expected_);
    sizes->addWidget(expectedLabel);
    sizes->addWidget(expected_, 1);
    form->addRow(buddyLabel(tr("&Weight:"), weight_), sizes);
    layout->addLayout(form);

    auto* attributesBox = new QGroupBox(tr("Attributes"), this);
    auto* attributesLayout = new QVBoxLayout(attributesBox);
    attributes_ = new QTableWidget(0, 4, attributesBox);
    attributes_->setObjectName("entityAttributes");
    attributes_->setHorizontalHeaderLabels(
        {tr("Name"), tr("Type"), tr("Generator"), tr("Generator parameters (JSON object)")});
    attributes_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    attributes_->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    attributes_->setColumnWidth(0, 150);
    attributes_->setColumnWidth(1, 70);
    attributes_->setColumnWidth(2, 110);
    attributes_->verticalHeader()->hide();
    attributes_->setSelectionBehavior(QAbstractItemView::SelectRows);
    attributes_->setTabKeyNavigation(false);
    attributesLayout->addWidget(attributes_, 1);
    auto* attributeButtons = new QHBoxLayout;
    addAttribute_ = new QPushButton(tr("&Add attribute"), attributesBox);
    addAttribute_->setObjectName("addEntityAttribute");
    removeAttribute_ = new QPushButton(tr("&Remove attribute"), attributesBox);
    removeAttribute_->setObjectName("removeEntityAttribute");
    attributeButtons->addWidget(addAttribute_);
    attributeButtons->addWidget(removeAttribute_);
    attributeButtons->addStretch(1);
    attributesLayout->addLayout(attributeButtons);
    layout->addWidget(attributesBox, 1);

    auto* templatesBox = new QGroupBox(tr("Key templates"), this);
    templatesBox->setToolTip(
        tr("Literal text with {attribute} variables, e.g. CUSTOMER#{customerId}; empty: this "
           "entity type gives the key no value (it is not in that index)"));
    templates_ = new QFormLayout(templatesBox);
    layout->addWidget(templatesBox);

    message_ = inlineMessageLabel("entityMessage", this);
    layout->addWidget(message_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons_);

    for (const auto& a : base_.attributes) {
        QString kind, parameters;
        if (a.generator.is_object()) {
            OrderedJson rest = a.generator;
            kind = q(rest.value("kind", std::string()));
            rest.erase("kind");
            if (!rest.empty()) parameters = q(rest.dump());
        }
        addAttributeRow(q(a.name), q(a.type), kind, parameters);
    }
    rebuildTemplates();

    connect(name_, &QLineEdit::textChanged, this, &EntityTypeDialog::validate);
    connect(table_, &QComboBox::currentTextChanged, this, [this] {
        rebuildTemplates();
        validate();
    });
    connect(weight_, &QDoubleSpinBox::valueChanged, this, &EntityTypeDialog::validate);
    connect(expected_, &QDoubleSpinBox::valueChanged, this, &EntityTypeDialog::validate);
    connect(addAttribute_, &QPushButton::clicked, this, [this] {
        addAttributeRow({}, "S");
        attributeName(attributes_->rowCount() - 1)->setFocus();
    });
    connect(removeAttribute_, &QPushButton::clicked, this, [this] {
        const int row = attributes_->currentRow();
        if (row < 0) return;
        attributes_->removeRow(row);
        validate();
    });
    connect(buttons_, &QDialogButtonBox::accepted, this, &EntityTypeDialog::applyAndClose);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void EntityTypeDialog::addAttributeRow(const QString& name, const QString& type,
                                       const QString& kind, const QString& parameters) {
    const int row = attributes_->rowCount();
    attributes_->insertRow(row);
    auto* nameEdit = new QLineEdit(name, attributes_);
    nameEdit->setFrame(false);
    nameEdit->setAccessibleName(tr("Attribute name"));
    auto* typeCombo = new QComboBox(attributes_);
    typeCombo->addItems(kTypes);
    typeCombo->setCurrentText(type.isEmpty() ? "S" : type);
    typeCombo->setAccessibleName(tr("Attribute type"));
    auto* kindCombo = new QComboBox(attributes_);
    for (const QString& k : generatorKinds()) kindCombo->addItem(k.isEmpty() ? tr("(none)") : k, k);
    kindCombo->setCurrentIndex(std::max(0, static_cast<int>(generatorKinds().indexOf(kind))));
    kindCombo->setAccessibleName(tr("Sample generator"));
    auto* parametersEdit = new QLineEdit(parameters, attributes_);
    parametersEdit->setCursorPosition(0);
    parametersEdit->setToolTip(parameters);
    parametersEdit->setFrame(false);
    parametersEdit->setPlaceholderText(parameterHint(kind));
    parametersEdit->setAccessibleName(tr("Generator parameters"));
    attributes_->setCellWidget(row, 0, nameEdit);
    attributes_->setCellWidget(row, 1, typeCombo);
    attributes_->setCellWidget(row, 2, kindCombo);
    attributes_->setCellWidget(row, 3, parametersEdit);
    // Focus goes along the row, then to the next row, then to the buttons.
    QWidget* before = row > 0 ? attributes_->cellWidget(row - 1, 3) : attributes_;
    setTabOrder(before, nameEdit);
    setTabOrder(nameEdit, typeCombo);
    setTabOrder(typeCombo, kindCombo);
    setTabOrder(kindCombo, parametersEdit);
    setTabOrder(parametersEdit, addAttribute_);
    auto focusRow = [this, nameEdit] {
        for (int r = 0; r < attributes_->rowCount(); ++r)
            if (attributes_->cellWidget(r, 0) == nameEdit) attributes_->setCurrentCell(r, 0);
    };
    connect(nameEdit, &QLineEdit::textChanged, this, [this, focusRow] {
        focusRow();
        validate();
    });
    connect(typeCombo, &QComboBox::currentTextChanged, this, &EntityTypeDialog::validate);
    connect(kindCombo, &QComboBox::currentIndexChanged, this, [this, kindCombo, parametersEdit] {
        parametersEdit->setPlaceholderText(parameterHint(kindCombo->currentData().toString()));
        validate();
    });
    connect(parametersEdit, &QLineEdit::textChanged, this, &EntityTypeDialog::validate);
    validate();
}

QLineEdit* EntityTypeDialog::attributeName(int row) const {
    return qobject_cast<QLineEdit*>(attributes_->cellWidget(row, 0));
}
QComboBox* EntityTypeDialog::attributeType(int row) const {
    return qobject_cast<QComboBox*>(attributes_->cellWidget(row, 1));
}
QComboBox* EntityTypeDialog::generatorKind(int row) const {
    return qobject_cast<QComboBox*>(attributes_->cellWidget(row, 2));
}
QLineEdit* EntityTypeDialog::generatorParameters(int row) const {
    return qobject_cast<QLineEdit*>(attributes_->cellWidget(row, 3));
}

QLineEdit* EntityTypeDialog::templateEdit(const QString& keyAttribute) const {
    for (const auto& [key, edit] : templateEdits_)
        if (key == keyAttribute) return edit;
    return nullptr;
}

QPushButton* EntityTypeDialog::okButton() const {
    return buttons_->button(QDialogButtonBox::Ok);
}

void EntityTypeDialog::rebuildTemplates() {
    QMap<QString, QString> texts;
    for (const auto& [key, edit] : templateEdits_) texts[key] = edit->text();
    if (templateEdits_.isEmpty())
        for (const auto& [key, text] : base_.keyTemplates) texts[q(key)] = q(text);
    while (templates_->rowCount() > 0) templates_->removeRow(0);
    templateEdits_.clear();
    const ModelTable* t = document_->model().findTable(table_->currentText().toStdString());
    if (!t) return;
    QList<QPair<QString, QString>> keys;  // attribute, role
    auto addKey = [&](const std::string& key, const QString& role) {
        for (const auto& k : keys)
            if (k.first == q(key)) return;
        keys.append({q(key), role});
    };
    addKey(t->partitionKey, tr("partition key of %1").arg(q(t->name)));
    if (t->sortKey) addKey(*t->sortKey, tr("sort key of %1").arg(q(t->name)));
    for (const auto* list : {&t->globalSecondaryIndexes, &t->localSecondaryIndexes})
        for (const auto& i : *list) {
            addKey(i.partitionKey, tr("partition key of %1").arg(q(i.name)));
            if (i.sortKey) addKey(*i.sortKey, tr("sort key of %1").arg(q(i.name)));
        }
    QWidget* previous = removeAttribute_;
    for (const auto& [key, role] : keys) {
        auto* edit = new QLineEdit(texts.value(key), this);
        edit->setObjectName("template_" + key);
        const bool tableKey = t->isKeyAttributeOfTable(key.toStdString());
        edit->setPlaceholderText(tableKey ? tr("required, e.g. TYPE#{id}")
                                          : tr("empty: items of this type are not in this index"));
        const QString type = q(t->definedType(key.toStdString()));
        auto* label = buddyLabel(roleText(key, role) + QStringLiteral(" (%1):").arg(type), edit);
        templates_->addRow(label, edit);
        templateEdits_.append({key, edit});
        setTabOrder(previous, edit);
        previous = edit;
        connect(edit, &QLineEdit::textChanged, this, &EntityTypeDialog::validate);
    }
    setTabOrder(previous, buttons_);
}

Result<EntityType> EntityTypeDialog::entity() const {
    EntityType e = base_;
    e.name = name_->text().trimmed().toStdString();
    e.table = table_->currentText().toStdString();
    e.weight = weight_->value();
    e.expectedItems = expected_->value();
    e.attributes.clear();
    for (int r = 0; r < attributes_->rowCount(); ++r) {
        ModelAttribute a;
        a.name = attributeName(r)->text().trimmed().toStdString();
        a.type = attributeType(r)->currentText().toStdString();
        // An attribute keeps the members this version does not know.
        if (const ModelAttribute* old = base_.findAttribute(a.name)) a.extra = old->extra;
        const QString kind = generatorKind(r)->currentData().toString();
        const QString parameters = generatorParameters(r)->text().trimmed();
        if (!kind.isEmpty()) {
            OrderedJson generator = OrderedJson::object();
            generator["kind"] = kind.toStdString();
            if (!parameters.isEmpty()) {
                OrderedJson parsed = OrderedJson::parse(parameters.toStdString(), nullptr, false);
                if (!parsed.is_object())
                    return validationError("The generator parameters of " +
                                           (a.name.empty()
                                                ? std::string("attribute ") + std::to_string(r + 1)
                                                : a.name) +
                                           " are not a JSON object: write {\"member\": value, …}");
                for (auto it = parsed.begin(); it != parsed.end(); ++it)
                    if (it.key() != "kind") generator[it.key()] = it.value();
            }
            a.generator = std::move(generator);
        } else if (!parameters.isEmpty()) {
            return validationError("Choose a generator for " + a.name +
                                   " before giving it parameters");
        }
        e.attributes.push_back(std::move(a));
    }
    // Templates keep the order the entity type had; new ones follow in key order.
    std::vector<std::pair<std::string, std::string>> templates;
    for (const auto& [key, text] : base_.keyTemplates)
        if (QLineEdit* edit = templateEdit(q(key)); edit && !edit->text().trimmed().isEmpty())
            templates.emplace_back(key, edit->text().trimmed().toStdString());
    for (const auto& [key, edit] : templateEdits_) {
        const std::string k = key.toStdString();
        if (edit->text().trimmed().isEmpty() || base_.keyTemplate(k)) continue;
        templates.emplace_back(k, edit->text().trimmed().toStdString());
    }
    e.keyTemplates = std::move(templates);
    return e;
}

void EntityTypeDialog::validate() {
    if (!buttons_) return;
    Result<EntityType> e = entity();
    Status status;
    if (!e)
        status = e.error();
    else if (auto edited = putEntityType(document_->model(), original_.toStdString(), *e); !edited)
        status = edited.error();
    showStatus(message_, okButton(), status);
}

void EntityTypeDialog::applyAndClose() {
    Result<EntityType> e = entity();
    if (!e) {
        validate();
        return;
    }
    const QString name = q(e->name);
    const QString text = original_.isEmpty() ? tr("Add entity type %1").arg(name)
                                             : tr("Edit entity type %1").arg(name);
    auto edited = putEntityType(document_->model(), original_.toStdString(), *e);
    // OK without a change adds nothing to the undo history.
    if (edited && modelToJson(*edited) == modelToJson(document_->model())) return accept();
    if (document_->apply(text, std::move(edited)))
        accept();
    else
        validate();
}

}  // namespace shardscape
