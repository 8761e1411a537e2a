"""Differential wire test: the same generated requests to dynalite and to `shardscape-cli serve`.

    wire_differential.py SHARDSCAPE_CLI DYNALITE_CLI_JS [--cases N] [--seed S]
                         [--report FILE] [--show N]

Both servers start empty on free ports; the fixture tables and items are created on both,
then every case (wire_cases.py) goes to each, and the status and body are compared after
normalising what may differ between any two servers (table ids, creation times, the account
in ARNs). A difference is explained when an entry of accepted_differences.json matches it;
the test fails on any other. The summary line:

    RESULT cases=N identical=I explained=E unexplained=U seconds=T
"""

import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "compat"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wire_cases  # noqa: E402
from serve_process import ServeProcess  # noqa: E402

AUTHORIZATION = ("AWS4-HMAC-SHA256 Credential=AKIDSHARDSCAPE/%s/us-east-1/dynamodb/aws4_request, "
                 "SignedHeaders=host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dynalite:
    def __init__(self, cli_js):
        self.cli_js = cli_js

    def __enter__(self):
        self.data = tempfile.TemporaryDirectory(prefix="shardscape-dynalite-")
        port = free_port()
        self.process = subprocess.Popen(
            ["node", self.cli_js, "--port", str(port), "--host", "127.0.0.1", "--path",
             self.data.name, "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs",
             "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "listening" not in line:
            self.process.kill()
            raise RuntimeError("dynalite did not start: %r %r" % (line, self.process.stderr.read()))
        return "http://127.0.0.1:%d" % port

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.data.cleanup()
        return False


class Client:
    """One keep-alive connection; `call` returns (status, body text)."""

    def __init__(self, url):
        host, port = url.replace("http://", "").split(":")
        self.host, self.port = host, int(port)
        self.connection = None
        self.arns = {}

    def call(self, op, body):
        text = body if isinstance(body, str) else json.dumps(self.fill_arns(body))
        date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "DynamoDB_20120810." + op,
            "X-Amz-Date": date,
            "Authorization": AUTHORIZATION % date[:8],
        }
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.connection.request("POST", "/", body=text.encode(), headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def fill_arns(self, value):
        if isinstance(value, str):
            match = re.fullmatch(r"\{ARN:(.*)\}", value)
            if match:
                return self.arn_of(match.group(1))
            return value
        if isinstance(value, list):
            return [self.fill_arns(v) for v in value]
        if isinstance(value, dict):
            return {k: self.fill_arns(v) for k, v in value.items()}
        return value

    def arn_of(self, table):
        if table not in self.arns:
            status, text = self.call("DescribeTable", {"TableName": table})
            if status == 200:
                self.arns[table] = json.loads(text)["Table"]["TableArn"]
            else:
                self.arns[table] = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table
        return self.arns[table]

    def wait_active(self, table, must=True):
        for _ in range(200):
            status, text = self.call("DescribeTable", {"TableName": table})
            if status != 200 and not must:
                return
            if status == 200 and json.loads(text)["Table"]["TableStatus"] == "ACTIVE":
                indexes = json.loads(text)["Table"].get("GlobalSecondaryIndexes", [])
                if all(i.get("IndexStatus") == "ACTIVE" for i in indexes):
                    return
            time.sleep(0.002)
        if must:
            raise RuntimeError("table %s never became ACTIVE" % table)

    def wait_gone(self, table):
        for _ in range(200):
            status, _ = self.call("DescribeTable", {"TableName": table})
            if status != 200:
                return
            time.sleep(0.002)


# Members whose values depend on the server or on the time: replaced before comparing.
VOLATILE = {"CreationDateTime", "TableId", "LastIncreaseDateTime", "LastDecreaseDateTime",
            "LastUpdateToPayPerRequestDateTime", "LatestStreamLabel"}


def normalise(value):
    if isinstance(value, dict):
        out = {}
        for key, member in value.items():
            if key in VOLATILE:
                out[key] = "<%s>" % key
            elif key in ("TableArn", "IndexArn", "LatestStreamArn", "ResourceArn") and \
                    isinstance(member, str):
                out[key] = re.sub(r"arn:aws:dynamodb:[^:]*:\d*:", "arn:aws:dynamodb:<region>:<account>:",
                                  member)
            else:
                out[key] = normalise(member)
        return out
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"arn:aws:dynamodb:[^:]*:\d*:", "arn:aws:dynamodb:<region>:<account>:", value)
    return value


def unordered(op, request, body):
    """Results whose order DynamoDB does not define are compared as sets: BatchGetItem's
    Responses, a Scan's items (in the order of a partition-key hash each server chooses) and
    a Query of an index without a sort key."""
    def sort(items):
        return sorted(items, key=lambda i: json.dumps(i, sort_keys=True))
    if not isinstance(body, dict):
        return body
    if op == "BatchGetItem" and isinstance(body.get("Responses"), dict):
        for table, items in body["Responses"].items():
            if isinstance(items, list):
                body["Responses"][table] = sort(items)
    unsorted_query = op == "Query" and isinstance(request, dict) and \
        isinstance(request.get("IndexName"), str) and \
        request["IndexName"] in wire_cases.UNSORTED_INDEXES
    if (op == "Scan" or unsorted_query) and isinstance(body.get("Items"), list):
        body["Items"] = sort(body["Items"])
    return body


def parse(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def error_summary(status, body):
    if isinstance(body, dict) and "__type" in body:
        message = body.get("message", body.get("Message", ""))
        return "%d %s: %s" % (status, body["__type"], message)
    return "%d %s" % (status, "success" if status == 200 else str(body)[:200])


def without_members(value, names):
    if isinstance(value, dict):
        return {k: without_members(v, names) for k, v in value.items() if k not in names}
    if isinstance(value, list):
        return [without_members(v, names) for v in value]
    return value


def explain_by_members(accepted, op, request_text, expected_status, actual_status, expected,
                       actual):
    """Entries naming members explain a difference confined to those members: the entries
    that apply (alone, or together), or None."""
    if expected_status != actual_status:
        return None
    expected_text = json.dumps(expected, sort_keys=True)
    applying, names = [], set()
    for entry in accepted:
        if not entry.get("members") or entry.get("operation", op) != op:
            continue
        if not entry["_request"].search(request_text) or \
                not entry["_expected"].search(expected_text):
            continue
        applying.append(entry)
        names.update(entry["members"])
        if without_members(expected, names) == without_members(actual, names):
            return applying
    return None


def load_accepted(path):
    with open(path) as f:
        entries = json.load(f)["differences"]
    for entry in entries:
        entry["_expected"] = re.compile(entry.get("dynalite", ".*"), re.S)
        entry["_actual"] = re.compile(entry.get("shardscape", ".*"), re.S)
        entry["_request"] = re.compile(entry.get("request", ".*"), re.S)
    return entries


def explain(accepted, op, request_text, expected, actual):
    for entry in accepted:
        if entry.get("members") or entry.get("operation", op) != op:
            continue
        if entry["_request"].search(request_text) and entry["_expected"].search(expected) and \
                entry["_actual"].search(actual):
            return entry
    return None


def run_case(client, case):
    """Setup, the request, cleanup: the request's (status, body)."""
    for op, body in case.get("setup", []):
        client.call(op, body)
        if op == "CreateTable":
            client.wait_active(body["TableName"])
    answer = client.call(case["op"], case["body"])
    for op, body in case.get("cleanup", []):
        client.wait_active(body["TableName"], must=False)
        client.call(op, body)
        client.wait_gone(body["TableName"])
    client.arns = {}
    return answer


def create_fixtures(clients):
    for client in clients:
        for definition in wire_cases.FIXTURE_TABLES:
            status, text = client.call("CreateTable", definition)
            if status != 200:
                raise RuntimeError("fixture table refused: " + text)
        for definition in wire_cases.FIXTURE_TABLES:
            client.wait_active(definition["TableName"])
        for table, item in wire_cases.fixture_items():
            status, text = client.call("PutItem", {"TableName": table, "Item": item})
            if status != 200:
                raise RuntimeError("fixture item refused: " + text)


def run(args):
    here = os.path.dirname(os.path.abspath(__file__))
    accepted = load_accepted(args.accepted or os.path.join(here, "accepted_differences.json"))
    cases = wire_cases.generate(args.seed, args.cases)
    started = time.time()
    results = collections.Counter()
    unexplained = []
    explained_by = collections.Counter()
    dynalite = Dynalite(args.dynalite)
    with dynalite as dynalite_url, ServeProcess(args.cli) as serve_url:
        reference, subject = Client(dynalite_url), Client(serve_url)
        create_fixtures([reference, subject])
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
        for index, case in enumerate(cases):
            request_text = json.dumps(case["body"], sort_keys=True)
            # Each server runs the case (setup, request, cleanup) on its own thread.
            runs = [pool.submit(run_case, client, case) for client in (reference, subject)]
            try:
                (expected_status, expected_text), (actual_status, actual_text) = \
                    [run.result() for run in runs]
            except (http.client.HTTPException, OSError) as error:
                crash = ""
                if dynalite.process.poll() is not None:
                    crash = "; dynalite exited: " + dynalite.process.stderr.read()[-2000:]
                raise RuntimeError("case %d (%s %s): %s%s" % (
                    index, case["op"], request_text[:2000], error, crash)) from error
            expected = unordered(case["op"], case["body"], normalise(parse(expected_text)))
            actual = unordered(case["op"], case["body"], normalise(parse(actual_text)))
            if expected_status == actual_status and expected == actual:
                results["identical"] += 1
                continue
            entries = explain_by_members(accepted, case["op"], request_text, expected_status,
                                         actual_status, expected, actual)
            if entries:
                results["explained"] += 1
                for entry in entries:
                    explained_by[entry["reason"]] += 1
                continue
            expected_line = error_summary(expected_status, expected)
            actual_line = error_summary(actual_status, actual)
            if expected_status == actual_status == 200:
                expected_line += " " + json.dumps(expected, sort_keys=True)
                actual_line += " " + json.dumps(actual, sort_keys=True)
            entry = explain(accepted, case["op"], request_text, expected_line, actual_line)
            if entry:
                results["explained"] += 1
                explained_by[entry["reason"]] += 1
                continue
            results["unexplained"] += 1
            unexplained.append({"index": index, "op": case["op"], "request": request_text,
                                "dynalite": expected_line, "shardscape": actual_line})
    seconds = time.time() - started

    groups = collections.Counter()
    for difference in unexplained:
        groups[(difference["op"], difference["dynalite"][:140])] += 1
    for (op, line), count in groups.most_common(args.show):
        print("%4d  %s  dynalite: %s" % (count, op, line))
    for difference in unexplained[:args.examples]:
        print(json.dumps(difference, indent=1))
    if args.report:
        with open(args.report, "w") as f:
            json.dump({"unexplained": unexplained, "explained": explained_by}, f, indent=1)
    for reason, count in explained_by.most_common():
        print("explained %4d: %s" % (count, reason))
    print("RESULT cases=%d identical=%d explained=%d unexplained=%d seconds=%.1f" % (
        len(cases), results["identical"], results["explained"], results["unexplained"], seconds))
    return 0 if not unexplained else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("dynalite")
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20120810)
    parser.add_argument("--accepted")
    parser.add_argument("--report")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--examples", type=int, default=3)
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
