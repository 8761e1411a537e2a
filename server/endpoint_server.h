#pragma once
// The local DynamoDB endpoint: an HTTP/1.1 server (epoll event loops, one per thread, each
// serving many keep-alive connections) that hands every request to JsonProtocol. Bodies over
// 16 MB are refused with 413 before they are buffered; malformed HTTP gets a 4xx with
// DynamoDB's error body, and the connection is closed after it. CORS and the checks' order
// are JsonProtocol's.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "protocol/sigv4.h"
#include "storage/engine.h"

namespace shardscape {

struct EndpointOptions {
    std::string host = "127.0.0.1";
    int port = 8000;  // 0 picks a free port
    // Event-loop threads, each serving many connections; 0 means one more than the CPU cores.
    int threads = 0;
    // When set, requests must be signed with these credentials (SigV4).
    std::optional<sigv4::Credentials> requiredCredentials;
    // The region the health check (`GET /`) names, as DynamoDB's endpoint names its own.
    std::string region = "us-east-1";
    // Limits a slow or hostile client cannot exceed. A keep-alive connection with nothing in
    // flight, or one silent in the middle of a request, is closed after `idleTimeout`; a
    // request must arrive whole within `requestTimeout` of its first byte, however it
    // trickles in (a slow-loris client cannot keep a request open); past `maxConnections`
    // open at once, a new connection is closed as soon as it is accepted.
    std::chrono::milliseconds idleTimeout{60000};
    std::chrono::milliseconds requestTimeout{60000};
    size_t maxConnections = 10000;
};

class EndpointServer {
  public:
    EndpointServer(Engine& engine, EndpointOptions options);
    ~EndpointServer();  // stops
    EndpointServer(const EndpointServer&) = delete;
    EndpointServer& operator=(const EndpointServer&) = delete;

    // Binds and starts serving on background threads; returns the port it listens on.
    Result<int> start();
    // Stops accepting, lets requests in flight finish, and joins the threads. Idempotent.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shardscape
