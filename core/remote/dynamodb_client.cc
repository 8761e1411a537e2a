#include "remote/dynamodb_client.h"

#include <httplib.h>

#include <charconv>

#include "api/dispatch.h"
#include "protocol/json_protocol.h"
#include "protocol/sigv4.h"

namespace shardscape {
namespace {

constexpr ErrorType kLastErrorType = ErrorType::UnrecognizedClient;

std::string amzDate(std::time_t now) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

// What a transport failure means, for the message.
std::string transportProblem(httplib::Error error) {
    switch (error) {
        case httplib::Error::Connection:
            return "could not connect (no server at that address, or no route to it)";
        case httplib::Error::ConnectionTimeout:
            return "the connection timed out";
        case httplib::Error::Read:
            return "no complete response (the connection was closed or timed out)";
        case httplib::Error::Write:
            return "the request could not be sent";
        case httplib::Error::SSLConnection:
            return "the TLS handshake failed";
        case httplib::Error::SSLLoadingCerts:
            return "the system's CA certificates could not be loaded";
        case httplib::Error::SSLServerVerification:
            return "the server's certificate could not be verified";
        default:
            return httplib::to_string(error);
    }
}

}  // namespace

std::string EndpointUrl::origin() const {
    return scheme + "://" + hostHeader();
}

std::string EndpointUrl::hostHeader() const {
    const int standard = scheme == "https" ? 443 : 80;
    if (port == standard) return host;
    return host + ":" + std::to_string(port);
}

Result<EndpointUrl> parseEndpointUrl(std::string_view url) {
    auto invalid = [&](const std::string& why) {
        return validationError("Invalid endpoint URL '" + std::string(url) + "': " + why);
    };
    EndpointUrl endpoint;
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return invalid("it must start with http:// or https://");
    endpoint.scheme = std::string(url.substr(0, schemeEnd));
    for (char& c : endpoint.scheme)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (endpoint.scheme != "http" && endpoint.scheme != "https")
        return invalid("it must start with http:// or https://");
    std::string_view rest = url.substr(schemeEnd + 3);
    const auto pathStart = rest.find('/');
    std::string_view authority = rest.substr(0, pathStart);
    if (pathStart != std::string_view::npos) endpoint.path = std::string(rest.substr(pathStart));
    if (endpoint.path.find_first_of("?#") != std::string::npos)
        return invalid("it must not have a query or fragment");
    if (authority.find('@') != std::string_view::npos)
        return invalid("credentials do not belong in the URL");
    endpoint.port = endpoint.scheme == "https" ? 443 : 80;
    std::string_view host = authority;
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        host = authority.substr(0, colon);
        const std::string_view port = authority.substr(colon + 1);
        int value = 0;
        auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (error != std::errc() || end != port.data() + port.size() || value <= 0 || value > 65535)
            return invalid("the port must be 1 to 65535");
        endpoint.port = value;
    }
    if (host.empty()) return invalid("it has no host");
    endpoint.host = std::string(host);
    return endpoint;
}

Result<DynamoDbClient> DynamoDbClient::create(ResolvedConnection connection) {
    auto endpoint = parseEndpointUrl(connection.endpointUrl);
    if (!endpoint) return endpoint.error();
    return DynamoDbClient(std::move(connection), std::move(endpoint).value());
}

HttpRequest DynamoDbClient::signedRequest(std::string_view operation, std::string_view body,
                                          std::time_t now) const {
    HttpRequest request;
    request.method = "POST";
    request.path = endpoint_.path;
    request.body = std::string(body);
    const std::string date = amzDate(now);
    request.headers = {
        {"Host", endpoint_.hostHeader()},
        {"X-Amz-Date", date},
        {"X-Amz-Target",
         std::string(isStreamsOperation(operation) ? JsonProtocol::kStreamsTargetPrefix
                                                   : JsonProtocol::kTargetPrefix) +
             std::string(operation)},
        {"Content-Type", std::string(JsonProtocol::kJson10)},
    };
    const sigv4::Credentials& credentials = connection_.credentials;
    if (!credentials.sessionToken.empty())
        request.headers.emplace_back("X-Amz-Security-Token", credentials.sessionToken);
    const sigv4::SignableRequest signable{
        request.method, request.path, {}, request.headers, sigv4::sha256Hex(body)};
    const sigv4::Scope scope{date.substr(0, 8), connection_.region, "dynamodb"};
    request.headers.emplace_back("Authorization",
                                 sigv4::authorizationHeader(signable, credentials, date, scope));
    return request;
}

Error DynamoDbClient::errorFromResponse(int status, std::string_view body) {
    std::string type, message;
    const Json json = Json::parse(body, nullptr, false);
    if (json.is_object()) {
        if (json.contains("__type") && json["__type"].is_string()) type = json["__type"];
        for (const char* key : {"message", "Message"})
            if (json.contains(key) && json[key].is_string()) message = json[key];
    }
    const auto hash = type.rfind('#');
    if (hash != std::string::npos) type = type.substr(hash + 1);
    if (type.empty())
        return Error{status >= 500 ? ErrorType::InternalServer : ErrorType::Validation,
                     "HTTP " + std::to_string(status) +
                         (body.empty() ? std::string() : ": " + std::string(body.substr(0, 500)))};
    for (int t = 0; t <= static_cast<int>(kLastErrorType); ++t) {
        Error known{static_cast<ErrorType>(t), message};
        if (known.name() == type) {
            // Keep the rest of the error body (e.g. a ConditionalCheckFailed's Item).
            Json extra = json;
            extra.erase("__type");
            extra.erase("message");
            extra.erase("Message");
            if (!extra.empty()) known.extraJson = extra.dump();
            return known;
        }
    }
    return Error{status >= 500 ? ErrorType::InternalServer : ErrorType::Validation,
                 type + (message.empty() ? std::string() : ": " + message)};
}

Result<Json> DynamoDbClient::call(std::string_view operation, const Json& request) const {
    const std::string body = request.dump();
    const HttpRequest signedHttp = signedRequest(operation, body, std::time(nullptr));
    httplib::Client client(endpoint_.origin());
    client.set_connection_timeout(connectTimeout_, 0);
    client.set_read_timeout(readTimeout_, 0);
    client.set_write_timeout(readTimeout_, 0);
    httplib::Headers headers;
    std::string contentType;
    for (const auto& [name, value] : signedHttp.headers) {
        if (headerNameEquals(name, "Content-Type"))
            contentType = value;  // httplib sends the content type it is given
        else
            headers.emplace(name, value);
    }
    auto response = client.Post(endpoint_.path, headers, body, contentType);
    if (!response)
        return Error{ErrorType::InternalServer, "Cannot reach " + connection_.endpointUrl + ": " +
                                                    transportProblem(response.error())};
    if (response->status != 200) return errorFromResponse(response->status, response->body);
    if (response->has_header("x-amz-crc32") && !response->has_header("Content-Encoding")) {
        const std::string expected = response->get_header_value("x-amz-crc32");
        if (expected != std::to_string(JsonProtocol::crc32(response->body)))
            return internalError("The response's CRC32 (" + expected +
                                 ") does not match its body; it was damaged on the way");
    }
    // DynamoDB answers some operations (TagResource, UntagResource) with an empty body.
    if (response->body.empty()) return Json::object();
    Json parsed = Json::parse(response->body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return internalError("The endpoint sent a response that is not a JSON object: " +
                             response->body.substr(0, 200));
    return parsed;
}

}  // namespace shardscape
