#include "request_walkthrough_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "classroom/walkthrough_facts.h"
#include "table_list_model.h"
#include "throttle_colors.h"

namespace shardscape {

namespace {

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

bool isRead(const QString& operation) {
    return operation == "GetItem" || operation == "Query";
}

// Whether the palette is dark (presenter mode): pick colours that stay readable.
bool darkPalette(const QWidget* widget) {
    return widget->palette().color(QPalette::Window).lightness() < 128;
}

}  // namespace

RequestWalkthroughPanel::RequestWalkthroughPanel(TableListModel* tables, QWidget* parent)
    : QWidget(parent), tables_(tables) {
    setObjectName("requestWalkthrough");
    auto* root = new QHBoxLayout(this);

    // The request: table, operation, example item, rate, and the request body itself.
    auto* inputs = new QWidget(this);
    inputs->setMaximumWidth(460);
    auto* form = new QFormLayout(inputs);
    form->setContentsMargins(0, 0, 0, 0);
    table_ = new QComboBox(inputs);
    table_->setObjectName("walkthroughTable");
    operation_ = new QComboBox(inputs);
    operation_->setObjectName("walkthroughOperation");
    for (const auto& op : walkthroughOperations()) operation_->addItem(fromStd(op));
    example_ = new QComboBox(inputs);
    example_->setObjectName("walkthroughExample");
    rate_ = new QDoubleSpinBox(inputs);
    rate_->setObjectName("walkthroughRate");
    rate_->setRange(0.01, 1e9);
    rate_->setDecimals(1);
    rate_->setValue(100);
    rate_->setSuffix(tr(" requests/s"));
    rate_->setGroupSeparatorShown(true);
    consistent_ = new QCheckBox(tr("Strongly consistent read"), inputs);
    consistent_->setObjectName("walkthroughConsistent");
    transactional_ = new QCheckBox(tr("Transactional (2×)"), inputs);
    transactional_->setToolTip(
        tr("As one action of TransactGetItems / TransactWriteItems: twice the units"));
    transactional_->setObjectName("walkthroughTransactional");
    request_ = new QPlainTextEdit(inputs);
    request_->setObjectName("walkthroughRequest");
    request_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    request_->setTabChangesFocus(true);
    startButton_ = new QPushButton(tr("Step through"), inputs);
    startButton_->setObjectName("walkthroughStart");
    startButton_->setDefault(true);
    error_ = new QLabel(inputs);
    error_->setObjectName("walkthroughError");
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->hide();
    form->addRow(tr("Table"), table_);
    form->addRow(tr("Operation"), operation_);
    form->addRow(tr("Item"), example_);
    form->addRow(tr("Rate"), rate_);
    form->addRow(consistent_);
    form->addRow(transactional_);
    form->addRow(new QLabel(tr("Request (DynamoDB JSON, editable)"), inputs));
    form->addRow(request_);
    form->addRow(startButton_);
    form->addRow(error_);
    root->addWidget(inputs, 2);

    // The steps: a trail, one card per step, Back / Next.
    auto* stepsSide = new QWidget(this);
    auto* stepsLayout = new QVBoxLayout(stepsSide);
    stepsLayout->setContentsMargins(0, 0, 0, 0);
    trail_ = new QLabel(stepsSide);
    trail_->setObjectName("walkthroughTrail");
    trail_->setWordWrap(true);
    stepsLayout->addWidget(trail_);
    auto* scroll = new QScrollArea(stepsSide);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* cardsHolder = new QWidget(scroll);
    auto* cardsLayout = new QVBoxLayout(cardsHolder);
    for (int i = 0; i < 6; ++i) {
        Card card;
        card.frame = new QFrame(cardsHolder);
        card.frame->setFrameShape(QFrame::Box);
        auto* layout = new QVBoxLayout(card.frame);
        card.title = new QLabel(card.frame);
        card.title->setWordWrap(true);
        card.value = new QLabel(card.frame);
        card.value->setObjectName("stepValue");
        card.value->setWordWrap(true);
        card.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        card.detail = new QLabel(card.frame);
        card.detail->setObjectName("stepDetail");
        card.detail->setWordWrap(true);
        card.rule = new QLabel(card.frame);
        card.rule->setObjectName("stepRule");
        card.rule->setWordWrap(true);
        card.rule->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // The rule right under the figure: it is what the class should take away.
        for (QLabel* label : {card.title, card.value, card.rule, card.detail})
            layout->addWidget(label);
        card.frame->hide();
        cardsLayout->addWidget(card.frame);
        cards_.push_back(card);
    }
    cardsLayout->addStretch(1);
    scroll->setWidget(cardsHolder);
    stepsLayout->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    back_ = new QPushButton(tr("◀ Back"), stepsSide);
    back_->setObjectName("walkthroughBack");
    next_ = new QPushButton(tr("Next ▶"), stepsSide);
    next_->setObjectName("walkthroughNext");
    progress_ = new QLabel(stepsSide);
    progress_->setObjectName("walkthroughProgress");
    progress_->setAlignment(Qt::AlignCenter);
    buttons->addWidget(back_);
    buttons->addWidget(progress_, 1);
    buttons->addWidget(next_);
    stepsLayout->addLayout(buttons);
    root->addWidget(stepsSide, 3);

    connect(table_, &QComboBox::currentIndexChanged, this, [this] {
        reloadExamples();
        rebuildRequest();
    });
    connect(operation_, &QComboBox::currentIndexChanged, this, [this] {
        updateInputs();
        rebuildRequest();
    });
    connect(example_, &QComboBox::currentIndexChanged, this, [this] { rebuildRequest(); });
    connect(consistent_, &QCheckBox::toggled, this, [this] { rebuildRequest(); });
    connect(startButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(next_, &QPushButton::clicked, this, &RequestWalkthroughPanel::next);
    connect(back_, &QPushButton::clicked, this, &RequestWalkthroughPanel::back);
    connect(tables_, &TableListModel::tablesChanged, this, &RequestWalkthroughPanel::reloadTables);

    reloadTables();
    updateInputs();
    render();
}

void RequestWalkthroughPanel::reloadTables() {
    const QString previous = table_->currentText();
    {
        const QSignalBlocker block(table_);
        table_->clear();
        table_->addItems(tables_->names());
        const int index = table_->findText(previous);
        if (index >= 0) table_->setCurrentIndex(index);
    }
    startButton_->setEnabled(table_->count() > 0);
    reloadExamples();
    rebuildRequest();
    render();
}

void RequestWalkthroughPanel::reloadExamples() {
    const QSignalBlocker block(example_);
    example_->clear();
    examples_.clear();
    if (!tables_->backend() || table_->currentText().isEmpty()) return;
    auto table = tables_->find(table_->currentText());
    auto items = tables_->backend()->walkthroughExamples(table_->currentText().toStdString());
    if (!table || !items) {
        if (!items) error_->setText(fromStd(items.error().message));
        error_->setVisible(!items);
        return;
    }
    examples_ = std::move(items).value();
    for (const Item& item : examples_) {
        QString text;
        for (const KeyAttribute* k :
             {&table->partitionKey, table->sortKey ? &*table->sortKey : nullptr})
            if (k && item.count(k->name))
                text += (text.isEmpty() ? "" : ", ") + fromStd(k->name) + " = " +
                        fromStd(keyValueText(item.at(k->name)));
        example_->addItem(text);
    }
    if (examples_.empty()) example_->addItem(tr("(no items: an example key)"));
}

void RequestWalkthroughPanel::rebuildRequest() {
    if (!tables_->backend() || table_->currentText().isEmpty()) {
        request_->setPlainText({});
        return;
    }
    auto table = tables_->find(table_->currentText());
    if (!table) return;
    const int index = example_->currentIndex();
    const Item sample = index >= 0 && index < static_cast<int>(examples_.size())
                            ? examples_[static_cast<size_t>(index)]
                            : Item{};
    const Json request = exampleWalkthroughRequest(*table, operation_->currentText().toStdString(),
                                                   sample, consistent_->isChecked());
    request_->setPlainText(fromStd(request.dump(2)));
}

void RequestWalkthroughPanel::updateInputs() {
    const QString op = operation_->currentText();
    consistent_->setEnabled(isRead(op));
    transactional_->setEnabled(op != "Query");
    if (op == "Query") transactional_->setChecked(false);
}

bool RequestWalkthroughPanel::selectTable(const QString& name) {
    const int index = table_->findText(name);
    if (index < 0) return false;
    table_->setCurrentIndex(index);
    return true;
}

bool RequestWalkthroughPanel::selectOperation(const QString& operation) {
    const int index = operation_->findText(operation);
    if (index < 0) return false;
    operation_->setCurrentIndex(index);
    return true;
}

void RequestWalkthroughPanel::selectExample(int index) {
    example_->setCurrentIndex(index);
}

void RequestWalkthroughPanel::setRate(double requestsPerSecond) {
    rate_->setValue(requestsPerSecond);
}

void RequestWalkthroughPanel::setRequestText(const QString& json) {
    request_->setPlainText(json);
}

QString RequestWalkthroughPanel::requestText() const {
    return request_->toPlainText();
}

QString RequestWalkthroughPanel::errorText() const {
    return error_->isHidden() ? QString() : error_->text();
}

QString RequestWalkthroughPanel::guidanceText() const {
    return trail_->text();
}

int RequestWalkthroughPanel::stepCount() const {
    return walkthrough_ ? static_cast<int>(walkthrough_->steps.size()) : 0;
}

bool RequestWalkthroughPanel::start() {
    walkthrough_.reset();
    current_ = -1;
    auto fail = [this](const QString& message) {
        error_->setText(message);
        error_->show();
        render();
        return false;
    };
    if (!tables_->backend()) return fail(tr("No engine: the data directory could not be opened"));
    if (table_->currentText().isEmpty())
        return fail(tr("No table to send the request to: open a model or create a table first"));
    const Json body = Json::parse(request_->toPlainText().toStdString(), nullptr, false);
    if (body.is_discarded()) return fail(tr("The request is not valid JSON"));
    WalkthroughRequest request;
    request.operation = operation_->currentText().toStdString();
    request.request = body;
    request.requestsPerSecond = rate_->value();
    request.transactional = transactional_->isChecked();
    auto result = tables_->backend()->walkThrough(request);
    if (!result) return fail(fromStd(result.error().name() + ": " + result.error().message));
    error_->hide();
    walkthrough_ = std::move(result).value();
    showStep(0);
    return true;
}

void RequestWalkthroughPanel::next() {
    if (current_ + 1 < stepCount()) showStep(current_ + 1);
}

void RequestWalkthroughPanel::back() {
    if (current_ > 0) showStep(current_ - 1);
}

void RequestWalkthroughPanel::showStep(int index) {
    if (!walkthrough_ || index < 0 || index >= stepCount()) return;
    current_ = index;
    render();
    emit stepShown(index);
}

void RequestWalkthroughPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // Colours follow the palette (presenter mode switches it).
    if (event->type() == QEvent::PaletteChange) render();
}

void RequestWalkthroughPanel::render() {
    const bool dark = darkPalette(this);
    const QString alarm = dark ? "#ff6b6b" : "#b00020";
    const QString fine = dark ? "#7dff7d" : "#1b7a1b";
    const QString accent = palette().color(QPalette::Highlight).name();
    QStringList trail;
    const int count = stepCount();
    for (int i = 0; i < count; ++i) {
        const QString title = fromStd(walkthrough_->steps[static_cast<size_t>(i)].title);
        trail << (i == current_  ? "<b><u>" + title.toHtmlEscaped() + "</u></b>"
                  : i < current_ ? title.toHtmlEscaped()
                                 : "<span style='color:gray'>" + title.toHtmlEscaped() + "</span>");
    }
    if (count)
        trail_->setText("<big>" + trail.join(" → ") + "</big>");
    else if (table_->count() == 0)
        // The empty state says what to do first.
        trail_->setText(
            tr("<big>No tables to step through yet.</big><br>Open a bundled model from the "
               "Welcome panel or with File › Open Model… (its tables and sample items go into "
               "the engine), or create a table in the Tables view; then pick a request here "
               "and press <b>Step through</b>."));
    else
        trail_->setText(
            tr("<big>Key → Hash → Partition → Items → Units → Throttled?</big><br>"
               "Pick a request and press <b>Step through</b>."));
    for (size_t i = 0; i < cards_.size(); ++i) {
        Card& card = cards_[i];
        const int step = static_cast<int>(i);
        if (!walkthrough_ || step >= count || step > current_) {
            card.frame->hide();
            continue;
        }
        const WalkthroughStep& s = walkthrough_->steps[i];
        const bool isCurrent = step == current_;
        card.frame->setObjectName(fromStd("step_" + s.id));
        card.frame->setLineWidth(isCurrent ? 3 : 1);
        QString value = fromStd(s.value).toHtmlEscaped().replace("\n", "<br>");
        // A throttled request's reason reads as its kind: a badge "hot partition" or "table
        // capacity" in the colour the heat map and the capacity chart use for it, then the
        // ThrottlingReason in ordinary size.
        QString reason;
        if (s.id == "throttling") {
            QStringList lines = fromStd(s.value).split('\n');
            if (walkthrough_->throttleKind && lines.size() > 1 &&
                lines.last().startsWith("Reason: ")) {
                const QString kind = throttleKindName(*walkthrough_->throttleKind);
                QString line = lines.takeLast();
                line.remove(" (" + kind + ")");
                reason = QString(
                             "<span style='background-color:%1;color:#ffffff'><b>&nbsp;%2"
                             "&nbsp;</b></span> %3")
                             .arg(throttleKindColor(*walkthrough_->throttleKind).name(), kind,
                                  line.toHtmlEscaped());
            }
            value = QString("<span style='color:%1'>%2</span>")
                        .arg(walkthrough_->throttled ? alarm : fine,
                             lines.join("\n").toHtmlEscaped().replace("\n", "<br>"));
        }
        const QString title = QString("%1. %2").arg(step + 1).arg(fromStd(s.title).toHtmlEscaped());
        // Earlier steps shrink to one line; the current one shows its figure large.
        card.title->setText(isCurrent ? "<b>" + title + "</b>"
                                      : "<b>" + title + ":</b> " + value +
                                            (reason.isEmpty() ? QString() : " " + reason));
        card.value->setText("<span style='font-size:x-large'><b>" + value + "</b></span>" +
                            (reason.isEmpty() ? QString() : "<br>" + reason));
        card.value->setVisible(isCurrent);
        card.detail->setText(fromStd(s.detail));
        card.rule->setText(
            QString("<div style='border-left:4px solid %1'>&nbsp;<b>Rule:</b> %2"
                    "<br>&nbsp;<i>%3</i></div>")
                .arg(accent, fromStd(s.rule).toHtmlEscaped(), fromStd(s.source).toHtmlEscaped()));
        card.detail->setVisible(isCurrent);
        card.rule->setVisible(isCurrent);
        card.frame->show();
    }
    back_->setEnabled(walkthrough_ && current_ > 0);
    next_->setEnabled(walkthrough_ && current_ + 1 < count);
    progress_->setText(count ? tr("Step %1 of %2").arg(current_ + 1).arg(count) : QString());
}

}  // namespace shardscape
