#include "rate_shape_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "buddy_label.h"
#include "inline_message.h"

namespace shardscape {

namespace {

enum Page { ConstantPage, SpikesPage, RampPage, DailyPage };

const QList<QPair<QString, QString>> kShapes = {{"constant", QObject::tr("constant")},
                                                {"spikes", QObject::tr("spikes")},
                                                {"ramp", QObject::tr("ramp")},
                                                {"daily", QObject::tr("daily cycle")}};

QDoubleSpinBox* number(double min, double max, int decimals, double value, QWidget* parent) {
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(min, max);
    spin->setDecimals(decimals);
    spin->setValue(value);
    spin->setGroupSeparatorShown(true);
    return spin;
}

QDoubleSpinBox* multiple(double value, QWidget* parent) {
    auto* spin = number(0, 100000, 3, value, parent);
    spin->setPrefix(QStringLiteral("× "));
    return spin;
}

QDoubleSpinBox* seconds(double min, double value, QWidget* parent) {
    auto* spin = number(min, 1e9, 1, value, parent);
    spin->setSuffix(QObject::tr(" s"));
    return spin;
}

QString times(double value) {
    return QStringLiteral("×") + QString::number(value, 'g', 4);
}

}  // namespace

QString rateShapeSummary(const ModelScenarioPatternForm& form) {
    if (form.shape == "spikes") {
        if (form.spikes.empty()) return QObject::tr("one spike to %1").arg(times(form.peak));
        double top = 0;
        for (const auto& spike : form.spikes) top = std::max(top, spike.peak);
        return (form.spikes.size() == 1
                    ? QObject::tr("1 spike, up to %1")
                    : QObject::tr("%1 spikes, up to %2").arg(form.spikes.size()))
            .arg(times(top));
    }
    if (form.shape == "ramp")
        return QObject::tr("ramp %1 → %2").arg(times(form.base), times(form.peak));
    if (form.shape == "daily")
        return QObject::tr("daily %1 – %2").arg(times(form.base), times(form.peak));
    return QObject::tr("constant %1").arg(times(form.base));
}

RateShapeDialog::RateShapeDialog(const ModelScenarioPatternForm& form, double rate, double duration,
                                 Check check, QWidget* parent)
    : QDialog(parent), form_(form), rate_(rate), duration_(duration), check_(std::move(check)) {
    setObjectName("rateShapeDialog");
    setWindowTitle(tr("Rate of %1").arg(QString::fromStdString(form.pattern)));
    resize(560, 420);
    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel(this);
    summary_->setObjectName("rateShapeSummary");
    summary_->setWordWrap(true);
    summary_->setText(
        (rate_ > 0 ? tr("×1 is %1 requests/s (the pattern's rate × the scenario's multiplier); ")
                         .arg(rate_)
                   : tr("The pattern has no expected rate: ×1 is 1 request/s; ")) +
        tr("the run lasts %1 s. Times count from the start of the run.").arg(duration_));
    layout->addWidget(summary_);

    auto* top = new QFormLayout;
    shape_ = new QComboBox(this);
    shape_->setObjectName("rateShape");
    for (const auto& [value, text] : kShapes) shape_->addItem(text, value);
    shape_->setCurrentIndex(std::max(0, shape_->findData(QString::fromStdString(form_.shape))));
    top->addRow(buddyLabel(tr("&Shape:"), shape_), shape_);
    base_ = multiple(form_.base, this);
    base_->setObjectName("rateBase");
    baseLabel_ = buddyLabel(tr("&Base:"), base_);
    top->addRow(baseLabel_, base_);
    peak_ = multiple(form_.peak, this);
    peak_->setObjectName("ratePeak");
    peakLabel_ = buddyLabel(tr("&Peak:"), peak_);
    top->addRow(peakLabel_, peak_);
    layout->addLayout(top);

    pages_ = new QStackedWidget(this);
    pages_->addWidget(new QWidget(pages_));  // constant: nothing more

    auto* spikesPage = new QWidget(pages_);
    auto* spikesLayout = new QVBoxLayout(spikesPage);
    spikesLayout->setContentsMargins(0, 0, 0, 0);
    auto* spikesLabel = new QLabel(tr("Spi&kes (the base rate runs between them):"), spikesPage);
    spikesLayout->addWidget(spikesLabel);
    spikes_ = new QTableWidget(0, SpikeColumnCount, spikesPage);
    spikes_->setObjectName("rateSpikes");
    spikes_->setHorizontalHeaderLabels({tr("Starts at"), tr("Lasts"), tr("Peak")});
    spikes_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    spikes_->verticalHeader()->hide();
    spikes_->setTabKeyNavigation(false);
    spikesLabel->setBuddy(spikes_);
    spikesLayout->addWidget(spikes_, 1);
    auto* spikeButtons = new QHBoxLayout;
    addSpike_ = new QPushButton(tr("&Add spike"), spikesPage);
    addSpike_->setObjectName("addSpike");
    removeSpike_ = new QPushButton(tr("&Remove spike"), spikesPage);
    removeSpike_->setObjectName("removeSpike");
    spikeButtons->addWidget(addSpike_);
    spikeButtons->addWidget(removeSpike_);
    spikeButtons->addStretch(1);
    spikesLayout->addLayout(spikeButtons);
    pages_->addWidget(spikesPage);

    auto* rampPage = new QWidget(pages_);
    auto* rampForm = new QFormLayout(rampPage);
    rampForm->setContentsMargins(0, 0, 0, 0);
    start_ = seconds(0, form_.startSecond, rampPage);
    start_->setObjectName("rampStart");
    rampForm->addRow(buddyLabel(tr("S&tarts at:"), start_), start_);
    end_ = seconds(0, form_.endSecond.value_or(duration_), rampPage);
    end_->setObjectName("rampEnd");
    rampForm->addRow(buddyLabel(tr("&Ends at:"), end_), end_);
    pages_->addWidget(rampPage);

    auto* dailyPage = new QWidget(pages_);
    auto* dailyForm = new QFormLayout(dailyPage);
    dailyForm->setContentsMargins(0, 0, 0, 0);
    period_ = seconds(1, form_.periodSeconds.value_or(duration_), dailyPage);
    period_->setObjectName("dailyPeriod");
    period_->setToolTip(tr("86,400 s is a real day; the run's duration compresses a day into it"));
    dailyForm->addRow(buddyLabel(tr("P&eriod:"), period_), period_);
    phase_ = seconds(-1e9, form_.phaseSeconds, dailyPage);
    phase_->setObjectName("dailyPhase");
    dailyForm->addRow(buddyLabel(tr("P&hase:"), phase_), phase_);
    pages_->addWidget(dailyPage);
    layout->addWidget(pages_, 1);

    message_ = inlineMessageLabel("rateShapeMessage", this);
    layout->addWidget(message_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ok_ = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);

    // Each field writes the form as it changes; a field left alone keeps its exact value.
    connect(shape_, &QComboBox::currentIndexChanged, this, [this] {
        form_.shape = shape_->currentData().toString().toStdString();
        showShape();
    });
    connect(base_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.base = v;
        validate();
    });
    connect(peak_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.peak = v;
        validate();
    });
    connect(start_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.startSecond = v;
        validate();
    });
    connect(end_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.endSecond = v;
        validate();
    });
    connect(period_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.periodSeconds = v;
        validate();
    });
    connect(phase_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        form_.phaseSeconds = v;
        validate();
    });
    connect(addSpike_, &QPushButton::clicked, this, [this] {
        // After the last spike, as long as it, at its peak.
        ModelScenarioSpike spike;
        if (!form_.spikes.empty()) {
            const ModelScenarioSpike& last = form_.spikes.back();
            spike = {last.startSecond + last.durationSeconds * 2, last.durationSeconds, last.peak};
        } else {
            spike = {std::floor(duration_ / 3), std::max(1.0, std::floor(duration_ / 10)),
                     std::max(form_.peak, 2.0)};
        }
        form_.spikes.push_back(spike);
        fillSpikes();
        spikes_->setCurrentCell(spikes_->rowCount() - 1, SpikeStart);
        spikeCell(spikes_->rowCount() - 1, SpikeStart)->setFocus();
        validate();
    });
    connect(removeSpike_, &QPushButton::clicked, this, [this] {
        int row = spikes_->currentRow();
        if (row < 0) row = spikes_->rowCount() - 1;
        if (row < 0) return;
        form_.spikes.erase(form_.spikes.begin() + row);
        fillSpikes();
        validate();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    showShape();
}

QDoubleSpinBox* RateShapeDialog::spikeCell(int row, SpikeColumn column) const {
    return qobject_cast<QDoubleSpinBox*>(spikes_->cellWidget(row, column));
}

void RateShapeDialog::showShape() {
    const std::string& shape = form_.shape;
    // The spikes' list is explicit here: the default spike the form implies becomes a row.
    if (shape == "spikes" && form_.spikes.empty())
        form_.spikes.push_back(
            {std::floor(duration_ / 3), std::max(1.0, std::floor(duration_ / 10)), form_.peak});
    baseLabel_->setText(shape == "constant" ? tr("&Rate:")
                        : shape == "ramp"   ? tr("&From:")
                        : shape == "daily"  ? tr("&Low:")
                                            : tr("&Base:"));
    peakLabel_->setText(shape == "ramp" ? tr("T&o:") : tr("&Peak:"));
    const bool peak = shape == "ramp" || shape == "daily";
    peakLabel_->setVisible(peak);
    peak_->setVisible(peak);
    pages_->setCurrentIndex(shape == "spikes"  ? SpikesPage
                            : shape == "ramp"  ? RampPage
                            : shape == "daily" ? DailyPage
                                               : ConstantPage);
    fillSpikes();
    validate();
}

void RateShapeDialog::fillSpikes() {
    spikes_->setRowCount(0);
    for (size_t i = 0; i < form_.spikes.size(); ++i) {
        const int row = static_cast<int>(i);
        spikes_->insertRow(row);
        const ModelScenarioSpike& spike = form_.spikes[i];
        auto* start = seconds(0, spike.startSecond, spikes_);
        auto* length = seconds(0, spike.durationSeconds, spikes_);
        auto* top = multiple(spike.peak, spikes_);
        const QList<QDoubleSpinBox*> cells = {start, length, top};
        for (int c = 0; c < SpikeColumnCount; ++c) {
            cells[c]->setFrame(false);
            cells[c]->setAccessibleName(
                tr("Spike %1 %2").arg(row + 1).arg(spikes_->horizontalHeaderItem(c)->text()));
            spikes_->setCellWidget(row, c, cells[c]);
        }
        connect(start, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            form_.spikes[i].startSecond = v;
            validate();
        });
        connect(length, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            form_.spikes[i].durationSeconds = v;
            validate();
        });
        connect(top, &QDoubleSpinBox::valueChanged, this, [this, i](double v) {
            form_.spikes[i].peak = v;
            validate();
        });
    }
    removeSpike_->setEnabled(!form_.spikes.empty());
}

void RateShapeDialog::validate() {
    Status status;
    if (form_.shape == "spikes" && form_.spikes.empty())
        status = validationError("Add a spike, or choose another shape");
    else if (check_)
        status = check_(form_);
    showStatus(message_, ok_, status);
}

}  // namespace shardscape
