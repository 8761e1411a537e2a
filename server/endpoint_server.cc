#include "endpoint_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http_request_parser.h"
#include "protocol/json_protocol.h"

namespace shardscape {

namespace {

using Clock = std::chrono::steady_clock;

// After an error answer the connection reads (and drops) what the client still sends for
// this long before closing, so that the client sees the answer rather than a reset.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 64u << 20;
constexpr size_t kReadChunk = 64 * 1024;

const char* reasonPhrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 413:
            return "Request Entity Too Large";
        case 414:
            return "Request-URI Too Long";
        case 417:
            return "Expectation Failed";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

struct Connection {
    explicit Connection(int socket) : fd(socket), parser(JsonProtocol::kMaxRequestBytes) {}
    int fd;
    HttpRequestParser parser;
    std::string input;
    std::string output;  // what a short send left to write
    bool continueSent = false;
    bool closeAfterWrite = false;
    bool lingering = false;  // answered an error; reading until the client is done
    size_t lingerBytes = 0;
    bool peerClosed = false;                   // the client shut down its sending side
    uint32_t interest = EPOLLIN | EPOLLRDHUP;  // what epoll watches for
    Clock::time_point lastActivity = Clock::now();
    // When the first byte of the request being read arrived; unset between requests.
    std::optional<Clock::time_point> requestStarted;
};

HttpResponse parseFailure(const HttpParseError& error) {
    if (error.status == 413) return JsonProtocol::payloadTooLarge();
    HttpResponse response =
        JsonProtocol::failure(serializationError(error.message), JsonProtocol::kJson10);
    response.status = error.status;
    return response;
}

}  // namespace

// One event loop per thread. Whichever loop is idle accepts (EPOLLEXCLUSIVE wakes one of
// them per new connection) and deals the connections out in turn, so that clients that
// connect all at once are spread over every loop; a loop then serves its connections from
// start to end, running the requests itself: nothing is handed between threads on the way
// from the socket to the engine.
struct EventLoop {
    int epoll = -1;
    // Guards `connections`: another loop adds the connections it deals to this one.
    std::mutex mutex;
    std::unordered_map<int, std::unique_ptr<Connection>> connections;
};

struct EndpointServer::Impl {
    Impl(Engine& engine, EndpointOptions endpointOptions)
        : options(std::move(endpointOptions)),
          protocol(engine, RequestAuthenticator(options.requiredCredentials), options.region) {}

    void run(EventLoop& loop);
    void accept();
    // Reads and serves; false when the connection is to be closed.
    bool onReadable(Connection& connection);
    bool serve(Connection& connection);
    HttpResponse handle(const HttpRequest& request) const;
    void respond(Connection& connection, HttpResponse response, bool headOnly, bool http10);
    bool flush(Connection& connection);
    bool updateInterest(int epoll, Connection& connection);

    EndpointOptions options;
    JsonProtocol protocol;
    int listenSocket = -1;
    int wakeup = -1;  // an eventfd that stop() signals
    std::mutex spareMutex;
    int spareDescriptor = -1;
    std::atomic<bool> stopping{false};
    std::vector<std::unique_ptr<EventLoop>> loops;
    std::atomic<size_t> nextLoop{0};
    std::atomic<size_t> openConnections{0};
    std::vector<std::thread> threads;
};

void EndpointServer::Impl::run(EventLoop& loop) {
    const int epoll = loop.epoll;
    const auto close = [&](Connection& connection) {
        const int fd = connection.fd;
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
        {
            // Out of the map before the descriptor is closed: once closed, its number can
            // come back from another loop's accept() and be dealt to this loop.
            std::lock_guard lock(loop.mutex);
            loop.connections.erase(fd);
        }
        ::close(fd);
        openConnections.fetch_sub(1, std::memory_order_relaxed);
    };
    Clock::time_point lastSweep = Clock::now();
    epoll_event events[64];
    while (!stopping.load(std::memory_order_relaxed)) {
        const int ready = ::epoll_wait(epoll, events, 64, 1000);
        for (int i = 0; i < ready; ++i) {
            void* tag = events[i].data.ptr;
            if (tag == nullptr) {
                accept();
                continue;
            }
            if (tag == this) continue;  // stop(): the loop condition ends it
            auto& connection = *static_cast<Connection*>(tag);
            bool open = true;
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) open = onReadable(connection);
            if (open && (events[i].events & EPOLLOUT)) {
                open = flush(connection);
                // The client read what was waiting: serve requests it pipelined meanwhile.
                if (open && connection.output.empty() && !connection.input.empty())
                    open = serve(connection) && flush(connection);
            }
            if (open) open = updateInterest(epoll, connection);
            if (!open) close(connection);
        }
        const Clock::time_point now = Clock::now();
        if (now - lastSweep >= std::chrono::seconds(1)) {
            lastSweep = now;
            std::vector<Connection*> expired;
            {
                std::lock_guard lock(loop.mutex);
                for (auto& [fd, connection] : loop.connections) {
                    const auto idle = now - connection->lastActivity;
                    const bool tooSlow = connection->requestStarted &&
                                         now - *connection->requestStarted > options.requestTimeout;
                    if (tooSlow ||
                        idle > (connection->lingering ? kLingerTimeout : options.idleTimeout))
                        expired.push_back(connection.get());
                }
            }
            for (Connection* connection : expired) close(*connection);
        }
    }
}

