"""Generates DynamoDB wire requests for the differential test (wire_differential.py).

Every case is one request: an operation and a JSON body, derived from a valid request on the
fixture tables by replacing or removing members with values drawn from pools that hold valid
values, values of the wrong JSON type, empty, too long, out-of-range and badly formed ones,
legacy and expression forms, unknown tables and indexes. A case may carry `setup` and
`cleanup` requests (sent to both servers, not compared) so that table-changing operations
start from the same fresh state and leave none behind.

The same seed always gives the same cases.
"""

import copy
import random
import re

HASH_TABLE = "dt_hash"
RANGE_TABLE = "dt_range"

FIXTURE_TABLES = [
    {
        "TableName": HASH_TABLE,
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    },
    {
        "TableName": RANGE_TABLE,
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
            {"AttributeName": "lsk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "LocalSecondaryIndexes": [{
            "IndexName": "lsi1",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "lsk", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }],
        "GlobalSecondaryIndexes": [{
            "IndexName": "gsi1",
            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }],
        "BillingMode": "PAY_PER_REQUEST",
    },
]


# Indexes without a sort key: the order of items sharing a partition key is not defined.
UNSORTED_INDEXES = {"gsi1"}

# Operations that write items or tags: their cases run after every read, so that reads see
# the fixture items on both servers as they were written.
WRITES = {"PutItem", "DeleteItem", "UpdateItem", "BatchWriteItem", "TagResource", "UntagResource"}


def fixture_items():
    """(table, item) pairs written into the fixture tables before the cases."""
    items = []
    for i in range(10):
        items.append((HASH_TABLE, {
            "pk": {"S": "a%d" % i},
            "n": {"N": str(i * 7 - 20)},
            "s": {"S": "text-%d" % (i % 3)},
            "l": {"L": [{"S": "x"}, {"N": str(i)}]},
            "m": {"M": {"a": {"N": str(i)}, "b": {"S": "y"}}},
            "ss": {"SS": ["p", "q%d" % (i % 2)]},
        }))
    for p in range(3):
        for s in range(5):
            items.append((RANGE_TABLE, {
                "pk": {"S": "p%d" % p},
                "sk": {"N": str(s)},
                "lsk": {"S": "l%d" % (4 - s)},
                "g": {"S": "g%d" % (s % 2)},
                "v": {"N": str(p * 10 + s)},
            }))
    return items


# Values of every JSON type: whichever is wrong for a member shows its SerializationException.
WRONG_TYPES = [1, 1.5, True, "x", [], {}, [1], ["x"], {"a": 1}, {"S": "x"}, None]

TABLE_NAMES = [HASH_TABLE, RANGE_TABLE, "missing_table", "", "ab", "a" * 256, "a" * 255,
               "bad name", "tbl!", "abc", "a.b-c_d"]

GOOD_VALUES = [
    {"S": "x"}, {"S": ""}, {"N": "1"}, {"N": "-1.5e3"}, {"N": "0.0001"}, {"B": "AAEC"},
    {"BOOL": True}, {"NULL": True}, {"SS": ["a", "b"]}, {"NS": ["1", "2"]}, {"BS": ["AAEC"]},
    {"L": [{"S": "a"}, {"N": "1"}]}, {"L": []}, {"M": {"a": {"N": "1"}}}, {"M": {}},
]
BAD_VALUES = [
    {}, {"N": ""}, {"N": "abc"}, {"N": "1e126"}, {"N": "1e-131"}, {"N": "-"}, {"N": " 1"},
    {"N": "1" * 39}, {"N": "0." + "1" * 39}, {"SS": []}, {"SS": ["a", "a"]}, {"NS": ["1", "1.0"]},
    {"NS": ["x"]}, {"NS": []}, {"BS": []}, {"NULL": False}, {"S": "a", "N": "1"}, {"X": "1"},
    {"S": 1}, {"N": 1}, {"BOOL": "true"}, {"L": {}}, {"M": []}, {"B": "!!!"}, {"B": ""},
    {"L": [{"X": 1}]}, {"M": {"a": {}}}, {"SS": [1]}, {"S": None}, {"SS": [""]},
    {"M": {"a": {"N": "x"}}}, {"L": [{}]}, {"NULL": "x"}, {"BS": [""]}, {"S": ["a"]},
]
ATTRIBUTE_VALUES = GOOD_VALUES + BAD_VALUES

