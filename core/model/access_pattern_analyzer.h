#pragma once
// Tells, for each access pattern of a model, how the design serves it, and flags design
// smells. Works on a model that passed validateModel(); on an invalid one it analyzes what
// it can and calls the rest impossible.
//
// Verdicts:
//   Served            GetItem / Query on the table or an index reads only what it returns
//   ServedWithFilter  the Query is served, but a FilterExpression discards a share of the
//                     items read (and their read capacity)
//   NeedsScan         the pattern reads the whole table or index
//   Throttled         served by key, but at its rate one partition key value needs more than a
//                     partition gives (3,000 RCU or 1,000 WCU per second): requests throttle
//   Impossible        DynamoDB would reject it as written (e.g. a condition on an attribute
//                     that is not a key of the table or index it queries)

#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace shardscape {

enum class PatternVerdict { Served, ServedWithFilter, NeedsScan, Throttled, Impossible };

// "green", "amber", "red" (NeedsScan, Throttled), "impossible".
std::string_view verdictName(PatternVerdict verdict);

struct PatternAnalysis {
    std::string pattern;
    PatternVerdict verdict = PatternVerdict::Impossible;
    std::string access;      // "Query on index GSI1 of Shop", "GetItem on table Shop", ...
    std::string reason;      // one line
    std::string suggestion;  // may be empty
    double readUnitsPerRequest = 0;
    double writeUnitsPerRequest = 0;
    double filterKeeps = 1;               // share of read items the filter keeps
    double wastedReadUnitsPerSecond = 0;  // capacity spent on items the filter discards
};

struct DesignSmell {
    std::string subject;  // "table Shop", "index GSI1 of Shop", "access pattern hotReads"
    std::string message;
    // A hot partition: the access pattern that puts it there (its verdict is Throttled).
    std::string hotPattern;
};

struct ModelAnalysis {
    std::vector<PatternAnalysis> patterns;
    std::vector<DesignSmell> smells;
    // True when a pattern needs a Scan, throttles or is impossible.
    bool hasRed() const;
};

ModelAnalysis analyzeModel(const Model& model);

// Partition keys with fewer distinct values than this are flagged as low-cardinality.
constexpr double kLowCardinalityLimit = 100;

}  // namespace shardscape
