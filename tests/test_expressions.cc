// The expression language: conditions and filters (every comparator, function, precedence
// and error), projections of nested paths, and update actions — each case asserting the
// exact result or DynamoDB's exact message.
#include <QtTest>

#include "expressions/expression.h"
#include "expressions/expression_evaluator.h"

using namespace shardscape;

// Declared before any raw string: moc misreads raw strings that contain "#.
class ExpressionsTest : public QObject {
    Q_OBJECT
  private slots:
    void conditionEvaluates_data();
    void conditionEvaluates();
    void conditionRejected_data();
    void conditionRejected();
    void projection_data();
    void projection();
    void projectionRejected_data();
    void projectionRejected();
    void update_data();
    void update();
    void updateRejected_data();
    void updateRejected();
    void compiledOnceEvaluatedMany();
};

namespace {

// The item every condition case is evaluated against.
const char* kItem = R"({
  "Id": {"S": "user#1"},
  "Age": {"N": "42"},
  "Score": {"N": "-3.5"},
  "Title": {"S": "Staff Engineer"},
  "Bin": {"B": "AAECAw=="},
  "Active": {"BOOL": true},
  "Nil": {"NULL": true},
  "Tags": {"SS": ["blue", "green"]},
  "Lucky": {"NS": ["7", "13"]},
  "Address": {"M": {"City": {"S": "Oslo"}, "Zip": {"S": "0150"}, "Geo": {"M": {"Lat": {"N": "59.9"}}}}},
  "Visits": {"L": [{"N": "1"}, {"S": "two"}, {"M": {"x": {"N": "3"}}}]},
  "Blank": {"S": ""}
})";

// Placeholder values available to every case.
const char* kValues = R"({
  ":n42": {"N": "42"}, ":n40": {"N": "40"}, ":n50": {"N": "50"}, ":n0": {"N": "0"}, ":n2": {"N": "2"},
  ":n3": {"N": "3"}, ":n7": {"N": "7"}, ":n42s": {"S": "42"}, ":staff": {"S": "Staff"}, ":eng": {"S": "Engineer"},
  ":oslo": {"S": "Oslo"}, ":blue": {"S": "blue"}, ":red": {"S": "red"}, ":b01": {"B": "AAE="},
  ":true": {"BOOL": true}, ":tS": {"S": "S"}, ":tN": {"S": "N"}, ":tM": {"S": "M"}, ":tL": {"S": "L"},
  ":tSS": {"S": "SS"}, ":tNULL": {"S": "NULL"}, ":tBOOL": {"S": "BOOL"}, ":bad": {"S": "STRING"},
  ":two": {"S": "two"}, ":tags": {"SS": ["blue", "green"]}, ":list": {"L": [{"N": "1"}]},
  ":map": {"M": {"a": {"S": "b"}}}, ":empty": {"S": ""}
})";

const char* kNames =
    R"({"#a": "Age", "#t": "Title", "#addr": "Address", "#name": "name", "#city": "City",
  "#dot": "Address.City"})";

Item testItem() {
    return itemFromJson(Json::parse(kItem)).value();
}

ExpressionContext context() {
    static const Json names = Json::parse(kNames);
    static const Json values = Json::parse(kValues);
    return ExpressionContext::fromRequest(&names, &values, true).value();
}

}  // namespace

