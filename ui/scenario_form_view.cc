#include "scenario_form_view.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shardscape {

namespace {

enum Column { Name, Operation, Rate, Distribution, Keys, HotShare, Shards, ColumnCount };

QDoubleSpinBox* spin(QWidget* parent, double low, double high, int decimals, double step) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setGroupSeparatorShown(true);
    return box;
}

}  // namespace

ScenarioFormView::ScenarioFormView(QWidget* parent) : QWidget(parent) {
    setObjectName("scenarioForm");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* fields = new QFormLayout;
    name_ = new QLineEdit(this);
    table_ = new QLineEdit(this);
    duration_ = spin(this, 1, 7 * 86400, 0, 60);
    duration_->setSuffix(tr(" s"));
    billing_ = new QComboBox(this);
    billing_->addItem(tr("Provisioned"), "PROVISIONED");
    billing_->addItem(tr("On-demand"), "PAY_PER_REQUEST");
    readUnits_ = spin(this, 1, 1e7, 0, 100);
    readUnits_->setSuffix(tr(" RCU"));
    writeUnits_ = spin(this, 1, 1e7, 0, 100);
    writeUnits_->setSuffix(tr(" WCU"));
    itemCount_ = spin(this, 0, 1e12, 0, 1000);
    itemSize_ = spin(this, 1, 400 * 1024, 0, 100);
    itemSize_->setSuffix(tr(" bytes"));
    fields->addRow(tr("Scenario:"), name_);
    fields->addRow(tr("Table:"), table_);
    fields->addRow(tr("Duration:"), duration_);
    fields->addRow(tr("Billing mode:"), billing_);
    fields->addRow(tr("Read capacity:"), readUnits_);
    fields->addRow(tr("Write capacity:"), writeUnits_);
    fields->addRow(tr("Items:"), itemCount_);
    fields->addRow(tr("Item size:"), itemSize_);
    layout->addLayout(fields);

    streams_ = new QTableWidget(0, ColumnCount, this);
    streams_->setObjectName("streamTable");
    streams_->setHorizontalHeaderLabels({tr("Stream"), tr("Operation"), tr("Requests/s"),
                                         tr("Keys"), tr("Key count"), tr("Hot share"),
                                         tr("Shards")});
    streams_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    streams_->verticalHeader()->setVisible(false);
    layout->addWidget(streams_, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add stream"), this);
    auto* remove = new QPushButton(tr("Remove stream"), this);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] { addStream(StreamForm{}); });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = streams_->currentRow();
        if (row >= 0) streams_->removeRow(row);
    });
    connect(billing_, &QComboBox::currentIndexChanged, this,
            &ScenarioFormView::updateCapacityEnabled);
    ScenarioForm initial;
    initial.streams.push_back(StreamForm{});
    setForm(initial);
}

void ScenarioFormView::updateCapacityEnabled() {
    const bool provisioned = billing_->currentData().toString() == "PROVISIONED";
    readUnits_->setEnabled(provisioned);
    writeUnits_->setEnabled(provisioned);
}

void ScenarioFormView::addStream(const StreamForm& stream) {
    const int row = streams_->rowCount();
    streams_->insertRow(row);
    streams_->setItem(row, Name, new QTableWidgetItem(QString::fromStdString(stream.name)));
    auto* operation = new QComboBox(streams_);
    operation->addItems({"GetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem"});
    operation->setCurrentText(QString::fromStdString(stream.operation));
    streams_->setCellWidget(row, Operation, operation);
    auto* rate = spin(streams_, 0, 1e8, 0, 100);
    rate->setValue(stream.rate);
    streams_->setCellWidget(row, Rate, rate);
    auto* distribution = new QComboBox(streams_);
    distribution->addItems({"uniform", "zipf", "hotKey", "timeOrdered"});
    distribution->setCurrentText(QString::fromStdString(stream.distribution));
    streams_->setCellWidget(row, Distribution, distribution);
    auto* keys = spin(streams_, 1, 4e9, 0, 1000);
    keys->setValue(stream.keyCount);
    streams_->setCellWidget(row, Keys, keys);
    auto* hot = spin(streams_, 0, 1, 2, 0.05);
    hot->setValue(stream.hotShare);
    streams_->setCellWidget(row, HotShare, hot);
    auto* shards = new QSpinBox(streams_);
    shards->setRange(1, 1000);
    shards->setValue(stream.shards);
    streams_->setCellWidget(row, Shards, shards);
    // Hidden members (prefix, sizes) ride along on the name cell.
    streams_->item(row, Name)->setData(Qt::UserRole, static_cast<int>(base_.streams.size()));
    base_.streams.push_back(stream);
}

void ScenarioFormView::setForm(const ScenarioForm& form) {
    base_ = form;
    base_.streams.clear();
    name_->setText(QString::fromStdString(form.name));
    table_->setText(QString::fromStdString(form.table));
    duration_->setValue(form.durationSeconds);
    billing_->setCurrentIndex(form.billingMode == "PAY_PER_REQUEST" ? 1 : 0);
    readUnits_->setValue(form.readUnits);
    writeUnits_->setValue(form.writeUnits);
    itemCount_->setValue(form.itemCount);
    itemSize_->setValue(form.itemSizeBytes);
    streams_->setRowCount(0);
    for (const StreamForm& stream : form.streams) addStream(stream);
    updateCapacityEnabled();
}

ScenarioForm ScenarioFormView::form() const {
    ScenarioForm out = base_;
    out.streams.clear();
    out.name = name_->text().toStdString();
    out.table = table_->text().toStdString();
    out.durationSeconds = duration_->value();
    out.billingMode = billing_->currentData().toString().toStdString();
    out.readUnits = readUnits_->value();
    out.writeUnits = writeUnits_->value();
    out.itemCount = itemCount_->value();
    out.itemSizeBytes = itemSize_->value();
    for (int row = 0; row < streams_->rowCount(); ++row) {
        const int origin = streams_->item(row, Name)->data(Qt::UserRole).toInt();
        StreamForm stream = origin >= 0 && origin < static_cast<int>(base_.streams.size())
                                ? base_.streams[static_cast<size_t>(origin)]
                                : StreamForm{};
        stream.name = streams_->item(row, Name)->text().toStdString();
        stream.operation = qobject_cast<QComboBox*>(streams_->cellWidget(row, Operation))
                               ->currentText()
                               .toStdString();
        stream.rate = qobject_cast<QDoubleSpinBox*>(streams_->cellWidget(row, Rate))->value();
        stream.distribution = qobject_cast<QComboBox*>(streams_->cellWidget(row, Distribution))
                                  ->currentText()
                                  .toStdString();
        stream.keyCount = qobject_cast<QDoubleSpinBox*>(streams_->cellWidget(row, Keys))->value();
        stream.hotShare =
            qobject_cast<QDoubleSpinBox*>(streams_->cellWidget(row, HotShare))->value();
        stream.shards = qobject_cast<QSpinBox*>(streams_->cellWidget(row, Shards))->value();
        out.streams.push_back(stream);
    }
    return out;
}

}  // namespace shardscape
