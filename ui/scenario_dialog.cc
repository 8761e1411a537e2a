#include "scenario_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "buddy_label.h"
#include "design_document.h"
#include "inline_message.h"
#include "model/model_design_edit.h"
#include "model/model_json.h"
#include "model/model_scenario_form.h"
#include "rate_shape_dialog.h"

namespace shardscape {

namespace {
QString q(const std::string& s) {
    return QString::fromStdString(s);
}

const QList<QPair<QString, QString>> kShapes = {{"constant", QObject::tr("constant")},
                                                {"spikes", QObject::tr("spikes")},
                                                {"ramp", QObject::tr("ramp")},
                                                {"daily", QObject::tr("daily cycle")}};
const QList<QPair<QString, QString>> kKeys = {{"model", QObject::tr("from the model")},
                                              {"uniform", QObject::tr("uniform")},
                                              {"zipf", QObject::tr("Zipf")},
                                              {"hotKey", QObject::tr("hot key")},
                                              {"timeOrdered", QObject::tr("time-ordered")}};

QComboBox* choice(const QList<QPair<QString, QString>>& items, const QString& current,
                  QWidget* parent) {
    auto* combo = new QComboBox(parent);
    for (const auto& [value, text] : items) combo->addItem(text, value);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    return combo;
}

QDoubleSpinBox* number(double min, double max, int decimals, double value, QWidget* parent) {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(min, max);
    spin->setDecimals(decimals);
    spin->setValue(value);
    spin->setFrame(false);
    return spin;
}
}  // namespace

ScenarioDialog::ScenarioDialog(DesignDocument* document, const QString& scenario, QWidget* parent)
    : QDialog(parent), document_(document), original_(scenario) {
    setObjectName("scenarioDialog");
    setWindowTitle(scenario.isEmpty() ? tr("New scenario") : tr("Scenario %1").arg(scenario));
    resize(1180, 560);
    const Model& model = document_->model();
    ModelScenarioForm form;
    const int position = findScenario(model, scenario.toStdString());
    if (position >= 0)
        form = scenarioFormFrom(model, model.scenarios[static_cast<size_t>(position)]);
    for (const auto& p : form.patterns) order_ << q(p.pattern);
    durationValue_ = form.durationSeconds;
    multiplierValue_ = form.rateMultiplier;

    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    name_ = new QLineEdit(q(form.name), this);
    name_->setObjectName("scenarioName");
    name_->setPlaceholderText(tr("Black Friday, Launch day, …"));
    top->addRow(buddyLabel(tr("&Name:"), name_), name_);
    description_ = new QLineEdit(q(form.description), this);
    description_->setObjectName("scenarioDescription");
    top->addRow(buddyLabel(tr("&Description:"), description_), description_);
    auto* run = new QHBoxLayout;
    duration_ = number(1, 86400 * 7, 0, form.durationSeconds, this);
    duration_->setObjectName("scenarioDuration");
    duration_->setFrame(true);
    duration_->setSuffix(tr(" s"));
    multiplier_ = number(0.01, 10000, 2, form.rateMultiplier, this);
    multiplier_->setObjectName("scenarioMultiplier");
    multiplier_->setFrame(true);
    multiplier_->setPrefix(QStringLiteral("× "));
    multiplier_->setToolTip(tr("Every pattern runs at its expected rate times this"));
    run->addWidget(duration_, 1);
    run->addWidget(buddyLabel(tr("Rate &multiplier:"), multiplier_));
    run->addWidget(multiplier_, 1);
    top->addRow(buddyLabel(tr("D&uration:"), duration_), run);
    layout->addLayout(top);

    auto* hint = new QLabel(
        tr("Tick the access patterns the scenario runs. Each runs at its expected rate × the "
           "multiplier; <i>peak</i> is the top of a spike, ramp or daily cycle as a multiple "
           "of that rate, and <i>Rate…</i> edits the whole shape: several spikes, when a "
           "ramp starts and ends, a daily cycle's period. Shards spread each key over N "
           "suffixes (write sharding)."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    patterns_ = new QTableWidget(static_cast<int>(model.accessPatterns.size()), ColumnCount, this);
    patterns_->setObjectName("scenarioPatterns");
    patterns_->setHorizontalHeaderLabels(
        {tr("Access pattern"), tr("Rate"), tr("Shape"), tr("Peak ×"), tr("Over the run"),
         tr("Keys"), tr("Key count / bucket s"), tr("Zipf exponent / hot share"), tr("Shards")});
    patterns_->verticalHeader()->hide();
    patterns_->setTabKeyNavigation(false);
    patterns_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    patterns_->horizontalHeader()->setSectionResizeMode(Pattern, QHeaderView::Stretch);
    QWidget* previous = multiplier_;
    rows_.resize(model.accessPatterns.size());
    for (size_t i = 0; i < model.accessPatterns.size(); ++i) {
        const AccessPattern& p = model.accessPatterns[i];
        const int row = static_cast<int>(i);
        ModelScenarioPatternForm& values = rows_[i];
        values.pattern = p.name;
        bool ticked = false;
        for (const auto& f : form.patterns)
            if (f.pattern == p.name) {
                values = f;
                ticked = true;
            }
        auto* tick = new QCheckBox(q(p.name), patterns_);
        tick->setChecked(ticked);
        auto* rate = new QLabel(tr("%1/s").arg(p.ratePerSecond), patterns_);
        rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* shape = choice(kShapes, q(values.shape), patterns_);
        auto* peak = number(0, 100000, 2, 1, patterns_);
        auto* curve = new QPushButton(patterns_);
        curve->setToolTip(tr("Every field of the rate's shape: spikes, start and end, period"));
        auto* keys = choice(kKeys, q(values.keys), patterns_);
        auto* count = number(1, 4e9, 0, 1, patterns_);
        auto* skew = number(0, 10, 2, values.keys == "hotKey" ? values.hotShare : values.exponent,
                            patterns_);
        auto* shards = new QSpinBox(patterns_);
        shards->setRange(1, 1000);
        shards->setValue(values.shards);
        shards->setFrame(false);
        const QList<QWidget*> editors = {tick, rate, shape, peak, curve, keys, count, skew, shards};
        for (int c = 0; c < ColumnCount; ++c) {
            patterns_->setCellWidget(row, c, editors[c]);
            if (c == Rate) continue;
            editors[c]->setAccessibleName(patterns_->horizontalHeaderItem(c)->text() + " " +
                                          q(p.name));
            setTabOrder(previous, editors[c]);
            previous = editors[c];
        }
        showRow(row);
        auto update = [this, row, tick, shape, peak, curve, keys, count, skew, shards] {
            const ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
            const bool on = tick->isChecked();
            const QString distribution = keys->currentData().toString();
            const bool chosenKeys = distribution != "model";
            shape->setEnabled(on);
            const bool severalSpikes = f.shape == "spikes" && f.spikes.size() > 1;
            peak->setEnabled(on && f.shape != "constant" && !severalSpikes);
            peak->setToolTip(severalSpikes ? tr("Several spikes: edit each under Rate…")
                                           : QString());
            curve->setEnabled(on);
            keys->setEnabled(on);
            count->setEnabled(on && chosenKeys);
            skew->setEnabled(on && (distribution == "zipf" || distribution == "hotKey"));
            shards->setEnabled(on && chosenKeys);
            validate();
        };
        connect(tick, &QCheckBox::toggled, this, [this, tick, update](bool on) {
            order_.removeAll(tick->text());
            if (on) order_ << tick->text();
            update();
        });
        connect(shape, &QComboBox::currentIndexChanged, this, [this, row, shape, update] {
            rows_[static_cast<size_t>(row)].shape = shape->currentData().toString().toStdString();
            showRow(row);
            update();
        });
        connect(peak, &QDoubleSpinBox::valueChanged, this, [this, row](double v) {
            ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
            f.peak = v;
            if (f.shape == "spikes" && f.spikes.size() == 1) f.spikes.front().peak = v;
            showRow(row);
            validate();
        });
        connect(curve, &QPushButton::clicked, this, [this, row] { editRate(row); });
        connect(keys, &QComboBox::currentIndexChanged, this, [this, row, keys, update] {
            ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
            f.keys = keys->currentData().toString().toStdString();
            showRow(row);
            update();
        });
        connect(count, &QDoubleSpinBox::valueChanged, this, [this, row](double v) {
            ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
            (f.keys == "timeOrdered" ? f.bucketSeconds : f.keyCount) = v;
            validate();
        });
        connect(skew, &QDoubleSpinBox::valueChanged, this, [this, row](double v) {
            ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
            (f.keys == "hotKey" ? f.hotShare : f.exponent) = v;
            validate();
        });
        connect(shards, &QSpinBox::valueChanged, this, [this, row](int v) {
            rows_[static_cast<size_t>(row)].shards = v;
            validate();
        });
        update();
        refresh_.push_back(update);
    }
    layout->addWidget(patterns_, 1);

    message_ = inlineMessageLabel("scenarioMessage", this);
    layout->addWidget(message_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    run_ = buttons_->addButton(tr("Save and &run"), QDialogButtonBox::ActionRole);
    run_->setObjectName("scenarioRun");
    run_->setToolTip(tr("Save the scenario and run it in the Simulation view"));
    layout->addWidget(buttons_);
    setTabOrder(previous, buttons_);

    for (QLineEdit* edit : {name_, description_})
        connect(edit, &QLineEdit::textChanged, this, &ScenarioDialog::validate);
    connect(duration_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        durationValue_ = v;
        validate();
    });
    connect(multiplier_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        multiplierValue_ = v;
        validate();
    });
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        if (apply()) accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(run_, &QPushButton::clicked, this, [this] {
        if (!apply()) return;
        const QString name = name_->text().trimmed();
        accept();
        emit runRequested(name);
    });
    validate();
}

int ScenarioDialog::rowOf(const QString& pattern) const {
    for (int r = 0; r < patterns_->rowCount(); ++r)
        if (auto* tick = qobject_cast<QCheckBox*>(cell(r, Pattern));
            tick && tick->text() == pattern)
            return r;
    return -1;
}

QWidget* ScenarioDialog::cell(int row, Column column) const {
    return patterns_->cellWidget(row, column);
}

QPushButton* ScenarioDialog::okButton() const {
    return buttons_->button(QDialogButtonBox::Ok);
}

double ScenarioDialog::rateOf(int row) const {
    const AccessPattern& p = document_->model().accessPatterns[static_cast<size_t>(row)];
    return p.ratePerSecond * multiplierValue_;
}

void ScenarioDialog::showRow(int row) {
    const ModelScenarioPatternForm& f = rows_[static_cast<size_t>(row)];
    {
        auto* shape = static_cast<QComboBox*>(cell(row, Shape));
        QSignalBlocker block(shape);
        shape->setCurrentIndex(std::max(0, shape->findData(q(f.shape))));
    }
    {
        auto* peak = static_cast<QDoubleSpinBox*>(cell(row, Peak));
        QSignalBlocker block(peak);
        peak->setValue(f.shape == "spikes" && !f.spikes.empty() ? f.spikes.front().peak : f.peak);
    }
    {
        auto* count = static_cast<QDoubleSpinBox*>(cell(row, KeyCount));
        QSignalBlocker block(count);
        count->setValue(f.keys == "timeOrdered" ? f.bucketSeconds : f.keyCount);
    }
    {
        // The exponent of a Zipf distribution, the hot key's share of a hot key.
        auto* skew = static_cast<QDoubleSpinBox*>(cell(row, Skew));
        QSignalBlocker block(skew);
        skew->setValue(f.keys == "hotKey" ? f.hotShare : f.exponent);
    }
    static_cast<QPushButton*>(cell(row, Curve))->setText(rateShapeSummary(f) + "…");
}

RateShapeDialog* ScenarioDialog::editRate(int row) {
    if (row < 0 || row >= static_cast<int>(rows_.size())) return nullptr;
    auto check = [this, row](const ModelScenarioPatternForm& replaced) -> Status {
        ModelScenarioForm f = form(row, &replaced);
        bool ticked = false;
        for (const auto& p : f.patterns) ticked = ticked || p.pattern == replaced.pattern;
        if (!ticked) f.patterns.push_back(replaced);
        // The name is the scenario dialog's to check.
        static const std::string kAnyName("scenario");
        if (f.name.empty()) f.name = kAnyName;
        auto json = scenarioFromForm(document_->model(), f);
        if (!json) return json.error();
        return {};
    };
    auto* dialog = new RateShapeDialog(rows_[static_cast<size_t>(row)], rateOf(row), durationValue_,
                                       check, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, row] {
        rows_[static_cast<size_t>(row)] = dialog->form();
        showRow(row);
        // The enabled cells follow the shape (the Peak cell with several spikes).
        refresh_[static_cast<size_t>(row)]();
    });
    dialog->open();
    return dialog;
}

ModelScenarioForm ScenarioDialog::form(int row, const ModelScenarioPatternForm* replaced) const {
    ModelScenarioForm form;
    form.name = name_->text().trimmed().toStdString();
    form.description = description_->text().trimmed().toStdString();
    form.durationSeconds = durationValue_;
    form.rateMultiplier = multiplierValue_;
    for (const QString& name : order_) {
        const int r = rowOf(name);
        if (r < 0) continue;
        if (!static_cast<QCheckBox*>(cell(r, Pattern))->isChecked()) continue;
        form.patterns.push_back(r == row && replaced ? *replaced : rows_[static_cast<size_t>(r)]);
    }
    return form;
}

Result<OrderedJson> ScenarioDialog::scenario() const {
    const Model& model = document_->model();
    auto json = scenarioFromForm(model, form());
    if (!json) return json.error();
    // Members the form does not edit (a seed, the table, index keys) are kept.
    const int position = findScenario(model, original_.toStdString());
    if (position >= 0)
        return keepScenarioMembers(model.scenarios[static_cast<size_t>(position)],
                                   std::move(json).value());
    return json;
}

void ScenarioDialog::validate() {
    if (!buttons_) return;
    auto json = scenario();
    Status status;
    if (!json)
        status = json.error();
    else if (auto edited = putScenario(document_->model(), original_.toStdString(), *json); !edited)
        status = edited.error();
    showStatus(message_, okButton(), status);
    run_->setEnabled(status.ok());
}

bool ScenarioDialog::apply() {
    auto json = scenario();
    if (!json) {
        validate();
        return false;
    }
    const QString name = name_->text().trimmed();
    auto edited = putScenario(document_->model(), original_.toStdString(), *json);
    if (edited && modelToJson(*edited) == modelToJson(document_->model())) return true;
    const QString text =
        original_.isEmpty() ? tr("Add scenario %1").arg(name) : tr("Edit scenario %1").arg(name);
    if (document_->apply(text, std::move(edited))) return true;
    validate();
    return false;
}

}  // namespace shardscape
