#include "model/sample_value_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "model/civil_time.h"
#include "values/attribute_json.h"
#include "values/number.h"

namespace shardscape {

namespace {

constexpr const char* kFirstNames[] = {"Ada",   "Ben",  "Chloe", "Dev",   "Elena", "Farid",
                                       "Grace", "Hiro", "Ines",  "Jonas", "Kemi",  "Luca",
                                       "Maya",  "Nils", "Olga",  "Pedro", "Quinn", "Rosa",
                                       "Sami",  "Tara", "Umar",  "Vera",  "Wen",   "Yusuf"};
constexpr const char* kLastNames[] = {
    "Abara", "Berg",   "Costa",    "Dubois", "Eriksen", "Fischer",  "Garcia", "Haddad",
    "Ito",   "Jensen", "Kowalski", "Lopez",  "Moreau",  "Nakamura", "Okafor", "Petrov",
    "Rossi", "Silva",  "Tanaka",   "Varga",  "Weber",   "Zhang"};
constexpr int64_t kMaxZipfCardinality = 1000000;

double numberMember(const OrderedJson& spec, const char* name, double fallback) {
    auto it = spec.find(name);
    return it != spec.end() && it->is_number() ? it->get<double>() : fallback;
}
std::string stringMember(const OrderedJson& spec, const char* name, std::string fallback = {}) {
    auto it = spec.find(name);
    return it != spec.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// Canonical N text for a double rounded to `decimals` places.
AttributeValue numberValue(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 12), value);
    auto parsed = Number::parse(buffer);
    return AttributeValue::number(parsed ? parsed->toString() : "0");
}

// Turns generated text into a value of the attribute's type.
AttributeValue typed(const std::string& text, const std::string& type) {
    if (type == "N") {
        auto parsed = Number::parse(text);
        if (parsed) return AttributeValue::number(parsed->toString());
        // Not numeric: a stable number derived from the text keeps the type right.
        return AttributeValue::number(std::to_string(std::hash<std::string>{}(text) % 1000000));
    }
    if (type == "B") return AttributeValue::binary(text);
    if (type == "BOOL") return AttributeValue::boolean(!text.empty() && text != "false");
    if (type == "NULL") return AttributeValue::null();
    if (type == "SS") return AttributeValue::set(ValueType::SS, {text});
    if (type == "L") return AttributeValue::list({AttributeValue::string(text)});
    if (type == "M") return AttributeValue::map({{"value", AttributeValue::string(text)}});
    return AttributeValue::string(text.empty() ? std::string("-") : text);
}

class Uuid : public SampleValueGenerator {
  public:
    explicit Uuid(std::string type) : type_(std::move(type)) {}
    AttributeValue next(SampleRandom& random) override {
        const uint64_t a = random.next(), b = random.next();
        char text[37];
        std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                      static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                      static_cast<unsigned>(a & 0xfff),
                      static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                      static_cast<unsigned long long>(b & 0xffffffffffffULL));
        return typed(text, type_);
    }

  private:
    std::string type_;
};

class Sequence : public SampleValueGenerator {
  public:
    Sequence(const OrderedJson& spec, std::string type)
        : type_(std::move(type)),
          next_(static_cast<int64_t>(numberMember(spec, "start", 1))),
          prefix_(stringMember(spec, "prefix")) {}
    AttributeValue next(SampleRandom&) override {
        const std::string n = std::to_string(next_++);
        return type_ == "N" ? typed(n, type_) : typed(prefix_ + n, type_);
    }

  private:
    std::string type_;
    int64_t next_;
    std::string prefix_;
};

