// Item import and export: every format, rejected records with reasons, broken files,
// all-or-nothing, progress and cancellation, and export -> import round trips.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

#include "api/dispatch.h"
#include "storage/engine.h"
#include "transfer/item_export.h"
#include "transfer/item_format_detection.h"
#include "transfer/item_import.h"
#include "values/attribute_json.h"

using namespace shardscape;

class ItemTransferTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void dynamodbJsonArrayAndLines();
    void s3ExportLines();
    void plainJsonKeepsNumbersExact();
    void csvWithTypesQuotesAndInference();
    void csvInfersNumbersAsPlainlyWritten();
    void rejectedRecordsAreReportedNotWritten();
    void csvCellsMustBeUtf8();
    void brokenFileStopsWithAReport();
    void allOrNothing();
    void progressAndCancellation();
    void exportImportRoundTrips();
    void exportCsvHeaderAndCells();
    void streamsManyItems();

  private:
    Result<ImportReport> import(const std::string& text, ItemFormat format,
                                ImportOptions options = {});
    std::string path(const char* name) const { return dir_->filePath(name).toStdString(); }
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Engine> engine_;
};

namespace {

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// All items of a table, in DynamoDB JSON, sorted by key for comparison.
Json tableItems(const Engine& engine, const std::string& table) {
    std::vector<Json> items;
    std::optional<Item> start;
    do {
        ScanSpec spec;
        spec.tableName = table;
        spec.exclusiveStartKey = start;
        auto page = engine.scan(spec);
        if (!page) qFatal("%s", page.error().message.c_str());
        for (const auto& stored : page->items) items.push_back(itemToJson(*stored.decode()));
        start = page->lastEvaluatedKey;
    } while (start);
    std::sort(items.begin(), items.end(),
              [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
    return Json(items);
}

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

QStringList rejections(const ImportReport& report) {
    QStringList out;
    for (const auto& r : report.rejections)
        out << QString("%1@%2: %3").arg(r.record).arg(r.line).arg(q(r.reason));
    return out;
}

}  // namespace

void ItemTransferTest::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    auto engine = Engine::open(path("data"));
    QVERIFY(engine.ok());
    engine_ = std::move(engine).value();
    createTable(*engine_, "Items");
    createTable(*engine_, "Copy");
}

void ItemTransferTest::cleanup() {
    engine_.reset();
    dir_.reset();
}

Result<ImportReport> ItemTransferTest::import(const std::string& text, ItemFormat format,
                                              ImportOptions options) {
    const std::string file = path("input");
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    options.format = format;
    return importItemsFromFile(*engine_, "Items", file, options);
}

void ItemTransferTest::dynamodbJsonArrayAndLines() {
    auto report = import(R"J([
  {"id": {"S": "a"}, "n": {"N": "1"}, "tags": {"SS": ["x", "y"]}},
  {"id": {"S": "a"}, "n": {"N": "2.50"}, "m": {"M": {"deep": {"L": [{"BOOL": true}]}}}}
])J",
                         ItemFormat::DynamoDbJson);
    QVERIFY(report.ok());
    QCOMPARE(report->records, 2);
    QCOMPARE(report->imported, 2);
    QVERIFY(report->complete());
    QCOMPARE(q(report->summary()), "2 records read, 2 items imported, 0 rejected\n");
    report = import(
        "{\"id\":{\"S\":\"b\"},\"n\":{\"N\":\"3\"}}\n\n"
        "{\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"4\"},\"bin\":{\"B\":\"AAEC\"}}\n",
        ItemFormat::DynamoDbJson);
    QCOMPARE(report->imported, 2);
    QCOMPARE(q(tableItems(*engine_, "Items").dump()), q(Json::parse(R"J([
      {"bin": {"B": "AAEC"}, "id": {"S": "c"}, "n": {"N": "4"}},
      {"id": {"S": "a"}, "m": {"M": {"deep": {"L": [{"BOOL": true}]}}}, "n": {"N": "2.5"}},
      {"id": {"S": "a"}, "n": {"N": "1"}, "tags": {"SS": ["x", "y"]}},
      {"id": {"S": "b"}, "n": {"N": "3"}}])J")
                                                            .dump()));
    auto described = engine_->describeTable("Items");
    QCOMPARE(described->second.itemCount, 4);
}

