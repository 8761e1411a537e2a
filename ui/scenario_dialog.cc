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
#include "model/model_design_edit.h"
#include "model/model_json.h"
#include "model/model_scenario_form.h"

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
                                              {"hotKey", QObject::tr("hot key")}};

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
    resize(980, 560);
    const Model& model = document_->model();
    ModelScenarioForm form;
    const int position = findScenario(model, scenario.toStdString());
    if (position >= 0)
        form = scenarioFormFrom(model, model.scenarios[static_cast<size_t>(position)]);
    for (const auto& p : form.patterns) order_ << q(p.pattern);

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
           "of that rate. Shards spread each key over N suffixes (write sharding)."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    patterns_ = new QTableWidget(static_cast<int>(model.accessPatterns.size()), ColumnCount, this);
    patterns_->setObjectName("scenarioPatterns");
    patterns_->setHorizontalHeaderLabels({tr("Access pattern"), tr("Rate"), tr("Shape"),
                                          tr("Peak ×"), tr("Keys"), tr("Key count"),
                                          tr("Zipf exponent / hot share"), tr("Shards")});
    patterns_->verticalHeader()->hide();
    patterns_->setTabKeyNavigation(false);
    patterns_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    patterns_->horizontalHeader()->setSectionResizeMode(Pattern, QHeaderView::Stretch);
    QWidget* previous = multiplier_;
    for (size_t i = 0; i < model.accessPatterns.size(); ++i) {
        const AccessPattern& p = model.accessPatterns[i];
        const int row = static_cast<int>(i);
        ModelScenarioPatternForm values;
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
        auto* peak = number(1, 1000, 2, values.peak, patterns_);
        auto* keys = choice(kKeys, q(values.keys), patterns_);
        auto* count = number(1, 4e9, 0, values.keyCount, patterns_);
        auto* skew = number(0, 10, 2, values.keys == "hotKey" ? values.hotShare : values.exponent,
                            patterns_);
        auto* shards = new QSpinBox(patterns_);
        shards->setRange(1, 1000);
        shards->setValue(values.shards);
        shards->setFrame(false);
        const QList<QWidget*> editors = {tick, rate, shape, peak, keys, count, skew, shards};
        for (int c = 0; c < ColumnCount; ++c) {
            patterns_->setCellWidget(row, c, editors[c]);
            if (c == Rate) continue;
            editors[c]->setAccessibleName(patterns_->horizontalHeaderItem(c)->text() + " " +
                                          q(p.name));
            setTabOrder(previous, editors[c]);
            previous = editors[c];
        }
        auto update = [this, tick, shape, peak, keys, count, skew, shards] {
            const bool on = tick->isChecked();
            const bool chosenKeys = keys->currentData().toString() != "model";
            shape->setEnabled(on);
            peak->setEnabled(on && shape->currentData().toString() != "constant");
            keys->setEnabled(on);
            count->setEnabled(on && chosenKeys);
            skew->setEnabled(on && (keys->currentData().toString() == "zipf" ||
                                    keys->currentData().toString() == "hotKey"));
            shards->setEnabled(on && chosenKeys);
            validate();
        };
        connect(tick, &QCheckBox::toggled, this, [this, tick, update](bool on) {
            order_.removeAll(tick->text());
            if (on) order_ << tick->text();
            update();
        });
        connect(shape, &QComboBox::currentIndexChanged, this, update);
        connect(keys, &QComboBox::currentIndexChanged, this, [keys, skew, update] {
            if (keys->currentData().toString() == "hotKey" && skew->value() > 1)
                skew->setValue(0.5);
            update();
        });
        connect(peak, &QDoubleSpinBox::valueChanged, this, &ScenarioDialog::validate);
        connect(count, &QDoubleSpinBox::valueChanged, this, &ScenarioDialog::validate);
        connect(skew, &QDoubleSpinBox::valueChanged, this, &ScenarioDialog::validate);
        connect(shards, &QSpinBox::valueChanged, this, &ScenarioDialog::validate);
        update();
    }
    layout->addWidget(patterns_, 1);

    message_ = new QLabel(this);
    message_->setObjectName("scenarioMessage");
    message_->setWordWrap(true);
    message_->setStyleSheet(
        "QLabel { background: #fdecea; color: #8a1c14; border: 1px solid #f1b0aa; "
        "border-radius: 4px; padding: 5px 8px; }");
    message_->hide();
    layout->addWidget(message_);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    run_ = buttons_->addButton(tr("Save and &run"), QDialogButtonBox::ActionRole);
    run_->setObjectName("scenarioRun");
    run_->setToolTip(tr("Save the scenario and run it in the Simulation view"));
    layout->addWidget(buttons_);
    setTabOrder(previous, buttons_);

    for (QLineEdit* edit : {name_, description_})
        connect(edit, &QLineEdit::textChanged, this, &ScenarioDialog::validate);
    connect(duration_, &QDoubleSpinBox::valueChanged, this, &ScenarioDialog::validate);
    connect(multiplier_, &QDoubleSpinBox::valueChanged, this, &ScenarioDialog::validate);
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

Result<OrderedJson> ScenarioDialog::scenario() const {
    const Model& model = document_->model();
    ModelScenarioForm form;
    form.name = name_->text().trimmed().toStdString();
    form.description = description_->text().trimmed().toStdString();
    form.durationSeconds = duration_->value();
    form.rateMultiplier = multiplier_->value();
    for (const QString& name : order_) {
        const int r = rowOf(name);
        if (r < 0) continue;
        auto* tick = static_cast<QCheckBox*>(cell(r, Pattern));
        if (!tick->isChecked()) continue;
        ModelScenarioPatternForm p;
        p.pattern = tick->text().toStdString();
        p.shape = static_cast<QComboBox*>(cell(r, Shape))->currentData().toString().toStdString();
        p.peak = static_cast<QDoubleSpinBox*>(cell(r, Peak))->value();
        p.keys = static_cast<QComboBox*>(cell(r, Keys))->currentData().toString().toStdString();
        p.keyCount = static_cast<QDoubleSpinBox*>(cell(r, KeyCount))->value();
        const double skew = static_cast<QDoubleSpinBox*>(cell(r, Skew))->value();
        if (p.keys == "hotKey")
            p.hotShare = skew;
        else
            p.exponent = skew;
        p.shards = static_cast<QSpinBox*>(cell(r, Shards))->value();
        form.patterns.push_back(p);
    }
    auto json = scenarioFromForm(model, form);
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
    message_->setText(status.ok() ? QString() : q(status.error().message));
    message_->setVisible(!status.ok());
    okButton()->setEnabled(status.ok());
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