class PersonName : public SampleValueGenerator {
  public:
    PersonName(bool email, std::string type) : email_(email), type_(std::move(type)) {}
    AttributeValue next(SampleRandom& random) override {
        std::string first = kFirstNames[random.below(std::size(kFirstNames))];
        std::string last = kLastNames[random.below(std::size(kLastNames))];
        if (!email_) return typed(first + " " + last, type_);
        std::string address = first + "." + last;
        std::transform(address.begin(), address.end(), address.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        address.append(std::to_string(random.below(1000))).append("@example.com");
        return typed(address, type_);
    }

  private:
    bool email_;
    std::string type_;
};

class Timestamp : public SampleValueGenerator {
  public:
    Timestamp(const OrderedJson& spec, std::string type) : type_(std::move(type)) {
        from_ = parseIsoTime(stringMember(spec, "from", "2024-01-01")).value_or(0);
        to_ = parseIsoTime(stringMember(spec, "to", "2025-01-01")).value_or(from_ + 86400);
        monotonic_ = spec.value("monotonic", false);
        step_ = numberMember(spec, "stepSeconds", 60);
        current_ = from_;
    }
    AttributeValue next(SampleRandom& random) override {
        int64_t t;
        if (monotonic_) {
            current_ += static_cast<int64_t>(random.unit() * 2 * step_) + 1;
            t = current_;
        } else {
            t = from_ + random.below(std::max<int64_t>(1, to_ - from_));
        }
        return type_ == "N" ? AttributeValue::number(std::to_string(t))
                            : typed(formatIsoTime(t), type_);
    }

  private:
    std::string type_;
    int64_t from_ = 0, to_ = 0, current_ = 0;
    bool monotonic_ = false;
    double step_ = 60;
};

class Enum : public SampleValueGenerator {
  public:
    Enum(const OrderedJson& spec, std::string type) : type_(std::move(type)) {
        for (const auto& v : spec["values"]) values_.push_back(v);
        auto weights = spec.find("weights");
        double total = 0;
        for (size_t i = 0; i < values_.size(); ++i) {
            total += weights != spec.end() ? (*weights)[i].get<double>() : 1.0;
            cumulative_.push_back(total);
        }
    }
    AttributeValue next(SampleRandom& random) override {
        const double r = random.unit() * cumulative_.back();
        const size_t i =
            std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin();
        const OrderedJson& v = values_[std::min(i, values_.size() - 1)];
        if (v.is_string()) return typed(v.get<std::string>(), type_);
        if (v.is_boolean() && type_ == "BOOL") return AttributeValue::boolean(v.get<bool>());
        return typed(v.dump(), type_);
    }

  private:
    std::string type_;
    std::vector<OrderedJson> values_;
    std::vector<double> cumulative_;
};

class RandomNumber : public SampleValueGenerator {
  public:
    RandomNumber(const OrderedJson& spec, std::string type) : type_(std::move(type)) {
        normal_ = stringMember(spec, "distribution", "uniform") == "normal";
        min_ = numberMember(spec, "min", 0);
        max_ = numberMember(spec, "max", 100);
        mean_ = numberMember(spec, "mean", 0);
        stddev_ = numberMember(spec, "stddev", 1);
        decimals_ = static_cast<int>(numberMember(spec, "decimals", 0));
    }
    AttributeValue next(SampleRandom& random) override {
        double v;
        if (normal_) {
            v = mean_ + stddev_ * random.normal();
        } else if (decimals_ == 0) {
            v = std::floor(min_) +
                static_cast<double>(
                    random.below(static_cast<int64_t>(std::floor(max_) - std::floor(min_)) + 1));
        } else {
            v = min_ + random.unit() * (max_ - min_);
        }
        AttributeValue n = numberValue(v, decimals_);
        return type_ == "N" ? n : typed(n.scalar(), type_);
    }

  private:
    std::string type_;
    bool normal_ = false;
    double min_, max_, mean_, stddev_;
    int decimals_ = 0;
};

class Boolean : public SampleValueGenerator {
  public:
    explicit Boolean(const OrderedJson& spec) : share_(numberMember(spec, "trueShare", 0.5)) {}
    AttributeValue next(SampleRandom& random) override {
        return AttributeValue::boolean(random.unit() < share_);
    }

