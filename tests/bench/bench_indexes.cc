// PutItem on a table with no secondary index, with 2 GSIs and with 5 LSIs, measured in one
// run: what index maintenance costs a write.
//
// Prints one line per figure and, last:
//   RESULT gsi2_ratio=… lsi5_ratio=… gsi2_ratio_median=… lsi5_ratio_median=…
// Ratios are PutItem throughput with the indexes / without (1.0 = indexes cost nothing), of
// the best rounds and of the median rounds; each table also prints its min / median / max.
// Every put writes a new item, so each one also writes every index entry. Every put reads the
// item it replaces, as puts on indexed tables must (a table without indexes may skip that
// read: Engine::putItem), so that the ratios isolate index maintenance.
// --quick runs a small version in seconds (ctest runs it so the benchmark cannot rot).

#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "api/dispatch.h"
#include "round_figures.h"
#include "storage/engine.h"
#include "values/attribute_json.h"

using namespace shardscape;

namespace {

using Clock = std::chrono::steady_clock;

void fail(const Error& e) {
    std::fprintf(stderr, "engine error: %s: %s\n", e.name().c_str(), e.message.c_str());
    std::exit(1);
}

std::string numbered(const char* prefix, long n) {
    std::string out(prefix);
    out.append(std::to_string(n));
    return out;
}

Json baseTable(const char* name) {
    Json table = {{"TableName", name},
                  {"BillingMode", "PAY_PER_REQUEST"},
                  {"AttributeDefinitions",
                   {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                    {{"AttributeName", "sk"}, {"AttributeType", "S"}}}},
                  {"KeySchema",
                   {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                    {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}}};
    return table;
}

void define(Json& table, const std::string& attribute, const char* type) {
    table["AttributeDefinitions"].push_back(
        {{"AttributeName", attribute}, {"AttributeType", type}});
}

// Single-table-design shaped items: a customer's orders with the attributes the indexes use.
Item makeItem(long round, long i) {
    Item item;
    item.emplace("pk", AttributeValue::string(numbered("CUSTOMER#", (round * 7919 + i) % 5000)));
    item.emplace("sk", AttributeValue::string(numbered("ORDER#", round * 10000000 + i)));
    item.emplace("status", AttributeValue::string(i % 4 ? "SHIPPED" : "OPEN"));
    item.emplace("placedAt", AttributeValue::number(std::to_string(1700000000 + i)));
    item.emplace("email", AttributeValue::string(numbered("customer", i % 5000) + "@example.com"));
    item.emplace("total", AttributeValue::number(std::to_string(i % 1000) + ".95"));
    for (int l = 1; l <= 5; ++l)
        item.emplace(numbered("l", l), AttributeValue::number(std::to_string((i * l) % 100000)));
    item.emplace("address",
                 AttributeValue::string("221B Baker Street, Marylebone, London NW1 6XE, UK"));
    item.emplace("notes", AttributeValue::string(std::string(60, 'n')));
    return item;
}

}  // namespace

int main(int argc, char** argv) {
    int count = 100000;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            count = 3000;
        } else {
            std::fprintf(stderr, "usage: bench_indexes [--quick]\n");
            return 2;
        }
    }
    QTemporaryDir dir;
    auto opened = Engine::open(dir.path().toStdString());
    if (!opened) fail(opened.error());
    Engine& engine = **opened;

    Json plain = baseTable("Plain");
    Json gsi2 = baseTable("TwoGsi");
    define(gsi2, "status", "S");
    define(gsi2, "placedAt", "N");
    define(gsi2, "email", "S");
    gsi2["GlobalSecondaryIndexes"] = {
        {{"IndexName", "byStatus"},
         {"KeySchema",
          {{{"AttributeName", "status"}, {"KeyType", "HASH"}},
           {{"AttributeName", "placedAt"}, {"KeyType", "RANGE"}}}},
         {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}},
        {{"IndexName", "byEmail"},
         {"KeySchema", {{{"AttributeName", "email"}, {"KeyType", "HASH"}}}},
         {"Projection", {{"ProjectionType", "ALL"}}}}};
    Json lsi5 = baseTable("FiveLsi");
    lsi5["LocalSecondaryIndexes"] = Json::array();
    for (int l = 1; l <= 5; ++l) {
        define(lsi5, numbered("l", l), "N");
        Json projection =
            l % 2 ? Json{{"ProjectionType", "KEYS_ONLY"}}
                  : Json{{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"status", "total"}}};
        lsi5["LocalSecondaryIndexes"].push_back(
            {{"IndexName", numbered("lsi", l)},
             {"KeySchema",
              {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
               {{"AttributeName", numbered("l", l)}, {"KeyType", "RANGE"}}}},
             {"Projection", projection}});
    }
    for (const Json* table : {&plain, &gsi2, &lsi5})
        if (auto created = dispatch(engine, "CreateTable", *table); !created) fail(created.error());

    // Best of three rounds; the tables take turns going first, and every round writes new
    // items (items are built outside the timed region).
    const char* names[] = {"Plain", "TwoGsi", "FiveLsi"};
    shardscape::testing::RoundFigures rates[3];
    for (int round = 0; round < 3; ++round) {
        for (int turn = 0; turn < 3; ++turn) {
            const int t = (turn + round) % 3;
            std::vector<Item> items;
            items.reserve(count);
            for (long i = 0; i < count; ++i) items.push_back(makeItem(round, i));
            const auto start = Clock::now();
            for (auto& item : items)
                if (auto r =
                        engine.putItem(names[t], std::move(item), {}, Engine::ReplacedItem::Needed);
                    !r)
                    fail(r.error());
            const double rate = count / std::chrono::duration<double>(Clock::now() - start).count();
            rates[t].add(rate);
        }
    }
    const char* labels[] = {"PutItem, no index", "PutItem, 2 GSIs", "PutItem, 5 LSIs"};
    for (int t = 0; t < 3; ++t)
        std::printf("%-32s %10.0f puts/s  %s\n", labels[t], rates[t].max(),
                    rates[t].spread().c_str());
    for (const char* name : names) {
        auto described = engine.describeTable(name);
        std::printf("%-8s %lld items, %zu indexes\n", name,
                    static_cast<long long>(described->second.itemCount),
                    described->first.indexes.size());
        if (described->second.itemCount != 3LL * count) {
            std::fprintf(stderr, "%s lost items\n", name);
            return 1;
        }
        for (const auto& index : described->first.indexes)
            if (described->second.indexes.at(index.id).itemCount != 3LL * count) {
                std::fprintf(stderr, "%s index %s lost entries\n", name, index.name.c_str());
                return 1;
            }
    }
    std::printf(
        "RESULT gsi2_ratio=%.2f lsi5_ratio=%.2f gsi2_ratio_median=%.2f lsi5_ratio_median=%.2f\n",
        rates[1].max() / rates[0].max(), rates[2].max() / rates[0].max(),
        rates[1].median() / rates[0].median(), rates[2].median() / rates[0].median());
    return 0;
}
