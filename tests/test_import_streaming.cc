// Item import streams, in every format: the input is generated on the fly by a streambuf that
// never holds more than one record, and the test checks that the importer has written the
// first chunk before it has read much further (nothing is slurped), that progress is reported
// per chunk, that cancelling stops reading at once and says so, and that rejected rows are
// counted and listed with their record number, line and reason while the others go in.
#include <QTemporaryDir>
#include <QtTest>
#include <sstream>
#include <streambuf>

#include "api/dispatch.h"
#include "storage/engine.h"
#include "transfer/item_import.h"
#include "values/attribute_json.h"

using namespace shardscape;

class ImportStreamingTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void readsOneChunkAheadAtMost_data();
    void readsOneChunkAheadAtMost();
    void cancellationStopsReading_data();
    void cancellationStopsReading();
    void rejectedRowsAreListedTheRestImported_data();
    void rejectedRowsAreListedTheRestImported();
    void malformedRecordsNameLineColumnAndAttribute_data();
    void malformedRecordsNameLineColumnAndAttribute();
    void checkedItemsLoadIntoTheirTableOnly();

  private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Engine> engine_;
};

namespace {

enum class Layout { DynamoDbLines, DynamoDbArray, S3Export, PlainJsonArray, PlainJsonLines, Csv };

ItemFormat formatOf(Layout layout) {
    switch (layout) {
        case Layout::DynamoDbLines:
        case Layout::DynamoDbArray:
            return ItemFormat::DynamoDbJson;
        case Layout::S3Export:
            return ItemFormat::S3Export;
        case Layout::PlainJsonArray:
        case Layout::PlainJsonLines:
            return ItemFormat::PlainJson;
        case Layout::Csv:
            return ItemFormat::Csv;
    }
    return ItemFormat::DynamoDbJson;
}

bool isArray(Layout layout) {
    return layout == Layout::DynamoDbArray || layout == Layout::PlainJsonArray;
}

// Record i: id "user-<i % 977>", n i (the sort key), a name and a score. A bad record lacks n.
std::string record(Layout layout, int i, bool bad) {
    const std::string id = "user-" + std::to_string(i % 977);
    const std::string n = std::to_string(i);
    std::string out;
    switch (layout) {
        case Layout::DynamoDbLines:
        case Layout::DynamoDbArray:
        case Layout::S3Export:
            out = "{\"id\":{\"S\":\"" + id + "\"},";
            if (!bad) out += "\"n\":{\"N\":\"" + n + "\"},";
            out += "\"name\":{\"S\":\"Customer " + n + "\"},\"score\":{\"N\":\"" +
                   std::to_string(i % 1000) + "\"}}";
            if (layout == Layout::S3Export) out = "{\"Item\":" + out + "}";
            return out;
        case Layout::PlainJsonArray:
        case Layout::PlainJsonLines:
            out = "{\"id\":\"" + id + "\",";
            if (!bad) out += "\"n\":" + n + ",";
            return out + "\"name\":\"Customer " + n + "\",\"score\":" + std::to_string(i % 1000) +
                   "}";
        case Layout::Csv:
            return id + "," + (bad ? std::string() : n) + ",\"Customer " + n + "\"," +
                   std::to_string(i % 1000);
    }
    return out;
}

// The line record i starts on.
int64_t lineOf(Layout layout, int i) {
    // Arrays open with "[" on a line of its own; CSV starts with its header.
    return i + 1 + ((isArray(layout) || layout == Layout::Csv) ? 1 : 0);
}

// An item file generated while it is read: one record in memory at a time.
class GeneratedInput : public std::streambuf {
  public:
    GeneratedInput(Layout layout, int count, std::vector<int> bad = {})
        : layout_(layout), count_(count), bad_(std::move(bad)) {}
    int recordsProduced() const { return produced_; }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        piece_.clear();
        if (!started_) {
            started_ = true;
            if (isArray(layout_)) piece_ = "[\n";
            if (layout_ == Layout::Csv) piece_ = "id,n:N,name,score:N\n";
        }
        if (produced_ < count_) {
            const bool bad = std::find(bad_.begin(), bad_.end(), produced_) != bad_.end();
            piece_ += record(layout_, produced_, bad);
            ++produced_;
            if (isArray(layout_) && produced_ < count_) piece_ += ",";
            piece_ += "\n";
        } else if (!finished_) {
            finished_ = true;
            if (isArray(layout_)) piece_ += "]\n";
        }
        if (piece_.empty()) return traits_type::eof();
        setg(piece_.data(), piece_.data(), piece_.data() + piece_.size());
        return traits_type::to_int_type(*gptr());
    }