  private:
    double share_;
};

class Constant : public SampleValueGenerator {
  public:
    Constant(const OrderedJson& spec, std::string type) {
        const OrderedJson& v = spec["value"];
        value_ = v.is_string()                      ? typed(v.get<std::string>(), type)
                 : v.is_boolean() && type == "BOOL" ? AttributeValue::boolean(v.get<bool>())
                                                    : typed(v.dump(), type);
    }
    AttributeValue next(SampleRandom&) override { return value_; }

  private:
    AttributeValue value_;
};

// One of `cardinality` keys; rank 0 is the hottest under zipf and hotKey skew.
class Pick : public SampleValueGenerator {
  public:
    Pick(const OrderedJson& spec, std::string type) : type_(std::move(type)) {
        cardinality_ = static_cast<int64_t>(numberMember(spec, "cardinality", 100));
        skew_ = stringMember(spec, "skew", "uniform");
        hotShare_ = numberMember(spec, "hotShare", 0.5);
        prefix_ = stringMember(spec, "prefix");
        if (skew_ == "zipf") {
            const double s = numberMember(spec, "exponent", 1.0);
            double total = 0;
            cumulative_.reserve(static_cast<size_t>(cardinality_));
            for (int64_t k = 1; k <= cardinality_; ++k) {
                total += 1.0 / std::pow(static_cast<double>(k), s);
                cumulative_.push_back(total);
            }
        }
    }
    AttributeValue next(SampleRandom& random) override {
        int64_t rank;
        if (skew_ == "zipf") {
            const double r = random.unit() * cumulative_.back();
            rank =
                std::upper_bound(cumulative_.begin(), cumulative_.end(), r) - cumulative_.begin();
            rank = std::min(rank, cardinality_ - 1);
        } else if (skew_ == "hotKey" && random.unit() < hotShare_) {
            rank = 0;
        } else {
            rank = random.below(cardinality_);
        }
        const std::string n = std::to_string(rank + 1);
        return type_ == "N" ? typed(n, type_) : typed(prefix_ + n, type_);
    }

  private:
    std::string type_;
    int64_t cardinality_ = 1;
    std::string skew_;
    double hotShare_ = 0.5;
    std::string prefix_;
    std::vector<double> cumulative_;
};

class Composite : public SampleValueGenerator {
  public:
    struct Member {
        std::string name;
        std::unique_ptr<SampleValueGenerator> generator;
    };
    Composite(std::vector<Member> members, size_t length, bool isList)
        : members_(std::move(members)), length_(length), isList_(isList) {}
    AttributeValue next(SampleRandom& random) override {
        if (isList_) {
            std::vector<AttributeValue> elements;
            for (size_t i = 0; i < length_; ++i)
                elements.push_back(members_[0].generator->next(random));
            return AttributeValue::list(std::move(elements));
        }
        std::map<std::string, AttributeValue> members;
        for (auto& m : members_) members[m.name] = m.generator->next(random);
        return AttributeValue::map(std::move(members));
    }

  private:
    std::vector<Member> members_;
    size_t length_;
    bool isList_;
};

class Default : public SampleValueGenerator {
  public:
    explicit Default(std::string type) : type_(std::move(type)) {}
    AttributeValue next(SampleRandom& random) override {
        if (type_ == "N") return AttributeValue::number(std::to_string(random.below(1000)));
        if (type_ == "BOOL") return AttributeValue::boolean(random.below(2) == 1);
        std::string word;
        for (int i = 0; i < 8; ++i) word.push_back(static_cast<char>('a' + random.below(26)));
        return typed(word, type_);
    }

  private:
    std::string type_;
};

Status specError(const std::string& message) {
    return validationError(message);
}

}  // namespace

