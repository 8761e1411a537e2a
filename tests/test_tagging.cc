// TagResource, UntagResource, ListTagsOfResource and CreateTable's Tags through dispatch():
// DynamoDB's checks of the ARN and the tags with their exact messages, upserts, the 50-tag
// limit, and tags kept with the table (across a reopen) and removed with it.
#include "api/dispatch.h"
#include "operation_test_support.h"

using namespace shardscape;
using namespace shardscape::testing;

namespace {

const std::string kArn = "arn:aws:dynamodb:ddblocal:000000000000:table/users";

Json usersTable() {
    return json(R"({"TableName": "users",
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "BillingMode": "PAY_PER_REQUEST"})");
}

Json tag(const std::string& key, const std::string& value) {
    return Json{{"Key", key}, {"Value", value}};
}

Json tagRequest(const std::string& arn, Json tags) {
    return Json{{"ResourceArn", arn}, {"Tags", std::move(tags)}};
}

Json untagRequest(const std::string& arn, Json keys) {
    return Json{{"ResourceArn", arn}, {"TagKeys", std::move(keys)}};
}

// n tags "k<first>".."k<first+n-1>" with values "v<i>".
Json numberedTags(int first, int n) {
    Json tags = Json::array();
    for (int i = first; i < first + n; ++i) tags.push_back(tag(numbered("k", i), numbered("v", i)));
    return tags;
}

}  // namespace

class TaggingTest : public QObject {
    Q_OBJECT

  private:
    std::unique_ptr<EngineHarness> harness_;

    Result<Json> call(std::string_view operation, const Json& request) {
        return harness_->call(operation, request);
    }
    Json listTags() {
        auto listed = call("ListTagsOfResource", Json{{"ResourceArn", kArn}});
        return listed ? listed.value() : Json(describe(listed));
    }

  private slots:
    void init();
    void cleanup() { harness_.reset(); }

    void tagListUntag();
    void tableArnIsDescribeTablesArn();
    void createTableTags();
    void createTableRefusesBadTags_data();
    void createTableRefusesBadTags();
    void tagsSurviveReopen();
    void tagsGoWithTheTable();
    void resourceArnErrors_data();
    void resourceArnErrors();
    void tagErrors_data();
    void tagErrors();
    void untagErrors_data();
    void untagErrors();
    void tagCharacters_data();
    void tagCharacters();
    void fiftyTagLimit();
    void serializationErrors_data();
    void serializationErrors();
    void errorBodies();
    void nextTokenIsIgnored();
};

void TaggingTest::init() {
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QVERIFY_OK(call("CreateTable", usersTable()));
}

void TaggingTest::tagListUntag() {
    QCOMPARE_JSON(listTags(), json(R"({"Tags": []})"));
    auto tagged = call(
        "TagResource",
        tagRequest(kArn, Json::array({tag("team", "data"), tag("env", "prod"), tag("empty", "")})));
    QVERIFY_OK(tagged);
    QCOMPARE_JSON(tagged.value(), Json::object());
    // Listed by key; an empty value round-trips.
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "empty", "Value": ""},
                                                 {"Key": "env", "Value": "prod"},
                                                 {"Key": "team", "Value": "data"}]})"));
    // TagResource upserts; keys are case-sensitive.
    QVERIFY_OK(
        call("TagResource", tagRequest(kArn, Json::array({tag("env", "test"), tag("Env", "x")}))));
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "Env", "Value": "x"},
                                                 {"Key": "empty", "Value": ""},
                                                 {"Key": "env", "Value": "test"},
                                                 {"Key": "team", "Value": "data"}]})"));
    // Removing a key the table does not have is no error.
    auto untagged =
        call("UntagResource", untagRequest(kArn, Json::array({"team", "absent", "Env"})));
    QVERIFY_OK(untagged);
    QCOMPARE_JSON(untagged.value(), Json::object());
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "empty", "Value": ""},
                                                 {"Key": "env", "Value": "test"}]})"));
}

