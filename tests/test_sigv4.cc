// SigV4 against AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE,
// region us-east-1, service "service", 20150830T123600Z) and the documented signing-key
// derivation example. The expected values are the suite's.
#include <QtTest>

#include "protocol/sigv4.h"

using namespace shardscape;
using namespace shardscape::sigv4;

namespace {
const Credentials kSuite{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", {}};
const Scope kScope{"20150830", "us-east-1", "service"};
constexpr const char* kDate = "20150830T123600Z";
const std::string kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SignableRequest suiteRequest(std::string method, std::string path, std::string query = {},
                             std::vector<std::pair<std::string, std::string>> extra = {},
                             std::string body = {}) {
    SignableRequest request{
        std::move(method), std::move(path), std::move(query), {}, sha256Hex(body)};
    request.headers.emplace_back("Host", "example.amazonaws.com");
    for (auto& header : extra) request.headers.push_back(std::move(header));
    request.headers.emplace_back("X-Amz-Date", kDate);
    return request;
}

std::string authorizationFor(const std::string& signedHeaders, const std::string& signature) {
    return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
           "SignedHeaders=" +
           signedHeaders + ", Signature=" + signature;
}
}  // namespace

class SigV4Test : public QObject {
    Q_OBJECT
  private slots:
    void hashesAndKeys() {
        QCOMPARE(sha256Hex(""), kEmptyHash);
        // The derivation example in AWS's SigV4 documentation (IAM, 2012-02-15).
        const Scope iam{"20120215", "us-east-1", "iam"};
        QCOMPARE(toHex(signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", iam)),
                 std::string("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
        QCOMPARE(kScope.text(), std::string("20150830/us-east-1/service/aws4_request"));
    }

    // get-vanilla, step by step: canonical request, string to sign, Authorization header.
    void getVanillaSteps() {
        const SignableRequest request = suiteRequest("GET", "/");
        const std::string canonical = canonicalRequest(request, {"host", "x-amz-date"});
        QCOMPARE(canonical, std::string("GET\n/\n\nhost:example.amazonaws.com\n"
                                        "x-amz-date:20150830T123600Z\n\nhost;x-amz-date\n") +
                                kEmptyHash);
        QCOMPARE(stringToSign(kDate, kScope, canonical),
                 std::string("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/"
                             "aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c"
                             "25292927e63"));
        QCOMPARE(
            authorizationHeader(request, kSuite, kDate, kScope),
            authorizationFor("host;x-amz-date",
                             "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    void suiteVectors_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("headers");  // name, value, name, value, ...
        QTest::addColumn<QString>("signedHeaders");
        QTest::addColumn<QString>("signature");
        const QString plain = "host;x-amz-date";
        QTest::newRow("get-vanilla")
            << "GET"
            << "/"
            << "" << QStringList() << plain
            << "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        QTest::newRow("get-vanilla-empty-query-key")
            << "GET"
            << "/"
            << "Param1=value1" << QStringList() << plain
            << "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb";
        QTest::newRow("get-vanilla-query-order-key-case")
            << "GET"
            << "/"
            << "Param2=value2&Param1=value1" << QStringList() << plain
            << "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";
        QTest::newRow("get-utf8")
            << "GET" << QString::fromUtf8("/\xe1\x88\xb4") << "" << QStringList() << plain
            << "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85";
        QTest::newRow("get-space")
            << "GET"
            << "/example space/"
            << "" << QStringList() << plain
            << "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741";
        QTest::newRow("post-vanilla")
            << "POST"
            << "/"
            << "" << QStringList() << plain
            << "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";
        QTest::newRow("post-vanilla-empty-query-value")
            << "POST"
            << "/"
            << "Param1=value1" << QStringList() << plain
            << "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11";
        QTest::newRow("get-header-key-duplicate")
            << "GET"
            << "/"
            << ""
            << QStringList{"My-Header1", "value2", "My-Header1", "value2", "My-Header1", "value1"}
            << "host;my-header1;x-amz-date"
            << "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea";
        QTest::newRow("get-header-value-order")
            << "GET"
            << "/"
            << "" << QStringList{"My-Header1", "value4", "My-Header1", "value1",
                                 "My-Header1", "value3", "My-Header1", "value2"}
            << "host;my-header1;x-amz-date"
            << "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01";
        QTest::newRow("get-header-value-trim")
            << "GET"
            << "/"
            << "" << QStringList{"My-Header1", " value1", "My-Header2", " \"a   b   c\""}
            << "host;my-header1;my-header2;x-amz-date"
            << "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736";
        QTest::newRow("post-header-key-sort")
            << "POST"
            << "/"
            << "" << QStringList{"My-Header1", "value1"} << "host;my-header1;x-amz-date"
            << "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c";
        QTest::newRow("post-header-value-case")
            << "POST"
            << "/"
            << "" << QStringList{"My-Header1", "VALUE1"} << "host;my-header1;x-amz-date"
            << "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d";
    }

    void suiteVectors() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QStringList, headers);
        QFETCH(QString, signedHeaders);
        QFETCH(QString, signature);
        std::vector<std::pair<std::string, std::string>> extra;
        for (qsizetype i = 0; i + 1 < headers.size(); i += 2)
            extra.emplace_back(headers[i].toStdString(), headers[i + 1].toStdString());
        const SignableRequest request =
            suiteRequest(method.toStdString(), path.toStdString(), query.toStdString(), extra);
        QCOMPARE(authorizationHeader(request, kSuite, kDate, kScope),
                 authorizationFor(signedHeaders.toStdString(), signature.toStdString()));
    }

    // Vectors that sign only some of the headers, or carry a body.
    void formBodies() {
        const std::string body = "Param1=value1";
        SignableRequest request = suiteRequest(
            "POST", "/", {}, {{"Content-Type", "application/x-www-form-urlencoded"}}, body);
        request.headers.emplace_back("Content-Length", "13");
        const std::vector<std::string> names = {"content-type", "host", "x-amz-date"};
        const std::string key = signingKey(kSuite.secretAccessKey, kScope);
        QCOMPARE(
            sigv4::signature(key, stringToSign(kDate, kScope, canonicalRequest(request, names))),
            std::string("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"));
        request.headers[1].second = "application/x-www-form-urlencoded; charset=utf8";
        QCOMPARE(
            sigv4::signature(key, stringToSign(kDate, kScope, canonicalRequest(request, names))),
            std::string("1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"));
    }

    // post-sts-header-after: the session token is a signed header.
    void sessionToken() {
        const std::string token =
            "AQoDYXdzEPT//////////"
            "wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXm"
            "xfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/"
            "kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy"
            "0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64"
            "lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
        const SignableRequest request =
            suiteRequest("POST", "/", {}, {{"X-Amz-Security-Token", token}});
        QCOMPARE(
            authorizationHeader(request, kSuite, kDate, kScope),
            authorizationFor("host;x-amz-date;x-amz-security-token",
                             "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"));
    }

    void encodingAndParsing() {
        QCOMPARE(uriEncode("a b/c~d*e", false), std::string("a%20b%2Fc~d%2Ae"));
        QCOMPARE(uriEncode("a b/c", true), std::string("a%20b/c"));
        QCOMPARE(canonicalQuery("b=2&a=%7e1&a=0&flag"), std::string("a=0&a=~1&b=2&flag="));
        const Authorization auth = parseAuthorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc123");
        QCOMPARE(auth.algorithm, std::string("AWS4-HMAC-SHA256"));
        QCOMPARE(auth.credential, std::string("AKID/20150830/us-east-1/dynamodb/aws4_request"));
        QCOMPARE(auth.signedHeaderNames(),
                 (std::vector<std::string>{"host", "x-amz-date", "x-amz-target"}));
        QCOMPARE(auth.signature, std::string("abc123"));
        QVERIFY(auth.hasCredential && auth.hasSignature && auth.hasSignedHeaders);
        const Authorization partial = parseAuthorization("AWS4-HMAC-SHA256 Signature=x");
        QVERIFY(!partial.hasCredential && partial.hasSignature && !partial.hasSignedHeaders);
    }
};

QTEST_GUILESS_MAIN(SigV4Test)
#include "test_sigv4.moc"
