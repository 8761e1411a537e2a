// The endpoint's HTTP level answered as DynamoDB answers it, over raw sockets: the order of
// the checks before an operation runs (method and content type, JSON, X-Amz-Target, the
// signature, an empty body) with DynamoDB's exact bodies, CORS, the 413, the health check,
// and presigned (query-string SigV4) requests, verified and not. The cases where dynalite
// answers as DynamoDB does are also sent to dynalite and must be answered alike.
#include <zlib.h>

#include <QDateTime>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include "api/dispatch.h"
#include "dynalite_process.h"
#include "endpoint_server.h"
#include "http_test_client.h"
#include "protocol/sigv4.h"
#include "signature_test_support.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::DynaliteProcess;
using shardscape::testing::RawConnection;
using shardscape::testing::RawResponse;
using shardscape::testing::roundTrip;

namespace {

const std::string kCoral = "com.amazon.coral.service#";
const std::string kJson10 = "application/x-amz-json-1.0";
const std::string kNotFound = "<UnknownOperationException/>\n";
const sigv4::Credentials kKey{"AKIDFIDELITY", "fidelity/Secret+key", {}};
const char* kAnyAuthorization =
    "AWS4-HMAC-SHA256 Credential=anything/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=0123";

std::string amzDate(std::time_t when) {
    return QDateTime::fromSecsSinceEpoch(when, QTimeZone::utc())
        .toString("yyyyMMdd'T'HHmmss'Z'")
        .toStdString();
}

// A request as raw bytes; every part can be left out.
struct Request {
    std::string method = "POST";
    std::string query;  // without '?'
    std::string target = "DynamoDB_20120810.ListTables";
    std::string contentType = kJson10;
    std::string authorization = kAnyAuthorization;
    std::string body = "{}";
    std::string extraHeaders;  // raw "Name: value\r\n" lines

