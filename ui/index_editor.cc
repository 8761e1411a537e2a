#include "index_editor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

#include "access_pattern_list.h"
#include "design_document.h"
#include "key_slot.h"
#include "model/model_design_edit.h"
#include "model/model_edit.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

QString keysText(const ModelIndex& i) {
    QString out = q(i.partitionKey);
    if (i.sortKey) out += ", " + q(*i.sortKey);
    return out;
}
}  // namespace

IndexEditor::IndexEditor(DesignDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* left = new QVBoxLayout;
    list_ = new QListWidget(this);
    list_->setObjectName("indexList");
    list_->setMinimumWidth(200);
    left->addWidget(list_, 1);
    auto* buttons = new QHBoxLayout;
    addGlobal_ = new QPushButton(tr("+ GSI"), this);
    addGlobal_->setObjectName("addGsi");
    addGlobal_->setToolTip(tr("Add a global secondary index (up to 20 per table)"));
    addLocal_ = new QPushButton(tr("+ LSI"), this);
    addLocal_->setObjectName("addLsi");
    addLocal_->setToolTip(
        tr("Add a local secondary index (up to 5; same partition key as the table; created "
           "with the table)"));
    delete_ = new QPushButton(tr("Delete"), this);
    delete_->setObjectName("deleteIndex");
    buttons->addWidget(addGlobal_);
    buttons->addWidget(addLocal_);
    buttons->addWidget(delete_);
    left->addLayout(buttons);
    layout->addLayout(left);

    details_ = new QGroupBox(tr("Index"), this);
    auto* form = new QVBoxLayout(details_);
    auto* nameRow = new QHBoxLayout;
    name_ = new QLineEdit(details_);
    name_->setObjectName("indexName");
    kind_ = new QLabel(details_);
    kind_->setStyleSheet("color: palette(mid);");
    nameRow->addWidget(new QLabel(tr("Name"), details_));
    nameRow->addWidget(name_, 1);
    nameRow->addWidget(kind_);
    form->addLayout(nameRow);
    auto* keySlots = new QHBoxLayout;
    partition_ = new KeySlot(tr("Partition key"), false, details_);
    partition_->setObjectName("indexPartitionSlot");
    sort_ = new KeySlot(tr("Sort key"), true, details_);
    sort_->setObjectName("indexSortSlot");
    keySlots->addWidget(partition_);
    keySlots->addWidget(sort_);
    form->addLayout(keySlots);
    auto* projectionRow = new QHBoxLayout;
    projection_ = new QComboBox(details_);
    projection_->setObjectName("projectionType");
    projection_->addItems({"ALL", "KEYS_ONLY", "INCLUDE"});
    projectionRow->addWidget(new QLabel(tr("Projection"), details_));
    projectionRow->addWidget(projection_, 1);
    form->addLayout(projectionRow);
    nonKey_ = new QListWidget(details_);
    nonKey_->setObjectName("nonKeyAttributes");
    nonKey_->setToolTip(
        tr("Non-key attributes an INCLUDE projection copies into the index "
           "(at most 100 over all the table's indexes)"));
    nonKey_->setMaximumHeight(110);
    form->addWidget(nonKey_);
    form->addStretch(1);
    layout->addWidget(details_, 1);

    list_->setAcceptDrops(true);
    list_->viewport()->installEventFilter(this);
    list_->setToolTip(tr("Drop an access pattern here to make it use the index"));
    nonKey_->setAcceptDrops(true);
    nonKey_->viewport()->installEventFilter(this);
    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (updating_) return;
        selected_ = row >= 0 ? list_->item(row)->data(Qt::UserRole).toString() : QString();
        showSelected();
    });
    connect(addGlobal_, &QPushButton::clicked, this, [this] { add(false); });
    connect(addLocal_, &QPushButton::clicked, this, [this] { add(true); });
    connect(delete_, &QPushButton::clicked, this, [this] {
        if (selected_.isEmpty()) return;
        const QString name = selected_;
        document_->apply(tr("Delete index %1").arg(name),
                         removeIndex(document_->model(), table_.toStdString(), name.toStdString()));
    });
    connect(name_, &QLineEdit::editingFinished, this, [this] {
        const ModelIndex* i = index();
        if (!i || updating_ || name_->text() == q(i->name)) return;
        ModelIndex edited = *i;
        const QString old = selected_;
        edited.name = name_->text().trimmed().toStdString();
        selected_ = q(edited.name);
        if (!document_->apply(tr("Rename index %1").arg(old),
                              replaceIndex(document_->model(), table_.toStdString(),
                                           old.toStdString(), edited))) {
            selected_ = old;
            showSelected();
        }
    });
    auto setKey = [this](KeyRole role, const QString& attribute, const QString& type) {
        if (selected_.isEmpty()) return;
        document_->apply(
            tr("Set %1 key of %2 to %3")
                .arg(role == KeyRole::Partition ? tr("partition") : tr("sort"), selected_,
                     attribute.isEmpty() ? tr("none") : attribute),
            setKeyAttribute(document_->model(), table_.toStdString(), selected_.toStdString(), role,
                            attribute.toStdString(), type.toStdString()));
    };
    connect(partition_, &KeySlot::keyChosen, this,
            [setKey](const QString& n, const QString& t) { setKey(KeyRole::Partition, n, t); });
    connect(sort_, &KeySlot::keyChosen, this,
            [setKey](const QString& n, const QString& t) { setKey(KeyRole::Sort, n, t); });
    connect(projection_, &QComboBox::activated, this, [this] {
        const ModelIndex* i = index();
        if (!i || projection_->currentText() == q(i->projection.type)) return;
        ModelIndex edited = *i;
        edited.projection.type = projection_->currentText().toStdString();
        if (edited.projection.type != "INCLUDE") {
            edited.projection.nonKeyAttributes.clear();
        } else if (edited.projection.nonKeyAttributes.empty()) {
            // INCLUDE needs at least one attribute: start with the first non-key one.
            for (int r = 0; r < nonKey_->count(); ++r) {
                edited.projection.nonKeyAttributes.push_back(
                    nonKey_->item(r)->text().toStdString());
                break;
            }
        }
        replaceWith(tr("Set projection of %1 to %2").arg(selected_, projection_->currentText()),
                    edited);
    });
    connect(nonKey_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const ModelIndex* i = index();
        if (!i || updating_) return;
        ModelIndex edited = *i;
        auto& names = edited.projection.nonKeyAttributes;
        const std::string name = item->text().toStdString();
        const bool on = item->checkState() == Qt::Checked;
        names.erase(std::remove(names.begin(), names.end(), name), names.end());
        if (on) names.push_back(name);
        edited.projection.type = names.empty() ? "KEYS_ONLY" : "INCLUDE";
        if (i->projection.type == "ALL" && on) edited.projection.type = "INCLUDE";
        replaceWith(on ? tr("Project %1 into %2").arg(item->text(), selected_)
                       : tr("Stop projecting %1 into %2").arg(item->text(), selected_),
                    edited);
    });
}

