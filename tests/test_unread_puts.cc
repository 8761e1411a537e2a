// Puts written without reading the item they replace (Engine::putItem, ReplacedItem::NotNeeded):
// which tables and requests take them, and that ItemCount and TableSizeBytes stay exact
// whatever writes, deletes, reopens, bulk loads and recounts come between.
#include <random>

#include "backend/local_backend.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

Item itemOf(const std::string& key, size_t padding) {
    return Item{{"pk", AttributeValue::string(key)},
                {"body", AttributeValue::string(std::string(padding, 'x'))}};
}

Item keyOf(const std::string& key) {
    return Item{{"pk", AttributeValue::string(key)}};
}

Json simpleTable(const std::string& name) {
    return {{"TableName", name},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
}

}  // namespace

class UnreadPutsTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;
    Engine& engine() { return harness_->engine(); }
    void open(EngineOptions options = {});
    void createTable(const Json& request);
    // The statistics as DescribeTable gives them, and as counted from the items.
    TableStatistics described(const std::string& table);
    TableStatistics counted(const std::string& table);

  private slots:
    void cleanup() { harness_.reset(); }

    void plainTablesSkipTheRead();
    void statisticsStayExactThroughMixedWrites();
    void tablesThatNeedTheReplacedItemReadIt_data();
    void tablesThatNeedTheReplacedItemReadIt();
    void callersThatNeedTheReplacedItemGetIt();
    void statisticsSurviveAReopen();
    void deleteTableAndRepairSeeExactFigures();
    void bulkLoadAfterUnreadPuts();
    void aRecountThatDoesNotPayPausesUnreadPuts();
    void largeTablesReadTheReplacedItem();
    void responsesThatNeedTheOldItemAreUnchanged();
    void theWindowsThreadLeavesLargeRecountsAlone();
};

void UnreadPutsTest::open(EngineOptions options) {
    harness_ = std::make_unique<EngineHarness>(std::move(options));
    QVERIFY2(harness_->open(), harness_->error().c_str());
}

void UnreadPutsTest::createTable(const Json& request) {
    QVERIFY_OK(harness_->call("CreateTable", request));
}

TableStatistics UnreadPutsTest::described(const std::string& table) {
    auto described = engine().describeTable(table);
    if (!described) {
        qWarning("DescribeTable failed: %s", described.error().message.c_str());
        return {-1, -1, {}};
    }
    return described->second;
}

TableStatistics UnreadPutsTest::counted(const std::string& table) {
    TableStatistics stats;
    ScanSpec scan;
    scan.tableName = table;
    for (;;) {
        auto page = engine().scan(scan);
        if (!page) {
            qWarning("Scan failed: %s", page.error().message.c_str());
            return {-1, -1, {}};
        }
        for (const auto& stored : page->items) {
            ++stats.itemCount;
            stats.sizeBytes += static_cast<int64_t>(stored.size());
        }
        if (!page->lastEvaluatedKey) return stats;
        scan.exclusiveStartKey = page->lastEvaluatedKey;
    }
}

void UnreadPutsTest::plainTablesSkipTheRead() {
    open();
    createTable(simpleTable("Plain"));
    auto first = engine().putItem("Plain", itemOf("a", 100));
    QVERIFY_OK(first);
    QVERIFY(first->replacedUnread);
    QVERIFY(!first->oldItem);
    QCOMPARE(first->newSize, itemSize(itemOf("a", 100)));
    // An overwrite: smaller, so a statistics delta from the new size alone would be wrong.
    auto second = engine().putItem("Plain", itemOf("a", 10));
    QVERIFY_OK(second);
    QVERIFY(second->replacedUnread);
    QVERIFY_OK(engine().putItem("Plain", itemOf("b", 50)));
    const TableStatistics stats = described("Plain");
    QCOMPARE(stats.itemCount, int64_t(2));
    QCOMPARE(stats.sizeBytes,
             static_cast<int64_t>(itemSize(itemOf("a", 10)) + itemSize(itemOf("b", 50))));
    // The item itself is what was written last.
    auto read = engine().getItem("Plain", keyOf("a"));
    QVERIFY_OK(read);
    QVERIFY(read->item);
    QCOMPARE(read->item->decode().value(), itemOf("a", 10));

    // The item size limit holds without the read: nothing is written, the figures stand.
    const Item overLimit = itemOf("c", kMaxItemSizeBytes);  // plus "pk", "c" and "body"
    auto refused = engine().putItem("Plain", overLimit);
    QVERIFY(!refused);
    QCOMPARE(refused.error().message,
             std::string("Item size has exceeded the maximum allowed size"));
    QVERIFY(!engine().getItem("Plain", keyOf("c"))->item);
    QCOMPARE(described("Plain").itemCount, int64_t(2));
}

