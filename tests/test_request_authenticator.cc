// RequestAuthenticator: DynamoDB's authentication checks and their exact messages, in order,
// with a fixed clock (2026-01-01T12:00:00Z).
#include <QtTest>

#include "api/wire_error.h"
#include "protocol/query_string.h"
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

// A presigned request: the signature's parts in the query string (X-Amz-Expires when
// `expires` is not empty, then `extraQuery`), signing Host and X-Amz-Target.
HttpRequest presignedRequest(const sigv4::Credentials& key,
                             const std::string& date = "20260101T120000Z",
                             const std::string& expires = "300",
                             const std::string& extraQuery = {}) {
    const sigv4::Scope scope{date.substr(0, 8), "us-west-2", "dynamodb"};
    std::string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" +
                        sigv4::uriEncode(key.accessKeyId + "/" + scope.text(), false) +
                        "&X-Amz-Date=" + date;
    if (!expires.empty()) query.append("&X-Amz-Expires=").append(expires);
    query.append("&X-Amz-SignedHeaders=host%3Bx-amz-target").append(extraQuery);
    HttpRequest request{"POST", "/", query, {}, R"({"Limit":1})"};
    request.headers = {{"Host", "localhost:8000"},
                       {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
    const sigv4::SignableRequest signable{request.method, request.path, request.query,
                                          request.headers, sigv4::sha256Hex(request.body)};
    const std::string canonical = sigv4::canonicalRequest(signable, {"host", "x-amz-target"});
    request.query.append("&X-Amz-Signature=")
        .append(sigv4::signature(sigv4::signingKey(key.secretAccessKey, scope),
                                 sigv4::stringToSign(date, scope, canonical)));
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

    void queryStrings() {
        const QueryString query("a=1&b=&c&d=x%2Fy+z&&a=2&%58-Amz=%zz");
        QVERIFY(query.has("a") && query.has("b") && query.has("c") && query.has("X-Amz"));
        QVERIFY(!query.has("e"));
        QCOMPARE(query.value("a"), std::string("1"));
        QCOMPARE(query.value("b"), std::string());
        QCOMPARE(query.value("d"), std::string("x/y z"));
        QCOMPARE(query.value("X-Amz"), std::string("%zz"));
        QCOMPARE(
            QueryString::without("a=1&X-Amz-Signature=00&b=2&X%2DAmz-Signature", "X-Amz-Signature"),
            std::string("a=1&b=2"));
    }

    void signatureInHeaderAndQuery() {
        HttpRequest request = signedRequest(kKey);
        request.query = "X-Amz-Algorithm=";
        const std::string both =
            "InvalidSignatureException: Found both 'X-Amz-Algorithm' as a query-string param and "
            "'Authorization' as HTTP header.";
        QCOMPARE(failure(open_, request), both);
        QCOMPARE(failure(verifying_, request), both);
        // A query string without X-Amz-Algorithm is no signature.
        request = presignedRequest(kKey);
        request.query.replace(0, 15, "X-Amz-Algorithx");
        QCOMPARE(failure(open_, request),
                 std::string("MissingAuthenticationTokenException: Request is missing "
                             "Authentication Token"));
    }

    void incompleteQueryStrings() {
        HttpRequest request{"POST",
                            "/",
                            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=",
                            {{"X-Amz-Date", "20260101T120000Z"}},
                            "{}"};
        QCOMPARE(failure(open_, request),
                 std::string("IncompleteSignatureException: AWS query-string parameters must "
                             "include 'X-Amz-Credential'. AWS query-string parameters must include "
                             "'X-Amz-Signature'. AWS query-string parameters must include "
                             "'X-Amz-SignedHeaders'. AWS query-string parameters must include "
                             "'X-Amz-Date'. Re-examine the query-string parameters."));
        // Not verified without required credentials: any complete one passes.
        request.query =
            "X-Amz-Algorithm=x&X-Amz-Credential=y&X-Amz-Signature=z&X-Amz-SignedHeaders=w&"
            "X-Amz-Date=v";
        QCOMPARE(failure(open_, request), std::string("ok"));
        QCOMPARE(failure(verifying_, request),
                 std::string("IncompleteSignatureException: Date must be in ISO-8601 'basic "
                             "format'. Got 'v'. See http://en.wikipedia.org/wiki/ISO_8601"));
    }

    void presignedRequests() {
        QCOMPARE(failure(verifying_, presignedRequest(kKey)), std::string("ok"));
        QCOMPARE(failure(open_, presignedRequest({"someone", "else", {}}, "19990101T000000Z")),
                 std::string("ok"));
        // Good for X-Amz-Expires seconds after its date, to the second.
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T110000Z", "3600")),
                 std::string("ok"));
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T110000Z", "3599")),
                 std::string("InvalidSignatureException: Signature expired: 20260101T110000Z is "
                             "now earlier than 20260101T110001Z (20260101T120000Z - 3599 sec.)"));
        // At most a week.
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20251225T115959Z", "999999")),
                 std::string("InvalidSignatureException: Signature expired: 20251225T115959Z is "
                             "now earlier than 20251225T120000Z (20260101T120000Z - 604800 sec.)"));
        // Without X-Amz-Expires (or with one that is not a number), 15 minutes either way.
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T114500Z", "")),
                 std::string("ok"));
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T114459Z", "soon")),
                 std::string("InvalidSignatureException: Signature expired: 20260101T114459Z is "
                             "now earlier than 20260101T114500Z (20260101T120000Z - 15 min.)"));
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T121501Z")),
                 std::string("InvalidSignatureException: Signature not yet current: "
                             "20260101T121501Z is still later than 20260101T121500Z "
                             "(20260101T120000Z + 15 min.)"));
        // The key, the signature (over the query without X-Amz-Signature), a session token.
        QCOMPARE(failure(verifying_, presignedRequest({"AKIDOTHER", kKey.secretAccessKey, {}})),
                 std::string("UnrecognizedClientException: The security token included in the "
                             "request is invalid."));
        HttpRequest changed = presignedRequest(kKey);
        changed.query.replace(changed.query.find("X-Amz-Expires=300"), 17, "X-Amz-Expires=301");
        const Status status = verifying_.check(changed);
        QVERIFY(!status);
        QCOMPARE(status.error().name(), std::string("InvalidSignatureException"));
        QVERIFY(status.error().message.find("X-Amz-Expires=301&X-Amz-SignedHeaders=") !=
                std::string::npos);
        QCOMPARE(failure(verifying_, presignedRequest(kKey, "20260101T120000Z", "300",
                                                      "&X-Amz-Security-Token=token")),
                 std::string("UnrecognizedClientException: The security token included in the "
                             "request is invalid"));
        HttpRequest wrongAlgorithm = presignedRequest(kKey);
        wrongAlgorithm.query.replace(16, 16, "AWS4-HMAC-SHA1");
        QCOMPARE(failure(verifying_, wrongAlgorithm),
                 std::string("IncompleteSignatureException: Unsupported AWS 'algorithm': "
                             "'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). "));
    }
};

QTEST_GUILESS_MAIN(RequestAuthenticatorTest)
#include "test_request_authenticator.moc"
