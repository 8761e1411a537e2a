#pragma once
// DynamoDB's JSON 1.0 wire protocol over HTTP, independent of the HTTP server: `POST /` with
// `X-Amz-Target: DynamoDB_20120810.<Operation>` (DynamoDB Streams':
// `DynamoDBStreams_20120810.<Operation>`) and a JSON body, answered through `dispatch`
// with DynamoDB's headers (x-amzn-RequestId, x-amz-crc32), error bodies and status codes.
// Every operation `dispatch` knows is served; nothing here lists them.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "protocol/http_message.h"
#include "protocol/request_authenticator.h"
#include "storage/engine.h"

namespace shardscape {

class JsonProtocol {
  public:
    // `region` is the one the health check (`GET /`) names.
    JsonProtocol(Engine& engine, RequestAuthenticator authenticator,
                 std::string region = "us-east-1");

    // Thread-safe: many requests may be handled at once.
    HttpResponse handle(const HttpRequest& request) const;

    // The 413 for a body over kMaxRequestBytes, with a JSON error body (see docs/endpoint.md).
    static HttpResponse payloadTooLarge();
    // A 400/500 for a request the HTTP layer could not parse or handle.
    static HttpResponse failure(const Error& error, std::string_view contentType);

    // 52 characters of [0-9A-Z], as DynamoDB's request ids.
    static std::string newRequestId();
    // The CRC32 (zlib's polynomial) DynamoDB sends in x-amz-crc32.
    static uint32_t crc32(std::string_view body);

    static constexpr size_t kMaxRequestBytes = 16 * 1024 * 1024;
    static constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
    // DynamoDB Streams' operations (its clients sign for service "dynamodb" too).
    static constexpr std::string_view kStreamsTargetPrefix = "DynamoDBStreams_20120810.";
    static constexpr std::string_view kJson10 = "application/x-amz-json-1.0";

  private:
    HttpResponse answer(const HttpRequest& request) const;  // handle() without CORS

    Engine& engine_;
    RequestAuthenticator authenticator_;
    std::string healthCheck_;  // the body of GET /
    std::set<std::string, std::less<>> operations_;
};

}  // namespace shardscape
