// soak: many concurrent clients through `shardscape-cli serve`, then the invariants checked.
//
//   soak [--quick] [--seconds S] [--clients N]
//
// Each client keeps one connection and sends a random mix: GetItem, PutItem and BatchWriteItem
// of log entries (each acknowledged one remembered), a conditional UpdateItem, a Query on a
// global secondary index, and TransactWriteItems transfers between accounts. After the load:
// the sum of the balances is unchanged, every acknowledged log entry is there, the index holds
// exactly the table's items as they are, and DescribeTable's ItemCount equals a Scan's count.
// Then the same load again, the server killed with SIGKILL halfway and started again on the
// same data, and the same invariants. --quick (ctest) runs 16 clients for 5 s per phase.
//
// Last line: RESULT ops_per_s=... p50_us=... p99_us=... peak_rss_mb=... lost_writes=...
// invariants=ok|failed (exit status 1 when an invariant fails).

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"
#include "http_test_client.h"

using shardscape::Json;
using shardscape::testing::RawConnection;

namespace {

constexpr int kAccounts = 100;
constexpr int kOwners = 10;
constexpr long kStartBalance = 1000;

struct Answer {
    int status = 0;  // 0: no answer (the connection failed)
    Json body;
};

Answer call(RawConnection& connection, const std::string& operation, const Json& body) {
    Answer answer;
    if (!connection.connected() ||
        !connection.send(shardscape::testing::dynamoRequest(operation, body.dump())))
        return answer;
    auto response = connection.read();
    if (!response) return answer;
    answer.status = response->status;
    answer.body = Json::parse(response->body, nullptr, false);
    return answer;
}

std::string errorType(const Answer& answer) {
    if (!answer.body.is_object() || !answer.body.contains("__type")) return {};
    const std::string type = answer.body["__type"].get<std::string>();
    return type.substr(type.find('#') + 1);
}

// "prefix" followed by n (built with append: GCC 12 warns falsely on literal + to_string).
std::string numbered(const char* prefix, long n) {
    std::string out(prefix);
    out.append(std::to_string(n));
    return out;
}

std::string accountId(int n) {
    return numbered("a", n);
}

// Starts `serve` on a free port; the port, or 0.
int startServe(QProcess& process, const QString& data) {
    process.start(SHARDSCAPE_CLI, {"serve", "--data", data, "--port", "0"});
    if (!process.waitForStarted(10000) || !process.waitForReadyRead(20000)) return 0;
    const QString line = QString::fromUtf8(process.readLine());
    const auto match = QRegularExpression(" on http://[^ ]+:(\\d+) ").match(line);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

long peakRssMb(qint64 pid) {
    QFile status(QString("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ')[0].toLong() / 1024;
    return -1;
}

struct Load {
    std::mutex mutex;
    std::set<std::string> acknowledged;  // log entries whose write was answered 200
    std::vector<long> latenciesUs;
    std::atomic<long> operations{0};
    std::atomic<long> unexpected{0};  // answers neither success nor an expected refusal
    std::atomic<bool> stop{false};
};

void client(int port, int id, unsigned seed, Load& load) {
    RawConnection connection(port);
    std::mt19937 random(seed);
    std::vector<long> latencies;
    std::vector<std::string> acked;
    long sequence = 0;
    const auto logKey = [&] { return numbered("w", id) + "-" + std::to_string(sequence++); };
    const auto logItem = [&](const std::string& key) {
        return Json{{"pk", {{"S", numbered("w", id)}}},
                    {"sk", {{"S", key}}},
                    {"payload", {{"S", std::string(100, 'p')}}}};
    };
    while (!load.stop.load()) {
        const int roll = static_cast<int>(random() % 100);
        const auto started = std::chrono::steady_clock::now();
        Answer answer;
        std::vector<std::string> writing;
        if (roll < 30) {
            answer = call(connection, "GetItem",
                          {{"TableName", "Accounts"},
                           {"Key", {{"id", {{"S", accountId(random() % kAccounts)}}}}}});
        } else if (roll < 50) {
            writing.push_back(logKey());
            answer =
                call(connection, "PutItem", {{"TableName", "Log"}, {"Item", logItem(writing[0])}});
        } else if (roll < 60) {
            Json writes = Json::array();
            for (int i = 0; i < 5; ++i) {
                writing.push_back(logKey());
                writes.push_back({{"PutRequest", {{"Item", logItem(writing.back())}}}});
            }
            answer = call(connection, "BatchWriteItem", {{"RequestItems", {{"Log", writes}}}});
            if (answer.status == 200 && !answer.body["UnprocessedItems"].empty()) writing.clear();
        } else if (roll < 75) {
            answer = call(
                connection, "UpdateItem",
                {{"TableName", "Accounts"},
                 {"Key", {{"id", {{"S", accountId(random() % kAccounts)}}}}},
                 {"UpdateExpression", "SET touches = if_not_exists(touches, :zero) + :one"},
                 {"ConditionExpression", "attribute_exists(id)"},
                 {"ExpressionAttributeValues", {{":zero", {{"N", "0"}}}, {":one", {{"N", "1"}}}}}});
        } else if (roll < 85) {
            answer = call(connection, "Query",
                          {{"TableName", "Accounts"},
                           {"IndexName", "byOwner"},
                           {"KeyConditionExpression", "#o = :o"},
                           {"ExpressionAttributeNames", {{"#o", "owner"}}},
                           {"ExpressionAttributeValues",
                            {{":o", {{"S", numbered("o", random() % kOwners)}}}}}});
        } else {
            const int from = static_cast<int>(random() % kAccounts);
            const int to = (from + 1 + static_cast<int>(random() % (kAccounts - 1))) % kAccounts;
            const Json amount = {{":a", {{"N", std::to_string(1 + random() % 10)}}}};
            const auto update = [&](int account, const char* expression, bool guarded) {
                Json update = {{"TableName", "Accounts"},
                               {"Key", {{"id", {{"S", accountId(account)}}}}},
                               {"UpdateExpression", expression},
                               {"ExpressionAttributeValues", amount}};
                if (guarded) update["ConditionExpression"] = "balance >= :a";
                return Json{{"Update", update}};
            };
            answer = call(connection, "TransactWriteItems",
                          {{"TransactItems",
                            {update(from, "SET balance = balance - :a", true),
                             update(to, "SET balance = balance + :a", false)}}});
        }
        if (answer.status == 0) break;  // the server is gone
        latencies.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count());
        ++load.operations;
        const std::string type = errorType(answer);
        const bool refusedAsExpected =
            type == "TransactionCanceledException" || type == "TransactionConflictException";
        if (answer.status != 200 && !refusedAsExpected) ++load.unexpected;
        if (answer.status == 200) acked.insert(acked.end(), writing.begin(), writing.end());
    }
    std::lock_guard lock(load.mutex);
    load.acknowledged.insert(acked.begin(), acked.end());
    load.latenciesUs.insert(load.latenciesUs.end(), latencies.begin(), latencies.end());
}

// Every item of `table` (through `index` if given), page by page.
std::vector<Json> scanAll(RawConnection& connection, const std::string& table) {
    std::vector<Json> items;
    Json body = {{"TableName", table}, {"ConsistentRead", true}};
    while (true) {
        Answer page = call(connection, "Scan", body);
        if (page.status != 200) return {};
        for (const Json& item : page.body["Items"]) items.push_back(item);
        if (!page.body.contains("LastEvaluatedKey")) return items;
        body["ExclusiveStartKey"] = page.body["LastEvaluatedKey"];
    }
}

// The invariants; prints each failure and returns how many failed.
int checkInvariants(int port, const Load& load, long& lostWrites) {
    RawConnection connection(port);
    int failures = 0;
    const auto fail = [&](const std::string& what) {
        std::fprintf(stderr, "invariant failed: %s\n", what.c_str());
        ++failures;
    };
    const std::vector<Json> accounts = scanAll(connection, "Accounts");
    long sum = 0;
    for (const Json& account : accounts)
        sum += std::stol(account["balance"]["N"].get<std::string>());
    if (static_cast<int>(accounts.size()) != kAccounts)
        fail("accounts: " + std::to_string(accounts.size()));
    if (sum != kAccounts * kStartBalance) fail("sum of balances " + std::to_string(sum));

    const std::vector<Json> log = scanAll(connection, "Log");
    std::set<std::string> present;
    for (const Json& entry : log) present.insert(entry["sk"]["S"].get<std::string>());
    lostWrites = 0;
    for (const std::string& key : load.acknowledged)
        if (!present.count(key)) ++lostWrites;
    if (lostWrites) fail(std::to_string(lostWrites) + " acknowledged log writes missing");

    // The index holds exactly the table's items, as they are.
    std::vector<Json> indexed;
    for (int owner = 0; owner < kOwners; ++owner) {
        Json body = {{"TableName", "Accounts"},
                     {"IndexName", "byOwner"},
                     {"KeyConditionExpression", "#o = :o"},
                     {"ExpressionAttributeNames", {{"#o", "owner"}}},
                     {"ExpressionAttributeValues", {{":o", {{"S", numbered("o", owner)}}}}}};
        Answer page = call(connection, "Query", body);
        for (const Json& item : page.body["Items"]) indexed.push_back(item);
    }
    const auto byId = [](const Json& a, const Json& b) { return a["id"]["S"] < b["id"]["S"]; };
    std::vector<Json> table = accounts;
    std::sort(table.begin(), table.end(), byId);
    std::sort(indexed.begin(), indexed.end(), byId);
    if (indexed != table) fail("the index byOwner does not match the table");

    for (const auto& [name, count] :
         {std::pair<std::string, size_t>{"Accounts", accounts.size()}, {"Log", log.size()}}) {
        Answer described = call(connection, "DescribeTable", {{"TableName", name}});
        const size_t itemCount = described.body["Table"]["ItemCount"].get<size_t>();
        if (itemCount != count)
            fail(name + " ItemCount " + std::to_string(itemCount) + ", scan " +
                 std::to_string(count));
    }
    return failures;
}

bool setUp(int port) {
    RawConnection connection(port);
    const Json accounts = Json::parse(R"({"TableName":"Accounts","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},
                                {"AttributeName":"owner","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byOwner",
            "KeySchema":[{"AttributeName":"owner","KeyType":"HASH"},{"AttributeName":"id","KeyType":"RANGE"}],
            "Projection":{"ProjectionType":"ALL"}}]})");
    const Json log = Json::parse(R"({"TableName":"Log","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                {"AttributeName":"sk","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})");
    if (call(connection, "CreateTable", accounts).status != 200) return false;
    if (call(connection, "CreateTable", log).status != 200) return false;
    for (int n = 0; n < kAccounts; ++n) {
        const Json item = {{"id", {{"S", accountId(n)}}},
                           {"owner", {{"S", numbered("o", n % kOwners)}}},
                           {"balance", {{"N", std::to_string(kStartBalance)}}}};
        if (call(connection, "PutItem", {{"TableName", "Accounts"}, {"Item", item}}).status != 200)
            return false;
    }
    return true;
}

// Runs `clients` clients for `seconds`; with `killAfter` > 0, kills the server after that
// many seconds (the clients stop when their connections fail).
void runLoad(int port, int clients, double seconds, Load& load, unsigned seed,
             const std::function<void()>& midway = {}) {
    std::vector<std::thread> threads;
    for (int id = 0; id < clients; ++id)
        threads.emplace_back(client, port, id + static_cast<int>(seed) * 1000, seed + id,
                             std::ref(load));
    const auto half = std::chrono::duration<double>(seconds / 2);
    std::this_thread::sleep_for(half);
    if (midway) midway();
    std::this_thread::sleep_for(half);
    load.stop = true;
    for (auto& thread : threads) thread.join();
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick");
    double seconds = quick ? 5 : 60;
    int clients = quick ? 16 : 64;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--seconds") seconds = args[i + 1].toDouble();
        if (args[i] == "--clients") clients = args[i + 1].toInt();
    }
    std::signal(SIGPIPE, SIG_IGN);
    QTemporaryDir data;
    QProcess serve;
    int port = startServe(serve, data.path());
    if (port == 0 || !setUp(port)) {
        std::fprintf(stderr, "soak: serve did not start or refused the tables\n");
        return 1;
    }

