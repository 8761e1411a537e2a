// The endpoint's HTTP/1.1 request parser: whole and split requests, pipelining, chunked
// bodies, keep-alive rules, 100-continue, and the status each malformed or oversized request
// gets.
#include <QtTest>

#include "http_request_parser.h"

using namespace shardscape;

namespace {

constexpr size_t kLimit = 1000;

struct Parsed {
    std::vector<HttpRequest> requests;
    std::vector<bool> keepAlive;
    int errorStatus = 0;
    std::string errorMessage;
    std::string left;  // bytes not consumed
};

// Feeds `bytes` in pieces of `piece` bytes (0: all at once), as a connection would.
Parsed feed(const std::string& bytes, size_t piece = 0) {
    Parsed out;
    HttpRequestParser parser(kLimit);
    std::string buffer;
    size_t offset = 0;
    while (offset < bytes.size()) {
        const size_t take = piece == 0 ? bytes.size() : std::min(piece, bytes.size() - offset);
        buffer.append(bytes, offset, take);
        offset += take;
        for (;;) {
            const auto progress = parser.advance(buffer);
            buffer.erase(0, parser.consumed());
            if (progress == HttpRequestParser::Progress::NeedMore) break;
            if (progress == HttpRequestParser::Progress::Failed) {
                out.errorStatus = parser.error().status;
                out.errorMessage = parser.error().message;
                return out;
            }
            out.keepAlive.push_back(parser.keepAlive());
            out.requests.push_back(parser.takeRequest());
            parser.reset();
        }
    }
    out.left = buffer;
    return out;
}

const char* kPost =
    "POST /path?x=1 HTTP/1.1\r\nHost: h\r\nX-Amz-Target:  DynamoDB_20120810.ListTables \r\n"
    "Content-Length: 2\r\n\r\n{}";

}  // namespace

class HttpRequestParserTest : public QObject {
    Q_OBJECT

  private slots:
    void wholeRequest() {
        const Parsed parsed = feed(kPost);
        QCOMPARE(parsed.errorStatus, 0);
        QCOMPARE(parsed.requests.size(), size_t(1));
        const HttpRequest& request = parsed.requests[0];
        QCOMPARE(request.method, std::string("POST"));
        QCOMPARE(request.path, std::string("/path"));
        QCOMPARE(request.query, std::string("x=1"));
        QCOMPARE(request.body, std::string("{}"));
        QVERIFY(request.header("x-amz-target"));
        // Values lose the spaces around them.
        QCOMPARE(*request.header("x-amz-target"), std::string("DynamoDB_20120810.ListTables"));
        QVERIFY(parsed.keepAlive[0]);
        QVERIFY(parsed.left.empty());
    }

    void anySplitGivesTheSameRequests() {
        // Two pipelined requests (one chunked) fed one byte at a time, and in every other
        // piece size: the same two requests each time.
        const std::string chunked =
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n";
        const std::string both = std::string(kPost) + chunked;
        for (size_t piece = 1; piece <= both.size(); ++piece) {
            const Parsed parsed = feed(both, piece);
            QCOMPARE(parsed.errorStatus, 0);
            QCOMPARE(parsed.requests.size(), size_t(2));
            QCOMPARE(parsed.requests[0].body, std::string("{}"));
            QCOMPARE(parsed.requests[1].body, std::string("abc0123456789"));
            QVERIFY(parsed.left.empty());
        }
    }

    void noBodyWithoutLength() {
        const Parsed parsed = feed("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\n\r\n");
        QCOMPARE(parsed.requests.size(), size_t(2));
        QVERIFY(parsed.requests[0].body.empty());
        QCOMPARE(parsed.requests[1].path, std::string("/b"));
    }

