#include "classroom_view.h"

#include <QComboBox>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "applied_rules_list.h"
#include "classroom/request_walkthrough.h"
#include "request_walkthrough_panel.h"
#include "scenario_gallery_panel.h"

namespace shardscape {

ClassroomView::ClassroomView(TableListModel* tables, QWidget* parent) : QWidget(parent) {
    setObjectName("classroomView");
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(new QLabel(tr("<h2>One request, step by step</h2>"), top));
    walkthrough_ = new RequestWalkthroughPanel(tables, top);
    topLayout->addWidget(walkthrough_, 1);
    topLayout->addWidget(new QLabel(tr("Rules applied"), top));
    rules_ = new AppliedRulesList(top);
    rules_->setMaximumHeight(160);
    topLayout->addWidget(rules_);
    connect(walkthrough_, &RequestWalkthroughPanel::stepShown, this, [this] {
        const auto& walkthrough = walkthrough_->walkthrough();
        rules_->setRules(walkthrough ? appliedRules(*walkthrough) : std::vector<AppliedRule>());
    });
    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(new QLabel(tr("<h2>Scenario gallery</h2>"), bottom));
    gallery_ = new ScenarioGalleryPanel(bottom);
    bottomLayout->addWidget(gallery_, 1);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({3000, 1000});
    layout->addWidget(splitter);
}

void ClassroomView::setBundledDirectory(const QString& bundledDirectory) {
    gallery_->setBundledDirectory(bundledDirectory);
}

void ClassroomView::reloadTables() {
    walkthrough_->reloadTables();
}

bool ClassroomView::showDemo(const QString& operation, double requestsPerSecond) {
    walkthrough_->reloadTables();
    QComboBox* tables = walkthrough_->tableBox();
    for (int i = 0; i < tables->count(); ++i) {
        walkthrough_->selectTable(tables->itemText(i));
        if (walkthrough_->exampleCount() > 0) break;
    }
    if (!walkthrough_->selectOperation(operation)) return false;
    walkthrough_->selectExample(0);
    walkthrough_->setRate(requestsPerSecond);
    if (!walkthrough_->start()) return false;
    walkthrough_->showStep(walkthrough_->stepCount() - 1);
    return true;
}

}  // namespace shardscape
