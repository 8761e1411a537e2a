// Test helper: writes items forever and prints "ack N" once PutItem N has returned, so
// test_cli can kill -9 it at any moment and check every acknowledged write survived.
#include <cstdio>
#include <string>

#include "dispatch.h"
#include "engine.h"

using namespace shardscape;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: durability_writer DATA_DIR\n");
        return 2;
    }
    auto engine = Engine::open(argv[1]);
    if (!engine) {
        std::fprintf(stderr, "%s\n", engine.error().message.c_str());
        return 1;
    }
    Json create = Json::parse(R"({"TableName":"Journal","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})");
    if (auto created = dispatch(**engine, "CreateTable", create); !created) return 1;
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    for (long i = 0;; ++i) {
        Json put = {
            {"TableName", "Journal"},
            {"Item",
             {{"id", {{"N", std::to_string(i)}}}, {"payload", {{"S", std::string(300, 'x')}}}}}};
        auto response = dispatch(**engine, "PutItem", put);
        if (!response) {
            std::fprintf(stderr, "%s\n", response.error().message.c_str());
            return 1;
        }
        std::printf("ack %ld\n", i);
    }
}