  private:
    Layout layout_;
    int count_;
    std::vector<int> bad_;
    int produced_ = 0;
    bool started_ = false;
    bool finished_ = false;
    std::string piece_;
};

void createTable(Engine& engine, const std::string& name) {
    Json request = Json::parse(R"J({"BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                 {"AttributeName": "n", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                      {"AttributeName": "n", "KeyType": "RANGE"}]})J");
    request["TableName"] = name;
    auto response = dispatch(engine, "CreateTable", request);
    if (!response) qFatal("%s", response.error().message.c_str());
}

bool hasItem(Engine& engine, int i) {
    Item key;
    key.emplace("id", AttributeValue::string("user-" + std::to_string(i % 977)));
    key.emplace("n", AttributeValue::number(std::to_string(i)));
    auto read = engine.getItem("Items", key);
    return read.ok() && read->item.has_value();
}

void addLayouts() {
    QTest::addColumn<int>("layout");
    QTest::newRow("dynamodb-json lines") << int(Layout::DynamoDbLines);
    QTest::newRow("dynamodb-json array") << int(Layout::DynamoDbArray);
    QTest::newRow("s3-export") << int(Layout::S3Export);
    QTest::newRow("json array") << int(Layout::PlainJsonArray);
    QTest::newRow("json lines") << int(Layout::PlainJsonLines);
    QTest::newRow("csv") << int(Layout::Csv);
}

}  // namespace

void ImportStreamingTest::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    auto engine = Engine::open(dir_->filePath("data").toStdString());
    QVERIFY(engine.ok());
    engine_ = std::move(engine).value();
    createTable(*engine_, "Items");
}

void ImportStreamingTest::cleanup() {
    engine_.reset();
    dir_.reset();
}

void ImportStreamingTest::readsOneChunkAheadAtMost_data() {
    addLayouts();
}

