// The local endpoint's HTTP protocol, over real sockets against an in-process EndpointServer:
// DynamoDB's headers and CRC32, error bodies and status codes, oversized and malformed
// requests, many concurrent clients, and SigV4 verification on and off.
#include <zlib.h>

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <random>
#include <thread>

#include "api/dispatch.h"
#include "endpoint_server.h"
#include "http_test_client.h"
#include "protocol/sigv4.h"
#include "signature_test_support.h"
#include "storage/engine.h"

using namespace shardscape;
using shardscape::testing::RawConnection;
using shardscape::testing::RawResponse;
using shardscape::testing::roundTrip;

namespace {

const char* kCreate = R"({"TableName":"Items","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})";
const sigv4::Credentials kKey{"AKIDSHARDSCAPE", "s3cr3t/Key+example", {}};
// Any well-formed SigV4 header: enough for the default (non-verifying) endpoint.
const char* kAnyAuthorization =
    "AWS4-HMAC-SHA256 Credential=anything/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host;x-amz-date, Signature=0123";

struct Call {
    std::string target = "DynamoDB_20120810.ListTables";
    std::string body = "{}";
    std::string contentType = "application/x-amz-json-1.0";
    std::string authorization = kAnyAuthorization;
    std::string method = "POST";
    std::string extraHeaders;  // raw "Name: value\r\n" lines
};

std::string amzDate(std::time_t when) {
    return QDateTime::fromSecsSinceEpoch(when, QTimeZone::utc())
        .toString("yyyyMMdd'T'HHmmss'Z'")
        .toStdString();
}

std::string wire(const Call& call) {
    std::string out = call.method;
    out.append(" / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: ");
    out.append(amzDate(std::time(nullptr))).append("\r\n");
    if (!call.target.empty()) out.append("X-Amz-Target: ").append(call.target).append("\r\n");
    if (!call.contentType.empty())
        out.append("Content-Type: ").append(call.contentType).append("\r\n");
    if (!call.authorization.empty())
        out.append("Authorization: ").append(call.authorization).append("\r\n");
    out.append(call.extraHeaders);
    out.append("Content-Length: ").append(std::to_string(call.body.size())).append("\r\n\r\n");
    out.append(call.body);
    return out;
}

