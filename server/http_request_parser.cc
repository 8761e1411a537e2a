#include "http_request_parser.h"

#include <algorithm>

namespace shardscape {

namespace {

// RFC 9110 token characters (methods and header names).
bool isTokenChar(unsigned char c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return isTokenChar(static_cast<unsigned char>(c));
    });
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return headerNameEquals(a, b);
}

// Whether a comma-separated header value (Connection) lists `token`, in any case.
bool listsToken(std::string_view value, std::string_view token) {
    while (!value.empty()) {
        const size_t comma = value.find(',');
        if (equalsIgnoringCase(trimHttpWhitespace(value.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
    }
    return false;
}

// Digits only, no sign and no overflow; nullopt-like false otherwise.
bool parseLength(std::string_view text, uint64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    out = value;
    return true;
}

bool parseHex(std::string_view text, uint64_t& out) {
    if (text.empty() || text.size() > 15) return false;
    uint64_t value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return false;
        value = value * 16 + static_cast<uint64_t>(digit);
    }
    out = value;
    return true;
}

}  // namespace

void HttpRequestParser::reset() {
    phase_ = Phase::Head;
    position_ = 0;
    consumed_ = 0;
    scanFrom_ = 0;
    remaining_ = 0;
    keepAlive_ = true;
    http10_ = false;
    expectsContinue_ = false;
    request_ = HttpRequest();
    error_ = HttpParseError();
}

HttpRequestParser::Progress HttpRequestParser::fail(int status, std::string message) {
    error_ = HttpParseError{status, std::move(message)};
    keepAlive_ = false;
    return Progress::Failed;
}

HttpRequest HttpRequestParser::takeRequest() {
    return std::move(request_);
}

HttpRequestParser::Progress HttpRequestParser::advance(std::string_view buffer) {
    const Progress progress = parse(buffer);
    // The caller drops what was used, so positions start over at the buffer's new front.
    consumed_ = position_;
    scanFrom_ -= std::min(scanFrom_, position_);
    position_ = 0;
    return progress;
}

HttpRequestParser::Progress HttpRequestParser::parse(std::string_view buffer) {
    if (phase_ == Phase::Head) {
        // Empty lines before a request are allowed (RFC 9112, 2.2).
        while (position_ + 1 < buffer.size() && buffer[position_] == '\r' &&
               buffer[position_ + 1] == '\n')
            position_ += 2;
        const size_t start = position_;
        const size_t end = buffer.find("\r\n\r\n", std::max(scanFrom_, start));
        if (end == std::string_view::npos) {
            scanFrom_ = std::max(start, buffer.size() >= 3 ? buffer.size() - 3 : size_t(0));
            const size_t lineEnd = buffer.find("\r\n", start);
            if ((lineEnd == std::string_view::npos ? buffer.size() : lineEnd) - start >
                kMaxRequestLine)
                return fail(414, "Request-URI Too Long");
            if (buffer.size() - start > kMaxHead)
                return fail(431, "Request Header Fields Too Large");
            return Progress::NeedMore;
        }
        if (end - start > kMaxHead) return fail(431, "Request Header Fields Too Large");
        const Progress head = parseHead(buffer.substr(start, end - start));
        if (head == Progress::Failed) return head;
        position_ = end + 4;
    }
    if (phase_ == Phase::FixedBody) {
        const size_t available = std::min<uint64_t>(remaining_, buffer.size() - position_);
        request_.body.append(buffer.data() + position_, available);
        position_ += available;
        remaining_ -= available;
        if (remaining_ > 0) return Progress::NeedMore;
        phase_ = Phase::Done;
    }
    if (phase_ != Phase::Done) return parseChunked(buffer);
    return Progress::Complete;
}

HttpRequestParser::Progress HttpRequestParser::parseHead(std::string_view head) {
    const size_t lineEnd = head.find("\r\n");
    const std::string_view line = head.substr(0, lineEnd);
    if (line.size() > kMaxRequestLine) return fail(414, "Request-URI Too Long");
    const size_t firstSpace = line.find(' ');
    const size_t secondSpace =
        firstSpace == std::string_view::npos ? firstSpace : line.find(' ', firstSpace + 1);
    if (secondSpace == std::string_view::npos) return fail(400, "Malformed HTTP request line");
    const std::string_view method = line.substr(0, firstSpace);
    const std::string_view target = line.substr(firstSpace + 1, secondSpace - firstSpace - 1);
    const std::string_view version = line.substr(secondSpace + 1);
    if (!isToken(method)) return fail(400, "Malformed HTTP method");
    if (target.empty() || std::any_of(target.begin(), target.end(), [](char c) {
            return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
        }))
        return fail(400, "Malformed HTTP request target");
    if (version == "HTTP/1.1") {
        http10_ = false;
    } else if (version == "HTTP/1.0") {
        http10_ = true;
    } else {
        return fail(400, "Unsupported HTTP version");
    }
    keepAlive_ = !http10_;

    request_.method = std::string(method);
    const size_t question = target.find('?');
    request_.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
        request_.query = std::string(target.substr(question + 1));

    bool hasLength = false, chunked = false;
    uint64_t length = 0;
    std::string_view rest =
        lineEnd == std::string_view::npos ? std::string_view() : head.substr(lineEnd + 2);
    request_.headers.reserve(8);
    while (!rest.empty()) {
        const size_t end = rest.find("\r\n");
        const std::string_view header = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        const size_t colon = header.find(':');
        if (colon == std::string_view::npos) return fail(400, "Malformed HTTP header");
        const std::string_view name = header.substr(0, colon);
        // Also refuses obsolete line folding: a continuation line starts with a space.
        if (!isToken(name)) return fail(400, "Malformed HTTP header name");
        const std::string_view value = trimHttpWhitespace(header.substr(colon + 1));
        if (std::any_of(value.begin(), value.end(),
                        [](char c) { return c == '\r' || c == '\n' || c == 0; }))
            return fail(400, "Malformed HTTP header value");
        if (equalsIgnoringCase(name, "Content-Length")) {
            uint64_t parsed = 0;
            // DynamoDB's front end answers a length that is not a number like this.
            if (!parseLength(value, parsed) || (hasLength && parsed != length))
                return fail(400, "Invalid Content-Length header");
            hasLength = true;
            length = parsed;
        } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            if (!equalsIgnoringCase(value, "chunked"))
                return fail(501, "Unsupported Transfer-Encoding: " + std::string(value));
            chunked = true;
        } else if (equalsIgnoringCase(name, "Connection")) {
            if (listsToken(value, "close"))
                keepAlive_ = false;
            else if (http10_ && listsToken(value, "keep-alive"))
                keepAlive_ = true;
        } else if (equalsIgnoringCase(name, "Expect")) {
            if (!equalsIgnoringCase(value, "100-continue")) return fail(417, "Expectation Failed");
            expectsContinue_ = !http10_;
        }
        request_.headers.emplace_back(std::string(name), std::string(value));
    }
    // Both would let a proxy and this server disagree on where the request ends.
    if (hasLength && chunked) return fail(400, "Both Content-Length and Transfer-Encoding");
    if (hasLength && length > maxBodyBytes_) return fail(413, "Request body too large");
    if (chunked) {
        phase_ = Phase::ChunkSize;
    } else if (hasLength && length > 0) {
        phase_ = Phase::FixedBody;
        remaining_ = length;
        request_.body.reserve(length);
    } else {
        // HTTP/1.1: neither header means no body.
        phase_ = Phase::Done;
        expectsContinue_ = false;
    }
    return Progress::NeedMore;
}

