// DynamoDB's reserved words: the complete AWS list, matched case-insensitively.
#include <QtTest>

#include "reserved_words.h"

using namespace shardscape;

class ReservedWordsTest : public QObject {
    Q_OBJECT
  private slots:
    void reserved_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("reserved");
        for (const char* w :
             {"ABORT", "ZONE",      "name", "Name", "NAME",  "status",   "Status", "date",
              "data",  "timestamp", "user", "year", "size",  "comment",  "count",  "ttl",
              "value", "KEY",       "Type", "hash", "range", "FLATTERN", "INNTER", "LOGED"})
            QTest::newRow(w) << QString(w) << true;
        for (const char* w : {"UserID", "pk", "sk", "email", "Artist", "gsi1pk", "", "names_",
                              "ZONES", "ABORTS", "A", "createdAt"})
            QTest::newRow(w[0] ? w : "empty") << QString(w) << false;
        QTest::newRow("10000 characters") << QString(10000, 'a') << false;
    }
    void reserved() {
        QFETCH(QString, word);
        QFETCH(bool, reserved);
        const std::string text = word.toStdString();
        QCOMPARE(isReservedWord(text), reserved);
    }
};

QTEST_APPLESS_MAIN(ReservedWordsTest)
#include "test_reserved_words.moc"
