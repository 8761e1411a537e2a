// libFuzzer target for the endpoint's HTTP request parser. The first byte picks a piece size;
// the rest is what a client sends. Fed whole and fed in pieces, the bytes must give the same
// requests (method, target, headers, body) and the same error: a parser that depends on how
// TCP happened to split the stream would break real clients now and then.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "http_request_parser.h"

using namespace shardscape;

namespace {

struct Outcome {
    std::vector<std::string> requests;  // each flattened
    int errorStatus = 0;
    bool operator==(const Outcome&) const = default;
};

Outcome parse(std::string_view bytes, size_t piece) {
    Outcome out;
    HttpRequestParser parser(4096);
    std::string buffer;
    size_t offset = 0;
    while (offset < bytes.size()) {
        const size_t take = std::min(piece, bytes.size() - offset);
        buffer.append(bytes.substr(offset, take));
        offset += take;
        for (;;) {
            const auto progress = parser.advance(buffer);
            if (parser.consumed() > buffer.size()) __builtin_trap();
            buffer.erase(0, parser.consumed());
            if (progress == HttpRequestParser::Progress::NeedMore) break;
            if (progress == HttpRequestParser::Progress::Failed) {
                out.errorStatus = parser.error().status;
                if (out.errorStatus < 400 || out.errorStatus > 599) __builtin_trap();
                return out;
            }
            const HttpRequest request = parser.takeRequest();
            if (request.body.size() > 4096) __builtin_trap();
            std::string flat = request.method + ' ' + request.path + '?' + request.query + '\n';
            for (const auto& [name, value] : request.headers)
                flat.append(name).append(":").append(value).append("\n");
            out.requests.push_back(flat.append(request.body));
            parser.reset();
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t piece = 1 + data[0] % 16;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (!(parse(bytes, bytes.size() + 1) == parse(bytes, piece))) __builtin_trap();
    return 0;
}