void TaggingTest::tableArnIsDescribeTablesArn() {
    auto described = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(described);
    QCOMPARE_JSON(described.value()["Table"]["TableArn"], Json(kArn));
    // Any region and account reach the engine's table of that name.
    const std::string elsewhere = "arn:aws:dynamodb:eu-west-1:123456789012:table/users";
    QVERIFY_OK(call("TagResource", tagRequest(elsewhere, Json::array({tag("a", "b")}))));
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "a", "Value": "b"}]})"));
    // Tags are not part of the description.
    auto after = call("DescribeTable", json(R"({"TableName": "users"})"));
    QVERIFY_OK(after);
    QCOMPARE_JSON(after.value(), described.value());
}

void TaggingTest::createTableTags() {
    Json request = usersTable();
    request["TableName"] = "orders";
    request["Tags"] = Json::array({tag("owner", "ops"), tag("cost-center", "42")});
    auto created = call("CreateTable", request);
    QVERIFY_OK(created);
    QVERIFY(!created->at("TableDescription").contains("Tags"));
    auto listed = call("ListTagsOfResource", json(R"({"ResourceArn":
                                "arn:aws:dynamodb:ddblocal:000000000000:table/orders"})"));
    QVERIFY_OK(listed);
    QCOMPARE_JSON(listed.value(), json(R"({"Tags": [{"Key": "cost-center", "Value": "42"},
                                                     {"Key": "owner", "Value": "ops"}]})"));
    // An empty list is accepted by CreateTable (TagResource refuses one).
    request["TableName"] = "empty_tags";
    request["Tags"] = Json::array();
    QVERIFY_OK(call("CreateTable", request));
}

void TaggingTest::createTableRefusesBadTags_data() {
    QTest::addColumn<QByteArray>("tags");
    QTest::addColumn<QString>("message");
    QTest::newRow("aws: prefix") << QByteArray(R"([{"Key": "aws:foo", "Value": "x"}])")
                                 << "Tag Key cannot be prefixed with aws:, Key: aws:foo";
    QTest::newRow("invalid character") << QByteArray(R"([{"Key": "bad#char", "Value": "x"}])")
                                       << "The Tag Key provided is invalid, Key: bad#char";
    QTest::newRow("duplicate keys")
        << QByteArray(R"([{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "2"}])")
        << "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup";
    QTest::newRow("51 tags") << QByteArray(numberedTags(1, 51).dump().c_str())
                             << "Number of Tags exceed the current limit for the provided "
                                "ResourceArn";
}

void TaggingTest::createTableRefusesBadTags() {
    QFETCH(QByteArray, tags);
    QFETCH(QString, message);
    Json request = usersTable();
    request["TableName"] = "orders";
    request["Tags"] = json(tags.toStdString());
    QCOMPARE_VALIDATION(call("CreateTable", request), message.toStdString());
    // Nothing was created.
    QCOMPARE_ERROR(call("DescribeTable", json(R"({"TableName": "orders"})")),
                   "ResourceNotFoundException",
                   "Requested resource not found: Table: orders not found");
}

void TaggingTest::tagsSurviveReopen() {
    QVERIFY_OK(call("TagResource", tagRequest(kArn, Json::array({tag("env", "prod")}))));
    harness_->close();
    QVERIFY2(harness_->open(), harness_->error().c_str());
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "env", "Value": "prod"}]})"));
}

void TaggingTest::tagsGoWithTheTable() {
    QVERIFY_OK(call("TagResource", tagRequest(kArn, Json::array({tag("env", "prod")}))));
    QVERIFY_OK(call("DeleteTable", json(R"({"TableName": "users"})")));
    QCOMPARE_ERROR(call("ListTagsOfResource", Json{{"ResourceArn", kArn}}),
                   "ResourceNotFoundException",
                   "Requested resource not found: ResourceArn: " + kArn + " not found");
    QVERIFY_OK(call("CreateTable", usersTable()));
    QCOMPARE_JSON(listTags(), json(R"({"Tags": []})"));
}

