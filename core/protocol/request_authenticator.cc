#include "protocol/request_authenticator.h"

#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QTimeZone>

#include "protocol/query_string.h"

namespace shardscape {

namespace {

constexpr const char* kAmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";  // for printing

Error missingToken() {
    return Error{ErrorType::MissingAuthenticationToken, "Request is missing Authentication Token"};
}

Error incomplete(std::string message) {
    return Error{ErrorType::IncompleteSignature, std::move(message)};
}

Error invalidSignature(std::string message) {
    return Error{ErrorType::InvalidSignature, std::move(message)};
}

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string inQuotes(std::string_view text) {
    std::string out = "'";
    out.append(text).append("'");
    return out;
}

std::string amzDateOf(std::time_t seconds) {
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc())
        .toString(kAmzDateFormat)
        .toStdString();
}

// The request's date as seconds since the epoch and in ISO-8601 basic format, from
// X-Amz-Date (the header, or the query parameter of a presigned request) or else an RFC 1123
// Date header.
Result<std::pair<std::time_t, std::string>> requestDate(const std::string* amzDate,
                                                        const std::string* date) {
    QDateTime parsed;
    std::string given;
    if (amzDate) {
        given = *amzDate;
        bool digits = given.size() == 16 && given[8] == 'T' && given[15] == 'Z';
        for (size_t i = 0; digits && i < 15; ++i)
            if (i != 8 && (given[i] < '0' || given[i] > '9')) digits = false;
        if (digits) {
            // Date and time parsed apart, so no local-time rule (a DST gap) touches them.
            const QString text = QString::fromStdString(given);
            parsed = QDateTime(QDate::fromString(text.left(8), "yyyyMMdd"),
                               QTime::fromString(text.mid(9, 6), "HHmmss"), QTimeZone::utc());
        }
    } else if (date) {
        given = *date;
        // HTTP's IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), which Qt's RFC 2822 parser
        // does not take with "GMT"; then RFC 2822 with a numeric zone.
        const QString text = QString::fromStdString(given);
        if (text.size() == 29 && text.endsWith(" GMT"))
            parsed = QDateTime(QLocale::c().toDate(text.left(16), "ddd, dd MMM yyyy"),
                               QTime::fromString(text.mid(17, 8), "HH:mm:ss"), QTimeZone::utc());
        if (!parsed.isValid()) parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    }
    if (!parsed.isValid()) {
        std::string message = "Date must be in ISO-8601 'basic format'. Got ";
        message.append(inQuotes(given)).append(". See http://en.wikipedia.org/wiki/ISO_8601");
        return incomplete(std::move(message));
    }
    const std::time_t seconds = parsed.toSecsSinceEpoch();
    return std::make_pair(seconds, amzDateOf(seconds));
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char difference = 0;
    for (size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

}  // namespace

RequestAuthenticator::RequestAuthenticator(std::optional<sigv4::Credentials> required,
                                           std::function<std::time_t()> clock)
    : required_(std::move(required)), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::time(nullptr); };
}

Status RequestAuthenticator::check(const HttpRequest& request) const {
    const std::string* header = request.header("Authorization");
    const QueryString query(request.query);
    const bool presigned = query.has("X-Amz-Algorithm");
    if (header && presigned)
        return invalidSignature(
            "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP "
            "header.");
    if (!header && !presigned) return missingToken();

    Signature signature;
    std::string message;
    if (header) {
        std::string_view value = *header;
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (!startsWith(value, "AWS4-")) return missingToken();
        signature.auth = sigv4::parseAuthorization(value);
        const sigv4::Authorization& auth = signature.auth;
        if (!auth.hasCredential)
            message.append("Authorization header requires 'Credential' parameter. ");
        if (!auth.hasSignature)
            message.append("Authorization header requires 'Signature' parameter. ");
        if (!auth.hasSignedHeaders)
            message.append("Authorization header requires 'SignedHeaders' parameter. ");
        if (!request.header("X-Amz-Date") && !request.header("Date"))
            message.append(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
                "header. ");
        if (!message.empty()) return incomplete(message.append("Authorization=").append(*header));
        if (const std::string* date = request.header("X-Amz-Date")) signature.amzDate = *date;
        if (const std::string* date = request.header("Date")) signature.httpDate = *date;
    } else {
        // A presigned request: the signature's parts are query-string parameters; an empty
        // one counts as missing.
        for (const char* name : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
                                 "X-Amz-SignedHeaders", "X-Amz-Date"})
            if (query.value(name).empty())
                message.append("AWS query-string parameters must include '")
                    .append(name)
                    .append("'. ");
        if (!message.empty())
            return incomplete(message.append("Re-examine the query-string parameters."));
        signature.presigned = true;
        signature.auth.algorithm = query.value("X-Amz-Algorithm");
        signature.auth.credential = query.value("X-Amz-Credential");
        signature.auth.signature = query.value("X-Amz-Signature");
        signature.auth.signedHeaders = query.value("X-Amz-SignedHeaders");
        signature.auth.hasCredential = signature.auth.hasSignature =
            signature.auth.hasSignedHeaders = true;
        signature.amzDate = query.value("X-Amz-Date");
        if (query.has("X-Amz-Expires")) signature.expires = query.value("X-Amz-Expires");
        if (query.has("X-Amz-Security-Token"))
            signature.securityToken = query.value("X-Amz-Security-Token");
    }

    if (!required_) return Status::success();
    return verify(request, signature);
}

