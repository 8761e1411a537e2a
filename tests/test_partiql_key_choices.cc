// A SELECT that names several partition key values with IN or OR reads those partitions (one
// GetItem or Query per value), not the whole table, as DynamoDB documents ("PartiQL select
// statements": such a WHERE does not result in a full table scan), in pages of up to 10
// items ("PartiQL operators": IN takes at most 50 partition key values).
#include <QTest>

#include "classroom/statement_preview.h"
#include "partiql_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

class PartiqlKeyChoicesTest : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void capacityIsTheSumOfTheQueries();
    void pagesOfTenItemsAcrossPartitions();
    void limitMakesSmallerPages();
    void indexPartitions();
    void duplicateValuesAreReadOnce();
    void limitsAndPlacesWhereItIsRefused();
    void previewSaysHowManyReads();

  private:
    // Songs "S00".."Snn" of `artist`, one per year from 2000.
    void addSongs(const std::string& artist, int count);
    std::vector<std::string> titles(const Json& items);

    std::unique_ptr<EngineHarness> harness_;
};

void PartiqlKeyChoicesTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(openMusicAndCounters(*harness_), harness_->error().c_str());
}

void PartiqlKeyChoicesTest::addSongs(const std::string& artist, int count) {
    for (int i = 0; i < count; ++i) {
        char title[16];
        std::snprintf(title, sizeof title, "S%02d", i);
        QVERIFY_OK(harness_->call(
            "PutItem", Json{{"TableName", "Music"},
                            {"Item", song(artist, title, "Album " + artist, 2000 + i)}}));
    }
}

std::vector<std::string> PartiqlKeyChoicesTest::titles(const Json& items) {
    std::vector<std::string> out;
    for (const Json& item : items)
        out.push_back(item["Artist"]["S"].get<std::string>() + "/" +
                      item["SongTitle"]["S"].get<std::string>());
    return out;
}

void PartiqlKeyChoicesTest::capacityIsTheSumOfTheQueries() {
    addSongs("Big", 9);
    Json bigItem = itemOfSize(song("Big", "Huge", "Album Big", 1), 9000);
    QVERIFY_OK(harness_->call("PutItem", Json{{"TableName", "Music"}, {"Item", bigItem}}));
    const Json total = {{"ReturnConsumedCapacity", "TOTAL"}};
    // Acme holds 3 small songs, Zed 2: one page each. Big is read in its own Query.
    for (const char* statement : {"SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed']",
                                  "SELECT * FROM Music WHERE Artist = 'Acme' OR Artist = 'Zed'"}) {
        auto answer = executeStatement(*harness_, statement, total);
        QVERIFY_OK(answer);
        double expected = 0;
        for (const char* artist : {"Acme", "Zed"}) {
            auto query =
                harness_->call("Query", Json{{"TableName", "Music"},
                                             {"KeyConditionExpression", "Artist = :a"},
                                             {"ExpressionAttributeValues", {{":a", S(artist)}}},
                                             {"ReturnConsumedCapacity", "TOTAL"}});
            QVERIFY_OK(query);
            expected += (*query)["ConsumedCapacity"]["CapacityUnits"].get<double>();
        }
        QCOMPARE((*answer)["ConsumedCapacity"]["CapacityUnits"].get<double>(), expected);
        QCOMPARE((*answer)["ConsumedCapacity"]["TableName"], Json("Music"));
        // Each of the two Queries is charged at least 0.5; a Scan would read the 9 KB item too.
        QCOMPARE(expected, 1.0);
        auto scan = harness_->call(
            "Scan", Json{{"TableName", "Music"},
                         {"FilterExpression", "Artist IN (:a, :z)"},
                         {"ExpressionAttributeValues", {{":a", S("Acme")}, {":z", S("Zed")}}},
                         {"ReturnConsumedCapacity", "TOTAL"}});
        QVERIFY_OK(scan);
        QVERIFY((*scan)["ConsumedCapacity"]["CapacityUnits"].get<double>() > expected);
    }
    // A whole key per value: GetItems, each charged as GetItem (0.5 for an item under 4 KB).
    auto gets = executeStatement(
        *harness_,
        "SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed', 'Nobody'] AND SongTitle = 'Alpha'",
        total);
    QVERIFY_OK(gets);
    QCOMPARE(titles((*gets)["Items"]), (std::vector<std::string>{"Acme/Alpha", "Zed/Alpha"}));
    QCOMPARE((*gets)["ConsumedCapacity"]["CapacityUnits"].get<double>(), 1.5);
}

