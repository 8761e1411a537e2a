#include "endpoint_server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "json_protocol.h"

namespace shardscape {

namespace {

HttpRequest toProtocolRequest(const httplib::Request& request, std::string body) {
    HttpRequest out;
    out.method = request.method;
    const std::string& target = request.target;
    const size_t question = target.find('?');
    out.path = target.substr(0, question);
    if (question != std::string::npos) out.query = target.substr(question + 1);
    out.headers.reserve(request.headers.size());
    for (const auto& [name, value] : request.headers) out.headers.emplace_back(name, value);
    out.body = std::move(body);
    return out;
}

void send(HttpResponse response, httplib::Response& out) {
    out.status = response.status;
    for (const auto& [name, value] : response.headers) out.set_header(name, value);
    // Moved, not copied: Query pages can be megabytes. httplib adds Content-Length.
    out.body = std::move(response.body);
}

}  // namespace

struct EndpointServer::Impl {
    Impl(Engine& engine, EndpointOptions endpointOptions)
        : options(std::move(endpointOptions)),
          protocol(engine, RequestAuthenticator(options.requiredCredentials)) {}

    void handleWithBody(const httplib::Request& request, httplib::Response& response,
                        const httplib::ContentReader& reader) {
        std::string body;
        bool tooLarge = false;
        // HTTP/1.1: a request with neither Content-Length nor Transfer-Encoding has no body
        // (httplib would otherwise wait for the client to close the connection).
        const bool hasBody =
            request.has_header("Content-Length") || request.has_header("Transfer-Encoding");
        if (request.has_header("Content-Length")) {
            // httplib reads "abc" as 0 and "-5" as huge; only digits are a length.
            const std::string length = request.get_header_value("Content-Length");
            if (length.empty() || length.find_first_not_of("0123456789") != std::string::npos) {
                send(JsonProtocol::failure(serializationError("Invalid Content-Length header"),
                                           JsonProtocol::kJson10),
                     response);
                response.set_header("Connection", "close");
                return;
            }
        }
        const bool read = !hasBody || reader([&](const char* data, size_t length) {
            if (body.size() + length > JsonProtocol::kMaxRequestBytes) {
                tooLarge = true;
                return false;
            }
            body.append(data, length);
            return true;
        });
        if (tooLarge || response.status == 413) {
            send(JsonProtocol::payloadTooLarge(), response);
            response.set_header("Connection", "close");
            return;
        }
        if (!read) {
            send(JsonProtocol::failure(serializationError("Could not read the request body"),
                                       JsonProtocol::kJson10),
                 response);
            response.set_header("Connection", "close");
            return;
        }
        send(protocol.handle(toProtocolRequest(request, std::move(body))), response);
    }

    void handleWithoutBody(const httplib::Request& request, httplib::Response& response) {
        send(protocol.handle(toProtocolRequest(request, request.body)), response);
    }

    EndpointOptions options;
    JsonProtocol protocol;
    httplib::Server server;
    std::thread thread;
    bool started = false;
};

EndpointServer::EndpointServer(Engine& engine, EndpointOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {}

EndpointServer::~EndpointServer() {
    stop();
}

Result<int> EndpointServer::start() {
    Impl& impl = *impl_;
    httplib::Server& server = impl.server;
    const size_t threads = static_cast<size_t>(std::max(1, impl.options.threads));
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(5);
    server.set_payload_max_length(JsonProtocol::kMaxRequestBytes);
    // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
    // server bind the same port and silently take half of the connections.
    server.set_socket_options([](int socket) {
        const int on = 1;
        ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    });

    const auto withBody = [&impl](const httplib::Request& request, httplib::Response& response,
                                  const httplib::ContentReader& reader) {
        impl.handleWithBody(request, response, reader);
    };
    const auto withoutBody = [&impl](const httplib::Request& request, httplib::Response& response) {
        impl.handleWithoutBody(request, response);
    };
    server.Post(".*", withBody);
    server.Put(".*", withBody);
    server.Patch(".*", withBody);
    server.Delete(".*", withBody);
    server.Get(".*", withoutBody);
    server.Options(".*", withoutBody);
    // Errors the HTTP layer produces itself (malformed requests, 413 on Content-Length) still
    // carry a request id, like DynamoDB's.
    server.set_error_handler([](const httplib::Request&, httplib::Response& response) {
        if (!response.has_header("x-amzn-RequestId"))
            response.set_header("x-amzn-RequestId", JsonProtocol::newRequestId());
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& response,
                                    std::exception_ptr error) {
        std::string what = "Internal error";
        try {
            if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
            what.append(": ").append(e.what());
        } catch (...) {
        }
        send(JsonProtocol::failure(internalError(what), "application/x-amz-json-1.0"), response);
    });

    // A client that disconnects mid-response must not kill the process with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    int port = impl.options.port;
    if (port == 0) {
        port = server.bind_to_any_port(impl.options.host);
        if (port < 0) port = 0;
    } else if (!server.bind_to_port(impl.options.host, port)) {
        port = 0;
    }
    if (port <= 0) {
        std::string message = "cannot listen on ";
        message.append(impl.options.host).append(" port ");
        message.append(std::to_string(impl.options.port));
        return Error{ErrorType::InternalServer, std::move(message)};
    }
    impl.thread = std::thread([&server] { server.listen_after_bind(); });
    impl.started = true;
    // httplib's stop() does nothing until the listening thread is running, so a stop() right
    // after start() would leave it listening and join() waiting forever: wait for it.
    for (int waited = 0; !server.is_running() && waited < 5000; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return port;
}

void EndpointServer::stop() {
    if (!impl_->started) return;
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
    impl_->started = false;
}

}  // namespace shardscape
