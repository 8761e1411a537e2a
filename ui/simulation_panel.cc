#include "simulation_panel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "capacity/throttle_kind.h"
#include "classroom/scenario_form.h"
#include "model/model_file.h"
#include "scenario_form_view.h"
#include "simulation_results_view.h"
#include "simulation_runner.h"

namespace shardscape {

namespace {

// "Throttled by a hot partition (KeyRangeThroughputExceeded): 1,234 · by the table capacity
// (ProvisionedThroughputExceeded): 0", on a line of its own; "" when nothing throttled.
QString throttleKindsLine(const SimulationReport& report) {
    if (report.throttledRequests <= 0 || report.throttledByReason.empty()) return {};
    const ThrottlesByKind kinds = throttlesByKind(report.throttledByReason);
    const BillingMode mode =
        report.resources.empty() ? BillingMode::Provisioned : report.resources.front().mode;
    const QLocale locale;
    return QObject::tr("\nThrottled by a %1: %2 · by the %3: %4")
        .arg(QString::fromStdString(throttleKindLabel(ThrottleKind::HotPartition, mode)),
             locale.toString(kinds.hotPartition, 'f', 0),
             QString::fromStdString(throttleKindLabel(ThrottleKind::TableCapacity, mode)),
             locale.toString(kinds.tableCapacity, 'f', 0));
}

Result<std::string> readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return validationError("Cannot read " + path.toStdString() + ": " +
                               file.errorString().toStdString());
    return file.readAll().toStdString();
}

QString descriptionOf(const std::string& text) {
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_object() && json.contains("description") && json["description"].is_string())
        return QString::fromStdString(json["description"].get<std::string>());
    return {};
}

}  // namespace

SimulationPanel::SimulationPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("simulationPanel");
    runner_ = new SimulationRunner(this);
    auto* layout = new QVBoxLayout(this);
    splitter_ = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(splitter_);

    setup_ = new QWidget(splitter_);
    auto* setup = new QVBoxLayout(setup_);
    setup->setContentsMargins(0, 0, 0, 0);
    auto* sourceBox = new QGroupBox(tr("Scenario"), setup_);
    auto* sourceLayout = new QVBoxLayout(sourceBox);
    source_ = new QComboBox(sourceBox);
    source_->setObjectName("scenarioSource");
    sourceLayout->addWidget(source_);
    description_ = new QLabel(sourceBox);
    description_->setWordWrap(true);
    description_->setObjectName("scenarioDescription");
    sourceLayout->addWidget(description_);
    setup->addWidget(sourceBox);
    form_ = new ScenarioFormView(setup_);
    setup->addWidget(form_, 1);
    auto* buttons = new QHBoxLayout;
    runButton_ = new QPushButton(tr("Run simulation"), setup_);
    runButton_->setObjectName("runSimulation");
    runButton_->setDefault(true);
    cancelButton_ = new QPushButton(tr("Cancel"), setup_);
    cancelButton_->setObjectName("cancelSimulation");
    cancelButton_->setEnabled(false);
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    setup->addLayout(buttons);
    progress_ = new QProgressBar(setup_);
    progress_->setObjectName("simulationProgress");
    progress_->setRange(0, 100);
    progress_->setValue(0);
    setup->addWidget(progress_);
    status_ = new QLabel(setup_);
    status_->setObjectName("simulationStatus");
    status_->setWordWrap(true);
    status_->setMinimumHeight(status_->fontMetrics().lineSpacing() * 2 + 4);
    setup->addWidget(status_);
    setup->addStretch(0);  // takes the room the form leaves when it is hidden

    results_ = new SimulationResultsView(SimulationResultsView::Layout::Tabs, splitter_);
    splitter_->addWidget(setup_);
    splitter_->addWidget(results_);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    splitter_->setSizes({360, 900});

    sources_.push_back({tr("Custom scenario (form)"), {}, std::nullopt, {}});
    source_->addItem(sources_.back().label);
    connect(source_, &QComboBox::currentIndexChanged, this, &SimulationPanel::sourceChanged);
    connect(runButton_, &QPushButton::clicked, this, &SimulationPanel::run);
    connect(cancelButton_, &QPushButton::clicked, this, &SimulationPanel::cancel);
    connect(runner_, &SimulationRunner::progress, this, [this](int done, int total) {
        progress_->setRange(0, total);
        progress_->setValue(done);
    });
    connect(runner_, &SimulationRunner::finished, this,
            [this](std::shared_ptr<const SimulationReport> report) {
                setRunning(false);
                progress_->setValue(progress_->maximum());
                const QLocale locale;
                status_->setText(tr("%1: %2 requests, %3 throttled (%4 %)")
                                     .arg(QString::fromStdString(report->scenario))
                                     .arg(locale.toString(report->requests, 'f', 0))
                                     .arg(locale.toString(report->throttledRequests, 'f', 0))
                                     .arg(locale.toString(
                                         report->requests > 0
                                             ? 100 * report->throttledRequests / report->requests
                                             : 0.0,
                                         'f', 1)) +
                                 throttleKindsLine(*report) +
                                 (report->burstVerdict().empty()
                                      ? QString()
                                      : "\n" + QString::fromStdString(report->burstVerdict())));
                results_->setReport(std::move(report), itemCount_);
                emit finished();
            });
    connect(runner_, &SimulationRunner::failed, this, [this](const QString& message) {
        setRunning(false);
        status_->setText(tr("Simulation failed: %1").arg(message));
        emit failed(message);
    });
    connect(runner_, &SimulationRunner::cancelled, this, [this] {
        setRunning(false);
        progress_->setValue(0);
        status_->setText(tr("Simulation cancelled."));
        emit failed(tr("Simulation cancelled"));
    });
    sourceChanged(0);
}