    // Phase 1: the load, then the invariants.
    Load first;
    const auto started = std::chrono::steady_clock::now();
    runLoad(port, clients, seconds, first, 1);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    long lost = 0;
    int failures = checkInvariants(port, first, lost);
    if (first.unexpected) {
        std::fprintf(stderr, "invariant failed: %ld unexpected error answers\n",
                     first.unexpected.load());
        ++failures;
    }
    const long rss = peakRssMb(serve.processId());
    std::vector<long> latencies = first.latenciesUs;
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double p) {
        return latencies.empty() ? 0L : latencies[static_cast<size_t>(p * (latencies.size() - 1))];
    };
    std::printf("phase 1: %d clients, %.1f s, %ld requests, %zu acknowledged log writes\n", clients,
                elapsed, first.operations.load(), first.acknowledged.size());

    // Phase 2: the load again, the server killed halfway and started again on the same data.
    Load second;
    second.acknowledged = first.acknowledged;
    runLoad(port, clients, seconds, second, 2, [&] {
        ::kill(static_cast<pid_t>(serve.processId()), SIGKILL);
        serve.waitForFinished(10000);
    });
    QProcess restarted;
    port = startServe(restarted, data.path());
    long lostAfterKill = 0;
    if (port == 0) {
        std::fprintf(stderr, "invariant failed: serve did not start again after SIGKILL\n");
        ++failures;
    } else {
        failures += checkInvariants(port, second, lostAfterKill);
    }
    std::printf(
        "phase 2: killed with SIGKILL after %.1f s, %ld requests before, %zu acknowledged "
        "log writes in all\n",
        seconds / 2, second.operations.load(), second.acknowledged.size());
    restarted.terminate();
    restarted.waitForFinished(10000);

    std::printf(
        "RESULT ops_per_s=%.0f p50_us=%ld p99_us=%ld peak_rss_mb=%ld lost_writes=%ld "
        "invariants=%s\n",
        first.operations.load() / elapsed, percentile(0.50), percentile(0.99), rss,
        lost + lostAfterKill, failures ? "failed" : "ok");
    return failures ? 1 : 0;
}
