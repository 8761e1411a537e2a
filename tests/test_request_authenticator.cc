// RequestAuthenticator: DynamoDB's authentication checks and their exact messages, in order,
// with a fixed clock (2026-01-01T12:00:00Z).
#include <QtTest>

#include "api/wire_error.h"
#include "protocol/request_authenticator.h"

using namespace shardscape;

namespace {

constexpr std::time_t kNow = 1767268800;  // 2026-01-01T12:00:00Z
const sigv4::Credentials kKey{"AKIDTEST", "test-secret", {}};

// A request signed with `key` for `date`, signing Host, X-Amz-Date and X-Amz-Target.
HttpRequest signedRequest(const sigv4::Credentials& key,
                          const std::string& date = "20260101T120000Z",
                          const std::string& scopeDate = "20260101",
                          const std::string& service = "dynamodb") {
    HttpRequest request{"POST", "/", "", {}, R"({"Limit":1})"};
    request.headers = {{"Host", "localhost:8000"},
                       {"X-Amz-Date", date},
                       {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
    const sigv4::SignableRequest signable{request.method, request.path, request.query,
                                          request.headers, sigv4::sha256Hex(request.body)};
    const std::string authorization = sigv4::authorizationHeader(
        signable, key, date, sigv4::Scope{scopeDate, "us-west-2", service});
    request.headers.emplace_back("Authorization", authorization);
    return request;
}

void setHeader(HttpRequest& request, const std::string& name, const std::string& value) {
    for (auto& [key, existing] : request.headers)
        if (headerNameEquals(key, name)) existing = value;
}

std::string failure(const RequestAuthenticator& authenticator, const HttpRequest& request) {
    const Status status = authenticator.check(request);
    if (status) return "ok";
    return status.error().name() + ": " + status.error().message;
}

}  // namespace

class RequestAuthenticatorTest : public QObject {
    Q_OBJECT
    const RequestAuthenticator open_;
    const RequestAuthenticator verifying_{kKey, [] { return kNow; }};

  private slots:
    void missingOrForeignAuthorization() {
        HttpRequest request = signedRequest(kKey);
        request.headers.pop_back();
        const std::string missing =
            "MissingAuthenticationTokenException: Request is missing Authentication Token";
        QCOMPARE(failure(open_, request), missing);
        QCOMPARE(failure(verifying_, request), missing);
        request.headers.emplace_back("Authorization", "AWS3-HTTPS AWSAccessKeyId=x");
        QCOMPARE(failure(verifying_, request), missing);
    }

    void incompleteHeaders() {
        HttpRequest request{
            "POST", "/", "", {{"Authorization", "AWS4-HMAC-SHA256 Credential=a/b"}}, "{}"};
        QCOMPARE(failure(open_, request),
                 std::string("IncompleteSignatureException: Authorization header requires "
                             "'Signature' parameter. Authorization header requires "
                             "'SignedHeaders' parameter. Authorization header requires existence "
                             "of either a 'X-Amz-Date' or a 'Date' header. "
                             "Authorization=AWS4-HMAC-SHA256 Credential=a/b"));
    }

    void anySignatureWithoutRequiredCredentials() {
        QCOMPARE(failure(open_, signedRequest({"someone", "anything", {}}, "19990101T000000Z")),
                 std::string("ok"));
    }

    void validSignatures() {
        QCOMPARE(failure(verifying_, signedRequest(kKey)), std::string("ok"));
        // Within the 15-minute window either way.
        QCOMPARE(failure(verifying_, signedRequest(kKey, "20260101T114500Z")), std::string("ok"));
        QCOMPARE(failure(verifying_, signedRequest(kKey, "20260101T121500Z")), std::string("ok"));
    }

    void dates() {
        QCOMPARE(failure(verifying_, signedRequest(kKey, "20260101T114459Z")),
                 std::string("InvalidSignatureException: Signature expired: 20260101T114459Z is "
                             "now earlier than 20260101T114500Z (20260101T120000Z - 15 min.)"));
        QCOMPARE(failure(verifying_, signedRequest(kKey, "20260101T121501Z")),
                 std::string("InvalidSignatureException: Signature not yet current: "
                             "20260101T121501Z is still later than 20260101T121500Z "
                             "(20260101T120000Z + 15 min.)"));
        QCOMPARE(failure(verifying_, signedRequest(kKey, "2026-01-01T12:00:00Z")),
                 std::string("IncompleteSignatureException: Date must be in ISO-8601 'basic "
                             "format'. Got '2026-01-01T12:00:00Z'. See "
                             "http://en.wikipedia.org/wiki/ISO_8601"));
        // A Date header instead of X-Amz-Date (RFC 1123); the scope must still match it.
        HttpRequest request = signedRequest(kKey);
        for (auto& [name, value] : request.headers) {
            if (name != "X-Amz-Date") continue;
            name = "Date";
            value = "Thu, 01 Jan 2026 12:00:00 GMT";
        }
        const Status status = verifying_.check(request);
        QVERIFY(!status);
        QVERIFY2(status.error().name() == "InvalidSignatureException",
                 status.error().message.c_str());
        QVERIFY(status.error().message.starts_with(
            "The request signature we calculated does not match"));
    }

    void scope() {
        HttpRequest request = signedRequest(kKey);
        setHeader(request, "Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-west-2/dynamodb, "
                  "SignedHeaders=host;x-amz-date, Signature=00");
        QCOMPARE(failure(verifying_, request),
                 std::string("IncompleteSignatureException: Credential must have exactly 5 "
                             "slash-delimited elements, e.g. keyid/date/region/service/term, got "
                             "'AKIDTEST/20260101/us-west-2/dynamodb'"));
        setHeader(request, "Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKIDTEST/20251231/us-west-2/dynamo/aws4, "
                  "SignedHeaders=host;x-amz-date, Signature=00");
        QCOMPARE(failure(verifying_, request),
                 std::string("InvalidSignatureException: Credential should be scoped to correct "
                             "service: 'dynamodb'. Credential should be scoped with a valid "
                             "terminator: 'aws4_request', not 'aws4'. Date in Credential scope "
                             "does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                             "'20251231' != '20260101', from '20260101T120000Z'."));
        setHeader(request, "Authorization",
                  "AWS4-HMAC-SHA1 Credential=AKIDTEST/20260101/us-west-2/dynamodb/aws4_request, "
                  "SignedHeaders=host;x-amz-date, Signature=00");
        QCOMPARE(failure(verifying_, request),
                 std::string("IncompleteSignatureException: Unsupported AWS 'algorithm': "
                             "'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). "));
        setHeader(request, "Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-west-2/dynamodb/aws4_request, "
                  "SignedHeaders=x-amz-date, Signature=00");
        QCOMPARE(failure(verifying_, request),
                 std::string("InvalidSignatureException: 'Host' must be a 'SignedHeader' in the "
                             "AWS Authorization."));
    }

    void keysAndSignatures() {
        QCOMPARE(failure(verifying_, signedRequest({"AKIDOTHER", kKey.secretAccessKey, {}})),
                 std::string("UnrecognizedClientException: The security token included in the "
                             "request is invalid."));
        HttpRequest changed = signedRequest(kKey);
        changed.body = R"({"Limit":2})";
        const Status status = verifying_.check(changed);
        QVERIFY(!status);
        QCOMPARE(status.error().name(), std::string("InvalidSignatureException"));
        QCOMPARE(wireTypeName(status.error()),
                 std::string("com.amazon.coral.service#InvalidSignatureException"));
        QCOMPARE(wireHttpStatus(status.error()), 400);
        // Signed, but with a session token this server cannot validate.
        HttpRequest withToken{"POST", "/", "", {}, "{}"};
        withToken.headers = {{"Host", "localhost:8000"},
                             {"X-Amz-Date", "20260101T120000Z"},
                             {"X-Amz-Security-Token", "token"}};
        const sigv4::SignableRequest signable{"POST", "/", "", withToken.headers,
                                              sigv4::sha256Hex("{}")};
        withToken.headers.emplace_back(
            "Authorization",
            sigv4::authorizationHeader(signable, kKey, "20260101T120000Z",
                                       sigv4::Scope{"20260101", "us-west-2", "dynamodb"}));
        QCOMPARE(failure(verifying_, withToken),
                 std::string("UnrecognizedClientException: The security token included in the "
                             "request is invalid"));
    }
};

QTEST_GUILESS_MAIN(RequestAuthenticatorTest)
#include "test_request_authenticator.moc"