HASH_KEYS = [
    {"pk": {"S": "a1"}}, {"pk": {"S": "a3"}}, {"pk": {"S": "zz"}}, {}, {"pk": {"S": ""}},
    {"pk": {"N": "1"}}, {"pk": {"S": "a1"}, "x": {"S": "y"}}, {"other": {"S": "a"}},
    {"pk": {}}, {"pk": {"S": 1}}, {"pk": {"S": "a", "N": "1"}}, {"pk": {"X": "a"}},
    {"pk": {"N": "abc"}}, {"pk": {"SS": ["a"]}}, {"pk": {"NULL": True}}, {"pk": {"B": "abc="}},
    {"pk": "a1"}, {"pk": [{"S": "a"}]}, {"pk": {"S": "a" * 2049}},
]
RANGE_KEYS = [
    {"pk": {"S": "p1"}, "sk": {"N": "2"}}, {"pk": {"S": "p0"}, "sk": {"N": "9"}},
    {"pk": {"S": "p1"}}, {"sk": {"N": "1"}}, {"pk": {"S": "p1"}, "sk": {"S": "2"}},
    {"pk": {"S": "p1"}, "sk": {"N": "x"}}, {"pk": {"S": "p1"}, "sk": {"N": "1"}, "v": {"N": "1"}},
    {"pk": {"S": "p1"}, "sk": {"N": "1"}, "lsk": {"S": "a"}},
]
KEYS = HASH_KEYS + RANGE_KEYS


def items_pool():
    pool = [
        {"pk": {"S": "a1"}, "n": {"N": "5"}},
        {"pk": {"S": "new1"}, "s": {"S": "v"}, "ss": {"SS": ["q"]}},
        {"pk": {"S": "a2"}, "l": {"L": [{"S": "a"}]}, "m": {"M": {"a": {"N": "2"}}}},
        {"pk": {"S": "p1"}, "sk": {"N": "2"}, "v": {"N": "3"}, "lsk": {"S": "z"}},
        {"pk": {"S": "p2"}, "sk": {"N": "7"}, "g": {"S": "g1"}},
        {"pk": {"S": "p2"}, "sk": {"N": "8"}, "g": {"N": "1"}},
        # Empty index keys, which dynalite accepts and DynamoDB refuses: keys of their own, so
        # that the item written on one server only is never read back by another case.
        {"pk": {"S": "p8"}, "sk": {"N": "80"}, "lsk": {"S": ""}},
        {"pk": {"S": "p8"}, "sk": {"N": "81"}, "g": {"S": ""}},
        {}, {"n": {"N": "1"}}, {"pk": {"S": ""}}, {"pk": {"N": "1"}},
        {"pk": {"S": "a1"}, "big": {"S": "x" * 400 * 1024}},
        {"pk": {"S": "a1"}, "": {"S": "x"}},
        {"pk": {"S": "a1"}, "a" * 65536: {"S": "x"}},
    ]
    for value in ATTRIBUTE_VALUES:
        pool.append({"pk": {"S": "a4"}, "attr": value})
    for key in HASH_KEYS:
        item = dict(key) if isinstance(key, dict) else key
        pool.append(item)
    return pool


ITEMS = items_pool()

CONDITIONS = [
    "attribute_exists(pk)", "attribute_not_exists(pk)", "n > :v", "#n = :v", "n = :v AND s = :w",
    "size(s) > :v", "begins_with(s, :w)", "contains(ss, :w)", "n BETWEEN :v AND :w",
    "n IN (:v, :w)", "", " ", "n >", "((", "attribute_exists(#x)", "n = :missing", "pk = pk",
    "n = :v AND", "NOT n = :v", "attribute_type(n, :w)", "m.a = :v", "l[1] = :v",
    "n = :v OR n = :w", "size(n) = :v", "n <> :v", "s < :w", "attribute_exists(l[0])",
    "begins_with(n, :v)", "n = :v AND n = :v", "n IN ()", "foo(n)", "n = :v)", "#n.#n = :v",
    "attribute_not_exists(nope) AND n >= :v", "n BETWEEN :w AND :v", ":v = :v", "n = n",
    "contains(:w, s)", "size(m) <= :v", "ss = :w", "l = :v", "\"n\" = :v", "n = :v ; ",
    "abort = :v", "n.0 = :v", "l[-1] = :v", "attribute_type(n, :v)",
]
UPDATES = [
    "SET n = :v", "SET n = n + :v", "ADD n :v", "REMOVE s", "DELETE ss :w", "SET #n = :v",
    "SET pk = :w", "", "SET", "SET n = :v, n = :w", "REMOVE n SET n = :v", "SET l[0] = :v",
    "SET n = if_not_exists(n, :v)", "SET l = list_append(l, :v)", "SET n = :v REMOVE s",
    "BAD n", "ADD ss :w", "DELETE n :v", "SET m.a = :v", "SET m.c.d = :v", "REMOVE l[5]",
    "SET n = :v SET s = :w", "SET n = n - :w", "ADD l :v", "SET s = :w, l = list_append(:v, l)",
    "REMOVE pk", "SET n = size(s)", "SET #n = #n + :v", "SET n = :v, m = :v REMOVE s ADD ss :w",
    "SET a.b = :v", "SET sk = :v", "SET lsk = :w", "SET g = :v", "ADD nope :v",
]
PROJECTIONS = ["pk", "n, s", "#n", "m.a", "l[0]", "", "pk,", "n, n", "m, m.a", "#missing",
               "l[1], m.b, ss", "  pk  ", "n.x[2]", "sk, v", "lsk, g", "a b", "#n, :v"]
