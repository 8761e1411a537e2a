#pragma once
// Classroom mode's scenario gallery: one card per bundled teaching scenario and per model
// scenario (core/scenario_gallery.h), name and one-line description. Clicking a card shows
// the scenario's read-only summary and asks for it to be run (scenarioChosen /
// modelScenarioChosen), which the simulation view answers.
//
// Reading the scenarios (each checked in full) is left until the panel is first shown or its
// entries are asked for, so that it costs the app's start nothing.

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

    // Lists the scenarios of `bundledDirectory` (holding scenarios/ and models/), once the
    // panel is shown or its entries are asked for.
    void setBundledDirectory(const QString& bundledDirectory);

    const std::vector<GalleryEntry>& entries();
    // The cards, in entry order.
    QList<QAbstractButton*> cards();
    QString summaryText() const;

  signals:
    // A scenario file was chosen.
    void scenarioChosen(const QString& path);
    // A scenario of a model file was chosen.
    void modelScenarioChosen(const QString& modelPath, const QString& scenarioName);

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void choose(int index);
    // Reads the directory given last, if it has not been read yet, and makes the cards.
    void load();

    QString directory_;
    bool loaded_ = true;
    std::vector<GalleryEntry> entries_;
    QList<QAbstractButton*> cards_;
    QGridLayout* grid_ = nullptr;
    QLabel* empty_ = nullptr;
    QPlainTextEdit* summary_ = nullptr;
};

}  // namespace shardscape
