#pragma once
// Exports a table's or an index's items of a backend to a file (Backend::exportItems, that is
// core/transfer/item_export.h on the embedded engine) in any item format, off the GUI thread,
// with a progress bar and Cancel. The file is written under a temporary name and renamed when
// complete: a cancelled or failed export leaves no file.

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "base/result.h"
#include "transfer/item_export.h"

class QLineEdit;
class QComboBox;
class QProgressBar;
class QLabel;
class QPushButton;

namespace shardscape {
class Backend;

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    // The sources are `tables` and their indexes; `table` (and `index`, may be empty)
    // preselect one.
    ExportDialog(std::shared_ptr<Backend> backend,
                 const std::vector<std::shared_ptr<const TableDefinition>>& tables,
                 const QString& table, const QString& index = {}, QWidget* parent = nullptr);
    ~ExportDialog() override;

    // The format follows the file's extension (.csv CSV, else the chosen JSON format).
    void setFile(const QString& path);
    bool start();
    void cancel();
    bool isRunning() const;
    const std::optional<Result<ExportReport>>& lastResult() const { return result_; }

    QComboBox* sourceBox() const { return source_; }
    QComboBox* formatBox() const { return format_; }
    QLineEdit* fileEdit() const { return file_; }
    QProgressBar* progressBar() const { return progress_; }
    // The item count the progress bar is scaled to (0: unknown, the bar stays until the end).
    qint64 expectedItems() const { return expectedItems_; }
    QLabel* progressLabel() const { return progressText_; }
    QPushButton* exportButton() const { return exportButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }

  signals:
    void exportFinished();

  private:
    void showProgress(qint64 items);
    void finish();

    struct Job {
        std::atomic<bool> cancel{false};
    };
    std::shared_ptr<Backend> backend_;
    std::shared_ptr<Job> job_;
    QFutureWatcher<Result<ExportReport>>* watcher_ = nullptr;
    std::optional<Result<ExportReport>> result_;
    qint64 expectedItems_ = 0;
    QString target_;
    QComboBox* source_ = nullptr;
    QComboBox* format_ = nullptr;
    QLineEdit* file_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* progressText_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
};

}  // namespace shardscape
