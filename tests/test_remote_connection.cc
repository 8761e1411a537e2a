// Remote connection profiles: credentials and region resolved from the environment and from
// ~/.aws/credentials and ~/.aws/config in a temporary HOME, endpoint URLs, the client's SigV4
// signing (checked by the endpoint's verifier and against a hand-computed signature), and
// how remote error bodies become errors.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "protocol/request_authenticator.h"
#include "protocol/sigv4.h"
#include "remote/aws_shared_config.h"
#include "remote/connection_profile.h"
#include "remote/dynamodb_client.h"

using namespace shardscape;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

ResolvedConnection resolved(const ConnectionProfile& profile, const AwsEnvironment& env) {
    auto result = resolveConnection(profile, env);
    if (!result) qWarning("%s", result.error().message.c_str());
    return result ? *result : ResolvedConnection{};
}

}  // namespace

class RemoteConnectionTest : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void parsesIniFiles();
    void environmentCredentialsComeFirst();
    void sharedProfiles();
    void configProfileSectionsAndRegion();
    void missingProfileAndCredentials();
    void typedCredentials();
    void sharedFileVariables();
    void endpointUrls();
    void signedRequestsVerify();
    void signatureMatchesHandComputation();
    void remoteErrors();

  private:
    QTemporaryDir home_;
    AwsEnvironment env_;
};

void RemoteConnectionTest::init() {
    QVERIFY(home_.isValid());
    env_ = AwsEnvironment{};
    env_.home = home_.path().toStdString();
    writeFile(home_.filePath(".aws/credentials"),
              "[default]\n"
              "aws_access_key_id = DEFAULTKEY\n"
              "aws_secret_access_key = defaultsecret\n"
              "\n# a comment\n"
              "[work]\n"
              "aws_access_key_id=WORKKEY\n"
              "aws_secret_access_key=worksecret\n"
              "aws_session_token = worktoken\n");
    writeFile(home_.filePath(".aws/config"),
              "[default]\n"
              "region = eu-west-1\n"
              "[profile work]\n"
              "region = ap-southeast-2\n"
              "s3 =\n"
              "  max_concurrent_requests = 10\n"
              "[profile onlyconfig]\n"
              "aws_access_key_id = CONFIGKEY\n"
              "aws_secret_access_key = configsecret\n");
}

void RemoteConnectionTest::parsesIniFiles() {
    const IniFile ini = parseIni("; top\n[a]\nx = 1\n  y = 2\n[ profile b ]\nz=3\n");
    QCOMPARE(ini.at("a").at("x"), std::string("1\ny = 2"));
    QCOMPARE(configProfile(ini, "b")->at("z"), std::string("3"));
    QVERIFY(!configProfile(ini, "a"));
}

void RemoteConnectionTest::environmentCredentialsComeFirst() {
    env_.variables = {{"AWS_ACCESS_KEY_ID", "ENVKEY"},
                      {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                      {"AWS_SESSION_TOKEN", "envtoken"}};
    ConnectionProfile profile;
    profile.endpointUrl = "http://127.0.0.1:8000";
    const ResolvedConnection r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("ENVKEY"));
    QCOMPARE(r.credentials.secretAccessKey, std::string("envsecret"));
    QCOMPARE(r.credentials.sessionToken, std::string("envtoken"));
    QCOMPARE(r.credentialOrigin, std::string("environment"));
    QCOMPARE(r.region, std::string("eu-west-1"));  // the default profile's
    QCOMPARE(r.endpointUrl, std::string("http://127.0.0.1:8000"));
    env_.variables["AWS_REGION"] = "us-west-2";
    QCOMPARE(resolved(profile, env_).region, std::string("us-west-2"));
    profile.region = "sa-east-1";
    QCOMPARE(resolved(profile, env_).region, std::string("sa-east-1"));
}

void RemoteConnectionTest::sharedProfiles() {
    ConnectionProfile profile;  // Default source, no environment keys: the default profile
    profile.endpointUrl = "http://localhost:8000";
    ResolvedConnection r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("DEFAULTKEY"));
    QCOMPARE(r.credentials.sessionToken, std::string());
    QVERIFY(QString::fromStdString(r.credentialOrigin).startsWith("profile default ("));

    env_.variables["AWS_PROFILE"] = "work";
    r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("WORKKEY"));
    QCOMPARE(r.credentials.secretAccessKey, std::string("worksecret"));
    QCOMPARE(r.credentials.sessionToken, std::string("worktoken"));
    QCOMPARE(r.region, std::string("ap-southeast-2"));

    // An explicit profile wins over AWS_PROFILE and over environment keys.
    env_.variables["AWS_ACCESS_KEY_ID"] = "ENVKEY";
    env_.variables["AWS_SECRET_ACCESS_KEY"] = "envsecret";
    profile.source = CredentialSource::SharedProfile;
    profile.awsProfile = "default";
    r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("DEFAULTKEY"));
    QCOMPARE(r.region, std::string("eu-west-1"));
}