void ImportStreamingTest::readsOneChunkAheadAtMost() {
    QFETCH(int, layout);
    const int count = 20000;
    GeneratedInput input(Layout(layout), count);
    std::istream in(&input);
    ImportOptions options;
    options.format = formatOf(Layout(layout));
    options.chunkItems = 500;
    std::vector<int64_t> imported;
    int producedAtFirstChunk = -1;
    bool firstChunkStored = false;
    uint64_t lastBytes = 0;
    bool bytesGrow = true;
    options.progress = [&](const ImportProgress& p) {
        if (imported.empty()) {
            producedAtFirstChunk = input.recordsProduced();
            // Written to storage, not held back until the end.
            firstChunkStored = hasItem(*engine_, 0) && hasItem(*engine_, 499);
        }
        bytesGrow &= p.bytesRead >= lastBytes;
        lastBytes = p.bytesRead;
        imported.push_back(p.imported);
        return true;
    };
    auto report = importItems(*engine_, "Items", in, options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QVERIFY2(report->complete(), report->summary().c_str());
    QCOMPARE(report->imported, count);
    // The first chunk was imported when at most the next record had been generated.
    QVERIFY2(producedAtFirstChunk >= 500 && producedAtFirstChunk <= 501,
             qPrintable(QString::number(producedAtFirstChunk)));
    QVERIFY(firstChunkStored);
    QVERIFY(bytesGrow);
    QCOMPARE(imported.size(), size_t(count / 500 + 1));  // one per chunk, one at the end
    QCOMPARE(imported.front(), 500);
    QCOMPARE(imported.back(), count);
    QCOMPARE(engine_->describeTable("Items")->second.itemCount, count);
}

void ImportStreamingTest::cancellationStopsReading_data() {
    addLayouts();
}

void ImportStreamingTest::cancellationStopsReading() {
    QFETCH(int, layout);
    GeneratedInput input(Layout(layout), 100000);
    std::istream in(&input);
    ImportOptions options;
    options.format = formatOf(Layout(layout));
    options.chunkItems = 250;
    options.progress = [](const ImportProgress& p) { return p.imported < 1000; };
    auto report = importItems(*engine_, "Items", in, options);
    QVERIFY(report.ok());
    QVERIFY(report->cancelled);
    QVERIFY(!report->complete());
    QCOMPARE(report->imported, 1000);
    QVERIFY(input.recordsProduced() <= 1001);
    QVERIFY(QString::fromStdString(report->summary())
                .contains("Cancelled: the items counted above were written."));
    QCOMPARE(engine_->describeTable("Items")->second.itemCount, 1000);

    // The GUI's flag, polled per record, stops it too.
    std::atomic<bool> cancel{false};
    GeneratedInput again(Layout(layout), 100000);
    std::istream in2(&again);
    ImportOptions flagged;
    flagged.format = formatOf(Layout(layout));
    flagged.chunkItems = 100;
    flagged.cancel = &cancel;
    flagged.progress = [&](const ImportProgress& p) {
        if (p.records >= 300) cancel = true;
        return true;
    };
    report = importItems(*engine_, "Items", in2, flagged);
    QVERIFY(report->cancelled);
    QCOMPARE(report->records, 300);
    QVERIFY(again.recordsProduced() <= 301);
}

void ImportStreamingTest::rejectedRowsAreListedTheRestImported_data() {
    addLayouts();
}

void ImportStreamingTest::rejectedRowsAreListedTheRestImported() {
    QFETCH(int, layout);
    const int count = 10000;
    GeneratedInput input(Layout(layout), count, {3, 7777});
    std::istream in(&input);
    ImportOptions options;
    options.format = formatOf(Layout(layout));
    auto report = importItems(*engine_, "Items", in, options);
    QVERIFY(report.ok());
    QCOMPARE(report->records, count);
    QCOMPARE(report->rejected, 2);
    QCOMPARE(report->imported, count - 2);
    QVERIFY(!report->complete());  // never a silent partial import
    QCOMPARE(report->rejections.size(), size_t(2));
    QCOMPARE(report->rejections[0].record, 4);
    QCOMPARE(report->rejections[0].line, lineOf(Layout(layout), 3));
    QCOMPARE(report->rejections[1].record, 7778);
    QCOMPARE(report->rejections[1].line, lineOf(Layout(layout), 7777));
    for (const ImportRejection& r : report->rejections)
        QCOMPARE(QString::fromStdString(r.reason),
                 "One or more parameter values were invalid: Missing the key n in the item");
    const QString summary = QString::fromStdString(report->summary());
    QVERIFY2(summary.startsWith("10000 records read, 9998 items imported, 2 rejected\n"),
             qPrintable(summary));
    QVERIFY2(summary.contains(QString("record 4 (line %1): ").arg(lineOf(Layout(layout), 3))),
             qPrintable(summary));
    QCOMPARE(engine_->describeTable("Items")->second.itemCount, count - 2);
    QVERIFY(!hasItem(*engine_, 3));
    QVERIFY(hasItem(*engine_, 4));
}

void ImportStreamingTest::malformedRecordsNameLineColumnAndAttribute_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");  // "record@line: reason"
    QTest::newRow("dynamodb-json")
        << int(ItemFormat::DynamoDbJson)
        << QString(
               "{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}\n"
               "{\"id\":{\"S\":\"b\"},\"n\":{\"N\":\"x\"}}\n"
               "{\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"2\"},\"m\":{\"M\":{\"a\":1}}}\n"
               "{\"id\":{\"S\":\"e\"},\n \"n\":{\"N\":\"3\"} , \"bad\": }\n")
        << QStringList{"2@2: attribute n: The parameter cannot be converted to a numeric value: x",
                       "3@3: attribute m: Unexpected value type in payload",
                       "4@4: Malformed JSON at line 5, column 25: syntax error while parsing "
                       "value - unexpected '}'; expected '[', '{', or a literal"};
    QTest::newRow("s3-export") << int(ItemFormat::S3Export)
                               << QString(
                                      "{\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}\n"
                                      "{\"id\":{\"S\":\"b\"},\"n\":{\"N\":\"2\"}}\n"
                                      "{\"Item\":[1]}\n")
                               << QStringList{
                                      "2@2: Expected {\"Item\": {...}} (a DynamoDB export line)",
                                      "3@3: Expected an item (a JSON object)"};
    QTest::newRow("json") << int(ItemFormat::PlainJson)
                          << QString(
                                 "[\n  {\"id\":\"a\",\"n\":1},\n  {\"id\":\"b\",\n   \"n\": 1e200},"
                                 " {\"id\": \"c\" \"n\": 2},\n  {\"id\":\"d\",\"n\":1e999999}\n]")
                          << QStringList{
                                 "2@3: attribute n: Number overflow. Attempting to store a "
                                 "number with magnitude larger than supported range (1e200)",
                                 "3@4: Malformed JSON at line 4, column 30: syntax error while "
                                 "parsing object - unexpected string literal; expected '}'",
                                 "4@5: Malformed JSON at line 5, column 24: number overflow "
                                 "parsing '1e999999'"};
    // JSON lines with a stray separator: each is a record of its own, rejected, and reading
    // goes on after it.
    QTest::newRow("json lines with stray separators")
        << int(ItemFormat::PlainJson) << QString("{\"id\":\"a\",\"n\":1},\n]\n")
        << QStringList{
               "2@1: Malformed JSON at line 1, column 17: syntax error while parsing "
               "value - unexpected ','; expected '[', '{', or a literal",
               "3@2: Malformed JSON at line 2, column 1: syntax error while parsing "
               "value - unexpected ']'; expected '[', '{', or a literal"};
    QTest::newRow("csv")
        << int(ItemFormat::Csv)
        << QString(
               "id,n:N,flag:BOOL,when:DDB\na,1,true,\"{\"\"S\"\":\"\"x\"\"}\"\nb,zz,true,\n"
               "c,3,maybe,\nd,4,false,\"{\"\"S\"\":\"\ne,5\n")
        << QStringList{"2@3: n: 'zz' is not a number", "3@4: flag: 'maybe' is not true or false",
                       "4@5: when: the DDB cell is not DynamoDB JSON: {\"S\":",
                       "5@6: the row has 2 fields, the header has 4"};
}