void PartiqlKeyChoicesTest::pagesOfTenItemsAcrossPartitions() {
    addSongs("A", 8);
    addSongs("B", 12);
    addSongs("C", 5);
    const std::string statement = "SELECT Artist, SongTitle FROM Music WHERE Artist IN [?, ?, ?]";
    Json request = {{"Parameters", {S("A"), S("B"), S("C")}}};
    std::vector<std::vector<std::string>> pages;
    for (int guard = 0; guard < 10; ++guard) {
        auto answer = executeStatement(*harness_, statement, request);
        QVERIFY_OK(answer);
        pages.push_back(titles((*answer)["Items"]));
        if (!answer->contains("NextToken")) break;
        request["NextToken"] = (*answer)["NextToken"];
    }
    std::vector<std::vector<std::string>> expected(3);
    for (int i = 0; i < 8; ++i) expected[0].push_back("A/S0" + std::to_string(i));
    expected[0].push_back("B/S00");
    expected[0].push_back("B/S01");
    for (int i = 2; i < 12; ++i) {
        char title[16];
        std::snprintf(title, sizeof title, "S%02d", i);
        expected[1].push_back(std::string("B/") + title);
    }
    for (int i = 0; i < 5; ++i) expected[2].push_back("C/S0" + std::to_string(i));
    QCOMPARE(pages, expected);

    // A NextToken belongs to its statement and parameters.
    auto first = executeStatement(*harness_, statement, {{"Parameters", {S("A"), S("B"), S("C")}}});
    QVERIFY_OK(first);
    QCOMPARE_ERROR(executeStatement(*harness_, statement,
                                    {{"Parameters", {S("A"), S("B"), S("D")}},
                                     {"NextToken", (*first)["NextToken"]}}),
                   "ValidationException", "NextToken does not match request");
}

void PartiqlKeyChoicesTest::limitMakesSmallerPages() {
    addSongs("A", 3);
    addSongs("B", 3);
    const std::string statement = "SELECT * FROM Music WHERE Artist IN ['A', 'B']";
    Json request = {{"Limit", 4}};
    std::vector<size_t> sizes;
    for (int guard = 0; guard < 10; ++guard) {
        auto answer = executeStatement(*harness_, statement, request);
        QVERIFY_OK(answer);
        sizes.push_back((*answer)["Items"].size());
        if (!answer->contains("NextToken")) break;
        request["NextToken"] = (*answer)["NextToken"];
    }
    QCOMPARE(sizes, (std::vector<size_t>{4, 2}));
}

void PartiqlKeyChoicesTest::indexPartitions() {
    auto answer = executeStatement(
        *harness_,
        "SELECT SongTitle FROM \"Music\".\"byAlbum\" WHERE AlbumTitle IN ['Second', 'Third']",
        {{"ReturnConsumedCapacity", "INDEXES"}});
    QVERIFY_OK(answer);
    std::vector<std::string> got;
    for (const Json& item : (*answer)["Items"]) got.push_back(item["SongTitle"]["S"]);
    std::sort(got.begin(), got.begin() + 2);  // one partition's items in index sort order
    QCOMPARE(got, (std::vector<std::string>{"Alpha", "Gamma", "Omega"}));
    QVERIFY((*answer)["ConsumedCapacity"].contains("GlobalSecondaryIndexes"));
    QCOMPARE((*answer)["ConsumedCapacity"]["GlobalSecondaryIndexes"]["byAlbum"]["CapacityUnits"]
                 .get<double>(),
             1.0);
}

