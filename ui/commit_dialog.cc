#include "commit_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/remote_backend.h"

namespace shardscape {

namespace {
constexpr int kLocal = -1;  // the connection box's data for the local engine
}

CommitDialog::CommitDialog(const Model& model, std::shared_ptr<Backend> local,
                           std::vector<ConnectionProfile> profiles, AwsEnvironment environment,
                           QWidget* parent)
    : QDialog(parent),
      model_(model),
      local_(std::move(local)),
      profiles_(std::move(profiles)),
      environment_(std::move(environment)) {
    setObjectName("commitDialog");
    setWindowTitle(tr("Commit model to a connection"));
    resize(680, 560);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Creates the tables and indexes of model <b>%1</b> on the chosen connection and "
           "writes its sample items (and generated ones). Tables that already exist there are "
           "reported and left as they are.")
            .arg(QString::fromStdString(model_.name).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    connection_ = new QComboBox(this);
    connection_->setObjectName("commitConnection");
    if (local_) connection_->addItem(tr("Local engine"), kLocal);
    for (size_t i = 0; i < profiles_.size(); ++i) {
        const ConnectionProfile& profile = profiles_[i];
        const std::string where =
            profile.endpointUrl.empty() ? regionalEndpoint(profile.region) : profile.endpointUrl;
        connection_->addItem(QString::fromStdString(profile.name + "  (" + where + ")"),
                             static_cast<int>(i));
    }
    form->addRow(tr("C&onnection:"), connection_);
    generate_ = new QSpinBox(this);
    generate_->setObjectName("commitGenerate");
    generate_->setRange(0, 1'000'000);
    // The plan is made again when the number is complete, not at every digit typed.
    generate_->setKeyboardTracking(false);
    generate_->setGroupSeparatorShown(true);
    generate_->setMaximumWidth(180);
    generate_->setToolTip(tr("Items generated from the entity types, besides the sample items"));
    form->addRow(tr("&Generated items:"), generate_);
    seed_ = new QSpinBox(this);
    seed_->setObjectName("commitSeed");
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setValue(1);
    seed_->setMaximumWidth(180);
    form->addRow(tr("&Seed:"), seed_);
    layout->addLayout(form);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* previewLabel = new QLabel(tr("&Requests:"), this);
    layout->addWidget(previewLabel);
    preview_ = new QPlainTextEdit(this);
    preview_->setObjectName("commitPreview");
    preview_->setReadOnly(true);
    preview_->setFont(fixed);
    preview_->setLineWrapMode(QPlainTextEdit::NoWrap);
    previewLabel->setBuddy(preview_);
    layout->addWidget(preview_, 2);
    existing_ = new QLabel(this);
    existing_->setObjectName("commitExisting");
    existing_->setWordWrap(true);
    layout->addWidget(existing_);
    progress_ = new QProgressBar(this);
    progress_->setObjectName("commitProgress");
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    layout->addWidget(progress_);
    progressText_ = new QLabel(this);
    progressText_->setObjectName("commitProgressText");
    progressText_->setWordWrap(true);
    layout->addWidget(progressText_);
    auto* reportLabel = new QLabel(tr("R&eport:"), this);
    layout->addWidget(reportLabel);
    report_ = new QPlainTextEdit(this);
    report_->setObjectName("commitReport");
    report_->setReadOnly(true);
    report_->setFont(fixed);
    report_->setPlaceholderText(tr("What was created and written shows here after the commit."));
    reportLabel->setBuddy(report_);
    layout->addWidget(report_, 1);

    auto* buttons = new QDialogButtonBox(this);
    commitButton_ = buttons->addButton(tr("&Commit"), QDialogButtonBox::AcceptRole);
    commitButton_->setObjectName("commitButton");
    cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);
    cancelButton_->setObjectName("commitCancel");
    cancelButton_->setEnabled(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(connection_, &QComboBox::currentIndexChanged, this, &CommitDialog::checkExisting);
    connect(generate_, &QSpinBox::valueChanged, this, &CommitDialog::updatePlan);
    connect(seed_, &QSpinBox::valueChanged, this, &CommitDialog::updatePlan);
    connect(commitButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(cancelButton_, &QPushButton::clicked, this, &CommitDialog::cancel);
    connect(close, &QPushButton::clicked, this, [this] {
        cancel();
        reject();
    });
    updatePlan();
    checkExisting();
}

CommitDialog::~CommitDialog() {
    if (watcher_ && watcher_->isRunning()) {
        job_->cancel = true;
        watcher_->waitForFinished();
    }
    if (checker_ && checker_->isRunning()) checker_->waitForFinished();
}

std::optional<ConnectionProfile> CommitDialog::chosenProfile() const {
    const int chosen = connection_->currentData().toInt();
    if (connection_->count() == 0 || chosen == kLocal) return std::nullopt;
    return profiles_[static_cast<size_t>(chosen)];
}

Result<std::shared_ptr<Backend>> CommitDialog::backendFor(std::shared_ptr<Backend> local,
                                                          std::optional<ConnectionProfile> profile,
                                                          const AwsEnvironment& environment) {
    if (!profile) return local;
    auto remote = RemoteBackend::connect(*profile, environment);
    if (!remote) return remote.error();
    return std::shared_ptr<Backend>(std::move(remote).value());
}

bool CommitDialog::isChecking() const {
    return checker_ && checker_->isRunning();
}

void CommitDialog::checkExisting() {
    const quint64 generation = ++checkGeneration_;
    if (!plan_ || connection_->count() == 0) {
        existing_->clear();
        return;
    }
    existing_->setText(tr("Checking %1 for the model's tables…").arg(connection_->currentText()));
    if (!checker_) {
        checker_ = new QFutureWatcher<Result<std::vector<std::string>>>(this);
        connect(checker_, &QFutureWatcher<Result<std::vector<std::string>>>::finished, this,
                [this] {
                    if (checker_->property("generation").toULongLong() != checkGeneration_)
                        return;  // a newer check is coming
                    const Result<std::vector<std::string>> found = checker_->result();
                    if (!found) {
                        existing_->setText(tr("Could not check the connection: %1")
                                               .arg(QString::fromStdString(found.error().message)));
                    } else if (found->empty()) {
                        existing_->setText(tr("None of the model's tables is there yet."));
                    } else {
                        QStringList names;
                        for (const auto& name : *found) names << QString::fromStdString(name);
                        existing_->setText(
                            tr("Already there, left as they are (none of their items are "
                               "written): %1")
                                .arg(names.join(", ")));
                    }
                });
    }
    if (checker_->isRunning()) {
        // One check at a time: the newest starts when this one ends.
        connect(
            checker_, &QFutureWatcher<Result<std::vector<std::string>>>::finished, this,
            [this] { checkExisting(); }, Qt::SingleShotConnection);
        return;
    }
    checker_->setProperty("generation", generation);
    const CommitPlan plan = *plan_;
    checker_->setFuture(
        QtConcurrent::run([local = local_, profile = chosenProfile(), environment = environment_,
                           plan]() -> Result<std::vector<std::string>> {
            auto backend = backendFor(local, profile, environment);
            if (!backend) return backend.error();
            return existingCommitTables(**backend, plan);
        }));
}

void CommitDialog::updatePlan() {
    CommitPlanOptions options;
    options.generateItems = generate_->value();
    options.seed = static_cast<uint64_t>(seed_->value());
    auto plan = planModelCommit(model_, options);
    if (!plan) {
        plan_.reset();
        preview_->setPlainText(
            tr("Nothing to commit: %1").arg(QString::fromStdString(plan.error().message)));
    } else {
        plan_ = std::move(plan).value();
        preview_->setPlainText(QString::fromStdString(commitPlanPreview(*plan_)));
    }
    commitButton_->setEnabled(plan_ && connection_->count() > 0 && !isRunning());
}

bool CommitDialog::isRunning() const {
    return running_;
}

bool CommitDialog::start() {
    if (isRunning() || !plan_ || connection_->count() == 0) return false;
    std::shared_ptr<Backend> local = local_;
    const std::optional<ConnectionProfile> profile = chosenProfile();
    job_ = std::make_shared<Job>();
    running_ = true;
    result_.reset();
    report_->clear();
    progress_->setValue(0);
    progressText_->setText(tr("Connecting to %1…").arg(connection_->currentText()));
    commitButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    connection_->setEnabled(false);
    generate_->setEnabled(false);
    seed_->setEnabled(false);

    QPointer<CommitDialog> self(this);
    CommitRunOptions options;
    options.cancel = &job_->cancel;
    options.progress = [self](const CommitProgress& progress) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, progress] {
                if (self) self->showProgress(progress);
            },
            Qt::QueuedConnection);
    };
    if (!watcher_) {
        watcher_ = new QFutureWatcher<Result<CommitReport>>(this);
        connect(watcher_, &QFutureWatcher<Result<CommitReport>>::finished, this,
                &CommitDialog::finish);
    }
    std::shared_ptr<Job> job = job_;
    const CommitPlan plan = *plan_;
    const AwsEnvironment environment = environment_;
    watcher_->setFuture(QtConcurrent::run(
        [local, profile, environment, plan, options, job]() -> Result<CommitReport> {
            auto backend = backendFor(local, profile, environment);
            if (!backend) return backend.error();
            return commitModel(**backend, plan, options);
        }));
    return true;
}

