#!/usr/bin/python3
"""boto3 (Debian's python3-boto3) against `shardscape-cli serve`: the item and table
operations with whole-response assertions, a Query paginator over many pages, a conditional
put failing with ConditionalCheckFailedException, the legacy parameters (Expected,
AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, AttributesToGet), botocore's own
SigV4 signatures checked by `serve --require-credentials`, in the Authorization header and
presigned in the query string, and the table_exists/table_not_exists waiters over the states
`serve --create-table-ms/--delete-table-ms` make observable, with tags; and the
dynamodbstreams client reading a table's stream.

    boto3_compat.py <path to shardscape-cli>
"""

import datetime
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from serve_process import ServeProcess, client_environment  # noqa: E402

failures = []


def check(label, actual, expected):
    if actual != expected:
        failures.append(label)
        print("FAIL %s\n  expected %r\n  actual   %r" % (label, expected, actual))
    else:
        print("PASS %s" % label)


def body(response):
    """The response without ResponseMetadata, after checking it is DynamoDB's."""
    meta = response.pop("ResponseMetadata")
    headers = meta["HTTPHeaders"]
    ok = (meta["HTTPStatusCode"] == 200 and re.fullmatch(r"[0-9A-Z]{52}", meta["RequestId"])
          and headers["content-type"] == "application/x-amz-json-1.0"
          and headers["x-amz-crc32"].isdigit())
    if not ok:
        failures.append("response metadata")
        print("FAIL response metadata %r" % meta)
    return response


def number_size(n):
    """DynamoDB's size of a positive integer: a byte per pair of significant digits (pairs
    aligned on the decimal point), plus one."""
    digits = str(n)
    lowest = len(digits) - len(digits.rstrip("0"))  # power of ten of the last nonzero digit
    highest = len(digits) - 1
    return highest // 2 - lowest // 2 + 1 + 1


