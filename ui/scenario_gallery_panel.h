#pragma once
// Classroom mode's scenario gallery: one card per bundled teaching scenario and per model
// scenario (core/scenario_gallery.h), name and one-line description. Clicking a card shows
// the scenario's read-only summary and asks for it to be run (scenarioChosen /
// modelScenarioChosen), which the simulation view answers.

#include <QWidget>
#include <vector>

#include "classroom/scenario_gallery.h"

class QAbstractButton;
class QGridLayout;
class QLabel;
class QPlainTextEdit;

namespace shardscape {

class ScenarioGalleryPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ScenarioGalleryPanel(QWidget* parent = nullptr);

    // Lists the scenarios of `bundledDirectory` (holding scenarios/ and models/).
    void setBundledDirectory(const QString& bundledDirectory);

    const std::vector<GalleryEntry>& entries() const { return entries_; }
    // The cards, in entry order.
    QList<QAbstractButton*> cards() const { return cards_; }
    QString summaryText() const;

  signals:
    // A scenario file was chosen.
    void scenarioChosen(const QString& path);
    // A scenario of a model file was chosen.
    void modelScenarioChosen(const QString& modelPath, const QString& scenarioName);

  private:
    void choose(int index);

    std::vector<GalleryEntry> entries_;
    QList<QAbstractButton*> cards_;
    QGridLayout* grid_ = nullptr;
    QLabel* empty_ = nullptr;
    QPlainTextEdit* summary_ = nullptr;
};

}  // namespace shardscape