void UnreadPutsTest::statisticsStayExactThroughMixedWrites() {
    open();
    createTable(simpleTable("Mixed"));
    std::mt19937 random(7);
    std::uniform_int_distribution<int> keyPick(0, 39), action(0, 9), padding(0, 400);
    for (int step = 0; step < 600; ++step) {
        const std::string key = "k" + std::to_string(keyPick(random));
        const int what = action(random);
        if (what < 5) {
            QVERIFY_OK(engine().putItem("Mixed", itemOf(key, padding(random))));
        } else if (what == 5) {
            QVERIFY_OK(engine().deleteItem("Mixed", keyOf(key)));
        } else if (what == 6) {
            // A read-modify-write between unread puts.
            const size_t pad = padding(random);
            QVERIFY_OK(engine().mutateItem("Mixed", keyOf(key),
                                           [&](const StoredItem*) -> Result<std::optional<Item>> {
                                               return std::optional<Item>(itemOf(key, pad));
                                           }));
        } else if (what == 7) {
            QVERIFY_OK(engine().putItems(
                "Mixed", {itemOf(key, padding(random)), itemOf(key + "x", padding(random))}));
        } else if (what == 8) {
            // A put with a condition reads the item.
            auto conditional = engine().putItem("Mixed", itemOf(key, padding(random)),
                                                [](const StoredItem*) { return Status(); });
            QVERIFY_OK(conditional);
            QVERIFY(!conditional->replacedUnread);
        } else {
            const TableStatistics stats = described("Mixed");
            const TableStatistics truth = counted("Mixed");
            QCOMPARE(stats.itemCount, truth.itemCount);
            QCOMPARE(stats.sizeBytes, truth.sizeBytes);
        }
    }
    const TableStatistics stats = described("Mixed");
    const TableStatistics truth = counted("Mixed");
    QVERIFY(truth.itemCount > 0);
    QCOMPARE(stats.itemCount, truth.itemCount);
    QCOMPARE(stats.sizeBytes, truth.sizeBytes);
}

void UnreadPutsTest::tablesThatNeedTheReplacedItemReadIt_data() {
    QTest::addColumn<QString>("table");
    QTest::addColumn<bool>("enforce");
    QTest::newRow("global secondary index")
        << R"({"TableName": "Tab", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "g", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "GlobalSecondaryIndexes": [{"IndexName": "ByG", "Projection": {"ProjectionType": "ALL"},
                                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}]}]})"
        << false;
    QTest::newRow("stream") << R"({"TableName": "Tab", "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}})"
                            << false;
    QTest::newRow("capacity meter") << R"({"TableName": "Tab",
        "ProvisionedThroughput": {"ReadCapacityUnits": 100, "WriteCapacityUnits": 100},
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"
                                    << true;
}

void UnreadPutsTest::tablesThatNeedTheReplacedItemReadIt() {
    QFETCH(QString, table);
    QFETCH(bool, enforce);
    EngineOptions options;
    if (enforce) options.capacityEnforcement = CapacityEnforcement::Enforce;
    open(options);
    createTable(json(table.toStdString()));
    QVERIFY_OK(engine().putItem("Tab", itemOf("a", 100)));
    auto replaced = engine().putItem("Tab", itemOf("a", 20));
    QVERIFY_OK(replaced);
    QVERIFY(!replaced->replacedUnread);
    QVERIFY(replaced->oldItem);
    QCOMPARE(replaced->oldSize, itemSize(itemOf("a", 100)));
    QCOMPARE(described("Tab").itemCount, int64_t(1));
}

void UnreadPutsTest::callersThatNeedTheReplacedItemGetIt() {
    open();
    createTable(simpleTable("Plain"));
    QVERIFY_OK(engine().putItem("Plain", itemOf("a", 100)));
    auto replaced = engine().putItem("Plain", itemOf("a", 20), {}, Engine::ReplacedItem::Needed);
    QVERIFY_OK(replaced);
    QVERIFY(!replaced->replacedUnread);
    QVERIFY(replaced->oldItem);
    QCOMPARE(replaced->oldItem->decode().value(), itemOf("a", 100));
    QCOMPARE(replaced->oldSize, itemSize(itemOf("a", 100)));
    QCOMPARE(described("Plain").sizeBytes, static_cast<int64_t>(itemSize(itemOf("a", 20))));
}