void EndpointServer::Impl::accept() {
    for (;;) {
        const int fd = ::accept4(listenSocket, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) {
                // Out of descriptors: accept and close one connection with the spare, so the
                // waiting client gets an answer (a closed connection) instead of the listening
                // socket staying readable forever.
                std::lock_guard lock(spareMutex);
                if (spareDescriptor < 0) return;
                ::close(spareDescriptor);
                const int refused = ::accept(listenSocket, nullptr, nullptr);
                if (refused >= 0) ::close(refused);
                spareDescriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
                continue;
            }
            return;  // EAGAIN: another loop took it, or none is left
        }
        if (openConnections.fetch_add(1, std::memory_order_relaxed) >= options.maxConnections) {
            // Over the limit: closed at once, so that the client sees it rather than waits.
            openConnections.fetch_sub(1, std::memory_order_relaxed);
            ::close(fd);
            continue;
        }
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        EventLoop& loop = *loops[nextLoop.fetch_add(1, std::memory_order_relaxed) % loops.size()];
        auto connection = std::make_unique<Connection>(fd);
        Connection* added = connection.get();
        {
            std::lock_guard lock(loop.mutex);
            if (!loop.connections.emplace(fd, std::move(connection)).second) {
                ::close(fd);  // cannot happen: a descriptor leaves the map before it is closed
                openConnections.fetch_sub(1, std::memory_order_relaxed);
                continue;
            }
        }
        epoll_event event{};
        event.events = EPOLLIN | EPOLLRDHUP;
        event.data.ptr = added;
        if (::epoll_ctl(loop.epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
            std::lock_guard lock(loop.mutex);
            loop.connections.erase(fd);
            ::close(fd);
            openConnections.fetch_sub(1, std::memory_order_relaxed);
        }
    }
}

bool EndpointServer::Impl::onReadable(Connection& connection) {
    connection.lastActivity = Clock::now();
    // Received into a scratch buffer and appended: growing the connection's string first
    // would zero 64 KiB for every request.
    thread_local char chunk[kReadChunk];
    for (;;) {
        const ssize_t got = ::recv(connection.fd, chunk, kReadChunk, 0);
        if (got > 0) connection.input.append(chunk, static_cast<size_t>(got));
        if (got == 0) {
            connection.peerClosed = true;
            break;
        }
        if (got < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            return false;
        }
        if (connection.lingering) {
            connection.lingerBytes += static_cast<size_t>(got);
            connection.input.clear();
            if (connection.lingerBytes > kLingerBytes) return false;
            continue;
        }
        // A whole small request usually comes in one read: serve it before reading again.
        if (static_cast<size_t>(got) < kReadChunk) break;
        // A large body: let the parser take it over before the buffer grows further.
        if (!connection.output.empty()) break;
        if (!serve(connection)) return false;
        if (!connection.output.empty()) break;
    }
    if (connection.lingering) return !connection.peerClosed;
    // Requests are not read while an answer is still waiting for the client to take it.
    if (connection.output.empty() && !(serve(connection) && flush(connection))) return false;
    // A request that is not whole yet is timed from its first byte.
    if (connection.parser.inRequest(connection.input)) {
        if (!connection.requestStarted) connection.requestStarted = connection.lastActivity;
    } else {
        connection.requestStarted.reset();
    }
    if (connection.peerClosed) {
        // The client is done sending: answer what it sent completely, then close (a
        // half-sent request is dropped).
        if (connection.output.empty()) return false;
        connection.closeAfterWrite = true;
    }
    return true;
}