void ItemTransferTest::s3ExportLines() {
    auto report = import(
        "{\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}}\n"
        "{\"Keys\":{\"id\":{\"S\":\"b\"}}}\n"
        "{\"Item\":{\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"3\"},\"note\":{\"S\":\"x\"}}}\n",
        ItemFormat::S3Export);
    QCOMPARE(report->records, 3);
    QCOMPARE(report->imported, 2);
    QCOMPARE(rejections(*report),
             QStringList{"2@2: Expected {\"Item\": {...}} (a DynamoDB export line)"});
    QVERIFY(!report->complete());
}

void ItemTransferTest::plainJsonKeepsNumbersExact() {
    auto report = import(R"J([
  {"id": "a", "n": 1, "big": 12345678901234567890123.5, "neg": -0.000000001,
   "ok": true, "none": null, "list": [1, "two", {"three": 3}], "map": {"k": "v"}},
  {"id": "b", "n": 2, "huge": 1e200},
  {"id": "c", "n": "3"},
  [1, 2],
  {"id": "d", "n": 18446744073709551615}
])J",
                         ItemFormat::PlainJson);
    QCOMPARE(report->records, 5);
    QCOMPARE(report->imported, 2);
    QCOMPARE(
        rejections(*report),
        (QStringList{
            "2@4: attribute huge: Number overflow. Attempting to store a number with magnitude "
            "larger than supported range (1e200)",
            "3@5: One or more parameter values were invalid: Type mismatch for key "
            "n expected: N actual: S",
            "4@6: Expected a JSON object (one item)"}));
    QCOMPARE(q(tableItems(*engine_, "Items").dump()), q(Json::parse(R"J([
      {"big": {"N": "12345678901234567890123.5"}, "id": {"S": "a"},
       "list": {"L": [{"N": "1"}, {"S": "two"}, {"M": {"three": {"N": "3"}}}]},
       "map": {"M": {"k": {"S": "v"}}}, "n": {"N": "1"}, "neg": {"N": "-0.000000001"},
       "none": {"NULL": true}, "ok": {"BOOL": true}},
      {"id": {"S": "d"}, "n": {"N": "18446744073709551615"}}])J")
                                                            .dump()));
}

void ItemTransferTest::csvWithTypesQuotesAndInference() {
    ImportOptions options;
    options.columnTypes = {{"code", "S"}};
    auto report = import(
        "id,n:N,code,zip,flag,note,tags:SS,price\r\n"
        "a,1,42,007,true,\"hello, \"\"world\"\"\",\"{\"\"SS\"\":[\"\"x\"\"]}\",3.50\r\n"
        "b,2,,\"\",false,\"two\nlines\",,\r\n"
        "c,x,1,2,3,4,,\r\n"
        "d,4,1,2\r\n",
        ItemFormat::Csv, options);
    QVERIFY(report.ok());
    QCOMPARE(report->records, 4);
    QCOMPARE(report->imported, 2);
    QCOMPARE(rejections(*report), (QStringList{"3@5: n: 'x' is not a number",
                                               "4@6: the row has 4 fields, the header has 8"}));
    // "007" stays text, "42" in a column typed S stays text, "" is an empty string and an
    // unquoted empty cell is no attribute at all.
    QCOMPARE(q(tableItems(*engine_, "Items").dump()), q(Json::parse(R"J([
      {"code": {"S": "42"}, "flag": {"BOOL": true}, "id": {"S": "a"}, "n": {"N": "1"},
       "note": {"S": "hello, \"world\""}, "price": {"N": "3.5"}, "tags": {"SS": ["x"]},
       "zip": {"S": "007"}},
      {"flag": {"BOOL": false}, "id": {"S": "b"}, "n": {"N": "2"}, "note": {"S": "two\nlines"},
       "zip": {"S": ""}}])J")
                                                            .dump()));

    options.columnTypes = {{"missing", "N"}};
    QCOMPARE(q(import("id,n\na,1\n", ItemFormat::Csv, options).error().message),
             "The header has no column 'missing'");
    options.columnTypes = {{"n", "INT"}};
    QCOMPARE(q(import("id,n\na,1\n", ItemFormat::Csv, options).error().message),
             "Unknown column type 'INT' for n; expected S, N, B, BOOL, NULL, M, L, SS, NS, BS or "
             "DDB");
    QCOMPARE(q(import("id,id\n", ItemFormat::Csv).error().message),
             "line 1: column 'id' appears twice in the header");
    QCOMPARE(q(import("", ItemFormat::Csv).error().message),
             "The CSV file is empty: it needs a header row");
}