    std::string bytes() const {
        std::string out = method + " /";
        if (!query.empty()) out.append("?").append(query);
        out.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: ");
        out.append(amzDate(std::time(nullptr))).append("\r\n");
        if (!target.empty()) out.append("X-Amz-Target: ").append(target).append("\r\n");
        if (!contentType.empty()) out.append("Content-Type: ").append(contentType).append("\r\n");
        if (!authorization.empty())
            out.append("Authorization: ").append(authorization).append("\r\n");
        out.append(extraHeaders);
        out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
        return out.append(body);
    }
};

std::string crcText(const std::string& body) {
    return std::to_string(static_cast<uint32_t>(
        ::crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

std::string error(const std::string& type) {
    return Json{{"__type", kCoral + type}}.dump();
}

std::string error(const std::string& type, const std::string& message) {
    return Json{{"__type", kCoral + type}, {"message", message}}.dump();
}

// What a case expects: status, body, and the Content-Type (empty: none is sent).
struct Expected {
    int status;
    std::string body;
    std::string contentType;
};

struct Case {
    const char* name;
    Request request;
    Expected expected;
    bool dynaliteAgrees = true;  // dynalite answers it as DynamoDB does
};

// The checks before an operation runs, in DynamoDB's order: each case passes the checks
// before the one it fails.
std::vector<Case> orderCases() {
    std::vector<Case> cases;
    const auto add = [&cases](const char* name, auto change, Expected expected,
                              bool dynaliteAgrees = true) {
        Request request;
        change(request);
        cases.push_back({name, request, expected, dynaliteAgrees});
    };
    const auto json = [](std::string body) { return Expected{400, std::move(body), kJson10}; };
    // 1. Method and content type, whatever else is wrong.
    add("PUT", [](Request& r) { r.method = "PUT"; }, {404, kNotFound, ""});
    add("DELETE without anything",
        [](Request& r) {
            r.method = "DELETE";
            r.target = r.authorization = r.contentType = r.body = "";
        },
        {404, kNotFound, ""});
    add("OPTIONS without Origin", [](Request& r) { r.method = "OPTIONS"; }, {404, kNotFound, ""});
    add("OPTIONS with an empty Origin",
        [](Request& r) {
            r.method = "OPTIONS";
            r.extraHeaders = "Origin: \r\n";
        },
        {404, kNotFound, ""});
    add("text/plain body",
        [](Request& r) {
            r.contentType = "text/plain";
            r.body = "not json";
            r.target = r.authorization = "";
        },
        {404, kNotFound, ""});
    add("no Content-Type with a body", [](Request& r) { r.contentType = ""; },
        {404, kNotFound, ""});
    // An empty body passes whatever its content type; the answer is then application/json.
    add("text/plain, empty body, no target",
        [](Request& r) {
            r.contentType = "text/plain";
            r.body = r.target = "";
        },
        {400, error("UnknownOperationException"), "application/json"});
    // 2. The body must be JSON: before the target and the signature.
    add(
        "malformed JSON, no target, no signature",
        [](Request& r) {
            r.body = R"({"TableName":)";
            r.target = r.authorization = "";
        },
        json(error("SerializationException")));
    add("malformed JSON as application/json",
        [](Request& r) {
            r.body = "nope";
            r.contentType = "application/json; charset=utf-8";
        },
        {400, error("SerializationException"), "application/json"});
    // 3. The target: before the signature.
    add(
        "no target, no signature", [](Request& r) { r.target = r.authorization = ""; },
        json(error("UnknownOperationException")));
    add(
        "unknown operation", [](Request& r) { r.target = "DynamoDB_20120810.Frobnicate"; },
        json(error("UnknownOperationException")));
    add(
        "unknown API version", [](Request& r) { r.target = "DynamoDB_20130101.ListTables"; },
        json(error("UnknownOperationException")));
    add(
        "three-part target", [](Request& r) { r.target = "DynamoDB_20120810.ListTables.x"; },
        json(error("UnknownOperationException")));
    add(
        "operation without version", [](Request& r) { r.target = "ListTables"; },
        json(error("UnknownOperationException")));
    // 4. The signature.
    add(
        "no signature", [](Request& r) { r.authorization = ""; },
        json(error("MissingAuthenticationTokenException",
                   "Request is missing Authentication Token")));
    add(
        "not a SigV4 header", [](Request& r) { r.authorization = "Basic dXNlcjpwYXNz"; },
        json(error("MissingAuthenticationTokenException",
                   "Request is missing Authentication Token")));
    add(
        "header and query-string signature",
        [](Request& r) { r.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"; },
        json(error("InvalidSignatureException",
                   "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as "
                   "HTTP header.")));
    add(
        "a non-SigV4 header and a query-string signature",
        [](Request& r) {
            r.query = "X-Amz-Algorithm=";
            r.authorization = "Basic x";
        },
        json(error("InvalidSignatureException",
                   "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as "
                   "HTTP header.")));
    add(
        "incomplete header", [](Request& r) { r.authorization = "AWS4-HMAC-SHA256 Signature=abc"; },
        json(error("IncompleteSignatureException",
                   "Authorization header requires 'Credential' parameter. Authorization header "
                   "requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 "
                   "Signature=abc")));
    add(
        "incomplete query string",
        [](Request& r) {
            r.authorization = "";
            r.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-SignedHeaders=host";
        },
        json(error("IncompleteSignatureException",
                   "AWS query-string parameters must include 'X-Amz-Credential'. AWS "
                   "query-string parameters must include 'X-Amz-Signature'. AWS query-string "
                   "parameters must include 'X-Amz-Date'. Re-examine the query-string "
                   "parameters.")));
    add(
        "query string with only an empty algorithm",
        [](Request& r) {
            r.authorization = "";
            r.query = "X-Amz-Algorithm=";
        },
        json(error("IncompleteSignatureException",
                   "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string "
                   "parameters must include 'X-Amz-Credential'. AWS query-string parameters must "
                   "include 'X-Amz-Signature'. AWS query-string parameters must include "
                   "'X-Amz-SignedHeaders'. AWS query-string parameters must include "
                   "'X-Amz-Date'. Re-examine the query-string parameters.")));
    // 5. An empty body, once the request is signed.
    add(
        "empty body", [](Request& r) { r.body = ""; }, json(error("SerializationException")));
    add(
        "empty body, presigned",
        [](Request& r) {
            r.body = r.authorization = "";
            r.query =
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20260101%2Fus-east-1%2F"
                "dynamodb%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&"
                "X-Amz-Signature=00";
        },
        json(error("SerializationException")));
    // 6. The operation.
    add("ListTables", [](Request&) {}, {200, R"({"TableNames":[]})", kJson10});
    add("ListTables, presigned (not verified)",
        [](Request& r) {
            r.authorization = "";
            r.query =
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20260101%2Fus-east-1%2F"
                "dynamodb%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&"
                "X-Amz-SignedHeaders=host&X-Amz-Signature=00";
        },
        {200, R"({"TableNames":[]})", kJson10});
    add("comma after the algorithm",
        [](Request& r) {
            r.authorization =
                "AWS4-HMAC-SHA256,Credential=a/20260101/us-east-1/dynamodb/aws4_request,"
                "SignedHeaders=host,Signature=00";
        },
        {200, R"({"TableNames":[]})", kJson10});
    // DynamoDB still serves its 2011 API, which Shardscape does not (docs/endpoint.md).
    add(
        "2011 API version", [](Request& r) { r.target = "DynamoDB_20111205.ListTables"; },
        json(error("UnknownOperationException")), false);
    return cases;
}

// The headers every answer carries.
void checkCommonHeaders(const RawResponse& response, const std::string& what) {
    QVERIFY2(response.header("x-amzn-requestid").size() == 52, what.c_str());
    QVERIFY2(response.header("x-amz-crc32") == crcText(response.body), what.c_str());
    QVERIFY2(response.header("content-length") == std::to_string(response.body.size()),
             what.c_str());
}

// Signs `body` for ListTables as a presigned request: the signature's parts in the query
// string, over the canonical request with that query (less X-Amz-Signature).
std::string presigned(int port, const sigv4::Credentials& key, std::time_t when,
                      const std::string& expires, const std::string& body,
                      const std::string& extraQuery = {}) {
    const std::string date = amzDate(when);
    const sigv4::Scope scope{date.substr(0, 8), "eu-west-1", "dynamodb"};
    std::string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" +
                        sigv4::uriEncode(key.accessKeyId + "/" + scope.text(), false) +
                        "&X-Amz-Date=" + date;
    if (!expires.empty()) query.append("&X-Amz-Expires=").append(expires);
    query.append("&X-Amz-SignedHeaders=host%3Bx-amz-target").append(extraQuery);
    const std::string host = "127.0.0.1:" + std::to_string(port);
    sigv4::SignableRequest request{"POST", "/", query, {}, sigv4::sha256Hex(body)};
    request.headers = {{"Host", host}, {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
    const std::string canonical = sigv4::canonicalRequest(request, {"host", "x-amz-target"});
    const std::string signature = sigv4::signature(sigv4::signingKey(key.secretAccessKey, scope),
                                                   sigv4::stringToSign(date, scope, canonical));
    std::string out = "POST /?" + query + "&X-Amz-Signature=" + signature + " HTTP/1.1\r\n";
    out.append("Host: ").append(host).append("\r\n");
    out.append("X-Amz-Target: DynamoDB_20120810.ListTables\r\n");
    out.append("Content-Type: application/x-amz-json-1.0\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
    return out.append(body);
}

}  // namespace

class HttpFidelityTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<EndpointServer> open_, verifying_;
    int port_ = 0, verifyingPort_ = 0;
    DynaliteProcess dynalite_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto engine = Engine::open(dir_.path().toStdString());
        QVERIFY(engine.ok());
        engine_ = std::move(engine).value();
        open_ = std::make_unique<EndpointServer>(*engine_, EndpointOptions{"127.0.0.1", 0, 2, {}});
        auto port = open_->start();
        QVERIFY(port.ok());
        port_ = *port;
        EndpointOptions verifying{"127.0.0.1", 0, 2, kKey};
        verifying.region = "eu-west-1";
        verifying_ = std::make_unique<EndpointServer>(*engine_, verifying);
        auto verifyingPort = verifying_->start();
        QVERIFY(verifyingPort.ok());
        verifyingPort_ = *verifyingPort;
        QVERIFY2(dynalite_.start(), qPrintable(dynalite_.problem()));
    }

    void cleanupTestCase() {
        open_->stop();
        verifying_->stop();
    }

    void orderOfChecks() {
        for (const Case& c : orderCases()) {
            auto response = roundTrip(port_, c.request.bytes());
            QVERIFY2(response, c.name);
            QVERIFY2(response->status == c.expected.status,
                     qPrintable(QString("%1: %2").arg(c.name).arg(response->status)));
            QVERIFY2(response->body == c.expected.body,
                     qPrintable(QString("%1: %2").arg(c.name, response->body.c_str())));
            QVERIFY2(response->header("content-type") == c.expected.contentType, c.name);
            checkCommonHeaders(*response, c.name);
        }
    }

    // The same requests to dynalite: the same status, body and Content-Type.
    void orderOfChecksMatchesDynalite() {
        int compared = 0;
        for (const Case& c : orderCases()) {
            if (!c.dynaliteAgrees) continue;
            auto theirs = roundTrip(dynalite_.port(), c.request.bytes());
            QVERIFY2(theirs, c.name);
            QVERIFY2(theirs->status == c.expected.status,
                     qPrintable(QString("dynalite, %1: %2").arg(c.name).arg(theirs->status)));
            QVERIFY2(theirs->body == c.expected.body,
                     qPrintable(QString("dynalite, %1: %2").arg(c.name, theirs->body.c_str())));
            QVERIFY2(theirs->header("content-type") == c.expected.contentType, c.name);
            QVERIFY2(theirs->header("x-amz-crc32") == crcText(theirs->body), c.name);
            ++compared;
        }
        QCOMPARE(compared, 26);
    }

    void healthCheck() {
        const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        for (int port : {port_, dynalite_.port()}) {
            auto response = roundTrip(port, request);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->body, std::string("healthy: dynamodb.us-east-1.amazonaws.com "));
            QCOMPARE(response->header("x-amz-crc32"), std::string("3128867991"));
            QCOMPARE(response->header("content-type"), std::string());
            QCOMPARE(response->header("x-amzn-requestid").size(), size_t(52));
        }
        // A GET is a health check whatever it carries, and names the endpoint's region.
        auto response = roundTrip(verifyingPort_,
                                  "GET /anything?x=1 HTTP/1.1\r\nHost: x\r\n"
                                  "X-Amz-Target: DynamoDB_20120810.ListTables\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, std::string("healthy: dynamodb.eu-west-1.amazonaws.com "));
        QCOMPARE(response->header("x-amz-crc32"), crcText(response->body));
    }

    void cors() {
        const std::string preflight =
            "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://app.test\r\n"
            "Access-Control-Request-Method: POST\r\n"
            "Access-Control-Request-Headers: content-type,x-amz-date,x-amz-target,"
            "authorization,amz-sdk-invocation-id,amz-sdk-request\r\n\r\n";
        for (int port : {port_, dynalite_.port()}) {
            auto response = roundTrip(port, preflight);
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->body, std::string());
            QCOMPARE(response->header("content-length"), std::string("0"));
            QCOMPARE(response->header("access-control-allow-origin"), std::string("*"));
            QCOMPARE(response->header("access-control-allow-methods"), std::string("POST"));
            QCOMPARE(response->header("access-control-allow-headers"),
                     std::string("content-type,x-amz-date,x-amz-target,authorization,"
                                 "amz-sdk-invocation-id,amz-sdk-request"));
            QCOMPARE(response->header("access-control-max-age"), std::string("172800"));
            QCOMPARE(response->header("x-amzn-requestid").size(), size_t(52));
            // DynamoDB exposes no headers: browser SDKs skip the CRC32 check they cannot read.
            QCOMPARE(response->header("access-control-expose-headers"), std::string());
        }
        // A preflight that asks for nothing gets no Allow-Methods or Allow-Headers.
        auto bare = roundTrip(port_, "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: null\r\n\r\n");
        QVERIFY(bare);
        QCOMPARE(bare->status, 200);
        QCOMPARE(bare->header("access-control-allow-origin"), std::string("*"));
        QCOMPARE(bare->header("access-control-max-age"), std::string("172800"));
        QVERIFY(bare->headers.count("access-control-allow-methods") == 0);
        QVERIFY(bare->headers.count("access-control-allow-headers") == 0);
        // Every answer to a request with an Origin allows it, errors included; none without.
        Request request;
        request.extraHeaders = "Origin: http://app.test\r\n";
        for (const auto& [change, status] : std::vector<std::pair<void (*)(Request&), int>>{
                 {[](Request&) {}, 200},
                 {[](Request& r) { r.authorization = ""; }, 400},
                 {[](Request& r) { r.method = "PUT"; }, 404},
                 {[](Request& r) { r.method = "GET"; }, 200}}) {
            Request changed = request;
            change(changed);
            for (int port : {port_, dynalite_.port()}) {
                auto response = roundTrip(port, changed.bytes());
                QVERIFY(response);
                QCOMPARE(response->status, status);
                QCOMPARE(response->header("access-control-allow-origin"), std::string("*"));
                QCOMPARE(response->header("access-control-max-age"), std::string());
            }
        }
        auto plain = roundTrip(port_, Request{}.bytes());
        QVERIFY(plain);
        QVERIFY(plain->headers.count("access-control-allow-origin") == 0);
    }

    void oversizedRequest() {
        const std::string expected = error("RequestEntityTooLargeException",
                                           "Request size exceeds the maximum of 16777216 bytes");
        Request request;
        request.body = R"({"Limit":3})" + std::string(16 * 1024 * 1024 - 10, ' ');
        RawConnection connection(port_);
        QVERIFY(connection.send(request.bytes()));
        auto response = connection.read();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->statusLine, std::string("HTTP/1.1 413 Request Entity Too Large"));
        QCOMPARE(response->body, expected);
        QCOMPARE(response->header("content-type"), kJson10);
        QCOMPARE(response->header("connection"), std::string("close"));
        checkCommonHeaders(*response, "413");
    }

    void presignedVerified() {
        const std::time_t now = std::time(nullptr);
        const std::string tables = R"({"TableNames":[]})";
        auto response = roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, now, "60", "{}"));
        QVERIFY(response);
        QCOMPARE(response->body, tables);
        QCOMPARE(response->status, 200);
        // Without X-Amz-Expires, as a header signature: within 15 minutes.
        response = roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, now, "", "{}"));
        QVERIFY(response);
        QCOMPARE(response->body, tables);
        // Good for X-Amz-Expires seconds, longer than the 15 minutes of a header signature.
        const std::time_t hourAgo = now - 3600;
        response =
            roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, hourAgo, "7200", "{}"));
        QVERIFY(response);
        QCOMPARE(response->body, tables);
        // And no longer.
        response = roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, hourAgo, "60", "{}"));
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        const Json expired = Json::parse(response->body);
        QCOMPARE(expired["__type"].get<std::string>(), kCoral + "InvalidSignatureException");
        const QRegularExpression pattern(
            "^Signature expired: " + QString::fromStdString(amzDate(hourAgo)) +
            " is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 60 sec\\.\\)$");
        QVERIFY2(
            pattern.match(QString::fromStdString(expired["message"].get<std::string>())).hasMatch(),
            response->body.c_str());
        response = roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, hourAgo, "", "{}"));
        QVERIFY(response);
        QVERIFY2(response->body.find("- 15 min.)") != std::string::npos, response->body.c_str());

        // The wrong secret: DynamoDB's message with the canonical request, whose query is the
        // presigned one without X-Amz-Signature.
        const sigv4::Credentials wrongSecret{kKey.accessKeyId, "wrong", {}};
        response =
            roundTrip(verifyingPort_, presigned(verifyingPort_, wrongSecret, now, "60", "{}"));
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        const Json mismatch = Json::parse(response->body);
        QCOMPARE(mismatch["__type"].get<std::string>(), kCoral + "InvalidSignatureException");
        const std::string date = amzDate(now);
        const std::string canonical =
            "POST\n/\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDFIDELITY%2F" +
            date.substr(0, 8) + "%2Feu-west-1%2Fdynamodb%2Faws4_request&X-Amz-Date=" + date +
            "&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-amz-target\nhost:127.0.0.1:" +
            std::to_string(verifyingPort_) +
            "\nx-amz-target:DynamoDB_20120810.ListTables\n\nhost;x-amz-target\n" +
            sigv4::sha256Hex("{}");
        const sigv4::Scope scope{date.substr(0, 8), "eu-west-1", "dynamodb"};
        QCOMPARE(mismatch["message"].get<std::string>(),
                 testing::signatureMismatchMessage(date, scope, canonical));

        // A body changed after signing; an unknown key; a session token.
        std::string tampered = presigned(verifyingPort_, kKey, now, "60", R"({"Limit":1})");
        tampered.replace(tampered.size() - 2, 1, "2");
        response = roundTrip(verifyingPort_, tampered);
        QVERIFY(response);
        QCOMPARE(Json::parse(response->body)["__type"].get<std::string>(),
                 kCoral + "InvalidSignatureException");
        const sigv4::Credentials unknownKey{"AKIDOTHER", kKey.secretAccessKey, {}};
        response =
            roundTrip(verifyingPort_, presigned(verifyingPort_, unknownKey, now, "60", "{}"));
        QVERIFY(response);
        QCOMPARE(response->body, error("UnrecognizedClientException",
                                       "The security token included in the request is invalid."));
        response = roundTrip(verifyingPort_, presigned(verifyingPort_, kKey, now, "60", "{}",
                                                       "&X-Amz-Security-Token=abc"));
        QVERIFY(response);
        QCOMPARE(response->body, error("UnrecognizedClientException",
                                       "The security token included in the request is invalid"));
        // The scope is checked as for a header signature.
        const std::string wrongService = [&] {
            std::string bytes = presigned(verifyingPort_, kKey, now, "60", "{}");
            const size_t at = bytes.find("%2Fdynamodb%2F");
            return bytes.replace(at, 14, "%2Fdynamo%2F");
        }();
        response = roundTrip(verifyingPort_, wrongService);
        QVERIFY(response);
        QCOMPARE(response->body, error("InvalidSignatureException",
                                       "Credential should be scoped to correct service: "
                                       "'dynamodb'."));
    }
};

QTEST_GUILESS_MAIN(HttpFidelityTest)
#include "test_http_fidelity.moc"