void ExpressionsTest::conditionEvaluates_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("expected");
    auto row = [](const char* e, bool v) { QTest::newRow(e) << QString(e) << v; };
    // Comparators on every scalar type, and across types.
    row("Age = :n42", true);
    row("Age = :n42s", false);
    row("Age <> :n42", false);
    row("Age <> :n42s", true);
    row("Age < :n50", true);
    row("Age <= :n42", true);
    row("Age > :n42", false);
    row("Age >= :n42", true);
    row("Score < :n0", true);
    row(":n40 < Age", true);
    row("Age > :n42s", false);
    row("Title > :staff", true);
    row("Title < :staff", false);
    row("Bin > :b01", true);
    row("Active = :true", true);
    row("Tags = :tags", true);
    row("Absent = :n42", false);
    row("Absent <> :n42", true);
    row("Absent < :n42", false);
    row("Age = Address.City", false);
    row("#a = :n42", true);
    row("#addr.#city = :oslo", true);
    row("Address.City = :oslo", true);
    row("#dot = :oslo", false);
    row("Address.Geo.Lat > :n50", true);
    row("Visits[0] = :list", false);
    row("Visits[1] = :two", true);
    row("Visits[2].x = :n3", true);
    row("Visits[9] = :two", false);
    row("Title.Part = :two", false);
    row("Blank = :empty", true);
    // BETWEEN and IN.
    row("Age BETWEEN :n40 AND :n50", true);
    row("Age BETWEEN :n42 AND :n42", true);
    row("Age BETWEEN :n0 AND :n40", false);
    row("Title BETWEEN :eng AND :staff", false);
    row("Absent BETWEEN :n0 AND :n50", false);
    row("Age IN (:n40, :n42)", true);
    row("Age IN (:n40, :n50)", false);
    row("Age IN (:n42s)", false);
    row("Absent IN (:n42)", false);
    // Functions.
    row("attribute_exists(Age)", true);
    row("attribute_exists(Absent)", false);
    row("attribute_exists(Address.Geo.Lat)", true);
    row("attribute_exists(Visits[2])", true);
    row("attribute_exists(Visits[3])", false);
    row("attribute_not_exists(Absent)", true);
    row("attribute_not_exists(Age)", false);
    row("attribute_type(Age, :tN)", true);
    row("attribute_type(Age, :tS)", false);
    row("attribute_type(Address, :tM)", true);
    row("attribute_type(Visits, :tL)", true);
    row("attribute_type(Tags, :tSS)", true);
    row("attribute_type(Nil, :tNULL)", true);
    row("attribute_type(Active, :tBOOL)", true);
    row("attribute_type(Absent, :tS)", false);
    row("begins_with(Title, :staff)", true);
    row("begins_with(Title, :eng)", false);
    row("begins_with(Bin, :b01)", true);
    row("begins_with(Age, :staff)", false);
    row("begins_with(Title, :empty)", true);
    row("contains(Title, :eng)", true);
    row("contains(Title, :red)", false);
    row("contains(Tags, :blue)", true);
    row("contains(Tags, :red)", false);
    row("contains(Lucky, :n7)", true);
    row("contains(Lucky, :n3)", false);
    row("contains(Visits, :two)", true);
    row("contains(Visits, :n2)", false);
    row("contains(Age, :n42)", false);
    row("contains(Absent, :red)", false);
    row("size(Title) = :n42", false);
    row("size(Tags) = :n2", true);
    row("size(Visits) = :n3", true);
    row("size(Address) = :n3", true);
    row("size(Bin) > :n3", true);
    row("size(Age) = :n2", false);
    row("size(Absent) = :n0", false);
    // Logic and precedence: NOT binds tighter than AND, AND tighter than OR.
    row("Age = :n42 AND Title = :staff", false);
    row("Age = :n42 OR Title = :staff", true);
    row("NOT Age = :n42", false);
    row("NOT Absent = :n42", true);
    row("NOT NOT Age = :n42", true);
    row("Age = :n0 AND Age = :n0 OR Age = :n42", true);
    row("Age = :n42 OR Age = :n0 AND Age = :n0", true);
    row("(Age = :n42 OR Age = :n0) AND Age = :n0", false);
    row("NOT Age = :n0 AND Age = :n42", true);
    row("NOT (Age = :n0 OR Age = :n42)", false);
    row("((((Age = :n42))))", true);
    row("attribute_exists(Age) AND NOT attribute_exists(Absent) AND contains(Tags, :blue)", true);
    row("age = :n42", false);
    row("AGE = :n42", false);
    row("Age=:n42 and Title<>:staff", true);
}