void ItemTransferTest::csvInfersNumbersAsPlainlyWritten() {
    // Only -?(0|[1-9][0-9]*)(.[0-9]+)? becomes a number; anything else stays text.
    auto report = import(
        "id,n,a,b,c,d,e,f,g,h,i\n"
        "x,7,-0,0.50,-3.25,1.,.5,-,1e5,12a,00\n",
        ItemFormat::Csv);
    QVERIFY(report.ok());
    QCOMPARE(report->imported, 1);
    QCOMPARE(q(tableItems(*engine_, "Items").dump()), q(Json::parse(R"J([
      {"a": {"N": "0"}, "b": {"N": "0.5"}, "c": {"N": "-3.25"}, "d": {"S": "1."},
       "e": {"S": ".5"}, "f": {"S": "-"}, "g": {"S": "1e5"}, "h": {"S": "12a"},
       "i": {"S": "00"}, "id": {"S": "x"}, "n": {"N": "7"}}])J")
                                                            .dump()));
}

void ItemTransferTest::rejectedRecordsAreReportedNotWritten() {
    auto report = import(
        "{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}\n"
        "{\"id\":{\"S\":\"b\"}}\n"
        "{\"id\":{\"S\":\"\"},\"n\":{\"N\":\"1\"}}\n"
        "{\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"1\"},\"bad\":{\"SS\":[]}}\n"
        "{\"id\":{\"X\":\"c\"},\"n\":{\"N\":\"1\"}}\n"
        "{\"id\":{\"S\":\"d\"},\"n\":{\"N\":\"1\"}} trailing\n",
        ItemFormat::DynamoDbJson);
    QCOMPARE(report->records, 7);
    QCOMPARE(report->imported, 2);
    QCOMPARE(report->rejected, 5);
    QCOMPARE(
        rejections(*report),
        (QStringList{
            "2@2: One or more parameter values were invalid: Missing the key n in the item",
            "3@3: One or more parameter values are not valid. The AttributeValue for a key "
            "attribute cannot contain an empty string value. Key: id",
            "4@4: attribute bad: One or more parameter values were invalid: An string set  may "
            "not be empty",
            "5@5: attribute id: Supplied AttributeValue is empty, must contain exactly one of "
            "the supported datatypes",
            "7@6: Malformed JSON at line 6, column 34: syntax error while parsing value - "
            "invalid literal; last read: 'tra'"}));
    QCOMPARE(q(report->summary()),
             "7 records read, 2 items imported, 5 rejected\n"
             "record 2 (line 2): One or more parameter values were invalid: Missing the key n in "
             "the item\n"
             "record 3 (line 3): One or more parameter values are not valid. The AttributeValue "
             "for a key attribute cannot contain an empty string value. Key: id\n"
             "record 4 (line 4): attribute bad: One or more parameter values were invalid: An "
             "string set  may not be empty\n"
             "record 5 (line 5): attribute id: Supplied AttributeValue is empty, must contain "
             "exactly one of the supported datatypes\n"
             "record 7 (line 6): Malformed JSON at line 6, column 34: syntax error while parsing "
             "value - invalid literal; last read: 'tra'\n");

    ImportOptions few;
    few.maxRejectionsListed = 1;
    report = import("{}\n{}\n{}\n", ItemFormat::DynamoDbJson, few);
    QCOMPARE(report->rejected, 3);
    QCOMPARE(report->rejections.size(), 1u);
    QVERIFY(q(report->summary()).endsWith("... and 2 more rejected records\n"));
}

// A CSV file is bytes: a cell that is not UTF-8 cannot be a string attribute (DynamoDB's
// strings are JSON strings), so the record is rejected, not written to break every later read.
void ItemTransferTest::csvCellsMustBeUtf8() {
    auto report =
        import("id,n,note\na,1,caf\xc3\xa9\nb,2,caf\xe9\nc,3,\xed\xa0\x80\n", ItemFormat::Csv);
    QVERIFY(report.ok());
    QCOMPARE(report->imported, 1);
    QCOMPARE(rejections(*report),
             (QStringList{"2@3: note: not valid UTF-8", "3@4: note: not valid UTF-8"}));
    auto header = import("id,n,\xff\nx,1,2\n", ItemFormat::Csv);
    QVERIFY(!header.ok());
    QCOMPARE(QString::fromStdString(header.error().message),
             QString("line 1: a header cell is not valid UTF-8"));
}