void TaggingTest::resourceArnErrors_data() {
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");
    const QString invalidArn = "Invalid TableArn: Invalid ResourceArn provided as input ";
    for (const char* operation : {"TagResource", "UntagResource", "ListTagsOfResource"}) {
        const QByteArray op(operation);
        const QByteArray rest = op == "TagResource"     ? R"("Tags": [{"Key": "k", "Value": "v"}])"
                                : op == "UntagResource" ? R"("TagKeys": ["k"])"
                                                        : "";
        const auto request = [&](const QByteArray& arn) {
            QByteArray body = "{";
            if (!arn.isEmpty()) body += R"("ResourceArn": ")" + arn + '"';
            if (!rest.isEmpty()) body += (arn.isEmpty() ? "" : ", ") + rest;
            return body + "}";
        };
        QTest::addRow("%s: no ResourceArn", operation) << op << request("") << "ValidationException"
                                                       << "Invalid TableArn";
        QTest::addRow("%s: a table name", operation)
            << op << request("users") << "ValidationException"
            << "One or more parameter values were invalid: ARNs must start with 'arn:': users";
        QTest::addRow("%s: an index ARN", operation)
            << op << request(QByteArray(kArn.c_str()) + "/index/byDate") << "ValidationException"
            << invalidArn + QString::fromStdString(kArn) + "/index/byDate";
        QTest::addRow("%s: not DynamoDB's", operation)
            << op << request("arn:aws:s3:::bucket/users") << "ValidationException"
            << invalidArn + "arn:aws:s3:::bucket/users";
        QTest::addRow("%s: account not digits", operation)
            << op << request("arn:aws:dynamodb:us-east-1:abc:table/users") << "ValidationException"
            << invalidArn + "arn:aws:dynamodb:us-east-1:abc:table/users";
        QTest::addRow("%s: table name too short", operation)
            << op << request("arn:aws:dynamodb:us-east-1:1:table/ab") << "ValidationException"
            << invalidArn + "arn:aws:dynamodb:us-east-1:1:table/ab";
        QTest::addRow("%s: no such table", operation)
            << op << request("arn:aws:dynamodb:us-east-1:1:table/orders")
            << "ResourceNotFoundException"
            << "Requested resource not found: ResourceArn: "
               "arn:aws:dynamodb:us-east-1:1:table/orders "
               "not found";
    }
    QTest::newRow("TagResource: no Tags")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "arn:x"})")
        << "ValidationException"
        << "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
           "Member must not be null";
    QTest::newRow("UntagResource: no TagKeys")
        << QByteArray("UntagResource") << QByteArray(R"({"ResourceArn": "arn:x"})")
        << "ValidationException"
        << "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
           "Member must not be null";
    // The ARN's form is checked first, Tags next, then what the ARN names.
    QTest::newRow("TagResource: bad ARN and no Tags")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "users"})")
        << "ValidationException"
        << "One or more parameter values were invalid: ARNs must start with 'arn:': users";
    QTest::newRow("TagResource: empty Tags and a bad ARN")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "arn:x", "Tags": []})")
        << "ValidationException" << invalidArn + "arn:x";
    QTest::newRow("TagResource: empty Tags")
        << QByteArray("TagResource")
        << QByteArray(R"({"ResourceArn": "arn:aws:dynamodb:r:1:table/orders", "Tags": []})")
        << "ValidationException"
        << "Atleast one Tag needs to be provided as Input.";
    QTest::newRow("UntagResource: empty TagKeys")
        << QByteArray("UntagResource")
        << QByteArray(R"({"ResourceArn": "arn:aws:dynamodb:r:1:table/orders", "TagKeys": []})")
        << "ValidationException"
        << "Atleast one Tag Key needs to be provided as Input.";
    QTest::newRow("TagResource: bad tag on a missing table")
        << QByteArray("TagResource")
        << QByteArray(R"({"ResourceArn": "arn:aws:dynamodb:r:1:table/orders",
                          "Tags": [{"Key": "aws:x", "Value": "v"}]})")
        << "ValidationException"
        << "Tag Key cannot be prefixed with aws:, Key: aws:x";
}