void SimulationPanel::setBundledDirectory(const QString& directory) {
    bundledDirectory_ = directory;
    const QDir dir(directory + "/scenarios");
    // Drop earlier bundled entries, keep the model's and the custom one.
    for (int i = static_cast<int>(sources_.size()) - 1; i >= 0; --i)
        if (!sources_[static_cast<size_t>(i)].file.isEmpty()) {
            sources_.erase(sources_.begin() + i);
            source_->removeItem(i);
        }
    int at = 0;
    for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        Source source{tr("Bundled: %1").arg(QFileInfo(name).completeBaseName()),
                      dir.absoluteFilePath(name),
                      std::nullopt,
                      {}};
        sources_.insert(sources_.begin() + at, source);
        source_->insertItem(at, source.label);
        ++at;
    }
}

void SimulationPanel::setModel(const Model& model) {
    model_ = model;
    for (int i = static_cast<int>(sources_.size()) - 1; i >= 0; --i) {
        const Source& s = sources_[static_cast<size_t>(i)];
        if (s.modelScenario || !s.modelTable.isEmpty()) {
            sources_.erase(sources_.begin() + i);
            source_->removeItem(i);
        }
    }
    std::vector<Source> added;
    const auto names = modelScenarioNames(model);
    for (size_t i = 0; i < names.size(); ++i)
        added.push_back({tr("Model scenario: %1").arg(QString::fromStdString(names[i])),
                         {},
                         static_cast<int>(i),
                         {}});
    for (const ModelTable& table : model.tables)
        added.push_back({tr("Model access patterns: %1").arg(QString::fromStdString(table.name)),
                         {},
                         std::nullopt,
                         QString::fromStdString(table.name)});
    for (size_t i = 0; i < added.size(); ++i) {
        sources_.insert(sources_.begin() + static_cast<std::ptrdiff_t>(i), added[i]);
        source_->insertItem(static_cast<int>(i), added[i].label);
    }
}

QString SimulationPanel::loadModelFile(const QString& path) {
    auto model = loadModel(path.toStdString());
    if (!model) return QString::fromStdString(model.error().message);
    setModel(*model);
    return {};
}

QStringList SimulationPanel::sources() const {
    QStringList out;
    for (const Source& s : sources_) out << s.label;
    return out;
}

bool SimulationPanel::chooseSource(int index) {
    if (index < 0 || index >= static_cast<int>(sources_.size())) return false;
    if (source_->currentIndex() == index)
        sourceChanged(index);
    else
        source_->setCurrentIndex(index);
    return true;
}

