// bench_endpoint: the same client load against `shardscape-cli serve` and against dynalite
// (DynamoDB on Node.js and LevelDB), in one run: N concurrent keep-alive connections, each
// alternating GetItem and PutItem on random keys of a preloaded table. Both servers keep
// their data in LevelDB in a temporary directory.
//
//   bench_endpoint [--quick] [--seconds S] [--connections N] [--dynalite CLI_JS]
//
// Last line: RESULT endpoint_ops_per_s=... dynalite_ops_per_s=... ratio=... and the same for
// the Query load (endpoint_queries_per_s=... dynalite_queries_per_s=... query_ratio=...), then
// floor_ops_per_s=... max_ratio=...: the same client load against a server that does no work
// at all (it answers every request with `{}`), i.e. what the client, the kernel's loopback
// TCP and the machine allow any server, and so the highest ratio to dynalite this machine can
// show.
#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "../http_test_client.h"

using shardscape::testing::RawConnection;

namespace {

int itemCount = 10000;      // fewer with --quick
constexpr int kFeeds = 20;  // partitions of 100 items each, for the Query load

std::string request(const char* operation, const std::string& body) {
    std::string out = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: 20260101T000000Z\r\n";
    out.append("X-Amz-Target: DynamoDB_20120810.").append(operation).append("\r\n");
    out.append("Content-Type: application/x-amz-json-1.0\r\n");
    out.append(
        "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/"
        "aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n");
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
    return out.append(body);
}

std::string keyJson(int key) {
    std::string out = R"({"pk":{"S":"user-)";
    return out.append(std::to_string(key)).append(R"("}})");
}

// A ~200-byte item.
std::string itemJson(int key, int version) {
    std::string out = R"({"pk":{"S":"user-)";
    out.append(std::to_string(key)).append(R"("},"Version":{"N":")");
    out.append(std::to_string(version)).append(R"("},"Name":{"S":"Person number )");
    out.append(std::to_string(key)).append(R"("},"Bio":{"S":")");
    out.append(std::string(120, 'b')).append(R"("}})");
    return out;
}

bool call(RawConnection& connection, const char* operation, const std::string& body) {
    if (!connection.send(request(operation, body))) return false;
    auto response = connection.read();
    if (!response || response->status != 200) {
        std::fprintf(stderr, "%s failed: %d %s\n", operation, response ? response->status : 0,
                     response ? response->body.c_str() : "(no response)");
        return false;
    }
    return true;
}

// dynalite creates tables asynchronously even with --createTableMs 0.
bool waitUntilActive(RawConnection& connection, const std::string& table) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (!connection.send(request("DescribeTable", R"({"TableName":")" + table + "\"}")))
            return false;
        auto response = connection.read();
        if (!response || response->status != 200) return false;
        if (response->body.find(R"("TableStatus":"ACTIVE")") != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

bool prepare(int port) {
    RawConnection connection(port);
    if (!call(connection, "CreateTable",
              R"({"TableName":"Bench","BillingMode":"PAY_PER_REQUEST",
                  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})"))
        return false;
    if (!waitUntilActive(connection, "Bench")) return false;
    for (int start = 0; start < itemCount; start += 25) {
        std::string batch = R"({"RequestItems":{"Bench":[)";
        for (int key = start; key < start + 25; ++key) {
            if (key > start) batch.push_back(',');
            batch.append(R"({"PutRequest":{"Item":)").append(itemJson(key, 0)).append("}}");
        }
        if (!call(connection, "BatchWriteItem", batch.append("]}}"))) return false;
    }
    if (!call(connection, "CreateTable",
              R"({"TableName":"Feed","BillingMode":"PAY_PER_REQUEST",
                  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                          {"AttributeName":"sk","AttributeType":"N"}],
                  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                               {"AttributeName":"sk","KeyType":"RANGE"}]})"))
        return false;
    if (!waitUntilActive(connection, "Feed")) return false;
    for (int feed = 0; feed < kFeeds; ++feed) {
        for (int start = 0; start < 100; start += 25) {
            std::string batch = R"({"RequestItems":{"Feed":[)";
            for (int n = start; n < start + 25; ++n) {
                if (n > start) batch.push_back(',');
                std::string item = itemJson(feed, n);
                item.insert(1, R"("sk":{"N":")" + std::to_string(n) + R"("},)");
                batch.append(R"({"PutRequest":{"Item":)").append(item).append("}}");
            }
            if (!call(connection, "BatchWriteItem", batch.append("]}}"))) return false;
        }
    }
    return true;
}

