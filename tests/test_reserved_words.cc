// DynamoDB's reserved words: the complete AWS list, matched case-insensitively.
// Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
#include <QtTest>

#include <algorithm>
#include <functional>
#include <string>

#include "expressions/reserved_words.h"

using namespace shardscape;

class ReservedWordsTest : public QObject {
    Q_OBJECT
  private slots:
    // AWS's "Reserved words in DynamoDB" page lists exactly 573 words, ABORT to ZONE.
    void listIsComplete() {
        const auto words = reservedWords();
        QCOMPARE(words.size(), size_t(573));
        QCOMPARE(words.front(), std::string_view("ABORT"));
        QCOMPARE(words.back(), std::string_view("ZONE"));
    }

    // Strictly increasing: sorted for binary search, no duplicates, no empty entries.
    void listIsSortedUppercaseAndUnique() {
        const auto words = reservedWords();
        QVERIFY(std::adjacent_find(words.begin(), words.end(), std::greater_equal<>()) ==
                words.end());
        for (std::string_view w : words) {
            QVERIFY2(!w.empty(), "empty entry");
            QVERIFY2(std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
                     std::string(w).c_str());
        }
    }

    // Every listed word is reserved as written, in lowercase and in mixed case.
    void everyWordInAnyCase() {
        for (std::string_view w : reservedWords()) {
            std::string lower(w), mixed(w);
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](char c) { return static_cast<char>(c - 'A' + 'a'); });
            for (size_t i = 0; i < mixed.size(); i += 2) mixed[i] = lower[i];
            QVERIFY2(isReservedWord(w), std::string(w).c_str());
            QVERIFY2(isReservedWord(lower), lower.c_str());
            QVERIFY2(isReservedWord(mixed), mixed.c_str());
        }
    }

    void reserved_data() {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("reserved");
        // All of these are on AWS's list (FLATTERN, INNTER and LOGED are its own spellings).
        for (const char* w :
             {"ABORT",   "ZONE",     "name",   "Name",      "NAME",          "status", "Status",
              "date",    "DATE",     "data",   "timestamp", "user",          "year",   "size",
              "comment", "count",    "ttl",    "value",     "KEY",           "Type",   "hash",
              "range",   "FLATTERN", "INNTER", "LOGED",     "localtimestamp"})
            QTest::newRow(w) << QString(w) << true;
        for (const char* w : {"UserID", "pk", "sk", "email", "Artist", "gsi1pk", "", "names_",
                              "ZONES", "ABORTS", "A", "createdAt", "na me", "NAMÉ"})
            QTest::newRow(w[0] ? w : "empty") << QString::fromUtf8(w) << false;
        QTest::newRow("10000 characters") << QString(10000, 'a') << false;
        QTest::newRow("reserved word repeated past the longest")
            << QString("NAME").repeated(2500) << false;
    }
    void reserved() {
        QFETCH(QString, word);
        QFETCH(bool, reserved);
        const std::string text = word.toStdString();
        QCOMPARE(isReservedWord(text), reserved);
    }

    // Only ASCII letters fold: bytes above 0x7F and an embedded NUL never match.
    void bytesOutsideAscii() {
        QVERIFY(!isReservedWord(std::string_view("NAME\0", 5)));
        QVERIFY(!isReservedWord(std::string_view("\0NAME", 5)));
        QVERIFY(!isReservedWord("\xC4\xB0TEM"));  // U+0130, Turkish dotted capital I
    }
};

QTEST_APPLESS_MAIN(ReservedWordsTest)
#include "test_reserved_words.moc"