void PartiqlKeyChoicesTest::duplicateValuesAreReadOnce() {
    auto answer = executeStatement(*harness_,
                                   "SELECT * FROM Music WHERE Artist IN ['Zed', 'Zed'] OR "
                                   "Artist = 'Zed'",
                                   {{"ReturnConsumedCapacity", "TOTAL"}});
    // IN inside an OR is no list of equalities: that is a Scan, and still right.
    QVERIFY_OK(answer);
    QCOMPARE((*answer)["Items"].size(), size_t(2));
    auto once = executeStatement(*harness_, "SELECT * FROM Music WHERE Artist IN ['Zed', 'Zed']",
                                 {{"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(once);
    QCOMPARE(titles((*once)["Items"]), (std::vector<std::string>{"Zed/Alpha", "Zed/Omega"}));
    QCOMPARE((*once)["ConsumedCapacity"]["CapacityUnits"].get<double>(), 0.5);
}

void PartiqlKeyChoicesTest::limitsAndPlacesWhereItIsRefused() {
    std::string fifty, fiftyOne;
    for (int i = 0; i < 51; ++i) {
        std::string value = "'a" + std::to_string(i) + "'";
        if (i < 50) fifty += (i ? ", " : "") + value;
        fiftyOne += (i ? ", " : "") + value;
    }
    QVERIFY_OK(executeStatement(*harness_, "SELECT * FROM Music WHERE Artist IN [" + fifty + "]"));
    QCOMPARE_ERROR(
        executeStatement(*harness_, "SELECT * FROM Music WHERE Artist IN [" + fiftyOne + "]"),
        "ValidationException",
        "Statement wasn't well formed, can't be processed: IN on the partition key takes at most "
        "50 values");
    // A batch read and a transaction read must name one whole key.
    auto batch = harness_->call(
        "BatchExecuteStatement",
        Json{
            {"Statements",
             {{{"Statement",
                "SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed'] AND SongTitle = 'Alpha'"}}}}});
    QVERIFY_OK(batch);
    QCOMPARE((*batch)["Responses"][0]["Error"]["Message"],
             Json("Select statements within BatchExecuteStatement must specify the primary key in "
                  "the where clause."));
    QCOMPARE_ERROR(
        harness_->call("ExecuteTransaction",
                       Json{{"TransactStatements",
                             {{{"Statement",
                                "SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed'] "
                                "AND SongTitle = 'Alpha'"}}}}}),
        "ValidationException",
        "Select statements within ExecuteTransaction must specify the primary key in the where "
        "clause.");
}

void PartiqlKeyChoicesTest::previewSaysHowManyReads() {
    auto lookup = [this](const std::string& name) { return harness_->engine().table(name); };
    auto preview = previewStatement("SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed', 'Acme']",
                                    Json(), lookup);
    QVERIFY2(preview.ok(), preview.ok() ? "" : preview.error().message.c_str());
    QCOMPARE(preview->operation, std::string("Query"));
    QCOMPARE(preview->partitions, size_t(2));
    QVERIFY(!preview->scan);
    QCOMPARE(scanWarning(*preview), std::string());
    QCOMPARE(preview->reason,
             std::string("the WHERE names 2 values of the partition key Artist of the table Music "
                         "(IN or OR): one Query per value, results in pages of up to 10 items"));
    auto answer = executeStatement(*harness_, "SELECT * FROM Music WHERE Artist IN ['Acme', 'Zed']",
                                   {{"ReturnConsumedCapacity", "TOTAL"}});
    QVERIFY_OK(answer);
    QCOMPARE(explainStatementCost(*preview, *answer),
             "Runs as 2 × Query because " + preview->reason +
                 ". Cost: 1 RCU in all on this page, the sum of each Query's own charge.");
}

QTEST_GUILESS_MAIN(PartiqlKeyChoicesTest)
#include "test_partiql_key_choices.moc"
