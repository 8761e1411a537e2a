// Cross-cutting error behaviour: the wire form of errors, protocol-level failures, member
// type checking, and a randomized barrage of damaged requests that must never crash the
// engine or corrupt its data.
#include <QTemporaryDir>
#include <QtTest>
#include <cerrno>
#include <random>

#include "api/dispatch.h"
#include "api/wire_error.h"
#include "storage/engine.h"

using namespace shardscape;

namespace {
const char* kCreate = R"({"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Song","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}]})";

// Valid requests the randomized test damages.
const std::vector<std::pair<std::string, std::string>> kSeeds = {
    {"PutItem",
     R"({"TableName":"Music","Item":{"Artist":{"S":"Queen"},"Song":{"N":"7"},"Tags":{"SS":["rock","uk"]},"Meta":{"M":{"Len":{"N":"354.5"},"Live":{"BOOL":true},"Cover":{"B":"AAEC"}}},"Plays":{"L":[{"N":"1"},{"NULL":true}]}},"ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"TOTAL"})"},
    {"GetItem",
     R"({"TableName":"Music","Key":{"Artist":{"S":"Queen"},"Song":{"N":"7"}},"ProjectionExpression":"#a, Meta","ExpressionAttributeNames":{"#a":"Artist"},"ConsistentRead":true})"},
    {"UpdateItem",
     R"({"TableName":"Music","Key":{"Artist":{"S":"Queen"},"Song":{"N":"7"}},"UpdateExpression":"SET Rating = :r REMOVE Plays","ExpressionAttributeValues":{":r":{"N":"5"}},"ReturnValues":"ALL_NEW"})"},
    {"Query",
     R"({"TableName":"Music","KeyConditionExpression":"Artist = :a AND Song BETWEEN :lo AND :hi","ExpressionAttributeValues":{":a":{"S":"Queen"},":lo":{"N":"1"},":hi":{"N":"9"}},"Limit":2,"ScanIndexForward":false})"},
    {"Scan",
     R"({"TableName":"Music","Segment":1,"TotalSegments":3,"Limit":5,"ReturnConsumedCapacity":"INDEXES"})"},
    {"DeleteItem",
     R"({"TableName":"Music","Key":{"Artist":{"S":"Queen"},"Song":{"N":"8"}},"ReturnValues":"ALL_OLD"})"},
    {"UpdateTable",
     R"({"TableName":"Music","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})"},
    {"ListTables", R"({"Limit":3,"ExclusiveStartTableName":"Abc"})"},
};
}  // namespace

