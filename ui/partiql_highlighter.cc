#include "partiql_highlighter.h"

namespace shardscape {

PartiqlHighlighter::PartiqlHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
    const auto insensitive = QRegularExpression::CaseInsensitiveOption;
    rules_.push_back(
        {QRegularExpression("\\b(SELECT|FROM|WHERE|AND|OR|NOT|BETWEEN|IN|IS|MISSING|INSERT|INTO|"
                            "VALUE|UPDATE|SET|REMOVE|DELETE|RETURNING|ALL|MODIFIED|OLD|NEW|"
                            "EXISTS|TRUE|FALSE|NULL|ORDER|BY|ASC|DESC)\\b",
                            insensitive),
         "keyword"});
    rules_.push_back({QRegularExpression("\\b(begins_with|contains|attribute_exists|"
                                         "attribute_not_exists|attribute_type|size|list_append|"
                                         "set_add|set_delete)\\s*(?=\\()",
                                         insensitive),
                      "function"});
    rules_.push_back({QRegularExpression("\\b-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b"), "number"});
    rules_.push_back({QRegularExpression("\\?"), "parameter"});
    // Later rules win: a keyword inside a string or a name is part of it.
    rules_.push_back({QRegularExpression("\"([^\"]|\"\")*\"?"), "name"});
    rules_.push_back({QRegularExpression("'([^']|'')*'?"), "string"});
    rules_.push_back({QRegularExpression("--.*$"), "comment"});
}

QTextCharFormat PartiqlHighlighter::formatFor(const QString& kind) const {
    QTextCharFormat format;
    if (kind == "keyword") {
        format.setForeground(QColor("#1f5fa8"));
        format.setFontWeight(QFont::Bold);
    } else if (kind == "function") {
        format.setForeground(QColor("#7a3e9d"));
    } else if (kind == "string") {
        format.setForeground(QColor("#2e7d32"));
    } else if (kind == "name") {
        format.setForeground(QColor("#8d5a00"));
    } else if (kind == "number") {
        format.setForeground(QColor("#c0392b"));
    } else if (kind == "parameter") {
        format.setForeground(QColor("#d35400"));
        format.setFontWeight(QFont::Bold);
    } else if (kind == "comment") {
        format.setForeground(QColor("#808080"));
        format.setFontItalic(true);
    }
    return format;
}

void PartiqlHighlighter::highlightBlock(const QString& text) {
    for (const Rule& rule : rules_) {
        const QTextCharFormat format = formatFor(rule.kind);
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), format);
        }
    }
}

}  // namespace shardscape
