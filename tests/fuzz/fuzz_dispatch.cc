// libFuzzer target: whole requests through dispatchText() (core/dispatch.h).
//
// Input: "<OperationName>\n<request body>". One Engine is opened once, in a fresh mkdtemp()
// directory, with a table "tbl" (hash key pk:S, range key sk:N) and a few items, and every input
// runs against it, so state carries over between inputs as it does in a live process.
// Any error is fine except InternalServer: dispatch() reports a handler's exception (or a
// storage failure) that way, so it means a bug and traps.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "api/dispatch.h"

using shardscape::Engine;

namespace {

std::string g_directory;

void removeDirectory() {
    std::error_code ec;
    if (!g_directory.empty()) std::filesystem::remove_all(g_directory, ec);
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_dispatch: %s: %s\n", what, detail.c_str());
    std::abort();
}

void mustSucceed(Engine& engine, std::string_view operation, std::string_view body) {
    auto result = shardscape::dispatchText(engine, operation, body);
    if (!result) fail("set-up request failed", result.error().message);
}

Engine& engine() {
    static Engine* instance = [] {
        std::string templ =
            (std::filesystem::temp_directory_path() / "shardscape-fuzz-XXXXXX").string();
        if (!mkdtemp(templ.data())) fail("mkdtemp", templ);
        g_directory = templ;
        std::atexit(removeDirectory);

        shardscape::EngineOptions options;
        options.blockCacheBytes = 8u << 20;
        options.writeBufferBytes = 4u << 20;
        auto opened = Engine::open(g_directory, options);
        if (!opened) fail("Engine::open", opened.error().message);
        // Leaked on purpose: LevelDB's background thread must outlive every input, and
        // libFuzzer exits without unwinding.
        Engine* e = opened.value().release();
        mustSucceed(*e, "CreateTable", R"({
            "TableName": "tbl",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "sk", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                          {"AttributeName": "sk", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"})");
        mustSucceed(*e, "PutItem", R"({"TableName": "tbl", "Item": {
            "pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "10"}, "s": {"S": "x"},
            "l": {"L": [{"N": "1"}, {"S": "y"}]}, "m": {"M": {"k": {"BOOL": true}}},
            "ss": {"SS": ["p", "q"]}}})");
        mustSucceed(*e, "PutItem", R"({"TableName": "tbl", "Item": {
            "pk": {"S": "a"}, "sk": {"N": "2"}, "b": {"B": "AAEC"}, "ns": {"NS": ["1", "2.5"]}}})");
        mustSucceed(*e, "PutItem",
                    R"({"TableName": "tbl", "Item": {"pk": {"S": "b"}, "sk": {"N": "-1"}}})");
        return e;
    }();
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)engine();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    const std::string_view operation = input.substr(0, newline);
    const std::string_view body = input.substr(newline + 1);

    auto result = shardscape::dispatchText(engine(), operation, body);
    if (!result && result.error().type == shardscape::ErrorType::InternalServer) {
        std::fprintf(stderr, "fuzz_dispatch: InternalServer from %.*s: %s\n",
                     static_cast<int>(operation.size()), operation.data(),
                     result.error().message.c_str());
        __builtin_trap();
    }
    return 0;
}