bool EndpointServer::Impl::serve(Connection& connection) {
    while (!connection.lingering && connection.output.empty()) {
        HttpRequestParser& parser = connection.parser;
        const auto progress = parser.advance(connection.input);
        connection.input.erase(0, parser.consumed());
        if (progress == HttpRequestParser::Progress::NeedMore) {
            if (parser.awaitsContinue() && !connection.continueSent) {
                connection.continueSent = true;
                connection.output.append("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return true;
        }
        if (progress == HttpRequestParser::Progress::Failed) {
            connection.closeAfterWrite = true;
            connection.lingering = true;
            respond(connection, parseFailure(parser.error()), false, parser.http10());
            return true;
        }
        const bool keepAlive = parser.keepAlive() && !stopping.load(std::memory_order_relaxed);
        const bool http10 = parser.http10();
        HttpRequest request = parser.takeRequest();
        parser.reset();
        connection.requestStarted.reset();
        connection.continueSent = false;
        const bool headOnly = request.method == "HEAD";
        HttpResponse response = handle(request);
        if (!keepAlive) connection.closeAfterWrite = true;
        respond(connection, std::move(response), headOnly, http10);
        if (connection.closeAfterWrite) return true;
        // Keep serving requests the client pipelined, but only once this answer is out.
        if (!flush(connection)) return false;
    }
    return true;
}

HttpResponse EndpointServer::Impl::handle(const HttpRequest& request) const {
    // An exception escaping the protocol would end the event loop's thread: it becomes the
    // 500 DynamoDB answers for an internal error, and the server goes on.
    std::string what = "Internal error";
    try {
        return protocol.handle(request);
    } catch (const std::exception& e) {
        what.append(": ").append(e.what());
    } catch (...) {
    }
    return JsonProtocol::failure(internalError(what), JsonProtocol::kJson10);
}

void EndpointServer::Impl::respond(Connection& connection, HttpResponse response, bool headOnly,
                                   bool http10) {
    std::string head;
    head.reserve(256);
    head.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
    head.append(reasonPhrase(response.status)).append("\r\n");
    for (const auto& [name, value] : response.headers) {
        if (headerNameEquals(name, "Content-Length") || headerNameEquals(name, "Connection"))
            continue;
        head.append(name).append(": ").append(value).append("\r\n");
    }
    head.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
    if (connection.closeAfterWrite)
        head.append("Connection: close\r\n");
    else if (http10)
        head.append("Connection: keep-alive\r\n");
    head.append("\r\n");
    if (headOnly) response.body.clear();

    // Head and body in one system call, and without copying the body when it all goes out.
    size_t sent = 0;
    if (connection.output.empty()) {
        iovec parts[2] = {{head.data(), head.size()}, {response.body.data(), response.body.size()}};
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = response.body.empty() ? 1 : 2;
        const ssize_t wrote = ::sendmsg(connection.fd, &message, MSG_NOSIGNAL);
        if (wrote > 0) sent = static_cast<size_t>(wrote);
    }
    const size_t total = head.size() + response.body.size();
    if (sent >= total) return;
    if (sent < head.size()) {
        connection.output.append(head, sent);
        connection.output.append(response.body);
    } else {
        connection.output.append(response.body, sent - head.size());
    }
}

bool EndpointServer::Impl::flush(Connection& connection) {
    while (!connection.output.empty()) {
        const ssize_t wrote =
            ::send(connection.fd, connection.output.data(), connection.output.size(), MSG_NOSIGNAL);
        if (wrote < 0) {
            if (errno == EINTR) continue;
            return errno == EAGAIN || errno == EWOULDBLOCK;
        }
        connection.output.erase(0, static_cast<size_t>(wrote));
        connection.lastActivity = Clock::now();
    }
    if (connection.closeAfterWrite) {
        if (!connection.lingering) return false;
        // Tell the client the answer is complete, then read what it still sends.
        ::shutdown(connection.fd, SHUT_WR);
        connection.closeAfterWrite = false;
    }
    return true;
}

bool EndpointServer::Impl::updateInterest(int epoll, Connection& connection) {
    // Reading stops while an answer waits for the client to take it (unless the connection
    // only drains what a refused request still sends), and after the client's end of stream.
    const bool reads =
        !connection.peerClosed && (connection.output.empty() || connection.lingering);
    const uint32_t interest =
        (reads ? EPOLLIN | EPOLLRDHUP : 0u) | (connection.output.empty() ? 0u : EPOLLOUT);
    if (interest == connection.interest) return true;
    epoll_event event{};
    event.events = interest;
    event.data.ptr = &connection;
    connection.interest = interest;
    return ::epoll_ctl(epoll, EPOLL_CTL_MOD, connection.fd, &event) == 0;
}

EndpointServer::EndpointServer(Engine& engine, EndpointOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {}

EndpointServer::~EndpointServer() {
    stop();
}

Result<int> EndpointServer::start() {
    Impl& impl = *impl_;
    if (impl.listenSocket >= 0) return Error{ErrorType::InternalServer, "already listening"};
    const auto failure = [&impl](const std::string& why) -> Result<int> {
        std::string message = "cannot listen on ";
        message.append(impl.options.host).append(" port ");
        message.append(std::to_string(impl.options.port)).append(": ").append(why);
        return Error{ErrorType::InternalServer, std::move(message)};
    };
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* addresses = nullptr;
    const std::string port = std::to_string(impl.options.port);
    const int resolved = ::getaddrinfo(impl.options.host.c_str(), port.c_str(), &hints, &addresses);
    if (resolved != 0 || !addresses) return failure(::gai_strerror(resolved));
    const int fd = ::socket(addresses->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    // SO_REUSEADDR only, not SO_REUSEPORT, which would let a second server bind the same
    // port and silently take half of the connections.
    const int on = 1;
    if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const bool bound = fd >= 0 && ::bind(fd, addresses->ai_addr, addresses->ai_addrlen) == 0 &&
                       ::listen(fd, SOMAXCONN) == 0;
    const int bindError = errno;
    ::freeaddrinfo(addresses);
    if (!bound) {
        if (fd >= 0) ::close(fd);
        return failure(std::strerror(bindError));
    }
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &localLength);
    const int boundPort =
        ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&local)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&local)->sin_port);

    // A client that disconnects mid-response must not kill the process with SIGPIPE (sends
    // use MSG_NOSIGNAL; this also covers the engine's own descriptors).
    std::signal(SIGPIPE, SIG_IGN);
    impl.listenSocket = fd;
    impl.wakeup = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    impl.spareDescriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    impl.stopping = false;
    // One loop more than there are cores: a loop that blocks in the engine (on the write
    // lock, or in a LevelDB write that waits for a compaction) leaves its core to another
    // loop. bench_endpoint on 2 cores: 3 loops answer 1-13 % more than 2, 4 no more than 3.
    const int threads =
        impl.options.threads > 0
            ? impl.options.threads
            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()) + 1);
    for (int i = 0; i < threads; ++i) {
        auto loop = std::make_unique<EventLoop>();
        loop->epoll = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event listen{};
        listen.events = EPOLLIN | EPOLLEXCLUSIVE;
        listen.data.ptr = nullptr;
        epoll_event wake{};
        wake.events = EPOLLIN;
        wake.data.ptr = &impl;
        if (loop->epoll < 0 || ::epoll_ctl(loop->epoll, EPOLL_CTL_ADD, fd, &listen) != 0 ||
            ::epoll_ctl(loop->epoll, EPOLL_CTL_ADD, impl.wakeup, &wake) != 0) {
            const int error = errno;
            if (loop->epoll >= 0) ::close(loop->epoll);
            stop();
            return failure(std::strerror(error));
        }
        impl.loops.push_back(std::move(loop));
    }
    for (auto& loop : impl.loops)
        impl.threads.emplace_back([&impl, loop = loop.get()] { impl.run(*loop); });
    return boundPort;
}

void EndpointServer::stop() {
    Impl& impl = *impl_;
    if (impl.listenSocket < 0) return;
    impl.stopping = true;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t signalled = ::write(impl.wakeup, &one, sizeof one);
    for (std::thread& thread : impl.threads) thread.join();
    impl.threads.clear();
    // Every loop has ended: the connections they hold are closed here, whichever loop
    // accepted them.
    for (auto& loop : impl.loops) {
        for (auto& [fd, connection] : loop->connections) ::close(fd);
        ::close(loop->epoll);
    }
    impl.loops.clear();
    ::close(impl.listenSocket);
    ::close(impl.wakeup);
    if (impl.spareDescriptor >= 0) ::close(impl.spareDescriptor);
    impl.listenSocket = impl.wakeup = impl.spareDescriptor = -1;
}

}  // namespace shardscape