// A request signed the way botocore signs DynamoDB calls (every header it sends).
std::string signedWire(int port, const sigv4::Credentials& key, const std::string& target,
                       const std::string& body, std::time_t when,
                       const std::string& service = "dynamodb") {
    const std::string date = amzDate(when);
    sigv4::SignableRequest request{"POST", "/", "", {}, sigv4::sha256Hex(body)};
    request.headers = {{"Host", "127.0.0.1:" + std::to_string(port)},
                       {"Content-Type", "application/x-amz-json-1.0"},
                       {"X-Amz-Date", date},
                       {"X-Amz-Target", target}};
    const sigv4::Scope scope{date.substr(0, 8), "eu-west-1", service};
    const std::string authorization = sigv4::authorizationHeader(request, key, date, scope);
    std::string out = "POST / HTTP/1.1\r\n";
    for (const auto& [name, value] : request.headers)
        out.append(name).append(": ").append(value).append("\r\n");
    out.append("Authorization: ").append(authorization).append("\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
    return out.append(body);
}

std::string errorText(const std::string& type, const std::string& message) {
    const bool serialization = type.ends_with("#SerializationException");
    return Json{{"__type", type}, {serialization ? "Message" : "message", message}}.dump();
}

// The bodies DynamoDB sends with no message member.
std::string errorText(const std::string& type) {
    return Json{{"__type", type}}.dump();
}

// {"TableName":"Items","<member>":{"pk":{"S":key}[,"n":{"N":number}]}}
std::string itemRequest(const std::string& member, const std::string& key,
                        const std::string& number = {}) {
    Json item = {{"pk", {{"S", key}}}};
    if (!number.empty()) item["n"] = {{"N", number}};
    return Json{{"TableName", "Items"}, {member, item}}.dump();
}

uint32_t zlibCrc(const std::string& body) {
    return static_cast<uint32_t>(
        ::crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}

}  // namespace

class EndpointTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<EndpointServer> open_, verifying_;
    int port_ = 0, verifyingPort_ = 0;

    // Sends and checks the response is a DynamoDB JSON error with this exact body.
    void expectError(const Call& call, int status, const std::string& body) {
        auto response = roundTrip(port_, wire(call));
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->body, body);
        QCOMPARE(response->header("content-type"), call.contentType);
        QCOMPARE(response->header("x-amz-crc32"), std::to_string(zlibCrc(body)));
        QCOMPARE(response->header("content-length"), std::to_string(body.size()));
        QCOMPARE(response->header("x-amzn-requestid").size(), size_t(52));
    }

  private slots:
    // Limits a slow or hostile client cannot exceed: a request trickling in is cut off
    // `requestTimeout` after its first byte, however regularly its bytes come, and a
    // connection past `maxConnections` is closed at once, until one of the others goes.
    void clientLimits() {
        EndpointOptions options{"127.0.0.1", 0, 2, {}};
        options.requestTimeout = std::chrono::milliseconds(400);
        options.maxConnections = 3;
        EndpointServer server(*engine_, options);
        auto port = server.start();
        QVERIFY(port.ok());

        RawConnection slow(*port);
        QVERIFY(slow.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        QElapsedTimer timer;
        timer.start();
        bool cutOff = false;
        while (!cutOff && timer.elapsed() < 6000) {
            // One more header byte every 100 ms: never silent, never done.
            slow.send("X");
            cutOff = slow.closedByPeer(100);
        }
        QVERIFY2(cutOff, "a request trickling in was never cut off");
        QVERIFY(timer.elapsed() < 3000);  // 400 ms, found by the once-a-second sweep

        std::vector<std::unique_ptr<RawConnection>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<RawConnection>(*port));
            QVERIFY(held.back()->send(wire(Call{})));
            QVERIFY(held.back()->read());  // each of the first three is served
        }
        RawConnection refused(*port);
        QVERIFY(refused.closedByPeer(2000));  // the fourth is closed at once
        held.pop_back();
        QTest::qWait(200);
        RawConnection admitted(*port);
        QVERIFY(admitted.send(wire(Call{})));
        auto answer = admitted.read();
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
    }

    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto engine = Engine::open(dir_.path().toStdString());
        QVERIFY(engine.ok());
        engine_ = std::move(engine).value();
        QVERIFY(dispatchText(*engine_, "CreateTable", kCreate).ok());
        open_ = std::make_unique<EndpointServer>(*engine_, EndpointOptions{"127.0.0.1", 0, 32, {}});
        auto port = open_->start();
        QVERIFY(port.ok());
        port_ = *port;
        verifying_ =
            std::make_unique<EndpointServer>(*engine_, EndpointOptions{"127.0.0.1", 0, 8, kKey});
        auto verifyingPort = verifying_->start();
        QVERIFY(verifyingPort.ok());
        verifyingPort_ = *verifyingPort;
    }

    void cleanupTestCase() {
        open_->stop();
        verifying_->stop();
    }

    void successHeadersAndCrc() {
        Call call;
        call.body = R"({"Limit":5})";
        auto response = roundTrip(port_, wire(call));
        QVERIFY(response);
        QCOMPARE(response->statusLine, std::string("HTTP/1.1 200 OK"));
        QCOMPARE(response->body, std::string(R"({"TableNames":["Items"]})"));
        QCOMPARE(response->header("content-type"), std::string("application/x-amz-json-1.0"));
        QCOMPARE(response->header("content-length"), std::string("24"));
        QCOMPARE(response->header("x-amz-crc32"), std::to_string(zlibCrc(response->body)));
        const QRegularExpression requestId("^[0-9A-Z]{52}$");
        const QString id = QString::fromStdString(response->header("x-amzn-requestid"));
        QVERIFY2(requestId.match(id).hasMatch(), qPrintable(id));
        // Plain application/json is answered in kind; request ids differ.
        call.contentType = "application/json; charset=utf-8";
        auto second = roundTrip(port_, wire(call));
        QVERIFY(second);
        QCOMPARE(second->status, 200);
        QCOMPARE(second->header("content-type"), std::string("application/json"));
        QVERIFY(second->header("x-amzn-requestid") != id.toStdString());
    }

    void keepAliveRoundTrips() {
        RawConnection connection(port_);
        QVERIFY(connection.connected());
        for (int i = 0; i < 50; ++i) {
            Call call;
            call.target = "DynamoDB_20120810.PutItem";
            call.body = itemRequest("Item", "keep-" + std::to_string(i), std::to_string(i));
            QVERIFY(connection.send(wire(call)));
            auto response = connection.read();
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QCOMPARE(response->body, std::string("{}"));
        }
        Call get;
        get.target = "DynamoDB_20120810.GetItem";
        get.body = R"({"TableName":"Items","Key":{"pk":{"S":"keep-49"}}})";
        QVERIFY(connection.send(wire(get)));
        auto response = connection.read();
        QVERIFY(response);
        QCOMPARE(response->body, std::string(R"({"Item":{"n":{"N":"49"},"pk":{"S":"keep-49"}}})"));
    }

    void protocolErrors() {
        const std::string coral = "com.amazon.coral.service#";
        Call call;
        // A missing or unknown target: DynamoDB's body has no message.
        for (const char* target :
             {"", "DynamoDB_20111205.ListTables", "DynamoDB_20120810.Frobnicate",
              "DynamoDB_20120810.ListTables.Extra", "ListTables"}) {
            call.target = target;
            expectError(call, 400, errorText(coral + "UnknownOperationException"));
        }
        call = Call{};
        call.authorization = "";
        // Byte for byte DynamoDB's body: the same CRC32 DynamoDB sends (2088342776).
        expectError(call, 400,
                    errorText(coral + "MissingAuthenticationTokenException",
                              "Request is missing Authentication Token"));
        QCOMPARE(zlibCrc(errorText(coral + "MissingAuthenticationTokenException",
                                   "Request is missing Authentication Token")),
                 2088342776u);
        call.authorization = "Basic dXNlcjpwYXNz";
        expectError(call, 400,
                    errorText(coral + "MissingAuthenticationTokenException",
                              "Request is missing Authentication Token"));
        call.authorization = "AWS4-HMAC-SHA256 Signature=abc";
        expectError(call, 400,
                    errorText(coral + "IncompleteSignatureException",
                              "Authorization header requires 'Credential' parameter. "
                              "Authorization header requires 'SignedHeaders' parameter. "
                              "Authorization=AWS4-HMAC-SHA256 Signature=abc"));
        call = Call{};
        // A body that is not JSON, and an empty body: no message either.
        call.body = R"({"TableName": "Items",)";
        expectError(call, 400, errorText(coral + "SerializationException"));
        call.body = "";
        expectError(call, 400, errorText(coral + "SerializationException"));
        call.body = "[1,2]";
        expectError(
            call, 400,
            errorText(coral + "SerializationException", "Start of list found where not expected"));
        // Errors from the operations themselves, through dispatch.
        call.target = "DynamoDB_20120810.DescribeTable";
        call.body = R"({"TableName":"Missing"})";
        expectError(call, 400,
                    errorText("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                              "Requested resource not found: Table: Missing not found"));
        call.contentType = "application/json";
        call.target = "DynamoDB_20120810.PutItem";
        call.body = R"j({"TableName":"Items","Item":{"pk":{"S":"c"}},
                         "ConditionExpression":"attribute_exists(pk)"})j";
        expectError(call, 400,
                    errorText("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                              "The conditional request failed"));
    }

    void nonJsonRequests() {
        const std::string notFound = "<UnknownOperationException/>\n";
        for (const char* method : {"PUT", "DELETE", "PATCH"}) {
            Call call;
            call.method = method;
            auto response = roundTrip(port_, wire(call));
            QVERIFY(response);
            QCOMPARE(response->status, 404);
            QCOMPARE(response->body, notFound);
            QCOMPARE(response->header("x-amz-crc32"), std::string("3552371480"));
        }
        Call text;
        text.contentType = "text/plain";
        auto response = roundTrip(port_, wire(text));
        QVERIFY(response);
        QCOMPARE(response->status, 404);
        QCOMPARE(response->body, notFound);
        // A GET is DynamoDB's health check.
        response = roundTrip(port_, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, std::string("healthy: dynamodb.us-east-1.amazonaws.com "));
        // CORS preflight and CORS on answers, for browser SDKs.
        response = roundTrip(port_,
                             "OPTIONS / HTTP/1.1\r\nHost: x\r\nOrigin: http://app.test\r\n"
                             "Access-Control-Request-Method: POST\r\n"
                             "Access-Control-Request-Headers: x-amz-target,content-type\r\n\r\n");
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->header("access-control-allow-origin"), std::string("*"));
        QCOMPARE(response->header("access-control-allow-methods"), std::string("POST"));
        QCOMPARE(response->header("access-control-allow-headers"),
                 std::string("x-amz-target,content-type"));
        QCOMPARE(response->header("access-control-max-age"), std::string("172800"));
        Call withOrigin;
        withOrigin.extraHeaders = "Origin: http://app.test\r\n";
        response = roundTrip(port_, wire(withOrigin));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->header("access-control-allow-origin"), std::string("*"));
    }

    void oversizedBodies() {
        // Declared too large: refused before the body is read.
        RawConnection declared(port_);
        Call call;
        std::string head = wire(call);
        head.replace(head.find("Content-Length: 2"), 17,
                     "Content-Length: " + std::to_string(16 * 1024 * 1024 + 1));
        QVERIFY(declared.send(head.substr(0, head.size() - 2)));
        QVERIFY(declared.send(std::string(16 * 1024 * 1024 + 1, ' ')));
        auto response = declared.read();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->body,
                 errorText("com.amazon.coral.service#RequestEntityTooLargeException",
                           "Request size exceeds the maximum of 16777216 bytes"));
        QCOMPARE(response->header("x-amz-crc32"), std::to_string(zlibCrc(response->body)));
        // Chunked, growing past 16 MB: cut off at the limit.
        RawConnection chunked(port_);
        std::string start =
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            "Content-Type: application/x-amz-json-1.0\r\n"
            "X-Amz-Target: DynamoDB_20120810.ListTables\r\nAuthorization: ";
        QVERIFY(chunked.send(start + kAnyAuthorization + "\r\n\r\n"));
        const std::string megabyte(1024 * 1024, ' ');
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", megabyte.size());
        for (int i = 0; i < 17; ++i)
            if (!chunked.send(size + megabyte + "\r\n")) break;
        response = chunked.read();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(response->header("content-type"), std::string("application/x-amz-json-1.0"));
        QCOMPARE(response->header("connection"), std::string("close"));
        QVERIFY(chunked.finish(3000));
        // Exactly 16 MB is accepted and reaches the operation.
        Call large;
        large.target = "DynamoDB_20120810.ListTables";
        large.body = R"({"Limit":3})" + std::string(16 * 1024 * 1024 - 11, ' ');
        QCOMPARE(large.body.size(), size_t(16 * 1024 * 1024));
        response = roundTrip(port_, wire(large));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, std::string(R"({"TableNames":["Items"]})"));
    }

    void malformedHttp() {
        // Each gets an HTTP error (from the HTTP layer or the protocol) and never a crash.
        const std::vector<std::pair<std::string, int>> garbage = {
            {"HELLO\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nHost x\r\n\r\n", 400},
            {"POST / HTTP/9.9\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400},
            {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n", 400},
            {"POST /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n", 414},
        };
        for (const auto& [bytes, status] : garbage) {
            RawConnection connection(port_);
            QVERIFY(connection.send(bytes));
            auto response = connection.read(8000);
            const QByteArray what =
                QByteArray::fromStdString(bytes.substr(0, 60)).toPercentEncoding();
            QVERIFY2(response, what);
            QVERIFY2(response->status == status, what + " " + QByteArray::number(response->status));
            QCOMPARE(response->header("x-amzn-requestid").size(), size_t(52));
        }
        RawConnection badLength(port_);
        QVERIFY(badLength.send("POST / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n{}"));
        auto rejected = badLength.read();
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 400);
        QCOMPARE(rejected->body, errorText("com.amazon.coral.service#SerializationException",
                                           "Invalid Content-Length header"));
        QCOMPARE(rejected->header("connection"), std::string("close"));
        // Truncated bodies and random bytes; then the server still answers correctly.
        std::mt19937 random(7);
        for (int i = 0; i < 300; ++i) {
            RawConnection connection(port_);
            std::string bytes = wire(Call{});
            if (i % 2) {
                bytes.resize(random() % bytes.size());
            } else {
                for (int j = 0; j < 5; ++j) bytes[random() % bytes.size()] = char(random());
            }
            connection.send(bytes);
            QVERIFY(connection.finish());
        }
        auto response = roundTrip(port_, wire(Call{}));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, std::string(R"({"TableNames":["Items"]})"));
    }

    void concurrentClients() {
        constexpr int kClients = 24, kEach = 60;
        std::atomic<int> failures{0}, succeeded{0};
        std::vector<std::thread> clients;
        for (int c = 0; c < kClients; ++c) {
            clients.emplace_back([&, c] {
                RawConnection connection(port_);
                for (int i = 0; i < kEach; ++i) {
                    std::string key = "c";
                    key.append(std::to_string(c)).append("-").append(std::to_string(i));
                    Call put;
                    put.target = "DynamoDB_20120810.PutItem";
                    put.body = itemRequest("Item", key);
                    Call get;
                    get.target = "DynamoDB_20120810.GetItem";
                    get.body = itemRequest("Key", key);
                    if (!connection.send(wire(put))) return void(++failures);
                    auto putResponse = connection.read();
                    if (!connection.send(wire(get))) return void(++failures);
                    auto getResponse = connection.read();
                    const std::string expected = Json{{"Item", {{"pk", {{"S", key}}}}}}.dump();
                    if (putResponse && putResponse->status == 200 && getResponse &&
                        getResponse->body == expected)
                        ++succeeded;
                    else
                        ++failures;
                }
            });
        }
        for (std::thread& client : clients) client.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(succeeded.load(), kClients * kEach);
        Call scan;
        scan.target = "DynamoDB_20120810.Scan";
        scan.body = R"j({"TableName":"Items","Select":"COUNT",
                         "FilterExpression":"begins_with(pk, :c)",
                         "ExpressionAttributeValues":{":c":{"S":"c"}}})j";
        auto response = roundTrip(port_, wire(scan));
        QVERIFY(response);
        QCOMPARE(Json::parse(response->body)["Count"].get<int>(), kClients * kEach);
    }

    void connectionHandling() {
        const std::string listTables = wire(Call{});
        const std::string tables = R"({"TableNames":["Items"]})";
        // Pipelined: both requests in one write, both answers in order.
        {
            RawConnection connection(port_);
            Call get;
            get.target = "DynamoDB_20120810.GetItem";
            get.body = itemRequest("Key", "missing");
            QVERIFY(connection.send(listTables + wire(get)));
            auto first = connection.read();
            auto second = connection.read();
            QVERIFY(first && second);
            QCOMPARE(first->body, tables);
            QCOMPARE(second->body, std::string("{}"));
        }
        // Expect: 100-continue gets the interim answer before the body is sent.
        {
            RawConnection connection(port_);
            Call call;
            call.extraHeaders = "Expect: 100-continue\r\n";
            const std::string bytes = wire(call);
            const size_t headEnd = bytes.find("\r\n\r\n") + 4;
            QVERIFY(connection.send(bytes.substr(0, headEnd)));
            auto interim = connection.read();
            QVERIFY(interim);
            QCOMPARE(interim->statusLine, std::string("HTTP/1.1 100 Continue"));
            QVERIFY(connection.send(bytes.substr(headEnd)));
            auto response = connection.read();
            QVERIFY(response);
            QCOMPARE(response->body, tables);
        }
        // A client that shuts down its sending side after the request still gets the answer.
        {
            RawConnection connection(port_);
            QVERIFY(connection.send(listTables));
            QVERIFY(connection.finish());
            auto response = connection.read();
            QVERIFY(response);
            QCOMPARE(response->body, tables);
        }
        // HTTP/1.0 keeps the connection only when asked to.
        {
            std::string http10 = listTables;
            http10.replace(http10.find("HTTP/1.1"), 8, "HTTP/1.0");
            RawConnection closing(port_);
            QVERIFY(closing.send(http10));
            auto response = closing.read();
            QVERIFY(response);
            QCOMPARE(response->header("connection"), std::string("close"));
            QVERIFY(closing.closedByPeer(3000));
            http10.insert(http10.find("\r\n") + 2, "Connection: keep-alive\r\n");
            RawConnection keeping(port_);
            for (int i = 0; i < 2; ++i) {
                QVERIFY(keeping.send(http10));
                response = keeping.read();
                QVERIFY(response);
                QCOMPARE(response->header("connection"), std::string("keep-alive"));
                QCOMPARE(response->body, tables);
            }
        }
        // Hundreds of idle keep-alive connections and a client stalled in the middle of a
        // request hold no thread: a new client is answered at once.
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 300; ++i) {
            idle.push_back(std::make_unique<RawConnection>(port_));
            QVERIFY(idle.back()->connected());
        }
        QVERIFY(idle[0]->send(listTables.substr(0, listTables.size() - 5)));
        QVERIFY(idle[1]->send(listTables));
        QVERIFY(idle[1]->read(2000));
        auto response = roundTrip(port_, listTables);
        QVERIFY(response);
        QCOMPARE(response->body, tables);
        // The stalled request completes when the rest arrives.
        QVERIFY(idle[0]->send(listTables.substr(listTables.size() - 5)));
        response = idle[0]->read(2000);
        QVERIFY(response);
        QCOMPARE(response->body, tables);
    }

    void signaturesNotVerifiedByDefault() {
        const sigv4::Credentials wrong{"whoever", "not-the-secret", {}};
        auto response = roundTrip(port_, signedWire(port_, wrong, "DynamoDB_20120810.ListTables",
                                                    "{}", std::time(nullptr) - 86400 * 400));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }

    void signaturesVerified() {
        const std::string target = "DynamoDB_20120810.ListTables";
        const std::time_t now = std::time(nullptr);
        auto response =
            roundTrip(verifyingPort_, signedWire(verifyingPort_, kKey, target, "{}", now));
        QVERIFY(response);
        QCOMPARE(response->body, std::string(R"({"TableNames":["Items"]})"));
        QCOMPARE(response->status, 200);

        const std::string coral = "com.amazon.coral.service#";
        const sigv4::Credentials unknownKey{"AKIDOTHER", kKey.secretAccessKey, {}};
        response =
            roundTrip(verifyingPort_, signedWire(verifyingPort_, unknownKey, target, "{}", now));
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(response->body,
                 errorText(coral + "UnrecognizedClientException",
                           "The security token included in the request is invalid."));

        const sigv4::Credentials wrongSecret{kKey.accessKeyId, "wrong", {}};
        const std::string bytes = signedWire(verifyingPort_, wrongSecret, target, "{}", now);
        response = roundTrip(verifyingPort_, bytes);
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        const Json body = Json::parse(response->body);
        QCOMPARE(body["__type"].get<std::string>(), coral + "InvalidSignatureException");
        const std::string date = amzDate(now);
        const std::string canonical =
            "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:127.0.0.1:" +
            std::to_string(verifyingPort_) + "\nx-amz-date:" + date +
            "\nx-amz-target:DynamoDB_20120810.ListTables\n\n"
            "content-type;host;x-amz-date;x-amz-target\n" +
            sigv4::sha256Hex("{}");
        const sigv4::Scope scope{date.substr(0, 8), "eu-west-1", "dynamodb"};
        QCOMPARE(body["message"].get<std::string>(),
                 testing::signatureMismatchMessage(date, scope, canonical));

        // A body changed after signing no longer verifies.
        std::string tampered = signedWire(verifyingPort_, kKey, target, R"({"Limit":1})", now);
        tampered.replace(tampered.size() - 2, 1, "2");
        response = roundTrip(verifyingPort_, tampered);
        QVERIFY(response);
        QCOMPARE(Json::parse(response->body)["__type"].get<std::string>(),
                 coral + "InvalidSignatureException");

        const std::time_t old = now - 3600;
        response = roundTrip(verifyingPort_, signedWire(verifyingPort_, kKey, target, "{}", old));
        QVERIFY(response);
        const std::string expired = Json::parse(response->body)["message"].get<std::string>();
        const QRegularExpression expiredPattern(
            "^Signature expired: " + QString::fromStdString(amzDate(old)) +
            " is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)$");
        QVERIFY2(expiredPattern.match(QString::fromStdString(expired)).hasMatch(), expired.c_str());

        response = roundTrip(verifyingPort_,
                             signedWire(verifyingPort_, kKey, target, "{}", now, "dynamo"));
        QVERIFY(response);
        QCOMPARE(response->body,
                 errorText(coral + "InvalidSignatureException",
                           "Credential should be scoped to correct service: 'dynamodb'."));

        // Unsigned and half-signed requests.
        Call call;
        call.authorization = "";
        response = roundTrip(verifyingPort_, wire(call));
        QVERIFY(response);
        QCOMPARE(response->body, errorText(coral + "MissingAuthenticationTokenException",
                                           "Request is missing Authentication Token"));
        call.authorization =
            "AWS4-HMAC-SHA256 Credential=AKIDSHARDSCAPE/20260101/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=x-amz-date, Signature=00";
        response = roundTrip(verifyingPort_, wire(call));
        QVERIFY(response);
        QCOMPARE(response->body,
                 errorText(coral + "InvalidSignatureException",
                           "'Host' must be a 'SignedHeader' in the AWS Authorization."));
    }
};

QTEST_GUILESS_MAIN(EndpointTest)
#include "test_endpoint.moc"