def client(url, key="AKIDSHARDSCAPE", secret="shardscape-secret"):
    import boto3
    import botocore.config
    return boto3.client("dynamodb", endpoint_url=url, region_name="eu-west-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=botocore.config.Config(retries={"max_attempts": 1}))


def error_of(call):
    import botocore.exceptions
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return (error.response["Error"]["Code"], error.response["Error"]["Message"],
                error.response["ResponseMetadata"]["HTTPStatusCode"])
    return None


def operations(url):
    ddb = client(url)
    created = body(ddb.create_table(
        TableName="Events", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "Device", "AttributeType": "S"},
                              {"AttributeName": "Seq", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "Device", "KeyType": "HASH"},
                   {"AttributeName": "Seq", "KeyType": "RANGE"}]))["TableDescription"]
    when = created.pop("CreationDateTime")
    check("CreationDateTime is an aware datetime",
          isinstance(when, datetime.datetime) and when.tzinfo is not None, True)
    check("TableId is a UUID",
          bool(re.fullmatch(r"[0-9a-f-]{36}", created.pop("TableId"))), True)
    created["BillingModeSummary"].pop("LastUpdateToPayPerRequestDateTime")
    check("create_table", created, {
        "AttributeDefinitions": [{"AttributeName": "Device", "AttributeType": "S"},
                                 {"AttributeName": "Seq", "AttributeType": "N"}],
        "TableName": "Events",
        "KeySchema": [{"AttributeName": "Device", "KeyType": "HASH"},
                      {"AttributeName": "Seq", "KeyType": "RANGE"}],
        "TableStatus": "ACTIVE",
        "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                                  "WriteCapacityUnits": 0},
        "TableSizeBytes": 0, "ItemCount": 0,
        "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/Events",
        "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"}})
    check("list_tables", body(ddb.list_tables()), {"TableNames": ["Events"]})

    def key(device, seq):
        return {"Device": {"S": device}, "Seq": {"N": str(seq)}}

    check("put_item", body(ddb.put_item(TableName="Events", Item={
        **key("d1", 1), "Celsius": {"N": "21.5"}, "Tags": {"SS": ["a", "b"]}})), {})
    check("get_item", body(ddb.get_item(TableName="Events", Key=key("d1", 1),
                                        ReturnConsumedCapacity="TOTAL")), {
        "Item": {"Device": {"S": "d1"}, "Seq": {"N": "1"}, "Tags": {"SS": ["a", "b"]},
                 "Celsius": {"N": "21.5"}},
        "ConsumedCapacity": {"TableName": "Events", "CapacityUnits": 0.5}})
    check("update_item", body(ddb.update_item(
        TableName="Events", Key=key("d1", 1), UpdateExpression="ADD Tags :t SET Celsius = :v",
        ExpressionAttributeValues={":t": {"SS": ["c"]}, ":v": {"N": "22"}},
        ReturnValues="UPDATED_NEW")), {
        "Attributes": {"Tags": {"SS": ["a", "b", "c"]}, "Celsius": {"N": "22"}}})

    # 250 items (Seq 1 to 250) under one partition key, written 25 at a time.
    for start in range(1, 251, 25):
        check("batch_write_item %d" % start, body(ddb.batch_write_item(RequestItems={"Events": [
            {"PutRequest": {"Item": {**key("d2", seq), "Pad": {"S": "x" * 100}}}}
            for seq in range(start, start + 25)]})), {"UnprocessedItems": {}})

    paginator = ddb.get_paginator("query")
    pages = list(paginator.paginate(
        TableName="Events", KeyConditionExpression="Device = :d",
        ExpressionAttributeValues={":d": {"S": "d2"}}, ProjectionExpression="Seq",
        ScanIndexForward=False, PaginationConfig={"PageSize": 7}))
    check("query pages", len(pages), 36)  # 35 full pages of 7, then 5
    check("query page sizes", [page["Count"] for page in pages], [7] * 35 + [5])
    check("query items, newest first", [int(item["Seq"]["N"]) for page in pages
                                        for item in page["Items"]], list(range(250, 0, -1)))
    check("query LastEvaluatedKey of page 1", pages[0]["LastEvaluatedKey"], key("d2", 244))
    check("query last page has no LastEvaluatedKey", "LastEvaluatedKey" in pages[-1], False)

    check("conditional put fails", error_of(lambda: ddb.put_item(
        TableName="Events", Item=key("d1", 1), ConditionExpression="attribute_not_exists(Seq)")),
        ("ConditionalCheckFailedException", "The conditional request failed", 400))
    check("the item is unchanged", body(ddb.get_item(TableName="Events", Key=key("d1", 1)))
          ["Item"]["Celsius"], {"N": "22"})
    check("delete_item", body(ddb.delete_item(TableName="Events", Key=key("d1", 1),
                                              ReturnValues="ALL_OLD"))["Attributes"]["Seq"],
          {"N": "1"})
    table = body(ddb.describe_table(TableName="Events"))["Table"]
    # Device "d2" 8 bytes, Seq 3 + the number, Pad 3 + 100.
    check("describe_table counts", (table["ItemCount"], table["TableSizeBytes"]),
          (250, sum(8 + 3 + number_size(seq) + 103 for seq in range(1, 251))))
    check("unknown table", error_of(lambda: ddb.describe_table(TableName="Nope")),
          ("ResourceNotFoundException", "Requested resource not found: Table: Nope not found",
           400))


