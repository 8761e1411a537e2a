// bench_endpoint: the same client load against `shardscape-cli serve` and against dynalite
// (DynamoDB on Node.js and LevelDB), in one run: N concurrent keep-alive connections, each
// alternating GetItem and PutItem on random keys of a preloaded table. Both servers keep
// their data in LevelDB in a temporary directory. The servers take turns, three rounds of
// each phase, so that a slow stretch of a shared machine falls on all of them; the client
// drives its connections from one epoll thread (--client-threads), like wrk, so that it takes
// as little as it can of the CPU it shares with the servers.
//
//   bench_endpoint [--quick] [--seconds S] [--connections N] [--client-threads T]
//                  [--dynalite CLI_JS]
//
// Last line: RESULT endpoint_ops_per_s=... dynalite_ops_per_s=... ratio=... and the same for
// the Query load (endpoint_queries_per_s=... dynalite_queries_per_s=... query_ratio=...), then
// floor_ops_per_s=... max_ratio=...: the same client load against a server that does no work
// at all (it answers every request with `{}`), i.e. what the client, the kernel's loopback
// TCP and the machine allow any server, and so the highest ratio to dynalite this machine can
// show; then endpoint_cpu_us=... dynalite_cpu_us=... cpu_ratio=...: the CPU time (user +
// system, from /proc) each server process spent per GetItem/PutItem request, which unlike
// throughput does not depend on how many cores the machine has; then
// endpoint_ops_per_s_median=... ratio_median=... floor_ratio_median=...: the median rounds'
// endpoint rate and its ratios to dynalite and to the floor (each phase also prints its rounds'
// min / median / max).
#include <sys/epoll.h>
#include <unistd.h>
#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "../http_test_client.h"
#include "protocol/http_message.h"
#include "round_figures.h"

using shardscape::testing::dynamoRequest;
using shardscape::testing::RawConnection;

namespace {

int itemCount = 10000;      // fewer with --quick
constexpr int kFeeds = 20;  // partitions of 100 items each, for the Query load

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
    if (!connection.send(dynamoRequest(operation, body))) return false;
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
        if (!connection.send(dynamoRequest("DescribeTable", R"({"TableName":")" + table + "\"}")))
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

enum class Mode { GetPut, Query };

// The next request of a load connection: GetItem and PutItem in turn on random keys, or a
// Query of a random 100-item partition.
std::string nextRequest(Mode mode, std::mt19937& random, int sequence) {
    std::uniform_int_distribution<int> key(0, itemCount - 1);
    if (mode == Mode::Query) {
        std::string query = R"({"TableName":"Feed","KeyConditionExpression":"pk = :p",)";
        query.append(R"("ExpressionAttributeValues":{":p":{"S":"user-)");
        query.append(std::to_string(key(random) % kFeeds)).append(R"("}}})");
        return dynamoRequest("Query", query);
    }
    std::string body = R"({"TableName":"Bench",)";
    if (sequence % 2 == 0)
        return dynamoRequest("GetItem",
                             body.append(R"("Key":)").append(keyJson(key(random))).append("}"));
    return dynamoRequest(
        "PutItem", body.append(R"("Item":)").append(itemJson(key(random), sequence)).append("}"));
}

// The length of the whole response at the start of `received` (with its status), 0 while it
// is incomplete, or nullopt if it cannot be framed: the load client reads only what both
// servers send, a status line and a Content-Length body.
std::optional<size_t> responseLength(std::string_view received, int& status) {
    const size_t headEnd = received.find("\r\n\r\n");
    if (headEnd == std::string_view::npos) return 0;
    if (received.size() < 12 || received.substr(0, 5) != "HTTP/") return std::nullopt;
    status = std::atoi(std::string(received.substr(9, 3)).c_str());
    const std::string_view head = received.substr(0, headEnd + 2);
    for (size_t line = head.find("\r\n"); line + 2 < head.size();
         line = head.find("\r\n", line + 2)) {
        const std::string_view field =
            head.substr(line + 2, head.find("\r\n", line + 2) - line - 2);
        const size_t colon = field.find(':');
        if (colon == std::string_view::npos ||
            !shardscape::headerNameEquals(field.substr(0, colon), "Content-Length"))
            continue;
        const size_t length =
            std::strtoul(std::string(field.substr(colon + 1)).c_str(), nullptr, 10);
        const size_t total = headEnd + 4 + length;
        return received.size() >= total ? total : 0;
    }
    return std::nullopt;
}

