#include "number.h"

#include <cstring>

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

size_t Number::storageSize() const {
    if (isZero()) return 1;
    const size_t count = digits_.size();
    // Digit pairs are aligned on the decimal point: an even digit count starting at an even
    // exponent (e.g. 1.2 -> "01" "20") spills into one more pair.
    const bool misaligned = count % 2 == 0 && exponent_ % 2 == 0;
    return 1 + (count + 1) / 2 + (misaligned ? 1 : 0) + (negative_ ? 1 : 0);
}

int Number::compare(const Number& other) const {
    const std::string a = orderedEncoding();
    const std::string b = other.orderedEncoding();
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c != 0) return c < 0 ? -1 : 1;
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

}  // namespace shardscape