Status RequestAuthenticator::verify(const HttpRequest& request, const Signature& signature) const {
    const sigv4::Authorization& auth = signature.auth;
    auto date = requestDate(signature.amzDate ? &*signature.amzDate : nullptr,
                            signature.httpDate ? &*signature.httpDate : nullptr);
    SHARDSCAPE_TRY(date);
    const auto& [seconds, amzDate] = *date;
    const std::time_t now = clock_();
    // A presigned request with X-Amz-Expires is good for that many seconds after its date
    // (at most a week, as SigV4 allows); other requests within 15 minutes of it.
    std::optional<std::time_t> expires;
    if (signature.expires) {
        bool digits = !signature.expires->empty() && signature.expires->size() <= 7;
        for (char c : *signature.expires) digits = digits && c >= '0' && c <= '9';
        if (digits) expires = std::min<std::time_t>(std::stol(*signature.expires), kMaxExpires);
    }
    if (expires && seconds < now - *expires) {
        std::string message = "Signature expired: ";
        message.append(amzDate).append(" is now earlier than ");
        message.append(amzDateOf(now - *expires)).append(" (").append(amzDateOf(now));
        message.append(" - ").append(std::to_string(*expires)).append(" sec.)");
        return invalidSignature(std::move(message));
    }
    if (!expires && seconds < now - kAllowedSkewSeconds) {
        std::string message = "Signature expired: ";
        message.append(amzDate).append(" is now earlier than ");
        message.append(amzDateOf(now - kAllowedSkewSeconds)).append(" (").append(amzDateOf(now));
        message.append(" - 15 min.)");
        return invalidSignature(std::move(message));
    }
    if (seconds > now + kAllowedSkewSeconds) {
        std::string message = "Signature not yet current: ";
        message.append(amzDate).append(" is still later than ");
        message.append(amzDateOf(now + kAllowedSkewSeconds)).append(" (").append(amzDateOf(now));
        message.append(" + 15 min.)");
        return invalidSignature(std::move(message));
    }

    const std::vector<std::string> signedHeaders = auth.signedHeaderNames();
    bool hostSigned = false;
    for (const std::string& name : signedHeaders) hostSigned |= headerNameEquals(name, "host");
    if (!hostSigned)
        return invalidSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");

    if (auth.algorithm != sigv4::kAlgorithm) {
        std::string message = "Unsupported AWS 'algorithm': ";
        message.append(inQuotes(auth.algorithm)).append(" (only AWS4-HMAC-SHA256 for now). ");
        return incomplete(std::move(message));
    }

    std::string_view credential = auth.credential;
    while (!credential.empty() && credential.back() == '/') credential.remove_suffix(1);
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= credential.size()) {
        const size_t end = std::min(credential.find('/', start), credential.size());
        parts.emplace_back(credential.substr(start, end - start));
        start = end + 1;
    }
    if (parts.size() != 5) {
        std::string message =
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term, got ";
        return incomplete(message.append(inQuotes(auth.credential)));
    }
    const sigv4::Scope scope{parts[1], parts[2], parts[3]};
    std::string scopeProblems;
    const auto addProblem = [&scopeProblems](const std::string& problem) {
        if (!scopeProblems.empty()) scopeProblems.push_back(' ');
        scopeProblems.append(problem);
    };
    if (scope.region.empty()) addProblem("Credential should be scoped to a valid region, not ''.");
    if (scope.service != "dynamodb")
        addProblem("Credential should be scoped to correct service: 'dynamodb'.");
    if (parts[4] != sigv4::kTerminator)
        addProblem("Credential should be scoped with a valid terminator: 'aws4_request', not " +
                   inQuotes(parts[4]) + ".");
    if (scope.date != amzDate.substr(0, 8)) {
        std::string problem =
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
            "from HTTP: ";
        problem.append(inQuotes(scope.date)).append(" != ").append(inQuotes(amzDate.substr(0, 8)));
        problem.append(", from ").append(inQuotes(amzDate)).append(".");
        addProblem(problem);
    }
    if (!scopeProblems.empty()) return invalidSignature(std::move(scopeProblems));

    if (parts[0] != required_->accessKeyId)
        return Error{ErrorType::UnrecognizedClient,
                     "The security token included in the request is invalid."};

    // A presigned request signs its query string without the signature itself.
    const std::string query = signature.presigned
                                  ? QueryString::without(request.query, "X-Amz-Signature")
                                  : request.query;
    sigv4::SignableRequest signable{request.method, request.path, query, request.headers,
                                    sigv4::sha256Hex(request.body)};
    const std::string canonical = sigv4::canonicalRequest(signable, signedHeaders);
    const std::string toSign = sigv4::stringToSign(amzDate, scope, canonical);
    const std::string expected =
        sigv4::signature(sigv4::signingKey(required_->secretAccessKey, scope), toSign);
    if (!constantTimeEquals(expected, auth.signature)) {
        std::string message =
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.\n\nThe Canonical String for this request should have "
            "been\n'";
        message.append(canonical).append("'\n\nThe String-to-Sign should have been\n'");
        message.append(toSign).append("'\n");
        return invalidSignature(std::move(message));
    }
    if (request.header("X-Amz-Security-Token") || signature.securityToken)
        return Error{ErrorType::UnrecognizedClient,
                     "The security token included in the request is invalid"};
    return Status::success();
}

}  // namespace shardscape