void RemoteConnectionTest::configProfileSectionsAndRegion() {
    ConnectionProfile profile;
    profile.source = CredentialSource::SharedProfile;
    profile.awsProfile = "onlyconfig";
    // Keys from [profile onlyconfig] in the config file; no region anywhere → no endpoint.
    auto failed = resolveConnection(profile, env_);
    QVERIFY(!failed);
    QCOMPARE(failed.error().message, std::string("You must specify a region or an endpoint URL."));
    profile.region = "eu-central-1";
    const ResolvedConnection withRegion = resolved(profile, env_);
    QCOMPARE(withRegion.credentials.accessKeyId, std::string("CONFIGKEY"));
    QCOMPARE(withRegion.endpointUrl, std::string("https://dynamodb.eu-central-1.amazonaws.com"));

    // The work profile's region gives the regional endpoint.
    profile.region.clear();
    profile.awsProfile = "work";
    QCOMPARE(resolved(profile, env_).endpointUrl,
             std::string("https://dynamodb.ap-southeast-2.amazonaws.com"));
}

void RemoteConnectionTest::missingProfileAndCredentials() {
    ConnectionProfile profile;
    profile.endpointUrl = "http://localhost:8000";
    profile.source = CredentialSource::SharedProfile;
    profile.awsProfile = "nope";
    auto r = resolveConnection(profile, env_);
    QVERIFY(!r);
    QCOMPARE(r.error().message, std::string("The config profile (nope) could not be found"));

    env_.home = "/nonexistent-home";
    profile.source = CredentialSource::Default;
    profile.awsProfile.clear();
    r = resolveConnection(profile, env_);
    QVERIFY(!r);
    QCOMPARE(r.error().message,
             std::string("Unable to locate credentials. You can configure credentials by "
                         "running \"aws configure\"."));
    // With an endpoint and no region anywhere, requests are signed for us-east-1.
    env_.variables = {{"AWS_ACCESS_KEY_ID", "K"}, {"AWS_SECRET_ACCESS_KEY", "S"}};
    QCOMPARE(resolved(profile, env_).region, std::string("us-east-1"));
}

void RemoteConnectionTest::typedCredentials() {
    ConnectionProfile profile;
    profile.endpointUrl = "http://localhost:8000";
    profile.source = CredentialSource::Typed;
    QVERIFY(!resolveConnection(profile, env_));
    profile.typed = {"TYPED", "typedsecret", {}};
    const ResolvedConnection r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("TYPED"));
    QCOMPARE(r.credentialOrigin, std::string("typed in"));
}

void RemoteConnectionTest::sharedFileVariables() {
    writeFile(home_.filePath("elsewhere/creds"),
              "[default]\naws_access_key_id=MOVED\n"
              "aws_secret_access_key=moved\n");
    env_.variables["AWS_SHARED_CREDENTIALS_FILE"] = home_.filePath("elsewhere/creds").toStdString();
    env_.variables["AWS_CONFIG_FILE"] = home_.filePath("elsewhere/none").toStdString();
    ConnectionProfile profile;
    profile.endpointUrl = "http://localhost:1";
    const ResolvedConnection r = resolved(profile, env_);
    QCOMPARE(r.credentials.accessKeyId, std::string("MOVED"));
    QCOMPARE(r.region, std::string("us-east-1"));  // the moved config file has none
}

void RemoteConnectionTest::endpointUrls() {
    auto url = parseEndpointUrl("http://localhost:8000");
    QVERIFY(url);
    QCOMPARE(url->host, std::string("localhost"));
    QCOMPARE(url->port, 8000);
    QCOMPARE(url->path, std::string("/"));
    QCOMPARE(url->hostHeader(), std::string("localhost:8000"));
    url = parseEndpointUrl("HTTPS://dynamodb.eu-west-1.amazonaws.com");
    QVERIFY(url);
    QCOMPARE(url->port, 443);
    QCOMPARE(url->hostHeader(), std::string("dynamodb.eu-west-1.amazonaws.com"));
    QCOMPARE(url->origin(), std::string("https://dynamodb.eu-west-1.amazonaws.com"));
    for (const char* bad : {"localhost:8000", "ftp://x", "http://", "http://h:0", "http://h:99999",
                            "http://h:80/?a=b", "http://u:p@h"})
        QVERIFY2(!parseEndpointUrl(bad), bad);
}

