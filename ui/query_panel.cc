#include "query_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "capacity/capacity_explanation.h"
#include "classroom/request_snippets.h"
#include "item_table_model.h"
#include "partiql_editor.h"
#include "table_list_model.h"

namespace shardscape {

namespace {
QString typeName(ValueType type) {
    return QString::fromUtf8(valueTypeName(type).data(), 1);
}
}  // namespace

QueryPanel::QueryPanel(TableListModel* tables, QWidget* parent) : QWidget(parent), tables_(tables) {
    setObjectName("queryPanel");
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form_ = form;

    auto* target = new QHBoxLayout;
    operation_ = new QComboBox(this);
    operation_->addItems(
        {"Query", "Scan", "GetItem", "PutItem", "UpdateItem", "DeleteItem", "PartiQL"});
    table_ = new QComboBox(this);
    table_->setMinimumContentsLength(16);
    index_ = new QComboBox(this);
    index_->setMinimumContentsLength(16);
    target->addWidget(operation_);
    target->addWidget(new QLabel(tr("on"), this));
    target->addWidget(table_, 1);
    target->addWidget(new QLabel(tr("index"), this));
    target->addWidget(index_, 1);
    form->addRow(tr("Operation"), target);

    partitionKeyLabel_ = new QLabel(this);
    partitionKey_ = new QLineEdit(this);
    partitionKey_->setPlaceholderText(tr("partition key value"));
    form->addRow(partitionKeyLabel_, partitionKey_);

    auto* sortRow = new QHBoxLayout;
    sortKeyLabel_ = new QLabel(this);
    sortOperator_ = new QComboBox(this);
    sortKey_ = new QLineEdit(this);
    sortKeyUpper_ = new QLineEdit(this);
    sortKeyUpper_->setPlaceholderText(tr("and"));
    sortRow->addWidget(sortOperator_);
    sortRow->addWidget(sortKey_, 1);
    sortRow->addWidget(sortKeyUpper_, 1);
    form->addRow(sortKeyLabel_, sortRow);

    auto line = [this](const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(placeholder);
        return edit;
    };
    filter_ = line(tr("e.g. amount > :min AND attribute_exists(#s)"));
    projection_ = line(tr("e.g. pk, amount, address.city"));
    condition_ = line(tr("e.g. attribute_not_exists(pk)"));
    update_ = line(tr("e.g. SET amount = amount + :one REMOVE note"));
    values_ = line(tr(R"(e.g. {":min": {"N": "10"}})"));
    names_ = line(tr(R"(e.g. {"#s": "status"})"));
    form->addRow(tr("Filter"), filter_);
    form->addRow(tr("Projection"), projection_);
    form->addRow(tr("Condition"), condition_);
    form->addRow(tr("Update"), update_);
    form->addRow(tr("Values"), values_);
    form->addRow(tr("Names"), names_);
    item_ = new QPlainTextEdit(this);
    item_->setPlaceholderText(tr(R"(The item in DynamoDB JSON: {"pk": {"S": "user#1"}, ...})"));
    item_->setMaximumHeight(80);
    form->addRow(tr("Item"), item_);
    statement_ = new PartiqlEditor(this);
    statement_->setMaximumHeight(90);
    form->addRow(tr("Statement"), statement_);
    parameters_ = line(tr(R"(? values in order, e.g. [{"S": "Acme"}, {"N": "2000"}])"));
    parameters_->setObjectName("partiqlParameters");
    form->addRow(tr("Parameters"), parameters_);

    auto* options = new QHBoxLayout;
    consistent_ = new QCheckBox(tr("Strongly consistent"), this);
    forward_ = new QCheckBox(tr("Ascending"), this);
    forward_->setChecked(true);
    limit_ = new QSpinBox(this);
    limit_->setRange(0, 1000000);
    limit_->setSpecialValueText(tr("no limit"));
    runButton_ = new QPushButton(tr("Run"), this);
    runButton_->setDefault(true);
    runButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    nextButton_ = new QPushButton(tr("Next page"), this);
    nextButton_->setEnabled(false);
    options->addWidget(consistent_);
    options->addWidget(forward_);
    options->addWidget(new QLabel(tr("Limit"), this));
    options->addWidget(limit_);
    options->addStretch(1);
    options->addWidget(runButton_);
    options->addWidget(nextButton_);
    form->addRow(QString(), options);
    layout->addLayout(form);

    error_ = new QLabel(this);
    error_->setObjectName("queryError");
    error_->setWordWrap(true);
    error_->setStyleSheet("color: #c0392b;");
    error_->hide();
    layout->addWidget(error_);
    status_ = new QLabel(this);
    status_->setObjectName("queryStatus");
    capacity_ = new QLabel(this);
    capacity_->setObjectName("queryCapacity");
    capacity_->setWordWrap(true);
    scanWarning_ = new QLabel(this);
    scanWarning_->setObjectName("queryScanWarning");
    scanWarning_->setWordWrap(true);
    scanWarning_->setStyleSheet("color: #9a6700; background: #fff8c5; padding: 3px;");
    scanWarning_->hide();
    layout->addWidget(scanWarning_);
    layout->addWidget(status_);
    layout->addWidget(capacity_);

    auto* split = new QSplitter(Qt::Vertical, this);
    results_ = new ItemTableModel(tables_, this);
    resultView_ = new QTableView(split);
    resultView_->setModel(results_);
    resultView_->setSortingEnabled(true);
    resultView_->setAlternatingRowColors(true);
    resultView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    resultView_->horizontalHeader()->setDefaultSectionSize(130);
    code_ = new QTabWidget(split);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto& [key, title] : {std::pair{"cli", "AWS CLI"}, std::pair{"boto3", "boto3"},
                                     std::pair{"js", "JavaScript v3"}}) {
        auto* view = new QPlainTextEdit(code_);
        view->setObjectName(QString("code_") + key);
        view->setReadOnly(true);
        view->setFont(mono);
        code_->addTab(view, title);
    }
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(operation_, &QComboBox::currentIndexChanged, this, &QueryPanel::updateFields);
    connect(table_, &QComboBox::currentIndexChanged, this, &QueryPanel::updateFields);
    connect(index_, &QComboBox::currentIndexChanged, this, &QueryPanel::updateFields);
    connect(sortOperator_, &QComboBox::currentIndexChanged, this, &QueryPanel::updateFields);
    connect(runButton_, &QPushButton::clicked, this, &QueryPanel::run);
    connect(nextButton_, &QPushButton::clicked, this, &QueryPanel::nextPage);
    connect(&watcher_, &QFutureWatcher<Result<Json>>::finished, this,
            [this] { showResponse(watcher_.result()); });
    connect(statement_, &QPlainTextEdit::textChanged, this, &QueryPanel::updateStatementPreview);
    connect(parameters_, &QLineEdit::textChanged, this, &QueryPanel::updateStatementPreview);
    connect(tables_, &TableListModel::tablesChanged, this, &QueryPanel::reloadTables);
    reloadTables();
}

std::shared_ptr<const TableDefinition> QueryPanel::tableNamed(const std::string& name) const {
    return tables_->find(name);
}

void QueryPanel::reloadTables() {
    const QString current = table_->currentText();
    QSignalBlocker block(table_);
    table_->clear();
    table_->addItems(tables_->names());
    const int keep = table_->findText(current);
    table_->setCurrentIndex(keep >= 0 ? keep : (table_->count() ? 0 : -1));
    block.unblock();
    updateFields();
}

// Shows the fields the operation uses, labelled with the key schema in force.
void QueryPanel::updateFields() {
    const QString operation = operation_->currentText();
    const bool read = operation == "Query" || operation == "Scan";
    auto table = tableNamed(table_->currentText().toStdString());

    {
        const QString currentIndex = index_->currentText();
        QSignalBlocker block(index_);
        index_->clear();
        index_->addItem(tr("(table)"));
        if (table)
            for (const auto& index : table->indexes)
                index_->addItem(QString::fromStdString(index.name));
        const int keep = index_->findText(currentIndex);
        index_->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    index_->setEnabled(read);
    const IndexDefinition* index = nullptr;
    if (table && read && index_->currentIndex() > 0)
        index = table->findIndex(index_->currentText().toStdString());

    std::optional<KeyAttribute> partitionKey, sortKey;
    if (table) {
        partitionKey = index ? index->partitionKey : table->partitionKey;
        sortKey = index ? index->sortKey : table->sortKey;
    }
    const bool usesKey = operation != "Scan" && operation != "PutItem";
    partitionKeyLabel_->setText(partitionKey ? QString("%1 (%2) =")
                                                   .arg(QString::fromStdString(partitionKey->name),
                                                        typeName(partitionKey->type))
                                             : tr("Partition key"));
    partitionKey_->setEnabled(usesKey && partitionKey);
    sortKeyLabel_->setText(sortKey ? QString("%1 (%2)").arg(QString::fromStdString(sortKey->name),
                                                            typeName(sortKey->type))
                                   : tr("Sort key"));
    {
        // A Query offers the operators DynamoDB allows on the sort key (begins_with only on
        // S and B); other key operations need the sort key's value exactly.
        const QString currentOperator = sortOperator_->currentText();
        QSignalBlocker block(sortOperator_);
        sortOperator_->clear();
        if (operation == "Query") {
            sortOperator_->addItems({"", "=", "<", "<=", ">", ">=", "BETWEEN"});
            if (sortKey && sortKey->type != ValueType::N) sortOperator_->addItem("begins_with");
        } else {
            sortOperator_->addItem("=");
        }
        const int keep = sortOperator_->findText(currentOperator);
        sortOperator_->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    const bool sortUsed = usesKey && sortKey.has_value();
    sortOperator_->setEnabled(sortUsed && operation == "Query");
    sortKey_->setEnabled(sortUsed && !sortOperator_->currentText().isEmpty());
    sortKeyUpper_->setEnabled(sortUsed && sortOperator_->currentText() == "BETWEEN");
    sortKeyUpper_->setVisible(sortOperator_->currentText() == "BETWEEN");

    filter_->setEnabled(read);
    projection_->setEnabled(read || operation == "GetItem");
    condition_->setEnabled(operation == "PutItem" || operation == "UpdateItem" ||
                           operation == "DeleteItem");
    update_->setEnabled(operation == "UpdateItem");
    item_->setEnabled(operation == "PutItem");
    consistent_->setEnabled((read || operation == "GetItem") && !(index && index->global));
    if (index && index->global) consistent_->setChecked(false);
    forward_->setEnabled(operation == "Query");
    limit_->setEnabled(read);
    // Rows the operation does not use make room for the results.
    for (QWidget* field :
         std::initializer_list<QWidget*>{filter_, projection_, condition_, update_, item_})
        form_->setRowVisible(field, field->isEnabled());

    // PartiQL: the statement names its table; the table box picks the names to complete.
    const bool partiql = partiqlMode();
    form_->setRowVisible(statement_, partiql);
    form_->setRowVisible(parameters_, partiql);
    form_->setRowVisible(partitionKey_, !partiql);
    form_->setRowVisible(sortKeyLabel_, !partiql);
    form_->setRowVisible(values_, !partiql);
    form_->setRowVisible(names_, !partiql);
    if (partiql) {
        index_->setEnabled(false);
        consistent_->setEnabled(true);
        limit_->setEnabled(true);
        QStringList names;
        for (const QString& name : tables_->names()) {
            names << "\"" + name + "\"";
            if (auto each = tableNamed(name.toStdString()))
                for (const auto& definedIndex : each->indexes)
                    names << "\"" + name + "\".\"" + QString::fromStdString(definedIndex.name) +
                                 "\"";
        }
        if (table)
            for (const auto& attribute : table->attributeDefinitions)
                names << QString::fromStdString(attribute.name);
        // The attributes of the items shown, too: most attributes are in no definition.
        for (int column = 0; column < results_->columnCount(); ++column)
            names << results_->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        statement_->setNames(names);
        updateStatementPreview();
    } else {
        scanWarning_->hide();
    }
    runButton_->setEnabled(table != nullptr || partiql);
}

bool QueryPanel::partiqlMode() const {
    return operation_->currentText() == "PartiQL";
}

// Which operation the statement becomes, and the warning when it is a Scan, as it is typed.
void QueryPanel::updateStatementPreview() {
    preview_.reset();
    scanWarning_->hide();
    if (!partiqlMode() || statement_->toPlainText().trimmed().isEmpty()) return;
    Json parameters = Json::parse(parameters_->text().toStdString(), nullptr, false);
    if (parameters_->text().trimmed().isEmpty() || !parameters.is_array()) parameters = Json();
    auto preview = previewStatement(statement_->toPlainText().toStdString(), parameters,
                                    [this](const std::string& name) { return tableNamed(name); });
    if (!preview) return;
    preview_ = std::move(preview).value();
    const std::string warning = scanWarning(*preview_);
    if (!warning.empty()) {
        scanWarning_->setText(QString::fromStdString(warning));
        scanWarning_->show();
    }
}

RequestForm QueryPanel::form() const {
    RequestForm f;
    f.operation = operation_->currentText().toStdString();
    f.table = table_->currentText().toStdString();
    if (index_->currentIndex() > 0) f.index = index_->currentText().toStdString();
    f.partitionKey = partitionKey_->text().toStdString();
    f.sortKeyOperator = f.operation == "Query" ? sortOperator_->currentText().toStdString() : "";
    f.sortKey = sortKey_->text().toStdString();
    f.sortKeyUpper = sortKeyUpper_->text().toStdString();
    auto text = [](const QLineEdit* edit) {
        return edit->isEnabled() ? edit->text().toStdString() : std::string();
    };
    f.filterExpression = text(filter_);
    f.projectionExpression = text(projection_);
    f.conditionExpression = text(condition_);
    f.updateExpression = text(update_);
    f.namesJson = names_->text().toStdString();
    f.valuesJson = values_->text().toStdString();
    f.itemJson = item_->toPlainText().toStdString();
    f.consistentRead = consistent_->isEnabled() && consistent_->isChecked();
    f.scanForward = forward_->isChecked();
    f.limit = limit_->isEnabled() ? limit_->value() : 0;
    return f;
}

bool QueryPanel::isRunning() const {
    return watcher_.isRunning();
}

void QueryPanel::run() {
    lastEvaluatedKey_.reset();
    nextToken_.reset();
    if (partiqlMode()) {
        executeStatement(std::nullopt);
        return;
    }
    execute(std::nullopt);
}

void QueryPanel::nextPage() {
    if (partiqlMode()) {
        if (nextToken_) executeStatement(nextToken_);
        return;
    }
    if (lastEvaluatedKey_) execute(lastEvaluatedKey_);
}

void QueryPanel::executeStatement(std::optional<std::string> nextToken) {
    const std::shared_ptr<Backend> backend = tables_->backend();
    if (isRunning() || !backend) return;
    Json request = {{"Statement", statement_->toPlainText().toStdString()},
                    {"ReturnConsumedCapacity", "INDEXES"}};
    if (!parameters_->text().trimmed().isEmpty()) {
        Json parameters = Json::parse(parameters_->text().toStdString(), nullptr, false);
        if (!parameters.is_array()) {
            error_->setText(
                tr("Parameters: a JSON array of attribute values, e.g. "
                   "[{\"S\": \"Acme\"}]"));
            error_->show();
            return;
        }
        request["Parameters"] = parameters;
    }
    if (consistent_->isChecked()) request["ConsistentRead"] = true;
    if (limit_->value() > 0) request["Limit"] = limit_->value();
    if (nextToken) request["NextToken"] = *nextToken;
    updateStatementPreview();
    startCall(backend, "ExecuteStatement", std::move(request));
}

void QueryPanel::showStatementResponse(const Json& body) {
    std::vector<Item> items;
    for (const auto& entry : body.value("Items", Json::array()))
        if (auto item = itemFromJson(entry)) items.push_back(std::move(item).value());
    const size_t count = items.size();
    std::vector<std::string> keys;
    if (preview_)
        if (auto table = tableNamed(preview_->table)) {
            keys.push_back(table->partitionKey.name);
            if (table->sortKey) keys.push_back(table->sortKey->name);
        }
    results_->setItems(std::move(items), keys);
    QString status = count == 1 ? tr("1 item") : tr("%1 items").arg(count);
    nextToken_.reset();
    if (body.contains("NextToken")) {
        nextToken_ = body["NextToken"].get<std::string>();
        status += tr(" · more pages");
    }
    nextButton_->setEnabled(nextToken_.has_value());
    status_->setText(status);
    capacity_->setText(preview_ ? QString::fromStdString(explainStatementCost(*preview_, body))
                                : QString());
    updateFields();  // the new columns join the completions
    emit finished();
}

void QueryPanel::execute(std::optional<Json> startKey) {
    const std::shared_ptr<Backend> backend = tables_->backend();
    if (isRunning() || !backend) return;
    auto table = tableNamed(table_->currentText().toStdString());
    if (!table) return;
    RequestForm f = form();
    f.exclusiveStartKey = std::move(startKey);
    auto request = buildRequest(*table, f);
    if (!request) {
        error_->setText(QString::fromStdString(request.error().message));
        error_->show();
        return;
    }
    startCall(backend, f.operation, std::move(request).value());
}

void QueryPanel::startCall(const std::shared_ptr<Backend>& backend, const std::string& operation,
                           Json request) {
    error_->hide();
    runningOperation_ = operation;
    runningRequest_ = request;
    const std::string endpoint = backend->endpointUrl();
    codeView("cli")->setPlainText(
        QString::fromStdString(awsCliCommand(runningOperation_, runningRequest_, endpoint)));
    codeView("boto3")->setPlainText(
        QString::fromStdString(boto3Snippet(runningOperation_, runningRequest_, endpoint)));
    codeView("js")->setPlainText(
        QString::fromStdString(javascriptV3Snippet(runningOperation_, runningRequest_, endpoint)));
    runButton_->setEnabled(false);
    nextButton_->setEnabled(false);
    status_->setText(tr("Running…"));
    watcher_.setFuture(QtConcurrent::run([backend, operation, request = std::move(request)] {
        return backend->call(operation, request);
    }));
}

QPlainTextEdit* QueryPanel::codeView(const QString& language) const {
    return findChild<QPlainTextEdit*>("code_" + language);
}

void QueryPanel::showResponse(const Result<Json>& response) {
    runButton_->setEnabled(true);
    if (!response) {
        error_->setText(
            QString::fromStdString(response.error().name() + ": " + response.error().message));
        error_->show();
        status_->setText(tr("Failed"));
        capacity_->clear();
        emit finished();
        return;
    }
    const Json& body = *response;
    if (runningOperation_ == "ExecuteStatement") {
        showStatementResponse(body);
        return;
    }
    std::vector<Item> items;
    auto add = [&](const Json& json) {
        if (auto item = itemFromJson(json)) items.push_back(std::move(item).value());
    };
    if (body.contains("Items"))
        for (const auto& entry : body["Items"]) add(entry);
    if (body.contains("Item")) add(body["Item"]);
    if (body.contains("Attributes")) add(body["Attributes"]);
    std::vector<std::string> keys;
    if (auto table = tableNamed(runningRequest_.value("TableName", ""))) {
        keys.push_back(table->partitionKey.name);
        if (table->sortKey) keys.push_back(table->sortKey->name);
    }
    results_->setItems(std::move(items), keys);

    QString status;
    if (body.contains("Count"))
        status = tr("Count %1 · ScannedCount %2")
                     .arg(body["Count"].get<long long>())
                     .arg(body["ScannedCount"].get<long long>());
    else if (runningOperation_ == "GetItem")
        status = body.contains("Item") ? tr("1 item") : tr("No item with this key");
    else
        status = tr("Done");
    lastEvaluatedKey_.reset();
    if (body.contains("LastEvaluatedKey")) {
        lastEvaluatedKey_ = body["LastEvaluatedKey"];
        status += tr(" · more pages");
    }
    nextButton_->setEnabled(lastEvaluatedKey_.has_value());
    status_->setText(status);
    capacity_->setText(
        QString::fromStdString(explainConsumedCapacity(runningOperation_, runningRequest_, body)));
    emit finished();
}

}  // namespace shardscape
