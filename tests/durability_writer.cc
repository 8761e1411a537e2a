// Test helper for test_cli's kill -9 tests. Prints "ack N" once write N has returned.
//   durability_writer DATA_DIR                 PutItem forever
//   durability_writer DATA_DIR transactions    TransactWriteItems forever on a table with a
//                                              GSI and an LSI (see transactionLoop)
#include <cstdio>
#include <cstring>
#include <string>

#include "api/dispatch.h"
#include "storage/engine.h"

using namespace shardscape;

namespace {

std::string numbered(const char* prefix, long n) {
    std::string out(prefix);
    out.append(std::to_string(n));
    return out;
}

int fail(const Error& error) {
    std::fprintf(stderr, "%s\n", error.message.c_str());
    return 1;
}

int putLoop(Engine& engine) {
    Json create = Json::parse(R"({"TableName":"Journal","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})");
    if (auto created = dispatch(engine, "CreateTable", create); !created)
        return fail(created.error());
    for (long i = 0;; ++i) {
        Json put = {
            {"TableName", "Journal"},
            {"Item",
             {{"id", {{"N", std::to_string(i)}}}, {"payload", {{"S", std::string(300, 'x')}}}}}};
        if (auto response = dispatch(engine, "PutItem", put); !response)
            return fail(response.error());
        std::printf("ack %ld\n", i);
    }
}

// Transaction i: puts a<i> and b<i>, deletes a<i-5>, and sets ctr.last = i. Every item has
// index keys, so each transaction also changes both indexes, and the table's stream gets a
// record per changed item. After a crash the table must hold exactly a<L-4..L>, b<0..L> and
// ctr.last = L for some L, with indexes and stream records to match.
int transactionLoop(Engine& engine) {
    Json create = Json::parse(R"({"TableName":"Ledger","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
          {"AttributeName":"g","AttributeType":"S"},{"AttributeName":"n","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},
          {"AttributeName":"n","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],
        "LocalSecondaryIndexes":[{"IndexName":"byN","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
          {"AttributeName":"n","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
        "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})");
    if (auto created = dispatch(engine, "CreateTable", create); !created)
        return fail(created.error());
    auto entry = [](const char* pk, long i) {
        return Json{{"pk", {{"S", pk}}},
                    {"sk", {{"S", numbered("", i)}}},
                    {"g", {{"S", i % 2 ? "odd" : "even"}}},
                    {"n", {{"N", std::to_string(i)}}},
                    {"payload", {{"S", std::string(200, 'x')}}}};
    };
    for (long i = 0;; ++i) {
        Json items = Json::array();
        items.push_back({{"Put", {{"TableName", "Ledger"}, {"Item", entry("a", i)}}}});
        items.push_back({{"Put", {{"TableName", "Ledger"}, {"Item", entry("b", i)}}}});
        items.push_back({{"Update",
                          {{"TableName", "Ledger"},
                           {"Key", {{"pk", {{"S", "ctr"}}}, {"sk", {{"S", "0"}}}}},
                           {"UpdateExpression", "SET #l = :i, g = :g, n = :i"},
                           {"ExpressionAttributeNames", {{"#l", "last"}}},
                           {"ExpressionAttributeValues",
                            {{":i", {{"N", std::to_string(i)}}}, {":g", {{"S", "ctr"}}}}}}}});
        if (i >= 5)
            items.push_back(
                {{"Delete",
                  {{"TableName", "Ledger"},
                   {"Key", {{"pk", {{"S", "a"}}}, {"sk", {{"S", numbered("", i - 5)}}}}}}}});
        auto response = dispatch(engine, "TransactWriteItems", Json{{"TransactItems", items}});
        if (!response) return fail(response.error());
        std::printf("ack %ld\n", i);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3 || (argc == 3 && std::strcmp(argv[2], "transactions") != 0)) {
        std::fprintf(stderr, "usage: durability_writer DATA_DIR [transactions]\n");
        return 2;
    }
    auto engine = Engine::open(argv[1]);
    if (!engine) return fail(engine.error());
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    return argc == 3 ? transactionLoop(**engine) : putLoop(**engine);
}
