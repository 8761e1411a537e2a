#include "item_editor.h"

#include <algorithm>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "backend/backend.h"

namespace shardscape {

namespace {

enum Column { NameColumn, TypeColumn, ValueColumn };

QString keyLabel(const KeyAttribute& key) {
    return QString::fromStdString(key.name) + " (" +
           QString::fromUtf8(valueTypeName(key.type).data()) + ")";
}

}  // namespace

ItemEditor::ItemEditor(std::shared_ptr<Backend> backend,
                       std::shared_ptr<const TableDefinition> tableDefinition, const QString& table,
                       std::optional<Item> original, QWidget* parent)
    : QDialog(parent),
      backend_(std::move(backend)),
      definition_(std::move(tableDefinition)),
      table_(table),
      original_(std::move(original)) {
    setObjectName("itemEditor");
    setWindowTitle(original_ ? tr("Edit item — %1").arg(table) : tr("New item — %1").arg(table));
    resize(640, 460);
    const auto& definition = definition_;

    auto* layout = new QVBoxLayout(this);
    QString keys;
    if (definition) {
        keyNames_.push_back(definition->partitionKey.name);
        keyTypes_[QString::fromStdString(definition->partitionKey.name)] =
            QString::fromUtf8(valueTypeName(definition->partitionKey.type).data());
        keys = tr("Partition key %1").arg(keyLabel(definition->partitionKey));
        if (definition->sortKey) {
            keyNames_.push_back(definition->sortKey->name);
            keyTypes_[QString::fromStdString(definition->sortKey->name)] =
                QString::fromUtf8(valueTypeName(definition->sortKey->type).data());
            keys += tr(" · sort key %1").arg(keyLabel(*definition->sortKey));
        }
    }
    auto* headingRow = new QHBoxLayout;
    auto* heading = new QLabel(tr("<b>%1</b>").arg(table.toHtmlEscaped()), this);
    heading->setTextFormat(Qt::RichText);
    auto* keyText = new QLabel(keys, this);
    keyText->setEnabled(false);  // the palette's quieter text colour
    headingRow->addWidget(heading);
    headingRow->addSpacing(8);
    headingRow->addWidget(keyText, 1);
    layout->addLayout(headingRow);

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName("editorTabs");
    auto* formPage = new QWidget(tabs_);
    auto* formLayout = new QVBoxLayout(formPage);
    form_ = new QTableWidget(0, 3, formPage);
    form_->setObjectName("editorForm");
    form_->setHorizontalHeaderLabels({tr("Attribute"), tr("Type"), tr("Value")});
    form_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    form_->horizontalHeader()->setSectionResizeMode(TypeColumn, QHeaderView::Fixed);
    form_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    form_->setColumnWidth(NameColumn, 160);
    form_->setColumnWidth(TypeColumn, 86);
    form_->verticalHeader()->setDefaultSectionSize(form_->fontMetrics().height() + 14);
    form_->setSelectionBehavior(QAbstractItemView::SelectRows);
    form_->setAlternatingRowColors(true);
    formLayout->addWidget(form_, 1);
    auto* formButtons = new QHBoxLayout;
    addButton_ = new QPushButton(tr("&Add attribute"), formPage);
    addButton_->setObjectName("addAttribute");
    removeButton_ = new QPushButton(tr("&Remove attribute"), formPage);
    removeButton_->setObjectName("removeAttribute");
    formButtons->addWidget(addButton_);
    formButtons->addWidget(removeButton_);
    formButtons->addStretch(1);
    auto* hint =
        new QLabel(tr("L, M: DynamoDB JSON · SS, NS, BS: [\"a\", \"b\"] · B: base64"), formPage);
    hint->setEnabled(false);
    formButtons->addWidget(hint);
    formLayout->addLayout(formButtons);
    tabs_->addTab(formPage, tr("Form"));

    json_ = new QPlainTextEdit(tabs_);
    json_->setObjectName("editorJson");
    json_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    json_->setTabChangesFocus(true);
    tabs_->addTab(json_, tr("DynamoDB JSON"));
    layout->addWidget(tabs_, 1);

    error_ = new QLabel(this);
    error_->setObjectName("editorError");
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet("QLabel { color: #c62828; }");
    layout->addWidget(error_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    saveButton_ = buttons->button(QDialogButtonBox::Save);
    layout->addWidget(buttons);

    // The rows: the item's, or the empty key attributes of a new item.
    std::vector<ItemFormRow> rows;
    if (original_) {
        rows = itemFormRows(*original_, definition.get());
    } else if (definition) {
        rows.push_back({definition->partitionKey.name,
                        std::string(valueTypeName(definition->partitionKey.type)), ""});
        if (definition->sortKey)
            rows.push_back({definition->sortKey->name,
                            std::string(valueTypeName(definition->sortKey->type)), ""});
    }
    setRows(rows);

    connect(addButton_, &QPushButton::clicked, this, [this] {
        const int row = addAttribute();
        form_->setCurrentCell(row, NameColumn);
        form_->editItem(form_->item(row, NameColumn));
    });
    connect(removeButton_, &QPushButton::clicked, this,
            [this] { removeAttribute(form_->currentRow()); });
    connect(form_, &QTableWidget::itemChanged, this, [this] {
        if (!syncing_) validate();
    });
    connect(form_, &QTableWidget::currentCellChanged, this,
            [this](int row) { removeButton_->setEnabled(row >= 0 && !isKeyRow(row)); });
    connect(json_, &QPlainTextEdit::textChanged, this, [this] {
        if (!syncing_) validate();
    });
    connect(tabs_, &QTabWidget::currentChanged, this, &ItemEditor::tabChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    removeButton_->setEnabled(false);
    validate();
}

bool ItemEditor::isKeyRow(int row) const {
    if (row < 0 || row >= form_->rowCount() || !form_->item(row, NameColumn)) return false;
    const std::string name = form_->item(row, NameColumn)->text().toStdString();
    return std::find(keyNames_.begin(), keyNames_.end(), name) != keyNames_.end() &&
           !(form_->item(row, NameColumn)->flags() & Qt::ItemIsEditable);
}

int ItemEditor::addAttribute(const QString& name, const QString& type, const QString& text) {
    const int row = form_->rowCount();
    const bool wasSyncing = syncing_;
    syncing_ = true;
    form_->insertRow(row);
    auto* nameItem = new QTableWidgetItem(name);
    auto* valueItem = new QTableWidgetItem(text);
    auto* typeBox = new QComboBox(form_);
    for (const auto& t : itemFormTypes()) typeBox->addItem(QString::fromStdString(t));
    typeBox->setCurrentText(type);
    const bool key =
        std::find(keyNames_.begin(), keyNames_.end(), name.toStdString()) != keyNames_.end();
    if (key) {
        // Key attributes are required: their name and type are the table's.
        nameItem->setFlags(nameItem->flags() & ~Qt::ItemIsEditable);
        QFont bold = nameItem->font();
        bold.setBold(true);
        nameItem->setFont(bold);
        nameItem->setToolTip(tr("Key attribute (required)"));
        // The key's type is the table's; a wrong one (typed in the JSON tab) stays
        // changeable so the form can fix it.
        typeBox->setEnabled(type != keyTypes_.value(name));
        // An existing item keeps its key, as UpdateItem does.
        if (original_) valueItem->setFlags(valueItem->flags() & ~Qt::ItemIsEditable);
        const bool partition = !keyNames_.empty() && keyNames_[0] == name.toStdString();
        form_->setVerticalHeaderItem(row, new QTableWidgetItem(partition ? tr("PK") : tr("SK")));
    } else {
        form_->setVerticalHeaderItem(row, new QTableWidgetItem(QString()));
    }
    form_->setItem(row, NameColumn, nameItem);
    form_->setCellWidget(row, TypeColumn, typeBox);
    form_->setItem(row, ValueColumn, valueItem);
    connect(typeBox, &QComboBox::currentTextChanged, this, [this] {
        if (!syncing_) validate();
    });
    syncing_ = wasSyncing;
    if (!syncing_) validate();
    return row;
}

void ItemEditor::removeAttribute(int row) {
    if (row < 0 || row >= form_->rowCount() || isKeyRow(row)) return;
    form_->removeRow(row);
    validate();
}

void ItemEditor::setFormRow(int row, const QString& name, const QString& type,
                            const QString& text) {
    if (row < 0 || row >= form_->rowCount()) return;
    syncing_ = true;
    if (form_->item(row, NameColumn)->flags() & Qt::ItemIsEditable)
        form_->item(row, NameColumn)->setText(name);
    if (auto* box = qobject_cast<QComboBox*>(form_->cellWidget(row, TypeColumn));
        box && box->isEnabled())
        box->setCurrentText(type);
    form_->item(row, ValueColumn)->setText(text);
    syncing_ = false;
    validate();
}

void ItemEditor::setRows(const std::vector<ItemFormRow>& rows) {
    // The key attributes lead, present or (for a JSON item that lacks one) empty.
    std::vector<ItemFormRow> ordered;
    if (const auto& definition = definition_) {
        std::vector<const KeyAttribute*> keys = {&definition->partitionKey};
        if (definition->sortKey) keys.push_back(&*definition->sortKey);
        for (const KeyAttribute* key : keys) {
            auto it = std::find_if(rows.begin(), rows.end(),
                                   [&](const ItemFormRow& row) { return row.name == key->name; });
            ordered.push_back(
                it != rows.end()
                    ? *it
                    : ItemFormRow{key->name, std::string(valueTypeName(key->type)), ""});
        }
    }
    for (const auto& row : rows)
        if (std::find(keyNames_.begin(), keyNames_.end(), row.name) == keyNames_.end())
            ordered.push_back(row);
    const bool wasSyncing = syncing_;
    syncing_ = true;
    form_->setRowCount(0);
    for (const auto& row : ordered)
        addAttribute(QString::fromStdString(row.name), QString::fromStdString(row.type),
                     QString::fromStdString(row.text));
    syncing_ = wasSyncing;
}

std::vector<ItemFormRow> ItemEditor::rows() const {
    std::vector<ItemFormRow> rows;
    for (int r = 0; r < form_->rowCount(); ++r) {
        auto* box = qobject_cast<QComboBox*>(form_->cellWidget(r, TypeColumn));
        rows.push_back({form_->item(r, NameColumn)->text().toStdString(),
                        box ? box->currentText().toStdString() : "S",
                        form_->item(r, ValueColumn)->text().toStdString()});
    }
    return rows;
}

ItemFormResult ItemEditor::currentItem() const {
    if (tabs_->currentIndex() == 0) return itemFromFormRows(rows());
    ItemFormResult result;
    const Json json = Json::parse(json_->toPlainText().toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        result.error.message =
            tr("The item is not a JSON object such as {\"id\": {\"S\": \"1\"}}").toStdString();
        return result;
    }
    auto item = itemFromJson(json);
    if (!item) {
        result.error.message = item.error().message;
        return result;
    }
    result.item = std::move(item).value();
    return result;
}

void ItemEditor::showError(const QString& message, int row) {
    error_->setText(message);
    for (int r = 0; r < form_->rowCount(); ++r) {
        QTableWidgetItem* value = form_->item(r, ValueColumn);
        if (!value) continue;
        value->setData(Qt::BackgroundRole,
                       r == row ? QVariant(QColor(198, 40, 40, 60)) : QVariant());
        value->setToolTip(r == row ? message : QString());
    }
}

bool ItemEditor::validate() {
    const bool wasSyncing = syncing_;
    syncing_ = true;  // the error highlight edits the form: no re-validation for it
    const ItemFormResult current = currentItem();
    bool ok = false;
    if (!current.item) {
        showError(QString::fromStdString(current.error.message), current.error.row);
    } else if (!definition_) {
        showError(tr("Table %1 does not exist").arg(table_));
    } else {
        Status valid = checkItemForTable(*definition_, *current.item);
        if (valid && original_) valid = checkKeyUnchanged(*definition_, *original_, *current.item);
        if (!valid) {
            // Point at the key row the message names, when it names one.
            int row = -1;
            for (int r = 0; r < form_->rowCount() && tabs_->currentIndex() == 0; ++r)
                if (QString::fromStdString(valid.error().message)
                        .contains(QRegularExpression(
                            "\\b" + QRegularExpression::escape(form_->item(r, NameColumn)->text()) +
                            "\\b")))
                    row = row < 0 ? r : row;
            showError(QString::fromStdString(valid.error().message), row);
        } else {
            showError({});
            ok = true;
        }
    }
    saveButton_->setEnabled(ok);
    syncing_ = wasSyncing;
    return ok;
}

void ItemEditor::tabChanged(int index) {
    if (index == shownTab_) return;
    // Convert what the tab being left holds; stay there when it is not an item.
    ItemFormResult current;
    if (shownTab_ == 0) {
        current = itemFromFormRows(rows());
    } else {
        const Json json = Json::parse(json_->toPlainText().toStdString(), nullptr, false);
        if (json.is_discarded() || !json.is_object()) {
            current.error.message =
                tr("The item is not a JSON object such as {\"id\": {\"S\": \"1\"}}").toStdString();
        } else if (auto item = itemFromJson(json); !item) {
            current.error.message = item.error().message;
        } else {
            current.item = std::move(item).value();
        }
    }
    if (!current.item) {
        QSignalBlocker block(tabs_);
        tabs_->setCurrentIndex(shownTab_);
        showError(QString::fromStdString(current.error.message), current.error.row);
        return;
    }
    syncing_ = true;
    if (index == 1) {
        json_->setPlainText(QString::fromStdString(itemToJson(*current.item).dump(2)));
    } else {
        setRows(itemFormRows(*current.item, definition_.get()));
    }
    syncing_ = false;
    shownTab_ = index;
    validate();
}

bool ItemEditor::save() {
    if (!validate()) return false;
    const Item item = *currentItem().item;
    Json request = {{"TableName", table_.toStdString()}, {"Item", itemToJson(item)}};
    if (!original_) {
        request["ConditionExpression"] = "attribute_not_exists(#key)";
        request["ExpressionAttributeNames"] = {{"#key", keyNames_.at(0)}};
    }
    auto written = backend_->call("PutItem", request);
    if (!written && written.error().type == ErrorType::ConditionalCheckFailed) {
        const auto answer = QMessageBox::question(
            this, tr("Replace item?"),
            tr("An item with this key already exists in %1. Replace it with this one?").arg(table_),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            showError(tr("Not saved: an item with this key already exists."));
            return false;
        }
        request.erase("ConditionExpression");
        request.erase("ExpressionAttributeNames");
        written = backend_->call("PutItem", request);
    }
    if (!written) {
        showError(QString::fromStdString(written.error().name() + ": " + written.error().message));
        return false;
    }
    emit saved(item);
    accept();
    return true;
}

}  // namespace shardscape
