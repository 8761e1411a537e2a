#include "remote/connection_profile.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "remote/aws_shared_config.h"

extern char** environ;

namespace shardscape {
namespace {

std::optional<IniFile> readIni(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return parseIni(text.str());
}

std::string sharedFile(const AwsEnvironment& env, const char* variable, const char* name) {
    std::string path = env.variable(variable);
    if (path.empty()) path = env.home + "/.aws/" + name;
    return path;
}

std::string lookup(const std::optional<IniSection>& section, const std::string& key) {
    if (!section) return {};
    auto it = section->find(key);
    return it == section->end() ? std::string() : it->second;
}

struct SharedProfile {
    bool found = false;
    std::optional<IniSection> credentials;  // the credentials file's section
    std::optional<IniSection> config;       // the config file's section
    std::string credentialsPath, configPath;
};

SharedProfile readProfile(const AwsEnvironment& env, const std::string& name) {
    SharedProfile profile;
    profile.credentialsPath = sharedFile(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
    profile.configPath = sharedFile(env, "AWS_CONFIG_FILE", "config");
    if (auto file = readIni(profile.credentialsPath)) {
        auto it = file->find(name);
        if (it != file->end()) profile.credentials = it->second;
    }
    if (auto file = readIni(profile.configPath)) profile.config = configProfile(*file, name);
    profile.found = profile.credentials || profile.config;
    return profile;
}

// The profile's keys: the credentials file first, then the config file.
std::optional<std::pair<sigv4::Credentials, std::string>> profileKeys(const SharedProfile& profile,
                                                                      const std::string& name) {
    for (const auto* section : {&profile.credentials, &profile.config}) {
        const std::string id = lookup(*section, "aws_access_key_id");
        const std::string secret = lookup(*section, "aws_secret_access_key");
        if (id.empty() || secret.empty()) continue;
        const std::string& path =
            section == &profile.credentials ? profile.credentialsPath : profile.configPath;
        return std::pair{sigv4::Credentials{id, secret, lookup(*section, "aws_session_token")},
                         "profile " + name + " (" + path + ")"};
    }
    return std::nullopt;
}

}  // namespace

AwsEnvironment AwsEnvironment::fromProcess() {
    AwsEnvironment env;
    for (char** entry = environ; entry && *entry; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos)
            env.variables[text.substr(0, equals)] = text.substr(equals + 1);
    }
    env.home = env.variable("HOME");
    return env;
}

std::string AwsEnvironment::variable(const std::string& name) const {
    auto it = variables.find(name);
    return it == variables.end() ? std::string() : it->second;
}

std::string regionalEndpoint(const std::string& region) {
    return "https://dynamodb." + region + ".amazonaws.com";
}

std::string credentialSourceName(CredentialSource source) {
    switch (source) {
        case CredentialSource::Default:
            return "default";
        case CredentialSource::SharedProfile:
            return "profile";
        case CredentialSource::Typed:
            return "typed";
    }
    return "default";
}

Result<ResolvedConnection> resolveConnection(const ConnectionProfile& profile,
                                             const AwsEnvironment& env) {
    ResolvedConnection resolved;
    std::string profileName = profile.awsProfile;
    if (profileName.empty()) profileName = env.variable("AWS_PROFILE");
    const bool profileNamed = !profileName.empty();
    if (profileName.empty()) profileName = "default";
    const SharedProfile shared = readProfile(env, profileName);
    const bool profileRequired = profile.source == CredentialSource::SharedProfile ||
                                 (profile.source == CredentialSource::Default && profileNamed &&
                                  env.variable("AWS_ACCESS_KEY_ID").empty());
    if (profileRequired && !shared.found)
        return validationError("The config profile (" + profileName + ") could not be found");

    switch (profile.source) {
        case CredentialSource::Typed:
            if (profile.typed.accessKeyId.empty() || profile.typed.secretAccessKey.empty())
                return validationError(
                    "Typed credentials need both an access key id and a secret access key");
            resolved.credentials = profile.typed;
            resolved.credentialOrigin = "typed in";
            break;
        case CredentialSource::Default: {
            const std::string id = env.variable("AWS_ACCESS_KEY_ID");
            const std::string secret = env.variable("AWS_SECRET_ACCESS_KEY");
            if (!id.empty() && !secret.empty()) {
                resolved.credentials = {id, secret, env.variable("AWS_SESSION_TOKEN")};
                resolved.credentialOrigin = "environment";
                break;
            }
            [[fallthrough]];
        }
        case CredentialSource::SharedProfile: {
            auto keys = profileKeys(shared, profileName);
            if (!keys)
                return validationError(
                    "Unable to locate credentials. You can configure credentials by running "
                    "\"aws configure\".");
            resolved.credentials = keys->first;
            resolved.credentialOrigin = keys->second;
            break;
        }
    }

    resolved.region = profile.region;
    if (resolved.region.empty()) resolved.region = env.variable("AWS_REGION");
    if (resolved.region.empty()) resolved.region = env.variable("AWS_DEFAULT_REGION");
    if (resolved.region.empty()) resolved.region = lookup(shared.config, "region");
    resolved.endpointUrl = profile.endpointUrl;
    if (resolved.endpointUrl.empty()) {
        if (resolved.region.empty())
            return validationError("You must specify a region or an endpoint URL.");
        resolved.endpointUrl = regionalEndpoint(resolved.region);
    }
    if (resolved.region.empty()) resolved.region = "us-east-1";
    return resolved;
}

}  // namespace shardscape
