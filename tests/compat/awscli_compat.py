#!/usr/bin/python3
"""The AWS CLI (Debian's awscli, /usr/bin/aws) against `shardscape-cli serve`.

Every command's standard output is compared, whole, with what the CLI prints for DynamoDB's
response; only CreationDateTime and TableId vary and are checked by format.

    awscli_compat.py <path to shardscape-cli>
"""

import json
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, __import__("os").path.dirname(__file__))
from serve_process import ServeProcess, client_environment  # noqa: E402

AWS = "/usr/bin/aws"
failures = []


def check(label, actual, expected):
    if actual != expected:
        failures.append(label)
        print("FAIL %s\n--- expected\n%s\n--- actual\n%s" % (label, expected, actual))
    else:
        print("PASS %s" % label)


def printed(value):
    """The CLI's JSON output for a response."""
    return json.dumps(value, indent=4, ensure_ascii=False) + "\n"


def normalise(text):
    """Replaces the two values that differ per run, after checking their form."""
    text = re.sub(r'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?\+00:00"', '"<date>"', text)
    return re.sub(r'"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"', '"<uuid>"',
                  text)


def music_description(status_key, size, count):
    return {status_key: {
        "AttributeDefinitions": [
            {"AttributeName": "Artist", "AttributeType": "S"},
            {"AttributeName": "SongTitle", "AttributeType": "S"},
        ],
        "TableName": "Music",
        "KeySchema": [
            {"AttributeName": "Artist", "KeyType": "HASH"},
            {"AttributeName": "SongTitle", "KeyType": "RANGE"},
        ],
        "TableStatus": "ACTIVE",
        "CreationDateTime": "<date>",
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0, "WriteCapacityUnits": 0},
        "TableSizeBytes": size,
        "ItemCount": count,
        "TableArn": "arn:aws:dynamodb:ddblocal:000000000000:table/Music",
        "TableId": "<uuid>",
        "BillingModeSummary": {
            "BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": "<date>"},
    }}