void ImportStreamingTest::malformedRecordsNameLineColumnAndAttribute() {
    QFETCH(int, format);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    std::istringstream in(text.toStdString());
    ImportOptions options;
    options.format = ItemFormat(format);
    auto report = importItems(*engine_, "Items", in, options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QStringList got;
    for (const ImportRejection& r : report->rejections)
        got << QString("%1@%2: %3").arg(r.record).arg(r.line).arg(QString::fromStdString(r.reason));
    QCOMPARE(got, expected);
    QCOMPARE(report->imported, 1);
    QCOMPARE(report->rejected, expected.size());
    QVERIFY(report->stoppedBecause.empty());
}

// The import checks each record once, with the bulk loader's own checks, and hands the loader
// items it has checked; the loader takes them for the table they were checked for only.
void ImportStreamingTest::checkedItemsLoadIntoTheirTableOnly() {
    createTable(*engine_, "Other");
    const auto items = engine_->table("Items");
    const auto other = engine_->table("Other");
    QVERIFY(items && other);
    auto item = [](const std::string& id, int n, size_t padding) {
        Item out;
        out.emplace("id", AttributeValue::string(id));
        out.emplace("n", AttributeValue::number(std::to_string(n)));
        if (padding) out.emplace("pad", AttributeValue::string(std::string(padding, 'x')));
        return out;
    };
    Item keyless = item("a", 1, 0);
    keyless.erase("n");
    auto missing = BulkLoader::check(*items, keyless);
    QVERIFY(!missing);
    QCOMPARE(QString::fromStdString(missing.error().message),
             "One or more parameter values were invalid: Missing the key n in the item");
    auto tooLarge = BulkLoader::check(*items, item("a", 1, 400 * 1024));
    QVERIFY(!tooLarge);
    QCOMPARE(QString::fromStdString(tooLarge.error().message),
             "Item size has exceeded the maximum allowed size");

    auto fits = BulkLoader::check(*items, item("a", 1, 10));
    QVERIFY(fits);
    QCOMPARE(fits->size(), size_t(2 + 1 + 1 + 2 + 3 + 10));  // names and values, N 1 is 2 bytes
    auto forOther = BulkLoader::check(*other, item("b", 2, 0));
    QVERIFY(forOther);

    auto loader = engine_->beginBulkLoad("Items");
    QVERIFY(loader);
    std::vector<BulkLoader::CheckedItem> wrongTable;
    wrongTable.push_back(std::move(forOther).value());
    const Status refused = (*loader)->addChecked(std::move(wrongTable));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().type, ErrorType::ResourceNotFound);
    QCOMPARE(QString::fromStdString(refused.error().message), "Requested resource not found");
    std::vector<BulkLoader::CheckedItem> chunk;
    chunk.push_back(std::move(fits).value());
    QVERIFY((*loader)->addChecked(std::move(chunk)).ok());
    QVERIFY((*loader)->finish().ok());
    const auto stats = engine_->describeTable("Items")->second;
    QCOMPARE(stats.itemCount, 1);
    QCOMPARE(stats.sizeBytes, 19);
    QCOMPARE(engine_->describeTable("Other")->second.itemCount, 0);
}

QTEST_GUILESS_MAIN(ImportStreamingTest)
#include "test_import_streaming.moc"
