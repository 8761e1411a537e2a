#pragma once
// Entity types (facets) of the selected table with their key templates, and a single-table
// diagram: a few generated sample items per entity type (core's facet_sample.h), rows grouped
// by partition key, sort key and attributes in columns, coloured per entity type.

#include <QWidget>

#include "model/model.h"

class QTreeWidget;
class QTableWidget;
class QLabel;
class QSpinBox;

namespace shardscape {

class FacetView : public QWidget {
    Q_OBJECT
  public:
    explicit FacetView(QWidget* parent = nullptr);

    void setModel(const Model& model, const QString& table);
    QTreeWidget* entityList() const { return entities_; }
    QTableWidget* diagram() const { return diagram_; }

  signals:
    // The user edited an entity type's key template (double-click the template); empty
    // text removes it.
    void keyTemplateEdited(const QString& entity, const QString& keyAttribute, const QString& text);

  public:
    // The background colour of an entity type's rows (the n-th type of the table).
    static QColor entityColor(int n);

  private:
    void rebuild();

    Model model_;
    QString table_;
    uint64_t seed_ = 1;
    QTreeWidget* entities_ = nullptr;
    QTableWidget* diagram_ = nullptr;
    QLabel* problems_ = nullptr;
    QSpinBox* perEntity_ = nullptr;
};

}  // namespace shardscape
