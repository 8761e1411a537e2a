#pragma once
// The local DynamoDB endpoint: an HTTP/1.1 server (cpp-httplib, a thread pool with
// keep-alive connections) that hands every request to JsonProtocol. Bodies over 16 MB are
// refused with 413 before they are buffered; malformed HTTP gets a 400 from the server.

#include <memory>
#include <optional>
#include <string>

#include "engine.h"
#include "result.h"
#include "sigv4.h"

namespace shardscape {

struct EndpointOptions {
    std::string host = "127.0.0.1";
    int port = 8000;  // 0 picks a free port
    // Worker threads; each open keep-alive connection holds one while it is open.
    int threads = 64;
    // When set, requests must be signed with these credentials (SigV4).
    std::optional<sigv4::Credentials> requiredCredentials;
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
