#include "attribute_palette.h"

#include <QComboBox>
#include <QDrag>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include "key_slot.h"

namespace shardscape {

AttributeList::AttributeList(QWidget* parent) : QTreeWidget(parent) {
    setObjectName("attributeList");
    setHeaderLabels({tr("Attribute"), tr("Type"), tr("From")});
    setRootIsDecorated(false);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

QStringList AttributeList::mimeTypes() const {
    return {kAttributeMimeType};
}

QMimeData* AttributeList::mimeData(const QList<QTreeWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    return attributeMimeData(items.first()->text(0), items.first()->text(1));
}

void AttributeList::startDrag(Qt::DropActions) {
    QTreeWidgetItem* item = currentItem();
    if (!item) return;
    auto* drag = new QDrag(this);
    drag->setMimeData(mimeData({item}));
    // A chip with the attribute and its type follows the pointer.
    const QString text = item->text(0) + "  " + item->text(1);
    const QFontMetrics metrics(font());
    QPixmap chip(metrics.horizontalAdvance(text) + 16, metrics.height() + 8);
    chip.fill(Qt::transparent);
    QPainter painter(&chip);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor("#2f6fb3"));
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(chip.rect(), 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(chip.rect(), Qt::AlignCenter, text);
    painter.end();
    drag->setPixmap(chip);
    drag->setHotSpot(QPoint(8, chip.height() / 2));
    drag->exec(Qt::CopyAction);
}

AttributePalette::AttributePalette(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* hint = new QLabel(tr("Drag an attribute onto a key slot."), this);
    hint->setStyleSheet("color: palette(mid);");
    hint->setWordWrap(true);
    layout->addWidget(hint);
    list_ = new AttributeList(this);
    layout->addWidget(list_, 1);
    name_ = new QLineEdit(this);
    name_->setObjectName("newAttributeName");
    name_->setPlaceholderText(tr("New attribute"));
    type_ = new QComboBox(this);
    type_->setObjectName("newAttributeType");
    type_->addItems({"S", "N", "B"});
    type_->setToolTip(tr("S string, N number, B binary"));
    add_ = new QPushButton(tr("Add"), this);
    add_->setObjectName("addAttribute");
    layout->addWidget(name_);
    auto* row = new QHBoxLayout;
    row->addWidget(type_, 1);
    row->addWidget(add_);
    layout->addLayout(row);
    auto request = [this] {
        const QString name = name_->text().trimmed();
        if (name.isEmpty()) return;
        emit addRequested(name, type_->currentText());
    };
    connect(add_, &QPushButton::clicked, this, request);
    connect(name_, &QLineEdit::returnPressed, this, request);
}

void AttributePalette::setAttributes(const std::vector<PaletteAttribute>& attributes) {
    list_->clear();
    for (const auto& a : attributes) {
        auto* item = new QTreeWidgetItem(list_);
        item->setText(0, QString::fromStdString(a.name));
        item->setText(1, QString::fromStdString(a.type));
        item->setText(2,
                      a.origin == "key" ? tr("key definition") : QString::fromStdString(a.origin));
        item->setToolTip(0, a.isKeyType() ? tr("Drag onto a key slot")
                                          : tr("A %1 attribute cannot be a key (S, N or B only)")
                                                .arg(QString::fromStdString(a.type)));
        if (a.origin == "key") {
            QFont f = item->font(0);
            f.setBold(true);
            item->setFont(0, f);
        }
        if (!a.isKeyType()) item->setForeground(1, QColor("#9a6a00"));
    }
}

}  // namespace shardscape