// Runs the load for `seconds`; returns operations per second, or -1 on any failure.
enum class Mode { GetPut, Query };

double load(int port, int connections, double seconds, Mode mode) {
    std::atomic<bool> stop{false};
    std::atomic<long> operations{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < connections; ++c) {
        clients.emplace_back([&, c] {
            RawConnection connection(port);
            std::mt19937 random(static_cast<unsigned>(c) * 7919u + 1u);
            std::uniform_int_distribution<int> key(0, itemCount - 1);
            long done = 0;
            for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
                std::string body = R"({"TableName":"Bench",)";
                std::string query = R"({"TableName":"Feed","KeyConditionExpression":"pk = :p",)";
                query.append(R"("ExpressionAttributeValues":{":p":{"S":"user-)");
                query.append(std::to_string(key(random) % kFeeds)).append(R"("}}})");
                const bool ok =
                    mode == Mode::Query ? call(connection, "Query", query)
                    : (i % 2 == 0)
                        ? call(connection, "GetItem",
                               body.append(R"("Key":)").append(keyJson(key(random))).append("}"))
                        : call(connection, "PutItem",
                               body.append(R"("Item":)")
                                   .append(itemJson(key(random), i))
                                   .append("}"));
                if (!ok) {
                    ++failures;
                    return;
                }
                ++done;
            }
            operations += done;
        });
    }
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (std::thread& client : clients) client.join();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return failures ? -1 : double(operations) / elapsed;
}

// Starts a server process and returns the port from the first output line matching `pattern`.
int startServer(QProcess& process, const QString& program, const QStringList& arguments,
                const QRegularExpression& pattern) {
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) return 0;
    QByteArray output;
    for (int waited = 0; waited < 60; ++waited) {
        if (process.waitForReadyRead(1000)) output += process.readAllStandardOutput();
        const auto match = pattern.match(QString::fromUtf8(output));
        if (match.hasMatch()) return match.captured(1).toInt();
        if (process.state() != QProcess::Running) break;
    }
    std::fprintf(stderr, "%s did not start: %s %s\n", qPrintable(program), output.constData(),
                 process.readAllStandardError().constData());
    return 0;
}

struct Rates {
    double getPut = -1;
    double query = -1;
};

// The GetItem/PutItem and 100-item Query rates (-1 if a run failed).
Rates measure(const char* name, int port, int connections, double seconds) {
    if (port <= 0 || !prepare(port)) return {};
    load(port, connections, seconds / 4, Mode::GetPut);  // warm-up
    const double rate = load(port, connections, seconds, Mode::GetPut);
    std::printf("%-22s %10.0f ops/s  (%d connections, %.0f s, 50%% GetItem / 50%% PutItem)\n", name,
                rate, connections, seconds);
    const double queries = load(port, connections, seconds / 2, Mode::Query);
    std::printf("%-22s %10.0f ops/s  (%d connections, %.0f s, Query of 100 items)\n", name, queries,
                connections, seconds / 2);
    std::fflush(stdout);
    return {rate, queries};
}