double SampleRandom::unit() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}
int64_t SampleRandom::below(int64_t n) {
    return n <= 1 ? 0 : static_cast<int64_t>(engine_() % static_cast<uint64_t>(n));
}
double SampleRandom::normal() {
    const double u1 = 1.0 - unit();  // (0, 1]
    const double u2 = unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

std::string templateText(const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
        case ValueType::N:
        case ValueType::B:
            return value.scalar();
        case ValueType::BOOL:
            return value.boolValue() ? "true" : "false";
        case ValueType::NUL:
            return "null";
        default:
            return attributeValueToJson(value).dump();
    }
}

Status checkGeneratorSpec(const OrderedJson& spec, const std::string& type) {
    if (!spec.is_object()) return specError("A generator is an object with a \"kind\"");
    const std::string kind = stringMember(spec, "kind");
    if (kind == "uuid" || kind == "name" || kind == "email" || kind == "sequence") return {};
    if (kind == "timestamp") {
        for (const char* bound : {"from", "to"})
            if (spec.contains(bound) && !parseIsoTime(stringMember(spec, bound)))
                return specError(std::string("timestamp generator: '") + bound +
                                 "' must be an ISO-8601 date or time such as 2024-01-31 or "
                                 "2024-01-31T12:00:00Z");
        return {};
    }
    if (kind == "enum") {
        auto values = spec.find("values");
        if (values == spec.end() || !values->is_array() || values->empty())
            return specError("enum generator: 'values' must be a non-empty array");
        auto weights = spec.find("weights");
        if (weights != spec.end()) {
            if (!weights->is_array() || weights->size() != values->size())
                return specError("enum generator: 'weights' must have one number per value");
            double total = 0;
            for (const auto& w : *weights) {
                if (!w.is_number() || w.get<double>() < 0)
                    return specError("enum generator: weights must be non-negative numbers");
                total += w.get<double>();
            }
            if (total <= 0) return specError("enum generator: the weights sum to zero");
        }
        return {};
    }
    if (kind == "number") {
        const std::string distribution = stringMember(spec, "distribution", "uniform");
        if (distribution != "uniform" && distribution != "normal")
            return specError("number generator: 'distribution' must be uniform or normal");
        if (numberMember(spec, "min", 0) > numberMember(spec, "max", 100))
            return specError("number generator: 'min' is greater than 'max'");
        if (numberMember(spec, "stddev", 1) < 0)
            return specError("number generator: 'stddev' must not be negative");
        return {};
    }
    if (kind == "boolean") {
        const double share = numberMember(spec, "trueShare", 0.5);
        if (share < 0 || share > 1) return specError("boolean generator: 'trueShare' is 0..1");
        return {};
    }
    if (kind == "constant") {
        if (!spec.contains("value")) return specError("constant generator: 'value' is missing");
        return {};
    }
    if (kind == "pick") {
        const double cardinality = numberMember(spec, "cardinality", 100);
        const std::string skew = stringMember(spec, "skew", "uniform");
        if (cardinality < 1 || cardinality > 1e12)
            return specError("pick generator: 'cardinality' must be 1 to 10^12");
        if (skew != "uniform" && skew != "zipf" && skew != "hotKey")
            return specError("pick generator: 'skew' must be uniform, zipf or hotKey");
        if (skew == "zipf" && cardinality > kMaxZipfCardinality)
            return specError("pick generator: zipf skew supports up to 1000000 keys");
        const double hot = numberMember(spec, "hotShare", 0.5);
        if (hot < 0 || hot > 1) return specError("pick generator: 'hotShare' is 0..1");
        return {};
    }
    if (kind == "map" || kind == "list") {
        if (kind == "map" && type != "M") return specError("map generator needs type M");
        if (kind == "list" && type != "L") return specError("list generator needs type L");
        const OrderedJson members =
            kind == "map" ? spec.value("members", OrderedJson::array())
                          : OrderedJson::array({spec.value("element", OrderedJson::object())});
        if (!members.is_array()) return specError("map generator: 'members' must be an array");
        for (const auto& m : members) {
            if (!m.is_object() || !m.contains("type") || !m["type"].is_string())
                return specError(kind + " generator: each member needs a \"type\"");
            if (m.contains("generator"))
                SHARDSCAPE_TRY(checkGeneratorSpec(m["generator"], m["type"].get<std::string>()));
        }
        return {};
    }
    return specError("Unknown generator kind '" + kind +
                     "'; expected uuid, sequence, name, email, timestamp, enum, number, "
                     "boolean, constant, pick, map or list");
}