KEY_CONDITIONS = [
    "pk = :p", "pk = :p AND sk > :v", "pk = :p AND sk BETWEEN :v AND :x",
    "pk = :p AND begins_with(sk, :w)", "sk = :v", "pk > :p", "pk = :p OR sk = :v", "",
    "#n = :p", "pk = :p AND sk = :v AND sk = :x", "pk = :p AND lsk = :w", "g = :w",
    "pk = :p AND sk <> :v", "pk = :p AND n = :v", "pk = :p AND sk IN (:v)", "(pk = :p)",
    "pk = :p AND begins_with(lsk, :w)", "pk = :p AND sk < :v", "pk = :p AND sk >= :x",
    "size(pk) = :v", "pk = :w", "pk = :p AND pk = :p", "attribute_exists(pk)",
]
NAMES = [{"#n": "n"}, {}, {"#n": ""}, {"n": "n"}, {"#n": "n", "#unused": "x"}, {"#n": 1},
         {"#n": "pk"}, {"#n": "n", "#x": "nope"}, {"#missing": "q"}, {"#n": "sk"}]
VALUES = [
    {":v": {"N": "1"}, ":w": {"S": "a"}}, {}, {":v": {}}, {"v": {"N": "1"}}, {":v": {"N": "1"}},
    {":p": {"S": "p1"}}, {":p": {"S": "p1"}, ":v": {"N": "2"}},
    {":p": {"S": "p1"}, ":v": {"N": "1"}, ":x": {"N": "3"}},
    {":p": {"S": "p1"}, ":w": {"S": "l"}}, {":w": {"S": "g1"}}, {":v": {"N": "x"}},
    {":v": {"N": "1"}, ":w": {"S": "a"}, ":x": {"N": "1"}}, {":v": {"L": [{"S": "z"}]}},
    {":v": {"SS": ["a"]}, ":w": {"SS": ["p"]}}, {":p": {"N": "1"}}, {":v": {"NULL": True}},
]
SELECT = ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT", "BAD", ""]
CAPACITY = ["INDEXES", "TOTAL", "NONE", "BAD", ""]
RETURN_VALUES = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW", "BAD", ""]
METRICS = ["SIZE", "NONE", "BAD"]
INTEGERS = [0, 1, 2, 5, -1, 100, 101, 2147483647, 2147483648, 10 ** 12, "5", 1.5]
INDEX_NAMES = ["lsi1", "gsi1", "missing_index", "", "ab", "a" * 256, "bad index"]
ATTRIBUTE_NAMES = [["pk"], ["n", "s"], [], ["pk", "pk"], [""], ["a" * 65536], [1], "pk",
                   ["m.a"], ["x"] * 256]
OPERATORS = ["EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS",
             "BEGINS_WITH", "IN", "BETWEEN", "BAD"]
CONDITIONAL_OPERATORS = ["AND", "OR", "BAD"]


def legacy_conditions(rng):
    """A KeyConditions / QueryFilter / ScanFilter / Expected map in one of its forms."""
    name = rng.choice(["pk", "sk", "n", "s", "ss", "lsk", "nope"])
    op = rng.choice(OPERATORS)
    # No empty attribute value ({}) here: dynalite crashes on one in an Expected condition,
    # which leaves no reference answer (the empty value is tried in other members).
    args = rng.choice([[], [{"N": "1"}], [{"S": "a"}], [{"N": "1"}, {"N": "5"}],
                       [{"S": "p1"}], [{"SS": ["a"]}], [{"N": "1"}] * 3])
    condition = {"ComparisonOperator": op}
    if rng.random() < 0.85:
        condition["AttributeValueList"] = args
    return {name: condition}


