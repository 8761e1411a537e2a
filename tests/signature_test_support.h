#pragma once
// The InvalidSignatureException message DynamoDB sends for a signature that does not verify,
// built from the canonical request a test expects, for the endpoint suites to compare with.

#include <string>

#include "protocol/sigv4.h"

namespace shardscape::testing {

inline std::string signatureMismatchMessage(const std::string& date, const sigv4::Scope& scope,
                                            const std::string& canonical) {
    return "The request signature we calculated does not match the signature you provided. "
           "Check your AWS Secret Access Key and signing method. Consult the service "
           "documentation for details.\n\nThe Canonical String for this request should have "
           "been\n'" +
           canonical + "'\n\nThe String-to-Sign should have been\n'" +
           sigv4::stringToSign(date, scope, canonical) + "'\n";
}

}  // namespace shardscape::testing