void RemoteConnectionTest::signedRequestsVerify() {
    ResolvedConnection connection{
        "http://127.0.0.1:8000",
        "eu-west-1",
        {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "tok"},
        "typed in"};
    auto client = DynamoDbClient::create(connection);
    QVERIFY(client);
    const std::time_t now = 1440938160;  // 2015-08-30T12:36:00Z
    const HttpRequest request = client->signedRequest("ListTables", "{}", now);
    QCOMPARE(*request.header("Host"), std::string("127.0.0.1:8000"));
    QCOMPARE(*request.header("X-Amz-Date"), std::string("20150830T123600Z"));
    QCOMPARE(*request.header("X-Amz-Target"), std::string("DynamoDB_20120810.ListTables"));
    QCOMPARE(*request.header("X-Amz-Security-Token"), std::string("tok"));
    const std::string auth = *request.header("Authorization");
    QVERIFY(QString::fromStdString(auth).startsWith(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
        "Signature="));

    // The endpoint's verifier (which refuses session tokens) accepts a request signed without
    // one with the right secret, and rejects a wrong secret or a changed body.
    connection.credentials.sessionToken.clear();
    auto plain = DynamoDbClient::create(connection);
    QVERIFY(plain);
    const HttpRequest request2 = plain->signedRequest("ListTables", "{}", now);
    QVERIFY(!request2.header("X-Amz-Security-Token"));
    RequestAuthenticator right(connection.credentials, [now] { return now; });
    const Status accepted = right.check(request2);
    QVERIFY2(accepted.ok(), accepted.ok() ? "" : accepted.error().message.c_str());
    RequestAuthenticator wrong(sigv4::Credentials{"AKIDEXAMPLE", "other", {}},
                               [now] { return now; });
    QCOMPARE(wrong.check(request2).error().type, ErrorType::InvalidSignature);
    HttpRequest changed = request2;
    changed.body = R"({"Limit":1})";
    QCOMPARE(right.check(changed).error().type, ErrorType::InvalidSignature);
}

// The signature, computed step by step as AWS's documentation describes it (canonical request,
// string to sign, derived key), equals the client's.
void RemoteConnectionTest::signatureMatchesHandComputation() {
    ResolvedConnection connection{"http://example.amazonaws.com",
                                  "us-east-1",
                                  {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", {}},
                                  "typed in"};
    auto client = DynamoDbClient::create(connection);
    QVERIFY(client);
    const HttpRequest request = client->signedRequest("GetItem", "{}", 1440938160);
    const std::string canonical =
        "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:example.amazonaws.com\n"
        "x-amz-date:20150830T123600Z\nx-amz-target:DynamoDB_20120810.GetItem\n\n"
        "content-type;host;x-amz-date;x-amz-target\n" +
        sigv4::sha256Hex("{}");
    const std::string toSign =
        "AWS4-HMAC-SHA256\n20150830T123600Z\n"
        "20150830/us-east-1/dynamodb/aws4_request\n" +
        sigv4::sha256Hex(canonical);
    std::string key = sigv4::hmacSha256("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830");
    key = sigv4::hmacSha256(key, "us-east-1");
    key = sigv4::hmacSha256(key, "dynamodb");
    key = sigv4::hmacSha256(key, "aws4_request");
    const std::string expected = sigv4::toHex(sigv4::hmacSha256(key, toSign));
    QVERIFY(QString::fromStdString(*request.header("Authorization"))
                .endsWith(QString::fromStdString(", Signature=" + expected)));
}

void RemoteConnectionTest::remoteErrors() {
    Error e = DynamoDbClient::errorFromResponse(
        400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
             R"("message":"Requested resource not found"})");
    QCOMPARE(e.type, ErrorType::ResourceNotFound);
    QCOMPARE(e.message, std::string("Requested resource not found"));
    e = DynamoDbClient::errorFromResponse(
        400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
             R"("message":"The conditional request failed","Item":{"id":{"S":"a"}}})");
    QCOMPARE(e.type, ErrorType::ConditionalCheckFailed);
    QCOMPARE(e.extraJson, std::string(R"({"Item":{"id":{"S":"a"}}})"));
    e = DynamoDbClient::errorFromResponse(
        400, R"({"__type":"com.amazon.coral.service#AccessDeniedException","Message":"no"})");
    QCOMPARE(e.type, ErrorType::Validation);
    QCOMPARE(e.message, std::string("AccessDeniedException: no"));
    e = DynamoDbClient::errorFromResponse(502, "Bad Gateway");
    QCOMPARE(e.type, ErrorType::InternalServer);
    QCOMPARE(e.message, std::string("HTTP 502: Bad Gateway"));
}

QTEST_GUILESS_MAIN(RemoteConnectionTest)
#include "test_remote_connection.moc"