// The floor: a server that reads each request and answers `{}` at once, one thread per
// connection, in this process.
class NullServer {
  public:
    NullServer() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        const int on = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 64) != 0 ||
            ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        port_ = ntohs(address.sin_port);
        acceptor_ = std::thread([this] {
            for (;;) {
                const int fd = ::accept(listener_, nullptr, nullptr);
                if (fd < 0) return;  // the listener was shut down
                std::lock_guard lock(mutex_);
                connections_.push_back(fd);
                workers_.emplace_back([fd] { serve(fd); });
            }
        });
    }
    ~NullServer() {
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        if (acceptor_.joinable()) acceptor_.join();
        std::lock_guard lock(mutex_);
        for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
        for (std::thread& worker : workers_) worker.join();
        for (int fd : connections_) ::close(fd);
    }
    int port() const { return port_; }

  private:
    static void serve(int fd) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        static const std::string kResponse =
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
            "Content-Length: 2\r\n\r\n{}";
        std::string buffer;
        char chunk[16384];
        for (;;) {
            const size_t headerEnd = buffer.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                size_t length = 0;
                const size_t field = buffer.find("Content-Length: ");
                if (field != std::string::npos && field < headerEnd)
                    length = std::stoul(buffer.substr(field + 16));
                if (buffer.size() >= headerEnd + 4 + length) {
                    buffer.erase(0, headerEnd + 4 + length);
                    if (::send(fd, kResponse.data(), kResponse.size(), MSG_NOSIGNAL) <= 0) return;
                    continue;
                }
            }
            const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
            if (got <= 0) return;
            buffer.append(chunk, static_cast<size_t>(got));
        }
    }

    int listener_ = -1;
    int port_ = 0;
    std::thread acceptor_;
    std::mutex mutex_;
    std::vector<int> connections_;
    std::vector<std::thread> workers_;
};

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick");
    double seconds = quick ? 2 : 30;
    if (quick) itemCount = 2000;
    int connections = 16;
    QString dynalite = SHARDSCAPE_DYNALITE;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--seconds") seconds = args[i + 1].toDouble();
        if (args[i] == "--connections") connections = args[i + 1].toInt();
        if (args[i] == "--dynalite") dynalite = args[i + 1];
    }
    if (!QFile::exists(dynalite)) {
        std::fprintf(stderr,
                     "bench_endpoint: dynalite not found at %s (installer/setup.sh installs it "
                     "with npm; or pass --dynalite PATH/cli.js)\n",
                     qPrintable(dynalite));
        return 1;
    }
    QTemporaryDir ours, theirs;

    QProcess serve;
    const int servePort =
        startServer(serve, SHARDSCAPE_CLI, {"serve", "--data", ours.path(), "--port", "0"},
                    QRegularExpression("http://127\\.0\\.0\\.1:(\\d+) "));
    const Rates endpoint = measure("shardscape-cli serve", servePort, connections, seconds);
    serve.terminate();
    serve.waitForFinished(30000);

    QProcess node;
    const int nodePort =
        startServer(node, "node",
                    {dynalite, "--port", QString::number(shardscape::testing::freeTcpPort()),
                     "--host", "127.0.0.1", "--path", theirs.path(), "--createTableMs", "0"},
                    QRegularExpression("listening at: http://[^:]+:(\\d+)"));
    const Rates baseline = measure("dynalite", nodePort, connections, seconds);
    node.terminate();
    node.waitForFinished(30000);

    double floor = -1;
    {
        NullServer null;
        if (null.port() > 0) {
            load(null.port(), connections, seconds / 4, Mode::GetPut);  // warm-up
            floor = load(null.port(), connections, seconds, Mode::GetPut);
        }
        std::printf(
            "%-22s %10.0f ops/s  (%d connections, %.0f s, the same load answered "
            "with {} at once)\n",
            "floor (no-op server)", floor, connections, seconds);
    }

    if (endpoint.getPut <= 0 || endpoint.query <= 0 || baseline.getPut <= 0 ||
        baseline.query <= 0 || floor <= 0) {
        std::fprintf(stderr, "bench_endpoint: a run failed\n");
        return 1;
    }
    std::printf(
        "RESULT endpoint_ops_per_s=%.0f dynalite_ops_per_s=%.0f ratio=%.2f "
        "endpoint_queries_per_s=%.0f dynalite_queries_per_s=%.0f query_ratio=%.2f "
        "floor_ops_per_s=%.0f max_ratio=%.2f\n",
        endpoint.getPut, baseline.getPut, endpoint.getPut / baseline.getPut, endpoint.query,
        baseline.query, endpoint.query / baseline.query, floor, floor / baseline.getPut);
    return 0;
}