struct LoadConnection {
    std::unique_ptr<RawConnection> socket;
    std::mt19937 random;
    int sequence = 0;
    std::string received;
};

// One client thread: like wrk, it drives its connections through one epoll set, one request
// outstanding on each, so that the client takes as little as it can of the CPU it shares
// with the server under test (a blocking thread per connection costs a context switch per
// request on each side). Returns the number of answered requests, or -1 on any failure.
long drive(int port, int firstConnection, int connectionCount, Mode mode,
           const std::atomic<bool>& stop) {
    std::vector<LoadConnection> connections(static_cast<size_t>(connectionCount));
    const int poller = ::epoll_create1(EPOLL_CLOEXEC);
    if (poller < 0) {
        std::fprintf(stderr, "load client: epoll_create1: %s\n", std::strerror(errno));
        return -1;
    }
    auto fail = [&](const std::string& why) {
        std::fprintf(stderr, "load client: %s\n", why.c_str());
        ::close(poller);
        return -1L;
    };
    for (int c = 0; c < connectionCount; ++c) {
        LoadConnection& connection = connections[static_cast<size_t>(c)];
        connection.random.seed(static_cast<unsigned>(firstConnection + c) * 7919u + 1u);
        connection.socket = std::make_unique<RawConnection>(port);
        if (!connection.socket->connected())
            return fail("cannot connect: " + std::string(std::strerror(errno)));
        epoll_event interest{};
        interest.events = EPOLLIN;
        interest.data.u32 = static_cast<uint32_t>(c);
        if (::epoll_ctl(poller, EPOLL_CTL_ADD, connection.socket->fd(), &interest) != 0)
            return fail("epoll_ctl: " + std::string(std::strerror(errno)));
        if (!connection.socket->send(nextRequest(mode, connection.random, connection.sequence++)))
            return fail("the server closed a connection");
    }
    long answered = 0;
    int outstanding = connectionCount;
    std::vector<char> chunk(65536);
    epoll_event events[64];
    while (outstanding > 0) {
        const int ready = ::epoll_wait(poller, events, 64, 10000);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return fail("no answer within 10 s");
        for (int e = 0; e < ready; ++e) {
            LoadConnection& connection = connections[events[e].data.u32];
            const ssize_t got =
                ::recv(connection.socket->fd(), chunk.data(), chunk.size(), MSG_DONTWAIT);
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
            if (got <= 0) return fail("the server closed a connection");
            connection.received.append(chunk.data(), static_cast<size_t>(got));
            int status = 0;
            const std::optional<size_t> length = responseLength(connection.received, status);
            if (!length) return fail("a response without Content-Length: " + connection.received);
            if (*length == 0) continue;
            if (status != 200)
                return fail("HTTP " + std::to_string(status) + ": " + connection.received);
            if (*length != connection.received.size())
                return fail("more bytes than the one response asked for");
            connection.received.clear();
            ++answered;
            if (stop.load(std::memory_order_relaxed)) {
                --outstanding;
                continue;
            }
            if (!connection.socket->send(
                    nextRequest(mode, connection.random, connection.sequence++)))
                return fail("the server closed a connection");
        }
    }
    ::close(poller);
    return answered;
}

int clientThreads = 1;

struct Tally {
    long answered = 0;
    double seconds = 0;
    bool failed = false;
    double serverCpuSeconds = 0;  // user + system time of the server's process
    double clientCpuSeconds = 0;  // of the load client's threads

    Tally& operator+=(const Tally& other) {
        answered += other.answered;
        seconds += other.seconds;
        failed = failed || other.failed;
        serverCpuSeconds += other.serverCpuSeconds;
        clientCpuSeconds += other.clientCpuSeconds;
        return *this;
    }
    double rate() const { return failed || seconds <= 0 ? -1 : double(answered) / seconds; }
    // Microseconds of CPU per answered request; -1 when nothing was answered.
    double serverCpuMicros() const { return perRequest(serverCpuSeconds); }
    double clientCpuMicros() const { return perRequest(clientCpuSeconds); }

  private:
    double perRequest(double cpuSeconds) const {
        return answered > 0 ? 1e6 * cpuSeconds / double(answered) : -1;
    }
};

