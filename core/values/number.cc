#include "values/number.h"

namespace shardscape {

namespace {
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
Error notNumeric(std::string_view text) {
    if (text.empty())
        return validationError("The parameter cannot be converted to a numeric value");
    return validationError("The parameter cannot be converted to a numeric value: " +
                           std::string(text));
}
}  // namespace

bool Number::isCanonicalInteger(std::string_view text) {
    const size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
    const size_t digits = text.size() - sign;
    if (digits == 0 || digits > static_cast<size_t>(kMaxDigits)) return false;
    if (text[sign] == '0') return text == "0";
    for (size_t i = sign; i < text.size(); ++i)
        if (!isDigit(text[i])) return false;
    return true;
}

Result<Number> Number::parse(std::string_view text) {
    size_t i = 0;
    const size_t n = text.size();
    Number result;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
        result.negative_ = text[i] == '-';
        ++i;
    }
    std::string mantissa;         // all digits, integer then fraction
    long long pointPosition = 0;  // digits before the decimal point
    bool sawDigit = false;
    while (i < n && isDigit(text[i])) {
        mantissa.push_back(text[i++]);
        sawDigit = true;
    }
    pointPosition = static_cast<long long>(mantissa.size());
    if (i < n && text[i] == '.') {
        ++i;
        while (i < n && isDigit(text[i])) {
            mantissa.push_back(text[i++]);
            sawDigit = true;
        }
    }
    if (!sawDigit) return notNumeric(text);
    long long exponentValue = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exponentNegative = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            exponentNegative = text[i] == '-';
            ++i;
        }
        if (i >= n || !isDigit(text[i])) return notNumeric(text);
        while (i < n && isDigit(text[i])) {
            // Saturate: anything this large is out of range anyway.
            if (exponentValue < 1000000000LL) exponentValue = exponentValue * 10 + (text[i] - '0');
            ++i;
        }
        if (exponentNegative) exponentValue = -exponentValue;
    }
    if (i != n) return notNumeric(text);

    size_t first = mantissa.find_first_not_of('0');
    if (first == std::string::npos) return Number();  // zero, whatever its sign
    size_t last = mantissa.find_last_not_of('0');
    result.digits_ = mantissa.substr(first, last - first + 1);
    long long scientific = pointPosition - static_cast<long long>(first) - 1 + exponentValue;
    if (scientific > kMaxExponent)
        return validationError(
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
    if (scientific < kMinExponent)
        return validationError(
            "Number underflow. Attempting to store a number with magnitude smaller than "
            "supported range");
    if (result.digits_.size() > static_cast<size_t>(kMaxDigits))
        return validationError("Attempting to store more than 38 significant digits in a Number");
    result.exponent_ = static_cast<int>(scientific);
    return result;
}

std::string Number::toString() const {
    if (isZero()) return "0";
    std::string out;
    if (negative_) out.push_back('-');
    const int digitCount = static_cast<int>(digits_.size());
    if (exponent_ < 0) {
        out += "0.";
        out.append(static_cast<size_t>(-exponent_ - 1), '0');
        out += digits_;
    } else if (exponent_ >= digitCount - 1) {
        out += digits_;
        out.append(static_cast<size_t>(exponent_ - (digitCount - 1)), '0');
    } else {
        out.append(digits_, 0, static_cast<size_t>(exponent_ + 1));
        out.push_back('.');
        out.append(digits_, static_cast<size_t>(exponent_ + 1));
    }
    return out;
}

// Layout: one marker byte (0x7F negative, 0x80 zero, 0x81 positive), then for non-zero
// numbers a two-byte biased exponent and the digits as bytes 0x01..0x0A, closed by 0x00.
// Negative numbers invert every byte after the marker so larger magnitudes sort first.
void Number::appendOrderedEncoding(std::string& out) const {
    if (isZero()) {
        out.push_back(static_cast<char>(0x80));
        return;
    }
    const unsigned biased = static_cast<unsigned>(exponent_ + 1000);
    const unsigned char flip = negative_ ? 0xFF : 0x00;
    out.push_back(static_cast<char>(negative_ ? 0x7F : 0x81));
    out.push_back(static_cast<char>(((biased >> 8) & 0xFF) ^ flip));
    out.push_back(static_cast<char>((biased & 0xFF) ^ flip));
    for (char d : digits_) out.push_back(static_cast<char>((d - '0' + 1) ^ flip));
    out.push_back(static_cast<char>(0x00 ^ flip));
}