    void keepAliveRules() {
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive,
                 std::vector<bool>{false});
        QCOMPARE(feed("GET / HTTP/1.1\r\nConnection: TE, Close\r\n\r\n").keepAlive,
                 std::vector<bool>{false});
        QCOMPARE(feed("GET / HTTP/1.0\r\n\r\n").keepAlive, std::vector<bool>{false});
        QCOMPARE(feed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive,
                 std::vector<bool>{true});
    }

    void expectContinue() {
        HttpRequestParser parser(kLimit);
        std::string buffer = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
        QVERIFY(!parser.awaitsContinue());
        QCOMPARE(parser.advance(buffer), HttpRequestParser::Progress::NeedMore);
        buffer.erase(0, parser.consumed());
        QVERIFY(parser.awaitsContinue());
        buffer.append("body");
        QCOMPARE(parser.advance(buffer), HttpRequestParser::Progress::Complete);
        QCOMPARE(parser.takeRequest().body, std::string("body"));
        // A body over the limit is refused before the client sends it.
        HttpRequestParser refusing(kLimit);
        QCOMPARE(refusing.advance("POST / HTTP/1.1\r\nExpect: 100-continue\r\n"
                                  "Content-Length: 1001\r\n\r\n"),
                 HttpRequestParser::Progress::Failed);
        QCOMPARE(refusing.error().status, 413);
    }

    void bodyLimit() {
        const std::string exactly =
            "POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'x');
        QCOMPARE(feed(exactly).requests.at(0).body.size(), size_t(1000));
        QCOMPARE(feed("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n").errorStatus, 413);
        // Chunked: refused at the chunk that crosses the limit, before its data arrives.
        const std::string growing =
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            "1f4\r\n" +
            std::string(500, 'x') + "\r\n1f5\r\n";
        QCOMPARE(feed(growing).errorStatus, 413);
        QCOMPARE(feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "ffffffffffffffffffff\r\n")
                     .errorStatus,
                 400);
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n") << 400
                                  << "Malformed HTTP request line";
        QTest::newRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400 << "Malformed HTTP header";
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c: d\r\n\r\n")
                                       << 400 << "Malformed HTTP header name";
        QTest::newRow("version") << QByteArray("GET / HTTP/9.9\r\n\r\n") << 400
                                 << "Unsupported HTTP version";
        QTest::newRow("method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400
                                << "Malformed HTTP method";
        QTest::newRow("negative length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << 400
            << "Invalid Content-Length header";
        QTest::newRow("length with letters")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n{}") << 400
            << "Invalid Content-Length header";
        QTest::newRow("two lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n")
            << 400 << "Invalid Content-Length header";
        QTest::newRow("length and chunked") << QByteArray(
                                                   "POST / HTTP/1.1\r\nContent-Length: 2\r\n"
                                                   "Transfer-Encoding: chunked\r\n\r\n")
                                            << 400 << "Both Content-Length and Transfer-Encoding";
        QTest::newRow("gzip transfer")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501
            << "Unsupported Transfer-Encoding: gzip";
        QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n")
            << 400 << "Malformed chunked encoding";
        QTest::newRow("chunk without CRLF")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY") << 400
            << "Malformed chunked encoding";
        QTest::newRow("expectation")
            << QByteArray("GET / HTTP/1.1\r\nExpect: magic\r\n\r\n") << 417 << "Expectation Failed";
        QTest::newRow("long target")
            << QByteArray(("GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n").c_str()) << 414
            << "Request-URI Too Long";
        QTest::newRow("long target, unfinished")
            << QByteArray(("GET /" + std::string(9000, 'a')).c_str()) << 414
            << "Request-URI Too Long";
        QTest::newRow("huge head")
            << QByteArray(("GET / HTTP/1.1\r\n" + std::string(70000, 'a')).c_str()) << 431
            << "Request Header Fields Too Large";
    }

    void malformed() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QString, message);
        for (size_t piece : {size_t(0), size_t(1), size_t(7)}) {
            const Parsed parsed = feed(bytes.toStdString(), piece);
            QCOMPARE(parsed.errorStatus, status);
            QCOMPARE(QString::fromStdString(parsed.errorMessage), message);
        }
    }

    void leadingEmptyLinesAreSkipped() {
        const Parsed parsed = feed("\r\n\r\nGET / HTTP/1.1\r\n\r\n");
        QCOMPARE(parsed.errorStatus, 0);
        QCOMPARE(parsed.requests.size(), size_t(1));
    }
};

QTEST_APPLESS_MAIN(HttpRequestParserTest)
#include "test_http_request_parser.moc"
