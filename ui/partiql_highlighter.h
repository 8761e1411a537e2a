#pragma once
// Colours a PartiQL statement as it is typed: keywords, functions, 'strings', "quoted names",
// numbers, ? parameters and -- comments.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace shardscape {

class PartiqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
  public:
    explicit PartiqlHighlighter(QTextDocument* document);

    // The format a kind of token gets: "keyword", "function", "string", "name", "number",
    // "parameter", "comment".
    QTextCharFormat formatFor(const QString& kind) const;

  protected:
    void highlightBlock(const QString& text) override;

  private:
    struct Rule {
        QRegularExpression pattern;
        QString kind;
    };
    std::vector<Rule> rules_;
};

}  // namespace shardscape
