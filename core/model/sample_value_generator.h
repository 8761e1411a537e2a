#pragma once
// Sample values for one attribute, from the attribute's "generator" object in a model:
//
//   {"kind": "uuid"}                               random UUID v4 text
//   {"kind": "sequence", "start": 1, "prefix": "" } 1, 2, 3, ... (S: prefix + number)
//   {"kind": "name"} / {"kind": "email"}           person names, addresses at example.com
//   {"kind": "timestamp", "from": "2024-01-01", "to": "2025-01-01", "monotonic": false}
//                                                  ISO-8601 UTC text (S) or epoch seconds (N)
//   {"kind": "enum", "values": [...], "weights": [...]}
//   {"kind": "number", "distribution": "uniform", "min": 0, "max": 100, "decimals": 0}
//   {"kind": "number", "distribution": "normal", "mean": 50, "stddev": 10, "decimals": 2}
//   {"kind": "boolean", "trueShare": 0.5}
//   {"kind": "constant", "value": ...}
//   {"kind": "pick", "cardinality": 1000, "skew": "uniform" | "zipf" | "hotKey",
//    "exponent": 1.0, "hotShare": 0.5, "prefix": "c-"}
//                                                  one of `cardinality` keys, with skew
//   {"kind": "map", "members": [{"name", "type", "generator"}, ...]}
//   {"kind": "list", "element": {"type", "generator"}, "length": 3}
//
// Deterministic: the same spec and seed give the same values on every platform (the
// generator uses mt19937_64, whose output the standard fixes, and its own conversions).

#include <memory>
#include <optional>
#include <random>
#include <string>

#include "base/result.h"
#include "model/model.h"
#include "values/attribute_value.h"

namespace shardscape {

// Checks a generator spec for an attribute of `type` ("S", "N", ...).
Status checkGeneratorSpec(const OrderedJson& spec, const std::string& type);

// What the analyzer needs to know about a generator's output.
struct ValueDistribution {
    std::optional<double> cardinality;  // distinct values; nullopt = unbounded
    double hottestShare = 0;            // share of the most frequent value
};
ValueDistribution describeGenerator(const OrderedJson& spec);

// Random source shared by the generators of one run.
class SampleRandom {
  public:
    explicit SampleRandom(uint64_t seed) : engine_(seed) {}
    uint64_t next() { return engine_(); }
    double unit();             // [0, 1)
    int64_t below(int64_t n);  // [0, n)
    double normal();           // standard normal (Box-Muller)

  private:
    std::mt19937_64 engine_;
};

class SampleValueGenerator {
  public:
    virtual ~SampleValueGenerator() = default;
    virtual AttributeValue next(SampleRandom& random) = 0;

    // A generator for an attribute of `type`; the spec must pass checkGeneratorSpec. A null
    // spec gives a plain default for the type (short text, small numbers, ...).
    static Result<std::unique_ptr<SampleValueGenerator>> create(const OrderedJson& spec,
                                                                const std::string& type);
};

// The text a key template puts in place of {attribute} for a value (S text, N digits, ...).
std::string templateText(const AttributeValue& value);

}  // namespace shardscape