def main(cli):
    home = tempfile.mkdtemp(prefix="shardscape-awscli-home-")
    env = client_environment(home)
    with ServeProcess(cli) as url:
        def aws(*args, status=0):
            result = subprocess.run([AWS, "dynamodb", *args, "--endpoint-url", url,
                                     "--output", "json"],
                                    env=env, capture_output=True, text=True, timeout=120)
            if result.returncode != status:
                failures.append(args[0])
                print("FAIL %s exited %d: %s" % (args[0], result.returncode, result.stderr))
            return result

        def item(artist, title, **more):
            value = {"Artist": {"S": artist}, "SongTitle": {"S": title}}
            value.update(more)
            return json.dumps(value)

        out = aws("create-table", "--table-name", "Music",
                  "--attribute-definitions", "AttributeName=Artist,AttributeType=S",
                  "AttributeName=SongTitle,AttributeType=S",
                  "--key-schema", "AttributeName=Artist,KeyType=HASH",
                  "AttributeName=SongTitle,KeyType=RANGE",
                  "--billing-mode", "PAY_PER_REQUEST").stdout
        check("create-table", normalise(out), printed(music_description("TableDescription", 0, 0)))

        check("list-tables", aws("list-tables").stdout, printed({"TableNames": ["Music"]}))

        out = aws("put-item", "--table-name", "Music", "--return-consumed-capacity", "TOTAL",
                  "--item", item("Queen", "Bohemian Rhapsody", Year={"N": "1975"},
                                 Plays={"N": "10"})).stdout
        check("put-item", out, printed({"ConsumedCapacity": {
            "TableName": "Music", "CapacityUnits": 1.0}}))
        check("put-item (no output)", aws("put-item", "--table-name", "Music", "--item",
                                          item("Queen", "Bicycle Race")).stdout, "")

        out = aws("get-item", "--table-name", "Music",
                  "--key", item("Queen", "Bohemian Rhapsody")).stdout
        check("get-item", out, printed({"Item": {
            "Artist": {"S": "Queen"}, "Plays": {"N": "10"},
            "SongTitle": {"S": "Bohemian Rhapsody"}, "Year": {"N": "1975"}}}))

        out = aws("batch-write-item", "--request-items", json.dumps({"Music": [
            {"PutRequest": {"Item": json.loads(item("Queen", "Bo Diddley"))}},
            {"PutRequest": {"Item": json.loads(item("ABBA", "Dancing Queen"))}},
            {"DeleteRequest": {"Key": json.loads(item("Queen", "Bicycle Race"))}},
        ]})).stdout
        check("batch-write-item", out, printed({"UnprocessedItems": {}}))

        out = aws("query", "--table-name", "Music",
                  "--key-condition-expression", "Artist = :a AND begins_with(SongTitle, :p)",
                  "--expression-attribute-values", '{":a":{"S":"Queen"},":p":{"S":"Bo"}}',
                  "--projection-expression", "SongTitle").stdout
        check("query", out, printed({
            "Items": [{"SongTitle": {"S": "Bo Diddley"}},
                      {"SongTitle": {"S": "Bohemian Rhapsody"}}],
            "Count": 2, "ScannedCount": 2, "ConsumedCapacity": None}))

        out = aws("update-item", "--table-name", "Music",
                  "--key", item("Queen", "Bohemian Rhapsody"),
                  "--update-expression", "SET Plays = Plays + :one REMOVE #y",
                  "--expression-attribute-names", '{"#y":"Year"}',
                  "--expression-attribute-values", '{":one":{"N":"1"}}',
                  "--return-values", "ALL_NEW").stdout
        check("update-item", out, printed({"Attributes": {
            "Artist": {"S": "Queen"}, "Plays": {"N": "11"},
            "SongTitle": {"S": "Bohemian Rhapsody"}}}))

        out = aws("delete-item", "--table-name", "Music", "--key", item("ABBA", "Dancing Queen"),
                  "--return-values", "ALL_OLD").stdout
        check("delete-item", out, printed({"Attributes": {
            "Artist": {"S": "ABBA"}, "SongTitle": {"S": "Dancing Queen"}}}))

        # Two items left: Queen/Bohemian Rhapsody (11 + 26 + Plays 7 = 44 bytes) and
        # Queen/Bo Diddley (11 + 19 = 30 bytes).
        out = aws("describe-table", "--table-name", "Music").stdout
        check("describe-table", normalise(out), printed(music_description("Table", 74, 2)))

        result = aws("put-item", "--table-name", "Music", "--item", item("Queen", "Bo Diddley"),
                     "--condition-expression", "attribute_not_exists(Artist)", status=254)
        check("conditional put-item fails", result.stderr,
              "\nAn error occurred (ConditionalCheckFailedException) when calling the PutItem "
              "operation: The conditional request failed\n")
        result = aws("describe-table", "--table-name", "Nothing", status=254)
        check("describe-table of a missing table", result.stderr,
              "\nAn error occurred (ResourceNotFoundException) when calling the DescribeTable "
              "operation: Requested resource not found: Table: Nothing not found\n")

        # PartiQL: each statement runs as the operation it stands for.
        out = aws("execute-statement", "--statement",
                  "SELECT SongTitle, Plays FROM Music WHERE Artist = ? AND SongTitle = ?",
                  "--parameters", '[{"S":"Queen"},{"S":"Bohemian Rhapsody"}]',
                  "--return-consumed-capacity", "TOTAL").stdout
        check("execute-statement SELECT by key", out, printed({
            "Items": [{"Plays": {"N": "11"}, "SongTitle": {"S": "Bohemian Rhapsody"}}],
            "ConsumedCapacity": {"TableName": "Music", "CapacityUnits": 0.5}}))
        out = aws("execute-statement", "--statement",
                  "INSERT INTO \"Music\" VALUE {'Artist': 'ABBA', 'SongTitle': 'Waterloo', "
                  "'Year': 1974}").stdout
        check("execute-statement INSERT", out, printed({"Items": []}))
        result = aws("execute-statement", "--statement",
                     "INSERT INTO Music VALUE {'Artist': 'ABBA', 'SongTitle': 'Waterloo'}",
                     status=254)
        check("execute-statement INSERT of a duplicate key", result.stderr,
              "\nAn error occurred (DuplicateItemException) when calling the ExecuteStatement "
              "operation: Duplicate primary key exists in table\n")
        out = aws("execute-statement", "--statement",
                  "UPDATE Music SET Plays = 1 REMOVE #y WHERE Artist = 'ABBA' "
                  "AND SongTitle = 'Waterloo' RETURNING ALL NEW *".replace("#y", "\"Year\"")).stdout
        check("execute-statement UPDATE RETURNING", out, printed({"Items": [{
            "Artist": {"S": "ABBA"}, "Plays": {"N": "1"}, "SongTitle": {"S": "Waterloo"}}]}))
        out = aws("execute-statement", "--statement",
                  "SELECT SongTitle FROM Music WHERE Artist = 'Queen'", "--limit", "1").stdout
        page = json.loads(out)
        check("execute-statement Query with a limit",
              [page["Items"], "NextToken" in page],
              [[{"SongTitle": {"S": "Bo Diddley"}}], True])
        out = aws("execute-statement", "--statement",
                  "SELECT SongTitle FROM Music WHERE Artist = 'Queen'", "--limit", "1",
                  "--next-token", page["NextToken"]).stdout
        check("execute-statement next page", json.loads(out)["Items"],
              [{"SongTitle": {"S": "Bohemian Rhapsody"}}])
        result = aws("execute-statement", "--statement", "SELEC * FROM Music", status=254)
        check("execute-statement malformed", result.stderr,
              "\nAn error occurred (ValidationException) when calling the ExecuteStatement "
              "operation: Statement wasn't well formed, can't be processed: Expected data "
              "manipulation\n")
        out = aws("batch-execute-statement", "--statements", json.dumps([
            {"Statement": "DELETE FROM Music WHERE Artist = 'ABBA' AND SongTitle = 'Waterloo'"},
            {"Statement": "UPDATE Music SET Plays = 1 WHERE Artist = 'X' AND SongTitle = 'Y'"},
        ])).stdout
        check("batch-execute-statement", out, printed({"Responses": [
            {"TableName": "Music"},
            {"Error": {"Code": "ConditionalCheckFailed",
                       "Message": "The conditional request failed"}, "TableName": "Music"}]}))
        out = aws("execute-transaction", "--transact-statements", json.dumps([
            {"Statement": "SELECT Plays FROM Music WHERE Artist = 'Queen' "
                          "AND SongTitle = 'Bohemian Rhapsody'"},
            {"Statement": "SELECT * FROM Music WHERE Artist = 'ABBA' AND SongTitle = 'Waterloo'"},
        ])).stdout
        check("execute-transaction reads", out, printed({"Responses": [
            {"Item": {"Plays": {"N": "11"}}}, {}]}))

    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        return 1
    print("all AWS CLI checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
