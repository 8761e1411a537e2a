#include "protocol/sigv4.h"

#include "protocol/http_message.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <algorithm>

namespace shardscape::sigv4 {

namespace {

QByteArrayView view(std::string_view text) {
    return QByteArrayView(text.data(), static_cast<qsizetype>(text.size()));
}

std::string toStd(const QByteArray& bytes) {
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

char asciiLower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), asciiLower);
    return out;
}

bool isUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hexValue(text[i + 1]), low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

}  // namespace

std::string Scope::text() const {
    std::string out = date;
    out.append("/").append(region).append("/").append(service).append("/").append(kTerminator);
    return out;
}

std::vector<std::string> Authorization::signedHeaderNames() const {
    std::vector<std::string> names;
    size_t start = 0;
    while (start <= signedHeaders.size()) {
        const size_t end = std::min(signedHeaders.find(';', start), signedHeaders.size());
        if (end > start) names.push_back(signedHeaders.substr(start, end - start));
        start = end + 1;
    }
    return names;
}

std::string sha256Hex(std::string_view data) {
    return toStd(QCryptographicHash::hash(view(data), QCryptographicHash::Sha256).toHex());
}

std::string hmacSha256(std::string_view key, std::string_view data) {
    return toStd(QMessageAuthenticationCode::hash(QByteArray(data.data(), qsizetype(data.size())),
                                                  QByteArray(key.data(), qsizetype(key.size())),
                                                  QCryptographicHash::Sha256));
}

std::string toHex(std::string_view bytes) {
    return toStd(QByteArray(bytes.data(), qsizetype(bytes.size())).toHex());
}

std::string uriEncode(std::string_view text, bool keepSlash) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string canonicalUri(std::string_view path) {
    if (path.empty()) return "/";
    return uriEncode(path, true);
}

std::string canonicalQuery(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    size_t start = 0;
    while (start < query.size()) {
        const size_t end = std::min(query.find('&', start), query.size());
        const std::string_view part = query.substr(start, end - start);
        if (!part.empty()) {
            const size_t equals = part.find('=');
            const std::string_view name = part.substr(0, equals);
            const std::string_view value =
                equals == std::string_view::npos ? std::string_view() : part.substr(equals + 1);
            pairs.emplace_back(uriEncode(percentDecode(name), false),
                               uriEncode(percentDecode(value), false));
        }
        start = end + 1;
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty()) out.push_back('&');
        out.append(name).append("=").append(value);
    }
    return out;
}

std::string canonicalHeaderValue(const SignableRequest& request, std::string_view lowerName) {
    std::string out;
    bool first = true;
    for (const auto& [name, value] : request.headers) {
        if (name.size() != lowerName.size() || lower(name) != lowerName) continue;
        if (!first) out.push_back(',');
        first = false;
        bool lastWasSpace = false;
        for (const char c : trimHttpWhitespace(value)) {
            const bool space = c == ' ' || c == '\t';
            if (space && lastWasSpace) continue;
            out.push_back(space ? ' ' : c);
            lastWasSpace = space;
        }
    }
    return out;
}

std::string canonicalRequest(const SignableRequest& request,
                             const std::vector<std::string>& signedHeaders) {
    std::string out = request.method;
    out.append("\n").append(canonicalUri(request.path));
    out.append("\n").append(canonicalQuery(request.query)).append("\n");
    std::string names;
    for (const std::string& name : signedHeaders) {
        const std::string lowerName = lower(name);
        out.append(lowerName).append(":").append(canonicalHeaderValue(request, lowerName));
        out.append("\n");
        if (!names.empty()) names.push_back(';');
        names.append(lowerName);
    }
    out.append("\n").append(names).append("\n").append(request.payloadHash);
    return out;
}

std::string stringToSign(std::string_view amzDate, const Scope& scope,
                         std::string_view canonicalRequestText) {
    std::string out(kAlgorithm);
    out.append("\n").append(amzDate).append("\n").append(scope.text()).append("\n");
    out.append(sha256Hex(canonicalRequestText));
    return out;
}

std::string signingKey(std::string_view secret, const Scope& scope) {
    std::string key = "AWS4";
    key.append(secret);
    const std::string dateKey = hmacSha256(key, scope.date);
    const std::string regionKey = hmacSha256(dateKey, scope.region);
    const std::string serviceKey = hmacSha256(regionKey, scope.service);
    return hmacSha256(serviceKey, kTerminator);
}

std::string signature(std::string_view signingKeyBytes, std::string_view stringToSignText) {
    return toHex(hmacSha256(signingKeyBytes, stringToSignText));
}

Authorization parseAuthorization(std::string_view header) {
    Authorization auth;
    header = trimHttpWhitespace(header);
    // The algorithm ends at the first space or comma ("AWS4-HMAC-SHA256,Credential=..." is
    // read as dynalite, checked against DynamoDB, reads it).
    const size_t space = header.find_first_of(", ");
    auth.algorithm = std::string(header.substr(0, space));
    if (space == std::string_view::npos) return auth;
    std::string_view rest = header.substr(space + 1);
    while (!rest.empty()) {
        size_t end = 0;
        while (end < rest.size() && rest[end] != ',' && rest[end] != ' ') ++end;
        const std::string_view part = rest.substr(0, end);
        rest.remove_prefix(std::min(end + 1, rest.size()));
        const size_t equals = part.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view key = part.substr(0, equals);
        const std::string_view value = part.substr(equals + 1);
        if (key == "Credential") {
            auth.credential = value;
            auth.hasCredential = !value.empty();
        } else if (key == "SignedHeaders") {
            auth.signedHeaders = value;
            auth.hasSignedHeaders = !value.empty();
        } else if (key == "Signature") {
            auth.signature = value;
            auth.hasSignature = !value.empty();
        }
    }
    return auth;
}

std::string authorizationHeader(const SignableRequest& request, const Credentials& credentials,
                                std::string_view amzDate, const Scope& scope) {
    std::vector<std::string> names;
    for (const auto& header : request.headers) names.push_back(lower(header.first));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    const std::string toSign = stringToSign(amzDate, scope, canonicalRequest(request, names));
    std::string signedHeaders;
    for (const std::string& name : names) {
        if (!signedHeaders.empty()) signedHeaders.push_back(';');
        signedHeaders.append(name);
    }
    std::string out(kAlgorithm);
    out.append(" Credential=").append(credentials.accessKeyId).append("/").append(scope.text());
    out.append(", SignedHeaders=").append(signedHeaders);
    out.append(", Signature=")
        .append(signature(signingKey(credentials.secretAccessKey, scope), toSign));
    return out;
}

}  // namespace shardscape::sigv4