def legacy(url):
    """The parameters older applications and object mappers send instead of expressions."""
    ddb = client(url)
    body(ddb.create_table(
        TableName="Legacy", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "Device", "AttributeType": "S"},
                              {"AttributeName": "Seq", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "Device", "KeyType": "HASH"},
                   {"AttributeName": "Seq", "KeyType": "RANGE"}]))
    for seq in range(1, 6):
        check("put_item Expected %d" % seq, body(ddb.put_item(
            TableName="Legacy", Item={"Device": {"S": "d"}, "Seq": {"N": str(seq)},
                                      "Level": {"N": str(seq * 10)}},
            Expected={"Device": {"Exists": False}})), {})
    check("put_item Expected fails", error_of(lambda: ddb.put_item(
        TableName="Legacy", Item={"Device": {"S": "d"}, "Seq": {"N": "1"}},
        Expected={"Level": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "10"}]}})),
        ("ConditionalCheckFailedException", "The conditional request failed", 400))
    check("update_item AttributeUpdates", body(ddb.update_item(
        TableName="Legacy", Key={"Device": {"S": "d"}, "Seq": {"N": "2"}},
        AttributeUpdates={"Level": {"Action": "ADD", "Value": {"N": "5"}},
                          "Tags": {"Action": "ADD", "Value": {"SS": ["x"]}}},
        Expected={"Level": {"Value": {"N": "20"}}, "Gone": {"Exists": False}},
        ReturnValues="UPDATED_NEW")), {"Attributes": {"Level": {"N": "25"}, "Tags": {"SS": ["x"]}}})
    check("query KeyConditions QueryFilter", body(ddb.query(
        TableName="Legacy", AttributesToGet=["Seq", "Level"],
        KeyConditions={"Device": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "d"}]},
                       "Seq": {"ComparisonOperator": "BETWEEN",
                               "AttributeValueList": [{"N": "2"}, {"N": "4"}]}},
        QueryFilter={"Level": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "25"}]}})),
        {"Items": [{"Seq": {"N": "2"}, "Level": {"N": "25"}}, {"Seq": {"N": "3"}, "Level": {"N": "30"}},
                   {"Seq": {"N": "4"}, "Level": {"N": "40"}}], "Count": 3, "ScannedCount": 3})
    check("scan ScanFilter OR", body(ddb.scan(
        TableName="Legacy", Select="COUNT", ConditionalOperator="OR",
        ScanFilter={"Level": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "10"}]},
                    "Tags": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "x"}]}})),
        {"Count": 2, "ScannedCount": 5})
    check("get_item AttributesToGet", body(ddb.get_item(
        TableName="Legacy", Key={"Device": {"S": "d"}, "Seq": {"N": "5"}},
        AttributesToGet=["Level"])), {"Item": {"Level": {"N": "50"}}})
    check("legacy beside an expression", error_of(lambda: ddb.scan(
        TableName="Legacy", ScanFilter={"Level": {"ComparisonOperator": "NOT_NULL"}},
        FilterExpression="attribute_exists(Tags)")),
        ("ValidationException", "Can not use both expression and non-expression parameters in "
         "the same request: Non-expression parameters: {ScanFilter} Expression parameters: "
         "{FilterExpression}", 400))


def signatures(url):
    good = client(url)
    check("signed with the required key", body(good.list_tables()), {"TableNames": []})
    check("unknown key id", error_of(lambda: client(url, key="AKIDOTHER").list_tables()),
          ("UnrecognizedClientException", "The security token included in the request is invalid.",
           400))
    code, message, status = error_of(lambda: client(url, secret="wrong").list_tables())
    check("wrong secret", (code, status), ("InvalidSignatureException", 400))
    check("wrong secret message", message.startswith(
        "The request signature we calculated does not match the signature you provided. "
        "Check your AWS Secret Access Key and signing method. Consult the service "
        "documentation for details."), True)