void ExpressionsTest::conditionEvaluates() {
    QFETCH(QString, expression);
    QFETCH(bool, expected);
    ExpressionContext ctx = context();
    auto condition =
        parseConditionExpression(ExpressionKind::Filter, expression.toStdString(), ctx);
    QVERIFY2(condition.ok(), condition.ok() ? "" : condition.error().message.c_str());
    QCOMPARE(evaluateCondition(*condition, testItem()), expected);
}

void ExpressionsTest::conditionRejected_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    auto row = [](const char* e, const char* m) { QTest::newRow(e) << QString(e) << QString(m); };
    row("", "Invalid FilterExpression: The expression can not be empty;");
    row("Age =", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    row("Age == :n42", "Invalid FilterExpression: Syntax error; token: \"=\", near: \"== :n42\"");
    row("Age = :n42 AND",
        "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("(Age = :n42", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \":n42\"");
    row("Age = :n42)", "Invalid FilterExpression: Syntax error; token: \")\", near: \":n42)\"");
    row("Age", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"Age\"");
    row("Age = Age",
        "Invalid FilterExpression: The first operand must be distinct from the remaining operands "
        "for this operator or function; operator: =, first operand: [Age]");
    row("begins_with(Address.City, Address.City)",
        "Invalid FilterExpression: The first operand must be distinct from the remaining operands "
        "for this operator or function; operator: begins_with, first operand: [Address, City]");
    row("Age = :n42 AND Title = :missing",
        "Invalid FilterExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :missing");
    row("Age = :missing)",
        "Invalid FilterExpression: Syntax error; token: \")\", near: \":missing)\"");
    row("Age = :n42 :n42",
        "Invalid FilterExpression: Syntax error; token: \":n42\", near: \":n42 :n42\"");
    row("Age ! :n42",
        "Invalid FilterExpression: Invalid character encountered; token: \"!\", near: \"! \"");
    row("name = :n42",
        "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name");
    row("Status = :n42",
        "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Status");
    row("Address.Name = :n42",
        "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Name");
    row("#nope = :n42",
        "Invalid FilterExpression: An expression attribute name used in the document path is not "
        "defined; "
        "attribute name: #nope");
    row("Age = :nope",
        "Invalid FilterExpression: An expression attribute value used in expression is not "
        "defined; "
        "attribute value: :nope");
    row("foo(Age)", "Invalid FilterExpression: Invalid function name; function: foo");
    row("Age = foo(Age)", "Invalid FilterExpression: Invalid function name; function: foo");
    row("begins_with(Title)",
        "Invalid FilterExpression: Incorrect number of operands for operator or function; operator "
        "or "
        "function: begins_with, number of operands: 1");
    row("attribute_exists(Age, Title)",
        "Invalid FilterExpression: Incorrect number of operands for operator or function; operator "
        "or "
        "function: attribute_exists, number of operands: 2");
    row("attribute_exists(:n42)",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: "
        "attribute_exists, operand type: N");
    row("attribute_type(Age, :n42)",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: "
        "attribute_type, operand type: N");
    row("attribute_type(Age, :bad)",
        "Invalid FilterExpression: Invalid attribute type name found; type: STRING, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    row("begins_with(Title, :n42)",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: "
        "begins_with, operand type: N");
    row("size(:n42) = :n2",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: "
        "size, operand type: N");
    row("size(Age)", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \")\"");
    row("Age = begins_with(Title, :staff)",
        "Invalid FilterExpression: The function is not allowed to be used this way in an "
        "expression; "
        "function: begins_with");
    row("Age < :map",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: <, "
        "operand type: M");
    row("Age >= :true",
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or "
        "function: >=, "
        "operand type: BOOL");
    row("Age BETWEEN :n50 AND :n40",
        "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or "
        "equal to "
        "lower bound; lower bound operand: AttributeValue: {N:50}, upper bound operand: "
        "AttributeValue: {N:40}");
    row("Age BETWEEN :n40 AND :staff",
        "Invalid FilterExpression: The BETWEEN operator requires same data type for lower and "
        "upper bounds; "
        "lower bound operand: AttributeValue: {N:40}, upper bound operand: AttributeValue: "
        "{S:Staff}");
    row("Age IN ()", "Invalid FilterExpression: Syntax error; token: \")\", near: \"()\"");
    row("Visits[x] = :n2", "Invalid FilterExpression: Syntax error; token: \"x\", near: \"[x]\"");
    row("Visits[99999999999] = :n2",
        "Invalid FilterExpression: List index is not within the allowable range; index: "
        "[99999999999]");
}

void ExpressionsTest::conditionRejected() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    ExpressionContext ctx = context();
    auto condition =
        parseConditionExpression(ExpressionKind::Filter, expression.toStdString(), ctx);
    QVERIFY(!condition.ok());
    QCOMPARE(condition.error().type, ErrorType::Validation);
    QCOMPARE(QString::fromStdString(condition.error().message), message);
}

