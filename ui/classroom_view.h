#pragma once
// Classroom mode's view: the step-through of one request above the scenario gallery.

#include <QWidget>
#include <memory>

namespace shardscape {
class TableListModel;
class RequestWalkthroughPanel;
class ScenarioGalleryPanel;
class AppliedRulesList;

class ClassroomView : public QWidget {
    Q_OBJECT
  public:
    explicit ClassroomView(TableListModel* tables, QWidget* parent = nullptr);

    RequestWalkthroughPanel* walkthroughPanel() const { return walkthrough_; }
    ScenarioGalleryPanel* galleryPanel() const { return gallery_; }
    // The rules the current step-through applied, with their sources.
    AppliedRulesList* rulesList() const { return rules_; }

    void setBundledDirectory(const QString& bundledDirectory);
    void reloadTables();

    // The demonstration the screenshot shows: `operation` on the first item of the first
    // table that has items, at `requestsPerSecond`, stepped through to the last step.
    // False if no table has items or the request fails.
    bool showDemo(const QString& operation = "UpdateItem", double requestsPerSecond = 5000);

  private:
    RequestWalkthroughPanel* walkthrough_ = nullptr;
    ScenarioGalleryPanel* gallery_ = nullptr;
    AppliedRulesList* rules_ = nullptr;
};

}  // namespace shardscape
