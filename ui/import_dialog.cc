#include "import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/backend.h"
#include "buddy_label.h"
#include "item_format_label.h"
#include "transfer/item_format_detection.h"

namespace shardscape {

ImportDialog::ImportDialog(std::shared_ptr<Backend> backend, const QStringList& tables,
                           const QString& table, const QString& file, QWidget* parent)
    : QDialog(parent), backend_(std::move(backend)) {
    setObjectName("importDialog");
    setWindowTitle(tr("Import items"));
    resize(620, 440);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* fileRow = new QHBoxLayout;
    file_ = new QLineEdit(this);
    file_->setObjectName("importFile");
    auto* browse = new QPushButton(tr("Browse…"), this);
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    form->addRow(buddyLabel(tr("&File:"), file_), fileRow);
    auto* formatRow = new QHBoxLayout;
    format_ = new QComboBox(this);
    format_->setObjectName("importFormat");
    for (ItemFormat f : kItemFormats) format_->addItem(itemFormatLabel(f), static_cast<int>(f));
    detected_ = new QLabel(this);
    detected_->setEnabled(false);
    formatRow->addWidget(format_, 1);
    formatRow->addWidget(detected_);
    form->addRow(buddyLabel(tr("F&ormat:"), format_), formatRow);
    table_ = new QComboBox(this);
    table_->setObjectName("importTable");
    if (backend_) table_->addItems(tables);
    table_->setCurrentText(table);
    form->addRow(tr("Into &table:"), table_);
    allOrNothing_ = new QCheckBox(
        tr("All or nothing: check every record first, write nothing if any is rejected"), this);
    allOrNothing_->setObjectName("importAllOrNothing");
    form->addRow(QString(), allOrNothing_);
    layout->addLayout(form);

    progress_ = new QProgressBar(this);
    progress_->setObjectName("importProgress");
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    layout->addWidget(progress_);
    progressText_ = new QLabel(tr("Choose a file, or drop one on the Data view."), this);
    progressText_->setObjectName("importProgressText");
    layout->addWidget(progressText_);
    report_ = new QPlainTextEdit(this);
    report_->setObjectName("importReport");
    report_->setReadOnly(true);
    report_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    report_->setPlaceholderText(tr("The report lists every rejected record with its reason."));
    layout->addWidget(report_, 1);

    auto* buttons = new QDialogButtonBox(this);
    importButton_ = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    importButton_->setObjectName("importStart");
    cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    cancelButton_->setEnabled(false);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import items"), file_->text(),
            tr("Item files (*.json *.jsonl *.ndjson *.csv);;All files (*)"));
        if (!path.isEmpty()) setFile(path);
    });
    connect(file_, &QLineEdit::editingFinished, this, [this] { setFile(file_->text()); });
    connect(importButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, &ImportDialog::cancel);
    connect(close, &QPushButton::clicked, this, [this] {
        cancel();
        reject();
    });
    if (!file.isEmpty()) setFile(file);
}

ImportDialog::~ImportDialog() {
    // The worker writes into the backend: let it stop before the dialog goes.
    if (watcher_ && watcher_->isRunning()) {
        job_->cancel = true;
        watcher_->waitForFinished();
    }
}

void ImportDialog::setFile(const QString& path) {
    if (file_->text() != path) file_->setText(path);
    if (path.isEmpty()) return;
    auto format = detectItemFormatOfFile(path.toStdString());
    if (!format) {
        detected_->setText(tr("cannot read the file"));
        return;
    }
    format_->setCurrentIndex(format_->findData(static_cast<int>(*format)));
    detected_->setText(tr("detected"));
    progressText_->setText(
        tr("Ready: %1 (%2)")
            .arg(QFileInfo(path).fileName(), QLocale().formattedDataSize(QFileInfo(path).size())));
}

bool ImportDialog::isRunning() const {
    return watcher_ && watcher_->isRunning();
}

