#pragma once
// Imports an item file into a table of a backend (Backend::importItemsFromFile, that is
// core/transfer/item_import.h on the embedded engine) off the GUI thread: the
// format is detected from the file's name and content and can be overridden; a progress bar
// follows the bytes read with the items imported so far; Cancel stops between records. At the
// end the dialog shows core's report: every record counted as imported or rejected, each
// rejection with its record, line and reason, and whether the import was cancelled or stopped
// (the items counted as imported were written; with "All or nothing" a rejected record means
// nothing is written).

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>
#include <optional>

#include "base/result.h"
#include "transfer/item_import.h"

class QLineEdit;
class QComboBox;
class QCheckBox;
class QProgressBar;
class QPlainTextEdit;
class QLabel;
class QPushButton;

namespace shardscape {
class Backend;

class ImportDialog : public QDialog {
    Q_OBJECT
  public:
    // `tables` are the backend's table names to choose from; `table` is chosen first.
    ImportDialog(std::shared_ptr<Backend> backend, const QStringList& tables, const QString& table,
                 const QString& file = {}, QWidget* parent = nullptr);
    ~ImportDialog() override;

    // Chooses the file and detects its format.
    void setFile(const QString& path);
    // Starts the import (false when the form is incomplete; the reason shows in the dialog).
    bool start();
    void cancel();
    bool isRunning() const;
    // The last import's outcome (an Error when it could not run at all).
    const std::optional<Result<ImportReport>>& lastResult() const { return result_; }

    QLineEdit* fileEdit() const { return file_; }
    QComboBox* formatBox() const { return format_; }
    QComboBox* tableBox() const { return table_; }
    QCheckBox* allOrNothingBox() const { return allOrNothing_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* progressLabel() const { return progressText_; }
    QPlainTextEdit* reportView() const { return report_; }
    QPushButton* importButton() const { return importButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }

  signals:
    // The import ended (completed, cancelled, stopped or failed); items may have been written.
    void importFinished();

  private:
    void showProgress(const ImportProgress& progress);
    void finish();

    struct Job {
        std::atomic<bool> cancel{false};
    };
    std::shared_ptr<Backend> backend_;
    std::shared_ptr<Job> job_;
    QFutureWatcher<Result<ImportReport>>* watcher_ = nullptr;
    std::optional<Result<ImportReport>> result_;
    qint64 fileBytes_ = 0;
    QLineEdit* file_ = nullptr;
    QComboBox* format_ = nullptr;
    QLabel* detected_ = nullptr;
    QComboBox* table_ = nullptr;
    QCheckBox* allOrNothing_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* progressText_ = nullptr;
    QPlainTextEdit* report_ = nullptr;
    QPushButton* importButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
};

}  // namespace shardscape