void TaggingTest::resourceArnErrors() {
    QFETCH(QByteArray, operation);
    QFETCH(QByteArray, request);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    QCOMPARE_ERROR(call(operation.toStdString(), json(request.toStdString())), errorType,
                   message.toStdString());
}

void TaggingTest::tagErrors_data() {
    QTest::addColumn<QByteArray>("tags");
    QTest::addColumn<QString>("message");
    const std::string key129(129, 'k'), value257(257, 'v');
    QTest::newRow("key of 129 characters")
        << QByteArray(Json::array({tag(key129, "v")}).dump().c_str())
        << QString::fromStdString("The Tag Key provided is invalid, Key: " + key129);
    QTest::newRow("value of 257 characters")
        << QByteArray(Json::array({tag("k", value257)}).dump().c_str())
        << QString::fromStdString("The Tag Value provided is invalid, Value: " + value257);
    QTest::newRow("empty key") << QByteArray(R"([{"Key": "", "Value": "v"}])")
                               << "The Tag Key provided is invalid, Key: ";
    QTest::newRow("no key") << QByteArray(R"([{"Value": "v"}])")
                            << "The Tag Key provided is invalid, Key: null";
    QTest::newRow("empty tag") << QByteArray(R"([{}])")
                               << "The Tag Key provided is invalid, Key: null";
    QTest::newRow("no value") << QByteArray(R"([{"Key": "k"}])")
                              << "The Tag Value provided is invalid, Value: null";
    QTest::newRow("aws: prefix") << QByteArray(R"([{"Key": "aws:foo", "Value": "v"}])")
                                 << "Tag Key cannot be prefixed with aws:, Key: aws:foo";
    QTest::newRow("AWS: prefix, any case") << QByteArray(R"([{"Key": "AWS:foo", "Value": "v"}])")
                                           << "Tag Key cannot be prefixed with aws:, Key: AWS:foo";
    QTest::newRow("first bad tag wins, none applied")
        << QByteArray(R"([{"Key": "good", "Value": "v"}, {"Key": "aws:zzz", "Value": "v"},
                          {"Key": "bad#", "Value": "v"}])")
        << "Tag Key cannot be prefixed with aws:, Key: aws:zzz";
    QTest::newRow("duplicate keys")
        << QByteArray(R"([{"Key": "dup", "Value": "1"}, {"Key": "dup", "Value": "1"}])")
        << "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup";
}

void TaggingTest::tagErrors() {
    QFETCH(QByteArray, tags);
    QFETCH(QString, message);
    QCOMPARE_VALIDATION(call("TagResource", tagRequest(kArn, json(tags.toStdString()))),
                        message.toStdString());
    QCOMPARE_JSON(listTags(), json(R"({"Tags": []})"));
}

void TaggingTest::untagErrors_data() {
    QTest::addColumn<QByteArray>("keys");
    QTest::addColumn<QString>("message");
    const std::string key129(129, 'k');
    QTest::newRow("key of 129 characters")
        << QByteArray(Json::array({key129}).dump().c_str())
        << QString::fromStdString("The Tag Key provided is invalid, Key: " + key129);
    QTest::newRow("empty key") << QByteArray(R"([""])") << "The Tag Key provided is invalid, Key: ";
    QTest::newRow("aws: prefix") << QByteArray(R"(["env", "aws:foo"])")
                                 << "Tag Key cannot be prefixed with aws:, Key: aws:foo";
    Json many = Json::array();
    for (int i = 0; i < 51; ++i) many.push_back(numbered("k", i));
    QTest::newRow("51 keys") << QByteArray(many.dump().c_str())
                             << "Number of Tags exceed the current limit for the provided "
                                "ResourceArn";
}

