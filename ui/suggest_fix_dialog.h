#pragma once
// Model › Suggest a fix…: for the designer's amber and red access patterns (and green ones a
// fix still applies to), the changes core proposes (model/fix_suggestions.h), each with what
// it costs and its diff of the model file.
// Apply makes the chosen one a single undoable edit of the design document; the verdicts
// recompute and the list follows.

#include <QDialog>
#include <vector>

#include "model/fix_suggestions.h"

class QComboBox;
class QLabel;
class QListWidget;
class QTextEdit;
class QPushButton;

namespace shardscape {

class DesignDocument;

class SuggestFixDialog : public QDialog {
    Q_OBJECT
  public:
    // Offers the document's amber and red patterns, `pattern` first chosen when it is one.
    SuggestFixDialog(DesignDocument* document, const QString& pattern = {},
                     QWidget* parent = nullptr);

    // Chooses a pattern of the list; false when it is not amber or red.
    bool choosePattern(const QString& pattern);
    // Applies suggestion `index` of the chosen pattern; false when there is none.
    bool apply(int index);
    const std::vector<FixSuggestion>& suggestions() const { return suggestions_; }

    QComboBox* patternBox() const { return patterns_; }
    QLabel* reasonLabel() const { return reason_; }
    QListWidget* suggestionList() const { return list_; }
    QLabel* explanationLabel() const { return explanation_; }
    QTextEdit* diffView() const { return diff_; }
    QPushButton* applyButton() const { return applyButton_; }
    QLabel* statusLabel() const { return status_; }

  private:
    // Lists the document's amber and red patterns again (after an edit, undo or redo).
    void reloadPatterns(const QString& keep);
    void showPattern();
    void showSuggestion();

    DesignDocument* document_;
    std::vector<FixSuggestion> suggestions_;
    QComboBox* patterns_ = nullptr;
    QLabel* reason_ = nullptr;
    QListWidget* list_ = nullptr;
    QLabel* explanation_ = nullptr;
    QTextEdit* diff_ = nullptr;
    QPushButton* applyButton_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace shardscape
