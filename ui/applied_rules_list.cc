#include "applied_rules_list.h"

#include <QHeaderView>

namespace shardscape {

AppliedRulesList::AppliedRulesList(QWidget* parent) : QTreeWidget(parent) {
    setObjectName("appliedRules");
    setColumnCount(3);
    setHeaderLabels({tr("Rule"), tr("Value used"), tr("Source")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setWordWrap(true);
    header()->setSectionResizeMode(QHeaderView::Interactive);
    header()->setStretchLastSection(true);
}

void AppliedRulesList::setRules(const std::vector<AppliedRule>& rules) {
    clear();
    for (const AppliedRule& rule : rules) {
        auto* row = new QTreeWidgetItem(
            this, {QString::fromStdString(rule.rule), QString::fromStdString(rule.value),
                   QString::fromStdString(rule.source)});
        if (rule.source.starts_with(kAssumption)) row->setForeground(2, QBrush(Qt::darkRed));
        row->setToolTip(2, QString::fromStdString(rule.source));
    }
    for (int column = 0; column < 2; ++column) resizeColumnToContents(column);
}

}  // namespace shardscape
