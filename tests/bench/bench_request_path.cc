// bench_request_path: the endpoint's request path below HTTP (JsonProtocol::handle →
// dispatchText → the operation → the engine) for bench_endpoint's mix — GetItem and PutItem
// alternating on random keys of 10,000 ~200-byte items — against raw LevelDB doing the same
// storage work (a get for every request, a put for every PutItem, same options), in one run.
//
//   bench_request_path [--quick]
//
// Last line: RESULT request_path_us=... leveldb_us=... ratio=... (µs per request; the ratio
// is how many times raw LevelDB's time the whole path takes).
#include <leveldb/db.h>

#include <QCoreApplication>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>

#include "protocol/json_protocol.h"
#include "raw_leveldb.h"
#include "storage/engine.h"

using namespace shardscape;

namespace {

constexpr int kItems = 10000;

HttpRequest request(const char* operation, std::string body) {
    // Built by construction, not `"..." + operation` or `path = "/"`: GCC 12 warns falsely
    // (-Wrestrict) on those forms.
    std::string target = "DynamoDB_20120810.";
    target.append(operation);
    HttpHeaders headers = {{"Host", "127.0.0.1"},
                           {"X-Amz-Date", "20260101T000000Z"},
                           {"X-Amz-Target", std::move(target)},
                           {"Content-Type", "application/x-amz-json-1.0"},
                           {"Authorization",
                            "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/"
                            "aws4_request, SignedHeaders=host;x-amz-date, Signature=00"}};
    return HttpRequest{std::string("POST"), std::string("/"), std::string(), std::move(headers),
                       std::move(body)};
}

std::string key(int n) {
    std::string out = "user-";
    return out.append(std::to_string(n));
}

std::string keyJson(int n) {
    std::string out = R"({"TableName":"Bench","Key":{"pk":{"S":")";
    return out.append(key(n)).append(R"("}}})");
}

std::string itemJson(int n, int version) {
    std::string out = R"({"TableName":"Bench","Item":{"pk":{"S":")";
    out.append(key(n)).append(R"("},"Version":{"N":")").append(std::to_string(version));
    out.append(R"("},"Name":{"S":"Person number )").append(std::to_string(n));
    out.append(R"("},"Bio":{"S":")").append(std::string(120, 'b')).append(R"("}}})");
    return out;
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains("--quick");
    const int requests = quick ? 20000 : 300000;
    QTemporaryDir dir;
    if (!dir.isValid()) return 1;

    // The path, through the protocol (no sockets).
    auto opened = Engine::open((dir.path() + "/engine").toStdString());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        return 1;
    }
    JsonProtocol protocol(**opened, RequestAuthenticator());
    const HttpResponse created = protocol.handle(
        request("CreateTable", R"({"TableName":"Bench","BillingMode":"PAY_PER_REQUEST",
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]})"));
    if (created.status != 200) {
        std::fprintf(stderr, "CreateTable: %s\n", created.body.c_str());
        return 1;
    }
    for (int n = 0; n < kItems; ++n) protocol.handle(request("PutItem", itemJson(n, 0)));
    std::mt19937 random(1);
    std::vector<HttpRequest> mix;
    std::vector<int> keys;
    for (int i = 0; i < 1000; ++i) {
        keys.push_back(static_cast<int>(random() % kItems));
        mix.push_back(i % 2 ? request("GetItem", keyJson(keys.back()))
                            : request("PutItem", itemJson(keys.back(), i)));
    }
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
        const HttpResponse response = protocol.handle(mix[i % mix.size()]);
        if (response.status != 200) {
            std::fprintf(stderr, "request failed: %s\n", response.body.c_str());
            return 1;
        }
    }
    const double pathUs = seconds(start) / requests * 1e6;
    opened->reset();

    // Raw LevelDB with the engine's options: a get per request, a put per PutItem.
    const testing::RawLevelDb raw((dir.path() + "/raw").toStdString());
    leveldb::DB* db = raw.db.get();
    for (int n = 0; n < kItems; ++n) db->Put({}, key(n), itemJson(n, 0));
    std::vector<std::string> values;
    for (int i = 0; i < 1000; ++i) values.push_back(itemJson(keys[i], i));
    std::string value;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
        const size_t at = i % values.size();
        db->Get({}, key(keys[at]), &value);
        if (at % 2 == 0) db->Put({}, key(keys[at]), values[at]);
    }
    const double rawUs = seconds(start) / requests * 1e6;

    std::printf("request path (protocol + engine) %8.2f us/request  (%d requests)\n", pathUs,
                requests);
    std::printf("raw LevelDB (get, put)           %8.2f us/request\n", rawUs);
    std::printf("RESULT request_path_us=%.2f leveldb_us=%.2f ratio=%.2f\n", pathUs, rawUs,
                pathUs / rawUs);
    return 0;
}