def expected_map(rng):
    name = rng.choice(["pk", "n", "s", "nope"])
    form = rng.randrange(6)
    if form == 0:
        return {name: {"Exists": False}}
    if form == 1:
        return {name: {"Exists": True}}
    if form == 2:
        return {name: {"Value": rng.choice(GOOD_VALUES)}}
    if form == 3:
        return {name: {"Value": {"N": "1"}, "Exists": rng.choice([True, False])}}
    if form == 4:
        return {name: {"Value": {"N": "1"}, "ComparisonOperator": "EQ"}}
    return legacy_conditions(rng)


def attribute_updates(rng):
    name = rng.choice(["n", "s", "ss", "pk", "l", "new"])
    update = {}
    if rng.random() < 0.8:
        update["Action"] = rng.choice(["PUT", "ADD", "DELETE", "BAD"])
    if rng.random() < 0.8:
        update["Value"] = rng.choice(ATTRIBUTE_VALUES)
    return {name: update}


class Pool:
    """A member's candidate values; a callable pool draws from the random generator."""

    def __init__(self, values=None, draw=None):
        self.values = values
        self.draw = draw

    def pick(self, rng):
        if self.draw and (not self.values or rng.random() < 0.5):
            return self.draw(rng)
        return copy.deepcopy(rng.choice(self.values))


def common_members():
    return {
        "TableName": Pool(TABLE_NAMES),
        "ReturnConsumedCapacity": Pool(CAPACITY),
        "ExpressionAttributeNames": Pool(NAMES),
        "ExpressionAttributeValues": Pool(VALUES + [{":v": v} for v in BAD_VALUES[:12]]),
    }


def item_operation_members():
    members = common_members()
    members.update({
        "Key": Pool(KEYS),
        "ConditionExpression": Pool(CONDITIONS),
        "ReturnValues": Pool(RETURN_VALUES),
        "ReturnItemCollectionMetrics": Pool(METRICS),
        "Expected": Pool(draw=expected_map),
        "ConditionalOperator": Pool(CONDITIONAL_OPERATORS),
    })
    return members


def read_members():
    members = common_members()
    members.update({
        "ProjectionExpression": Pool(PROJECTIONS),
        "ConsistentRead": Pool([True, False]),
        "AttributesToGet": Pool(ATTRIBUTE_NAMES),
        "Select": Pool(SELECT),
        "Limit": Pool(INTEGERS),
        "IndexName": Pool(INDEX_NAMES),
        "FilterExpression": Pool(CONDITIONS),
        "ConditionalOperator": Pool(CONDITIONAL_OPERATORS),
    })
    return members


def key_schema_pool():
    return [
        [{"AttributeName": "id", "KeyType": "HASH"}],
        [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "r", "KeyType": "RANGE"}],
        [], [{"AttributeName": "id", "KeyType": "RANGE"}],
        [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}],
        [{"AttributeName": "id", "KeyType": "BAD"}], [{"AttributeName": "", "KeyType": "HASH"}],
        [{"AttributeName": "nope", "KeyType": "HASH"}], [{"KeyType": "HASH"}],
        [{"AttributeName": "id"}], [{"AttributeName": "id", "KeyType": "HASH"}] * 3,
        [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "r", "KeyType": "HASH"}],
    ]


def definitions_pool():
    return [
        [{"AttributeName": "id", "AttributeType": "S"}],
        [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "r", "AttributeType": "N"}],
        [], [{"AttributeName": "id", "AttributeType": "X"}],
        [{"AttributeName": "id", "AttributeType": "BOOL"}],
        [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "id", "AttributeType": "N"}],
        [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
        [{"AttributeName": "id"}], [{"AttributeType": "S"}],
        [{"AttributeName": "id", "AttributeType": "B"}, {"AttributeName": "r", "AttributeType": "S"},
         {"AttributeName": "g", "AttributeType": "S"}],
    ]


