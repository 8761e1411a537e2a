// bench_partiql_streams: what PartiQL and DynamoDB Streams cost, each against its own baseline
// measured in the same run, through dispatch (no HTTP):
//  - a PartiQL SELECT by the full key (ExecuteStatement, a ? parameter) against GetItem of the
//    same random keys of 10,000 ~200-byte items;
//  - PutItem on a table with a NEW_AND_OLD_IMAGES stream against the same PutItem on a table
//    without one. Both ask for ReturnConsumedCapacity TOTAL, so both read the item they
//    replace, as every put on a table with a stream must; the ratio isolates the stream's own
//    cost. A plain PutItem on the table without a stream, which skips that read
//    (Engine::putItem), is printed for reference.
// Each phase runs in many short rounds, alternating with its baseline, so that a slow moment
// of the machine spoils few of them; figures are the median round, and each phase prints its
// rounds' min / median / max.
//
//   bench_partiql_streams [--quick]
//
// Last line: RESULT getitem_us=... partiql_us=... partiql_ratio=... put_us=...
//   stream_put_us=... stream_ratio=... (µs per request; a ratio is the baseline's time over
//   the feature's, so 1.0 means no cost and 0.8 means 80 % of the baseline's throughput).
#include <QCoreApplication>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "api/dispatch.h"
#include "round_figures.h"
#include "storage/engine.h"

using namespace shardscape;

namespace {

constexpr int kItems = 10000;

std::string key(int n) {
    std::string out = "user-";
    return out.append(std::to_string(n));
}

Json item(int n, int version) {
    return {{"pk", {{"S", key(n)}}},
            {"Version", {{"N", std::to_string(version)}}},
            {"Name", {{"S", "Person number " + std::to_string(n)}}},
            {"Bio", {{"S", std::string(120, 'b')}}}};
}

Json createTable(const char* name, bool stream) {
    Json request = Json::parse(R"({"BillingMode":"PAY_PER_REQUEST",
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]})");
    request["TableName"] = name;
    if (stream)
        request["StreamSpecification"] = {{"StreamEnabled", true},
                                          {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
    return request;
}

// One round: `perRound` requests through dispatch, in µs per request.
double roundUs(Engine& engine, const std::vector<std::pair<const char*, Json>>& requests,
               int perRound) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < perRound; ++i) {
        const auto& [operation, body] = requests[size_t(i) % requests.size()];
        auto response = dispatch(engine, operation, body);
        if (!response) {
            std::fprintf(stderr, "%s failed: %s\n", operation, response.error().message.c_str());
            std::exit(1);
        }
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
           perRound * 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains("--quick");
    const int perRound = quick ? 5000 : 30000;
    const int rounds = quick ? 1 : 15;
    QTemporaryDir dir;
    if (!dir.isValid()) return 1;
    auto opened = Engine::open(dir.path().toStdString());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        return 1;
    }
    Engine& engine = **opened;
    for (auto [name, stream] : {std::pair{"Plain", false}, std::pair{"Streamed", true}})
        if (auto created = dispatch(engine, "CreateTable", createTable(name, stream)); !created) {
            std::fprintf(stderr, "CreateTable: %s\n", created.error().message.c_str());
            return 1;
        }
    for (int n = 0; n < kItems; ++n)
        (void)dispatch(engine, "PutItem", {{"TableName", "Plain"}, {"Item", item(n, 0)}});

    std::mt19937 random(1);
    std::vector<std::pair<const char*, Json>> gets, selects, puts, streamedPuts, unreadPuts;
    for (int i = 0; i < 1000; ++i) {
        const int n = static_cast<int>(random() % kItems);
        gets.push_back({"GetItem", {{"TableName", "Plain"}, {"Key", {{"pk", {{"S", key(n)}}}}}}});
        selects.push_back({"ExecuteStatement",
                           {{"Statement", "SELECT * FROM \"Plain\" WHERE pk = ?"},
                            {"Parameters", Json::array({{{"S", key(n)}}})}}});
        puts.push_back(
            {"PutItem",
             {{"TableName", "Plain"}, {"Item", item(n, i)}, {"ReturnConsumedCapacity", "TOTAL"}}});
        streamedPuts.push_back({"PutItem",
                                {{"TableName", "Streamed"},
                                 {"Item", item(n, i)},
                                 {"ReturnConsumedCapacity", "TOTAL"}}});
        unreadPuts.push_back({"PutItem", {{"TableName", "Plain"}, {"Item", item(n, i)}}});
    }

    shardscape::testing::RoundFigures getSamples, selectSamples, putSamples, streamSamples,
        unreadSamples;
    // Alternating rounds, so that a slow moment of the machine hits both sides alike.
    for (int round = 0; round < rounds; ++round) {
        getSamples.add(roundUs(engine, gets, perRound));
        selectSamples.add(roundUs(engine, selects, perRound));
        putSamples.add(roundUs(engine, puts, perRound));
        unreadSamples.add(roundUs(engine, unreadPuts, perRound));
        streamSamples.add(roundUs(engine, streamedPuts, perRound));
    }
    const double getUs = getSamples.median(), selectUs = selectSamples.median();
    const double putUs = putSamples.median(), streamUs = streamSamples.median();

    std::printf("GetItem                       %8.2f us/request  %s\n", getUs,
                getSamples.spread(2).c_str());
    std::printf("PartiQL SELECT by full key    %8.2f us/request  %s\n", selectUs,
                selectSamples.spread(2).c_str());
    std::printf("PutItem, no stream            %8.2f us/request  %s\n", putUs,
                putSamples.spread(2).c_str());
    std::printf("  (without ConsumedCapacity:  %8.2f us/request  %s, the replaced item unread)\n",
                unreadSamples.median(), unreadSamples.spread(2).c_str());
    std::printf("PutItem, NEW_AND_OLD_IMAGES   %8.2f us/request  %s\n", streamUs,
                streamSamples.spread(2).c_str());
    std::printf("(%d rounds of %d requests each, medians)\n", rounds, perRound);
    std::printf(
        "RESULT getitem_us=%.2f partiql_us=%.2f partiql_ratio=%.2f put_us=%.2f "
        "stream_put_us=%.2f stream_ratio=%.2f\n",
        getUs, selectUs, getUs / selectUs, putUs, streamUs, putUs / streamUs);
    return 0;
}