def presigned(url, secret="shardscape-secret"):
    """A ListTables presigned by botocore's own SigV4QueryAuth (the signature in the query
    string) and sent with urllib: (status, body)."""
    import urllib.error
    import urllib.request
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=url + "/", data=b"{}",
        headers={"X-Amz-Target": "DynamoDB_20120810.ListTables",
                 "Content-Type": "application/x-amz-json-1.0"})
    credentials = botocore.credentials.Credentials("AKIDSHARDSCAPE", secret)
    botocore.auth.SigV4QueryAuth(credentials, "dynamodb", "eu-west-1", expires=300).add_auth(
        request)
    prepared = request.prepare()
    payload = prepared.body if isinstance(prepared.body, bytes) else prepared.body.encode()
    sent = urllib.request.Request(prepared.url, data=payload, method="POST",
                                  headers=dict(prepared.headers))
    try:
        with urllib.request.urlopen(sent) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def presigned_requests(url):
    # botocore's query-string signer moves a POST body into the query string (as the Query
    # protocol wants), so a presigned DynamoDB request arrives with an empty body: its
    # signature verifies, and the empty body is then a SerializationException, as DynamoDB
    # answers it.
    status, text = presigned(url)
    check("presigned by botocore", (status, text),
          (400, '{"__type":"com.amazon.coral.service#SerializationException"}'))
    status, text = presigned(url, secret="wrong")
    check("presigned with the wrong secret", (status, '#InvalidSignatureException"' in text and
                                              "X-Amz-Expires=300" in text), (400, True))


def lifecycle(url):
    """boto3's waiters over the states `serve --create-table-ms/--delete-table-ms` make
    observable, and tags on the table meanwhile."""
    c = client(url)
    created = c.create_table(
        TableName="Waited", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        Tags=[{"Key": "team", "Value": "data"}])
    check("created CREATING", created["TableDescription"]["TableStatus"], "CREATING")
    check("item write while CREATING",
          error_of(lambda: c.put_item(TableName="Waited", Item={"id": {"S": "a"}})),
          ("ResourceNotFoundException", "Requested resource not found", 400))
    c.get_waiter("table_exists").wait(TableName="Waited",
                                      WaiterConfig={"Delay": 1, "MaxAttempts": 20})
    check("ACTIVE after the waiter",
          c.describe_table(TableName="Waited")["Table"]["TableStatus"], "ACTIVE")
    arn = created["TableDescription"]["TableArn"]
    c.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}])
    check("tags", body(c.list_tags_of_resource(ResourceArn=arn)),
          {"Tags": [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "data"}]})
    c.untag_resource(ResourceArn=arn, TagKeys=["team"])
    check("untagged", body(c.list_tags_of_resource(ResourceArn=arn)),
          {"Tags": [{"Key": "env", "Value": "test"}]})
    deleted = c.delete_table(TableName="Waited")
    check("deleted DELETING", deleted["TableDescription"]["TableStatus"], "DELETING")
    check("delete while DELETING", error_of(lambda: c.delete_table(TableName="Waited")),
          ("ResourceInUseException",
           "Attempt to change a resource which is still in use: Table is being deleted: Waited",
           400))
    c.get_waiter("table_not_exists").wait(TableName="Waited",
                                          WaiterConfig={"Delay": 1, "MaxAttempts": 20})
    check("gone after the waiter", body(c.list_tables()), {"TableNames": []})