def throughput_pool():
    return [
        {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, {"ReadCapacityUnits": 0, "WriteCapacityUnits": 5},
        {"ReadCapacityUnits": 5}, {}, {"ReadCapacityUnits": -1, "WriteCapacityUnits": 1},
        {"ReadCapacityUnits": 1000000000001, "WriteCapacityUnits": 1},
        {"ReadCapacityUnits": "5", "WriteCapacityUnits": 5}, {"ReadCapacityUnits": 1.5, "WriteCapacityUnits": 1},
        {"ReadCapacityUnits": 40001, "WriteCapacityUnits": 40001},
    ]


def projection_pool():
    return [{"ProjectionType": "ALL"}, {"ProjectionType": "KEYS_ONLY"},
            {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a"]}, {"ProjectionType": "INCLUDE"},
            {"ProjectionType": "ALL", "NonKeyAttributes": ["a"]}, {}, {"ProjectionType": "BAD"},
            {"ProjectionType": "INCLUDE", "NonKeyAttributes": []},
            {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["id"]}]


def secondary_index(rng, global_index):
    index = {
        "IndexName": rng.choice(["idx1", "idx2", "ab", "", "bad idx", "idx1"]),
        "KeySchema": rng.choice([
            [{"AttributeName": "id", "KeyType": "HASH"}, {"AttributeName": "g", "KeyType": "RANGE"}],
            [{"AttributeName": "g", "KeyType": "HASH"}],
            [{"AttributeName": "r", "KeyType": "HASH"}, {"AttributeName": "g", "KeyType": "RANGE"}],
            [{"AttributeName": "id", "KeyType": "HASH"}], [],
            [{"AttributeName": "undefined", "KeyType": "HASH"}]]),
        "Projection": rng.choice(projection_pool()),
    }
    if global_index and rng.random() < 0.5:
        index["ProvisionedThroughput"] = rng.choice(throughput_pool())
    if rng.random() < 0.15:
        del index[rng.choice(list(index))]
    return index


def index_list(global_index):
    def draw(rng):
        return [secondary_index(rng, global_index) for _ in range(rng.choice([0, 1, 1, 1, 2, 6]))]
    return draw


def create_table_members():
    return {
        "TableName": Pool(TABLE_NAMES[2:]),
        "AttributeDefinitions": Pool(definitions_pool()),
        "KeySchema": Pool(key_schema_pool()),
        "ProvisionedThroughput": Pool(throughput_pool()),
        "BillingMode": Pool(["PROVISIONED", "PAY_PER_REQUEST", "BAD"]),
        "LocalSecondaryIndexes": Pool(draw=index_list(False)),
        "GlobalSecondaryIndexes": Pool(draw=index_list(True)),
        "StreamSpecification": Pool([{"StreamEnabled": False}, {"StreamEnabled": True},
                                     {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
                                     {"StreamViewType": "NEW_IMAGE"}, {}]),
        "Tags": Pool(TAG_LISTS[:4]),
    }


def arn(table):
    """Filled in per server by the runner: its TableArn of `table`."""
    return "{ARN:%s}" % table


ARNS = [arn(HASH_TABLE), arn(RANGE_TABLE), "arn:aws:dynamodb:us-east-1:000000000000:table/none",
        "", "abc", "arn:aws:dynamodb", "x" * 1284]

# A tag without a Value takes dynalite down, so there is no reference answer for it.
TAG_LISTS = [[{"Key": "k", "Value": "v"}], [], [{"Key": "", "Value": "v"}], [{"Value": "v"}],
             [{"Key": "k" * 129, "Value": "v"}], [{"Key": "k", "Value": "v" * 257}],
             [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]]


def operation_specs():
    """Operation -> (base requests, member pools)."""
    item_members = item_operation_members()
    read = read_members()
    specs = {}

    get_members = dict(read)
    get_members["Key"] = Pool(KEYS)
    specs["GetItem"] = ([
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a1"}}},
        {"TableName": RANGE_TABLE, "Key": {"pk": {"S": "p1"}, "sk": {"N": "2"}},
         "ProjectionExpression": "v, #n", "ExpressionAttributeNames": {"#n": "lsk"}},
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a2"}}, "ConsistentRead": True,
         "ReturnConsumedCapacity": "TOTAL"},
    ], get_members)

    put_members = dict(item_members)
    put_members["Item"] = Pool(ITEMS)
    put_members.pop("Key")
    specs["PutItem"] = ([
        {"TableName": HASH_TABLE, "Item": {"pk": {"S": "a5"}, "n": {"N": "3"}}},
        {"TableName": HASH_TABLE, "Item": {"pk": {"S": "a6"}, "s": {"S": "z"}},
         "ConditionExpression": "attribute_exists(pk)", "ReturnValues": "ALL_OLD"},
        {"TableName": RANGE_TABLE, "Item": {"pk": {"S": "p1"}, "sk": {"N": "3"}, "g": {"S": "g0"}},
         "ReturnConsumedCapacity": "INDEXES", "ReturnItemCollectionMetrics": "SIZE"},
    ], put_members)

    specs["DeleteItem"] = ([
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a7"}}, "ReturnValues": "ALL_OLD"},
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a8"}},
         "ConditionExpression": "n > :v", "ExpressionAttributeValues": {":v": {"N": "100"}}},
        {"TableName": RANGE_TABLE, "Key": {"pk": {"S": "p2"}, "sk": {"N": "4"}},
         "ReturnConsumedCapacity": "TOTAL"},
    ], item_members)

    update_members = dict(item_members)
    update_members.update({"UpdateExpression": Pool(UPDATES),
                           "AttributeUpdates": Pool(draw=attribute_updates)})
    specs["UpdateItem"] = ([
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a1"}}, "UpdateExpression": "SET n = :v",
         "ExpressionAttributeValues": {":v": {"N": "1"}}, "ReturnValues": "ALL_NEW"},
        {"TableName": HASH_TABLE, "Key": {"pk": {"S": "a2"}},
         "UpdateExpression": "ADD ss :w REMOVE s", "ConditionExpression": "attribute_exists(pk)",
         "ExpressionAttributeValues": {":w": {"SS": ["r"]}}, "ReturnValues": "UPDATED_OLD"},
        {"TableName": RANGE_TABLE, "Key": {"pk": {"S": "p0"}, "sk": {"N": "1"}},
         "UpdateExpression": "SET #n = :w", "ExpressionAttributeNames": {"#n": "lsk"},
         "ExpressionAttributeValues": {":w": {"S": "k"}}, "ReturnConsumedCapacity": "INDEXES"},
    ], update_members)

    query_members = dict(read)
    query_members.update({
        "KeyConditionExpression": Pool(KEY_CONDITIONS),
        "ScanIndexForward": Pool([True, False]),
        "ExclusiveStartKey": Pool(RANGE_KEYS + HASH_KEYS[:4]),
        "KeyConditions": Pool(draw=legacy_conditions),
        "QueryFilter": Pool(draw=legacy_conditions),
    })
    specs["Query"] = ([
        {"TableName": RANGE_TABLE, "KeyConditionExpression": "pk = :p",
         "ExpressionAttributeValues": {":p": {"S": "p1"}}},
        {"TableName": RANGE_TABLE, "KeyConditionExpression": "pk = :p AND sk BETWEEN :v AND :x",
         "ExpressionAttributeValues": {":p": {"S": "p1"}, ":v": {"N": "1"}, ":x": {"N": "3"}},
         "ScanIndexForward": False, "Limit": 2, "ReturnConsumedCapacity": "TOTAL"},
        {"TableName": RANGE_TABLE, "IndexName": "lsi1",
         "KeyConditionExpression": "pk = :p AND begins_with(lsk, :w)",
         "ExpressionAttributeValues": {":p": {"S": "p1"}, ":w": {"S": "l"}}},
        {"TableName": RANGE_TABLE, "IndexName": "gsi1", "KeyConditionExpression": "g = :w",
         "ExpressionAttributeValues": {":w": {"S": "g1"}}, "Select": "COUNT"},
        {"TableName": RANGE_TABLE, "KeyConditionExpression": "pk = :p",
         "FilterExpression": "v > :v", "ExpressionAttributeValues": {":p": {"S": "p2"},
                                                                     ":v": {"N": "21"}}},
    ], query_members)

    scan_members = dict(read)
    scan_members.update({
        "Segment": Pool(INTEGERS),
        "TotalSegments": Pool(INTEGERS),
        "ExclusiveStartKey": Pool(HASH_KEYS[:6] + RANGE_KEYS[:2]),
        "ScanFilter": Pool(draw=legacy_conditions),
    })
    specs["Scan"] = ([
        {"TableName": HASH_TABLE},
        {"TableName": HASH_TABLE, "FilterExpression": "n > :v",
         "ExpressionAttributeValues": {":v": {"N": "0"}}, "ReturnConsumedCapacity": "TOTAL"},
        {"TableName": RANGE_TABLE, "Limit": 4, "ProjectionExpression": "pk, v"},
        {"TableName": RANGE_TABLE, "Segment": 1, "TotalSegments": 2, "Select": "COUNT"},
        {"TableName": RANGE_TABLE, "IndexName": "gsi1"},
    ], scan_members)

    def batch_get_items(rng):
        table = rng.choice([HASH_TABLE, RANGE_TABLE, "missing_table", "", "a" * 256])
        keys = [rng.choice(KEYS) for _ in range(rng.choice([0, 1, 2, 3, 101]))]
        entry = {"Keys": keys}
        if rng.random() < 0.3:
            entry[rng.choice(["ProjectionExpression", "AttributesToGet", "ConsistentRead",
                              "ExpressionAttributeNames"])] = rng.choice(
                [PROJECTIONS[0], ["pk"], True, {"#n": "n"}, 1])
        requests = {table: entry}
        if rng.random() < 0.2:
            requests = rng.choice([{}, [], {HASH_TABLE: []}, {HASH_TABLE: {}}])
        return requests

    specs["BatchGetItem"] = ([
        {"RequestItems": {HASH_TABLE: {"Keys": [{"pk": {"S": "a1"}}, {"pk": {"S": "a2"}}]}}},
        {"RequestItems": {RANGE_TABLE: {"Keys": [{"pk": {"S": "p0"}, "sk": {"N": "0"}}],
                                        "ProjectionExpression": "v"}},
         "ReturnConsumedCapacity": "TOTAL"},
    ], {"RequestItems": Pool(draw=batch_get_items),
        "ReturnConsumedCapacity": Pool(CAPACITY)})

    def batch_write_items(rng):
        table = rng.choice([HASH_TABLE, RANGE_TABLE, "missing_table", ""])
        writes = []
        for _ in range(rng.choice([0, 1, 2, 26])):
            kind = rng.randrange(4)
            if kind == 0:
                writes.append({"PutRequest": {"Item": rng.choice(ITEMS[:16])}})
            elif kind == 1:
                writes.append({"DeleteRequest": {"Key": rng.choice(KEYS)}})
            elif kind == 2:
                writes.append(rng.choice([{}, {"PutRequest": {}}, {"DeleteRequest": {}},
                                          {"PutRequest": {"Item": {"pk": {"S": "a1"}}},
                                           "DeleteRequest": {"Key": {"pk": {"S": "a1"}}}}]))
            else:
                writes.append({"PutRequest": {"Item": {"pk": {"S": "a1"}}}})
        return {table: writes} if rng.random() > 0.1 else rng.choice([{}, {HASH_TABLE: {}}])

    specs["BatchWriteItem"] = ([
        {"RequestItems": {HASH_TABLE: [{"PutRequest": {"Item": {"pk": {"S": "b1"}}}},
                                       {"DeleteRequest": {"Key": {"pk": {"S": "a9"}}}}]}},
        {"RequestItems": {RANGE_TABLE: [{"PutRequest": {"Item": {"pk": {"S": "p3"},
                                                                 "sk": {"N": "0"}}}}]},
         "ReturnConsumedCapacity": "TOTAL", "ReturnItemCollectionMetrics": "SIZE"},
    ], {"RequestItems": Pool(draw=batch_write_items), "ReturnConsumedCapacity": Pool(CAPACITY),
        "ReturnItemCollectionMetrics": Pool(METRICS)})

    specs["CreateTable"] = ([
        {"TableName": "new_table",
         "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
         "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
         "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}},
        {"TableName": "new_table2", "BillingMode": "PAY_PER_REQUEST",
         "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                  {"AttributeName": "r", "AttributeType": "N"},
                                  {"AttributeName": "g", "AttributeType": "S"}],
         "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                       {"AttributeName": "r", "KeyType": "RANGE"}],
         "GlobalSecondaryIndexes": [{"IndexName": "idx1",
                                     "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}]},
    ], create_table_members())

    specs["DescribeTable"] = ([{"TableName": HASH_TABLE}, {"TableName": RANGE_TABLE}],
                              {"TableName": Pool(TABLE_NAMES)})
    specs["DescribeTimeToLive"] = ([{"TableName": HASH_TABLE}], {"TableName": Pool(TABLE_NAMES)})
    specs["DeleteTable"] = ([{"TableName": "missing_table"}], {"TableName": Pool(TABLE_NAMES[2:])})
    specs["ListTables"] = ([{}, {"Limit": 1}, {"ExclusiveStartTableName": HASH_TABLE}],
                           {"Limit": Pool(INTEGERS),
                            "ExclusiveStartTableName": Pool(TABLE_NAMES)})

    def gsi_updates(rng):
        update = rng.choice([
            {"Create": {"IndexName": "idx9", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"}}},
            {"Delete": {"IndexName": rng.choice(["gsi1", "nope"])}},
            {"Update": {"IndexName": "gsi1",
                        "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}},
            {}, {"Create": {}}, {"Delete": {}},
        ])
        return [update] * rng.choice([0, 1, 1, 2])

    specs["UpdateTable"] = ([
        {"TableName": "missing_table", "BillingMode": "PAY_PER_REQUEST"},
        {"TableName": HASH_TABLE},
    ], {"TableName": Pool(TABLE_NAMES),
        "ProvisionedThroughput": Pool(throughput_pool()),
        "BillingMode": Pool(["PROVISIONED", "PAY_PER_REQUEST", "BAD"]),
        "AttributeDefinitions": Pool(definitions_pool()),
        "GlobalSecondaryIndexUpdates": Pool(draw=gsi_updates)})

    specs["TagResource"] = ([{"ResourceArn": arn("missing_table"), "Tags": TAG_LISTS[0]}],
                            {"ResourceArn": Pool(ARNS), "Tags": Pool(TAG_LISTS)})
    specs["UntagResource"] = ([{"ResourceArn": arn("missing_table"), "TagKeys": ["k"]}],
                              {"ResourceArn": Pool(ARNS),
                               "TagKeys": Pool([["k"], [], [""], ["k" * 129], [1], "k"])})
    specs["ListTagsOfResource"] = ([{"ResourceArn": arn(HASH_TABLE)}],
                                   {"ResourceArn": Pool(ARNS),
                                    "NextToken": Pool(["", "abc", 1])})
    return specs


# Operations whose valid forms would change the fixture tables' definitions: their cases run
# against scratch tables instead (see `isolate`).
TABLE_CHANGING = {"CreateTable", "DeleteTable", "UpdateTable"}


def isolate(case, index):
    """Points a table-changing case at a scratch table created for it, and deletes both after."""
    op, body = case["op"], case["body"]
    scratch = "scratch_%d" % index
    cleanup_tables = []
    if op == "CreateTable" and isinstance(body, dict) and isinstance(body.get("TableName"), str):
        name = body["TableName"]
        if name in (HASH_TABLE, RANGE_TABLE):
            return case
        # A valid name gets the case's number, so that no two cases share a table; an invalid
        # one stays as it is.
        if 3 <= len(name) <= 240 and re.fullmatch(r"[a-zA-Z0-9_.-]+", name):
            body["TableName"] = "%s_%d" % (name, index)
        cleanup_tables.append(body["TableName"])
    elif op in TABLE_CHANGING and isinstance(body, dict):
        target_key = "ResourceArn" if op in ("TagResource", "UntagResource") else "TableName"
        target = body.get(target_key)
        for fixture in (HASH_TABLE, RANGE_TABLE):
            if target in (fixture, arn(fixture)):
                copy_of = next(t for t in FIXTURE_TABLES if t["TableName"] == fixture)
                definition = copy.deepcopy(copy_of)
                definition["TableName"] = scratch + "_" + fixture
                case["setup"] = [("CreateTable", definition)]
                body[target_key] = (arn(definition["TableName"]) if target_key == "ResourceArn"
                                    else definition["TableName"])
                cleanup_tables.append(definition["TableName"])
    case["cleanup"] = [("DeleteTable", {"TableName": t}) for t in cleanup_tables]
    return case


def generate(seed, count):
    """`count` cases, the same for the same seed."""
    rng = random.Random(seed)
    specs = operation_specs()
    operations = sorted(specs)
    cases = []
    for index in range(count):
        op = operations[index % len(operations)] if index < len(operations) * 3 else rng.choice(operations)
        bases, members = specs[op]
        body = copy.deepcopy(rng.choice(bases))
        mutations = rng.choices([0, 1, 2, 3], weights=[10, 55, 25, 10])[0]
        names = sorted(members)
        for _ in range(mutations):
            member = rng.choice(names)
            roll = rng.random()
            if roll < 0.15:
                body.pop(member, None)
            elif roll < 0.35:
                body[member] = copy.deepcopy(rng.choice(WRONG_TYPES))
            else:
                body[member] = members[member].pick(rng)
        body = {k: v for k, v in body.items() if v is not None or rng.random() < 0.5}
        cases.append(isolate({"op": op, "body": body}, index))
    return [c for c in cases if c["op"] not in WRITES] + [c for c in cases if c["op"] in WRITES]