void ExpressionsTest::projection_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* e, const char* j) { QTest::newRow(e) << QString(e) << QString(j); };
    row("Age", R"({"Age":{"N":"42"}})");
    row("Age, Title", R"({"Age":{"N":"42"},"Title":{"S":"Staff Engineer"}})");
    row("#a, Absent", R"({"Age":{"N":"42"}})");
    row("Address.City", R"({"Address":{"M":{"City":{"S":"Oslo"}}}})");
    row("Address.Geo.Lat, Address.Zip",
        R"({"Address":{"M":{"Geo":{"M":{"Lat":{"N":"59.9"}}},"Zip":{"S":"0150"}}}})");
    row("Visits[1]", R"({"Visits":{"L":[{"S":"two"}]}})");
    row("Visits[2], Visits[0]", R"({"Visits":{"L":[{"N":"1"},{"M":{"x":{"N":"3"}}}]}})");
    row("Visits[2].x", R"({"Visits":{"L":[{"M":{"x":{"N":"3"}}}]}})");
    row("Visits[7], Address.Nowhere", R"({})");
    row("Title.Part", R"({})");
}

void ExpressionsTest::projection() {
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    ExpressionContext ctx = context();
    auto paths = parseProjectionExpression(expression.toStdString(), ctx);
    QVERIFY2(paths.ok(), paths.ok() ? "" : paths.error().message.c_str());
    QCOMPARE(itemToJson(projectItem(testItem(), *paths)), Json::parse(expected.toStdString()));
}

void ExpressionsTest::projectionRejected_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    auto row = [](const char* e, const char* m) { QTest::newRow(e) << QString(e) << QString(m); };
    row("Age, Age",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
        "rewrite one "
        "of these paths; path one: [Age], path two: [Age]");
    row("Address, Address.City",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
        "rewrite one "
        "of these paths; path one: [Address], path two: [Address, City]");
    row("Visits[1].x, Visits.y",
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or "
        "rewrite one "
        "of these paths; path one: [Visits, [1], x], path two: [Visits, y]");
    row("Age,", "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    row("Age Title",
        "Invalid ProjectionExpression: Syntax error; token: \"Title\", near: \"Age Title\"");
    row("size",
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "size");
    row(":n42", "Invalid ProjectionExpression: Syntax error; token: \":n42\", near: \":n42\"");
}

void ExpressionsTest::projectionRejected() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    ExpressionContext ctx = context();
    auto paths = parseProjectionExpression(expression.toStdString(), ctx);
    QVERIFY(!paths.ok());
    QCOMPARE(QString::fromStdString(paths.error().message), message);
}

