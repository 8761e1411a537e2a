// Replays every fuzz target's seed corpus and found inputs (tests/fuzz/regressions.cmake).
// Usage: fuzz_regressions FUZZ_DIR [TARGET]. A target that traps or aborts ends the run, and
// the last "replaying" line names the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define SHARDSCAPE_FUZZ_TARGETS(X)                                                        \
    X(dispatch)                                                                           \
    X(expressions) X(http_parser) X(json_codec) X(json_text) X(model_file) X(item_reader) \
        X(scenario) X(sigv4) X(aws_config)

#define SHARDSCAPE_DECLARE(name)                                       \
    extern "C" int fuzzInput_##name(const uint8_t* data, size_t size); \
    extern "C" __attribute__((weak)) int fuzzInit_##name(int*, char***);
SHARDSCAPE_FUZZ_TARGETS(SHARDSCAPE_DECLARE)

namespace {

struct Target {
    const char* name;
    int (*input)(const uint8_t*, size_t);
    int (*init)(int*, char***);
};

#define SHARDSCAPE_ENTRY(name) Target{#name, fuzzInput_##name, fuzzInit_##name},
const Target kTargets[] = {SHARDSCAPE_FUZZ_TARGETS(SHARDSCAPE_ENTRY)};

std::vector<std::filesystem::path> inputsOf(const std::filesystem::path& directory) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: fuzz_regressions FUZZ_DIR [TARGET]\n");
        return 2;
    }
    const std::filesystem::path root = argv[1];
    int replayed = 0;
    for (const Target& target : kTargets) {
        if (argc > 2 && std::string(argv[2]) != target.name) continue;
        if (target.init) target.init(&argc, &argv);
        int count = 0;
        for (const char* kind : {"corpus", "regressions"}) {
            for (const auto& file : inputsOf(root / kind / target.name)) {
                std::fprintf(stderr, "replaying %s %s\n", target.name, file.c_str());
                std::ifstream in(file, std::ios::binary);
                const std::string bytes{std::istreambuf_iterator<char>(in), {}};
                target.input(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
                ++count;
            }
        }
        std::printf("%-12s %d inputs\n", target.name, count);
        replayed += count;
    }
    std::printf("replayed %d inputs, none failed\n", replayed);
    return replayed > 0 ? 0 : 1;
}