HttpRequestParser::Progress HttpRequestParser::parseChunked(std::string_view buffer) {
    constexpr size_t kMaxChunkLine = 1024;
    for (;;) {
        switch (phase_) {
            case Phase::ChunkSize: {
                const size_t end = buffer.find("\r\n", position_);
                if (end == std::string_view::npos) {
                    if (buffer.size() - position_ > kMaxChunkLine)
                        return fail(400, "Malformed chunked encoding");
                    return Progress::NeedMore;
                }
                std::string_view sizeText = buffer.substr(position_, end - position_);
                sizeText =
                    trimHttpWhitespace(sizeText.substr(0, sizeText.find(';')));  // drops extensions
                uint64_t size = 0;
                if (!parseHex(sizeText, size)) return fail(400, "Malformed chunked encoding");
                if (request_.body.size() + size > maxBodyBytes_)
                    return fail(413, "Request body too large");
                position_ = end + 2;
                remaining_ = size;
                phase_ = size == 0 ? Phase::Trailers : Phase::ChunkData;
                break;
            }
            case Phase::ChunkData: {
                const size_t available = std::min<uint64_t>(remaining_, buffer.size() - position_);
                request_.body.append(buffer.data() + position_, available);
                position_ += available;
                remaining_ -= available;
                if (remaining_ > 0) return Progress::NeedMore;
                phase_ = Phase::ChunkDataEnd;
                break;
            }
            case Phase::ChunkDataEnd:
                if (buffer.size() - position_ < 2) return Progress::NeedMore;
                if (buffer.compare(position_, 2, "\r\n") != 0)
                    return fail(400, "Malformed chunked encoding");
                position_ += 2;
                phase_ = Phase::ChunkSize;
                break;
            case Phase::Trailers: {
                // Trailer fields are read and dropped; an empty line ends the request.
                const size_t end = buffer.find("\r\n", position_);
                if (end == std::string_view::npos) {
                    if (buffer.size() - position_ > kMaxHead)
                        return fail(431, "Request Header Fields Too Large");
                    return Progress::NeedMore;
                }
                const bool last = end == position_;
                position_ = end + 2;
                if (last) {
                    phase_ = Phase::Done;
                    return Progress::Complete;
                }
                break;
            }
            default:
                return Progress::Complete;
        }
    }
}

}  // namespace shardscape