void ExpressionsTest::update_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>(
        "changes");  // the attributes that differ afterwards ({"X":null} = removed)
    auto row = [](const char* e, const char* j) { QTest::newRow(e) << QString(e) << QString(j); };
    row("SET Age = :n50", R"({"Age":{"N":"50"}})");
    row("SET Age = Age + :n2", R"({"Age":{"N":"44"}})");
    row("SET Age = Age - :n50", R"({"Age":{"N":"-8"}})");
    row("SET Score = Score + :n7", R"({"Score":{"N":"3.5"}})");
    row("SET NewAttr = :n7, Age = :n0", R"({"NewAttr":{"N":"7"},"Age":{"N":"0"}})");
    row("SET Tally = if_not_exists(Tally, :n0) + :n2", R"({"Tally":{"N":"2"}})");
    row("SET Age = if_not_exists(Age, :n0)", R"({})");
    row("SET Visits = list_append(Visits, :list)",
        R"({"Visits":{"L":[{"N":"1"},{"S":"two"},{"M":{"x":{"N":"3"}}},{"N":"1"}]}})");
    row("SET Visits = list_append(:list, Visits)",
        R"({"Visits":{"L":[{"N":"1"},{"N":"1"},{"S":"two"},{"M":{"x":{"N":"3"}}}]}})");
    row("SET Dup = Title", R"({"Dup":{"S":"Staff Engineer"}})");
    row("SET Address.City = :blue",
        R"({"Address":{"M":{"City":{"S":"blue"},"Zip":{"S":"0150"},"Geo":{"M":{"Lat":{"N":"59.9"}}}}}})");
    row("SET Address.Geo.Lon = :n7",
        R"({"Address":{"M":{"City":{"S":"Oslo"},"Zip":{"S":"0150"},"Geo":{"M":{"Lat":{"N":"59.9"},"Lon":{"N":"7"}}}}}})");
    row("SET Visits[1] = :n7", R"({"Visits":{"L":[{"N":"1"},{"N":"7"},{"M":{"x":{"N":"3"}}}]}})");
    row("SET Visits[10] = :n7",
        R"({"Visits":{"L":[{"N":"1"},{"S":"two"},{"M":{"x":{"N":"3"}}},{"N":"7"}]}})");
    row("REMOVE Title, Absent", R"({"Title":null})");
    row("REMOVE Address.Zip",
        R"({"Address":{"M":{"City":{"S":"Oslo"},"Geo":{"M":{"Lat":{"N":"59.9"}}}}}})");
    row("REMOVE Visits[0], Visits[2]", R"({"Visits":{"L":[{"S":"two"}]}})");
    row("ADD Age :n7", R"({"Age":{"N":"49"}})");
    row("ADD Fresh :n7", R"({"Fresh":{"N":"7"}})");
    row("ADD Tags :tags", R"({})");
    row("ADD Lucky :lucky2", R"({"Lucky":{"NS":["7","13","2"]}})");
    row("DELETE Tags :tags", R"({"Tags":null})");
    row("DELETE Lucky :lucky7", R"({"Lucky":{"NS":["13"]}})");
    row("DELETE Absent :tags", R"({})");
    row("SET Age = :n0 REMOVE Title ADD Fresh :n2 DELETE Lucky :lucky7",
        R"({"Age":{"N":"0"},"Title":null,"Fresh":{"N":"2"},"Lucky":{"NS":["13"]}})");
    row("set Age = :n0 remove Title", R"({"Age":{"N":"0"},"Title":null})");
}

void ExpressionsTest::update() {
    QFETCH(QString, expression);
    QFETCH(QString, changes);
    Json values = Json::parse(kValues);
    values[":lucky2"] = Json::parse(R"({"NS":["2"]})");
    values[":lucky7"] = Json::parse(R"({"NS":["7"]})");
    const Json names = Json::parse(kNames);
    auto ctx = ExpressionContext::fromRequest(&names, &values, true).value();
    auto actions = parseUpdateActions(expression.toStdString(), ctx);
    QVERIFY2(actions.ok(), actions.ok() ? "" : actions.error().message.c_str());
    const Item before = testItem();
    auto after = applyUpdateActions(*actions, before);
    QVERIFY2(after.ok(), after.ok() ? "" : after.error().message.c_str());
    Json expected = itemToJson(before);
    const Json changed = Json::parse(changes.toStdString());
    for (const auto& [name, value] : changed.items()) {
        if (value.is_null())
            expected.erase(name);
        else
            expected[name] = value;
    }
    Json actual = itemToJson(*after);
    // Sets are unordered: compare them as values.
    QCOMPARE(itemFromJson(actual).value() == itemFromJson(expected).value(), true);
}

