#pragma once
// The first-start page: the bundled example models and teaching scenarios, each with its
// description, one double-click away.

#include <QWidget>

class QListWidget;
class QLabel;

namespace shardscape {

class WelcomePanel : public QWidget {
    Q_OBJECT
  public:
    // `bundledDirectory` holds models/ and scenarios/ (may be empty: nothing bundled).
    explicit WelcomePanel(const QString& bundledDirectory, QWidget* parent = nullptr);

    QListWidget* modelList() const { return models_; }
    QListWidget* scenarioList() const { return scenarios_; }

  signals:
    void modelChosen(const QString& path);
    void scenarioChosen(const QString& path);

  private:
    QListWidget* models_ = nullptr;
    QListWidget* scenarios_ = nullptr;
};

}  // namespace shardscape