def partiql(url):
    """ExecuteStatement, BatchExecuteStatement and ExecuteTransaction through boto3."""
    ddb = client(url)
    body(ddb.create_table(
        TableName="Songs", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                              {"AttributeName": "Track", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                   {"AttributeName": "Track", "KeyType": "RANGE"}]))
    inserts = [{"Statement": "INSERT INTO Songs VALUE {'Artist': ?, 'Track': ?, 'Len': ?}",
                "Parameters": [{"S": "Band"}, {"N": str(n)}, {"N": str(100 + n)}]}
               for n in range(1, 11)]
    check("batch_execute_statement inserts",
          body(ddb.batch_execute_statement(Statements=inserts))["Responses"],
          [{"TableName": "Songs"}] * 10)
    tracks, token, pages = [], None, 0
    while True:
        args = {"Statement": "SELECT Track FROM Songs WHERE Artist = 'Band' AND Len > 102",
                "Limit": 4}
        if token:
            args["NextToken"] = token
        page = body(ddb.execute_statement(**args))
        pages += 1
        tracks += [int(item["Track"]["N"]) for item in page["Items"]]
        token = page.get("NextToken")
        if not token or pages > 10:
            break
    check("execute_statement pages", (pages, tracks), (3, [3, 4, 5, 6, 7, 8, 9, 10]))
    check("execute_statement capacity", body(ddb.execute_statement(
        Statement="SELECT * FROM Songs WHERE Artist = 'Band' AND Track = 1",
        ConsistentRead=True, ReturnConsumedCapacity="TOTAL")),
        {"Items": [{"Artist": {"S": "Band"}, "Track": {"N": "1"}, "Len": {"N": "101"}}],
         "ConsumedCapacity": {"TableName": "Songs", "CapacityUnits": 1.0}})
    check("execute_statement duplicate", error_of(lambda: ddb.execute_statement(
        Statement="INSERT INTO Songs VALUE {'Artist': 'Band', 'Track': 1}")),
        ("DuplicateItemException", "Duplicate primary key exists in table", 400))
    import botocore.exceptions
    try:
        ddb.execute_transaction(TransactStatements=[
            {"Statement": "UPDATE Songs SET Len = 1 WHERE Artist = 'Band' AND Track = 2"},
            {"Statement": "UPDATE Songs SET Len = 1 WHERE Artist = 'Band' AND Track = 99"}])
        reasons = None
    except botocore.exceptions.ClientError as error:
        reasons = (error.response["Error"]["Code"], error.response.get("CancellationReasons"))
    check("execute_transaction cancelled", reasons, ("TransactionCanceledException", [
        {"Code": "None"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}]))
    check("execute_transaction left the item", body(ddb.execute_statement(
        Statement="SELECT Len FROM Songs WHERE Artist = 'Band' AND Track = 2"))["Items"],
        [{"Len": {"N": "102"}}])


