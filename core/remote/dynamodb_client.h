#pragma once
// A DynamoDB client: sends one operation to an endpoint over DynamoDB's JSON 1.0 protocol,
// signed with SigV4 (service "dynamodb"), and returns the response body or the endpoint's
// error as an Error (its DynamoDB type when it is one Shardscape knows; otherwise a
// ValidationException or InternalServerError whose message leads with the remote type).
//
// Transport: cpp-httplib's synchronous client (http and https; Debian builds it with
// OpenSSL, and https verifies the server's certificate against the system's CA store). A call
// blocks, so the GUI makes calls off its thread. Each call uses its own connection, so one
// client may be used from several threads at once.

#include <ctime>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "protocol/http_message.h"
#include "remote/connection_profile.h"
#include "values/attribute_json.h"

namespace shardscape {

struct EndpointUrl {
    std::string scheme;  // http | https
    std::string host;
    int port = 0;  // the scheme's default when not given
    std::string path = "/";

    std::string origin() const;      // scheme://host[:port]
    std::string hostHeader() const;  // host, with :port unless it is the scheme's default
};

// "http://localhost:8000", "https://dynamodb.eu-west-1.amazonaws.com" (no query, no user).
Result<EndpointUrl> parseEndpointUrl(std::string_view url);

class DynamoDbClient {
  public:
    // Fails on a malformed endpoint URL.
    static Result<DynamoDbClient> create(ResolvedConnection connection);

    Result<Json> call(std::string_view operation, const Json& request) const;

    // The request `call` sends for `body` at time `now` (seconds since the epoch): POST with
    // Host, X-Amz-Date, X-Amz-Target, Content-Type, X-Amz-Security-Token (with a session
    // token) and the Authorization header signing all of them.
    HttpRequest signedRequest(std::string_view operation, std::string_view body,
                              std::time_t now) const;

    const ResolvedConnection& connection() const { return connection_; }
    const EndpointUrl& endpoint() const { return endpoint_; }

    // Seconds to wait to connect and for a response.
    void setTimeouts(int connectSeconds, int readSeconds) {
        connectTimeout_ = connectSeconds;
        readTimeout_ = readSeconds;
    }

    // The error a non-200 response stands for.
    static Error errorFromResponse(int status, std::string_view body);

  private:
    DynamoDbClient(ResolvedConnection connection, EndpointUrl endpoint)
        : connection_(std::move(connection)), endpoint_(std::move(endpoint)) {}

    ResolvedConnection connection_;
    EndpointUrl endpoint_;
    int connectTimeout_ = 10;
    int readTimeout_ = 60;
};

}  // namespace shardscape