void UnreadPutsTest::statisticsSurviveAReopen() {
    open();
    createTable(simpleTable("Plain"));
    for (int i = 0; i < 30; ++i)
        QVERIFY_OK(engine().putItem("Plain", itemOf("k" + std::to_string(i % 20), 10 + i)));
    const TableStatistics truth = counted("Plain");
    QCOMPARE(truth.itemCount, int64_t(20));
    // Closed without anyone reading the statistics: the close counts them.
    QVERIFY2(harness_->open(), harness_->error().c_str());
    const TableStatistics reopened = described("Plain");
    QCOMPARE(reopened.itemCount, truth.itemCount);
    QCOMPARE(reopened.sizeBytes, truth.sizeBytes);
}

void UnreadPutsTest::deleteTableAndRepairSeeExactFigures() {
    open();
    createTable(simpleTable("Plain"));
    createTable(simpleTable("Other"));
    for (int i = 0; i < 12; ++i) {
        QVERIFY_OK(engine().putItem("Plain", itemOf("k" + std::to_string(i % 7), 30)));
        QVERIFY_OK(engine().putItem("Other", itemOf("k" + std::to_string(i), 30)));
    }
    // The repair's "before" figures are the true ones: it reports no difference.
    auto before = engine().recountStatistics();
    QVERIFY_OK(before);
    QCOMPARE(before->at("Plain").itemCount, int64_t(7));
    QCOMPARE(before->at("Other").itemCount, int64_t(12));
    QCOMPARE(described("Plain").itemCount, int64_t(7));
    QVERIFY_OK(engine().putItem("Other", itemOf("k99", 30)));
    auto deleted = engine().deleteTable("Other");
    QVERIFY_OK(deleted);
    QCOMPARE(deleted->second.itemCount, int64_t(13));
    // Ten one-digit keys and three two-digit ones.
    QCOMPARE(deleted->second.sizeBytes, static_cast<int64_t>(13 * itemSize(itemOf("k1", 30)) + 3));
}

void UnreadPutsTest::bulkLoadAfterUnreadPuts() {
    open();
    createTable(simpleTable("Plain"));
    QVERIFY_OK(engine().putItem("Plain", itemOf("a", 10)));
    QVERIFY_OK(engine().putItem("Plain", itemOf("b", 10)));
    auto loader = engine().beginBulkLoad("Plain");
    QVERIFY_OK(loader);
    QVERIFY_OK((*loader)->add({itemOf("b", 40), itemOf("c", 40)}));
    QVERIFY_OK((*loader)->finish());
    QVERIFY_OK(engine().putItem("Plain", itemOf("d", 10)));
    const TableStatistics stats = described("Plain");
    QCOMPARE(stats.itemCount, int64_t(4));
    QCOMPARE(stats.sizeBytes, counted("Plain").sizeBytes);
}

void UnreadPutsTest::aRecountThatDoesNotPayPausesUnreadPuts() {
    open();
    createTable(simpleTable("Plain"));
    std::vector<Item> items;
    for (int i = 0; i < 200; ++i) items.push_back(itemOf("k" + std::to_string(i), 10));
    QVERIFY_OK(engine().putItems("Plain", std::move(items)));
    // One unread put, then a reader: recounting 201 items for one put does not pay.
    auto first = engine().putItem("Plain", itemOf("new", 10));
    QVERIFY_OK(first);
    QVERIFY(first->replacedUnread);
    QCOMPARE(described("Plain").itemCount, int64_t(201));
    // So the next puts read the item they replace ...
    int read = 0;
    for (;;) {
        auto put = engine().putItem("Plain", itemOf("k" + std::to_string(read), 20));
        QVERIFY_OK(put);
        if (put->replacedUnread) break;
        QVERIFY(put->oldItem);
        QVERIFY2(++read < 1000, "unread puts never resumed");
    }
    // ... until there have been enough of them for a recount to pay again (one recounted
    // item costs about an eighth of a read).
    QVERIFY2(read >= 20 && read <= 30, std::to_string(read).c_str());
    const TableStatistics stats = described("Plain");
    QCOMPARE(stats.itemCount, int64_t(201));
    QCOMPARE(stats.sizeBytes, counted("Plain").sizeBytes);
}

