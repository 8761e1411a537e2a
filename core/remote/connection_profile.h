#pragma once
// A connection to a real DynamoDB (or a compatible server): where it is and which
// credentials sign its requests, and how that resolves against the environment and the
// AWS shared files the way the AWS CLI resolves them.
//
// Endpoint: the URL given, else https://dynamodb.REGION.amazonaws.com.
// Region: the one given, else AWS_REGION, AWS_DEFAULT_REGION, the profile's `region` in
// ~/.aws/config; with an explicit endpoint and none of those, us-east-1.
// Credentials:
//  - Default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) when set, else
//    the shared profile named by AWS_PROFILE (or "default");
//  - SharedProfile: that profile only (its keys from ~/.aws/credentials, else ~/.aws/config);
//  - Typed: the keys typed in.
// AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE move the shared files as they do for the CLI.

#include <map>
#include <string>

#include "base/result.h"
#include "protocol/sigv4.h"

namespace shardscape {

enum class CredentialSource { Default, SharedProfile, Typed };

struct ConnectionProfile {
    std::string name;         // how the user calls it
    std::string endpointUrl;  // empty: the region's DynamoDB endpoint
    std::string region;       // empty: from the environment or the shared profile
    CredentialSource source = CredentialSource::Default;
    std::string awsProfile;    // SharedProfile (and Default's fallback); empty: AWS_PROFILE
    sigv4::Credentials typed;  // Typed only
    // Whether the typed secret (and session token) may be stored with the profile; otherwise
    // they last as long as the session.
    bool rememberSecret = false;
};

// What the resolution reads: environment variables and the home directory.
struct AwsEnvironment {
    std::map<std::string, std::string> variables;
    std::string home;

    static AwsEnvironment fromProcess();
    std::string variable(const std::string& name) const;  // "" when unset
};

struct ResolvedConnection {
    std::string endpointUrl;
    std::string region;
    sigv4::Credentials credentials;
    std::string credentialOrigin;  // e.g. "environment", "profile work (~/.aws/credentials)"
};

std::string regionalEndpoint(const std::string& region);

// Errors (ValidationException) say what is missing, in the AWS CLI's words where it has them.
Result<ResolvedConnection> resolveConnection(const ConnectionProfile& profile,
                                             const AwsEnvironment& environment);

std::string credentialSourceName(CredentialSource source);  // "default", "profile", "typed"

}  // namespace shardscape
