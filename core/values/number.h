#pragma once
// DynamoDB's Number type: an exact decimal of up to 38 significant digits whose magnitude
// lies between 1E-130 and 9.9999999999999999999999999999999999999E+125, or zero.
//
// A Number is always normalised: leading and trailing zeros are dropped, so "1.0", "1" and
// "0.1E1" are the same Number and print the same way (plain notation, as DynamoDB returns it).

#include <string>
#include <string_view>

#include "base/result.h"

namespace shardscape {

class Number {
  public:
    Number() = default;  // zero

    // Parses decimal text ("-12.50", "1e3", ".5"); fails with DynamoDB's ValidationException
    // wording for non-numbers, too many digits, overflow and underflow.
    static Result<Number> parse(std::string_view text);
    // True when `text` is already a Number's canonical text, as most integers are: "0", or up
    // to 38 digits without leading zeros, perhaps after a minus ("-7", "120"). parse() and
    // toString() would give it back unchanged.
    static bool isCanonicalInteger(std::string_view text);

    bool isZero() const { return digits_.empty(); }
    bool isNegative() const { return negative_; }
    // Significant digits without leading or trailing zeros; empty for zero.
    const std::string& digits() const { return digits_; }
    // Scientific exponent: value = d1.d2d3... x 10^exponent.
    int exponent() const { return exponent_; }

    // Plain decimal notation without exponent, e.g. "-0.0012" or "120000".
    std::string toString() const;

    // Bytes that sort (unsigned, lexicographically) in numeric order; self-delimiting.
    std::string orderedEncoding() const;
    void appendOrderedEncoding(std::string& out) const;

    // Storage size by DynamoDB's rule: one byte per two significant digits (base-100 digit
    // pairs aligned on the decimal point), plus one byte, plus one for negative numbers.
    size_t storageSize() const;
    // The storage size of a Number given as its canonical text (AttributeValue::number),
    // without building the Number when the text is a canonical integer.
    static size_t storageSizeOfText(std::string_view canonicalText);

    // Exact sum and difference, validated like any parsed number (38 digits, range).
    static Result<Number> add(const Number& a, const Number& b);
    static Result<Number> subtract(const Number& a, const Number& b);

    // <0, 0, >0 by numeric value.
    int compare(const Number& other) const;
    bool operator==(const Number& other) const = default;

    static constexpr int kMaxDigits = 38;
    static constexpr int kMaxExponent = 125;
    static constexpr int kMinExponent = -130;

  private:
    bool negative_ = false;
    std::string digits_;
    int exponent_ = 0;
};

}  // namespace shardscape
