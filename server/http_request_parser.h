#pragma once
// An incremental, strict HTTP/1.1 request parser for the endpoint: the bytes a connection has
// received go in, whole requests (head and body, Content-Length or chunked) come out. It never
// buffers a body past the protocol's limit and turns every malformed request into an HTTP
// error the connection can answer with before it closes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/http_message.h"

namespace shardscape {

struct HttpParseError {
    int status = 400;
    std::string message;
};

class HttpRequestParser {
  public:
    // Longest request line (method, target, version) and whole head (request line and
    // headers) accepted; longer ones get 414 and 431.
    static constexpr size_t kMaxRequestLine = 8 * 1024;
    static constexpr size_t kMaxHead = 64 * 1024;

    explicit HttpRequestParser(size_t maxBodyBytes) : maxBodyBytes_(maxBodyBytes) {}

    enum class Progress { NeedMore, Complete, Failed };

    // Goes on parsing `buffer`: the bytes received and not yet consumed. After each call
    // the caller drops the first consumed() bytes of its buffer (a body is taken over as it
    // arrives, so a 16 MB body is not held twice).
    Progress advance(std::string_view buffer);
    size_t consumed() const { return consumed_; }

    // After Complete: the request.
    HttpRequest takeRequest();
    // Whether the connection stays open after this request (HTTP/1.1 unless "Connection:
    // close"; HTTP/1.0 only with "Connection: keep-alive").
    bool keepAlive() const { return keepAlive_; }
    bool http10() const { return http10_; }
    // The head has been read, the body has not, and the client waits for "100 Continue".
    bool awaitsContinue() const { return phase_ != Phase::Head && expectsContinue_; }
    // True once any byte of a request has arrived (a connection idle between requests is
    // not in the middle of one).
    bool inRequest(std::string_view buffer) const {
        return phase_ != Phase::Head || !buffer.empty();
    }
    // After Failed.
    const HttpParseError& error() const { return error_; }

    // Starts over for the next request on the same connection.
    void reset();

  private:
    enum class Phase { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done };

    Progress parse(std::string_view buffer);
    Progress fail(int status, std::string message);
    Progress parseHead(std::string_view head);
    Progress parseChunked(std::string_view buffer);

    size_t maxBodyBytes_;
    Phase phase_ = Phase::Head;
    size_t position_ = 0;  // bytes of the buffer parsed so far in this call
    size_t consumed_ = 0;
    size_t scanFrom_ = 0;     // where the search for the end of the head resumes
    uint64_t remaining_ = 0;  // of the fixed body or the current chunk
    bool keepAlive_ = true;
    bool http10_ = false;
    bool expectsContinue_ = false;
    HttpRequest request_;
    HttpParseError error_;
};

}  // namespace shardscape