void CommitDialog::showProgress(const CommitProgress& progress) {
    if (!running_) return;
    progress_->setValue(
        static_cast<int>(progress.requestsDone * 1000 / std::max<size_t>(1, progress.requests)));
    progressText_->setText(tr("Request %1 of %2 · %3 of %4 items written · %5")
                               .arg(progress.requestsDone + 1)
                               .arg(progress.requests)
                               .arg(QLocale().toString(progress.itemsWritten),
                                    QLocale().toString(progress.items),
                                    QString::fromStdString(progress.current)));
    emit progressed(progress);
}

void CommitDialog::cancel() {
    if (!isRunning()) return;
    job_->cancel = true;
    cancelButton_->setEnabled(false);
    progressText_->setText(tr("Cancelling after the request in flight…"));
}

void CommitDialog::finish() {
    running_ = false;
    result_ = watcher_->result();
    cancelButton_->setEnabled(false);
    connection_->setEnabled(true);
    generate_->setEnabled(true);
    seed_->setEnabled(true);
    commitButton_->setEnabled(plan_.has_value());
    if (!*result_) {
        const Error& error = result_->error();
        progressText_->setText(tr("Could not connect"));
        report_->setPlainText(
            tr("Could not connect: %1: %2")
                .arg(QString::fromStdString(error.name()), QString::fromStdString(error.message)));
    } else {
        const CommitReport& report = result_->value();
        if (report.complete()) progress_->setValue(1000);
        progressText_->setText(report.complete()  ? tr("Done")
                               : report.cancelled ? tr("Cancelled")
                               : report.error     ? tr("Stopped by an error")
                                                  : tr("Done; some tables already existed"));
        report_->setPlainText(QString::fromStdString(formatCommitReport(report)));
    }
    checkExisting();
    emit commitFinished();
}

}  // namespace shardscape
