#include "protocol/json_protocol.h"

#include <zlib.h>

#include <random>

#include "api/dispatch.h"
#include "api/wire_error.h"

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

void addCors(const HttpRequest& request, HttpResponse& response) {
    if (!request.header("Origin")) return;
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
}

}  // namespace

JsonProtocol::JsonProtocol(Engine& engine, RequestAuthenticator authenticator)
    : engine_(engine), authenticator_(std::move(authenticator)) {
    for (std::string& name : supportedOperations()) operations_.insert(std::move(name));
}

HttpResponse JsonProtocol::handle(const HttpRequest& request) const {
    HttpResponse response;
    if (request.method == "OPTIONS" && request.header("Origin")) {
        // CORS preflight, so browser SDKs can call the endpoint.
        if (const std::string* headers = request.header("Access-Control-Request-Headers"))
            response.headers.emplace_back("Access-Control-Allow-Headers", *headers);
        if (const std::string* method = request.header("Access-Control-Request-Method"))
            response.headers.emplace_back("Access-Control-Allow-Methods", *method);
        response.headers.emplace_back("Access-Control-Max-Age", "172800");
        finish(response, {});
    } else if (request.method == "GET") {
        response.body = "healthy: dynamodb.us-east-1.amazonaws.com ";
        finish(response, {});
    } else {
        const std::string_view type = mediaType(request);
        const bool json = type == "application/json" || type == kJson10;
        if (request.method != "POST" || (!request.body.empty() && !json)) {
            response = notFound();
        } else {
            const std::string_view responseType = type == kJson10 ? kJson10 : "application/json";
            const std::string* target = request.header("X-Amz-Target");
            std::string_view operation;
            if (target && target->starts_with(kTargetPrefix))
                operation = std::string_view(*target).substr(kTargetPrefix.size());
            if (!target) {
                response =
                    errorResponse(Error{ErrorType::UnknownOperation, "Missing X-Amz-Target header"},
                                  responseType);
            } else if (!operations_.contains(operation)) {
                response = errorResponse(
                    Error{ErrorType::UnknownOperation, "Unknown operation: " + *target},
                    responseType);
            } else if (Status auth = authenticator_.check(request); !auth) {
                response = errorResponse(auth.error(), responseType);
            } else if (auto result = dispatchText(engine_, operation, request.body); !result) {
                response = errorResponse(result.error(), responseType);
            } else {
                try {
                    if (!hasEmptyResponseBody(operation) || !result->empty())
                        response.body = result->dump();
                    finish(response, responseType);
                } catch (const std::exception& e) {
                    response = errorResponse(
                        internalError(std::string("Internal error: ") + e.what()), responseType);
                }
            }
        }
    }
    addCors(request, response);
    return response;
}

HttpResponse JsonProtocol::payloadTooLarge() {
    HttpResponse response;
    response.status = 413;
    response.headers.emplace_back("x-amzn-RequestId", newRequestId());
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
