#pragma once
// Shared by the operation suites (catalog, operations, paging, capacity): an Engine on a
// fresh temporary directory, DynamoDB JSON requests through dispatch(), and assertions on
// exact responses and exact error types and messages.

#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "api/dispatch.h"
#include "storage/engine.h"
#include "values/item_size.h"

namespace shardscape::testing {

inline Json json(std::string_view text) {
    return Json::parse(text);
}

// "prefix" followed by n (built with append: GCC 12 warns falsely on literal + to_string).
inline std::string numbered(const char* prefix, long n) {
    std::string out(prefix);
    out.append(std::to_string(n));
    return out;
}

class EngineHarness {
  public:
    explicit EngineHarness(EngineOptions options = {}) : options_(std::move(options)) {}

    // Opens (or reopens) the engine on this harness's directory; false with `error()` set
    // when that fails.
    bool open() {
        engine_.reset();
        if (!dir_.isValid()) {
            error_ = "cannot create a temporary directory";
            return false;
        }
        auto opened = Engine::open(dir_.path().toStdString(), options_);
        if (!opened) {
            error_ = opened.error().message;
            return false;
        }
        engine_ = std::move(opened).value();
        return true;
    }
    void close() { engine_.reset(); }

    Engine& engine() { return *engine_; }
    const std::string& error() const { return error_; }

    Result<Json> call(std::string_view operation, const Json& request) {
        return dispatch(*engine_, operation, request);
    }
    Result<Json> call(std::string_view operation, std::string_view request) {
        return dispatch(*engine_, operation, json(request));
    }

  private:
    EngineOptions options_;
    QTemporaryDir dir_;
    std::unique_ptr<Engine> engine_;
    std::string error_;
};

// DynamoDB size of an item given in DynamoDB JSON (which must be valid).
inline size_t sizeOf(const Json& item) {
    return itemSize(itemFromJson(item).value());
}

// `item` plus a string attribute `padName` long enough to make the item exactly `size` bytes.
inline Json itemOfSize(Json item, size_t size, const std::string& padName = "padding") {
    item[padName] = Json{{"S", ""}};
    const size_t base = sizeOf(item);
    item[padName]["S"] = std::string(size - base, 'x');
    return item;
}

// The two documents in full when short, else the JSON Patch that turns `expected` into
// `actual`.
inline std::string jsonMismatch(const Json& actual, const Json& expected) {
    const std::string a = actual.dump(), e = expected.dump();
    if (a.size() + e.size() < 1500) return "\n   Actual: " + a + "\n Expected: " + e;
    return "\n Patch from expected to actual: " + Json::diff(expected, actual).dump();
}

inline std::string describe(const Result<Json>& result) {
    if (result.ok()) return "success: " + result.value().dump();
    return result.error().name() + ": " + result.error().message;
}

// Any other result, for QVERIFY_OK on engine calls.
template <typename T>
std::string describe(const Result<T>& result) {
    return result.ok() ? "success" : result.error().name() + ": " + result.error().message;
}
inline std::string describe(const Status& status) {
    return status.ok() ? "success" : status.error().name() + ": " + status.error().message;
}

// DynamoDB reports several constraint violations in no particular order, so messages of the
// form "N validation errors detected: a; b; c" compare as sets of violations.
inline bool sameErrorMessage(const std::string& actual, const std::string& expected) {
    auto parts = [](const std::string& message, QString* head) {
        const QString text = QString::fromStdString(message);
        const int colon = text.indexOf(QStringLiteral(" validation errors detected: "));
        if (colon < 0) {
            *head = text;
            return QStringList();
        }
        const int start = colon + int(qstrlen(" validation errors detected: "));
        *head = text.left(start);
        QStringList list = text.mid(start).split(QStringLiteral("; "));
        list.sort();
        return list;
    };
    QString actualHead, expectedHead;
    const QStringList actualParts = parts(actual, &actualHead);
    const QStringList expectedParts = parts(expected, &expectedHead);
    return actualHead == expectedHead && actualParts == expectedParts;
}

}  // namespace shardscape::testing

#define QVERIFY_OK(result)                                                          \
    do {                                                                            \
        const auto& verifyOk_ = (result);                                           \
        QVERIFY2(verifyOk_.ok(), shardscape::testing::describe(verifyOk_).c_str()); \
    } while (false)

#define QCOMPARE_JSON(actual, expected)                                                        \
    do {                                                                                       \
        const shardscape::Json compareActual_ = (actual);                                      \
        const shardscape::Json compareExpected_ = (expected);                                  \
        QVERIFY2(compareActual_ == compareExpected_,                                           \
                 shardscape::testing::jsonMismatch(compareActual_, compareExpected_).c_str()); \
    } while (false)

// Expects `result` to be the error `errorName` ("ValidationException", ...) with exactly
// `expectedMessage` (multi-violation messages compared as sets, see sameErrorMessage).
#define QCOMPARE_ERROR(result, errorName, expectedMessage)                                       \
    do {                                                                                         \
        const auto& compareError_ = (result);                                                    \
        const std::string compareErrorExpected_ = (expectedMessage);                             \
        QVERIFY2(                                                                                \
            !compareError_.ok(),                                                                 \
            ("expected an error, got " + shardscape::testing::describe(compareError_)).c_str()); \
        QCOMPARE(QString::fromStdString(compareError_.error().name()), QString(errorName));      \
        QVERIFY2(shardscape::testing::sameErrorMessage(compareError_.error().message,            \
                                                       compareErrorExpected_),                   \
                 ("\n   Actual: " + compareError_.error().message +                              \
                  "\n Expected: " + compareErrorExpected_)                                       \
                     .c_str());                                                                  \
    } while (false)

#define QCOMPARE_VALIDATION(result, expectedMessage) \
    QCOMPARE_ERROR(result, "ValidationException", expectedMessage)