bool ImportDialog::start() {
    if (isRunning()) return false;
    const QString path = file_->text();
    const QString table = table_->currentText();
    if (!backend_ || path.isEmpty() || table.isEmpty()) {
        progressText_->setText(path.isEmpty() ? tr("Choose a file to import.")
                                              : tr("Choose the table to import into."));
        return false;
    }
    fileBytes_ = QFileInfo(path).size();
    job_ = std::make_shared<Job>();
    result_.reset();
    report_->clear();
    progress_->setValue(0);
    progressText_->setText(tr("Importing %1 into %2…").arg(QFileInfo(path).fileName(), table));
    importButton_->setEnabled(false);
    cancelButton_->setEnabled(true);

    ImportOptions options;
    options.format = static_cast<ItemFormat>(format_->currentData().toInt());
    options.allOrNothing = allOrNothing_->isChecked();
    options.cancel = &job_->cancel;
    // Progress arrives on the worker thread: hand it to the dialog's thread.
    QPointer<ImportDialog> self(this);
    options.progress = [self](const ImportProgress& progress) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, progress] {
                if (self) self->showProgress(progress);
            },
            Qt::QueuedConnection);
        return true;
    };
    if (!watcher_) {
        watcher_ = new QFutureWatcher<Result<ImportReport>>(this);
        connect(watcher_, &QFutureWatcher<Result<ImportReport>>::finished, this,
                &ImportDialog::finish);
    }
    std::shared_ptr<Backend> backend = backend_;
    std::shared_ptr<Job> job = job_;  // keeps the cancel flag alive for the worker
    watcher_->setFuture(QtConcurrent::run(
        [backend, job, options, table = table.toStdString(), file = path.toStdString()] {
            return backend->importItemsFromFile(table, file, options);
        }));
    return true;
}

void ImportDialog::cancel() {
    if (!isRunning()) return;
    job_->cancel = true;
    cancelButton_->setEnabled(false);
    progressText_->setText(tr("Cancelling…"));
}

void ImportDialog::showProgress(const ImportProgress& progress) {
    if (!isRunning()) return;
    if (fileBytes_ > 0)
        progress_->setValue(static_cast<int>(std::min<double>(
            1000.0,
            1000.0 * static_cast<double>(progress.bytesRead) / static_cast<double>(fileBytes_))));
    progressText_->setText(
        tr("%1 records read · %2 imported · %3 rejected · %4 of %5")
            .arg(QLocale().toString(progress.records), QLocale().toString(progress.imported),
                 QLocale().toString(progress.rejected),
                 QLocale().formattedDataSize(static_cast<qint64>(progress.bytesRead)),
                 QLocale().formattedDataSize(fileBytes_)));
}

void ImportDialog::finish() {
    result_ = watcher_->result();
    importButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    if (!*result_) {
        const Error& error = result_->error();
        progressText_->setText(tr("Import failed"));
        report_->setPlainText(QString::fromStdString(error.name() + ": " + error.message));
    } else {
        const ImportReport& report = result_->value();
        if (!report.cancelled && report.stoppedBecause.empty()) progress_->setValue(1000);
        QString headline;
        if (report.cancelled)
            headline = tr("Cancelled: %1 items were written before the cancel.")
                           .arg(QLocale().toString(report.imported));
        else if (!report.stoppedBecause.empty())
            headline = tr("Stopped on a broken file: %1 items were written.")
                           .arg(QLocale().toString(report.imported));
        else if (report.dryRunOnly)
            headline =
                tr("Nothing written: %1 of %2 records were rejected (all or nothing).")
                    .arg(QLocale().toString(report.rejected), QLocale().toString(report.records));
        else if (report.rejected > 0)
            headline =
                tr("Imported %1 items; %2 records were rejected (listed below).")
                    .arg(QLocale().toString(report.imported), QLocale().toString(report.rejected));
        else
            headline = tr("Imported all %1 items.").arg(QLocale().toString(report.imported));
        progressText_->setText(headline);
        report_->setPlainText(QString::fromStdString(report.summary()));
    }
    emit importFinished();
}

}  // namespace shardscape