// User + system CPU time of process `pid` so far, in seconds (from /proc/PID/stat); 0 where
// it cannot be read.
double processCpuSeconds(qint64 pid) {
    if (pid <= 0) return 0;
    std::FILE* stat = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!stat) return 0;
    char text[1024] = {};
    const size_t length = std::fread(text, 1, sizeof text - 1, stat);
    std::fclose(stat);
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const char* rest = std::strrchr(text, ')');
    if (length == 0 || !rest) return 0;
    unsigned long long utime = 0, stime = 0;
    if (std::sscanf(rest + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                    &stime) != 2)
        return 0;
    return double(utime + stime) / double(::sysconf(_SC_CLK_TCK));
}

double threadCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// Runs the load for `seconds` over `connections` connections shared by `clientThreads`
// threads.
Tally load(int port, qint64 serverPid, int connections, double seconds, Mode mode) {
    std::atomic<bool> stop{false};
    std::atomic<long> operations{0};
    std::atomic<int> failures{0};
    const int threads = std::clamp(clientThreads, 1, connections);
    std::vector<double> clientCpu(static_cast<size_t>(threads));
    std::vector<std::thread> clients;
    const double serverCpuBefore = processCpuSeconds(serverPid);
    for (int t = 0, first = 0; t < threads; ++t) {
        const int share = connections / threads + (t < connections % threads ? 1 : 0);
        clients.emplace_back([&, t, first, share] {
            const double cpuBefore = threadCpuSeconds();
            const long answered = drive(port, first, share, mode, stop);
            clientCpu[static_cast<size_t>(t)] = threadCpuSeconds() - cpuBefore;
            if (answered < 0)
                ++failures;
            else
                operations += answered;
        });
        first += share;
    }
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (std::thread& client : clients) client.join();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Tally tally{operations, elapsed, failures > 0};
    tally.serverCpuSeconds = serverPid > 0 ? processCpuSeconds(serverPid) - serverCpuBefore : 0;
    for (double cpu : clientCpu) tally.clientCpuSeconds += cpu;
    return tally;
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

// CPU time of the whole machine from /proc/stat: {stolen by the hypervisor, all}, in ticks;
// {0, 0} where there is no /proc/stat.
std::pair<double, double> machineCpuTicks() {
    std::FILE* stat = std::fopen("/proc/stat", "r");
    if (!stat) return {0, 0};
    double fields[8] = {};
    const int read =
        std::fscanf(stat, "cpu %lf %lf %lf %lf %lf %lf %lf %lf", &fields[0], &fields[1], &fields[2],
                    &fields[3], &fields[4], &fields[5], &fields[6], &fields[7]);
    std::fclose(stat);
    if (read != 8) return {0, 0};
    double all = 0;
    for (double field : fields) all += field;
    return {fields[7], all};
}

struct Server {
    const char* name;
    int port;
    qint64 pid = 0;        // the server's process; 0 for the floor, which runs in this one
    bool isFloor = false;  // the no-op server: no data, GetItem/PutItem load only
    Tally getPut{};
    Tally query{};
    // Each round's rate, for the min / median / max lines and the `*_median` RESULT fields.
    shardscape::testing::RoundFigures getPutRounds{}, queryRounds{};
};

constexpr int kRounds = 3;

// Both servers get the same load in turns: kRounds rounds of each phase, alternating between
// the servers, so that a slower stretch of a shared machine (other work, a hypervisor taking
// CPU) falls on both rather than on whichever ran then.
bool measure(std::vector<Server>& servers, int connections, double seconds) {
    for (Server& server : servers)
        if (server.port <= 0 || (!server.isFloor && !prepare(server.port))) return false;
    for (Server& server : servers) {
        const Tally warmUp = load(server.port, server.pid, connections, seconds / 4, Mode::GetPut);
        if (warmUp.failed) return false;
    }
    for (Mode mode : {Mode::GetPut, Mode::Query}) {
        const double phase = mode == Mode::GetPut ? seconds : seconds / 2;
        for (int round = 0; round < kRounds; ++round)
            for (Server& server : servers)
                if (mode == Mode::GetPut || !server.isFloor) {
                    const Tally tally =
                        load(server.port, server.pid, connections, phase / kRounds, mode);
                    (mode == Mode::GetPut ? server.getPut : server.query) += tally;
                    (mode == Mode::GetPut ? server.getPutRounds : server.queryRounds)
                        .add(tally.rate());
                }
        for (const Server& server : servers)
            if (mode == Mode::GetPut || !server.isFloor)
                std::printf("%-22s %10.0f ops/s  (%d connections, %.0f s, %s; rounds %s)\n",
                            server.name,
                            (mode == Mode::GetPut ? server.getPut : server.query).rate(),
                            connections, phase,
                            server.isFloor         ? "the same load answered with {} at once"
                            : mode == Mode::GetPut ? "50% GetItem / 50% PutItem"
                                                   : "Query of 100 items",
                            (mode == Mode::GetPut ? server.getPutRounds : server.queryRounds)
                                .spread()
                                .c_str());
        std::fflush(stdout);
    }
    return true;
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
        if (args[i] == "--client-threads") clientThreads = args[i + 1].toInt();
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
    QProcess node;
    NullServer null;
    std::vector<Server> servers{
        {.name = "shardscape-cli serve",
         .port = startServer(serve, SHARDSCAPE_CLI, {"serve", "--data", ours.path(), "--port", "0"},
                             QRegularExpression("http://127\\.0\\.0\\.1:(\\d+) ")),
         .pid = serve.processId()},
        {.name = "dynalite",
         .port =
             startServer(node, "node",
                         {dynalite, "--port", QString::number(shardscape::testing::freeTcpPort()),
                          "--host", "127.0.0.1", "--path", theirs.path(), "--createTableMs", "0"},
                         QRegularExpression("listening at: http://[^:]+:(\\d+)")),
         .pid = node.processId()},
        {.name = "floor (no-op server)", .port = null.port(), .isFloor = true}};
    const auto [stolenBefore, allBefore] = machineCpuTicks();
    const bool measured = measure(servers, connections, seconds);
    const auto [stolenAfter, allAfter] = machineCpuTicks();
    // A virtual machine's CPU taken by its host slows all the servers, dynalite's one thread
    // more than the endpoint's loops: worth knowing when comparing runs.
    if (allAfter > allBefore)
        std::printf("CPU time stolen by the hypervisor during the run: %.1f %%\n",
                    100.0 * (stolenAfter - stolenBefore) / (allAfter - allBefore));
    for (QProcess* process : {&serve, &node}) {
        process->terminate();
        process->waitForFinished(30000);
    }
    const Server& endpoint = servers[0];
    const Server& baseline = servers[1];
    const double floor = servers[2].getPut.rate();

    const double endpointRate = endpoint.getPut.rate(), baselineRate = baseline.getPut.rate();
    const double endpointQueries = endpoint.query.rate(), baselineQueries = baseline.query.rate();
    if (!measured || endpointRate <= 0 || endpointQueries <= 0 || baselineRate <= 0 ||
        baselineQueries <= 0 || floor <= 0) {
        std::fprintf(stderr, "bench_endpoint: a run failed\n");
        return 1;
    }
    // CPU per request does not depend on how many cores the machine has or how the two
    // processes share them: how much more work each request costs dynalite than the endpoint.
    const double endpointCpu = endpoint.getPut.serverCpuMicros();
    const double baselineCpu = baseline.getPut.serverCpuMicros();
    const double cpuRatio = endpointCpu > 0 && baselineCpu > 0 ? baselineCpu / endpointCpu : -1;
    std::printf(
        "CPU per GetItem/PutItem request: serve %.1f us, dynalite %.1f us (%.2f times serve's), "
        "the load client %.1f us against serve and %.1f us against dynalite\n",
        endpointCpu, baselineCpu, cpuRatio, endpoint.getPut.clientCpuMicros(),
        baseline.getPut.clientCpuMicros());
    std::printf(
        "RESULT endpoint_ops_per_s=%.0f dynalite_ops_per_s=%.0f ratio=%.2f "
        "endpoint_queries_per_s=%.0f dynalite_queries_per_s=%.0f query_ratio=%.2f "
        "floor_ops_per_s=%.0f max_ratio=%.2f endpoint_cpu_us=%.1f dynalite_cpu_us=%.1f "
        "cpu_ratio=%.2f endpoint_ops_per_s_median=%.0f ratio_median=%.2f "
        "floor_ratio_median=%.2f\n",
        endpointRate, baselineRate, endpointRate / baselineRate, endpointQueries, baselineQueries,
        endpointQueries / baselineQueries, floor, floor / baselineRate, endpointCpu, baselineCpu,
        cpuRatio, endpoint.getPutRounds.median(),
        endpoint.getPutRounds.median() / baseline.getPutRounds.median(),
        endpoint.getPutRounds.median() / servers[2].getPutRounds.median());
    return 0;
}
