#include "export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>
#include <fstream>

#include "backend/backend.h"
#include "buddy_label.h"
#include "item_format_label.h"

namespace shardscape {

ExportDialog::ExportDialog(std::shared_ptr<Backend> backend,
                           const std::vector<std::shared_ptr<const TableDefinition>>& tables,
                           const QString& table, const QString& index, QWidget* parent)
    : QDialog(parent), backend_(std::move(backend)) {
    setObjectName("exportDialog");
    setWindowTitle(tr("Export items"));
    resize(560, 220);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    source_ = new QComboBox(this);
    source_->setObjectName("exportSource");
    if (backend_)
        for (const auto& definition : tables) {
            const QString tableName = QString::fromStdString(definition->name);
            source_->addItem(tableName, QStringList{tableName, QString()});
            for (const auto& i : definition->indexes)
                source_->addItem(
                    tr("%1 › %2 (%3)")
                        .arg(tableName, QString::fromStdString(i.name), i.global ? "GSI" : "LSI"),
                    QStringList{tableName, QString::fromStdString(i.name)});
        }
    source_->setCurrentIndex(std::max(0, source_->findData(QStringList{table, index})));
    form->addRow(tr("&Source:"), source_);
    format_ = new QComboBox(this);
    format_->setObjectName("exportFormat");
    for (ItemFormat f : kItemFormats) format_->addItem(itemFormatLabel(f), static_cast<int>(f));
    form->addRow(tr("F&ormat:"), format_);
    auto* fileRow = new QHBoxLayout;
    file_ = new QLineEdit(this);
    file_->setObjectName("exportFile");
    auto* browse = new QPushButton(tr("Browse…"), this);
    fileRow->addWidget(file_, 1);
    fileRow->addWidget(browse);
    form->addRow(buddyLabel(tr("&File:"), file_), fileRow);
    layout->addLayout(form);
    progress_ = new QProgressBar(this);
    progress_->setObjectName("exportProgress");
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    layout->addWidget(progress_);
    progressText_ = new QLabel(this);
    progressText_->setObjectName("exportProgressText");
    layout->addWidget(progressText_);
    layout->addStretch(1);
    auto* buttons = new QDialogButtonBox(this);
    exportButton_ = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton_->setObjectName("exportStart");
    cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);
    cancelButton_->setEnabled(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export items"), file_->text(),
            tr("JSON lines (*.json *.jsonl);;CSV (*.csv);;All files (*)"));
        if (!path.isEmpty()) setFile(path);
    });
    connect(exportButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, &ExportDialog::cancel);
    connect(close, &QPushButton::clicked, this, [this] {
        cancel();
        reject();
    });
    const QString base = index.isEmpty() ? table : table + "-" + index;
    if (!base.isEmpty()) file_->setText(QDir::home().filePath(base + ".json"));
}

ExportDialog::~ExportDialog() {
    if (watcher_ && watcher_->isRunning()) {
        job_->cancel = true;
        watcher_->waitForFinished();
    }
}

void ExportDialog::setFile(const QString& path) {
    file_->setText(path);
    if (QFileInfo(path).suffix().compare("csv", Qt::CaseInsensitive) == 0)
        format_->setCurrentIndex(format_->findData(static_cast<int>(ItemFormat::Csv)));
    else if (format_->currentData().toInt() == static_cast<int>(ItemFormat::Csv))
        format_->setCurrentIndex(0);
}

bool ExportDialog::isRunning() const {
    return watcher_ && watcher_->isRunning();
}

bool ExportDialog::start() {
    if (isRunning()) return false;
    const QStringList source = source_->currentData().toStringList();
    target_ = file_->text();
    if (!backend_ || source.size() != 2 || target_.isEmpty()) {
        progressText_->setText(tr("Choose a source and a file."));
        return false;
    }
    // The table's (or index's) item count for the progress bar, when the backend knows it
    // at once: a long recount of the table's statistics is not run on this thread.
    expectedItems_ =
        backend_->exactItemCount(source[0].toStdString(), source[1].toStdString()).value_or(0);
    job_ = std::make_shared<Job>();
    result_.reset();
    // Without a count the bar shows that work goes on, not how much is left.
    progress_->setRange(0, expectedItems_ > 0 ? 1000 : 0);
    progress_->setValue(0);
    progressText_->setText(tr("Exporting %1…").arg(source_->currentText()));
    exportButton_->setEnabled(false);
    cancelButton_->setEnabled(true);

    ExportOptions options;
    options.format = static_cast<ItemFormat>(format_->currentData().toInt());
    options.indexName = source[1].toStdString();
    options.cancel = &job_->cancel;
    QPointer<ExportDialog> self(this);
    options.progress = [self](int64_t items) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, items] {
                if (self) self->showProgress(items);
            },
            Qt::QueuedConnection);
        return true;
    };
    if (!watcher_) {
        watcher_ = new QFutureWatcher<Result<ExportReport>>(this);
        connect(watcher_, &QFutureWatcher<Result<ExportReport>>::finished, this,
                &ExportDialog::finish);
    }
    std::shared_ptr<Backend> backend = backend_;
    std::shared_ptr<Job> job = job_;
    const std::string partial = (target_ + ".part").toStdString();
    watcher_->setFuture(
        QtConcurrent::run([backend, job, options, partial,
                           table = source[0].toStdString()]() -> Result<ExportReport> {
            std::ofstream out(partial, std::ios::binary | std::ios::trunc);
            if (!out) return validationError("Cannot write " + partial);
            return backend->exportItems(table, out, options);
        }));
    return true;
}

void ExportDialog::cancel() {
    if (!isRunning()) return;
    job_->cancel = true;
    cancelButton_->setEnabled(false);
    progressText_->setText(tr("Cancelling…"));
}

void ExportDialog::showProgress(qint64 items) {
    if (!isRunning()) return;
    if (expectedItems_ > 0)
        progress_->setValue(
            static_cast<int>(std::min<qint64>(1000, items * 1000 / expectedItems_)));
    progressText_->setText(tr("%1 items written").arg(QLocale().toString(items)));
}

void ExportDialog::finish() {
    result_ = watcher_->result();
    progress_->setRange(0, 1000);
    exportButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    const QString partial = target_ + ".part";
    if (!*result_ || result_->value().cancelled) {
        QFile::remove(partial);
        progressText_->setText(
            *result_
                ? tr("Cancelled: no file was written.")
                : tr("Export failed: %1").arg(QString::fromStdString(result_->error().message)));
    } else {
        QFile::remove(target_);
        if (!QFile::rename(partial, target_)) {
            QFile::remove(partial);
            result_ =
                Result<ExportReport>(validationError("Cannot write " + target_.toStdString()));
            progressText_->setText(tr("Export failed: cannot write %1").arg(target_));
        } else {
            progress_->setValue(1000);
            progressText_->setText(tr("Exported %1 items to %2")
                                       .arg(QLocale().toString(result_->value().items),
                                            QFileInfo(target_).fileName()));
        }
    }
    emit exportFinished();
}

}  // namespace shardscape
