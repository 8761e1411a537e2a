// libFuzzer target: SigV4 request authentication (protocol/request_authenticator.h).
// Input lines: the first is an Authorization header, checked as sent by both authenticators
// (any well-formed signature accepted; signatures verified) — any answer but a crash is fine.
// The next line is a query string and the rest are "name: value" headers and then the body:
// that request, signed by our signer, must then verify. A request both sides agree on must
// never be refused.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include "protocol/request_authenticator.h"
#include "protocol/sigv4.h"

using namespace shardscape;

namespace {

constexpr std::time_t kNow = 1796601600;  // 2026-12-07T00:00:00Z
constexpr std::string_view kAmzDate = "20261207T000000Z";

const sigv4::Credentials kCredentials{"AKIDFUZZ", "fuzz/secret+key", ""};

std::string_view nextLine(std::string_view& text) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    return line;
}

bool tokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Query strings from characters a client would send, with no presigning parameters (X-Amz-*).
bool plainQuery(std::string_view query) {
    for (char c : query)
        if (!(tokenChar(c) || c == '=' || c == '&' || c == '%' || c == '.' || c == '~'))
            return false;
    return true;
}

bool headerValueChar(char c) {
    return (c >= 0x20 && c < 0x7f) || c == '\t';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    const RequestAuthenticator any({}, [] { return kNow; });
    const RequestAuthenticator verifying(kCredentials, [] { return kNow; });

    HttpRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = {{"Host", "localhost:8000"},
                       {"X-Amz-Date", std::string(kAmzDate)},
                       {"Authorization", std::string(nextLine(input))}};
    (void)any.check(request);
    (void)verifying.check(request);

    const std::string_view query = nextLine(input);
    if (!plainQuery(query)) return 0;
    request.query = std::string(query);
    request.headers.pop_back();
    while (!input.empty()) {
        const std::string_view line = nextLine(input);
        const size_t colon = line.find(':');
        if (line.empty() || colon == std::string_view::npos) break;  // the body follows
        const std::string_view name = line.substr(0, colon);
        if (name.empty() || name.starts_with("x-amz-") || name == "host" ||
            name == "authorization" || name == "date")
            return 0;
        for (char c : name)
            if (!tokenChar(c)) return 0;
        for (char c : line.substr(colon + 1))
            if (!headerValueChar(c)) return 0;
        request.headers.emplace_back(std::string(name), std::string(line.substr(colon + 1)));
    }
    request.body = std::string(input);

    const sigv4::SignableRequest signable{request.method, request.path, request.query,
                                          request.headers, sigv4::sha256Hex(request.body)};
    const sigv4::Scope scope{"20261207", "us-east-1", "dynamodb"};
    request.headers.emplace_back(
        "Authorization", sigv4::authorizationHeader(signable, kCredentials, kAmzDate, scope));
    if (!verifying.check(request)) __builtin_trap();
    return 0;
}
