#include "compare_view.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "capacity_chart.h"
#include "classroom/scenario_form.h"
#include "heat_map_view.h"
#include "simulation/scenario.h"
#include "simulation_results_view.h"
#include "simulation_runner.h"

namespace shardscape {

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
    setObjectName("compareView");
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        controls->addWidget(new QLabel(side == 0 ? tr("Before:") : tr("After:"), this));
        choices_[side] = new QComboBox(this);
        choices_[side]->setObjectName(side == 0 ? "compareLeft" : "compareRight");
        choices_[side]->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        controls->addWidget(choices_[side]);
        controls->addSpacing(12);
    }
    run_ = new QPushButton(tr("Run both"), this);
    run_->setObjectName("runCompare");
    controls->addWidget(run_);
    status_ = new QLabel(this);
    controls->addWidget(status_, 1);
    layout->addLayout(controls);
    auto* sides = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        views_[side] = new SimulationResultsView(SimulationResultsView::Layout::Stacked, this);
        views_[side]->setObjectName(side == 0 ? "compareLeftResults" : "compareRightResults");
        sides->addWidget(views_[side], 1);
        runners_[side] = new SimulationRunner(this);
        connect(runners_[side], &SimulationRunner::finished, this,
                [this, side](std::shared_ptr<const SimulationReport> report) {
                    reports_[side] = std::move(report);
                    done();
                });
        connect(runners_[side], &SimulationRunner::failed, this, [this](const QString& message) {
            status_->setText(tr("Failed: %1").arg(message));
            run_->setEnabled(true);
            emit failed(message);
        });
        connect(runners_[side], &SimulationRunner::cancelled, this, [this] {
            run_->setEnabled(true);
            emit failed(tr("Simulation cancelled"));
        });
    }
    layout->addLayout(sides, 1);
    // The two time sliders move together.
    for (int side = 0; side < 2; ++side) {
        SimulationResultsView* other = views_[1 - side];
        connect(views_[side], &SimulationResultsView::secondChanged, other, [other](int second) {
            if (other->second() != second) other->setSecond(second);
        });
    }
    connect(run_, &QPushButton::clicked, this, &CompareView::run);
}

void CompareView::setBundledDirectory(const QString& directory) {
    const QDir dir(directory + "/scenarios");
    for (QComboBox* choice : choices_) {
        choice->clear();
        for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name))
            choice->addItem(QFileInfo(name).completeBaseName(), dir.absoluteFilePath(name));
    }
    const QString hot = dir.absoluteFilePath("hot-key.json");
    const QString sharded = dir.absoluteFilePath("write-sharding.json");
    if (QFileInfo::exists(hot) && QFileInfo::exists(sharded)) setScenarios(hot, sharded);
}

void CompareView::setModel(const Model& model) {
    model_ = model;
    for (QComboBox* choice : choices_) {
        for (int i = choice->count() - 1; i >= 0; --i)
            if (choice->itemData(i).toString().startsWith("model-table:")) choice->removeItem(i);
        for (const ModelTable& table : model.tables)
            if (formFromModel(model, table.name))
                choice->addItem(tr("Model: %1").arg(QString::fromStdString(table.name)),
                                "model-table:" + QString::fromStdString(table.name));
    }
}

bool CompareView::chooseByText(const QString& left, const QString& right) {
    const int l = choices_[0]->findText(left), r = choices_[1]->findText(right);
    if (l < 0 || r < 0) return false;
    choices_[0]->setCurrentIndex(l);
    choices_[1]->setCurrentIndex(r);
    return true;
}

void CompareView::select(int side, const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    int index = choices_[side]->findData(absolute);
    if (index < 0) {
        choices_[side]->addItem(QFileInfo(path).completeBaseName(), absolute);
        index = choices_[side]->count() - 1;
    }
    choices_[side]->setCurrentIndex(index);
}

void CompareView::setScenarios(const QString& left, const QString& right) {
    select(0, left);
    select(1, right);
}

void CompareView::run() {
    Scenario scenarios[2];
    for (int side = 0; side < 2; ++side) {
        const QString source = choices_[side]->currentData().toString();
        Result<Scenario> scenario = validationError("no scenario chosen");
        if (source.startsWith("model-table:")) {
            auto form = model_ ? formFromModel(*model_, source.mid(12).toStdString())
                               : Result<ScenarioForm>(validationError("no model is loaded"));
            scenario = form ? Scenario::fromJson(form->toJson()) : Result<Scenario>(form.error());
        } else {
            QFile file(source);
            if (!file.open(QIODevice::ReadOnly)) {
                const QString message = tr("Cannot read %1").arg(file.fileName());
                status_->setText(message);
                emit failed(message);
                return;
            }
            scenario = Scenario::fromText(file.readAll().toStdString());
        }
        if (!scenario) {
            const QString message = QString::fromStdString(scenario.error().message);
            status_->setText(tr("%1: %2").arg(choices_[side]->currentText(), message));
            emit failed(message);
            return;
        }
        scenarios[side] = std::move(scenario).value();
        itemCounts_[side] = scenarios[side].table.itemCount;
        reports_[side].reset();
    }
    pending_ = 2;
    run_->setEnabled(false);
    status_->setText(tr("Running both…"));
    for (int side = 0; side < 2; ++side) runners_[side]->start(scenarios[side]);
}

void CompareView::done() {
    if (--pending_ > 0) return;
    run_->setEnabled(true);
    for (int side = 0; side < 2; ++side) views_[side]->setReport(reports_[side], itemCounts_[side]);
    // Same scales on both sides: time, capacity units, throttled requests, colour.
    double units = 0, throttled = 0;
    for (SimulationResultsView* view : views_) {
        units = std::max(units, view->capacityChart()->unitsUpper());
        throttled = std::max(throttled, view->capacityChart()->throttledUpper());
    }
    const int seconds = std::max(reports_[0]->durationSeconds, reports_[1]->durationSeconds);
    for (SimulationResultsView* view : views_) {
        view->capacityChart()->setValueRanges(units, throttled);
        view->capacityChart()->xAxis->setRange(0, seconds);
        view->capacityChart()->replot();
        view->heatMap()->setShareRange(views_[0]->heatMap()->shareRange());
        view->heatMap()->xAxis->setRange(-0.5, seconds - 0.5);
        view->heatMap()->replot();
    }
    status_->setText(tr("%1: %2 % throttled · %3: %4 % throttled")
                         .arg(QString::fromStdString(reports_[0]->scenario))
                         .arg(reports_[0]->requests > 0
                                  ? 100 * reports_[0]->throttledRequests / reports_[0]->requests
                                  : 0.0,
                              0, 'f', 1)
                         .arg(QString::fromStdString(reports_[1]->scenario))
                         .arg(reports_[1]->requests > 0
                                  ? 100 * reports_[1]->throttledRequests / reports_[1]->requests
                                  : 0.0,
                              0, 'f', 1));
    emit compared();
}

}  // namespace shardscape