def streams(url):
    """boto3's dynamodbstreams client reads back, in order, the records of a scripted mix of
    writes: single, batch, a transaction and a Time to Live delete (serve's sweeper runs every
    5 seconds)."""
    import time
    import boto3
    import botocore.config
    ddb = client(url)
    ddb.create_table(
        TableName="Changes", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    table = ddb.describe_table(TableName="Changes")["Table"]
    check("stream specification", table["StreamSpecification"],
          {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    arn = table["LatestStreamArn"]
    check("stream arn", re.fullmatch(
        r"arn:aws:dynamodb:ddblocal:000000000000:table/Changes/stream/"
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", arn) is not None, True)
    check("stream label", arn.endswith("/stream/" + table["LatestStreamLabel"]), True)
    ddb.update_time_to_live(TableName="Changes", TimeToLiveSpecification={
        "Enabled": True, "AttributeName": "expires"})

    def key(name):
        return {"id": {"S": name}}
    ddb.put_item(TableName="Changes", Item={"id": {"S": "a"}, "v": {"N": "1"}})
    ddb.put_item(TableName="Changes", Item={"id": {"S": "a"}, "v": {"N": "1"}})  # no change
    ddb.update_item(TableName="Changes", Key=key("a"), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"N": "2"}})
    ddb.delete_item(TableName="Changes", Key=key("missing"))  # deletes nothing
    ddb.batch_write_item(RequestItems={"Changes": [
        {"PutRequest": {"Item": {"id": {"S": "b"}}}},
        {"PutRequest": {"Item": {"id": {"S": "c"}}}}]})
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": "Changes", "Item": {"id": {"S": "d"}}}},
        {"Update": {"TableName": "Changes", "Key": key("b"), "UpdateExpression": "SET w = :w",
                    "ExpressionAttributeValues": {":w": {"S": "x"}}}},
        {"Delete": {"TableName": "Changes", "Key": key("c")}}])
    expired = {"id": {"S": "e"}, "expires": {"N": str(int(time.time()) - 60)}}
    ddb.put_item(TableName="Changes", Item=expired)
    deadline = time.time() + 20
    while "Item" in ddb.get_item(TableName="Changes", Key=key("e")) and time.time() < deadline:
        time.sleep(0.5)
    check("expired item swept", "Item" in ddb.get_item(TableName="Changes", Key=key("e")), False)
    ddb.delete_item(TableName="Changes", Key=key("a"))

    streams_client = boto3.client(
        "dynamodbstreams", endpoint_url=url, region_name="eu-west-1",
        aws_access_key_id="AKIDSHARDSCAPE", aws_secret_access_key="shardscape-secret",
        config=botocore.config.Config(retries={"max_attempts": 1}))
    check("list_streams", body(streams_client.list_streams(TableName="Changes")),
          {"Streams": [{"StreamArn": arn, "TableName": "Changes",
                        "StreamLabel": table["LatestStreamLabel"]}]})
    description = body(streams_client.describe_stream(StreamArn=arn))["StreamDescription"]
    check("describe_stream", {k: description[k] for k in
                              ("StreamStatus", "StreamViewType", "TableName", "KeySchema")},
          {"StreamStatus": "ENABLED", "StreamViewType": "NEW_AND_OLD_IMAGES",
           "TableName": "Changes", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})
    check("one open shard", [("EndingSequenceNumber" in s["SequenceNumberRange"])
                             for s in description["Shards"]], [False])
    iterator = streams_client.get_shard_iterator(
        StreamArn=arn, ShardId=description["Shards"][0]["ShardId"],
        ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = []
    for _ in range(20):
        page = streams_client.get_records(ShardIterator=iterator, Limit=3)
        records.extend(page["Records"])
        if not page["Records"]:
            break
        iterator = page["NextShardIterator"]
    check("records in order", [(r["eventName"], r["dynamodb"]["Keys"]["id"]["S"]) for r in records],
          [("INSERT", "a"), ("MODIFY", "a"), ("INSERT", "b"), ("INSERT", "c"), ("INSERT", "d"),
           ("MODIFY", "b"), ("REMOVE", "c"), ("INSERT", "e"), ("REMOVE", "e"), ("REMOVE", "a")])
    sequences = [r["dynamodb"]["SequenceNumber"] for r in records]
    check("sequence numbers", all(len(n) == 21 and n.isdigit() for n in sequences)
          and sequences == sorted(sequences) and len(set(sequences)) == len(sequences), True)
    check("modify images", (records[1]["dynamodb"]["OldImage"], records[1]["dynamodb"]["NewImage"]),
          ({"id": {"S": "a"}, "v": {"N": "1"}}, {"id": {"S": "a"}, "v": {"N": "2"}}))
    check("record envelope", {k: records[0][k] for k in
                              ("eventVersion", "eventSource", "awsRegion")},
          {"eventVersion": "1.1", "eventSource": "aws:dynamodb", "awsRegion": "ddblocal"})
    check("Time to Live delete", (records[8].get("userIdentity"),
                                  records[8]["dynamodb"]["OldImage"]),
          ({"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"}, expired))
    check("others have no userIdentity",
          [i for i, r in enumerate(records) if "userIdentity" in r], [8])
    missing = arn[:-23] + "2001-01-01T00:00:00.000"
    check("missing stream", error_of(lambda: streams_client.describe_stream(StreamArn=missing)),
          ("ResourceNotFoundException",
           "Requested resource not found: Stream: %s not found" % missing, 400))
    check("bad iterator", error_of(lambda: streams_client.get_records(ShardIterator="bogus")),
          ("ValidationException", "Invalid ShardIterator", 400))


def main(cli):
    home = tempfile.mkdtemp(prefix="shardscape-boto3-home-")
    os.environ.clear()
    os.environ.update(client_environment(home))
    with ServeProcess(cli) as url:
        operations(url)
        legacy(url)
        partiql(url)
        streams(url)
    with ServeProcess(cli, ["--require-credentials", "AKIDSHARDSCAPE:shardscape-secret"]) as url:
        signatures(url)
        presigned_requests(url)
    with ServeProcess(cli, ["--create-table-ms", "1500", "--delete-table-ms", "1500"]) as url:
        lifecycle(url)
    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    print("all boto3 checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