std::string Number::orderedEncoding() const {
    std::string out;
    appendOrderedEncoding(out);
    return out;
}

namespace {
// `count` significant digits, the first of weight 10^exponent.
size_t storageSizeOfDigits(size_t count, int exponent, bool negative) {
    if (count == 0) return 1;  // zero
    // Digit pairs are aligned on the decimal point: an even digit count starting at an even
    // exponent (e.g. 1.2 -> "01" "20") spills into one more pair.
    const bool misaligned = count % 2 == 0 && exponent % 2 == 0;
    return 1 + (count + 1) / 2 + (misaligned ? 1 : 0) + (negative ? 1 : 0);
}
}  // namespace

size_t Number::storageSize() const {
    return storageSizeOfDigits(digits_.size(), exponent_, negative_);
}

size_t Number::storageSizeOfText(std::string_view text) {
    if (isCanonicalInteger(text)) {
        if (text == "0") return 1;
        const bool negative = text[0] == '-';
        const size_t length = text.size() - (negative ? 1 : 0);
        const size_t lastNonZero = text.find_last_not_of('0');  // a digit, as text != "0"
        const size_t trailingZeros = text.size() - 1 - lastNonZero;
        return storageSizeOfDigits(length - trailingZeros, static_cast<int>(length) - 1, negative);
    }
    auto number = parse(text);
    return number ? number->storageSize() : text.size();
}

namespace {
// Magnitude digits (most significant first) scaled so the last digit has weight 10^low.
std::string scaledDigits(const Number& n, int low) {
    std::string digits = n.digits();
    const int ownLow = n.exponent() - static_cast<int>(digits.size()) + 1;
    digits.append(static_cast<size_t>(ownLow - low), '0');
    return digits;
}

int compareMagnitudes(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::string addMagnitudes(const std::string& a, const std::string& b) {
    std::string out;
    int carry = 0;
    for (size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
        int sum = carry;
        if (i < a.size()) sum += a[a.size() - 1 - i] - '0';
        if (i < b.size()) sum += b[b.size() - 1 - i] - '0';
        out.push_back(static_cast<char>('0' + sum % 10));
        carry = sum / 10;
    }
    return std::string(out.rbegin(), out.rend());
}

// a - b for magnitudes with a >= b.
std::string subtractMagnitudes(const std::string& a, const std::string& b) {
    std::string out;
    int borrow = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        int d =
            (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
        borrow = d < 0;
        out.push_back(static_cast<char>('0' + (d + 10) % 10));
    }
    return std::string(out.rbegin(), out.rend());
}
}  // namespace

Result<Number> Number::add(const Number& a, const Number& b) {
    if (a.isZero()) return b;
    if (b.isZero()) return a;
    const int lowA = a.exponent_ - static_cast<int>(a.digits_.size()) + 1;
    const int lowB = b.exponent_ - static_cast<int>(b.digits_.size()) + 1;
    const int low = std::min(lowA, lowB);
    const std::string da = scaledDigits(a, low), db = scaledDigits(b, low);
    std::string magnitude;
    bool negative = a.negative_;
    if (a.negative_ == b.negative_) {
        magnitude = addMagnitudes(da, db);
    } else if (compareMagnitudes(da, db) >= 0) {
        magnitude = subtractMagnitudes(da, db);
    } else {
        magnitude = subtractMagnitudes(db, da);
        negative = b.negative_;
    }
    return parse((negative ? "-" : "") + magnitude + "E" + std::to_string(low));
}

Result<Number> Number::subtract(const Number& a, const Number& b) {
    Number negated = b;
    if (!negated.isZero()) negated.negative_ = !negated.negative_;
    return add(a, negated);
}

int Number::compare(const Number& other) const {
    const int signA = isZero() ? 0 : (negative_ ? -1 : 1);
    const int signB = other.isZero() ? 0 : (other.negative_ ? -1 : 1);
    if (signA != signB) return signA < signB ? -1 : 1;
    if (signA == 0) return 0;
    // Same sign: compare magnitudes (exponent, then digits, which carry no trailing zeros).
    int magnitude = 0;
    if (exponent_ != other.exponent_) {
        magnitude = exponent_ < other.exponent_ ? -1 : 1;
    } else {
        const int c = digits_.compare(other.digits_);
        magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return signA < 0 ? -magnitude : magnitude;
}

}  // namespace shardscape