void TaggingTest::untagErrors() {
    QFETCH(QByteArray, keys);
    QFETCH(QString, message);
    QVERIFY_OK(call("TagResource", tagRequest(kArn, Json::array({tag("env", "prod")}))));
    QCOMPARE_VALIDATION(call("UntagResource", untagRequest(kArn, json(keys.toStdString()))),
                        message.toStdString());
    QCOMPARE_JSON(listTags(), json(R"({"Tags": [{"Key": "env", "Value": "prod"}]})"));
}

void TaggingTest::tagCharacters_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("punctuation AWS allows") << "a+b-c=d.e_f:g/h@i" << true;
    QTest::newRow("spaces") << " sp ace " << true;
    QTest::newRow("Cyrillic") << QString::fromUtf8("ключ") << true;
    QTest::newRow("Latin-1 letter") << QString::fromUtf8("café") << true;
    QTest::newRow("CJK") << QString::fromUtf8("表") << true;
    QTest::newRow("no-break and ideographic spaces")
        << QString::fromUtf8("a\u00a0b\u3000c") << true;
    for (const char* bad : {"#", "100%", "a,b", "it's", "\"q\"", "(x)", "[y]", "{z}", "a&b", "a*b",
                            "a;b", "a?b", "a|b", "a\\b", "<a>", "~a", "a!", "a$b", "a\tb"})
        QTest::addRow("refused: %s", bad) << QString(bad) << false;
    QTest::newRow("refused: emoji") << QString::fromUtf8("🔑") << false;
    QTest::newRow("refused: section sign") << QString::fromUtf8("§") << false;
}

void TaggingTest::tagCharacters() {
    QFETCH(QString, text);
    QFETCH(bool, allowed);
    const std::string utf8 = text.toStdString();
    auto asKey = call("TagResource", tagRequest(kArn, Json::array({tag(utf8, "v")})));
    auto asValue = call("TagResource", tagRequest(kArn, Json::array({tag("k", utf8)})));
    if (allowed) {
        QVERIFY_OK(asKey);
        QVERIFY_OK(asValue);
        auto listed = listTags();
        QVERIFY(listed["Tags"].size() == 2);
        return;
    }
    QCOMPARE_VALIDATION(asKey, "The Tag Key provided is invalid, Key: " + utf8);
    QCOMPARE_VALIDATION(asValue, "The Tag Value provided is invalid, Value: " + utf8);
}

void TaggingTest::fiftyTagLimit() {
    const std::string limit =
        "Number of Tags exceed the current limit for the provided ResourceArn";
    QCOMPARE_VALIDATION(call("TagResource", tagRequest(kArn, numberedTags(1, 51))), limit);
    QVERIFY_OK(call("TagResource", tagRequest(kArn, numberedTags(1, 50))));
    // Checked on the set after the merge: new values for existing keys are fine, a new key is
    // not, and nothing of a refused request is applied.
    Json renewed = numberedTags(1, 50);
    for (auto& t : renewed) t["Value"] = "new";
    QVERIFY_OK(call("TagResource", tagRequest(kArn, renewed)));
    QCOMPARE_VALIDATION(
        call("TagResource", tagRequest(kArn, Json::array({tag("k1", "newer"), tag("k51", "v")}))),
        limit);
    Json listed = listTags();
    QCOMPARE(listed["Tags"].size(), size_t(50));
    for (const auto& t : listed["Tags"]) QCOMPARE_JSON(t["Value"], Json("new"));
    // A table holds at most 50 tags: one page, no NextToken.
    QVERIFY(!listed.contains("NextToken"));
    QVERIFY_OK(call("UntagResource", untagRequest(kArn, Json::array({"k1"}))));
    QVERIFY_OK(call("TagResource", tagRequest(kArn, Json::array({tag("k51", "v")}))));
    QCOMPARE(listTags()["Tags"].size(), size_t(50));
}

