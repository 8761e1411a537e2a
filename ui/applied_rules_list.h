#pragma once
// The capacity rules a simulation (or a classroom step-through) applied, one row each: the
// rule, the value used and its source (the AWS page's title, or "undocumented: our
// assumption"), so a result always says what it rests on.

#include <QTreeWidget>
#include <vector>

#include "capacity/simulation_report.h"

namespace shardscape {

class AppliedRulesList : public QTreeWidget {
    Q_OBJECT
  public:
    explicit AppliedRulesList(QWidget* parent = nullptr);
    void setRules(const std::vector<AppliedRule>& rules);
};

}  // namespace shardscape