void ExpressionsTest::updateRejected_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    auto row = [](const char* e, const char* m) { QTest::newRow(e) << QString(e) << QString(m); };
    // Parse-time errors.
    row("SET", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
    row("SET Age :n42",
        "Invalid UpdateExpression: Syntax error; token: \":n42\", near: \"Age :n42\"");
    row("SET Age = :n42 SET Title = :staff",
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
        "expression;");
    row("SET Age = :n42, Age = :n0",
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of "
        "these paths; path one: [Age], path two: [Age]");
    row("SET Address.City = :oslo REMOVE Address",
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of "
        "these paths; path one: [Address, City], path two: [Address]");
    row("SET Age = :staff + :n2",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, "
        "operand type: S");
    row("ADD Title :staff",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
        "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    row("DELETE Tags :blue",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "DELETE, operand type: STRING, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    row("SET Age = list_append(:n2, Visits)",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: "
        "list_append, operand type: N");
    row("SET Age = if_not_exists(:n2, Age)",
        "Invalid UpdateExpression: Operator or function requires a document path; operator or "
        "function: "
        "if_not_exists");
    row("SET Age = size(Title)",
        "Invalid UpdateExpression: The function is not allowed to be used this way in an "
        "expression; "
        "function: size");
    row("SET Age = if_not_exists(Age)",
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator "
        "or "
        "function: if_not_exists, number of operands: 1");
    row("REMOVE Age = :n2",
        "Invalid UpdateExpression: Syntax error; token: \"=\", near: \"Age = :n2\"");
    row("SET Year = :n2",
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Year");
    // Apply-time errors.
    row("SET Title = Title + :n2",
        "An operand in the update expression has an incorrect data type");
    row("SET Age = Absent + :n2",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET Age = Absent",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET Nowhere.City = :oslo",
        "The document path provided in the update expression is invalid for update");
    row("SET Title.Part = :oslo",
        "The document path provided in the update expression is invalid for update");
    row("REMOVE Nowhere.City",
        "The document path provided in the update expression is invalid for update");
    row("ADD Title :n2", "An operand in the update expression has an incorrect data type");
    row("ADD Tags :lucky", "An operand in the update expression has an incorrect data type");
    row("DELETE Title :tags", "An operand in the update expression has an incorrect data type");
    row("SET Visits = list_append(Visits, Age)",
        "An operand in the update expression has an incorrect data type");
    row("SET Age = :big + :big",
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
    row("SET Age = :big + :tiny",
        "Attempting to store more than 38 significant digits in a Number");
}

void ExpressionsTest::updateRejected() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    Json values = Json::parse(kValues);
    values[":lucky"] = Json::parse(R"({"NS":["2"]})");
    values[":big"] = Json::parse(R"({"N":"9.9E125"})");
    values[":tiny"] = Json::parse(R"({"N":"1E-100"})");
    const Json names = Json::parse(kNames);
    auto ctx = ExpressionContext::fromRequest(&names, &values, true).value();
    auto actions = parseUpdateActions(expression.toStdString(), ctx);
    if (actions.ok()) {
        auto after = applyUpdateActions(*actions, testItem());
        QVERIFY(!after.ok());
        QCOMPARE(QString::fromStdString(after.error().message), message);
    } else {
        QCOMPARE(QString::fromStdString(actions.error().message), message);
    }
}

// A compiled filter is reused for every item; evaluating it does not re-parse.
void ExpressionsTest::compiledOnceEvaluatedMany() {
    ExpressionContext ctx = context();
    auto condition = parseConditionExpression(
        ExpressionKind::Filter,
        "Age BETWEEN :n40 AND :n50 AND contains(Tags, :blue) AND NOT attribute_exists(Absent)",
        ctx);
    QVERIFY(condition.ok());
    Item item = testItem();
    int matches = 0;
    for (int i = 0; i < 100000; ++i) {
        item["Age"] = AttributeValue::number(std::to_string(i % 100));
        if (evaluateCondition(*condition, item)) ++matches;
    }
    QCOMPARE(matches, 11000);  // ages 40..50 in each hundred
}

QTEST_APPLESS_MAIN(ExpressionsTest)
#include "test_expressions.moc"
