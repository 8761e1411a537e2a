#pragma once
// The access patterns of the model with the analyzer's verdict for each (green: served,
// amber: served but a filter wastes reads, red: needs a Scan or cannot be served), the
// reason and a suggestion, with a "Suggest a fix…" link for a pattern that is not green;
// recomputed by the designer on every edit.

#include <QIcon>
#include <QTreeWidget>
#include <QWidget>

#include "model/access_pattern_analyzer.h"

class QLabel;

namespace shardscape {

// The drag payload of an access pattern: its name as UTF-8.
inline constexpr const char* kAccessPatternMimeType = "application/x-shardscape-access-pattern";

// The pattern rows: dragging one carries the pattern (onto an index, to make it use it).
class PatternTree : public QTreeWidget {
    Q_OBJECT
  public:
    explicit PatternTree(QWidget* parent = nullptr);

  protected:
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
};

// A filled circle in the verdict's colour (the red one is crossed for Impossible).
QIcon verdictIcon(PatternVerdict verdict);
QString verdictText(PatternVerdict verdict);

class AccessPatternList : public QWidget {
    Q_OBJECT
  public:
    explicit AccessPatternList(QWidget* parent = nullptr);

    void setAnalysis(const Model& model, const ModelAnalysis& analysis);
    QTreeWidget* tree() const { return tree_; }
    QLabel* detail() const { return detail_; }
    // The verdict shown for a pattern ("green", "amber", "red", "impossible"), "" if absent.
    QString shownVerdict(const QString& pattern) const;

  signals:
    // The detail's "Suggest a fix…" link of an amber, red or impossible pattern.
    void suggestFixRequested(const QString& pattern);

  private:
    void showDetail();

    QTreeWidget* tree_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* detail_ = nullptr;
    QLabel* smells_ = nullptr;
};

}  // namespace shardscape
