#pragma once
// The PartiQL statement editor of the query builder: a plain text editor with highlighting
// (partiql_highlighter.h) and a completion popup of keywords, functions and the names of
// tables, indexes and attributes (setNames), opened as a word is typed or with Ctrl+Space.

#include <QPlainTextEdit>
#include <QStringList>

class QCompleter;
class QStringListModel;

namespace shardscape {
class PartiqlHighlighter;

class PartiqlEditor : public QPlainTextEdit {
    Q_OBJECT
  public:
    explicit PartiqlEditor(QWidget* parent = nullptr);

    // The words completed besides the PartiQL vocabulary: "Music", "Music"."byAlbum",
    // attribute names.
    void setNames(const QStringList& names);
    QStringList completions() const;
    QCompleter* completer() const { return completer_; }
    PartiqlHighlighter* highlighter() const { return highlighter_; }

  protected:
    void keyPressEvent(QKeyEvent* event) override;

  private:
    QString wordBeforeCursor() const;
    void insertCompletion(const QString& completion);

    QCompleter* completer_ = nullptr;
    QStringListModel* words_ = nullptr;
    PartiqlHighlighter* highlighter_ = nullptr;
};

}  // namespace shardscape
