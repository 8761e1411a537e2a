#pragma once
// Authenticates DynamoDB requests the way DynamoDB does, with DynamoDB's error types and
// messages. Every request must be SigV4-signed (as with DynamoDB Local), in an Authorization
// header or in the query string (a presigned request: X-Amz-Algorithm, X-Amz-Credential,
// X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature, optionally X-Amz-Expires); by default any
// well-formed signature is accepted. With required credentials, the key id must match and the
// signature must verify against the secret.

#include <ctime>
#include <functional>
#include <optional>

#include "base/result.h"
#include "protocol/http_message.h"
#include "protocol/sigv4.h"

namespace shardscape {

class RequestAuthenticator {
  public:
    // `clock` gives seconds since the epoch (tests fix it); empty means the system clock.
    explicit RequestAuthenticator(std::optional<sigv4::Credentials> required = {},
                                  std::function<std::time_t()> clock = {});

    bool verifiesSignatures() const { return required_.has_value(); }

    // Success, or MissingAuthenticationToken / IncompleteSignature / InvalidSignature /
    // UnrecognizedClient errors worded as DynamoDB words them.
    Status check(const HttpRequest& request) const;

    // Requests may be signed up to this long before or after the server's clock.
    static constexpr std::time_t kAllowedSkewSeconds = 15 * 60;

    // The longest X-Amz-Expires a presigned request is honoured for (a week, as SigV4 allows).
    static constexpr std::time_t kMaxExpires = 7 * 24 * 3600;

  private:
    // A request's signature, from its Authorization header or (presigned) its query string.
    struct Signature {
        sigv4::Authorization auth;
        std::optional<std::string> amzDate;   // X-Amz-Date, header or query parameter
        std::optional<std::string> httpDate;  // the Date header
        bool presigned = false;
        std::optional<std::string> expires;        // X-Amz-Expires of a presigned request
        std::optional<std::string> securityToken;  // X-Amz-Security-Token as a parameter
    };

    Status verify(const HttpRequest& request, const Signature& signature) const;

    std::optional<sigv4::Credentials> required_;
    std::function<std::time_t()> clock_;
};

}  // namespace shardscape
