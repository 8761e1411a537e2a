#include "sample_data_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/backend.h"
#include "buddy_label.h"
#include "model/model_file.h"

namespace shardscape {

SampleDataDialog::SampleDataDialog(std::shared_ptr<Backend> backend, const QString& modelPath,
                                   QWidget* parent)
    : QDialog(parent), backend_(std::move(backend)) {
    setObjectName("sampleDataDialog");
    setWindowTitle(tr("Generate sample data"));
    resize(540, 420);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* fileRow = new QHBoxLayout;
    modelFile_ = new QLineEdit(this);
    modelFile_->setObjectName("sampleModel");
    auto* browse = new QPushButton(tr("Browse…"), this);
    fileRow->addWidget(modelFile_, 1);
    fileRow->addWidget(browse);
    form->addRow(buddyLabel(tr("&Model:"), modelFile_), fileRow);
    entities_ = new QListWidget(this);
    entities_->setObjectName("sampleEntities");
    form->addRow(tr("&Entity types:"), entities_);
    items_ = new QSpinBox(this);
    items_->setObjectName("sampleItems");
    items_->setRange(1, 10'000'000);
    items_->setValue(1000);
    items_->setGroupSeparatorShown(true);
    form->addRow(tr("&Items:"), items_);
    seed_ = new QSpinBox(this);
    seed_->setObjectName("sampleSeed");
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(1);
    form->addRow(tr("&Seed:"), seed_);
    layout->addLayout(form, 1);
    progress_ = new QProgressBar(this);
    progress_->setObjectName("sampleProgress");
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    layout->addWidget(progress_);
    progressText_ = new QLabel(this);
    progressText_->setObjectName("sampleProgressText");
    progressText_->setWordWrap(true);
    layout->addWidget(progressText_);
    auto* buttons = new QDialogButtonBox(this);
    generateButton_ = buttons->addButton(tr("&Generate"), QDialogButtonBox::AcceptRole);
    cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);
    cancelButton_->setEnabled(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Model"), modelFile_->text(),
                                                          tr("Model files (*.json)"));
        if (!path.isEmpty()) setModelFile(path);
    });
    connect(modelFile_, &QLineEdit::editingFinished, this,
            [this] { setModelFile(modelFile_->text()); });
    connect(generateButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, &SampleDataDialog::cancel);
    connect(close, &QPushButton::clicked, this, [this] {
        cancel();
        reject();
    });
    items_->setMaximumWidth(180);
    seed_->setMaximumWidth(180);
    generateButton_->setEnabled(false);
    progressText_->setText(tr("Choose a model file: its entity types make the items."));
    if (!modelPath.isEmpty()) setModelFile(modelPath);
}

SampleDataDialog::~SampleDataDialog() {
    if (watcher_ && watcher_->isRunning()) {
        job_->cancel = true;
        watcher_->waitForFinished();
    }
}

bool SampleDataDialog::setModelFile(const QString& path) {
    if (modelFile_->text() != path) modelFile_->setText(path);
    entities_->clear();
    model_.reset();
    auto model = loadModel(path.toStdString());
    if (!model) {
        progressText_->setText(QString::fromStdString(model.error().message));
        generateButton_->setEnabled(false);
        return false;
    }
    model_ = std::move(model).value();
    for (const auto& entity : model_->entities) {
        auto* row = new QListWidgetItem(
            tr("%1  →  %2")
                .arg(QString::fromStdString(entity.name), QString::fromStdString(entity.table)),
            entities_);
        row->setData(Qt::UserRole, QString::fromStdString(entity.name));
        row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
        row->setCheckState(Qt::Checked);
    }
    generateButton_->setEnabled(!model_->entities.empty());
    progressText_->setText(model_->entities.empty()
                               ? tr("The model has no entity types to generate items from.")
                               : tr("Model %1: %2 entity types")
                                     .arg(QString::fromStdString(model_->name))
                                     .arg(model_->entities.size()));
    return true;
}

bool SampleDataDialog::isRunning() const {
    return watcher_ && watcher_->isRunning();
}

bool SampleDataDialog::start() {
    if (isRunning() || !backend_ || !model_) return false;
    Model chosen = *model_;
    chosen.entities.clear();
    for (int i = 0; i < entities_->count(); ++i)
        if (entities_->item(i)->checkState() == Qt::Checked)
            chosen.entities.push_back(*model_->findEntity(
                entities_->item(i)->data(Qt::UserRole).toString().toStdString()));
    if (chosen.entities.empty()) {
        progressText_->setText(tr("Choose at least one entity type."));
        return false;
    }
    job_ = std::make_shared<Job>();
    result_.reset();
    progress_->setValue(0);
    generateButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    GenerateOptions options;
    options.items = items_->value();
    options.seed = static_cast<uint64_t>(seed_->value());
    options.cancel = &job_->cancel;
    QPointer<SampleDataDialog> self(this);
    const int64_t total = options.items;
    options.progress = [self, total](int64_t generated) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, generated, total] {
                if (!self || !self->isRunning()) return;
                self->progress_->setValue(
                    static_cast<int>(generated * 1000 / std::max<int64_t>(1, total)));
                self->progressText_->setText(
                    tr("%1 of %2 items generated")
                        .arg(QLocale().toString(generated), QLocale().toString(total)));
            },
            Qt::QueuedConnection);
        return true;
    };
    if (!watcher_) {
        watcher_ = new QFutureWatcher<Result<GenerateReport>>(this);
        connect(watcher_, &QFutureWatcher<Result<GenerateReport>>::finished, this,
                &SampleDataDialog::finish);
    }
    std::shared_ptr<Backend> backend = backend_;
    std::shared_ptr<Job> job = job_;
    watcher_->setFuture(QtConcurrent::run(
        [backend, job, chosen, options] { return backend->generateSampleData(chosen, options); }));
    return true;
}

void SampleDataDialog::cancel() {
    if (!isRunning()) return;
    job_->cancel = true;
    cancelButton_->setEnabled(false);
    progressText_->setText(tr("Cancelling…"));
}

void SampleDataDialog::finish() {
    result_ = watcher_->result();
    generateButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    if (!*result_) {
        progressText_->setText(
            tr("Generation failed: %1").arg(QString::fromStdString(result_->error().message)));
    } else {
        const GenerateReport& report = result_->value();
        QStringList perEntity;
        for (const auto& [entity, count] : report.perEntity)
            perEntity << QString::fromStdString(entity) + " " + QLocale().toString(count);
        if (!report.cancelled) progress_->setValue(1000);
        progressText_->setText((report.cancelled
                                    ? tr("Cancelled after %1 items (they were written): %2")
                                    : tr("Generated %1 items: %2"))
                                   .arg(QLocale().toString(report.items), perEntity.join(", ")));
    }
    emit generationFinished();
}

}  // namespace shardscape
