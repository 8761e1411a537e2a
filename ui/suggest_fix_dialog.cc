#include "suggest_fix_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextEdit>
#include <QVBoxLayout>

#include "access_pattern_list.h"
#include "design_document.h"
#include "model/access_pattern_analyzer.h"

namespace shardscape {

namespace {

QString diffHtml(const std::vector<DiffLine>& diff) {
    QString html = "<pre style=\"margin:0\">";
    for (const auto& line : diff) {
        const QString text = QString::fromStdString(line.text).toHtmlEscaped();
        switch (line.op) {
            case '+':
                html += "<span style=\"background:#d8f5dd;color:#14532d\">+ " + text + "</span>\n";
                break;
            case '-':
                html += "<span style=\"background:#fbdcdc;color:#7f1d1d\">- " + text + "</span>\n";
                break;
            case '~':
                html += "<span style=\"color:#888\">  …</span>\n";
                break;
            default:
                html += "  " + text + "\n";
        }
    }
    return html + "</pre>";
}

}  // namespace

SuggestFixDialog::SuggestFixDialog(DesignDocument* document, const QString& pattern,
                                   QWidget* parent)
    : QDialog(parent), document_(document) {
    setObjectName("suggestFixDialog");
    setWindowTitle(tr("Suggest a fix"));
    resize(760, 700);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    patterns_ = new QComboBox(this);
    patterns_->setObjectName("fixPattern");
    form->addRow(tr("Access &pattern:"), patterns_);
    layout->addLayout(form);
    reason_ = new QLabel(this);
    reason_->setObjectName("fixReason");
    reason_->setWordWrap(true);
    layout->addWidget(reason_);
    auto* listLabel = new QLabel(tr("&Suggestions:"), this);
    layout->addWidget(listLabel);
    list_ = new QListWidget(this);
    list_->setObjectName("fixSuggestions");
    list_->setMaximumHeight(64);
    listLabel->setBuddy(list_);
    layout->addWidget(list_);
    explanation_ = new QLabel(this);
    explanation_->setObjectName("fixExplanation");
    explanation_->setWordWrap(true);
    layout->addWidget(explanation_);
    auto* diffLabel = new QLabel(tr("Change to the &model:"), this);
    layout->addWidget(diffLabel);
    diff_ = new QTextEdit(this);
    diff_->setObjectName("fixDiff");
    diff_->setReadOnly(true);
    diff_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    diff_->setLineWrapMode(QTextEdit::NoWrap);
    diffLabel->setBuddy(diff_);
    layout->addWidget(diff_, 1);
    status_ = new QLabel(this);
    status_->setObjectName("fixStatus");
    status_->setWordWrap(true);
    layout->addWidget(status_);
    auto* buttons = new QDialogButtonBox(this);
    applyButton_ = buttons->addButton(tr("&Apply"), QDialogButtonBox::ApplyRole);
    applyButton_->setObjectName("fixApply");
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(patterns_, &QComboBox::currentIndexChanged, this, &SuggestFixDialog::showPattern);
    connect(list_, &QListWidget::currentRowChanged, this, &SuggestFixDialog::showSuggestion);
    connect(applyButton_, &QPushButton::clicked, this, [this] { apply(list_->currentRow()); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // Undo and redo (and any other edit) change the verdicts: the list follows.
    connect(document_, &DesignDocument::changed, this,
            [this] { reloadPatterns(patterns_->currentData().toString()); });
    reloadPatterns(pattern);
}

void SuggestFixDialog::reloadPatterns(const QString& keep) {
    const ModelAnalysis analysis = analyzeModel(document_->model());
    {
        QSignalBlocker block(patterns_);
        patterns_->clear();
        for (const auto& p : analysis.patterns) {
            const std::string_view verdict = verdictName(p.verdict);
            // A green pattern is offered only when a fix still applies (an LSI that fetches
            // from the table).
            if (verdict == "green") {
                const AccessPattern* pattern = document_->model().findAccessPattern(p.pattern);
                if (!pattern || !pattern->index || pattern->operation != "Query") continue;
                auto fixes = suggestFixes(document_->model(), p.pattern);
                if (!fixes || fixes->empty()) continue;
            }
            const QString name = QString::fromStdString(p.pattern);
            patterns_->addItem(verdictIcon(p.verdict),
                               tr("%1 (%2)").arg(name, verdictText(p.verdict).toLower()), name);
        }
        const int index = patterns_->findData(keep);
        patterns_->setCurrentIndex(index >= 0 ? index : 0);
    }
    showPattern();
}

bool SuggestFixDialog::choosePattern(const QString& pattern) {
    const int index = patterns_->findData(pattern);
    if (index < 0) return false;
    patterns_->setCurrentIndex(index);
    showPattern();
    return true;
}

void SuggestFixDialog::showPattern() {
    suggestions_.clear();
    list_->clear();
    const QString name = patterns_->currentData().toString();
    if (name.isEmpty()) {
        reason_->setText(tr("Every access pattern is green: there is nothing to fix."));
        showSuggestion();
        return;
    }
    const ModelAnalysis analysis = analyzeModel(document_->model());
    for (const auto& p : analysis.patterns)
        if (p.pattern == name.toStdString())
            reason_->setText(
                tr("<b>%1</b>: %2")
                    .arg(name.toHtmlEscaped(), QString::fromStdString(p.reason).toHtmlEscaped()));
    auto fixes = suggestFixes(document_->model(), name.toStdString());
    if (fixes) suggestions_ = std::move(fixes).value();
    for (const auto& fix : suggestions_) list_->addItem(QString::fromStdString(fix.title));
    if (!suggestions_.empty()) list_->setCurrentRow(0);
    showSuggestion();
}

void SuggestFixDialog::showSuggestion() {
    const int row = list_->currentRow();
    const bool chosen = row >= 0 && row < static_cast<int>(suggestions_.size());
    applyButton_->setEnabled(chosen);
    if (!chosen) {
        explanation_->setText(patterns_->count() > 0 && suggestions_.empty()
                                  ? tr("No change of the model makes this pattern green by a "
                                       "rule Shardscape knows; the reason above says what it "
                                       "costs.")
                                  : QString());
        diff_->clear();
        return;
    }
    const FixSuggestion& fix = suggestions_[static_cast<size_t>(row)];
    explanation_->setText(QString::fromStdString(fix.explanation));
    diff_->setHtml(diffHtml(fix.diff));
}

bool SuggestFixDialog::apply(int index) {
    if (index < 0 || index >= static_cast<int>(suggestions_.size())) return false;
    const FixSuggestion fix = suggestions_[static_cast<size_t>(index)];
    const QString pattern = patterns_->currentData().toString();
    if (!document_->apply(tr("Fix %1: %2").arg(pattern, QString::fromStdString(fix.title)),
                          fix.model))
        return false;
    // The document's change reloaded the list; say what became of the pattern.
    for (const auto& p : analyzeModel(document_->model()).patterns)
        if (p.pattern == pattern.toStdString())
            status_->setText(tr("Applied “%1”: %2 is now %3. Edit › Undo takes it back.")
                                 .arg(QString::fromStdString(fix.title), pattern,
                                      QString::fromUtf8(verdictName(p.verdict).data())));
    return true;
}

}  // namespace shardscape