void TaggingTest::serializationErrors_data() {
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("message");
    QTest::newRow("ResourceArn a number")
        << QByteArray("ListTagsOfResource") << QByteArray(R"({"ResourceArn": 5})")
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("Tags a string")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "arn:x", "Tags": "k"})")
        << "Unexpected field type";
    QTest::newRow("Tags a map") << QByteArray("TagResource")
                                << QByteArray(R"({"ResourceArn": "arn:x", "Tags": {}})")
                                << "Start of structure or map found where not expected";
    QTest::newRow("a Tag a string")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "arn:x", "Tags": ["k"]})")
        << "Unexpected value type in payload";
    QTest::newRow("a Tag a list")
        << QByteArray("TagResource") << QByteArray(R"({"ResourceArn": "arn:x", "Tags": [[]]})")
        << "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Tag";
    QTest::newRow("a Tag's Key a number")
        << QByteArray("TagResource")
        << QByteArray(R"({"ResourceArn": "arn:x", "Tags": [{"Key": 1, "Value": "v"}]})")
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("a Tag's Value a boolean")
        << QByteArray("TagResource")
        << QByteArray(R"({"ResourceArn": "arn:x", "Tags": [{"Key": "k", "Value": true}]})")
        << "TRUE_VALUE cannot be converted to String";
    QTest::newRow("a TagKey a number")
        << QByteArray("UntagResource") << QByteArray(R"({"ResourceArn": "arn:x", "TagKeys": [1]})")
        << "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("NextToken a list") << QByteArray("ListTagsOfResource")
                                      << QByteArray(R"({"ResourceArn": "arn:x", "NextToken": []})")
                                      << "Unrecognized collection type class java.lang.String";
    QTest::newRow("CreateTable: a Tag's Key a map")
        << QByteArray("CreateTable")
        << QByteArray(R"({"TableName": "orders", "Tags": [{"Key": {}, "Value": "v"}],
                          "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                          "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                          "BillingMode": "PAY_PER_REQUEST"})")
        << "Start of structure or map found where not expected";
}

void TaggingTest::serializationErrors() {
    QFETCH(QByteArray, operation);
    QFETCH(QByteArray, request);
    QFETCH(QString, message);
    QCOMPARE_ERROR(call(operation.toStdString(), json(request.toStdString())),
                   "SerializationException", message.toStdString());
}

void TaggingTest::errorBodies() {
    // As DynamoDB sends them on the wire (and `shardscape-cli call` prints them).
    auto missing =
        call("ListTagsOfResource", json(R"({"ResourceArn": "arn:aws:dynamodb:r:1:table/orders"})"));
    QVERIFY(!missing.ok());
    QCOMPARE_JSON(errorBody(missing.error()),
                  json(R"({"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                           "message": "Requested resource not found: ResourceArn: arn:aws:dynamodb:r:1:table/orders not found"})"));
    auto invalid = call("TagResource", tagRequest(kArn, Json::array({tag("aws:x", "v")})));
    QVERIFY(!invalid.ok());
    QCOMPARE_JSON(errorBody(invalid.error()),
                  json(R"({"__type": "com.amazon.coral.validate#ValidationException",
                           "message": "Tag Key cannot be prefixed with aws:, Key: aws:x"})"));
    auto mistyped = call("TagResource", json(R"({"ResourceArn": "arn:x", "Tags": ["k"]})"));
    QVERIFY(!mistyped.ok());
    QCOMPARE_JSON(errorBody(mistyped.error()),
                  json(R"({"__type": "com.amazon.coral.service#SerializationException",
                           "Message": "Unexpected value type in payload"})"));
}

void TaggingTest::nextTokenIsIgnored() {
    QVERIFY_OK(call("TagResource", tagRequest(kArn, Json::array({tag("env", "prod")}))));
    auto listed =
        call("ListTagsOfResource", Json{{"ResourceArn", kArn}, {"NextToken", "not-a-token"}});
    QVERIFY_OK(listed);
    QCOMPARE_JSON(listed.value(), json(R"({"Tags": [{"Key": "env", "Value": "prod"}]})"));
}

QTEST_GUILESS_MAIN(TaggingTest)
#include "test_tagging.moc"