ValueDistribution describeGenerator(const OrderedJson& spec) {
    const std::string kind = stringMember(spec, "kind");
    if (kind == "constant") return {1.0, 1.0};
    if (kind == "boolean") {
        const double share = numberMember(spec, "trueShare", 0.5);
        return {2.0, std::max(share, 1 - share)};
    }
    if (kind == "enum") {
        const auto& values = spec["values"];
        double total = 0, top = 0;
        auto weights = spec.find("weights");
        for (size_t i = 0; i < values.size(); ++i) {
            const double w = weights != spec.end() ? (*weights)[i].get<double>() : 1.0;
            total += w;
            top = std::max(top, w);
        }
        return {static_cast<double>(values.size()), total > 0 ? top / total : 1.0};
    }
    if (kind == "pick") {
        const double n = numberMember(spec, "cardinality", 100);
        const std::string skew = stringMember(spec, "skew", "uniform");
        if (skew == "hotKey") {
            const double hot = numberMember(spec, "hotShare", 0.5);
            return {n, hot + (1 - hot) / n};
        }
        if (skew == "zipf") {
            const double s = numberMember(spec, "exponent", 1.0);
            double harmonic = 0;
            for (int64_t k = 1; k <= static_cast<int64_t>(n); ++k)
                harmonic += 1.0 / std::pow(static_cast<double>(k), s);
            return {n, 1.0 / harmonic};
        }
        return {n, 1.0 / n};
    }
    if (kind == "number" && stringMember(spec, "distribution", "uniform") == "uniform" &&
        numberMember(spec, "decimals", 0) == 0) {
        const double n = std::floor(numberMember(spec, "max", 100)) -
                         std::floor(numberMember(spec, "min", 0)) + 1;
        return {n, 1.0 / n};
    }
    return {std::nullopt, 0.0};
}

Result<std::unique_ptr<SampleValueGenerator>> SampleValueGenerator::create(
    const OrderedJson& spec, const std::string& type) {
    using Ptr = std::unique_ptr<SampleValueGenerator>;
    if (spec.is_null()) return Ptr(new Default(type));
    SHARDSCAPE_TRY(checkGeneratorSpec(spec, type));
    const std::string kind = stringMember(spec, "kind");
    if (kind == "uuid") return Ptr(new Uuid(type));
    if (kind == "sequence") return Ptr(new Sequence(spec, type));
    if (kind == "name" || kind == "email") return Ptr(new PersonName(kind == "email", type));
    if (kind == "timestamp") return Ptr(new Timestamp(spec, type));
    if (kind == "enum") return Ptr(new Enum(spec, type));
    if (kind == "number") return Ptr(new RandomNumber(spec, type));
    if (kind == "boolean") return Ptr(new Boolean(spec));
    if (kind == "constant") return Ptr(new Constant(spec, type));
    if (kind == "pick") return Ptr(new Pick(spec, type));
    // map / list
    std::vector<Composite::Member> members;
    const OrderedJson list = kind == "map" ? spec.value("members", OrderedJson::array())
                                           : OrderedJson::array({spec["element"]});
    for (const auto& m : list) {
        auto generator = create(m.value("generator", OrderedJson()), m["type"].get<std::string>());
        if (!generator) return generator.error();
        members.push_back({m.value("name", std::string("value")), std::move(*generator)});
    }
    const size_t length =
        static_cast<size_t>(std::clamp(numberMember(spec, "length", 3), 0.0, 100.0));
    return Ptr(new Composite(std::move(members), length, kind == "list"));
}

}  // namespace shardscape
