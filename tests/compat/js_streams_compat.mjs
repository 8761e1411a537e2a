// The AWS SDK for JavaScript v3's DynamoDB Streams client (@aws-sdk/client-dynamodb-streams,
// installed with npm into the build directory by installer/setup.sh) against `shardscape-cli
// serve`: a table with a NEW_AND_OLD_IMAGES stream, a scripted mix of writes (single, batch,
// a transaction and a Time to Live delete, which serve's sweeper makes within 5 seconds),
// and the records read back in order through ListStreams, DescribeStream, GetShardIterator
// and GetRecords, with the Streams errors.
//
//   node js_streams_compat.mjs <path to shardscape-cli> <node_modules directory>
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";

const [cli, modules] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), "noop.js"));
const {
  DynamoDBClient, CreateTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand,
  DeleteItemCommand, BatchWriteItemCommand, TransactWriteItemsCommand, GetItemCommand,
  UpdateTimeToLiveCommand,
} = require("@aws-sdk/client-dynamodb");
const {
  DynamoDBStreamsClient, ListStreamsCommand, DescribeStreamCommand, GetShardIteratorCommand,
  GetRecordsCommand, ResourceNotFoundException,
} = require("@aws-sdk/client-dynamodb-streams");

let failures = 0;
async function check(label, body) {
  try {
    await body();
    console.log(`PASS ${label}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL ${label}\n  ${error.stack || error}`);
  }
}

function serve() {
  const data = mkdtempSync(join(tmpdir(), "shardscape-js-streams-"));
  const child = spawn(cli, ["serve", "--data", data, "--port", "0"]);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = / on (http:\/\/127\.0\.0\.1:\d+) /.exec(out);
      if (match) resolve({
        url: match[1],
        stop: () => new Promise((done) => {
          child.on("exit", (code) => {
            rmSync(data, { recursive: true, force: true });
            assert.equal(code, 0);
            done();
          });
          child.kill("SIGTERM");
        }),
      });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

const server = await serve();
const config = {
  endpoint: server.url, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIDSHARDSCAPE", secretAccessKey: "shardscape-secret" },
};
const ddb = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const key = (id) => ({ id: { S: id } });
let arn, label;

await check("a table created with a stream", async () => {
  await ddb.send(new CreateTableCommand({
    TableName: "Changes", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
  }));
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: "Changes" }));
  assert.deepEqual(Table.StreamSpecification,
                   { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
  arn = Table.LatestStreamArn;
  label = Table.LatestStreamLabel;
  assert.equal(arn, `arn:aws:dynamodb:ddblocal:000000000000:table/Changes/stream/${label}`);
});

const expired = { id: { S: "e" }, expires: { N: String(Math.floor(Date.now() / 1000) - 60) } };
await check("a scripted mix of writes", async () => {
  await ddb.send(new UpdateTimeToLiveCommand({
    TableName: "Changes", TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" },
  }));
  await ddb.send(new PutItemCommand({ TableName: "Changes", Item: { ...key("a"), v: { N: "1" } } }));
  await ddb.send(new UpdateItemCommand({
    TableName: "Changes", Key: key("a"), UpdateExpression: "SET v = :v",
    ExpressionAttributeValues: { ":v": { N: "2" } },
  }));
  await ddb.send(new BatchWriteItemCommand({ RequestItems: { Changes: [
    { PutRequest: { Item: key("b") } }, { PutRequest: { Item: key("c") } }] } }));
  await ddb.send(new TransactWriteItemsCommand({ TransactItems: [
    { Put: { TableName: "Changes", Item: key("d") } },
    { Update: { TableName: "Changes", Key: key("b"), UpdateExpression: "SET w = :w",
                ExpressionAttributeValues: { ":w": { S: "x" } } } },
    { Delete: { TableName: "Changes", Key: key("c") } }] }));
  await ddb.send(new PutItemCommand({ TableName: "Changes", Item: expired }));
  const deadline = Date.now() + 20000;
  for (;;) {
    const got = await ddb.send(new GetItemCommand({ TableName: "Changes", Key: key("e") }));
    if (!got.Item) break;
    assert.ok(Date.now() < deadline, "the expired item was not swept");
    await new Promise((done) => setTimeout(done, 500));
  }
  await ddb.send(new DeleteItemCommand({ TableName: "Changes", Key: key("a") }));
});

await check("the records read back in order", async () => {
  const listed = await streams.send(new ListStreamsCommand({ TableName: "Changes" }));
  assert.deepEqual(listed.Streams, [{ StreamArn: arn, TableName: "Changes", StreamLabel: label }]);
  const { StreamDescription: description } =
    await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  assert.equal(description.StreamStatus, "ENABLED");
  assert.equal(description.StreamViewType, "NEW_AND_OLD_IMAGES");
  assert.equal(description.Shards.length, 1);
  let { ShardIterator: iterator } = await streams.send(new GetShardIteratorCommand({
    StreamArn: arn, ShardId: description.Shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON",
  }));
  const records = [];
  for (let page = 0; page < 20; ++page) {
    const got = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 4 }));
    records.push(...got.Records);
    if (got.Records.length === 0) break;
    iterator = got.NextShardIterator;
  }
  assert.deepEqual(records.map((r) => [r.eventName, r.dynamodb.Keys.id.S]), [
    ["INSERT", "a"], ["MODIFY", "a"], ["INSERT", "b"], ["INSERT", "c"], ["INSERT", "d"],
    ["MODIFY", "b"], ["REMOVE", "c"], ["INSERT", "e"], ["REMOVE", "e"], ["REMOVE", "a"]]);
  const sequences = records.map((r) => r.dynamodb.SequenceNumber);
  assert.ok(sequences.every((s) => /^\d{21}$/.test(s)));
  assert.deepEqual([...sequences].sort(), sequences);
  assert.deepEqual(records[1].dynamodb.OldImage, { ...key("a"), v: { N: "1" } });
  assert.deepEqual(records[1].dynamodb.NewImage, { ...key("a"), v: { N: "2" } });
  assert.ok(records[0].dynamodb.ApproximateCreationDateTime instanceof Date);
  assert.deepEqual(records[8].userIdentity,
                   { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" });
  assert.deepEqual(records[8].dynamodb.OldImage, expired);
  assert.deepEqual(records.map((r, i) => (r.userIdentity ? i : -1)).filter((i) => i >= 0), [8]);
});

await check("a stream that does not exist", async () => {
  const missing = arn.slice(0, -23) + "2001-01-01T00:00:00.000";
  await assert.rejects(streams.send(new DescribeStreamCommand({ StreamArn: missing })), (error) => {
    assert.ok(error instanceof ResourceNotFoundException);
    assert.equal(error.message, `Requested resource not found: Stream: ${missing} not found`);
    return true;
  });
});

await server.stop();
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
