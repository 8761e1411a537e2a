#pragma once
// AWS Signature Version 4 (HMAC-SHA256), over Qt's QCryptographicHash and
// QMessageAuthenticationCode: the canonical request, the string to sign, the signing key and
// the signature, plus the Authorization header in both directions. The local endpoint uses it
// to verify requests; remote connections use it to sign them.
//
// Canonical URIs are encoded as given (no "."/".." normalisation: DynamoDB's path is "/").

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shardscape::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kTerminator = "aws4_request";

struct Credentials {
    std::string accessKeyId;
    std::string secretAccessKey;
    std::string sessionToken;  // empty unless temporary credentials
};

// What is signed: the request line, the headers as sent (any case, in order, duplicates
// allowed) and the payload's SHA-256 in lowercase hex.
struct SignableRequest {
    std::string method;
    std::string path;   // as on the request line, without the query
    std::string query;  // raw query string without '?', may be empty
    std::vector<std::pair<std::string, std::string>> headers;
    std::string payloadHash;
};

// The "<date>/<region>/<service>/aws4_request" part of a credential.
struct Scope {
    std::string date;  // YYYYMMDD
    std::string region;
    std::string service;
    std::string text() const;
};

// A parsed "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." header.
struct Authorization {
    std::string algorithm;
    std::string credential;  // the whole Credential value
    std::string signedHeaders;
    std::string signature;
    // Which of Credential, Signature and SignedHeaders were present.
    bool hasCredential = false, hasSignature = false, hasSignedHeaders = false;

    std::vector<std::string> signedHeaderNames() const;  // split on ';'
};

std::string sha256Hex(std::string_view data);
std::string hmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string toHex(std::string_view bytes);

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, everything else
// %XX in upper case; '/' kept only when `keepSlash`.
std::string uriEncode(std::string_view text, bool keepSlash);
std::string canonicalUri(std::string_view path);
std::string canonicalQuery(std::string_view query);
// Lower-cased name, value trimmed with inner runs of spaces collapsed; duplicates joined by ','.
std::string canonicalHeaderValue(const SignableRequest& request, std::string_view lowerName);

std::string canonicalRequest(const SignableRequest& request,
                             const std::vector<std::string>& signedHeaders);
std::string stringToSign(std::string_view amzDate, const Scope& scope,
                         std::string_view canonicalRequestText);
std::string signingKey(std::string_view secret, const Scope& scope);
std::string signature(std::string_view signingKeyBytes, std::string_view stringToSignText);

// Parses an Authorization header; the algorithm is its first word (up to a space or a
// comma), then comma- or space-separated key=value pairs.
Authorization parseAuthorization(std::string_view header);

// Signs `request` (whose headers must already hold Host and X-Amz-Date, and
// X-Amz-Security-Token when the credentials have a session token): signs every header it has
// and returns the Authorization header value.
std::string authorizationHeader(const SignableRequest& request, const Credentials& credentials,
                                std::string_view amzDate, const Scope& scope);

}  // namespace shardscape::sigv4
