#pragma once
// The model tree dock's contents: tables with their indexes, entity types, access patterns
// (with their verdict icons) and scenarios. Clicking a row selects it in the designer;
// activating one (double-click, Enter) opens the editor of an entity type, access pattern
// or scenario.

#include <QTreeView>

#include "model/access_pattern_analyzer.h"

class QStandardItemModel;

namespace shardscape {

class ModelTree : public QTreeView {
    Q_OBJECT
  public:
    explicit ModelTree(QWidget* parent = nullptr);

    void setModel(const Model& model, const ModelAnalysis& analysis);
    QStandardItemModel* items() const { return items_; }

  signals:
    // `index` empty: the table itself.
    void tableChosen(const QString& table, const QString& index);
    void accessPatternChosen(const QString& table, const QString& pattern);
    // Activated rows: open the editor.
    void entityTypeActivated(const QString& entity);
    void accessPatternActivated(const QString& pattern);
    void scenarioActivated(const QString& scenario);

  private:
    QStandardItemModel* items_ = nullptr;
};

}  // namespace shardscape
