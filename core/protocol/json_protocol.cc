#include "protocol/json_protocol.h"

#include <zlib.h>

#include <random>

#include "api/dispatch.h"
#include "api/wire_error.h"
#include "base/json_text.h"

namespace shardscape {

namespace {

// The media type without parameters ("application/json; charset=utf-8" → "application/json").
std::string_view mediaType(const HttpRequest& request) {
    const std::string* value = request.header("Content-Type");
    if (!value) return {};
    std::string_view type = *value;
    return trimHttpWhitespace(type.substr(0, type.find(';')));
}

void finish(HttpResponse& response, std::string_view contentType) {
    response.headers.emplace_back("x-amzn-RequestId", JsonProtocol::newRequestId());
    response.headers.emplace_back("x-amz-crc32",
                                  std::to_string(JsonProtocol::crc32(response.body)));
    if (!contentType.empty())
        response.headers.emplace_back("Content-Type", std::string(contentType));
}

HttpResponse errorResponse(const Error& error, std::string_view contentType) {
    HttpResponse response;
    response.status = wireHttpStatus(error);
    // Messages can quote what the client sent (a header, a name) and so hold bytes that are
    // not UTF-8: they are replaced rather than left to make dump() throw.
    response.body = errorBody(error).dump(-1, ' ', false, Json::error_handler_t::replace);
    finish(response, contentType);
    return response;
}

// What DynamoDB answers to anything that is not a JSON POST: a bare XML 404.
HttpResponse notFound() {
    HttpResponse response;
    response.status = 404;
    response.body = "<UnknownOperationException/>\n";
    finish(response, {});
    return response;
}

// Whether the request is a browser's cross-origin one: an Origin header that is not empty
// (an empty one counts as none, as in dynalite).
bool hasOrigin(const HttpRequest& request) {
    const std::string* origin = request.header("Origin");
    return origin && !origin->empty();
}

// A CORS preflight (an OPTIONS with an Origin): what the browser asked for is allowed, and the
// answer may be cached for two days. No body.
HttpResponse preflight(const HttpRequest& request) {
    HttpResponse response;
    if (const std::string* headers = request.header("Access-Control-Request-Headers"))
        response.headers.emplace_back("Access-Control-Allow-Headers", *headers);
    if (const std::string* method = request.header("Access-Control-Request-Method"))
        response.headers.emplace_back("Access-Control-Allow-Methods", *method);
    response.headers.emplace_back("Access-Control-Max-Age", "172800");
    finish(response, {});
    return response;
}

// The X-Amz-Target's operation when it names one of ours: DynamoDB's under DynamoDB_20120810,
// DynamoDB Streams' under DynamoDBStreams_20120810; else empty (also for one with more or
// fewer than two dot-separated parts).
std::string_view targetOperation(const std::string* target,
                                 const std::set<std::string, std::less<>>& operations) {
    if (!target) return {};
    const bool streams = target->starts_with(JsonProtocol::kStreamsTargetPrefix);
    if (!streams && !target->starts_with(JsonProtocol::kTargetPrefix)) return {};
    const std::string_view operation = std::string_view(*target).substr(
        streams ? JsonProtocol::kStreamsTargetPrefix.size() : JsonProtocol::kTargetPrefix.size());
    if (operation.find('.') != std::string_view::npos || !operations.contains(operation) ||
        isStreamsOperation(operation) != streams)
        return {};
    return operation;
}

}  // namespace

JsonProtocol::JsonProtocol(Engine& engine, RequestAuthenticator authenticator, std::string region)
    : engine_(engine),
      authenticator_(std::move(authenticator)),
      healthCheck_("healthy: dynamodb." + region + ".amazonaws.com ") {
    for (std::string& name : supportedOperations()) operations_.insert(std::move(name));
}

HttpResponse JsonProtocol::handle(const HttpRequest& request) const {
    HttpResponse response = answer(request);
    // CORS, so browser SDKs can call the endpoint: every answer to a request with an Origin.
    if (hasOrigin(request)) response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return response;
}

HttpResponse JsonProtocol::answer(const HttpRequest& request) const {
    // DynamoDB's order: the preflight and the health check, then the method and content type,
    // then the body must be JSON, then the target, then the signature, then the body must not
    // be empty; then the operation validates its request.
    if (request.method == "OPTIONS" && hasOrigin(request)) return preflight(request);
    if (request.method == "GET") {
        HttpResponse response;
        response.body = healthCheck_;
        finish(response, {});
        return response;
    }
    const std::string_view type = mediaType(request);
    const bool json = type == "application/json" || type == kJson10;
    if (request.method != "POST" || (!request.body.empty() && !json)) return notFound();
    const std::string_view responseType = type == kJson10 ? kJson10 : "application/json";

    Json body;
    if (!request.body.empty()) {
        body = parseJsonText(request.body);
        if (body.is_discarded()) return errorResponse(serializationError({}), responseType);
    }
    const std::string_view operation = targetOperation(request.header("X-Amz-Target"), operations_);
    if (operation.empty())
        return errorResponse(Error{ErrorType::UnknownOperation, {}}, responseType);
    if (Status auth = authenticator_.check(request); !auth)
        return errorResponse(auth.error(), responseType);
    if (request.body.empty()) return errorResponse(serializationError({}), responseType);

    auto result = dispatch(engine_, operation, body);
    if (!result) return errorResponse(result.error(), responseType);
    HttpResponse response;
    try {
        if (!hasEmptyResponseBody(operation) || !result->empty()) response.body = result->dump();
    } catch (const std::exception& e) {
        return errorResponse(internalError(std::string("Internal error: ") + e.what()),
                             responseType);
    }
    finish(response, responseType);
    return response;
}

HttpResponse JsonProtocol::payloadTooLarge() {
    HttpResponse response;
    response.status = 413;
    response.body = Json{
        {"__type", "com.amazon.coral.service#RequestEntityTooLargeException"},
        {"message",
         "Request size exceeds the maximum of " + std::to_string(kMaxRequestBytes) +
             " bytes"}}.dump();
    finish(response, kJson10);
    return response;
}

HttpResponse JsonProtocol::failure(const Error& error, std::string_view contentType) {
    return errorResponse(error, contentType);
}

std::string JsonProtocol::newRequestId() {
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // Each 64-bit draw below kLimit (a multiple of 36^12) gives 12 uniform base-36 digits.
    static constexpr int kDigitsPerDraw = 12;
    static constexpr uint64_t kLimit = [] {
        uint64_t power = 1;
        for (int i = 0; i < kDigitsPerDraw; ++i) power *= 36;
        return UINT64_MAX - UINT64_MAX % power;
    }();
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::string id(52, '0');
    size_t filled = 0;
    while (filled < id.size()) {
        uint64_t draw = generator();
        if (draw >= kLimit) continue;
        for (int i = 0; i < kDigitsPerDraw && filled < id.size(); ++i, draw /= 36)
            id[filled++] = kAlphabet[draw % 36];
    }
    return id;
}

uint32_t JsonProtocol::crc32(std::string_view body) {
    uLong crc = ::crc32(0L, Z_NULL, 0);
    const auto* data = reinterpret_cast<const Bytef*>(body.data());
    size_t left = body.size();
    while (left > 0) {
        const uInt chunk = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
        crc = ::crc32(crc, data, chunk);
        data += chunk;
        left -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

}  // namespace shardscape
