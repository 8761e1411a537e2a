#pragma once
// Generates sample items from a model's entity types into a backend
// (Backend::generateSampleData: core/model/sample_data_generator.h on the embedded engine; a
// remote answers that it cannot) off the GUI thread: choose the entity types, how many items
// and the seed; a progress bar and Cancel follow. The model's tables are created first when
// the engine lacks them.

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>
#include <optional>

#include "model/model.h"
#include "model/sample_data_generator.h"

class QLineEdit;
class QListWidget;
class QSpinBox;
class QProgressBar;
class QLabel;
class QPushButton;

namespace shardscape {
class Backend;

class SampleDataDialog : public QDialog {
    Q_OBJECT
  public:
    SampleDataDialog(std::shared_ptr<Backend> backend, const QString& modelPath = {},
                     QWidget* parent = nullptr);
    ~SampleDataDialog() override;

    // Loads the model and lists its entity types (all chosen); false with the reason shown.
    bool setModelFile(const QString& path);
    bool start();
    void cancel();
    bool isRunning() const;
    const std::optional<Result<GenerateReport>>& lastResult() const { return result_; }

    QLineEdit* modelEdit() const { return modelFile_; }
    QListWidget* entityList() const { return entities_; }
    QSpinBox* itemsBox() const { return items_; }
    QSpinBox* seedBox() const { return seed_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* progressLabel() const { return progressText_; }
    QPushButton* generateButton() const { return generateButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }

  signals:
    void generationFinished();

  private:
    void finish();

    struct Job {
        std::atomic<bool> cancel{false};
    };
    std::shared_ptr<Backend> backend_;
    std::shared_ptr<Job> job_;
    std::optional<Model> model_;
    QFutureWatcher<Result<GenerateReport>>* watcher_ = nullptr;
    std::optional<Result<GenerateReport>> result_;
    QLineEdit* modelFile_ = nullptr;
    QListWidget* entities_ = nullptr;
    QSpinBox* items_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* progressText_ = nullptr;
    QPushButton* generateButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
};

}  // namespace shardscape
