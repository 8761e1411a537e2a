// libFuzzer target: the AWS shared files (~/.aws/credentials and ~/.aws/config). The input is
// the credentials file, a byte 0x01, then the config file. Both are parsed as INI (names and
// keys must come out trimmed, on one line), then written to a scratch directory and resolved as
// the AWS CLI would for the default profile and a named one: any outcome but a crash is fine.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "remote/aws_shared_config.h"
#include "remote/connection_profile.h"

using namespace shardscape;

namespace {

bool trimmedSingleLine(std::string_view text) {
    if (text.find('\n') != std::string_view::npos) return false;
    if (text.empty()) return true;
    const auto edge = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    return !edge(text.front()) && !edge(text.back());
}

void checkIni(std::string_view text) {
    const IniFile file = parseIni(text);
    for (const auto& [section, keys] : file) {
        if (!trimmedSingleLine(section)) __builtin_trap();
        for (const auto& [key, value] : keys)
            if (!trimmedSingleLine(key)) __builtin_trap();
    }
    (void)configProfile(file, "default");
    (void)configProfile(file, "work");
}

const std::filesystem::path& scratch() {
    static const std::filesystem::path directory = [] {
        std::string templ =
            (std::filesystem::temp_directory_path() / "shardscape-fuzz-aws-XXXXXX").string();
        if (!mkdtemp(templ.data())) std::abort();
        return std::filesystem::path(templ);
    }();
    return directory;
}

void write(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), std::streamsize(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t split = input.find('\x01');
    const std::string_view credentials = input.substr(0, split);
    const std::string_view config =
        split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
    checkIni(credentials);
    checkIni(config);

    write(scratch() / "credentials", credentials);
    write(scratch() / "config", config);
    AwsEnvironment environment;
    environment.home = scratch().string();
    environment.variables["AWS_SHARED_CREDENTIALS_FILE"] = (scratch() / "credentials").string();
    environment.variables["AWS_CONFIG_FILE"] = (scratch() / "config").string();
    for (const char* name : {"default", "work"}) {
        ConnectionProfile profile;
        profile.source = CredentialSource::SharedProfile;
        profile.awsProfile = name;
        auto resolved = resolveConnection(profile, environment);
        if (resolved && resolved->region.empty()) __builtin_trap();  // a region is always chosen
    }
    return 0;
}