void ItemTransferTest::brokenFileStopsWithAReport() {
    auto report = import(
        "[{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}},\n"
        " {\"id\":{\"S\":\"b\"},\"n\":{\"N\":\"2\"}},\n"
        " {\"id\":{\"S\":\"c\"},\"n\":{\"N\":\"3\"}",
        ItemFormat::DynamoDbJson);
    QVERIFY(report.ok());
    QCOMPARE(report->records, 2);
    QCOMPARE(report->imported, 2);
    QCOMPARE(q(report->stoppedBecause),
             "line 3: the file ends inside a record (an unclosed { or [)");
    QCOMPARE(q(report->summary()),
             "2 records read, 2 items imported, 0 rejected\n"
             "Stopped, the file is broken at line 3: the file ends inside a record (an unclosed "
             "{ or [): the items counted above were written.\n");
    QVERIFY(!report->complete());

    report = import("[{\"id\":{\"S\":\"x\"},\"n\":{\"N\":\"1\"}} {\"id\":{\"S\":\"y\"}}]",
                    ItemFormat::DynamoDbJson);
    QCOMPARE(q(report->stoppedBecause), "line 1: expected , or ] between array elements");
    report = import("[1,]", ItemFormat::DynamoDbJson);
    QCOMPARE(q(report->stoppedBecause), "line 1: an array element is missing");
    report = import("[] extra", ItemFormat::DynamoDbJson);
    QCOMPARE(q(report->stoppedBecause), "line 1: unexpected text after the closing ] of the array");
    report = import("id,n\na,\"1\n", ItemFormat::Csv);
    QCOMPARE(q(report->stoppedBecause), "line 2: a quoted field is never closed");
    QCOMPARE(report->records, 0);
}

void ItemTransferTest::allOrNothing() {
    ImportOptions options;
    options.allOrNothing = true;
    auto report = import("{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}\n{\"id\":{\"S\":\"b\"}}\n",
                         ItemFormat::DynamoDbJson, options);
    QCOMPARE(report->imported, 0);
    QCOMPARE(report->rejected, 1);
    QVERIFY(report->dryRunOnly);
    QVERIFY(q(report->summary())
                .startsWith("2 records read, 0 items imported, 1 rejected (nothing written: the "
                            "import is all-or-nothing)\n"));
    QCOMPARE(tableItems(*engine_, "Items").size(), 0u);
    report =
        import("{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}\n", ItemFormat::DynamoDbJson, options);
    QCOMPARE(report->imported, 1);
    QVERIFY(report->complete());
    std::istringstream stream("{}");
    QCOMPARE(q(importItems(*engine_, "Items", stream, options).error().message),
             "An all-or-nothing import needs a file (it is read twice)");
    QCOMPARE(q(importItemsFromFile(*engine_, "Nope", path("input"), {}).error().message),
             "Requested resource not found: Table: Nope not found");
    // A missing file is NotFound (not a ValidationException: the request is not at fault).
    const auto absent = importItemsFromFile(*engine_, "Items", path("absent"), {});
    QCOMPARE(q(absent.error().message),
             q("Cannot open " + path("absent") + ": No such file or directory"));
    QCOMPARE(absent.error().code, ErrorCode::NotFound);
    const auto undetected = detectItemFormatOfFile(path("absent"));
    QCOMPARE(undetected.error().code, ErrorCode::NotFound);
}

void ItemTransferTest::progressAndCancellation() {
    std::string lines;
    for (int i = 0; i < 100; ++i) {
        lines.append("{\"id\":{\"S\":\"k\"},\"n\":{\"N\":\"");
        lines.append(std::to_string(i)).append("\"}}\n");
    }
    ImportOptions options;
    options.chunkItems = 10;
    std::vector<int64_t> seen;
    options.progress = [&](const ImportProgress& p) {
        seen.push_back(p.imported);
        return p.imported < 30;
    };
    auto report = import(lines, ItemFormat::DynamoDbJson, options);
    QVERIFY(report->cancelled);
    QCOMPARE(report->imported, 30);
    QCOMPARE(seen, (std::vector<int64_t>{10, 20, 30, 30}));
    QCOMPARE(q(report->summary()),
             "30 records read, 30 items imported, 0 rejected\n"
             "Cancelled: the items counted above were written.\n");
    QCOMPARE(tableItems(*engine_, "Items").size(), 30u);

    std::atomic<bool> cancel{true};
    ImportOptions flagged;
    flagged.cancel = &cancel;
    report = import(lines, ItemFormat::DynamoDbJson, flagged);
    QVERIFY(report->cancelled);
    QCOMPARE(report->records, 0);
}

