#include "access_pattern_list.h"

#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace shardscape {

namespace {
constexpr int kVerdictRole = Qt::UserRole + 1;

QColor verdictColor(PatternVerdict verdict) {
    switch (verdict) {
        case PatternVerdict::Served:
            return QColor("#2e9e4f");
        case PatternVerdict::ServedWithFilter:
            return QColor("#e0a106");
        case PatternVerdict::NeedsScan:
        case PatternVerdict::Throttled:
        case PatternVerdict::Impossible:
            break;
    }
    return QColor("#d0393b");
}
}  // namespace

PatternTree::PatternTree(QWidget* parent) : QTreeWidget(parent) {
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
}

QStringList PatternTree::mimeTypes() const {
    return {kAccessPatternMimeType};
}

QMimeData* PatternTree::mimeData(const QList<QTreeWidgetItem*>& items) const {
    if (items.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setData(kAccessPatternMimeType, items.first()->text(0).toUtf8());
    mime->setText(items.first()->text(0));
    return mime;
}

QIcon verdictIcon(PatternVerdict verdict) {
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(verdictColor(verdict));
    p.drawEllipse(QRectF(3, 3, 26, 26));
    if (verdict == PatternVerdict::Impossible) {
        p.setPen(QPen(Qt::white, 4, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(11, 11, 21, 21);
        p.drawLine(21, 11, 11, 21);
    }
    return QIcon(pixmap);
}

QString verdictText(PatternVerdict verdict) {
    switch (verdict) {
        case PatternVerdict::Served:
            return QObject::tr("Served");
        case PatternVerdict::ServedWithFilter:
            return QObject::tr("Filtered");
        case PatternVerdict::NeedsScan:
            return QObject::tr("Scan");
        case PatternVerdict::Throttled:
            return QObject::tr("Throttled");
        case PatternVerdict::Impossible:
            break;
    }
    return QObject::tr("Impossible");
}

AccessPatternList::AccessPatternList(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    summary_ = new QLabel(this);
    summary_->setObjectName("verdictSummary");
    layout->addWidget(summary_);
    tree_ = new PatternTree(this);
    tree_->setToolTip(tr("Drag a pattern onto an index to make it use that index"));
    tree_->setObjectName("accessPatternList");
    tree_->setHeaderLabels({tr("Access pattern"), tr("Verdict"), tr("How"), tr("Rate")});
    tree_->setRootIsDecorated(false);
    tree_->setAlternatingRowColors(true);
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    layout->addWidget(tree_, 1);
    detail_ = new QLabel(this);
    detail_->setObjectName("verdictDetail");
    detail_->setWordWrap(true);
    detail_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                     Qt::LinksAccessibleByKeyboard);
    detail_->setMinimumHeight(64);
    detail_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    detail_->setStyleSheet(
        "QLabel { background: palette(base); border: 1px solid palette(midlight); "
        "border-radius: 4px; padding: 6px; }");
    layout->addWidget(detail_);
    smells_ = new QLabel(this);
    smells_->setObjectName("designSmells");
    smells_->setWordWrap(true);
    layout->addWidget(smells_);
    connect(tree_, &QTreeWidget::currentItemChanged, this, &AccessPatternList::showDetail);
    connect(detail_, &QLabel::linkActivated, this, [this] {
        if (QTreeWidgetItem* row = tree_->currentItem()) emit suggestFixRequested(row->text(0));
    });
}

void AccessPatternList::setAnalysis(const Model& model, const ModelAnalysis& analysis) {
    const QString current = tree_->currentItem() ? tree_->currentItem()->text(0) : QString();
    tree_->clear();
    int counts[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < analysis.patterns.size(); ++i) {
        const PatternAnalysis& a = analysis.patterns[i];
        const AccessPattern* pattern = model.findAccessPattern(a.pattern);
        // green, amber, red (a Scan or a hot key), impossible.
        const std::string_view name = verdictName(a.verdict);
        ++counts[name == "green" ? 0 : name == "amber" ? 1 : name == "red" ? 2 : 3];
        auto* row = new QTreeWidgetItem(tree_);
        row->setText(0, QString::fromStdString(a.pattern));
        row->setIcon(0, verdictIcon(a.verdict));
        row->setText(1, verdictText(a.verdict));
        row->setForeground(1, verdictColor(a.verdict));
        row->setData(0, kVerdictRole,
                     QString::fromUtf8(verdictName(a.verdict).data(),
                                       static_cast<int>(verdictName(a.verdict).size())));
        QString how = QString::fromStdString(a.access);
        if (how.isEmpty() && pattern) how = QString::fromStdString(pattern->operation);
        row->setText(2, how);
        if (pattern && pattern->ratePerSecond > 0)
            row->setText(3, tr("%1/s").arg(pattern->ratePerSecond));
        row->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        QString tip = QString::fromStdString(a.reason);
        if (!a.suggestion.empty()) tip += "\n→ " + QString::fromStdString(a.suggestion);
        for (int c = 0; c < 4; ++c) row->setToolTip(c, tip);
        row->setData(1, Qt::UserRole, tip);
        if (pattern) row->setData(2, Qt::UserRole, QString::fromStdString(pattern->description));
        if (row->text(0) == current) tree_->setCurrentItem(row);
    }
    summary_->setText(
        tr("<b>%1</b> served &nbsp; <b>%2</b> filtered &nbsp; <b>%3</b> scan or throttled "
           "&nbsp; <b>%4</b> impossible")
            .arg(counts[0])
            .arg(counts[1])
            .arg(counts[2])
            .arg(counts[3]));
    QStringList smells;
    for (const auto& s : analysis.smells)
        smells << QStringLiteral("⚠ <i>%1</i>: %2")
                      .arg(QString::fromStdString(s.subject).toHtmlEscaped(),
                           QString::fromStdString(s.message).toHtmlEscaped());
    smells_->setText(smells.join("<br>"));
    smells_->setVisible(!smells.isEmpty());
    if (!tree_->currentItem() && tree_->topLevelItemCount() > 0)
        tree_->setCurrentItem(tree_->topLevelItem(0));
    showDetail();
}

QString AccessPatternList::shownVerdict(const QString& pattern) const {
    for (int i = 0; i < tree_->topLevelItemCount(); ++i)
        if (tree_->topLevelItem(i)->text(0) == pattern)
            return tree_->topLevelItem(i)->data(0, kVerdictRole).toString();
    return {};
}

void AccessPatternList::showDetail() {
    QTreeWidgetItem* row = tree_->currentItem();
    if (!row) {
        detail_->setText(tr("No access patterns yet."));
        return;
    }
    const QString description = row->data(2, Qt::UserRole).toString();
    QStringList lines = row->data(1, Qt::UserRole).toString().toHtmlEscaped().split('\n');
    QString text = QStringLiteral("<b>%1</b>").arg(row->text(0).toHtmlEscaped());
    if (!description.isEmpty()) text += " — " + description.toHtmlEscaped();
    text += "<br>" + lines.value(0);
    if (lines.size() > 1) text += "<br><span style='color:#2f6fb3'>" + lines.value(1) + "</span>";
    if (row->data(0, kVerdictRole).toString() != "green")
        text += "<br><a href=\"fix\">" + tr("Suggest a fix…") + "</a>";
    detail_->setText(text);
}

}  // namespace shardscape