bool IndexEditor::eventFilter(QObject* watched, QEvent* event) {
    const bool onIndexes = watched == list_->viewport();
    const bool onProjection = watched == nonKey_->viewport();
    if (!onIndexes && !onProjection) return QWidget::eventFilter(watched, event);
    const char* wanted = onIndexes ? kAccessPatternMimeType : kAttributeMimeType;
    switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto* drag = static_cast<QDragMoveEvent*>(event);
            const bool onItem = !onIndexes || list_->itemAt(drag->position().toPoint()) != nullptr;
            if (drag->mimeData()->hasFormat(wanted) && onItem && index() != nullptr) {
                drag->setDropAction(Qt::CopyAction);
                drag->accept();
            } else {
                drag->ignore();
            }
            return true;
        }
        case QEvent::Drop: {
            auto* drop = static_cast<QDropEvent*>(event);
            if (!drop->mimeData()->hasFormat(wanted)) return true;
            drop->setDropAction(Qt::CopyAction);
            drop->accept();
            if (onIndexes) {
                QListWidgetItem* item = list_->itemAt(drop->position().toPoint());
                if (!item) return true;
                const QString indexName = item->data(Qt::UserRole).toString();
                const QString pattern = QString::fromUtf8(drop->mimeData()->data(wanted));
                document_->apply(tr("Make %1 use %2").arg(pattern, indexName),
                                 useIndexForAccessPattern(document_->model(), pattern.toStdString(),
                                                          indexName.toStdString()));
                return true;
            }
            QString name, type;
            const ModelIndex* i = index();
            if (!i || !readAttributeMimeData(drop->mimeData(), &name, &type)) return true;
            const auto& names = i->projection.nonKeyAttributes;
            const ModelTable* t = table();
            const std::string attribute = name.toStdString();
            if (!t || t->isKeyAttributeOfTable(attribute) || attribute == i->partitionKey ||
                (i->sortKey && attribute == *i->sortKey))
                return true;  // keys are always in the index
            if (i->projection.type == "ALL" ||
                std::find(names.begin(), names.end(), name.toStdString()) != names.end())
                return true;  // already projected
            ModelIndex edited = *i;
            edited.projection.type = "INCLUDE";
            edited.projection.nonKeyAttributes.push_back(name.toStdString());
            replaceWith(tr("Project %1 into %2").arg(name, selected_), edited);
            return true;
        }
        default:
            return QWidget::eventFilter(watched, event);
    }
}

const ModelTable* IndexEditor::table() const {
    return document_->model().findTable(table_.toStdString());
}

const ModelIndex* IndexEditor::index(bool* local) const {
    const ModelTable* t = table();
    if (!t || selected_.isEmpty()) return nullptr;
    for (const auto& i : t->localSecondaryIndexes)
        if (q(i.name) == selected_) {
            if (local) *local = true;
            return &i;
        }
    for (const auto& i : t->globalSecondaryIndexes)
        if (q(i.name) == selected_) {
            if (local) *local = false;
            return &i;
        }
    return nullptr;
}

