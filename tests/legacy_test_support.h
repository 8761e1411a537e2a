#pragma once
// Shared by the legacy-parameter suites (test_legacy_writes, test_legacy_reads): the tables
// and items they start from, and their helpers.

#include <QStringList>

#include <memory>

#include "operation_test_support.h"

namespace shardscape::testing {

inline const char* kItemsTable = R"J({"TableName":"Items","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                          {"AttributeName":"kind","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
  "GlobalSecondaryIndexes":[{"IndexName":"byKind",
    "KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}]})J";

inline const char* kEventsTable = R"J({"TableName":"Events","BillingMode":"PAY_PER_REQUEST",
  "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                          {"AttributeName":"sk","AttributeType":"S"}],
  "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})J";

// The item the Expected cases test against.
inline const char* kSample = R"J({"pk":{"S":"p"},"s":{"S":"hello"},"n":{"N":"5"},"b":{"B":"AQID"},
  "ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},"l":{"L":[{"S":"a"},{"N":"1"}]},
  "m":{"M":{"k":{"S":"v"}}},"t":{"BOOL":true}})J";

// Scan items: pk, n (a number, or a string in s5), s, ss, l.
inline const char* kScanItems[] = {
    R"J({"pk":{"S":"s1"},"n":{"N":"1"},"s":{"S":"apple"},"ss":{"SS":["x"]},"l":{"L":[{"S":"a"}]}})J",
    R"J({"pk":{"S":"s2"},"n":{"N":"2"},"s":{"S":"banana"}})J",
    R"J({"pk":{"S":"s3"},"n":{"N":"3"},"s":{"S":"cherry"},"ss":{"SS":["x","y"]}})J",
    R"J({"pk":{"S":"s4"},"s":{"S":"apricot"}})J",
    R"J({"pk":{"S":"s5"},"n":{"S":"5"}})J",
};

inline const char* kFailed = "The conditional request failed";
inline const char* kOperatorEnum =
    "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
    "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";

inline std::string invalid(const std::string& detail) {
    return "One or more parameter values were invalid: " + detail;
}

// The sorted "pk" values of a Query or Scan response's Items.
inline QStringList keysOf(const Json& response) {
    QStringList keys;
    for (const auto& item : response["Items"])
        keys << QString::fromStdString(
            item["pk"]["S"].get<std::string>() +
            (item.contains("sk") ? "/" + item["sk"]["S"].get<std::string>() : ""));
    keys.sort();
    return keys;
}

// An engine with the Items table (pk; GSI byKind on kind) holding kSample, and the Events
// table (pk, sk), fresh for each test.
class LegacyFixture {
  public:
    bool open() {
        harness_ = std::make_unique<EngineHarness>();
        if (!harness_->open()) return false;
        return call("CreateTable", json(kItemsTable)).ok() &&
               call("CreateTable", json(kEventsTable)).ok() &&
               call("PutItem", Json{{"TableName", "Items"}, {"Item", json(kSample)}}).ok();
    }
    void close() { harness_.reset(); }
    std::string error() const { return harness_ ? harness_->error() : std::string(); }

    Engine& engine() { return harness_->engine(); }
    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    // The item at `key` read consistently, or null when there is none.
    Json get(const char* table, const Json& key) {
        auto got =
            call("GetItem", Json{{"TableName", table}, {"Key", key}, {"ConsistentRead", true}});
        if (!got) return "GetItem failed: " + got.error().message;
        return got->contains("Item") ? (*got)["Item"] : Json();
    }

  private:
    std::unique_ptr<EngineHarness> harness_;
};

}  // namespace shardscape::testing
