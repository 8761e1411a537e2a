// The AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb, installed with npm into the build
// directory by installer/setup.sh) against `shardscape-cli serve` on a free port: table and
// item operations with whole-response assertions, a Query paginator over several pages, a
// conditional put failing with ConditionalCheckFailedException, PartiQL statements (paging,
// DuplicateItemException, a batch, a cancelled transaction), and the SDK's own SigV4
// signatures checked by `serve --require-credentials`, in the Authorization header and
// presigned in the query string.
//
//   node js_sdk_compat.mjs <path to shardscape-cli> <node_modules directory>
import { spawn } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";

const [cli, modules] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), "noop.js"));
const {
  DynamoDBClient, CreateTableCommand, ListTablesCommand, PutItemCommand, GetItemCommand,
  QueryCommand, UpdateItemCommand, DeleteItemCommand, BatchWriteItemCommand,
  DescribeTableCommand, paginateQuery, ConditionalCheckFailedException,
  ExecuteStatementCommand, BatchExecuteStatementCommand, ExecuteTransactionCommand,
  DuplicateItemException, TransactionCanceledException,
} = require("@aws-sdk/client-dynamodb");

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

// Starts serve and resolves with its URL; `stop` sends SIGTERM and checks a clean exit.
function serve(extra = []) {
  const data = mkdtempSync(join(tmpdir(), "shardscape-js-"));
  const child = spawn(cli, ["serve", "--data", data, "--port", "0", ...extra]);
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
            assert.ok(out.endsWith("Stopped; data directory closed\n"), out);
            done();
          });
          child.kill("SIGTERM");
        }),
      });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

const credentials = { accessKeyId: "AKIDSHARDSCAPE", secretAccessKey: "shardscape-secret" };
const client = (url, creds = credentials) =>
  new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: creds, maxAttempts: 1 });
const body = ({ $metadata, ...rest }) => {
  assert.equal($metadata.httpStatusCode, 200);
  assert.match($metadata.requestId, /^[0-9A-Z]{52}$/);
  return rest;
};

const server = await serve(["--require-credentials", "AKIDSHARDSCAPE:shardscape-secret"]);
const ddb = client(server.url);

await check("create-table and list-tables", async () => {
  const created = body(await ddb.send(new CreateTableCommand({
    TableName: "Music", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "Artist", AttributeType: "S" },
                           { AttributeName: "Song", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "Artist", KeyType: "HASH" },
                { AttributeName: "Song", KeyType: "RANGE" }],
  })));
  assert.equal(created.TableDescription.TableStatus, "ACTIVE");
  assert.ok(created.TableDescription.CreationDateTime instanceof Date);
  assert.deepEqual(body(await ddb.send(new ListTablesCommand({}))), { TableNames: ["Music"] });
});

await check("put-item, get-item, update-item, delete-item", async () => {
  body(await ddb.send(new PutItemCommand({
    TableName: "Music",
    Item: { Artist: { S: "Queen" }, Song: { S: "Bohemian Rhapsody" }, Year: { N: "1975" } },
  })));
  assert.deepEqual(body(await ddb.send(new GetItemCommand({
    TableName: "Music", Key: { Artist: { S: "Queen" }, Song: { S: "Bohemian Rhapsody" } },
  }))), { Item: { Artist: { S: "Queen" }, Song: { S: "Bohemian Rhapsody" }, Year: { N: "1975" } } });
  assert.deepEqual(body(await ddb.send(new UpdateItemCommand({
    TableName: "Music", Key: { Artist: { S: "Queen" }, Song: { S: "Bohemian Rhapsody" } },
    UpdateExpression: "SET Plays = :p", ExpressionAttributeValues: { ":p": { N: "5" } },
    ReturnValues: "UPDATED_NEW",
  }))), { Attributes: { Plays: { N: "5" } } });
  assert.deepEqual(body(await ddb.send(new DeleteItemCommand({
    TableName: "Music", Key: { Artist: { S: "Queen" }, Song: { S: "Bohemian Rhapsody" } },
    ReturnValues: "ALL_OLD",
  }))).Attributes.Plays, { N: "5" });
});

await check("batch-write-item and a Query paginator over several pages", async () => {
  for (let start = 0; start < 50; start += 25) {
    const requests = [];
    for (let i = start; i < start + 25; i++)
      requests.push({ PutRequest: { Item: { Artist: { S: "Acme" },
                                            Song: { S: `song${String(i).padStart(3, "0")}` } } } });
    assert.deepEqual(body(await ddb.send(new BatchWriteItemCommand({
      RequestItems: { Music: requests } }))), { UnprocessedItems: {} });
  }
  const songs = [];
  let pages = 0;
  for await (const page of paginateQuery({ client: ddb, pageSize: 7 }, {
    TableName: "Music", KeyConditionExpression: "Artist = :a",
    ExpressionAttributeValues: { ":a": { S: "Acme" } },
  })) {
    pages += 1;
    for (const item of page.Items) songs.push(item.Song.S);
  }
  assert.equal(songs.length, 50);
  assert.equal(songs[0], "song000");
  assert.equal(songs[49], "song049");
  assert.equal(pages, 8);  // 7 full pages and a last one of 1
});

