#include "key_slot.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMimeData>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace shardscape {

QMimeData* attributeMimeData(const QString& name, const QString& type) {
    auto* mime = new QMimeData;
    QJsonObject object{{"name", name}, {"type", type}};
    mime->setData(kAttributeMimeType, QJsonDocument(object).toJson(QJsonDocument::Compact));
    mime->setText(name);
    return mime;
}

bool readAttributeMimeData(const QMimeData* mime, QString* name, QString* type) {
    if (!mime || !mime->hasFormat(kAttributeMimeType)) return false;
    const QJsonObject object = QJsonDocument::fromJson(mime->data(kAttributeMimeType)).object();
    *name = object.value("name").toString();
    *type = object.value("type").toString();
    return !name->isEmpty();
}

KeySlot::KeySlot(const QString& title, bool optional, QWidget* parent)
    : QFrame(parent), optional_(optional) {
    setAcceptDrops(true);
    setFrameShape(QFrame::StyledPanel);
    setObjectName(optional ? "sortKeySlot" : "partitionKeySlot");
    setMinimumWidth(170);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 8);
    layout->setSpacing(4);
    auto* heading = new QLabel(title.toUpper(), this);
    QFont small = heading->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    small.setBold(true);
    heading->setFont(small);
    heading->setStyleSheet("color: palette(mid);");
    layout->addWidget(heading);
    auto* row = new QHBoxLayout;
    value_ = new QLabel(this);
    QFont big = value_->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    value_->setFont(big);
    typeBadge_ = new QLabel(this);
    typeBadge_->setAlignment(Qt::AlignCenter);
    typeBadge_->setMinimumWidth(22);
    row->addWidget(value_, 1);
    row->addWidget(typeBadge_);
    layout->addLayout(row);
    combo_ = new QComboBox(this);
    combo_->setObjectName("keyCombo");
    combo_->setToolTip(tr("Choose the key attribute (or drag one from the palette)"));
    layout->addWidget(combo_);
    connect(combo_, &QComboBox::activated, this, [this](int index) {
        const QStringList pair = combo_->itemData(index).toStringList();
        if (pair.size() == 2 && pair[0] != name_) emit keyChosen(pair[0], pair[1]);
    });
    setHighlighted(false);
    setKey({}, {});
}

void KeySlot::setKey(const QString& name, const QString& type) {
    name_ = name;
    type_ = type;
    if (name.isEmpty()) {
        value_->setText(tr("drop an attribute here"));
        value_->setStyleSheet("color: palette(mid); font-weight: normal; font-style: italic;");
        typeBadge_->hide();
    } else {
        value_->setText(name);
        value_->setStyleSheet({});
        typeBadge_->setText(type);
        typeBadge_->setStyleSheet(
            "background: #2f6fb3; color: white; border-radius: 3px; padding: 1px 5px; "
            "font-weight: bold;");
        typeBadge_->show();
    }
    refreshCombo();
}

void KeySlot::setChoices(const QList<QPair<QString, QString>>& choices) {
    choices_ = choices;
    refreshCombo();
}

void KeySlot::setLocked(bool locked, const QString& why) {
    locked_ = locked;
    setAcceptDrops(!locked);
    combo_->setEnabled(!locked);
    setToolTip(why);
    setHighlighted(false);
}

void KeySlot::refreshCombo() {
    const QSignalBlocker block(combo_);
    combo_->clear();
    if (optional_ || name_.isEmpty())
        combo_->addItem(optional_ ? tr("(no sort key)") : tr("(choose)"), QStringList{"", ""});
    bool present = name_.isEmpty();
    for (const auto& [name, type] : choices_) {
        combo_->addItem(QStringLiteral("%1  (%2)").arg(name, type), QStringList{name, type});
        present = present || name == name_;
    }
    if (!present)
        combo_->addItem(QStringLiteral("%1  (%2)").arg(name_, type_), QStringList{name_, type_});
    for (int i = 0; i < combo_->count(); ++i)
        if (combo_->itemData(i).toStringList().value(0) == name_) combo_->setCurrentIndex(i);
}

void KeySlot::setHighlighted(bool on) {
    const QString border =
        on ? "2px solid #2f8f46" : (locked_ ? "1px solid palette(mid)" : "1px dashed #7f8c9a");
    const QString background = on ? "#e3f4e6" : (locked_ ? "palette(window)" : "palette(base)");
    setStyleSheet(
        QStringLiteral("shardscape--KeySlot { border: %1; border-radius: 6px; background: %2; }")
            .arg(border, background));
}

void KeySlot::dragEnterEvent(QDragEnterEvent* event) {
    if (!locked_ && event->mimeData()->hasFormat(kAttributeMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        setHighlighted(true);
    } else {
        event->ignore();
    }
}

void KeySlot::dragMoveEvent(QDragMoveEvent* event) {
    if (!locked_ && event->mimeData()->hasFormat(kAttributeMimeType)) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
    } else
        event->ignore();
}

void KeySlot::dragLeaveEvent(QDragLeaveEvent* event) {
    setHighlighted(false);
    QFrame::dragLeaveEvent(event);
}

void KeySlot::dropEvent(QDropEvent* event) {
    setHighlighted(false);
    QString name, type;
    if (locked_ || !readAttributeMimeData(event->mimeData(), &name, &type)) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    emit keyChosen(name, type);
}

}  // namespace shardscape
