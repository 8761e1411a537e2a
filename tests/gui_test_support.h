#pragma once
// Shared by the GUI suites for data: an engine with an Orders table on a temporary directory,
// answering the next QMessageBox the way a user would, and counting a table's items.

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <memory>

#include "api/dispatch.h"
#include "storage/engine.h"

namespace shardscape::testing {

// Orders: customer (S) + order (N), a GSI byCoupon on coupon (S).
inline std::shared_ptr<Engine> ordersEngine(const QTemporaryDir& dir) {
    auto opened = Engine::open(dir.path().toStdString());
    if (!opened) return nullptr;
    std::shared_ptr<Engine> engine = std::move(opened).value();
    auto created = dispatch(*engine, "CreateTable", Json::parse(R"({"TableName":"Orders",
        "BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"customer","AttributeType":"S"},
          {"AttributeName":"order","AttributeType":"N"},{"AttributeName":"coupon","AttributeType":"S"}],
        "KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"order","KeyType":"RANGE"}],
        "GlobalSecondaryIndexes":[{"IndexName":"byCoupon","KeySchema":[{"AttributeName":"coupon","KeyType":"HASH"}],
          "Projection":{"ProjectionType":"ALL"}}]})"));
    return created ? engine : nullptr;
}

// Clicks `button` on the next message box that appears (within `timeoutMs`), and keeps its
// text in `*text`. The box is modal: the answer comes from a timer while it runs.
inline void answerNextMessageBox(QMessageBox::StandardButton button, QString* text = nullptr,
                                 int timeoutMs = 5000) {
    auto* timer = new QTimer;
    auto waited = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, button, text, waited, timeoutMs] {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(widget);
            if (!box || !box->isVisible()) continue;
            if (text) *text = box->text();
            timer->stop();
            timer->deleteLater();
            box->button(button)->click();
            return;
        }
        if ((*waited += 10) > timeoutMs) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(10);
}

inline int64_t itemCount(Engine& engine, const std::string& table) {
    int64_t count = 0;
    std::optional<Item> start;
    do {
        ScanSpec spec;
        spec.tableName = table;
        spec.exclusiveStartKey = start;
        auto page = engine.scan(spec);
        if (!page) return -1;
        count += static_cast<int64_t>(page->items.size());
        start = page->lastEvaluatedKey;
    } while (start);
    return count;
}

inline std::optional<Item> getItem(Engine& engine, const std::string& table, const Json& key) {
    auto read = dispatch(engine, "GetItem", {{"TableName", table}, {"Key", key}});
    if (!read || !read->contains("Item")) return std::nullopt;
    auto item = itemFromJson((*read)["Item"]);
    if (!item) return std::nullopt;
    return std::move(item).value();
}

}  // namespace shardscape::testing