await check("conditional put fails with ConditionalCheckFailedException", async () => {
  await assert.rejects(ddb.send(new PutItemCommand({
    TableName: "Music", Item: { Artist: { S: "Acme" }, Song: { S: "song001" } },
    ConditionExpression: "attribute_not_exists(Artist)",
  })), (error) => {
    assert.ok(error instanceof ConditionalCheckFailedException);
    assert.equal(error.message, "The conditional request failed");
    assert.equal(error.$metadata.httpStatusCode, 400);
    return true;
  });
});

await check("describe-table", async () => {
  const table = body(await ddb.send(new DescribeTableCommand({ TableName: "Music" }))).Table;
  assert.equal(table.ItemCount, 50);
  assert.deepEqual(table.BillingModeSummary.BillingMode, "PAY_PER_REQUEST");
});

await check("PartiQL: ExecuteStatement, BatchExecuteStatement, ExecuteTransaction", async () => {
  assert.deepEqual(body(await ddb.send(new ExecuteStatementCommand({
    Statement: "INSERT INTO Music VALUE {'Artist': ?, 'Song': 'Waterloo', 'Year': 1974}",
    Parameters: [{ S: "ABBA" }], ReturnConsumedCapacity: "TOTAL",
  }))), { Items: [], ConsumedCapacity: { TableName: "Music", CapacityUnits: 1 } });
  assert.deepEqual(body(await ddb.send(new ExecuteStatementCommand({
    Statement: "SELECT Year FROM Music WHERE Artist = 'ABBA' AND Song = 'Waterloo'",
  }))), { Items: [{ Year: { N: "1974" } }] });
  await assert.rejects(ddb.send(new ExecuteStatementCommand({
    Statement: "INSERT INTO Music VALUE {'Artist': 'ABBA', 'Song': 'Waterloo'}",
  })), (error) => {
    assert.ok(error instanceof DuplicateItemException);
    assert.equal(error.message, "Duplicate primary key exists in table");
    return true;
  });
  const songs = [];
  let token;
  do {
    const page = body(await ddb.send(new ExecuteStatementCommand({
      Statement: "SELECT Song FROM Music WHERE Artist = 'Acme' AND begins_with(Song, 'song01')",
      Limit: 4, NextToken: token,
    })));
    for (const item of page.Items) songs.push(item.Song.S);
    token = page.NextToken;
  } while (token);
  assert.equal(songs.length, 10);
  assert.equal(songs[9], "song019");
  assert.deepEqual(body(await ddb.send(new BatchExecuteStatementCommand({ Statements: [
    { Statement: "SELECT Year FROM Music WHERE Artist = 'ABBA' AND Song = 'Waterloo'" },
    { Statement: "SELECT * FROM Music WHERE Artist = 'ABBA'" },
  ] }))).Responses, [
    { TableName: "Music", Item: { Year: { N: "1974" } } },
    { TableName: "Music", Error: { Code: "ValidationError", Message:
      "Select statements within BatchExecuteStatement must specify the primary key in the where clause." } },
  ]);
  await assert.rejects(ddb.send(new ExecuteTransactionCommand({ TransactStatements: [
    { Statement: "DELETE FROM Music WHERE Artist = 'ABBA' AND Song = 'Waterloo'" },
    { Statement: "INSERT INTO Music VALUE {'Artist': 'Acme', 'Song': 'song001'}" },
  ] })), (error) => {
    assert.ok(error instanceof TransactionCanceledException);
    assert.deepEqual(error.CancellationReasons, [
      { Code: "None" },
      { Code: "DuplicateItem", Message: "Duplicate primary key exists in table" }]);
    return true;
  });
});

await check("a wrong secret is refused with the SDK's own signature", async () => {
  await assert.rejects(client(server.url, { ...credentials, secretAccessKey: "wrong" })
    .send(new ListTablesCommand({})), (error) => {
      assert.equal(error.name, "InvalidSignatureException");
      return true;
    });
});

// A request presigned by the SDK's own signer (@smithy/signature-v4): the signature in the
// query string, the body's SHA-256 signed. node:crypto gives it SHA-256 and HMAC.
class NodeSha256 {
  constructor(secret) {
    this.hash = secret ? createHmac("sha256", secret) : createHash("sha256");
  }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}
async function presigned(creds, body) {
  const { SignatureV4 } = require("@smithy/signature-v4");
  const signer = new SignatureV4({ credentials: creds, region: "us-east-1", service: "dynamodb",
                                   sha256: NodeSha256 });
  const url = new URL(server.url);
  const headers = { "content-type": "application/x-amz-json-1.0",
                    "x-amz-target": "DynamoDB_20120810.ListTables" };
  const request = await signer.presign({
    method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: "/",
    query: {}, headers: { ...headers, host: url.host }, body,
  }, { expiresIn: 300 });
  assert.ok(request.query["X-Amz-Signature"]);
  const response = await fetch(`${server.url}/?${new URLSearchParams(request.query)}`,
                               { method: "POST", headers, body });
  return [response.status, await response.text()];
}

await check("a request presigned by the SDK's signer", async () => {
  assert.deepEqual(await presigned(credentials, '{"Limit":1}'),
                   [200, '{"TableNames":["Music"]}']);
  const [status, text] = await presigned({ ...credentials, secretAccessKey: "wrong" }, "{}");
  assert.equal(status, 400);
  assert.match(text, /#InvalidSignatureException".*X-Amz-Expires=300/);
});

await server.stop();
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
