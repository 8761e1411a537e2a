#include "partiql_editor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>

#include "classroom/statement_preview.h"
#include "partiql_highlighter.h"

namespace shardscape {

PartiqlEditor::PartiqlEditor(QWidget* parent) : QPlainTextEdit(parent) {
    setObjectName("partiqlEditor");
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("SELECT * FROM \"table\" WHERE pk = ?   (Ctrl+Space completes names)"));
    highlighter_ = new PartiqlHighlighter(document());
    words_ = new QStringListModel(this);
    completer_ = new QCompleter(words_, this);
    completer_->setWidget(this);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    completer_->popup()->setObjectName("partiqlCompletions");
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this,
            &PartiqlEditor::insertCompletion);
    setNames({});
}

void PartiqlEditor::setNames(const QStringList& names) {
    QStringList words = names;
    for (const std::string& word : partiqlVocabulary()) words << QString::fromStdString(word);
    words.removeDuplicates();
    words.sort(Qt::CaseInsensitive);
    words_->setStringList(words);
}

QStringList PartiqlEditor::completions() const {
    return words_->stringList();
}

// The word being typed: letters, digits, _, . and " back from the cursor.
QString PartiqlEditor::wordBeforeCursor() const {
    const QString text = toPlainText().left(textCursor().position());
    int start = int(text.size());
    while (start > 0) {
        const QChar c = text[start - 1];
        if (!(c.isLetterOrNumber() || c == '_' || c == '"' || c == '.')) break;
        --start;
    }
    return text.mid(start);
}

void PartiqlEditor::insertCompletion(const QString& completion) {
    QTextCursor cursor = textCursor();
    const int typed = int(wordBeforeCursor().size());
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
    cursor.insertText(completion);
    setTextCursor(cursor);
}

void PartiqlEditor::keyPressEvent(QKeyEvent* event) {
    if (completer_->popup()->isVisible()) {
        switch (event->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Tab:
            case Qt::Key_Escape:
            case Qt::Key_Backtab:
                event->ignore();  // the popup takes them
                return;
            default:
                break;
        }
    }
    const bool forced = event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier);
    if (!forced) QPlainTextEdit::keyPressEvent(event);
    // Ctrl+Return runs the statement: no completion.
    if (!forced && (event->modifiers() & Qt::ControlModifier)) return;
    const QString prefix = wordBeforeCursor();
    if (!forced && (prefix.size() < 2 || event->text().isEmpty())) {
        completer_->popup()->hide();
        return;
    }
    if (prefix != completer_->completionPrefix()) {
        completer_->setCompletionPrefix(prefix);
        completer_->popup()->setCurrentIndex(completer_->completionModel()->index(0, 0));
    }
    if (completer_->completionCount() == 0) {
        completer_->popup()->hide();
        return;
    }
    QRect area = cursorRect();
    area.setWidth(completer_->popup()->sizeHintForColumn(0) +
                  completer_->popup()->verticalScrollBar()->sizeHint().width());
    completer_->complete(area);
}

}  // namespace shardscape
