#pragma once
// A deliberately raw HTTP/1.1 client for the endpoint tests: it sends exactly the bytes it is
// given (so tests can send malformed requests) and parses responses byte by byte.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace shardscape::testing {

struct RawResponse {
    int status = 0;
    std::string statusLine;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// A port that was free a moment ago, for servers that read --port 0 as a default of their
// own (dynalite: 4567).
inline int freeTcpPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

class RawConnection {
  public:
    explicit RawConnection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
        const int on = 1;
        if (fd_ >= 0) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return fd_ >= 0; }
    // For callers that wait on several connections at once (bench_endpoint's load client).
    int fd() const { return fd_; }

    // False if the peer closed the connection before everything was written.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytes.remove_prefix(static_cast<size_t>(sent));
        }
        return true;
    }

    // Reads one response; nullopt if the connection closed or timed out before a whole one.
    std::optional<RawResponse> read(int timeoutMs = 10000) {
        size_t headerEnd;
        while ((headerEnd = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill(timeoutMs)) return std::nullopt;
        RawResponse response;
        std::string_view head(buffer_.data(), headerEnd);
        size_t lineEnd = head.find("\r\n");
        response.statusLine = std::string(head.substr(0, lineEnd));
        if (response.statusLine.size() < 12) return std::nullopt;
        response.status = std::stoi(response.statusLine.substr(9, 3));
        while (lineEnd != std::string_view::npos) {
            const size_t start = lineEnd + 2;
            lineEnd = head.find("\r\n", start);
            std::string line(head.substr(start, lineEnd == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : lineEnd - start));
            const size_t colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            size_t valueStart = colon + 1;
            while (valueStart < line.size() && line[valueStart] == ' ') ++valueStart;
            response.headers[name] = line.substr(valueStart);
        }
        buffer_.erase(0, headerEnd + 4);
        if (response.header("transfer-encoding") == "chunked") {
            for (;;) {
                size_t end;
                while ((end = buffer_.find("\r\n")) == std::string::npos)
                    if (!fill(timeoutMs)) return std::nullopt;
                const size_t size = std::stoul(buffer_.substr(0, end), nullptr, 16);
                while (buffer_.size() < end + 2 + size + 2)
                    if (!fill(timeoutMs)) return std::nullopt;
                response.body.append(buffer_, end + 2, size);
                buffer_.erase(0, end + 2 + size + 2);
                if (size == 0) break;
            }
        } else {
            const std::string length = response.header("content-length");
            const size_t size = length.empty() ? 0 : std::stoul(length);
            while (buffer_.size() < size)
                if (!fill(timeoutMs)) return std::nullopt;
            response.body = buffer_.substr(0, size);
            buffer_.erase(0, size);
        }
        return response;
    }

    // Ends the request side and waits for the server to close, as a polite client does
    // (closing first, before the server answers, costs loopback a 1 s SYN retry now and then).
    bool finish(int timeoutMs = 10000) {
        if (fd_ < 0) return false;
        ::shutdown(fd_, SHUT_WR);
        return closedByPeer(timeoutMs);
    }

    // True if the server closed the connection (EOF) within the timeout.
    bool closedByPeer(int timeoutMs = 10000) {
        while (fill(timeoutMs)) {
        }
        return eof_;
    }

  private:
    bool fill(int timeoutMs) {
        if (fd_ < 0) return false;
        pollfd waiting{fd_, POLLIN, 0};
        if (::poll(&waiting, 1, timeoutMs) <= 0) return false;
        char chunk[65536];
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got <= 0) {
            eof_ = true;
            return false;
        }
        buffer_.append(chunk, static_cast<size_t>(got));
        return true;
    }

    int fd_ = -1;
    bool eof_ = false;
    std::string buffer_;
};

// A DynamoDB JSON 1.0 request as an SDK sends it, with a well-formed signature (a server
// that does not verify signatures takes it): the bytes to send on a RawConnection.
inline std::string dynamoRequest(std::string_view operation, std::string_view body) {
    std::string out = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: 20260101T000000Z\r\n";
    out.append("X-Amz-Target: DynamoDB_20120810.").append(operation).append("\r\n");
    out.append("Content-Type: application/x-amz-json-1.0\r\n");
    out.append(
        "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
    return out.append(body);
}

// One request on a connection of its own: its answer, or nullopt when the server could not be
// reached or did not answer.
inline std::optional<RawResponse> roundTrip(int port, const std::string& bytes) {
    RawConnection connection(port);
    if (!connection.connected() || !connection.send(bytes)) return std::nullopt;
    return connection.read();
}

}  // namespace shardscape::testing
