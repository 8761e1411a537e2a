// Engine vs raw LevelDB on the same keys, values and LevelDB options, measured in one run.
//
// Prints one line per figure and, last:
//   RESULT put_ratio=… get_ratio=… query_ratio=… bulk_items_per_s=… bulk_peak_rss_mb=…
//          put_ratio_median=… get_ratio_median=… query_ratio_median=…
// Ratios are engine throughput / raw LevelDB throughput (1.0 = as fast as raw LevelDB), of the
// best rounds and of the median rounds; each phase also prints its min / median / max.
// --quick runs a small version in seconds (ctest runs it so the benchmark cannot rot).

#include <leveldb/db.h>

#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "api/dispatch.h"
#include "raw_leveldb.h"
#include "round_figures.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"
#include "values/attribute_json.h"
#include "values/item_binary.h"
#include "values/item_size.h"

using namespace shardscape;

namespace {

struct Config {
    int putCount = 200000;
    int getCount = 200000;
    int partitions = 2000;  // x 100 items each for the query phase
    int queryCount = 20000;
    int bulkCount = 1000000;
    int bulkBatch = 1000;
};

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long peakRssKb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return 0;
}

std::string userId(int i) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "user#%08d", i);
    return buffer;
}

// A ~200-byte item (by DynamoDB's size rules) of a realistic shape.
Item makeItem(const std::string& pk, const std::string* sk, int i) {
    Item item;
    item.emplace("pk", AttributeValue::string(pk));
    if (sk) item.emplace("sk", AttributeValue::string(*sk));
    item.emplace("name", AttributeValue::string("Customer number " + std::to_string(i)));
    item.emplace("email", AttributeValue::string("customer" + std::to_string(i) + "@example.com"));
    item.emplace("status", AttributeValue::string(i % 3 ? "ACTIVE" : "SUSPENDED"));
    item.emplace("score", AttributeValue::number(std::to_string(i % 100000)));
    item.emplace("address",
                 AttributeValue::string("221B Baker Street, Marylebone, London NW1 6XE, UK"));
    item.emplace("notes", AttributeValue::string(std::string(60, 'n')));
    return item;
}

void fail(const Error& e) {
    std::fprintf(stderr, "engine error: %s: %s\n", e.name().c_str(), e.message.c_str());
    std::exit(1);
}