class ErrorsTest : public QObject {
    Q_OBJECT
  private slots:
    void errorWireForm() {
        const Error validation{ErrorType::Validation, "bad"};
        QCOMPARE(wireTypeName(validation),
                 std::string("com.amazon.coral.validate#ValidationException"));
        QCOMPARE(wireHttpStatus(validation), 400);
        QCOMPARE(
            errorBody(validation),
            Json::parse(
                R"({"__type":"com.amazon.coral.validate#ValidationException","message":"bad"})"));
        const Error serialization{ErrorType::Serialization, ""};
        const Error unknown{ErrorType::UnknownOperation, ""};
        const Error notFound{ErrorType::ResourceNotFound, ""};
        const Error conditional{ErrorType::ConditionalCheckFailed, ""};
        const Error internal{ErrorType::InternalServer, ""};
        QCOMPARE(wireTypeName(serialization),
                 std::string("com.amazon.coral.service#SerializationException"));
        // SerializationException alone says "Message".
        QCOMPARE(
            errorBody(Error{ErrorType::Serialization, "bad"}),
            Json::parse(
                R"({"__type":"com.amazon.coral.service#SerializationException","Message":"bad"})"));
        QCOMPARE(wireTypeName(unknown),
                 std::string("com.amazon.coral.service#UnknownOperationException"));
        QCOMPARE(notFound.name(), std::string("ResourceNotFoundException"));
        QCOMPARE(conditional.name(), std::string("ConditionalCheckFailedException"));
        QCOMPARE(wireHttpStatus(internal), 500);
    }

    // Domain errors carry their code, show it as their name, and become a DynamoDB error only
    // on the wire (api/wire_error.h).
    void domainErrorsOnTheWire_data() {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("wireType");
        QTest::addColumn<int>("status");
        const QString dynamo = "com.amazonaws.dynamodb.v20120810#";
        QTest::newRow("invalid argument") << int(ErrorCode::InvalidArgument) << "InvalidArgument"
                                          << "com.amazon.coral.validate#ValidationException" << 400;
        QTest::newRow("not found") << int(ErrorCode::NotFound) << "NotFound"
                                   << dynamo + "ResourceNotFoundException" << 400;
        QTest::newRow("i/o") << int(ErrorCode::IOError) << "IOError"
                             << dynamo + "InternalServerError" << 500;
        QTest::newRow("corruption")
            << int(ErrorCode::Corruption) << "Corruption" << dynamo + "InternalServerError" << 500;
        QTest::newRow("busy") << int(ErrorCode::Busy) << "Busy" << dynamo + "InternalServerError"
                              << 500;
        QTest::newRow("cancelled")
            << int(ErrorCode::Cancelled) << "Cancelled" << dynamo + "InternalServerError" << 500;
    }

    void domainErrorsOnTheWire() {
        QFETCH(int, code);
        QFETCH(QString, name);
        QFETCH(QString, wireType);
        QFETCH(int, status);
        const Error error{static_cast<ErrorCode>(code), "what happened"};
        QVERIFY(!error.isDynamo());
        QCOMPARE(QString::fromStdString(error.name()), name);
        QCOMPARE(errorCodeFromName(name.toStdString()), std::optional(error.code));
        QCOMPARE(QString::fromStdString(wireTypeName(error)), wireType);
        QCOMPARE(wireHttpStatus(error), status);
        QCOMPARE(errorBody(error),
                 Json({{"__type", wireType.toStdString()}, {"message", "what happened"}}));
        // A domain error never passes for a DynamoDB one.
        QVERIFY(error.type != ErrorType::Validation && error.type != ErrorType::ResourceNotFound);
        const Error context = error.withContext("model.json: ");
        QCOMPARE(context.code, error.code);
        QCOMPARE(context.message, std::string("model.json: what happened"));
    }

    void domainErrorHelpers() {
        QVERIFY(cancelledError("x").isCancelled());
        QVERIFY(busyError("x").isBusy());
        QVERIFY(!internalError("Simulation cancelled").isCancelled());
        QVERIFY(validationError("x").isDynamo());
        const Error missing = fileSystemError("/nowhere/file: cannot open", ENOENT);
        QVERIFY(missing.isNotFound());
        QCOMPARE(missing.message,
                 std::string("/nowhere/file: cannot open: No such file or directory"));
        QCOMPARE(fileSystemError("f: cannot write", ENOSPC).code, ErrorCode::IOError);
        QCOMPARE(fileSystemError("f: cannot write", EACCES).code, ErrorCode::IOError);
    }

    void protocolLevelFailures_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("message");
        const int serialization = int(ErrorType::Serialization);
        const int validation = int(ErrorType::Validation);
        QTest::newRow("unknown operation")
            << "Frobnicate"
            << "{}" << int(ErrorType::UnknownOperation) << "Unknown operation: Frobnicate";
        QTest::newRow("operation names are case-sensitive")
            << "putitem"
            << "{}" << int(ErrorType::UnknownOperation) << "Unknown operation: putitem";
        QTest::newRow("malformed json")
            << "ListTables"
            << "{\"Limit\":" << serialization << "Malformed JSON in the request body";
        QTest::newRow("empty body") << "ListTables"
                                    << "" << serialization << "Malformed JSON in the request body";
        QTest::newRow("array body")
            << "ListTables"
            << "[]" << serialization << "Start of list found where not expected";
        QTest::newRow("table name as number") << "DescribeTable"
                                              << R"({"TableName":5})" << serialization
                                              << "NUMBER_VALUE cannot be converted to String";
        QTest::newRow("table name as object")
            << "DescribeTable"
            << R"({"TableName":{}})" << serialization
            << "Start of structure or map found where not expected";
        QTest::newRow("limit as string")
            << "ListTables"
            << R"({"Limit":"5"})" << serialization << "STRING_VALUE cannot be converted to Integer";
        QTest::newRow("consistent read as number")
            << "GetItem"
            << R"({"TableName":"Music","Key":{},"ConsistentRead":1})" << serialization
            << "NUMBER_VALUE cannot be converted to Boolean";
        QTest::newRow("unknown members are ignored")
            << "DescribeTable"
            << R"({"TableName":"x;y","Limit":true})" << validation
            << "1 validation error detected: Value 'x;y' at 'tableName' failed to satisfy "
               "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
        QTest::newRow("missing table name")
            << "DescribeTable"
            << "{}" << validation
            << "The parameter 'TableName' is required but was not present in the request";
        QTest::newRow("two constraint errors")
            << "ListTables"
            << R"({"Limit":0,"ExclusiveStartTableName":"a!"})" << validation
            << "3 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: "
               "Member must have "
               "value greater than or equal to 1; Value 'a!' at 'exclusiveStartTableName' failed "
               "to satisfy "
               "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value "
               "'a!' at "
               "'exclusiveStartTableName' failed to satisfy constraint: Member must have length "
               "greater than or "
               "equal to 3";
        QTest::newRow("bad ReturnConsumedCapacity")
            << "GetItem"
            << R"({"TableName":"Music","Key":{"Artist":{"S":"a"},"Song":{"N":"1"}},"ReturnConsumedCapacity":"ALL"})"
            << validation
            << "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to "
               "satisfy constraint: "
               "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
        QTest::newRow("legacy and expression parameters together")
            << "Query"
            << R"({"TableName":"Music","KeyConditionExpression":"Artist = :a","QueryFilter":{"x":{"ComparisonOperator":"NULL"}},"ExpressionAttributeValues":{":a":{"S":"q"}}})"
            << validation
            << "Can not use both expression and non-expression parameters in the same request: "
               "Non-expression parameters: {QueryFilter} Expression parameters: "
               "{KeyConditionExpression}";
    }

    void protocolLevelFailures() {
        QFETCH(QString, operation);
        QFETCH(QString, body);
        QFETCH(int, type);
        QFETCH(QString, message);
        QTemporaryDir dir;
        auto engine = Engine::open(dir.path().toStdString());
        QVERIFY(engine.ok());
        QVERIFY(dispatchText(**engine, "CreateTable", kCreate).ok());
        const std::string bodyText = body.toStdString();
        auto result = dispatchText(**engine, operation.toStdString(), bodyText);
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().type), type);
        QCOMPARE(QString::fromStdString(result.error().message), message);
    }

    // Thousands of damaged requests (bytes flipped, cut, inserted, members retyped): each
    // gives a response or a DynamoDB-typed error, none crashes, and the one item that should
    // be there still is, exactly.
    void damagedRequestsNeverCrashOrCorrupt() {
        QTemporaryDir dir;
        auto opened = Engine::open(dir.path().toStdString());
        QVERIFY(opened.ok());
        Engine& engine = **opened;
        QVERIFY(dispatchText(engine, "CreateTable", kCreate).ok());
        const std::string sentinel =
            R"({"TableName":"Music","Item":{"Artist":{"S":"Sentinel"},"Song":{"N":"1"},"Body":{"S":"intact"}}})";
        QVERIFY(dispatchText(engine, "PutItem", sentinel).ok());

        std::mt19937 random(20261125);
        const std::string alphabet =
            "{}[]\":,0123456789.eE-+ abcNSBLMSSNULLBOOLtruefalse#:\\\x00\xff";
        int responses = 0, errors = 0;
        for (int round = 0; round < 20000; ++round) {
            const auto& [operation, seed] = kSeeds[random() % kSeeds.size()];
            std::string body = seed;
            const int edits = 1 + random() % 4;
            for (int e = 0; e < edits && !body.empty(); ++e) {
                const size_t at = random() % body.size();
                switch (random() % 4) {
                    case 0:
                        body[at] = alphabet[random() % alphabet.size()];
                        break;
                    case 1:
                        body.erase(at, 1 + random() % 8);
                        break;
                    case 2:
                        body.insert(at, 1, alphabet[random() % alphabet.size()]);
                        break;
                    case 3:
                        body.resize(at);
                        break;
                }
            }
            auto result = dispatchText(engine, operation, body);
            if (result.ok()) {
                ++responses;
                continue;
            }
            ++errors;
            const ErrorType type = result.error().type;
            QVERIFY2(type != ErrorType::InternalServer,
                     (result.error().message + " for " + body).c_str());
            QVERIFY(!result.error().message.empty() || type == ErrorType::UnknownOperation);
        }
        QVERIFY(errors > 10000);
        QVERIFY(responses > 0);

        auto sentinelItem = dispatchText(
            engine, "GetItem",
            R"({"TableName":"Music","Key":{"Artist":{"S":"Sentinel"},"Song":{"N":"1"}}})");
        QVERIFY(sentinelItem.ok());
        QCOMPARE((*sentinelItem)["Item"]["Body"], Json::parse(R"({"S":"intact"})"));
    }
};

QTEST_GUILESS_MAIN(ErrorsTest)
#include "test_errors.moc"