void IndexEditor::setTable(const QString& table) {
    if (table_ != table) selected_.clear();
    table_ = table;
    refresh();
}

void IndexEditor::selectIndex(const QString& name) {
    selected_ = name;
    refresh();
}

QString IndexEditor::selectedIndex() const {
    return selected_;
}

void IndexEditor::refresh() {
    updating_ = true;
    list_->clear();
    const ModelTable* t = table();
    int selectedRow = -1;
    if (t) {
        auto addRows = [&](const std::vector<ModelIndex>& indexes, const QString& kind) {
            for (const auto& i : indexes) {
                auto* item = new QListWidgetItem(
                    QStringLiteral("%1   %2   (%3 · %4)")
                        .arg(kind, q(i.name), keysText(i), q(i.projection.type)),
                    list_);
                item->setData(Qt::UserRole, q(i.name));
                if (q(i.name) == selected_) selectedRow = list_->count() - 1;
            }
        };
        addRows(t->globalSecondaryIndexes, "GSI");
        addRows(t->localSecondaryIndexes, "LSI");
    }
    if (selectedRow < 0 && list_->count() > 0) selectedRow = 0;
    list_->setCurrentRow(selectedRow);
    selected_ =
        selectedRow >= 0 ? list_->item(selectedRow)->data(Qt::UserRole).toString() : QString();
    addGlobal_->setEnabled(t != nullptr);
    addLocal_->setEnabled(t != nullptr);
    updating_ = false;
    showSelected();
}

void IndexEditor::showSelected() {
    updating_ = true;
    bool local = false;
    const ModelIndex* i = index(&local);
    const ModelTable* t = table();
    details_->setEnabled(i != nullptr);
    delete_->setEnabled(i != nullptr);
    nonKey_->clear();
    if (!i || !t) {
        details_->setTitle(list_->count() == 0
                               ? tr("No secondary indexes yet: add one with + GSI or + LSI")
                               : tr("No index selected"));
        name_->clear();
        kind_->clear();
        partition_->setKey({}, {});
        sort_->setKey({}, {});
        updating_ = false;
        return;
    }
    details_->setTitle(local ? tr("Local secondary index") : tr("Global secondary index"));
    name_->setText(q(i->name));
    kind_->setText(local ? tr("LSI · shares the table's partition key") : tr("GSI"));
    QList<QPair<QString, QString>> choices;
    const auto palette = tableAttributePalette(document_->model(), t->name);
    for (const auto& a : palette)
        if (a.isKeyType()) choices.append({q(a.name), q(a.type)});
    partition_->setChoices(choices);
    sort_->setChoices(choices);
    partition_->setKey(q(i->partitionKey), q(t->definedType(i->partitionKey)));
    partition_->setLocked(local,
                          local ? tr("An LSI always has the table's partition key") : QString());
    sort_->setKey(i->sortKey ? q(*i->sortKey) : QString(),
                  i->sortKey ? q(t->definedType(*i->sortKey)) : QString());
    projection_->setCurrentText(q(i->projection.type));
    for (const auto& a : palette) {
        if (t->isKeyAttributeOfTable(a.name) || a.name == i->partitionKey ||
            (i->sortKey && a.name == *i->sortKey))
            continue;
        auto* item = new QListWidgetItem(q(a.name), nonKey_);
        const auto& names = i->projection.nonKeyAttributes;
        const bool projected = i->projection.type == "ALL" ||
                               std::find(names.begin(), names.end(), a.name) != names.end();
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(projected ? Qt::Checked : Qt::Unchecked);
    }
    nonKey_->setEnabled(i->projection.type != "ALL");
    updating_ = false;
}

void IndexEditor::add(bool local) {
    const ModelTable* t = table();
    if (!t) return;
    ModelIndex i;
    i.name = freeIndexName(*t, local);
    const auto palette = tableAttributePalette(document_->model(), t->name);
    if (local) {
        i.partitionKey = t->partitionKey;
        // The first key-typed attribute that is not already the table's key.
        for (const auto& a : palette)
            if (a.isKeyType() && !t->isKeyAttributeOfTable(a.name)) {
                i.sortKey = a.name;
                break;
            }
        if (!i.sortKey) i.sortKey = t->sortKey;
    } else if (t->sortKey) {
        // The inverted index: the table's sort key becomes the partition key.
        i.partitionKey = *t->sortKey;
        i.sortKey = t->partitionKey;
    } else {
        i.partitionKey = t->partitionKey;
    }
    const QString name = q(i.name);
    if (document_->apply(tr("Add %1 %2").arg(local ? "LSI" : "GSI", name),
                         addIndex(document_->model(), t->name, i, local, palette)))
        selectIndex(name);
}

void IndexEditor::replaceWith(const QString& text, const ModelIndex& edited) {
    if (!document_->apply(text, replaceIndex(document_->model(), table_.toStdString(),
                                             selected_.toStdString(), edited)))
        showSelected();
}

}  // namespace shardscape