void createTable(Engine& engine, const char* name, bool withSortKey) {
    Json request = {{"TableName", name},
                    {"BillingMode", "PAY_PER_REQUEST"},
                    {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                    {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
    if (withSortKey) {
        request["AttributeDefinitions"].push_back(
            {{"AttributeName", "sk"}, {"AttributeType", "S"}});
        request["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
    }
    auto created = dispatch(engine, "CreateTable", request);
    if (!created) fail(created.error());
}

double report(const char* name, int operations, double seconds) {
    const double rate = operations / seconds;
    std::printf("%-28s %10.0f ops/s  (%d ops in %.3f s)\n", name, rate, operations, seconds);
    return rate;
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            config = Config{5000, 5000, 50, 500, 20000, 1000};
        } else {
            std::fprintf(stderr, "usage: bench_engine [--quick]\n");
            return 2;
        }
    }
    QTemporaryDir workDir;
    std::mt19937 random(42);

    // --- Bulk load first, so the peak RSS reflects the bulk load alone. ---------------
    double bulkRate = 0;
    long bulkRssMb = 0;
    {
        auto engine = Engine::open((workDir.path() + "/bulk").toStdString());
        if (!engine) fail(engine.error());
        createTable(**engine, "Bulk", false);
        std::vector<int> order(config.bulkCount);
        for (int i = 0; i < config.bulkCount; ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), random);
        // Items are generated outside the timed region: the figure measures the engine,
        // including the final statistics recount.
        double loadSeconds = 0;
        auto started = Clock::now();
        auto loader = (*engine)->beginBulkLoad("Bulk");
        if (!loader) fail(loader.error());
        loadSeconds += secondsSince(started);
        std::vector<Item> batch;
        for (int i = 0; i < config.bulkCount; ++i) {
            batch.push_back(makeItem(userId(order[i]), nullptr, order[i]));
            if (static_cast<int>(batch.size()) == config.bulkBatch || i + 1 == config.bulkCount) {
                const auto start = Clock::now();
                if (auto s = (*loader)->add(std::move(batch)); !s) fail(s.error());
                loadSeconds += secondsSince(start);
                batch.clear();
            }
        }
        started = Clock::now();
        if (auto s = (*loader)->finish(); !s) fail(s.error());
        loadSeconds += secondsSince(started);
        bulkRate = report("engine bulk load", config.bulkCount, loadSeconds);
        bulkRssMb = peakRssKb() / 1024;
        auto described = (*engine)->describeTable("Bulk");
        std::printf("bulk table: %lld items, %lld bytes, peak RSS %ld MB\n",
                    static_cast<long long>(described->second.itemCount),
                    static_cast<long long>(described->second.sizeBytes), bulkRssMb);
        if (described->second.itemCount != config.bulkCount) {
            std::fprintf(stderr, "bulk load lost items\n");
            return 1;
        }
    }

    auto engineResult = Engine::open((workDir.path() + "/engine").toStdString());
    if (!engineResult) fail(engineResult.error());
    Engine& engine = **engineResult;
    createTable(engine, "Users", false);
    createTable(engine, "Orders", true);
    shardscape::testing::RawLevelDb raw((workDir.path() + "/raw").toStdString());

    // Raw LevelDB gets the very keys and values the engine stores.
    auto table = engine.table("Users");
    std::vector<std::string> keys, values;
    keys.reserve(config.putCount);
    values.reserve(config.putCount);
    for (int i = 0; i < config.putCount; ++i) {
        Item item = makeItem(userId(i), nullptr, i);
        keys.push_back(layout::itemKey(table->id, item.at("pk"), nullptr));
        values.push_back(StoredItem::fromItem(item, itemSize(item)).record());
    }
    std::printf("item: %zu bytes stored, key %zu bytes\n", values[0].size(), keys[0].size());

    // Each figure is the best of three rounds, raw and engine alternating which goes first,
    // so background compaction and cache warmth do not favour either side.
    // The ratio of the best rounds, and of the median rounds (`*_median` in RESULT).
    constexpr int kRounds = 3;
    struct Ratios {
        double best = 0, median = 0;
    };
    auto bestOf = [&](const char* rawName, const char* engineName, int operations,
                      const std::function<void()>& prepare, const std::function<void()>& rawRun,
                      const std::function<void()>& engineRun) {
        shardscape::testing::RoundFigures raws, engines;
        for (int round = 0; round < kRounds; ++round) {
            for (int side = 0; side < 2; ++side) {
                const bool rawTurn = (side == 0) == (round % 2 == 0);
                prepare();
                const auto t = Clock::now();
                rawTurn ? rawRun() : engineRun();
                (rawTurn ? raws : engines).add(operations / secondsSince(t));
            }
        }
        std::printf("%-28s %10.0f ops/s  %s\n%-28s %10.0f ops/s  %s\n", rawName, raws.max(),
                    raws.spread().c_str(), engineName, engines.max(), engines.spread().c_str());
        return Ratios{engines.max() / raws.max(), engines.median() / raws.median()};
    };

    // --- Put ---------------------------------------------------------------------------
    std::vector<Item> items;
    const Ratios putRatio = bestOf(
        "raw LevelDB put", "engine PutItem", config.putCount,
        [&] {
            items.clear();
            for (int i = 0; i < config.putCount; ++i)
                items.push_back(makeItem(userId(i), nullptr, i));
        },
        [&] {
            for (int i = 0; i < config.putCount; ++i)
                raw.db->Put(leveldb::WriteOptions(), keys[i], values[i]);
        },
        [&] {
            for (int i = 0; i < config.putCount; ++i)
                if (auto r = engine.putItem("Users", std::move(items[i])); !r) fail(r.error());
        });
    items.clear();

    // --- Get ---------------------------------------------------------------------------
    std::uniform_int_distribution<int> pick(0, config.putCount - 1);
    std::vector<int> lookups(config.getCount);
    for (auto& l : lookups) l = pick(random);
    std::vector<Item> getKeys;
    getKeys.reserve(config.getCount);
    for (int i : lookups) getKeys.push_back(Item{{"pk", AttributeValue::string(userId(i))}});
    const Ratios getRatio = bestOf(
        "raw LevelDB get", "engine GetItem", config.getCount, [] {},
        [&] {
            std::string value;
            for (int i : lookups) raw.db->Get(leveldb::ReadOptions(), keys[i], &value);
        },
        [&] {
            for (const auto& key : getKeys) {
                auto r = engine.getItem("Users", key);
                if (!r || !r->item) fail(r ? internalError("item missing") : r.error());
            }
        });

    // --- Query (100-item pages) vs raw iterator scan of the same 100 entries -----------
    auto orders = engine.table("Orders");
    for (int p = 0; p < config.partitions; ++p) {
        std::vector<Item> batch;
        for (int s = 0; s < 100; ++s) {
            char sk[32];
            std::snprintf(sk, sizeof sk, "order#%05d", s);
            std::string sortKey = sk;
            Item item = makeItem(userId(p), &sortKey, s);
            raw.db->Put(leveldb::WriteOptions(),
                        layout::itemKey(orders->id, item.at("pk"), &item.at("sk")),
                        StoredItem::fromItem(item, itemSize(item)).record());
            batch.push_back(std::move(item));
        }
        if (auto s = engine.putItems("Orders", std::move(batch)); !s) fail(s.error());
    }
    std::uniform_int_distribution<int> pickPartition(0, config.partitions - 1);
    std::vector<int> queries(config.queryCount);
    for (auto& q : queries) q = pickPartition(random);
    size_t rawRead = 0, engineRead = 0;
    const Ratios queryRatio = bestOf(
        "raw LevelDB 100-entry scan", "engine Query (100 items)", config.queryCount, [] {},
        [&] {
            for (int p : queries) {
                const std::string prefix =
                    layout::partitionPrefix(orders->id, AttributeValue::string(userId(p)));
                std::unique_ptr<leveldb::Iterator> it(raw.db->NewIterator(leveldb::ReadOptions()));
                // Copy the values out, as any reader of the entries must.
                std::vector<std::string> entries;
                for (it->Seek(prefix);
                     it->Valid() && it->key().starts_with(prefix) && entries.size() < 100;
                     it->Next())
                    entries.push_back(it->value().ToString());
                rawRead += entries.size();
            }
        },
        [&] {
            for (int p : queries) {
                QuerySpec spec;
                spec.tableName = "Orders";
                spec.partitionKey = AttributeValue::string(userId(p));
                spec.limit = 100;
                auto page = engine.query(spec);
                if (!page || page->items.size() != 100)
                    fail(page ? internalError("short page") : page.error());
                engineRead += page->items.size();
            }
        });
    if (rawRead != engineRead) {
        std::fprintf(stderr, "raw and engine read different item counts\n");
        return 1;
    }

    // The full request path (JSON request in, JSON response out) for reference; not a ratio.
    auto start = Clock::now();
    const int dispatchQueries = std::max(1, config.queryCount / 10);
    for (int i = 0; i < dispatchQueries; ++i) {
        Json request = {{"TableName", "Orders"},
                        {"KeyConditionExpression", "pk = :p"},
                        {"ExpressionAttributeValues", {{":p", {{"S", userId(queries[i])}}}}},
                        {"Limit", 100}};
        auto response = dispatch(engine, "Query", request);
        if (!response) fail(response.error());
    }
    report("dispatch Query JSON (100)", dispatchQueries, secondsSince(start));

    std::printf(
        "RESULT put_ratio=%.2f get_ratio=%.2f query_ratio=%.2f bulk_items_per_s=%.0f "
        "bulk_peak_rss_mb=%ld put_ratio_median=%.2f get_ratio_median=%.2f "
        "query_ratio_median=%.2f\n",
        putRatio.best, getRatio.best, queryRatio.best, bulkRate, bulkRssMb, putRatio.median,
        getRatio.median, queryRatio.median);
    return 0;
}