bool SimulationPanel::chooseScenarioFile(const QString& path) {
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].file == wanted) return chooseSource(static_cast<int>(i));
    // Not bundled: add it.
    Source source{tr("File: %1").arg(QFileInfo(path).completeBaseName()), wanted, std::nullopt, {}};
    sources_.insert(sources_.begin(), source);
    source_->insertItem(0, source.label);
    return chooseSource(0);
}

void SimulationPanel::chooseDefaultSource() {
    // The model's first scenario, else its access patterns (first table with any).
    for (size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].modelScenario) {
            chooseSource(static_cast<int>(i));
            return;
        }
    if (model_)
        for (size_t i = 0; i < sources_.size(); ++i)
            if (!sources_[i].modelTable.isEmpty() &&
                formFromModel(*model_, sources_[i].modelTable.toStdString())) {
                chooseSource(static_cast<int>(i));
                return;
            }
    // The bundled hot-key scenario shows the physics best.
    for (size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].file.endsWith("/hot-key.json")) {
            chooseSource(static_cast<int>(i));
            return;
        }
    for (size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].modelScenario || !sources_[i].modelTable.isEmpty() ||
            !sources_[i].file.isEmpty()) {
            chooseSource(static_cast<int>(i));
            return;
        }
    chooseSource(0);
}

void SimulationPanel::sourceChanged(int index) {
    if (index < 0 || index >= static_cast<int>(sources_.size())) return;
    const Source& source = sources_[static_cast<size_t>(index)];
    form_->setVisible(source.file.isEmpty());
    if (!source.file.isEmpty()) {
        auto text = readText(source.file);
        description_->setText(text ? descriptionOf(*text)
                                   : QString::fromStdString(text.error().message));
        return;
    }
    if (!model_ || (!source.modelScenario && source.modelTable.isEmpty())) {
        description_->setText(tr("Describe a table and its workload below."));
        return;
    }
    auto form = source.modelScenario
                    ? formFromModelScenario(*model_, static_cast<size_t>(*source.modelScenario))
                    : formFromModel(*model_, source.modelTable.toStdString());
    if (!form) {
        description_->setText(QString::fromStdString(form.error().message));
        return;
    }
    form_->setForm(*form);
    description_->setText(
        tr("Built from the model's access patterns: rates, item sizes and key spreads as the "
           "model estimates them. Edit before running."));
}

Result<Scenario> SimulationPanel::currentScenario() const {
    const int index = source_->currentIndex();
    if (index >= 0 && index < static_cast<int>(sources_.size()) &&
        !sources_[static_cast<size_t>(index)].file.isEmpty()) {
        auto text = readText(sources_[static_cast<size_t>(index)].file);
        if (!text) return text.error();
        return Scenario::fromText(*text);
    }
    return Scenario::fromJson(form_->form().toJson());
}

bool SimulationPanel::run() {
    auto scenario = currentScenario();
    if (!scenario) {
        const QString message = QString::fromStdString(scenario.error().message);
        status_->setText(tr("Cannot run: %1").arg(message));
        emit failed(message);
        return false;
    }
    itemCount_ = scenario->table.itemCount;
    progress_->setRange(0, static_cast<int>(scenario->durationSeconds));
    progress_->setValue(0);
    status_->setText(tr("Simulating %1 s of %2…")
                         .arg(QLocale().toString(scenario->durationSeconds, 'f', 0),
                              QString::fromStdString(scenario->name)));
    setRunning(true);
    runner_->start(*scenario);
    return true;
}

void SimulationPanel::cancel() {
    runner_->cancel();
}

bool SimulationPanel::running() const {
    return runner_->running();
}

void SimulationPanel::setRunning(bool running) {
    runButton_->setEnabled(!running);
    cancelButton_->setEnabled(running);
    source_->setEnabled(!running);
}

void SimulationPanel::showPage(const QString& page) {
    setup_->setVisible(page == "simulation");
    results_->showPage(page == "capacity" ? "capacity" : "heatmap");
}

}  // namespace shardscape