void ItemTransferTest::exportImportRoundTrips() {
    QVERIFY(import(R"J([
  {"id": {"S": "a"}, "n": {"N": "1"}, "s": {"S": "x, \"y\"\nz"}, "e": {"S": ""},
   "num": {"N": "-12.5"}, "b": {"B": "AAEC"}, "t": {"BOOL": false}, "z": {"NULL": true},
   "ss": {"SS": ["p", "q"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]},
   "m": {"M": {"k": {"L": [{"N": "1"}, {"S": "v"}]}}}},
  {"id": {"S": "b"}, "n": {"N": "2"}, "s": {"N": "5"}}])J",
                   ItemFormat::DynamoDbJson)
                ->complete());
    const Json original = tableItems(*engine_, "Items");
    for (ItemFormat format : {ItemFormat::DynamoDbJson, ItemFormat::S3Export, ItemFormat::Csv}) {
        std::ostringstream out;
        ExportOptions options;
        options.format = format;
        auto exported = exportItems(*engine_, "Items", out, options);
        QVERIFY(exported.ok());
        QCOMPARE(exported->items, 2);
        QVERIFY(dispatch(*engine_, "DeleteTable", Json{{"TableName", "Copy"}}).ok());
        createTable(*engine_, "Copy");
        std::istringstream in(out.str());
        ImportOptions back;
        back.format = format;
        auto imported = importItems(*engine_, "Copy", in, back);
        QVERIFY(imported.ok());
        QVERIFY2(imported->complete(), imported->summary().c_str());
        QCOMPARE(q(tableItems(*engine_, "Copy").dump()), q(original.dump()));
    }
    // Plain JSON has no binary or set types: B comes back as its base64 text, sets as lists.
    std::ostringstream plain;
    ExportOptions options;
    options.format = ItemFormat::PlainJson;
    QVERIFY(exportItems(*engine_, "Items", plain, options).ok());
    QVERIFY(plain.str().find("\"b\":\"AAEC\",\"bs\":[\"AQ==\"],\"e\":\"\",\"id\":\"a\","
                             "\"m\":{\"k\":[1,\"v\"]},\"n\":1,\"ns\":[1,2],\"num\":-12.5") !=
            std::string::npos);
    std::ostringstream none;
    QCOMPARE(q(exportItems(*engine_, "Nope", none, options).error().message),
             "Requested resource not found: Table: Nope not found");
}

void ItemTransferTest::exportCsvHeaderAndCells() {
    QVERIFY(import(R"J([
  {"id": {"S": "a"}, "n": {"N": "1"}, "s": {"S": "x,y"}, "mixed": {"S": "t"}},
  {"id": {"S": "b"}, "n": {"N": "2"}, "mixed": {"N": "5"}, "m": {"M": {"k": {"S": "v"}}}}])J",
                   ItemFormat::DynamoDbJson)
                ->complete());
    std::ostringstream out;
    ExportOptions options;
    options.format = ItemFormat::Csv;
    QVERIFY(exportItems(*engine_, "Items", out, options).ok());
    QCOMPARE(
        q(out.str()),
        "id:S,m:DDB,mixed:DDB,n:N,s:S\r\n"
        "a,,\"{\"\"S\"\":\"\"t\"\"}\",1,\"x,y\"\r\n"
        "b,\"{\"\"M\"\":{\"\"k\"\":{\"\"S\"\":\"\"v\"\"}}}\",\"{\"\"N\"\":\"\"5\"\"}\",2,\r\n");
}

void ItemTransferTest::streamsManyItems() {
    const std::string file = path("many.jsonl");
    {
        std::ofstream out(file);
        for (int i = 0; i < 50000; ++i)
            out << "{\"id\":\"user-" << i % 977 << "\",\"n\":" << i << ",\"v\":\"payload\"}\n";
    }
    ImportOptions options;
    options.format = ItemFormat::PlainJson;
    int calls = 0;
    options.progress = [&](const ImportProgress&) { return ++calls > 0; };
    auto report = importItemsFromFile(*engine_, "Items", file, options);
    QVERIFY(report->complete());
    QCOMPARE(report->imported, 50000);
    QCOMPARE(calls, 51);  // one per 1000-item chunk, one at the end
    QCOMPARE(engine_->describeTable("Items")->second.itemCount, 50000);
}

QTEST_GUILESS_MAIN(ItemTransferTest)
#include "test_item_transfer.moc"
