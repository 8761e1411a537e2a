#pragma once
// Authenticates DynamoDB requests the way DynamoDB does, with DynamoDB's error types and
// messages. Every request must carry a SigV4 Authorization header (as with DynamoDB Local);
// by default any well-formed one is accepted. With required credentials, the key id must
// match and the signature must verify against the secret.

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

  private:
    Status verify(const HttpRequest& request, const sigv4::Authorization& auth) const;

    std::optional<sigv4::Credentials> required_;
    std::function<std::time_t()> clock_;
};

}  // namespace shardscape