void UnreadPutsTest::largeTablesReadTheReplacedItem() {
    EngineOptions options;
    options.unreadPutTableItems = 10;
    open(options);
    createTable(simpleTable("Plain"));
    for (int i = 0; i < 10; ++i) {
        auto put = engine().putItem("Plain", itemOf("k" + std::to_string(i), 10));
        QVERIFY_OK(put);
        QVERIFY(put->replacedUnread);
    }
    // Ten items (at most, as far as the engine knows without counting): the eleventh put
    // would make the recount longer than the table allows.
    auto put = engine().putItem("Plain", itemOf("k10", 10));
    QVERIFY_OK(put);
    QVERIFY(put->replacedUnread);
    QCOMPARE(described("Plain").itemCount, int64_t(11));
    auto large = engine().putItem("Plain", itemOf("k11", 10));
    QVERIFY_OK(large);
    QVERIFY(!large->replacedUnread);
    QCOMPARE(described("Plain").itemCount, int64_t(12));
}

void UnreadPutsTest::responsesThatNeedTheOldItemAreUnchanged() {
    open();
    createTable(simpleTable("Plain"));
    const Json big = itemOfSize({{"pk", {{"S", "a"}}}}, 3000);
    const Json small = {{"pk", {{"S", "a"}}}, {"v", {{"S", "small"}}}};
    QVERIFY_OK(harness_->call("PutItem", {{"TableName", "Plain"}, {"Item", big}}));
    // Consumed capacity counts the larger of the two items: 3 units for the 3,000-byte one.
    auto put = harness_->call("PutItem", {{"TableName", "Plain"},
                                          {"Item", small},
                                          {"ReturnConsumedCapacity", "TOTAL"},
                                          {"ReturnValues", "ALL_OLD"}});
    QVERIFY_OK(put);
    QCOMPARE_JSON(put->at("ConsumedCapacity"),
                  json(R"({"TableName": "Plain", "CapacityUnits": 3.0})"));
    QCOMPARE_JSON(put->at("Attributes"), big);
    QVERIFY_OK(harness_->call("PutItem", {{"TableName", "Plain"}, {"Item", big}}));
    auto batch = harness_->call(
        "BatchWriteItem", {{"RequestItems", {{"Plain", {{{"PutRequest", {{"Item", small}}}}}}}},
                           {"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(batch);
    QCOMPARE_JSON(batch->at("ConsumedCapacity"),
                  json(R"([{"TableName": "Plain", "CapacityUnits": 3.0}])"));
    // Plain PutItems (no ReturnValues, no consumed capacity) leave DescribeTable exact.
    for (int i = 0; i < 5; ++i)
        QVERIFY_OK(harness_->call(
            "PutItem",
            {{"TableName", "Plain"}, {"Item", {{"pk", {{"S", "p" + std::to_string(i % 3)}}}}}}));
    auto described = harness_->call("DescribeTable", {{"TableName", "Plain"}});
    QVERIFY_OK(described);
    QCOMPARE(described->at("Table").at("ItemCount").get<int64_t>(), int64_t(4));
    QCOMPARE(described->at("Table").at("TableSizeBytes").get<int64_t>(),
             counted("Plain").sizeBytes);
}

void UnreadPutsTest::theWindowsThreadLeavesLargeRecountsAlone() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = Engine::open(dir.path().toStdString());
    QVERIFY_OK(opened);
    std::shared_ptr<Engine> engine = std::move(opened).value();
    QVERIFY_OK(dispatch(*engine, "CreateTable", simpleTable("Big")));
    auto loader = engine->beginBulkLoad("Big");
    QVERIFY_OK(loader);
    std::vector<Item> items;
    for (int i = 0; i < 100'001; ++i) items.push_back(itemOf("k" + std::to_string(i), 0));
    QVERIFY_OK((*loader)->add(std::move(items)));
    QVERIFY_OK((*loader)->finish());
    LocalBackend backend(engine);
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(0));
    QCOMPARE(backend.exactItemCount("Big", ""), std::optional<int64_t>(100'001));
    auto put = engine->putItem("Big", itemOf("new", 0));
    QVERIFY_OK(put);
    QVERIFY(put->replacedUnread);
    // A recount of 100,002 items is not for the Data view's thread: it reads page by page.
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(100'002));
    QCOMPARE(backend.exactItemCount("Big", ""), std::optional<int64_t>());
    // The live view's recording of an unmetered table does not count it either.
    auto recording = backend.capacityRecording("Big");
    QVERIFY_OK(recording);
    QVERIFY(!recording->snapshot);
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(100'002));
    // Once something else has counted, the figure is there again.
    QCOMPARE(engine->describeTable("Big")->second.itemCount, int64_t(100'002));
    QCOMPARE(engine->itemsToRecount("Big"), int64_t(0));
    QCOMPARE(backend.exactItemCount("Big", ""), std::optional<int64_t>(100'002));
}

QTEST_GUILESS_MAIN(UnreadPutsTest)
#include "test_unread_puts.moc"
